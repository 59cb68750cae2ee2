"""The kind of period a bar covers, so a panel holds one kind: a six-year total is never a bar
beside one year's figure, and a pledge whose span is not stated never sits on the axis of
totals over years (issue 23.3, 18.2.5).

- ``year``: one year or less (a calendar or financial year, a span of months);
- ``years``: more than a year (a total "from 2018 to the end of 2023", "since 2018");
- ``level``: a level at one date (``as_at``: "£200 million has been committed");
- ``not_stated``: the source does not say what span it covers ("£3 million pledged").
"""

from __future__ import annotations

import pandas as pd

from dashboard.curated.records import PeriodType
from dashboard.views.charts.texts import say
from dashboard.words import Words

ONE_YEAR, YEARS, LEVEL, NOT_STATED = "year", "years", "level", "not_stated"
MAX_YEAR_DAYS = 366  # a period this long or shorter is one year's: a leap year, a financial year
PERIOD_KIND_LABELS = {  # catalogue message ids (context "panel: kind of period")
    ONE_YEAR: "one year or less",
    YEARS: "totals over more than a year",
    LEVEL: "levels at a date",
    NOT_STATED: "span not stated",
}
CTX_PERIOD_KIND = "panel: kind of period"


def period_kind(period_type: str | None, start, end) -> str:
    """The kind of period of one figure (``ONE_YEAR``, ``YEARS``, ``LEVEL``, ``NOT_STATED``)."""
    if period_type == PeriodType.NOT_STATED.value:
        return NOT_STATED
    if period_type == PeriodType.AS_AT.value:
        return LEVEL
    if start is None or end is None or pd.isna(start) or pd.isna(end):
        return YEARS  # a period without both ends is never taken for one year's
    return ONE_YEAR if (pd.Timestamp(end) - pd.Timestamp(start)).days < MAX_YEAR_DAYS else YEARS


def period_kinds(rows) -> list[str]:
    """Each row's kind of period (a chart's ``Columns`` or a frame); rows without periods are one kind."""
    if "period_type" not in rows:
        return [YEARS] * len(rows)
    starts = rows["period_start"] if "period_start" in rows else [None] * len(rows)
    ends = rows["period_end"] if "period_end" in rows else [None] * len(rows)
    return [period_kind(t, s, e) for t, s, e in zip(rows["period_type"], starts, ends)]


def period_kind_label(kind: str, words: Words) -> str:
    """``one year or less`` / ``một năm trở xuống``: a panel title's words for its kind of period."""
    return say(PERIOD_KIND_LABELS[kind], words, CTX_PERIOD_KIND)
