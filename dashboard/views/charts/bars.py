"""Horizontal bars, one per curated figure, shared by every bar chart.

How a bar looks says how far to trust it:

- colour: the metric (one palette colour per metric, the same on every chart);
- fill: **reported** (achieved) is solid; **committed** (pledged) is a pale fill with a
  solid outline, and its label says "(committed)";
- pattern and end marker: an **over** value (lower bound) is hatched ``/`` and followed by
  an arrow ▶, because the true bar is longer; an **up to** value (upper bound) is hatched
  ``-`` and ends in a cap |; a **nearly / about** value is dotted; an exact value is plain;
  a **range** ("between 10,000 and 13,000") is a bar to its low bound with a paler extension
  to its high bound, capped |.
  Every bar is labelled with fmt's value text ("over £7m"), so the word survives too.

Bars are never added together (periods overlap, and a pledge is not a result). One trace
per style rather than per-point style arrays, so 10,000 figures still build quickly.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
import pandas as pd

from dashboard.analysis.claims import view_leading_claims
from dashboard.analysis.memo import per_frame
from dashboard.config import Theme
from dashboard.curated.records import Dataset, Kind, Qualifier
from dashboard.views.charts.draw import (
    BAR_TRACE_ROLE,
    END_TRACE_ROLE,
    HOVER,
    KEY_TRACE_ROLE,
    RANGE_TRACE_ROLE,
    Spec,
    esc,
    figure,
    nice_ticks,
    strings,
    texts,
    wrap,
)
from dashboard.views.columns import Columns
from dashboard.views.charts.partwhole import whole_key, whole_top, whole_traces
from dashboard.views.charts.registry import ChartSpec
from dashboard.views.charts.texts import (
    BARS_INTRO,
    COMMITMENT_NOTE,
    COMMITTED_SUFFIX,
    CTX_ALT,
    QUALIFIER_PHRASES,
    bars_cap_note,
    hedge_notes,
    qualifier_phrase,
    say,
)
from dashboard.views.labels import kind_label, shows_scope, view_claim_notes
from dashboard.views.language import formatter_for, language_of, words_for
from dashboard.words import Words
from dashboard.words.kinds import tick
from dashboard.views.theme import metric_colour, shade, tint

# How much one chart draws before it says it is capped (the table lists every figure):
MAX_BARS = 10  # bars per metric: a top ten stays readable in a 400 px chart, 25 did not

QUALIFIER_PATTERN = {
    Qualifier.EXACT.value: "",
    Qualifier.AT_LEAST.value: "/",
    Qualifier.AT_MOST.value: "-",
    Qualifier.APPROX.value: ".",
    Qualifier.RANGE.value: "",  # the bar runs to the low bound; a pale extension runs on to the high one
}
QUALIFIER_END_SYMBOL = {  # None: no marker at the bar end
    Qualifier.EXACT.value: None,
    Qualifier.AT_LEAST.value: "triangle-right",  # open-ended: the true value lies further right
    Qualifier.AT_MOST.value: "line-ns",  # a ceiling: the true value lies at or left of it
    Qualifier.APPROX.value: None,
    Qualifier.RANGE.value: "line-ns",  # the high bound: the true value lies between the bar's end and this cap
}
NOTED_QUALIFIERS = (Qualifier.AT_LEAST, Qualifier.AT_MOST, Qualifier.APPROX, Qualifier.RANGE)


def qualifier_note(
    qualifier: Qualifier, words: Words | None = None, wording: str | None = None
) -> str:
    """The Formatter's sentence for a qualifier ("Over: …"); ``wording`` tells "at least" from "over"."""
    return formatter_for(words.language if words else None).qualifier_sentence(qualifier, wording)


