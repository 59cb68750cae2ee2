"""The PDF brief as HTML and CSS for WeasyPrint: A4 portrait, the view's words as text (so a
reader can select and search them), the charts as SVG pictures, and a running footer on every
page with the filters, data version, date made, documents cited, the link back to the view and
the page number ("1 / 2"). Every text is escaped: names and titles come from curated data and
the link from a request; nothing here is markup a user wrote."""

from __future__ import annotations

import base64
from html import escape
from typing import TYPE_CHECKING

from dashboard.words import Words

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.outputs.pdfbrief import Brief, BriefCard

CTX = "pdf brief"
FONTS = 'Arial, "Liberation Sans", "DejaVu Sans", sans-serif'  # Liberation Sans 2 (Arial's metric twin) has every Vietnamese letter
TEXT, MUTED, RULE = "#1f2933", "#52606d", "#cbd2d9"
CARD_COLUMNS = 4  # cards side by side at most (45 mm each); more wrap to the next row

STYLE = """
@page {
  size: A4 portrait;
  margin: 13mm 14mm 27mm 14mm;
  @bottom-left { content: element(provenance); width: 160mm; vertical-align: top; }
  @bottom-right {
    content: counter(page) " / " counter(pages); width: 18mm; vertical-align: top; text-align: right;
    font-family: %(fonts)s; font-size: 8pt; color: %(muted)s;
  }
}
html { font-family: %(fonts)s; font-size: 8.5pt; line-height: 1.3; color: %(text)s; }
body { margin: 0; }
.provenance { position: running(provenance); font-size: 6.5pt; line-height: 1.3; color: %(muted)s; border-top: 0.4pt solid %(rule)s; padding-top: 1.5mm; }
.provenance p { margin: 0; }
.provenance a { color: %(muted)s; text-decoration: none; }
h1 { font-size: 15pt; line-height: 1.15; margin: 0 0 1mm; }
h2 { font-size: 10.5pt; margin: 3.5mm 0 1.5mm; }
.heading { font-size: 10pt; color: %(muted)s; margin: 0 0 1mm; }
.summary { margin: 0 0 2mm; }
.empty { font-size: 11pt; font-weight: bold; margin: 4mm 0; }
.cards { display: grid; gap: 2.5mm; }
.card { border: 0.5pt solid %(rule)s; border-radius: 1.5mm; padding: 2mm 2.5mm; break-inside: avoid; }
.card h3 { font-size: 9pt; margin: 0 0 1mm; }
.card ul { list-style: none; margin: 0; padding: 0; }
.card li { margin: 0 0 1.2mm; }
.value { font-size: 12pt; font-weight: bold; }
.period, .detail, .more, .card-empty { display: block; color: %(muted)s; font-size: 7.5pt; }
.chart { break-inside: avoid; margin: 0 0 2mm; }
.chart h2 { margin-bottom: 0.5mm; }
.chart img { width: 100%%; display: block; }
.left-out { color: %(muted)s; font-size: 7.5pt; margin: 1mm 0; }
table { width: 100%%; border-collapse: collapse; font-size: 7.5pt; }
th, td { text-align: left; vertical-align: top; padding: 0.8mm 1.5mm 0.8mm 0; border-bottom: 0.4pt solid %(rule)s; }
th { font-weight: bold; border-bottom: 0.8pt solid %(text)s; }
tr { break-inside: avoid; }
td.value-cell { font-weight: bold; white-space: nowrap; }
"""


