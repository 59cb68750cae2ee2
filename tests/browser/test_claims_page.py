"""The claims model in a real browser, on the fictional claims fixture (tests/fixtures/claims):
a share of a whole, the same event from two documents, two documents that disagree, a
range, as-at dates, a single year, scope, and a link whose years lie outside the data.

One server on that fixture serves this module (``claims_server``); the console check of
``new_page`` is automatic. Expected values are worked out from the fixture with the same
pure functions the app uses, or are the fixture's own made-up wording.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard.analysis.claims import claim_history, quantity_choices
from dashboard.analysis.frame import figures_frame
from dashboard.curated.validate import load_valid
from tests.browser.conftest import start_server, stop_server
from test_dashboard import draw_chart

CLAIMS = Path(__file__).resolve().parents[1] / "fixtures" / "claims"
ROWS = "#figures-table tbody tr.table-row"
SUMMARY = "#view-summary"
NOTICE = "#link-notice"
MODAL = ".dialog:not([hidden]) [role=dialog]"  # the source dialog, open


@pytest.fixture(scope="module")
def claims_figures():
    """The fixture's figures frame, through the app's own loader and frame."""
    return figures_frame(load_valid(CLAIMS / "data", CLAIMS / "seeds"))


@pytest.fixture(scope="module")
def claims_server(tmp_path_factory):
    """``dashboard serve`` on the claims fixture, shared by this module's tests."""
    process, url, log = start_server(
        tmp_path_factory.mktemp("claims"),
        "--data",
        str(CLAIMS / "data"),
        "--seeds",
        str(CLAIMS / "seeds"),
    )
    yield url
    stop_server(process)
    errors = [
        line
        for line in log.read_text(errors="replace").splitlines()
        if "Traceback" in line or " 500 -" in line
    ]
    assert not errors, f"the server logged errors:\n{log.read_text(errors='replace')}"


def open_view(page, url: str) -> None:
    page.goto(url)
    draw_chart(page, "funding")
    draw_chart(page, "claims")
    page.evaluate("window.scrollTo(0, 0)")
    idle(page)


def idle(page) -> None:
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading]')")


def row(page, figure_id: str):
    return page.locator(f"{ROWS}[data-figure='{figure_id}']")


def cell(page, figure_id: str, column: str):
    return row(page, figure_id).locator(f"td[data-col='{column}']")


def open_source_of_row(page, figure_id: str) -> None:
    cell(page, figure_id, "metric").click()
    expect(page.locator(MODAL)).to_be_visible()


# --- scope ---------------------------------------------------------------------------------------


def test_every_figure_shows_its_scope_and_the_scope_filter_keeps_it_in_the_link(
    page, claims_server, claims_figures
):
    from dashboard.analysis.claims import restated

    scoped = claims_figures.loc[claims_figures["scope"] == "uk_worldwide", "id"]
    assert {"global-aid-committed", "global-aid-restated"} <= set(
        scoped
    )  # a figure and its restatement
    worldwide = sorted(
        set(scoped) - set(restated(claims_figures))
    )  # a restatement shows on its figure's row
    open_view(page, claims_server)
    expect(cell(page, "global-aid-committed", "scope")).to_have_text("UK worldwide")
    expect(cell(page, "campaign-reach", "scope")).to_have_text("Scope not stated")
    page.click("#filter-scope")
    page.locator(".dash-dropdown-content").get_by_role(
        "option", name="UK worldwide", exact=True
    ).click()
    page.keyboard.press("Escape")
    page.wait_for_function(
        "() => location.search.startsWith('?scope=uk_worldwide&v=')"
    )  # and the data version
    expect(page.locator(ROWS)).to_have_count(len(worldwide))
    expect(page.locator(SUMMARY)).to_contain_text("UK worldwide")
    idle(page)  # no callback in flight: a reload would abort it
    page.reload()
    idle(page)
    expect(page.locator(ROWS)).to_have_count(len(worldwide))
    assert (
        sorted(page.locator(ROWS).evaluate_all("rows => rows.map(r => r.dataset.figure)"))
        == worldwide
    )


# --- links keep their meaning -------------------------------------------------------------------


def test_a_link_for_a_year_before_the_data_shows_that_year_empty_and_says_so(page, claims_server):
    open_view(page, claims_server + "?year_from=2013&year_to=2013")
    expect(page.locator(SUMMARY)).to_contain_text("Showing 0 figures and 0 events · 2013 ·")
    expect(page.locator(SUMMARY)).to_contain_text(
        "No figures or events in 2013: the data covers 2016–2022."
    )
    inputs = page.locator("#filter-years input")
    expect(inputs.nth(0)).to_have_value("2013")
    expect(inputs.nth(1)).to_have_value("2013")
    expect(page.locator("#figures-table-count")).to_have_text("No figures match these filters.")
    assert (
        page.evaluate("location.search") == "?year_from=2013&year_to=2013"
    )  # the link is left as sent


def test_a_link_whose_years_reach_past_the_data_keeps_them(page, claims_server):
    open_view(page, claims_server + "?year_from=2013&year_to=2019")
    expect(page.locator(SUMMARY)).to_contain_text("· 2013–2019 ·")
    expect(page.locator(SUMMARY)).to_contain_text("No figures or events in 2013–2015")
    expect(page.locator("#filter-years input").nth(0)).to_have_value("2013")
    expect(row(page, "victims-2017")).to_have_count(1)


