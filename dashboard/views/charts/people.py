"""People: victims identified, people reached, migrants educated, one panel and axis per metric.

The chart shows 720 next to over 7 million: each metric gets its own panel and linear axis
(small multiples), never one shared axis where 720 vanishes nor a log axis whose bar lengths
mislead. Each panel is titled with its metric, what it counts and who counted it (the
vocabulary's ``counts``; each figure's counter, ``charts.panels``): "potential victims
identified in the UK by UK authorities" is not "victims identified in Vietnam by the Fund".
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


PEOPLE_UNIT = "people"  # the unit whose axis reads "Number of people"


def draw(rows: pd.DataFrame, dataset: Dataset, theme: Theme) -> go.Figure:
    """One panel and axis per metric (and per scope, when the metric's figures have several)."""
    return panels.panel_chart(rows, dataset, theme, axis_title(rows, dataset), lone_pad=True)


def axis_title(rows: pd.DataFrame, dataset: Dataset) -> str:
    """ "Number of people" under panels of people only; a multiple or a share drawn here
    ("potentially 4 times as many victims") is titled with its own unit, never as people
    ("Victims compared with those identified (times as many)"); panels of several units
    leave it to each panel's title ("Each panel has its own unit and scale")."""
    language = language_of(rows)
    if set(rows["unit"]) == {PEOPLE_UNIT}:
        return say(PEOPLE_AXIS, words_for(language))
    metrics = set(rows["metric"])
    return (
        bars.value_axis_title(next(iter(metrics)), dataset, language) if len(metrics) == 1 else ""
    )


PEOPLE = register(
    bars.bar_chart(
        "people",
        "People: victims identified, people reached, migrants educated",
        "figures for victims identified, people reached or migrants educated",
        draw=draw,
        more_intro=PANELS_INTRO,
    )
)
