"""The dashboard in a real browser: what a user sees and does, on the shipped data.

One server and one Chromium serve the whole module; each test opens a fresh page. Tests
wait for what the page shows (selectors, texts, the address) and never for a fixed time.
Counts, years and values are worked out from data/ (the ``shipped`` fixture), never written
in, so adding a document changes no outcome here.
"""

from __future__ import annotations

import json
import math
import re
import urllib.request
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from dashboard.analysis.claims import restated
from dashboard.analysis.frame import Filters, apply_filters, figures_frame, funding_ratios
from dashboard.views.view import MAX_RATIOS
from dashboard.views.cards import CARD_LINES, Card, headline_cards
from dashboard.views.charts import BAR_TRACE_ROLE, CHARTS, build_chart
from dashboard.web import urlstate

ROWS = "#figures-table tbody tr.table-row"
SUMMARY = "#view-summary"
MODAL = ".dialog:not([hidden]) [role=dialog]"  # the source dialog, open
MARK = "#source-quote"


# --- helpers ---------------------------------------------------------------------------------


class Shipped:
    """What the served data holds, worked out with the same pure functions the app uses."""

    def __init__(self, dataset, config):
        self.dataset = dataset
        self.frame = figures_frame(dataset)
        self.default = urlstate.default_filters(dataset, config.defaults)
        self.page_size = config.table.page_size

    def view(self, **changes) -> Filters:
        return replace(self.default, **changes)

    def figures(self, filters: Filters | None = None):
        return apply_filters(self.frame, filters or self.default)

    def ids(self, filters: Filters | None = None) -> set[str]:
        """The figures the table shows: a restatement is shown on its figure's row, not its own."""
        figures = self.figures(filters)
        return set(figures["id"]) - set(restated(figures))

    def count(self, filters: Filters | None = None) -> int:
        return len(self.ids(filters))

    def first_page(self, filters: Filters | None = None, page_size: int | None = None) -> int:
        """How many rows the table's first page shows."""
        return min(self.count(filters), page_size or self.page_size)

    def cards(self, filters: Filters | None = None) -> dict[str, Card]:
        filters = filters or self.default
        # the lines the page holds: the card's first CARD_LINES by headline order, grouped by scope
        return {
            c.metric: c
            for c in headline_cards(self.figures(filters), self.dataset, filters, lines=CARD_LINES)
        }

    def value(self, figure_id: str) -> float:
        return float(self.frame.set_index("id").loc[figure_id, "value"])


@pytest.fixture(scope="module")
def shipped(shipped_dataset, config) -> Shipped:
    return Shipped(shipped_dataset, config)


def expect_cards(page, cards: dict[str, Card]) -> None:
    """Each card leads with the figure the view's headline order puts first, or says it is empty."""
    expect(page.locator(".headline-card")).to_have_count(len(cards))
    for metric, expected in cards.items():
        if expected.headline is None:
            expect(card(page, metric).locator(".card-empty")).to_have_text(expected.empty_message)
            expect(card(page, metric).locator(".card-line")).to_have_count(0)
        else:
            expect(card(page, metric).locator(".card-line.is-headline .card-value")).to_have_text(
                expected.headline.value_text
            )


def ready(page) -> None:
    """The page is drawn: every chart has its SVG and no callback is running. A chart is
    drawn when it comes near the screen (plotly-later.js): each is scrolled to in turn, then
    the page goes back to its top."""
    for name in CHARTS:
        draw_chart(page, name)
    page.evaluate("window.scrollTo(0, 0)")
    idle(page)


DRAWN_ONCE_SCROLLED_TO = """(selector) => {
  const box = document.querySelector(selector);
  if (!box) return false;
  if (box.querySelector('.main-svg')) return true;
  box.scrollIntoView({block: 'center', behavior: 'instant'});
  return false;
}"""


def draw_chart(page, name: str) -> None:
    """Scroll chart ``name`` into view and wait until plotly has drawn it."""
    selector = f"#chart-graph-{name}"
    page.wait_for_selector(selector)
    # As a reader scrolls on to a chart: the charts drawn on the way grow and push it further
    # down (the page scrolls smoothly), so scroll again until it is drawn. By the page's own
    # scrolling: Dash may replace the element meanwhile.
    page.wait_for_function(DRAWN_ONCE_SCROLLED_TO, arg=selector, polling=250)


