"""The figures table: one row per figure, searched, sorted and cut into pages on the server.

The browser holds one page of rows at a time, drawn as a plain HTML table (web/layout.py):
a page of 10,000 figures would cost the browser more than every chart together
(bench/bench_app.py), and wrapped quotes need rows of their own height. So the server
answers "page 3 of the view, sorted by value, searching 'victims'" and sends one page
(``config.table.page_size`` rows).

Everything here is pure and takes plain values that may come from a forged request:
``parse_*`` turn anything into a valid query part, and ``table_page`` never fails.
"""

from __future__ import annotations

from collections.abc import Collection

import functools
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

import pandas as pd

from dashboard.views.labels import kind_label
from dashboard.views.relationmarks import relation_marks
from dashboard.views.language import formatter_for, language_of, words_for
from dashboard.curated.records import Qualifier
from dashboard.words import Words

CTX = "table"

LAST_PAGE = 10**9 - 1  # "the last page": table_page shows the last page there is
MAX_SEARCH_CHARS = 200  # longer search texts are cut: nobody types more, and each term costs a scan

# Sortable columns: the table's column id → the row field its order follows. "value" sorts
# by number, "period_start" by ISO date; the rest by their text, ignoring case.
SORT_KEYS = {
    "metric": "metric",
    "programme": "programme",
    "scope": "scope",
    "value": "value",
    "qualifier": "qualifier",
    "period_start": "period_start",
    "kind": "kind",
    "relation": "relation",
    "source": "source",
    "quote": "quote",
}
# The columns a reader sees, in order: (column id, header, the row field shown in it).
COLUMNS = (
    ("metric", "Metric", "metric"),
    ("programme", "Programme", "programme"),
    ("value", "Value", "value_label"),
    ("qualifier", "Qualifier", "qualifier"),
    ("period_start", "Period", "period_label"),
    ("kind", "Status", "kind"),
    ("scope", "Scope", "scope"),
    ("relation", "Relations", "relation"),
    ("source", "Source", "source"),
    ("quote", "Quote", "quote"),
)
SEARCHED_FIELDS = (
    "metric",
    "programme",
    "scope",
    "value_label",
    "qualifier",
    "period_label",
    "kind",
    "relation",
    "source",
    "quote",
)


# --- rows, made once at start-up ------------------------------------------------------------------


def table_rows(figures: pd.DataFrame, english: Collection[str] = ()) -> dict[str, dict[str, Any]]:
    """One table row per figure: numbers stay numbers (for sorting), texts come from fmt.

    The period is fmt's label, at the precision the document gives ("as at Nov 2018",
    "2017", "FY 2018/19"), never a made-up day; ``relation`` marks how a figure stands to
    others ("part of £200m (global-aid)", "latest of 2"), ``related`` the ids it names.
    Every word in the frame's language (``views.language``); ``english``: the programme names
    shown in English for want of a translation (a row says so, for the page to mark it)."""
    from dashboard.analysis.claims import restated

    words = words_for(language_of(figures))
    marks = relation_marks(figures, words)
    not_stated = words.text("Scope not stated", "scope")
    kinds: dict[str, str] = {}
    rows = {}
    copies = restated(figures)  # a restatement is shown on the row of the figure it restates
    records = figures.to_dict("records")
    sources = _sources(records, copies, words)
    for r in records:
        rows[r["id"]] = {
            "id": r["id"],
            "metric": r["metric_label"],
            "programme": r["programme_name"],
            "programme_untranslated": r["programme_name"] in english,
            "scope": _text(r.get("scope_label")) or not_stated,
            "relation": marks.get(r["id"], ("", ()))[0],
            "related": marks.get(r["id"], ("", ()))[1],
            "value": float(r["value"]),
            "value_label": r["value_label"],
            "qualifier": qualifier_label(r["qualifier"], r["wording"], words, r.get("hedge")),
            "period_start": r["period_start"].date().isoformat(),
            "period_label": r["period_label"],
            "kind": kinds.get(r["kind"])
            or kinds.setdefault(r["kind"], kind_label(r["kind"], words)),
            "source": sources[r["id"]],
            "restates": copies.get(r["id"]),  # the figure whose row shows this restatement
            "quote": r["quote"],
            "quote_lang": _text(r.get("source_language"))
            or "en",  # the document's language: the quote's lang
        }
    return rows


