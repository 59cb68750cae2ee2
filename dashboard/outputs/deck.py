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
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.analysis import fmt
from dashboard.curated.records import Qualifier

from dashboard.analysis.frame import funding_ratios
from dashboard.outputs.textfit import fit_size, text_width_in, wrap_lines

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.config import Config
    from dashboard.analysis.frame import Derived, Filters
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
TABLE_PT = 14  # 14 pt: the least a room reads on a 13.33 in slide
TABLE_HEADER_PT = 14
CELL_MARGIN_X_IN, CELL_MARGIN_Y_IN = 0.08, 0.05
LINE_SPACING = 1.2  # PowerPoint and LibreOffice set single-spaced Arial at ~1.15–1.2 em

RATIO_COLUMNS = (  # heading, width in inches (sums to the slide width less the margins)
    ("Ratio", 2.5),
    ("Value", 2.6),
    ("Divides", 2.0),
    ("Programme and period", 2.8),
    ("What the bound means", 2.433),
)
RATIO_BOUNDS = {
    Qualifier.EXACT: "Exact: both figures are exact.",
    Qualifier.AT_LEAST: "A lower bound: the true amount per person is higher.",
    Qualifier.AT_MOST: "An upper bound: the true amount per person is lower.",
    Qualifier.APPROX: "Approximate: a figure it divides is approximate.",
    None: "No bound either way: dividing a lower bound by a lower bound allows any amount, so no number is given.",
}
SOURCE_COLUMNS = (  # heading, width in inches (sums to the slide width less the margins)
    ("Value", 1.3),
    ("Figure", 2.9),
    ("Qualifier", 2.2),
    ("Source document", 2.7),
    ("Verbatim quote", 3.233),
)
LINK_TEXT = "Open the source ↗"
QUALIFIER_TEXT = {
    Qualifier.EXACT.value: "Exact: the source states the number.",
    **{q.value: note for q, note in fmt.QUALIFIER_NOTES.items()},
    Qualifier.RANGE.value: fmt.RANGE_NOTE,
}


def build_deck(
    figures: pd.DataFrame,
    events: pd.DataFrame,
    dataset: Dataset,
    filters: Filters,
    config: Config,
    *,
    made_on: dt.date | None = None,
) -> bytes:
    """The deck of the filtered ``figures`` and ``events`` as .pptx bytes: always 16:9, with
    pictures 1920 px across."""
    from pptx import Presentation
    from pptx.util import Emu

    from dashboard.views import charts

    from dashboard.outputs import images

    images.prewarm()  # Chromium starts while the figures are composed
    made_on = made_on or dt.date.today()
    shown = [name for name in charts.CHARTS if not charts.plotted_rows(name, figures, events).empty]
    left_out = [charts.CHARTS[name].title for name in charts.CHARTS if name not in shown]

    picture_h_in = SLIDE_H_IN - PICTURE_TOP_IN
    picture_px = (PICTURE_W_PX, round(PICTURE_W_PX * picture_h_in / SLIDE_W_IN))
    parts = [  # a chart whose rows do not fit one slide continues on the next: "(1 of 2)", "(2 of 2)"
        (name, part) for name in shown
        for part in images.slide_parts(name, figures, events, dataset, filters, config, size=picture_px, made_on=made_on, title=False, scale=1.0)
    ]
    pictures = images.render_images([p.figure for _, p in parts], format="png", width=picture_px[0], height=picture_px[1]) if parts else []

    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(_emu(SLIDE_W_IN)), Emu(_emu(SLIDE_H_IN))
    deck.core_properties.title = config.title
    subject = filters.describe(dataset)  # a document property holds at most 255 characters
    deck.core_properties.subject = subject if len(subject) <= 255 else subject[:254] + "…"
    deck.core_properties.author = "Programme dashboard"

    _title_slide(deck, config, filters, dataset, made_on, figures, left_out)
    for (name, part), picture in zip(parts, pictures):
        _chart_slide(deck, name, part, picture, picture_h_in, events, dataset, filters)
    ratios = ratio_rows(funding_ratios(figures, dataset))
    if ratios:
        _table_slides(deck, "Funding per person", RATIO_COLUMNS, ratios, RATIO_NOTES)
    _table_slides(deck, "Sources and quotes", SOURCE_COLUMNS, source_rows(figures, dataset), SOURCE_NOTES, link_column=3)

    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


# --- slides ------------------------------------------------------------------------------


