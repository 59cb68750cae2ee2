"""Claims: every statement of one quantity across documents, over time.

Pick a quantity (the frame's ``quantity_group``: a figure and every figure declared
``same_as``, ``updates`` or ``disagrees_with`` it; ``analysis.claims.quantity_choices`` is
the pick-list) and see what each document said of it and when: one point per statement at
its source's publication date, its height the value as stated, styled by its qualifier
(an "over" points up, an "up to" points down, an approximation is a diamond, a range is a
line from its low to its high bound), a pledge hollow, the latest statement ringed and
labelled "latest" (unless documents disagree: then each side is drawn alike and labelled
"disagree"; a date known to a month is a line across it). Statements are never joined by a line or averaged: two documents that
disagree are two points.

The quantity comes from ``Filters.quantity``, carried by the filtered frame
(``frame.attrs["quantity"]``, set by ``analysis.frame.apply_filters``), so the page, the
slide image and the deck draw the same one. Without a chosen quantity (or when the chosen one
has no statement in the view) the chart shows the quantity with the most statements and says
so on the chart and in its alt text.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.claims import history_choice, most_stated, quantity_history
from dashboard.config import Theme
from dashboard.curated.records import Dataset, DatePrecision, FlexDate, Kind, Qualifier
from dashboard.views.charts import bars
from dashboard.words.kinds import tick
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
from dashboard.views.charts.registry import ChartSpec, register
from dashboard.views.charts.texts import (
    CLAIM_ROLE_WORDS,
    CLAIMS_AXIS,
    CLAIMS_TITLE,
    CLAIMS_WHY,
    CTX_ALT,
    DISAGREE_MARK,
    DISAGREE_NOTE,
    LATEST_MARK,
    QUALIFIER_PHRASES,
    TIED_NOTE,
    say,
)
from dashboard.views.labels import kind_label, resolved
from dashboard.views.language import formatter_for, language_of, words_for
from dashboard.words import Words
from dashboard.views.theme import metric_colour, shade, tint

DISAGREES = "disagrees"  # claim_history's role of a statement that disagrees with the latest
DATE_SPAN_ROLE = (
    "date-span"  # trace.meta["role"] of the line across a date known to a month or a year
)
CHOSEN, MOST_STATED, MISSING = (
    "chosen",
    "most_stated",
    "missing",
)  # why the chart shows its quantity (CLAIMS_WHY)
WHY = CLAIMS_WHY
ROLE_WORDS = CLAIM_ROLE_WORDS
LATEST = LATEST_MARK
TITLE = CLAIMS_TITLE


TITLE_WIDTH = 44  # characters a line of the chart's title: what a phone's chart holds
SYMBOLS = {  # the qualifier's shape; a pledge is the same shape hollow
    Qualifier.EXACT.value: "circle",
    Qualifier.AT_LEAST.value: "triangle-up",  # the true value lies higher
    Qualifier.AT_MOST.value: "triangle-down",  # the true value lies at or below
    Qualifier.APPROX.value: "diamond",
    Qualifier.RANGE.value: "line-ew",  # a range is drawn as its bounds, the value between them
}


def select(figures: pd.DataFrame) -> pd.DataFrame:
    """The statements of the chosen quantity (``figures.attrs["quantity"]``), or of the most
    stated one, latest first, with ``claim_role`` and ``quantity_label`` and ``quantity_why``."""
    if figures.empty or "quantity_group" not in figures:
        return figures.iloc[0:0]
    chosen = figures.attrs.get("quantity")
    history = (
        quantity_history(figures, chosen) if chosen else None
    )  # shared with the view's claims panel
    why = CHOSEN
    if history is None:
        history, why = (
            quantity_history(figures, most_stated(figures)),
            (MISSING if chosen else MOST_STATED),
        )
    tied = 0
    if why != CHOSEN:  # how many quantities have as many statements as the one shown
        counts = Counter(figures["quantity_group"].tolist())
        tied = sum(1 for n in counts.values() if n == len(history))
    return history.assign(
        quantity_label=history_choice(history).label, quantity_why=why, quantity_tied=tied
    )


def keep_all(rows: pd.DataFrame) -> pd.DataFrame:
    return rows  # one quantity: a handful of statements, never capped


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
    dates = published(rows, dataset)
    # a statement sits in the middle of the time its publication date allows ("Apr 2025":
    # mid-April, drawn across the month), so a day inside that month is neither before nor after it
    rows = (
        rows.assign(_x=[middle(d) for d in dates], _date=dates)
        .sort_values(["_x", "id"], kind="stable")
        .reset_index(drop=True)
    )
    dates = rows["_date"].tolist()
    x = rows["_x"].tolist()
    low = rows["value"].to_numpy(dtype=float)
    high = bars.high_values(rows)
    colour = metric_colour(str(rows["metric"].iloc[0]), dataset, theme)
    ids = strings(rows["id"])
    roles = texts(rows["claim_role"])
    language = language_of(rows)
    words = words_for(language)
    hover = [
        f"<b>{esc(v)}</b> ({say(QUALIFIER_PHRASES[q], words)}) · {kind_label(k, words).lower()}<br>{esc(p)}<br>"
        f"{esc(t)} — {esc(pub)}, {esc(d)}<br><i>{role_words(r, words)}</i>"
        for v, q, k, p, t, pub, d, r in zip(
            *(
                texts(rows[c])
                for c in (
                    "value_label",
                    "qualifier",
                    "kind",
                    "period_label",
                    "source_title",
                    "source_publisher",
                    "source_date",
                )
            ),
            roles,
        )
    ]
    pledged = (rows["kind"] == Kind.COMMITTED.value).to_numpy()
    latest = np.array([r == LATEST for r in roles])
    disputed = np.array([r == DISAGREES for r in roles])
    if (
        disputed.any()
    ):  # a disagreement is not a ranking: the latest is drawn as the others that disagree with it
        latest = latest & False
    data: list[dict] = []
    is_range = rows["qualifier"].to_numpy() == Qualifier.RANGE.value
    for i in np.flatnonzero(is_range):  # a range: a line from its low to its high bound
        data.append(
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
        )
    y = np.where(is_range, (low + high) / 2, low)
    for i, date in enumerate(dates):  # a date known to a month or a year: a line across it
        if date is not None and date.precision is not DatePrecision.DAY:
            data.append(
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
            )
    data.append(
        {
            "type": "scatter",
            "mode": "markers",
            "x": x,
            "y": y,
            "customdata": ids[:, None],
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
                        theme.text_colour if is_latest else shade(colour, 0.3)
                        for is_latest in latest
                    ],
                    "width": [3 if is_latest else 1 for is_latest in latest],
                },
            },
        }
    )
    if disputed.any():  # both marked alike, neither "latest"
        mark, marked = say(DISAGREE_MARK, words), disputed | np.array([r == LATEST for r in roles])
    elif (
        sum(r in (LATEST, "earlier") for r in roles) > 1
    ):  # "latest" of several statements, not of restatements
        mark, marked = say(LATEST, words), latest
    else:
        mark, marked = "", latest & False
    # a restatement is the figure it restates: its point is labelled once, on that figure
    labels = [
        "" if r == "same" else esc(v) + (f" ({mark})" if is_marked else "")
        for v, is_marked, r in zip(texts(rows["value_label"]), marked, roles)
    ]
    # Each label over an invisible twin of its marker: plotly sets text clear of a marker of
    # the trace's own size only (a text-only trace put "(latest)" on its 22 px marker).
    data.append(
        {
            "type": "scatter",
            "mode": "markers+text",
            "x": x,
            "y": high,
            "text": labels,
            "textposition": "top center",
            "marker": {"size": [22 if is_latest else 16 for is_latest in latest], "opacity": 0},
            "customdata": ids[:, None],
            "hovertext": hover,
            "hovertemplate": HOVER,
            "showlegend": False,
            "textfont": {"color": theme.text_colour},
            "cliponaxis": False,
            "name": "labels",
            "meta": {"role": END_TRACE_ROLE},
        }
    )
    top, bottom = (
        float(high.max()),
        min(float(low.min()), 0.0),
    )  # a fall ("down 75%") sits below zero
    ticks = nice_ticks(top, bottom=bottom)
    unit = dataset.unit(str(rows["unit"].iloc[0]))
    why = " ".join(
        t
        for t in (
            why_text(str(rows["quantity_why"].iloc[0]), words, rows),
            disagreement_text(rows, words),
        )
        if t
    )
    # wrapped to what a phone's chart holds (chart-fit.js moves it to the chart's left edge), the top margin a line each
    heading = wrap(str(rows["quantity_label"].iloc[0]), TITLE_WIDTH)
    detail = (
        [
            f"<span style='color:{theme.muted_colour}'>{line}</span>"
            for line in wrap(why, TITLE_WIDTH).split("<br>")
        ]
        if why
        else []
    )
    title = "<br>".join([heading, *detail])
    layout = {
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
        "annotations": [
            {
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
        ],
        "showlegend": False,
        "margin": {"t": 22 + 17 * (title.count("<br>") + 1)},
    }
    layout["xaxis"].update(date_axis([d for d in dates if d is not None], formatter_for(language)))
    return figure(data, layout, theme)


def disagreement_text(rows: pd.DataFrame, words: Words) -> str:
    """ "The sources disagree: both shown, never averaged." and the curator's reading of it,
    when the statements drawn disagree; else nothing."""
    roles = texts(rows["claim_role"])
    if DISAGREES not in roles:
        return ""
    ids = set(texts(rows["id"]))
    readings = [
        sentence(resolved(str(text), words))
        for fid, other, text in zip(
            texts(rows["id"]), texts(rows["disagrees_with"]), texts(rows["resolution"])
        )
        if other in ids and isinstance(text, str) and text
    ]
    return " ".join([say(DISAGREE_NOTE, words), *readings])


# Tick steps a date axis may take: (months, days); a step finer than the data's dates is never used
TICK_STEPS = [
    (0, 1),
    (0, 2),
    (0, 7),
    (0, 14),
    (1, 0),
    (3, 0),
    (6, 0),
    (12, 0),
    (24, 0),
    (60, 0),
    (120, 0),
]
FINEST_STEP = {
    DatePrecision.DAY: (0, 1),
    DatePrecision.MONTH: (1, 0),
    DatePrecision.QUARTER: (3, 0),
    DatePrecision.SEASON: (3, 0),
    DatePrecision.YEAR: (12, 0),
}
MAX_TICKS = 6


def date_axis(dates: list[FlexDate], formatter) -> dict:
    """The date axis of ``dates`` at their precision: ticks never finer than the most precise
    date (a day at most: never hours; months when every date is a month), each tick written at
    the step's precision ("2 Apr 2025", "Apr 2025", "2025") in the formatter's language, and a
    range that holds every date's whole span."""
    if not dates:
        return {}
    finest = min((FINEST_STEP[d.precision] for d in dates), key=lambda step: step[0] * 31 + step[1])
    lo = min(d.first_day for d in dates)
    hi = max(d.last_day for d in dates) + dt.timedelta(days=1)
    pad = max(
        (hi - lo) / 8, dt.timedelta(days=1 if finest == (0, 1) else 15)
    )  # room for a label centred on the first or last point
    lo, hi = lo - pad, hi + pad
    steps = [s for s in TICK_STEPS if s[0] * 31 + s[1] >= finest[0] * 31 + finest[1]]
    for step in steps:
        ticks = _ticks(lo, hi, step)
        if len(ticks) <= MAX_TICKS:
            break
    precision = (
        DatePrecision.DAY
        if step[0] == 0
        else DatePrecision.YEAR
        if step[0] % 12 == 0
        else DatePrecision.MONTH
    )
    return {
        "range": [lo, hi],
        "tickmode": "array",
        "tickvals": ticks,
        "ticktext": [formatter.flex_date(FlexDate(t, precision)) for t in ticks],
    }


