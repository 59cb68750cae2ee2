"""A link's preview image: 1200×630 px, the size chat apps and social sites show for
``og:image``. It states the view's headline figures with their own qualifier words, the
filters, the documents those figures come from, and its provenance (the date made, the data
version served and the link back to the view), laid out as plotly annotations and drawn by
the warm renderer (``renderer.render_image``: bounded, one Chromium per process).

The source lines wrap and shorten as a slide's do (``slidemeasure.source_lines``: at most
three lines, then "and N more documents"); values wrap rather than shrink.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from dashboard.outputs.slidemeasure import esc as _esc, source_lines, wrap_px as _wrap_px
from dashboard.views.share import Headline, headline_sources, headlines
from dashboard.words import Formatter, Words

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.config import Config
    from dashboard.curated.records import Dataset
    from dashboard.views.view import View

WIDTH, HEIGHT = 1200, 630  # the Open Graph image size (1.91:1)
PAD = 48
TITLE_PX, SUBTITLE_PX = 34, 22
CARD_TITLE_PX, VALUE_PX, DETAIL_PX = 21, 44, 18
SOURCE_PX, MADE_PX = 18, 17
LINE = 1.3
MAX_CARDS = 4  # two rows of two; a view with more says how many more
CHAR_WIDTH = 0.5  # em per character of running text; bold values measure a little wider
CTX = "images"


def provenance_line(words: Words, made_on: dt.date, version: str, link: str) -> str:
    """``Made 7 Dec 2026 · data version 1a2b3c4d5e6f · 127.0.0.1:8050/?year_from=2022``."""
    short = link.split("://", 1)[-1]
    return words.text(
        "Made {date} · data version {version} · {link}",
        CTX,
        date=Formatter(words).date(made_on),
        version=version,
        link=short,
    )


def preview_figure(
    view: View,
    dataset: Dataset,
    config: Config,
    *,
    version: str,
    link: str,
    made_on: dt.date | None = None,
) -> dict:
    """The preview of ``view`` as a plotly figure (annotations on an empty paper), every word
    in the view's language; ``dataset`` is the data in that language."""
    words = Words(view.language)
    theme = config.theme
    made_on = made_on or dt.date.today()
    usable = WIDTH - 2 * PAD
    notes = _Notes(theme)
    y = _heading(
        notes,
        words.text(config.title, "page title"),
        view.filters.describe(dataset, words=words),
        usable,
    )
    rule_top = y + 18
    y = rule_top + 22

    footer = source_lines(headline_sources(view, dataset), usable, SOURCE_PX, words)
    made = _wrap_px(
        provenance_line(words, made_on, version, link),
        usable,
        MADE_PX,
        max_lines=2,
        char_width=CHAR_WIDTH,
    )
    footer_h = len(footer) * SOURCE_PX * LINE + len(made) * MADE_PX * LINE
    footer_top = HEIGHT - PAD + 12 - footer_h

    shown = headlines(view)
    if shown:
        _cards(
            shown[:MAX_CARDS],
            len(shown) - MAX_CARDS,
            notes.text,
            theme,
            words,
            y,
            footer_top - 16,
            usable,
        )
    else:
        for line in _wrap_px(
            view.summary, usable, VALUE_PX * 0.6, max_lines=4, char_width=CHAR_WIDTH
        ):
            notes.text(line, PAD, y, VALUE_PX * 0.6, theme.text_colour)
            y += VALUE_PX * 0.6 * LINE
    _footer(notes, footer, made, footer_top)
    return _figure(notes.notes, _rules(rule_top, footer_top, theme), theme)


class _Notes:
    """The preview's annotations, each a line of text placed in pixels from the top left."""

    def __init__(self, theme) -> None:
        self.theme = theme
        self.notes: list[dict] = []

    def text(
        self, line: str, x: float, top: float, size: float, colour: str, bold: bool = False
    ) -> None:
        shown = f"<b>{_esc(line)}</b>" if bold else _esc(line)
        self.notes.append(
            dict(
                text=shown,
                x=x / WIDTH,
                y=1 - top / HEIGHT,
                xref="paper",
                yref="paper",
                xanchor="left",
                yanchor="top",
                align="left",
                showarrow=False,
                font=dict(size=size, color=colour, family=self.theme.font_family),
            )
        )


