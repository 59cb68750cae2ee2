"""Every Vietnamese output a reader meets, walked for the faults a ministry's reviewer sent back
(issue 20): the page (its first paint for several links, the table, every source dialog, the
charts' notes and alt texts), every chart's slide images (the texts handed to the renderer), the
CSV, the workbook, the deck (with its speaker notes), the PDF brief's words as it sets them, and
the stylesheet. None of them says the project's own English, a bare "Chính phủ" (whose
government?), "£" beside a number, a number split from its unit by a breaking space, or a
doubled full stop or bracket, a date with a leading zero or a place name a line may split; no
name a document added without a Vietnamese form shows unmarked; every text run of the deck
says its language, and every slide keeps its text inside the slide.

Runs on the shipped data with its curated Vietnamese names (data/i18n/vi.yaml); every rule is
an invariant, so documents added to data/ keep it true. No image is drawn: the figures a PNG
or SVG would be drawn from are read instead."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from dashboard.analysis.frame import Filters, apply_filters, figures_frame, year_span
from dashboard.config import load_config
from dashboard.curated.translations import PLACES_KEPT_WHOLE, SECTIONS, curated_names
from dashboard.curated.translations import english as translated_english
from dashboard.outputs import images
from dashboard.outputs.decklang import quoted_languages, text_frames
from dashboard.outputs.export import FORMATS
from dashboard.outputs.formats import ExportContext
from dashboard.views.charts import CHARTS
from dashboard.web import callbacks as cb
from dashboard.web import state as st
from dashboard.web.app import app_state, create_app
from dashboard.web.ids import ID
from dashboard.words.catalogue import load_catalogue
from components import texts  # tests/components.py

ROOT = Path(__file__).resolve().parent.parent
CSS = ROOT / "dashboard" / "web" / "assets" / "dashboard.css"
MADE = dt.date(2026, 11, 30)
NUMBER = r"(?<![\w.,/])\d+(?:[.,]\d+)*"
UNTRANSLATED = "(chưa dịch)"  # the catalogue's mark after a name shown in English


# --- the outputs ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app(shipped_dataset, shipped_data_dir, shipped_seeds_dir):
    return create_app(
        shipped_dataset, load_config(ROOT / "config.yaml"), shipped_seeds_dir, shipped_data_dir
    )


@pytest.fixture(scope="module")
def page(app) -> list[str]:
    """Every string of the Vietnamese page: first paint of several links, the table, every
    source dialog, and each chart's notes and alt text as the view callback sends them."""
    state = replace(app_state(app), views=st.ViewCache())
    d = state.dataset
    found = []
    for link in [
        "?lang=vi",
        "?lang=vi&year_from=1990&year_to=1990",
        *(f"?lang=vi&metric={m.id}" for m in d.metrics),
    ]:
        found += texts(cb.first_page(state, link))
    view = st.compute_view(state, state.defaults, "vi")
    found += texts(cb.flat(cb.view_outputs(view), cb.VIEW_OUTPUTS))
    found += [view.charts[name].alt for name in CHARTS]
    found += texts(cb.table_update(state, [], state.defaults, "", None, "vi"))
    for figure in d.figures:
        found += texts(cb.source_panel(state, {"type": ID.CARD_LINE, "figure": figure.id}, 1, "vi"))
    for event in d.events:
        found += texts(
            cb.source_panel(
                state, {"type": ID.RELATED_EVENT, "figure": event.id, "row": event.id}, 1, "vi"
            )
        )
    return [str(t) for t in found if isinstance(t, str)]


def export(fmt: str, dataset, config) -> bytes:
    filters = Filters(*year_span(dataset))
    figures = apply_filters(figures_frame(dataset), filters)
    return FORMATS[fmt](
        figures, ExportContext.for_view(dataset, filters, config, today=MADE, language="vi")
    )


