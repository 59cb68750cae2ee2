"""The English that ``dashboard.analysis.fmt`` wrote before it delegated to the Formatter
(as of the claims model: ranges, quarters, seasons, as-at, one-year and financial-year
periods), kept verbatim as the oracle that English output stays byte-identical.

Not imported by the project; ``tests/test_words_format.py`` compares the Formatter and fmt
with it over thousands of values, dates and periods. Change it only for a deliberate change
of English wording, and list that change where the branch is merged.
"""

from __future__ import annotations

import datetime as dt
import math

from dashboard.analysis.quantity import Quantity
from dashboard.curated.records import DatePrecision, FlexDate, Period, PeriodType, Qualifier, Unit

DEFAULT_WORDS = {
    Qualifier.AT_LEAST: "over",
    Qualifier.AT_MOST: "up to",
    Qualifier.APPROX: "about",
    Qualifier.RANGE: "between",
}
APPROX_WORDS = {"nearly", "almost", "around", "about", "approximately", "roughly", "some"}
BOUND_WORDS = {
    Qualifier.AT_LEAST: {
        "at least",
        "no fewer than",
        "no less than",
        "over",
        "more than",
        "in excess of",
    },
    Qualifier.AT_MOST: {
        "up to",
        "at most",
        "as many as",
        "no more than",
        "under",
        "less than",
        "fewer than",
    },
}
QUALIFIER_NOTES = {
    Qualifier.AT_LEAST: "Over: the source gives a lower bound; the true value is higher.",
    Qualifier.AT_MOST: "Up to: the source gives an upper bound; the true value may be lower.",
    Qualifier.APPROX: "Nearly / about: the source gives an approximate value.",
}
# Not yet in QUALIFIER_NOTES: the views list every note there and add a range's when they draw ranges.
RANGE_NOTE = "Between: the source gives a range; the true value lies within both bounds."
QUALIFIER_MARKS = {
    Qualifier.EXACT: "",
    Qualifier.AT_LEAST: "+",
    Qualifier.AT_MOST: "≤",
    Qualifier.APPROX: "~",
    Qualifier.RANGE: "–",
}

_SCALES = [(1e9, "bn", "billion"), (1e6, "m", "million")]


def qualifier_word(qualifier: Qualifier | str, wording: str | None = None) -> str:
    """The word shown before a value: "over" for any lower bound ("more than" too), "up to"
    for an upper one, and the source's own word for an approximation ("nearly" is not "around")."""
    qualifier = Qualifier(qualifier)
    if qualifier is Qualifier.EXACT:
        return ""
    if qualifier is Qualifier.APPROX and wording and wording.strip().lower() in APPROX_WORDS:
        return wording.strip().lower()
    # Deliberate change (branch bounds): a bound keeps the document's word, "at least" is not "over".
    if qualifier in BOUND_WORDS and wording and wording.strip().lower() in BOUND_WORDS[qualifier]:
        return wording.strip().lower()
    return DEFAULT_WORDS[qualifier]


