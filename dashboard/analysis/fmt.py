"""How numbers read: one set of functions used by cards, charts, tables and exports.

``£7m``, ``24,000``, ``over £7m``, ``up to £1m``, ``nearly £1m``, ``7 million``.
Compact forms are used only when they are exact (``£7,250,000`` reads ``£7.25m``;
``£7,234,567`` stays in full), so shortening never changes a number. A bound is
rounded away from what it claims: a lower bound rounds down, an upper bound up.
"""

from __future__ import annotations

import datetime as dt
import math

from dashboard.analysis.quantity import Quantity
from dashboard.curated.records import Period, Qualifier, Unit

DEFAULT_WORDS = {Qualifier.AT_LEAST: "over", Qualifier.AT_MOST: "up to", Qualifier.APPROX: "about"}
APPROX_WORDS = {"nearly", "almost", "around", "about", "approximately", "roughly", "some"}
QUALIFIER_NOTES = {
    Qualifier.AT_LEAST: "Over: the source gives a lower bound; the true value is higher.",
    Qualifier.AT_MOST: "Up to: the source gives an upper bound; the true value may be lower.",
    Qualifier.APPROX: "Nearly / about: the source gives an approximate value.",
}
QUALIFIER_MARKS = {Qualifier.EXACT: "", Qualifier.AT_LEAST: "+", Qualifier.AT_MOST: "≤", Qualifier.APPROX: "~"}

_SCALES = [(1e9, "bn", "billion"), (1e6, "m", "million")]


def qualifier_word(qualifier: Qualifier | str, wording: str | None = None) -> str:
    """The word shown before a value: "over" for any lower bound ("more than" too), "up to"
    for an upper one, and the source's own word for an approximation ("nearly" is not "around")."""
    qualifier = Qualifier(qualifier)
    if qualifier is Qualifier.EXACT:
        return ""
    if qualifier is Qualifier.APPROX and wording and wording.strip().lower() in APPROX_WORDS:
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
) -> str:
    """A curated figure as people read it: ``over £7m``, ``up to £1m``, ``nearly £1m``, ``720``."""
    qualifier = Qualifier(qualifier)
    direction = {Qualifier.AT_LEAST: "down", Qualifier.AT_MOST: "up"}.get(qualifier, "nearest")
    word = qualifier_word(qualifier, wording)
    number = format_number(value, unit, direction=direction)
    return f"{word} {number}" if word else number


def format_quantity(quantity: Quantity, unit: Unit | None = None) -> str:
    """A derived quantity with the bound it can honestly claim."""
    qualifier = quantity.qualifier
    if qualifier is None:
        return "no bound either way"
    text = format_value(quantity.value, qualifier, unit)
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
    """``2018 – Mar 2025, cumulative`` or ``Apr 2025 – Mar 2026, commitment``."""
    if period.start == period.end:
        span = f"{period.start.day} {period.start.strftime('%b %Y')}"
    else:
        span = f"{format_date(period.start)} – {format_date(period.end, end=True)}"
    return f"{span}, {period.type.value}"
