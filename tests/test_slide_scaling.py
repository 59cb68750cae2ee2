"""A slide image grows the dashboard chart's text and marks with the slide, never its data
(``images._scale_sizes``, which replaced the charts' own copy of the same walk)."""

from __future__ import annotations

import copy

from dashboard.analysis.frame import (
    Filters,
    apply_event_filters,
    apply_filters,
    events_frame,
    figures_frame,
    year_span,
)
from dashboard.outputs.images import _scale_sizes
from dashboard.views.charts import END_TRACE_ROLE, build_chart


def _data_only(figure: dict) -> list[dict]:
    """Each trace without its styling: what it plots."""
    return [
        {k: v for k, v in t.items() if k not in ("marker", "textfont", "line")}
        for t in figure["data"]
    ]


def test_scaling_a_chart_doubles_its_fonts_and_end_markers_but_moves_no_bar(dataset, config):
    filters = Filters(*year_span(dataset))
    figures = apply_filters(figures_frame(dataset), filters)
    events = apply_event_filters(events_frame(dataset), filters)
    small = build_chart("funding", figures, events, dataset, config.theme, filters).to_dict()
    big = copy.deepcopy(small)
    _scale_sizes(big, 2)
    assert (
        big["layout"]["template"]["layout"]["font"]["size"]
        == 2 * small["layout"]["template"]["layout"]["font"]["size"]
    )
    ends = [
        (s, b)
        for s, b in zip(small["data"], big["data"])
        if s.get("meta", {}).get("role") == END_TRACE_ROLE
    ]
    assert ends and all(b["marker"]["size"] == 2 * s["marker"]["size"] for s, b in ends)
    assert repr(_data_only(big)) == repr(_data_only(small))
