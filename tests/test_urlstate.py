"""A view is a link: the query string round-trips the filters, and bad links fall back."""

from __future__ import annotations

import pytest

from dashboard.web import urlstate
from dashboard.config import DefaultFilters
from dashboard.analysis.frame import Filters


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
    assert query == "?year_from=2022&year_to=2024&programme=modern-slavery-fund-ruritania&programme=uk-returns&metric=returns"
    assert urlstate.parse(query, dataset, defaults) == view


def test_only_what_differs_from_the_defaults_is_written(defaults):
    assert urlstate.encode(Filters(2022, 2026, (), ()), defaults) == "?year_from=2022"


def test_the_question_mark_is_optional(dataset, defaults):
    assert urlstate.parse("year_from=2022", dataset, defaults).year_from == 2022


@pytest.mark.parametrize("value", ["1999", "2099", "abc", "", "20222", "-2022", "2022.0", "２０２２", "0x7e6"])
def test_an_out_of_range_or_malformed_year_from_falls_back_to_the_default(dataset, defaults, value):
    assert urlstate.parse(f"?year_from={value}&year_to=2024", dataset, defaults) == Filters(2018, 2024, (), ())


def test_a_range_that_ends_before_it_starts_falls_back_to_the_default_range(dataset, defaults):
    view = urlstate.parse("?year_from=2025&year_to=2019&programme=uk-returns", dataset, defaults)
    assert view == Filters(2018, 2026, ("uk-returns",), ())


def test_unknown_programmes_are_dropped_and_known_ones_kept(dataset, defaults):
    view = urlstate.parse("?programme=nope&programme=uk-returns&programme=%3Cscript%3E", dataset, defaults)
    assert view.programmes == ("uk-returns",)


def test_only_unknown_programmes_mean_the_default_programmes(dataset, defaults):
    assert urlstate.parse("?programme=nope", dataset, defaults).programmes == ()


def test_an_unknown_metric_is_ignored(dataset, defaults):
    assert urlstate.parse("?metric=funding%27%20OR%201=1", dataset, defaults).metrics == ()


def test_one_metric_is_kept_when_a_link_repeats_it(dataset, defaults):
    assert len(urlstate.parse("?metric=returns&metric=funding", dataset, defaults).metrics) == 1


def test_unknown_keys_are_ignored(dataset, defaults):
    assert urlstate.parse("?utm_source=mail&year_to=2025", dataset, defaults) == Filters(2018, 2025, (), ())


@pytest.mark.parametrize(
    "query",
    [
        None, 42, ["?year_from=2022"], {"year_from": 2022},
        "?" + "programme=uk-returns&" * 5000,
        "?year_from=%ff%fe&programme=%00",
        "?&&&==&",
        "?year_from=2022&year_from=abc",
    ],
)
def test_forged_query_strings_never_raise_and_give_a_valid_view(dataset, defaults, query):
    view = urlstate.parse(query, dataset, defaults)
    assert 2018 <= view.year_from <= view.year_to <= 2026
    assert set(view.programmes) <= {p.id for p in dataset.programmes}


def test_the_defaults_come_from_the_config_clipped_to_the_data(dataset):
    config = DefaultFilters(year_from=2010, year_to=2024, programmes=("uk-returns", "gone"), metrics=("returns",))
    assert urlstate.default_filters(dataset, config) == Filters(2018, 2024, ("uk-returns",), ("returns",))


def test_a_link_is_read_against_config_defaults(dataset):
    defaults = urlstate.default_filters(dataset, DefaultFilters(year_from=2022))
    assert urlstate.parse("?year_from=1900", dataset, defaults).year_from == 2022
    assert urlstate.encode(Filters(2018, 2026, (), ()), defaults) == "?year_from=2018"


def test_the_controls_show_a_view_and_read_back_to_it(dataset, defaults):
    view = Filters(2022, 2022, ("uk-returns",), ("returns",))
    years, programmes, metric = urlstate.to_controls(view)
    assert (years, programmes, metric) == ([2022, 2022], ["uk-returns"], "returns")
    assert urlstate.from_controls(years, programmes, metric, dataset, defaults) == view


def test_all_metrics_and_no_programmes_mean_everything(dataset, defaults):
    assert urlstate.to_controls(defaults)[2] == urlstate.ALL_METRICS
    assert urlstate.from_controls([2018, 2026], [], urlstate.ALL_METRICS, dataset, defaults) == defaults


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
def test_forged_control_values_never_raise_and_give_a_valid_view(dataset, defaults, years, programmes, metric):
    view = urlstate.from_controls(years, programmes, metric, dataset, defaults)
    assert 2018 <= view.year_from <= view.year_to <= 2026
    assert set(view.programmes) <= {p.id for p in dataset.programmes}
    assert set(view.metrics) <= {m.id for m in dataset.metrics}


def test_a_forged_year_range_from_the_controls_falls_back_to_the_defaults(dataset, defaults):
    assert urlstate.from_controls([2030, 1990], [], "all", dataset, defaults) == defaults
    assert urlstate.from_controls([2022.0, "2023"], [], "all", dataset, defaults) == Filters(2022, 2023, (), ())


def test_every_programme_and_metric_survive_a_link_when_the_defaults_are_narrower(dataset):
    defaults = urlstate.default_filters(dataset, DefaultFilters(programmes=("uk-returns",), metrics=("returns",)))
    everything = Filters(2018, 2026, (), ())
    query = urlstate.encode(everything, defaults)
    assert query == "?programme=&metric=all"
    assert urlstate.parse(query, dataset, defaults) == everything
    assert urlstate.parse("", dataset, defaults) == defaults
