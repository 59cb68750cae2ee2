"""Context statistics in the data files: marked rows in the CSV, a sheet of their own in the
XLSX. They belong to no programme (``views.context``), so each row says so
(``record_type``: ``context_statistic``; a figure's is ``programme_figure``) and names who
counted it and the official table, as far as its source says. A view whose years hold no
context statistic writes the files exactly as before: no extra column, no extra sheet."""

from __future__ import annotations

import pandas as pd

from dashboard.outputs.formats import ExportContext
from dashboard.views.context import CONTEXT_COLUMNS, CTX, RECORD_TYPE, context_frame
from dashboard.words import Words

FIGURE_RECORD = "programme_figure"
SHEET = "Context statistics"  # the XLSX sheet's name (at most 31 characters in any language)
# The CSV's columns a context statistic fills (under the figures' names where they mean the
# same: what is counted is its metric_label, who counted its metric_counted_by), then two more.
AS_FIGURE = {"statistic": "metric_label", "counted_by": "metric_counted_by"}
EXTRA_CSV_COLUMNS = ["record_type", "official_table"]


def view_context(context: ExportContext) -> pd.DataFrame:
    """The context statistics of the export's view (none without a dataset)."""
    if context.dataset is None or not getattr(context.dataset, "context_statistics", ()):
        return pd.DataFrame(columns=CONTEXT_COLUMNS)
    return context_frame(context.dataset, context.filters, context.language)


def with_context_rows(
    figures: pd.DataFrame, stats: pd.DataFrame, columns: list[str]
) -> pd.DataFrame:
    """The figures frame (its ``columns``) followed by a row per context statistic, every row
    marked with its ``record_type``; ``figures`` unchanged when there is none."""
    if stats.empty:
        return figures
    renamed = stats.rename(columns=AS_FIGURE)
    if "counted_by" in stats:  # who counted a row: a statistic's counter, as a figure's
        renamed["counted_by"] = stats["counted_by"]
    rows = pd.DataFrame(
        {
            c: renamed[c] if c in renamed else pd.Series([None] * len(renamed), dtype=object)
            for c in columns + ["official_table"]
        }
    )
    rows["record_type"] = RECORD_TYPE
    marked = figures.assign(record_type=FIGURE_RECORD, official_table=None)
    # a column the statistics do not have (a localized frame's source_language) is empty in their rows
    return pd.concat([marked, rows.reindex(columns=marked.columns)], ignore_index=True)


XLSX_CONTEXT = (  # column, header, catalogue context, width in characters
    ("statistic", "Statistic", CTX, 36),
    ("value_label", "Value as stated", "xlsx", 18),
    ("period_label", "Period", "table", 16),
    ("counted_text", "Who counted", CTX, 36),
    ("source_title", "Source", "table", 30),
    ("source_publisher", "Publisher", "xlsx", 18),
    ("source_date", "Published", "xlsx", 11),
    ("quote", "Quote", "table", 60),
    ("note", "Note", "xlsx", 30),
    ("id", "id", None, 30),
    ("record_type", "record_type", None, 18),
    ("value", "value", None, 12),
    ("value_low", "value_low", None, 12),
    ("value_high", "value_high", None, 12),
    ("unit", "unit", None, 10),
    ("qualifier", "qualifier", None, 10),
    ("period_start", "period_start", None, 12),
    ("period_end", "period_end", None, 12),
    ("counted_by", "counted_by", None, 24),
    ("official_table", "official_table", None, 30),
    ("source", "source", None, 30),
)


def context_sheet(workbook, stats: pd.DataFrame, words: Words, write_cell, bold) -> None:
    """A sheet of the view's context statistics, apart from the programme figures; none when
    the view has none. ``write_cell(cell, column, value)`` writes one cell as the Figures sheet does."""
    if stats.empty:
        return
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(words.text(SHEET, CTX))
    for c, (_, header, context, width) in enumerate(XLSX_CONTEXT, start=1):
        cell = sheet.cell(row=1, column=c, value=words.text(header, context) if context else header)
        cell.font = bold
        sheet.column_dimensions[get_column_letter(c)].width = width
    for r, row in enumerate(stats.to_dict("records"), start=2):
        for c, (column, *_rest) in enumerate(XLSX_CONTEXT, start=1):
            write_cell(sheet.cell(row=r, column=c), column, row.get(column))
    sheet.freeze_panes = "B2"