def bound_notes(rows: pd.DataFrame | Columns, words: Words | None = None) -> list[str]:
    """One note per kind of bound the rows show, in NOTED_QUALIFIERS order: "at least" (the
    bound may be reached) and "over" (it may not) are two notes when both are shown."""
    qualifiers = list(rows["qualifier"])
    wordings = list(rows["wording"]) if "wording" in rows else [None] * len(qualifiers)
    notes: list[str] = []
    for qualifier in NOTED_QUALIFIERS:
        for q, wording in zip(qualifiers, wordings):
            note = qualifier_note(qualifier, words, wording) if q == qualifier.value else None
            if note and note not in notes:
                notes.append(note)
    return notes


def high_values(rows: pd.DataFrame | Columns) -> np.ndarray:
    """Where each bar ends once its range is drawn: the range's bound farthest from zero (its
    high bound; a fall's lowest, so "cut by 20–30%" ends at -30), else the value."""
    values = np.asarray(rows["value"], dtype=float)
    if "value_high" not in rows:
        return values
    qualifiers = rows["qualifier"] if isinstance(rows, Columns) else texts(rows["qualifier"])
    is_range = np.array([q == Qualifier.RANGE.value for q in qualifiers], dtype=bool)
    ends = values
    for column in ("value_high", "value_low"):
        if column in rows:
            bound = np.asarray(rows[column], dtype=float)
            farther = is_range & ~np.isnan(bound) & (np.abs(bound) > np.abs(ends))
            ends = np.where(farther, bound, ends)
    return ends


def bar_chart(
    name: str,
    title: str,
    empty_what: str,
    draw: Callable[..., Spec] | None = None,
    more_intro: str = "",
) -> ChartSpec:
    """A chart of one bar per quantity of the metrics whose ``chart`` is ``name`` (metrics.yaml):
    its latest statement (an update replaces what it updates; a restatement is not a second
    bar; documents that disagree each keep a bar, side by side), the ten largest per metric,
    qualifier notes under it, every bar in its alt text (``panels`` draws one panel per metric
    and scope)."""
    return ChartSpec(
        name=name,
        title=title,
        empty_what=empty_what,
        plots="figures",
        select=latest_rows(name),
        cap=largest_per_metric,
        cap_text=cap_note,
        draw=draw or single_panel,
        intro=lambda title, rows: _intro(title, rows, more_intro),
        items=alt_items,
        notes=qualifier_notes,
        by_metric=True,
    )


def _intro(title: str, rows: pd.DataFrame, more: str) -> str:
    words = words_for(language_of(rows))
    return say(BARS_INTRO, words, CTX_ALT, title=title) + (
        say(more, words, CTX_ALT) if more else ""
    )


def metric_rows(name: str):
    """The rows of a bar chart: the figures whose metric is drawn on chart ``name`` (metrics.yaml)."""

    def select(figures: pd.DataFrame) -> pd.DataFrame:
        return figures[figures["chart"] == name]

    return select


def latest_rows(name: str):
    """The bars of chart ``name``: one per quantity (``claims.leading_claims``), with
    ``claim_text`` saying what each is among its quantity's statements ("latest of 2
    statements", "part of £200m", "the sources disagree: …")."""
    of_chart = metric_rows(name)

    def select(figures: pd.DataFrame) -> pd.DataFrame:
        if "quantity_group" not in figures or figures.empty:
            return of_chart(figures)
        # the view's leading claims and notes, worked out once for its cards and bar charts
        # (a quantity's statements are all of one metric, so of one chart)
        lead = of_chart(view_leading_claims(figures))
        notes = view_claim_notes(figures)
        return (
            lead.assign(claim_text=pd.array([notes.get(i) for i in lead["id"]], dtype=object))
            if notes
            else lead
        )

    return select


def largest_per_metric(rows: pd.DataFrame) -> pd.DataFrame:
    """Past ``MAX_BARS`` bars per metric, the largest figures; the table has all of them."""
    if len(rows) <= MAX_BARS:
        return rows
    keep = (
        rows.sort_values("value", ascending=False, kind="stable")
        .groupby("metric", sort=False)
        .head(MAX_BARS)
    )
    return rows.loc[rows.index.isin(keep.index)]


