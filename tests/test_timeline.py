"""The timeline as a reader meets it: every event type the vocabulary lists is drawn, the same
event reported by two documents is one marker that names both, a season or a year is drawn as
the span it is, and a narrow view never lets a year-only event fill the axis.

Runs on the fictional datasets in tests/fixtures (claims: a ``same_as`` pair, a planned visit
in "autumn 2019"; sample: a memorandum dated only "2018")."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.analysis.frame import events_frame, figures_frame
from dashboard.config import load_config
from dashboard.curated.validate import load_valid
from dashboard.views.charts import (
    EVENT_LABEL_ROLE,
    EVENT_TRACE_ROLE,
    SPAN_TRACE_ROLE,
    alt_text,
    build_chart,
)

CLAIMS = Path(__file__).parent / "fixtures" / "claims"


@pytest.fixture(scope="module")
def theme():
    return load_config(None).theme


@pytest.fixture(scope="module")
def claims():
    return load_valid(CLAIMS / "data", CLAIMS / "seeds")


def timeline(dataset, theme, events=None):
    figures = figures_frame(dataset)
    return build_chart(
        "timeline",
        figures.iloc[0:0],
        events_frame(dataset) if events is None else events,
        dataset,
        theme,
    )


def marker_ids(fig) -> list[str]:
    return [
        row[0]
        for t in fig.data
        if (t.meta or {}).get("role") == EVENT_TRACE_ROLE
        for row in t.customdata
    ]


def marker_of(fig, event_id: str):
    for t in fig.data:
        if (t.meta or {}).get("role") == EVENT_TRACE_ROLE:
            for i, row in enumerate(t.customdata):
                if row[0] == event_id:
                    return t, i
    raise AssertionError(f"no marker for {event_id}")


def band_of(fig, event_id: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    (band,) = [t for t in fig.data if (t.meta or {}).get("role") == SPAN_TRACE_ROLE]
    points = list(zip(band.x, band.y))
    start = [i for i, (_, y) in enumerate(points) if y == event_id][0]
    return pd.Timestamp(points[start][0]), pd.Timestamp(points[start + 1][0])


def test_an_event_type_new_to_the_vocabulary_is_drawn_with_its_own_name_and_shape(claims, theme):
    fig = timeline(claims, theme)
    visit, _ = marker_of(fig, "ministerial-visit")
    declared = {t.id: t for t in claims.known_event_types}
    assert visit.name == f"{declared['visit'].label} (planned)"
    assert visit.marker.symbol == f"{declared['visit'].symbol}-open"
    agreement, _ = marker_of(fig, "memorandum-signed")
    assert agreement.marker.symbol.removesuffix("-open") != declared["visit"].symbol


def test_the_same_event_from_two_documents_is_one_marker_naming_both_documents(claims, theme):
    events = events_frame(claims)
    fig = timeline(claims, theme, events)
    ids = marker_ids(fig)
    assert (
        ids.count("memorandum-signed") == 1 and "memorandum-signed-restated" not in ids
    )  # the day beats the month
    marker, i = marker_of(fig, "memorandum-signed")
    for source in set(
        events.loc[
            events["same_group"] == events.set_index("id").loc["memorandum-signed", "same_group"],
            "source",
        ]
    ):
        assert source in marker.hovertext[i]
    assert (
        alt_text("timeline", figures_frame(claims).iloc[0:0], events, claims).count(
            "Memorandum of understanding signed"
        )
        == 1
    )


def test_a_season_is_drawn_across_its_three_months_with_the_marker_in_the_middle(claims, theme):
    fig = timeline(claims, theme)
    start, end = band_of(fig, "ministerial-visit")
    assert (start, end) == (pd.Timestamp("2019-09-01"), pd.Timestamp("2019-12-01"))
    marker, i = marker_of(fig, "ministerial-visit")
    assert start < pd.Timestamp(marker.x[i]) < end
    assert "autumn 2019" in marker.hovertext[i]


def test_a_lone_year_only_event_fills_at_most_a_third_of_the_axis_and_its_label_sits_beside_it(
    dataset, theme
):
    events = events_frame(dataset)
    year_only = events[events["date_precision"] == "year"].iloc[[0]]
    fig = timeline(dataset, theme, year_only)
    event_id = year_only["id"].item()
    start, end = band_of(fig, event_id)
    lo, hi = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert (end - start) <= (hi - lo) / 3
    (labels,) = [t for t in fig.data if (t.meta or {}).get("role") == EVENT_LABEL_ROLE]
    anchor, position = pd.Timestamp(labels.x[0]), labels.textposition[0]
    if position == "middle right":
        assert (
            anchor >= end and (hi - anchor) >= (anchor - lo) * 0.5
        )  # beyond the band, with room to run
    else:
        assert (
            position == "middle left" and anchor <= start and (anchor - lo) >= (hi - anchor) * 0.5
        )
