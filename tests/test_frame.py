"""Records become one typed frame; filters keep a figure in every year its period overlaps,
and a cumulative figure stays one cumulative figure whatever the view."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.analysis.frame import (
    FIGURE_COLUMNS,
    Filters,
    apply_event_filters,
    apply_filters,
    events_frame,
    figures_frame,
    filter_by_years,
    year_span,
)

ALL_FIGURES = {
    "msf-ruritania-funding-since-2018",
    "msf-ruritania-victims-identified",
    "msf-ruritania-people-reached",
    "msf-ruritania-migrants-educated",
    "joint-action-plan-funding-2025",
    "elbonia-oic-funding-2025",
    "uk-returns-since-general-election",
    "border-security-summit-partners",
}
MSF = {
    "msf-ruritania-funding-since-2018",
    "msf-ruritania-victims-identified",
    "msf-ruritania-people-reached",
    "msf-ruritania-migrants-educated",
}


@pytest.fixture(scope="module")
def figures(dataset):
    return figures_frame(dataset)


@pytest.fixture(scope="module")
def events(dataset):
    return events_frame(dataset)


def ids(frame: pd.DataFrame) -> set[str]:
    return set(frame["id"])


def test_the_frame_has_the_fixed_columns_in_order_with_typed_values(figures):
    assert list(figures.columns) == FIGURE_COLUMNS
    assert list(figures.columns[:11]) == [
        "id",
        "programme",
        "metric",
        "value",
        "unit",
        "qualifier",
        "kind",
        "period_start",
        "period_end",
        "source",
        "quote",
    ]
    assert figures["value"].dtype == "float64"
    assert pd.api.types.is_datetime64_any_dtype(figures["period_start"])
    assert pd.api.types.is_datetime64_any_dtype(figures["period_end"])
    texts = [
        c
        for c in figures.columns
        if c not in ("value", "value_low", "value_high")
        and not pd.api.types.is_datetime64_any_dtype(figures[c])
    ]
    assert {type(v) for c in texts for v in figures[c].tolist()} <= {
        str,
        type(None),
    }  # text is str, missing text None
    assert ids(figures) == ALL_FIGURES


def test_each_row_carries_its_formatted_value_and_period(figures):
    row = figures.set_index("id").loc["msf-ruritania-funding-since-2018"]
    assert row["value_label"] == "over £7m"
    assert row["period_label"] == "2018 – Mar 2025, cumulative"
    assert row["source_publisher"] == "Ministry of Examples"


def test_a_2022_only_view_keeps_the_cumulative_since_2018_figures_and_drops_later_ones(
    figures, dataset
):
    view = apply_filters(figures, Filters(2022, 2022))
    assert ids(view) == MSF
    assert "uk-returns-since-general-election" not in ids(view)
    assert "joint-action-plan-funding-2025" not in ids(view)


def test_a_cumulative_figure_stays_cumulative_and_whole_in_a_narrow_view(figures):
    row = (
        apply_filters(figures, Filters(2022, 2022))
        .set_index("id")
        .loc["msf-ruritania-funding-since-2018"]
    )
    assert row["value"] == 7_000_000  # never split into a per-year share
    assert row["period_type"] == "cumulative"
    assert row["period_start"] == pd.Timestamp(2018, 1, 1)
    assert row["period_end"] == pd.Timestamp(2025, 3, 31)


@pytest.mark.parametrize(
    "year, expected",
    [
        (2017, set()),  # the year before the first period starts
        (2018, MSF),  # starts on 1 January 2018: overlaps its first year
        (2024, MSF | {"uk-returns-since-general-election"}),  # since 4 July 2024
        (2026, {"joint-action-plan-funding-2025"}),  # ends 31 March 2026
        (2027, set()),
    ],
)
def test_a_figure_belongs_to_every_year_its_period_overlaps_including_the_edge_years(
    figures, year, expected
):
    assert ids(apply_filters(figures, Filters(year, year))) == expected


def test_a_period_touching_the_range_by_one_day_overlaps_it():
    frame = pd.DataFrame(
        {
            "id": ["ends-1-jan", "starts-31-dec", "ends-31-dec-before"],
            "period_start": pd.to_datetime(["2019-06-01", "2021-12-31", "2019-01-01"]),
            "period_end": pd.to_datetime(["2020-01-01", "2022-06-30", "2019-12-31"]),
        }
    )
    assert ids(filter_by_years(frame, 2020, 2021)) == {"ends-1-jan", "starts-31-dec"}


def test_several_programmes_can_be_selected_at_once(figures):
    view = apply_filters(
        figures, Filters(2018, 2026, programmes=("joint-action-plan", "uk-returns"))
    )
    assert ids(view) == {"joint-action-plan-funding-2025", "uk-returns-since-general-election"}


def test_no_programme_selected_means_every_programme(figures):
    assert ids(apply_filters(figures, Filters(2018, 2026))) == ALL_FIGURES


def test_the_metric_filter_keeps_only_that_metric(figures):
    view = apply_filters(figures, Filters(2018, 2026, metrics=("funding",)))
    assert ids(view) == {
        "msf-ruritania-funding-since-2018",
        "joint-action-plan-funding-2025",
        "elbonia-oic-funding-2025",
    }


def test_filters_combine(figures):
    view = apply_filters(
        figures,
        Filters(
            2025,
            2025,
            programmes=("modern-slavery-fund-ruritania",),
            metrics=("funding", "returns"),
        ),
    )
    assert ids(view) == {"msf-ruritania-funding-since-2018"}


def test_a_year_only_event_belongs_to_its_whole_year(events):
    view = apply_event_filters(events, Filters(2018, 2018))
    assert list(view["id"]) == ["mou-2018"]
    assert view.loc[0, "date_label"] == "2018"


def test_events_are_filtered_by_year_and_programme_but_not_by_metric(events):
    view = apply_event_filters(
        events, Filters(2024, 2024, programmes=("migration-dialogue",), metrics=("funding",))
    )
    assert list(view["id"]) == [
        "ministerial-call-2024-04",
        "joint-statement-2024",
        "migration-dialogue-2",
    ]


def test_events_are_in_date_order(events):
    assert list(events["date"]) == sorted(events["date"])


def test_the_planned_2025_dialogue_is_marked_planned(events):
    row = events.set_index("id").loc["migration-dialogue-3"]
    assert row["status"] == "planned"
    assert row["date_precision"] == "year"


@pytest.mark.parametrize("which", ["dataset", "shipped_dataset"])
def test_the_year_span_covers_every_figure_and_event(which, request):
    data = request.getfixturevalue(which)
    span = year_span(data)
    if which == "dataset":
        assert span == (2018, 2026)
    figures, events = figures_frame(data), events_frame(data)
    assert len(apply_filters(figures, Filters(*span))) == len(figures) == len(data.figures)
    assert len(apply_event_filters(events, Filters(*span))) == len(events) == len(data.events)


def test_filters_describe_themselves_in_words(dataset):
    assert Filters(2022, 2022).describe(dataset) == "2022 · all programmes · all metrics"
    assert Filters(2018, 2025, ("uk-returns",), ("returns",)).describe(dataset) == (
        "2018–2025 · Returns of people with no right to be in the UK · Returns"
    )
