"""People: victims identified, people reached, migrants educated, one panel and axis per metric.

The chart shows 720 next to over 7 million: each metric gets its own panel and linear axis
(small multiples), never one shared axis where 720 vanishes nor a log axis whose bar lengths
mislead.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.config import Theme
from dashboard.curated.records import Dataset
from dashboard.views.charts import bars
from dashboard.views.charts.draw import PANEL_TITLE_NAME, esc, figure
from dashboard.views.charts.registry import register
from dashboard.views.charts.texts import OWN_SCALE, PANELS_INTRO, PEOPLE_AXIS
from dashboard.views.theme import DASHBOARD_HEIGHT, chart_height


def draw(rows: pd.DataFrame, dataset: Dataset, theme: Theme) -> go.Figure:
    rows = bars.bar_order(rows, dataset)
    metrics = list(dict.fromkeys(rows["metric"].tolist()))  # vocabulary order, from bar_order
    panels = [rows[rows["metric"] == m] for m in metrics]
    drawn = len(rows) + len(panels)  # a row per bar, and one per panel title
    gap = 0.13 * DASHBOARD_HEIGHT / chart_height(drawn) if len(panels) > 1 else 0.0  # the same pixels in a taller chart
    heights = np.array([len(p) for p in panels], dtype=float)
    heights = heights / heights.sum() * (1 - gap * (len(panels) - 1))
    data: list[dict] = []
    layout: dict = {"annotations": []}
    top = 1.0
    for i, (metric, panel) in enumerate(zip(metrics, panels), start=1):
        suffix = "" if i == 1 else str(i)
        x, y = f"x{suffix}", f"y{suffix}"
        data += bars.bar_traces(panel, dataset, theme, xaxis=x, yaxis=y)
        bottom = top - heights[i - 1]
        layout[f"xaxis{suffix}"] = {**bars.value_axis(panel, dataset, ""), "anchor": y, "domain": [0, 1]}
        slots = 1 if len(panels) > 1 else 3  # a lone panel pads a lone bar like the other charts
        layout[f"yaxis{suffix}"] = {**bars.category_axis(panel, min_slots=slots), "anchor": x, "domain": [max(bottom, 0.0), top]}
        layout["annotations"].append({
            "name": PANEL_TITLE_NAME, "text": esc(dataset.metric(metric).label), "showarrow": False,
            "xref": f"{x} domain", "yref": f"{y} domain", "x": 0, "y": 1, "xanchor": "left", "yanchor": "bottom",
            "font": {"size": 13, "color": theme.text_colour},
        })
        top = bottom - gap
    layout[f"xaxis{'' if len(panels) == 1 else len(panels)}"]["title"] = {
        "text": PEOPLE_AXIS + (OWN_SCALE if len(panels) > 1 else "")
    }
    keys = bars.key_traces(rows, theme)
    # The legend sits in the top margin and the first panel's title just above its panel:
    # give the title a line of its own below the legend (about three keys fit on a row).
    layout.update(barmode="overlay", bargap=0.35, showlegend=True, margin={"t": 26 + 22 * math.ceil(len(keys) / 3)})
    return figure(data + keys, layout, theme, rows=drawn)


PEOPLE = register(bars.bar_chart(
    "people",
    "People: victims identified, people reached, migrants educated",
    "figures for victims identified, people reached or migrants educated",
    draw=draw,
    more_intro=PANELS_INTRO,
))
