"""Pure chart builders: filtered frames in, one plotly figure out. No Dash, no I/O.

Every chart draws one mark per curated figure or event and never adds figures together
(periods overlap, and a pledge is not a result). How a mark looks says how far to trust it:

- colour: the metric (one palette colour per metric, the same on every chart);
- fill: **reported** (achieved) is solid; **committed** (pledged) is a pale fill with a
  solid outline, and its label says "(committed)";
- pattern and end marker: an **over** value (lower bound) is hatched ``/`` and followed by
  an arrow ▶, because the true bar is longer; an **up to** value (upper bound) is hatched
  ``-`` and ends in a cap |; a **nearly / about** value is dotted; an exact value is plain.
  Every bar is labelled with fmt's value text ("over £7m"), so the word survives too.

The people chart shows 720 next to over 7 million: each metric gets its own panel and
linear axis (small multiples), never one shared axis where 720 vanishes nor a log axis
whose bar lengths mislead.

Every mark's ``customdata[0]`` is its figure id (event id on the timeline): a click opens
the source sentence. An empty selection gives a figure with no axes and a message naming
what is empty. Titles stay out of the figure (the page and the slides set their own);
annotations added here carry a ``name``. Figures are assembled as one dict and validated
once, with one trace per style rather than per-point style arrays, so 10,000 figures
still build quickly.
"""

from __future__ import annotations

import base64
import functools
import html
import math
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis import fmt
from dashboard.views.cards import KIND_LABELS, scope_text
from dashboard.config import Theme
from dashboard.analysis.frame import Filters
from dashboard.curated.records import Dataset, EventStatus, EventType, Kind, Qualifier
from dashboard.views.theme import DASHBOARD_HEIGHT, chart_height, metric_colour, plotly_template, shade, tint

# Names that let the page, the tests and the image exporter find what is what.
EMPTY_MESSAGE_NAME = "empty-message"  # annotation name of an empty chart's message
PANEL_TITLE_NAME = "panel-title"  # annotation name of a people panel's metric label
BAR_TRACE_ROLE = "figures"  # trace.meta["role"] of the bars (one bar per figure)
END_TRACE_ROLE = "labels"  # value labels and open-ended markers at the bar ends
EVENT_TRACE_ROLE = "events"  # timeline markers (one per event)
EVENT_LABEL_ROLE = "event-labels"  # the date and title beside each timeline marker
SPAN_TRACE_ROLE = "date-spans"  # a month or a year drawn as a band, not a day
KEY_TRACE_ROLE = "key"  # legend-only keys for fill and pattern

COMMITMENT_NOTE = "Committed (pledged): promised for the period, not yet delivered; never added to reported figures."

QUALIFIER_PATTERN = {
    Qualifier.EXACT.value: "",
    Qualifier.AT_LEAST.value: "/",
    Qualifier.AT_MOST.value: "-",
    Qualifier.APPROX.value: ".",
}
QUALIFIER_END_SYMBOL = {  # None: no marker at the bar end
    Qualifier.EXACT.value: None,
    Qualifier.AT_LEAST.value: "triangle-right",  # open-ended: the true value lies further right
    Qualifier.AT_MOST.value: "line-ns",  # a ceiling: the true value lies at or left of it
    Qualifier.APPROX.value: None,
}
QUALIFIER_PHRASES = {
    Qualifier.EXACT.value: "exact",
    Qualifier.AT_LEAST.value: "a lower bound",
    Qualifier.AT_MOST.value: "an upper bound",
    Qualifier.APPROX.value: "approximate",
}

EVENT_TYPE_LABELS = {
    EventType.DIALOGUE.value: "Dialogue",
    EventType.AGREEMENT.value: "Agreement",
    EventType.SUMMIT.value: "Summit",
    EventType.CAMPAIGN.value: "Campaign launch",
    EventType.MINISTERIAL_CALL.value: "Ministerial call",
}
EVENT_TYPE_SYMBOLS = {
    EventType.DIALOGUE.value: "circle",
    EventType.AGREEMENT.value: "square",
    EventType.SUMMIT.value: "star",
    EventType.CAMPAIGN.value: "triangle-up",
    EventType.MINISTERIAL_CALL.value: "diamond",
}
PRECISION_NOTES = {"year": " (year only)", "month": " (month only)", "day": ""}

