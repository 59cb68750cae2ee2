"""Timeline of events: one row per event, earliest at the top, each labelled with its date and title.

The event types, their names and marker shapes come from the vocabulary (data/vocabulary.yaml
``event_types``), colours by its order; a planned event is hollow. The same event reported by
several documents (``same_as``) is one marker, dated by its most precise statement, its hover
naming every document. A date known only to the month, season, quarter or year is drawn as a
band across that span with the marker at its middle. The axis always spans at least
``MIN_AXIS_YEARS`` whole years, so a year-only event never fills it. Labels point inwards so
they stay in the chart (the page's chart-fit.js wraps them to the room there is). A click
on a marker opens the event's source sentence.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from dashboard.config import Theme
from dashboard.analysis.claims import event_markers
from dashboard.curated.records import Dataset, EventStatus
from dashboard.views.charts.draw import (
    EVENT_LABEL_ROLE,
    EVENT_TRACE_ROLE,
    HOVER,
    SPAN_TRACE_ROLE,
    Spec,
    esc,
    figure,
    strings,
    texts,
    wrap,
)
from dashboard.views.charts.registry import ChartSpec, register
from dashboard.views.charts.timelinewords import (
    reported_in,
    type_labels,
    event_label,
    intro,
    items,
    passed_notes,
    precision_note,
)
from dashboard.views.charts.texts import (
    SPAN_KEY,
    TIMELINE_AXIS,
    events_cap_note,
    say,
)
from dashboard.views.labels import with_disputed_dates
from dashboard.views.language import language_of, words_for
from dashboard.views.theme import tint
from dashboard.words import Words

MAX_EVENTS = 25  # timeline markers: past this, the latest ones
MIN_AXIS_YEARS = (
    3  # a narrower view is widened around its events, so a year band is at most a third
)

# The marker of an event type the vocabulary gives no symbol (older data): still distinct by colour.
DEFAULT_SYMBOL = "circle"


def select(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event, however many documents report it (see ``claims.event_markers``),
    a date documents dispute written with each date and its source (``labels.with_disputed_dates``)."""
    if "same_group" in events.columns:
        return with_disputed_dates(event_markers(events), events)  # by date, then id
    return events.sort_values(["date", "id"], kind="stable")


