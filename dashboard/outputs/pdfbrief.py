"""The PDF brief: the view on one A4 page (two at most), for a briefing pack or an email.

It holds the view's headline cards with their qualifier words ("over £7m"), its charts (the
slide compositions of ``slideparts``, drawn as SVG by the warm renderer, so their text stays
text), a short table of figures with their sources, and on every page what a reader needs to
trace a number back: the filters, the data version (what ``/status`` reports), the date made,
the documents cited and a short link back to the view, with the page number ("1 / 2").

``brief`` gathers these as plain texts in the export's language (no drawing, no PDF: tested
apart); ``pdfhtml`` lays them out as HTML and CSS; WeasyPrint sets them (``pdfrender``) as a
tagged PDF with its fonts embedded. The brief keeps to ``MAX_PAGES``: when the whole view does not
fit, the table is cut to ``MIN_ROWS`` rows, each chart is kept if it still fits, in the page's
order (a chart too long for what is left is skipped, a later shorter one may fit), then the
table gets its rows back if they fit; the brief names each chart left out and says where it
is, and how many rows the files hold beyond its table.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.analysis.claims import restated
from dashboard.analysis.filters import years_without_data
from dashboard.views.cards import CARD_LINES, headline_cards
from dashboard.words import Formatter, Words

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.outputs.formats import ExportContext

CTX = "pdf brief"  # the catalogue context of the brief's own words
MAX_PAGES = 2
MAX_ROWS = 12  # rows of the figures table at most; the files hold every one
MIN_ROWS = 6  # the table is cut to this many before a chart is left out
FOOTER_DOCUMENTS = 3  # documents the footer of every page names; "and N more" after them
CHART_PX = (
    1920,
    1000,
)  # a chart's slide composition: 182 mm across, so its 28 px text prints at 7.5 pt


@dataclass(frozen=True)
class BriefLine:
    value: str  # "over £7m": the value as the source words it, its qualifier included
    period: str  # "2018 – Mar 2025, cumulative"
    detail: str  # "Reported (achieved) · Modern Slavery Fund in Vietnam · latest of 2 statements"


@dataclass(frozen=True)
class BriefCard:
    title: str
    lines: tuple[BriefLine, ...]
    empty: str  # "No returns figure in 2022": set exactly when there are no lines
    more: str  # "+ 2 more in the CSV and Excel files", or ""


@dataclass(frozen=True)
class BriefRow:
    value: str
    figure: str  # "Funding — Modern Slavery Fund in Vietnam; 2018 – Mar 2025; reported"
    source: str  # "UK and Vietnam sign agreement … — Home Office, Apr 2025"


@dataclass(frozen=True)
class BriefChart:
    name: str
    title: str
    slides: tuple[dict, ...]  # the chart's slide compositions (plotly dicts), one per part
    headings: tuple[
        str, ...
    ] = ()  # each slide's title: "Funding by programme (1 of 2)" when it needs several


@dataclass(frozen=True)
class Brief:
    """Everything the brief says, in one language; ``charts`` and ``rows`` as many as are printed."""

    language: str
    title: str
    heading: str
    summary: str  # "Showing 8 figures and 9 events · 2018–2026 · all programmes · all metrics"
    empty: str  # said when the view holds no figure and no event, else ""
    filters: str
    version: str
    made: str
    link: str
    created: str  # the day made, ISO (the PDF's creation date)
    documents: tuple[str, ...]  # every document the view cites: "title — publisher, date"
    cards: tuple[BriefCard, ...]
    charts: tuple[BriefChart, ...]
    rows: tuple[BriefRow, ...]
    rows_left: int = 0  # figures the table leaves to the files
    charts_left: tuple[str, ...] = ()  # titles of charts not printed, to keep to MAX_PAGES

    def pick(self, rows: int, charts: tuple[str, ...] | list[str]) -> Brief:
        """The same brief with its first ``rows`` table rows and only the charts named in
        ``charts`` (in the brief's order); the others are named as left out."""
        kept = tuple(c for c in self.charts if c.name in charts)
        left = tuple(c.title for c in self.charts if c.name not in charts)
        return replace(
            self,
            rows=self.rows[:rows],
            rows_left=self.rows_left + max(0, len(self.rows) - rows),
            charts=kept,
            charts_left=self.charts_left + left,
        )


def brief(figures: pd.DataFrame, context: ExportContext, *, with_charts: bool = True) -> Brief:
    """The brief of the filtered ``figures`` in the context's language (its view, version and link)."""
    from dashboard.outputs import datafile

    dataset, filters, config = context.view()
    words = context.words
    events = context.events()
    say = Formatter(words)
    shown = datafile.once(figures)  # a restatement is one figure, as the page counts it
    summary = words.text(
        "Showing {figures} and {events} · {filters}",
        "status",
        figures=say.count(len(figures) - len(restated(figures)), "figure"),
        events=say.count(len(events), "event"),
        filters=filters.describe(dataset, words=words),
    )
    outside = years_without_data(filters, dataset, words)
    empty = ""
    if figures.empty and events.empty:
        empty = words.text(
            "This view holds no figures or events: there is nothing to chart.", CTX
        )  # the summary says which years
    rows = [_row(r, words) for r in shown.to_dict("records")]
    return Brief(
        language=words.language,
        title=words.text(config.title, "page title"),
        heading=words.text("Brief of the programme figures", CTX),
        summary=summary + (f". {outside}" if outside else ""),
        empty=empty,
        filters=filters.describe(dataset, words=words),
        version=context.version,
        made=say.date(context.made_on),
        link=context.link,
        created=context.made_on.isoformat(),
        documents=_documents(figures, events),
        cards=tuple(
            _card(card, words)
            for card in headline_cards(figures, dataset, filters, lines=CARD_LINES)
        ),
        charts=_charts(figures, events, context) if with_charts else (),
        rows=tuple(rows[:MAX_ROWS]),
        rows_left=max(0, len(rows) - MAX_ROWS),
    )


def _card(card, words: Words) -> BriefCard:
    lines = tuple(
        BriefLine(
            line.value_text,
            line.period_text,
            " · ".join(
                t
                for t in (line.kind_label, line.programme_name, line.scope_text, line.claim_text)
                if t
            ),
        )
        for line in card.lines
    )
    more = (
        words.text("+ {n} more in the CSV and Excel files", CTX, n=words.integer(card.more))
        if card.more
        else ""
    )
    return BriefCard(card.title, lines, card.empty_message or "", more)


def _row(r: dict, words: Words) -> BriefRow:
    from dashboard.views.labels import KIND_LABELS

    kind = (
        words.text(KIND_LABELS[r["kind"]], "cards").lower()
        if r["kind"] in KIND_LABELS
        else str(r["kind"])
    )
    return BriefRow(
        value=str(r["value_label"]),
        figure=f"{r['metric_label']} — {r['programme_name']}; {r['period_label']}; {kind}",
        source=_document(r),
    )


def _document(r: dict) -> str:
    parts = [
        str(r[c]) for c in ("source_publisher", "source_date") if isinstance(r.get(c), str) and r[c]
    ]
    return f"{r['source_title']} — {', '.join(parts)}" if parts else str(r["source_title"])


def _documents(figures: pd.DataFrame, events: pd.DataFrame) -> tuple[str, ...]:
    """Every document the view's figures and events cite, once each, in the order first cited."""
    seen: dict[str, str] = {}
    for frame in (figures, events):
        if frame.empty:
            continue
        for r in frame.to_dict("records"):
            seen.setdefault(str(r["source"]), _document(r))
    return tuple(seen.values())


def _charts(
    figures: pd.DataFrame, events: pd.DataFrame, context: ExportContext
) -> tuple[BriefChart, ...]:
    from dashboard.outputs import images
    from dashboard.views import charts

    dataset, filters, config = context.view()
    words = context.words
    made = []
    for name in charts.CHARTS:
        if charts.plotted_rows(name, figures, events).empty:
            continue
        parts = images.slide_parts(
            name,
            figures,
            events,
            dataset,
            filters,
            config,
            size=CHART_PX,
            made_on=context.made_on,
            title=False,
            scale=1.0,
            words=words,
        )
        title = words.text(charts.CHARTS[name].title, "charts")
        made.append(
            BriefChart(
                name,
                title,
                tuple(p.figure for p in parts),
                tuple(p.text.title if len(parts) > 1 else title for p in parts),
            )
        )
    return tuple(made)
