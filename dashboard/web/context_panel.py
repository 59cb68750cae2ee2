"""The page's section of context statistics: background numbers that belong to no programme,
shown apart from the programme results (``views.context``), under their own heading, each
with who counted it and the document that cites it. Empty when the view's years hold none."""

from __future__ import annotations

from dash import html

from dashboard.views.context import CTX, HEADING, INTRO, ContextLine
from dashboard.views.language import words_for
from dashboard.web.grid import english_name


def render_context(
    lines: tuple[ContextLine, ...] | list[ContextLine], language: str | None = None
) -> list:
    """The section's children: a heading, what the numbers are, one item per statistic; none
    when there is nothing to show (the section then takes no room)."""
    if not lines:
        return []
    words = words_for(lines[0].language or language)
    return [
        html.H2(words.text(HEADING, CTX), id="context-title", className="section-title"),
        html.P(words.text(INTRO, CTX), className="ratios-help"),
        html.Ul([context_item(line) for line in lines], className="context-lines"),
    ]


def context_item(line: ContextLine) -> html.Li:
    words = words_for(line.language)
    statistic = (
        english_name(line.statistic, words) if line.statistic_untranslated else line.statistic
    )
    return html.Li(
        [
            html.Span(statistic, className="context-statistic"),
            html.Span(line.value_text, className="context-value"),
            html.Span(line.period_text, className="context-period"),
            html.Span(line.counted_text, className="context-counted"),
            html.Span(line.source_text, className="context-source"),
            html.Q(line.quote, className="context-quote", lang=line.quote_language),
            html.Span(line.note, className="context-note") if line.note else None,
        ],
        className="context-line",
        **{"data-context": line.id},
    )
