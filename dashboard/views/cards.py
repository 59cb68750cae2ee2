"""Headline cards: what the page shows first, as plain texts computed from the filtered frame.

There is a card for every metric the user can choose (``frame.card_metrics``: each chosen
metric with a metric filter, else the vocabulary's headline metrics). A card lists the
figures of its metric that the filters keep, headline first, and never adds them up: "over
£7m since 2018" and "up to £1m over the next year" are a result and a pledge over
overlapping periods. Each line keeps its qualifier ("over £7m"), its period ("2018 – Mar
2025, cumulative"), whether it was reported or committed, and its scope ("UK worldwide")
when the view holds more than one. A quantity stated by several documents is one line: the
latest statement, saying "latest of 2 statements" (the earlier ones are in the table); two
documents that disagree are two lines, each saying so, never an average; a share says
"part of £200m". A metric with nothing in range says so plainly instead of showing a zero.

No plotly and no Dash here: the page, the slide deck and the tests read the same texts.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.analysis.claims import leading_claims, view_leading_claims
from dashboard.analysis.frame import Filters, card_metrics
from dashboard.curated.records import Dataset, Kind
from dashboard.views.columns import Columns, texts
from dashboard.views.labels import (
    KIND_LABELS,
    claim_notes,
    kind_label,
    scope_text,
    shows_scope,
    view_claim_notes,
)
from dashboard.views.language import untranslated, words_for, words_of

__all__ = [
    "CARD_LINES",
    "KIND_LABELS",
    "Card",
    "CardLine",
    "grouped_by_scope",
    "headline_cards",
    "headline_order",
    "metric_card",
    "scope_text",
]

CARD_LINES = (
    3  # a card on the page shows its headline and at most two more figures; the table has them all
)


CARD_COLUMNS = (  # what metric_card and headline_order read
    "id",
    "metric",
    "value",
    "value_label",
    "period_label",
    "period_end",
    "kind",
    "programme_name",
    "qualifier",
    "note",
    "scope_label",
)


@dataclass(frozen=True)
class CardLine:
    figure_id: str
    value_text: str  # "over £7m", "up to £1m", "720": fmt's value label, qualifier included
    period_text: str  # "2018 – Mar 2025, cumulative"
    kind: str  # "reported" | "committed"
    programme_name: str
    qualifier: str = "exact"
    note: str = (
        ""  # the curator's caveat, e.g. "All nationalities, not Vietnamese nationals alone."
    )
    scope_text: str = (
        ""  # "UK worldwide", "Scope not stated": set when the view holds more than one scope
    )
    claim_text: str = ""  # "latest of 2 statements", "part of £200m", "the sources disagree: …"
    language: str = "en"  # the language of every text above
    programme_untranslated: bool = (
        False  # the programme's name is its English, no translation curated
    )

    @property
    def kind_label(self) -> str:
        """``Reported (achieved)`` or ``Committed (pledged)``, in the line's language."""
        return kind_label(self.kind, words_for(self.language))


@dataclass(frozen=True)
class Card:
    metric: str
    title: str
    lines: tuple[CardLine, ...]  # lines[0] is the headline figure
    empty_message: str | None  # set exactly when there are no lines
    title_untranslated: bool = False  # the metric's label is its English, no translation curated
    more: int = 0  # lines the card leaves to the table below (headline_cards' ``lines``)

    @property
    def headline(self) -> CardLine | None:
        return self.lines[0] if self.lines else None


def headline_cards(
    figures: pd.DataFrame,
    dataset: Dataset,
    filters: Filters | None = None,
    lines: int | None = None,
) -> list[Card]:
    """One card per metric the user can choose (``card_metrics``): each chosen metric when
    a metric filter is set, else the vocabulary's headline metrics.

    ``figures`` is the filtered figures frame; ``filters``, when given, lets an empty card
    say what it is empty for ("No returns figure in 2022"). ``lines``: at most this many
    lines per card (the page shows ``CARD_LINES``), the rest counted in ``Card.more``; all
    of them when None.
    """
    scoped = shows_scope(figures)
    leading = (
        view_leading_claims(figures) if "quantity_group" in figures else figures
    )  # once for the view's cards and charts
    of_metric: dict[str, list[int]] = {}  # each metric's positions in leading, in headline order
    metrics = texts(leading["metric"])
    for position in headline_order(leading):
        of_metric.setdefault(metrics[position], []).append(position)
    kept = {metric: positions[:lines] for metric, positions in of_metric.items()}
    # only the lines the cards hold, as lists: not a selection per card, nor 10,000 lines for three
    rows = Columns.of(leading, CARD_COLUMNS, [p for positions in kept.values() for p in positions])
    starts = dict(zip(kept, itertools.accumulate((len(p) for p in kept.values()), initial=0)))
    notes = view_claim_notes(figures)
    return [
        metric_card(
            metric,
            figures,
            dataset,
            filters,
            show_scope=scoped,
            notes=notes,
            leading=rows.take(
                range(starts.get(metric, 0), starts.get(metric, 0) + len(kept.get(metric, ())))
            ),
            more=len(of_metric.get(metric, ())) - len(kept.get(metric, ())),
        )
        for metric in card_metrics(dataset, filters)
    ]


