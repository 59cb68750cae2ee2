"""The figures table's callback: search, sort and page on the server, one page at a time.

``table_update`` is the pure half (an ``AppState`` and values from the browser, which may be
forged, in; a ``TablePage`` out; tests/test_app_callbacks.py), ``table_outputs`` the page as
the callback's named outputs, and ``attach_table`` registers the thin callback between them.
"""

from __future__ import annotations

from typing import Any

from dash import ALL, Input, Output, State, ctx

from dashboard.analysis.frame import Filters
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
from dashboard.views.view import view_ids
from dashboard.web.grid import table_rows_html
from dashboard.web.ids import ID, table_head_id
from dashboard.web.state import AppState
from dashboard.web.urlstate import from_controls, parse_language
from dashboard.web.wiring import clicks, controls, current_state, language

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
    ids = view_ids(state.data(), filters)  # the view's rows, as make_view filters them
    return table_page(
        state.table_in(parse_language(language, state.language)),
        ids,
        query,
        state.config.table.page_size,
    )


def move_page(page: int, move: str) -> int:
    """The page a pager button goes to; ``table_page`` clamps "last" and "next" to the pages there are."""
    return {"first": 0, "previous": max(page - 1, 0), "next": page + 1, "last": LAST_PAGE}[move]


TABLE_OUTPUTS = dict(
    rows=Output(ID.TABLE_BODY, "children"),
    count=Output(ID.TABLE_COUNT, "children"),
    page_label=Output(ID.PAGE_LABEL, "children"),
    query=Output(ID.TABLE_QUERY, "data"),
    disabled={button: Output(button, "disabled") for button in PAGE_MOVES},
    sort={column: Output(table_head_id(column), "aria-sort") for column, _, _ in COLUMNS},
)


def table_outputs(page: TablePage) -> dict:
    """The values of ``update_table``'s outputs, named as in ``TABLE_OUTPUTS``."""
    before, after = not page.has_previous, not page.has_next
    return dict(
        rows=table_rows_html(page),
        count=page.status,
        page_label=page.page_label,
        query=page.query.to_store(),
        disabled={
            ID.PAGE_FIRST: before,
            ID.PAGE_PREVIOUS: before,
            ID.PAGE_NEXT: after,
            ID.PAGE_LAST: after,
        },
        sort={column: aria_sort(page.query.sort, column) for column, _, _ in COLUMNS},
    )


def update_table(years, programmes, metric, scope, search, sorts, pages, query, language):
    """The callback: the page for the filters, search and click that fired (``sorts`` and
    ``pages`` are read through which of them fired)."""
    state = current_state()
    filters = from_controls(years, programmes, metric, state.choices, state.defaults, scope)
    triggers = list(ctx.triggered_prop_ids.values())
    return table_outputs(table_update(state, triggers, filters, search, query, language))


def attach_table(app) -> None:
    """Register the table's callback on ``app``; it does not follow the claims view's quantity."""
    app.callback(
        output=TABLE_OUTPUTS,
        inputs=dict(
            **controls(Input, leave_out=("quantity",)),
            search=Input(ID.TABLE_SEARCH, "value"),
            sorts=Input({"type": ID.TABLE_SORT, "column": ALL}, "n_clicks"),
            pages=clicks(PAGE_MOVES),
        ),
        state=dict(query=State(ID.TABLE_QUERY, "data"), **language()),
        prevent_initial_call=True,
    )(update_table)
