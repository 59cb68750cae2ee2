"""Checks of the kinds of value (``dashboard.curated.kinds``): what a unit of each kind needs,
and what a figure in such a unit must say so that it reads as its document says it.

Each problem names the file and line of the field to change and what to write instead:
a percentage change says which way it went, a share is at most 100, a rank is a whole
position from 1 (the largest) and never a bar, and the words that belong to one kind
(``change``, ``compared_with``) are not written on another.
"""

from __future__ import annotations

from dashboard.curated.problems import Problem
from dashboard.curated.records import Dataset, Figure, Metric, Qualifier, Unit, UnitKind, where

_COMPARED = (UnitKind.PERCENT_CHANGE, UnitKind.MULTIPLE)  # the kinds that are relative to a base


def kind_problems(dataset: Dataset) -> list[Problem]:
    """Every unit, metric and figure that does not fit its unit's kind."""
    problems = [p for unit in dataset.units for p in _unit_problems(unit)]
    units = {u.id: u for u in dataset.units}
    for metric in dataset.metrics:
        unit = units.get(metric.unit)
        if unit is not None:
            problems += _metric_problems(metric, unit)
    for figure in dataset.figures:
        unit = units.get(figure.unit)
        if unit is not None:
            problems += _figure_problems(figure, unit)
    return problems


def _problem(record, field: str, message: str, code: str = "unit-kind") -> Problem:
    return Problem(where(record, field), field, message, code)


def _unit_problems(unit: Unit) -> list[Problem]:
    kind = unit.kind
    if kind is None:
        return []
    if kind is UnitKind.MONEY and not unit.prefix:
        return [
            _problem(unit, "prefix", 'a `money` unit needs its currency sign: add `prefix: "£"`')
        ]
    if kind is not UnitKind.MONEY and unit.prefix:
        return [
            _problem(
                unit,
                "prefix",
                f"only a `money` unit has a currency sign; remove `prefix` or set `kind: money` (this unit is `{kind}`)",
            )
        ]
    if kind is UnitKind.COUNT and not unit.noun:
        return [
            _problem(
                unit,
                "noun",
                "a `count` unit needs the noun its values are read with: add `noun: flights` (and `singular: flight`)",
            )
        ]
    return []


def _metric_problems(metric: Metric, unit: Unit) -> list[Problem]:
    if unit.value_kind is UnitKind.RANK and metric.chart != "none":
        return [
            _problem(
                metric,
                "chart",
                f"{metric.id} is a rank ({unit.id}): a bar's length would say the 10th is more than the 1st; "
                "set `chart: none` (ranks are shown in cards, the table and exports)",
            )
        ]
    if not unit.is_amount and metric.ratio:
        return [
            _problem(
                metric,
                "ratio",
                f"{metric.id} is a {unit.value_kind.replace('_', ' ')}, not an amount: it cannot be a side of funding per person; remove `ratio`",
            )
        ]
    return []


def _figure_problems(figure: Figure, unit: Unit) -> list[Problem]:
    kind = unit.value_kind
    problems = []
    bounds = [("value", figure.value)] + (
        [("value_high", figure.value_high)] if figure.value_high is not None else []
    )
    if kind is UnitKind.PERCENT_CHANGE and figure.change is None:
        problems.append(
            _problem(
                figure,
                "unit",
                'a percentage change says which way it went: add `change: fall` ("cut by 75%") or `change: rise`',
                "change-missing",
            )
        )
    if kind is not UnitKind.PERCENT_CHANGE and figure.change is not None:
        problems.append(
            _problem(
                figure,
                "change",
                f"only a percentage change has a direction; {figure.unit} is a {kind.replace('_', ' ')}: remove `change`",
            )
        )
    if kind not in _COMPARED and figure.compared_with is not None:
        problems.append(
            _problem(
                figure,
                "compared_with",
                f"only a percentage change or a multiple is compared with a base; {figure.unit} is a {kind.replace('_', ' ')}: remove `compared_with`",
            )
        )
    if kind is UnitKind.PERCENT_SHARE:
        problems += [
            _problem(
                figure,
                name,
                f"{value} is over 100: a share is a part of its whole (for a rise of more than 100% use a `percent_change` unit)",
            )
            for name, value in bounds
            if value > 100
        ]
    if kind is UnitKind.RANK:
        problems += [
            _problem(
                figure,
                name,
                f'{value} is not a position: a rank is a whole number from 1 (the largest): "the fourth largest" is 4',
            )
            for name, value in bounds
            if value < 1 or value != int(value)
        ]
        if figure.qualifier is Qualifier.APPROX:
            problems.append(
                _problem(
                    figure,
                    "qualifier",
                    'a rank is a position, never approximate: "top 10" and "one of the two largest" are `at_most` (10, 2); "between 3rd and 5th" is a `range`',
                )
            )
    if kind is UnitKind.MULTIPLE and figure.value == 0:
        problems.append(
            _problem(
                figure, "value", "0 times as many is none: record the count itself, in a count unit"
            )
        )
    return problems
