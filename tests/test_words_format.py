"""One formatter for numbers, money, counts, dates, periods and qualifiers: English reads
exactly as fmt.py and FlexDate.label wrote it before fmt delegated here (``english_reference``),
Vietnamese in Babel's vi style."""

from __future__ import annotations

import datetime as dt
import random

import english_reference as before
import pytest

from dashboard.analysis import fmt
from dashboard.analysis.quantity import Quantity
from dashboard.curated.records import DatePrecision, FlexDate, Period, PeriodType, Qualifier, Unit
from dashboard.words import Formatter, Words

POUNDS = Unit("gbp", "pounds sterling", "£")
PEOPLE = Unit("people", "people", "", "people")
UNITS = (None, POUNDS, PEOPLE)
WORDINGS = (
    None,
    "",
    "nearly",
    "Almost",
    " around ",
    "about",
    "approximately",
    "roughly",
    "some",
    "more than",
    "just under",
)


def many_values(count: int = 3000) -> list[float]:
    rng = random.Random(12)
    edge = [
        0,
        1,
        -1,
        999,
        1000,
        999_999,
        1e6,
        7e6,
        7.25e6,
        7_234_567,
        1e6 - 0.5,
        1.5e9,
        1e9,
        2.345e9,
        -3e6,
        9722.4,
        9722.5,
        9722.6,
        12_345_678.9,
        0.4,
        2.5,
        3.5,
        1_000_000.004,
        1_005_000,
        1_010_000,
    ]
    drawn = [
        rng.choice(
            [
                rng.uniform(0, 1e10),
                float(rng.randint(0, 10**10)),
                rng.randint(1, 999) * 10 ** rng.randint(0, 8),
                rng.randint(1, 99_999) / 100 * 10 ** rng.randint(4, 9),
            ]
        )
        for _ in range(count)
    ]
    return edge + drawn


@pytest.fixture(scope="module")
def english() -> Formatter:
    return Formatter(Words("en"))


@pytest.fixture(scope="module")
def vietnamese() -> Formatter:
    return Formatter(Words("vi"))


def test_english_numbers_read_exactly_as_fmt_writes_them(english):
    for value in many_values():
        for unit in UNITS:
            for direction in ("down", "up", "nearest"):
                assert english.number(value, unit, direction=direction) == before.format_number(
                    value, unit, direction=direction
                ), (value, unit, direction)


def test_english_values_with_their_qualifiers_read_exactly_as_fmt_writes_them(english):
    for value in many_values(400):
        for qualifier in Qualifier:
            for unit in UNITS:
                for wording in WORDINGS:
                    assert english.value(value, qualifier, unit, wording) == before.format_value(
                        value, qualifier, unit, wording
                    )
                    assert english.qualifier_word(qualifier, wording) == before.qualifier_word(
                        qualifier, wording
                    )


def test_english_derived_quantities_claim_the_same_bounds_as_fmt(english):
    rng = random.Random(3)
    for _ in range(3000):
        lo = rng.choice([rng.uniform(0, 1e7), float(rng.randint(0, 10**7)), 0.0])
        hi = rng.choice([lo, lo + rng.uniform(0, 1e6), float("inf")])
        quantity = Quantity(lo, hi, approx=rng.random() < 0.5)
        for unit in UNITS:
            assert english.quantity(quantity, unit) == before.format_quantity(quantity, unit), (
                quantity
            )


def test_english_dates_read_exactly_as_fmt_and_flexdate_label_write_them(english):
    day = dt.date(2014, 1, 1)
    while day < dt.date(2027, 1, 1):
        assert english.bound_date(day) == before.format_date(day)
        assert english.bound_date(day, end=True) == before.format_date(day, end=True)
        for precision in DatePrecision:
            flex = FlexDate(first_day_of(day, precision), precision)
            assert english.flex_date(flex) == flex.label()
        day += dt.timedelta(days=1)


