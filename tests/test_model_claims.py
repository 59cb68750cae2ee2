"""The claims model from the fictional dataset in tests/fixtures/claims/: figures keep the
bounds, dates and scope the documents state, and the analysis functions the views call
show each quantity once, its history and disagreements beside it, never summed or averaged."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard.analysis.claims import (
    claim_history,
    conflicts,
    event_markers,
    leading_claims,
    part_of_tree,
    same_groups,
)
from dashboard.analysis.frame import (
    FIGURE_COLUMNS,
    Filters,
    apply_event_filters,
    apply_filters,
    card_metrics,
    events_frame,
    figures_frame,
    ratio_pairs,
)
from dashboard.analysis.quantity import Quantity
from dashboard.curated.load import load_dataset
from dashboard.curated.records import Qualifier
from dashboard.curated.validate import load_valid

CLAIMS = Path(__file__).parent / "fixtures" / "claims"
DATA_README = Path(__file__).parent.parent / "data" / "README.md"


@pytest.fixture(scope="module")
def claims():
    return load_valid(CLAIMS / "data", CLAIMS / "seeds")


@pytest.fixture(scope="module")
def figures(claims):
    return figures_frame(claims).set_index("id", drop=False)


@pytest.fixture(scope="module")
def events(claims):
    return events_frame(claims)


def test_the_first_eleven_columns_stay_as_they_were_and_period_dates_stay_dates(figures):
    assert FIGURE_COLUMNS[:11] == [
        "id",
        "programme",
        "metric",
        "value",
        "unit",
        "qualifier",
        "kind",
        "period_start",
        "period_end",
        "source",
        "quote",
    ]
    assert str(figures["period_start"].dtype).startswith("datetime64")


def test_a_range_keeps_both_bounds_and_reads_between_them(figures):
    reach = figures.loc["campaign-reach"]
    assert (reach["value_low"], reach["value_high"]) == (10000, 13000)
    assert reach["value_label"] == "between 10,000 and 13,000"
    assert (
        Quantity.of(reach["value"], reach["qualifier"], reach["value_high"]).qualifier
        is Qualifier.RANGE
    )


def test_an_open_bound_has_no_high_value_rather_than_infinity(figures):
    over = figures.loc["fund-spending-2019"]
    assert over["value_low"] == 7_000_000 and math.isnan(over["value_high"])


def test_an_amount_as_at_a_month_is_never_shown_as_a_made_up_day(figures):
    row = figures.loc["global-aid-committed"]
    assert (row["period_type"], row["period_label"], row["period_end_precision"]) == (
        "as_at",
        "as at Nov 2018",
        "month",
    )


def test_one_calendar_year_reads_as_that_year_not_as_a_span(figures):
    row = figures.loc["victims-2017"]
    assert row["period_label"] == "2017"
    assert (row["period_start"], row["period_end"]) == (
        pd.Timestamp(2017, 1, 1),
        pd.Timestamp(2017, 12, 31),
    )


def test_a_financial_year_reads_as_one_and_runs_april_to_march(figures):
    row = figures.loc["spending-fy-2018"]
    assert row["period_label"] == "2018/19 financial year"
    assert (row["period_start"], row["period_end"]) == (
        pd.Timestamp(2018, 4, 1),
        pd.Timestamp(2019, 3, 31),
    )


def test_a_pledge_records_when_it_was_made_apart_from_the_years_it_funds(figures):
    row = figures.loc["pledge-2020-2022"]
    assert (row["committed_on"], row["committed_on_precision"]) == ("2019-03-02", "day")
    assert row["period_label"] == "2020 – 2022, commitment"
    assert (row["period_start_precision"], row["period_end_precision"]) == ("year", "year")


def test_every_figure_carries_its_programmes_scope_and_an_unscoped_one_says_so(figures):
    assert figures.loc["global-aid-committed", "scope_label"] == "UK worldwide"
    assert figures.loc["campaign-reach", "scope_label"] == "Scope not stated"
    assert figures["scope_label"].notna().all()


def test_the_scope_filter_keeps_only_figures_and_events_of_the_chosen_scopes(figures, events):
    kept = apply_filters(
        figures.reset_index(drop=True), Filters(2010, 2030, scope=("uk_worldwide",))
    )
    assert list(kept["id"]) == [
        "global-aid-committed",
        "global-aid-restated",
    ]  # the worldwide total and its restatement
    assert set(
        apply_filters(figures.reset_index(drop=True), Filters(2010, 2030, scope=("not_stated",)))[
            "id"
        ]
    ) == {"campaign-reach"}
    assert apply_event_filters(events, Filters(2010, 2030, scope=("uk_worldwide",))).empty


def test_a_chosen_scope_is_named_in_the_view_description(claims):
    assert Filters(2018, 2019, scope=("uk_worldwide",)).describe(claims).endswith("· UK worldwide")
    assert "UK worldwide" not in Filters(2018, 2019).describe(claims)


def test_the_history_of_a_quantity_leads_with_the_latest_statement(figures):
    history = claim_history(figures.reset_index(drop=True), "fund-spending-2018")
    assert list(zip(history["id"], history["claim_role"])) == [
        ("fund-spending-2019", "latest"),
        ("fund-spending-2018", "earlier"),
    ]


def test_two_documents_that_disagree_are_both_kept_beside_each_other(figures):
    history = claim_history(figures.reset_index(drop=True), "victims-2017")
    assert list(zip(history["id"], history["claim_role"])) == [
        ("victims-2017-restated", "latest"),
        ("victims-2017", "disagrees"),
    ]
    assert set(history["value"]) == {738, 740}  # never averaged to 739
    assert [(c.claim, c.other, c.resolution) for c in conflicts(figures)] == [
        ("victims-2017-restated", "victims-2017", None)
    ]


def test_a_chart_of_leading_claims_draws_an_updated_quantity_once_and_both_sides_of_a_disagreement(
    figures,
):
    lead = leading_claims(figures.reset_index(drop=True)).set_index("id")
    assert "fund-spending-2018" not in lead.index
    assert lead.loc["fund-spending-2019", "other_ids"] == "fund-spending-2018"
    assert {"victims-2017", "victims-2017-restated"} <= set(lead.index)


def test_a_share_sits_under_its_whole_and_is_never_a_separate_pot(figures):
    trees = {node.id: node for node in part_of_tree(figures.reset_index(drop=True))}
    assert [child.id for child in trees["global-aid-committed"].children] == [
        "example-fund-programme"
    ]
    assert "example-fund-programme" not in trees
    assert figures.loc["example-fund-programme", "relation"] == "part_of"
    assert figures.loc["example-fund-programme", "related_ids"] == "global-aid-committed"


def test_the_same_event_from_two_documents_is_one_marker_naming_both_sources(events):
    markers = event_markers(events)
    signing = markers[markers["same_group"] == "memorandum-signed"]
    assert len(signing) == 1
    assert signing.iloc[0]["date_label"] == "21 Nov 2018"  # the most precise statement leads
    assert (
        signing.iloc[0]["group_sources"]
        == "101_fictional_ministry_2018.txt · 102_fictional_update_2019.txt"
    )


def test_a_same_figure_group_lists_every_statement(claims):
    frame = figures_frame(claims)
    frame.loc[frame["id"] == "victims-2017-restated", "same_group"] = (
        "victims-2017"  # as if declared same_as
    )
    assert same_groups(frame) == {
        "victims-2017": ["victims-2017", "victims-2017-restated"],
        "global-aid-committed": [
            "global-aid-committed",
            "global-aid-restated",
        ],  # declared same_as in the fixture
    }


def test_event_types_come_from_the_vocabulary_with_their_labels_and_seasons_keep_their_precision(
    events,
):
    visit = events.set_index("id").loc["ministerial-visit"]
    assert (visit["type"], visit["type_label"], visit["type_symbol"]) == (
        "visit",
        "Visit",
        "triangle-down",
    )
    assert (visit["date_precision"], visit["date_label"]) == ("season", "autumn 2019")
    assert (visit["date"], visit["date_end"]) == (
        pd.Timestamp(2019, 9, 1),
        pd.Timestamp(2019, 11, 30),
    )


def test_a_chosen_metric_gets_its_card_and_without_a_choice_the_vocabulary_headlines_do(claims):
    assert card_metrics(claims, Filters(2018, 2019, metrics=("people_reached",))) == (
        "people_reached",
    )
    assert card_metrics(claims, Filters(2018, 2019)) == ("funding", "victims_identified")


def test_ratios_pair_the_vocabularys_numerator_and_denominator_metrics_only(figures):
    frame = figures.reset_index(drop=True).copy()
    both = frame["id"].isin(["fund-spending-2019", "victims-2017-restated", "campaign-reach"])
    frame.loc[both, ["programme", "period_start", "period_end", "kind"]] = [
        "p",
        pd.Timestamp(2016, 1, 1),
        pd.Timestamp(2019, 6, 30),
        "reported",
    ]
    frame.loc[both, ["part_of", "disagrees_with"]] = (
        None  # a part or a disputed figure is never divided (test_relations_shown)
    )
    # people_reached has no ratio role in the fixture vocabulary, so the campaign is not paired
    assert ratio_pairs(frame) == [("fund-spending-2019", "victims-2017-restated")]


def test_the_data_readme_fixture_examples_are_copies_of_the_fixture_records(claims, tmp_path):
    blocks = re.findall(
        r"```yaml fixture\n(.*?)```", DATA_README.read_text(encoding="utf-8"), flags=re.S
    )
    assert blocks
    for number, block in enumerate(blocks):
        (tmp_path / f"example_{number}.yaml").write_text(block, encoding="utf-8")
    examples, problems = load_dataset(tmp_path)
    assert [str(p) for p in problems] == []
    for section in [
        "scopes",
        "event_types",
        "metrics",
        "sources",
        "figures",
        "events",
        "context_statistics",
    ]:
        records = getattr(examples, section)
        assert records, f"no {section} example"
        for record in records:
            assert record in getattr(claims, section), f"{section} example differs from the fixture"


def test_data_written_before_the_claims_model_loads_unchanged_and_says_what_it_does_not_state(
    seeds_dir,
):
    legacy = load_valid(Path(__file__).parent / "bad_inputs" / "ok_minimal", seeds_dir)
    row = figures_frame(legacy).iloc[0]
    assert (row["scope"], row["scope_label"]) == ("not_stated", "Scope not stated")
    assert (row["relation"] is pd.NA or pd.isna(row["relation"])) and row["quantity_group"] == row[
        "id"
    ]
    assert card_metrics(legacy) == (
        "funding",
    )  # the headline metrics it was written for, where defined
    assert [t.id for t in legacy.known_event_types] == [
        "dialogue",
        "agreement",
        "summit",
        "campaign",
        "ministerial_call",
    ]


def test_the_claims_view_offers_every_quantity_labelled_by_its_latest_statement_most_stated_first(
    figures,
):
    from dashboard.analysis.claims import quantity_choices

    choices = quantity_choices(figures.reset_index(drop=True))
    assert len(choices) == figures["quantity_group"].nunique()
    assert [c.statements for c in choices][:2] == [2, 2] and min(c.statements for c in choices) == 1
    spending = next(c for c in choices if c.id == "fund-spending-2018")
    assert spending.label == "Example Fund in Freedonia · Funding · 2016 – Jun 2019, cumulative"