def count(n: int, noun: str) -> str:
    """``1 figure``, ``10,000 figures``: a count with its noun, plural by an ``s``."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def format_number(value: float, unit: Unit | None = None, *, direction: str = "nearest") -> str:
    """``£7m``, ``£1.5m``, ``£9,722``, ``7 million``, ``24,000``. ``direction`` rounds a
    non-whole value "down" (lower bounds), "up" (upper bounds) or to the "nearest"."""
    whole = {"down": math.floor, "up": math.ceil}.get(direction, round)(value + 0.0)
    if abs(value - whole) < 1e-9:
        whole = round(value)
    prefix = unit.prefix if unit else ""
    for scale, short, long in _SCALES:
        if abs(whole) >= scale and _exact_in(whole / scale, 2):
            digits = f"{whole / scale:.2f}".rstrip("0").rstrip(".")
            return f"{prefix}{digits}{short}" if prefix else f"{digits} {long}"
    return f"{prefix}{whole:,}"


def _exact_in(x: float, decimals: int) -> bool:
    return abs(round(x, decimals) - x) < 1e-9


def format_value(
    value: float,
    qualifier: Qualifier | str = Qualifier.EXACT,
    unit: Unit | None = None,
    wording: str | None = None,
    high: float | None = None,
) -> str:
    """A curated figure as people read it: ``over £7m``, ``up to £1m``, ``nearly £1m``, ``720``,
    ``between 10,000 and 13,000`` (a range: ``value`` is the low bound, ``high`` the high one)."""
    qualifier = Qualifier(qualifier)
    if qualifier is Qualifier.RANGE:
        low_text = format_number(value, unit, direction="down")
        high_text = (
            format_number(high, unit, direction="up") if high is not None and high == high else "?"
        )
        return f"{wording or 'between'} {low_text} and {high_text}"
    direction = {Qualifier.AT_LEAST: "down", Qualifier.AT_MOST: "up"}.get(qualifier, "nearest")
    word = qualifier_word(qualifier, wording)
    number = format_number(value, unit, direction=direction)
    return f"{word} {number}" if word else number


def format_quantity(quantity: Quantity, unit: Unit | None = None) -> str:
    """A derived quantity with the bound it can honestly claim."""
    qualifier = quantity.qualifier
    if qualifier is None:
        return "no bound either way"
    text = format_value(quantity.value, qualifier, unit, high=quantity.hi)
    if quantity.approx and qualifier in (Qualifier.AT_LEAST, Qualifier.AT_MOST):
        word = DEFAULT_WORDS[qualifier]
        text = text.replace(word, f"{word} about", 1)
    return text


def format_date(day: dt.date, *, end: bool = False) -> str:
    """A period bound at the precision it plausibly has: ``2018`` for 1 January (or
    31 December as an end), ``Mar 2025`` for a month bound, ``4 Jul 2024`` otherwise."""
    if (day.month, day.day) == ((12, 31) if end else (1, 1)):
        return f"{day.year}"
    next_day = day + dt.timedelta(days=1)
    if (end and next_day.day == 1) or (not end and day.day == 1):
        return day.strftime("%b %Y")
    return f"{day.day} {day.strftime('%b %Y')}"


def format_period(period: Period) -> str:
    """``2018 – Mar 2025, cumulative``, ``Apr 2025 – Mar 2026, commitment``, ``as at 21 Nov
    2018``, ``2017`` (one calendar year), ``2024/25 financial year``, ``autumn 2018``: each
    date at the precision the document gives it, never a made-up day."""
    if period.type is PeriodType.AS_AT:
        return f"as at {_bound(period.end, period.end_precision, end=True)}"
    if (
        period.type is PeriodType.NOT_STATED
    ):  # added with the kinds of value: a pledge whose span is not stated
        return f"span not stated (as at {_bound(period.end, period.end_precision, end=True)})"
    if period.type is PeriodType.YEAR:
        return f"{period.start.year}"
    if period.type is PeriodType.FINANCIAL_YEAR:
        return f"{period.start.year}/{str(period.end.year)[2:]} financial year"
    start = _bound(period.start, period.start_precision)
    end = _bound(period.end, period.end_precision, end=True)
    if period.start == period.end:
        span = f"{period.start.day} {period.start.strftime('%b %Y')}"
    elif start == end:  # "2018" to "2018": one stated year, month, quarter or season
        span = start
    else:
        span = f"{start} – {end}"
    return span if period.type is PeriodType.SPAN else f"{span}, {period.type.value}"


def _bound(day: dt.date, precision: DatePrecision, *, end: bool = False) -> str:
    """A period bound as precise as stated; a bound stated to the day keeps the old reading
    (1 January reads as the year), which data written before precision existed relies on."""
    if precision is DatePrecision.DAY:
        return format_date(day, end=end)
    first = day if not end else day.replace(day=1)
    if precision in (DatePrecision.QUARTER, DatePrecision.SEASON) and end:
        month = day.month - 2 if day.month > 2 else day.month + 10
        first = dt.date(day.year if day.month > 2 else day.year - 1, month, 1)
    return FlexDate(first, precision).label()
