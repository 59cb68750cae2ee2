"""People: victims identified, people reached, migrants educated, one panel and axis per metric.

The chart shows 720 next to over 7 million: each metric gets its own panel and linear axis
(small multiples), never one shared axis where 720 vanishes nor a log axis whose bar lengths
mislead. Each panel is titled with its metric, what it counts and who counted it (the
vocabulary's ``counts`` and ``counted_by``): "potential victims identified in the UK by UK
authorities" is not "victims identified in Vietnam by the Fund".
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.config import Theme
from dashboard.curated.records import Dataset
from dashboard.views.charts import bars, panels
from dashboard.views.charts.registry import register
from dashboard.views.charts.texts import PANELS_INTRO, PEOPLE_AXIS, say
from dashboard.views.language import language_of, words_for


def draw(rows: pd.DataFrame, dataset: Dataset, theme: Theme) -> go.Figure:
    """One panel and axis per metric (and per scope, when the metric's figures have several)."""
    return panels.panel_chart(rows, dataset, theme, say(PEOPLE_AXIS, words_for(language_of(rows))), lone_pad=True)


PEOPLE = register(bars.bar_chart(
    "people",
    "People: victims identified, people reached, migrants educated",
    "figures for victims identified, people reached or migrants educated",
    draw=draw,
    more_intro=PANELS_INTRO,
))
