"""What the page does when a user acts: pure functions, and the thin Dash callbacks that call them.

The pure half takes an ``AppState`` (everything computed once at start-up) and plain values
from the browser, which may be forged, and returns plain values or components; it is tested
without a browser (tests/test_app_callbacks.py). The Dash half, at the bottom, only reads
the state, decodes its inputs with one pure function and returns the result;
``attach_callbacks`` registers it on an app.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

import flask
from dash import ALL, Input, Output, State, ctx, dcc, no_update

from dashboard.analysis.frame import Filters
from dashboard.outputs.errors import NothingToExport, RendererBusy
from dashboard.outputs.export import ExportError
from dashboard.views.charts import CHARTS, Spec
from dashboard.views.table import (
    COLUMNS,
    LAST_PAGE,
    TablePage,
    TableQuery,
    aria_sort,
    next_sort,
    parse_query,
    parse_search,
    table_page,
)
from dashboard.web import offload
from dashboard.web.downloads import output_kind, page_base, view_file
from dashboard.web.jobwork import is_job
from dashboard.web.layout import (
    CHART_FORMATS,
    ID,
    VIEW_FORMATS,
    chart_dom_id,
    chart_download_id,
    card_scopes,
    note_items,
    render_cards,
    year_marks,
    render_ratios,
    view_download_id,
)
from dashboard.web.grid import table_rows_html
from dashboard.web.ids import table_head_id
from dashboard.web.state import STATE_KEY, AppState, View, view_for
from dashboard.web.claims_panel import render_claims
from dashboard.web.clicks import GRAPH_IDS, MAX_ID_CHARS, is_click, clicked_record, source_panel  # noqa: F401  (re-exported)
from dashboard.web.context_panel import render_context
from dashboard.web.links import UrlSync, first_page, page_language, url_sync  # noqa: F401  (re-exported)
from dashboard.web.urlstate import from_controls, parse_language
from dashboard.web.layout import language_link_id
from dashboard.web.share_panel import attach_embed_snippets
from dashboard.views.language import words_for
from dashboard.views.view import view_ids
from dashboard.words import LANGUAGES

log = logging.getLogger(__name__)


# --- one view on the wire ------------------------------------------------------------------------


def view_outputs(view: View) -> tuple:
    """The values of ``update_view``'s outputs, in ``VIEW_OUTPUTS`` order (the table has its own callback)."""
    per_chart = []
    for name in CHARTS:
        chart = view.charts[name]
        per_chart += [
            figure_payload(chart.spec),
            chart.alt,
            note_items(chart.notes, words_for(view.language)),
            chart.footer,
        ]
    return (
        render_cards(view.cards, card_scopes(view)),
        render_ratios(view.shown_ratios, view.ratio_count, view.language),
        render_context(view.context, view.language),
        *per_chart,
        view.summary,
        render_claims(view),
    )


def figure_payload(spec: Spec) -> dict[str, Any]:
    """The figure as Dash sends it: the view's plain dict, with no ``go.Figure`` built and no
    deep copy (at 10,000 figures the copy cost more than encoding). Read-only: the view is
    shared by the requests that ask for it, and nothing changes it. Equal to the
    ``go.Figure``'s ``to_plotly_json()`` once encoded (tested)."""
    return {"data": spec["data"], "layout": spec["layout"]}


# --- downloads -----------------------------------------------------------------------------------

DOWNLOAD_BUTTONS: dict[str, tuple[str, str | None]] = {
    **{view_download_id(fmt_): (fmt_, None) for fmt_, _ in VIEW_FORMATS},
    **{chart_download_id(name, fmt_): (fmt_, name) for name in CHARTS for fmt_, _ in CHART_FORMATS},
}


QUICK_BUTTONS = {
    button: request for button, request in DOWNLOAD_BUTTONS.items() if not is_job(request[0])
}  # the rest: web.jobs


def download_request(trigger: Any) -> tuple[str, str | None] | None:
    """``(format, chart)`` for the download button that fired; None for anything else."""
    return DOWNLOAD_BUTTONS.get(trigger) if isinstance(trigger, str) else None


