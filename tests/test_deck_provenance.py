"""Every slide of a downloaded deck says where it comes from: the filters, the day it was made,
the data version (the one /status reports) and a short link back to the view; a chart slide
also names the documents it cites. Pictures are blank PNGs: these tests read words."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import parse_qs, urlparse

import pytest
from pptx import Presentation

from dashboard.analysis.frame import Filters, apply_filters, figures_frame, year_span
from dashboard.views import charts
from dashboard.web.downloads import build_download
from dashboard.web.state import data_version
from tests.test_deck_native import blank_pictures

DAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module", params=["en", "vi"])
def downloaded(request, dataset, config):
    first, last = year_span(dataset)
    filters = Filters(first + 1, last)
    with pytest.MonkeyPatch.context() as patch:
        blank_pictures(patch)
        _, data = build_download("pptx", filters, dataset, config, today=DAY, words=request.param)
    return request.param, filters, Presentation(io.BytesIO(data))


def test_every_slide_names_the_filters_the_day_the_data_version_and_the_views_link(
    downloaded, dataset, slide_text
):
    from dashboard.words import Formatter, Words

    language, filters, deck = downloaded
    words = Words(language)
    version = words.text("Data version {version}", "page", version=data_version(dataset))
    day = Formatter(words).date(DAY)
    for number, slide in enumerate(deck.slides, start=1):
        text = slide_text(slide)
        assert version in text and day in text, number
        assert f"{filters.year_from}–{filters.year_to}" in text, (
            number
        )  # the filters, as the page describes them
        [link] = [word for word in text.split() if "?" in word and "year_from=" in word]
        asked = parse_qs(urlparse(link).query)
        assert asked["year_from"] == [str(filters.year_from)] and asked["year_to"] == [
            str(filters.year_to)
        ], number
        assert asked.get("lang", ["en"]) == [language], number


def test_every_chart_slide_names_the_documents_its_bars_come_from(
    downloaded, dataset, config, slide_text
):
    from dashboard.words import Words

    language, filters, deck = downloaded
    figures = apply_filters(figures_frame(dataset), filters)
    titles = {
        Words(language).text(charts.CHARTS[name].title, "charts"): name
        for name in ("funding", "people", "returns")
    }
    checked = 0
    for slide in deck.slides:
        heading = slide.shapes.title.text if slide.shapes.title is not None else ""
        name = next((n for t, n in titles.items() if heading.startswith(t)), None)
        if name is None:
            continue
        cited = set(charts.plotted_rows(name, figures, figures.iloc[0:0])["source_title"])
        assert any(title in slide_text(slide) for title in cited), heading
        checked += 1
    assert checked, "the sample's view has bar charts"


def test_the_funding_per_person_slide_names_the_documents_of_the_figures_it_divides(
    downloaded, dataset, slide_text
):
    from dashboard.analysis.frame import funding_ratios
    from dashboard.words import Words

    language, filters, deck = downloaded
    figures = apply_filters(figures_frame(dataset), filters)
    ratios = funding_ratios(figures, dataset)
    heading = Words(language).text("Funding per person", "page")
    slides = [
        s
        for s in deck.slides
        if s.shapes.title is not None and s.shapes.title.text.startswith(heading)
    ]
    assert bool(slides) == bool(ratios)
    divided = {i for r in ratios for i in (r.numerator, r.denominator)}
    documents = {
        s.title
        for s in dataset.sources
        if s.file in set(figures.loc[figures["id"].isin(divided), "source"])
    }
    for slide in slides:
        assert documents and all(title in slide_text(slide) for title in documents)