def idle(page) -> None:
    """No Dash callback in flight (Dash marks the outputs it is waiting for)."""
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading]')")


def open_view(page, url: str) -> None:
    page.goto(url)
    ready(page)


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def data_version(server: str) -> str:
    """The version of the data served (``/status``): every address the page writes carries it."""
    with urllib.request.urlopen(server + "status", timeout=10) as response:
        return json.load(response)["data_version"]


def year_inputs(page):
    inputs = page.locator("#filter-years input")
    return inputs.nth(0), inputs.nth(1)


def set_years(page, year_from: int, year_to: int) -> None:
    """Type the years into the range's number boxes, as a keyboard user would."""
    first, last = year_inputs(page)
    for box, year in ((first, year_from), (last, year_to)):
        if box.input_value() != str(year):
            box.fill(str(year))
            box.press("Tab")
    expect(page.locator(SUMMARY)).to_contain_text(
        f"· {year_from if year_from == year_to else f'{year_from}–{year_to}'} ·"
    )
    idle(page)


def pick_programme(page, name: str) -> None:
    page.click("#filter-programmes")
    page.locator(".dash-dropdown-content").get_by_role("option", name=name, exact=True).click()
    if page.get_attribute("#filter-programmes", "aria-expanded") == "true":
        page.keyboard.press("Escape")
    expect(page.locator(SUMMARY)).to_contain_text(name)
    idle(page)


def table_ids(page) -> set[str]:
    return set(
        page.locator(ROWS).evaluate_all("rows => rows.map(r => r.getAttribute('data-figure'))")
    )


