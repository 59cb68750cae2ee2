"""Downloads and exports in the reader's language: the language reaches every exporter,
and a Vietnamese file keeps an ASCII name with its Vietnamese title in ``filename*``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboard.analysis.frame import Filters
from dashboard.outputs.formats import (
    FORMATS,
    ExportContext,
    ExportError,
    register_format,
    unregister_format,
)
from dashboard.web.downloads import build_download, chart_title, download_name
from dashboard.words import Words

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample"  # fictional: see its README
DAY = dt.date(2026, 11, 22)


@pytest.fixture
def seen_contexts():
    """A format of the test's own that records the context each export is made with."""
    seen: list[ExportContext] = []

    @register_format("probe", "Probe", "txt", "text/plain", "view")
    def probe(figures, context):
        seen.append(context)
        return b"probe"

    yield seen
    unregister_format("probe")


def test_a_vietnamese_download_has_an_ascii_name_and_its_vietnamese_title_in_filename_star(
    dataset, config
):
    name, _ = build_download("csv", Filters(2018, 2025), dataset, config, today=DAY, words="vi")
    assert name == "so-lieu-chuong-trinh_2018-2025_2026-11-22.csv"
    assert name.title == "Số liệu chương trình_2018-2025_2026-11-22.csv"
    assert name.content_disposition == (
        'attachment; filename="so-lieu-chuong-trinh_2018-2025_2026-11-22.csv"; '
        "filename*=UTF-8''S%E1%BB%91%20li%E1%BB%87u%20ch%C6%B0%C6%A1ng%20tr%C3%ACnh_2018-2025_2026-11-22.csv"
    )
    assert name.isascii()


def test_an_english_download_keeps_its_name_and_needs_no_filename_star(dataset, config):
    name, _ = build_download("csv", Filters(2018, 2025), dataset, config, today=DAY)
    assert (name, name.title) == (
        "programme-figures_2018-2025_2026-11-22.csv",
        "programme-figures_2018-2025_2026-11-22.csv",
    )
    assert (
        name.content_disposition
        == 'attachment; filename="programme-figures_2018-2025_2026-11-22.csv"'
    )


def test_a_chart_s_file_is_named_by_its_title_in_the_page_s_language():
    assert chart_title("people", Words("vi")) == "Số người"
    assert chart_title("people") == "People"
    named = download_name("Funding by programme", Filters(2022, 2022), DAY, "png", Words("vi"))
    assert (named, named.title) == (
        "kinh-phi-theo-chuong-trinh_2022_2026-11-22.png",
        "Kinh phí theo chương trình_2022_2026-11-22.png",
    )


def test_a_wrong_download_is_explained_in_the_page_s_language(dataset, config):
    with pytest.raises(ExportError, match="không có kiểu tải 'docx'"):
        build_download("docx", Filters(2018, 2025), dataset, config, words="vi")
    with pytest.raises(
        ExportError, match=r"^a csv download holds the whole view; chart= applies to png and svg$"
    ):
        build_download("csv", Filters(2018, 2025), dataset, config, chart="people")


def test_the_page_s_language_reaches_the_exporter_s_context(dataset, config, seen_contexts):
    build_download("probe", Filters(2018, 2025), dataset, config, today=DAY, words="vi")
    build_download("probe", Filters(2018, 2025), dataset, config, today=DAY)
    assert [c.language for c in seen_contexts] == ["vi", "en"]
    assert seen_contexts[0].words.text("Filters", "filters") == "Bộ lọc"


def test_an_export_context_in_a_language_the_catalogue_does_not_hold_is_refused():
    with pytest.raises(ExportError, match="unknown language 'fr'; choose one of: en, vi"):
        ExportContext(language="fr")


def test_every_format_s_button_label_has_its_vietnamese_form():
    for output in FORMATS.values():
        label = output.label_in(Words("vi"))
        assert label and not label.untranslated, output.name
    assert FORMATS["pptx"].label_in(Words("vi")) == "Trang chiếu (PPTX)"
    assert FORMATS["pptx"].label_in(Words("en")) == "Slides (PPTX)"