def _ticks(lo: dt.date, hi: dt.date, step: tuple[int, int]) -> list[dt.date]:
    months, days = step
    if days:
        first = lo + dt.timedelta(days=(-lo.toordinal()) % days) if days > 1 else lo
        return [first + dt.timedelta(days=days * n) for n in range((hi - first).days // days + 1)]
    index = lo.year * 12 + lo.month - 1 + (lo.day > 1)  # the first month's start at or after lo
    index += (-index) % months  # on the step's boundaries: January for years, quarters from January
    found = []
    while True:
        day = dt.date(index // 12, index % 12 + 1, 1)
        if day > hi:
            return found
        found.append(day)
        index += months


def role_words(role: str, words: Words) -> str:
    """What a statement is among its quantity's ("the latest statement"), in ``words``' language."""
    english = ROLE_WORDS.get(role)
    return say(english, words) if english else role


def why_text(why: str, words: Words, rows: pd.DataFrame | None = None) -> str:
    """Why the chart shows its quantity; when no quantity was chosen and several have as many
    statements as the one shown (``rows``), which one it is and why that one."""
    english = WHY.get(why, "")
    text = say(english, words) if english else ""
    tied = (
        int(rows["quantity_tied"].iloc[0])
        if rows is not None and "quantity_tied" in rows and len(rows)
        else 0
    )
    if text and tied > 1:
        statements = words.plural(
            "{n} statement", "{n} statements", len(rows), "count with its noun"
        )
        text += " " + say(TIED_NOTE, words, tied=words.integer(tied), statements=statements)
    return text


def sentence(text: str) -> str:
    """``text`` starting with a capital, as a sentence of its own."""
    return text[:1].upper() + text[1:]


def intro(title: str, rows: pd.DataFrame) -> str:
    language = language_of(rows)
    words = words_for(language)

    def count(n: int, one: str, many: str) -> str:
        return words.plural(one, many, n, "count with its noun")

    label = str(rows["quantity_label"].iloc[0])
    documents = rows["source"].nunique()
    why = " ".join(
        t
        for t in (
            why_text(str(rows["quantity_why"].iloc[0]), words, rows),
            disagreement_text(rows, words),
        )
        if t
    )
    text = say(
        "{title}: {quantity}; {statements} from {documents}, one point each at its source's publication date, the latest marked, never averaged.",
        words,
        CTX_ALT,
        title=title,
        quantity=label,
        statements=count(len(rows), "{n} statement", "{n} statements"),
        documents=count(documents, "{n} document", "{n} documents"),
    )
    return text + (f" {why}" if why else "")


def items(rows: pd.DataFrame, dataset: Dataset) -> list[str]:
    words = words_for(language_of(rows))
    return [
        f"{v} ({say(QUALIFIER_PHRASES[q], words)}), {kind_label(k, words).lower()}, {p} — {t}, {pub}, {d}: {role_words(r, words)}"
        for v, q, k, p, t, pub, d, r in zip(
            *(
                texts(rows[c])
                for c in (
                    "value_label",
                    "qualifier",
                    "kind",
                    "period_label",
                    "source_title",
                    "source_publisher",
                    "source_date",
                    "claim_role",
                )
            )
        )
    ]


def cap_text(shown: int, total: int, words: Words | None = None) -> str:  # never capped (keep_all)
    return ""


CLAIMS = register(
    ChartSpec(
        name="claims",
        title=TITLE,
        empty_what="statements",
        plots="figures",
        select=select,
        cap=keep_all,
        cap_text=cap_text,
        draw=draw,
        intro=intro,
        items=items,
        notes=bars.qualifier_notes,
    )
)
