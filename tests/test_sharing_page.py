"""Citing from the page and what changed since a link: the source dialog's "Cite this", a
permalink opening the dialog, the footer's data version and date, and an old link's notice,
through the pure functions the page's callbacks call."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard.outputs.releases import write_release
from dashboard.views.citation import cite_text
from dashboard.web import callbacks as cb
from dashboard.web import state as st
from dashboard.web.ids import ID
from dashboard.web.links import first_page
from components import texts, walk  # tests/components.py
from samplestate import sample_state, writable_sample

SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample"
PAGE = "http://dash.example.org/"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    return writable_sample(tmp_path_factory, "sharing")


@pytest.fixture(scope="module")
def state(data_dir):
    return sample_state(data_dir)


def by_id(tree, wanted):
    roots = tree if isinstance(tree, list) else [tree]
    return next(
        (
            c
            for root in roots
            if root is not None
            for c in walk(root)
            if getattr(c, "id", None) == wanted
        ),
        None,
    )


def test_the_source_dialog_cites_the_document_with_a_dated_link_to_this_view(state):
    figure = state.dataset.figures[0]
    is_open, _, body = cb.source_panel(
        state, {"type": ID.CARD_LINE, "figure": figure.id}, 1, "en", PAGE + "?year_from=2019"
    )
    assert is_open
    assert "".join(texts(by_id(body, ID.CITE_TEXT))) == cite_text(
        state.dataset.source(figure.source)
    )  # its address a span of its own
    assert "@misc{src:" in texts(by_id(body, ID.CITE_BIBTEX))[0]
    link = by_id(body, ID.CITE_LINK).href
    assert parse_qs(urlsplit(link).query) == {
        "year_from": ["2019"],
        "highlight": [figure.id],
        "v": [state.version],
    }
    copies = [
        c
        for part in body
        if part is not None
        for c in walk(part)
        if "copy-button" in (getattr(c, "className", "") or "")
    ]
    assert len(copies) == 3 and all(
        getattr(c, "type", None) == "button" for c in copies
    )  # keyboard: real buttons
    assert {c.__dict__.get("data-copy") for c in copies} == {
        ID.CITE_TEXT,
        ID.CITE_BIBTEX,
        ID.CITE_LINK,
    }


def test_the_vietnamese_dialog_cites_in_vietnamese(state):
    figure = state.dataset.figures[0]
    _, _, body = cb.source_panel(
        state, {"type": ID.CARD_LINE, "figure": figure.id}, 1, "vi", PAGE + "?lang=vi"
    )
    shown = " ".join(texts(body))
    assert "Trích dẫn" in shown and "Ngày đăng:" in texts(by_id(body, ID.CITE_TEXT))[0]
    assert "lang=vi" in by_id(body, ID.CITE_LINK).href


def test_a_permalink_opens_the_view_with_the_figures_source_dialog_open(state):
    figure = state.dataset.figures[-1]
    page = first_page(state, f"highlight={figure.id}&v={state.version}", PAGE)
    assert by_id(page, ID.SOURCE_MODAL).hidden is False  # drawn open
    assert figure.quote in " ".join(texts(by_id(page, ID.SOURCE_BODY)))
    assert by_id(page, ID.LINK_SINCE) is None  # made under the version served: nothing changed
    assert by_id(first_page(state, "highlight=no-such-figure", PAGE), ID.SOURCE_MODAL).hidden
    assert by_id(first_page(state, "", PAGE), ID.SOURCE_MODAL).hidden


def test_the_footer_names_the_data_version_and_the_day_it_was_loaded_or_released(state, data_dir):
    footer = texts(by_id(first_page(state, "", PAGE), ID.DATA_VERSION))[0]
    assert footer.startswith(f"Data version {state.version} · loaded ")
    write_release(state.dataset, data_dir, state.version, dt.date(2026, 3, 4))
    released = st.make_state(state.dataset, state.config, SAMPLE / "seeds", data_dir)
    try:
        assert texts(by_id(first_page(released, "", PAGE), ID.DATA_VERSION)) == [
            f"Data version {state.version} · released 4 Mar 2026"
        ]
    finally:
        (data_dir / "releases" / f"{state.version}.json").unlink()


def test_a_link_of_an_older_data_version_says_figures_changed_and_lists_what(state, data_dir):
    figure = state.dataset.figures[0]
    older = dataclasses.replace(
        state.dataset,
        figures=tuple(
            dataclasses.replace(f, value=f.value / 2) if f.id == figure.id else f
            for f in state.dataset.figures
        ),
    )
    write_release(older, data_dir, "0123456789ab", dt.date(2026, 1, 1))
    notice = texts(
        by_id(first_page(state, f"highlight={figure.id}&v=0123456789ab", PAGE), ID.LINK_SINCE)
    )
    assert notice[0] == "Figures have changed since this link was made."
    assert len(notice) == 2 and notice[1].startswith(f"Changed: {figure.id} (value): ")
    unknown = texts(by_id(first_page(state, "v=fedcba987654", PAGE), ID.LINK_SINCE))
    assert unknown == [
        "Figures have changed since this link was made.",
        "What changed is not known: data version fedcba987654 has no release snapshot.",
    ]
    vi = texts(by_id(first_page(state, "v=0123456789ab&lang=vi", PAGE), ID.LINK_SINCE))
    assert vi[0] == "Số liệu đã thay đổi kể từ khi đường dẫn này được tạo."


def test_an_events_source_dialog_cites_its_document_and_links_to_the_event(state):
    event = state.dataset.events[0]
    trigger = {"type": ID.RELATED_EVENT, "figure": event.id, "row": "x"}
    _, _, body = cb.source_panel(state, trigger, 1, "en", "/")
    assert "".join(texts(by_id(body, ID.CITE_TEXT))) == cite_text(
        state.dataset.source(event.source)
    )
    assert "Link to this event, with the data version" in texts(body)
    assert parse_qs(urlsplit(by_id(body, ID.CITE_LINK).href).query)["highlight"] == [event.id]
