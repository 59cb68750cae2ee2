"""How a value of each kind reads (``dashboard.curated.kinds``), in the formatter's language:

- a percentage change: ``down 75%`` / ``giảm 75%``, ``up over 20%`` / ``tăng hơn 20%``;
- a percentage share: ``almost 90%`` / ``gần 90%``;
- a rank (1 = largest): ``4th largest`` / ``lớn thứ 4``, ``largest`` / ``lớn nhất``, "top 10"
  ``in the top 10`` / ``trong nhóm 10 lớn nhất``, ``one of the 2 largest`` / ``một trong 2 lớn nhất``;
- a multiple: ``4 times as many`` / ``gấp 4 lần``;
- a count of a unit with ``kind: count``: ``3 flights`` / ``3 chuyến bay``, ``1 flight``;
- a hedge before any value: ``potentially 4 times as many`` / ``có thể gấp 4 lần``.

Money, and a unit without a ``kind`` (people), read as ``Formatter.value`` always wrote them.
Every word is the catalogue's, so a translator changes them without touching code.
"""

from __future__ import annotations

from typing import Protocol

from dashboard.curated.kinds import Change, Hedge, UnitKind
from dashboard.curated.records import Qualifier, Unit
from dashboard.words.catalogue import Words


class Formatter(Protocol):
    """What these words need of ``dashboard.words.format.Formatter`` (which calls them: named,
    not imported, so the two modules do not import each other)."""

    words: Words
    language: str

    def decimal(self, x: float, decimals: int = 2) -> str: ...

    def number(
        self, value: float, unit: Unit | None = None, *, direction: str = "nearest"
    ) -> str: ...

    def qualifier_word(self, qualifier: Qualifier | str, wording: str | None = None) -> str: ...


CTX_KIND = "a value of a kind of unit"
CTX_RANK = "a rank: 1 = the largest"
CTX_HEDGE = "a source's hedge before a value"
CHANGE_PATTERNS = {Change.FALL: "down {value}", Change.RISE: "up {value}"}
HEDGE_PATTERNS = {Hedge.POTENTIALLY: "potentially {value}", Hedge.ESTIMATED: "estimated {value}"}
PERCENT = "{number}%"
PERCENT_RANGE = "{low}–{high}%"  # a change "cut by 20–30%": one sign for the pair, as printed
MULTIPLE = "{value} times as many"
COUNT = "{value} {noun}"
COMPARED_WITH = "compared with {base}"
RANK_EXACT = "{ordinal} largest"
RANK_FIRST = "largest"
RANK_TOP = "in the top {n}"
RANK_ONE_OF = "one of the {n} largest"
RANK_OR_BELOW = "{ordinal} largest or below"
RANK_RANGE = "{low} to {high} largest"
ORDINAL = "{n}th"  # the catalogue's pattern; English chooses st/nd/rd/th itself
_KINDS_OF_OWN = (UnitKind.PERCENT_CHANGE, UnitKind.PERCENT_SHARE, UnitKind.RANK, UnitKind.MULTIPLE)


def has_own_words(unit: Unit | None) -> bool:
    """Whether a value in ``unit`` reads with its kind's words, not as a bare amount: every
    kind but money, and a count whose unit says ``kind: count`` (so its noun is shown)."""
    return unit is not None and unit.kind is not None and unit.kind is not UnitKind.MONEY


def kind_value(
    fmt: Formatter,
    value: float,
    qualifier: Qualifier,
    unit: Unit,
    wording: str | None,
    high: float | None,
    change: Change | str | None = None,
) -> str:
    """A value in a unit of its own kind (``has_own_words``), its qualifier kept in the document's word."""
    words = fmt.words
    kind = unit.kind
    if kind is UnitKind.RANK:
        return _rank(fmt, value, qualifier, wording, high)
    number = _qualified(
        fmt,
        value,
        qualifier,
        wording,
        high,
        percent=kind in (UnitKind.PERCENT_CHANGE, UnitKind.PERCENT_SHARE),
        compact=kind is UnitKind.PERCENT_CHANGE,  # "down 20–30%", as a change is printed
    )
    if kind is UnitKind.PERCENT_CHANGE:
        return (
            words.text(CHANGE_PATTERNS[Change(change or Change.FALL)], CTX_KIND, value=number)
            if change
            else number
        )
    if kind is UnitKind.MULTIPLE:
        return words.text(MULTIPLE, CTX_KIND, value=number)
    if kind is UnitKind.COUNT:
        one = qualifier is Qualifier.EXACT and value == 1 and unit.singular
        return words.text(COUNT, CTX_KIND, value=number, noun=unit.singular if one else unit.noun)
    return number  # a share: the number and its sign say it all


