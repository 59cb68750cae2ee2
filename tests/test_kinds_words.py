"""A value of each kind reads with its unit's words, in English and Vietnamese: a percentage
is never "75", a rank never "4", "top 10" never "up to 10", three flights never "3"."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.analysis import fmt
from dashboard.curated.records import Change, Hedge, Period, PeriodType, Qualifier, Unit, UnitKind
from dashboard.words import Formatter, Words

CHANGE = Unit("percent_change", "per cent change", kind=UnitKind.PERCENT_CHANGE)
SHARE = Unit("percent", "per cent", kind=UnitKind.PERCENT_SHARE)
RANK = Unit("rank", "rank", kind=UnitKind.RANK)
TIMES = Unit("times", "times as many", kind=UnitKind.MULTIPLE)
FLIGHTS = Unit("flights", "flights", noun="flights", singular="flight", kind=UnitKind.COUNT)
PEOPLE = Unit("people", "people", noun="people")
POUNDS = Unit("GBP", "pounds sterling", prefix="£")


def value(
    language: str, v, unit, qualifier=Qualifier.EXACT, wording=None, high=None, **kinds
) -> str:
    return Formatter(Words(language, strict=True)).value(
        v, qualifier, unit, wording, high=high, **kinds
    )


@pytest.mark.parametrize(
    "args, english, vietnamese",
    [
        ((75, CHANGE), "down 75%", "giảm 75%"),  # "cut by 75%"
        ((20, CHANGE, Qualifier.AT_LEAST, "over"), "up over 20%", "tăng hơn 20%"),
        ((90, SHARE, Qualifier.APPROX, "almost"), "almost 90%", "gần 90%"),
        ((12.5, SHARE), "12.5%", "12,5%"),
        ((4, RANK), "4th largest", "lớn thứ 4"),
        ((1, RANK), "largest", "lớn nhất"),
        ((22, RANK), "22nd largest", "lớn thứ 22"),
        ((10, RANK, Qualifier.AT_MOST, "top"), "in the top 10", "trong nhóm 10\u00a0lớn nhất"),
        (
            (2, RANK, Qualifier.AT_MOST, "one of the"),
            "one of the 2 largest",
            "một trong 2\u00a0lớn nhất",
        ),
        ((4, TIMES), "4 times as many", "gấp 4\u00a0lần"),
        (
            (3, FLIGHTS),
            "3 flights",
            "3\u00a0flights",
        ),  # the noun is curated data: English until data/i18n gives it; never broken from its number
        ((1, FLIGHTS), "1 flight", "1\u00a0flight"),
        (
            (3000, FLIGHTS, Qualifier.AT_LEAST, "over"),
            "over 3,000 flights",
            "hơn 3.000\u00a0flights",
        ),
    ],
)
def test_each_kind_of_value_reads_with_its_units_words_in_both_languages(args, english, vietnamese):
    change = (
        {"change": Change.RISE}
        if args[1] is CHANGE and len(args) > 2
        else {"change": Change.FALL}
        if args[1] is CHANGE
        else {}
    )
    assert value("en", *args, **change) == english
    assert value("vi", *args, **change) == vietnamese


def test_a_hedge_goes_before_the_value_it_hedges():
    assert value("en", 4, TIMES, hedge=Hedge.POTENTIALLY) == "potentially 4 times as many"
    assert value("vi", 4, TIMES, hedge=Hedge.POTENTIALLY) == "có thể gấp 4\u00a0lần"
    assert (
        fmt.format_value(3_000_000, Qualifier.EXACT, POUNDS, hedge=Hedge.ESTIMATED)
        == "estimated £3m"
    )


def test_money_and_a_unit_without_a_kind_read_as_they_always_did():
    assert value("en", 7_000_000, POUNDS, Qualifier.AT_LEAST, "over") == "over £7m"
    assert value("en", 720, PEOPLE) == "720"  # a count of people: its metric names them
    assert (
        value("vi", 7_000_000, PEOPLE, Qualifier.AT_LEAST) == "hơn 7\u00a0triệu"
    )  # a number and its scale never break apart


def test_a_range_of_percentages_or_ranks_keeps_the_unit_on_both_bounds():
    assert value("en", 10, SHARE, Qualifier.RANGE, high=20) == "between 10% and 20%"
    assert value("vi", 3, RANK, Qualifier.RANGE, high=5) == "lớn thứ 3 đến thứ 5"


def test_a_pledge_whose_span_is_not_stated_says_so_with_the_date_it_was_stated():
    period = Period(dt.date(2025, 6, 30), dt.date(2025, 6, 30), PeriodType.NOT_STATED)
    assert (
        fmt.format_period(period) == "span not stated (as at Jun 2025)"
    )  # a month's last day reads as the month
    assert (
        Formatter(Words("vi", strict=True)).period(period)
        == "không nêu thời gian (tính đến tháng 6/2025)"
    )
