"""A statement keeps its own bound: "at least 13,000" may be 13,000 (a closed bound, ≥) and
reads "at least" on every output, "more than 1,200" may not (an open one, >) and reads "more
than"; arithmetic keeps which one the text gave, and Vietnamese says it with one word.

The documents are the fictional sample plus the made-up document 910 of the new-documents
trial (tests/fixtures/extra_documents), which holds each case."""

from __future__ import annotations

import itertools
import math
import shutil
from pathlib import Path

import pytest

from dashboard.analysis import fmt
from dashboard.analysis.frame import Filters, apply_filters, derive_ratio, figures_frame, year_span
from dashboard.analysis.quantity import Quantity
from dashboard.curated.bounds import BOUND_WORDS
from dashboard.curated.records import Qualifier
from dashboard.curated.validate import load_valid
from dashboard.outputs import export
from dashboard.views.charts.bars import qualifier_notes
from dashboard.words import Formatter, Words

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXTRA = FIXTURES / "extra_documents"
VIETNAMESE_BOUND_WORDS = ("ít nhất", "hơn", "tối đa", "dưới", "gần", "khoảng", "xấp xỉ")


def with_document_910(root: Path) -> Path:
    """The sample data and seeds with the made-up document 910 added as data only."""
    for folder in ("data", "seeds"):
        shutil.copytree(FIXTURES / "sample" / folder, root / folder)
        for path in (EXTRA / folder).glob("910_*"):
            shutil.copy(path, root / folder / path.name)
    return root


@pytest.fixture(scope="module")
def bounded(tmp_path_factory):
    return load_valid(
        *(with_document_910(tmp_path_factory.mktemp("bounds")) / f for f in ("data", "seeds"))
    )


@pytest.fixture(scope="module")
def rows(bounded):
    return figures_frame(bounded).set_index("id", drop=False)


def test_at_least_reads_at_least_and_more_than_reads_more_than_never_over(rows):
    assert rows.loc["example-bounds-funding-2019-2021", "value_label"] == "at least £2.6m"
    assert rows.loc["example-bounds-reached-2021-11", "value_label"] == "more than 13,000"


def test_vietnamese_says_at_least_with_it_nhat_and_more_than_with_hon():
    assert (
        fmt.format_value(2_600_000, "at_least", None, "at least", words="vi")
        == "ít nhất 2,6\u00a0triệu"
    )  # a number and its scale never break apart
    assert fmt.format_value(13_000, "at_least", None, "more than", words="vi") == "hơn 13.000"
    assert fmt.format_value(500, "at_most", None, "under", words="vi") == "dưới 500"


def test_the_csv_and_the_xlsx_keep_the_documents_word(bounded, config):
    filters = Filters(*year_span(bounded))
    frame = apply_filters(figures_frame(bounded), filters)
    context = export.ExportContext.for_view(bounded, filters, config)
    csv_text = export.FORMATS["csv"](frame, context).decode("utf-8-sig")
    assert "at least £2.6m" in csv_text and "over £2.6m" not in csv_text
    assert "more than 13,000" in csv_text and "over 13,000" not in csv_text


def test_what_a_bound_means_says_at_least_may_equal_and_over_may_not():
    english = Formatter(Words("en"))
    at_least = english.qualifier_sentence("at_least", "at least")
    over = english.qualifier_sentence("at_least", "more than")
    assert at_least.startswith("At least:") and "that or higher" in at_least
    assert over.startswith("Over:") and over.endswith("the true value is higher.")
    assert Formatter(Words("vi")).qualifier_sentence("at_least", "at least").startswith("Ít nhất:")


def test_a_chart_showing_both_kinds_of_lower_bound_explains_each(rows):
    notes = qualifier_notes(
        rows.loc[
            ["example-bounds-funding-2019-2021", "example-bounds-reached-2021-11"]
        ].reset_index(drop=True)
    )
    assert any(n.startswith("At least:") for n in notes) and any(
        n.startswith("Over:") for n in notes
    )
    only_at_least = qualifier_notes(
        rows.loc[["example-bounds-funding-2019-2021"]].reset_index(drop=True)
    )
    assert not any(n.startswith("Over:") for n in only_at_least)


def test_at_least_divided_by_an_exact_count_is_at_least(rows, bounded):
    derived = derive_ratio(
        rows.loc["example-bounds-funding-2019-2021"],
        rows.loc["example-bounds-victims-2019-2021"],
        bounded,
    )
    assert derived.text == "at least £2,000 per victim identified"
    assert derived.quantity.closed


