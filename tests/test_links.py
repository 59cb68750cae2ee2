"""A link as a reader meets it: the address bar dated with the data version as a permalink is,
the "older data" notice gone once the filters change, and a permalink's figure marked in the
table on the page holding its row. Through the pure functions the page's callbacks call
(the browser half is tests/browser/test_links_page.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard.outputs.releases import write_release
from dashboard.web import state as st
from dashboard.web.grid import LINKED_ROW
from dashboard.web.ids import ID
from dashboard.web.links import first_page, url_sync
from dashboard.web.sharing import citation_for
from dashboard.words import Words
from components import texts, walk  # tests/components.py
from samplestate import sample_state, writable_sample

PAGE = "http://dash.example.org/"
OLD = "0123456789ab"  # a data version other than the one served


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    return writable_sample(tmp_path_factory, "links")


@pytest.fixture(scope="module")
def state(data_dir):
    return sample_state(data_dir)


@pytest.fixture(scope="module")
def paged(state):
    """The same state with a table of two rows a page, so a view's table has several pages."""
    table = dataclasses.replace(state.config.table, page_size=2)
    return dataclasses.replace(state, config=dataclasses.replace(state.config, table=table))


def query(search: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(search).query)


def defaults(state) -> tuple:
    d = state.defaults
    return [d.year_from, d.year_to], list(d.programmes), "all", list(d.scope), d.quantity


def one_year(state) -> tuple:
    d = state.defaults
    return [d.year_to, d.year_to], list(d.programmes), "all", list(d.scope), d.quantity


def body_rows(tree) -> list:
    return [
        c
        for c in walk(tree)
        if isinstance(getattr(c, "id", None), dict) and c.id.get("type") == ID.TABLE_ROW
    ]


def by_id(tree, wanted):
    return next((c for c in walk(tree) if getattr(c, "id", None) == wanted), None)


# --- 1. the address bar carries the data version --------------------------------------------------


def test_the_address_a_filter_change_writes_carries_the_data_version_as_the_permalink_does(state):
    sync = url_sync(state, ID.YEARS, "?lang=vi", *one_year(state))
    assert query(sync.search)["v"] == [state.version]
    assert query(sync.search)["lang"] == ["vi"]  # and the page's language, as before
    figure = state.dataset.figures[0].id
    permalink = citation_for(state, figure, Words("vi"), PAGE + sync.search).permalink
    # the permalink of the view on screen is the address bar's link with the figure added
    assert query(permalink) == {**query(sync.search), "highlight": [figure]}


def test_reset_writes_the_default_view_dated_too(state):
    sync = url_sync(state, ID.RESET, "?year_from=2022", *one_year(state))
    assert sync.search == f"?v={state.version}"


def test_a_filter_change_replaces_an_opened_links_old_version_and_highlight(state):
    figure = state.dataset.figures[0].id
    sync = url_sync(state, ID.YEARS, f"?highlight={figure}&v={OLD}", *one_year(state))
    assert query(sync.search)["v"] == [state.version]
    assert "highlight" not in query(sync.search)


# --- 2. the older-data notice goes when the filters change ----------------------------------------


def test_changing_a_filter_or_resetting_clears_the_older_data_notice(state):
    for trigger in (ID.YEARS, ID.PROGRAMMES, ID.METRIC, ID.RESET):
        sync = url_sync(state, trigger, f"?v={OLD}", *one_year(state))
        assert sync.since_set and sync.since is None, trigger


def test_opening_a_link_leaves_the_notice_the_page_was_built_with(state):
    sync = url_sync(state, None, f"?v={OLD}", *defaults(state))
    assert not sync.since_set


def test_going_back_to_a_link_of_older_data_says_again_that_figures_changed(state):
    back = url_sync(state, ID.URL, f"?v={OLD}", *one_year(state))
    assert back.since_set
    assert back.since.headline == "Figures have changed since this link was made."
    current = url_sync(state, ID.URL, f"?v={state.version}", *one_year(state))
    assert current.since_set and current.since is None


def test_the_page_of_an_old_link_shows_the_notice_in_a_box_a_filter_change_empties(state, data_dir):
    write_release(state.dataset, data_dir, OLD, dt.date(2026, 1, 1))
    try:
        page = first_page(state, f"v={OLD}", PAGE)
        box = by_id(page, ID.LINK_SINCE_BOX)
        assert box is not None and by_id(box, ID.LINK_SINCE) is not None
        assert texts(by_id(box, ID.LINK_SINCE))[0] == (
            "Figures have changed since this link was made."
        )
        assert by_id(by_id(first_page(state, "", PAGE), ID.LINK_SINCE_BOX), ID.LINK_SINCE) is None
    finally:
        (data_dir / "releases" / f"{OLD}.json").unlink()


# --- 3. a permalink's figure is marked in the table ----------------------------------------------


def table_order(state) -> list[str]:
    """The default view's table rows, in the order the table shows them."""
    view = st.view_for(state, state.defaults)
    return state.data().table(view.language).shown(view.figures["id"].tolist())


def test_a_permalink_opens_the_table_on_the_page_holding_its_figure_with_the_row_marked(paged):
    order = table_order(paged)
    assert len(order) > 2, "the sample view should need more than one table page of two rows"
    figure = order[-1]  # on the last page
    page = first_page(paged, f"highlight={figure}&v={paged.version}", PAGE)
    rows = body_rows(by_id(page, ID.TABLE_BODY))
    shown = [r.id["figure"] for r in rows]
    assert figure in shown and shown == order[(len(order) - 1) // 2 * 2 :]
    marked = [r for r in rows if r.id["figure"] == figure][0]
    assert getattr(marked, "aria-selected") == "true"
    assert "table-row-linked" in marked.className.split()
    assert texts(marked)[0] == LINKED_ROW  # said in words, not by the outline's colour alone
    others = [r for r in rows if r is not marked]
    assert all(getattr(r, "aria-selected") == "false" for r in others)
    assert all("table-row-linked" not in r.className for r in others)
    assert by_id(page, ID.TABLE_LINKED).data == figure  # the page scrolls to it and focuses it
    pages = -(-len(order) // 2)
    assert texts(by_id(page, ID.PAGE_LABEL)) == [f"Page {pages} of {pages}"]


def test_the_marked_rows_label_is_vietnamese_on_a_vietnamese_page(paged):
    figure = table_order(paged)[0]
    page = first_page(paged, f"highlight={figure}&lang=vi", PAGE)
    marked = [r for r in body_rows(page) if r.id["figure"] == figure][0]
    assert texts(marked)[0] == "Số liệu mà liên kết này trỏ tới"


def test_a_link_without_a_figure_of_the_table_marks_no_row(paged):
    event = paged.dataset.events[0].id
    for search in ("", f"highlight={event}", "highlight=no-such-figure"):
        page = first_page(paged, search, PAGE)
        rows = body_rows(page)
        assert rows and all(not hasattr(r, "aria-selected") for r in rows), search
        assert all("table-row-linked" not in r.className for r in rows), search
        assert by_id(page, ID.TABLE_LINKED).data is None
        assert [r.id["figure"] for r in rows] == table_order(paged)[:2]  # the first page
