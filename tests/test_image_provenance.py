"""Provenance on every slide image (issue 21.5): a PNG or SVG found on its own, weeks later in a
slide deck or an email, names its filters, the day it was made, the data version the page's
/status reports and a link back to the view, in the image's language. Nothing is drawn: the
figures handed to the renderer are read."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from dashboard.analysis.frame import Filters, apply_filters, figures_frame, year_span
from dashboard.curated.version import data_version
from dashboard.outputs import images
from dashboard.outputs.export import FORMATS
from dashboard.outputs.formats import ExportContext

MADE = dt.date(2026, 11, 30)
LINK = "https://example.org/figures/?year_from=2019&year_to=2024&lang="


def drawn_texts(dataset, config, chart: str, language: str, fmt: str = "png") -> list[str]:
    """The footer texts of every slide image of ``chart`` as the renderer would get them."""
    drawn = []

    def keep(figs, **_):
        drawn.extend(figs)
        return [b"\x89PNG"] * len(figs)

    first, last = year_span(dataset)
    filters = Filters(first + 1, last - 1)
    figures = apply_filters(figures_frame(dataset), filters)
    context = ExportContext.for_view(
        dataset,
        filters,
        config,
        today=MADE,
        language=language,
        chart=chart,
        zip_parts=True,
        version=data_version(dataset),
        link=LINK + language,
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(images, "prewarm", lambda: None)
        patch.setattr(images, "render_images", keep)
        FORMATS[fmt](figures, context)
    return [
        [
            html.unescape(re.sub(r"<[^>]+>", "", a.get("text", "")))
            for a in f["layout"].get("annotations", [])
        ]
        for f in drawn
    ]


@pytest.mark.parametrize("language", ["en", "vi"])
@pytest.mark.parametrize("chart", ["funding", "timeline"])
def test_every_slide_image_names_its_data_version_and_its_link_under_the_day_made(
    dataset, config, chart, language
):
    version = data_version(dataset)
    slides = drawn_texts(dataset, config, chart, language)
    assert slides
    for texts in slides:
        said = " ".join(texts)
        assert version in said and LINK + language in said.replace(" ", ""), said[-300:]
        made = next(i for i, t in enumerate(texts) if ("Made" if language == "en" else "Tạo") in t)
        assert any(version in t for t in texts[made:]), "the version follows the date made"


def test_an_svg_says_the_same(dataset, config):
    [texts] = drawn_texts(dataset, config, "funding", "en", "svg")[:1]
    assert data_version(dataset) in " ".join(texts)
