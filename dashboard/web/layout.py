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
from dashboard.views.language import words_for
from dashboard.views.share import embed_address
from dashboard.web.chart_panel import GRAPH_CONFIG, chart_panel, note_items  # noqa: F401  (re-exported)
from dashboard.web.filters_panel import (  # noqa: F401  (re-exported)
    MAX_YEAR_LABELS,
    OVERLAP_RULE,
    filters_panel,
    name_label,
    year_marks,
)
from dashboard.web.urlstate import language_search, unused_notice
from dashboard.words import LANGUAGES, Words
from dashboard.words.languages import BY_CODE

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.web.state import AppState, View

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
            page_header(state, view.language, search),
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
                    *headline_sections(view, words),
                    charts_section(state, view, words, base, search),
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


def page_header(state: AppState, language: str, search: str) -> html.Header:
    """The language switch, the title and the subtitle."""
    config = state.config
    say = words_for(language).text
    return html.Header(
        [
            language_switch(language, search, state.language),
            html.H1(say(config.title, "page title")),
            html.P(say(config.subtitle, "page title"), className="subtitle")
            if config.subtitle
            else None,
        ],
        className="page-header",
    )


def headline_sections(view: View, words: Words) -> list[html.Section]:
    """The headline cards, then funding per person."""
    say = words.text
    return [
        html.Section(
            [
                html.H2(say("Headline figures", "page"), className="visually-hidden"),
                html.Div(
                    render_cards(view.cards, card_scopes(view)), id=ID.CARDS, className="cards"
                ),
            ],
            **{"aria-label": say("Headline figures", "page")},
        ),
        html.Section(
            [
                html.H2(
                    say("Funding per person", "page"), id="ratios-title", className="section-title"
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
    ]


def charts_section(state: AppState, view: View, words: Words, base: str, search: str):
    """Every chart's panel, each with its embed snippet for the view's address."""
    query = search.lstrip("?")
    return html.Section(
        [html.H2(words.text("Charts", "page"), className="visually-hidden")]
        + [
            chart_panel(
                name,
                view.charts[name],
                claims_panel(state, view) if name == CLAIMS_CHART else None,
                words,
                embed=embed_address(base, name, "?" + query if query else ""),
            )
            for name in CHARTS
        ],
        id="charts",
        className="charts",
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
