"""Dates as precise as a document gives them: a day, a month, a quarter, a season or a year.

``FlexDate`` keeps what was printed ("2025-04" is April 2025, not 1 April) with its first and
last day, and writes it back at the same precision (``2025-04``, ``Apr 2025``); every record
with a date (a figure's period, a pledge, an event, a source) holds one.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"  # 2018-Q3: July to September
    SEASON = "season"  # 2018-autumn: September to November (spring Mar–May, summer Jun–Aug, winter Dec–Feb)
    YEAR = "year"


SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}  # first month of each season


def day_label(
    day: dt.date,
) -> str:  # "31 Mar 2025": a whole day, as every label, footer and slide writes it
    return f"{day.day} {day.strftime('%b %Y')}"


@dataclass(frozen=True, order=True)
class FlexDate:
    """A date known to a day, a month or only a year (``2025-03-31``, ``2025-04``, ``2018``)."""

    first_day: dt.date
    precision: DatePrecision = DatePrecision.DAY

    @property
    def last_day(self) -> dt.date:
        d = self.first_day
        if self.precision is DatePrecision.YEAR:
            return dt.date(d.year, 12, 31)
        if self.precision is DatePrecision.MONTH:
            return dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
        if self.precision in (DatePrecision.QUARTER, DatePrecision.SEASON):
            year, month = (d.year, d.month + 2) if d.month <= 10 else (d.year + 1, d.month - 10)
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        return d

    def __str__(self) -> str:
        d = self.first_day
        if self.precision is DatePrecision.YEAR:
            return f"{d.year}"
        if self.precision is DatePrecision.MONTH:
            return f"{d.year}-{d.month:02d}"
        if self.precision is DatePrecision.QUARTER:
            return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
        if self.precision is DatePrecision.SEASON:
            return f"{d.year}-{self._season()}"
        return d.isoformat()

    def _season(self) -> str:
        return next(name for name, month in SEASONS.items() if month == self.first_day.month)

    def label(self) -> str:
        """Human wording: ``31 Mar 2025``, ``Apr 2025``, ``Q3 2018``, ``autumn 2018``, ``2018``."""
        d = self.first_day
        if self.precision is DatePrecision.YEAR:
            return f"{d.year}"
        if self.precision is DatePrecision.MONTH:
            return d.strftime("%b %Y")
        if self.precision is DatePrecision.QUARTER:
            return f"Q{(d.month - 1) // 3 + 1} {d.year}"
        if self.precision is DatePrecision.SEASON:
            return f"{self._season()} {d.year}" + (
                f"–{str(d.year + 1)[2:]}" if d.month == 12 else ""
            )
        return day_label(d)