EMPTY_WHAT = {  # what each chart is empty of, for "No … in 2022" messages
    "funding": "funding figures",
    "people": "figures for victims identified, people reached or migrants educated",
    "returns": "returns figures",
    "timeline": "events",
}

BAR_HOVER = "%{hovertext}<extra></extra>"
# How much one chart draws before it says it is capped (the table lists every figure):
MAX_BARS = 10  # bars per metric: a top ten stays readable in a 400 px chart, 25 did not
MAX_EVENTS = 25  # timeline markers
CAP_NOTE_NAME = "cap-note"  # annotation name of the "Showing … of …" note


@dataclass(frozen=True)
class ChartSpec:
    name: str  # "funding" | "people" | "returns" | "timeline"
    title: str
    build: Callable[..., go.Figure]  # (figures, events, dataset, theme, filters=None) -> go.Figure


# --- what a chart plots, says and cites -------------------------------------------------------


def candidate_rows(name: str, figures: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Every row chart ``name`` could draw: its metrics' figures, or the events for the timeline."""
    _spec(name)
    if name == "timeline":
        return events.sort_values(["date", "id"], kind="stable")
    return figures[figures["chart"] == name]


def plotted_rows(name: str, figures: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The rows chart ``name`` draws. A chart stays readable: past ``MAX_BARS`` bars per
    metric it draws the largest figures, past ``MAX_EVENTS`` events the latest ones, and
    ``cap_note`` says so on the chart. Figures are never merged to fit: the table has all."""
    rows = candidate_rows(name, figures, events)
    if name == "timeline":
        return rows.iloc[-MAX_EVENTS:]
    if len(rows) <= MAX_BARS:
        return rows
    keep = rows.sort_values("value", ascending=False, kind="stable").groupby("metric", sort=False).head(MAX_BARS)
    return rows.loc[rows.index.isin(keep.index)]


def cap_note(name: str, figures: pd.DataFrame, events: pd.DataFrame) -> str | None:
    """``Showing the 10 largest figures of each metric (30 of 3,412); …`` when capped."""
    total = len(candidate_rows(name, figures, events))
    shown = len(plotted_rows(name, figures, events))
    if shown == total:
        return None
    if name == "timeline":
        return f"Showing the latest {shown:,} of {total:,} events; the table of figures and the filters narrow the view."
    return f"Showing the {MAX_BARS} largest figures of each metric ({shown:,} of {total:,}); the table below lists them all."


def source_footer(name: str, figures: pd.DataFrame, events: pd.DataFrame, dataset: Dataset) -> str:
    """``Source: <title> — <publisher>, <date>`` for every document the chart plots; "" if none."""
    used = set(plotted_rows(name, figures, events)["source"].dropna().tolist())
    known = [s for s in dataset.sources if s.file in used]
    citations = [s.citation() for s in known] + sorted(used - {s.file for s in known})
    if not citations:
        return ""
    return ("Source: " if len(citations) == 1 else "Sources: ") + "; ".join(citations)


def qualifier_notes(name: str, figures: pd.DataFrame) -> list[str]:
    """fmt's note for each qualifier the chart shows, then a note when it shows a commitment."""
    if name == "timeline":
        _spec(name)
        return []
    rows = plotted_rows(name, figures, figures.iloc[0:0])
    present = set(rows["qualifier"].tolist())
    notes = [fmt.QUALIFIER_NOTES[q] for q in (Qualifier.AT_LEAST, Qualifier.AT_MOST, Qualifier.APPROX) if q.value in present]
    if (rows["kind"] == Kind.COMMITTED.value).any():
        notes.append(COMMITMENT_NOTE)
    return notes


def empty_message(name: str, dataset: Dataset, filters: Filters | None = None) -> str:
    """``No funding figures in 2022 for the selected programmes``."""
    metrics = [m.id for m in dataset.metrics if m.chart == name]
    return f"No {EMPTY_WHAT[name]} {scope_text(filters, dataset, metrics)}"


def alt_text(name: str, figures: pd.DataFrame, events: pd.DataFrame, dataset: Dataset, filters: Filters | None = None) -> str:
    """A text alternative: what the chart shows, then every value with qualifier, kind and period."""
    spec = _spec(name)
    rows = plotted_rows(name, figures, events)
    if rows.empty:
        return f"{spec.title}: {empty_message(name, dataset, filters)}."
    if name == "timeline":
        items = [
            f"{date}{PRECISION_NOTES.get(precision, '')}: {title} — {EVENT_TYPE_LABELS.get(kind, kind).lower()}"
            + (", planned" if status == EventStatus.PLANNED.value else "")
            for date, precision, title, kind, status in zip(
                rows["date_label"], rows["date_precision"], rows["title"], rows["type"], rows["status"]
            )
        ]
        first, last = rows["date"].min().year, rows["date_end"].max().year
        span = f"{first}" if first == last else f"{first} to {last}"
        intro = f"{spec.title}: {fmt.count(len(items), 'event')} from {span}, one marker per event."
    else:
        rows = _bar_order(rows, dataset)
        items = [
            f"{metric}, {programme}: {value} ({QUALIFIER_PHRASES[qualifier]}), {KIND_LABELS[kind].lower()}, {period}"
            + (f" — {note}" if isinstance(note, str) and note else "")
            for metric, programme, value, qualifier, kind, period, note in zip(
                rows["metric_label"], rows["programme_name"], rows["value_label"], rows["qualifier"],
                rows["kind"], rows["period_label"], rows["note"].astype("object"),
            )
        ]
        intro = f"{spec.title}: a horizontal bar chart, one bar per figure; figures are never added together."
        if name == "people":
            intro += " Each metric has its own panel and scale."
    footer = source_footer(name, figures, events, dataset)
    capped = cap_note(name, figures, events)
    return " ".join([intro, *([capped] if capped else []), *(f"{item}." for item in items), *([footer + "."] if footer else [])])


# --- builders ------------------------------------------------------------------------------


def build_chart(
    name: str, figures: pd.DataFrame, events: pd.DataFrame, dataset: Dataset, theme: Theme, filters: Filters | None = None
) -> go.Figure:
    """The figure for chart ``name`` (see ``CHARTS``) from the filtered frames.

    ``filters``, when given, lets an empty chart say what it is empty for ("in 2022").
    """
    fig = _spec(name).build(figures, events, dataset, theme, filters)
    note = cap_note(name, figures, events)
    if note:
        fig.add_annotation(
            name=CAP_NOTE_NAME, text=_esc(note), showarrow=False, xref="paper", yref="paper",
            x=1, y=0, xanchor="right", yanchor="bottom", font={"size": 11, "color": theme.muted_colour},
            bgcolor=theme.background_colour,
        )
    return fig


def build_funding(figures, events, dataset: Dataset, theme: Theme, filters: Filters | None = None) -> go.Figure:
    """One bar per funding figure, labelled by programme and period; pledges pale, bounds hatched."""
    return _single_panel_bars("funding", figures, dataset, theme, filters)


def build_returns(figures, events, dataset: Dataset, theme: Theme, filters: Filters | None = None) -> go.Figure:
    """One bar per returns figure."""
    return _single_panel_bars("returns", figures, dataset, theme, filters)


def build_people(figures, events, dataset: Dataset, theme: Theme, filters: Filters | None = None) -> go.Figure:
    """Victims identified, people reached, migrants educated: one panel and axis per metric."""
    rows = plotted_rows("people", figures, events)
    if rows.empty:
        return empty_figure(empty_message("people", dataset, filters), theme)
    rows = _bar_order(rows, dataset)
    metrics = list(dict.fromkeys(rows["metric"].tolist()))  # vocabulary order, from _bar_order
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
        data += _bar_traces(panel, dataset, theme, xaxis=x, yaxis=y)
        bottom = top - heights[i - 1]
        layout[f"xaxis{suffix}"] = {**_value_axis(panel, dataset, ""), "anchor": y, "domain": [0, 1]}
        slots = 1 if len(panels) > 1 else 3  # a lone panel pads a lone bar like the other charts
        layout[f"yaxis{suffix}"] = {**_category_axis(panel, min_slots=slots), "anchor": x, "domain": [max(bottom, 0.0), top]}
        layout["annotations"].append({
            "name": PANEL_TITLE_NAME, "text": _esc(dataset.metric(metric).label), "showarrow": False,
            "xref": f"{x} domain", "yref": f"{y} domain", "x": 0, "y": 1, "xanchor": "left", "yanchor": "bottom",
            "font": {"size": 13, "color": theme.text_colour},
        })
        top = bottom - gap
    layout[f"xaxis{'' if len(panels) == 1 else len(panels)}"]["title"] = {
        "text": "Number of people" + (" (each panel has its own scale)" if len(panels) > 1 else "")
    }
    keys = _key_traces(rows, theme)
    # The legend sits in the top margin and the first panel's title just above its panel:
    # give the title a line of its own below the legend (about three keys fit on a row).
    layout.update(barmode="overlay", bargap=0.35, showlegend=True, margin={"t": 26 + 22 * math.ceil(len(keys) / 3)})
    return _figure(data + keys, layout, theme, rows=drawn)


def build_timeline(figures, events, dataset: Dataset, theme: Theme, filters: Filters | None = None) -> go.Figure:
    """One row per event, earliest at the top, each labelled with its date and title.

    Marker shape and colour say the type; a planned event is hollow. A date known only to
    the month or the year is drawn as a band across that month or year with the marker at
    its middle (the hover says "year only"). Labels point inwards so they stay in the chart.
    """
    rows = plotted_rows("timeline", figures, events)
    if rows.empty:
        return empty_figure(empty_message("timeline", dataset, filters), theme)
    rows = rows.reset_index(drop=True)
    ids = _strings(rows["id"])
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
        f"<b>{_esc(title)}</b><br>{_esc(date)}{PRECISION_NOTES.get(precision, '')}<br>"
        f"{_event_label(kind, status)} · {_esc(programme)}"
        for title, date, precision, kind, status, programme in zip(*(_texts(rows[c]) for c in columns))
    ])

    data: list[dict] = []
    if vague.any():
        xs: list = []
        ys: list = []
        for start, end, event_id in zip(rows["date"][vague], span_end[vague], ids[vague]):
            xs += [start, end, None]
            ys += [event_id, event_id, None]
        data.append({
            "type": "scatter", "x": xs, "y": ys, "mode": "lines", "name": "Month or year only",
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
                "name": _event_label(event_type, status),
                "marker": {
                    "symbol": EVENT_TYPE_SYMBOLS[event_type] + ("-open" if planned else ""),
                    "size": 15 if planned else 14, "color": colour,
                    "line": {"color": colour if planned else theme.background_colour, "width": 2.5 if planned else 1},
                },
                "customdata": customdata[mask], "hovertext": hover[mask], "hovertemplate": BAR_HOVER,
                "cliponaxis": False, "legendrank": type_index * 2 + planned, "meta": {"role": EVENT_TRACE_ROLE},
            })
    # Labels beside each marker (beyond its band when the date is vague), pointing inwards.
    anchor = middle.where(~vague, rows["date"].where(right_half, span_end))
    data.append({
        "type": "scatter", "x": anchor, "y": ids, "mode": "markers+text", "name": "Event labels", "showlegend": False,
        "marker": {"size": 14, "color": "rgba(0,0,0,0)"},
        "text": [f"<b>{_esc(d)}</b> · {_wrap(t, 46)}" for d, t in zip(_texts(rows["date_label"]), _texts(rows["title"]))],
        "textposition": np.where(right_half, "middle left", "middle right"),
        "textfont": {"size": 11, "color": theme.text_colour},
        "customdata": customdata, "hovertext": hover, "hovertemplate": BAR_HOVER,
        "cliponaxis": False, "meta": {"role": EVENT_LABEL_ROLE},
    })
    layout = {
        "showlegend": True, "legend": {"entrywidth": 112},
        "xaxis": {
            "type": "date", "range": x_range, "title": {"text": "Date of the event"}, "tickformat": "%Y",
            "dtick": "M12" if (hi - lo).days < 12 * 366 else None, "showgrid": True,
        },
        "yaxis": {
            "type": "category", "categoryorder": "array", "categoryarray": ids, "range": [len(ids) - 0.5, -0.7],
            "showticklabels": False, "showgrid": False, "ticks": "", "zeroline": False,
        },
    }
    return _figure(data, layout, theme, rows=len(ids))