@pytest.fixture(scope="module")
def deck(shipped_dataset, config):
    blank = io.BytesIO()
    Image.new("RGB", (1920, 943), "white").save(blank, format="PNG")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(images, "prewarm", lambda: None)
        patch.setattr(images, "render_images", lambda figs, **_: [blank.getvalue()] * len(figs))
        return Presentation(io.BytesIO(export("pptx", shipped_dataset, config)))


def figure_texts(node) -> list[str]:
    """Every text a drawn chart sets (titles, notes, ticks, labels, legend names), tags removed
    and wrapped lines joined."""
    if isinstance(node, dict):
        return [
            t
            for key, value in node.items()
            if key not in ("hovertemplate", "meta", "customdata", "uid")
            for t in figure_texts(value)
        ]
    if isinstance(node, (list, tuple)):
        return [t for item in node for t in figure_texts(item)]
    if isinstance(node, str) and re.search(r"[^\W\d_]{2}", node):
        return [
            re.sub(r"\s*<br\s*/?>\s*", " ", re.sub(r"</?(?:b|i|span|sup|sub)[^>]*>", "", node))
        ]  # a wrapped line read whole
    return []


def brief_words(dataset, config) -> list[str]:
    """Every text the Vietnamese PDF brief sets, from the HTML WeasyPrint is given (tags out,
    no-break spaces kept: pdftotext would read them as plain spaces)."""
    import html

    from dashboard.outputs.pdfbrief import brief
    from dashboard.outputs.pdfhtml import brief_html
    from dashboard.words import Words

    filters = Filters(*year_span(dataset))
    context = ExportContext.for_view(
        dataset,
        filters,
        config,
        today=MADE,
        language="vi",
        version="0123456789ab",
        link="http://x/?lang=vi",
    )
    figures, context = context.localized(apply_filters(figures_frame(dataset), filters))
    page = re.sub(
        r"<style>.*?</style>|<head>.*?</head>",
        "",
        brief_html(brief(figures, context, with_charts=False), {}, Words("vi")),
        flags=re.S,
    )
    return [html.unescape(t) for t in re.split(r"<[^>]+>", page) if t.strip()]


@pytest.fixture(scope="module")
def slide_images(shipped_dataset, config) -> list[str]:
    """The texts of every chart's slide images (PNG, SVG), as drawn: the figures handed to the
    renderer are kept, and no browser is started."""
    drawn = []
    blank = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(blank, format="PNG")

    def keep(figs, **_):
        drawn.extend(figs)
        return [blank.getvalue()] * len(figs)

    filters = Filters(*year_span(shipped_dataset))
    figures = apply_filters(figures_frame(shipped_dataset), filters)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(images, "prewarm", lambda: None)
        patch.setattr(images, "render_images", keep)
        for name in CHARTS:
            context = ExportContext.for_view(
                shipped_dataset, filters, config, today=MADE, language="vi", chart=name
            )
            try:
                FORMATS["png"](figures, context)
            except (
                Exception
            ) as error:  # an empty chart may be left out with a message: its words are walked too
                drawn.append({"text": str(error)})
    figures = [getattr(f, "to_plotly_json", lambda f=f: f)() for f in drawn]
    # a note wrapped over several lines is one annotation a line: each image's notes read whole too
    notes = [
        " ".join(
            figure_texts([a.get("text", "") for a in f.get("layout", {}).get("annotations", [])])
        )
        for f in figures
    ]
    rest = [
        {**f, "layout": {k: v for k, v in f.get("layout", {}).items() if k != "annotations"}}
        for f in figures
    ]
    return figure_texts(rest) + notes


@pytest.fixture(scope="module")
def outputs(page, deck, slide_images, shipped_dataset, config) -> dict[str, list[str]]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(export("xlsx", shipped_dataset, config)))
    rows = csv.reader(io.StringIO(export("csv", shipped_dataset, config).decode("utf-8-sig")))
    return {
        "page": page,
        "images": slide_images,
        "csv": [cell for row in list(rows)[1:] for cell in row],  # the header row is machine names
        "xlsx": [
            c.value
            for sheet in workbook
            for row in sheet.iter_rows()
            for c in row
            if isinstance(c.value, str)
        ],
        "deck": [
            run.text for frame in text_frames(deck) for p in frame.paragraphs for run in p.runs
        ],
        "pdf": brief_words(shipped_dataset, config),
    }


