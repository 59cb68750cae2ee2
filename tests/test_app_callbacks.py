"""What the page does on each user action, checked through the pure functions its callbacks call."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from dash import html, no_update

from dashboard.web import callbacks as cb, urlstate
from dashboard.web import state as st
from dashboard.web.app import app_state, create_app
from dashboard.views.charts import CHARTS, EMPTY_MESSAGE_NAME, as_figure
from dashboard.config import TableSettings, load_config
from dashboard.analysis.frame import Filters, year_span
from dashboard.outputs.formats import of_kind
from dashboard.web.layout import (
    ID,
    chart_dom_id,
    chart_download_id,
    render_ratios,
    view_download_id,
)
from dashboard.web.provenance import EVENT, FIGURE
from dashboard.views.table import Sort, TableQuery
from dashboard.curated.validate import load_valid
from components import texts, walk  # tests/components.py

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample"  # fictional: see its README


@pytest.fixture(scope="module")
def app():
    return create_app(
        load_valid(SAMPLE / "data", SAMPLE / "seeds"),
        load_config(ROOT / "config.yaml"),
        SAMPLE / "seeds",
    )


@pytest.fixture(scope="module")
def state(app):
    return app_state(app)


def view_of(state, **changes) -> st.View:
    filters = Filters(**{**state.defaults.__dict__, **changes})
    return st.compute_view(state, filters)


def ids(view: st.View) -> set[str]:
    return set(view.figures["id"])


def sort_click(column) -> dict:
    """The id Dash reports when ``column``'s header button is clicked."""
    return {"type": ID.TABLE_SORT, "column": column}


def table_after(state, trigger, filters=None, search=None, shown=None):
    """The table page ``update_table`` sends after ``trigger`` fired (None: nothing changes)."""
    return cb.table_update(state, [trigger], filters or state.defaults, search, shown)


# --- the default view ---------------------------------------------------------------------


def test_the_default_view_shows_every_figure_in_the_table(state):
    view = state.default_view
    table = st.first_table_page(state, view)
    assert len(table.rows) == len(state.dataset.figures) == 8
    assert table.status == "8 figures in this view"
    assert (
        view.summary == "Showing 8 figures and 9 events · 2018–2026 · all programmes · all metrics"
    )


def test_the_table_keeps_numbers_as_numbers_and_shows_the_qualified_text(state):
    row = state.table.rows["msf-ruritania-funding-since-2018"]
    assert row["value"] == 7_000_000.0
    assert row["value_label"] == "over £7m"
    assert row["qualifier"] == "“over”: the source gives a lower bound"
    assert row["period_label"] == "2018 – Mar 2025, cumulative"
    assert row["kind"] == "Reported (achieved)"
    assert (
        row["source"]
        == "UK and Ruritania sign agreement to tackle human trafficking — Ministry of Examples, Apr 2025 (inferred)"
    )  # the article prints no date
    assert row["quote"] == "Since 2018 the UK has invested over £7 million"


def test_an_exact_figure_reads_exact_in_the_table(state):
    assert state.table.rows["msf-ruritania-victims-identified"]["qualifier"] == "Exact"


def test_every_chart_has_a_footer_naming_its_source_and_a_text_alternative(state):
    for name in CHARTS:
        chart = state.default_view.charts[name]
        assert chart.footer.startswith("Source")
        assert "Ministry of Examples" in chart.footer or "Migration Dialogue" in chart.footer
        assert chart.alt.startswith(CHARTS[name].title)


def test_every_headline_card_shows_a_value_in_the_default_view(state):
    cards = {c.metric: c for c in state.default_view.cards}
    assert cards["funding"].lines[0].value_text == "over £7m"
    assert cards["victims_identified"].lines[0].value_text == "720"
    assert cards["people_reached"].lines[0].value_text == "over 7 million"
    assert cards["returns"].lines[0].value_text == "more than 24,000"


# --- filters ---------------------------------------------------------------------------------