def make_download(
    state: AppState,
    kind: str,
    chart: str | None,
    filters: Filters,
    today: dt.date | None = None,
    language: str | None = None,
    site: str | None = None,
) -> tuple[str, bytes]:
    """The file a download button gives: its name and content, for the filters on screen, in
    the page's ``language`` (the default language when None); ``site``: the page's address."""
    language = parse_language(language, state.language)
    output_kind(
        kind, chart, words_for(language)
    )  # a wrong request: its error, before a view is made
    return view_file(
        view_for(state, filters, language),
        state.data(),
        state.config,
        kind,
        chart=chart,
        today=today,
        site=site,
    )


# --- the table -----------------------------------------------------------------------------------

PAGE_MOVES = {
    ID.PAGE_FIRST: "first",
    ID.PAGE_PREVIOUS: "previous",
    ID.PAGE_NEXT: "next",
    ID.PAGE_LAST: "last",
}


def table_update(
    state: AppState,
    triggers: Any,
    filters: Filters,
    search: Any,
    stored: Any,
    language: str | None = None,
) -> TablePage:
    """The table page after a user acted, always computed from every current input.

    ``triggers`` are the ids of the inputs that fired together:
    - the filters or the search changed: page 1 of the new rows, in the order shown;
    - a column header was clicked (``{"type": "table-sort", "column": id}``): page 1 in the
      next order of that column (ascending, descending, the view's own);
    - a pager button: the first, previous, next or last page of the same rows.
    ``stored`` is the query the page shows now (``TableQuery.to_store``); like every input
    it may be forged, and is read with ``parse_query``.
    """
    triggers = list(triggers) if isinstance(triggers, (list, tuple)) else []
    shown = parse_query(stored)
    query = TableQuery(search=parse_search(search), sort=shown.sort, page=0)
    sorts = [
        t.get("column") for t in triggers if isinstance(t, dict) and t.get("type") == ID.TABLE_SORT
    ]
    if len(sorts) == len(triggers) == 1:
        query = TableQuery(search=query.search, sort=next_sort(shown.sort, sorts[0]), page=0)
    moves = [PAGE_MOVES[t] for t in triggers if isinstance(t, str) and t in PAGE_MOVES]
    if len(moves) == len(triggers) == 1:
        query = TableQuery(
            search=query.search, sort=query.sort, page=move_page(shown.page, moves[0])
        )
    ids = view_ids(
        state.data(), filters
    )  # the view's rows, as make_view filters them; no charts needed
    return table_page(
        state.table_in(parse_language(language, state.language)),
        ids,
        query,
        state.config.table.page_size,
    )


def move_page(page: int, move: str) -> int:
    """The page a pager button goes to; ``table_page`` clamps "last" and "next" to the pages there are."""
    return {"first": 0, "previous": max(page - 1, 0), "next": page + 1, "last": LAST_PAGE}[move]


def table_outputs(page: TablePage) -> tuple:
    """The values of ``update_table``'s outputs, in ``TABLE_OUTPUTS`` order."""
    return (
        table_rows_html(page),
        page.status,
        page.page_label,
        page.query.to_store(),
        not page.has_previous,
        not page.has_previous,
        not page.has_next,
        not page.has_next,
        *[aria_sort(page.query.sort, column) for column, _, _ in COLUMNS],
    )


# --- the Dash wiring -------------------------------------------------------------------------------


def current_state() -> AppState:
    """The state ``app.create_app`` stored on this Flask app."""
    return flask.current_app.config[STATE_KEY]


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


CONTROL_IDS = (
    ID.YEARS,
    ID.PROGRAMMES,
    ID.METRIC,
    ID.SCOPE,
    ID.QUANTITY,
)  # urlstate.to_controls order
CONTROLS = [Input(c, "value") for c in CONTROL_IDS]
TABLE_CONTROLS = CONTROLS[:4]  # the table does not follow the claims view's quantity
CONTROL_STATES = [State(c, "value") for c in CONTROL_IDS]
CONTROL_OUTPUTS = [Output(c, "value") for c in CONTROL_IDS]
SLIDER_OUTPUTS = [Output(ID.YEARS, "min"), Output(ID.YEARS, "max"), Output(ID.YEARS, "marks")]


def sync_url(search, years, programmes, metric, scope, quantity, _reset):
    sync = url_sync(
        current_state(), ctx.triggered_id, search, years, programmes, metric, scope, quantity
    )
    controls = sync.controls if sync.controls is not None else (no_update,) * len(CONTROL_IDS)
    span = (
        (sync.span[0], sync.span[1], year_marks(*sync.span))
        if sync.span is not None
        else (no_update,) * 3
    )
    notice = sync.notice if sync.notice is not None else no_update
    return (sync.search if sync.search is not None else no_update, *controls, notice, *span)


