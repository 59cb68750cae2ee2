"""Pure chart builders: filtered frames in, one plotly figure out. No Dash, no I/O.

One module per chart (funding, people, returns, timeline, claims), each registering a ``ChartSpec``
in ``registry.CHARTS``; ``bars`` and ``draw`` hold what they share, ``texts`` their words.
The page, the deck, the slide images and the CLI read ``CHARTS`` and the functions below;
nothing else names a chart. The import order below is the page order.

Every chart draws one mark per curated figure or event and never adds figures together.
Every mark's ``customdata[0]`` is its figure id (event id on the timeline): a click opens
the source sentence. An empty selection gives a figure with no axes and a message naming
what is empty. Titles stay out of the figure (the page and the slides set their own);
annotations added here carry a ``name``.
"""

from __future__ import annotations

from dashboard.views.charts.registry import (  # noqa: F401  (the public names)
    CHARTS,
    ChartSpec,
    alt_text,
    chart_problems,
    metric_charts,
    build_chart,
    candidate_rows,
    chart_figure,
    cap_note,
    empty_message,
    plotted_rows,
    qualifier_notes,
    register,
    source_footer,
    unregister,
)
from dashboard.views.charts import funding, people, returns, timeline, claims  # noqa: F401  (each registers itself, in page order)
from dashboard.views.charts.bars import MAX_BARS, QUALIFIER_END_SYMBOL, QUALIFIER_PATTERN  # noqa: F401
from dashboard.views.charts.draw import (  # noqa: F401
    BAR_TRACE_ROLE,
    CAP_NOTE_NAME,
    EMPTY_MESSAGE_NAME,
    END_TRACE_ROLE,
    EVENT_LABEL_ROLE,
    EVENT_TRACE_ROLE,
    KEY_TRACE_ROLE,
    PANEL_TITLE_NAME,
    SPAN_TRACE_ROLE,
    Spec,
    as_figure,
    empty_figure,
    nice_ticks,
)
from dashboard.views.charts.texts import (
    COMMITMENT_NOTE,
    EVENT_TYPE_LABELS,
    PRECISION_NOTES,
    QUALIFIER_PHRASES,
)  # noqa: F401
from dashboard.views.charts.timeline import MAX_EVENTS  # noqa: F401

__all__ = [
    "CHARTS",
    "COMMITMENT_NOTE",
    "ChartSpec",
    "EMPTY_MESSAGE_NAME",
    "alt_text",
    "build_chart",
    "chart_figure",
    "empty_figure",
    "empty_message",
    "nice_ticks",
    "plotted_rows",
    "qualifier_notes",
    "register",
    "source_footer",
]
