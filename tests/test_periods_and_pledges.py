"""Two mutations that used to survive the tests (issue 18, part 2 point 11): periods that only
touch are not overlapping, and a pledge never makes a funding-per-person ratio.

A period's dates are inclusive: ``end`` is the last day covered and ``start`` the first (see
data/README.md). Periods that meet without sharing a day (one ends 31 December 2020, the other
starts 1 January 2021) do not overlap, so their figures may be added and a year view of one
leaves the other out; periods sharing a day (one ends on the day the other starts) both
cover that day and so overlap."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.analysis.frame import (
    Filters,
    NotAdditive,
    apply_filters,
    derive_ratio,
    figures_frame,
    filter_by_years,
    funding_ratios,
    ratio_pairs,
    sum_figures,
)
from dashboard.curated.validate import load_valid

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def rows(tmp_path_factory):
    """The sample with the made-up document 910: a pledge ("aims to reach up to 5,000 people")
    in the same programme and year as reported funding and people reached."""
    root = tmp_path_factory.mktemp("periods")
    for folder in ("data", "seeds"):
        shutil.copytree(FIXTURES / "sample" / folder, root / folder)
        for path in (FIXTURES / "extra_documents" / folder).glob("910_*"):
            shutil.copy(path, root / folder / path.name)
    dataset = load_valid(root / "data", root / "seeds")
    return dataset, figures_frame(dataset)


def two(frame: pd.DataFrame, first: tuple[str, str], second: tuple[str, str]) -> pd.DataFrame:
    """Two copies of one exact reported figure over the periods ``first`` and ``second``."""
    base = frame[frame["qualifier"] == "exact"].iloc[0]
    out = []
    for name, (start, end) in (("first", first), ("second", second)):
        row = base.copy()
        row["id"], row["period_start"], row["period_end"] = (
            name,
            pd.Timestamp(start),
            pd.Timestamp(end),
        )
        out.append(row)
    return pd.DataFrame(out).reset_index(drop=True)


def test_periods_that_meet_at_a_year_end_are_added_without_counting_twice(rows):
    _, frame = rows
    total = sum_figures(two(frame, ("2018-01-01", "2020-12-31"), ("2021-01-01", "2021-12-31")))
    assert total.lo == total.hi == 2 * frame[frame["qualifier"] == "exact"].iloc[0]["value"]


def test_periods_that_meet_in_a_month_are_added_too(rows):
    _, frame = rows
    sum_figures(two(frame, ("2019-01-01", "2021-11-30"), ("2021-12-01", "2022-12-31")))


def test_periods_sharing_one_day_overlap_and_are_never_added(rows):
    _, frame = rows
    with pytest.raises(NotAdditive, match="overlapping periods"):
        sum_figures(two(frame, ("2018-01-01", "2020-12-31"), ("2020-12-31", "2021-12-31")))


def test_a_period_ending_on_new_years_eve_is_not_in_the_next_years_view_and_one_starting_on_new_years_day_not_in_the_last(
    rows,
):
    _, frame = rows
    touching = two(frame, ("2018-01-01", "2020-12-31"), ("2021-01-01", "2021-12-31"))
    assert list(filter_by_years(touching, 2021, 2021)["id"]) == ["second"]
    assert list(filter_by_years(touching, 2020, 2020)["id"]) == ["first"]


def test_the_made_up_documents_touching_periods_are_separate_years_in_the_view(rows):
    _, frame = rows
    in_2022 = set(apply_filters(frame, Filters(2022, 2022))["id"])
    assert "example-bounds-funding-2022" in in_2022
    assert "example-bounds-funding-2019-2021" not in in_2022  # ends 31 December 2021


def test_a_pledge_is_never_the_denominator_of_a_funding_per_person_ratio(rows):
    _, frame = rows
    pledges = set(frame.loc[frame["kind"] == "committed", "id"])
    assert "example-bounds-reach-aim-2022" in pledges  # same programme and year as reported funding
    pairs = ratio_pairs(frame)
    assert ("example-bounds-funding-2022", "example-bounds-reached-2022") in pairs
    assert not [pair for pair in pairs if set(pair) & pledges]


def test_a_pledge_is_never_the_numerator_either(rows):
    _, frame = rows
    pledged = frame[frame["id"] == "example-bounds-funding-2022"].assign(
        kind="committed", id="pledged-funding-2022"
    )
    pairs = ratio_pairs(pd.concat([frame, pledged], ignore_index=True))
    assert not [pair for pair in pairs if "pledged-funding-2022" in pair]


def test_dividing_a_pledge_by_people_is_refused_not_computed(rows):
    dataset, frame = rows
    by_id = frame.set_index("id", drop=False)
    with pytest.raises(NotAdditive, match="committed, not reported"):
        derive_ratio(
            by_id.loc["example-bounds-funding-2022"],
            by_id.loc["example-bounds-reach-aim-2022"],
            dataset,
        )
    with pytest.raises(NotAdditive, match="committed, not reported"):
        funding_ratios(
            frame, dataset, pairs=[("example-bounds-funding-2022", "example-bounds-reach-aim-2022")]
        )