VIEW_OUTPUTS = [
    Output(ID.CARDS, "children"),
    Output(ID.RATIOS, "children"),
    Output(ID.CONTEXT, "children"),
]
for _name in CHARTS:
    VIEW_OUTPUTS += [
        Output(chart_dom_id(ID.GRAPH, _name), "figure"),
        Output(chart_dom_id(ID.CHART_ALT, _name), "children"),
        Output(chart_dom_id(ID.CHART_NOTES, _name), "children"),
        Output(chart_dom_id(ID.CHART_FOOTER, _name), "children"),
    ]
VIEW_OUTPUTS += [Output(ID.SUMMARY, "children"), Output(ID.CLAIMS, "children")]


def update_view(years, programmes, metric, scope, quantity, language):
    state = current_state()
    filters = from_controls(
        years, programmes, metric, state.choices, state.defaults, scope, quantity
    )
    return view_outputs(view_for(state, filters, page_language(state, language)))


def show_source(search, language, **clicks):
    """A click on a figure (``clicks``: cards, ratios, charts, rows, claims, related) opens its
    source dialog in the page's ``language``, citing the page's address (``search``); Close closes
    it. The dialog is open when its ``hidden`` is False."""
    trigger = ctx.triggered_id
    value = ctx.triggered[0]["value"] if ctx.triggered else None
    state = current_state()
    panel = source_panel(state, trigger, value, language, page_address(state, search))
    if panel is None:
        return dict(hidden=no_update, title=no_update, body=no_update)
    is_open, title, body = panel
    return dict(hidden=not is_open, title=title, body=body)


def download(*args):
    language = page_language(current_state(), args[-1])
    words = words_for(language)
    years, programmes, metric, scope, quantity = args[-len(CONTROL_IDS) - 1 : -1]
    request = download_request(ctx.triggered_id)
    clicked = ctx.triggered[0]["value"] if ctx.triggered else None
    if request is None or not is_click(clicked):
        return no_update, no_update
    state = current_state()
    filters = from_controls(
        years, programmes, metric, state.choices, state.defaults, scope, quantity
    )
    kind, chart = request
    apart = offload.render_process(flask.current_app) if kind in offload.RENDER_KINDS else None
    site = None  # every file's link starts at downloads.site_address, as the CLI's and a job's do
    try:
        if apart:
            name, content = apart.download(kind, filters, chart, language=language, site=site)
        else:
            name, content = make_download(state, kind, chart, filters, language=language, site=site)
    except RendererBusy as err:  # every render slot taken: a plain, retryable message
        ctx.response.set_header("Retry-After", str(err.retry_after))
        return no_update, words.text(
            "Too many image and deck downloads at once: the {format} file was not made. Try again in {seconds} s.",
            "downloads",
            format=kind.upper(),
            seconds=err.retry_after,
        )
    except (
        NothingToExport
    ) as err:  # an empty view: "Nothing to download: no figures match these filters (…)"
        return no_update, str(err)
    except ExportError as err:  # e.g. no browser to draw images: say so, with the fix
        return no_update, words.text(
            "Could not make the {format} file: {reason}",
            "downloads",
            format=kind.upper(),
            reason=err,
        )
    except Exception:  # never a server error page for a download; the log has the details
        log.exception("download %s %s failed", kind, chart)
        return no_update, words.text(
            "Could not make the {format} file; the server log says why.",
            "downloads",
            format=kind.upper(),
        )
    # the file's name in the page's language ("Số liệu chương trình_2022_….csv"); the ASCII form is English's
    return dcc.send_bytes(content, name.title), words.text(
        "Downloaded {name}", "downloads", name=name.title
    )


TABLE_OUTPUTS = [
    Output(ID.TABLE_BODY, "children"),
    Output(ID.TABLE_COUNT, "children"),
    Output(ID.PAGE_LABEL, "children"),
    Output(ID.TABLE_QUERY, "data"),
    *[Output(button, "disabled") for button in PAGE_MOVES],
    *[Output(table_head_id(column), "aria-sort") for column, _, _ in COLUMNS],
]