def click_middle(page, locator) -> None:
    """A real mouse click in the middle of a chart mark (plotly listens on a layer above it)."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def card(page, metric: str):
    return page.locator(f".headline-card[data-metric='{metric}']")


def assert_clean(page) -> None:
    assert page.console.problems() == [], page.console


# --- loading -----------------------------------------------------------------------------------


def test_the_page_loads_with_no_console_errors(page, server):
    open_view(page, server)
    expect(page.locator("h1")).to_have_text(
        "UK–Vietnam cooperation on migration and human trafficking"
    )
    assert_clean(page)


def test_every_chart_and_card_renders_with_its_source_and_text_alternative(page, server, shipped):
    open_view(page, server)
    expect_cards(page, shipped.cards())
    for line in shipped.cards()["funding"].lines[
        :CARD_LINES
    ]:  # each line shown says whether it was achieved or pledged
        expect(card(page, "funding")).to_contain_text(line.kind_label)
    for name, spec in CHARTS.items():
        panel = page.locator(f".chart-panel[data-chart='{name}']")
        expect(panel.locator(".chart-title")).to_have_text(spec.title)
        expect(panel.locator(".chart-footer")).to_contain_text("Source")
        expect(panel.locator(f"#chart-figure-{name}")).to_have_attribute("role", "img")
        expect(panel.locator(f"#chart-figure-{name}")).to_have_attribute("aria-label", spec.title)
        expect(panel.locator(f"#chart-alt-{name}")).to_contain_text(spec.title)
        marks = panel.locator(".bars .point, .scatterlayer .point")
        assert marks.count() > 0, f"{name} draws no bars or markers"
    expect(page.locator(ROWS)).to_have_count(shipped.first_page())
    assert_clean(page)


def test_qualified_values_keep_their_words_on_the_charts(page, server):
    open_view(page, server)
    funding = page.locator("#chart-graph-funding")
    expect(funding).to_contain_text("over £7m")
    expect(funding).to_contain_text("up to £1m (committed)")
    expect(page.locator(".chart-panel[data-chart='funding'] .chart-notes")).to_contain_text(
        "lower bound"
    )


# --- filters -------------------------------------------------------------------------------------


def test_a_2022_only_view_drops_the_returns_figure_and_the_2025_commitment(page, server, shipped):
    in_2022 = shipped.view(year_from=2022, year_to=2022)
    assert {
        "uk-returns-since-general-election",
        "joint-action-plan-funding-2025",
    } <= shipped.ids() - shipped.ids(in_2022)
    open_view(page, server)
    set_years(page, 2022, 2022)
    expect(page.locator(ROWS)).to_have_count(shipped.first_page(in_2022))
    assert table_ids(page) <= shipped.ids(in_2022)
    expect_cards(page, shipped.cards(in_2022))
    if not shipped.ids(replace(in_2022, metrics=("returns",))):
        expect(page.locator("#chart-graph-returns")).to_contain_text("No returns figures in 2022")
    funding_2022 = set(shipped.figures(replace(in_2022, metrics=("funding",)))["value_label"])
    if (
        "up to £1m" not in funding_2022
    ):  # the 2025 commitment is not drawn, unless a 2022 figure reads the same
        expect(page.locator("#chart-graph-funding")).not_to_contain_text("up to £1m")
    assert_clean(page)


def test_a_programme_filter_narrows_the_table(page, server, shipped):
    returns = shipped.view(programmes=("uk-returns",))
    open_view(page, server)
    pick_programme(page, "Returns of people with no right to be in the UK")
    expect(page.locator(ROWS)).to_have_count(shipped.first_page(returns))
    assert "uk-returns-since-general-election" in table_ids(page) <= shipped.ids(returns)
    expect(card(page, "funding")).to_contain_text("No funding figure")
    expect(page.locator("#ratios")).to_contain_text("nothing is divided")
    assert_clean(page)


def test_the_table_search_narrows_the_rows(page, server, shipped):
    """The rows holding every word searched for, worked out by the table's own pure search, so a
    document added later that also says "720 victims" changes the expectation, not the outcome."""
    from dashboard.views.table import TableIndex, TableQuery, table_page, table_rows

    index = TableIndex.of(table_rows(shipped.figures()))
    found = table_page(
        index, list(shipped.figures()["id"]), TableQuery(search="720 victims"), page_size=10_000
    )
    expected = {row["id"] for row in found.rows}
    assert (
        "msf-vietnam-victims-identified" in expected and len(expected) < shipped.count()
    )  # the search narrows
    open_view(page, server)
    page.fill("#figures-table-search", "720 victims")  # words of one figure's quote
    expect(page.locator(ROWS)).to_have_count(min(len(expected), shipped.page_size))
    assert table_ids(page) <= expected


def test_the_url_reflects_the_filters_and_reloading_restores_them(page, server, shipped):
    view = shipped.view(year_from=2024, year_to=2025, programmes=("modern-slavery-fund-vietnam",))
    open_view(page, server)
    set_years(page, 2024, 2025)
    pick_programme(page, "Modern Slavery Fund in Vietnam")
    assert query(page) == {
        "year_from": ["2024"],
        "year_to": ["2025"],
        "programme": ["modern-slavery-fund-vietnam"],
        "v": [data_version(server)],
    }
    # a reload aborts a callback still in flight (a console problem): the view's table first, then
    # no callback waiting (networkidle returns at once once the page has loaded)
    expect(page.locator(ROWS)).to_have_count(shipped.first_page(view))
    idle(page)
    page.reload()
    ready(page)
    first, last = year_inputs(page)
    expect(first).to_have_value("2024")
    expect(last).to_have_value("2025")
    expect(page.locator("#filter-programmes")).to_contain_text("Modern Slavery Fund in Vietnam")
    expect(page.locator(ROWS)).to_have_count(shipped.first_page(view))
    assert_clean(page)


def test_a_shared_link_opens_its_view(page, server, shipped):
    open_view(page, server + "?year_from=2022&year_to=2022&metric=victims_identified")
    expect(page.locator(SUMMARY)).to_contain_text("· 2022 · all programmes · Victims identified")
    view = shipped.view(year_from=2022, year_to=2022, metrics=("victims_identified",))
    expect(page.locator(ROWS)).to_have_count(shipped.first_page(view))
    assert "msf-vietnam-victims-identified" in table_ids(page) <= shipped.ids(view)
    expect(page.locator("#filter-metric")).to_contain_text("Victims identified")
    assert page.evaluate("history.length") <= 2, "opening a link must not add history entries"


RECORD_SHOWN = """
    window.__shown = [];
    new MutationObserver(() => {
        const summary = document.getElementById("view-summary");
        const cards = document.getElementById("cards");
        if (summary) { window.__shown.push(summary.textContent + " | " + (cards ? cards.textContent : "")); }
    }).observe(document, {subtree: true, childList: true, characterData: true});