def _title_slide(deck, config: Config, filters: Filters, dataset: Dataset, made_on: dt.date, figures: pd.DataFrame, left_out: list[str]) -> None:
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Pt

    from dashboard.outputs.images import day_text

    slide = deck.slides.add_slide(deck.slide_layouts[0])  # Title Slide
    title = slide.shapes.title
    _place(title, MARGIN_IN, 1.6, SLIDE_W_IN - 2 * MARGIN_IN, 1.9)
    _set_text(title.text_frame, config.title, size=40, bold=True)
    title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    body = slide.placeholders[1]
    _place(body, MARGIN_IN, 3.7, SLIDE_W_IN - 2 * MARGIN_IN, 3.3)
    lines = [
        (f"View: {filters.describe(dataset)}", 24, True),
        ("A figure is shown when its period overlaps the years; cumulative totals are never split or added up.", 16, False),
        (f"{len(figures)} figure{'s' if len(figures) != 1 else ''} from {figures['source'].nunique()} source document{'s' if figures['source'].nunique() != 1 else ''}; every value as its source words it, quotes on the last slide{'s' if len(figures) > 6 else ''}.", 16, False),
        (f"Made {day_text(made_on)}", 18, False),
    ]
    if left_out:
        lines.insert(3, (f"Not in this view (nothing to show): {', '.join(left_out)}.", 16, False))
    frame = body.text_frame
    frame.clear()
    frame.word_wrap = True
    for i, (text, size, bold) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.LEFT
        paragraph.space_after = Pt(8)
        _run(paragraph, text, size=size, bold=bold, colour=config.theme.text_colour if i == 0 else config.theme.muted_colour)
    slide.notes_slide.notes_text_frame.text = (
        f"{config.title}. View: {filters.describe(dataset)}. Made {day_text(made_on)}. "
        "Qualifiers matter: say 'over £7m', never '£7m'."
    )


def _chart_slide(deck, name: str, part, picture: bytes, picture_h_in: float, events, dataset, filters) -> None:
    """One slide of chart ``name`` (``part``: all of it, or one of the slides it continues on)."""
    from dashboard.views import charts

    slide = deck.slides.add_slide(deck.slide_layouts[5])  # Title Only
    title = slide.shapes.title
    _place(title, MARGIN_IN, TITLE_TOP_IN, SLIDE_W_IN - 2 * MARGIN_IN, CHART_TITLE_H_IN)
    heading = part.text.title
    _set_text(title.text_frame, heading, size=fit_size(heading, SLIDE_W_IN - 2 * MARGIN_IN, TITLE_PT), bold=True)
    shape = slide.shapes.add_picture(io.BytesIO(picture), 0, _emu(PICTURE_TOP_IN), width=_emu(SLIDE_W_IN), height=_emu(picture_h_in))
    shape.name = f"Chart: {heading}"
    shape._element.nvPicPr.cNvPr.set("descr", charts.alt_text(name, part.figures, events, dataset, filters))
    notes = speaker_notes(name, part.figures, events, dataset)
    slide.notes_slide.notes_text_frame.text = heading + notes[len(charts.CHARTS[name].title):]


def speaker_notes(name: str, figures: pd.DataFrame, events: pd.DataFrame, dataset: Dataset) -> str:
    """What to say over chart ``name``: each figure as the source words it, with its
    qualifier, scope (when stated, or when the chart holds several), period and kind, and
    what it is among its quantity's statements ("part of £200m", "latest of 2 statements",
    "the sources disagree: …"); the qualifier notes; the source line."""
    from dashboard.analysis.frame import SCOPE_NOT_STATED
    from dashboard.views import charts
    from dashboard.views.labels import KIND_LABELS, claim_notes, shows_scope

    rows = charts.plotted_rows(name, figures, events)
    lines = [charts.CHARTS[name].title, ""]
    if charts.CHARTS[name].plots == "events":
        lines.append("Key events:")
        for r in rows.to_dict("records"):
            planned = " (planned)" if r["status"] == "planned" else ""
            lines.append(f"• {r['date_label']}: {r['title']}{planned}. Source: “{r['quote']}”")
    else:
        lines.append("Key figures (say them as worded, qualifier included):")
        claims = claim_notes(rows) if "claim_text" not in rows else {}
        for r in rows.to_dict("records"):
            qualifier = QUALIFIER_TEXT.get(r["qualifier"], r["qualifier"])
            note = f" Note: {r['note']}" if isinstance(r["note"], str) and r["note"] else ""
            scope = r.get("scope_label") if r.get("scope") not in (None, SCOPE_NOT_STATED) or shows_scope(rows) else None
            claim = r.get("claim_text") if isinstance(r.get("claim_text"), str) else claims.get(r["id"])
            lines.append(
                f"• {r['value_label']} — {r['metric_label']}, {r['programme_name']}"
                + (f" ({scope})" if isinstance(scope, str) and scope else "")
                + f"; {r['period_label']}; {KIND_LABELS.get(r['kind'], r['kind']).lower()}"
                + (f"; {claim}" if claim else "")
                + f". {qualifier}{note}"
            )
        notes = charts.qualifier_notes(name, figures)
        if notes:
            lines += ["", "Qualifiers on this chart:", *(f"• {n}" for n in notes)]
    footer = charts.source_footer(name, figures, events, dataset)
    if footer:
        lines += ["", footer]
    return "\n".join(lines)


