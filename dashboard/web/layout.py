"""The page: the static layout and the renderers of its dynamic parts.

Every function here turns already-computed values (cards, chart texts, a provenance
passage) into Dash components; none of them computes a number. Component ids live in
``ids`` (re-exported here), the figures table in ``grid``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dash import dcc, html

from dashboard.views.charts import CHARTS
from dashboard.web.source_panel import render_passage, source_modal  # noqa: F401  (re-exported)
from dashboard.views.table import TablePage
from dashboard.web.sharing import version_line
from dashboard.web.context_panel import render_context
from dashboard.web.grid import table_panel
from dashboard.web.claims_panel import CLAIMS_CHART, claims_panel
from dashboard.web.cards_panel import (
    RATIO_RULE,
    card_scopes,
    render_cards,
    render_ratios,
)  # noqa: F401  (re-exported)
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
from dashboard.views.language import unmarked, untranslated, words_for
from dashboard.views.share import embed_address, embed_height, embed_snippet
from dashboard.web.share_panel import embed_box
from dashboard.web.urlstate import (
    ALL_METRICS,
    language_search,
    slider_span,
    to_controls,
    unused_notice,
)
from dashboard.words import LANGUAGES, Words
from dashboard.words.languages import BY_CODE

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.web.state import AppState, ChartView, View

OVERLAP_RULE = (
    "A figure is shown when its period overlaps the years you choose: “over £7m since 2018” "
    "also appears in a 2022 view. Totals over a period are never split into years."
)
MAX_YEAR_LABELS = 9  # year labels the slider has room for at laptop width
# Each language named in itself, as a language switch names them (and marked with its lang).
LANGUAGE_NAMES = {code: language.own_name for code, language in BY_CODE.items()}  # each in itself
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
</html>"""  # Dash's page with its language named (screen readers, translation, axe's html-has-lang); app.py sets the link's
GRAPH_CONFIG = {
    "displayModeBar": False,
    "responsive": True,
    "scrollZoom": False,
    "doubleClick": False,
}


# --- the whole page ------------------------------------------------------------------------