"""


def test_a_shared_link_never_shows_another_views_numbers_not_even_at_first(page, server):
    """Every state of the summary and cards the browser ever drew, from the first paint on,
    is the linked view's: the page never shows the default view's numbers first."""
    page.add_init_script(RECORD_SHOWN)
    open_view(page, server + "?year_from=2022&year_to=2022")
    final = page.evaluate(
        "() => document.getElementById('view-summary').textContent + ' | ' + document.getElementById('cards').textContent"
    )
    assert "· 2022 ·" in final
    shown = page.evaluate("window.__shown")
    assert shown, "the observer saw nothing"
    assert set(shown) == {final}, f"other numbers drawn first: {sorted(set(shown) - {final})}"


def test_the_back_button_restores_the_previous_filters(page, server, shipped):
    first, last = shipped.default.year_from, shipped.default.year_to
    open_view(page, server)
    set_years(page, 2022, last)
    set_years(page, 2022, 2022)
    version = [data_version(server)]
    assert query(page) == {"year_from": ["2022"], "year_to": ["2022"], "v": version}
    page.go_back()
    expect(page.locator(SUMMARY)).to_contain_text(f"· 2022–{last} ·")
    assert query(page) == {"year_from": ["2022"], "v": version}
    expect(year_inputs(page)[1]).to_have_value(str(last))
    page.go_back()
    expect(page.locator(SUMMARY)).to_contain_text(f"· {first}–{last} ·")
    expect(page.locator(ROWS)).to_have_count(shipped.first_page())
    assert_clean(page)


def test_enter_in_a_year_box_applies_it_and_a_following_reset_still_wins(page, server, shipped):
    start, end = shipped.default.year_from, shipped.default.year_to
    open_view(page, server)
    first, _ = year_inputs(page)
    first.fill("2022")
    first.press("Enter")
    expect(page.locator(SUMMARY)).to_contain_text(f"· 2022–{end} ·")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "First year"
    page.click("#filter-reset")
    expect(page.locator(SUMMARY)).to_contain_text(f"· {start}–{end} ·")
    idle(page)
    expect(first).to_have_value(str(start))
    expect(page.locator(SUMMARY)).to_contain_text(f"· {start}–{end} ·")


def test_reset_returns_to_the_default_view_and_an_address_of_its_data_version_alone(
    page, server, shipped
):
    open_view(page, server + "?year_from=2024&programme=uk-returns")
    expect(page.locator(ROWS)).to_have_count(
        shipped.first_page(shipped.view(year_from=2024, programmes=("uk-returns",)))
    )
    page.click("#filter-reset")
    expect(page.locator(ROWS)).to_have_count(shipped.first_page())
    page.wait_for_function("(v) => location.search === '?v=' + v", arg=data_version(server))
    expect(year_inputs(page)[0]).to_have_value(str(shipped.default.year_from))


def test_a_forged_out_of_range_year_from_falls_back_to_the_defaults(page, server, shipped):
    first = shipped.default.year_from
    open_view(
        page, server + "?year_from=1066&year_to=2024&programme=uk-returns&programme=%3Cscript%3E"
    )
    expect(page.locator(SUMMARY)).to_contain_text(
        f"· {first}–2024 · Returns of people with no right to be in the UK ·"
    )
    expect(year_inputs(page)[0]).to_have_value(str(first))
    expect(year_inputs(page)[1]).to_have_value("2024")
    expect(page.locator(ROWS)).to_have_count(
        shipped.first_page(shipped.view(year_to=2024, programmes=("uk-returns",)))
    )
    assert_clean(page)


def test_an_empty_selection_shows_messages_not_blank_axes(page, server):
    open_view(page, server + "?programme=migration-dialogue&metric=returns")
    expect(page.locator(".figures-table")).to_contain_text("No figures match these filters")
    expect(page.locator("#figures-table-count")).to_have_text("No figures match these filters.")
    for name in ("funding", "people", "returns"):
        graph = page.locator(f"#chart-graph-{name}")
        expect(graph).to_contain_text("No ")
        expect(graph.locator(".xtick")).to_have_count(0)
    expect(card(page, "returns").locator(".card-empty")).to_contain_text(
        "No "
    )  # the chosen metric's card, saying so
    expect(page.locator(".headline-card")).to_have_count(
        1
    )  # and no empty card for a metric not chosen (issue 8)


# --- provenance ------------------------------------------------------------------------------------


def expect_source(page, quote: str, title: str) -> None:
    modal = page.locator(MODAL)
    expect(modal).to_be_visible()
    expect(modal.locator("mark")).to_have_count(1)
    expect(modal.locator(MARK)).to_have_text(quote)
    expect(modal.locator(MARK)).to_be_in_viewport()
    expect(modal).to_contain_text(title)


def test_a_click_on_a_bar_shows_its_quote_highlighted_in_the_source(page, server, shipped, config):
    figures = shipped.figures()
    chart = build_chart(
        "returns", figures, figures.iloc[0:0], shipped.dataset, config.theme, shipped.default
    )
    first = next(t for t in chart.data if (t.meta or {}).get("role") == BAR_TRACE_ROLE).customdata[
        0
    ][0]
    figure = shipped.dataset.figure(first)  # the figure the first bar draws
    open_view(page, server)
    click_middle(page, page.locator("#chart-graph-returns .bars .point path").first)
    expect_source(page, figure.quote, shipped.dataset.source(figure.source).title)
    if (
        figure.period.start_basis
    ):  # how the start date was derived ("the general election of 4 July 2024")
        expect(page.locator(MODAL)).to_contain_text(figure.period.start_basis)
    assert_clean(page)


def test_a_click_on_a_table_row_shows_its_quote_highlighted_in_the_source(page, server):
    open_view(
        page, server + "?metric=migrants_educated"
    )  # its row is on the first page however many figures there are
    page.locator(f"{ROWS}[data-figure='msf-vietnam-migrants-educated'] td").first.click()
    expect_source(
        page, "educated 1,936 aspiring migrants to the risks of human trafficking", "Home Office"
    )
    page.get_by_role("button", name="Close").last.click()
    expect(page.locator(MODAL)).to_have_count(0)


def focused(page) -> str:
    """What has the keyboard focus: ``tag[data-col]`` inside the table, else ``outside:<id>``."""
    return page.evaluate("""() => {
        const el = document.activeElement, cell = el.closest('th, td');
        if (!el.closest('#figures-table')) { return 'outside:' + el.id; }
        return el.tagName.toLowerCase() + ':' + cell.dataset.col + ':' + (el.closest('tr').dataset.figure || 'head');
    }""")


def test_the_table_is_one_tab_stop_with_arrow_keys_inside_and_enter_opens_a_rows_source(
    page, server, shipped
):
    open_view(page, server)
    page.locator("#figures-table-search").focus()
    page.keyboard.press("Tab")
    assert focused(page) == "button:metric:head"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowRight")
    second = page.locator(ROWS).nth(1).get_attribute("data-figure")
    assert focused(page) == f"td:programme:{second}"
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    figure = shipped.dataset.figure(second)
    expect_source(page, figure.quote, shipped.dataset.source(figure.source).publisher)
    page.keyboard.press("Escape")
    expect(page.locator(MODAL)).to_have_count(0)


def test_one_tab_leaves_the_table_and_shift_tab_comes_back_to_the_same_cell(page, server):
    open_view(page, server)
    page.locator("#figures-table-search").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("End")
    page.keyboard.press("ArrowDown")
    here = focused(page)
    assert here.startswith("td:quote:")
    page.keyboard.press("Tab")
    assert focused(page).startswith("outside:")
    page.keyboard.press("Shift+Tab")
    assert focused(page) == here


def test_enter_on_a_header_sorts_the_table(page, server):
    open_view(page, server)
    page.locator("#figures-table-search").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    expect(page.locator("#figures-table th[data-col='value']")).to_have_attribute(
        "aria-sort", "ascending"
    )
    assert focused(page) == "button:value:head"


def test_funding_per_person_keeps_its_bounds_and_each_figure_opens_its_source(
    page, server, shipped
):
    open_view(page, server + "?programme=modern-slavery-fund-vietnam")
    ratios = page.locator("#ratios .ratio-line")
    figures = shipped.figures(shipped.view(programmes=("modern-slavery-fund-vietnam",)))
    expected = funding_ratios(figures, shipped.dataset)[
        :MAX_RATIOS
    ]  # worked out as the page does, bounds and all
    assert expected, "the fund's funding and counts of people make a ratio"
    expect(ratios).to_have_count(len(expected))
    for i, ratio in enumerate(
        expected
    ):  # "over £9,722 per victim identified", "no bound either way: …"
        expect(ratios.nth(i).locator(".ratio-value")).to_have_text(ratio.text)
    first = expected[0]
    ratios.nth(0).get_by_role("button", name=first.denominator_text).click()
    person = shipped.dataset.figure(first.denominator)
    expect_source(page, person.quote, shipped.dataset.source(person.source).title)
    assert_clean(page)


def test_a_timeline_marker_opens_the_event_in_its_source(page, server):
    open_view(page, server + "?programme=migration-dialogue&year_from=2022&year_to=2022")
    click_middle(page, page.locator("#chart-graph-timeline .scatterlayer .point").first)
    expect_source(
        page,
        "The first UK – Vietnam Migration Dialogue was held in Hanoi on August 15, 2022",
        "Migration Dialogue",
    )


def test_a_card_opens_its_source_from_the_keyboard_and_escape_closes_it(page, server, shipped):
    headline = shipped.cards()["victims_identified"].headline
    figure = shipped.dataset.figure(
        headline.figure_id
    )  # the card's first line, whichever document states it
    open_view(page, server)
    line = card(page, "victims_identified").locator(".card-line").first
    line.focus()
    page.keyboard.press("Enter")
    expect_source(page, figure.quote, shipped.dataset.source(figure.source).title)
    page.keyboard.press("Escape")
    expect(page.locator(MODAL)).to_have_count(0)
    assert_clean(page)


def test_focus_is_visible_on_the_filters_and_buttons(page, server):
    open_view(page, server)
    page.locator("#filter-reset").focus()
    outline = page.locator("#filter-reset").evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline == "solid"


def test_the_open_dropdowns_highlighted_option_is_marked_by_more_than_colour(page, server):
    open_view(page, server)
    page.locator("#filter-programmes").focus()
    page.keyboard.press("ArrowDown")  # opens the list
    page.wait_for_selector(".dash-dropdown-content .dash-options-list-option")
    page.keyboard.press("ArrowDown")
    option = page.locator(".dash-dropdown-content .dash-options-list-option:focus-within")
    expect(option).to_have_count(1)
    assert option.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    page.keyboard.press("Escape")


# --- robustness ---------------------------------------------------------------------------------------


def test_forged_callback_payloads_get_an_answer_not_a_server_error(server):
    """POST what a hostile client could send to the filter callbacks; the server must answer."""
    dependencies = json.loads(urllib.request.urlopen(server + "_dash-dependencies").read())
    filter_callbacks = [
        d
        for d in dependencies
        if any(
            o in d["output"]
            for o in ("cards.children", "url.search", "figures-table-body.children")
        )
    ]
    assert len(filter_callbacks) == 3
    forged_values = [None, "2022", [2030, 1990], {"$gt": ""}, ["x"] * 5000, 10**30, [True, "a"]]
    for dependency in filter_callbacks:
        outputs = [o.rsplit(".", 1) for o in dependency["output"].strip(".").split("...")]
        for value in forged_values:
            body = {
                "output": dependency["output"],
                "outputs": [{"id": i, "property": p} for i, p in outputs],
                "inputs": [
                    {"id": i["id"], "property": i["property"], "value": value}
                    for i in dependency["inputs"]
                ],
                "changedPropIds": [f"{i['id']}.{i['property']}" for i in dependency["inputs"]],
                "state": [
                    {"id": i["id"], "property": i["property"], "value": value}
                    for i in dependency.get("state", [])
                ],
            }
            request = urllib.request.Request(
                server + "_dash-update-component",
                data=json.dumps(body).encode(),
                headers={"Content-Type": "application/json"},
            )
            try:
                with urllib.request.urlopen(request) as response:
                    assert response.status in (200, 204)
            except (
                urllib.error.HTTPError
            ) as refused:  # e.g. 413 for 5,000 values in every input: an answer, not a 500
                assert 400 <= refused.code < 500, refused


CUT_TEXT = """() => Array.from(document.querySelectorAll(
    '#figures-table td, #figures-table th, .table-pager button, .card-line span, .filter-label, h1, h2, h3'
)).filter(e => !e.closest('.visually-hidden') && e.getClientRects().length && e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.slice(0, 40))"""


CHARTS_WIDER_THAN_THEIR_BOX = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).filter(g => {
  const svg = g.querySelector('.main-svg');
  return svg && Math.abs(svg.getBoundingClientRect().width - g.getBoundingClientRect().width) > 1;
}).map(g => g.closest('[id]') ? g.closest('[id]').id : '?')"""


