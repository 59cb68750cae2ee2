"""The page in Vietnamese, checked through the pure functions its callbacks call, on the
fictional sample data: every word comes from the catalogue, numbers and dates are written the
Vietnamese way, curated names come from data/i18n (the English, marked, when none is curated),
and the language is part of the view (its link, its cache key, ``<html lang>``)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from dashboard.analysis.frame import Filters
from dashboard.config import load_config
from dashboard.curated.validate import load_valid
from dashboard.views.charts import as_figure
from dashboard.views.language import unmarked
from dashboard.web import callbacks as cb
from dashboard.web import state as st
from dashboard.web import urlstate
from dashboard.web.app import app_state, create_app
from dashboard.web.ids import ID
from dashboard.web.layout import language_link_id
from dashboard.words import Formatter, Words
from dashboard.words.catalogue import Words as CatalogueWords
from dashboard.words.format import plotly_separators
from components import texts, walk  # tests/components.py

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample"  # fictional: see its README
VI, EN = Words("vi"), Words("en")


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """The sample data with a Vietnamese name curated for its first programme only."""
    folder = tmp_path_factory.mktemp("sample") / "data"
    shutil.copytree(SAMPLE / "data", folder)
    first = load_valid(folder, SAMPLE / "seeds").programmes[0]
    (folder / "i18n").mkdir()
    (folder / "i18n" / "vi.yaml").write_text(
        f"programmes:\n  - id: {first.id}\n    name: Chương trình thử nghiệm\n", encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def app(sample):
    return create_app(
        load_valid(sample, SAMPLE / "seeds"),
        load_config(ROOT / "config.yaml"),
        SAMPLE / "seeds",
        sample,
    )


@pytest.fixture(scope="module")
def state(app):
    return app_state(app)


@pytest.fixture
def asked(monkeypatch):
    """Every (context, English) the Vietnamese catalogue was asked for and does not hold."""
    missing: set[tuple[str | None, str]] = set()
    lookup = CatalogueWords._entry

    def entry(self, context, message):
        found = lookup(self, context, message)
        if self.language == "vi" and (found is None or not found.is_translated):
            missing.add((context, message))
        return found

    monkeypatch.setattr(CatalogueWords, "_entry", entry)
    return missing


def data_words(state) -> set[str]:
    """Words that are curated data, not the page's: they show in English, marked, until
    translated (scope and event-type labels, what a metric counts, the configured title)."""
    d = state.dataset
    return (
        {s.label for s in d.scopes}
        | {t.label for t in d.known_event_types}
        | {state.config.title, state.config.subtitle}
        | {
            getattr(m, f)
            for m in d.metrics
            for f in ("counts", "counted_by")
            if getattr(m, f, None)
        }
    )


def test_every_word_of_the_vietnamese_page_comes_from_the_catalogue(state, asked):
    st_ = replace(state, views=st.ViewCache())  # computed afresh, not from the cache
    links = [
        "?lang=vi",
        "?lang=vi&year_from=1990&year_to=1990",
        "?lang=vi&programme=nope",
        f"?lang=vi&metric={state.dataset.metrics[0].id}&programme={state.dataset.programmes[0].id}",
    ]
    for link in links:
        texts(cb.first_page(st_, link))
    cb.table_update(st_, [], state.defaults, "zzz-no-match", None, "vi")
    for figure in state.dataset.figures:
        cb.source_panel(st_, {"type": ID.CARD_LINE, "figure": figure.id}, 1, "vi")
    for event in state.dataset.events:
        cb.source_panel(
            st_, {"type": ID.RELATED_EVENT, "figure": event.id, "row": event.id}, 1, "vi"
        )
    assert {(c, m) for c, m in asked if m not in data_words(state)} == set()


def test_the_vietnamese_page_writes_its_numbers_and_dates_the_vietnamese_way(state):
    view = st.compute_view(state, state.defaults, "vi")
    f = Formatter(VI)
    for card in view.cards:
        for line in card.lines:
            figure = state.dataset.figure(line.figure_id)
            assert line.value_text == f.value(
                figure.value,
                figure.qualifier,
                state.dataset.unit(figure.unit),
                figure.wording,
                high=figure.value_high,
            )
            assert line.period_text == f.period(figure.period)
    for figure in (as_figure(chart.spec) for chart in view.charts.values()):
        if figure.data:
            assert figure.layout.separators == plotly_separators(
                "vi"
            )  # plotly's own numbers: 1.936,5


def test_a_curated_name_reads_in_vietnamese_and_an_uncurated_one_is_english_marked_untranslated(
    state,
):
    page = cb.first_page(state, "?lang=vi")
    options = next(c for c in walk(page) if getattr(c, "id", None) == ID.PROGRAMMES).options
    first, *others = state.dataset.programmes
    assert options[0]["label"] == "Chương trình thử nghiệm"
    for option, programme in zip(options[1:], others):
        assert option["label"] == VI.text(
            "{name} (not yet translated)", "page", name=programme.name
        )


def test_the_english_page_is_the_english_it_was(state):
    english = st.compute_view(state, state.defaults, "en")
    default = st.compute_view(state, state.defaults)
    assert english.summary == default.summary and english.language == "en"
    assert [c.title for c in english.cards] == [
        state.dataset.metric(c.metric).label for c in english.cards
    ]
    assert english.summary.startswith(
        EN.text("Showing {figures} and {events} · {filters}", "status").split("{")[0]
    )


def test_the_view_cache_keeps_each_language_apart(state):
    filters = Filters(state.defaults.year_from, state.defaults.year_to)
    vietnamese, english = st.view_for(state, filters, "vi"), st.view_for(state, filters, "en")
    assert (
        vietnamese.language == "vi"
        and english.language == "en"
        and vietnamese.summary != english.summary
    )
    assert st.view_for(state, filters, "vi") is vietnamese  # kept, not computed again
    assert (
        st.view_for(state, filters, "xx").language == state.language
    )  # not a language: the default one


def test_the_page_keeps_its_language_in_every_address_it_writes(state):
    years = [state.defaults.year_from, state.defaults.year_from]
    sync = cb.url_sync(state, ID.YEARS, "?lang=vi", years, [], "all", [], None)
    assert urlstate.link_language(sync.search) == "vi" and "year_to" in sync.search
    reset = cb.url_sync(state, ID.RESET, sync.search, years, [], "all", [], None)
    assert reset.search == f"?lang=vi&v={state.version}"
    assert [parse_qs(link[1:]) for link in switch_links(cb.first_page(state, sync.search))] == [
        parse_qs(sync.search[1:].replace("&lang=vi", "")),
        parse_qs(sync.search[1:]),
    ]


def switch_links(page) -> list[str]:
    """The language switch's links, English first."""
    return [
        c.href
        for code in ("en", "vi")
        for c in walk(page)
        if getattr(c, "id", None) == language_link_id(code)
    ]