def test_a_2022_only_view_drops_the_returns_figure_and_the_2025_commitments(state):
    view = view_of(state, year_from=2022, year_to=2022)
    assert "uk-returns-since-general-election" not in ids(view)
    assert "joint-action-plan-funding-2025" not in ids(view)
    assert "msf-ruritania-funding-since-2018" in ids(view)
    cards = {c.metric: c for c in view.cards}
    assert cards["returns"].lines == ()
    assert cards["returns"].empty_message.startswith("No returns figure in 2022")
    assert [line.value_text for line in cards["funding"].lines] == ["over £7m"]


def test_a_2022_only_view_says_so_in_its_summary_and_keeps_the_dialogue_held_that_year(state):
    view = view_of(state, year_from=2022, year_to=2022)
    assert view.summary.startswith("Showing 4 figures and 1 event · 2022 ·")
    assert view.events["id"].tolist() == ["migration-dialogue-1"]


def test_a_programme_filter_narrows_the_table(state):
    filters = Filters(**{**state.defaults.__dict__, "programmes": ("uk-returns",)})
    assert ids(st.compute_view(state, filters)) == {"uk-returns-since-general-election"}
    table = table_after(state, ID.PROGRAMMES, filters)
    assert [row["id"] for row in table.rows] == ["uk-returns-since-general-election"]
    assert table.status == "1 figure in this view"


def test_an_empty_view_says_so_in_the_table_cards_and_charts(state):
    filters = Filters(
        **{
            **state.defaults.__dict__,
            "programmes": ("migration-dialogue",),
            "metrics": ("returns",),
        }
    )
    view = st.compute_view(state, filters)
    table = table_after(state, ID.METRIC, filters)
    assert table.rows == []
    assert table.status == "No figures match these filters."
    assert view.cards and all(card.empty_message for card in view.cards)
    returns = view.charts["returns"]
    assert returns.footer == ""
    assert [a.name for a in as_figure(returns.spec).layout.annotations].count(
        EMPTY_MESSAGE_NAME
    ) == 1
    assert view.charts["returns"].alt.startswith("Returns: No returns figures")


def shape(values, declared):
    """The names of ``values`` where ``declared`` (a callback's named outputs) has names."""
    if not isinstance(declared, dict):
        return "a value"
    if not isinstance(values, dict) or values.keys() != declared.keys():
        return sorted(values) if isinstance(values, dict) else "not named"
    return {name: shape(values[name], declared[name]) for name in declared}


def test_the_view_outputs_fill_every_output_of_the_view_callback_by_name(state):
    outputs = cb.view_outputs(state.default_view)
    assert shape(outputs, cb.VIEW_OUTPUTS) == shape(cb.VIEW_OUTPUTS, cb.VIEW_OUTPUTS)
    assert outputs["summary"] == state.default_view.summary
    for name in CHARTS:
        assert outputs["charts"][name]["alt"] == state.default_view.charts[name].alt


def test_the_table_outputs_fill_every_output_of_the_table_callback_by_name(state):
    outputs = cb.table_outputs(st.first_table_page(state, state.default_view))
    assert shape(outputs, cb.TABLE_OUTPUTS) == shape(cb.TABLE_OUTPUTS, cb.TABLE_OUTPUTS)
    assert outputs["disabled"][ID.PAGE_PREVIOUS] is True  # the first page has none before it


def test_a_filter_change_sends_the_first_page_of_the_new_view(state):
    shown = st.first_table_page(state, state.default_view).query.to_store()
    filters = Filters(**{**state.defaults.__dict__, "year_from": 2022, "year_to": 2022})
    table = table_after(state, ID.YEARS, filters, shown={**shown, "page": 3})
    assert table.query.page == 0
    assert {row["id"] for row in table.rows} == ids(view_of(state, year_from=2022, year_to=2022))


def test_a_search_in_the_table_keeps_the_rows_holding_every_word(state):
    table = table_after(state, ID.TABLE_SEARCH, search="  VICTIMS identified ")
    assert [row["id"] for row in table.rows] == ["msf-ruritania-victims-identified"]
    assert table.status == "1 figure matching “VICTIMS identified” (of 8 figures in this view)"


