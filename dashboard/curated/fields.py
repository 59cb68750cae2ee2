"""Field parsers of the curated YAML: a node's value → a typed value, or a ``FieldError``
whose message says what to write instead. ``dashboard.curated.load`` builds records from
them; the translations loader and config reuse them."""

from __future__ import annotations

import datetime as dt
import math
import re
from enum import StrEnum
from typing import Any, Callable

from dashboard.curated.records import SEASONS, DatePrecision, FlexDate, Period, PeriodType, TypeId

_IDENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR_PART = re.compile(r"^(\d{4})-(?:Q([1-4])|(spring|summer|autumn|winter))$")


class FieldError(ValueError):
    """A field's value is wrong; the message says what to write instead."""


# --- field parsers: node value -> typed value, or FieldError ------------------------------


def text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise FieldError(f"expected text, got {_show(value)}")
    return " ".join(value.split()) if "\n" in value else value.strip()


def ident(value: Any) -> str:
    if not isinstance(value, str) or not _IDENT.match(value):
        raise FieldError(f"expected an id of letters, digits, '-', '_' or '.', got {_show(value)}")
    return value


def number(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        hint = " in base units, e.g. 7000000 for '7 million'" if isinstance(value, str) else ""
        raise FieldError(f"{_show(value)} is not a number; write the value{hint}")
    if isinstance(value, float) and math.isnan(value):
        raise FieldError("NaN is not a value; write the number the source gives")
    if isinstance(value, float) and math.isinf(value):
        raise FieldError("infinity is not a value; for an open bound use qualifier: at_least")
    if value < 0:
        raise FieldError(f"{value} is negative; figures are counts and amounts, never below zero")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise FieldError(f"expected a date as YYYY-MM-DD, got {_show(value)}")
    return value


def flex_date(value: Any) -> FlexDate:
    if isinstance(value, bool):
        raise FieldError(f"expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got {_show(value)}")
    if isinstance(value, int) and 1900 <= value <= 2100:
        return FlexDate(dt.date(value, 1, 1), DatePrecision.YEAR)
    if isinstance(value, str) and (m := _YEAR_MONTH.match(value)) and 1 <= int(m[2]) <= 12:
        return FlexDate(dt.date(int(m[1]), int(m[2]), 1), DatePrecision.MONTH)
    if isinstance(value, str) and (m := _YEAR_PART.match(value)):
        if m[2]:
            return FlexDate(dt.date(int(m[1]), 3 * int(m[2]) - 2, 1), DatePrecision.QUARTER)
        return FlexDate(dt.date(int(m[1]), SEASONS[m[3]], 1), DatePrecision.SEASON)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return FlexDate(value, DatePrecision.DAY)
    raise FieldError(
        f"expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got {_show(value)} "
        "(a quarter or a season: 2018-Q3, 2018-autumn)"
    )


def text_list(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    return tuple(text(item) for item in items)


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise FieldError(f"expected true or false, got {_show(value)}")
    return value


def vocabulary_id(section: str) -> Callable[[Any], TypeId]:
    """An id checked against a vocabulary section once every file is read (see ``load_dataset``)."""

    def parse(value: Any) -> TypeId:
        return TypeId(ident(value))

    parse.vocabulary = section  # type: ignore[attr-defined]
    return parse


def choice(enum: type[StrEnum]) -> Callable[[Any], StrEnum]:
    allowed = ", ".join(e.value for e in enum)

    def parse(value: Any) -> StrEnum:
        try:
            return enum(value)
        except ValueError:
            raise FieldError(f"unknown value {_show(value)}; expected one of: {allowed}") from None

    return parse


def optional(parse: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def parse_optional(value: Any) -> Any:
        return None if value is None else parse(value)

    if hasattr(parse, "vocabulary"):
        parse_optional.vocabulary = parse.vocabulary  # type: ignore[attr-defined]
    return parse_optional


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value) if not isinstance(value, dt.date) else value.isoformat()


def build_period(
    type: PeriodType, start: FlexDate | None = None, end: FlexDate | None = None, **basis: Any
) -> Period:
    """A ``Period`` from the dates as written: ``start: 2018`` is 1 January 2018 (year
    precision), ``end: 2025-03`` is 31 March 2025 (month precision). ``as_at`` needs only
    ``end``, and ``not_stated`` (a pledge whose span the source does not give) only ``end``,
    the date it was stated; ``year`` and ``financial_year`` may give only ``start``."""
    if type is PeriodType.NOT_STATED and start is not None:
        raise FieldError(
            "a `not_stated` period has no start: give only `end`, the date the amount was stated (with `end_basis`)"
        )
    if start is None and type in (PeriodType.AS_AT, PeriodType.NOT_STATED):
        start = end
    if end is None and start is not None:
        if type is PeriodType.YEAR:
            end = FlexDate(dt.date(start.first_day.year, 12, 31), DatePrecision.YEAR)
        elif type is PeriodType.FINANCIAL_YEAR:
            end = FlexDate(dt.date(start.first_day.year + 1, 3, 31), DatePrecision.MONTH)
    if start is None or end is None:
        missing = "end" if start is not None else "start"
        raise FieldError(
            f"missing required field period.{missing} (only `as_at` and `not_stated` may omit the start, only `year` and `financial_year` the end)"
        )
    if type is PeriodType.YEAR and (
        start.first_day.year != end.last_day.year
        or start.first_day.timetuple().tm_yday != 1
        or (end.last_day.month, end.last_day.day) != (12, 31)
    ):
        raise FieldError(
            f"a `year` period is one calendar year, 1 January to 31 December; got {start} to {end} (use `span` for part of a year)"
        )
    if type is PeriodType.FINANCIAL_YEAR and (
        (start.first_day.month, start.first_day.day) != (4, 1)
        or end.last_day != dt.date(start.first_day.year + 1, 3, 31)
    ):
        raise FieldError(
            f"a `financial_year` runs 1 April to 31 March of the next year; got {start} to {end}"
        )
    point = type in (PeriodType.AS_AT, PeriodType.NOT_STATED)  # one date: when it was said
    start_day = start.first_day if not point or start is not end else end.last_day
    return Period(
        start=start_day,
        end=end.last_day,
        type=type,
        start_basis=basis.get("start_basis"),
        end_basis=basis.get("end_basis"),
        start_precision=start.precision,
        end_precision=end.precision,
    )
