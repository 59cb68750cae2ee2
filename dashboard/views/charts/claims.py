"""Claims: every statement of one quantity across documents, over time.

Pick a quantity (the frame's ``quantity_group``: a figure and every figure declared
``same_as``, ``updates`` or ``disagrees_with`` it; ``analysis.claims.quantity_choices`` is
the pick-list) and see what each document said of it and when: one point per statement at
its source's publication date, its height the value as stated, styled by its qualifier
(an "over" points up, an "up to" points down, an approximation is a diamond, a range is a
line from its low to its high bound), a pledge hollow, the latest statement ringed and
labelled "latest". Statements are never joined by a line or averaged: two documents that
disagree are two points.

The quantity comes from ``Filters.quantity``, carried by the filtered frame
(``frame.attrs["quantity"]``, set by ``analysis.frame.apply_filters``), so the page, the
slide image and the deck draw the same one. Without a chosen quantity (or when the chosen one
has no statement in the view) the chart shows the quantity with the most statements and says
so on the chart and in its alt text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.claims import history_choice, most_stated, quantity_history
from dashboard.config import Theme
from dashboard.curated.records import Dataset, Kind, Qualifier
from dashboard.views.charts import bars
from dashboard.views.charts.draw import (
    BAR_TRACE_ROLE, END_TRACE_ROLE, HOVER, PANEL_TITLE_NAME, RANGE_TRACE_ROLE, esc, figure, nice_ticks, strings, texts, wrap,
)
from dashboard.views.charts.registry import ChartSpec, register
from dashboard.views.charts.texts import (
    CLAIM_ROLE_WORDS, CLAIMS_AXIS, CLAIMS_TITLE, CLAIMS_WHY, CTX_ALT, LATEST_MARK, QUALIFIER_PHRASES, say,
)
from dashboard.views.labels import kind_label
from dashboard.views.language import formatter_for, language_of, words_for
from dashboard.words import Words
from dashboard.views.theme import metric_colour, shade, tint

CHOSEN, MOST_STATED, MISSING = "chosen", "most_stated", "missing"  # why the chart shows its quantity (CLAIMS_WHY)
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
    history = quantity_history(figures, chosen) if chosen else None  # shared with the view's claims panel
    why = CHOSEN
    if history is None:
        history, why = quantity_history(figures, most_stated(figures)), (MISSING if chosen else MOST_STATED)
    return history.assign(quantity_label=history_choice(history).label, quantity_why=why)


def keep_all(rows: pd.DataFrame) -> pd.DataFrame:
    return rows  # one quantity: a handful of statements, never capped


def published(rows: pd.DataFrame, dataset: Dataset) -> list:
    """Each statement's source publication date (its first day, at the precision stated)."""
    dates = {s.file: s.published.first_day for s in dataset.sources}
    return [dates.get(f) for f in texts(rows["source"])]


