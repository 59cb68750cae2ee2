"""The figures table as plain HTML in the ARIA grid pattern, with its search box and pager.

The server sends one page at a time (``callbacks.update_table``); ``assets/table-grid.js``
makes the table one Tab stop with arrow keys inside. On phones each row is a card (CSS).
Renders already-computed rows; computes nothing.
"""

from __future__ import annotations

import re

from dash import dcc, html

from dashboard.views.language import unmarked, words_for
from dashboard.views.table import COLUMNS, TablePage, aria_sort
from dashboard.web.ids import ID, VIEW_FORMATS, table_head_id, view_download_id
from dashboard.words import Words
from dashboard.words.names import quote_label

CTX = "table"

SEARCH_DEBOUNCE_S = 0.3  # the table asks the server after a pause in typing, not at every key


TABLE_KEYS_TEXT = (
    "The table is one stop of the Tab key: arrow keys move between its cells, Home and End to a row's ends, "
    "Enter on a header sorts by it, Enter on a row opens the sentence its figure comes from."
)
NO_ROWS = "No figures match these filters or the search."
LINKED_ROW = "The figure this link points to"  # the label of the row a link's highlight= names


def headers(words: Words) -> dict[str, str]:
    """Each column's header in the language of ``words``: ``{"metric": "Chỉ số", …}``."""
    return {column: words.text(header, CTX) for column, header, _ in COLUMNS}


def table_grid(page: TablePage, linked: str | None = None) -> html.Table:
    """The figures table as plain HTML in the grid pattern (assets/table-grid.js moves focus):
    a header of sort buttons, then ``page``'s rows, ``linked``'s marked. On phones each row is
    a card (CSS)."""
    sort = page.query.sort
    words = words_for(page.language)
    shown = headers(words)
    head = html.Thead(
        html.Tr(
            [
                html.Th(
                    html.Button(
                        [
                            shown[column],
                            html.Span(className="sort-mark", **{"aria-hidden": "true"}),
                        ],
                        id={"type": ID.TABLE_SORT, "column": column},
                        n_clicks=0,
                        className="sort-button",
                        tabIndex=0 if i == 0 else -1,
                        title=words.text(
                            "Sort by {column}", CTX, column=_lower(shown[column], words)
                        ),
                    ),
                    id=table_head_id(column),
                    scope="col",
                    role="columnheader",
                    **{"aria-sort": aria_sort(sort, column), "data-col": column},
                )
                for i, (column, header, _) in enumerate(COLUMNS)
            ],
            role="row",
        )
    )
    return html.Table(
        [head, html.Tbody(table_rows_html(page, linked), id=ID.TABLE_BODY)],
        id=ID.TABLE,
        className="figures-table",
        role="grid",
        **{
            "aria-labelledby": "table-title",
            "aria-describedby": ID.TABLE_KEYS,
            "aria-rowcount": page.matching + 1,
        },
    )


def table_rows_html(page: TablePage, linked: str | None = None) -> list[html.Tr]:
    """The body rows of ``page``: each row a button-like line that opens its figure's source.
    A quote is the source's own words: its cell carries the document's language (``lang``).
    The row of ``linked`` (the figure a link's ``highlight=`` names) is marked: selected for
    assistive technology (``aria-selected``), outlined, and labelled in words (``LINKED_ROW``)."""
    words = words_for(page.language)
    if not page.rows:
        return [
            html.Tr(
                html.Td(
                    words.text(NO_ROWS, CTX),
                    colSpan=len(COLUMNS),
                    className="table-empty",
                    role="gridcell",
                    tabIndex=-1,
                ),
                role="row",
            )
        ]
    shown = headers(words)
    show = words.text("Show the source sentence", "page")
    selectable = any(row["id"] == linked for row in page.rows)  # then every row says if it is
    return [
        html.Tr(
            [
                html.Td(
                    linked_label(cell_content(column, field, row, words), words)
                    if i == 0 and row["id"] == linked
                    else cell_content(column, field, row, words),
                    tabIndex=-1,
                    role="gridcell",
                    className=f"cell-{column}",
                    **{"data-col": column, "data-label": shown[column]},
                    **(verbatim(row.get("quote_lang", "en"), words) if column == "quote" else {}),
                )
                for i, (column, _, field) in enumerate(COLUMNS)
            ],
            id={"type": ID.TABLE_ROW, "figure": row["id"]},
            n_clicks=0,
            role="row",
            className="table-row table-row-linked" if row["id"] == linked else "table-row",
            title=show,
            **{"data-figure": row["id"], "aria-rowindex": page.first + n + 1},
            **({"aria-selected": str(row["id"] == linked).lower()} if selectable else {}),
        )
        for n, row in enumerate(page.rows)
    ]


