"""Returns: one bar per returns figure (see ``bars``)."""

from __future__ import annotations

from dashboard.views.charts.bars import bar_chart
from dashboard.views.charts.panels import scoped_panels
from dashboard.views.charts.registry import register

RETURNS = register(bar_chart("returns", "Returns", "returns figures", draw=scoped_panels))
