"""The page: the static layout and the renderers of its dynamic parts.

Every function here turns already-computed values (cards, chart texts, a provenance
passage) into Dash components; none of them computes a number. Component ids live in
``ids`` (re-exported here), the figures table in ``grid``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.views.cards import Card
from dashboard.views.charts import CHARTS
from dashboard.analysis.frame import Derived
from dashboard.web.provenance import Passage
from dashboard.views.table import TablePage
from dashboard.web.grid import table_panel
from dashboard.web.claims_panel import CLAIMS_CHART, claims_panel
from dashboard.web.ids import (  # noqa: F401  (re-exported: the ids are the page's vocabulary)
    CHART_FORMATS,
    ID,
    VIEW_FORMATS,
    chart_dom_id,
    chart_download_id,
    table_head_id,
    view_download_id,
)
from dashboard.analysis.frame import scope_label
from dashboard.web.urlstate import ALL_METRICS, slider_span, to_controls, unused_notice

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.web.state import AppState, ChartView, View

OVERLAP_RULE = (
    "A figure is shown when its period overlaps the years you choose: “over £7m since 2018” "
    "also appears in a 2022 view. Totals over a period are never split into years."
)
MAX_YEAR_LABELS = 9  # year labels the slider has room for at laptop width
CARD_LINES = 3  # a card shows its headline and at most two more figures; the table has them all
INDEX_HTML = """<!DOCTYPE html>
<html lang="en">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""  # Dash's page with its language named (screen readers, translation, axe's html-has-lang)
GRAPH_CONFIG = {"displayModeBar": False, "responsive": True, "scrollZoom": False, "doubleClick": False}


# --- the whole page ------------------------------------------------------------------------


def page(state: AppState, view: View, table: TablePage, unused: tuple[str, ...] = ()) -> html.Div:
    """The page showing ``view`` (the default view at start-up) with ``table`` its first table
    page; ``unused`` names the parts of the opened link that could not be used."""
    config = state.config
    return html.Div(
        [
            dcc.Location(id=ID.URL, refresh=False),
            dcc.Download(id=ID.DOWNLOAD),
            dcc.Store(id=ID.SOURCE_SCROLLED),
            html.A("Skip to the charts", href="#charts", className="skip-link"),
            html.Header(
                [html.H1(config.title), html.P(config.subtitle, className="subtitle") if config.subtitle else None],
                className="page-header",
            ),
            filters_panel(state, view),
            html.Main(
                [
                    html.P(unused_notice(unused), id=ID.LINK_NOTICE, className="link-notice", role="status", **{"aria-live": "polite"}),
                    html.P(view.summary, id=ID.SUMMARY, className="view-summary", role="status", **{"aria-live": "polite"}),
                    html.Section(
                        [html.H2("Headline figures", className="visually-hidden"),
                         html.Div(render_cards(view.cards, card_scopes(view)), id=ID.CARDS, className="cards")],
                        **{"aria-label": "Headline figures"},
                    ),
                    html.Section(
                        [
                            html.H2("Funding per person", id="ratios-title", className="section-title"),
                            html.P(RATIO_RULE, className="ratios-help"),
                            html.Div(render_ratios(view.ratios, view.ratio_count), id=ID.RATIOS),
                        ],
                        className="ratios-panel", **{"aria-labelledby": "ratios-title"},
                    ),
                    html.Section(
                        [html.H2("Charts", className="visually-hidden")]
                        + [chart_panel(name, view.charts[name], claims_panel(state, view) if name == CLAIMS_CHART else None) for name in CHARTS],
                        id="charts", className="charts",
                    ),
                    None if CLAIMS_CHART in CHARTS else claims_panel(state, view),
                    table_panel(table),
                    html.P(
                        "Every number on this page is copied from a source document. Click a card line, "
                        "a bar, a timeline marker or a table row to read the sentence it comes from.",
                        className="page-note",
                    ),
                    html.P(f"Data version {state.version}", id=ID.DATA_VERSION, className="data-version"),
                ],
                className="page-main",
            ),
            source_modal(),
        ],
        className="page",
    )


def year_marks(first: int, last: int) -> dict[int, str]:
    """A dot for every year of the slider, labelled so labels never collide: every year up to
    ``MAX_YEAR_LABELS`` years, else the first, the last and every 2nd, 5th or 10th year between."""
    years = range(first, last + 1)
    step = next((s for s in (1, 2, 5, 10, 20, 50) if len(years) / s <= MAX_YEAR_LABELS), 100)
    shown = {first, last} | {y for y in years if y % step == 0 and y - first >= step and last - y >= step}
    return {y: str(y) if y in shown else "" for y in years}


