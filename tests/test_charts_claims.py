"""Charts, cards and speaker notes on the fictional claims dataset (tests/fixtures/claims):
ranges drawn as both bounds, scope on every bar, a share marked as part of its whole and
never summed, an updated figure drawn once (the latest), disagreeing documents side by side,
and the claims view of one quantity across documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.analysis import fmt
from dashboard.analysis.frame import Filters, apply_event_filters, apply_filters, events_frame, figures_frame, year_span
from dashboard.config import load_config
from dashboard.curated.validate import load_valid
from dashboard.views.charts import (
    BAR_TRACE_ROLE, END_TRACE_ROLE, KEY_TRACE_ROLE, alt_text, build_chart, plotted_rows, qualifier_notes,
)
from dashboard.views.charts.draw import RANGE_TRACE_ROLE

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = Path(__file__).resolve().parent / "fixtures" / "claims"


@pytest.fixture(scope="module")
def claims():
    return load_valid(CLAIMS / "data", CLAIMS / "seeds")


@pytest.fixture(scope="module")
def theme():
    return load_config(ROOT / "config.yaml").theme


@pytest.fixture(scope="module")
def view(claims):
    """``view(filters)`` → (filtered figures, filtered events, filters); every year by default."""
    figures, events = figures_frame(claims), events_frame(claims)

    def make(filters: Filters | None = None):
        filters = filters or Filters(*year_span(claims))
        return apply_filters(figures, filters), apply_event_filters(events, filters), filters

    return make


def traces(fig, role):
    return [t for t in fig.data if (t.meta or {}).get("role") == role]


def drawn_ids(fig, role=BAR_TRACE_ROLE):
    return [i for t in traces(fig, role) for i in t.y]


def test_a_range_is_drawn_from_its_low_bound_to_its_high_bound_and_labelled_between_them(claims, view, theme):
    figures, events, filters = view()
    fig = build_chart("people", figures, events, claims, theme, filters)
    bar = next(t for t in traces(fig, BAR_TRACE_ROLE) if "campaign-reach" in list(t.y))
    extension = next(t for t in traces(fig, RANGE_TRACE_ROLE) if "campaign-reach" in list(t.y))
    i, j = list(bar.y).index("campaign-reach"), list(extension.y).index("campaign-reach")
    assert bar.x[i] == 10_000  # the solid bar stops at the low bound
    assert (extension.base[j], extension.base[j] + extension.x[j]) == (10_000, 13_000)
    label = next(t for t in traces(fig, END_TRACE_ROLE) if "campaign-reach" in list(t.y))
    k = list(label.y).index("campaign-reach")
    assert label.text[k] == "between 10,000 and 13,000" and label.x[k] == 13_000
    assert any(k.name.startswith("Between") for k in traces(fig, KEY_TRACE_ROLE))


def test_a_range_brings_its_note_under_the_chart_and_into_the_alt_text(claims, view):
    figures, events, filters = view()
    assert fmt.RANGE_NOTE in qualifier_notes("people", figures)
    assert "between 10,000 and 13,000 (a range)" in alt_text("people", figures, events, claims, filters)