def _sources(
    records: list[dict[str, Any]], copies: Mapping[str, str], words: Words
) -> dict[str, str]:
    """Each row's source cell: its document cited, then each document that restates it
    ("{title} — {publisher}, {date} · …")."""
    cited = {
        r["id"]: words.text(
            "{title} — {publisher}, {date}",
            CTX,
            title=r["source_title"],
            publisher=r["source_publisher"],
            date=r["source_date"],
        )
        for r in records
    }
    also: dict[str, list[str]] = {}
    for copy, original in copies.items():
        also.setdefault(original, []).append(cited[copy])
    return {i: " · ".join([text, *also.get(i, ())]) for i, text in cited.items()}


def qualifier_label(
    qualifier: str, wording: Any, words: Words | None = None, hedge: Any = None
) -> str:
    """``Exact``, or fmt's note up to its semicolon with the source's word: ``“more than”: the source gives a lower bound``
    (in the language of ``words``; the source's word stays as the source wrote it). A hedged
    value reads as its hedge (``Potentially``), never ``Exact``."""
    hedge = hedge if isinstance(hedge, str) else None
    return _qualifier_label(
        qualifier,
        wording if isinstance(wording, str) else None,
        (words or words_for()).language,
        hedge,
    )


@functools.lru_cache(
    maxsize=1024
)  # a table has a few qualifiers and source words, asked once per row
def _qualifier_label(
    qualifier: str, wording: str | None, language: str, hedge: str | None = None
) -> str:
    words = words_for(language)
    q = Qualifier(qualifier)
    note = (
        formatter_for(language).qualifier_sentence(q, wording, hedge=hedge).split(";")[0]
    )  # "at least" apart from "over"
    if q is Qualifier.EXACT or hedge:
        return note.split(":")[0]
    if wording and language == "en":  # the source's own word, in its language
        return words.text("“{wording}”: {note}", CTX, wording=wording, note=note.split(": ", 1)[-1])
    return note


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


@dataclass(frozen=True)
class TableIndex:
    """The rows with what searching and sorting them needs, computed once."""

    rows: Mapping[str, dict[str, Any]]
    haystacks: Mapping[str, str]  # the searched texts of a row, case-folded, joined
    sort_keys: Mapping[str, Mapping[str, Any]]  # column → row id → key
    language: str = "en"  # the language of the rows' texts (and of a page's status lines)

    def shown(self, view_ids: Iterable[str]) -> list[str]:
        """The rows of ``view_ids``, once each: a restatement (``same_as``) is shown on the row
        of the figure it restates, which names both sources."""
        ids = []
        for i in view_ids:
            row = self.rows.get(i)
            if row is None:
                continue
            shown = row.get("restates") or i
            if shown in self.rows:
                ids.append(shown)
        return list(dict.fromkeys(ids))

    @classmethod
    def of(cls, rows: Mapping[str, dict[str, Any]], language: str = "en") -> TableIndex:
        haystacks = {
            i: "\n".join(str(row.get(f, "")) for f in SEARCHED_FIELDS).casefold()
            for i, row in rows.items()
        }
        sort_keys = {
            column: {
                i: (
                    row[key]
                    if isinstance(row.get(key), float)
                    else str(row.get(key, "")).casefold()
                )
                for i, row in rows.items()
            }
            for column, key in SORT_KEYS.items()
        }
        return cls(rows=rows, haystacks=haystacks, sort_keys=sort_keys, language=language)


# --- a query, from what the browser sends ---------------------------------------------------------


@dataclass(frozen=True)
class Sort:
    column: str
    descending: bool = False


@dataclass(frozen=True)
class TableQuery:
    search: str = ""
    sort: Sort | None = None
    page: int = 0

    def to_store(self) -> dict[str, Any]:
        """A plain dict for a ``dcc.Store``; ``parse_query`` reads it back."""
        sort = [self.sort.column, self.sort.descending] if self.sort else None
        return {"search": self.search, "sort": sort, "page": self.page}


def parse_search(value: Any) -> str:
    """The search text, trimmed and cut to ``MAX_SEARCH_CHARS``; anything not text is no search."""
    return value.strip()[:MAX_SEARCH_CHARS] if isinstance(value, str) else ""