def test_a_search_finds_programme_names_and_formatted_values(state):
    assert [r["id"] for r in table_after(state, ID.TABLE_SEARCH, search="border").rows] == [
        "border-security-summit-partners"
    ]
    assert [r["id"] for r in table_after(state, ID.TABLE_SEARCH, search="£7m").rows] == [
        "msf-ruritania-funding-since-2018"
    ]


def test_a_search_with_no_match_says_what_was_searched(state):
    table = table_after(state, ID.TABLE_SEARCH, search="zebra")
    assert table.rows == []
    assert table.status == "No figures matching “zebra” among the 8 figures in this view."


def test_clicking_the_value_header_twice_sorts_every_row_by_number_largest_first(state):
    ascending = table_after(state, sort_click("value"))
    descending = table_after(state, sort_click("value"), shown=ascending.query.to_store())
    values = [row["value"] for row in descending.rows]
    assert values == sorted(values, reverse=True)
    assert [row["value"] for row in ascending.rows] == sorted(values)
    # £7m and 7 million people tie at 7,000,000: ties keep the view's order
    assert [row["id"] for row in descending.rows[:2]] == [
        "msf-ruritania-funding-since-2018",
        "msf-ruritania-people-reached",
    ]
    again = table_after(state, sort_click("value"), shown=descending.query.to_store())
    assert (
        again.query.sort is None
        and again.rows == st.first_table_page(state, state.default_view).rows
    )


def test_a_sort_goes_back_to_page_one_and_a_filter_change_keeps_the_sort(state):
    paged = st.AppState(
        **{**state.__dict__, "config": replace(state.config, table=TableSettings(page_size=3))}
    )
    shown = {"search": "", "sort": None, "page": 1}
    assert table_after(paged, sort_click("metric"), shown=shown).query == TableQuery(
        sort=Sort("metric"), page=0
    )
    sorted_shown = {"search": "", "sort": ["value", True], "page": 1}
    after = table_after(paged, ID.PROGRAMMES, shown=sorted_shown)
    assert after.query == TableQuery(sort=Sort("value", descending=True), page=0)


def test_a_header_click_with_a_filter_change_still_filters(state):
    """A shared link sets the filters while a header is clicked: both fire at once."""
    shown = st.first_table_page(state, state.default_view).query.to_store()
    filters = Filters(**{**state.defaults.__dict__, "programmes": ("uk-returns",)})
    table = cb.table_update(state, [sort_click("value"), ID.PROGRAMMES], filters, None, shown)
    assert [row["id"] for row in table.rows] == ["uk-returns-since-general-election"]


def test_a_pager_button_moves_one_page_from_the_page_shown(state):
    paged = st.AppState(
        **{**state.__dict__, "config": replace(state.config, table=TableSettings(page_size=3))}
    )
    shown = {"search": "", "sort": None, "page": 1}
    moves = {ID.PAGE_NEXT: 2, ID.PAGE_PREVIOUS: 0, ID.PAGE_FIRST: 0, ID.PAGE_LAST: 2}
    for button, page in moves.items():
        table = cb.table_update(paged, [button], state.defaults, None, shown)
        assert table.query.page == page, button
    last = cb.table_update(paged, [ID.PAGE_NEXT], state.defaults, None, {**shown, "page": 2})
    assert last.query.page == 2 and [r["id"] for r in last.rows] == [
        r["id"] for r in cb.table_update(paged, [ID.PAGE_LAST], state.defaults, None, shown).rows
    ]


def test_forged_table_inputs_give_the_first_page_of_the_view(state):
    forged = [
        None,
        ["x"],
        10**30,
        {"$gt": ""},
        [{"type": "table-sort", "column": "__proto__"}],
        [{"type": "table-sort"}],
        [1, 2],
        True,
    ]
    for value in forged:
        table = cb.table_update(state, value, state.defaults, value, value)
        assert len(table.rows) == 8
        assert table.query.page == 0


def test_a_figure_is_sent_as_plotly_would_send_it(state):
    from dash._utils import to_json

    for chart in state.default_view.charts.values():
        sent = json.loads(to_json(cb.figure_payload(chart.spec)))  # what the page sends
        assert sent == _decoded(json.loads(to_json(as_figure(chart.spec).to_plotly_json())))


