"""How numbers read: one set of functions used by cards, charts, tables and exports.

``£7m``, ``24,000``, ``over £7m``, ``up to £1m``, ``nearly £1m``, ``7 million``.
Compact forms are used only when they are exact (``£7,250,000`` reads ``£7.25m``;
``£7,234,567`` stays in full), so shortening never changes a number. A bound is
rounded away from what it claims: a lower bound rounds down, an upper bound up.

Every function writes through ``dashboard.words.Formatter``, the one formatter of the
project: each takes an optional ``words`` (a ``Words`` object or a language code such as
``"vi"``) and writes English when none is given. ``fmt.format_value(7e6, "at_least", unit,
words="vi")`` → ``hơn 7 triệu bảng Anh``.
"""

from __future__ import annotations

import datetime as dt
import functools

from dashboard.analysis.quantity import Quantity
from dashboard.curated.records import Figure, Period, Qualifier, Unit
from dashboard.words import Formatter, Words
from dashboard.words.format import APPROX_WORDS as _APPROX_WORDS
from dashboard.words.format import QUALIFIER_MARKS, QUALIFIER_SENTENCES, QUALIFIER_WORDS

DEFAULT_WORDS = dict(QUALIFIER_WORDS)
APPROX_WORDS = set(_APPROX_WORDS)
# The English sentences; a page in another language asks ``qualifier_note(q, words)``.
QUALIFIER_NOTES = {
    q: QUALIFIER_SENTENCES[q] for q in (Qualifier.AT_LEAST, Qualifier.AT_MOST, Qualifier.APPROX)
}
# Not yet in QUALIFIER_NOTES: the views list every note there and add a range's when they draw ranges.
RANGE_NOTE = QUALIFIER_SENTENCES[Qualifier.RANGE]
__all__ = [
    "APPROX_WORDS",
    "DEFAULT_WORDS",
    "QUALIFIER_MARKS",
    "QUALIFIER_NOTES",
    "RANGE_NOTE",
    "count",
    "format_date",
    "figure_value",
    "format_number",
    "format_period",
    "format_quantity",
    "format_value",
    "formatter",
    "qualifier_note",
    "qualifier_word",
]

Language = Words | str | None  # a Words object, a language code, or None for English


@functools.lru_cache(maxsize=None)
def _formatter_for(language: str) -> Formatter:
    return Formatter(Words(language))


def formatter(words: Language = None) -> Formatter:
    """The formatter of ``words`` (a ``Words``, or a language code; English when None)."""
    if isinstance(words, Words):
        return Formatter(words)
    return _formatter_for(words or "en")


def qualifier_word(
    qualifier: Qualifier | str, wording: str | None = None, *, words: Language = None
) -> str:
    """The word shown before a value: the source's own word for a bound ("at least" is not
    "over": see ``records.BOUND_WORDS``) and for an approximation ("nearly" is not "around");
    without a known wording, "over" for a lower bound and "up to" for an upper one."""
    return formatter(words).qualifier_word(qualifier, wording)


def qualifier_note(
    qualifier: Qualifier | str,
    words: Language = None,
    wording: str | None = None,
    hedge: str | None = None,
) -> str:
    """What a bound means, one sentence ("Over: the source gives a lower bound; …"); with the
    source's ``wording`` "at least" reads as a bound that may be reached; a ``hedge``
    ("potentially") is the qualifier of a hedged value."""
    return formatter(words).qualifier_sentence(qualifier, wording, hedge=hedge)


def count(n: int, noun: str, *, words: Language = None) -> str:
    """``1 figure``, ``10,000 figures``: a count with its noun, its plural from the catalogue
    (``1 số liệu`` in Vietnamese, where a count has one form)."""
    return formatter(words).count(n, noun)


def format_number(
    value: float, unit: Unit | None = None, *, direction: str = "nearest", words: Language = None
) -> str:
    """``£7m``, ``£1.5m``, ``£9,722``, ``7 million``, ``24,000``. ``direction`` rounds a
    non-whole value "down" (lower bounds), "up" (upper bounds) or to the "nearest"."""
    return formatter(words).number(value, unit, direction=direction)


def format_value(
    value: float,
    qualifier: Qualifier | str = Qualifier.EXACT,
    unit: Unit | None = None,
    wording: str | None = None,
    high: float | None = None,
    *,
    words: Language = None,
    change: str | None = None,
    hedge: str | None = None,
) -> str:
    """A curated figure as people read it: ``over £7m``, ``up to £1m``, ``nearly £1m``, ``720``,
    ``between 10,000 and 13,000`` (a range: ``value`` is the low bound, ``high`` the high one);
    a value of another kind with its own words: ``down 75%``, ``4th largest``, ``3 flights``."""
    return formatter(words).value(
        value, qualifier, unit, wording, high=high, change=change, hedge=hedge
    )


def figure_value(figure: Figure, unit: Unit | None, formatter: Formatter) -> str:
    """A curated figure's ``value_label`` in the formatter's language: the one call the figures
    frame (English) and every localized frame (``views.language``) make, so the arguments a
    figure's value is written from are named once."""
    return formatter.value(
        figure.value,
        figure.qualifier,
        unit,
        figure.wording,
        high=figure.value_high,
        change=figure.change,
        hedge=figure.hedge,
    )


def format_quantity(quantity: Quantity, unit: Unit | None = None, *, words: Language = None) -> str:
    """A derived quantity with the bound it can honestly claim."""
    return formatter(words).quantity(quantity, unit)


def format_date(day: dt.date, *, end: bool = False, words: Language = None) -> str:
    """A period bound at the precision it plausibly has: ``2018`` for 1 January (or
    31 December as an end), ``Mar 2025`` for a month bound, ``4 Jul 2024`` otherwise."""
    return formatter(words).bound_date(day, end=end)


def format_period(period: Period, *, words: Language = None) -> str:
    """``2018 – Mar 2025, cumulative``, ``Apr 2025 – Mar 2026, commitment``, ``as at 21 Nov
    2018``, ``2017`` (one calendar year), ``2024/25 financial year``, ``autumn 2018``: each
    date at the precision the document gives it, never a made-up day."""
    return formatter(words).period(period)
