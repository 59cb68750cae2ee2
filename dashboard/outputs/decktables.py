"""The deck's tables (funding per person, sources and quotes): their columns and words, each
row's height measured as PowerPoint sets Arial, and rows paginated before a table can run off
its slide. Every word is the catalogue's English, looked up in the deck's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.curated.records import Qualifier
from dashboard.outputs.decktemplate import SHIPPED, Look
from dashboard.outputs.textfit import wrap_lines
from dashboard.words import Formatter, Words

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.analysis.frame import Derived
    from dashboard.curated.records import Dataset

TITLE_TOP_IN, TITLE_H_IN = 0.25, 0.8  # a table slide's title (deck's)
TABLE_PT = 14  # 14 pt: the least a room reads on a 13.33 in slide
TABLE_HEADER_PT = 14
CELL_MARGIN_X_IN, CELL_MARGIN_Y_IN = 0.08, 0.05
LINE_SPACING = 1.2  # PowerPoint and LibreOffice set single-spaced Arial at ~1.15–1.2 em

# Every word below is the catalogue's English (dashboard/words/locale), looked up in the deck's
# language where it is shown; CONTEXT names each one's catalogue context.
CTX, CTX_NOTES, CTX_TABLE = "deck", "speaker notes", "table"
RATIO_COLUMNS = (  # heading, width in inches (sums to the slide width less the margins)
    ("Ratio", 2.5),
    ("Value", 2.6),
    ("Divides", 2.0),
    ("Programme and period", 2.8),
    ("What the bound means", 2.433),
)
RATIO_BOUNDS = {
    Qualifier.EXACT: "Exact: both figures are exact.",
    Qualifier.AT_LEAST: "A lower bound: the true amount per person is higher.",
    Qualifier.AT_MOST: "An upper bound: the true amount per person is lower.",
    Qualifier.APPROX: "Approximate: a figure it divides is approximate.",
    None: "No bound either way: dividing a lower bound by a lower bound allows any amount, so no number is given.",
}
SOURCE_COLUMNS = (  # heading, width in inches (sums to the slide width less the margins)
    ("Value", 1.3),
    ("Figure", 2.9),
    ("Qualifier", 2.2),
    ("Source document", 2.7),
    ("Verbatim quote", 3.233),
)
LINK_TEXT = "Open the source ↗"
CTX_STATS = "context statistics"
CONTEXT_COLUMNS = (  # the context statistics' slide: as the sources table, the statistic and who counted it
    ("Value", 1.3),
    ("Statistic", 2.9),
    ("Who counted", 2.2),
    ("Source document", 2.7),
    ("Verbatim quote", 3.233),
)
# headings the page's table shares, and those of the context statistics
HEADING_CONTEXT = {
    "Value": CTX_TABLE,
    "Qualifier": CTX_TABLE,
    "Statistic": CTX_STATS,
    "Who counted": CTX_STATS,
}


def qualifier_text(
    qualifier: str, words: Words, wording: str | None = None, hedge: str | None = None
) -> str:
    """``Over: the source gives a lower bound; the true value is higher.`` in the deck's
    language; with the source's ``wording`` "at least" reads as a bound that may be reached;
    a ``hedge`` ("potentially") is the qualifier of a hedged value, never "Exact"."""
    try:
        return Formatter(words).qualifier_sentence(
            Qualifier(qualifier),
            wording if isinstance(wording, str) else None,
            hedge=hedge if isinstance(hedge, str) else None,
        )
    except ValueError:
        return str(qualifier)


def _columns(columns, words: Words, look: Look | None = None):
    """The columns' headings in the deck's words, their widths scaled to the slide's width."""
    scale = (look or SHIPPED).scale
    return tuple(
        (words.text(heading, HEADING_CONTEXT.get(heading, CTX)), width * scale)
        for heading, width in columns
    )


# --- the sources table -------------------------------------------------------------------


@dataclass(frozen=True)
class TableRow:
    key: str  # the figure id, or "numerator/denominator" for a ratio
    cells: tuple[str, ...]  # one text per column
    url: str | None
    height: float  # inches, from the wrapped text


def ratio_rows(
    ratios: list[Derived], words: Words | None = None, look: Look | None = None
) -> list[TableRow]:
    """One row per derived ratio: its text, what it divides, its programme and period, its bound."""
    words = words or Words("en")
    columns = _columns(RATIO_COLUMNS, words, look)
    rows = []
    for r in ratios:
        cells = (
            r.label,
            r.text if r.quantity.bounded else words.text("No bound either way", CTX),
            words.text(
                "{numerator} ÷ {denominator}",
                CTX,
                numerator=r.numerator_text,
                denominator=r.denominator_text,
            ),
            f"{r.programme_name}; {r.period_label}",
            words.text(RATIO_BOUNDS[r.quantity.qualifier], CTX),
        )
        rows.append(
            TableRow(
                f"{r.numerator}/{r.denominator}", cells, None, row_height(cells, columns, look=look)
            )
        )
    return rows


