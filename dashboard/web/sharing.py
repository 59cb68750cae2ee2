"""Citing from the page and what changed since a link was made: pure functions of an
``AppState`` and values from the browser, rendered by ``source_panel`` and ``layout``.

- ``citation_for``: the citation (``views.citation``) of a record's source, in the page's
  language, with the dated permalink of the view on screen (``address``: the page's address
  with its filters and language).
- ``opened_record``: the record a link's ``highlight=`` names, when it is one: the page opens
  with its source dialog open.
- ``linked_table``: the table page holding that figure's row, and the row to mark on it.
- ``version_line``: the footer's "Data version … · released 6 Dec 2026" (or "loaded").
- ``since_link``: what a link carrying ``v=`` of an older data version is told: "Figures have
  changed since this link was made", and, when that version's release snapshot is in
  ``data/releases``, what changed among the view's figures and events (``analysis.changes``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dashboard.analysis.changes import Describer, change_line, compare, snapshot, units_of
from dashboard.outputs.releases import is_version, read_release
from dashboard.views.citation import HIGHLIGHT, VERSION, Citation, UnknownRecord, cite, permalink
from dashboard.views.language import words_for
from dashboard.views.table import TablePage, TableQuery, table_page
from dashboard.views.view import View
from dashboard.web.provenance import EVENT, FIGURE
from dashboard.web.state import AppState
from dashboard.web.urlstate import query_values
from dashboard.words import Formatter, Words

CTX = "what changed"
MAX_LISTED = 12  # changes listed under the notice; the rest are counted


def citation_for(state: AppState, record_id: str, words: Words, address: str) -> Citation | None:
    """The citation of ``record_id``'s document with its permalink, or None for an unknown id."""
    dataset = state.localized(words.language).dataset  # the names the page shows, in its language
    try:
        return cite(dataset, record_id, words, permalink(address, record_id, state.version))
    except UnknownRecord:
        return None


def _last(query: Any, key: str) -> str | None:
    values = query_values(query).get(key) or [None]
    return values[-1]


def opened_record(state: AppState, query: Any) -> tuple[str, str] | None:
    """``(kind, id)`` of the figure or event a link's ``highlight=`` names; None for none or an
    id the data does not hold (the page then opens as without it)."""
    wanted = _last(query, HIGHLIGHT)
    index = state.dataset._index
    if wanted in index["figures"]:
        return FIGURE, wanted
    if wanted in index["events"]:
        return EVENT, wanted
    return None


def linked_table(state: AppState, view: View, record_id: str) -> tuple[TablePage, str] | None:
    """The page of ``view``'s table (in its own order) holding ``record_id``'s row, and that
    row's id (a restatement's row is the figure's it restates); None when the view's table has
    no row for it (an event, or a figure the view's filters leave out)."""
    index = state.data().table(view.language)
    ids = view.figures["id"].tolist()
    rows = index.shown(ids)
    row = (index.rows.get(record_id) or {}).get("restates") or record_id
    if row not in rows:
        return None
    size = state.config.table.page_size
    query = TableQuery(page=rows.index(row) // size)
    return table_page(index, ids, query, size, words=words_for(view.language)), row


def version_line(state: AppState, words: Words) -> str:
    """``Data version f8d45a7922d1 · released 6 Dec 2026`` (or ``loaded``: not released)."""
    line = words.text("Data version {version}", "page", version=state.version)
    if state.version_date is None:
        return str(line)
    date = Formatter(words).date(state.version_date)
    when = (
        words.text("released {date}", CTX, date=date)
        if state.version_released
        else words.text("loaded {date}", CTX, date=date)
    )
    return f"{line} · {when}"


@dataclass(frozen=True)
class SinceLink:
    """What the page says to a link made under another data version."""

    headline: str
    lines: tuple[
        str, ...
    ] = ()  # what changed among the view's records, when the old release is known
    note: str = ""  # why nothing is listed, or how many more changed


def since_link(state: AppState, query: Any, view: View, words: Words) -> SinceLink | None:
    """None when the link names no version or the version served; else the notice."""
    made = _last(query, VERSION)
    if not made or made == state.version:
        return None
    say = words.text
    headline = str(say("Figures have changed since this link was made.", CTX))
    old = read_release(state.data_dir, made) if is_version(made) else None
    if old is None:
        return SinceLink(
            headline,
            note=str(
                say(
                    "What changed is not known: data version {version} has no release snapshot.",
                    CTX,
                    version=made[:12],
                )
            ),
        )
    shown = set(view.figures["id"]) | set(view.events["id"])
    changes = compare(old, snapshot(state.dataset, state.version))
    mine = [
        c
        for c in (*changes.figures, *changes.events)
        if c.id in shown or (c.new is None and _was_in_view(c.old, view))
    ]
    if not mine:
        return SinceLink(headline, note=str(say("None of the figures in this view changed.", CTX)))
    describe = Describer(words, units_of(state.dataset))
    listed = tuple(
        _status_word(c, words) + str(change_line(c, describe)) for c in mine[:MAX_LISTED]
    )
    more = len(mine) - len(listed)
    return SinceLink(
        headline, listed, str(say("…and {n} more.", CTX, n=words.integer(more))) if more else ""
    )


def _was_in_view(old: dict, view: View) -> bool:
    """A removed record was in this view when its programme and metric (a figure's) are the
    view's and its period or date overlaps the view's years."""
    f = view.filters
    first, last = str(f.year_from), str(f.year_to) + "-12-31"
    start, end = (
        old.get("period_start", old.get("date", "")),
        old.get("period_end", old.get("date", "")),
    )
    return (
        (not f.programmes or old.get("programme") in f.programmes)
        and (not f.metrics or "metric" not in old or old["metric"] in f.metrics)
        and start <= last
        and end >= first
    )


STATUS = {"added": "Added: ", "removed": "Removed: ", "changed": "Changed: "}


def _status_word(change, words: Words) -> str:
    return str(words.text(STATUS[change.status], CTX))


__all__ = [
    "SinceLink",
    "citation_for",
    "linked_table",
    "opened_record",
    "since_link",
    "version_line",
]