# --- what a text may not say ---------------------------------------------------------------


def not_ours(dataset) -> list[str]:
    """What the documents say in their own words (quotes, English titles and names where none
    is curated), longest first: taken out before a text is read for the project's English."""
    said = {
        r.quote for r in (*dataset.figures, *dataset.events, *dataset.context_statistics) if r.quote
    }
    said |= {s.title for s in dataset.sources} | {s.publisher for s in dataset.sources}
    return sorted((s for s in said if s), key=len, reverse=True)


def names_without_vietnamese(dataset, data_dir: Path) -> list[str]:
    """The curated English names and notes that data/i18n gives no Vietnamese form (a document
    added as data only), longest first: each must reach a Vietnamese output marked."""
    names = curated_names(data_dir, "vi")
    found = set()
    for section, spec in SECTIONS.items():
        for record in getattr(dataset, section):
            key = getattr(record, spec.key)
            for field in spec.names:
                said = translated_english(record, field)
                if said and (names is None or not names.form(section, key, field)):
                    found.add(said)
    return sorted(found, key=len, reverse=True)


def documents_say(seeds_dir: Path):
    """Whether a text is a passage of a source document (the source dialog shows the quote in
    its context): the document's own words, in its own language."""
    documents = [path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))]
    return lambda text: (
        bool(text.strip()) and any(text.strip() in document for document in documents)
    )


def project_english() -> tuple[set[str], str]:
    """The catalogue's English, each message's fixed words of at least 12 characters (its
    placeholders are data), and all its Vietnamese to tell shared words apart."""
    entries = list(load_catalogue("vi"))
    english = {
        part.strip()
        for e in entries
        for m in e.english
        for part in re.split(r"\{[a-z_]*\}", m)
        if len(part.strip()) >= 12
    }
    return english, " ".join(form for e in entries for form in e.translated)


def unit_words(data_dir: Path) -> set[str]:
    """The words that follow a number in Vietnamese: those after a number's placeholder in the
    catalogue ("{n} số liệu", "{digits} triệu") and the curated units' names and nouns."""
    words = set()
    for entry in load_catalogue("vi"):
        for form in entry.translated:
            words |= {
                m.lower()
                for m in re.findall(
                    r"\{(?:n|digits|count|number|seconds|height|got_height)\}\s(\w+)", form
                )
            }
    names = curated_names(data_dir, "vi")
    for (section, _), entry in names.entries.items() if names else ():
        if section == "units":
            words |= {value.split()[0].lower() for value in entry.forms.values() if value}
    return words


def faults(text: str, units: set[str]) -> list[str]:
    found = []
    if m := re.search(r"Chính\s+phủ(?!\s+(Anh|Việt\s+Nam))", text, re.IGNORECASE):
        found.append(f"whose government? {text[max(0, m.start() - 30) : m.end() + 20]!r}")
    if m := re.search(
        r"(?<![\d.,-])0\d/\d|(?<![\d.,-])\d{1,2}/0\d(?=/\d{4}\b|\b)|tháng\s0\d", text
    ):
        found.append(f"a date with a leading zero: {text[max(0, m.start() - 20) : m.end() + 10]!r}")
    if m := re.search(r"đại lượng|hồi hương|Luân Đôn|phạm vi đang xem", text, re.IGNORECASE):
        found.append(f"a term the reviewer replaced (docs/GLOSSARY.md): {m[0]!r}")
    for place in PLACES_KEPT_WHOLE:
        if place in text:  # with an ordinary space between its syllables
            found.append(f"a place name a line may split: {place!r}")
    if m := re.search(rf"£\s?\d|{NUMBER}\s?£", text):
        found.append(f"£ beside a number: {m[0]!r}")
    for m in re.finditer(rf"({NUMBER}) (\w+)", text):
        if m[2].lower() in units:
            found.append(f"a breaking space between a number and its unit: {m[0]!r}")
    if m := re.search(r"(?<!\.)\.\.(?!\.)|,,|(\([^()]+\))\s*\1", text):
        found.append(f"doubled punctuation: {text[max(0, m.start() - 30) : m.end()]!r}")
    return found


