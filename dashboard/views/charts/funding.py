"""Funding by programme: one bar per funding figure, labelled by programme and period;
pledges pale, bounds hatched (see ``bars``)."""

from __future__ import annotations

from dashboard.views.charts.bars import bar_chart
from dashboard.views.charts.panels import scoped_panels
from dashboard.views.charts.registry import register

FUNDING = register(
    bar_chart("funding", "Funding by programme", "funding figures", draw=scoped_panels)
)
