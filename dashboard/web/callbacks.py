"""What the page does when a user acts: pure functions, and the thin Dash callbacks that call them.

The pure half takes an ``AppState`` (everything computed once at start-up) and plain values
from the browser, which may be forged, and returns plain values or components; it is tested
without a browser (tests/test_app_callbacks.py). The Dash half only reads the state, decodes
its inputs with one pure function and returns the result. Every callback is declared in
Dash's named form (``web.wiring``): its function takes keyword arguments and returns a dict.
Here: the view (cards, charts, summary, claims), the address ⇄ controls, the source dialog
and the language switch; the table is ``web.table_panel``, the quick downloads
``web.download_buttons``. ``attach_callbacks`` registers them all on an app.
"""

from __future__ import annotations

import json
from typing import Any

import flask
from dash import ALL, Input, Output, State, ctx, no_update

from dashboard.views.charts import CHARTS, Spec
from dashboard.web.downloads import page_base
from dashboard.web.layout import (
    ID,
    chart_dom_id,
    card_scopes,
    note_items,
    render_cards,
    render_ratios,
)
from dashboard.web.state import AppState, View, view_for  # noqa: F401  (AppState: re-exported)
from dashboard.web.claims_panel import render_claims
from dashboard.web.clicks import GRAPH_IDS, MAX_ID_CHARS, is_click, clicked_record, source_panel  # noqa: F401  (re-exported)
from dashboard.web.context_panel import render_context
from dashboard.web.download_buttons import (  # noqa: F401  (re-exported)
    DOWNLOAD_BUTTONS,
    QUICK_BUTTONS,
    attach_downloads,
    download_request,
    make_download,
)
from dashboard.web.links import (  # noqa: F401  (re-exported)
    UrlSync,
    attach_links,
    first_page,
    page_language,
    sync_url,
    url_sync,
)
from dashboard.web.table_panel import (  # noqa: F401  (re-exported)
    PAGE_MOVES,
    TABLE_OUTPUTS,
    attach_table,
    move_page,
    table_outputs,
    table_update,
)
from dashboard.web.urlstate import from_controls
from dashboard.web.layout import language_link_id
from dashboard.web.share_panel import attach_embed_snippets
from dashboard.web.wiring import NAMED_CONTROLS, controls, current_state, flat, language  # noqa: F401  (flat: re-exported)
from dashboard.views.language import words_for
from dashboard.words import LANGUAGES

CONTROL_IDS = tuple(NAMED_CONTROLS.values())  # urlstate.to_controls order
CONTROL_STATES = flat(controls(State))  # web.jobs' positional form, until it names its states


# --- one view on the wire ------------------------------------------------------------------------

VIEW_OUTPUTS = dict(
    cards=Output(ID.CARDS, "children"),
    ratios=Output(ID.RATIOS, "children"),
    context=Output(ID.CONTEXT, "children"),
    charts={
        name: dict(
            figure=Output(chart_dom_id(ID.GRAPH, name), "figure"),
            alt=Output(chart_dom_id(ID.CHART_ALT, name), "children"),
            notes=Output(chart_dom_id(ID.CHART_NOTES, name), "children"),
            footer=Output(chart_dom_id(ID.CHART_FOOTER, name), "children"),
        )
        for name in CHARTS
    },
    summary=Output(ID.SUMMARY, "children"),
    claims=Output(ID.CLAIMS, "children"),
)  # the table has its own callback (web.table_panel)


def view_outputs(view: View) -> dict:
    """The values of ``update_view``'s outputs, named as in ``VIEW_OUTPUTS``."""
    words = words_for(view.language)
    return dict(
        cards=render_cards(view.cards, card_scopes(view)),
        ratios=render_ratios(view.shown_ratios, view.ratio_count, view.language),
        context=render_context(view.context, view.language),
        charts={
            name: dict(
                figure=figure_payload(view.charts[name].spec),
                alt=view.charts[name].alt,
                notes=note_items(view.charts[name].notes, words),
                footer=view.charts[name].footer,
            )
            for name in CHARTS
        },
        summary=view.summary,
        claims=render_claims(view),
    )


def figure_payload(spec: Spec) -> dict[str, Any]:
    """The figure as Dash sends it: the view's plain dict, with no ``go.Figure`` built and no
    deep copy (at 10,000 figures the copy cost more than encoding). Read-only: the view is
    shared by the requests that ask for it, and nothing changes it. Equal to the
    ``go.Figure``'s ``to_plotly_json()`` once encoded (tested)."""
    return {"data": spec["data"], "layout": spec["layout"]}


def update_view(years, programmes, metric, scope, quantity, language):
    """The callback: the view of the filters on screen, in the page's language."""
    state = current_state()
    filters = from_controls(
        years, programmes, metric, state.choices, state.defaults, scope, quantity
    )
    return view_outputs(view_for(state, filters, page_language(state, language)))


