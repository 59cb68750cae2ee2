"""Every text run of a deck says which language it is in, so PowerPoint checks the spelling of
Vietnamese as Vietnamese and a screen reader reads it with a Vietnamese voice: the deck's own
words in the deck's language (``vi-VN``), a quoted document in the document's (``en-GB``).

Native charts (``deckcharts``) are tagged too: their data labels' runs, and the chart's own
language (``c:lang``) and default text (axis labels, read from the embedded workbook).

A run is the deck's own words unless its whole text is one quote as the deck writes it,
between curly quotation marks (the sources' table): the speaker notes, which quote a source
inside a Vietnamese sentence, are tagged as the sentence."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from dashboard.curated.records import Dataset
from dashboard.words.languages import BY_CODE
from dashboard.words.names import language_of

# The language tag a deck run carries for each language the project writes or quotes.
LANGUAGE_TAGS = {code: language.tag for code, language in BY_CODE.items()}


def language_tag(language: str) -> str:
    """``vi`` → ``vi-VN``, ``en`` → ``en-GB``; another language as it is named."""
    return LANGUAGE_TAGS.get(language, language)


def quoted_languages(dataset: Dataset) -> dict[str, str]:
    """``{"“quote”": "en"}``: each quote as the deck's tables write it, with the language of
    its document."""
    records = (*dataset.figures, *dataset.events, *getattr(dataset, "context_statistics", ()))
    return {f"“{r.quote}”": language_of(r, dataset) for r in records if getattr(r, "quote", None)}


def text_frames(deck) -> Iterator:
    """Every text frame of the deck: shapes, table cells and speaker notes."""
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                yield shape.text_frame
            if getattr(shape, "has_table", False) and shape.has_table:
                yield from (cell.text_frame for row in shape.table.rows for cell in row.cells)
        if slide.has_notes_slide:
            yield slide.notes_slide.notes_text_frame


def runs(frames: Iterable) -> Iterator:
    for frame in frames:
        for paragraph in frame.paragraphs:
            yield from paragraph.runs


def tag_languages(deck, language: str, quoted: dict[str, str]) -> None:
    """Mark every run of ``deck`` with its language: a quote (a key of ``quoted``) with its
    document's, every other run with ``language``, the deck's."""
    own = language_tag(language)
    for run in runs(text_frames(deck)):
        document = quoted.get(run.text)
        run.font._rPr.set("lang", language_tag(document) if document else own)
    for chart in charts(deck):
        tag_chart(chart, own)


def charts(deck) -> Iterator:
    """Every native chart of the deck."""
    for slide in deck.slides:
        for shape in slide.shapes:
            if getattr(shape, "has_chart", False) and shape.has_chart:
                yield shape.chart


def tag_chart(chart, tag: str) -> None:
    """A native chart's every run and default text in ``tag`` (its words are the deck's own)."""
    from pptx.oxml.ns import qn

    space = chart._chartSpace
    lang = space.find(qn("c:lang"))
    if (
        lang is None
    ):  # after c:date1904, as the schema orders them (PowerPoint repairs a file that does not)
        lang = space.makeelement(qn("c:lang"), {})
        date1904 = space.find(qn("c:date1904"))
        space.insert(0 if date1904 is None else space.index(date1904) + 1, lang)
    lang.set("val", tag)
    for element in space.iter(qn("a:rPr"), qn("a:defRPr"), qn("a:endParaRPr")):
        element.set("lang", tag)
