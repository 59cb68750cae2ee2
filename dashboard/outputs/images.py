"""Slide images: a dashboard chart composed as a slide (``slidecompose``), continued on further
slides when its rows do not fit one (``slideparts``), then drawn by the renderer.

A slide carries its own context: a title, a subtitle naming the filters and period, the
chart, the source line, the notes and the date made. The layout is laid out in pixels of a
1920×1080 slide and scaled to the size asked for, so a 1280×720 or 4:3 image reads the
same once it fills a slide. A 1920 px image fills a 13.33 in (960 pt) slide, so 2 px is
1 pt: no text is below ``MIN_TEXT_PX`` = 28 px (14 pt), labels wrap rather than shrink, and
a chart whose rows do not fit continues on a second slide ("Funding by programme (1 of 2)").
The legend's fill and pattern keys are drawn as swatches of their own (``KEY_W``×``KEY_H``
px), large enough to tell the hatches apart; plotly's legend draws bars 12 px square.

The drawing itself (one warm Chromium per process, timeouts, crash recovery, bounded
work) is ``dashboard.outputs.renderer``; its entry points are re-exported here for the
deck and the CLI. PNG is opaque (RGB, no alpha channel). SVG keeps every label as
``<text>``, so it stays editable in PowerPoint, Keynote or Illustrator.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.outputs.errors import BrowserMissing, ExportError, RenderFailed
from dashboard.outputs.imagecheck import checked as _checked
from dashboard.outputs.imagecheck import opaque_png, png_size, svg_size
from dashboard.outputs.renderer import (
    Renderer,
    find_browser,
    prewarm,
    render_image,
    render_images,
    renderer,
    shutdown,
)
from dashboard.outputs.slidecompose import (  # noqa: F401  (the layout's sizes, for callers that scale with it)
    BASE_HEIGHT,
    BASE_WIDTH,
    BODY_PX,
    MIN_TEXT_PX,
    SlideText,
    _scale_sizes,
    chart_spec,
    compose,
    day_text,
    slide_text,
)
from dashboard.outputs.slideparts import SlidePart, slide_parts
from dashboard.words import Words

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.analysis.frame import Filters
    from dashboard.config import Config
    from dashboard.curated.records import Dataset

__all__ = [
    "BrowserMissing",
    "ExportError",
    "RenderFailed",
    "Renderer",
    "find_browser",
    "prewarm",
    "render_image",
    "render_images",
    "renderer",
    "shutdown",
    "opaque_png",
    "png_size",
    "svg_size",
    "_checked",
    "SlideText",
    "SlidePart",
    "image_size",
    "day_text",
    "slide_text",
    "slide_figure",
    "slide_parts",
    "compose",
    "slide_images",
]


def image_size(
    config: Config, size: str | None = None, words: Words | None = None
) -> tuple[int, int]:
    """The pixel size named ``size`` in ``config.exports.image_sizes`` (default: ``image_size``);
    an unknown name is an error in the language of ``words``."""
    sizes = config.exports.image_sizes
    name = size or config.exports.image_size
    if name not in sizes:
        choices = ", ".join(f"{n} ({w}×{h})" for n, (w, h) in sizes.items())
        raise ExportError(
            (words or Words("en")).text(
                "unknown image size {name}; choose one of: {choices}",
                "images",
                name=repr(name),
                choices=choices,
            )
        )
    return sizes[name]


def slide_figure(
    name: str,
    figures: pd.DataFrame,
    events: pd.DataFrame,
    dataset: Dataset,
    filters: Filters,
    config: Config,
    *,
    made_on: dt.date | None = None,
    words: Words | None = None,
    **layout,
) -> dict:
    """Chart ``name`` of the filtered frames composed as ONE slide: title, subtitle (filters and
    period), chart, source line, notes and date made, every row on it (``slide_parts``
    continues a chart whose rows do not fit on further slides). ``layout``: ``compose``'s
    ``size`` (default 1920×1080), ``title`` and ``scale``.

    Returns the figure as a plotly dict, ready for ``render_image``.
    """
    from dashboard.views import charts

    chart_spec(name)
    text = slide_text(
        name, figures, events, dataset, filters, config, made_on or dt.date.today(), words
    )
    figure = charts.build_chart(name, figures, events, dataset, config.theme, filters).to_dict()
    size = layout.pop("size", (BASE_WIDTH, BASE_HEIGHT))
    return compose(figure, text, config, size, words=words, **layout)


def slide_images(
    name: str,
    figures: pd.DataFrame,
    events: pd.DataFrame,
    dataset: Dataset,
    filters: Filters,
    config: Config,
    *,
    format: str = "png",
    size: str | None = None,
    made_on: dt.date | None = None,
    words: Words | None = None,
    version: str = "",
    link: str = "",
) -> list[bytes]:
    """Chart ``name`` as slide images (png or svg) of the named ``size``: one, or one per part
    when its rows do not fit one slide ("(1 of 2)", "(2 of 2)"); each names the data ``version``
    and the view's ``link`` under the date made, when given."""
    pixels = image_size(config, size, words)
    parts = slide_parts(
        name,
        figures,
        events,
        dataset,
        filters,
        config,
        size=pixels,
        made_on=made_on,
        words=words,
        version=version,
        link=link,
    )
    return render_images(
        [p.figure for p in parts], format=format, width=pixels[0], height=pixels[1]
    )
