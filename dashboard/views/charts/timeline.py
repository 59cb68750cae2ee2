"""Timeline of events: one row per event, earliest at the top, each labelled with its date and title.

Marker shape and colour say the type; a planned event is hollow. A date known only to the
month or the year is drawn as a band across that month or year with the marker at its
middle (the hover says "year only"). Labels point inwards so they stay in the chart.
A click on a marker opens the event's source sentence.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis import fmt
from dashboard.config import Theme
from dashboard.curated.records import Dataset, EventStatus, EventType
from dashboard.views.charts.draw import EVENT_LABEL_ROLE, EVENT_TRACE_ROLE, HOVER, SPAN_TRACE_ROLE, esc, figure, strings, texts, wrap
from dashboard.views.charts.registry import ChartSpec, register
from dashboard.views.charts.texts import (
    EVENT_TYPE_LABELS, EVENTS_INTRO, PLANNED_SUFFIX, PRECISION_NOTES, SPAN_KEY, TIMELINE_AXIS, events_cap_note,
)
from dashboard.views.theme import tint

MAX_EVENTS = 25  # timeline markers: past this, the latest ones

EVENT_TYPE_SYMBOLS = {
    EventType.DIALOGUE.value: "circle",
    EventType.AGREEMENT.value: "square",
    EventType.SUMMIT.value: "star",
    EventType.CAMPAIGN.value: "triangle-up",
    EventType.MINISTERIAL_CALL.value: "diamond",
}


def select(events: pd.DataFrame) -> pd.DataFrame:
    return events.sort_values(["date", "id"], kind="stable")


def latest(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.iloc[-MAX_EVENTS:]


def intro(title: str, rows: pd.DataFrame) -> str:
    first, last = rows["date"].min().year, rows["date_end"].max().year
    span = f"{first}" if first == last else f"{first} to {last}"
    return EVENTS_INTRO.format(title=title, events=fmt.count(len(rows), "event"), span=span)


def items(rows: pd.DataFrame, dataset: Dataset) -> list[str]:
    return [
        f"{date}{PRECISION_NOTES.get(precision, '')}: {title} — {EVENT_TYPE_LABELS.get(kind, kind).lower()}"
        + (", planned" if status == EventStatus.PLANNED.value else "")
        for date, precision, title, kind, status in zip(
            rows["date_label"], rows["date_precision"], rows["title"], rows["type"], rows["status"]
        )
    ]


def event_label(event_type: str, status: str) -> str:
    """``Dialogue``, ``Dialogue (planned)``."""
    label = EVENT_TYPE_LABELS.get(event_type, event_type)
    return label + (PLANNED_SUFFIX if status == EventStatus.PLANNED.value else "")


def draw(rows: pd.DataFrame, dataset: Dataset, theme: Theme) -> go.Figure:
    rows = rows.reset_index(drop=True)
    ids = strings(rows["id"])
    vague = (rows["date_precision"] != "day").to_numpy()
    span_end = rows["date_end"] + pd.Timedelta(days=1)
    middle = rows["date"].where(~vague, rows["date"] + (span_end - rows["date"]) / 2)
    # Whole years, so a lone event sits inside a labelled year rather than between two ticks.
    lo, hi = pd.Timestamp(rows["date"].min().year, 1, 1), pd.Timestamp(span_end.max().year + 1, 1, 1)
    if span_end.max() == pd.Timestamp(span_end.max().year, 1, 1):  # a span ending on 31 Dec
        hi = span_end.max()
    pad = max(pd.Timedelta(days=30), (hi - lo) * 0.04)
    x_range = [lo - pad, hi + pad]
    right_half = (middle > x_range[0] + (x_range[1] - x_range[0]) / 2).to_numpy()
    customdata = ids[:, None]
    columns = ["title", "date_label", "date_precision", "type", "status", "programme_name"]
    hover = np.array([
        f"<b>{esc(title)}</b><br>{esc(date)}{PRECISION_NOTES.get(precision, '')}<br>"
        f"{event_label(kind, status)} · {esc(programme)}"
        for title, date, precision, kind, status, programme in zip(*(texts(rows[c]) for c in columns))
    ])

    data: list[dict] = []
    if vague.any():
        xs: list = []
        ys: list = []
        for start, end, event_id in zip(rows["date"][vague], span_end[vague], ids[vague]):
            xs += [start, end, None]
            ys += [event_id, event_id, None]
        data.append({
            "type": "scatter", "x": xs, "y": ys, "mode": "lines", "name": SPAN_KEY,
            "line": {"color": tint(theme.muted_colour, 0.65), "width": 10}, "hoverinfo": "skip",
            "meta": {"role": SPAN_TRACE_ROLE}, "legendrank": 900,
        })
    for type_index, event_type in enumerate(t.value for t in EventType):
        colour = theme.palette[type_index % len(theme.palette)]
        for status in (EventStatus.HELD.value, EventStatus.PLANNED.value):
            mask = ((rows["type"] == event_type) & (rows["status"] == status)).to_numpy()
            if not mask.any():
                continue
            planned = status == EventStatus.PLANNED.value
            data.append({
                "type": "scatter", "x": middle[mask], "y": ids[mask], "mode": "markers",
                "name": event_label(event_type, status),
                "marker": {
                    "symbol": EVENT_TYPE_SYMBOLS[event_type] + ("-open" if planned else ""),
                    "size": 15 if planned else 14, "color": colour,
                    "line": {"color": colour if planned else theme.background_colour, "width": 2.5 if planned else 1},
                },
                "customdata": customdata[mask], "hovertext": hover[mask], "hovertemplate": HOVER,
                "cliponaxis": False, "legendrank": type_index * 2 + planned, "meta": {"role": EVENT_TRACE_ROLE},
            })
    # Labels beside each marker (beyond its band when the date is vague), pointing inwards.
    anchor = middle.where(~vague, rows["date"].where(right_half, span_end))
    data.append({
        "type": "scatter", "x": anchor, "y": ids, "mode": "markers+text", "name": "Event labels", "showlegend": False,
        "marker": {"size": 14, "color": "rgba(0,0,0,0)"},
        "text": [f"<b>{esc(d)}</b> · {wrap(t, 46)}" for d, t in zip(texts(rows["date_label"]), texts(rows["title"]))],
        "textposition": np.where(right_half, "middle left", "middle right"),
        "textfont": {"size": 11, "color": theme.text_colour},
        "customdata": customdata, "hovertext": hover, "hovertemplate": HOVER,
        "cliponaxis": False, "meta": {"role": EVENT_LABEL_ROLE},
    })
    layout = {
        "showlegend": True, "legend": {"entrywidth": 112},
        "xaxis": {
            "type": "date", "range": x_range, "title": {"text": TIMELINE_AXIS}, "tickformat": "%Y",
            "dtick": "M12" if (hi - lo).days < 12 * 366 else None, "showgrid": True,
        },
        "yaxis": {
            "type": "category", "categoryorder": "array", "categoryarray": ids, "range": [len(ids) - 0.5, -0.7],
            "showticklabels": False, "showgrid": False, "ticks": "", "zeroline": False,
        },
    }
    return figure(data, layout, theme, rows=len(ids))


TIMELINE = register(ChartSpec(
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
))
