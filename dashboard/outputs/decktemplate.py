"""The deck's look: the shipped one (16:9, Arial, the theme's colours) or the user's own
template (``exports.deck_template``, ``dashboard export --template FILE.pptx``), whose masters,
layouts, slide size, theme fonts and theme colours the deck then uses.

A layout is picked by its placeholders, never by its index: the title slide is a layout with
a title and a subtitle (or body) placeholder, every other slide a layout with a title and as
little else as there is. A template without a layout holding a title placeholder is refused
with its file named and what is missing; so are a missing file and a file that is not a .pptx.
Text is measured in the template's theme fonts (``textfit``) so it is laid out to fit them.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from dashboard.outputs.errors import ExportError
from dashboard.words import Words

EMU_PER_INCH = 914400
SHIPPED_W_IN, SHIPPED_H_IN = 13.333, 7.5  # PowerPoint's own 16:9
SHIPPED_FONT = "Arial"
CTX = "deck"
_NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


@dataclass(frozen=True)
class Look:
    """What every slide is laid out in: the slide's size in inches, the fonts text is set (and
    measured) in, and whether colours and fonts come from a template's theme."""

    width_in: float = SHIPPED_W_IN
    height_in: float = SHIPPED_H_IN
    title_font: str = SHIPPED_FONT  # the theme's major (headings) font with a template
    body_font: str = SHIPPED_FONT  # the theme's minor (body) font with a template
    templated: bool = False  # True: fonts and colours are the theme's, never set on a run

    @property
    def scale(self) -> float:
        """How wide the slide is against the shipped 13.33 in (a 4:3 template: 0.75)."""
        return self.width_in / SHIPPED_W_IN


SHIPPED = Look()


def open_deck(template: str | Path | None, words: Words | None = None):
    """A ``Presentation`` to add slides to, and its ``Look``: the shipped default (16:9), or
    ``template`` emptied of its own slides. A bad template is an ``ExportError`` naming it."""
    from pptx import Presentation
    from pptx.util import Emu

    words = words or Words("en")
    if not template:
        deck = Presentation()
        deck.slide_width, deck.slide_height = Emu(emu(SHIPPED_W_IN)), Emu(emu(SHIPPED_H_IN))
        return deck, SHIPPED
    path = Path(template)
    deck = Presentation(io.BytesIO(read_template(path, words)))
    _drop_slides(deck)
    for needed in (title_only_layout, title_slide_layout):
        needed(deck, path, words)  # a template lacking a layout: the error now, before any slide
    major, minor = theme_fonts(deck)
    look = Look(
        deck.slide_width / EMU_PER_INCH,
        deck.slide_height / EMU_PER_INCH,
        major or SHIPPED_FONT,
        minor or SHIPPED_FONT,
        True,
    )
    return deck, look


def read_template(path: Path, words: Words) -> bytes:
    """The template's bytes, or an ``ExportError`` saying what is wrong with the file."""
    if not path.is_file():
        raise ExportError(
            words.text(
                "template {path}: no such file; give the path of a .pptx file", CTX, path=path
            )
        )
    data = path.read_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        names = set()
    if "ppt/presentation.xml" not in names:
        raise ExportError(
            words.text(
                "template {path}: not a PowerPoint file (.pptx); save it from PowerPoint as .pptx",
                CTX,
                path=path,
            )
        )
    return data


def check_template(template: str | Path | None, words: Words | None = None) -> None:
    """The template's error, if it has one, before any drawing (the CLI asks first)."""
    if template:
        open_deck(template, words)


def _placeholder_types(layout) -> set:
    return {p.placeholder_format.type for p in layout.placeholders}


def title_only_layout(deck, path: Path | None = None, words: Words | None = None):
    """The layout with a title and the fewest other placeholders (content is placed on it)."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    titles = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
    extra = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, *titles}
    titled = [layout for layout in deck.slide_layouts if titles & _placeholder_types(layout)]
    if not titled:
        raise ExportError(
            (words or Words("en")).text(
                "template {path}: no slide layout has a title placeholder; add a 'Title Only' layout",
                CTX,
                path=path,
            )
        )
    return min(
        titled,
        key=lambda layout: (
            len(_placeholder_types(layout) - extra),
            PP_PLACEHOLDER.TITLE not in _placeholder_types(layout),
        ),
    )


def title_slide_layout(deck, path: Path | None = None, words: Words | None = None):
    """The layout with a (centred) title and a subtitle or body: the title slide's."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    titles = {PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.TITLE}
    bodies = {PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT}
    for wanted in ({PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.SUBTITLE}, None):
        for layout in deck.slide_layouts:
            types = _placeholder_types(layout)
            if (wanted and wanted <= types) or (not wanted and types & titles and types & bodies):
                return layout
    raise ExportError(
        (words or Words("en")).text(
            "template {path}: no slide layout has a title and a subtitle or body placeholder; add a 'Title Slide' layout",
            CTX,
            path=path,
        )
    )


def body_placeholder(slide):
    """The title slide's subtitle or body placeholder."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    wanted = (PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
    return next(p for p in slide.placeholders if p.placeholder_format.type in wanted)


def drop_empty_placeholders(slide) -> None:
    """Placeholders the deck did not fill (a layout's body, date, footer) would show "Click to
    add text" in PowerPoint: they go."""
    for placeholder in list(slide.placeholders):
        if not placeholder.has_text_frame or not placeholder.text_frame.text.strip():
            placeholder._element.getparent().remove(placeholder._element)


def theme_fonts(deck) -> tuple[str | None, str | None]:
    """The (major, minor) latin fonts of the first master's theme, e.g. ("Georgia", "Verdana")."""
    from pptx.oxml import parse_xml

    master = deck.slide_masters[0]
    for rel in master.part.rels.values():
        if rel.reltype.endswith("/theme"):
            root = parse_xml(rel.target_part.blob)
            major = root.find(".//a:majorFont/a:latin", _NS)
            minor = root.find(".//a:minorFont/a:latin", _NS)
            return (major.get("typeface") if major is not None else None), (
                minor.get("typeface") if minor is not None else None
            )
    return None, None


def _drop_slides(deck) -> None:
    """A template's own slides (samples, instructions) are not the view's: they go."""
    ids = deck.slides._sldIdLst
    for slide_id in list(ids):
        deck.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)


def emu(inches: float) -> int:
    return int(round(inches * EMU_PER_INCH))


def run(
    paragraph,
    text: str,
    look: Look,
    *,
    size: float,
    bold: bool = False,
    colour: str | None = None,
    muted: bool = False,
    title: bool = False,
):
    """A run of ``text``: in Arial and ``colour`` in the shipped look; in the theme's font and
    text colour (muted: lighter) with a template."""
    from pptx.dml.color import RGBColor
    from pptx.enum.dml import MSO_THEME_COLOR
    from pptx.util import Pt

    added = paragraph.add_run()
    added.text = text
    added.font.size = Pt(size)
    added.font.bold = bold
    if look.templated:
        added.font.name = "+mj-lt" if title else "+mn-lt"  # the theme's heading / body font
        if muted:
            added.font.color.theme_color = MSO_THEME_COLOR.TEXT_1
            added.font.color.brightness = 0.35
    else:
        added.font.name = SHIPPED_FONT
        if colour:
            added.font.color.rgb = RGBColor.from_string(colour.lstrip("#"))
    return added
