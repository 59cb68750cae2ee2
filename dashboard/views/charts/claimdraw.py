"""The claims chart drawn: one point per statement of a quantity at its source's publication
date, its height the value as stated, its shape the qualifier's (an "over" points up, an "up
to" points down, an approximation is a diamond, a range a line between its bounds), a pledge
hollow, the latest ringed and labelled "latest" unless documents disagree (then each side is
labelled "disagree" alike), a date known to a month a line across it. Never joined, never
averaged. ``claims`` picks the statements and registers the chart.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.config import Theme
from dashboard.curated.records import Dataset, DatePrecision, FlexDate, Kind, Qualifier
from dashboard.views.charts import bars
from dashboard.views.charts.claimwords import (
    DISAGREES,
    disagreement_text,
    role_words,
    statement_texts,
    why_text,
)
from dashboard.views.charts.dateaxis import date_axis
from dashboard.views.charts.draw import (
    BAR_TRACE_ROLE,
    END_TRACE_ROLE,
    HOVER,
    PANEL_TITLE_NAME,
    RANGE_TRACE_ROLE,
    esc,
    figure,
    nice_ticks,
    strings,
    texts,
    wrap,
)
from dashboard.views.charts.texts import (
    CLAIMS_AXIS,
    DISAGREE_MARK,
    LATEST_MARK,
    QUALIFIER_PHRASES,
    say,
)
from dashboard.views.labels import kind_label
from dashboard.views.language import formatter_for, language_of, words_for
from dashboard.views.theme import metric_colour, shade, tint
from dashboard.words import Words
from dashboard.words.kinds import tick

DATE_SPAN_ROLE = (
    "date-span"  # trace.meta["role"] of the line across a date known to a month or a year
)
LATEST = LATEST_MARK
TITLE_WIDTH = 44  # characters a line of the chart's title: what a phone's chart holds
SYMBOLS = {  # the qualifier's shape; a pledge is the same shape hollow
    Qualifier.EXACT.value: "circle",
    Qualifier.AT_LEAST.value: "triangle-up",  # the true value lies higher
    Qualifier.AT_MOST.value: "triangle-down",  # the true value lies at or below
    Qualifier.APPROX.value: "diamond",
    Qualifier.RANGE.value: "line-ew",  # a range is drawn as its bounds, the value between them
}


def published(rows: pd.DataFrame, dataset: Dataset) -> list:
    """Each statement's source publication date, as stated (a ``FlexDate``: "Apr 2025" is a
    month, never 1 April)."""
    dates = {s.file: s.published for s in dataset.sources}
    return [dates.get(f) for f in texts(rows["source"])]


def middle(date: FlexDate | None) -> dt.datetime | None:
    """The middle of the time a date allows: its day at noon, the middle of its month or year."""
    if date is None:
        return None
    start = dt.datetime.combine(date.first_day, dt.time())
    return (
        start + (dt.datetime.combine(date.last_day, dt.time()) + dt.timedelta(days=1) - start) / 2
    )


def draw(rows: pd.DataFrame, dataset: Dataset, theme: Theme) -> go.Figure:
    rows = in_date_order(rows, dataset)
    dates = rows["_date"].tolist()
    x = rows["_x"].tolist()
    low = rows["value"].to_numpy(dtype=float)
    high = bars.high_values(rows)
    colour = metric_colour(str(rows["metric"].iloc[0]), dataset, theme)
    roles = texts(rows["claim_role"])
    language = language_of(rows)
    words = words_for(language)
    hover = _hover_texts(rows, roles, words)
    disputed = np.array([r == DISAGREES for r in roles])
    latest = _ringed(roles, disputed)
    is_range = rows["qualifier"].to_numpy() == Qualifier.RANGE.value
    y = np.where(is_range, (low + high) / 2, low)
    data = [
        *_range_lines(x, low, high, is_range, colour),
        *_date_spans(dates, y, colour),
        _statement_markers(rows, x, y, hover, latest, colour, theme),
        _statement_labels(
            rows, x, high, hover, _labels(rows, roles, latest, disputed, words), latest, theme
        ),
    ]
    title = _title(rows, words, theme)
    layout = {
        **_axes(rows, dataset, low, high, words, language),
        "annotations": [_title_annotation(title, theme)],
        "showlegend": False,
        "margin": {"t": 22 + 17 * (title.count("<br>") + 1)},  # a line of the title each
    }
    layout["xaxis"].update(date_axis([d for d in dates if d is not None], formatter_for(language)))
    return figure(data, layout, theme)


def in_date_order(rows: pd.DataFrame, dataset: Dataset) -> pd.DataFrame:
    """``rows`` by publication date, each with ``_date`` (its source's ``FlexDate``) and ``_x``:
    a statement sits in the middle of the time its publication date allows ("Apr 2025":
    mid-April, drawn across the month), so a day inside that month is neither before nor after it."""
    dates = published(rows, dataset)
    return (
        rows.assign(_x=[middle(d) for d in dates], _date=dates)
        .sort_values(["_x", "id"], kind="stable")
        .reset_index(drop=True)
    )


def _hover_texts(rows: pd.DataFrame, roles: list, words: Words) -> list[str]:
    """Each statement's hover: its value, bound, kind, period, document and role."""
    return [
        f"<b>{esc(v)}</b> ({say(QUALIFIER_PHRASES[q], words)}) · {kind_label(k, words).lower()}<br>{esc(p)}<br>"
        f"{esc(t)} — {esc(pub)}, {esc(d)}<br><i>{role_words(r, words)}</i>"
        for (v, q, k, p, t, pub, d), r in zip(statement_texts(rows), roles)
    ]


def _ringed(roles: list, disputed: np.ndarray) -> np.ndarray:
    """Which statement is ringed as the latest: none when documents disagree, since a
    disagreement is not a ranking (the latest is drawn as the others that disagree with it)."""
    latest = np.array([r == LATEST for r in roles])
    if disputed.any():
        latest = latest & False
    return latest


def _range_lines(
    x: list, low: np.ndarray, high: np.ndarray, is_range: np.ndarray, colour: str
) -> list[dict]:
    """A range: a line from its low to its high bound."""
    return [
        {
            "type": "scatter",
            "mode": "lines",
            "x": [x[i], x[i]],
            "y": [low[i], high[i]],
            "hoverinfo": "skip",
            "line": {"color": shade(colour, 0.2), "width": 6},
            "showlegend": False,
            "meta": {"role": RANGE_TRACE_ROLE},
        }
        for i in np.flatnonzero(is_range)
    ]


def _date_spans(dates: list, y: np.ndarray, colour: str) -> list[dict]:
    """A date known to a month or a year: a line across it."""
    return [
        {
            "type": "scatter",
            "mode": "lines",
            "x": [date.first_day, date.last_day + dt.timedelta(days=1)],
            "y": [y[i], y[i]],
            "hoverinfo": "skip",
            "line": {"color": shade(colour, 0.2), "width": 2},
            "showlegend": False,
            "meta": {"role": DATE_SPAN_ROLE},
        }
        for i, date in enumerate(dates)
        if date is not None and date.precision is not DatePrecision.DAY
    ]


def _statement_markers(
    rows: pd.DataFrame,
    x: list,
    y: np.ndarray,
    hover: list[str],
    latest: np.ndarray,
    colour: str,
    theme: Theme,
) -> dict:
    """One marker per statement: its qualifier's shape, hollow for a pledge, the latest ringed."""
    pledged = (rows["kind"] == Kind.COMMITTED.value).to_numpy()
    return {
        "type": "scatter",
        "mode": "markers",
        "x": x,
        "y": y,
        "customdata": strings(rows["id"])[:, None],
        "hovertext": hover,
        "hovertemplate": HOVER,
        "showlegend": False,
        "name": "statements",
        "meta": {"role": BAR_TRACE_ROLE},
        "marker": {
            "symbol": [
                SYMBOLS[q] + ("-open" if p else "") for q, p in zip(rows["qualifier"], pledged)
            ],
            "size": [22 if is_latest else 16 for is_latest in latest],
            "color": [tint(colour, 0.6) if p else colour for p in pledged],
            "line": {
                "color": [
                    theme.text_colour if is_latest else shade(colour, 0.3) for is_latest in latest
                ],
                "width": [3 if is_latest else 1 for is_latest in latest],
            },
        },
    }


def _labels(
    rows: pd.DataFrame, roles: list, latest: np.ndarray, disputed: np.ndarray, words: Words
) -> list[str]:
    """Each point's label: its value, "(latest)" on the latest of several statements, or
    "(disagree)" on each side of a disagreement; a restatement is the figure it restates, so
    its point is labelled once, on that figure."""
    if disputed.any():  # both marked alike, neither "latest"
        mark, marked = say(DISAGREE_MARK, words), disputed | np.array([r == LATEST for r in roles])
    elif (
        sum(r in (LATEST, "earlier") for r in roles) > 1
    ):  # "latest" of several statements, not of restatements
        mark, marked = say(LATEST, words), latest
    else:
        mark, marked = "", latest & False
    return [
        "" if r == "same" else esc(v) + (f" ({mark})" if is_marked else "")
        for v, is_marked, r in zip(texts(rows["value_label"]), marked, roles)
    ]


def _statement_labels(
    rows: pd.DataFrame,
    x: list,
    high: np.ndarray,
    hover: list[str],
    labels: list[str],
    latest: np.ndarray,
    theme: Theme,
) -> dict:
    """Each label over an invisible twin of its marker: plotly sets text clear of a marker of
    the trace's own size only (a text-only trace put "(latest)" on its 22 px marker)."""
    return {
        "type": "scatter",
        "mode": "markers+text",
        "x": x,
        "y": high,
        "text": labels,
        "textposition": "top center",
        "marker": {"size": [22 if is_latest else 16 for is_latest in latest], "opacity": 0},
        "customdata": strings(rows["id"])[:, None],
        "hovertext": hover,
        "hovertemplate": HOVER,
        "showlegend": False,
        "textfont": {"color": theme.text_colour},
        "cliponaxis": False,
        "name": "labels",
        "meta": {"role": END_TRACE_ROLE},
    }


def _axes(
    rows: pd.DataFrame,
    dataset: Dataset,
    low: np.ndarray,
    high: np.ndarray,
    words: Words,
    language: str,
) -> dict:
    """The date axis (its ticks set by ``date_axis``) and the value axis, written in the unit
    as the documents state it, from zero or below it (a fall, "down 75%", sits below zero)."""
    top, bottom = float(high.max()), min(float(low.min()), 0.0)
    ticks = nice_ticks(top, bottom=bottom)
    unit = dataset.unit(str(rows["unit"].iloc[0]))
    return {
        # ticks outside push the dates below the value axis's "£0", which sits on the zero line
        "xaxis": {
            "type": "date",
            "title": {"text": say(CLAIMS_AXIS, words)},
            "showgrid": False,
            "automargin": True,
            "ticks": "outside",
            "ticklen": 8,
        },
        "yaxis": {
            "range": [bottom * 1.35, max(top * 1.35, 0.0)]
            if bottom < 0
            else [0, top * 1.35 if top > 0 else 1],
            "tickmode": "array",
            "tickvals": ticks,
            "ticktext": [tick(formatter_for(language), t, unit, named=True) for t in ticks],
            "showgrid": True,
            "zeroline": True,
            "title": {
                "text": bars.value_axis_title(str(rows["metric"].iloc[0]), dataset, language)
            },
        },
    }


def _title(rows: pd.DataFrame, words: Words, theme: Theme) -> str:
    """The quantity's name over the chart and, muted under it, why this quantity and what its
    sources disagree on: wrapped to what a phone's chart holds (chart-fit.js moves it to the
    chart's left edge)."""
    why = " ".join(
        t
        for t in (
            why_text(str(rows["quantity_why"].iloc[0]), words, rows),
            disagreement_text(rows, words),
        )
        if t
    )
    heading = wrap(str(rows["quantity_label"].iloc[0]), TITLE_WIDTH)
    detail = (
        [
            f"<span style='color:{theme.muted_colour}'>{line}</span>"
            for line in wrap(why, TITLE_WIDTH).split("<br>")
        ]
        if why
        else []
    )
    return "<br>".join([heading, *detail])


def _title_annotation(title: str, theme: Theme) -> dict:
    return {
        "name": PANEL_TITLE_NAME,
        "text": title,
        "showarrow": False,
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": 1,
        "xanchor": "left",
        "yanchor": "bottom",
        "align": "left",
        "font": {"size": 13, "color": theme.text_colour},
    }