def hedged(fmt: Formatter, text: str, hedge: Hedge | str | None) -> str:
    """``potentially 4 times as many``: the document's hedge before the value it hedges."""
    return fmt.words.text(HEDGE_PATTERNS[Hedge(hedge)], CTX_HEDGE, value=text) if hedge else text


def compared_with(fmt: Formatter, base: str) -> str:
    """``compared with before the agreement``: a change's or a multiple's base, as the document gives it."""
    return fmt.words.text(COMPARED_WITH, CTX_KIND, base=base)


def shown_note(fmt: Formatter, note: str | None, base: str | None) -> str | None:
    """A figure's note as every view shows it: its base first (``compared with before the
    agreement``), so "down 75%" is never read without what it is a change of."""
    if not base:
        return note
    return f"{compared_with(fmt, base)}. {note}" if note else compared_with(fmt, base)


def tick(fmt: Formatter, value: float, unit: Unit | None, *, named: bool = False) -> str:
    """An axis tick of a panel of one unit: ``25%``, ``2×`` … as its values read, without their
    qualifiers; ``named``: a title names the unit, so money may leave its currency to it."""
    kind = unit.kind if unit is not None else None
    if kind in (UnitKind.PERCENT_CHANGE, UnitKind.PERCENT_SHARE):
        return fmt.words.text(PERCENT, CTX_KIND, number=_plain(fmt, value))
    if kind is UnitKind.MULTIPLE:
        return f"{_plain(fmt, value)}×"
    return fmt.tick(value, unit) if named else fmt.number(value, unit)


def _plain(fmt: Formatter, value: float) -> str:
    """A stated number as printed: ``75``, ``12.5`` / ``12,5``, ``1,200`` / ``1.200`` (never rounded)."""
    return fmt.words.integer(round(value)) if float(value).is_integer() else fmt.decimal(value, 2)


def _qualified(
    fmt: Formatter,
    value: float,
    qualifier: Qualifier,
    wording: str | None,
    high: float | None,
    percent: bool,
    compact: bool = False,
) -> str:
    def shown(x: float) -> str:
        return (
            fmt.words.text(PERCENT, CTX_KIND, number=_plain(fmt, x)) if percent else _plain(fmt, x)
        )

    if qualifier is Qualifier.RANGE and compact and high is not None:
        return fmt.words.text(
            PERCENT_RANGE, CTX_KIND, low=_plain(fmt, value), high=_plain(fmt, high)
        )
    if qualifier is Qualifier.RANGE:
        high_text = shown(high) if high is not None else "?"
        return fmt.words.text(
            "between {low} and {high}", "a range of values", low=shown(value), high=high_text
        )
    word = fmt.qualifier_word(qualifier, wording)
    return f"{word} {shown(value)}" if word else shown(value)


def _rank(
    fmt: Formatter, value: float, qualifier: Qualifier, wording: str | None, high: float | None
) -> str:
    words = fmt.words
    n = int(value)
    if qualifier is Qualifier.AT_MOST:  # "top 10", "one of the two largest": rank 10 or better
        one_of = bool(wording) and wording.strip().lower().startswith("one of")
        return words.text(RANK_ONE_OF if one_of else RANK_TOP, CTX_RANK, n=words.integer(n))
    if qualifier is Qualifier.AT_LEAST:
        return words.text(RANK_OR_BELOW, CTX_RANK, ordinal=ordinal(fmt, n))
    if qualifier is Qualifier.RANGE and high is not None:
        return words.text(RANK_RANGE, CTX_RANK, low=ordinal(fmt, n), high=ordinal(fmt, int(high)))
    if n == 1:
        return words.text(RANK_FIRST, CTX_RANK)
    return words.text(RANK_EXACT, CTX_RANK, ordinal=ordinal(fmt, n))


def ordinal(fmt: Formatter, n: int) -> str:
    """``4th`` / ``thứ 4``: English picks its suffix (1st, 2nd, 3rd, 11th); other languages the catalogue's pattern."""
    if fmt.language == "en":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{fmt.words.integer(n)}{suffix}"
    return fmt.words.text(ORDINAL, CTX_RANK, n=fmt.words.integer(n))
