"""The PDF brief set as a PDF: ``pdfbrief`` says what it holds, ``pdfhtml`` lays it out,
WeasyPrint sets it (tagged, A4, its fonts embedded as subsets). The charts are drawn once, as
SVG, by the warm renderer in one render slot (``gate``), once the fullest brief that keeps to
``MAX_PAGES`` is found by laying out a few (``fit``: one when the whole view fits), so a chart
left out is never drawn.

WeasyPrint is given one self-contained string: the charts travel as ``data:`` URLs and its
URL fetcher allows nothing else, so a brief never reads a file or the network.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from dashboard.outputs.errors import ExportError
from dashboard.outputs.pdfbrief import CHART_PX, CTX, MAX_PAGES, MIN_ROWS, Brief, brief
from dashboard.outputs.pdfhtml import brief_html
from dashboard.words import Words

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.outputs.formats import ExportContext

# A chart slide's size without its drawing: the layout depends on the slide's size alone
PLACEHOLDER = f'<svg xmlns="http://www.w3.org/2000/svg" width="{CHART_PX[0]}" height="{CHART_PX[1]}"/>'.encode()


def brief_pdf(figures: pd.DataFrame, context: ExportContext) -> bytes:
    """The brief as PDF bytes: A4 portrait, at most ``MAX_PAGES`` pages (see the module's text).

    Every chart slide is ``CHART_PX``, so what fits is found with plain drawings of that size,
    and only the charts the brief keeps are drawn, in one render slot."""
    from dashboard.outputs import images

    if context.size:
        raise ExportError(
            context.words.text("--size applies to png and svg; the brief is always A4", CTX)
        )
    whole = brief(figures, context)
    chosen, _ = fit(
        whole, {chart.name: [PLACEHOLDER] * len(chart.slides) for chart in whole.charts}
    )
    slides = [slide for chart in chosen.charts for slide in chart.slides]
    drawn = (
        images.render_images(slides, format="svg", width=CHART_PX[0], height=CHART_PX[1])
        if slides
        else []
    )
    pictures: dict[str, list[bytes]] = {}
    for chart in chosen.charts:
        pictures[chart.name], drawn = list(drawn[: len(chart.slides)]), drawn[len(chart.slides) :]
    return render(chosen, pictures).write_pdf(pdf_tags=True)


def pdf_of(whole: Brief, pictures: dict[str, list[bytes]]) -> bytes:
    """The PDF of the fullest part of ``whole`` that keeps to ``MAX_PAGES`` (``pictures``: the
    SVG slides of each chart by name; a brief made ``with_charts=False`` needs none)."""
    return fit(whole, pictures)[1].write_pdf(pdf_tags=True)


def fit(whole: Brief, pictures: dict[str, list[bytes]]):
    """The fullest brief that keeps to ``MAX_PAGES`` and its laid-out document: the whole one
    when it fits (one layout); else the table cut to ``MIN_ROWS``, each chart kept in turn if
    the brief still fits with it, then every row back if that fits too (a layout each)."""
    document = render(whole, pictures)
    if _fits(document) or not (whole.charts or len(whole.rows) > MIN_ROWS):
        return whole, document
    rows, kept = min(len(whole.rows), MIN_ROWS), []
    best = whole.pick(rows, kept)
    laid = render(best, pictures)
    if not _fits(laid):  # the cards alone fill more: nothing else to take out
        return best, laid
    for chart in whole.charts:
        trial = whole.pick(rows, [*kept, chart.name])
        document = render(trial, pictures)
        if _fits(document):
            kept, best, laid = [*kept, chart.name], trial, document
    if len(whole.rows) > rows:
        trial = whole.pick(len(whole.rows), kept)
        document = render(trial, pictures)
        if _fits(document):
            best, laid = trial, document
    return best, laid


def _fits(document) -> bool:
    return len(document.pages) <= MAX_PAGES


def render(text: Brief, pictures: dict[str, list[bytes]]):
    """The laid-out WeasyPrint document of ``text`` (``.pages``, ``.write_pdf``)."""
    from weasyprint import HTML

    return HTML(
        string=brief_html(text, pictures, Words(text.language)),
        url_fetcher=_data_only(),
        base_url=".",
    ).render(pdf_tags=True)


def _data_only():
    """The brief is one self-contained string: its charts are ``data:`` URLs, and it fetches
    nothing else, from the disk or a network (WeasyPrint leaves out what it may not fetch)."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",))