def _decoded(value):
    """plotly's typed arrays (``{"dtype": "f8", "bdata": …}``) as plain lists, as plotly.js reads them."""
    import base64

    import numpy as np

    if isinstance(value, dict) and set(value) >= {"dtype", "bdata"}:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        return array.reshape(value["shape"]).tolist() if "shape" in value else array.tolist()
    if isinstance(value, dict):
        return {k: _decoded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decoded(v) for v in value]
    return value


# --- URL ⇄ controls ----------------------------------------------------------------------------


DEFAULT_CONTROLS = ([2018, 2026], [], "all", [], None)
NO_NOTICE, DATA_SPAN = "", (2018, 2026)  # the sample data's years


def test_opening_a_link_sets_the_controls_and_leaves_the_link_alone(state):
    sync = cb.url_sync(
        state, ID.URL, "?year_from=2022&year_to=2022&programme=uk-returns", *DEFAULT_CONTROLS
    )
    assert sync == cb.UrlSync(
        None, ([2022, 2022], ["uk-returns"], "all", [], None), NO_NOTICE, DATA_SPAN, since_set=True
    )


def test_opening_the_bare_address_changes_nothing(state):
    assert cb.url_sync(state, None, "", *DEFAULT_CONTROLS) == cb.UrlSync(
        None, None, NO_NOTICE, DATA_SPAN
    )


def test_a_forged_year_in_a_link_shows_the_default_years_and_says_so(state):
    sync = cb.url_sync(state, ID.URL, "?year_from=1066", [2022, 2022], [], "all")
    assert sync.controls == DEFAULT_CONTROLS
    assert sync.search is None
    assert "year_from=1066: not a year" in sync.notice


def test_a_link_for_a_year_without_data_keeps_its_year_and_widens_the_slider(state):
    sync = cb.url_sync(state, ID.URL, "?year_from=2013&year_to=2013", *DEFAULT_CONTROLS)
    assert sync == cb.UrlSync(
        None, ([2013, 2013], [], "all", [], None), NO_NOTICE, (2013, 2026), since_set=True
    )


def test_a_link_with_an_unknown_programme_names_it_and_changing_a_control_clears_the_notice(state):
    sync = cb.url_sync(state, ID.URL, "?programme=closed-fund", *DEFAULT_CONTROLS)
    assert (
        sync.notice
        == "Part of this link could not be used and is left out: programme=closed-fund: no such programme."
    )
    assert sync.controls is None  # every programme, as the bare address shows
    assert (
        cb.url_sync(state, ID.YEARS, "?programme=closed-fund", [2022, 2026], [], "all").notice == ""
    )


def test_changing_a_control_writes_the_view_and_its_data_version_into_the_address(state):
    sync = cb.url_sync(state, ID.YEARS, "", [2022, 2022], ["uk-returns"], "returns")
    assert sync == cb.UrlSync(
        f"?year_from=2022&year_to=2022&programme=uk-returns&metric=returns&v={state.version}",
        None,
        NO_NOTICE,
        since_set=True,
    )


def test_going_back_to_the_default_view_leaves_only_the_data_version_in_the_address(state):
    sync = cb.url_sync(state, ID.METRIC, "?metric=returns", [2018, 2026], [], "all")
    assert sync == cb.UrlSync(f"?v={state.version}", None, NO_NOTICE, since_set=True)


def test_reset_returns_controls_and_address_to_the_defaults(state):
    sync = cb.url_sync(state, ID.RESET, "?year_from=2022", [2022, 2026], ["uk-returns"], "returns")
    assert sync == cb.UrlSync(
        f"?v={state.version}", DEFAULT_CONTROLS, NO_NOTICE, DATA_SPAN, since_set=True
    )


def test_reset_on_the_default_view_changes_nothing(state):
    assert cb.url_sync(state, ID.RESET, f"?v={state.version}", *DEFAULT_CONTROLS) == cb.UrlSync(
        None, None, NO_NOTICE, DATA_SPAN, since_set=True
    )


