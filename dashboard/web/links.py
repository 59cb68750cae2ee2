"""Links: the page a link opens, and the address bar and the controls kept in step.

A view is a link (``urlstate``), its language included (``?lang=vi``). ``first_page`` builds
the whole page of a link being opened, in its language; ``url_sync`` keeps the address bar,
the filter controls and the notice about a link's unusable parts showing the same view, the
page's language and data version (``v=``, as a permalink's) kept in every address it writes
(the language switch's links follow the address in the browser, ``callbacks.SWITCH_LINKS``),
and the notice about an older data version only while the address is that link's. Pure
functions of an ``AppState`` and values from the browser (tests/test_app_callbacks.py,
tests/test_urlstate.py, tests/test_links.py); the thin Dash callbacks at the bottom
(``attach_links``) call them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import flask
from dash import Input, Output, State, ctx, no_update

from dashboard.views.citation import dated_link
from dashboard.views.language import words_for
from dashboard.web.ids import ID
from dashboard.web.layout import page, since_section, year_marks
from dashboard.web.provenance import FIGURE
from dashboard.web.sharing import SinceLink, citation_for, linked_table, opened_record, since_link
from dashboard.web.source_panel import render_passage
from dashboard.web.state import STATE_KEY, AppState, first_table_page, view_for
from dashboard.web.urlstate import (
    encode,
    from_controls,
    link_language,
    parse_language,
    parse_link,
    slider_span,
    to_controls,
    unused_notice,
)


# --- the first view, from the link ---------------------------------------------------------------


def first_page(state: AppState, query: Any, address: str = "", base: str = ""):
    """The whole page for a visitor arriving with ``query`` (a shared link's query string):
    its own numbers from the first paint, never the default view's first. A part of the link
    that cannot be used is left out, and the page says which (``urlstate.parse_link``). A
    ``highlight=`` of a known figure or event opens its source dialog (cited with ``address``,
    the page's own) and a figure's also opens the table on the page holding its row, marked
    (``sharing.linked_table``); a ``v=`` of an older data version is told what changed.
    ``base``: the page's absolute address (``http://host/``), for the embed snippets."""
    language = link_language(query, state.language)
    words = words_for(language)
    link = parse_link(query, state.choices, state.defaults, words)
    view = view_for(state, link.filters, language)
    search = query if isinstance(query, str) else ""
    opened = None
    record = opened_record(state, search)
    if record is not None:
        passage = state.provenance.passage(record[1], record[0], words)
        here = address + ("?" + search.removeprefix("?") if search else "")
        opened = (
            render_passage(passage, words, citation_for(state, record[1], words, here))
            if passage
            else None
        )
    linked = linked_table(state, view, record[1]) if record and record[0] == FIGURE else None
    return page(
        state,
        view,
        linked[0] if linked else first_table_page(state, view),
        link.unused,
        search,
        opened,
        since_link(state, search, view, words),
        base or state.config.serving.url_prefix,
        linked[1] if linked else None,
    )


def page_language(state: AppState, stored: Any) -> str:
    """The page's language from its store (``ID.LANGUAGE``, set when the page was built from
    its link); a forged or missing value is the default language."""
    return parse_language(stored, state.language)


# --- URL ⇄ controls ----------------------------------------------------------------------------


@dataclass(frozen=True)
class UrlSync:
    """What ``sync_url`` changes (None: leave as is): the query string, the controls
    (``urlstate.to_controls``), the notice naming what of a link could not be used, the
    year slider's span (widened to a link's years outside the data), and, when ``since_set``,
    the notice about an older data version (``since``; None: no notice)."""

    search: str | None
    controls: tuple | None
    notice: str | None = None
    span: tuple[int, int] | None = None
    since: SinceLink | None = None
    since_set: bool = False


def dated_search(state: AppState, filters, language: str) -> str:
    """The query string of ``filters`` in ``language`` as the page writes it into the address
    bar: dated with the data version (``v=``) as a permalink is (``citation.dated_link``), so
    a link copied from the address bar can say the figures changed since it was made."""
    return dated_link(encode(filters, state.defaults, language, state.language), state.version)


def url_sync(
    state: AppState,
    trigger: Any,
    search: Any,
    years: Any,
    programmes: Any,
    metric: Any,
    scope: Any = None,
    quantity: Any = None,
) -> UrlSync:
    """Keep the address bar and the filter controls showing the same view.

    - the address changed (page load, back/forward, a pasted link): the controls follow it;
      a part of the link that cannot be used is named in the notice and left out, the link
      itself is left as typed (rewriting it would add a history entry and trap the back
      button); the year slider widens to the link's years; back or forward to an address
      of an older data version tells it again what changed (on load the page has said it);
    - the reset button: controls and address go back to the defaults;
    - a control changed: the address gets the new view (a new history entry), and the
      notices about the opened link go (the address is now the page's own).
    Every address written carries the language and the data version (``dated_search``).
    """
    given = (
        years,
        programmes,
        metric,
        [] if scope is None else scope,
        quantity,
    )  # a cleared scope box sends None
    current = from_controls(
        years, programmes, metric, state.choices, state.defaults, scope, quantity
    )
    shown = to_controls(current)
    search = search if isinstance(search, str) else ""
    language = link_language(
        search, state.language
    )  # the page's language stays in every address it writes
    words = words_for(language)
    if trigger == ID.RESET:
        target = state.defaults
        new_search = dated_search(state, target, language)
        controls = to_controls(target)
        return UrlSync(
            new_search if new_search != search else None,
            controls if controls != given else None,
            "",
            slider_span(target, state.choices),
            since_set=True,
        )
    if trigger in (None, ID.URL):
        link = parse_link(search, state.choices, state.defaults, words)
        controls = to_controls(link.filters)
        since = None
        if trigger == ID.URL:
            since = since_link(state, search, view_for(state, link.filters, language), words)
        return UrlSync(
            None,
            controls if controls != given else None,
            unused_notice(link.unused, words),
            slider_span(link.filters, state.choices),
            since,
            since_set=trigger == ID.URL,
        )
    new_search = dated_search(state, current, language)
    return UrlSync(
        new_search if new_search != search else None,
        shown if shown != given else None,
        "",
        None,
        since_set=True,
    )


# --- the Dash wiring -------------------------------------------------------------------------------


CONTROL_IDS = dict(  # the filter controls, in ``urlstate.to_controls`` order
    years=ID.YEARS,
    programmes=ID.PROGRAMMES,
    metric=ID.METRIC,
    scope=ID.SCOPE,
    quantity=ID.QUANTITY,
)


def sync_url(search, years, programmes, metric, scope, quantity, reset):
    """The address bar and the controls, one following the other (``url_sync``)."""
    state = flask.current_app.config[STATE_KEY]
    sync = url_sync(state, ctx.triggered_id, search, years, programmes, metric, scope, quantity)
    keep = no_update
    return dict(
        search=keep if sync.search is None else sync.search,
        controls=list(sync.controls) if sync.controls is not None else [keep] * len(CONTROL_IDS),
        notice=keep if sync.notice is None else sync.notice,
        span=[keep] * 3
        if sync.span is None
        else [sync.span[0], sync.span[1], year_marks(*sync.span)],
        since=since_section(sync.since) if sync.since_set else keep,
    )


# The row a link's highlight= marks: scrolled into view at once (behind the source dialog the
# link opens), then, once that dialog is closed (or at once when none opened), focused and made
# the table's one tab stop (assets/table-grid.js), so a keyboard or screen-reader user is on it.
# Once only: later dialogs leave the focus where the user put it.
LINKED_ROW_SHOWN = (
    """
    function(hidden, linked, done) {
        const no = window.dash_clientside.no_update;
        const isOpen = hidden === false;
        if (!linked || done) { return no; }
        const find = () => document.querySelector("#%s tr.table-row-linked");
        const row = find();
        if (!row) { return no; }
        row.scrollIntoView({block: "center"});
        if (isOpen) { return no; }
        let tries = 0;
        const focus = () => {  // once the dialog is gone: it gives the focus back as it leaves
            if (document.querySelector(".dialog:not([hidden])") && tries++ < 40) {
                window.setTimeout(focus, 50);
                return;
            }
            const here = find();
            const cell = here && here.querySelector("td");
            if (!cell) { return; }
            here.closest("table").querySelectorAll("[tabindex='0']").forEach(
                function (el) { el.tabIndex = -1; });
            cell.tabIndex = 0;
            cell.focus({preventScroll: true});
            here.scrollIntoView({block: "center"});
        };
        window.setTimeout(focus, 0);
        return linked;
    }
    """
    % ID.TABLE_BODY
)


def attach_links(app) -> None:
    """Register the link callbacks on ``app``: the address bar and the controls kept in step,
    and the linked table row shown."""
    app.callback(
        output=dict(
            search=Output(ID.URL, "search"),
            controls=[Output(c, "value") for c in CONTROL_IDS.values()],
            notice=Output(ID.LINK_NOTICE, "children"),
            span=[Output(ID.YEARS, "min"), Output(ID.YEARS, "max"), Output(ID.YEARS, "marks")],
            since=Output(ID.LINK_SINCE_BOX, "children"),
        ),
        inputs=dict(
            search=Input(ID.URL, "search"),
            **{name: Input(c, "value") for name, c in CONTROL_IDS.items()},
            reset=Input(ID.RESET, "n_clicks"),
        ),
    )(sync_url)
    app.clientside_callback(  # Dash reads a clientside callback's dependencies as lists only
        LINKED_ROW_SHOWN,
        output=Output(ID.TABLE_LINK_SHOWN, "data"),
        inputs=[Input(ID.SOURCE_MODAL, "hidden")],
        state=[State(ID.TABLE_LINKED, "data"), State(ID.TABLE_LINK_SHOWN, "data")],
    )
