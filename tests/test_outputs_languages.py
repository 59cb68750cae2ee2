"""The deck, the slide images and the spreadsheet say their own words in the export's language: `dashboard
export --lang vi` writes a deck whose titles, tables and speaker-note headings are the
catalogue's Vietnamese, slides whose titles, "(1 of 2)", "(continued)" and date line are too,
and every word they ask for is in the catalogue (a strict lookup fails on a missing entry).
English stays as it was (the other deck and image tests). Runs on the fictional sample data
and a made-up frame of many bars; images are not drawn."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from PIL import Image
from pptx import Presentation

from dashboard.analysis.frame import (
    Filters,
    apply_event_filters,
    apply_filters,
    events_frame,
    figures_frame,
    funding_ratios,
    year_span,
)
from dashboard.outputs import deck, images
from dashboard.outputs.formats import ExportContext
from dashboard.views import charts
from dashboard.words import Words
from dashboard.words.catalogue import load_catalogue
from dashboard.words.languages import LANGUAGES
from test_slide_parts import claims, many_bars  # noqa: F401  (claims: a fixture)

MADE = dt.date(2026, 11, 30)
DECK_MODULES = tuple(
    f"dashboard/outputs/{m}.py"
    for m in ("deck", "decktables", "deckcharts", "deckslides", "decktemplate")
)


@pytest.fixture
def no_drawing(monkeypatch):
    """Pictures as blank PNGs: these tests read words, not pixels."""
    blank = io.BytesIO()
    Image.new("RGB", (1920, 943), "white").save(blank, format="PNG")
    monkeypatch.setattr(images, "prewarm", lambda: None)
    monkeypatch.setattr(images, "render_images", lambda figs, **_: [blank.getvalue()] * len(figs))


def view(dataset):
    filters = Filters(*year_span(dataset))
    return (
        apply_filters(figures_frame(dataset), filters),
        apply_event_filters(events_frame(dataset), filters),
        filters,
    )


def deck_texts(content: bytes) -> list[str]:
    """Every text of the deck: titles, bodies, table cells and speaker notes."""
    texts = []
    for slide in Presentation(io.BytesIO(content)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
        texts.append(slide.notes_slide.notes_text_frame.text)
    return texts


@pytest.mark.parametrize("language", LANGUAGES)  # every registered language
def test_every_word_the_deck_asks_for_is_in_the_catalogue(dataset, config, no_drawing, language):
    figures, events, filters = view(dataset)
    assert deck.build_deck(
        figures, events, dataset, filters, config, made_on=MADE, words=Words(language, strict=True)
    )


def chart_keys(figures, events, dataset, filters, config) -> list[str]:
    """The names of the charts' fill and pattern keys (the views' words, in the frame's language)."""
    from dashboard.views.charts.draw import KEY_TRACE_ROLE

    drawn = [
        charts.build_chart(name, figures, events, dataset, config.theme, filters).to_dict()
        for name in charts.CHARTS
    ]
    return [
        t["name"]
        for figure in drawn
        for t in figure["data"]
        if (t.get("meta") or {}).get("role") == KEY_TRACE_ROLE
    ]


def test_a_vietnamese_deck_says_none_of_its_own_english_words(dataset, config, no_drawing):
    figures, events, filters = view(dataset)
    vi = Words("vi")
    text = "\n".join(
        deck_texts(
            deck.build_deck(figures, events, dataset, filters, config, made_on=MADE, words=vi)
        )
    )
    for words_of_other_layers in [  # the charts' notes (views) and the ratios' labels (analysis) switch over with their layers
        *(note for name in charts.CHARTS for note in charts.qualifier_notes(name, figures)),
        *(ratio.label for ratio in funding_ratios(figures, dataset)),
        *chart_keys(
            figures, events, dataset, filters, config
        ),  # the bar charts' keys, as their pictures draw them
    ]:
        text = text.replace(words_of_other_layers, "")
    # the catalogue's messages of the deck's own places, each by its fixed words (placeholders are data)
    # where they are long enough to mean something and differ from the Vietnamese
    entries = [
        e for e in load_catalogue("vi") if any(path in DECK_MODULES for path, _ in e.locations)
    ]
    assert len(entries) > 30
    english = {
        part.strip()
        for e in entries
        for message in e.english
        for part in re.split(r"\{[a-z_]*\}", message)
        if len(part.strip()) >= 12
    }
    translated = " ".join(form for e in entries for form in e.translated)
    said = sorted(part for part in english if part in text and part not in translated)
    assert not said, f"English left in the Vietnamese deck: {said}"
    assert "Tạo ngày" in text and "Nguồn và trích dẫn" in text and "Mở nguồn ↗" in text


def test_a_vietnamese_slide_titles_its_chart_and_parts_and_dates_it_in_vietnamese(claims, config):  # noqa: F811
    vi = Words("vi", strict=True)
    figures, events, filters = many_bars(claims, bars=10, scopes=1)
    parts = images.slide_parts(
        "funding", figures, events, claims, filters, config, made_on=MADE, words=vi
    )
    title = vi.text("Funding by programme", "charts")
    assert len(parts) > 1 and title != "Funding by programme"
    assert [p.text.title for p in parts] == [
        f"{title} ({k}/{len(parts)})" for k in range(1, len(parts) + 1)
    ]
    assert all(p.text.made.startswith("Tạo ngày 30/11/2026") for p in parts)
    later = [
        a["text"]
        for p in parts[1:]
        for a in p.figure["layout"]["annotations"]
        if a.get("name") == "panel-title"
    ]
    assert later and all(t.endswith(" (tiếp theo)") for t in later)