def filters_panel(state: AppState, view: View) -> html.Section:
    years, programmes, metric, scopes, _ = to_controls(view.filters)
    first, last = slider_span(view.filters, state.choices)
    dataset = state.dataset
    return html.Section(
        [
            html.H2("Filters", className="visually-hidden"),
            html.Div(
                [
                    html.Label("Years", htmlFor=ID.YEARS, id=f"{ID.YEARS}-label", className="filter-label"),
                    dcc.RangeSlider(
                        id=ID.YEARS, min=first, max=last, step=1, value=years, allowCross=False,
                        marks=year_marks(first, last), updatemode="mouseup",
                    ),
                    html.P(OVERLAP_RULE, className="filter-help", id="overlap-rule"),
                ],
                className="filter filter-years",
            ),
            html.Div(
                [
                    html.Label("Programmes", htmlFor=ID.PROGRAMMES, className="filter-label"),
                    dcc.Dropdown(
                        id=ID.PROGRAMMES, multi=True, value=programmes, placeholder="All programmes",
                        options=[{"label": p.name, "value": p.id} for p in dataset.programmes],
                    ),
                ],
                className="filter filter-programmes",
            ),
            html.Div(
                [
                    html.Label("Metric", htmlFor=ID.METRIC, className="filter-label"),
                    dcc.Dropdown(
                        id=ID.METRIC, value=metric, clearable=False, searchable=False,
                        options=[{"label": "All metrics", "value": ALL_METRICS}]
                        + [{"label": m.label, "value": m.id} for m in dataset.metrics],
                    ),
                ],
                className="filter filter-metric",
            ),
            html.Div(
                [
                    html.Label("Scope", htmlFor=ID.SCOPE, className="filter-label"),
                    dcc.Dropdown(
                        id=ID.SCOPE, multi=True, value=scopes, placeholder="Every scope",
                        options=[{"label": scope_label(dataset, s), "value": s} for s in state.choices.scopes],
                    ),
                ],
                className="filter filter-scope",
            ),
            html.Div(html.Button("Reset filters", id=ID.RESET, className="btn btn-outline-secondary", n_clicks=0), className="filter filter-reset"),
        ],
        className="filters",
        **{"aria-label": "Filters"},
    )


# --- cards -----------------------------------------------------------------------------------


def card_scopes(view: View) -> dict[str, str]:
    """Figure id → the scope label its card line shows ("UK worldwide")."""
    return dict(zip(view.figures["id"].astype(str), view.figures["scope_label"].astype(str)))


def render_cards(cards: list[Card], scopes: dict[str, str] | None = None) -> list[html.Article]:
    return [render_card(card, scopes or {}) for card in cards]


def render_card(card: Card, scopes: dict[str, str] | None = None) -> html.Article:
    """The card's headline figure first; at most ``CARD_LINES`` lines, then how many more the table holds."""
    if not card.lines:
        body = [html.P(card.empty_message, className="card-empty")]
    else:
        shown = card.lines[:CARD_LINES]
        body = [html.Ul([card_line(line, i == 0, (scopes or {}).get(line.figure_id)) for i, line in enumerate(shown)], className="card-lines")]
        hidden = len(card.lines) - len(shown)
        if hidden:
            body.append(html.P(f"and {hidden:,} more {card.title.lower()} figure{'s' if hidden != 1 else ''} in the table below", className="card-more"))
    return html.Article(
        [html.H3(card.title, className="card-title")] + body,
        className="headline-card" + (" is-empty" if not card.lines else ""),
        **{"data-metric": card.metric},
    )


def card_line(line, headline: bool, scope: str | None = None) -> html.Li:
    committed = line.kind == "committed"
    scope = getattr(line, "scope_label", None) or scope
    return html.Li(
        html.Button(
            [
                html.Span(line.value_text, className="card-value"),
                html.Span(line.kind_label, className="kind-badge " + ("is-committed" if committed else "is-reported")),
                html.Span(line.period_text, className="card-period"),
                html.Span(line.programme_name, className="card-programme"),
                html.Span(line.scope_text or scope, className="card-programme card-scope") if (line.scope_text or scope) else None,
                html.Span(line.claim_text, className="card-note card-claim") if line.claim_text else None,
                html.Span(line.note, className="card-note") if line.note else None,
            ],
            id={"type": ID.CARD_LINE, "figure": line.figure_id},
            className="card-line" + (" is-headline" if headline else ""),
            title="Show the source sentence",
            n_clicks=0,
            **{"data-figure": line.figure_id},
        )
    )


# --- funding per person ----------------------------------------------------------------------------

RATIO_RULE = (
    "Each line divides a reported funding figure by a reported count of people of the same programme "
    "and period. Bounds carry through: a lower bound divided by an exact count is a lower bound; a lower "
    "bound divided by a lower bound has no bound either way, and the page says so rather than print a number."
)


