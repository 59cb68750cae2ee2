"""A date axis at its dates' precision, for a chart whose points are dates of documents.

Ticks are never finer than the most precise date (a day at most: never hours; months when
every date is a month), each written at the step's precision ("2 Apr 2025", "Apr 2025",
"2025") in the formatter's language, and the range holds every date's whole span: a date
known to a month is drawn across it. The claims chart uses it for its publication dates.
"""

from __future__ import annotations

import datetime as dt

from dashboard.curated.records import DatePrecision, FlexDate


# Tick steps a date axis may take: (months, days); a step finer than the data's dates is never used
TICK_STEPS = [
    (0, 1),
    (0, 2),
    (0, 7),
    (0, 14),
    (1, 0),
    (3, 0),
    (6, 0),
    (12, 0),
    (24, 0),
    (60, 0),
    (120, 0),
]
FINEST_STEP = {
    DatePrecision.DAY: (0, 1),
    DatePrecision.MONTH: (1, 0),
    DatePrecision.QUARTER: (3, 0),
    DatePrecision.SEASON: (3, 0),
    DatePrecision.YEAR: (12, 0),
}
MAX_TICKS = 6


def date_axis(dates: list[FlexDate], formatter) -> dict:
    """The date axis of ``dates`` at their precision: ticks never finer than the most precise
    date (a day at most: never hours; months when every date is a month), each tick written at
    the step's precision ("2 Apr 2025", "Apr 2025", "2025") in the formatter's language, and a
    range that holds every date's whole span."""
    if not dates:
        return {}
    finest = min((FINEST_STEP[d.precision] for d in dates), key=lambda step: step[0] * 31 + step[1])
    lo = min(d.first_day for d in dates)
    hi = max(d.last_day for d in dates) + dt.timedelta(days=1)
    pad = max(
        (hi - lo) / 8, dt.timedelta(days=1 if finest == (0, 1) else 15)
    )  # room for a label centred on the first or last point
    lo, hi = lo - pad, hi + pad
    steps = [s for s in TICK_STEPS if s[0] * 31 + s[1] >= finest[0] * 31 + finest[1]]
    for step in steps:
        ticks = _ticks(lo, hi, step)
        if len(ticks) <= MAX_TICKS:
            break
    precision = (
        DatePrecision.DAY
        if step[0] == 0
        else DatePrecision.YEAR
        if step[0] % 12 == 0
        else DatePrecision.MONTH
    )
    return {
        "range": [lo, hi],
        "tickmode": "array",
        "tickvals": ticks,
        "ticktext": [formatter.flex_date(FlexDate(t, precision)) for t in ticks],
    }


def _ticks(lo: dt.date, hi: dt.date, step: tuple[int, int]) -> list[dt.date]:
    months, days = step
    if days:
        first = lo + dt.timedelta(days=(-lo.toordinal()) % days) if days > 1 else lo
        return [first + dt.timedelta(days=days * n) for n in range((hi - first).days // days + 1)]
    index = lo.year * 12 + lo.month - 1 + (lo.day > 1)  # the first month's start at or after lo
    index += (-index) % months  # on the step's boundaries: January for years, quarters from January
    found = []
    while True:
        day = dt.date(index // 12, index % 12 + 1, 1)
        if day > hi:
            return found
        found.append(day)
        index += months
