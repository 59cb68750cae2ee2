"""Derived numbers keep the bounds of the figures they come from, and figures are only
added up when adding them cannot count anything twice."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.analysis.frame import (
    derive_ratio,
    figures_frame,
    funding_ratios,
    ratio_pairs,
    sum_figures,
)
from dashboard.analysis.quantity import NotAdditive, Quantity
from dashboard.curated.records import Qualifier


@pytest.fixture(scope="module")
def rows(dataset):
    return figures_frame(dataset).set_index("id", drop=False)


def test_over_7m_divided_by_exactly_720_is_over_9722_per_victim(rows, dataset):
    derived = derive_ratio(
        rows.loc["msf-ruritania-funding-since-2018"],
        rows.loc["msf-ruritania-victims-identified"],
        dataset,
    )
    assert derived.text == "over £9,722 per victim identified"
    assert derived.quantity.qualifier is Qualifier.AT_LEAST
    assert derived.quantity.lo == pytest.approx(7_000_000 / 720)
    assert derived.label == "Funding per victim identified"


def test_a_ratio_of_two_lower_bounds_has_no_bound_and_says_so_never_one_pound(rows, dataset):
    derived = derive_ratio(
        rows.loc["msf-ruritania-funding-since-2018"],
        rows.loc["msf-ruritania-people-reached"],
        dataset,
    )
    assert derived.quantity.qualifier is None
    assert (derived.quantity.lo, derived.quantity.hi) == (0.0, math.inf)
    assert derived.text.startswith("no bound either way")
    assert "£1 " not in derived.text and not derived.text.endswith("£1")


def test_up_to_1m_divided_by_720_is_up_to_1389(rows, dataset):
    spent = rows.loc["joint-action-plan-funding-2025"].copy()
    spent["kind"] = "reported"  # "up to £1m" as if spent: a pledge never makes a ratio
    derived = derive_ratio(spent, rows.loc["msf-ruritania-victims-identified"], dataset)
    assert derived.text == "up to £1,389 per victim identified"


def test_funding_ratios_pair_reported_funding_with_people_of_the_same_programme_and_period(
    rows, dataset
):
    texts = [d.text for d in funding_ratios(rows.reset_index(drop=True), dataset)]
    assert texts == [
        "over £9,722 per victim identified",
        "no bound either way: over £7m ÷ over 7 million could be any amount per person reached",
        "over £3,615 per aspiring migrant educated",
    ]


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (
            Quantity.of(7e6, "at_least"),
            Quantity.of(720, "exact"),
            (7e6 / 720, math.inf, Qualifier.AT_LEAST),
        ),
        (
            Quantity.of(1e6, "at_most"),
            Quantity.of(720, "exact"),
            (0.0, 1e6 / 720, Qualifier.AT_MOST),
        ),
        (Quantity.of(7e6, "at_least"), Quantity.of(7e6, "at_least"), (0.0, math.inf, None)),
        (Quantity.of(1e6, "exact"), Quantity.of(40, "at_least"), (0.0, 25_000, Qualifier.AT_MOST)),
        (Quantity.of(1e6, "at_most"), Quantity.of(40, "at_most"), (0.0, math.inf, None)),
    ],
)
def test_dividing_intervals_gives_the_bounds_the_ratio_can_claim(a, b, expected):
    lo, hi, qualifier = expected
    ratio = a / b
    assert ratio.lo == pytest.approx(lo)
    assert ratio.hi == pytest.approx(hi)
    assert ratio.qualifier is qualifier


def test_an_approximate_figure_keeps_the_result_approximate():
    ratio = Quantity.of(1e6, "approx") / Quantity.of(720, "exact")
    assert ratio.qualifier is Qualifier.APPROX


def frame_of(rows: pd.DataFrame, *specs: dict) -> pd.DataFrame:
    """Rows copied from a sample figure with some fields changed."""
    base = rows.loc["msf-ruritania-funding-since-2018"]
    out = []
    for spec in specs:
        row = base.copy()
        for key, value in spec.items():
            row[key] = pd.Timestamp(value) if key.startswith("period_") else value
        out.append(row)
    return pd.DataFrame(out).reset_index(drop=True)


def test_exact_figures_over_separate_periods_add_up(rows):
    frame = frame_of(
        rows,
        {
            "id": "y2023",
            "value": 3_000_000.0,
            "qualifier": "exact",
            "period_start": "2023-01-01",
            "period_end": "2023-12-31",
        },
        {
            "id": "y2024",
            "value": 4_000_000.0,
            "qualifier": "exact",
            "period_start": "2024-01-01",
            "period_end": "2024-12-31",
        },
    )
    total = sum_figures(frame)
    assert (total.lo, total.hi, total.qualifier) == (7_000_000, 7_000_000, Qualifier.EXACT)


def test_a_lower_bound_in_a_sum_makes_the_total_a_lower_bound(rows):
    frame = frame_of(
        rows,
        {
            "id": "y2023",
            "value": 3_000_000.0,
            "qualifier": "exact",
            "period_start": "2023-01-01",
            "period_end": "2023-12-31",
        },
        {
            "id": "y2024",
            "value": 4_000_000.0,
            "qualifier": "at_least",
            "period_start": "2024-01-01",
            "period_end": "2024-12-31",
        },
    )
    assert sum_figures(frame).qualifier is Qualifier.AT_LEAST


def test_figures_with_overlapping_periods_are_never_summed(rows):
    frame = frame_of(
        rows,
        {"id": "since-2018", "period_start": "2018-01-01", "period_end": "2025-03-31"},
        {
            "id": "in-2024",
            "qualifier": "exact",
            "period_start": "2024-01-01",
            "period_end": "2024-12-31",
        },
    )
    with pytest.raises(NotAdditive, match="since-2018 and in-2024 cover overlapping periods"):
        sum_figures(frame)


def test_reported_and_committed_figures_are_never_summed(rows):
    frame = rows.loc[["msf-ruritania-funding-since-2018", "joint-action-plan-funding-2025"]]
    with pytest.raises(NotAdditive, match="reported and committed"):
        sum_figures(frame)


def test_different_metrics_are_never_summed(rows):
    frame = rows.loc[["msf-ruritania-victims-identified", "uk-returns-since-general-election"]]
    with pytest.raises(NotAdditive, match="different metrics"):
        sum_figures(frame)


def test_nothing_to_add_is_an_error_not_zero(rows):
    with pytest.raises(NotAdditive):
        sum_figures(rows.iloc[0:0])


def test_only_reported_figures_of_the_same_programme_and_period_are_paired(rows, dataset):
    frame = rows.reset_index(drop=True)
    pairs = ratio_pairs(frame)
    assert pairs == [
        ("msf-ruritania-funding-since-2018", "msf-ruritania-victims-identified"),
        ("msf-ruritania-funding-since-2018", "msf-ruritania-people-reached"),
        ("msf-ruritania-funding-since-2018", "msf-ruritania-migrants-educated"),
    ]
    shifted = frame.copy()
    shifted.loc[shifted["id"] == "msf-ruritania-victims-identified", "period_end"] = pd.Timestamp(
        "2024-12-31"
    )
    assert (
        "msf-ruritania-funding-since-2018",
        "msf-ruritania-victims-identified",
    ) not in ratio_pairs(shifted)
    pledged = frame.copy()
    pledged.loc[pledged["id"] == "msf-ruritania-funding-since-2018", "kind"] = "committed"
    assert ratio_pairs(pledged) == []
