"""How numbers, money, counts, dates, periods and qualifiers read, in the language passed in.

``dashboard.analysis.fmt`` delegates here: English output is byte-identical to what fmt (and
``FlexDate.label``) wrote before (``tests/english_reference.py`` keeps that as the oracle). Vietnamese uses Babel's ``vi`` locale data for separators (``1.936``,
``1,5``) and the catalogue for every word and pattern, so a translator can change how a
date or an amount of money reads without touching code:

- money: ``9.722 bảng Anh``; exact compact forms ``7 triệu bảng Anh``, ``1,5 tỷ bảng Anh``
  (English ``£7m``): the currency by its name, as official Vietnamese writes it;
- bounds, in the document's own word: ``hơn 7 triệu bảng Anh`` (over £7m, more than £7m),
  ``ít nhất 7 triệu bảng Anh`` (at least £7m: the bound itself is possible), ``tối đa 1 triệu
  bảng Anh`` (up to £1m), ``gần 1 triệu bảng Anh`` (nearly £1m), ``khoảng`` (about);
- a number and its scale, unit or currency never break apart: the catalogue's patterns join
  them with no-break spaces (U+00A0);
- dates: ``31/3/2025``, ``tháng 3/2025``, ``2025`` (English ``31 Mar 2025``, ``Mar 2025``).

Compact forms are used only when exact and a bound is rounded away from what it claims,
in every language, exactly as fmt documents.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Protocol

from babel.dates import format_date as babel_date
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from dashboard.curated.bounds import APPROX_WORDS, BOUND_WORDS, bound_closed
from dashboard.curated.records import (
    SEASONS,
    DatePrecision,
    FlexDate,
    Period,
    PeriodType,
    Qualifier,
    Unit,
)
from dashboard.words.catalogue import SOURCE_LANGUAGE, Phrase, Words
from dashboard.words.kinds import has_own_words, hedged, kind_value
from dashboard.words.phrases import (
    APPROX_BOUND_WORDS,
    BOUND_SENTENCES,
    DATE_PATTERNS,
    HEDGE_SENTENCES,
    NOUNS,
    PERIOD_TYPES,
    QUALIFIER_SENTENCES,
    QUALIFIER_WORDS,
    SCALES,
    SEASON_PATTERNS,
)
from dashboard.words.phrases import QUALIFIER_MARKS as QUALIFIER_MARKS  # analysis.fmt's name

# The English forms are the catalogue's message ids (the tables of them are words.phrases).
SPAN_NOT_STATED = "span not stated (as at {date})"  # a period whose span the source does not give
QUARTER_PATTERN = "Q{quarter} {year}"
CTX_QUALIFIER = "qualifier word before a value"
CTX_APPROX_BOUND = "qualifier word before a derived value that is an approximate bound"
CTX_SENTENCE = "qualifier sentence: what a figure's bound means"
CTX_NUMBER = "number pattern"
CTX_CURRENCY = "currency: its name after an amount"
NO_BREAK_SPACE = "\u00a0"
CTX_DATE = "date pattern (Babel/CLDR pattern letters)"
CTX_PERIOD = "period"
CTX_COUNT = "count with its noun"
CTX_RANGE = "a range of values"
CTX_SEASON = "season of the year"
CTX_PART_OF_YEAR = "date known to a quarter or a season"


class Bounded(Protocol):
    """What a derived quantity (``dashboard.analysis.quantity.Quantity``) offers a reader:
    words sits below analysis, so it names the shape instead of importing the class."""

    @property
    def qualifier(self) -> Qualifier | None: ...

    @property
    def value(self) -> float: ...

    hi: float
    approx: bool

    @property
    def closed(self) -> bool: ...  # "at least" (True) or "over" (False); see Quantity.closed


class Formatter:
    """Numbers and dates as people of one language read them: ``Formatter(Words("vi"))``."""

    def __init__(self, words: Words) -> None:
        self.words = words
        self.language = words.language

    @property
    def plotly_separators(self) -> str:
        """``layout.separators`` for a chart in this language (see ``plotly_separators``)."""
        return plotly_separators(self.language)

    # numbers -------------------------------------------------------------------------
    def decimal(self, x: float, decimals: int = 2) -> str:
        """``1.5`` / ``1,5``, ``2345``: at most ``decimals`` decimal places, no grouping (as fmt's compact digits)."""
        if (
            self.language == SOURCE_LANGUAGE
        ):  # CLDR en, as Python writes it (fmt's own digits, and fast)
            return f"{x:.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{x:.0f}"
        pattern = "0" + ("." + "#" * decimals if decimals else "")
        return format_decimal(x, format=pattern, locale=self.language, decimal_quantization=True)

    def number(self, value: float, unit: Unit | None = None, *, direction: str = "nearest") -> str:
        """``£7m`` / ``7 triệu bảng Anh``, ``£9,722`` / ``9.722 bảng Anh``, ``7 million`` / ``7 triệu``.
        ``direction`` rounds a non-whole value "down", "up" or to the "nearest"."""
        whole = {"down": math.floor, "up": math.ceil}.get(direction, round)(value + 0.0)
        if abs(value - whole) < 1e-9:
            whole = round(value)
        prefix = self.currency(unit.prefix) if unit else ""
        for scale, money, plain in SCALES:
            if abs(whole) >= scale and _exact_in(whole / scale, 2):
                digits = self.decimal(round(whole / scale, 2))
                pattern = money if prefix else plain
                return self.words.text(pattern, CTX_NUMBER, prefix=prefix, digits=digits)
        if prefix:
            return self.words.text(
                "{prefix}{number}", CTX_NUMBER, prefix=prefix, number=self.words.integer(whole)
            )
        return self.words.integer(whole)

    def currency(self, symbol: str) -> str:
        """``£`` in English; its name in words elsewhere (``bảng Anh``), as official
        Vietnamese writes an amount ("7 triệu bảng Anh", never "7 triệu £"). A symbol the
        catalogue does not name stays the symbol."""
        if not symbol or self.language == SOURCE_LANGUAGE:
            return symbol
        return self.words.text(symbol, CTX_CURRENCY)

    def tick(self, value: float, unit: Unit | None = None) -> str:
        """An axis tick under a title that names the unit: ``£2m`` in English (as it was);
        outside English the bare number (``2 triệu``), the title saying ``(bảng Anh)``: the
        currency's name on every tick crowded a phone's axis until the labels overlapped."""
        if self.language == SOURCE_LANGUAGE or unit is None or not unit.prefix:
            return self.number(value, unit)
        return self.number(value)

    def with_unit(self, value: str, noun: str) -> str:
        """``720 people`` / ``720 người``: a value and its unit's noun, joined by a no-break
        space outside English so they never break across lines (English as it was)."""
        if not noun:
            return value
        return f"{value}{' ' if self.language == SOURCE_LANGUAGE else NO_BREAK_SPACE}{noun}"

    def count(self, n: int, noun: str) -> str:
        """``1 figure``, ``10,000 figures`` / ``1 số liệu``, ``10.000 số liệu``."""
        plural = NOUNS.get(noun)
        if plural is None:  # not in the catalogue: English by ``s``, marked untranslated
            return Phrase(
                f"{self.words.integer(n)} {noun}{'' if n == 1 else 's'}",
                "en",
                self.language != "en",
            )
        return self.words.plural(f"{{n}} {noun}", f"{{n}} {plural}", n, CTX_COUNT)

    # qualifiers ----------------------------------------------------------------------
    def qualifier_word(self, qualifier: Qualifier | str, wording: str | None = None) -> str:
        """``over`` / ``hơn``, ``up to`` / ``tối đa``, and the source's own word for an
        approximation (``nearly`` / ``gần``), as fmt.qualifier_word chooses it."""
        qualifier = Qualifier(qualifier)
        if qualifier is Qualifier.EXACT:
            return ""
        word = QUALIFIER_WORDS[qualifier]
        said = wording.strip().lower() if isinstance(wording, str) else ""
        if said in (
            APPROX_WORDS if qualifier is Qualifier.APPROX else BOUND_WORDS.get(qualifier, ())
        ):
            word = said  # "at least" stays "at least", "more than" stays "more than"
        return self.words.text(word, CTX_QUALIFIER)

    def qualifier_sentence(
        self,
        qualifier: Qualifier | str,
        wording: str | None = None,
        *,
        closed: bool | None = None,
        hedge: str | None = None,
    ) -> str:
        """What a bound means, one wording per language for the page, table and deck: "at
        least" (the bound itself is possible) reads apart from "over" (it is not). The
        closedness comes from ``closed`` when given, else from the source's ``wording``.
        A ``hedge`` ("potentially") is the qualifier of a value the source hedges: never "Exact"."""
        if isinstance(hedge, str) and hedge in HEDGE_SENTENCES:
            return self.words.text(HEDGE_SENTENCES[hedge], CTX_SENTENCE)
        qualifier = Qualifier(qualifier)
        if qualifier in BOUND_WORDS:
            closed = (
                bound_closed(qualifier, wording if isinstance(wording, str) else None)
                if closed is None
                else closed
            )
            sentence = BOUND_SENTENCES.get((qualifier, closed))
            if sentence:
                return self.words.text(sentence, CTX_SENTENCE)
        return self.words.text(QUALIFIER_SENTENCES[qualifier], CTX_SENTENCE)

    def value(
        self,
        value: float,
        qualifier: Qualifier | str = Qualifier.EXACT,
        unit: Unit | None = None,
        wording: str | None = None,
        high: float | None = None,
        *,
        change: str | None = None,
        hedge: str | None = None,
    ) -> str:
        """``over £7m`` / ``hơn 7 triệu bảng Anh``; a bound rounds away from what it claims.
        A range (``value`` its low bound, ``high`` its high one) reads ``between 10,000 and
        13,000`` / ``từ 10.000 đến 13.000``, each bound rounded outwards; an English page
        keeps the source's own word for it ("between", "from"). A unit of another kind reads
        with its own words (``dashboard.words.kinds``: ``down 75%``, ``4th largest``, ``3
        flights``), and a ``hedge`` goes before it all (``potentially 4 times as many``)."""
        qualifier = Qualifier(qualifier)
        if has_own_words(unit):
            return hedged(
                self, kind_value(self, value, qualifier, unit, wording, high, change), hedge
            )
        if qualifier is Qualifier.RANGE:
            return hedged(self, self._range(value, high, unit, wording), hedge)
        direction = {Qualifier.AT_LEAST: "down", Qualifier.AT_MOST: "up"}.get(qualifier, "nearest")
        word = self.qualifier_word(qualifier, wording)
        number = self.number(value, unit, direction=direction)
        return hedged(self, f"{word} {number}" if word else number, hedge)

    def _range(self, low: float, high: float | None, unit: Unit | None, wording: str | None) -> str:
        low_text = self.number(low, unit, direction="down")
        high_text = (
            self.number(high, unit, direction="up") if high is not None and high == high else "?"
        )
        if wording and self.language == SOURCE_LANGUAGE:
            return f"{wording} {low_text} and {high_text}"
        return self.words.text("between {low} and {high}", CTX_RANGE, low=low_text, high=high_text)

    def quantity(self, quantity: Bounded, unit: Unit | None = None) -> str:
        """A derived quantity with the bound it can honestly claim (``over about £9,722``)."""
        qualifier = quantity.qualifier
        if qualifier is None:
            return self.words.text("no bound either way", "derived value with no bound")
        closed = getattr(quantity, "closed", qualifier is not Qualifier.AT_LEAST)
        if quantity.approx and (qualifier, closed) in APPROX_BOUND_WORDS:
            direction = "down" if qualifier is Qualifier.AT_LEAST else "up"
            word = self.words.text(APPROX_BOUND_WORDS[qualifier, closed], CTX_APPROX_BOUND)
            joiner = (
                "" if word.endswith("~") else " "
            )  # "hơn ~9.722 £": one word, the approximation a mark
            return f"{word}{joiner}{self.number(quantity.value, unit, direction=direction)}"
        wording = {(Qualifier.AT_LEAST, True): "at least", (Qualifier.AT_MOST, False): "under"}.get(
            (qualifier, closed)
        )
        return self.value(quantity.value, qualifier, unit, wording, high=quantity.hi)

    # dates and periods ---------------------------------------------------------------
    def date(self, day: dt.date, precision: DatePrecision = DatePrecision.DAY) -> str:
        """``31 Mar 2025`` / ``31/3/2025``, ``Mar 2025`` / ``tháng 3/2025``, ``Q3 2018`` /
        ``quý 3/2018``, ``autumn 2018`` / ``mùa thu năm 2018``, ``2025``: ``day`` is the first
        day of what it names (a quarter's or season's first month)."""
        if (
            self.language == SOURCE_LANGUAGE
        ):  # the one English wording of a date: the curated record's own
            return FlexDate(day, precision).label()
        if precision is DatePrecision.YEAR:
            return f"{day.year}"
        if precision is DatePrecision.QUARTER:
            return self.words.text(
                QUARTER_PATTERN, CTX_PART_OF_YEAR, quarter=(day.month - 1) // 3 + 1, year=day.year
            )
        if precision is DatePrecision.SEASON:
            season = next(name for name, month in SEASONS.items() if month == day.month)
            pattern = SEASON_PATTERNS[day.month == 12]
            name = self.words.text(season, CTX_SEASON)
            return self.words.text(
                pattern, CTX_PART_OF_YEAR, season=name, year=day.year, next=str(day.year + 1)[2:]
            )
        pattern = self.words.text(DATE_PATTERNS[precision], CTX_DATE)
        return babel_date(day, pattern, locale=self.language)

    def flex_date(self, date: FlexDate) -> str:
        """A curated date at the precision it was recorded with (``FlexDate.label``)."""
        return self.date(date.first_day, date.precision)

    def bound_date(self, day: dt.date, *, end: bool = False) -> str:
        """A period bound at the precision it plausibly has, as fmt.format_date reads it."""
        if (day.month, day.day) == ((12, 31) if end else (1, 1)):
            return self.date(day, DatePrecision.YEAR)
        next_day = day + dt.timedelta(days=1)
        if (end and next_day.day == 1) or (not end and day.day == 1):
            return self.date(day, DatePrecision.MONTH)
        return self.date(day)

    def period(self, period: Period) -> str:
        """``2018 – Mar 2025, cumulative`` / ``2018 – tháng 3/2025, lũy kế``, ``as at 21 Nov
        2018`` / ``tính đến 21/11/2018``, ``2017`` / ``năm 2017``, ``2024/25 financial year`` /
        ``năm tài chính 2024/25``, ``autumn 2018``: each date at the precision the document
        gives it, never a made-up day (as fmt.format_period reads it)."""
        kind = PeriodType(period.type)
        if kind is PeriodType.AS_AT:
            return self.words.text(
                "as at {date}",
                CTX_PERIOD,
                date=self._bound(period.end, period.end_precision, end=True),
            )
        if kind is PeriodType.NOT_STATED:  # "£3m pledged": only when it was said
            return self.words.text(
                SPAN_NOT_STATED,
                CTX_PERIOD,
                date=self._bound(period.end, period.end_precision, end=True),
            )
        if kind is PeriodType.YEAR:
            return self.words.text("{year}", "period: one calendar year", year=period.start.year)
        if kind is PeriodType.FINANCIAL_YEAR:
            return self.words.text(
                "{start}/{end} financial year",
                CTX_PERIOD,
                start=period.start.year,
                end=str(period.end.year)[2:],
            )
        start = self._bound(period.start, period.start_precision)
        end = self._bound(period.end, period.end_precision, end=True)
        if period.start == period.end:
            span = self.date(period.start)
        elif start == end:  # "2018" to "2018": one stated year, month, quarter or season
            span = start
        else:
            span = self.words.text("{start} – {end}", CTX_PERIOD, start=start, end=end)
        if kind is PeriodType.SPAN:
            return span
        return self.words.text(
            "{span}, {kind}",
            CTX_PERIOD,
            span=span,
            kind=self.words.text(PERIOD_TYPES[kind], "period type"),
        )

    def _bound(self, day: dt.date, precision: DatePrecision, *, end: bool = False) -> str:
        """A period bound as precise as stated; a bound stated to the day keeps the old
        reading (1 January reads as the year), which data written before precision relies on."""
        if precision is DatePrecision.DAY:
            return self.bound_date(day, end=end)
        first = day if not end else day.replace(day=1)
        if precision in (DatePrecision.QUARTER, DatePrecision.SEASON) and end:
            month = day.month - 2 if day.month > 2 else day.month + 10
            first = dt.date(day.year if day.month > 2 else day.year - 1, month, 1)
        if precision is DatePrecision.YEAR:
            first = first.replace(month=1, day=1)
        return self.date(first, precision)


def plotly_separators(language: str) -> str:
    """Plotly's ``layout.separators`` for a language: its decimal mark then its thousands
    separator, from Babel's locale data: ``".,"`` for English (1,936.5), ``",."`` for
    Vietnamese (1.936,5). A chart sets it so its tick labels and hover numbers read as the
    page's own numbers do."""
    return get_decimal_symbol(language) + get_group_symbol(language)


def _exact_in(x: float, decimals: int) -> bool:
    return abs(round(x, decimals) - x) < 1e-9