def _heading(notes: _Notes, title: str, filters: str, usable: float) -> float:
    """The dashboard's title (bold, two lines at most) and the filters under it; returns the
    height they take from the top."""
    theme, y = notes.theme, PAD
    for line in _wrap_px(title, usable, TITLE_PX, max_lines=2, char_width=0.55):
        notes.text(line, PAD, y, TITLE_PX, theme.text_colour, bold=True)
        y += TITLE_PX * LINE
    for line in _wrap_px(filters, usable, SUBTITLE_PX, max_lines=2, char_width=CHAR_WIDTH):
        notes.text(line, PAD, y, SUBTITLE_PX, theme.muted_colour)
        y += SUBTITLE_PX * LINE
    return y


def _footer(notes: _Notes, footer: list[str], made: list[str], top: float) -> None:
    """The source lines, then the provenance lines, from ``top`` down."""
    y = top
    for line in footer:
        notes.text(line, PAD, y, SOURCE_PX, notes.theme.text_colour)
        y += SOURCE_PX * LINE
    for line in made:
        notes.text(line, PAD, y, MADE_PX, notes.theme.muted_colour)
        y += MADE_PX * LINE


def _rules(rule_top: float, footer_top: float, theme) -> list[dict]:
    """An accent rule under the heading and a pale one over the footer."""
    accent = (theme.palette or ["#0072B2"])[0]
    return [
        dict(
            type="line",
            xref="paper",
            yref="paper",
            x0=PAD / WIDTH,
            x1=1 - PAD / WIDTH,
            y0=1 - rule_top / HEIGHT,
            y1=1 - rule_top / HEIGHT,
            line=dict(color=accent, width=3),
        ),
        dict(
            type="line",
            xref="paper",
            yref="paper",
            x0=PAD / WIDTH,
            x1=1 - PAD / WIDTH,
            y0=1 - (footer_top - 10) / HEIGHT,
            y1=1 - (footer_top - 10) / HEIGHT,
            line=dict(color="#d9dee3", width=1),
        ),
    ]


def _figure(notes: list[dict], shapes: list[dict], theme) -> dict:
    """An empty paper of the preview's size holding the annotations and rules."""
    hidden = dict(visible=False, range=[0, 1], fixedrange=True)
    return {
        "data": [],
        "layout": dict(
            width=WIDTH,
            height=HEIGHT,
            autosize=False,
            margin=dict(l=0, r=0, t=0, b=0, pad=0),
            paper_bgcolor=theme.background_colour,
            plot_bgcolor=theme.background_colour,
            xaxis=hidden,
            yaxis=hidden,
            showlegend=False,
            annotations=notes,
            shapes=shapes,
            font=dict(family=theme.font_family, color=theme.text_colour),
        ),
    }


def _cards(
    shown: list[Headline],
    more: int,
    text,
    theme,
    words: Words,
    top: float,
    bottom: float,
    usable: float,
) -> None:
    """The headline figures in a grid: one row of one or two, else two rows of two."""
    columns = 1 if len(shown) == 1 else 2
    rows = -(-len(shown) // columns)
    gap = 32
    width = (usable - gap * (columns - 1)) / columns
    height = (bottom - top) / rows
    for i, headline in enumerate(shown):
        x = PAD + (i % columns) * (width + gap)
        y = top + (i // columns) * height
        text(
            _wrap_px(headline.metric, width, CARD_TITLE_PX, max_lines=1, char_width=CHAR_WIDTH)[0],
            x,
            y,
            CARD_TITLE_PX,
            theme.muted_colour,
            bold=True,
        )
        y += CARD_TITLE_PX * LINE
        for line in _wrap_px(headline.value, width, VALUE_PX, max_lines=2, char_width=0.58):
            text(line, x, y, VALUE_PX, theme.text_colour, bold=True)
            y += VALUE_PX * 1.15
        for detail in (headline.period, headline.programme):
            text(
                _wrap_px(detail, width, DETAIL_PX, max_lines=1, char_width=CHAR_WIDTH)[0],
                x,
                y + 2,
                DETAIL_PX,
                theme.muted_colour,
            )
            y += DETAIL_PX * LINE
    if more > 0:
        text(
            words.text("and {n} more headline figures on the page", CTX, n=words.integer(more)),
            PAD,
            bottom - DETAIL_PX * LINE,
            DETAIL_PX,
            theme.muted_colour,
        )


def preview_png(
    view: View,
    dataset: Dataset,
    config: Config,
    *,
    version: str,
    link: str,
    made_on: dt.date | None = None,
) -> bytes:
    """The preview of ``view`` as a 1200×630 PNG, drawn by the warm renderer (one render slot)."""
    from dashboard.outputs.renderer import render_image

    figure = preview_figure(view, dataset, config, version=version, link=link, made_on=made_on)
    return render_image(figure, format="png", width=WIDTH, height=HEIGHT)