def latest(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.iloc[-MAX_EVENTS:]


def x_range(starts: np.ndarray, ends: np.ndarray) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Whole years from the first event to the last (``ends`` exclusive), widened to at least
    ``MIN_AXIS_YEARS`` around them, then padded a little."""
    start, end = pd.Timestamp(starts.min()), pd.Timestamp(ends.max())
    lo, hi = pd.Timestamp(start.year, 1, 1), pd.Timestamp(end.year + 1, 1, 1)
    if end == pd.Timestamp(end.year, 1, 1):  # a span ending on 31 Dec
        hi = end
    short = MIN_AXIS_YEARS - (hi.year - lo.year)
    if short > 0:
        lo, hi = (
            pd.Timestamp(lo.year - short // 2, 1, 1),
            pd.Timestamp(hi.year + short - short // 2, 1, 1),
        )
    pad = max(pd.Timedelta(days=30), (hi - lo) * 0.04)
    return lo - pad, hi + pad


class _Placed(NamedTuple):
    """Where each event sits: numpy arrays and lists, not frame operations, since a pandas
    selection costs more than the few events a timeline draws."""

    ids: np.ndarray
    vague: np.ndarray  # a date known to a month, season, quarter or year: drawn as a band
    date: np.ndarray  # the first day its date allows
    span_end: np.ndarray  # the day after the last day it allows
    middle: np.ndarray  # where its marker sits
    first: pd.Timestamp  # the axis's range
    last: pd.Timestamp
    right_half: np.ndarray  # its label goes to the left of the marker, where there is more room


def _place(rows: pd.DataFrame) -> _Placed:
    ids = strings(rows["id"])
    vague = np.array([p != "day" for p in texts(rows["date_precision"])], dtype=bool)
    date = rows["date"].to_numpy(dtype="datetime64[s]")
    span_end = rows["date_end"].to_numpy(dtype="datetime64[s]") + np.timedelta64(1, "D")
    middle = np.where(vague, date + (span_end - date) // 2, date)
    # Whole years, so a lone event sits inside a labelled year rather than between two ticks.
    first, last = x_range(date, span_end)
    # The label goes on the side of the marker (or band) with more room.
    day = np.timedelta64(1, "D")
    room_left = (np.where(vague, date, middle) - first.to_datetime64()) // day
    room_right = (last.to_datetime64() - np.where(vague, span_end, middle)) // day
    return _Placed(ids, vague, date, span_end, middle, first, last, room_left > room_right)


def draw(rows: pd.DataFrame, dataset: Dataset, theme: Theme) -> Spec:
    placed = _place(rows)
    words = words_for(language_of(rows))
    passed = passed_notes(rows, words)
    hover = _hover_texts(rows, dataset, passed, words)
    data = [
        *_span_bands(placed, words, theme),
        *_event_markers(rows, dataset, placed, hover, words, theme),
        _event_labels(rows, placed, hover, passed, theme),
    ]
    return figure(data, _layout(data, placed, words), theme, rows=len(placed.ids))


def _hover_texts(
    rows: pd.DataFrame, dataset: Dataset, passed: list[str], words: Words
) -> np.ndarray:
    """Each event's hover: title, date and how precise it is, type, programme, a planned
    event that passed, and the documents that report it."""
    labels = type_labels(rows, dataset)
    sources = (
        texts(rows["group_sources"]) if "group_sources" in rows.columns else [None] * len(rows)
    )
    columns = ["title", "date_label", "date_precision", "status", "programme_name"]
    return np.array(
        [
            f"<b>{esc(title)}</b><br>{esc(date)}{precision_note(precision, words)}<br>"
            f"{event_label(label, status, words)} · {esc(programme)}{'<br>' + esc(note) if note else ''}{reported_in(source, words)}"
            for (title, date, precision, status, programme), label, source, note in zip(
                zip(*(texts(rows[c]) for c in columns)), labels, sources, passed
            )
        ]
    )


def _span_bands(placed: _Placed, words: Words, theme: Theme) -> list[dict]:
    """One trace of bands, each across the span a vague date allows; none when every date is a day."""
    if not placed.vague.any():
        return []
    xs: list = []
    ys: list = []
    vague = placed.vague
    for start, end, event_id in zip(
        pd.Series(placed.date[vague]), pd.Series(placed.span_end[vague]), placed.ids[vague]
    ):
        xs += [start, end, None]
        ys += [event_id, event_id, None]
    return [
        {
            "type": "scatter",
            "x": xs,
            "y": ys,
            "mode": "lines",
            "name": say(SPAN_KEY, words),
            "line": {"color": tint(theme.muted_colour, 0.65), "width": 10},
            "hoverinfo": "skip",
            "meta": {"role": SPAN_TRACE_ROLE},
            "legendrank": 900,
        }
    ]


def _event_markers(
    rows: pd.DataFrame,
    dataset: Dataset,
    placed: _Placed,
    hover: np.ndarray,
    words: Words,
    theme: Theme,
) -> list[dict]:
    """A trace per event type and status (a key of the legend): the type's shape and colour,
    hollow when planned."""
    data = []
    kinds = list(zip(texts(rows["type"]), texts(rows["status"])))
    customdata = placed.ids[:, None]
    for type_index, (event_type, label, symbol) in enumerate(_types(rows, dataset)):
        colour = theme.palette[type_index % len(theme.palette)]
        for status in (EventStatus.HELD.value, EventStatus.PLANNED.value):
            mask = np.array([kind == (event_type, status) for kind in kinds], dtype=bool)
            if not mask.any():
                continue
            planned = status == EventStatus.PLANNED.value
            data.append(
                {
                    "type": "scatter",
                    "x": placed.middle[mask],
                    "y": placed.ids[mask],
                    "mode": "markers",
                    "name": event_label(label, status, words),
                    "marker": {
                        "symbol": symbol + ("-open" if planned else ""),
                        "size": 15 if planned else 14,
                        "color": colour,
                        "line": {
                            "color": colour if planned else theme.background_colour,
                            "width": 2.5 if planned else 1,
                        },
                    },
                    "customdata": customdata[mask],
                    "hovertext": hover[mask],
                    "hovertemplate": HOVER,
                    "cliponaxis": False,
                    "legendrank": type_index * 2 + planned,
                    "meta": {"role": EVENT_TRACE_ROLE},
                }
            )
    return data


def _event_labels(
    rows: pd.DataFrame, placed: _Placed, hover: np.ndarray, passed: list[str], theme: Theme
) -> dict:
    """Labels beside each marker (beyond its band when the date is vague), pointing inwards;
    a date two documents dispute shows both dates (its hover names their sources)."""
    right_half = placed.right_half
    anchor = np.where(
        placed.vague, np.where(right_half, placed.date, placed.span_end), placed.middle
    )
    return {
        "type": "scatter",
        "x": anchor,
        "y": placed.ids,
        "mode": "markers+text",
        "name": "Event labels",
        "showlegend": False,
        "marker": {"size": 14, "color": "rgba(0,0,0,0)"},
        "text": [
            f"<b>{esc(d)}</b> · {wrap(t + (' — ' + note if note else ''), 46)}"
            for d, t, note in zip(
                texts(rows["date_mark"] if "date_mark" in rows else rows["date_label"]),
                texts(rows["title"]),
                passed,
            )
        ],
        "textposition": np.where(right_half, "middle left", "middle right"),
        "textfont": {"size": 11, "color": theme.text_colour},
        "customdata": placed.ids[:, None],
        "hovertext": hover,
        "hovertemplate": HOVER,
        "cliponaxis": False,
        "meta": {"role": EVENT_LABEL_ROLE},
    }


def _layout(data: list[dict], placed: _Placed, words: Words) -> dict:
    """A legend of the drawn keys, a date axis of whole years, one category row per event."""
    first, last, ids = placed.first, placed.last, placed.ids
    return {
        "showlegend": True,
        "legend": {
            "entrywidth": legend_entry_px([t["name"] for t in data if t.get("showlegend", True)])
        },
        "xaxis": {
            "type": "date",
            "range": [first, last],
            "title": {"text": say(TIMELINE_AXIS, words)},
            "tickformat": "%Y",
            "dtick": "M12" if (last - first).days < 13 * 366 else None,
            "showgrid": True,
        },
        "yaxis": {
            "type": "category",
            "categoryorder": "array",
            "categoryarray": ids,
            "range": [len(ids) - 0.5, -0.7],
            "showticklabels": False,
            "showgrid": False,
            "ticks": "",
            "zeroline": False,
        },
    }


LEGEND_CHAR_PX = 7  # a legend character at 12 px, a little over the widest average (Vietnamese has marks above and below, not wider letters)
LEGEND_MIN_PX = 112  # entries line up in columns however short the names


def legend_entry_px(names: list[str]) -> int:
    """Each legend entry's text width: the longest key's, so no key is cut by the legend's box
    ("Điện đàm cấp bộ trưởng" was, in Vietnamese), and the columns still line up."""
    return max([LEGEND_MIN_PX, *(LEGEND_CHAR_PX * len(name) for name in names)])


def _types(rows: pd.DataFrame, dataset: Dataset) -> list[tuple[str, str, str]]:
    """``(id, label, symbol)`` of every event type, in vocabulary order (which fixes its
    colour), then any type in ``rows`` the vocabulary does not list."""
    known = [(t.id, t.label, t.symbol or DEFAULT_SYMBOL) for t in dataset.known_event_types]
    listed = {t[0] for t in known}
    extra = [
        (kind, kind, DEFAULT_SYMBOL)
        for kind in dict.fromkeys(texts(rows["type"]))
        if kind not in listed
    ]
    return known + extra


TIMELINE = register(
    ChartSpec(
        name="timeline",
        title="Timeline of events",
        empty_what="events",
        plots="events",
        select=select,
        cap=latest,
        cap_text=events_cap_note,
        draw=draw,
        intro=intro,
        items=items,
    )
)