def cap_note(shown: int, total: int, words: Words | None = None) -> str:
    return bars_cap_note(MAX_BARS, shown, total, words)


def qualifier_notes(rows: pd.DataFrame) -> list[str]:
    """The note for each qualifier the bars show, then a note when one is a commitment."""
    words = words_for(language_of(rows))
    notes = bound_notes(rows, words) + hedge_notes(
        rows, formatter_for(words.language)
    )  # "Potentially: …" too
    if (rows["kind"] == Kind.COMMITTED.value).any():
        notes.append(say(COMMITMENT_NOTE, words))
    return notes


def alt_items(rows: pd.DataFrame, dataset: Dataset) -> list[str]:
    """Every bar in words: value, qualifier, kind and period, then the curator's note."""
    rows = bar_order(rows, dataset)
    words = words_for(language_of(rows))
    scopes = rows["scope_label"] if shows_scope(rows) else [None] * len(rows)
    claims, hedges = (
        [None] * len(rows) if c not in rows else rows[c] for c in ("claim_text", "hedge")
    )
    return [
        words.text(
            "{metric}, {programme}: {value} ({qualifier}), {kind}, {period}",
            CTX_ALT,
            metric=metric,
            programme=f"{programme} ({scope})" if scope else programme,
            value=value,
            qualifier=qualifier_phrase(qualifier, hedge, words),
            kind=kind_label(kind, words).lower(),
            period=period,
        )
        + (f"; {claim}" if claim else "")
        + (
            f" — {note.rstrip('.')}" if isinstance(note, str) and note else ""
        )  # the sentence's own full stop follows
        for metric, programme, value, qualifier, kind, period, note, scope, claim, hedge in zip(
            rows["metric_label"],
            rows["programme_name"],
            rows["value_label"],
            rows["qualifier"],
            rows["kind"],
            rows["period_label"],
            rows["note"],
            scopes,
            claims,
            hedges,
        )
    ]


def single_panel(rows: pd.DataFrame, dataset: Dataset, theme: Theme) -> Spec:
    """One bar per figure on one axis (funding, returns)."""
    rows = bar_order(rows, dataset)
    layout = {
        "xaxis": value_axis(
            rows, dataset, value_axis_title(rows.first("metric"), dataset, language_of(rows))
        ),
        "yaxis": category_axis(rows, min_slots=3),
        "barmode": "overlay",
        "bargap": 0.35,
        "showlegend": True,
    }
    traces = whole_traces(rows, dataset, theme) + bar_traces(
        rows, dataset, theme
    )  # a part's whole behind it
    return figure(
        traces + key_traces(rows, theme) + whole_key(rows, dataset, theme),
        layout,
        theme,
        rows=len(rows),
    )


BAR_COLUMNS = (  # what a bar chart reads of its rows once ordered: traces, axes, keys, panel titles, alt text
    "id",
    "metric",
    "programme",
    "scope",
    "scope_label",
    "value",
    "value_low",  # a fall's range ends at its low bound ("cut by 20–30%" is -20 to -30)
    "value_high",
    "unit",
    "qualifier",
    "kind",
    "value_label",
    "metric_label",
    "period_label",
    "programme_name",
    "note",
    "claim_text",
    "part_of",
    "wording",
    "period_type",
    "period_start",
    "period_end",  # the panel of a bar: one kind of period (charts.periods)
    "hedge",  # "potentially": its alt text and notes say so, never "exact"
    "counted_by",  # who counted each bar: a panel says it (charts.panels)
)