@pytest.mark.parametrize(
    "search, years, programmes, metric",
    [
        (None, None, None, None),
        (42, "2022", "uk-returns", ["funding"]),
        ("?year_from=abc", [2030, 1990], [{"x": 1}] * 10_000, {"$ne": 1}),
        (["?"], [True, None], "x" * 100_000, 3.5),
    ],
)
def test_forged_payloads_give_a_valid_view_and_never_raise(
    state, search, years, programmes, metric
):
    first, last = year_span(state.dataset)
    for trigger in (None, ID.URL, ID.YEARS, ID.RESET, "forged-id", {"type": "x"}):
        sync = cb.url_sync(state, trigger, search, years, programmes, metric, programmes, metric)
        # None means "leave the controls as they are": then the forged values stay on screen
        y, p, m, s, q = (
            sync.controls
            if sync.controls is not None
            else (years, programmes, metric, programmes, metric)
        )
        assert (
            isinstance(y, list)
            and len(y) == 2
            and urlstate.FIRST_LINK_YEAR <= y[0] <= y[1] <= urlstate.LAST_LINK_YEAR
        ), (trigger, y)
        assert isinstance(s, list) and set(s) <= set(state.choices.scopes), (trigger, s)
        assert q is None or q in state.choices.quantities, (trigger, q)
        assert isinstance(p, list) and set(p) <= {x.id for x in state.dataset.programmes}, (
            trigger,
            p,
        )
        assert m == urlstate.ALL_METRICS or m in {x.id for x in state.dataset.metrics}, (trigger, m)
        assert sync.search is None or sync.search == "" or sync.search.startswith("?")


def test_a_control_holding_a_forged_value_is_shown_as_its_default(state):
    sync = cb.url_sync(state, ID.PROGRAMMES, f"?v={state.version}", [2018, 2026], ["nope"], "all")
    assert sync == cb.UrlSync(None, DEFAULT_CONTROLS, NO_NOTICE, since_set=True)


# --- clicks that open the source ------------------------------------------------------------------


def test_a_card_line_click_opens_its_figure(state):
    trigger = {"type": ID.CARD_LINE, "figure": "msf-ruritania-victims-identified"}
    assert cb.clicked_record(trigger, 1) == (FIGURE, "msf-ruritania-victims-identified")


def test_a_card_line_that_was_only_redrawn_opens_nothing(state):
    trigger = {"type": ID.CARD_LINE, "figure": "msf-ruritania-victims-identified"}
    assert cb.clicked_record(trigger, 0) is None
    assert cb.clicked_record(trigger, None) is None


def test_a_bar_click_opens_the_figure_in_its_customdata(state):
    click = {
        "points": [
            {
                "x": 7000000,
                "y": "msf-ruritania-funding-since-2018",
                "customdata": ["msf-ruritania-funding-since-2018", "over £7m"],
            }
        ]
    }
    assert cb.clicked_record(chart_dom_id(ID.GRAPH, "funding"), click) == (
        FIGURE,
        "msf-ruritania-funding-since-2018",
    )


def test_a_timeline_click_opens_an_event(state):
    click = {"points": [{"customdata": ["migration-dialogue-1", "1st"]}]}
    assert cb.clicked_record(chart_dom_id(ID.GRAPH, "timeline"), click) == (
        EVENT,
        "migration-dialogue-1",
    )


def test_a_table_row_click_or_enter_opens_its_figure(state):
    row = {"type": ID.TABLE_ROW, "figure": "uk-returns-since-general-election"}
    assert cb.clicked_record(row, 1) == (FIGURE, "uk-returns-since-general-election")


def test_a_table_row_drawn_anew_opens_nothing(state):
    """Each new page draws its rows with no clicks: that is not a click."""
    assert (
        cb.clicked_record({"type": ID.TABLE_ROW, "figure": "uk-returns-since-general-election"}, 0)
        is None
    )