def cell_content(column: str, field: str, row: dict, words: Words):
    """What one cell of ``row`` shows: its text, a name marked as untranslated English, or a
    relation with its figure ids marked."""
    text = row.get(field, "")
    if column == "programme" and row.get("programme_untranslated"):
        return english_name(text, words)
    if column == "relation":
        return marked_ids(text, row.get("related", ()))
    return text


def linked_label(content, words: Words) -> list:
    """A cell's ``content`` after ``LINKED_ROW``: the row a link points to says so
    in words, for the eye and for a screen reader, not by its outline (a colour) alone."""
    mark = html.Span(words.text(LINKED_ROW, CTX), className="linked-mark")
    return [
        mark,
        html.Span(content),
    ]  # two parts: on a phone's card, a line of its own and the cell


def english_name(text: str, words: Words) -> list:
    """A curated name shown in English for want of a translation: marked English (``lang``) and
    said to be untranslated, so a reader and a screen reader both know."""
    marked = words.text("{name} (not yet translated)", "page", name="\x00").split("\x00")
    text = unmarked(text, words)  # the localized name carries its mark already (language.shown)
    return (
        [marked[0], html.Span(text, lang="en"), marked[-1]]
        if len(marked) == 2
        else [html.Span(text, lang="en")]
    )


def marked_ids(text: str, ids) -> str | list:
    """A relation's words with each figure id it names ("updated by fund-2019") marked as an
    identifier, not words of any language (``lang="zxx"``): a screen reader
    reads it as it is, and a page in Vietnamese holds no English word."""
    named = sorted((i for i in ids if i and i in text), key=len, reverse=True)
    if not named:
        return text
    parts = re.split(
        "(" + "|".join(rf"(?<![\w-]){re.escape(i)}(?![\w-])" for i in named) + ")", text
    )
    return [
        html.Span(part, lang="zxx", className="figure-id") if part in named else part
        for part in parts
        if part
    ]


def verbatim(document_language: str, words: Words) -> dict[str, str]:
    """A quote cell's marks on a page in another language than its document's: the document's
    ``lang`` and, as its title, "Nguyên văn (tiếng Anh)" (``names.quote_label``)."""
    label = quote_label(document_language, words)
    return {} if label is None else {"lang": document_language, "title": label}


def _lower(text: str, words: Words) -> str:
    return text.lower() if words.language == "en" else text[:1].lower() + text[1:]