@per_frame(
    kept=16, held=2
)  # a few views' charts: drawing and alt text ask for the same rows' order
def bar_order(rows: pd.DataFrame, dataset: Dataset) -> Columns:
    """By metric and programme (in the data's order), reported first, then by period (one
    without a start last), then by id; the columns a bar chart reads (``BAR_COLUMNS``) as lists.

    The same rows asked again (a chart's drawing, then its alt text) get the bars already
    ordered, while ``rows`` and ``dataset`` live; callers read them and never change them."""
    # A chart draws at most MAX_BARS per metric: a sort of a few Python keys, not of a frame.
    programme_rank = {p.id: i for i, p in enumerate(dataset.programmes)}
    metric_rank = {m.id: i for i, m in enumerate(dataset.metrics)}
    metrics, programmes, kinds, ids = (
        texts(rows[c]) for c in ("metric", "programme", "kind", "id")
    )
    starts = rows["period_start"].to_numpy(dtype="datetime64[s]")
    missing, starts = np.isnat(starts).tolist(), starts.astype("int64").tolist()
    last = float("inf")  # a metric or programme the data does not list sorts after those it does
    order = sorted(
        range(len(ids)),
        key=lambda i: (
            metric_rank.get(metrics[i], last),
            programme_rank.get(programmes[i], last),
            kinds[i] == Kind.COMMITTED.value,
            missing[i],
            starts[i],
            ids[i],
        ),
    )
    return Columns.of(rows, BAR_COLUMNS, order)


def bar_traces(
    rows: Columns, dataset: Dataset, theme: Theme, xaxis: str = "x", yaxis: str = "y"
) -> list[dict]:
    """One bar per row (in ``bar_order``), plus its value label and end marker; a trace per style, not per bar."""
    ids = strings(rows["id"])
    language = language_of(rows)
    committed = say(COMMITTED_SUFFIX, words_for(language))
    values = np.asarray(rows["value"], dtype=float)
    ends = high_values(rows)  # a range's label and cap sit at its far bound
    customdata = ids[:, None]
    columns = ["value_label", "metric_label", "period_label", "kind", "programme_name", "note"]
    scopes = (
        rows["scope_label"] if shows_scope(rows) else [None] * len(rows)
    )  # the only scope goes without saying
    extra = [scopes, rows["claim_text"] if "claim_text" in rows else [None] * len(rows)]
    hover = np.array([_bar_hover(language, *r) for r in zip(*(rows[c] for c in columns), *extra)])
    labels = np.array(
        [
            esc(v) + (committed if k == Kind.COMMITTED.value else "")
            for v, k in zip(rows["value_label"], rows["kind"])
        ]
    )
    nudge = float(ends.max()) * 0.025 if len(ends) else 0.0
    styles: dict[tuple[str, str, str], list[int]] = {}
    for i, style in enumerate(zip(rows["metric"], rows["kind"], rows["qualifier"])):
        styles.setdefault(style, []).append(i)
    traces: list[dict] = []
    for (metric, kind, qualifier), index in styles.items():
        index = np.array(index)
        colour = metric_colour(str(metric), dataset, theme)
        pledged = kind == Kind.COMMITTED.value
        fill = tint(colour, 0.82) if pledged else colour
        outline = shade(colour, 0.15 if pledged else 0.3)
        common = {
            "x": values[index],
            "y": ids[index],
            "xaxis": xaxis,
            "yaxis": yaxis,
            "customdata": customdata[index],
            "hovertext": hover[index],
            "hovertemplate": HOVER,
            "showlegend": False,
        }
        traces.append(
            {
                **common,
                "type": "bar",
                "orientation": "h",
                "name": f"{metric} {kind} {qualifier}",
                "marker": {
                    "color": fill,
                    "line": {"color": outline, "width": 2 if pledged else 1},
                    "pattern": {
                        "shape": QUALIFIER_PATTERN[qualifier],
                        "fillmode": "overlay",
                        "size": 9,
                        "solidity": 0.3,
                        "fgcolor": shade(colour, 0.1) if pledged else tint(colour, 0.65),
                    },
                },
                "meta": {"role": BAR_TRACE_ROLE},
            }
        )
        if (
            qualifier == Qualifier.RANGE.value
        ):  # low bound to high bound: paler, the same bar's slot
            traces.append(
                {
                    **common,
                    "type": "bar",
                    "orientation": "h",
                    "name": f"{metric} {kind} {qualifier} extension",
                    "x": ends[index] - values[index],
                    "base": values[index],
                    "marker": {
                        "color": tint(colour, 0.75),
                        "line": {"color": outline, "width": 1},
                        "pattern": {"shape": "", "fillmode": "overlay", "size": 9, "solidity": 0.3},
                    },
                    "meta": {"role": RANGE_TRACE_ROLE},
                }
            )
        # The label sits right of the bar end: after an arrow for "over" (the arrow just
        # beyond the bar, pointing on), after a cap for "up to", after a gap otherwise.
        symbol = QUALIFIER_END_SYMBOL[qualifier]
        marker = {"symbol": symbol or "circle", "size": 16, "color": "rgba(0,0,0,0)"}
        if qualifier == Qualifier.AT_LEAST.value:
            marker.update(color=outline)
        elif qualifier in (Qualifier.AT_MOST.value, Qualifier.RANGE.value):
            marker.update(size=22, line={"color": outline, "width": 4})
        traces.append(
            {
                **common,
                "type": "scatter",
                "mode": "markers+text",
                "name": f"{metric} {kind} {qualifier} labels",
                "x": ends[index] + (nudge if qualifier == Qualifier.AT_LEAST.value else 0.0),
                "text": labels[index],
                "textfont": {
                    "color": theme.text_colour
                },  # a fall's bar ends at its left: so does its label
                "textposition": ["middle left" if e < 0 else "middle right" for e in ends[index]],
                "marker": marker,
                "cliponaxis": False,
                "meta": {"role": END_TRACE_ROLE},
            }
        )
    return traces


