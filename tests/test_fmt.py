"""Numbers read the way people write them, and shortening or rounding never claims more
than the source does."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.analysis.fmt import (
    QUALIFIER_MARKS,
    QUALIFIER_NOTES,
    format_number,
    format_period,
    format_quantity,
    format_value,
    qualifier_word,
)
from dashboard.analysis.quantity import Quantity
from dashboard.curated.records import Period, PeriodType, Qualifier, Unit

GBP = Unit("GBP", "pounds sterling", prefix="£")
PEOPLE = Unit("people", "people", noun="people")


@pytest.mark.parametrize(
    "value, qualifier, unit, wording, expected",
    [
        (7_000_000, "exact", GBP, None, "£7m"),
        (24_000, "exact", PEOPLE, None, "24,000"),
        (7_000_000, "at_least", GBP, "over", "over £7m"),
        (1_000_000, "at_most", GBP, "up to", "up to £1m"),
        (1_000_000, "approx", GBP, "nearly", "nearly £1m"),
        (7_000_000, "exact", PEOPLE, None, "7 million"),
        (7_000_000, "at_least", PEOPLE, "over", "over 7 million"),
        (7_250_000, "exact", GBP, None, "£7.25m"),
        (7_234_567, "exact", GBP, None, "£7,234,567"),
        (720, "exact", PEOPLE, None, "720"),
        (1_936, "exact", PEOPLE, None, "1,936"),
        (2_500_000_000, "exact", GBP, None, "£2.5bn"),
    ],
)
def test_values_read_as_people_write_them(value, qualifier, unit, wording, expected):
    assert format_value(value, qualifier, unit, wording) == expected


def test_more_than_keeps_its_own_word_and_so_does_around():
    assert format_value(24_000, "at_least", PEOPLE, "more than") == "more than 24,000"
    assert format_value(1_000_000, "approx", GBP, "around") == "around £1m"
    assert format_value(1_000_000, "approx", GBP, None) == "about £1m"


def test_a_lower_bound_rounds_down_so_it_never_claims_more():
    assert format_value(7_000_000 / 720, "at_least", GBP) == "over £9,722"  # 9,722.2…
    assert format_value(9_722.9, "at_least", GBP) == "over £9,722"


def test_an_upper_bound_rounds_up_so_it_never_claims_less():
    assert format_value(1_000_000 / 720, "at_most", GBP) == "up to £1,389"  # 1,388.9…
    assert format_value(1_388.1, "at_most", GBP) == "up to £1,389"


def test_an_exact_value_rounds_to_the_nearest_whole_number():
    assert format_number(1_388.4, GBP) == "£1,388"
    assert format_number(1_388.6, GBP) == "£1,389"


def test_a_derived_quantity_without_a_bound_says_so():
    assert format_quantity(Quantity(0.0, float("inf")), GBP) == "no bound either way"


def test_a_derived_lower_bound_reads_over():
    assert format_quantity(Quantity(7_000_000 / 720, float("inf")), GBP) == "over £9,722"


def test_a_derived_bound_from_an_approximate_figure_says_about():
    assert format_quantity(Quantity(1_000.0, float("inf"), approx=True), GBP) == "over about £1,000"


def test_the_full_since_2018_period_reads_as_years_and_months():
    period = Period(dt.date(2018, 1, 1), dt.date(2025, 3, 31), PeriodType.CUMULATIVE)
    assert format_period(period) == "2018 – Mar 2025, cumulative"


def test_a_commitment_over_the_next_year_reads_month_to_month():
    period = Period(dt.date(2025, 4, 1), dt.date(2026, 3, 31), PeriodType.COMMITMENT)
    assert format_period(period) == "Apr 2025 – Mar 2026, commitment"


def test_a_single_day_period_reads_as_that_day():
    period = Period(dt.date(2025, 3, 31), dt.date(2025, 3, 31), PeriodType.CUMULATIVE)
    assert format_period(period) == "31 Mar 2025, cumulative"


def test_a_period_from_a_mid_month_day_keeps_the_day():
    period = Period(dt.date(2024, 7, 4), dt.date(2025, 3, 31), PeriodType.CUMULATIVE)
    assert format_period(period) == "4 Jul 2024 – Mar 2025, cumulative"


def test_every_bounded_qualifier_has_a_word_a_note_and_a_mark():
    for qualifier in (Qualifier.AT_LEAST, Qualifier.AT_MOST, Qualifier.APPROX):
        assert qualifier_word(qualifier)
        assert QUALIFIER_NOTES[qualifier]
        assert QUALIFIER_MARKS[qualifier]
    assert qualifier_word(Qualifier.EXACT) == "" and QUALIFIER_MARKS[Qualifier.EXACT] == ""