def empty_figure(message: str, theme: Theme) -> go.Figure:
    """No axes, just ``message`` in the middle: never a blank axis."""
    layout = {
        "xaxis": {"visible": False}, "yaxis": {"visible": False}, "showlegend": False,
        "annotations": [{
            "name": EMPTY_MESSAGE_NAME, "text": _wrap(message, 48), "x": 0.5, "y": 0.5, "xref": "paper",
            "yref": "paper", "showarrow": False, "font": {"size": 16, "color": theme.muted_colour},
        }],
    }
    return _figure([], layout, theme)


CHARTS: dict[str, ChartSpec] = {
    spec.name: spec
    for spec in (
        ChartSpec("funding", "Funding by programme", build_funding),
        ChartSpec("people", "People: victims identified, people reached, migrants educated", build_people),
        ChartSpec("returns", "Returns", build_returns),
        ChartSpec("timeline", "Timeline of events", build_timeline),
    )
}


# --- bars ------------------------------------------------------------------------------------


def _single_panel_bars(name: str, figures: pd.DataFrame, dataset: Dataset, theme: Theme, filters: Filters | None) -> go.Figure:
    rows = plotted_rows(name, figures, figures.iloc[0:0])
    if rows.empty:
        return empty_figure(empty_message(name, dataset, filters), theme)
    rows = _bar_order(rows, dataset)
    layout = {
        "xaxis": _value_axis(rows, dataset, _value_axis_title(rows, dataset)),
        "yaxis": _category_axis(rows, min_slots=3),
        "barmode": "overlay", "bargap": 0.35, "showlegend": True,
    }
    return _figure(_bar_traces(rows, dataset, theme) + _key_traces(rows, theme), layout, theme, rows=len(rows))