@functools.lru_cache(maxsize=4096)
def _bar_hover(
    language: str,
    value: str,
    metric: str,
    period: str,
    kind: str,
    programme: str,
    note: str | None,
    scope: str | None = None,
    claim: str | None = None,
) -> str:
    metric_text = esc(metric).lower() if language == "en" else esc(metric[:1].lower() + metric[1:])
    text = f"<b>{esc(value)}</b> {metric_text}<br>{esc(period)}<br>{kind_label(kind, words_for(language))} · {esc(programme)}"
    text += f" · {esc(scope)}" if scope else ""
    text += f"<br>{esc(claim)}" if claim else ""
    return text + (f"<br><i>{esc(note)}</i>" if note else "")


def value_axis(
    rows: Columns, dataset: Dataset, title: str, *, unit_named: bool | None = None
) -> dict:
    """A linear axis from zero with room for the labels, ticks in fmt's words (£2m, 24,000).
    ``unit_named``: a title of the chart's (this axis's, by default) names the unit, so a
    tick may leave the currency to it (``Formatter.tick``: 2 triệu under "(bảng Anh)")."""
    top = max(
        float(high_values(rows).max()), whole_top(rows, dataset)
    )  # a part is drawn against its whole
    ends = np.concatenate([np.asarray(rows["value"], dtype=float), high_values(rows)])
    bottom = min(float(ends.min()), 0.0)  # a fall ("down 75%", "cut by 20–30%") is drawn below zero
    ticks = nice_ticks(top, bottom=bottom)
    units = set(rows["unit"])
    unit = dataset.unit(str(rows.first("unit"))) if len(units) == 1 else None
    formatter = formatter_for(language_of(rows))
    return {
        "range": [bottom * 1.6, top * 1.6] if bottom < 0 else [0, top * 1.6 if top > 0 else 1],
        "tickmode": "array",
        "tickvals": ticks,
        # under a title naming the unit, a tick may leave the currency's name to it (Formatter.tick)
        "ticktext": [
            tick(formatter, t, unit, named=bool(title) if unit_named is None else unit_named)
            for t in ticks
        ],
        "title": {"text": title},
        "showgrid": True,
        "zeroline": True,
    }


