"""Checks of ``context_statistics`` records against the rest of the data.

A context statistic (small-boat arrivals, asylum grants, a national rank) belongs to no
programme, so it names no programme, metric or scope: only its unit, its period, the
document that cites it and, when that document says so, who counted it and in which
official table. These checks give each problem its file:line like every other record's.
"""

from __future__ import annotations

import re

from dashboard.curated.problems import Problem
from dashboard.curated.context_records import ContextStatistic
from dashboard.curated.records import Dataset, where

# What a curator writes for "the source does not say": the field is then left out, and the
# views say it themselves ("who counted: not stated in the source"), never "counted by Unknown".
_NOT_STATED = re.compile(
    r"^\s*(not\s+(stated|given|said|known)|unknown|unstated|none|n/?a|-+)\b", re.I
)


def says_nobody(text: str | None) -> bool:
    """Whether a ``counted_by`` reads as "the source does not say" rather than naming a counter."""
    return bool(text) and bool(_NOT_STATED.match(text))


def context_problems(dataset: Dataset) -> list[Problem]:
    """Unknown units, periods out of order, and a ``counted_by`` that names nobody, for every
    context statistic, metric and figure (a context statistic's quotes, sources, ranges and
    duplicate ids are checked with the figures')."""
    units = {u.id for u in dataset.units}
    figure_ids = {f.id for f in dataset.figures}
    problems: list[Problem] = []

    def add(record: ContextStatistic, field: str, message: str, code: str) -> None:
        problems.append(Problem(where(record, field), field, message, code))

    for stat in dataset.context_statistics:
        if stat.unit not in units:
            add(
                stat,
                "unit",
                f"unknown unit {stat.unit!r}; define it under `units:` or use one of: {', '.join(sorted(units)) or '(none defined)'}",
                "unknown-unit",
            )
        if stat.period.end < stat.period.start:
            add(
                stat,
                "period.end",
                f"{stat.period.end} is before the start {stat.period.start}",
                "period-order",
            )
        if says_nobody(stat.counted_by):
            add(
                stat,
                "counted_by",
                f"{stat.counted_by!r} names nobody; leave `counted_by` out when the source does not say who counted (the dashboard then says so)",
                "counted-by-not-stated",
            )
        if stat.id in figure_ids:
            add(
                stat,
                "id",
                f"{stat.id!r} is also a figure's id; give the context statistic an id of its own",
                "duplicate-id",
            )
    for record in (*dataset.metrics, *dataset.figures):  # a figure's own counter as a metric's
        if says_nobody(record.counted_by):
            problems.append(
                Problem(
                    where(record, "counted_by"),
                    "counted_by",
                    f"{record.counted_by!r} names nobody; leave `counted_by` out when the source does not say who counted",
                    "counted-by-not-stated",
                )
            )
    return problems
