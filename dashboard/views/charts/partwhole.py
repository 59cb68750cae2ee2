"""A part drawn inside its whole: £33.5m (part of £200m) never looks nearly as long as £200m.

Panels of different metrics or scopes each have their own axis, so a part and its whole
(``part_of``) can sit in panels of very different scales: £33.5m filled its panel as £200m
filled its own. Wherever a part's bar is drawn (the page, each slide image, a chart split over
slides), a pale bar of its whole's value is drawn behind it in the same slot, and the axis
reaches that whole: the bar shows the share, on one scale. The whole is read from the data,
so it is drawn even when the whole's own bar is in another panel, on another slide or out of
the view. A whole of another unit, or one that is not a figure, is never drawn.
"""

from __future__ import annotations

import math

import numpy as np

from dashboard.config import Theme
from dashboard.curated.records import Dataset
from dashboard.views.charts.draw import HOVER, KEY_TRACE_ROLE, esc, strings
from dashboard.views.charts.texts import say
from dashboard.views.labels import part_of
from dashboard.views.language import formatter_for, language_of, words_for
from dashboard.views.theme import shade, tint

WHOLE_TRACE_ROLE = "wholes"  # trace.meta["role"] of the pale bars of the wholes parts belong to
WHOLE_KEY = "Pale bar behind: the whole it is part of"


def whole_ends(rows, dataset: Dataset) -> np.ndarray:
    """For each row, where its whole's bar ends (the whole's high bound, else its value; an
    open "over" whole at its stated value), or NaN when the row is not a part of a whole of
    its unit in ``dataset``."""
    if "part_of" not in rows:
        return np.full(len(rows), np.nan)
    ends = []
    for whole_id, unit in zip(rows["part_of"], rows["unit"]):
        whole = _whole(dataset, whole_id)
        if whole is None or whole.unit != unit:
            ends.append(np.nan)
            continue
        low, high = whole.bounds
        ends.append(high if math.isfinite(high) else low)
    return np.array(ends, dtype=float)


def _whole(dataset: Dataset, whole_id):
    if not isinstance(whole_id, str) or not whole_id:
        return None
    try:
        return dataset.figure(whole_id)
    except KeyError:
        return None


def whole_top(rows, dataset: Dataset) -> float:
    """The largest whole a row of ``rows`` belongs to (0 when none): an axis reaches it."""
    ends = whole_ends(rows, dataset)
    return float(np.nanmax(ends)) if np.isfinite(ends).any() else 0.0


def whole_traces(
    rows, dataset: Dataset, theme: Theme, xaxis: str = "x", yaxis: str = "y"
) -> list[dict]:
    """A pale bar of each part's whole, in the part's slot and behind it (draw it before the
    bars); none when no row is a part of a whole it can be drawn against."""
    ends = whole_ends(rows, dataset)
    index = np.flatnonzero(np.isfinite(ends))
    if not len(index):
        return []
    language = language_of(rows)
    words, formatter = words_for(language), formatter_for(language)
    ids = strings(rows["id"])
    hover = []
    for i in index:
        whole = dataset.figure(rows["part_of"][i])
        value = formatter.value(
            whole.value,
            whole.qualifier,
            dataset.unit(whole.unit),
            whole.wording,
            high=whole.value_high,
        )
        hover.append(
            esc(part_of(value, words)) + f"<br>{esc(dataset.programme(whole.programme).name)}"
        )
    grey = theme.muted_colour
    return [
        {
            "type": "bar",
            "orientation": "h",
            "x": ends[index].tolist(),
            "y": ids[index].tolist(),
            "xaxis": xaxis,
            "yaxis": yaxis,
            "customdata": ids[index][:, None].tolist(),
            "hovertext": hover,
            "hovertemplate": HOVER,
            "showlegend": False,
            "name": "wholes",
            "marker": {"color": tint(grey, 0.88), "line": {"color": shade(grey, 0.1), "width": 1}},
            "meta": {"role": WHOLE_TRACE_ROLE},
        }
    ]


def whole_key(rows, dataset: Dataset, theme: Theme) -> list[dict]:
    """The legend's key for the wholes' pale bars, when a chart draws any."""
    if not np.isfinite(whole_ends(rows, dataset)).any():
        return []
    grey = theme.muted_colour
    return [
        {
            "type": "bar",
            "orientation": "h",
            "x": [None],
            "y": [None],
            "name": say(WHOLE_KEY, words_for(language_of(rows))),
            "legendrank": 50,
            "hoverinfo": "skip",
            "meta": {"role": KEY_TRACE_ROLE},
            "marker": {"color": tint(grey, 0.88), "line": {"color": shade(grey, 0.1), "width": 1}},
        }
    ]