SOURCE_NOTES = "Every quote is verbatim from its source document; check a number here before quoting it."
RATIO_NOTES = (
    "Each line divides a reported funding figure by a reported count of people of the same programme and "
    "period. Say the bound with the number: 'over', 'up to', or that there is no bound."
)


def _table_slides(deck, heading: str, columns, rows: list[TableRow], notes: str, link_column: int | None = None) -> None:
    """``rows`` as a table under ``heading``, over as many slides as they need."""
    pages = paginate(rows, _available_table_height(columns))
    for number, page in enumerate(pages, start=1):
        title = heading + (f" ({number} of {len(pages)})" if len(pages) > 1 else "")
        _table_slide(deck, title, columns, page, notes, link_column)


def _table_slide(deck, heading: str, columns, rows: list[TableRow], notes: str, link_column: int | None) -> None:
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
                link = _run(cell.text_frame.add_paragraph(), LINK_TEXT, size=TABLE_PT)
                link.hyperlink.address = row.url
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor(0xF5, 0xF7, 0xFA) if r % 2 else RGBColor(0xFF, 0xFF, 0xFF)
            cell.vertical_anchor = MSO_ANCHOR.TOP
    slide.notes_slide.notes_text_frame.text = notes


# --- the sources table -------------------------------------------------------------------


@dataclass(frozen=True)
class TableRow:
    key: str  # the figure id, or "numerator/denominator" for a ratio
    cells: tuple[str, ...]  # one text per column
    url: str | None
    height: float  # inches, from the wrapped text


def ratio_rows(ratios: list[Derived]) -> list[TableRow]:
    """One row per derived ratio: its text, what it divides, its programme and period, its bound."""
    rows = []
    for r in ratios:
        cells = (
            r.label,
            r.text if r.quantity.bounded else "No bound either way",
            f"{r.numerator_text} ÷ {r.denominator_text}",
            f"{r.programme_name}; {r.period_label}",
            RATIO_BOUNDS[r.quantity.qualifier],
        )
        rows.append(TableRow(f"{r.numerator}/{r.denominator}", cells, None, row_height(cells, RATIO_COLUMNS)))
    return rows


def source_rows(figures: pd.DataFrame, dataset: Dataset) -> list[TableRow]:
    """One row per figure in the view, in the table's order (programme, metric, period)."""
    from dashboard.views.labels import KIND_LABELS

    rows = []
    for r in figures.to_dict("records"):
        note = f" {r['note']}" if isinstance(r["note"], str) and r["note"] else ""
        cells = (
            str(r["value_label"]),
            f"{r['metric_label']} — {r['programme_name']}; {r['period_label']}; {KIND_LABELS.get(r['kind'], r['kind']).lower()}.{note}",
            QUALIFIER_TEXT.get(r["qualifier"], str(r["qualifier"])),
            f"{r['source_title']} — {r['source_publisher']}, {r['source_date']}",
            f"“{r['quote']}”",
        )
        url = r["source_url"] if isinstance(r["source_url"], str) and r["source_url"] else None
        measured = cells[:3] + (cells[3] + ("\n" + LINK_TEXT if url else ""),) + cells[4:]
        rows.append(TableRow(str(r["id"]), cells, url, row_height(measured, SOURCE_COLUMNS)))
    return rows


def row_height(cells, columns=SOURCE_COLUMNS, size: float = TABLE_PT, bold_first: bool = True) -> float:
    """The height in inches a table row needs: its tallest wrapped cell plus margins."""
    lines = max(
        len(wrap_lines(text, width - 2 * CELL_MARGIN_X_IN, size, bold=bold_first and c == 0))
        for c, (text, (_, width)) in enumerate(zip(cells, columns))
    )
    return lines * size * LINE_SPACING / 72 + 2 * CELL_MARGIN_Y_IN + 0.04


def header_height(columns=SOURCE_COLUMNS) -> float:
    return row_height([h for h, _ in columns], columns, TABLE_HEADER_PT, bold_first=False) + 0.02


def _available_table_height(columns=SOURCE_COLUMNS) -> float:
    return SLIDE_H_IN - (TITLE_TOP_IN + TITLE_H_IN + 0.1) - 0.35 - header_height(columns)


def paginate(rows: list[TableRow], available_in: float) -> list[list[TableRow]]:
    """Rows split into pages whose heights fit ``available_in``; always at least one page.
    A row taller than a page (a very long quote) gets a page of its own."""
    pages: list[list[TableRow]] = [[]]
    used = 0.0
    for row in rows:
        if pages[-1] and used + row.height > available_in:
            pages.append([])
            used = 0.0
        pages[-1].append(row)
        used += row.height
    return pages


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