def test_html_lang_and_the_tab_title_follow_the_link(app):
    client = app.server.test_client()
    assert '<html lang="vi">' in client.get("/?lang=vi").get_data(as_text=True)
    title = VI.text(app_state(app).config.title, "page title")
    assert f"<title>{title}</title>" in client.get("/?lang=vi").get_data(as_text=True)
    for english in ("/", "/?lang=", "/?lang=klingon", "/?lang=%00"):
        response = client.get(english)
        assert response.status_code == 200 and '<html lang="en">' in response.get_data(as_text=True)
    layout = client.get("/_dash-layout?lang=vi").get_json()
    assert {"id": ID.LANGUAGE, "data": "vi"}.items() <= _store(layout, ID.LANGUAGE).items()


def _store(layout, wanted):
    stack = [layout]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("props", {}).get("id") == wanted:
                return node["props"]
            stack += list(node.values())
        elif isinstance(node, list):
            stack += node
    return {}


def test_config_can_open_the_page_in_vietnamese(sample, tmp_path):
    config = tmp_path / "config.yaml"
    text = (ROOT / "config.yaml").read_text(encoding="utf-8").replace("  lang: en", "  lang: vi")
    config.write_text(text, encoding="utf-8")
    app = create_app(
        load_valid(sample, SAMPLE / "seeds"), load_config(config), SAMPLE / "seeds", sample
    )
    client = app.server.test_client()
    assert '<html lang="vi">' in client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in client.get("/?lang=en").get_data(as_text=True)
    state = app_state(app)
    assert state.default_view.language == "vi"
    assert switch_links(cb.first_page(state, "")) == ["?lang=en", "?"]