def render_ratios(ratios: list[Derived], total: int) -> list:
    """One line per derived ratio, each of its two figures a button to its source; then how many more."""
    if not ratios:
        return [html.P(
            "No funding figure in this view shares its programme and period with a count of people, so nothing is divided.",
            className="ratios-empty",
        )]
    lines = [
        html.Li(
            [
                html.Span(r.label, className="ratio-label"),
                html.Span(r.text, className="ratio-value" + ("" if r.quantity.bounded else " is-unbounded")),
                html.Span(f"{r.programme_name} · {r.period_label}", className="ratio-scope"),
                html.Span(
                    ["= ", ratio_part(r.numerator, r.numerator_text, i), " ÷ ", ratio_part(r.denominator, r.denominator_text, i)],
                    className="ratio-from",
                ),
            ],
            className="ratio-line",
        )
        for i, r in enumerate(ratios)
    ]
    more = [html.P(f"and {total - len(ratios):,} more in this view", className="card-more")] if total > len(ratios) else []
    return [html.Ul(lines, className="ratio-lines"), *more]


def ratio_part(figure_id: str, text: str, ratio: int) -> html.Button:
    return html.Button(
        text, id={"type": ID.RATIO_PART, "figure": figure_id, "ratio": ratio}, n_clicks=0,
        className="ratio-part", title="Show the source sentence", **{"data-figure": figure_id},
    )


# --- charts ----------------------------------------------------------------------------------


def chart_panel(name: str, chart: ChartView, extra=None) -> html.Section:
    spec = CHARTS[name]
    title_id = chart_dom_id(ID.CHART_TITLE, name)
    alt_id = chart_dom_id(ID.CHART_ALT, name)
    return html.Section(
        [
            html.Div(
                [
                    html.H3(spec.title, id=title_id, className="chart-title"),
                    html.Div(
                        [
                            html.Button(
                                label, id=chart_download_id(name, fmt),
                                className="btn btn-sm btn-outline-secondary", n_clicks=0,
                                title=f"Download “{spec.title}” as {label} for slides",
                                **{"aria-label": f"Download {spec.title} as {label}"},
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
                    id=chart_dom_id(ID.GRAPH, name), figure=chart.figure, config=GRAPH_CONFIG,
                    className="chart-graph",
                ),
                id=chart_dom_id(ID.CHART_FIGURE, name),
                className="chart-figure",
                role="img",
                **{"aria-label": spec.title, "aria-describedby": alt_id, "data-chart": name},
            ),
            html.P(chart.alt, id=alt_id, className="visually-hidden chart-alt"),
            html.Ul([html.Li(n) for n in chart.notes], id=chart_dom_id(ID.CHART_NOTES, name), className="chart-notes"),
            html.P(chart.footer, id=chart_dom_id(ID.CHART_FOOTER, name), className="chart-footer"),
            extra,
        ],
        className=f"chart-panel chart-{name}",
        **{"aria-labelledby": title_id, "data-chart": name},
    )


# --- provenance ----------------------------------------------------------------------------------


def source_modal() -> dbc.Modal:
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle("Source", id=ID.SOURCE_TITLE), close_button=True),
            dbc.ModalBody(id=ID.SOURCE_BODY, className="source-body"),
            dbc.ModalFooter(html.Button("Close", id=ID.SOURCE_CLOSE, className="btn btn-secondary", n_clicks=0)),
        ],
        id=ID.SOURCE_MODAL, is_open=False, size="xl", scrollable=True, keyboard=True,
        labelledby=ID.SOURCE_TITLE,
    )


def render_passage(passage: Passage | None) -> tuple[str, list]:
    """Title and body of the source panel: details, then the document with the quote marked."""
    if passage is None:
        return "Source not found", [html.P("This figure is not in the data the dashboard was started with.", className="source-missing")]
    doc = passage.document
    meta = [doc.publisher, doc.date_label]
    document_head = [
        html.H3(doc.title, className="source-doc-title"),
        html.P(" · ".join(meta), className="source-doc-meta"),
    ]
    if doc.date_basis:
        document_head.append(html.P(f"Date: {doc.date_basis}", className="source-doc-basis"))
    if doc.url:
        document_head.append(html.P(html.A("Open the original", href=doc.url, target="_blank", rel="noopener noreferrer")))
    details = html.Dl(
        [part for d in passage.details for part in (html.Dt(d.label), html.Dd(d.text))],
        className="source-details",
    )
    text = html.Div(
        [passage.before, html.Mark(passage.quote, id=ID.SOURCE_MARK), passage.after],
        className="source-text",
        tabIndex=0,
        **{"aria-label": f"Text of {doc.title}, with the quoted words highlighted"},
    )
    related = [
        html.Li(html.Button(
            words, id={"type": ID.RELATED_EVENT if kind == "event" else ID.RELATED, "figure": record_id, "row": passage.record_id},
            n_clicks=0, className="related-link", title="Show this one's source sentence", **{"data-figure": record_id},
        ))
        for kind, record_id, words in passage.related
    ]
    body = [
        html.Div(details, className="source-figure"),
        html.Div([html.H3("Related, as the curator declared", className="source-related-title"), html.Ul(related)], className="source-related") if related else None,
        html.Div(document_head + [html.P(doc.file, className="source-file")], className="source-doc"),
        text,
    ]
    return passage.heading, body