def draw(rows: pd.DataFrame, dataset: Dataset, theme: Theme) -> go.Figure:
    rows = rows.assign(_x=published(rows, dataset)).sort_values(["_x", "id"], kind="stable").reset_index(drop=True)
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
        for v, q, k, p, t, pub, d, r in zip(*(texts(rows[c]) for c in (
            "value_label", "qualifier", "kind", "period_label", "source_title", "source_publisher", "source_date")), roles)
    ]
    pledged = (rows["kind"] == Kind.COMMITTED.value).to_numpy()
    latest = np.array([r == LATEST for r in roles])
    data: list[dict] = []
    is_range = rows["qualifier"].to_numpy() == Qualifier.RANGE.value
    for i in np.flatnonzero(is_range):  # a range: a line from its low to its high bound
        data.append({
            "type": "scatter", "mode": "lines", "x": [x[i], x[i]], "y": [low[i], high[i]], "hoverinfo": "skip",
            "line": {"color": shade(colour, 0.2), "width": 6}, "showlegend": False, "meta": {"role": RANGE_TRACE_ROLE},
        })
    y = np.where(is_range, (low + high) / 2, low)
    data.append({
        "type": "scatter", "mode": "markers", "x": x, "y": y, "customdata": ids[:, None], "hovertext": hover,
        "hovertemplate": HOVER, "showlegend": False, "name": "statements", "meta": {"role": BAR_TRACE_ROLE},
        "marker": {
            "symbol": [SYMBOLS[q] + ("-open" if p else "") for q, p in zip(rows["qualifier"], pledged)],
            "size": [22 if is_latest else 16 for is_latest in latest],
            "color": [tint(colour, 0.6) if p else colour for p in pledged],
            "line": {"color": [theme.text_colour if is_latest else shade(colour, 0.3) for is_latest in latest],
                     "width": [3 if is_latest else 1 for is_latest in latest]},
        },
    })
    latest_word = say(LATEST, words)
    labels = [esc(v) + (f" ({latest_word})" if is_latest else "") for v, is_latest in zip(texts(rows["value_label"]), latest)]
    # Each label over an invisible twin of its marker: plotly sets text clear of a marker of
    # the trace's own size only (a text-only trace put "(latest)" on its 22 px marker).
    data.append({
        "type": "scatter", "mode": "markers+text", "x": x, "y": high, "text": labels, "textposition": "top center",
        "marker": {"size": [22 if is_latest else 16 for is_latest in latest], "opacity": 0},
        "customdata": ids[:, None], "hovertext": hover, "hovertemplate": HOVER, "showlegend": False,
        "textfont": {"color": theme.text_colour}, "cliponaxis": False, "name": "labels", "meta": {"role": END_TRACE_ROLE},
    })
    top = float(high.max())
    ticks = nice_ticks(top)
    unit = dataset.unit(str(rows["unit"].iloc[0]))
    why = why_text(str(rows["quantity_why"].iloc[0]), words)
    # wrapped to what a phone's chart holds (chart-fit.js moves it to the chart's left edge), the top margin a line each
    heading = wrap(str(rows["quantity_label"].iloc[0]), TITLE_WIDTH)
    detail = [f"<span style='color:{theme.muted_colour}'>{line}</span>" for line in wrap(why, TITLE_WIDTH).split("<br>")] if why else []
    title = "<br>".join([heading, *detail])
    layout = {
        # ticks outside push the dates below the value axis's "£0", which sits on the zero line
        "xaxis": {"type": "date", "title": {"text": say(CLAIMS_AXIS, words)}, "showgrid": False, "automargin": True, "ticks": "outside", "ticklen": 8},
        "yaxis": {"range": [0, top * 1.35 if top > 0 else 1], "tickmode": "array", "tickvals": ticks,
                  "ticktext": [formatter_for(language).tick(t, unit) for t in ticks], "showgrid": True, "zeroline": True,
                  "title": {"text": bars.value_axis_title(str(rows["metric"].iloc[0]), dataset, language)}},
        "annotations": [{
            "name": PANEL_TITLE_NAME, "text": title, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0, "y": 1,
            "xanchor": "left", "yanchor": "bottom", "align": "left", "font": {"size": 13, "color": theme.text_colour},
        }],
        "showlegend": False, "margin": {"t": 22 + 17 * (title.count("<br>") + 1)},
    }
    if language != "en":  # plotly names months in English: a month as the language writes it (3/2025)
        layout["xaxis"]["tickformat"] = say("%b %Y", words, "date axis (d3 time format)")
    if len(set(x)) == 1:  # one date: give the axis a year around it rather than a zero-width span
        day = pd.Timestamp(x[0])
        layout["xaxis"]["range"] = [day - pd.Timedelta(days=183), day + pd.Timedelta(days=183)]
    return figure(data, layout, theme)


def role_words(role: str, words: Words) -> str:
    """What a statement is among its quantity's ("the latest statement"), in ``words``' language."""
    english = ROLE_WORDS.get(role)
    return say(english, words) if english else role


def why_text(why: str, words: Words) -> str:
    english = WHY.get(why, "")
    return say(english, words) if english else ""


def intro(title: str, rows: pd.DataFrame) -> str:
    language = language_of(rows)
    words = words_for(language)

    def count(n: int, one: str, many: str) -> str:
        return words.plural(one, many, n, "count with its noun")

    label = str(rows["quantity_label"].iloc[0])
    documents = rows["source"].nunique()
    why = why_text(str(rows["quantity_why"].iloc[0]), words)
    text = say(
        "{title}: {quantity}; {statements} from {documents}, one point each at its source's publication date, the latest marked, never averaged.",
        words, CTX_ALT, title=title, quantity=label,
        statements=count(len(rows), "{n} statement", "{n} statements"), documents=count(documents, "{n} document", "{n} documents"),
    )
    return text + (f" {why}" if why else "")


def items(rows: pd.DataFrame, dataset: Dataset) -> list[str]:
    words = words_for(language_of(rows))
    return [
        f"{v} ({say(QUALIFIER_PHRASES[q], words)}), {kind_label(k, words).lower()}, {p} — {t}, {pub}, {d}: {role_words(r, words)}"
        for v, q, k, p, t, pub, d, r in zip(*(texts(rows[c]) for c in (
            "value_label", "qualifier", "kind", "period_label", "source_title", "source_publisher", "source_date", "claim_role")))
    ]


def cap_text(shown: int, total: int, words: Words | None = None) -> str:  # never capped (keep_all)
    return ""


CLAIMS = register(ChartSpec(
    name="claims", title=TITLE, empty_what="statements", plots="figures", select=select, cap=keep_all,
    cap_text=cap_text, draw=draw, intro=intro, items=items, notes=bars.qualifier_notes,
))