# --- the tests ---------------------------------------------------------------------------


def test_no_vietnamese_output_says_the_project_s_own_english(
    outputs, shipped_dataset, shipped_seeds_dir, shipped_data_dir
):
    english, translated = project_english()
    theirs, passage = not_ours(shipped_dataset), documents_say(shipped_seeds_dir)
    # a curated name no one has translated yet is the data's English, shown with its mark
    untranslated = names_without_vietnamese(shipped_dataset, shipped_data_dir)
    theirs += [f"{name} {UNTRANSLATED}" for name in untranslated]
    theirs.sort(key=len, reverse=True)
    spans = set(
        untranslated
    )  # the page shows such a name in a span of its own (lang="en"), its mark beside it
    said = set()
    for where, strings in outputs.items():
        for text in (s for s in strings if not passage(s) and not (where == "page" and s in spans)):
            for words in theirs:
                text = text.replace(words, "«»")
            said |= {(where, part) for part in english if part in text and part not in translated}
    assert not said, f"English left in Vietnamese outputs: {sorted(said)}"


def test_no_vietnamese_output_has_a_bare_government_a_pound_sign_a_broken_unit_or_doubled_punctuation(
    outputs,
    shipped_dataset,
    shipped_data_dir,
    shipped_seeds_dir,
):
    units = unit_words(shipped_data_dir)
    assert {"triệu", "người"} <= units  # the rule reads what it must
    quotes, passage = not_ours(shipped_dataset), documents_say(shipped_seeds_dir)
    found = set()
    for where, strings in outputs.items():
        for text in (s for s in strings if not passage(s)):
            for words in quotes:
                text = text.replace(words, "«»")
            found |= {(where, fault) for fault in faults(text, units)}
    assert not found, "\n".join(f"{where}: {fault}" for where, fault in sorted(found))


def test_the_stylesheet_draws_no_words_of_its_own():
    drawn = re.findall(r"content:\s*\"([^\"]*)\"", CSS.read_text(encoding="utf-8"))
    assert drawn and not [text for text in drawn if re.search(r"[^\W\d_]", text)], drawn


def test_every_run_of_the_vietnamese_deck_says_its_language_and_a_quote_says_its_document_s(
    deck, shipped_dataset
):
    quoted = quoted_languages(shipped_dataset)
    runs = [run for frame in text_frames(deck) for p in frame.paragraphs for run in p.runs]
    tags = {run.text: run.font._rPr.get("lang") for run in runs}
    assert len(tags) > 30
    wrong = {
        text: tag
        for text, tag in tags.items()
        if tag != ("en-GB" if quoted.get(text) == "en" else "vi-VN")
    }
    assert not wrong, wrong
    assert any(text in quoted for text in tags)  # the sources' table quotes, in English


def test_the_vietnamese_workbook_shows_a_date_as_its_tables_do_day_first_without_leading_zeros(
    shipped_dataset, config
):
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(export("xlsx", shipped_dataset, config))).worksheets[
        1
    ]  # the Data sheet's date cells
    dates = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.is_date]
    assert dates and {cell.number_format for cell in dates} == {
        "d/m/yyyy"
    }  # 17/4/2024, as "17/4/2024" in the page's table


