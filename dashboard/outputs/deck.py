"""A PowerPoint deck of the current view (python-pptx), ready to present.

- **Title slide:** the dashboard's title, the active filters and the date made.
- **One slide per chart** that has something to show (a chart too long for one continues on
  the next, "(1 of 2)"): a bar chart as native, editable PowerPoint charts (``deckcharts``;
  ``exports.deck_charts: picture`` makes it a picture), the timeline and the claims chart as
  a picture at full resolution (1920 px across the slide) composed with the filters, the
  source line, the qualifier notes and the date made. Its alt text is the chart's text
  alternative; the speaker notes hold the key figures as the source words them ("over
  £7m"), each with its qualifier, period and kind, and the chart's sources.
- **Funding per person** (when the view has a funding figure and a count of people of the
  same programme and period): each ratio with its bound, what it divides, and what the
  bound means, as ``frame.funding_ratios`` derives it, and the documents it divides.
- **Sources:** every figure in the view with its value, qualifier, source document and
  verbatim quote, as a table split over as many slides as it needs.

Every slide names its provenance (``deckslides.Provenance``): the filters, the day made, the
data version and the view's link. The deck is 16:9 in Arial (Liberation Sans, its metric
twin, on Linux), or laid out on the user's template (``decktemplate``): its size, layouts,
theme fonts and colours; text is measured in the font it is set in, so tables are paginated
and titles sized before anything can run off a slide, in PowerPoint and LibreOffice alike.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.analysis.frame import funding_ratios
from dashboard.outputs.deckchartslide import (  # noqa: F401  (CHART_TITLE_H_IN, SUBTITLE_PT: re-exported)
    CHART_TITLE_H_IN,
    PICTURE_TOP_IN,
    SUBTITLE_PT,
    chart_slide as _chart_slide,
)
from dashboard.outputs.deckcharts import drawn_as_bars
from dashboard.outputs.decklang import quoted_languages, tag_languages
from dashboard.outputs.decknotes import (  # noqa: F401  (speaker_notes: re-exported)
    RATIO_NOTES,
    SOURCE_NOTES,
    cited_documents,
    speaker_notes,
)
from dashboard.outputs.deckslides import Provenance, Tables
from dashboard.outputs.decktemplate import Look, open_deck
from dashboard.outputs.decktitle import title_slide as _title_slide
from dashboard.outputs.errors import ExportError
from dashboard.outputs.textfit import fit_size, text_width_in, wrap_lines  # noqa: F401  (text_width_in, wrap_lines: re-exported)
from dashboard.words import Formatter, Words

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.config import Config
    from dashboard.analysis.frame import Filters
    from dashboard.curated.records import Dataset

SLIDE_W_IN, SLIDE_H_IN = (
    13.333,
    7.5,
)  # PowerPoint's own 16:9: the shipped look (decktemplate.SHIPPED)
PICTURE_W_PX = 1920  # the picture fills the slide's width at this many pixels
CHART_STYLES = ("native", "picture")  # exports.deck_charts, dashboard export --deck-charts
from dashboard.outputs.decktables import (  # noqa: E402,F401  (the tables' words and geometry, used by the slides below)
    CELL_MARGIN_X_IN,
    CELL_MARGIN_Y_IN,
    CTX,
    CTX_NOTES,
    CTX_TABLE,
    LINE_SPACING,
    LINK_TEXT,
    RATIO_BOUNDS,
    RATIO_COLUMNS,
    SOURCE_COLUMNS,
    TABLE_HEADER_PT,
    TABLE_PT,
    TableRow,
    _available_table_height,
    _columns,
    header_height,
    paginate,
    qualifier_text,
    ratio_rows,
    row_height,
    source_rows,
    CONTEXT_COLUMNS,
    CTX_STATS,
    context_rows,
)
from dashboard.views.context import HEADING as CONTEXT_HEADING, INTRO as CONTEXT_INTRO  # noqa: E402


def build_deck(
    figures: pd.DataFrame,
    events: pd.DataFrame,
    dataset: Dataset,
    filters: Filters,
    config: Config,
    *,
    made_on: dt.date | None = None,
    words: Words | None = None,
    charts_as: str | None = None,
    template: str | Path | None = None,
    version: str = "",
    link: str = "",
) -> bytes:
    """The deck of the filtered ``figures`` and ``events`` as .pptx bytes: 16:9 (or the size of
    ``template``, default ``exports.deck_template``), bar charts as native charts or pictures
    (``charts_as``, default ``exports.deck_charts``), pictures 1920 px across; its own words in
    the language of ``words`` (English when None). Every slide names the filters, the data
    ``version``, the day made, the documents it cites and the view's ``link``."""
    from dashboard.outputs import images

    words = words or Words("en")
    charts_as = charts_as or config.exports.deck_charts
    if charts_as not in CHART_STYLES:
        raise ExportError(
            words.text("deck charts are native or picture, not {value}", CTX, value=repr(charts_as))
        )
    presentation, look = open_deck(
        config.exports.deck_template if template is None else template, words
    )
    images.prewarm()  # Chromium starts while the figures are composed
    made_on = made_on or dt.date.today()
    view = _View(figures, events, dataset, filters, config, words, made_on)
    said = _provenance(view, version, link)
    shown, left_out = _shown_charts(view)
    slides = _ChartSlides(view, look, said, shown, charts_as)
    _describe(presentation, view)
    _title_slide(
        presentation, look, config, filters, dataset, made_on, figures, left_out, words, said
    )
    slides.add(presentation)
    _table_slides(Tables(presentation, look, words, said), view, look)
    tag_languages(
        presentation, words.language, quoted_languages(dataset)
    )  # spell-check and screen readers: vi-VN, quotes en-GB
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