def category_axis(rows: Columns, min_slots: int) -> dict:
    """One slot per figure (by id, so two figures never share a bar), labelled by programme and
    period. At least ``min_slots`` slots, so a lone bar does not fill the whole chart."""
    ids = strings(rows["id"])
    marks = (
        [short_claim(t) for t in rows["claim_text"]] if "claim_text" in rows else [None] * len(rows)
    )
    labels = [
        _category_label(name, period if not mark else f"{period} · {mark}")
        for name, period, mark in zip(rows["programme_name"], rows["period_label"], marks)
    ]
    pad = max(0.0, (min_slots - len(ids)) / 2)
    return {
        "type": "category",
        "categoryorder": "array",
        "categoryarray": ids,
        "range": [len(ids) - 0.5 + pad, -0.5 - pad],
        "tickmode": "array",
        "tickvals": ids,
        "ticktext": labels,
        "showgrid": False,
        "ticks": "",
        "ticklabelstandoff": 8,
    }


def short_claim(text: str | None) -> str | None:
    """A bar label's few words of its claim text: "part of £200m", "the sources disagree" (the hover has all)."""
    if not text:
        return None
    return "; ".join(part.split(":")[0] for part in text.split("; "))


@functools.lru_cache(maxsize=4096)
def _category_label(programme: str, period: str) -> str:
    return f"{wrap(programme, 30)}<br><span style='color:#7b8794'>{esc(period)}</span>"


def value_axis_title(metric_id: str, dataset: Dataset, language: str) -> str:
    """``Funding (£)``, ``Returns (people)`` (names as ``dataset`` holds them, in ``language``)."""
    metric = dataset.metric(str(metric_id))
    unit = dataset.unit(metric.unit)
    unit_name = (
        formatter_for(language).currency(unit.prefix) if unit.prefix else unit.noun or unit.label
    )  # £ / bảng Anh
    return say("{metric} ({unit})", words_for(language), metric=metric.label, unit=unit_name)


def key_traces(rows: Columns, theme: Theme) -> list[dict]:
    """Legend-only entries, in grey, for the fill (reported / committed) and pattern (qualifier)."""
    grey = theme.muted_colour
    words = words_for(language_of(rows))
    keys = []
    kinds = set(rows["kind"])
    if Kind.REPORTED.value in kinds:
        keys.append((kind_label(Kind.REPORTED.value, words), grey, shade(grey, 0.3), 1, ""))
    if Kind.COMMITTED.value in kinds:
        keys.append(
            (kind_label(Kind.COMMITTED.value, words), tint(grey, 0.82), shade(grey, 0.15), 2, "")
        )
    notes = bound_notes(rows, words)
    for qualifier in NOTED_QUALIFIERS:
        said = [qualifier_note(qualifier, words, w) for w in (None, "at least", "under")]
        shown = [
            n.split(":")[0] for n in dict.fromkeys(said) if n in notes
        ]  # "Over", "At least", "Up to", "Nearly / about"…
        if shown:
            word = " / ".join(shown)
            keys.append(
                (
                    say(
                        "{word}: {phrase}",
                        words,
                        word=word,
                        phrase=say(QUALIFIER_PHRASES[qualifier.value], words),
                    ),
                    tint(grey, 0.82),
                    shade(grey, 0.15),
                    1,
                    QUALIFIER_PATTERN[qualifier.value],
                )
            )
    return [
        {
            "type": "bar",
            "orientation": "h",
            "x": [None],
            "y": [None],
            "name": label,
            "legendrank": rank,
            "hoverinfo": "skip",
            "meta": {"role": KEY_TRACE_ROLE},
            "marker": {
                "color": colour,
                "line": {"color": line, "width": width},
                "pattern": {
                    "shape": pattern,
                    "fgcolor": shade(grey, 0.1),
                    "fillmode": "overlay",
                    "size": 6,
                },
            },
        }
        for rank, (label, colour, line, width, pattern) in enumerate(keys)
    ]