def _bar_order(rows: pd.DataFrame, dataset: Dataset) -> pd.DataFrame:
    """By metric and programme (in the data's order), reported first, then by period."""
    programme_rank = {p.id: i for i, p in enumerate(dataset.programmes)}
    metric_rank = {m.id: i for i, m in enumerate(dataset.metrics)}
    return (
        rows.assign(
            _metric=rows["metric"].map(metric_rank).astype("float64"),
            _programme=rows["programme"].map(programme_rank).astype("float64"),
            _committed=(rows["kind"] == Kind.COMMITTED.value).astype("int64"),
        )
        .sort_values(["_metric", "_programme", "_committed", "period_start", "id"], kind="stable")
        .drop(columns=["_metric", "_programme", "_committed"])
        .reset_index(drop=True)
    )


def _bar_traces(rows: pd.DataFrame, dataset: Dataset, theme: Theme, xaxis: str = "x", yaxis: str = "y") -> list[dict]:
    """One bar per row, plus its value label and end marker; one trace per style, not per bar."""
    ids = _strings(rows["id"])
    values = rows["value"].to_numpy(dtype=float)
    customdata = ids[:, None]
    columns = ["value_label", "metric_label", "period_label", "kind", "programme_name", "note"]
    hover = np.array([_bar_hover(*r) for r in zip(*(_texts(rows[c]) for c in columns))])
    labels = np.array([
        _esc(v) + (" (committed)" if k == Kind.COMMITTED.value else "")
        for v, k in zip(_texts(rows["value_label"]), _texts(rows["kind"]))
    ])
    nudge = float(values.max()) * 0.025 if len(values) else 0.0
    traces: list[dict] = []
    for (metric, kind, qualifier), index in rows.groupby(["metric", "kind", "qualifier"], sort=False).indices.items():
        colour = metric_colour(str(metric), dataset, theme)
        pledged = kind == Kind.COMMITTED.value
        fill = tint(colour, 0.82) if pledged else colour
        outline = shade(colour, 0.15 if pledged else 0.3)
        common = {
            "x": values[index], "y": ids[index], "xaxis": xaxis, "yaxis": yaxis, "customdata": customdata[index],
            "hovertext": hover[index], "hovertemplate": BAR_HOVER, "showlegend": False,
        }
        traces.append({
            **common, "type": "bar", "orientation": "h", "name": f"{metric} {kind} {qualifier}",
            "marker": {
                "color": fill, "line": {"color": outline, "width": 2 if pledged else 1},
                "pattern": {
                    "shape": QUALIFIER_PATTERN[qualifier], "fillmode": "overlay", "size": 9, "solidity": 0.3,
                    "fgcolor": shade(colour, 0.1) if pledged else tint(colour, 0.65),
                },
            },
            "meta": {"role": BAR_TRACE_ROLE},
        })
        # The label sits right of the bar end: after an arrow for "over" (the arrow just
        # beyond the bar, pointing on), after a cap for "up to", after a gap otherwise.
        symbol = QUALIFIER_END_SYMBOL[qualifier]
        marker = {"symbol": symbol or "circle", "size": 16, "color": "rgba(0,0,0,0)"}
        if qualifier == Qualifier.AT_LEAST.value:
            marker.update(color=outline)
        elif qualifier == Qualifier.AT_MOST.value:
            marker.update(size=22, line={"color": outline, "width": 4})
        traces.append({
            **common, "type": "scatter", "mode": "markers+text", "name": f"{metric} {kind} {qualifier} labels",
            "x": values[index] + (nudge if qualifier == Qualifier.AT_LEAST.value else 0.0),
            "text": labels[index], "textposition": "middle right", "textfont": {"color": theme.text_colour},
            "marker": marker, "cliponaxis": False, "meta": {"role": END_TRACE_ROLE},
        })
    return traces