# --- the steps of build_deck ---------------------------------------------------------------


@dataclass(frozen=True)
class _View:
    """What the deck is made of, passed to each step as one."""

    figures: pd.DataFrame
    events: pd.DataFrame
    dataset: Dataset
    filters: Filters
    config: Config
    words: Words
    made_on: dt.date


def _provenance(view: _View, version: str, link: str) -> Provenance:
    """What every slide says of where it comes from: filters, day made, data version, link."""
    words = view.words
    return Provenance(
        view.filters.describe(view.dataset, words=words),
        words.text("Made {date}", CTX, date=Formatter(words).date(view.made_on)),
        words.text("Data version {version}", "page", version=version) if version else "",
        link,
    )


def _shown_charts(view: _View) -> tuple[list[str], list[str]]:
    """The charts with something to show, and the titles of those left out."""
    from dashboard.views import charts

    shown = [
        name
        for name in charts.CHARTS
        if not charts.plotted_rows(name, view.figures, view.events).empty
    ]
    left_out = [
        view.words.text(charts.CHARTS[name].title, "charts")
        for name in charts.CHARTS
        if name not in shown
    ]
    return shown, left_out


class _ChartSlides:
    """The chart slides: each shown chart cut into the parts that fit a slide, each part native
    charts when asked for and every part is drawn as bars, else a picture (all drawn at once)."""

    def __init__(
        self, view: _View, look: Look, said: Provenance, shown: list[str], charts_as: str
    ) -> None:
        from dashboard.outputs import images

        self.view, self.look, self.said = view, look, said
        self.picture_h_in = (
            look.height_in - PICTURE_TOP_IN - said.height(look)
        )  # a picture slide's provenance: a line under it
        picture_px = (PICTURE_W_PX, round(PICTURE_W_PX * self.picture_h_in / look.width_in))
        native_px = (
            PICTURE_W_PX,
            round(PICTURE_W_PX * (look.height_in - PICTURE_TOP_IN) / look.width_in),
        )  # native: said in its footer
        self.parts, self.native = [], []
        for name in shown:
            made = self._slides_of(name, native_px) if charts_as == "native" else []
            as_native = bool(made) and all(drawn_as_bars(part) for part in made)
            made = made if as_native else self._slides_of(name, picture_px)
            self.parts += [(name, part) for part in made]
            self.native += [as_native] * len(made)
        drawn = [p.figure for (_, p), n in zip(self.parts, self.native) if not n]
        self.pictures = iter(
            images.render_images(drawn, format="png", width=picture_px[0], height=picture_px[1])
            if drawn
            else []
        )

    def _slides_of(self, name: str, size: tuple[int, int]) -> list:
        # a chart whose rows do not fit one slide continues on the next: "(1 of 2)", "(2 of 2)"
        from dashboard.outputs import images

        v = self.view
        return images.slide_parts(
            name,
            v.figures,
            v.events,
            v.dataset,
            v.filters,
            v.config,
            size=size,
            made_on=v.made_on,
            title=False,
            scale=SLIDE_W_IN / self.look.width_in,
            words=v.words,
        )  # text 14 pt on any slide width

    def add(self, presentation) -> None:
        v = self.view
        for (name, part), as_native in zip(self.parts, self.native):
            picture = None if as_native else next(self.pictures)
            _chart_slide(
                presentation,
                self.look,
                name,
                part,
                picture,
                self.picture_h_in,
                v.events,
                v.dataset,
                v.filters,
                v.config,
                v.words,
                self.said,
                v.made_on,
            )


def _describe(presentation, view: _View) -> None:
    """The document's properties: title, subject (the filters), author."""
    words = view.words
    presentation.core_properties.title = words.text(view.config.title, "page title")
    subject = view.filters.describe(
        view.dataset, words=words
    )  # a document property holds at most 255 characters
    presentation.core_properties.subject = subject if len(subject) <= 255 else subject[:254] + "…"
    presentation.core_properties.author = words.text("Programme dashboard", CTX)


def _table_slides(tables: Tables, view: _View, look: Look) -> None:
    """After the charts: funding per person, the context statistics, the sources and quotes."""
    words, figures, dataset = view.words, view.figures, view.dataset
    derived = funding_ratios(figures, dataset, words=words)
    ratios = ratio_rows(derived, words, look)
    if ratios:
        cited = cited_documents(
            {i for r in derived for i in (r.numerator, r.denominator)}, figures, dataset, words
        )
        tables.add(
            words.text("Funding per person", "page"),
            RATIO_COLUMNS,
            ratios,
            words.text(RATIO_NOTES, CTX_NOTES),
            cites=cited,
        )
    context = context_rows(
        dataset, view.filters, words, look
    )  # no programme's: a slide of their own, after the results
    if context:
        tables.add(
            words.text(CONTEXT_HEADING, CTX_STATS),
            CONTEXT_COLUMNS,
            context,
            words.text(CONTEXT_INTRO, CTX_STATS),
            link_column=3,
        )
    tables.add(
        words.text("Sources and quotes", CTX),
        SOURCE_COLUMNS,
        source_rows(figures, dataset, words, look),
        words.text(SOURCE_NOTES, CTX_NOTES),
        link_column=3,
    )
