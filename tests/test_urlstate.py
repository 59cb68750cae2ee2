"""A view is a link: the query string round-trips the filters, and bad links fall back."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.web import urlstate
from dashboard.config import DefaultFilters
from dashboard.analysis.frame import Filters
from dashboard.curated.validate import load_valid

CLAIMS = (
    Path(__file__).resolve().parent / "fixtures" / "claims"
)  # fictional: programmes of several scopes


@pytest.fixture(scope="module")
def claims():
    return load_valid(CLAIMS / "data", CLAIMS / "seeds")


@pytest.fixture(scope="module")
def defaults(dataset):
    return urlstate.default_filters(dataset, DefaultFilters())


def test_the_default_view_spans_every_year_in_the_data_and_every_programme(defaults):
    assert defaults == Filters(2018, 2026, (), ())


def test_the_default_view_has_a_bare_address(dataset, defaults):
    assert urlstate.encode(defaults, defaults) == ""
    assert urlstate.parse("", dataset, defaults) == defaults


def test_a_link_restores_years_programmes_and_metric(dataset, defaults):
    view = Filters(2022, 2024, ("modern-slavery-fund-ruritania", "uk-returns"), ("returns",))
    query = urlstate.encode(view, defaults)
    assert (
        query
        == "?year_from=2022&year_to=2024&programme=modern-slavery-fund-ruritania&programme=uk-returns&metric=returns"
    )
    assert urlstate.parse(query, dataset, defaults) == view


def test_only_what_differs_from_the_defaults_is_written(defaults):
    assert urlstate.encode(Filters(2022, 2026, (), ()), defaults) == "?year_from=2022"


def test_the_question_mark_is_optional(dataset, defaults):
    assert urlstate.parse("year_from=2022", dataset, defaults).year_from == 2022


@pytest.mark.parametrize("value", ["1899", "abc", "20222", "-2022", "2022.0", "２０２２", "0x7e6"])
def test_a_malformed_year_from_falls_back_to_the_default_and_is_named(dataset, defaults, value):
    link = urlstate.parse_link(f"?year_from={value}&year_to=2024", dataset, defaults)
    assert link.filters == Filters(2018, 2024, (), ())
    assert len(link.unused) == 1 and link.unused[0].startswith("year_from=")


def test_an_empty_year_from_means_the_default_quietly(dataset, defaults):
    assert urlstate.parse_link("?year_from=&year_to=2024", dataset, defaults) == urlstate.Link(
        Filters(2018, 2024, (), ())
    )


@pytest.mark.parametrize(
    "query, years",
    [
        ("?year_from=2013&year_to=2013", (2013, 2013)),
        ("?year_from=2013&year_to=2020", (2013, 2020)),
        ("?year_from=2020&year_to=2031", (2020, 2031)),
    ],
)
def test_a_links_years_outside_the_data_are_kept_not_narrowed(dataset, defaults, query, years):
    link = urlstate.parse_link(query, dataset, defaults)
    assert (link.filters.year_from, link.filters.year_to) == years
    assert link.unused == ()
    assert urlstate.encode(link.filters, defaults) == query


def test_years_outside_the_data_are_named_with_the_datas_span(dataset, defaults):
    assert (
        urlstate.years_without_data(Filters(2013, 2013), dataset)
        == "No figures or events in 2013: the data covers 2018–2026."
    )
    assert (
        urlstate.years_without_data(Filters(2013, 2030), dataset)
        == "No figures or events in 2013–2017 or 2027–2030: the data covers 2018–2026."
    )
    assert urlstate.years_without_data(Filters(2018, 2026), dataset) == ""


def test_the_year_slider_widens_to_a_links_years(dataset):
    assert urlstate.slider_span(Filters(2013, 2013), dataset) == (2013, 2026)
    assert urlstate.slider_span(Filters(2020, 2022), dataset) == (2018, 2026)


def test_a_range_that_ends_before_it_starts_falls_back_to_the_default_range_and_says_so(
    dataset, defaults
):
    link = urlstate.parse_link(
        "?year_from=2025&year_to=2019&programme=uk-returns", dataset, defaults
    )
    assert link.filters == Filters(2018, 2026, ("uk-returns",), ())
    assert link.unused == ("year_from=2025&year_to=2019: the range ends before it starts",)


def test_unknown_programmes_are_dropped_known_ones_kept_and_each_unknown_one_named(
    dataset, defaults
):
    link = urlstate.parse_link(
        "?programme=nope&programme=uk-returns&programme=%3Cscript%3E", dataset, defaults
    )
    assert link.filters.programmes == ("uk-returns",)
    assert link.unused == (
        "programme=nope: no such programme",
        "programme=<script>: no such programme",
    )


@pytest.mark.parametrize(
    "query, part",
    [
        ("?metric=gone", "metric=gone: no such metric"),
        ("?scope=moon", "scope=moon: no such scope"),
        ("?quantity=forged", "quantity=forged: no such quantity in this data"),
    ],
)
def test_an_unknown_metric_scope_or_quantity_is_left_out_and_named(dataset, defaults, query, part):
    link = urlstate.parse_link(query, dataset, defaults)
    assert link.filters == defaults
    assert link.unused == (part,)
    assert part in urlstate.unused_notice(link.unused)


def test_a_very_long_unknown_value_is_quoted_cut_short(dataset, defaults):
    link = urlstate.parse_link("?programme=" + "x" * 500, dataset, defaults)
    assert len(link.unused[0]) < 100 and link.unused[0].endswith("…: no such programme")


def test_scope_is_kept_in_a_link_like_programmes(claims):
    defaults = urlstate.default_filters(claims, DefaultFilters())
    view = Filters(defaults.year_from, defaults.year_to, (), (), ("uk_worldwide", "not_stated"))
    query = urlstate.encode(view, defaults)
    assert query == "?scope=uk_worldwide&scope=not_stated"
    assert urlstate.parse(query, claims, defaults) == view


def test_the_scopes_offered_are_those_of_the_programmes_and_not_stated_when_one_has_none(claims):
    assert urlstate.choices(claims).scopes == ("uk_worldwide", "example_bilateral", "not_stated")


def test_the_claims_quantity_is_kept_in_a_link(dataset, defaults):
    quantity = urlstate.choices(dataset).quantities[-1]
    view = Filters(2018, 2026, quantity=quantity)
    query = urlstate.encode(view, defaults)
    assert query == f"?quantity={quantity}"
    assert urlstate.parse(query, dataset, defaults) == view


def test_a_config_default_scope_opens_on_that_scope_and_a_link_can_ask_for_every_scope(claims):
    defaults = urlstate.default_filters(claims, DefaultFilters(scope=("example_bilateral", "gone")))
    assert defaults.scope == ("example_bilateral",)
    assert urlstate.parse("", claims, defaults).scope == ("example_bilateral",)
    every = Filters(defaults.year_from, defaults.year_to)
    assert urlstate.encode(every, defaults) == "?scope="
    assert urlstate.parse("?scope=", claims, defaults) == every


def test_only_unknown_programmes_mean_the_default_programmes_and_are_named(dataset, defaults):
    link = urlstate.parse_link("?programme=nope", dataset, defaults)
    assert link.filters.programmes == ()
    assert link.unused == ("programme=nope: no such programme",)


def test_an_unknown_metric_is_ignored(dataset, defaults):
    assert urlstate.parse("?metric=funding%27%20OR%201=1", dataset, defaults).metrics == ()


def test_one_metric_is_kept_when_a_link_repeats_it(dataset, defaults):
    assert len(urlstate.parse("?metric=returns&metric=funding", dataset, defaults).metrics) == 1


def test_unknown_keys_are_ignored(dataset, defaults):
    assert urlstate.parse("?utm_source=mail&year_to=2025", dataset, defaults) == Filters(
        2018, 2025, (), ()
    )


@pytest.mark.parametrize(
    "query",
    [
        None,
        42,
        ["?year_from=2022"],
        {"year_from": 2022},
        "?" + "programme=uk-returns&" * 5000,
        "?year_from=%ff%fe&programme=%00",
        "?&&&==&",
        "?year_from=2022&year_from=abc",
    ],
)
def test_forged_query_strings_never_raise_and_give_a_valid_view(dataset, defaults, query):
    view = urlstate.parse(query, dataset, defaults)
    assert urlstate.FIRST_LINK_YEAR <= view.year_from <= view.year_to <= urlstate.LAST_LINK_YEAR
    assert set(view.programmes) <= {p.id for p in dataset.programmes}


def test_the_defaults_come_from_the_config_clipped_to_the_data(dataset):
    config = DefaultFilters(
        year_from=2010, year_to=2024, programme=("uk-returns", "gone"), metric=("returns",)
    )
    assert urlstate.default_filters(dataset, config) == Filters(
        2018, 2024, ("uk-returns",), ("returns",)
    )


def test_a_link_is_read_against_config_defaults(dataset):
    defaults = urlstate.default_filters(dataset, DefaultFilters(year_from=2022))
    assert urlstate.parse("?year_from=1899", dataset, defaults).year_from == 2022
    assert urlstate.parse("?year_from=2013", dataset, defaults).year_from == 2013
    assert urlstate.encode(Filters(2018, 2026, (), ()), defaults) == "?year_from=2018"


def test_the_controls_show_a_view_and_read_back_to_it(dataset, defaults):
    view = Filters(2022, 2022, ("uk-returns",), ("returns",))
    years, programmes, metric, scope, quantity = urlstate.to_controls(view)
    assert (years, programmes, metric, scope, quantity) == (
        [2022, 2022],
        ["uk-returns"],
        "returns",
        [],
        None,
    )
    assert (
        urlstate.from_controls(years, programmes, metric, dataset, defaults, scope, quantity)
        == view
    )
    scoped = Filters(
        2013, 2022, (), (), ("not_stated",), quantity=urlstate.choices(dataset).quantities[0]
    )
    assert (
        urlstate.from_controls(
            *urlstate.to_controls(scoped)[:3], dataset, defaults, *urlstate.to_controls(scoped)[3:]
        )
        == scoped
    )


def test_all_metrics_and_no_programmes_mean_everything(dataset, defaults):
    assert urlstate.to_controls(defaults)[2] == urlstate.ALL_METRICS
    assert (
        urlstate.from_controls([2018, 2026], [], urlstate.ALL_METRICS, dataset, defaults)
        == defaults
    )


@pytest.mark.parametrize(
    "years, programmes, metric",
    [
        ("2022", "uk-returns", 7),
        ([2022], [None, {}, ["x"]], ["returns"]),
        ([True, False], ["uk-returns"] * 100_000, {"$gt": ""}),
        ([2030, 1990], ("nope",), "nope"),
        ([2022.0, "2023"], None, None),
        ([float("nan"), 10**100], [], ""),
    ],
)
def test_forged_control_values_never_raise_and_give_a_valid_view(
    dataset, defaults, years, programmes, metric
):
    view = urlstate.from_controls(years, programmes, metric, dataset, defaults, programmes, metric)
    assert urlstate.FIRST_LINK_YEAR <= view.year_from <= view.year_to <= urlstate.LAST_LINK_YEAR
    assert set(view.programmes) <= {p.id for p in dataset.programmes}
    assert set(view.metrics) <= {m.id for m in dataset.metrics}
    assert set(view.scope) <= set(urlstate.choices(dataset).scopes)
    assert view.quantity is None or view.quantity in urlstate.choices(dataset).quantities


def test_a_forged_year_range_from_the_controls_falls_back_to_the_defaults(dataset, defaults):
    assert urlstate.from_controls([2030, 1990], [], "all", dataset, defaults) == defaults
    assert urlstate.from_controls([1066, 2022], [], "all", dataset, defaults) == Filters(
        2018, 2022, (), ()
    )
    assert urlstate.from_controls([2022.0, "2023"], [], "all", dataset, defaults) == Filters(
        2022, 2023, (), ()
    )


def test_every_programme_and_metric_survive_a_link_when_the_defaults_are_narrower(dataset):
    defaults = urlstate.default_filters(
        dataset, DefaultFilters(programme=("uk-returns",), metric=("returns",))
    )
    everything = Filters(2018, 2026, (), ())
    query = urlstate.encode(everything, defaults)
    assert query == "?programme=&metric=all"
    assert urlstate.parse(query, dataset, defaults) == everything
    assert urlstate.parse("", dataset, defaults) == defaults


# --- the page's language ------------------------------------------------------------------------


def test_a_link_names_its_language_after_its_filters_and_the_default_language_is_left_out(
    dataset, defaults
):
    view = Filters(2022, 2024, (), ())
    assert urlstate.encode(view, defaults, "vi") == "?year_from=2022&year_to=2024&lang=vi"
    assert urlstate.encode(view, defaults, "en") == "?year_from=2022&year_to=2024"
    assert urlstate.encode(defaults, defaults, "vi") == "?lang=vi"
    assert urlstate.encode(defaults, defaults, "en", default_language="vi") == "?lang=en"
    link = urlstate.parse_link("?year_from=2022&year_to=2024&lang=vi", dataset, defaults)
    assert link.language == "vi" and link.filters == view and link.unused == ()


def test_a_bad_language_reads_as_the_default_and_the_page_says_which_part_was_left_out(
    dataset, defaults
):
    for bad in ("fr", "VI-vn", "%00", "x" * 500):
        link = urlstate.parse_link(f"?lang={bad}&year_from=2022", dataset, defaults)
        assert link.language is None and link.filters.year_from == 2022
        assert len(link.unused) == 1 and link.unused[0].startswith("lang=")
    assert (
        urlstate.parse_link("?lang=", dataset, defaults).unused == ()
    )  # blank: the default, nothing to say
    assert (
        urlstate.link_language("?lang=VI") == "vi"
        and urlstate.link_language("?lang=fr", "en") == "en"
    )
    assert (
        urlstate.link_language(None, "vi") == "vi"
        and urlstate.link_language("?" + "a=1&" * 5000) == "en"
    )


def test_the_same_view_in_another_language_keeps_every_other_part_of_the_link():
    assert (
        urlstate.language_search("?year_from=2022&programme=a&programme=b&lang=en", "vi")
        == "?year_from=2022&programme=a&programme=b&lang=vi"
    )
    assert urlstate.language_search("?year_from=2022&lang=vi", "en") == "?year_from=2022"
    assert (
        urlstate.language_search("", "en") == ""
        and urlstate.language_search("?lang=vi&lang=vi", "vi") == "?lang=vi"
    )
    assert (
        urlstate.language_search("?year_from=2022", "en", default="vi") == "?year_from=2022&lang=en"
    )
