"""The PDF brief set as a PDF: ``pdfbrief`` says what it holds, ``pdfhtml`` lays it out,
WeasyPrint sets it (tagged, A4, its fonts embedded as subsets). The charts are drawn once, as
SVG, by the warm renderer in one render slot (``gate``); then the fullest brief that keeps to
``MAX_PAGES`` is found by laying out a few (``fit``).

WeasyPrint is given one self-contained string: the charts travel as ``data:`` URLs and its
URL fetcher allows nothing else, so a brief never reads a file or the network.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from dashboard.outputs.errors import ExportError
from dashboard.outputs.pdfbrief import CHART_PX, CTX, MAX_PAGES, Brief, brief, fitting
from dashboard.outputs.pdfhtml import brief_html
from dashboard.words import Words

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.outputs.formats import ExportContext


def brief_pdf(figures: pd.DataFrame, context: ExportContext) -> bytes:
    """The brief as PDF bytes: A4 portrait, at most ``MAX_PAGES`` pages (see the module's text)."""
    from dashboard.outputs import images

    if context.size:
        raise ExportError(context.words.text("--size applies to png and svg; the brief is always A4", CTX))
    whole = brief(figures, context)
    slides = [slide for chart in whole.charts for slide in chart.slides]
    drawn = images.render_images(slides, format="svg", width=CHART_PX[0], height=CHART_PX[1]) if slides else []
    pictures: dict[str, list[bytes]] = {}
    for chart in whole.charts:
        pictures[chart.name], drawn = list(drawn[: len(chart.slides)]), drawn[len(chart.slides):]
    return pdf_of(whole, pictures)


def pdf_of(whole: Brief, pictures: dict[str, list[bytes]]) -> bytes:
    """The PDF of the fullest part of ``whole`` that keeps to ``MAX_PAGES`` (``pictures``: the
    SVG slides of each chart by name; a brief made ``with_charts=False`` needs none)."""
    return fit(list(fitting(whole)), pictures).write_pdf(pdf_tags=True)


def fit(attempts: list[Brief], pictures: dict[str, list[bytes]]):
    """The laid-out document of the fullest of ``attempts`` (fullest first, each holding less
    than the one before) that keeps to ``MAX_PAGES``, found by bisection: a few layouts, not
    one per attempt; the last attempt when none does."""
    low, high = 0, len(attempts) - 1
    found = None
    while low <= high:
        middle = (low + high) // 2
        document = render(attempts[middle], pictures)
        if len(document.pages) <= MAX_PAGES:
            found, high = document, middle - 1
        else:
            low = middle + 1
    return found if found is not None else render(attempts[-1], pictures)


def render(text: Brief, pictures: dict[str, list[bytes]]):
    """The laid-out WeasyPrint document of ``text`` (``.pages``, ``.write_pdf``)."""
    from weasyprint import HTML

    return HTML(string=brief_html(text, pictures, Words(text.language)), url_fetcher=_data_only(), base_url=".").render(pdf_tags=True)


def _data_only():
    """The brief is one self-contained string: its charts are ``data:`` URLs, and it fetches
    nothing else, from the disk or a network (WeasyPrint leaves out what it may not fetch)."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",))