def test_over_divided_by_an_exact_count_is_over(rows, bounded):
    over = rows.loc["example-bounds-funding-2019-2021"].copy()
    over["wording"] = "over"
    derived = derive_ratio(over, rows.loc["example-bounds-victims-2019-2021"], bounded)
    assert derived.text == "over £2,000 per victim identified"
    assert not derived.quantity.closed


@pytest.mark.parametrize(
    "money, people, expected",
    [
        (("at_least", "at least"), ("exact", None), "at least £10,000"),
        (("at_least", "over"), ("exact", None), "over £10,000"),
        (
            ("exact", None),
            ("at_most", "up to"),
            "at least £10,000",
        ),  # £1m ÷ up to 100: the count may be 100
        (("exact", None), ("at_most", "under"), "over £10,000"),  # £1m ÷ under 100: it may not
        (("at_most", "up to"), ("at_least", "at least"), "up to £10,000"),
        (("at_most", "up to"), ("at_least", "more than"), "under £10,000"),
        (("at_most", "under"), ("exact", None), "under £10,000"),
    ],
)
def test_a_ratio_keeps_whether_each_bound_may_be_reached(money, people, expected):
    ratio = Quantity.of(1_000_000, money[0], wording=money[1]) / Quantity.of(
        100, people[0], wording=people[1]
    )
    assert fmt.format_quantity(ratio, fmt.Unit("GBP", "pounds", "£")) == expected


def test_a_sum_is_at_least_only_when_every_lower_bound_may_be_reached():
    at_least, over, exact = (
        Quantity.of(10, "at_least", wording=w) for w in ("at least", "over", None)
    )
    exactly = Quantity.of(5, "exact")
    assert (at_least + exactly).closed
    assert not (at_least + over).closed
    assert fmt.format_quantity(at_least + exactly) == "at least 15"


def test_vietnamese_never_puts_two_qualifier_words_together():
    vietnamese = Formatter(Words("vi"))
    for lo, hi in ((9722.0, math.inf), (0.0, 9722.0), (100.0, 100.0), (100.0, 200.0)):
        for approx, lo_closed, hi_closed in itertools.product((True, False), repeat=3):
            text = vietnamese.quantity(
                Quantity(lo, hi, approx=approx, lo_closed=lo_closed, hi_closed=hi_closed)
            )
            said = [
                w
                for w in VIETNAMESE_BOUND_WORDS
                if w in text and not (w == "hơn" and "cao hơn" in text)
            ]
            assert len(said) <= 1, text
    for qualifier, wordings in BOUND_WORDS.items():
        for wording in wordings:
            text = vietnamese.value(100, qualifier, None, wording)
            assert sum(w in text for w in VIETNAMESE_BOUND_WORDS) == 1, text


def test_each_bound_word_is_closed_or_open_as_its_meaning_says():
    assert Quantity.of(13_000, Qualifier.AT_LEAST, wording="at least").closed
    assert not Quantity.of(13_000, Qualifier.AT_LEAST, wording="more than").closed
    assert Quantity.of(500, Qualifier.AT_MOST, wording="up to").closed
    assert not Quantity.of(500, Qualifier.AT_MOST, wording="fewer than").closed
    assert not Quantity.of(
        7_000_000, Qualifier.AT_LEAST
    ).closed  # no wording: "over", as data before the list


def test_the_deck_notes_say_at_least_and_more_than_as_the_documents_do(bounded):
    from dashboard.analysis.frame import apply_event_filters, events_frame
    from dashboard.outputs.deck import speaker_notes

    filters = Filters(*year_span(bounded))
    figures = apply_filters(figures_frame(bounded), filters)
    events = apply_event_filters(events_frame(bounded), filters)
    funding = speaker_notes("funding", figures, events, bounded)
    assert (
        "at least £2.6m" in funding
        and "At least: the source gives a lower bound; the true value is that or higher." in funding
    )
    people = speaker_notes("people", figures, events, bounded)
    assert "more than 13,000" in people and "over 13,000" not in people
    assert "Over: the source gives a lower bound; the true value is higher." in people
    vietnamese = speaker_notes("funding", figures, events, bounded, Words("vi"))
    assert "Ít nhất: nguồn nêu giới hạn dưới; giá trị thực bằng hoặc cao hơn." in vietnamese
