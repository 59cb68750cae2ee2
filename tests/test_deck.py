"""The PowerPoint deck of a view, opened with python-pptx as PowerPoint would open it."""

from __future__ import annotations

import re

import datetime as dt
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from dashboard.views import charts

from dashboard.outputs import deck, deckslides

from dashboard.outputs import images
from dashboard.cli import main
from dashboard.analysis.fmt import QUALIFIER_NOTES
from dashboard.analysis.frame import (
    Filters,
    apply_event_filters,
    apply_filters,
    events_frame,
    figures_frame,
    year_span,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample"  # fictional: see its README
MADE = dt.date(2026, 11, 22)


def build(dataset, config, filters: Filters) -> tuple[Presentation, object, object]:
    figures = apply_filters(figures_frame(dataset), filters)
    events = apply_event_filters(events_frame(dataset), filters)
    data = deck.build_deck(figures, events, dataset, filters, config, made_on=MADE)
    return Presentation(io.BytesIO(data)), figures, events


@pytest.fixture(scope="module")
def full(dataset, config):
    images.renderer()  # the shared warm browser
    return build(dataset, config, Filters(*year_span(dataset)))


@pytest.fixture(scope="module")
def only_2022(dataset, config):
    images.renderer()
    return build(dataset, config, Filters(2022, 2022))


def titles(presentation) -> list[str]:
    return [s.shapes.title.text if s.shapes.title is not None else "" for s in presentation.slides]


def chart_slides(presentation) -> dict[str, list]:
    """Each chart's slides, by chart name: one, or its parts when its rows take several
    slides ("Funding by programme (1 of 2)", "(2 of 2)"), as documents add bars."""
    by_title = {spec.title: name for name, spec in charts.CHARTS.items()}
    out: dict[str, list] = {}
    for slide, title in zip(presentation.slides, titles(presentation)):
        name = by_title.get(re.sub(r" \(\d+ of \d+\)$", "", title))
        if name:
            out.setdefault(name, []).append(slide)
    return out


def _part_titles(title: str, count: int) -> list[str]:
    return [title] if count == 1 else [f"{title} ({i} of {count})" for i in range(1, count + 1)]


def sources_slides(presentation) -> list:
    return [
        s
        for s in presentation.slides
        if s.shapes.title is not None and s.shapes.title.text.startswith("Sources and quotes")
    ]


@pytest.mark.chromium  # draws with headless Chromium
def test_the_deck_is_16_by_9(full):
    presentation, _, _ = full
    assert (
        Emu(presentation.slide_width).inches,
        Emu(presentation.slide_height).inches,
    ) == pytest.approx((13.333, 7.5), abs=0.01)


@pytest.mark.chromium  # draws with headless Chromium
def test_the_deck_has_a_title_slide_one_slide_per_chart_funding_per_person_then_the_sources(
    full, config
):
    presentation, _, _ = full
    pages = len(sources_slides(presentation))
    assert pages >= 1
    parts = chart_slides(presentation)
    assert list(parts) == list(charts.CHARTS)  # every chart, in order, each on one slide or more
    shown = sum(len(p) for p in parts.values())
    assert len(presentation.slides) == 1 + shown + 1 + pages
    expected = [
        config.title,
        *(
            t
            for spec in charts.CHARTS.values()
            for t in _part_titles(spec.title, len(parts[spec.name]))
        ),
        "Funding per person",
    ]
    assert titles(presentation)[: len(expected)] == expected
    assert titles(presentation)[len(expected) :] == (
        ["Sources and quotes"]
        if pages == 1
        else [f"Sources and quotes ({i} of {pages})" for i in range(1, pages + 1)]
    )


@pytest.mark.chromium  # draws with headless Chromium
def test_the_title_slide_names_the_filters_and_the_day(full, dataset, slide_text):
    presentation, _, _ = full
    text = slide_text(presentation.slides[0])
    assert "View: " + Filters(*year_span(dataset)).describe(dataset) in text
    assert "Made 22 Nov 2026" in text


BAR_CHARTS = (
    "funding",
    "people",
    "returns",
)  # drawn as native charts by default; the timeline and claims stay pictures


@pytest.mark.chromium  # draws with headless Chromium
def test_each_bar_chart_slide_holds_native_charts_and_the_others_a_full_resolution_picture_with_alt_text(
    full,
):
    presentation, _, _ = full
    for spec, slide in (
        (charts.CHARTS[name], slide)
        for name, slides in chart_slides(presentation).items()
        for slide in slides
    ):
        frames = [s for s in slide.shapes if getattr(s, "has_chart", False) and s.has_chart]
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        if spec.name in BAR_CHARTS:
            assert frames and not pictures, spec.title
            descr = frames[0]._element.nvGraphicFramePr.cNvPr.get("descr")
        else:
            assert len(pictures) == 1 and not frames, spec.title
            assert_full_resolution(pictures[0], presentation)
            descr = pictures[0]._element.nvPicPr.cNvPr.get("descr")
        assert descr and descr.startswith(spec.title)


@pytest.mark.chromium  # draws with headless Chromium
def test_with_deck_charts_picture_every_chart_slide_holds_a_full_resolution_picture(
    dataset, config
):
    filters = Filters(*year_span(dataset))
    figures = apply_filters(figures_frame(dataset), filters)
    data = deck.build_deck(
        figures,
        apply_event_filters(events_frame(dataset), filters),
        dataset,
        filters,
        config,
        made_on=MADE,
        charts_as="picture",
    )
    presentation = Presentation(io.BytesIO(data))
    for spec, slide in (
        (charts.CHARTS[name], slide)
        for name, slides in chart_slides(presentation).items()
        for slide in slides
    ):
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1, spec.title
        assert not any(getattr(s, "has_chart", False) and s.has_chart for s in slide.shapes), (
            spec.title
        )
        assert_full_resolution(pictures[0], presentation)


def assert_full_resolution(picture, presentation) -> None:
    assert picture.image.content_type == "image/png"
    assert picture.image.size[0] == 1920  # full resolution across the slide: 144 px per inch
    assert picture.width == presentation.slide_width


@pytest.mark.chromium  # draws with headless Chromium
def test_the_speaker_notes_hold_the_key_figures_with_their_qualifiers(full):
    presentation, figures, _ = full
    said = {
        name: "\n".join(s.notes_slide.notes_text_frame.text for s in parts)
        for name, parts in chart_slides(presentation).items()
    }
    funding = said["funding"]
    assert "over £7m" in funding and "up to £1m" in funding and "nearly £1m" in funding
    for note in (QUALIFIER_NOTES[q] for q in QUALIFIER_NOTES):
        assert note in funding
    people = said["people"]
    assert (
        "over 7 million" in people
        and "720" in people
        and "Exact: the source states this number." in people
    )
    returns = said["returns"]
    assert (
        "more than 24,000" in returns
        and "All nationalities, not Ruritanian nationals alone." in returns
    )
    for name, notes in said.items():
        rows = charts.plotted_rows(name, figures, figures.iloc[0:0]) if name != "timeline" else None
        if rows is not None:
            assert len(rows) and all(label in notes for label in rows["value_label"]), name


@pytest.mark.chromium  # draws with headless Chromium
def test_the_timeline_notes_list_each_event_with_its_quote(full):
    presentation, _, events = full
    notes = "\n".join(
        s.notes_slide.notes_text_frame.text for s in chart_slides(presentation)["timeline"]
    )
    for event in events.to_dict("records"):
        assert event["title"] in notes and event["quote"] in notes


@pytest.mark.chromium  # draws with headless Chromium
def test_the_sources_slides_hold_every_figure_with_value_qualifier_document_and_quote(
    full, dataset, slide_text
):
    presentation, figures, _ = full
    text = "\n".join(slide_text(s) for s in sources_slides(presentation))
    for f in figures.to_dict("records"):
        assert f"“{f['quote']}”" in text, f["id"]
        assert f["value_label"] in text
    assert "Over: the source gives a lower bound; the true value is higher." in text
    assert (
        "UK and Ruritania sign agreement to tackle human trafficking — Ministry of Examples, Apr 2025"
        in text
    )


@pytest.mark.chromium  # draws with headless Chromium
def test_every_shape_stays_inside_the_slide(full):
    presentation, _, _ = full
    for number, slide in enumerate(presentation.slides, start=1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert shape.left + shape.width <= presentation.slide_width, (number, shape.name)
            assert shape.top + shape.height <= presentation.slide_height, (number, shape.name)


@pytest.mark.chromium  # draws with headless Chromium
def test_the_funding_per_person_slide_keeps_each_bound_and_says_what_it_divides(full, slide_text):
    presentation, _, _ = full
    [slide] = [
        s
        for s in presentation.slides
        if s.shapes.title is not None and s.shapes.title.text == "Funding per person"
    ]
    text = slide_text(slide)
    assert "over £9,722 per victim identified" in text
    assert "over £7m ÷ 720" in text
    assert "A lower bound: the true amount per person is higher." in text
    assert "No bound either way" in text and "over £7m ÷ over 7 million" in text
    assert "bound" in slide.notes_slide.notes_text_frame.text


@pytest.mark.chromium  # draws with headless Chromium
def test_a_deck_without_funding_and_people_of_one_programme_and_period_has_no_ratio_slide(
    dataset, config
):
    presentation, _, _ = build(
        dataset, config, Filters(*year_span(dataset), programmes=("uk-returns",))
    )
    assert "Funding per person" not in titles(presentation)


@pytest.mark.chromium  # draws with headless Chromium
def test_a_2022_deck_leaves_out_the_returns_slide_and_the_returns_figure(only_2022, slide_text):
    presentation, figures, _ = only_2022
    assert "Returns" not in titles(presentation)
    assert "Not in this view (nothing to show): Returns." in slide_text(presentation.slides[0])
    assert "returned more than 24,000" not in "\n".join(
        slide_text(s) for s in sources_slides(presentation)
    )
    assert "uk-returns-since-general-election" not in set(figures["id"])
    assert len(presentation.slides) == 1 + 4 + 1 + len(
        sources_slides(presentation)
    )  # title, charts (funding, people, timeline, claims), funding per person, sources


# --- the sources table paginates before it overflows --------------------------------------


def long_rows(n: int, quote_words: int) -> list[deck.TableRow]:
    quote = " ".join(["verbatim"] * quote_words)
    cells = (
        "over £7m",
        "Funding — a programme",
        "Over: the source gives a lower bound.",
        "A document — Publisher, 2025",
        f"“{quote}”",
    )
    return [deck.TableRow(f"f{i}", cells, None, deck.row_height(cells)) for i in range(n)]


def test_long_quotes_split_the_sources_over_several_slides_that_each_fit():
    rows = long_rows(12, 60)
    available = deck._available_table_height()
    pages = deck.paginate(rows, available)
    assert len(pages) > 1
    assert [r.key for page in pages for r in page] == [r.key for r in rows]
    assert all(sum(r.height for r in page) <= available for page in pages)


def test_a_longer_quote_needs_a_taller_row():
    assert long_rows(1, 80)[0].height > long_rows(1, 5)[0].height


@pytest.mark.chromium  # draws with headless Chromium
def test_a_long_chart_title_is_set_smaller_to_stay_on_one_line(full):
    presentation, _, _ = full
    for slide in (slide for parts in chart_slides(presentation).values() for slide in parts):
        title = slide.shapes.title
        size = title.text_frame.paragraphs[0].runs[0].font.size.pt
        assert deck.text_width_in(title.text_frame.text, size, bold=True) <= title.width / 914400
    people = chart_slides(presentation)["people"][0].shapes.title
    assert people.text_frame.paragraphs[0].runs[0].font.size.pt < deckslides.TITLE_PT


def test_wrapping_never_makes_a_line_wider_than_its_cell():
    text = (
        "Since 2018 the UK has invested over £7 million to strengthen Ruritania’s anti-trafficking response "
        * 3
    )
    for line in deck.wrap_lines(text, 3.0, 11):
        assert deck.text_width_in(line, 11) <= 3.0


@pytest.mark.chromium  # draws with headless Chromium
def test_cli_pptx_writes_the_same_deck_of_the_filtered_view(tmp_path):
    images.renderer()
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(
        main,
        [
            "export",
            "--format",
            "pptx",
            "-o",
            str(out),
            "--year-from",
            "2022",
            "--year-to",
            "2022",
            "--data",
            str(SAMPLE / "data"),
            "--seeds",
            str(SAMPLE / "seeds"),
            "--config",
            str(ROOT / "config.yaml"),
        ],
    )
    assert result.exit_code == 0, result.output
    presentation = Presentation(str(out))
    assert "Returns" not in titles(presentation)
    assert titles(presentation)[1] == "Funding by programme"