@functools.lru_cache(maxsize=4096)
def _bar_hover(value: str, metric: str, period: str, kind: str, programme: str, note: str | None) -> str:
    text = f"<b>{_esc(value)}</b> {_esc(metric).lower()}<br>{_esc(period)}<br>{KIND_LABELS[kind]} · {_esc(programme)}"
    return text + (f"<br><i>{_esc(note)}</i>" if note else "")


def _value_axis(rows: pd.DataFrame, dataset: Dataset, title: str) -> dict:
    """A linear axis from zero with room for the labels, ticks in fmt's words (£2m, 24,000)."""
    top = float(rows["value"].max())
    ticks = nice_ticks(top)
    unit = dataset.unit(str(rows["unit"].iloc[0])) if rows["unit"].nunique() == 1 else None
    return {
        "range": [0, top * 1.6 if top > 0 else 1], "tickmode": "array", "tickvals": ticks,
        "ticktext": [fmt.format_number(t, unit) for t in ticks], "title": {"text": title},
        "showgrid": True, "zeroline": True,
    }


def _category_axis(rows: pd.DataFrame, min_slots: int) -> dict:
    """One slot per figure (by id, so two figures never share a bar), labelled by programme and
    period. At least ``min_slots`` slots, so a lone bar does not fill the whole chart."""
    ids = _strings(rows["id"])
    labels = [_category_label(name, period) for name, period in zip(_texts(rows["programme_name"]), _texts(rows["period_label"]))]
    pad = max(0.0, (min_slots - len(ids)) / 2)
    return {
        "type": "category", "categoryorder": "array", "categoryarray": ids, "range": [len(ids) - 0.5 + pad, -0.5 - pad],
        "tickmode": "array", "tickvals": ids, "ticktext": labels, "showgrid": False, "ticks": "", "ticklabelstandoff": 8,
    }


