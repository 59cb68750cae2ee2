"""Headline cards: what the page shows first, as plain texts computed from the filtered frame.

A card lists every figure of its metric that the filters keep, headline first, and never
adds them up: "over £7m since 2018" and "up to £1m over the next year" are a result and a
pledge over overlapping periods. Each line keeps its qualifier ("over £7m"), its period
("2018 – Mar 2025, cumulative") and whether it was reported or committed. A metric with
nothing in range says so plainly instead of showing a zero.

No plotly and no Dash here: the page, the slide deck and the tests read the same texts.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.analysis.frame import Filters
from dashboard.curated.records import Dataset, Kind
from dashboard.views.labels import KIND_LABELS, scope_text

HEADLINE_METRICS = ("funding", "victims_identified", "people_reached", "returns")

__all__ = ["HEADLINE_METRICS", "KIND_LABELS", "Card", "CardLine", "headline_cards", "headline_order", "metric_card", "scope_text"]


@dataclass(frozen=True)
class CardLine:
    figure_id: str
    value_text: str  # "over £7m", "up to £1m", "720": fmt's value label, qualifier included
    period_text: str  # "2018 – Mar 2025, cumulative"
    kind: str  # "reported" | "committed"
    programme_name: str
    qualifier: str = "exact"
    note: str = ""  # the curator's caveat, e.g. "All nationalities, not Vietnamese nationals alone."

    @property
    def kind_label(self) -> str:
        """``Reported (achieved)`` or ``Committed (pledged)``."""
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class Card:
    metric: str
    title: str
    lines: tuple[CardLine, ...]  # lines[0] is the headline figure
    empty_message: str | None  # set exactly when there are no lines

    @property
    def headline(self) -> CardLine | None:
        return self.lines[0] if self.lines else None


def headline_cards(figures: pd.DataFrame, dataset: Dataset, filters: Filters | None = None) -> list[Card]:
    """One card per headline metric (funding, victims identified, people reached, returns).

    ``figures`` is the filtered figures frame; ``filters``, when given, lets an empty card
    say what it is empty for ("No returns figure in 2022").
    """
    return [metric_card(metric, figures, dataset, filters) for metric in dataset.headline_metrics()]


def metric_card(metric: str, figures: pd.DataFrame, dataset: Dataset, filters: Filters | None = None) -> Card:
    label = dataset.metric(metric).label
    rows = headline_order(figures[figures["metric"] == metric])
    columns = ["id", "value_label", "period_label", "kind", "programme_name", "qualifier", "note"]
    lines = tuple(
        CardLine(figure_id=i, value_text=v, period_text=p, kind=k, programme_name=n, qualifier=q, note=note or "")
        for i, v, p, k, n, q, note in zip(*(_texts(rows[c]) for c in columns))
    )
    empty = None if lines else f"No {label.lower()} figure {scope_text(filters, dataset, [metric])}"
    return Card(metric=metric, title=label, lines=lines, empty_message=empty)


def _texts(column: pd.Series) -> list[str | None]:
    """Plain ``str`` values (``None`` for missing), fast to iterate."""
    return column.astype("string").to_numpy(dtype=object, na_value=None).tolist()


def headline_order(rows: pd.DataFrame) -> pd.DataFrame:
    """Reported before committed, then the latest period end, then the largest value."""
    committed = (rows["kind"] == Kind.COMMITTED.value).astype("int64")
    return (
        rows.assign(_committed=committed)
        .sort_values(["_committed", "period_end", "value", "id"], ascending=[True, False, False, True], kind="stable")
        .drop(columns="_committed")
    )
