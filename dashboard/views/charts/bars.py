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

from collections.abc import Callable

import numpy as np
import pandas as pd

from dashboard.analysis.claims import view_leading_claims
from dashboard.analysis.memo import per_frame
from dashboard.config import Theme
from dashboard.curated.records import Dataset, Kind
from dashboard.views.charts.draw import (
    Spec,
    figure,
    texts,
)
from dashboard.views.charts.baraxes import (  # noqa: F401  (re-exported: charts read them as bars.*)
    category_axis,
    short_claim,
    value_axis,
    value_axis_title,
)
from dashboard.views.charts.bartraces import (  # noqa: F401  (re-exported: charts read them as bars.*)
    NOTED_QUALIFIERS,
    QUALIFIER_END_SYMBOL,
    QUALIFIER_PATTERN,
    bar_traces,
    bound_notes,
    high_values,
    key_traces,
    qualifier_note,
)
from dashboard.views.columns import Columns
from dashboard.views.charts.partwhole import whole_key, whole_traces
from dashboard.views.charts.registry import ChartSpec
from dashboard.views.charts.texts import (
    BARS_INTRO,
    COMMITMENT_NOTE,
    CTX_ALT,
    bars_cap_note,
    hedge_notes,
    qualifier_phrase,
    say,
)
from dashboard.views.labels import kind_label, shows_scope, view_claim_notes
from dashboard.views.language import formatter_for, language_of, words_for
from dashboard.words import Words

# How much one chart draws before it says it is capped (the table lists every figure):
MAX_BARS = 10  # bars per metric: a top ten stays readable in a 400 px chart, 25 did not


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