@pytest.mark.parametrize(
    "trigger, value",
    [
        (chart_dom_id(ID.GRAPH, "funding"), None),
        (chart_dom_id(ID.GRAPH, "funding"), {"points": []}),
        (chart_dom_id(ID.GRAPH, "funding"), {"points": ["x"]}),
        (chart_dom_id(ID.GRAPH, "funding"), {"points": [{"customdata": [{"a": 1}]}]}),
        (chart_dom_id(ID.GRAPH, "funding"), {"points": [{"customdata": ["x" * 10_000]}]}),
        (chart_dom_id(ID.GRAPH, "funding"), "points"),
        ({"type": ID.TABLE_ROW, "figure": 3}, 1),
        ({"type": ID.TABLE_ROW, "figure": "x" * 10_000}, 1),
        ({"type": ID.TABLE_ROW}, 1),
        (ID.TABLE, {"rowId": "msf-ruritania-funding-since-2018"}),
        ({"type": ID.CARD_LINE, "figure": ["a"]}, 1),
        ({"type": ID.CARD_LINE}, True),
        ("chart-graph-unknown", {"points": [{"customdata": ["msf-ruritania-funding-since-2018"]}]}),
        (None, None),
    ],
)
def test_forged_click_payloads_open_nothing(state, trigger, value):
    assert cb.clicked_record(trigger, value) is None
    assert cb.source_panel(state, trigger, value) is None


def test_the_source_panel_shows_the_quote_highlighted_in_its_document(state):
    is_open, title, body = cb.source_panel(
        state, {"type": ID.TABLE_ROW, "figure": "msf-ruritania-funding-since-2018"}, 1
    )
    assert is_open is True
    assert title == "Funding: over £7m"
    marks = [c for c in walk(html.Div(body)) if isinstance(c, html.Mark)]
    assert len(marks) == 1 and marks[0].children == "Since 2018 the UK has invested over £7 million"
    assert marks[0].id == ID.SOURCE_MARK
    shown = " ".join(texts(body))
    assert "UK and Ruritania sign agreement to tackle human trafficking" in shown
    assert "Ministry of Examples · Apr 2025" in shown
    assert "lower bound" in shown
    assert "2018 – Mar 2025, cumulative" in shown
    assert "taken from 1 January 2018" in shown  # how the implied start date was derived


def test_an_unknown_id_in_a_click_says_the_source_was_not_found(state):
    is_open, title, _ = cb.source_panel(state, {"type": ID.TABLE_ROW, "figure": "not-a-figure"}, 1)
    assert (is_open, title) == (True, "Source not found")


def test_close_closes_the_source_panel(state):
    assert cb.source_panel(state, ID.SOURCE_CLOSE, 1) == (False, no_update, no_update)


# --- downloads ---------------------------------------------------------------------------------------


def test_each_download_button_names_its_format_and_chart():
    assert cb.download_request(view_download_id("pptx")) == ("pptx", None)
    assert cb.download_request(chart_download_id("people", "svg")) == ("svg", "people")
    assert cb.download_request(view_download_id("pdf")) == ("pdf", None)
    assert len(cb.DOWNLOAD_BUTTONS) == len(of_kind("view")) + len(of_kind("chart")) * len(
        CHARTS
    )  # the registry's, once each


@pytest.mark.parametrize(
    "trigger",
    [None, "download-view-exe", {"format": "csv"}, ["download-view-csv"], "download-../../x-png"],
)
def test_a_forged_download_trigger_gives_nothing(trigger):
    assert cb.download_request(trigger) is None


# --- the page ------------------------------------------------------------------------------------------


def test_every_id_on_the_page_is_unique_and_every_callback_output_is_on_the_page(state):
    seen = [c.id for c in walk(cb.first_page(state, "")) if getattr(c, "id", None) is not None]
    strings = [i for i in seen if isinstance(i, str)]
    assert len(strings) == len(set(strings))
    for output in cb.flat(cb.VIEW_OUTPUTS):
        assert output.component_id in strings


def test_the_page_shows_the_title_and_the_overlap_rule(state):
    shown = " ".join(texts(cb.first_page(state, "")))
    assert state.config.title in shown
    assert "overlaps the years you choose" in shown


