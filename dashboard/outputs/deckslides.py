"""What every deck slide shares: its title, its provenance line (the filters, the day made,
the data version and the view's link), and the tables (funding per person, context
statistics, sources and quotes) paginated over as many slides as they need.

Every box is laid out in the deck's ``Look`` (the shipped 16:9 or a template's size) and its
text measured in the look's fonts (``textfit``), so nothing runs off a slide.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.outputs.decktables import (
    CELL_MARGIN_X_IN,
    CELL_MARGIN_Y_IN,
    LINK_TEXT,
    TABLE_HEADER_PT,
    TABLE_PT,
    TableRow,
    _available_table_height,
    _columns,
    header_height,
    paginate,
)
from dashboard.outputs.decktemplate import (
    Look,
    drop_empty_placeholders,
    emu,
    run,
    title_only_layout,
)
from dashboard.outputs.textfit import fit_size, wrap_lines
from dashboard.words import Words

CTX = "deck"
MARGIN_IN = 0.5
TITLE_TOP_IN, TITLE_H_IN = 0.25, 0.8
TITLE_PT = 30
PROVENANCE_PT = 14  # no text on a slide under 14 pt
LINE = 1.2
INSET_IN = 0.05  # a title's inner margin on every side


@dataclass(frozen=True)
class Provenance:
    """What every slide says of where it comes from, in the deck's words."""

    filters: str  # "2018–2025 · all programmes · all metrics"
    made: str  # "Made 22 Nov 2026"
    version: str  # "Data version 3f9c…", "" when not known
    link: str  # "/?year_from=2018&year_to=2025", "" when not known

    def line(self, with_filters: bool = True) -> str:
        return " · ".join(
            p
            for p in (self.filters if with_filters else "", self.made, self.version, self.link)
            if p
        )

    def lines(self, look: Look, with_filters: bool = True, cites: str = "") -> list[str]:
        width = look.width_in - 2 * MARGIN_IN
        return [
            *(wrap_lines(cites, width, PROVENANCE_PT, family=look.body_font) if cites else []),
            *wrap_lines(self.line(with_filters), width, PROVENANCE_PT, family=look.body_font),
        ]

    def height(self, look: Look, with_filters: bool = True, cites: str = "") -> float:
        """The height of the line(s) at the foot of a slide (``cites``: the documents the slide
        cites, on lines of their own above), with its gap above."""
        return len(self.lines(look, with_filters, cites)) * PROVENANCE_PT * LINE / 72 + 0.12

    def add(
        self,
        slide,
        look: Look,
        words: Words,
        with_filters: bool = True,
        colour: str | None = None,
        cites: str = "",
    ) -> None:
        """The provenance line(s) at the foot of ``slide``, with the link clickable."""
        height = self.height(look, with_filters, cites) - 0.04
        box = slide.shapes.add_textbox(
            emu(MARGIN_IN),
            emu(look.height_in - height - 0.04),
            emu(look.width_in - 2 * MARGIN_IN),
            emu(height),
        )
        box.name = words.text("Provenance", CTX)
        frame = box.text_frame
        frame.word_wrap = True
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        paragraph = frame.paragraphs[0]
        if cites:
            run(paragraph, cites, look, size=PROVENANCE_PT, colour=colour, muted=True)
            paragraph = frame.add_paragraph()
        text = self.line(with_filters)
        if self.link and text.endswith(self.link):
            run(
                paragraph,
                text[: -len(self.link)],
                look,
                size=PROVENANCE_PT,
                colour=colour,
                muted=True,
            )
            linked = run(paragraph, self.link, look, size=PROVENANCE_PT, colour=colour, muted=True)
            if "://" in self.link:
                linked.hyperlink.address = self.link
        else:
            run(paragraph, text, look, size=PROVENANCE_PT, colour=colour, muted=True)


def titled_slide(deck, look: Look, heading: str, height_in: float = TITLE_H_IN, fit: bool = False):
    """A slide of the title-only layout with ``heading`` as its title: on one line when ``fit``
    (set smaller, down to 18 pt), and always as large as fits its box in the look's font."""
    slide = deck.slides.add_slide(title_only_layout(deck))
    title = slide.shapes.title
    width = look.width_in - 2 * MARGIN_IN
    place(title, MARGIN_IN, TITLE_TOP_IN, width, height_in)
    size = (
        fit_size(heading, width - 2 * INSET_IN, TITLE_PT, family=look.title_font)
        if fit
        else TITLE_PT
    )
    size = fitting_size(
        heading,
        width - 2 * INSET_IN,
        height_in - 2 * INSET_IN,
        size,
        bold=True,
        family=look.title_font,
    )
    set_text(title.text_frame, heading, look, size=size, bold=True, title=True)
    drop_empty_placeholders(slide)
    return slide