def metric_card(
    metric: str,
    figures: pd.DataFrame,
    dataset: Dataset,
    filters: Filters | None = None,
    *,
    show_scope: bool | None = None,
    leading: Columns | None = None,
    notes: dict[str, str] | None = None,
    more: int = 0,
) -> Card:
    """The card of ``metric``: one line per quantity (its latest statement, and each statement
    that disagrees with it), scope shown when ``show_scope`` (by default: when ``figures``
    holds more than one scope). ``leading`` and ``notes``: the ``leading_claims`` of
    ``metric`` (as ``Columns``, in ``headline_order``) and the ``claim_notes`` of ``figures``,
    when the caller has them (a quantity is of one metric); ``more``: how many lines the
    caller left out of ``leading``."""
    label = dataset.metric(metric).label
    words = words_of(figures)
    english = {
        p.name for p in dataset.programmes if untranslated(p.name)
    }  # names shown in English, to mark
    if leading is None or notes is None:  # headline_cards passes both, computed once for every card
        of_metric = figures[figures["metric"] == metric]
        if leading is None:
            lead = leading_claims(of_metric) if "quantity_group" in of_metric else of_metric
            leading = Columns.of(lead, CARD_COLUMNS, headline_order(lead))
        notes = claim_notes(of_metric) if notes is None else notes
    scoped = shows_scope(figures) if show_scope is None else show_scope
    scopes = (
        leading["scope_label"] if scoped and "scope_label" in leading else [None] * len(leading)
    )
    columns = ["id", "value_label", "period_label", "kind", "programme_name", "qualifier", "note"]
    lines = tuple(
        CardLine(
            figure_id=i,
            value_text=v,
            period_text=p,
            kind=k,
            programme_name=n,
            qualifier=q,
            note=note or "",
            scope_text=scope or "",
            claim_text=notes.get(i, ""),
            language=words.language,
            programme_untranslated=n in english,
        )
        for (i, v, p, k, n, q, note), scope in zip(zip(*(leading[c] for c in columns)), scopes)
    )
    if "scope_label" in leading:
        lines = grouped_by_scope(lines, leading["scope_label"])
    empty = (
        None
        if lines
        else words.text(
            "No {metric} figure {scope}",
            "cards",
            metric=_lower(label, words),
            scope=scope_text(filters, dataset, [metric], words),
        )
    )
    return Card(
        metric=metric,
        title=label,
        lines=lines,
        empty_message=empty,
        title_untranslated=untranslated(label),
        more=more,
    )


def grouped_by_scope(lines: tuple[CardLine, ...], scopes) -> tuple[CardLine, ...]:
    """One card, one scope at a time: the lines of each scope together, the headline's scope
    first, then each other scope where its first line stood (headline order within a scope).
    A bilateral, a worldwide and a bilateral figure never interleave under one heading; each
    line says its scope when the card holds several (``show_scope``)."""
    order = list(dict.fromkeys(scopes))
    if len(order) < 2:
        return lines
    rank = {scope: i for i, scope in enumerate(order)}
    return tuple(
        line
        for _, _, line in sorted(
            (rank[s], i, line) for i, (s, line) in enumerate(zip(scopes, lines))
        )
    )


def _lower(label: str, words) -> str:
    """A metric label inside a sentence: lower case in English ("No funding figure"); a
    Vietnamese label keeps its letters (its first word may be a proper noun)."""
    return label.lower() if words.language == "en" else label[:1].lower() + label[1:]


def headline_order(rows: pd.DataFrame) -> list[int]:
    """The positions of ``rows`` in headline order: reported before committed, then the latest
    period end, then the largest value (either missing: after those known), then by id. (One
    stable numpy sort of the keys: a card of 10,000 figures sorts as fast as one of eight.)"""
    committed = np.array([k == Kind.COMMITTED.value for k in texts(rows["kind"])], dtype=bool)
    ends = rows["period_end"].to_numpy(dtype="datetime64[s]")
    values = rows["value"].to_numpy(dtype=float)
    no_end, no_value = np.isnat(ends), np.isnan(values)
    ids = np.array(texts(rows["id"]), dtype=str)
    later = -np.where(no_end, 0, ends.astype("int64"))
    larger = -np.where(no_value, 0.0, values)
    return np.lexsort((ids, larger, no_value, later, no_end, committed)).tolist()
