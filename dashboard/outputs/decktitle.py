"""The deck's title slide: the dashboard's title sized to fit, then what the view holds (its
filters, how figures are kept, how many figures from how many documents, the charts left out
for having nothing to show, the day made), its text made smaller rather than run off a narrow
template, the provenance line and the presenter's notes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.analysis.claims import restated
from dashboard.outputs.deckslides import (
    INSET_IN,
    MARGIN_IN,
    Provenance,
    fitting_size,
    place,
    set_text,
)
from dashboard.outputs.decktables import CTX
from dashboard.outputs.decktemplate import (
    Look,
    body_placeholder,
    drop_empty_placeholders,
    run,
    title_slide_layout,
)
from dashboard.outputs.textfit import wrap_lines
from dashboard.words import Formatter, Words

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.analysis.frame import Filters
    from dashboard.config import Config
    from dashboard.curated.records import Dataset

Line = tuple[str, int, bool]  # a paragraph of the body: its text, size in points, bold


def title_slide(
    deck,
    look: Look,
    config: Config,
    filters: Filters,
    dataset: Dataset,
    made_on: dt.date,
    figures: pd.DataFrame,
    left_out: list[str],
    words: Words,
    said: Provenance,
) -> None:
    """Add the title slide of the view to ``deck``."""
    slide = deck.slides.add_slide(title_slide_layout(deck))
    width = look.width_in - 2 * MARGIN_IN
    _heading(slide.shapes.title, words.text(config.title, "page title"), look, width)
    view, made = filters.describe(dataset, words=words), Formatter(words).date(made_on)
    lines = _body_lines(view, made, figures, left_out, words)
    top = 0.47 * look.height_in
    body_h = look.height_in - top - said.height(look, with_filters=False) - 0.1
    body = body_placeholder(slide)
    place(body, MARGIN_IN, top, width, body_h)
    _write_body(body.text_frame, _fitted(lines, width, body_h, look), look, config)
    drop_empty_placeholders(slide)
    said.add(slide, look, words, with_filters=False, colour=config.theme.muted_colour)
    slide.notes_slide.notes_text_frame.text = words.text(
        "{title}. View: {view}. Made {date}. Qualifiers matter: say 'over £7m', never '£7m'.",
        CTX,
        title=words.text(config.title, "page title"),
        view=view,
        date=made,
    ) + ("\n" + said.line(with_filters=False) if said.version or said.link else "")


def _heading(title, heading: str, look: Look, width: float) -> None:
    """The dashboard's title at the largest size from 40 to 24 pt that fits its box."""
    from pptx.enum.text import MSO_ANCHOR

    place(title, MARGIN_IN, 0.2 * look.height_in, width, 0.25 * look.height_in)
    size = fitting_size(
        heading,
        width - 2 * INSET_IN,
        0.25 * look.height_in - 2 * INSET_IN,
        40,
        24,
        bold=True,
        family=look.title_font,
    )
    set_text(title.text_frame, heading, look, size=size, bold=True, title=True)
    title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM


def _body_lines(
    view: str, made: str, figures: pd.DataFrame, left_out: list[str], words: Words
) -> list[Line]:
    """What the view holds, a paragraph each, with the charts left out when there are any."""
    counted = dict(
        # a restatement adds a source to a figure counted once, as the page counts it
        figures=words.plural(
            "{n} figure",
            "{n} figures",
            len(figures) - len(restated(figures)),
            "count with its noun",
        ),
        documents=words.plural(
            "{n} source document",
            "{n} source documents",
            figures["source"].nunique(),
            "count with its noun",
        ),
    )
    quotes = (
        "{figures} from {documents}; every value as its source words it, quotes on the last slides."
        if len(figures) > 6
        else "{figures} from {documents}; every value as its source words it, quotes on the last slide."
    )
    lines = [
        (words.text("View: {view}", CTX, view=view), 24, True),
        (
            words.text(
                "A figure is shown when its period overlaps the years; cumulative totals are never split or added up.",
                CTX,
            ),
            16,
            False,
        ),
        (words.text(quotes, CTX, **counted), 16, False),
        (words.text("Made {date}", CTX, date=made), 18, False),
    ]
    if left_out:
        lines.insert(
            3,
            (
                words.text(
                    "Not in this view (nothing to show): {charts}.", CTX, charts=", ".join(left_out)
                ),
                16,
                False,
            ),
        )
    return lines


def _fitted(lines: list[Line], width: float, body_h: float, look: Look) -> list[Line]:
    """``lines`` a point smaller at a time, down to 14 pt, until they fit ``body_h``."""
    while (
        sum(
            len(wrap_lines(t, width, s, b, look.body_font)) * s * 1.2 / 72 + 8 / 72
            for t, s, b in lines
        )
        > body_h
        and lines[0][1] > 14
    ):
        lines = [
            (t, s - 1, b) for t, s, b in lines
        ]  # a narrow template: smaller text rather than text off the slide
    return lines


def _write_body(frame, lines: list[Line], look: Look, config: Config) -> None:
    """The body's paragraphs: the first in the text colour, the rest muted."""
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Pt

    frame.clear()
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    for i, (text, size, bold) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.LEFT
        paragraph.space_after = Pt(8)
        paragraph.space_before = Pt(0)
        run(
            paragraph,
            text,
            look,
            size=size,
            bold=bold,
            colour=config.theme.text_colour if i == 0 else config.theme.muted_colour,
            muted=i > 0,
        )