def page(
    state: AppState,
    view: View,
    table: TablePage,
    unused: tuple[str, ...] = (),
    search: str = "",
    opened=None,
    since=None,
    base: str = "",
    linked_row: str | None = None,
) -> html.Div:
    """The page showing ``view`` (the default view at start-up) with ``table`` its first table
    page, every word in the view's language; ``unused`` names the parts of the opened link that
    could not be used; ``search`` is the link's query string (the language switch keeps it);
    ``opened`` the source dialog's title and body when the link opens it, ``since`` what a link
    of an older data version is told (``sharing.since_link``); ``base`` the page's absolute
    address, for each chart's embed snippet; ``linked_row`` the table row a link's ``highlight=``
    marks (``sharing.linked_table``)."""
    config = state.config
    words = words_for(view.language)
    say = words.text
    return html.Div(
        [
            dcc.Location(id=ID.URL, refresh=False),
            dcc.Download(id=ID.DOWNLOAD),
            dcc.Store(id=ID.SOURCE_SCROLLED),
            dcc.Store(id=ID.LANGUAGE, data=view.language),
            dcc.Store(id=ID.DEFAULT_LANGUAGE, data=state.language),
            html.A(say("Skip to the charts", "page"), href="#charts", className="skip-link"),
            html.Header(
                [
                    language_switch(view.language, search, state.language),
                    html.H1(say(config.title, "page title")),
                    html.P(say(config.subtitle, "page title"), className="subtitle")
                    if config.subtitle
                    else None,
                ],
                className="page-header",
            ),
            filters_panel(state, view),
            html.Main(
                [
                    html.P(
                        unused_notice(unused, words),
                        id=ID.LINK_NOTICE,
                        className="link-notice",
                        role="status",
                        **{"aria-live": "polite"},
                    ),
                    since_notice(since),
                    html.P(
                        view.summary,
                        id=ID.SUMMARY,
                        className="view-summary",
                        role="status",
                        **{"aria-live": "polite"},
                    ),
                    html.Section(
                        [
                            html.H2(say("Headline figures", "page"), className="visually-hidden"),
                            html.Div(
                                render_cards(view.cards, card_scopes(view)),
                                id=ID.CARDS,
                                className="cards",
                            ),
                        ],
                        **{"aria-label": say("Headline figures", "page")},
                    ),
                    html.Section(
                        [
                            html.H2(
                                say("Funding per person", "page"),
                                id="ratios-title",
                                className="section-title",
                            ),
                            html.P(say(RATIO_RULE, "funding per person"), className="ratios-help"),
                            html.Div(
                                render_ratios(view.shown_ratios, view.ratio_count, view.language),
                                id=ID.RATIOS,
                            ),
                        ],
                        className="ratios-panel",
                        **{"aria-labelledby": "ratios-title"},
                    ),
                    html.Section(
                        [html.H2(say("Charts", "page"), className="visually-hidden")]
                        + [
                            chart_panel(
                                name,
                                view.charts[name],
                                claims_panel(state, view) if name == CLAIMS_CHART else None,
                                words,
                                embed=embed_address(
                                    base,
                                    name,
                                    "?" + search.lstrip("?") if search.lstrip("?") else "",
                                ),
                            )
                            for name in CHARTS
                        ],
                        id="charts",
                        className="charts",
                    ),
                    None if CLAIMS_CHART in CHARTS else claims_panel(state, view),
                    table_panel(table, linked_row),
                    html.Section(
                        render_context(view.context, view.language),
                        id=ID.CONTEXT,
                        className="context-panel",
                    ),
                    html.P(say(PAGE_NOTE, "page"), className="page-note"),
                    html.P(
                        version_line(state, words), id=ID.DATA_VERSION, className="data-version"
                    ),
                ],
                className="page-main",
            ),
            source_modal(words, opened),
        ],
        className="page",
    )


def since_notice(since) -> html.Div:
    """The box of ``since_section``: a filter change empties it (``links.url_sync``)."""
    return html.Div(since_section(since), id=ID.LINK_SINCE_BOX)


def since_section(since) -> html.Section | None:
    """ "Figures have changed since this link was made", and what changed among the view's records."""
    if since is None:
        return None
    listed = html.Ul([html.Li(line) for line in since.lines]) if since.lines else None
    return html.Section(
        [html.P(html.Strong(since.headline)), listed, html.P(since.note) if since.note else None],
        id=ID.LINK_SINCE,
        className="link-since",
        role="status",
    )


PAGE_NOTE = (
    "Every number on this page is copied from a source document. Click a card line, "
    "a bar, a timeline marker or a table row to read the sentence it comes from."
)


def language_switch(language: str, search: str = "", default: str = "en") -> html.Nav:
    """Links to this view in each language the page offers, each named in its own language
    (``lang``, ``hreflang``); the current one marked ``aria-current``. A real link: it loads the
    page in that language, so ``<html lang>``, reload and back all follow."""
    words = words_for(language)
    return html.Nav(
        html.Ul(
            [
                html.Li(
                    html.A(
                        LANGUAGE_NAMES[code],
                        href=language_search(search, code, default) or "?",
                        id=language_link_id(code),
                        lang=code,
                        hrefLang=code,
                        className="language-link" + (" is-current" if code == language else ""),
                        **({"aria-current": "true"} if code == language else {}),
                    )
                )
                for code in LANGUAGES
            ],
            className="language-list",
        ),
        className="language-switch",
        **{"aria-label": words.text("Language", "page")},
    )


def language_link_id(code: str) -> str:
    return f"{ID.LANGUAGE}-link-{code}"


