"""Links: the page a link opens, and the address bar and the controls kept in step.

A view is a link (``urlstate``), its language included (``?lang=vi``). ``first_page`` builds
the whole page of a link being opened, in its language; ``url_sync`` keeps the address bar,
the filter controls and the notice about a link's unusable parts showing the same view, the
page's language kept in every address it writes (the language switch's links follow the
address in the browser, ``callbacks.SWITCH_LINKS``). Pure functions of an ``AppState`` and values from the
browser (tests/test_app_callbacks.py, tests/test_urlstate.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dashboard.views.language import words_for
from dashboard.web.ids import ID
from dashboard.web.layout import page
from dashboard.web.sharing import citation_for, opened_record, since_link
from dashboard.web.source_panel import render_passage
from dashboard.web.state import AppState, first_table_page, view_for
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
    the page's own), and a ``v=`` of an older data version is told what changed (``sharing``).
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
    return page(
        state,
        view,
        first_table_page(state, view),
        link.unused,
        search,
        opened,
        since_link(state, search, view, words),
        base or state.config.serving.url_prefix,
    )


def page_language(state: AppState, stored: Any) -> str:
    """The page's language from its store (``ID.LANGUAGE``, set when the page was built from
    its link); a forged or missing value is the default language."""
    return parse_language(stored, state.language)


# --- URL ⇄ controls ----------------------------------------------------------------------------


@dataclass(frozen=True)
class UrlSync:
    """What ``sync_url`` changes (None: leave as is): the query string, the controls
    (``urlstate.to_controls``), the notice naming what of a link could not be used, and the
    year slider's span (widened to a link's years outside the data)."""

    search: str | None
    controls: tuple | None
    notice: str | None = None
    span: tuple[int, int] | None = None


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
      button); the year slider widens to the link's years;
    - the reset button: controls and address go back to the defaults;
    - a control changed: the address gets the new view (a new history entry), and the
      notice about the opened link goes (the address is now the page's own).
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
        new_search = encode(target, state.defaults, language, state.language)
        controls = to_controls(target)
        return UrlSync(
            new_search if new_search != search else None,
            controls if controls != given else None,
            "",
            slider_span(target, state.choices),
        )
    if trigger in (None, ID.URL):
        link = parse_link(search, state.choices, state.defaults, words)
        controls = to_controls(link.filters)
        return UrlSync(
            None,
            controls if controls != given else None,
            unused_notice(link.unused, words),
            slider_span(link.filters, state.choices),
        )
    new_search = encode(current, state.defaults, language, state.language)
    return UrlSync(
        new_search if new_search != search else None, shown if shown != given else None, "", None
    )
