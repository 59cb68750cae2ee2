"""One chart's panel: its title and download buttons, the figure (named, with its text
alternative), its notes and footer, and the embed box. Computes nothing: every text comes
with the ``ChartView``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dash import dcc, html

from dashboard.views.charts import CHARTS
from dashboard.views.language import words_for
from dashboard.views.share import embed_height, embed_snippet
from dashboard.web.ids import CHART_FORMATS, ID, chart_dom_id, chart_download_id
from dashboard.web.share_panel import embed_box
from dashboard.words import Words

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.web.state import ChartView

GRAPH_CONFIG = {
    "displayModeBar": False,
    "responsive": True,
    "scrollZoom": False,
    "doubleClick": False,
}


def note_items(notes, words: Words) -> list:
    """A chart's notes as list items, each led by "Note:" in the page's language (the
    stylesheet once drew the English word before every item, on the Vietnamese page too)."""
    label = words.text("Note:", "charts")
    return [html.Li([html.Span(label, className="note-label"), " ", note]) for note in notes]


def chart_panel(
    name: str, chart: ChartView, extra=None, words: Words | None = None, embed: str | None = None
) -> html.Section:
    spec = CHARTS[name]
    words = words or words_for()
    title = spec.title_in(words)
    title_id = chart_dom_id(ID.CHART_TITLE, name)
    alt_id = chart_dom_id(ID.CHART_ALT, name)
    return html.Section(
        [
            html.Div(
                [
                    html.H3(title, id=title_id, className="chart-title"),
                    html.Div(
                        [
                            html.Button(
                                words.text(label, "downloads"),
                                id=chart_download_id(name, fmt),
                                className="btn btn-sm btn-outline-secondary",
                                n_clicks=0,
                                title=words.text(
                                    "Download “{chart}” as {format} for slides",
                                    "downloads",
                                    chart=title,
                                    format=words.text(label, "downloads"),
                                ),
                                **{
                                    "aria-label": words.text(
                                        "Download {chart} as {format}",
                                        "downloads",
                                        chart=title,
                                        format=words.text(label, "downloads"),
                                    )
                                },
                            )
                            for fmt, label in CHART_FORMATS
                        ],
                        className="chart-downloads",
                    ),
                ],
                className="chart-head",
            ),
            html.Div(
                dcc.Graph(
                    id=chart_dom_id(ID.GRAPH, name),
                    figure=chart.spec,
                    config=GRAPH_CONFIG,
                    className="chart-graph",
                ),
                id=chart_dom_id(ID.CHART_FIGURE, name),
                className="chart-figure",
                role="img",
                **{"aria-label": title, "aria-describedby": alt_id, "data-chart": name},
            ),
            html.P(chart.alt, id=alt_id, className="visually-hidden chart-alt"),
            html.Ul(
                note_items(chart.notes, words),
                id=chart_dom_id(ID.CHART_NOTES, name),
                className="chart-notes",
            ),
            html.P(chart.footer, id=chart_dom_id(ID.CHART_FOOTER, name), className="chart-footer"),
            embed_box(
                name,
                embed_snippet(embed, title, embed_height(chart.spec, chart.notes, chart.footer)),
                title,
                words,
            )
            if embed
            else None,
            extra,
        ],
        className=f"chart-panel chart-{name}",
        **{"aria-labelledby": title_id, "data-chart": name},
    )
