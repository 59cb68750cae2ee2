"""The claims model on the page, without a browser: scope on every figure, links that keep
their meaning, the claims view's statements, relation marks in the table and related
records one click from a source. Everything runs on the fictional claims fixture
(tests/fixtures/claims), which has a part_of, an update, a disagreement, a range, as-at
dates, a single year, a financial year and programmes of two scopes and of none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.analysis.frame import Filters
from dashboard.config import load_config
from dashboard.curated.validate import load_valid
from dashboard.web import callbacks as cb
from dashboard.web import state as st
from dashboard.web.app import app_state, create_app
from dashboard.web.claims_panel import NO_STATEMENT, render_claims
from dashboard.web.grid import table_rows_html
from dashboard.web.layout import ID, render_passage
from components import texts, walk  # tests/components.py

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = Path(__file__).resolve().parent / "fixtures" / "claims"


@pytest.fixture(scope="module")
def state():
    app = create_app(
        load_valid(CLAIMS / "data", CLAIMS / "seeds"),
        load_config(ROOT / "config.yaml"),
        CLAIMS / "seeds",
    )
    return app_state(app)


def by_id(component, wanted):
    return next(c for c in walk(component) if getattr(c, "id", None) == wanted)


def rows(state) -> dict[str, dict]:
    return dict(state.table.rows)


# --- scope ---------------------------------------------------------------------------------------


def test_the_default_view_shows_every_scope_and_marks_each_figure_with_its_scope(state):
    assert len(state.default_view.figures) == len(state.dataset.figures)
    scopes = {r["id"]: r["scope"] for r in rows(state).values()}
    assert scopes["global-aid-committed"] == "UK worldwide"
    assert scopes["example-fund-programme"] == "Ministry of Examples–Freedonia bilateral"
    assert scopes["campaign-reach"] == "Scope not stated"


def test_every_card_line_names_the_scope_of_its_figure(state):
    page = cb.first_page(state, "")
    lines = [
        c
        for c in walk(by_id(page, ID.CARDS))
        if isinstance(getattr(c, "id", None), dict) and c.id.get("type") == ID.CARD_LINE
    ]
    assert lines
    for line in lines:
        figure = line.id["figure"]
        assert rows(state)[figure]["scope"] in texts(line), figure


def test_a_scope_filter_keeps_only_that_scopes_figures_and_events(state):
    view = st.compute_view(
        state, Filters(state.defaults.year_from, state.defaults.year_to, scope=("uk_worldwide",))
    )
    assert set(view.figures["id"]) == {"global-aid-committed", "global-aid-restated"}
    assert view.events.empty  # the fixture's events are the bilateral programme's
    assert "UK worldwide" in view.summary


def test_the_scope_control_offers_the_scopes_of_the_programmes(state):
    control = by_id(cb.first_page(state, "?scope=not_stated"), ID.SCOPE)
    assert [o["value"] for o in control.options] == [
        "uk_worldwide",
        "example_bilateral",
        "not_stated",
    ]
    assert control.value == ["not_stated"]


# --- links keep their meaning ---------------------------------------------------------------------


def test_a_link_for_a_year_before_the_data_shows_an_honest_empty_view_of_that_year(state):
    page = cb.first_page(state, "?year_from=2013&year_to=2013")
    summary = " ".join(texts(by_id(page, ID.SUMMARY)))
    assert summary.startswith("Showing 0 figures and 0 events · 2013 ·")
    assert "No figures or events in 2013: the data covers 2016–2022." in summary
    slider = by_id(page, ID.YEARS)
    assert slider.value == [2013, 2013] and slider.min == 2013 and slider.max == 2022
    assert "No figures match these filters." in texts(by_id(page, ID.TABLE_COUNT))


def test_a_link_reaching_past_the_data_keeps_its_years_and_its_figures(state):
    page = cb.first_page(state, "?year_from=2013&year_to=2027")
    slider = by_id(page, ID.YEARS)
    assert slider.value == [2013, 2027] and (slider.min, slider.max) == (2013, 2027)
    summary = " ".join(texts(by_id(page, ID.SUMMARY)))
    restatements = sum(
        1 for f in state.dataset.figures if f.same_as
    )  # each adds a source to a figure counted once
    assert f"Showing {len(state.dataset.figures) - restatements} figures" in summary
    assert "No figures or events in 2013–2015 or 2023–2027" in summary


def test_a_link_with_unknown_ids_says_which_part_it_could_not_use(state):
    page = cb.first_page(state, "?programme=closed-fund&scope=uk_worldwide&metric=gone")
    notice = " ".join(texts(by_id(page, ID.LINK_NOTICE)))
    assert (
        "programme=closed-fund: no such programme" in notice
        and "metric=gone: no such metric" in notice
    )
    assert "scope" not in notice.split("left out:")[1]  # the known scope is used, not named
    assert by_id(page, ID.SCOPE).value == ["uk_worldwide"]


def test_a_clean_link_has_an_empty_notice(state):
    assert texts(by_id(cb.first_page(state, "?year_from=2017"), ID.LINK_NOTICE)) == [""]


# --- the claims view -------------------------------------------------------------------------------


def test_the_claims_view_opens_on_the_most_stated_quantity_latest_first(state):
    view = state.default_view
    statements = state.figures["quantity_group"].value_counts()
    assert statements[view.quantity] == statements.max() > 1
    assert set(view.claims["quantity_group"]) == {view.quantity}
    assert list(view.claims["claim_role"])[0] == "latest"
    fund = st.compute_view(
        state,
        Filters(state.defaults.year_from, state.defaults.year_to, quantity="fund-spending-2018"),
    )
    assert list(zip(fund.claims["id"], fund.claims["claim_role"])) == [
        ("fund-spending-2019", "latest"),
        ("fund-spending-2018", "earlier"),
    ]


def test_a_link_picks_the_claims_quantity_and_lists_both_disagreeing_statements(state):
    page = cb.first_page(state, "?quantity=victims-2017")
    assert by_id(page, ID.QUANTITY).value == "victims-2017"
    lines = [c for c in walk(by_id(page, ID.CLAIMS)) if isinstance(getattr(c, "id", None), dict)]
    assert [line.id["figure"] for line in lines] == ["victims-2017-restated", "victims-2017"]
    shown = " ".join(texts(by_id(page, ID.CLAIMS)))
    # a disagreement, not a ranking: each statement says so, neither reads as "Latest statement"
    assert shown.count("Disagrees with another document: both shown, never averaged") == 2
    assert "Latest statement" not in shown
    assert "740" in shown and "738" in shown


def test_a_claim_line_opens_its_source(state):
    assert cb.clicked_record({"type": ID.CLAIM_LINE, "figure": "victims-2017"}, 1) == (
        "figure",
        "victims-2017",
    )


def test_the_claims_view_says_when_its_quantity_has_no_statement_in_the_view(state):
    view = st.compute_view(state, Filters(2021, 2022, quantity="victims-2017"))
    assert view.claims is None
    assert texts(render_claims(view)) == [NO_STATEMENT]


def test_the_quantity_picker_offers_every_quantity_most_stated_first(state):
    options = by_id(cb.first_page(state, ""), ID.QUANTITY).options
    assert {o["value"] for o in options} == set(state.default_view.figures["quantity_group"])
    assert options[0]["label"].endswith("(2 statements)")


# --- the table -----------------------------------------------------------------------------------


def test_dates_are_shown_at_the_precision_the_document_gives(state):
    period = {i: r["period_label"] for i, r in rows(state).items()}
    assert period["global-aid-committed"] == "as at Nov 2018"  # a month: never a made-up day
    assert period["victims-2017"] == "2017"  # one calendar year, not "2017 – 2017"


def test_the_table_marks_relations_as_declared(state):
    relation = {i: r["relation"] for i, r in rows(state).items()}
    assert relation["example-fund-programme"] == "part of £200m (global-aid-committed)"
    assert (
        relation["global-aid-committed"]
        == "includes £33.5m (example-fund-programme); same as global-aid-restated"
    )
    assert relation["fund-spending-2018"] == "earlier of 2: updated by fund-spending-2019"
    assert "latest of 2" in relation["fund-spending-2019"]
    assert relation["victims-2017"] == "disagrees with victims-2017-restated"
    assert relation["campaign-reach"] == ""


def test_the_table_has_a_scope_and_a_relations_column_and_both_are_searched(state):
    page = cb.table_update(state, [ID.TABLE_SEARCH], state.defaults, "part of", None)
    assert [r["id"] for r in page.rows] == ["example-fund-programme", "spending-fy-2018"]
    page = cb.table_update(state, [ID.TABLE_SEARCH], state.defaults, "worldwide", None)
    assert [r["id"] for r in page.rows] == [
        "global-aid-committed"
    ]  # restated by a second document: one row


def test_the_figure_ids_a_relation_names_are_marked_as_identifiers_not_words(state):
    page = cb.table_update(state, [ID.TABLE_SEARCH], state.defaults, "", None)
    cells = [
        c
        for row in table_rows_html(page)
        for c in walk(row)
        if getattr(c, "className", "") == "cell-relation"
    ]
    named = 0
    for cell, row in zip(cells, page.rows):
        assert "".join(texts(cell)) == row["relation"]  # the words as they were, only marked
        marked = [c for c in walk(cell) if getattr(c, "lang", None) == "zxx"]
        assert sorted(texts(marked)) == sorted(
            i
            for i in state.table.rows
            if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", row["relation"])
        )
        named += len(marked)
    assert named, "the claims fixture's relations name other figures"


def test_a_range_reads_as_both_bounds_in_the_table(state):
    row = rows(state)["campaign-reach"]
    assert "10,000" in row["value_label"] and "13,000" in row["value_label"]
    assert row["qualifier"].startswith("“between”")


# --- related records one click from a source ------------------------------------------------------


def related_buttons(state, record_id, kind="figure"):
    _, body = render_passage(state.provenance.passage(record_id, kind))
    return [c for part in body for c in walk(part) if isinstance(getattr(c, "id", None), dict)]


def test_a_parts_source_links_to_its_whole_and_the_whole_to_its_part(state):
    [whole] = related_buttons(state, "example-fund-programme")
    assert whole.id["figure"] == "global-aid-committed" and whole.id["type"] == ID.RELATED
    assert "never added to it" in texts(whole)[0]
    assert [b.id["figure"] for b in related_buttons(state, "global-aid-committed")] == [
        "example-fund-programme",
        "global-aid-restated",
    ]
    assert cb.clicked_record(whole.id, 1) == ("figure", "global-aid-committed")


def test_disagreeing_statements_link_to_each_other(state):
    [other] = related_buttons(state, "victims-2017-restated")
    assert other.id["figure"] == "victims-2017"
    assert texts(other)[0].startswith("Disagrees with the latest: 738")


def test_the_same_event_from_two_documents_links_each_statement_to_the_other(state):
    [other] = related_buttons(state, "memorandum-signed", "event")
    assert other.id == {
        "type": ID.RELATED_EVENT,
        "figure": "memorandum-signed-restated",
        "row": "memorandum-signed",
    }
    assert "102_fictional_update_2019.txt" in texts(other)[0]
    assert cb.clicked_record(other.id, 1) == ("event", "memorandum-signed-restated")
    [back] = related_buttons(state, "memorandum-signed-restated", "event")
    assert back.id["figure"] == "memorandum-signed"


ENGLISH_RELATION_WORDS = re.compile(
    r"\b(Part of|Includes|The same|Latest|Earlier|Disagrees|never added|statement)\b"
)


@pytest.mark.parametrize(
    "record_id, kind",
    [
        ("example-fund-programme", "figure"),
        ("global-aid-committed", "figure"),
        ("victims-2017-restated", "figure"),
        ("memorandum-signed", "event"),
    ],
)
def test_the_vietnamese_dialog_says_each_relation_in_vietnamese_with_vietnamese_numbers_and_dates(
    state, record_id, kind
):
    english = state.provenance.passage(record_id, kind, "en").related
    vietnamese = state.provenance.passage(record_id, kind, "vi").related
    assert [(k, i) for k, i, _ in vietnamese] == [(k, i) for k, i, _ in english] and vietnamese
    for (_, _, said), (_, _, said_en) in zip(vietnamese, english):
        assert said != said_en and not ENGLISH_RELATION_WORDS.search(said), said
        assert (
            re.search(r"\d,\d{3}\b|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", said)
            is None
        ), said  # "1.936", "thg 3"


def test_a_source_names_the_scope_of_its_figure(state):
    passage = state.provenance.passage("global-aid-committed")
    assert ("Scope", "UK worldwide") in [(d.label, d.text) for d in passage.details]


# --- the config default ----------------------------------------------------------------------------


def test_config_can_open_on_one_scope_and_a_bad_scope_setting_names_its_line(tmp_path):
    from dashboard.curated.problems import DataInvalid

    good = tmp_path / "good.yaml"
    good.write_text("defaults:\n  scope: [uk_vietnam_bilateral]\n", encoding="utf-8")
    assert load_config(good).defaults.scope == ("uk_vietnam_bilateral",)
    assert load_config(None).defaults.scope == ()
    bad = tmp_path / "bad.yaml"
    bad.write_text("defaults:\n  scope: uk_vietnam_bilateral\n", encoding="utf-8")
    with pytest.raises(DataInvalid) as err:
        load_config(bad)
    assert "bad.yaml:2" in str(err.value) and "defaults.scope" in str(err.value)


def test_a_config_default_scope_opens_the_page_on_it_and_reset_returns_to_it(state):
    from dataclasses import replace

    config = replace(
        state.config, defaults=replace(state.config.defaults, scope=("example_bilateral",))
    )
    scoped = app_state(create_app(state.dataset, config, CLAIMS / "seeds"))
    assert set(scoped.default_view.figures["scope"]) == {"example_bilateral"}
    assert by_id(cb.first_page(scoped, ""), ID.SCOPE).value == ["example_bilateral"]
    assert cb.url_sync(scoped, ID.RESET, "?scope=", [2016, 2022], [], "all", [], None).controls[
        3
    ] == ["example_bilateral"]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?quantity=victims-2017",
        "?year_from=2013&scope=not_stated",
        "?programme=gone&metric=funding",
    ],
)
def test_the_first_page_holds_the_controls_the_link_names_so_its_first_callback_changes_nothing(
    state, query
):
    page = cb.first_page(state, query)
    values = [by_id(page, control).value for control in cb.CONTROL_IDS]
    sync = cb.url_sync(state, None, query, *values)
    assert sync.controls is None, (values, sync.controls)
    assert sync.search is None


def test_a_downloaded_csv_holds_the_scope_on_screen_and_names_it(state):
    import csv
    import io

    name, content = cb.make_download(
        state, "csv", None, Filters(2016, 2022, scope=("uk_worldwide",))
    )
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    # the restatement of global-aid-committed adds a source to its row, never a row of its own
    assert [(r["id"], r["scope_label"]) for r in rows] == [("global-aid-committed", "UK worldwide")]
    assert "same as global-aid-restated" in rows[0]["relations"]
    assert name.endswith(".csv")


@pytest.mark.parametrize(
    "programmes", [(), ("example-fund-freedonia",), ("example-global-aid",), ("example-unscoped",)]
)
def test_the_claims_panel_and_the_claims_chart_show_the_same_quantity_when_the_link_names_none(
    state, programmes
):
    from dashboard.views.charts import plotted_rows

    filters = Filters(state.defaults.year_from, state.defaults.year_to, programmes)
    view = st.compute_view(state, filters)
    drawn = plotted_rows("claims", view.figures, view.events)
    assert set(drawn["quantity_group"]) == ({view.quantity} if view.quantity else set())