@functools.lru_cache(maxsize=4096)
def _category_label(programme: str, period: str) -> str:
    return f"{_wrap(programme, 30)}<br><span style='color:#7b8794'>{_esc(period)}</span>"


def _value_axis_title(rows: pd.DataFrame, dataset: Dataset) -> str:
    """``Funding (£)``, ``Returns (people)``."""
    metric = dataset.metric(str(rows["metric"].iloc[0]))
    unit = dataset.unit(metric.unit)
    return f"{metric.label} ({unit.prefix or unit.noun or unit.label})"


def _key_traces(rows: pd.DataFrame, theme: Theme) -> list[dict]:
    """Legend-only entries, in grey, for the fill (reported / committed) and pattern (qualifier)."""
    grey = theme.muted_colour
    keys = []
    kinds = set(rows["kind"].tolist())
    if Kind.REPORTED.value in kinds:
        keys.append((KIND_LABELS[Kind.REPORTED.value], grey, shade(grey, 0.3), 1, ""))
    if Kind.COMMITTED.value in kinds:
        keys.append((KIND_LABELS[Kind.COMMITTED.value], tint(grey, 0.82), shade(grey, 0.15), 2, ""))
    present = set(rows["qualifier"].tolist())
    for qualifier in (Qualifier.AT_LEAST, Qualifier.AT_MOST, Qualifier.APPROX):
        if qualifier.value in present:
            word = fmt.QUALIFIER_NOTES[qualifier].split(":")[0]  # "Over", "Up to", "Nearly / about"
            keys.append((f"{word}: {QUALIFIER_PHRASES[qualifier.value]}", tint(grey, 0.82), shade(grey, 0.15), 1,
                         QUALIFIER_PATTERN[qualifier.value]))
    return [
        {
            "type": "bar", "orientation": "h", "x": [None], "y": [None], "name": label, "legendrank": rank,
            "hoverinfo": "skip", "meta": {"role": KEY_TRACE_ROLE},
            "marker": {
                "color": colour, "line": {"color": line, "width": width},
                "pattern": {"shape": pattern, "fgcolor": shade(grey, 0.1), "fillmode": "overlay", "size": 6},
            },
        }
        for rank, (label, colour, line, width, pattern) in enumerate(keys)
    ]


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """Round tick values from 0 to just past ``top``: 0, 2m, 4m, 6m, 8m."""
    if not top or top <= 0 or not math.isfinite(top):
        return [0.0]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [i * step for i in range(math.ceil(top / step - 1e-9) + 1)]


