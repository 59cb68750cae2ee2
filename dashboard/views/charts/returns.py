"""Returns: one bar per returns figure (see ``bars``)."""

from __future__ import annotations

from dashboard.views.charts import bars
from dashboard.views.charts.registry import ChartSpec, register
from dashboard.views.charts.texts import BARS_INTRO

RETURNS = register(ChartSpec(
    name="returns",
    title="Returns",
    empty_what="returns figures",
    plots="figures",
    select=bars.metric_rows("returns"),
    cap=bars.largest_per_metric,
    cap_text=bars.cap_note,
    draw=bars.single_panel,
    intro=lambda title, rows: BARS_INTRO.format(title=title),
    items=bars.alt_items,
    notes=bars.qualifier_notes,
))