def table_panel(page: TablePage, linked: str | None = None) -> html.Section:
    """The figures table with its search box and pager, showing ``page`` with ``linked``'s row
    marked (the figure a link's ``highlight=`` names; ``links.LINKED_ROW_SHOWN`` scrolls to it
    and focuses it); the server sends each further page (``callbacks.update_table``). Words in
    the page's language."""
    words = words_for(page.language)
    say = words.text
    return html.Section(
        [
            dcc.Store(id=ID.TABLE_QUERY, data=page.query.to_store()),
            dcc.Store(id=ID.TABLE_LINKED, data=linked),
            dcc.Store(id=ID.TABLE_LINK_SHOWN),
            html.Div(
                [
                    html.H2(
                        say("Figures in this view", CTX),
                        id="table-title",
                        className="section-title",
                    ),
                    html.Div(
                        [
                            html.Span(
                                say("Download this view:", "downloads"), className="downloads-label"
                            )
                        ]
                        + [
                            html.Button(
                                say(label, "downloads"),
                                id=view_download_id(fmt),
                                n_clicks=0,
                                className="btn btn-sm btn-outline-primary",
                                title=say(
                                    "Download the figures of this view as {format}",
                                    "downloads",
                                    format=say(label, "downloads"),
                                ),
                            )
                            for fmt, label in VIEW_FORMATS
                        ]
                        + [
                            html.Span(
                                id=ID.VIEW_DOWNLOAD_STATUS,
                                className="download-status",
                                role="status",
                            ),
                            job_panel(words),
                        ],
                        className="view-downloads",
                    ),
                ],
                className="table-head",
            ),
            html.Div(
                [
                    html.Label(
                        say("Search the table", CTX),
                        htmlFor=ID.TABLE_SEARCH,
                        className="filter-label",
                    ),
                    dcc.Input(
                        id=ID.TABLE_SEARCH,
                        type="search",
                        debounce=SEARCH_DEBOUNCE_S,
                        className="form-control table-search",
                        placeholder=say("e.g. victims, 2024, Home Office", CTX),
                        autoComplete="off",
                    ),
                    html.Span(
                        page.status, id=ID.TABLE_COUNT, className="table-count", role="status"
                    ),
                ],
                className="table-tools",
            ),
            html.P(say(TABLE_KEYS_TEXT, CTX), id=ID.TABLE_KEYS, className="visually-hidden"),
            html.Div(table_grid(page, linked), className="table-scroll"),
            pager(page),
        ],
        className="table-panel",
        **{"aria-labelledby": "table-title"},
    )


def pager(page: TablePage) -> html.Nav:
    words = words_for(page.language)
    buttons = [
        (ID.PAGE_FIRST, "« First", "First page", not page.has_previous),
        (ID.PAGE_PREVIOUS, "‹ Previous", "Previous page", not page.has_previous),
        (ID.PAGE_NEXT, "Next ›", "Next page", not page.has_next),
        (ID.PAGE_LAST, "Last »", "Last page", not page.has_next),
    ]
    items = [
        html.Button(
            words.text(text, CTX),
            id=button_id,
            n_clicks=0,
            disabled=disabled,
            className="btn btn-sm btn-outline-secondary",
            **{"aria-label": words.text(label, CTX)},
        )
        for button_id, text, label, disabled in buttons
    ]
    items.insert(
        2,
        html.Span(
            page.page_label, id=ID.PAGE_LABEL, className="pager-label", **{"aria-live": "polite"}
        ),
    )
    return html.Nav(
        items,
        className="table-pager",
        **{"aria-label": words.text("Pages of the figures table", CTX)},
    )


def job_panel(words: Words) -> html.Div:
    """Shown while a file is drawn (``web.jobs``): the step ("Drawing chart 3 of 5"), a progress
    bar with its value for assistive technology, and Cancel. The status line beside the
    buttons (``role="status"``) announces each step; the step here is for the eye only."""
    return html.Div(
        [
            html.Span(id=ID.JOB_STEP, className="job-step", **{"aria-hidden": "true"}),
            html.Div(
                html.Div(id=ID.JOB_BAR, className="job-progress-bar", style={"width": "0%"}),
                id=ID.JOB_PROGRESS,
                className="job-progress",
                role="progressbar",
                **{
                    "aria-valuemin": 0,
                    "aria-valuemax": 1,
                    "aria-valuenow": 0,
                    "aria-label": words.text("Progress of the file being made", "downloads"),
                },
            ),
            html.Button(
                words.text("Cancel", "downloads"),
                id=ID.JOB_CANCEL,
                n_clicks=0,
                className="btn btn-sm btn-outline-secondary job-cancel",
            ),
        ],
        id=ID.JOB_PANEL,
        className="job-panel",
        hidden=True,
    )
