"""The figures table's pages: searched, sorted and cut on the server, from inputs that may be forged."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.analysis.frame import figures_frame
from dashboard.curated.validate import load_valid

from dashboard.views.table import (
    LAST_PAGE,
    Sort,
    TableIndex,
    TableQuery,
    parse_page,
    parse_query,
    parse_search,
    next_sort,
    aria_sort,
    COLUMNS,
    SORT_KEYS,
    table_page,
    table_rows,
)


def row(i: int, value: float, programme: str = "Programme", quote: str = "") -> dict:
    return {
        "id": f"fig-{i:02d}",
        "metric": "Funding",
        "programme": programme,
        "value": value,
        "value_label": f"£{value:,.0f}",
        "qualifier": "Exact",
        "period_start": f"20{10 + i % 10}-01-01",
        "period_label": f"20{10 + i % 10}",
        "kind": "Reported (achieved)",
        "source": "Report — Office, 2024",
        "quote": quote or f"Item {i} gave £{value:,.0f}",
    }


@pytest.fixture
def index() -> TableIndex:
    rows = [
        row(i, value=(i * 7) % 10 * 1000.0, programme="Border work" if i % 3 == 0 else "Schools")
        for i in range(23)
    ]
    return TableIndex.of({r["id"]: r for r in rows})


def ids(page) -> list[str]:
    return [r["id"] for r in page.rows]


# --- pages ---------------------------------------------------------------------------------


def test_the_first_page_holds_the_first_rows_of_the_view_in_its_order(index):
    view = [f"fig-{i:02d}" for i in reversed(range(23))]
    page = table_page(index, view, TableQuery(), page_size=10)
    assert ids(page) == view[:10]
    assert (page.first, page.matching, page.pages) == (1, 23, 3)
    assert page.status == "1–10 of 23 figures in this view"
    assert page.page_label == "Page 1 of 3"
    assert not page.has_previous and page.has_next


def test_the_last_page_holds_the_rest(index):
    view = [f"fig-{i:02d}" for i in range(23)]
    page = table_page(index, view, TableQuery(page=2), page_size=10)
    assert ids(page) == view[20:]
    assert page.status == "21–23 of 23 figures in this view"
    assert page.has_previous and not page.has_next


def test_a_page_past_the_end_shows_the_last_page(index):
    page = table_page(index, list(index.rows), TableQuery(page=LAST_PAGE), page_size=10)
    assert page.query.page == 2
    assert page.first == 21


def test_a_view_that_fits_one_page_names_no_range(index):
    page = table_page(index, ["fig-01", "fig-02"], TableQuery(), page_size=10)
    assert page.status == "2 figures in this view"
    assert page.page_label == "Page 1 of 1"


def test_ids_not_in_the_table_are_ignored(index):
    page = table_page(index, ["fig-01", "not-a-figure"], TableQuery(), page_size=10)
    assert ids(page) == ["fig-01"]


def test_an_empty_view_says_no_figure_matches_the_filters(index):
    page = table_page(index, [], TableQuery(search="border"), page_size=10)
    assert page.rows == [] and page.first == 0
    assert page.status == "No figures match these filters."
    assert page.page_label == "Page 1 of 1"


# --- search ----------------------------------------------------------------------------------


def test_a_search_keeps_rows_holding_every_word_in_any_column_ignoring_case(index):
    page = table_page(
        index, list(index.rows), TableQuery(search="SCHOOLS gave £7,000"), page_size=50
    )
    assert ids(page) == ["fig-01", "fig-11"]  # the programme, then words of the quote, in any order
    assert page.status == "2 figures matching “SCHOOLS gave £7,000” (of 23 figures in this view)"


def test_a_search_with_no_match_says_so(index):
    page = table_page(index, list(index.rows), TableQuery(search="zebra"), page_size=10)
    assert page.status == "No figures matching “zebra” among the 23 figures in this view."


def test_the_search_text_is_trimmed_cut_and_only_ever_text():
    assert parse_search("  victims  ") == "victims"
    assert len(parse_search("x" * 10_000)) == 200
    assert [parse_search(v) for v in (None, 3, ["a"], {"a": 1})] == ["", "", "", ""]


# --- sort --------------------------------------------------------------------------------------


def test_sorting_by_value_orders_every_row_of_the_view_not_only_the_page(index):
    page = table_page(
        index, list(index.rows), TableQuery(sort=Sort("value", descending=True)), page_size=5
    )
    everything = sorted((r["value"] for r in index.rows.values()), reverse=True)
    assert [r["value"] for r in page.rows] == everything[:5]


def test_ties_keep_the_view_order_in_both_directions(index):
    view = list(index.rows)
    for descending in (False, True):
        page = table_page(index, view, TableQuery(sort=Sort("programme", descending)), page_size=50)
        border = [i for i in ids(page) if index.rows[i]["programme"] == "Border work"]
        assert border == [i for i in view if index.rows[i]["programme"] == "Border work"]


def test_text_sorts_ignore_case():
    rows = {
        r["id"]: r
        for r in (
            row(1, 1, programme="beta"),
            row(2, 2, programme="Alpha"),
            row(3, 3, programme="gamma"),
        )
    }
    page = table_page(
        TableIndex.of(rows), list(rows), TableQuery(sort=Sort("programme")), page_size=10
    )
    assert [r["programme"] for r in page.rows] == ["Alpha", "beta", "gamma"]


def test_a_header_click_sorts_ascending_then_descending_then_back_to_the_views_order():
    first = next_sort(None, "value")
    assert first == Sort("value")
    second = next_sort(first, "value")
    assert second == Sort("value", descending=True)
    assert next_sort(second, "value") is None
    assert next_sort(second, "metric") == Sort("metric")


@pytest.mark.parametrize(
    "forged", [None, "__proto__", 3, {"column": "value"}, ["value"], "value_label"]
)
def test_a_forged_header_click_leaves_the_sort_as_it_was(forged):
    assert next_sort(Sort("metric", descending=True), forged) == Sort("metric", descending=True)
    assert next_sort(None, forged) is None


def test_each_header_tells_assistive_technology_how_the_table_is_sorted():
    assert aria_sort(Sort("value", descending=True), "value") == "descending"
    assert aria_sort(Sort("value"), "value") == "ascending"
    assert aria_sort(Sort("value"), "metric") == "none"
    assert aria_sort(None, "value") == "none"


def test_every_column_shown_can_be_sorted_and_shows_a_field_every_row_has():
    root = Path(__file__).resolve().parent.parent
    rows = table_rows(figures_frame(load_valid(root / "data", root / "seeds")))
    row_fields = set.intersection(*(set(r) for r in rows.values()))
    for column, header, field in COLUMNS:
        assert column in SORT_KEYS and header
        assert field in row_fields


# --- the query kept in the page ----------------------------------------------------------------------


def test_a_query_survives_its_trip_through_the_page():
    query = TableQuery(search="victims", sort=Sort("period_start", descending=True), page=4)
    assert parse_query(query.to_store()) == query


@pytest.mark.parametrize(
    "forged",
    [
        None,
        "x",
        [],
        {"page": -1},
        {"page": True},
        {"page": 10**12},
        {"sort": ["quote"]},
        {"sort": ["nope", True]},
        {"sort": ["value", "yes"]},
        {"search": 5},
    ],
)
def test_a_forged_stored_query_reads_as_the_default_in_its_bad_parts(forged):
    query = parse_query(forged)
    assert query.page == 0 and query.sort is None and query.search == ""


def test_pages_are_whole_numbers_from_zero():
    assert [parse_page(v) for v in (0, 7, -1, 1.5, "2", None, False)] == [0, 7, 0, 0, 0, 0, 0]
