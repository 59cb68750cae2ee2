"""Exporters: one registry of output formats, each a function of (figures, context) → bytes.

Every exporter receives the *filtered* figures frame, so a file always holds what the
user was looking at. Text cells are neutralised against spreadsheet formula injection.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Callable

import pandas as pd

from .frame import FIGURE_COLUMNS

CSV_COLUMNS = FIGURE_COLUMNS  # the first eleven are fixed: id … quote
NUMERIC_COLUMNS = {"value"}


@dataclass(frozen=True)
class ExportContext:
    csv_bom: bool = True


Exporter = Callable[[pd.DataFrame, ExportContext], bytes]
EXPORTERS: dict[str, Exporter] = {}


def exporter(name: str) -> Callable[[Exporter], Exporter]:
    def register(fn: Exporter) -> Exporter:
        EXPORTERS[name] = fn
        return fn

    return register


def table(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures as written to data files: fixed columns first, dates as ISO text."""
    out = figures[CSV_COLUMNS].copy()
    for column in ("period_start", "period_end"):
        out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out


@exporter("csv")
def export_csv(figures: pd.DataFrame, context: ExportContext) -> bytes:
    buffer = io.StringIO()
    out = table(figures)
    out["value"] = out["value"].map(lambda v: f"{v:.0f}" if float(v).is_integer() else repr(float(v)))
    out.to_csv(buffer, index=False, lineterminator="\n")
    text = buffer.getvalue()
    return ("\ufeff" + text if context.csv_bom else text).encode("utf-8")
