"""What a view says when it is shared: the words of a link's preview and of an embed snippet.

A link pasted into a chat or an intranet page shows a preview card: its title (the page's
title and the view's filters), its description (each headline card's first figure with its
own qualifier words: "Funding: over £7m (2018 – Mar 2025, cumulative)") and an image of the
same (``outputs.preview``). An "Embed" box under each chart holds an ``<iframe>`` snippet
for the chart alone. Plain texts from a ``View``; no Dash, no Flask, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.views.language import citation, words_for

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.curated.records import Dataset
    from dashboard.views.view import View

CTX = "share"
MAX_DESCRIPTION_CHARS = 300  # chat apps cut a preview's description near here
EMBED_HEIGHT_PX = 560  # the iframe's height in the snippet when the chart's height is not known
EMBED_TEXT_PX = 150  # room in the iframe for the title, filters, link and margins around the chart
EMBED_LINE_PX = 21  # one line of a note or of the source line under it
EMBED_LINE_CHARS = 90  # characters of a note or source line on one line of a narrow frame
EMBED_PATH = "embed/"  # under the page's address: /embed/<chart>?<the page's query string>


@dataclass(frozen=True)
class Headline:
    """A card's first figure as a preview states it."""

    metric: str  # the card's title: "Funding"
    value: str  # with its qualifier words: "over £7m"
    period: str  # "2018 – Mar 2025, cumulative"
    programme: str
    figure_id: str


def headlines(view: View) -> list[Headline]:
    """The first line of each headline card that has one, in the cards' order."""
    return [
        Headline(card.title, line.value_text, line.period_text, line.programme_name, line.figure_id)
        for card in view.cards
        if (line := card.headline) is not None
    ]


def preview_title(view: View, page_title: str, filters_text: str) -> str:
    """``<page title> · <the view's filters>`` in the view's language."""
    words = words_for(view.language)
    return words.text(
        "{title} · {filters}", CTX, title=words.text(page_title, "page title"), filters=filters_text
    )


def preview_description(view: View) -> str:
    """Each card's headline figure with its own qualifier words and period; the view's summary
    when no card has a figure. Cut at a card's end to ``MAX_DESCRIPTION_CHARS``."""
    words = words_for(view.language)
    parts = [
        words.text(
            "{metric}: {value} ({period})", CTX, metric=h.metric, value=h.value, period=h.period
        )
        for h in headlines(view)
    ]
    if not parts:
        return view.summary
    text = parts[0]
    for part in parts[1:]:
        if len(text) + 2 + len(part) > MAX_DESCRIPTION_CHARS:
            break
        text += "; " + part
    return text


def headline_sources(view: View, dataset: Dataset) -> str:
    """``Sources: <title> — <publisher>, <date>; …`` of the documents the headline figures come
    from (``dataset`` in the view's language); "" when the view has none."""
    ids = {h.figure_id for h in headlines(view)}
    figures: pd.DataFrame = view.figures
    used = (
        set(figures.loc[figures["id"].isin(ids), "source"].dropna().tolist())
        if len(figures)
        else set()
    )
    words = words_for(view.language)
    known = [s for s in dataset.sources if s.file in used]
    citations = [citation(s, words) for s in known] + sorted(used - {s.file for s in known})
    if not citations:
        return ""
    return words.text("Source: " if len(citations) == 1 else "Sources: ", "charts") + "; ".join(
        citations
    )


def embed_address(base: str, chart: str, query: str = "") -> str:
    """The address of chart ``chart`` alone: ``base`` (the page's address, ending in ``/``)
    then ``embed/<chart>`` and the page's query string (``?year_from=2022&lang=vi``)."""
    return f"{base}{EMBED_PATH}{chart}{query}"


def embed_height(spec: dict, notes: tuple[str, ...] = (), footer: str = "") -> int:
    """The iframe's height for a chart drawn ``spec`` (the page's figure) with its ``notes`` and
    source line ``footer``: the chart's own height and the lines of text around it, so the frame
    shows it whole without a scroll bar (more documents, a longer source line, a taller frame)."""
    height = (spec.get("layout") or {}).get("height")
    if not isinstance(height, (int, float)):
        return EMBED_HEIGHT_PX
    lines = sum(-(-len(text) // EMBED_LINE_CHARS) for text in (*notes, footer) if text)
    return int(height) + EMBED_TEXT_PX + (lines + 1) * EMBED_LINE_PX


def embed_snippet(address: str, title: str, height: int = EMBED_HEIGHT_PX) -> str:
    """The ``<iframe>`` a user copies into a page of their own, named by the chart's title."""
    return (
        f'<iframe src="{escape(address)}" title="{escape(title)}" width="100%" height="{height}" '
        'style="border:0" loading="lazy"></iframe>'
    )