YEAR_LABELS_TOUCHING = """() => {
  const shown = Array.from(document.querySelectorAll('.filter-years div.dash-slider-mark'))
    .filter(m => getComputedStyle(m).visibility !== 'hidden' && m.textContent);
  const touching = [];
  for (let i = 1; i < shown.length; i++) {
    if (shown[i].getBoundingClientRect().left < shown[i - 1].getBoundingClientRect().right + 2) {
      touching.push(shown[i - 1].textContent + shown[i].textContent);
    }
  }
  return touching;
}"""


@pytest.mark.parametrize("width", [390, 768, 1280, 1366, 1920])
def test_the_year_labels_under_the_slider_never_run_together(new_page, server, width):
    page = new_page(width, 900)
    open_view(page, server)
    page.wait_for_function(
        f"() => ({YEAR_LABELS_TOUCHING})().length === 0", polling=250, timeout=5_000
    )
    assert_clean(page)


WORDS_WIDER_THAN_THEIR_CELL = """() => {
  const out = [];
  const probe = document.createElement('span');
  probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
  document.body.appendChild(probe);
  document.querySelectorAll('#figures-table td').forEach(td => {
    const style = getComputedStyle(td);
    const inner = td.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    probe.style.font = style.font;
    for (const word of td.innerText.split(/[\\s\\u00a0]+/)) {
      for (const part of word.split(/(?<=[-\\u2010\\u2013\\/])/)) {  // the browser may break after these
        probe.textContent = part;
        if (part && probe.getBoundingClientRect().width > inner + 1) out.push(td.dataset.col + ': ' + part);
      }
    }
  });
  probe.remove();
  return out;
}"""