def fitting_size(
    text: str,
    width_in: float,
    height_in: float,
    max_pt: float,
    min_pt: float = 14,
    *,
    bold: bool = False,
    family: str | None = None,
) -> float:
    """The largest size from ``max_pt`` down (not under ``min_pt``) at which ``text``, wrapped to
    ``width_in``, stands in ``height_in``."""
    size = max_pt
    while (
        size > min_pt
        and len(wrap_lines(text, width_in, size, bold, family)) * size * LINE / 72 > height_in
    ):
        size -= 1
    return size


class Tables:
    """Table slides of one deck: ``add`` puts rows under a heading, over as many slides as they need."""

    def __init__(self, deck, look: Look, words: Words, provenance: Provenance):
        self.deck, self.look, self.words, self.provenance = deck, look, words, provenance

    def add(
        self,
        heading: str,
        columns,
        rows: list[TableRow],
        notes: str,
        link_column: int | None = None,
        cites: str = "",
    ) -> None:
        """``cites``: the documents the rows come from, when no column names them."""
        columns = _columns(columns, self.words, self.look)
        pages = paginate(
            rows,
            _available_table_height(
                columns, self.look, self.provenance.height(self.look, cites=cites)
            ),
        )
        for number, page in enumerate(pages, start=1):
            title = (
                self.words.text(
                    "{heading} ({number} of {count})",
                    CTX,
                    heading=heading,
                    number=number,
                    count=len(pages),
                )
                if len(pages) > 1
                else heading
            )
            self._slide(title, columns, page, notes, link_column, cites)

    def _slide(
        self,
        heading: str,
        columns,
        rows: list[TableRow],
        notes: str,
        link_column: int | None,
        cites: str = "",
    ) -> None:
        from pptx.dml.color import RGBColor
        from pptx.enum.text import MSO_ANCHOR

        look = self.look
        slide = titled_slide(self.deck, look, heading)
        widths = [w for _, w in columns]
        top = TITLE_TOP_IN + TITLE_H_IN + 0.1
        heights = [header_height(columns, look)] + [row.height for row in rows]
        shape = slide.shapes.add_table(
            len(rows) + 1,
            len(widths),
            emu(MARGIN_IN),
            emu(top),
            emu(sum(widths)),
            emu(sum(heights)),
        )
        shape.name = heading
        table = shape.table
        table.first_row = True
        for c, width in enumerate(widths):
            table.columns[c].width = emu(width)
        for r, height in enumerate(heights):
            table.rows[r].height = emu(height)
        for c, (heading_text, _) in enumerate(columns):
            cell(table.cell(0, c), heading_text, TABLE_HEADER_PT, look, bold=True)
        link_text = self.words.text(LINK_TEXT, CTX)
        for r, row in enumerate(rows, start=1):
            for c, text in enumerate(row.cells):
                made = cell(table.cell(r, c), text, TABLE_PT, look, bold=(c == 0))
                if (
                    c == link_column and row.url
                ):  # a short link of its own: LibreOffice wraps link text inside words
                    link = run(made.text_frame.add_paragraph(), link_text, look, size=TABLE_PT)
                    link.hyperlink.address = row.url
                if not look.templated:  # a template's table style colours its rows
                    made.fill.solid()
                    made.fill.fore_color.rgb = (
                        RGBColor(0xF5, 0xF7, 0xFA) if r % 2 else RGBColor(0xFF, 0xFF, 0xFF)
                    )
                made.vertical_anchor = MSO_ANCHOR.TOP
        self.provenance.add(slide, look, self.words, cites=cites)
        slide.notes_slide.notes_text_frame.text = notes


# --- python-pptx helpers -----------------------------------------------------------------


def place(shape, left: float, top: float, width: float, height: float) -> None:
    """Set a placeholder's box explicitly: a layout's own box may be of another slide size."""
    shape.left, shape.top, shape.width, shape.height = emu(left), emu(top), emu(width), emu(height)


def set_text(
    frame, text: str, look: Look, *, size: float, bold: bool = False, title: bool = False
) -> None:
    from pptx.enum.text import PP_ALIGN

    frame.clear()
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = emu(
        INSET_IN
    )  # known, whatever the layout says
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    run(paragraph, text, look, size=size, bold=bold, title=title)


def cell(table_cell, text: str, size: float, look: Look, *, bold: bool = False):
    from pptx.util import Emu

    table_cell.margin_left = table_cell.margin_right = Emu(emu(CELL_MARGIN_X_IN))
    table_cell.margin_top = table_cell.margin_bottom = Emu(emu(CELL_MARGIN_Y_IN))
    frame = table_cell.text_frame
    frame.word_wrap = True
    frame.clear()
    run(frame.paragraphs[0], text, look, size=size, bold=bold)
    return table_cell
