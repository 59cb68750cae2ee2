"""A link as a reader meets it in the browser: the address bar dated like a permalink, the
"older data" notice gone once the filters change (and back with the Back button), and a
permalink's figure marked in the table, on its page, focused once its dialog is closed."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from test_accessibility import violations
from test_dashboard import MODAL, ROWS, card, data_version, idle, query, set_years

OLD = "0123456789ab"  # a data version the served data is not
LINKED = "#figures-table tbody tr.table-row-linked"


def test_after_a_filter_change_the_address_is_dated_like_a_permalink_and_the_old_notice_goes(
    page, server
):
    version = data_version(server)
    page.goto(f"{server}?v={OLD}")
    notice = page.locator("#link-since")
    expect(notice).to_contain_text("Figures have changed since this link was made.")
    idle(page)
    set_years(page, 2022, 2022)
    expect(notice).to_have_count(0)  # the view on screen is no longer the old link's
    assert query(page) == {"year_from": ["2022"], "year_to": ["2022"], "v": [version]}
    # the permalink of a figure in this view is the address bar's link with the figure added
    card(page, "funding").locator(".card-line").first.click()
    page.wait_for_selector(MODAL)
    permalink = parse_qs(urlsplit(page.locator("#cite-link").evaluate("a => a.href")).query)
    highlight = permalink.pop("highlight")
    assert permalink == query(page) and len(highlight) == 1
    page.keyboard.press("Escape")
    expect(page.locator(MODAL)).to_have_count(0)
    page.go_back()  # the first year typed: the page's own address still
    expect(page.locator("#view-summary")).not_to_contain_text("· 2022 ·")
    assert query(page) == {"year_from": ["2022"], "v": [version]}
    expect(notice).to_have_count(0)
    page.go_back()  # the old link again: it says again that the figures changed
    expect(notice).to_contain_text("Figures have changed since this link was made.")
    assert query(page) == {"v": [OLD]}


def test_a_permalink_marks_its_figures_row_on_its_table_page_and_focuses_it_once_closed(
    page, paged_server
):
    page.goto(paged_server)
    idle(page)
    label = page.locator("#table-page-label")
    first_page = label.inner_text()
    page.click("#table-page-last")  # a figure on the table's last page, as a reader finds one
    expect(label).not_to_have_text(first_page)
    idle(page)
    last_page = label.inner_text()
    figure = page.locator(ROWS).last.get_attribute("data-figure")

    page.goto(f"{paged_server}?highlight={figure}&v={data_version(paged_server)}")
    page.wait_for_selector(MODAL)
    row = page.locator(LINKED)
    expect(row).to_have_count(1)
    expect(row).to_have_attribute("data-figure", figure)
    expect(row).to_have_attribute("aria-selected", "true")  # announced as selected
    expect(row.locator("td").first).to_contain_text("The figure this link points to")
    expect(page.locator(f"{ROWS}[aria-selected='false']")).to_have_count(
        page.locator(ROWS).count() - 1
    )
    expect(label).to_have_text(last_page)
    idle(page)
    page.keyboard.press("Escape")  # the source dialog the link opened closes
    expect(page.locator(MODAL)).to_have_count(0)
    page.wait_for_function(
        "(id) => { const a = document.activeElement;"
        " return a && a.closest('tr') && a.closest('tr').dataset.figure === id; }",
        arg=figure,
    )
    expect(row).to_be_in_viewport()
    # the table's one tab stop (assets/table-grid.js) is on the row
    assert page.evaluate("document.activeElement.tabIndex") == 0
    assert page.locator("#figures-table [tabindex='0']").count() == 1
    assert violations(page) == []