def next_sort(current: Sort | None, column: Any) -> Sort | None:
    """The sort after a click on ``column``'s header: ascending first, then descending, then
    the view's own order again. A column that is not sortable (or a forged one) changes nothing."""
    if not isinstance(column, str) or column not in SORT_KEYS:
        return current
    if current is None or current.column != column:
        return Sort(column)
    return Sort(column, descending=True) if not current.descending else None


def aria_sort(query_sort: Sort | None, column: str) -> str:
    """The ``aria-sort`` of ``column``'s header: ``ascending``, ``descending`` or ``none``."""
    if query_sort is None or query_sort.column != column:
        return "none"
    return "descending" if query_sort.descending else "ascending"


def parse_page(value: Any) -> int:
    return value if _is_int(value) and 0 <= value <= LAST_PAGE else 0


def parse_query(stored: Any) -> TableQuery:
    """A query kept in the page (``TableQuery.to_store``); a forged or missing one is the default."""
    if not isinstance(stored, dict):
        return TableQuery()
    sort = stored.get("sort")
    parsed_sort = (
        Sort(sort[0], sort[1])
        if isinstance(sort, list)
        and len(sort) == 2
        and sort[0] in SORT_KEYS
        and isinstance(sort[1], bool)
        else None
    )
    return TableQuery(
        search=parse_search(stored.get("search")),
        sort=parsed_sort,
        page=parse_page(stored.get("page")),
    )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --- a page ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TablePage:
    rows: list[dict[str, Any]]
    query: TableQuery  # with the page clamped to the pages there are
    first: int  # 1-based number of the first row shown; 0 when none
    matching: int  # rows matching the filters and the search
    in_view: int  # rows matching the filters
    pages: int
    language: str = "en"  # the language of ``status`` and ``page_label``

    @property
    def has_previous(self) -> bool:
        return self.query.page > 0

    @property
    def has_next(self) -> bool:
        return self.query.page < self.pages - 1

    @property
    def status(self) -> str:
        """What the count line under the search box says."""
        words = words_for(self.language)
        count = formatter_for(self.language).count
        if self.in_view == 0:
            return words.text("No figures match these filters.", CTX)
        searched = (
            words.text(" matching “{search}”", CTX, search=self.query.search)
            if self.query.search
            else ""
        )
        if self.matching == 0:
            return words.text(
                "No figures{matching} among the {figures} in this view.",
                CTX,
                matching=searched,
                figures=count(self.in_view, "figure"),
            )
        last = self.first + len(self.rows) - 1
        shown = (
            words.text(
                "{first}–{last} of ", CTX, first=words.integer(self.first), last=words.integer(last)
            )
            if self.pages > 1
            else ""
        )
        if self.query.search:
            of_view = words.text(
                " (of {figures} in this view)", CTX, figures=count(self.in_view, "figure")
            )
        else:
            of_view = words.text(" in this view", CTX)
        return f"{shown}{count(self.matching, 'figure')}{searched}{of_view}"

    @property
    def page_label(self) -> str:
        words = words_for(self.language)
        return words.text(
            "Page {page} of {pages}",
            CTX,
            page=words.integer(self.query.page + 1),
            pages=words.integer(max(self.pages, 1)),
        )


def search_terms(search: str) -> list[str]:
    """Words of the search, case-folded. A row matches when it contains every word, in any
    column and any order (as AG Grid's quick filter does)."""
    return search.casefold().split()


def table_page(
    index: TableIndex,
    view_ids: Iterable[str],
    query: TableQuery,
    page_size: int,
    words: Words | None = None,
) -> TablePage:
    """The rows of one page: the view's rows that contain every search word, in the asked order
    (ties keep the view's order), cut to ``page_size``. A page past the end shows the last one."""
    ids = index.shown(view_ids)
    in_view = len(ids)
    terms = search_terms(query.search)
    if terms:
        ids = [i for i in ids if all(t in index.haystacks[i] for t in terms)]
    if query.sort is not None:
        keys = index.sort_keys[query.sort.column]
        ids = sorted(ids, key=keys.__getitem__, reverse=query.sort.descending)
    pages = -(-len(ids) // page_size)
    page = min(query.page, max(pages - 1, 0))
    start = page * page_size
    shown = ids[start : start + page_size]
    return TablePage(
        rows=[index.rows[i] for i in shown],
        query=TableQuery(search=query.search, sort=query.sort, page=page),
        first=start + 1 if shown else 0,
        matching=len(ids),
        in_view=in_view,
        pages=pages,
        language=words.language if words is not None else index.language,
    )