def test_a_forged_page_language_is_the_default_one(state):
    for forged in (None, 3, "", "fr", ["vi"], "vi" * 100):
        assert cb.page_language(state, forged) == state.language
    assert cb.page_language(state, "vi") == "vi"
    table = cb.table_update(state, [], state.defaults, "", None, "vi")
    assert table.page_label == VI.text(
        "Page {page} of {pages}", "table", page="1", pages=VI.integer(max(table.pages, 1))
    )


def panel_words(view) -> str:
    """The panel titles and value-axis titles of every chart of ``view``."""
    figures = [as_figure(chart.spec) for chart in view.charts.values()]
    notes = [str(a.text) for figure in figures for a in (figure.layout.annotations or ())]
    axes = [
        str(getattr(axis, "title", None) and axis.title.text)
        for figure in figures
        for axis in (figure.layout[k] for k in figure.layout if k.startswith("xaxis"))
    ]
    return " ".join(notes + axes)


def test_the_panels_of_a_vietnamese_chart_say_nothing_in_english():
    # the claims fixture: metrics that say who counted them, figures of several scopes (panels)
    claims = ROOT / "tests" / "fixtures" / "claims"
    state = app_state(
        create_app(
            load_valid(claims / "data", claims / "seeds"),
            load_config(ROOT / "config.yaml"),
            claims / "seeds",
            claims / "data",
        )
    )
    every_year = Filters(state.choices.first_year, state.choices.last_year)
    english, vietnamese = (
        panel_words(st.compute_view(state, every_year, language)) for language in ("en", "vi")
    )
    assert "counted by" in english and "each panel has its own scale" in english
    assert "counted by" not in vietnamese and "each panel has its own scale" not in vietnamese
    assert "thống kê" in vietnamese


def test_a_card_marks_an_uncurated_name_as_english_and_untranslated(state):
    page = cb.first_page(state, "?lang=vi")
    marked = [
        c for c in walk(page) if getattr(c, "lang", None) == "en" and c.__class__.__name__ == "Span"
    ]
    names = {texts(c)[0] for c in marked}
    others = {p.name for p in state.dataset.programmes[1:]}
    shown = {
        unmarked(line.programme_name, Words("vi"))
        for card in st.view_for(state, state.defaults, "vi").cards
        for line in card.lines
    }
    assert (
        shown & others and shown & others <= names
    )  # each English stand-in in a card is marked English
    assert "(chưa dịch) (chưa dịch)" not in " ".join(texts(page))  # and said untranslated once
    assert "Chương trình thử nghiệm" not in names  # a curated one is not
    assert "(chưa dịch)" in " ".join(texts(page))


def test_a_table_row_marks_an_uncurated_programme_name_as_english_and_untranslated(state):
    page = cb.table_update(state, [], state.defaults, "", None, "vi")
    cells = [
        c
        for row in cb.table_outputs(page)["rows"]
        for c in row.children
        if c.className == "cell-programme"
    ]
    marked = [
        c
        for c in cells
        if any(
            getattr(part, "lang", None) == "en"
            for part in (c.children if isinstance(c.children, list) else [])
        )
    ]
    curated = [c for c in cells if c.children == "Chương trình thử nghiệm"]
    assert marked and curated  # the sample: one programme curated in Vietnamese, the others not
    assert len(marked) + len(curated) == len(cells)
    assert all("(chưa dịch)" in " ".join(texts(c)) for c in marked)


def test_a_quote_in_the_vietnamese_table_is_marked_as_the_english_of_its_document(state):
    page = cb.table_update(state, [], state.defaults, "", None, "vi")
    cells = [
        c
        for row in cb.table_outputs(page)["rows"]
        for c in row.children
        if c.className == "cell-quote"
    ]
    label = VI.text(
        "verbatim, in {language}",
        "quote label",
        language=VI.text("English", "language of a quoted document"),
    )
    assert cells and all(c.lang == "en" and c.title == label for c in cells)
    english = cb.table_outputs(cb.table_update(state, [], state.defaults, "", None, "en"))["rows"]
    assert all(
        getattr(c, "lang", None) is None for row in english for c in row.children
    )  # its own language: no mark