# --- slides ------------------------------------------------------------------------------------

_FONT_KEYS = {"font", "textfont", "tickfont", "insidetextfont", "outsidetextfont"}


def scale_figure(fig: go.Figure, factor: float) -> go.Figure:
    """A copy of ``fig`` with every font, marker, line, pattern and margin ``factor`` times
    larger: the dashboard figure made legible on a 1920×1080 slide without rebuilding it."""

    def number(value):
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, int | float):
            return value * factor
        if isinstance(value, dict) and "bdata" in value:  # plotly's packed numeric array
            value = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).reshape(value.get("shape", -1))
        if isinstance(value, list | tuple | np.ndarray):
            return [number(v) for v in np.asarray(value, dtype=object).tolist()]
        return value

    def walk(node, parent: str | None = None):
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if (key == "size" and parent in _FONT_KEYS | {"marker", "pattern"}) or (key == "width" and parent == "line"):
                    out[key] = number(value)
                elif (parent == "margin" and key in ("l", "r", "t", "b", "pad")) or key in ("entrywidth", "ticklabelstandoff"):
                    out[key] = round(number(value))  # these accept whole pixels only
                else:
                    out[key] = walk(value, key)
            return out
        if isinstance(node, list):
            return [walk(item, parent) for item in node]
        return node

    return go.Figure(walk(fig.to_dict()))


# --- small helpers -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _template(theme: Theme) -> dict:
    return plotly_template(theme).to_plotly_json()


def _figure(data: list[dict], layout: dict, theme: Theme, rows: int = 0) -> go.Figure:
    """Assemble and validate the figure once, tall enough for its ``rows`` (bars, panel titles, events)."""
    return go.Figure({"data": data, "layout": {"template": _template(theme), "height": chart_height(rows), "autosize": True, **layout}})


def _event_label(event_type: str, status: str) -> str:
    """``Dialogue``, ``Dialogue (planned)``."""
    label = EVENT_TYPE_LABELS.get(event_type, event_type)
    return label + (" (planned)" if status == EventStatus.PLANNED.value else "")


def _spec(name: str) -> ChartSpec:
    try:
        return CHARTS[name]
    except KeyError:
        raise KeyError(f"unknown chart {name!r}; expected one of: {', '.join(CHARTS)}") from None


def _strings(column: pd.Series) -> np.ndarray:
    """A text column as a numpy unicode array: plotly copies these without touching each item."""
    return np.array(_texts(column), dtype=str)


def _texts(column: pd.Series) -> list:
    """Plain ``str`` values (``None`` for missing), fast to iterate."""
    return column.astype("string").to_numpy(dtype=object, na_value=None).tolist()


@functools.lru_cache(maxsize=4096)
def _esc(text) -> str:
    """Data text shown by plotly, which reads ``<`` and ``&`` as markup."""
    return html.escape(str(text), quote=False)


@functools.lru_cache(maxsize=4096)
def _wrap(text, width: int) -> str:
    return "<br>".join(textwrap.wrap(_esc(text), width=width, break_long_words=False)) or _esc(text)


__all__ = [
    "CHARTS", "COMMITMENT_NOTE", "ChartSpec", "EMPTY_MESSAGE_NAME", "alt_text", "build_chart", "empty_figure",
    "empty_message", "nice_ticks", "plotted_rows", "qualifier_notes", "scale_figure", "source_footer",
]