def test_a_curated_translation_is_labelled_above_it_as_a_reference_translation(
    app, shipped_data_dir
):
    from dash import html

    from components import walk

    state = app_state(app)
    names = curated_names(shipped_data_dir, "vi")
    translated = [
        f for f in state.dataset.figures if names.form("figures", f.id, "quote_translation")
    ]
    assert translated
    _, _, body = cb.source_panel(state, {"type": ID.CARD_LINE, "figure": translated[0].id}, 1, "vi")
    [figure] = [
        c
        for part in (body if isinstance(body, (list, tuple)) else [body])
        for c in walk(part)
        if isinstance(c, html.Figure)
    ]
    caption, quote = figure.children[0], figure.children[1]
    assert isinstance(caption, html.Figcaption) and caption.children == "Bản dịch tham khảo"
    assert isinstance(
        quote, html.Blockquote
    )  # the translation comes after its label, never read first


def test_a_vietnamese_money_axis_names_the_currency_once_in_its_title_not_on_every_tick(app):
    state = app_state(app)
    view = st.compute_view(state, state.defaults, "vi")
    currency = "bảng\u00a0Anh"
    for name in CHARTS:
        axes = [
            a
            for k, a in view.charts[name]
            .spec.get("layout", {})
            .items()  # value axes: numbers at their ticks
            if k[1:5] == "axis"
            and a.get("ticktext")
            and all(isinstance(v, (int, float)) for v in a.get("tickvals", ["?"]))
        ]
        titled = [a for a in axes if currency in str((a.get("title") or {}).get("text", ""))]
        for axis in titled:  # a phone's axis holds "8 triệu", not "8 triệu bảng Anh" on each tick
            assert not any(currency in str(t) for a in axes for t in a["ticktext"]), (
                name,
                axis["ticktext"],
            )
    funding = view.charts["funding"].spec["layout"]
    assert any(
        currency in str((a.get("title") or {}).get("text", ""))
        for k, a in funding.items()
        if k.startswith("xaxis")
    )


def test_a_name_without_vietnamese_is_marked_in_every_file_and_slide(
    outputs, shipped_dataset, shipped_seeds_dir, shipped_data_dir
):
    """A name a document added with no Vietnamese form reads in English on the Vietnamese
    charts, slides and files, as on the cards: followed by "(chưa dịch)", never bare."""
    names, passage = (
        names_without_vietnamese(shipped_dataset, shipped_data_dir),
        documents_say(shipped_seeds_dir),
    )
    quotes = not_ours(shipped_dataset)
    ids = {
        getattr(r, "id", None) for section in SECTIONS for r in getattr(shipped_dataset, section)
    }  # a unit's id may read as its noun
    bare = set()
    for where in ("csv", "xlsx", "deck"):
        for text in (s for s in outputs[where] if not passage(s) and s not in ids):
            for name in names:
                text = text.replace(f"{name} {UNTRANSLATED}", "«»")
            for words in quotes:
                text = text.replace(words, "«»")
            bare |= {(where, name) for name in names if name in text}
    assert not bare, f"English names shown bare on Vietnamese outputs: {sorted(bare)}"


def test_every_vietnamese_slide_keeps_its_text_on_the_slide_and_its_titles_in_their_boxes(deck):
    """Vietnamese runs longer than English: a slide title, wrapped to its box's width at the size
    it is set, still fits its box's height, and every text box, table and picture stays inside
    the slide."""
    from dashboard.outputs.textfit import wrap_lines

    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert (
                shape.left + shape.width <= deck.slide_width
                and shape.top + shape.height <= deck.slide_height
            ), (number, shape.name)
        title = slide.shapes.title
        if title is not None and title.text_frame.text:
            size = min(
                r.font.size.pt
                for p in title.text_frame.paragraphs
                for r in p.runs
                if r.font.size is not None
            )
            width, height = (
                title.width / 914400 - 0.2,
                title.height / 914400,
            )  # inches, less the box's inner margins
            lines = sum(
                len(wrap_lines(p.text, width, size, bold=True)) for p in title.text_frame.paragraphs
            )
            assert lines * size * 1.2 / 72 <= height, (number, title.text_frame.text, lines)