def layout_json(app, query: str = "") -> str:
    """The page as ``/_dash-layout`` sends it, for a visit with ``query`` (what link-view.js asks)."""
    response = app.server.test_client().get("/_dash-layout" + query)
    assert response.status_code == 200
    return json.dumps(response.get_json(), ensure_ascii=False)


def test_a_shared_link_is_served_with_its_own_numbers_from_the_first_layout(app, state):
    year = state.choices.last_year - 1
    linked = Filters(year, year, (), state.defaults.metrics)
    own, default = st.compute_view(state, linked), state.default_view
    assert own.summary != default.summary  # else the test shows nothing
    body = layout_json(app, f"?year_from={year}&year_to={year}")
    assert own.summary in body
    assert default.summary not in body
    first_rows = st.first_table_page(state, own).rows
    assert first_rows and all(row["id"] in set(own.figures["id"]) for row in first_rows)
    assert f"[{year},{year}]" in body.replace(" ", "")  # the year control shows the link's years


@pytest.mark.parametrize(
    "query",
    ["", "?year_from=20x2", "?year_from=2999&metric=nope", "?" + "programme=a&" * 500, "?%ff%fe=1"],
)
def test_a_bad_or_missing_link_is_served_as_the_default_view(app, state, query):
    assert state.default_view.summary in layout_json(app, query)


def test_views_are_kept_in_a_bounded_cache_and_reused(state):
    cache = st.ViewCache(size=2)
    views = [
        view_of(state, year_from=y, year_to=y)
        for y in range(state.choices.first_year, state.choices.first_year + 3)
    ]
    for view in views:
        cache.put(view)
    assert len(cache) == 2
    assert cache.get(views[0].filters) is None  # the oldest went first
    assert cache.get(views[2].filters) is views[2]
    filters = views[1].filters
    assert st.view_for(state, filters) is st.view_for(state, filters)


def test_every_chart_uses_only_traces_the_page_s_plotly_bundle_draws(state):
    """The page ships plotly.js's basic bundle (bar, scatter, pie); see dashboard/app.py."""
    bundle = (ROOT / "dashboard" / "web" / "assets" / "plotly-basic.min.js").read_text(
        encoding="utf-8"
    )[:200]
    assert "plotly.js (basic - minified)" in bundle
    import plotly

    # the python package's full bundle (what figures are validated against) has the same plotly.js version
    full = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text(
        encoding="utf-8"
    )[:200]
    assert full.split("plotly.js v")[1].split()[0] == bundle.split(") v")[1].split()[0]
    views = [state.default_view, st.compute_view(state, Filters(2022, 2022))]
    types = {
        trace.type
        for view in views
        for chart in view.charts.values()
        for trace in as_figure(chart.spec).data
    }
    assert types <= {"bar", "scatter", "pie"}


# --- serving --------------------------------------------------------------------------------------------


def test_serve_refuses_invalid_data_with_the_same_path_line_messages_as_validate(tmp_path):
    import shutil

    from click.testing import CliRunner

    from dashboard.cli import main

    shutil.copytree(SAMPLE / "data", tmp_path / "data")
    figures = tmp_path / "data" / "figures.yaml"
    text = figures.read_text(encoding="utf-8")
    line = text[: text.index("value: 7000000")].count("\n") + 1
    figures.write_text(text.replace("value: 7000000", "value: 7 million", 1), encoding="utf-8")
    runner = CliRunner()
    served = runner.invoke(
        main,
        [
            "serve",
            "--data",
            str(tmp_path / "data"),
            "--seeds",
            str(SAMPLE / "seeds"),
            "--port",
            "1",
        ],
    )
    validated = runner.invoke(
        main, ["validate", "--data", str(tmp_path / "data"), "--seeds", str(SAMPLE / "seeds")]
    )
    assert served.exit_code == validated.exit_code == 1
    assert f"{figures}:{line}: value: '7 million' is not a number" in served.output
    assert served.output == validated.output
    assert "Traceback" not in served.output


