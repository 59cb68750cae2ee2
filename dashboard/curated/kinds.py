"""The kinds of value a figure can be, beside money and counts of people: a percentage change,
a percentage share, a rank, a multiple, and a count of something else ("3 flights"); and the
``Unit`` record that declares one (``dashboard.curated.records`` re-exports it).

A unit declares its ``kind`` (data/vocabulary.yaml); each kind reads with its own words
(``dashboard.words.format``), is checked by validate (``dashboard.curated.kinds_check``) and is
drawn only on a panel of its own unit, never on a money or people axis.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from dashboard.curated.location import Location


class UnitKind(StrEnum):
    """What a unit's values are, so each reads with its own words and is drawn only beside its like."""

    MONEY = "money"  # "£7m": a currency, written with its prefix
    COUNT = "count"  # "3 flights": things counted, written with the unit's noun
    PERCENT_CHANGE = (
        "percent_change"  # "cut by 75%": a change of an unstated base (``change``: fall or rise)
    )
    PERCENT_SHARE = "percent_share"  # "almost 90%": a share of a whole, 0 to 100
    RANK = "rank"  # "the fourth largest": an ordinal, 1 = largest; "top 10" is at_most 10
    MULTIPLE = "multiple"  # "four times as many": a ratio to another quantity


class Change(StrEnum):
    """Which way a percentage change goes: "cut by 75%" is a fall, "up 20%" a rise."""

    FALL = "fall"
    RISE = "rise"


class Hedge(StrEnum):
    """A source's word that the value may hold, not that it does: "potentially four times as many"."""

    POTENTIALLY = "potentially"
    ESTIMATED = "estimated"


@dataclass(frozen=True)
class Unit:
    id: str
    label: str  # "pounds sterling"
    prefix: str = ""  # "£"
    noun: str = ""  # "people"; empty for currencies
    kind: UnitKind | None = (
        None  # None: money with a prefix, else a count read as a bare number (people)
    )
    singular: str = ""  # "flight": the noun of a count of one
    location: Location | None = field(default=None, compare=False)
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_currency(self) -> bool:
        return bool(self.prefix)

    @property
    def value_kind(self) -> UnitKind:
        """The kind declared, else what the unit was before kinds: money with a prefix, a count without."""
        return self.kind or (UnitKind.MONEY if self.prefix else UnitKind.COUNT)

    @property
    def is_amount(self) -> bool:
        """Money or a count: a quantity that can be a bar's length beside its like (a percentage,
        a rank or a multiple is a relation to something not drawn)."""
        return self.value_kind in (UnitKind.MONEY, UnitKind.COUNT)


def kind_bounds(low: float, high: float, kind: UnitKind) -> tuple[float, float]:
    """The bounds a value's wording allows, kept within what its kind can be: "top 10" is a
    rank from 1 to 10 (never 0), "over 80%" a share of at most 100 (never unbounded)."""
    if kind is UnitKind.RANK:
        return max(low, 1.0), high
    if kind is UnitKind.PERCENT_SHARE:
        return low, min(high, 100.0)
    return low, high
