"""Exporters: each output format registers here once (``formats.FORMATS``), a function of
(figures, context) → bytes with its label, extension, MIME type and kind.

Every exporter receives the *filtered* figures frame, so a file always holds what the
user was looking at, and an ``ExportContext`` with the rest of the view (dataset,
filters, settings, chart and image size) for the formats that need it.

Data files (csv, xlsx) hold the columns of ``CSV_COLUMNS``. Text cells are neutralised
against spreadsheet formula injection as OWASP's CSV-injection guidance asks: a cell
starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
single quote, so no spreadsheet runs it; so does such a character right after a
separator (``, ; | tab newline``), where a spreadsheet splitting on it would start a new
cell. The numeric column ``value`` is never touched.

Images (png, svg) and the deck (pptx) import plotly, kaleido and python-pptx only when
asked for, so writing a CSV stays light.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile

import pandas as pd

from dashboard.analysis.frame import FIGURE_COLUMNS, Filters, funding_ratios
from dashboard.outputs.formats import (  # noqa: F401  (ExportContext, ExportError: the exporters' shared types)
    FORMATS, ExportContext, ExportError, Exporter, OutputFormat, of_kind, output_format, register_format,
)

CSV_COLUMNS = FIGURE_COLUMNS  # the first eleven are fixed: id … quote
NUMERIC_COLUMNS = {"value"}
DATE_COLUMNS = {"period_start", "period_end"}
TEXT_COLUMNS = [c for c in CSV_COLUMNS if c not in NUMERIC_COLUMNS | DATE_COLUMNS]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


EXPORTERS = FORMATS  # name → format, each called like its exporter: EXPORTERS["csv"](figures, context)


# --- file names --------------------------------------------------------------------------


def slug(text: str) -> str:
    """``Funding by programme`` → ``funding-by-programme`` (ASCII letters and digits only)."""
    plain = text.replace("£", "").encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "export"


def file_name(what: str, filters: Filters, made_on: dt.date, ext: str) -> str:
    """``programme-figures_2018-2025_2026-11-22.csv``: what it holds, the years, the day made."""
    years = f"{filters.year_from}" if filters.year_from == filters.year_to else f"{filters.year_from}-{filters.year_to}"
    return f"{slug(what)}_{years}_{made_on.isoformat()}.{ext}"


# --- data files --------------------------------------------------------------------------


# A spreadsheet that splits a CSV line on ; or | (or a pasted cell on tabs and newlines)
# sees a new cell after each of them: a formula start there is neutralised too.
_AFTER_SEPARATOR = re.compile(r"([,;|\t\r\n])(?=[=+\-@])")


def neutralise(text):
    """A text cell made safe for spreadsheets: ``=HYPERLINK(…)`` → ``'=HYPERLINK(…)``, and
    ``x;=1+2`` → ``x;'=1+2``. Missing values stay missing."""
    if not isinstance(text, str):
        return text
    text = _AFTER_SEPARATOR.sub(r"\1'", text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def table(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures as written to data files: the export columns in order, text cells
    neutralised, dates as ISO text."""
    out = figures[CSV_COLUMNS].copy()
    for column in TEXT_COLUMNS:
        out[column] = out[column].map(neutralise, na_action="ignore").astype("string")
    for column in DATE_COLUMNS:
        out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out


def _csv_number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else repr(float(value))


@register_format("csv", "CSV", "csv", "text/csv", "view")
def export_csv(figures: pd.DataFrame, context: ExportContext) -> bytes:
    """UTF-8 CSV (with a byte-order mark when ``csv_bom``), ``\\n`` line ends; the same
    figures always give the same bytes."""
    buffer = io.StringIO()
    out = table(figures)
    out["value"] = out["value"].map(_csv_number)
    out.to_csv(buffer, index=False, lineterminator="\n")
    text = buffer.getvalue()
    return ("\ufeff" + text if context.csv_bom else text).encode("utf-8")


@register_format("xlsx", "Excel (XLSX)", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "view")
def export_xlsx(figures: pd.DataFrame, context: ExportContext) -> bytes:
    """An Excel workbook: a ``Figures`` sheet with the CSV's columns, a ``Funding per person``
    sheet when the view has ratios to show (``frame.funding_ratios``, bounds as numbers), and
    an ``About`` sheet.

    ``value`` is a number cell; period dates are real date cells shown as YYYY-MM-DD, so
    Excel sorts and filters them as dates while they read like the CSV; every other cell is
    a string cell (never a formula), neutralised like the CSV. The file is deterministic:
    the workbook's created/modified stamps and the zip entries' times are the day made.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Figures"
    bold = Font(bold=True)
    _write_row(sheet, 1, CSV_COLUMNS, font=bold)
    for r, row in enumerate(figures[CSV_COLUMNS].itertuples(index=False), start=2):
        for c, (column, value) in enumerate(zip(CSV_COLUMNS, row), start=1):
            cell = sheet.cell(row=r, column=c)
            if pd.isna(value):
                continue
            if column in NUMERIC_COLUMNS:
                cell.value = float(value) if not float(value).is_integer() else int(value)
                cell.number_format = "#,##0" if float(value).is_integer() else "#,##0.00##"
            elif column in DATE_COLUMNS:
                cell.value = pd.Timestamp(value).date()
                cell.number_format = "yyyy-mm-dd"
            else:
                _set_text(cell, neutralise(str(value)))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(CSV_COLUMNS))}{max(1, len(figures) + 1)}"
    for c, column in enumerate(CSV_COLUMNS, start=1):
        cells = [] if column in DATE_COLUMNS else [len(str(v)) for v in figures[column].dropna()]
        longest = max([len(column), *cells])
        sheet.column_dimensions[get_column_letter(c)].width = min(max(10, longest + 2), 60)

    if context.dataset is not None:
        _ratio_sheet(workbook, funding_ratios(figures, context.dataset), bold)

    about = workbook.create_sheet("About")
    for r, (label, text) in enumerate(_about_rows(figures, context), start=1):
        _write_row(about, r, [label, text])
        about.cell(row=r, column=1).font = bold
        about.cell(row=r, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 110
    return _deterministic_xlsx(workbook, context.made_on)


RATIO_COLUMNS = (  # name, width in characters
    ("ratio", 28), ("text", 50), ("lower_bound", 14), ("upper_bound", 14), ("numerator_id", 30), ("numerator", 14),
    ("denominator_id", 30), ("denominator", 14), ("programme_name", 36), ("period", 28),
)


def _ratio_sheet(workbook, ratios: list, bold) -> None:
    """Funding per person, one row per ratio: its words, then its bounds as numbers (empty where
    there is none: "over £9,722" has a lower bound and no upper one), then what it divides."""
    if not ratios:
        return
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet("Funding per person")
    _write_row(sheet, 1, [name for name, _ in RATIO_COLUMNS], font=bold)
    for r, ratio in enumerate(ratios, start=2):
        q = ratio.quantity
        lower = q.lo if q.lo > 0 else None  # a ratio of positive counts is never below 0: 0 means no lower bound
        upper = q.hi if math.isfinite(q.hi) else None
        values = (
            ratio.label, ratio.text, lower, upper, ratio.numerator, ratio.numerator_text,
            ratio.denominator, ratio.denominator_text, ratio.programme_name, ratio.period_label,
        )
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, float):
                cell.value = round(value, 2)
                cell.number_format = "#,##0.00"
            elif value is not None:
                _set_text(cell, neutralise(str(value)))
    sheet.freeze_panes = "A2"
    for c, (_, width) in enumerate(RATIO_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width


def _set_text(cell, text: str) -> None:
    """A string cell whatever the text looks like: openpyxl would store a leading ``=``
    as a formula, so the type is set explicitly after the value."""
    cell.value = text
    cell.data_type = "s"


def _write_row(sheet, row: int, values, font=None) -> None:
    for c, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=c)
        _set_text(cell, neutralise(str(value)))
        if font is not None:
            cell.font = font