def test_a_link_with_an_unknown_programme_says_it_and_shows_the_rest(page, claims_server):
    open_view(page, claims_server + "?programme=closed-fund&scope=not_stated")
    expect(page.locator(NOTICE)).to_have_text(
        "Part of this link could not be used and is left out: programme=closed-fund: no such programme."
    )
    expect(page.locator(ROWS)).to_have_count(1)
    expect(row(page, "campaign-reach")).to_have_count(1)


# --- the table's relation cases -----------------------------------------------------------------


def test_a_share_is_marked_part_of_its_whole_and_its_source_links_to_the_whole(page, claims_server):
    open_view(page, claims_server)
    expect(cell(page, "example-fund-programme", "relation")).to_have_text(
        "part of £200m (global-aid-committed)"
    )
    expect(cell(page, "global-aid-committed", "relation")).to_have_text(
        "includes £33.5m (example-fund-programme); same as global-aid-restated"
    )
    open_source_of_row(page, "example-fund-programme")
    modal = page.locator(MODAL)
    expect(modal.locator("#source-quote")).to_have_text(
        "This includes the Example Fund's £33.5 million programme"
    )
    modal.locator(".related-link[data-figure='global-aid-committed']").click()
    expect(modal.locator("#source-quote")).to_have_text(
        "£200 million of example aid has been committed across the globe"
    )
    expect(modal).to_contain_text("UK worldwide")


def test_two_documents_that_disagree_are_both_shown_with_their_sources(page, claims_server):
    open_view(page, claims_server + "?quantity=victims-2017")
    claims = page.locator("#claims-statements")
    expect(claims.locator(".claim-line")).to_have_count(2)
    expect(claims.locator(".claim-line[data-role='latest'] .claim-value")).to_have_text("740")
    expect(claims.locator(".claim-line[data-role='disagrees'] .claim-value")).to_have_text("738")
    expect(cell(page, "victims-2017", "relation")).to_have_text(
        "disagrees with victims-2017-restated"
    )
    claims.locator(".claim-line[data-role='disagrees']").click()
    expect(page.locator(MODAL).locator("#source-quote")).to_have_text(
        "In 2017 alone, example authorities identified 738 potential victims from Freedonia"
    )


def test_picking_a_quantity_shows_its_statements_and_puts_it_in_the_link(
    page, claims_server, claims_figures
):
    most_stated = quantity_choices(claims_figures)[0]  # the default: the quantity stated most often
    statements = claim_history(
        claims_figures,
        claims_figures.loc[claims_figures["quantity_group"] == most_stated.id, "id"].iloc[0],
    )
    assert most_stated.statements == len(statements) > 1
    open_view(page, claims_server)
    claims = page.locator("#claims-statements")
    expect(claims.locator(".claim-line")).to_have_count(len(statements))
    assert claims.locator(".claim-line").evaluate_all(
        "lines => lines.map(l => l.dataset.figure)"
    ) == list(statements["id"])  # latest first
    page.click("#filter-quantity")
    page.locator(".dash-dropdown-content").get_by_role("option").filter(
        has_text="Victims"
    ).first.click()
    page.wait_for_function(
        "() => location.search.startsWith('?quantity=victims-2017&v=')"
    )  # and the data version
    expect(claims.locator(".claim-line")).to_have_count(2)
    expect(claims.locator(".claim-line[data-role='disagrees']")).to_have_count(1)


def test_the_same_event_from_two_documents_links_each_source_to_the_other(page, claims_server):
    open_view(page, claims_server + "?year_to=2018")  # the memorandum, not the 2019 visit
    point = page.locator("#chart-graph-timeline .scatterlayer .point").first
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    modal = page.locator(MODAL)
    expect(modal).to_be_visible()
    expect(modal).to_contain_text("Memorandum of understanding signed (fictional)")
    related = modal.locator(".related-link")
    expect(related).to_have_count(1)
    expect(related).to_contain_text("The same event in")
    first_quote = modal.locator("#source-quote").inner_text()
    related.click()
    expect(modal.locator("#source-quote")).not_to_have_text(first_quote)
    expect(modal.locator(".related-link")).to_have_count(1)  # and back again


def test_a_range_as_at_dates_and_a_single_year_read_as_the_documents_state_them(
    page, claims_server
):
    open_view(page, claims_server)
    value = cell(page, "campaign-reach", "value").inner_text()
    assert "10,000" in value and "13,000" in value
    expect(cell(page, "campaign-reach", "qualifier")).to_contain_text("between")
    expect(cell(page, "global-aid-committed", "period_start")).to_have_text("as at Nov 2018")
    expect(cell(page, "victims-2017", "period_start")).to_have_text("2017")
    expect(cell(page, "fund-spending-2018", "relation")).to_have_text(
        "earlier of 2: updated by fund-spending-2019"
    )


def test_the_claims_states_have_no_accessibility_violation(page, claims_server):
    """axe once on what this module adds: the link notice, the claims statements, and a
    source dialog listing related figures."""
    from test_accessibility import violations

    open_view(page, claims_server + "?programme=closed-fund&quantity=victims-2017")
    expect(page.locator(NOTICE)).not_to_be_empty()
    expect(page.locator("#claims-statements .claim-line")).to_have_count(2)
    open_source_of_row(page, "example-fund-programme")
    expect(page.locator(MODAL).locator(".related-link")).to_have_count(1)
    expect(page.locator(MODAL).locator("#source-quote")).to_be_in_viewport()
    assert violations(page) == []
