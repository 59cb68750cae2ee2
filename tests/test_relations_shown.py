"""Restatements and disagreements shown honestly, on the fictional claims dataset
(tests/fixtures/claims): a figure a second document restates word for word (``same_as``)
is one figure with two sources, never a second figure, ratio, row or rank; two documents
that disagree are both shown, with the curator's resolution wherever they are."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard.analysis.claims import claim_history, leading_claims, restated
from dashboard.analysis.frame import figures_frame, ratio_pairs
from dashboard.curated.records import DatePrecision, FlexDate
from dashboard.curated.relations import later
from dashboard.curated.validate import load_valid
from dashboard.views.labels import claim_notes
from dashboard.views.language import words_for
from dashboard.views.table import TableIndex, TableQuery, relation_marks, table_page, table_rows

CLAIMS = Path(__file__).parent / "fixtures" / "claims"
RESOLUTION = "Read 740: the 2019 report corrects a counting error (fictional)."


@pytest.fixture(scope="module")
def figures() -> pd.DataFrame:
    return figures_frame(load_valid(CLAIMS / "data", CLAIMS / "seeds"))


def restate(
    frame: pd.DataFrame,
    ids: list[str],
    source: str = "102_fictional_update_2019.txt",
    published: str = "2019-06",
) -> pd.DataFrame:
    """``frame`` with each of ``ids`` restated word for word by another document."""
    copies = frame[frame["id"].isin(ids)].copy()
    copies["same_as"] = copies["id"]
    copies["id"] = copies["id"] + "-restated-elsewhere"
    copies["source"], copies["source_published"] = source, published
    return pd.concat([frame, copies], ignore_index=True)


def with_resolution(figures: pd.DataFrame) -> pd.DataFrame:
    frame = figures.copy()
    frame.loc[frame["id"] == "victims-2017-restated", "resolution"] = RESOLUTION
    return frame


def paired_ratio(figures: pd.DataFrame) -> tuple[pd.DataFrame, tuple[str, str]]:
    """``figures`` with one funding figure and one count of people set to pair, and that pair."""
    frame = figures.copy()
    pair = ("fund-spending-2019", "victims-2017-restated")
    frame.loc[frame["id"].isin(pair), ["programme", "period_start", "period_end", "kind"]] = [
        "p",
        pd.Timestamp(2016, 1, 1),
        pd.Timestamp(2019, 6, 30),
        "reported",
    ]
    frame.loc[frame["id"].isin(pair), ["part_of", "disagrees_with"]] = None
    assert pair in ratio_pairs(frame)
    return frame, pair


# --- a restatement is counted once ------------------------------------------------------------


def test_a_restatement_adds_no_funding_per_person_ratio(figures):
    frame, _ = paired_ratio(figures)  # a real ratio to restate
    both_restated = restate(frame, ["fund-spending-2019", "victims-2017-restated"])
    assert ratio_pairs(both_restated) == ratio_pairs(frame)


@pytest.mark.parametrize("relation", ["part_of", "disagrees_with"])
@pytest.mark.parametrize("side", [0, 1])
def test_a_part_or_a_disputed_figure_is_never_divided_into_funding_per_person(
    figures, relation, side
):
    frame, pair = paired_ratio(figures)
    frame.loc[frame["id"] == pair[side], relation] = "some-other-figure"
    assert pair not in ratio_pairs(frame)


def test_the_figure_another_document_disagrees_with_is_not_divided_either(figures):
    frame, pair = paired_ratio(figures)
    other = frame[~frame["id"].isin(pair)].iloc[0]["id"]
    frame.loc[frame["id"] == other, "disagrees_with"] = pair[1]
    assert pair not in ratio_pairs(frame)


def test_a_restatement_never_outranks_the_figure_it_restates_even_when_published_later(figures):
    # global-aid-restated (Jun 2019) restates global-aid-committed (Nov 2018) word for word
    history = claim_history(figures, "global-aid-restated")
    assert list(zip(history["id"], history["claim_role"])) == [
        ("global-aid-committed", "latest"),
        ("global-aid-restated", "same"),
    ]
    assert history["same_of"].tolist()[1] == "global-aid-committed"


def test_a_restatement_of_an_earlier_statement_stays_with_it_and_adds_no_statement(figures):
    frame = restate(figures, ["fund-spending-2018"], published="2020")  # restated after the update
    history = claim_history(frame, "fund-spending-2019")
    assert list(zip(history["id"], history["claim_role"])) == [
        ("fund-spending-2019", "latest"),
        ("fund-spending-2018", "earlier"),
        ("fund-spending-2018-restated-elsewhere", "same"),
    ]
    marks = relation_marks(frame)
    assert marks["fund-spending-2019"][0].endswith("; latest of 2")  # two statements, not three
    assert (
        marks["fund-spending-2018"][0]
        == "earlier of 2: updated by fund-spending-2019; same as fund-spending-2018-restated-elsewhere"
    )


def test_the_table_shows_a_restated_figure_once_naming_both_sources(figures):
    index = TableIndex.of(table_rows(figures))
    page = table_page(index, figures["id"].tolist(), TableQuery(), page_size=100)
    ids = [row["id"] for row in page.rows]
    assert "global-aid-committed" in ids and "global-aid-restated" not in ids
    assert page.in_view == len(figures) - len(restated(figures))
    source = index.rows["global-aid-committed"]["source"]
    assert "Nov 2018" in source and "Jun 2019" in source
    # a view holding only the restatement still shows the figure, on its own row
    assert [
        r["id"] for r in table_page(index, ["global-aid-restated"], TableQuery(), page_size=10).rows
    ] == ["global-aid-committed"]


def test_a_restatement_never_leads_a_chart_or_a_card(figures):
    lead = leading_claims(figures)
    assert "global-aid-committed" in set(lead["id"]) and "global-aid-restated" not in set(
        lead["id"]
    )
    assert claim_notes(figures)["global-aid-committed"].startswith(
        "also stated by 1 other document"
    )


def test_a_month_is_neither_before_nor_after_a_day_inside_it():
    april = (FlexDate(dt.date(2025, 4, 1), DatePrecision.MONTH), dt.date(2025, 3, 31))
    second_of_april = (FlexDate(dt.date(2025, 4, 2)), dt.date(2025, 3, 31))
    end_of_march = (FlexDate(dt.date(2025, 3, 31)), dt.date(2025, 3, 31))
    assert later(second_of_april, april) == 0 and later(april, second_of_april) == 0
    assert later(april, end_of_march) == 1 and later(end_of_march, april) == -1
    # overlapping publication dates: the period that ends later is the later statement
    assert later((second_of_april[0], dt.date(2025, 4, 2)), april) == 1


# --- a disagreement is shown as one -----------------------------------------------------------


@pytest.mark.parametrize("declared_by", ["victims-2017-restated", "victims-2017"])
def test_both_sides_of_a_disagreement_lead_whichever_document_declares_it(figures, declared_by):
    frame = figures.copy()
    other = {"victims-2017-restated": "victims-2017", "victims-2017": "victims-2017-restated"}[
        declared_by
    ]
    frame["disagrees_with"] = frame["disagrees_with"].astype(object)
    frame.loc[frame["id"].isin(["victims-2017", "victims-2017-restated"]), "disagrees_with"] = None
    frame.loc[frame["id"] == declared_by, "disagrees_with"] = other
    lead = leading_claims(frame)
    assert {"victims-2017", "victims-2017-restated"} <= set(
        lead["id"]
    )  # 738 and 740, never one of them alone


def test_the_resolution_is_shown_with_the_disagreement_in_the_table_and_the_cards(figures):
    frame = with_resolution(figures)
    marks = relation_marks(frame)
    for fid in ("victims-2017", "victims-2017-restated"):
        assert f"how to read it: {RESOLUTION}" in marks[fid][0]
    notes = claim_notes(frame)
    assert (
        "the sources disagree" in notes["victims-2017-restated"]
        and RESOLUTION in notes["victims-2017-restated"]
    )
    assert "latest of" not in notes["victims-2017-restated"]  # a disagreement is not a ranking


def test_the_claims_chart_and_panel_show_the_resolution_beside_both_values(figures):
    from dashboard.analysis.frame import apply_filters, events_frame, Filters, year_span
    from dashboard.config import load_config
    from dashboard.views.charts import build_chart
    from dashboard.views.charts.claims import disagreement_text, select

    claims = load_valid(CLAIMS / "data", CLAIMS / "seeds")
    filters = Filters(*year_span(claims), quantity="victims-2017")
    frame = apply_filters(with_resolution(figures), filters)
    fig = build_chart(
        "claims",
        frame,
        events_frame(claims).iloc[0:0],
        claims,
        load_config(CLAIMS.parent.parent.parent / "config.yaml").theme,
        filters,
    )
    title = " ".join(re.sub(r"<[^>]+>", " ", fig.layout.annotations[0].text).split())
    assert (
        "The sources disagree: both shown, never averaged." in title
        and "How to read it: Read 740" in title
    )
    assert RESOLUTION in disagreement_text(
        select(frame), words_for("en")
    )  # the claims panel's line under the statements


def test_a_resolution_is_shown_in_vietnamese_once_curated_and_marked_english_until_then(figures):
    import dataclasses

    from dashboard.curated.records import Location
    from dashboard.curated.translations import Translation, Translations
    from dashboard.views.language import localized_dataset
    from dashboard.words import Words

    claims = load_valid(CLAIMS / "data", CLAIMS / "seeds")
    resolved_claims = dataclasses.replace(
        claims,
        figures=tuple(
            dataclasses.replace(f, resolution=RESOLUTION) if f.id == "victims-2017-restated" else f
            for f in claims.figures
        ),
    )
    vietnamese = "Đọc 740: báo cáo năm 2019 sửa một lỗi đếm (hư cấu)."
    entry = Translation(
        "figures",
        "victims-2017-restated",
        {"resolution": vietnamese},
        Location("data/i18n/vi.yaml", 1),
    )
    curated = Translations("vi", "data/i18n/vi.yaml", {("figures", "victims-2017-restated"): entry})
    local = localized_dataset(resolved_claims, curated, Words("vi"))
    assert (
        next(f.resolution for f in local.figures if f.id == "victims-2017-restated") == vietnamese
    )
    none_curated = Translations("vi", "data/i18n/vi.yaml")
    untranslated = next(
        f.resolution
        for f in localized_dataset(resolved_claims, none_curated, Words("vi")).figures
        if f.id == "victims-2017-restated"
    )
    assert untranslated == f"{RESOLUTION} (chưa dịch)" and untranslated.untranslated


@pytest.mark.parametrize("chart", ["people"])
def test_a_resolution_that_ends_its_own_sentence_gets_no_second_full_stop(figures, chart):
    """Alt text and speaker notes join sentences with a full stop; a curated resolution has one."""
    from dashboard.analysis.frame import Filters, events_frame, year_span
    from dashboard.outputs.deck import speaker_notes
    from dashboard.views.charts import alt_text

    claims = load_valid(CLAIMS / "data", CLAIMS / "seeds")
    frame = with_resolution(figures)
    assert RESOLUTION.endswith(".")
    events = events_frame(claims).iloc[0:0]
    said = alt_text(
        chart, frame, events, claims, Filters(*year_span(claims), quantity="victims-2017")
    ) + speaker_notes(chart, frame, events, claims)
    assert RESOLUTION[:-1] in said
    assert re.search(r"(?<!\.)\.\.(?!\.)", said) is None, said