def source_rows(
    figures: pd.DataFrame, dataset: Dataset, words: Words | None = None, look: Look | None = None
) -> list[TableRow]:
    """One row per figure in the view, in the table's order (programme, metric, period)."""
    from dashboard.views.labels import KIND_LABELS

    words = words or Words("en")
    link = words.text(LINK_TEXT, CTX)
    columns = _columns(SOURCE_COLUMNS, words, look)
    rows = []
    for r in figures.to_dict("records"):
        note = f" {r['note']}" if isinstance(r["note"], str) and r["note"] else ""
        kind = (
            words.text(KIND_LABELS[r["kind"]], "cards").lower()
            if r["kind"] in KIND_LABELS
            else str(r["kind"])
        )
        cells = (
            str(r["value_label"]),
            f"{r['metric_label']} — {r['programme_name']}; {r['period_label']}; {kind}.{note}",
            qualifier_text(r["qualifier"], words, r.get("wording"), r.get("hedge")),
            words.text(
                "{title} — {publisher}, {date}",
                CTX_TABLE,
                title=r["source_title"],
                publisher=r["source_publisher"],
                date=r["source_date"],
            ),
            f"“{r['quote']}”",
        )
        url = r["source_url"] if isinstance(r["source_url"], str) and r["source_url"] else None
        measured = cells[:3] + (cells[3] + ("\n" + link if url else ""),) + cells[4:]
        rows.append(TableRow(str(r["id"]), cells, url, row_height(measured, columns, look=look)))
    return rows


def context_rows(
    dataset: Dataset, filters, words: Words | None = None, look: Look | None = None
) -> list[TableRow]:
    """One row per context statistic of the view's years (``views.context``): numbers that
    belong to no programme, on a slide of their own, never among the programme figures."""
    from dashboard.views.context import context_lines

    words = words or Words("en")
    columns = _columns(CONTEXT_COLUMNS, words, look)
    rows = []
    for line in context_lines(dataset, filters, words.language):
        source = dataset.source(
            next(s.source for s in dataset.context_statistics if s.id == line.id)
        )
        cells = (
            line.value_text,
            f"{line.statistic}; {line.period_text}." + (f" {line.note}" if line.note else ""),
            line.counted_text,
            words.text(
                "{title} — {publisher}, {date}",
                CTX_TABLE,
                title=source.title,
                publisher=source.publisher,
                date=Formatter(words).flex_date(source.published),
            ),
            f"“{line.quote}”",
        )
        url = source.url or None
        measured = (
            cells[:3] + (cells[3] + ("\n" + words.text(LINK_TEXT, CTX) if url else ""),) + cells[4:]
        )
        rows.append(TableRow(line.id, cells, url, row_height(measured, columns, look=look)))
    return rows


def row_height(
    cells,
    columns=SOURCE_COLUMNS,
    size: float = TABLE_PT,
    bold_first: bool = True,
    look: Look | None = None,
    bold_all: bool = False,
) -> float:
    """The height in inches a table row needs: its tallest wrapped cell (in the look's body
    font; the first cell bold, or every cell with ``bold_all``) plus margins."""
    family = (look or SHIPPED).body_font
    lines = max(
        len(
            wrap_lines(
                text,
                width - 2 * CELL_MARGIN_X_IN,
                size,
                bold=bold_all or (bold_first and c == 0),
                family=family,
            )
        )
        for c, (text, (_, width)) in enumerate(zip(cells, columns))
    )
    return lines * size * LINE_SPACING / 72 + 2 * CELL_MARGIN_Y_IN + 0.04


def header_height(columns=SOURCE_COLUMNS, look: Look | None = None) -> float:
    return (
        row_height([h for h, _ in columns], columns, TABLE_HEADER_PT, look=look, bold_all=True)
        + 0.02
    )  # headings are set bold


def _available_table_height(
    columns=SOURCE_COLUMNS, look: Look | None = None, foot_in: float = 0.35
) -> float:
    """The height under a table slide's title and header, above its foot (``foot_in``)."""
    return (
        (look or SHIPPED).height_in
        - (TITLE_TOP_IN + TITLE_H_IN + 0.1)
        - foot_in
        - header_height(columns, look)
    )


def paginate(rows: list[TableRow], available_in: float) -> list[list[TableRow]]:
    """Rows split into pages whose heights fit ``available_in``; always at least one page.
    A row taller than a page (a very long quote) gets a page of its own."""
    pages: list[list[TableRow]] = [[]]
    used = 0.0
    for row in rows:
        if pages[-1] and used + row.height > available_in:
            pages.append([])
            used = 0.0
        pages[-1].append(row)
        used += row.height
    return pages