def name_label(text: str, words: Words) -> str:
    """A curated name in a dropdown: the English form says so when no translation is curated."""
    return (
        words.text("{name} (not yet translated)", "page", name=unmarked(text, words))
        if untranslated(text)
        else text
    )


def year_marks(first: int, last: int) -> dict[int, str]:
    """A dot for every year of the slider, labelled so labels never collide: every year up to
    ``MAX_YEAR_LABELS`` years, else the first, the last and every 2nd, 5th or 10th year between."""
    years = range(first, last + 1)
    step = next((s for s in (1, 2, 5, 10, 20, 50) if len(years) / s <= MAX_YEAR_LABELS), 100)
    shown = {first, last} | {
        y for y in years if y % step == 0 and y - first >= step and last - y >= step
    }
    return {y: str(y) if y in shown else "" for y in years}


def filters_panel(state: AppState, view: View) -> html.Section:
    years, programmes, metric, scopes, _ = to_controls(view.filters)
    first, last = slider_span(view.filters, state.choices)
    dataset = state.localized(view.language).dataset
    words = words_for(view.language)
    say = words.text
    return html.Section(
        [
            html.H2(say("Filters", "filters"), className="visually-hidden"),
            html.Div(
                [
                    html.Label(
                        say("Years", "filters"),
                        htmlFor=ID.YEARS,
                        id=f"{ID.YEARS}-label",
                        className="filter-label",
                    ),
                    dcc.RangeSlider(
                        id=ID.YEARS,
                        min=first,
                        max=last,
                        step=1,
                        value=years,
                        allowCross=False,
                        marks=year_marks(first, last),
                        updatemode="mouseup",
                    ),
                    html.P(
                        say(OVERLAP_RULE, "filters"), className="filter-help", id="overlap-rule"
                    ),
                ],
                className="filter filter-years",
                **{
                    "data-name-first": say("First year", "filters"),
                    "data-name-last": say("Last year", "filters"),
                },
                **(
                    {"data-name-handles": "1"} if words.language != "en" else {}
                ),  # English keeps Dash's own handle names
            ),
            html.Div(
                [
                    html.Label(
                        say("Programmes", "filters"),
                        htmlFor=ID.PROGRAMMES,
                        className="filter-label",
                    ),
                    dcc.Dropdown(
                        id=ID.PROGRAMMES,
                        multi=True,
                        value=programmes,
                        placeholder=say("All programmes", "filters"),
                        options=[
                            {"label": name_label(p.name, words), "value": p.id}
                            for p in dataset.programmes
                        ],
                    ),
                ],
                className="filter filter-programmes",
            ),
            html.Div(
                [
                    html.Label(
                        say("Metric", "filters"), htmlFor=ID.METRIC, className="filter-label"
                    ),
                    dcc.Dropdown(
                        id=ID.METRIC,
                        value=metric,
                        clearable=False,
                        searchable=False,
                        options=[{"label": say("All metrics", "filters"), "value": ALL_METRICS}]
                        + [
                            {"label": name_label(m.label, words), "value": m.id}
                            for m in dataset.metrics
                        ],
                    ),
                ],
                className="filter filter-metric",
            ),
            html.Div(
                [
                    html.Label(say("Scope", "filters"), htmlFor=ID.SCOPE, className="filter-label"),
                    dcc.Dropdown(
                        id=ID.SCOPE,
                        multi=True,
                        value=scopes,
                        placeholder=say("Every scope", "filters"),
                        options=[
                            {"label": name_label(scope_label(dataset, s, words), words), "value": s}
                            for s in state.choices.scopes
                        ],
                    ),
                ],
                className="filter filter-scope",
            ),
            html.Div(
                html.Button(
                    say("Reset filters", "filters"),
                    id=ID.RESET,
                    className="btn btn-outline-secondary",
                    n_clicks=0,
                ),
                className="filter filter-reset",
            ),
        ],
        className="filters",
        **{"aria-label": say("Filters", "filters")},
    )


# --- charts ----------------------------------------------------------------------------------


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
