"""The figures as a data file's table, the one shape the CSV, the workbook's Data sheet and the
brief share: the columns in order (``CSV_COLUMNS``: the fixed ones, then what the claims model
adds, then the rest, then the citation), the period as the document states it with ISO days
beside it, which bound each value is, relations from both sides in the file's language, text
cells neutralised against formula injection (``datafile.neutralise``), and numbers as the CSV
writes them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from dashboard.analysis.frame import FIGURE_COLUMNS
from dashboard.outputs import datafile
from dashboard.outputs.context_files import view_context, with_context_rows
from dashboard.outputs.datafile import neutralise
from dashboard.words import Words

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.outputs.formats import ExportContext

FIXED_COLUMNS = FIGURE_COLUMNS[:11]  # id … quote: fixed, first, unchanged
CLAIM_COLUMNS = [  # then what the claims model adds, first what a reader of a row needs
    "scope",
    "scope_label",
    "period_start_precision",
    "period_end_precision",
    "period_start_date",
    "period_end_date",
    "value_low",
    "value_high",
    "value_bound",
    "relation",
    "related_ids",
    "relations",
]
CSV_COLUMNS = (
    FIXED_COLUMNS
    + CLAIM_COLUMNS
    + [c for c in FIGURE_COLUMNS[11:] if c not in CLAIM_COLUMNS]
    + datafile.SHARED_COLUMNS
)
NUMERIC_COLUMNS = {"value", "value_low", "value_high"}
DATE_COLUMNS = {
    "period_start_date",
    "period_end_date",
}  # ISO days to sort by; period_start/period_end are as stated
TEXT_COLUMNS = [c for c in CSV_COLUMNS if c not in NUMERIC_COLUMNS | DATE_COLUMNS]


def data_columns(figures: pd.DataFrame, context: ExportContext | None = None) -> pd.DataFrame:
    """The figures with what a data file adds (``datafile``): the period's dates as the
    document gives them and ISO days beside them, which bound each value is (a hedged value's
    ``qualifier`` and ``value_bound`` are its hedge, "potentially", never "exact"), and every
    relation from both sides in the file's language (from the whole dataset when the
    context has it, so a relation to a figure outside the view still shows)."""
    words = context.words if context is not None else Words("en")
    dataset = context.dataset if context is not None else None
    if dataset is not None:
        relations = datafile.relation_texts(dataset.figures, figures["id"], words, dataset)
    else:
        relations = datafile.frame_relations(figures, words)
    bounds = datafile.value_bounds(figures)
    hedges = figures["hedge"].tolist() if "hedge" in figures else [None] * len(figures)
    hedged = [
        h if isinstance(h, str) and h else None for h in hedges
    ]  # "potentially": the value may not hold at all
    return figures.assign(
        **datafile.stated_periods(figures),
        qualifier=[
            h or q for h, q in zip(hedged, figures["qualifier"].tolist())
        ],  # a hedged value is never "exact"
        value_bound=[h or b for h, b in zip(hedged, bounds)],
        relations=[relations.get(i) for i in figures["id"]],
        citation=datafile.citations(figures["source"].tolist(), dataset, words),
    )


def table(
    figures: pd.DataFrame,
    context: ExportContext | None = None,
    extra: list[str] | tuple[str, ...] = (),
) -> pd.DataFrame:
    """The figures as written to data files: the export columns in order (then those of
    ``extra`` the frame has: a view with context statistics marks each row's record_type), text
    cells neutralised, dates as the document states them (``2018-11``) with ISO days beside
    them. The view's context statistics follow the figures when ``extra`` asks for them."""
    rows = data_columns(datafile.once(figures), context)
    if extra and context is not None:
        rows = with_context_rows(rows, datafile.context_periods(view_context(context)), CSV_COLUMNS)
        rows = rows.assign(
            citation=datafile.citations(rows["source"].tolist(), context.dataset, context.words)
        )
    columns = CSV_COLUMNS + [c for c in extra if c in rows]
    out = rows[columns].copy()
    for column in [*TEXT_COLUMNS, *columns[len(CSV_COLUMNS) :]]:
        out[column] = out[column].map(neutralise, na_action="ignore").astype("string")
    return out


def csv_number(value: float) -> str:
    """``7000000``, ``0.5``; an empty cell for a missing number (an open bound)."""
    if pd.isna(value):
        return ""
    return f"{value:.0f}" if float(value).is_integer() else repr(float(value))