def brief_html(brief: Brief, pictures: dict[str, list[bytes]], words: Words) -> str:
    """The whole document: ``pictures`` holds each printed chart's SVG slides by chart name."""
    say = lambda message, **values: escape(words.text(message, CTX, **values))  # noqa: E731
    style = STYLE % {"fonts": FONTS, "text": TEXT, "muted": MUTED, "rule": RULE}
    body = [
        _provenance(brief, words),
        f"<h1>{escape(brief.title)}</h1>",
        f'<p class="heading">{escape(brief.heading)}</p>',
        f'<p class="summary">{escape(brief.summary)}</p>',
    ]
    if brief.empty:
        body.append(f'<p class="empty">{escape(brief.empty)}</p>')
    if brief.cards:
        body.append(f"<h2>{say('Headline figures')}</h2>")
        columns = min(len(brief.cards), CARD_COLUMNS)
        body.append(
            f'<div class="cards" style="grid-template-columns: repeat({columns}, 1fr)">'
            + "".join(_card(c) for c in brief.cards)
            + "</div>"
        )
    for (
        chart
    ) in brief.charts:  # each slide of a chart a block of its own, kept with its title ("(1 of 2)")
        for k, svg in enumerate(pictures.get(chart.name, [])):
            title = (
                f"<h2>{escape(chart.headings[k] if k < len(chart.headings) else chart.title)}</h2>"
            )
            picture = f'<img alt="{escape(chart.title)}" src="data:image/svg+xml;base64,{base64.b64encode(svg).decode()}">'
            body.append(f'<div class="chart">{title}{picture}</div>')
    if brief.charts_left:
        names = (
            words.text(
                "{first} and {last}",
                "list of names",
                first=", ".join(brief.charts_left[:-1]),
                last=brief.charts_left[-1],
            )
            if len(brief.charts_left) > 1
            else brief.charts_left[0]
        )
        body.append(
            f'<p class="left-out">{say("Not drawn here, to keep the brief to two pages: {charts}. The page and the deck show them.", charts=names)}</p>'
        )
    if brief.rows:
        body.append(f"<h2>{say('Figures and sources')}</h2>")
        head = "".join(
            f"<th>{say(h)}</th>" for h in ("Value as stated", "Figure", "Source document")
        )
        rows = "".join(
            f'<tr><td class="value-cell">{escape(r.value)}</td><td>{escape(r.figure)}</td><td>{escape(r.source)}</td></tr>'
            for r in brief.rows
        )
        body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    if brief.rows_left:
        more = words.plural(
            "and {n} more figure in the CSV, Excel and deck downloads",
            "and {n} more figures in the CSV, Excel and deck downloads",
            brief.rows_left,
            CTX,
        )
        body.append(f'<p class="left-out">{escape(more)}</p>')
    return (
        f'<!DOCTYPE html><html lang="{escape(brief.language)}"><head><meta charset="utf-8">'
        f"<title>{escape(brief.title)} — {escape(brief.heading)}</title>"
        f'<meta name="description" content="{escape(brief.summary)}">'
        f'<meta name="dcterms.created" content="{escape(brief.created)}"><meta name="dcterms.modified" content="{escape(brief.created)}">'
        f'<meta name="generator" content="{escape(words.text("Programme dashboard", "deck"))}">'
        f"<style>{style}</style></head><body>{''.join(body)}</body></html>"
    )


def _card(card: BriefCard) -> str:
    if not card.lines:
        return f'<div class="card"><h3>{escape(card.title)}</h3><span class="card-empty">{escape(card.empty)}</span></div>'
    lines = "".join(
        f'<li><span class="value">{escape(line.value)}</span><span class="period">{escape(line.period)}</span>'
        f'<span class="detail">{escape(line.detail)}</span></li>'
        for line in card.lines
    )
    more = f'<span class="more">{escape(card.more)}</span>' if card.more else ""
    return f'<div class="card"><h3>{escape(card.title)}</h3><ul>{lines}</ul>{more}</div>'


def _provenance(brief: Brief, words: Words) -> str:
    """The running footer: where every number on the page comes from, on every page."""
    say = lambda message, **values: escape(words.text(message, CTX, **values))  # noqa: E731
    shown = list(brief.documents[:3])
    documents = "; ".join(shown) if shown else words.text("none", CTX)
    if len(brief.documents) > len(shown):
        documents = words.text(
            "{documents} and {n} more",
            CTX,
            documents=documents,
            n=words.integer(len(brief.documents) - len(shown)),
        )
    line = " · ".join(
        (
            say("Filters: {filters}", filters=brief.filters),
            *([say("Data version {version}", version=brief.version)] if brief.version else []),
            say("Made {date}", date=brief.made),
        )
    )
    link = (
        f'<p>{say("View online:")} <a href="{escape(brief.link)}">{escape(brief.link)}</a></p>'
        if brief.link
        else ""
    )
    return f'<div class="provenance"><p>{line}</p><p>{say("Documents cited: {documents}", documents=documents)}</p>{link}</div>'