def test_serve_refuses_an_invalid_config(tmp_path):
    from click.testing import CliRunner

    from dashboard.cli import main

    config = tmp_path / "config.yaml"
    config.write_text("title: x\nserver:\n  port: abc\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--config", str(config)])
    assert result.exit_code == 1
    assert f"{config}:3: server.port: expected a port number" in result.output


# --- the year slider -----------------------------------------------------------------------------


def labels(marks: dict[int, str]) -> list[int]:
    return [year for year, text in marks.items() if text]


def test_the_year_slider_labels_every_year_of_a_short_span():
    from dashboard.web.layout import year_marks

    assert labels(year_marks(2018, 2026)) == list(range(2018, 2027))
    assert labels(year_marks(2024, 2024)) == [2024]


def test_a_long_year_span_labels_fewer_years_but_keeps_a_dot_for_each():
    from dashboard.web.layout import MAX_YEAR_LABELS, year_marks

    marks = year_marks(2012, 2026)
    assert list(marks) == list(range(2012, 2027))
    assert labels(marks) == [2012, 2014, 2016, 2018, 2020, 2022, 2024, 2026]
    for first, last in ((1990, 2026), (1901, 2099), (2011, 2025)):
        shown = labels(year_marks(first, last))
        assert shown[0] == first and shown[-1] == last and len(shown) <= MAX_YEAR_LABELS + 1
        assert all(b - a >= 2 for a, b in zip(shown, shown[1:])), (first, last, shown)


# --- funding per person --------------------------------------------------------------------------


def test_the_default_view_divides_funding_by_each_count_of_people_of_its_programme_and_period(
    state,
):
    view = state.default_view
    assert view.ratio_count == 3
    assert [r.text for r in view.ratios] == [
        "over £9,722 per victim identified",
        "no bound either way: over £7m ÷ over 7 million could be any amount per person reached",
        "over £3,615 per aspiring migrant educated",
    ]
    assert (view.ratios[0].numerator_text, view.ratios[0].denominator_text) == ("over £7m", "720")


def test_each_ratio_names_both_figures_as_buttons_to_their_sources(state):
    rendered = render_ratios(state.default_view.ratios, state.default_view.ratio_count)
    parts = [
        c
        for c in walk(rendered[0])
        if isinstance(getattr(c, "id", None), dict) and c.id.get("type") == ID.RATIO_PART
    ]
    assert [(p.id["figure"], p.children) for p in parts[:2]] == [
        ("msf-ruritania-funding-since-2018", "over £7m"),
        ("msf-ruritania-victims-identified", "720"),
    ]
    assert len({json.dumps(p.id, sort_keys=True) for p in parts}) == len(
        parts
    )  # ids are unique on the page


def test_a_click_on_a_ratio_figure_opens_its_source(state):
    trigger = {"type": ID.RATIO_PART, "figure": "msf-ruritania-victims-identified", "ratio": 0}
    assert cb.clicked_record(trigger, 1) == (FIGURE, "msf-ruritania-victims-identified")
    assert cb.clicked_record(trigger, 0) is None


def test_a_view_without_funding_and_people_of_one_programme_and_period_says_nothing_is_divided(
    state,
):
    view = view_of(state, programmes=("uk-returns",))
    assert view.ratios == [] and view.ratio_count == 0
    assert texts(render_ratios(view.ratios, view.ratio_count))[0].startswith(
        "No funding figure in this view"
    )


# --- wiring ---------------------------------------------------------------------------------------


def test_every_app_in_one_process_answers_its_own_filter_callbacks(app):
    """Tests, the benchmark and gunicorn workers may build several apps: each gets the callbacks
    (Dash gives module-level callbacks to the first app only; each of ours gets its own copy)."""
    second = create_app(app_state(app).dataset, app_state(app).config, SAMPLE / "seeds")
    for each in (app, second):
        client = each.server.test_client()
        dependencies = json.loads(client.get("/_dash-dependencies").data)
        outputs = " ".join(d["output"] for d in dependencies)
        assert (
            "cards.children" in outputs
            and "figures-table-body.children" in outputs
            and "url.search" in outputs
        )