def update_table(years, programmes, metric, scope, search, _sorts, *pager_query_language):
    state = current_state()
    filters = from_controls(years, programmes, metric, state.choices, state.defaults, scope)
    triggers = list(ctx.triggered_prop_ids.values())
    stored, language = pager_query_language[-2:]
    return table_outputs(table_update(state, triggers, filters, search, stored, language))


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


# The download status while a file is made, in the page's language (the catalogue's words,
# written into the script once): a click says it at once, the download callback replaces it.
PREPARING = """
    function() {
        const said = %s;
        const language = arguments[arguments.length - 1];
        return said[language] || said["en"];
    }
    """ % json.dumps(
    {code: words_for(code).text("Preparing the file…", "downloads") for code in LANGUAGES},
    ensure_ascii=False,
)


def attach_callbacks(app) -> None:
    """Register the page's callbacks on ``app``: each app gets its own, through Dash's public API."""
    app.callback(
        Output(ID.URL, "search"),
        *CONTROL_OUTPUTS,
        Output(ID.LINK_NOTICE, "children"),
        *SLIDER_OUTPUTS,
        Input(ID.URL, "search"),
        *CONTROLS,
        Input(ID.RESET, "n_clicks"),
    )(sync_url)
    app.callback(*VIEW_OUTPUTS, *CONTROLS, State(ID.LANGUAGE, "data"), prevent_initial_call=True)(
        update_view
    )
    app.clientside_callback(  # in the browser: no request per filter change, none left in flight
        SWITCH_LINKS,
        *[Output(language_link_id(code), "href") for code in LANGUAGES],
        Input(ID.URL, "search"),
        State(ID.DEFAULT_LANGUAGE, "data"),
        prevent_initial_call=True,
    )
    app.callback(
        *TABLE_OUTPUTS,
        *TABLE_CONTROLS,
        Input(ID.TABLE_SEARCH, "value"),
        Input({"type": ID.TABLE_SORT, "column": ALL}, "n_clicks"),
        *[Input(button, "n_clicks") for button in PAGE_MOVES],
        State(ID.TABLE_QUERY, "data"),
        State(ID.LANGUAGE, "data"),
        prevent_initial_call=True,
    )(update_table)
    app.callback(
        output=dict(
            hidden=Output(ID.SOURCE_MODAL, "hidden"),
            title=Output(ID.SOURCE_TITLE, "children"),
            body=Output(ID.SOURCE_BODY, "children"),
        ),
        inputs=dict(
            cards=Input({"type": ID.CARD_LINE, "figure": ALL}, "n_clicks"),
            ratios=Input({"type": ID.RATIO_PART, "figure": ALL, "ratio": ALL}, "n_clicks"),
            charts=[Input(graph, "clickData") for graph in GRAPH_IDS],
            rows=Input({"type": ID.TABLE_ROW, "figure": ALL}, "n_clicks"),
            close=Input(ID.SOURCE_CLOSE, "n_clicks"),
            claims=Input({"type": ID.CLAIM_LINE, "figure": ALL}, "n_clicks"),
            related=Input({"type": ID.RELATED, "figure": ALL, "row": ALL}, "n_clicks"),
            related_events=Input({"type": ID.RELATED_EVENT, "figure": ALL, "row": ALL}, "n_clicks"),
        ),
        state=dict(search=State(ID.URL, "search"), language=State(ID.LANGUAGE, "data")),
        prevent_initial_call=True,
    )(show_source)
    app.callback(
        Output(ID.DOWNLOAD, "data"),
        Output(ID.VIEW_DOWNLOAD_STATUS, "children"),
        *[Input(button, "n_clicks") for button in QUICK_BUTTONS],
        *CONTROL_STATES,
        State(ID.LANGUAGE, "data"),
        prevent_initial_call=True,
    )(download)
    app.clientside_callback(  # said at once, in the page's language, while the server makes the file
        PREPARING,
        Output(ID.VIEW_DOWNLOAD_STATUS, "children", allow_duplicate=True),
        *[Input(button, "n_clicks") for button in DOWNLOAD_BUTTONS],
        State(ID.LANGUAGE, "data"),
        prevent_initial_call=True,
    )
    attach_embed_snippets(app)  # each chart's embed snippet follows the address (in the browser)
    app.clientside_callback(
        SCROLL_TO_QUOTE,
        Output(ID.SOURCE_SCROLLED, "data"),
        Input(ID.SOURCE_BODY, "children"),
        prevent_initial_call=True,
    )
