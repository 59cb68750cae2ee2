"""What every chart is drawn with: the names the page and the exporters find marks by, the
empty state, the figure assembly and the text helpers.

A figure is assembled as one plain dict, plotly's figure schema (``{"data", "layout"}``): the
page sends it as it is, and ``registry.build_chart`` wraps it in a ``go.Figure`` without
plotly's property validation for the exporters (the tests validate every chart with plotly.py
instead). Validation was about a third of a filter change's time and never changed a byte of
the output; building the ``go.Figure`` at all was another tenth, for nothing the page reads.
"""

from __future__ import annotations

import functools
import html
import math
import re
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.config import Theme
from dashboard.views.columns import texts
from dashboard.views.theme import chart_height, plotly_template

# Names that let the page, the tests and the image exporter find what is what.
EMPTY_MESSAGE_NAME = "empty-message"  # annotation name of an empty chart's message
PANEL_TITLE_NAME = "panel-title"  # annotation name of a people panel's metric label
CAP_NOTE_NAME = "cap-note"  # annotation name of the "Showing … of …" note
BAR_TRACE_ROLE = "figures"  # trace.meta["role"] of the bars (one bar per figure)
RANGE_TRACE_ROLE = "range-extensions"  # a range's pale extension from its low to its high bound
END_TRACE_ROLE = "labels"  # value labels and open-ended markers at the bar ends
EVENT_TRACE_ROLE = "events"  # timeline markers (one per event)
EVENT_LABEL_ROLE = "event-labels"  # the date and title beside each timeline marker
SPAN_TRACE_ROLE = "date-spans"  # a month or a year drawn as a band, not a day
KEY_TRACE_ROLE = "key"  # legend-only keys for fill and pattern

HOVER = "%{hovertext}<extra></extra>"


Spec = dict  # a figure as plotly's plain dict: {"data": [trace, …], "layout": {…}}


def empty_figure(message: str, theme: Theme) -> Spec:
    """No axes, just ``message`` in the middle: never a blank axis."""
    layout = {
        "xaxis": {"visible": False},
        "yaxis": {"visible": False},
        "showlegend": False,
        "annotations": [
            {
                "name": EMPTY_MESSAGE_NAME,
                "text": wrap(message, 48),
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "showarrow": False,
                "font": {"size": 16, "color": theme.muted_colour},
            }
        ],
    }
    return figure([], layout, theme)


def figure(data: list[dict], layout: dict, theme: Theme, rows: int = 0) -> Spec:
    """The figure of ``data`` and ``layout``, tall enough for its ``rows`` (bars, panel titles, events)."""
    return {
        "data": data,
        "layout": {
            "template": _template(theme),
            "height": chart_height(rows),
            "autosize": True,
            **layout,
        },
    }


def as_figure(spec: Spec) -> go.Figure:
    """A ``go.Figure`` of a finished ``spec``, without plotly's validation (see above)."""
    return go.Figure(spec, _validate=False)


_SUBPLOT = re.compile(r"[xy]axis\d+$")


def finished(node):
    """``node`` (a figure, or any part of one) as plotly holds it: every mapping's keys in name
    order and pandas columns as numpy arrays, as plotly's validation leaves them, so a figure
    serialises to the same bytes as a validated one."""
    if isinstance(node, dict):
        numbered = [
            key for key in node if _SUBPLOT.match(key)
        ]  # xaxis2, yaxis2, …: after the rest, as given
        return {key: finished(node[key]) for key in [*sorted(set(node) - set(numbered)), *numbered]}
    if isinstance(node, list) and node and isinstance(node[0], dict):
        return [finished(item) for item in node]
    if isinstance(node, pd.Series | pd.Index):  # plotly's validation would make these numpy arrays
        return node.to_numpy()
    return node


def nice_ticks(top: float, count: int = 4, bottom: float = 0.0) -> list[float]:
    """Round tick values from 0 to just past ``top``: 0, 2m, 4m, 6m, 8m; with a negative
    ``bottom`` (a fall, "down 75%") from just below it: -80, -60, -40, -20, 0."""
    if bottom < 0:
        return [-t for t in reversed(nice_ticks(-bottom, count))][:-1] + nice_ticks(top, count)
    if not top or top <= 0 or not math.isfinite(top):
        return [0.0]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [i * step for i in range(math.ceil(top / step - 1e-9) + 1)]


@functools.lru_cache(maxsize=8)
def _template(theme: Theme) -> dict:
    return plotly_template(theme).to_plotly_json()


def strings(column) -> np.ndarray:
    """A text column (a Series, or a ``Columns`` list) as a numpy unicode array: plotly copies
    these without touching each item."""
    return np.array(column if isinstance(column, list) else texts(column), dtype=str)


_DOUBLED_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")


def one_stop(text: str) -> str:
    """A text whose sentences were joined with a full stop after a curated sentence that has
    its own: "… (fictional).." → "… (fictional)." (an ellipsis "..." is left alone)."""
    return _DOUBLED_STOP.sub(".", text)


@functools.lru_cache(maxsize=4096)
def esc(text) -> str:
    """Data text shown by plotly, which reads ``<`` and ``&`` as markup."""
    return html.escape(str(text), quote=False)


@functools.lru_cache(maxsize=4096)
def wrap(text, width: int) -> str:
    return "<br>".join(textwrap.wrap(esc(text), width=width, break_long_words=False)) or esc(text)
