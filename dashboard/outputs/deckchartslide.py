"""A chart's slide in the deck: its title, then native, editable charts (``deckcharts``) under
the filters with the source line, the qualifier notes and the provenance as text, or the
chart's picture at full resolution with its alt text; the speaker notes under either.
"""

from __future__ import annotations

import datetime as dt
import io

from dashboard.outputs.deckcharts import FOOTER_PT, add_native_charts, footer_height, footer_of
from dashboard.outputs.decknotes import speaker_notes
from dashboard.outputs.deckslides import MARGIN_IN, TITLE_TOP_IN, Provenance, titled_slide
from dashboard.outputs.decktables import CTX
from dashboard.outputs.decktemplate import Look, emu as _emu, run
from dashboard.outputs.textfit import wrap_lines
from dashboard.views.theme import shade, tint
from dashboard.words import Words

CHART_TITLE_H_IN = (
    0.65  # a chart slide's one-line title: the picture under it gets the rest of the slide
)
PICTURE_TOP_IN = TITLE_TOP_IN + CHART_TITLE_H_IN + 0.05
SUBTITLE_PT = 16


def chart_slide(
    deck,
    look: Look,
    name: str,
    part,
    picture: bytes | None,
    picture_h_in: float,
    events,
    dataset,
    filters,
    config,
    words: Words,
    said: Provenance,
    made_on: dt.date,
) -> None:
    """One slide of chart ``name`` (``part``: all of it, or one of the slides it continues on):
    native charts when ``picture`` is None, else the picture."""
    from dashboard.views import charts

    events = (
        part.events if getattr(part, "events", None) is not None else events
    )  # a timeline part: its own events
    heading = part.text.title
    slide = titled_slide(deck, look, heading, CHART_TITLE_H_IN, fit=True)
    alt = charts.alt_text(name, part.figures, events, dataset, filters)
    if picture is None:
        _native_body(
            slide, look, part, config, words, said, alt, made_on, [m.id for m in dataset.metrics]
        )
    else:
        shape = slide.shapes.add_picture(
            io.BytesIO(picture),
            0,
            _emu(PICTURE_TOP_IN),
            width=_emu(look.width_in),
            height=_emu(picture_h_in),
        )
        shape.name = words.text("Chart: {title}", CTX, title=heading)
        shape._element.nvPicPr.cNvPr.set("descr", alt)
        said.add(
            slide, look, words, colour=config.theme.muted_colour
        )  # the picture names them too, but as pixels
    notes = speaker_notes(name, part.figures, events, dataset, words)
    slide.notes_slide.notes_text_frame.text = (
        heading + notes[len(words.text(charts.CHARTS[name].title, "charts")) :]
    )


def _native_body(
    slide,
    look: Look,
    part,
    config,
    words: Words,
    said: Provenance,
    alt: str,
    made_on: dt.date,
    metrics: list[str],
) -> None:
    """Under the title: the filters, the native charts, then the source line, the notes and the provenance."""
    width = look.width_in - 2 * MARGIN_IN
    muted = config.theme.muted_colour
    subtitle = wrap_lines(said.filters, width, SUBTITLE_PT, family=look.body_font)
    top = PICTURE_TOP_IN
    _text_box(
        slide,
        look,
        [(said.filters, False)],
        MARGIN_IN,
        top,
        width,
        len(subtitle) * SUBTITLE_PT * 1.2 / 72 + 0.04,
        SUBTITLE_PT,
        muted,
        words.text("Filters", "filters"),
    )
    top += len(subtitle) * SUBTITLE_PT * 1.2 / 72 + 0.12
    source, notes, made = footer_of(part, config.theme)
    foot = [
        (source, False),
        *((n, True) for n in notes),
        (" · ".join(p for p in (made, said.version, said.link) if p), True),
    ]
    foot_h = footer_height(foot, width, look)
    _text_box(
        slide,
        look,
        foot,
        MARGIN_IN,
        look.height_in - foot_h - 0.08,
        width,
        foot_h,
        FOOTER_PT,
        muted,
        words.text("Sources and notes", CTX),
    )
    palette = {
        "whole": tint(muted, 0.88),
        "whole_line": shade(muted, 0.1),
        "metrics": metrics,
    }  # as partwhole draws a whole
    add_native_charts(
        slide,
        part,
        (MARGIN_IN, top, width, look.height_in - foot_h - 0.2 - top),
        look,
        config,
        words,
        alt=alt,
        palette=palette,
        made_on=made_on,
    )


def _text_box(
    slide,
    look: Look,
    paragraphs: list[tuple[str, bool]],
    left: float,
    top: float,
    width: float,
    height: float,
    size: float,
    muted_colour: str,
    name: str,
) -> None:
    box = slide.shapes.add_textbox(_emu(left), _emu(top), _emu(width), _emu(height))
    box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    for i, (text, muted) in enumerate(p for p in paragraphs if p[0]):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run(paragraph, text, look, size=size, colour=muted_colour if muted else None, muted=muted)