def _about_rows(figures: pd.DataFrame, context: ExportContext) -> list[tuple[str, str]]:
    from dashboard.analysis import fmt

    rows: list[tuple[str, str]] = []
    if context.config is not None:
        rows.append(("Title", context.config.title))
    if context.filters is not None and context.dataset is not None:
        rows.append(("Filters", context.filters.describe(context.dataset)))
        rows.append(("Year rule", "A figure is kept when its period overlaps the year range; cumulative totals are never split into years."))
    rows.append(("Made on", context.made_on.isoformat()))
    rows.append(("Figures", f"{len(figures)}"))
    for qualifier in sorted(set(figures["qualifier"].dropna())):
        note = fmt.QUALIFIER_NOTES.get(fmt.Qualifier(qualifier))
        if note:
            rows.append(("Qualifier", note))
    sources = figures[["source_title", "source_publisher", "source_date"]].drop_duplicates()
    for _, s in sources.iterrows():
        rows.append(("Source", f"{s['source_title']} — {s['source_publisher']}, {s['source_date']}"))
    rows.append(("Values", "value is the number in base units (pounds, people); value_label is how the source words it, with its qualifier."))
    rows.append(("Safety", "Text cells that began with =, +, -, @, a tab or a carriage return start with ' so no spreadsheet runs them as formulas."))
    return rows


def _deterministic_xlsx(workbook, made_on: dt.date) -> bytes:
    """Save ``workbook`` with fixed timestamps so the same view gives the same bytes."""
    from openpyxl.writer.excel import ExcelWriter

    stamp = dt.datetime(made_on.year, made_on.month, made_on.day)
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()  # unlike save_workbook, keeps our modified stamp
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(made_on.year, made_on.month, made_on.day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return fixed.getvalue()


# --- images and the deck -----------------------------------------------------------------


def _image(format: str) -> Exporter:
    def export_image(figures: pd.DataFrame, context: ExportContext) -> bytes:
        from dashboard.outputs import images

        dataset, filters, config = context.view()
        if not context.chart:
            raise ExportError(f"a {format} export draws one chart; name it with chart=…")
        return images.slide_image(
            context.chart, figures, context.events(), dataset, filters, config,
            format=format, size=context.size, made_on=context.made_on,
        )

    export_image.__name__ = f"export_{format}"
    export_image.__doc__ = f"Chart ``context.chart`` of the view as a slide-sized {format.upper()}."
    return export_image


register_format("png", "PNG", "png", "image/png", "chart")(_image("png"))
register_format("svg", "SVG", "svg", "image/svg+xml", "chart")(_image("svg"))


@register_format("pptx", "Slides (PPTX)", "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "view")
def export_pptx(figures: pd.DataFrame, context: ExportContext) -> bytes:
    """A PowerPoint deck of the view: title slide, one slide per chart, sources."""
    from dashboard.outputs import deck

    dataset, filters, config = context.view()
    if context.size:
        raise ExportError("--size applies to png and svg; the deck is always 16:9 with pictures 1920 px across")
    return deck.build_deck(figures, context.events(), dataset, filters, config, made_on=context.made_on)
