"""A PowerPoint deck of the current view (python-pptx), ready to present.

- **Title slide:** the dashboard's title, the active filters and the date made.
- **One slide per chart** that has something to show: the slide title, and the chart as a
  picture at full resolution (1920 px across the 13.33 in slide, 144 dpi) composed with the
  filters, the source line, the qualifier notes and the date made. Its alt text is the
  chart's text alternative; the speaker notes hold the key figures as the source words
  them ("over £7m"), each with its qualifier, period and kind.
- **Funding per person** (when the view has a funding figure and a count of people of the
  same programme and period): each ratio with its bound, what it divides, and what the
  bound means, as ``frame.funding_ratios`` derives it.
- **Sources:** every figure in the view with its value, qualifier, source document and
  verbatim quote, as a table split over as many slides as it needs.

Text is set in Arial (Liberation Sans, its metric twin, on Linux) and measured with that
font's metrics when it is installed, so the sources table is paginated before it can run
off a slide, in PowerPoint and in LibreOffice alike.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

import pandas as pd


from dashboard.analysis.claims import restated
from dashboard.analysis.frame import funding_ratios
from dashboard.outputs.decklang import quoted_languages, tag_languages
from dashboard.outputs.textfit import fit_size, text_width_in, wrap_lines  # noqa: F401  (text_width_in, wrap_lines: re-exported)
from dashboard.words import Formatter, Words

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.config import Config
    from dashboard.analysis.frame import Filters
    from dashboard.curated.records import Dataset

FONT = "Arial"
EMU_PER_INCH = 914400
SLIDE_W_IN, SLIDE_H_IN = 13.333, 7.5  # PowerPoint's own 16:9
MARGIN_IN = 0.5
TITLE_TOP_IN, TITLE_H_IN = 0.25, 0.8
CHART_TITLE_H_IN = 0.65  # a chart slide's one-line title: the picture under it gets the rest of the slide
PICTURE_TOP_IN = TITLE_TOP_IN + CHART_TITLE_H_IN + 0.05
PICTURE_W_PX = 1920  # the picture fills the slide's width at this many pixels
TITLE_PT = 30
from dashboard.outputs.decktables import (  # noqa: E402,F401  (the tables' words and geometry, used by the slides below)
    CELL_MARGIN_X_IN, CELL_MARGIN_Y_IN, CTX, CTX_NOTES, CTX_TABLE, LINE_SPACING, LINK_TEXT, RATIO_BOUNDS, RATIO_COLUMNS,
    SOURCE_COLUMNS, TABLE_HEADER_PT, TABLE_PT, TableRow, _available_table_height, _columns, header_height, paginate,
    qualifier_text, ratio_rows, row_height, source_rows, CONTEXT_COLUMNS, CTX_STATS, context_rows,
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
) -> bytes:
    """The deck of the filtered ``figures`` and ``events`` as .pptx bytes: always 16:9, with
    pictures 1920 px across; its own words in the language of ``words`` (English when None)."""
    from pptx import Presentation
    from pptx.util import Emu

    from dashboard.views import charts

    from dashboard.outputs import images

    images.prewarm()  # Chromium starts while the figures are composed
    made_on = made_on or dt.date.today()
    words = words or Words("en")
    shown = [name for name in charts.CHARTS if not charts.plotted_rows(name, figures, events).empty]
    left_out = [words.text(charts.CHARTS[name].title, "charts") for name in charts.CHARTS if name not in shown]

    picture_h_in = SLIDE_H_IN - PICTURE_TOP_IN
    picture_px = (PICTURE_W_PX, round(PICTURE_W_PX * picture_h_in / SLIDE_W_IN))
    parts = [  # a chart whose rows do not fit one slide continues on the next: "(1 of 2)", "(2 of 2)"
        (name, part) for name in shown
        for part in images.slide_parts(name, figures, events, dataset, filters, config, size=picture_px, made_on=made_on, title=False, scale=1.0, words=words)
    ]
    pictures = images.render_images([p.figure for _, p in parts], format="png", width=picture_px[0], height=picture_px[1]) if parts else []

    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(_emu(SLIDE_W_IN)), Emu(_emu(SLIDE_H_IN))
    deck.core_properties.title = words.text(config.title, "page title")
    subject = filters.describe(dataset, words=words)  # a document property holds at most 255 characters
    deck.core_properties.subject = subject if len(subject) <= 255 else subject[:254] + "…"
    deck.core_properties.author = words.text("Programme dashboard", CTX)

    _title_slide(deck, config, filters, dataset, made_on, figures, left_out, words)
    for (name, part), picture in zip(parts, pictures):
        _chart_slide(deck, name, part, picture, picture_h_in, events, dataset, filters, words)
    ratios = ratio_rows(funding_ratios(figures, dataset, words=words), words)
    if ratios:
        _table_slides(deck, words.text("Funding per person", "page"), _columns(RATIO_COLUMNS, words), ratios, words.text(RATIO_NOTES, CTX_NOTES), words)
    context = context_rows(dataset, filters, words)  # no programme's: a slide of their own, after the results
    if context:
        _table_slides(deck, words.text(CONTEXT_HEADING, CTX_STATS), _columns(CONTEXT_COLUMNS, words), context,
                      words.text(CONTEXT_INTRO, CTX_STATS), words, link_column=3)
    _table_slides(
        deck, words.text("Sources and quotes", CTX), _columns(SOURCE_COLUMNS, words), source_rows(figures, dataset, words),
        words.text(SOURCE_NOTES, CTX_NOTES), words, link_column=3,
    )

    tag_languages(deck, words.language, quoted_languages(dataset))  # spell-check and screen readers: vi-VN, quotes en-GB
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


# --- slides ------------------------------------------------------------------------------


def _title_slide(deck, config: Config, filters: Filters, dataset: Dataset, made_on: dt.date, figures: pd.DataFrame, left_out: list[str], words: Words) -> None:
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Pt

    slide = deck.slides.add_slide(deck.slide_layouts[0])  # Title Slide
    title = slide.shapes.title
    _place(title, MARGIN_IN, 1.6, SLIDE_W_IN - 2 * MARGIN_IN, 1.9)
    _set_text(title.text_frame, words.text(config.title, "page title"), size=40, bold=True)
    title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    body = slide.placeholders[1]
    _place(body, MARGIN_IN, 3.7, SLIDE_W_IN - 2 * MARGIN_IN, 3.3)
    view, made = filters.describe(dataset, words=words), Formatter(words).date(made_on)
    counted = dict(
        # a restatement adds a source to a figure counted once, as the page counts it
        figures=words.plural("{n} figure", "{n} figures", len(figures) - len(restated(figures)), "count with its noun"),
        documents=words.plural(
            "{n} source document", "{n} source documents", figures["source"].nunique(), "count with its noun",
        ),
    )
    quotes = (
        "{figures} from {documents}; every value as its source words it, quotes on the last slides." if len(figures) > 6
        else "{figures} from {documents}; every value as its source words it, quotes on the last slide."
    )
    lines = [
        (words.text("View: {view}", CTX, view=view), 24, True),
        (words.text("A figure is shown when its period overlaps the years; cumulative totals are never split or added up.", CTX), 16, False),
        (words.text(quotes, CTX, **counted), 16, False),
        (words.text("Made {date}", CTX, date=made), 18, False),
    ]
    if left_out:
        lines.insert(3, (words.text("Not in this view (nothing to show): {charts}.", CTX, charts=", ".join(left_out)), 16, False))
    frame = body.text_frame
    frame.clear()
    frame.word_wrap = True
    for i, (text, size, bold) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.LEFT
        paragraph.space_after = Pt(8)
        _run(paragraph, text, size=size, bold=bold, colour=config.theme.text_colour if i == 0 else config.theme.muted_colour)
    slide.notes_slide.notes_text_frame.text = words.text(
        "{title}. View: {view}. Made {date}. Qualifiers matter: say 'over £7m', never '£7m'.", CTX, title=words.text(config.title, "page title"), view=view, date=made,
    )


def _chart_slide(deck, name: str, part, picture: bytes, picture_h_in: float, events, dataset, filters, words: Words) -> None:
    """One slide of chart ``name`` (``part``: all of it, or one of the slides it continues on)."""
    from dashboard.views import charts

    events = part.events if getattr(part, "events", None) is not None else events  # a timeline part: its own events
    slide = deck.slides.add_slide(deck.slide_layouts[5])  # Title Only
    title = slide.shapes.title
    _place(title, MARGIN_IN, TITLE_TOP_IN, SLIDE_W_IN - 2 * MARGIN_IN, CHART_TITLE_H_IN)
    heading = part.text.title
    _set_text(title.text_frame, heading, size=fit_size(heading, SLIDE_W_IN - 2 * MARGIN_IN, TITLE_PT), bold=True)
    shape = slide.shapes.add_picture(io.BytesIO(picture), 0, _emu(PICTURE_TOP_IN), width=_emu(SLIDE_W_IN), height=_emu(picture_h_in))
    shape.name = words.text("Chart: {title}", CTX, title=heading)
    shape._element.nvPicPr.cNvPr.set("descr", charts.alt_text(name, part.figures, events, dataset, filters))
    notes = speaker_notes(name, part.figures, events, dataset, words)
    slide.notes_slide.notes_text_frame.text = heading + notes[len(words.text(charts.CHARTS[name].title, "charts")):]


def speaker_notes(name: str, figures: pd.DataFrame, events: pd.DataFrame, dataset: Dataset, words: Words | None = None) -> str:
    """What to say over chart ``name``: each figure as the source words it, with its
    qualifier, scope (when stated, or when the chart holds several), period and kind, and
    what it is among its quantity's statements ("part of £200m", "latest of 2 statements",
    "the sources disagree: …"); the qualifier notes; the source line."""
    from dashboard.analysis.frame import SCOPE_NOT_STATED
    from dashboard.views import charts
    from dashboard.views.labels import KIND_LABELS, claim_notes, shows_scope
    from dashboard.views.charts.draw import one_stop
    from dashboard.views.charts.texts import PASSED_NOTE

    words = words or Words("en")
    rows = charts.plotted_rows(name, figures, events)
    lines = [words.text(charts.CHARTS[name].title, "charts"), ""]
    if charts.CHARTS[name].plots == "events":
        lines.append(words.text("Key events:", CTX_NOTES))
        for r in rows.to_dict("records"):
            planned = words.text(" (planned)", CTX_NOTES) if r["status"] == "planned" else ""
            if planned and str(r["title"]).endswith(planned.strip()):  # the title says it already
                planned = ""
            if r.get("passed_unrecorded") == "yes":  # planned, its date passed, no record it took place
                planned = " — " + words.text(PASSED_NOTE, "charts", date=r["date_label"])
            lines.append(words.text("• {date}: {title}{planned}. Source: “{quote}”", CTX_NOTES, date=r["date_label"], title=r["title"], planned=planned, quote=r["quote"]))
    else:
        lines.append(words.text("Key figures (say them as worded, qualifier included):", CTX_NOTES))
        claims = claim_notes(rows) if "claim_text" not in rows else {}
        for r in rows.to_dict("records"):
            note = words.text(" Note: {note}", CTX_NOTES, note=r["note"]) if isinstance(r["note"], str) and r["note"] else ""
            scope = r.get("scope_label") if r.get("scope") not in (None, SCOPE_NOT_STATED) or shows_scope(rows) else None
            claim = r.get("claim_text") if isinstance(r.get("claim_text"), str) else claims.get(r["id"])
            kind = words.text(KIND_LABELS[r["kind"]], "cards").lower() if r["kind"] in KIND_LABELS else str(r["kind"])
            lines.append(words.text(
                "• {value} — {metric}, {programme}; {period}; {kind}. {qualifier}{note}", CTX_NOTES,
                value=r["value_label"], metric=r["metric_label"], period=r["period_label"], note=note,
                programme=r["programme_name"] + (f" ({scope})" if isinstance(scope, str) and scope else ""),
                kind=kind + (f"; {claim}" if claim else ""), qualifier=qualifier_text(r["qualifier"], words, r.get("wording"), r.get("hedge")),
            ))
        notes = charts.qualifier_notes(name, figures)
        if notes:
            lines += ["", words.text("Qualifiers on this chart:", CTX_NOTES), *(f"• {n}" for n in notes)]
    footer = charts.source_footer(name, figures, events, dataset)
    if footer:
        lines += ["", footer]
    return one_stop("\n".join(lines))  # a curated sentence's own full stop is not doubled


SOURCE_NOTES = "Every quote is verbatim from its source document; check a number here before quoting it."
RATIO_NOTES = (
    "Each line divides a reported funding figure by a reported count of people of the same programme and "
    "period. Say the bound with the number: 'over', 'up to', or that there is no bound."
)


def _table_slides(deck, heading: str, columns, rows: list[TableRow], notes: str, words: Words, link_column: int | None = None) -> None:
    """``rows`` as a table under ``heading``, over as many slides as they need."""
    pages = paginate(rows, _available_table_height(columns))
    for number, page in enumerate(pages, start=1):
        title = words.text("{heading} ({number} of {count})", CTX, heading=heading, number=number, count=len(pages)) if len(pages) > 1 else heading
        _table_slide(deck, title, columns, page, notes, link_column, words.text(LINK_TEXT, CTX))


def _table_slide(deck, heading: str, columns, rows: list[TableRow], notes: str, link_column: int | None, link_text: str = LINK_TEXT) -> None:
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR

    slide = deck.slides.add_slide(deck.slide_layouts[5])
    title = slide.shapes.title
    _place(title, MARGIN_IN, TITLE_TOP_IN, SLIDE_W_IN - 2 * MARGIN_IN, TITLE_H_IN)
    _set_text(title.text_frame, heading, size=TITLE_PT, bold=True)

    widths = [w for _, w in columns]
    top = TITLE_TOP_IN + TITLE_H_IN + 0.1
    heights = [header_height(columns)] + [row.height for row in rows]
    shape = slide.shapes.add_table(len(rows) + 1, len(widths), _emu(MARGIN_IN), _emu(top), _emu(sum(widths)), _emu(sum(heights)))
    shape.name = heading
    table = shape.table
    table.first_row = True
    for c, width in enumerate(widths):
        table.columns[c].width = _emu(width)
    for r, height in enumerate(heights):
        table.rows[r].height = _emu(height)
    for c, (heading_text, _) in enumerate(columns):
        _cell(table.cell(0, c), heading_text, TABLE_HEADER_PT, bold=True)
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row.cells):
            cell = _cell(table.cell(r, c), text, TABLE_PT, bold=(c == 0))
            if c == link_column and row.url:  # a short link of its own: LibreOffice wraps link text inside words
                link = _run(cell.text_frame.add_paragraph(), link_text, size=TABLE_PT)
                link.hyperlink.address = row.url
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor(0xF5, 0xF7, 0xFA) if r % 2 else RGBColor(0xFF, 0xFF, 0xFF)
            cell.vertical_anchor = MSO_ANCHOR.TOP
    slide.notes_slide.notes_text_frame.text = notes


# --- python-pptx helpers -----------------------------------------------------------------


def _emu(inches: float) -> int:
    return int(round(inches * EMU_PER_INCH))


def _place(shape, left: float, top: float, width: float, height: float) -> None:
    """Set a placeholder's box explicitly: the default template's layouts are 4:3."""
    shape.left, shape.top, shape.width, shape.height = _emu(left), _emu(top), _emu(width), _emu(height)


def _run(paragraph, text: str, *, size: float, bold: bool = False, colour: str | None = None):
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    run = paragraph.add_run()
    run.text = text
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour.lstrip("#"))
    return run


def _set_text(frame, text: str, *, size: float, bold: bool = False) -> None:
    from pptx.enum.text import PP_ALIGN

    frame.clear()
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    _run(paragraph, text, size=size, bold=bold)


def _cell(cell, text: str, size: float, *, bold: bool = False):
    from pptx.util import Emu

    cell.margin_left = cell.margin_right = Emu(_emu(CELL_MARGIN_X_IN))
    cell.margin_top = cell.margin_bottom = Emu(_emu(CELL_MARGIN_Y_IN))
    frame = cell.text_frame
    frame.word_wrap = True
    frame.clear()
    _run(frame.paragraphs[0], text, size=size, bold=bold)
    return cell