def first_day_of(day: dt.date, precision: DatePrecision) -> dt.date:
    """The first day of the year, month, quarter or season that ``day`` falls in."""
    if precision is DatePrecision.YEAR:
        return day.replace(month=1, day=1)
    if precision is DatePrecision.MONTH:
        return day.replace(day=1)
    if precision is DatePrecision.QUARTER:
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    if precision is DatePrecision.SEASON:  # spring from March, …, winter from December
        if day.month <= 2:
            return dt.date(day.year - 1, 12, 1)
        return day.replace(month=(day.month - 3) // 3 * 3 + 3, day=1)
    return day


def test_english_periods_read_exactly_as_fmt_writes_them(english):
    rng = random.Random(5)
    base = dt.date(2015, 1, 1)
    for _ in range(3000):
        start = base + dt.timedelta(days=rng.randint(0, 4000))
        end = rng.choice([start, start + dt.timedelta(days=rng.randint(0, 2000))])
        if rng.random() < 0.3:
            start = start.replace(day=1)
        for kind in PeriodType:
            period = Period(start, end, kind)
            assert english.period(period) == before.format_period(period)
            start_precision, end_precision = (
                rng.choice(list(DatePrecision)),
                rng.choice(list(DatePrecision)),
            )
            stated = Period(
                first_day_of(start, start_precision),
                FlexDate(first_day_of(end, end_precision), end_precision).last_day,
                kind,
                start_precision=start_precision,
                end_precision=end_precision,
            )
            assert english.period(stated) == before.format_period(stated), stated


def test_english_counts_read_as_fmt_counts_them(english):
    for n in [0, 1, 2, 999, 1000, 10_000, 1_234_567]:
        for noun in (
            "figure",
            "event",
            "image",
            "source document",
            "programme",
            "source",
            "workshop",
        ):
            assert english.count(n, noun) == before.count(n, noun)


def test_english_qualifier_sentences_are_fmts_notes_and_the_page_s_exact_sentence(english):
    assert english.qualifier_sentence(Qualifier.EXACT) == "Exact: the source states this number."
    for qualifier, note in before.QUALIFIER_NOTES.items():
        assert english.qualifier_sentence(qualifier) == note


def test_vietnamese_numbers_use_babel_s_separators_and_words_for_millions(vietnamese):
    assert vietnamese.number(1936) == "1.936"
    assert vietnamese.number(7_000_000) == "7\u00a0triệu"
    assert vietnamese.number(7_234_567) == "7.234.567"
    assert vietnamese.number(1_500_000_000) == "1,5\u00a0tỷ"
    assert vietnamese.number(7_000_000, POUNDS) == "7\u00a0triệu\u00a0bảng\u00a0Anh"
    assert vietnamese.number(7_250_000, POUNDS) == "7,25\u00a0triệu\u00a0bảng\u00a0Anh"
    assert vietnamese.number(9722, POUNDS) == "9.722\u00a0bảng\u00a0Anh"


def test_vietnamese_bounds_keep_their_meaning_and_round_away_from_their_claim(vietnamese):
    assert (
        vietnamese.value(7_000_000, Qualifier.AT_LEAST, POUNDS)
        == "hơn 7\u00a0triệu\u00a0bảng\u00a0Anh"
    )
    assert (
        vietnamese.value(1_000_000, Qualifier.AT_MOST, POUNDS)
        == "tối đa 1\u00a0triệu\u00a0bảng\u00a0Anh"
    )
    assert (
        vietnamese.value(1_000_000, Qualifier.APPROX, POUNDS, "nearly")
        == "gần 1\u00a0triệu\u00a0bảng\u00a0Anh"
    )
    assert vietnamese.value(3000, Qualifier.APPROX) == "khoảng 3.000"
    assert vietnamese.value(9722.9, Qualifier.AT_LEAST, POUNDS) == "hơn 9.722\u00a0bảng\u00a0Anh"
    assert vietnamese.value(9722.1, Qualifier.AT_MOST, POUNDS) == "tối đa 9.723\u00a0bảng\u00a0Anh"
    assert (
        vietnamese.quantity(Quantity(9722.2, float("inf"), approx=True), POUNDS)
        == "ước tính hơn 9.722\u00a0bảng\u00a0Anh"
    )
    assert vietnamese.quantity(Quantity(0.0, float("inf"))) == "không có giới hạn theo chiều nào"


def test_vietnamese_compact_forms_are_used_only_when_exact_like_english(vietnamese, english):
    for value in many_values(500):
        for unit in (None, POUNDS):
            shortened_en = any(
                word in english.number(value, unit) for word in ("m", "bn", "million", "billion")
            )
            shortened_vi = any(word in vietnamese.number(value, unit) for word in ("triệu", "tỷ"))
            assert shortened_en == shortened_vi, value


def test_vietnamese_dates_read_at_the_precision_they_were_recorded_with(vietnamese):
    assert vietnamese.flex_date(FlexDate(dt.date(2025, 3, 31))) == "31/3/2025"
    assert (
        vietnamese.flex_date(FlexDate(dt.date(2025, 4, 1), DatePrecision.MONTH)) == "tháng 4/2025"
    )
    assert vietnamese.flex_date(FlexDate(dt.date(2018, 1, 1), DatePrecision.YEAR)) == "2018"
    period = Period(dt.date(2018, 1, 1), dt.date(2025, 3, 31), PeriodType.CUMULATIVE)
    assert vietnamese.period(period) == "2018 – tháng 3/2025, lũy kế"
    pledge = Period(dt.date(2025, 4, 1), dt.date(2026, 3, 31), PeriodType.COMMITMENT)
    assert vietnamese.period(pledge) == "tháng 4/2025 – tháng 3/2026, cam kết"


def test_vietnamese_counts_have_one_form_and_vietnamese_grouping(vietnamese):
    assert vietnamese.count(1, "figure") == "1\u00a0số liệu"
    assert vietnamese.count(24_000, "event") == "24.000\u00a0sự kiện"


def test_a_noun_missing_from_the_catalogue_reads_in_english_marked_untranslated(vietnamese):
    shown = vietnamese.count(2, "workshop")
    assert (shown, shown.untranslated) == ("2 workshops", True)


def test_every_qualifier_has_one_sentence_in_each_language_and_they_differ(english, vietnamese):
    for qualifier in Qualifier:
        en, vi = english.qualifier_sentence(qualifier), vietnamese.qualifier_sentence(qualifier)
        assert en and vi and en != vi
        assert not getattr(vi, "untranslated", False)


def test_vietnamese_ranges_keep_both_bounds_rounded_outwards(vietnamese, english):
    assert (
        vietnamese.value(10_000, Qualifier.RANGE, None, "between", high=13_000)
        == "từ 10.000 đến 13.000"
    )
    assert (
        vietnamese.value(9722.5, Qualifier.RANGE, POUNDS, high=9800.5)
        == "từ 9.722\u00a0bảng\u00a0Anh đến 9.801\u00a0bảng\u00a0Anh"
    )
    assert (
        english.value(10_000, Qualifier.RANGE, None, "from", high=13_000)
        == "from 10,000 and 13,000"
    )
    assert vietnamese.qualifier_word(Qualifier.RANGE) == "trong khoảng"


def test_vietnamese_quarters_seasons_and_points_in_time_read_in_vietnamese(vietnamese):
    assert (
        vietnamese.flex_date(FlexDate(dt.date(2018, 7, 1), DatePrecision.QUARTER)) == "quý 3/2018"
    )
    assert (
        vietnamese.flex_date(FlexDate(dt.date(2018, 9, 1), DatePrecision.SEASON))
        == "mùa thu năm 2018"
    )
    assert (
        vietnamese.flex_date(FlexDate(dt.date(2018, 12, 1), DatePrecision.SEASON))
        == "mùa đông 2018–19"
    )
    as_at = Period(dt.date(2018, 11, 21), dt.date(2018, 11, 21), PeriodType.AS_AT)
    assert vietnamese.period(as_at) == "tính đến 21/11/2018"
    assert (
        vietnamese.period(Period(dt.date(2017, 1, 1), dt.date(2017, 12, 31), PeriodType.YEAR))
        == "năm 2017"
    )
    financial = Period(dt.date(2018, 4, 1), dt.date(2019, 3, 31), PeriodType.FINANCIAL_YEAR)
    assert vietnamese.period(financial) == "năm tài chính 2018/19"
    autumn = Period(
        dt.date(2018, 9, 1),
        dt.date(2018, 11, 30),
        PeriodType.SPAN,
        start_precision=DatePrecision.SEASON,
        end_precision=DatePrecision.SEASON,
    )
    assert vietnamese.period(autumn) == "mùa thu năm 2018"


def test_fmt_writes_through_the_formatter_and_its_english_is_unchanged():
    rng = random.Random(8)
    for value in many_values(300):
        for unit in UNITS:
            assert fmt.format_number(value, unit, direction="up") == before.format_number(
                value, unit, direction="up"
            )
            for qualifier in Qualifier:
                high = value + rng.choice([0, 1, 2500.5, 1e6])
                assert fmt.format_value(
                    value, qualifier, unit, "nearly", high
                ) == before.format_value(value, qualifier, unit, "nearly", high)
            quantity = Quantity(
                value, rng.choice([value, value * 2, float("inf")]), approx=rng.random() < 0.5
            )
            assert fmt.format_quantity(quantity, unit) == before.format_quantity(quantity, unit)
    for n in (0, 1, 2, 12_345):
        assert fmt.count(n, "figure") == before.count(n, "figure")
    period = Period(
        dt.date(2018, 9, 1),
        dt.date(2019, 2, 28),
        PeriodType.CUMULATIVE,
        start_precision=DatePrecision.SEASON,
        end_precision=DatePrecision.SEASON,
    )
    assert (
        fmt.format_period(period)
        == before.format_period(period)
        == "autumn 2018 – winter 2018–19, cumulative"
    )
    assert (
        fmt.format_date(dt.date(2025, 3, 31), end=True)
        == before.format_date(dt.date(2025, 3, 31), end=True)
        == "Mar 2025"
    )


def test_fmt_writes_vietnamese_when_asked_and_english_otherwise():
    assert (
        fmt.format_value(7_000_000, Qualifier.AT_LEAST, POUNDS, words="vi")
        == "hơn 7\u00a0triệu\u00a0bảng\u00a0Anh"
    )
    assert (
        fmt.format_value(7_000_000, Qualifier.AT_LEAST, POUNDS, words=Words("vi"))
        == "hơn 7\u00a0triệu\u00a0bảng\u00a0Anh"
    )
    assert fmt.format_value(7_000_000, Qualifier.AT_LEAST, POUNDS) == "over £7m"
    assert fmt.count(3, "figure", words="vi") == "3\u00a0số liệu"
    assert fmt.qualifier_note(Qualifier.AT_MOST, "vi").startswith("Tối đa:")
    pledge = Period(dt.date(2025, 4, 1), dt.date(2026, 3, 31), PeriodType.COMMITMENT)
    assert fmt.format_period(pledge, words="vi") == "tháng 4/2025 – tháng 3/2026, cam kết"
    assert fmt.format_date(dt.date(2024, 7, 4), words="vi") == "4/7/2024"


def test_chart_numbers_use_the_language_s_decimal_mark_and_thousands_separator(english, vietnamese):
    from dashboard.words.format import plotly_separators

    assert (english.plotly_separators, vietnamese.plotly_separators) == (".,", ",.")
    assert plotly_separators("vi") == ",."
    for f in (english, vietnamese):  # the chart's ticks group thousands as the formatter does
        decimal_mark, group = f.plotly_separators
        assert f.number(1936) == f"1{group}936"
        assert f.decimal(1.5) == f"1{decimal_mark}5"
