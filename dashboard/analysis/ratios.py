"""Derived figures: totals of figures that may be added (``sum_figures``) and funding per
person (``funding_ratios``): reported funding over a reported count of people of the same
programme and period, with the bounds the two statements honestly allow ("over £9,722").

A restatement, a part or a disputed figure is never divided; a pledge never makes a ratio.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from dashboard.analysis import fmt
from dashboard.analysis.claims import restated
from dashboard.analysis.quantity import NotAdditive, Quantity
from dashboard.analysis.selection import _ENGLISH
from dashboard.analysis.textcols import texts
from dashboard.curated.records import Dataset, Kind
from dashboard.words import Words


def quantity(row: Mapping) -> Quantity:
    return Quantity.of(
        row["value"], row["qualifier"], high=row.get("value_high"), wording=row.get("wording")
    )


def periods_overlap(a: pd.Series, b: pd.Series) -> bool:
    """Whether two periods share a day (dates are inclusive): ending 31 Dec 2020 and starting 1 Jan 2021 only touch."""
    return a["period_start"] <= b["period_end"] and b["period_start"] <= a["period_end"]


def sum_figures(rows: pd.DataFrame) -> Quantity:
    """The total of figures that may be added: same metric and unit, same kind, and no two
    periods overlapping (a cumulative total already contains its sub-periods)."""
    if rows.empty:
        raise NotAdditive("there is nothing to add")
    for column, what in [
        ("metric", "metrics"),
        ("unit", "units"),
        ("kind", "reported and committed figures"),
    ]:
        if rows[column].nunique() > 1:
            raise NotAdditive(f"cannot add different {what}")
    records = [row for _, row in rows.iterrows()]
    for i, a in enumerate(records):
        for b in records[i + 1 :]:
            if periods_overlap(a, b):
                raise NotAdditive(
                    f"{a['id']} and {b['id']} cover overlapping periods; adding them would count twice"
                )
    total = Quantity(0.0, 0.0, lo_closed=True)  # nothing yet: exactly zero
    for row in records:
        total = total + quantity(row)
    return total


@dataclass(frozen=True)
class Derived:
    """A ratio of two figures, with the bounds it can honestly claim."""

    label: str  # "Funding per victim identified"
    programme: str
    numerator: str  # figure ids
    denominator: str
    quantity: Quantity
    unit: str  # unit of the numerator, "per" the denominator's noun
    text: str  # "over £9,722 per victim identified" or "no bound either way: …"
    period_label: str
    programme_name: str
    numerator_text: str  # the two figures as the page shows them: "over £7m", "720"
    denominator_text: str


RATIO_COLUMNS = (
    "id",
    "metric",
    "unit",
    "value",
    "qualifier",
    "wording",
    "value_high",
    "kind",
    "value_label",
    "programme",
    "programme_name",
    "period_label",
)  # what derive_ratio reads


def derive_ratio(
    numerator: Mapping, denominator: Mapping, dataset: Dataset, words: Words | None = None
) -> Derived:
    """``numerator / denominator`` with bounds: over £7m / 720 is "over £9,722" (in the
    language of ``words``, English when None; names as ``dataset`` holds them)."""
    words = words or _ENGLISH
    for row in (
        pledge
        for pledge in (numerator, denominator)
        if pledge.get("kind", Kind.REPORTED.value) != Kind.REPORTED.value
    ):
        raise NotAdditive(
            f"{row['id']} is {row['kind']}, not reported; only reported figures make a funding-per-person ratio"
        )
    ratio = quantity(numerator) / quantity(denominator)
    unit = dataset.unit(numerator["unit"])
    per_metric = dataset.metric(denominator["metric"])
    per = per_metric.singular or per_metric.label.lower()
    ctx = "funding per person"
    label = words.text(
        "{funding} per {per}", ctx, funding=dataset.metric(numerator["metric"]).label, per=per
    )
    if ratio.bounded:
        text = words.text(
            "{funding} per {per}",
            ctx,
            funding=fmt.format_quantity(ratio, unit, words=words),
            per=per,
        )
    else:
        text = words.text(
            "no bound either way: {numerator} ÷ {denominator} could be any amount per {per}",
            ctx,
            numerator=numerator["value_label"],
            denominator=denominator["value_label"],
            per=per,
        )
    return Derived(
        label=label,
        programme=str(numerator["programme"]),
        numerator=str(numerator["id"]),
        denominator=str(denominator["id"]),
        quantity=ratio,
        unit=unit.id,
        text=text,
        period_label=str(numerator["period_label"]),
        programme_name=str(numerator["programme_name"]),
        numerator_text=str(numerator["value_label"]),
        denominator_text=str(denominator["value_label"]),
    )


def ratio_pairs(figures: pd.DataFrame) -> list[tuple[str, str]]:
    """``(numerator id, denominator id)`` for every reported figure of a metric the vocabulary
    marks ``ratio: numerator`` (funding) and reported figure of a ``ratio: denominator``
    metric (a count of people) of the same programme and the same period, in the frame's
    order. Only such pairs divide honestly: money for one period over people of another says
    nothing. A restatement (``same_as``) pairs as the figure it restates, once. A frame without ``ratio_role`` (older callers) keeps funding over people.
    (Plain lists and one dict: every view asks, and a merge of frames cost more than its rows.)"""

    def text(column: str) -> list:
        return texts(figures[column])

    copies = restated(figures)  # a restatement adds a source to its figure, never a ratio
    # A part (a slice of the money, a subgroup of the people) is not what its programme spent
    # or counted, and a figure two documents disagree on would be divided as if the
    # disagreement were settled: neither is divided (the cards and claims show them as such).
    disputed = (
        {t for t in text("disagrees_with") if t}
        | {i for i, t in zip(text("id"), text("disagrees_with")) if t}
        if "disagrees_with" in figures
        else set()
    )
    parts = {i for i, t in zip(text("id"), text("part_of")) if t} if "part_of" in figures else set()
    reported = [
        k == Kind.REPORTED.value and i not in copies and i not in disputed and i not in parts
        for k, i in zip(text("kind"), text("id"))
    ]
    roles = text("ratio_role") if "ratio_role" in figures else []
    if any(r is not None for r, keep in zip(roles, reported) if keep):
        is_money, is_people = [r == "numerator" for r in roles], [r == "denominator" for r in roles]
    else:
        is_money, is_people = (
            [m == "funding" for m in text("metric")],
            [u == "people" for u in text("unit")],
        )
    # the same programme and period; a missing part matches a missing part, as a frame merge
    # does (NaT is one integer, the smallest)
    periods = [
        figures[c].to_numpy(dtype="datetime64[s]").astype("int64").tolist()
        for c in ("period_start", "period_end")
    ]
    keys = list(zip(text("programme"), *periods))
    ids = figures["id"].tolist()
    people: dict[tuple, list[str]] = {}
    for i, key in enumerate(keys):
        if reported[i] and is_people[i]:
            people.setdefault(key, []).append(ids[i])
    return [
        (ids[i], person)
        for i, key in enumerate(keys)
        if reported[i] and is_money[i]
        for person in people.get(key, [])
    ]


def funding_ratios(
    figures: pd.DataFrame,
    dataset: Dataset,
    pairs: list[tuple[str, str]] | None = None,
    words: Words | None = None,
) -> list[Derived]:
    """Reported funding per person for each of ``pairs`` (by default every ``ratio_pairs``),
    in the language of ``words`` (English when None)."""
    pairs = ratio_pairs(figures) if pairs is None else pairs
    if not pairs:
        return []
    wanted = {i for pair in pairs for i in pair}  # only the paired rows, each as a plain dict
    rows = figures.loc[figures["id"].isin(wanted), list(RATIO_COLUMNS)]
    by_id = {row["id"]: row for row in rows.to_dict("records")}
    return [derive_ratio(by_id[m], by_id[p], dataset, words) for m, p in pairs]