@pytest.mark.parametrize("width", [1280, 1366])
@pytest.mark.parametrize("served", ["server", "crowded_server"])
def test_the_table_breaks_lines_between_words_not_inside_them(new_page, request, served, width):
    page = new_page(width, 900)
    open_view(page, request.getfixturevalue(served))
    assert page.evaluate(WORDS_WIDER_THAN_THEIR_CELL) == []
    assert (
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        <= 0
    )
    assert_clean(page)


def test_charts_follow_the_window_when_it_is_resized(new_page, server):
    page = new_page(1440, 900)
    open_view(page, server)
    for width in (390, 1280, 1440, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_function(f"() => ({CHARTS_WIDER_THAN_THEIR_BOX})().length === 0", polling=250)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (
            f"the page scrolls sideways by {overflow} px after resizing to {width} px"
        )
    assert_clean(page)


@pytest.mark.parametrize("width", [390, 768, 1280, 1366, 1920])
def test_no_sideways_scroll_and_no_cut_text_at_each_designed_width(new_page, server, width):
    page = new_page(width, 1000)
    open_view(page, server)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    assert page.evaluate(CUT_TEXT) == []
    quote = page.locator(f"{ROWS} td[data-col='quote']").first
    assert (
        quote.evaluate("e => getComputedStyle(e).whiteSpace") == "normal"
    )  # the quote wraps, whole
    for name in CHARTS:
        panel = page.locator(f".chart-panel[data-chart='{name}']").bounding_box()
        svg = page.locator(f"#chart-graph-{name} .main-svg").first.bounding_box()
        assert svg["x"] + svg["width"] <= panel["x"] + panel["width"] + 1, (
            f"{name} chart wider than its panel"
        )
    assert_clean(page)


def test_the_csv_download_holds_the_filtered_figures(page, server, shipped):
    open_view(page, server + "?programme=uk-returns")
    with page.expect_download() as info:
        page.click("#download-view-csv")
    content = open(info.value.path(), encoding="utf-8-sig").read()
    lines = content.strip().splitlines()
    assert lines[0].startswith("id,programme,metric,value")
    ids = {line.split(",", 1)[0] for line in lines[1:]}
    assert len(lines) == 1 + shipped.count(shipped.view(programmes=("uk-returns",)))
    assert (
        ids == shipped.ids(shipped.view(programmes=("uk-returns",)))
        and "uk-returns-since-general-election" in ids
    )


def test_the_table_shows_and_searches_programme_names_not_their_codes(page, server, shipped):
    """ "Border" is in the summit programme's name, not its code's form: the rows holding it are
    worked out by the table's own pure search (a document added later may say it too)."""
    from dashboard.views.table import TableIndex, TableQuery, table_page, table_rows

    index = TableIndex.of(table_rows(shipped.figures()))
    found = table_page(index, sorted(shipped.ids()), TableQuery(search="Border"), page_size=10_000)
    expected = {row["id"] for row in found.rows}
    assert "border-security-summit-partners" in expected
    open_view(page, server)
    page.fill("#figures-table-search", "Border")
    expect(page.locator(ROWS)).to_have_count(min(len(expected), shipped.page_size))
    assert table_ids(page) <= expected
    summit = page.locator(
        f"{ROWS}[data-figure='border-security-summit-partners'] td[data-col='programme']"
    )
    expect(summit).to_have_text(
        shipped.dataset.programme("border-security-summit").name
    )  # the name, not the code


# --- the table's pages: the server sends one page at a time ----------------------------------------


def page_label(page):
    return page.locator("#table-page-label")


PAGED = 3  # rows a page on the ``paged_server``


def test_the_pager_walks_through_the_pages_of_the_view(page, paged_server, shipped):
    total = shipped.count()
    pages = math.ceil(total / PAGED)
    assert pages >= 3, "the pager test needs at least three pages of shipped figures"
    open_view(page, paged_server)
    expect(page.locator("#figures-table-count")).to_have_text(
        f"1–3 of {total} figures in this view"
    )
    expect(page_label(page)).to_have_text(f"Page 1 of {pages}")
    expect(page.get_by_role("button", name="Previous page")).to_be_disabled()
    first = table_ids(page)
    page.get_by_role("button", name="Next page").click()
    expect(page_label(page)).to_have_text(f"Page 2 of {pages}")
    expect(page.locator("#figures-table-count")).to_have_text(
        f"4–6 of {total} figures in this view"
    )
    assert len(table_ids(page)) == 3 and not table_ids(page) & first
    page.get_by_role("button", name="Last page").click()
    expect(page_label(page)).to_have_text(f"Page {pages} of {pages}")
    expect(page.locator(ROWS)).to_have_count(total - PAGED * (pages - 1))
    expect(page.get_by_role("button", name="Next page")).to_be_disabled()
    page.get_by_role("button", name="First page").click()
    expect(page_label(page)).to_have_text(f"Page 1 of {pages}")
    assert table_ids(page) == first
    assert_clean(page)


def test_sorting_a_column_orders_the_whole_view_not_only_the_page(page, paged_server, shipped):
    figures = shipped.figures()
    figures = figures[
        figures["id"].isin(shipped.ids())
    ]  # the rows the table holds (a restatement is on its figure's)
    values = sorted(figures["value"], reverse=True)

    def expect_first_row_worth(value: float) -> None:  # waits for the server's page to arrive
        ids = "|".join(re.escape(i) for i in figures.loc[figures["value"] == value, "id"])
        expect(page.locator(ROWS).first).to_have_attribute("data-figure", re.compile(f"^({ids})$"))

    open_view(page, paged_server)
    header = page.locator("#figures-table th[data-col='value']")
    header.locator("button").click()  # ascending
    expect(header).to_have_attribute("aria-sort", "ascending")
    header.locator("button").click()  # descending
    expect(header).to_have_attribute("aria-sort", "descending")
    expect(page.locator(ROWS)).to_have_count(PAGED)
    expect_first_row_worth(values[0])
    # the largest values of all the view's figures, not only of the first page's
    shown = [
        shipped.value(i)
        for i in page.locator(ROWS).evaluate_all("rows => rows.map(r => r.dataset.figure)")
    ]
    assert shown == values[:PAGED]
    page.get_by_role("button", name="Next page").click()
    expect(page_label(page)).to_contain_text("Page 2 of")
    expect_first_row_worth(values[PAGED])
    shown = [
        shipped.value(i)
        for i in page.locator(ROWS).evaluate_all("rows => rows.map(r => r.dataset.figure)")
    ]
    assert shown == values[PAGED : 2 * PAGED]
    assert_clean(page)


def test_a_filter_change_goes_back_to_the_first_page(page, paged_server, shipped):
    in_2022 = shipped.count(shipped.view(year_from=2022, year_to=2022))
    open_view(page, paged_server)
    page.get_by_role("button", name="Next page").click()
    expect(page_label(page)).to_have_text(f"Page 2 of {math.ceil(shipped.count() / PAGED)}")
    set_years(page, 2022, 2022)
    expect(page_label(page)).to_have_text(f"Page 1 of {math.ceil(in_2022 / PAGED)}")
    expect(page.locator("#figures-table-count")).to_have_text(
        f"1–{min(PAGED, in_2022)} of {in_2022} figures in this view"
    )