def test_a_vietnamese_note_said_once_for_every_panel_names_them_all_in_vietnamese(claims, config):  # noqa: F811
    from dashboard.outputs.slidefit import panel_notes

    titles = [
        {"name": "panel-title", "text": f"Kinh phí · {s}<br><span>Số tiền đầu tư</span>"}
        for s in ("A", "B")
    ]
    assert panel_notes(titles, Words("vi", strict=True)) == [
        "Kinh phí (mọi khung): Số tiền đầu tư."
    ]


def test_the_png_export_context_carries_its_language_to_the_slide(claims, config, monkeypatch):  # noqa: F811
    figures, events, filters = many_bars(claims, bars=2, scopes=1)
    seen = {}

    def parts(*args, **options):
        seen.update(options)
        return []

    monkeypatch.setattr(images, "slide_parts", parts)
    monkeypatch.setattr(images, "render_images", lambda figs, **_: [])
    monkeypatch.setattr(ExportContext, "events", lambda self: events)
    from dashboard.outputs.export import chart_images

    chart_images(
        "png",
        figures,
        ExportContext.for_view(claims, filters, config, chart="funding", today=MADE, language="vi"),
    )
    assert seen["words"].language == "vi"


@pytest.mark.parametrize("language", LANGUAGES)  # every registered language
def test_every_word_the_spreadsheet_asks_for_is_in_the_catalogue(
    dataset, config, monkeypatch, language
):
    from dashboard.outputs.export import FORMATS

    figures, _, filters = view(dataset)
    monkeypatch.setattr(
        ExportContext, "words", property(lambda self: Words(self.language, strict=True))
    )
    assert FORMATS["xlsx"](
        figures, ExportContext.for_view(dataset, filters, config, today=MADE, language=language)
    )


def test_a_vietnamese_workbook_names_its_sheets_and_its_about_rows_in_vietnamese(dataset, config):
    from openpyxl import load_workbook

    from dashboard.outputs.export import FORMATS

    figures, _, filters = view(dataset)
    content = FORMATS["xlsx"](
        figures, ExportContext.for_view(dataset, filters, config, today=MADE, language="vi")
    )
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames[0] == "Số liệu" and workbook.sheetnames[-1] == "Giới thiệu"
    about = {row[0].value: row[1].value for row in workbook["Giới thiệu"].iter_rows()}
    assert {"Tiêu đề", "Quy tắc năm", "Ngày tạo", "An toàn"} <= set(about)
    assert about["Quy tắc năm"].startswith("Một số liệu được giữ lại") and about[
        "An toàn"
    ].startswith("Các ô văn bản")
    english = {
        "Title",
        "Filters",
        "Year rule",
        "Made on",
        "Figures",
        "Qualifier",
        "Source",
        "Values",
        "Columns",
        "Scope",
        "Relations",
        "Safety",
    }
    assert not set(about) & english
    assert about["Các cột"].startswith("Trang Số liệu") and about["Quan hệ"].startswith(
        "relation và related_ids"
    )


def test_an_image_export_without_a_chart_says_so_in_the_export_language(dataset, config):
    from dashboard.outputs.errors import ExportError
    from dashboard.outputs.export import FORMATS

    figures, _, filters = view(dataset)
    with pytest.raises(ExportError, match="vẽ một biểu đồ"):
        FORMATS["png"](
            figures, ExportContext.for_view(dataset, filters, config, today=MADE, language="vi")
        )


def test_a_vietnamese_workbook_heads_its_readable_columns_in_vietnamese_and_keeps_the_csv_names(
    dataset, config
):
    from openpyxl import load_workbook

    from dashboard.outputs.export import CSV_COLUMNS, FORMATS, XLSX_READABLE

    figures, _, filters = view(dataset)
    content = FORMATS["xlsx"](
        figures, ExportContext.for_view(dataset, filters, config, today=MADE, language="vi")
    )
    book = load_workbook(io.BytesIO(content))
    readable = [c.value for c in book["Số liệu"][1]]
    english = [header for _, header, _ in XLSX_READABLE]
    assert len(readable) == len(XLSX_READABLE) and not set(readable) & set(english)
    assert "Chỉ số" in readable and "Đơn vị phát hành" in readable and "Mã số liệu" in readable
    assert [c.value for c in book["Dữ liệu"][1]] == CSV_COLUMNS  # machine names stay as in the CSV


def test_an_unknown_image_size_is_named_in_the_export_language(config):
    from dashboard.outputs.errors import ExportError

    with pytest.raises(
        ExportError, match=r"^unknown image size 'poster'; choose one of: widescreen \(1920×1080\)"
    ):
        images.image_size(config, "poster")
    with pytest.raises(ExportError) as vietnamese:
        images.image_size(config, "poster", Words("vi", strict=True))
    assert "'poster'" in str(vietnamese.value) and "unknown image size" not in str(vietnamese.value)
