"""The workbook's About sheet: what the file holds, in the export's language (title, filters,
the year rule, the day made, how many figures, each qualifier's note, each source, what the
values, columns, scopes and relations mean, and the formula guard).
"""

from __future__ import annotations

import pandas as pd

from dashboard.outputs.formats import ExportContext
from dashboard.outputs.workbook import CTX_XLSX, _write_row

VALUE_BOUNDS = (
    "value_low and value_high are the bounds the words state, empty where the text gives none: “over £7m” has no "
    "upper bound, “up to £1m” no lower one, “nearly £1m” has £1m as its upper bound (close to it, below it) and "
    "“about £1m” neither. value_bound says which: exact, ≥ (at least: it may equal the bound), > (over, more "
    "than), ≤ (up to), < (under), ≈< (nearly, almost), ≈ (about), range."
)
COLUMNS = (
    "The Figures sheet is for reading and printing; the Data sheet holds every column of the CSV, named as there. "
    "period_start and period_end give each date as the document states it (2018, 2018-11, 2018-Q3 or a day, as "
    "period_start_precision and period_end_precision say); period_start_date and period_end_date are the first "
    "and last day covered, as dates to sort by. relations names every relation of a figure from both sides (part "
    "of / includes, same as, updates / updated by, disagrees with), each with the other figure's source. The Events sheet lists the view's events the "
    "same way: date as stated, date_sort and date_end to sort by."
)
SCOPE = (
    "scope_label says where a programme acts and who funds it (e.g. UK worldwide, UK–Vietnam bilateral): figures of different scope "
    "are not comparable or additive."
)
RELATIONS = (
    "relation and related_ids are declared by the curator: part_of (a share of its whole, never added to it), same_as, updates "
    "(a later statement of the same quantity), disagrees_with (both kept, never averaged)."
)


def about_rows(figures: pd.DataFrame, context: ExportContext) -> list[tuple[str, str]]:
    from dashboard.analysis import fmt
    from dashboard.words import Formatter

    words = context.words
    rows: list[tuple[str, str]] = []
    if context.config is not None:
        rows.append((words.text("Title", CTX_XLSX), words.text(context.config.title, "page title")))
    if context.filters is not None and context.dataset is not None:
        rows.append(
            (
                words.text("Filters", "filters"),
                context.filters.describe(context.dataset, words=words),
            )
        )
        rows.append(
            (
                words.text("Year rule", CTX_XLSX),
                words.text(
                    "A figure is kept when its period overlaps the year range; cumulative totals are never split into years.",
                    CTX_XLSX,
                ),
            )
        )
    rows.append((words.text("Made on", CTX_XLSX), context.made_on.isoformat()))
    rows.append((words.text("Figures", CTX_XLSX), f"{len(figures)}"))
    wordings = figures["wording"] if "wording" in figures else [None] * len(figures)
    notes = {  # the bounded ones (exact and range need no note here), "at least" apart from "over"
        Formatter(words).qualifier_sentence(fmt.Qualifier(q), w if isinstance(w, str) else None): q
        for q, w in sorted(
            zip(figures["qualifier"], wordings), key=lambda qw: (str(qw[0]), str(qw[1]))
        )
        if isinstance(q, str) and fmt.QUALIFIER_NOTES.get(fmt.Qualifier(q))
    }
    for note in notes:
        rows.append((words.text("Qualifier", "table"), note))
    sources = figures[["source_title", "source_publisher", "source_date"]].drop_duplicates()
    for _, s in sources.iterrows():
        citation = words.text(
            "{title} — {publisher}, {date}",
            "table",
            title=s["source_title"],
            publisher=s["source_publisher"],
            date=s["source_date"],
        )
        rows.append((words.text("Source", "table"), citation))
    rows.append(
        (
            words.text("Values", CTX_XLSX),
            " ".join(
                [
                    words.text(
                        "value is the number in base units (pounds, people); value_label is how the source words it, with its qualifier.",
                        CTX_XLSX,
                    ),
                    words.text(VALUE_BOUNDS, CTX_XLSX),
                ]
            ),
        )
    )
    rows.append((words.text("Columns", CTX_XLSX), words.text(COLUMNS, CTX_XLSX)))
    rows.append((words.text("Scope", CTX_XLSX), words.text(SCOPE, CTX_XLSX)))
    rows.append((words.text("Relations", CTX_XLSX), words.text(RELATIONS, CTX_XLSX)))
    rows.append(
        (
            words.text("Safety", CTX_XLSX),
            words.text(
                "Text cells that began with =, +, -, @, a tab or a carriage return start with ' so no spreadsheet runs them as formulas.",
                CTX_XLSX,
            ),
        )
    )
    return rows


def about_sheet(workbook, figures: pd.DataFrame, context: ExportContext, sheets) -> None:
    """The About sheet at the end of ``workbook``: a label and its text a row, the labels bold."""
    about = workbook.create_sheet(context.words.text("About", CTX_XLSX))
    for r, (label, text) in enumerate(about_rows(figures, context), start=1):
        _write_row(about, r, [label, text], font=sheets.body)
        about.cell(row=r, column=1).font = sheets.bold
        about.cell(row=r, column=2).alignment = sheets.wrap
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 110