# --- the page and its address --------------------------------------------------------------------


def page_address(state: AppState, search: Any = "") -> str:
    """The page's path with ``search`` (its query string): the browser makes it whole (copy.js),
    so a link is right behind any proxy."""
    return state.config.serving.url_prefix + (search if isinstance(search, str) else "")


def serve_layout():
    """``app.layout``: the page of the link being opened. The page's script
    (assets/link-view.js) asks for ``/_dash-layout`` with the page's own query string."""
    if not flask.has_request_context():
        return first_page(current_state(), "")
    state = current_state()
    query = flask.request.query_string.decode("utf-8", "replace")
    return first_page(
        state, query, page_address(state), page_base(state.config, flask.request.host_url)
    )


# --- the source dialog ---------------------------------------------------------------------------

SOURCE_OUTPUTS = dict(
    hidden=Output(ID.SOURCE_MODAL, "hidden"),
    title=Output(ID.SOURCE_TITLE, "children"),
    body=Output(ID.SOURCE_BODY, "children"),
)


def source_clicks() -> dict:
    """Everything that opens (or closes) the source dialog, by what it is."""
    return dict(
        cards=Input({"type": ID.CARD_LINE, "figure": ALL}, "n_clicks"),
        ratios=Input({"type": ID.RATIO_PART, "figure": ALL, "ratio": ALL}, "n_clicks"),
        charts={graph: Input(graph, "clickData") for graph in GRAPH_IDS},
        table=Input({"type": ID.TABLE_ROW, "figure": ALL}, "n_clicks"),
        close=Input(ID.SOURCE_CLOSE, "n_clicks"),
        claims=Input({"type": ID.CLAIM_LINE, "figure": ALL}, "n_clicks"),
        related=Input({"type": ID.RELATED, "figure": ALL, "row": ALL}, "n_clicks"),
        related_events=Input({"type": ID.RELATED_EVENT, "figure": ALL, "row": ALL}, "n_clicks"),
    )


def show_source(clicks, search, language):
    """The callback: the dialog for the click that fired (``clicks``: read through ``ctx``); the
    dialog is open when its ``hidden`` is False."""
    value = ctx.triggered[0]["value"] if ctx.triggered else None
    state = current_state()
    panel = source_panel(state, ctx.triggered_id, value, language, page_address(state, search))
    if panel is None:
        return dict(hidden=no_update, title=no_update, body=no_update)
    is_open, title, body = panel
    return dict(hidden=not is_open, title=title, body=body)


# --- in the browser ------------------------------------------------------------------------------

# Scroll the highlighted quote into view whenever the source panel shows a new passage.
SCROLL_TO_QUOTE = (
    """
    function(children) {
        const show = () => {
            const mark = document.getElementById(%r);
            if (mark) { mark.scrollIntoView({block: "center"}); }
        };
        window.requestAnimationFrame(() => window.requestAnimationFrame(show));
        return window.dash_clientside.no_update;
    }
    """
    % ID.SOURCE_MARK
)


# The language switch's links for the address shown: the same query string with ``lang`` set
# (left out for the default language), as ``urlstate.language_search`` writes it on the server.
SWITCH_LINKS = """
    function(search, fallback) {
        const kept = new URLSearchParams(search || "");
        kept.delete("lang");
        return %s.map(function (code) {
            const params = new URLSearchParams(kept);
            if (code !== fallback) { params.append("lang", code); }
            const query = params.toString();
            return query ? "?" + query : "?";
        });
    }
    """ % json.dumps(list(LANGUAGES))


def attach_callbacks(app) -> None:
    """Register the page's callbacks on ``app``: each app gets its own, through Dash's public API."""
    attach_links(app)  # the address bar ⇄ the controls, and the row a link marks (web.links)
    app.callback(
        output=VIEW_OUTPUTS, inputs=controls(Input), state=language(), prevent_initial_call=True
    )(update_view)
    app.clientside_callback(  # in the browser: no request per filter change, none left in flight
        SWITCH_LINKS,
        output=[Output(language_link_id(code), "href") for code in LANGUAGES],
        inputs=[Input(ID.URL, "search")],
        state=[State(ID.DEFAULT_LANGUAGE, "data")],
        prevent_initial_call=True,
    )
    attach_table(app)
    app.callback(
        output=SOURCE_OUTPUTS,
        inputs=dict(clicks=source_clicks()),
        state=dict(search=State(ID.URL, "search"), **language()),
        prevent_initial_call=True,
    )(show_source)
    attach_downloads(app)
    attach_embed_snippets(app)  # each chart's embed snippet follows the address (in the browser)
    app.clientside_callback(
        SCROLL_TO_QUOTE,
        output=Output(ID.SOURCE_SCROLLED, "data"),
        inputs=[Input(ID.SOURCE_BODY, "children")],
        prevent_initial_call=True,
    )
