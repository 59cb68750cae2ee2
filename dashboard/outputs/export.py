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
import unicodedata
import zipfile

import pandas as pd

from dashboard.analysis.frame import FIGURE_COLUMNS, Filters, funding_ratios
from dashboard.outputs.context_files import EXTRA_CSV_COLUMNS, context_sheet, view_context, with_context_rows
from dashboard.outputs.workbook import CTX_XLSX, _about_rows, _deterministic_xlsx, _print_setup  # CTX_XLSX: also the exporters' errors
from dashboard.words import Words
from dashboard.outputs.formats import (  # noqa: F401  (ExportContext, ExportError: the exporters' shared types)
    FORMATS, ExportContext, ExportError, Exporter, OutputFormat, SlidesArchive, of_kind, output_format, register_format,
)

FIXED_COLUMNS = FIGURE_COLUMNS[:11]  # id … quote: fixed, first, unchanged
CLAIM_COLUMNS = [  # then what the claims model adds, first what a reader of a row needs
    "scope", "scope_label", "period_start_precision", "period_end_precision",
    "value_low", "value_high", "relation", "related_ids",
]
CSV_COLUMNS = FIXED_COLUMNS + CLAIM_COLUMNS + [c for c in FIGURE_COLUMNS[11:] if c not in CLAIM_COLUMNS]
NUMERIC_COLUMNS = {"value", "value_low", "value_high"}
DATE_COLUMNS = {"period_start", "period_end"}
TEXT_COLUMNS = [c for c in CSV_COLUMNS if c not in NUMERIC_COLUMNS | DATE_COLUMNS]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


EXPORTERS = FORMATS  # name → format, each called like its exporter: EXPORTERS["csv"](figures, context)


# --- file names --------------------------------------------------------------------------


def slug(text: str) -> str:
    """``Funding by programme`` → ``funding-by-programme`` (ASCII letters and digits only)."""
    marks_off = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))  # "Số liệu" → "So lieu"
    plain = marks_off.replace("£", "").encode("ascii", "ignore").decode().lower()
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


def table(figures: pd.DataFrame, extra: list[str] | tuple[str, ...] = ()) -> pd.DataFrame:
    """The figures as written to data files: the export columns in order (then those of
    ``extra`` the frame has: a view with context statistics marks each row's record_type),
    text cells neutralised, dates as ISO text."""
    columns = CSV_COLUMNS + [c for c in extra if c in figures]
    out = figures[columns].copy()
    for column in [*TEXT_COLUMNS, *columns[len(CSV_COLUMNS):]]:
        out[column] = out[column].map(neutralise, na_action="ignore").astype("string")
    for column in DATE_COLUMNS:
        out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out


def _csv_number(value: float) -> str:
    """``7000000``, ``0.5``; an empty cell for a missing number (an open bound)."""
    if pd.isna(value):
        return ""
    return f"{value:.0f}" if float(value).is_integer() else repr(float(value))


@register_format("csv", "CSV", "csv", "text/csv", "view")
def export_csv(figures: pd.DataFrame, context: ExportContext) -> bytes:
    """UTF-8 CSV (with a byte-order mark when ``csv_bom``), ``\\n`` line ends; the same
    figures always give the same bytes."""
    buffer = io.StringIO()
    out = table(with_context_rows(figures, view_context(context), CSV_COLUMNS), EXTRA_CSV_COLUMNS)
    for column in NUMERIC_COLUMNS:
        out[column] = out[column].map(_csv_number)
    out.to_csv(buffer, index=False, lineterminator="\n")
    text = buffer.getvalue()
    return ("\ufeff" + text if context.csv_bom else text).encode("utf-8")


# The Figures sheet opens on what a reader reads, then the ids and machine columns:
# (frame column or a computed one, header, width in characters). The CSV's columns follow
# under their CSV names, each once (those shown readably above are not repeated).
XLSX_READABLE = (
    ("metric_label", "Metric", 24), ("programme_name", "Programme", 28), ("scope_label", "Scope", 20),
    ("value_label", "Value as stated", 18), ("period_label", "Period", 20), ("kind_label", "Status", 14),
    ("relation_words", "Relations", 28), ("source_title", "Source", 30), ("source_publisher", "Publisher", 18),
    ("source_date", "Published", 11), ("quote", "Quote", 60), ("note", "Note", 30),
)
XLSX_ID_COLUMNS = [c for c in CSV_COLUMNS if c not in {name for name, _, _ in XLSX_READABLE}]
XLSX_FONT = "Calibri"  # one font for header and body
XLSX_FONT_SIZE = 11


HEADER_CONTEXT = dict.fromkeys(("Metric", "Programme", "Period", "Status", "Source", "Quote"), "table")  # the page's table says them too


def xlsx_columns(words: Words | None = None) -> list[tuple[str, str]]:
    """``(column, header)`` of the Figures sheet in order: readable first (their headings in the
    language of ``words``), then the ids under their CSV names (machine names, never translated)."""
    words = words or Words("en")
    readable = [(name, words.text(header, HEADER_CONTEXT.get(header, CTX_XLSX))) for name, header, _ in XLSX_READABLE]
    return readable + [(c, c) for c in XLSX_ID_COLUMNS]


def _readable_frame(figures: pd.DataFrame, words: Words | None = None) -> pd.DataFrame:
    """The figures with the computed readable columns: the status in words of the workbook's
    language ("Reported (achieved)" / "Đã báo cáo (đã đạt được)"), the relations as the
    page's table marks them, in the same language ("part of £200m (global-aid)", "latest of 2")."""
    from dashboard.views.labels import kind_label
    from dashboard.views.table import relation_marks

    marks = relation_marks(figures, words)
    return figures.assign(
        kind_label=figures["kind"].map(lambda k: kind_label(k, words), na_action="ignore"),
        relation_words=figures["id"].map(lambda i: marks.get(i, ("", ()))[0] or None),
    )


@register_format("xlsx", "Excel (XLSX)", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "view")
def export_xlsx(figures: pd.DataFrame, context: ExportContext) -> bytes:
    """An Excel workbook: a ``Figures`` sheet, a ``Funding per person`` sheet when the view
    has ratios to show (``frame.funding_ratios``, bounds as numbers), and an ``About`` sheet.

    The Figures sheet opens on readable columns (metric, programme, scope, the value as the
    source words it, period, status, relations, source, quote) and holds every CSV column after
    them under its CSV name. ``value`` and its bounds are number cells (a bound left empty
    when the wording leaves it open); period dates are real date cells shown as YYYY-MM-DD;
    every other cell is a string cell (never a formula), neutralised like the CSV. One font
    throughout; printed landscape, the readable columns fitted to the page width, with the
    header row repeated on every page. The file is deterministic: the workbook's
    created/modified stamps and the zip entries' times are the day made.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    workbook = Workbook()
    sheet = workbook.active
    words = context.words
    sheet.title = words.text("Figures", CTX_XLSX)
    bold = Font(name=XLSX_FONT, size=XLSX_FONT_SIZE, bold=True)
    body = Font(name=XLSX_FONT, size=XLSX_FONT_SIZE)
    top = Alignment(vertical="top", wrap_text=True)
    columns = xlsx_columns(words)
    names = [name for name, _ in columns]
    _write_row(sheet, 1, [header for _, header in columns], font=bold)
    frame = _readable_frame(figures, words)
    date_format = words.text("yyyy-mm-dd", CTX_XLSX)  # Excel's pattern for a date cell: 17/4/2024 in Vietnamese
    def write(cell, column: str, value, wrap: bool = True) -> None:
        cell.font = body
        if value is None or pd.isna(value):
            return
        if column in NUMERIC_COLUMNS:
            cell.value = float(value) if not float(value).is_integer() else int(value)
            cell.number_format = "#,##0" if float(value).is_integer() else "#,##0.00##"
        elif column in DATE_COLUMNS:
            cell.value = pd.Timestamp(value).date()
            cell.number_format = date_format
        else:
            _set_text(cell, neutralise(str(value)))
            if wrap:
                cell.alignment = top

    for r, row in enumerate(frame[names].itertuples(index=False), start=2):
        for c, (column, value) in enumerate(zip(names, row), start=1):
            write(sheet.cell(row=r, column=c), column, value, wrap=c <= len(XLSX_READABLE))
    sheet.freeze_panes = "B2"  # the header row and the metric stay in sight
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A1:{last}{max(1, len(figures) + 1)}"
    for c, (name, header) in enumerate(columns, start=1):
        if c <= len(XLSX_READABLE):
            width = XLSX_READABLE[c - 1][2]
        else:
            cells = [] if name in DATE_COLUMNS else [len(str(v)) for v in frame[name].dropna()]
            width = min(max(10, max([len(header), *cells]) + 2), 40)
        sheet.column_dimensions[get_column_letter(c)].width = width
    _print_setup(sheet, f"A1:{get_column_letter(len(XLSX_READABLE))}{max(1, len(figures) + 1)}", PageSetupProperties)

    context_sheet(workbook, view_context(context), words, write, bold)  # no programme's: apart from the figures
    if context.dataset is not None:
        _ratio_sheet(workbook, funding_ratios(figures, context.dataset, words=words), bold, words.text("Funding per person", CTX_XLSX))

    about = workbook.create_sheet(words.text("About", CTX_XLSX))
    for r, (label, text) in enumerate(_about_rows(figures, context), start=1):
        _write_row(about, r, [label, text], font=body)
        about.cell(row=r, column=1).font = bold
        about.cell(row=r, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 110
    return _deterministic_xlsx(workbook, context.made_on)


RATIO_COLUMNS = (  # name, width in characters
    ("ratio", 28), ("text", 50), ("lower_bound", 14), ("upper_bound", 14), ("numerator_id", 30), ("numerator", 14),
    ("denominator_id", 30), ("denominator", 14), ("programme_name", 36), ("period", 28),
)


def _ratio_sheet(workbook, ratios: list, bold, title: str) -> None:
    """Funding per person, one row per ratio: its words, then its bounds as numbers (empty where
    there is none: "over £9,722" has a lower bound and no upper one), then what it divides."""
    if not ratios:
        return
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    _write_row(sheet, 1, [name for name, _ in RATIO_COLUMNS], font=bold)
    from openpyxl.styles import Font

    body = Font(name=XLSX_FONT, size=XLSX_FONT_SIZE)
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
            cell.font = body
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


# --- images and the deck -----------------------------------------------------------------


def chart_images(format: str, figures: pd.DataFrame, context: ExportContext) -> list[bytes]:
    """Chart ``context.chart`` of the view as slide images: one, or one per slide its rows need."""
    from dashboard.outputs import images

    dataset, filters, config = context.view()
    if not context.chart:
        raise ExportError(context.words.text("a {format} export draws one chart; name it with chart=…", CTX_XLSX, format=format))
    return images.slide_images(
        context.chart, figures, context.events(), dataset, filters, config,
        format=format, size=context.size, made_on=context.made_on, words=context.words,
    )


def part_name(name: str, number: int, count: int) -> str:
    """``funding-by-programme_2018-2025_2026-11-22.png`` → ``…_2026-11-22-1-of-2.png`` for the
    first of two slides; a chart that fits one slide keeps its name."""
    if count == 1:
        return name
    stem, _, extension = name.rpartition(".")
    return f"{stem}-{number}-of-{count}.{extension}"


def _image(format: str) -> Exporter:
    def export_image(figures: pd.DataFrame, context: ExportContext) -> bytes:
        parts = chart_images(format, figures, context)
        if len(parts) == 1:
            return parts[0]
        dataset, filters, _ = context.view()
        from dashboard.views import charts

        title = context.words.text(charts.CHARTS[context.chart].title, "charts").split(":")[0]
        if not context.zip_parts:  # a caller that would name the file .png must not get a ZIP, nor one slide of several
            raise ExportError(context.words.text(
                "{title} needs {count} slides to stay readable at 14 pt; download the deck (a slide for each) or export it "
                "with `dashboard export --format {format}`", "images", title=title, count=len(parts), format=format,
            ))
        name = file_name(title, filters, context.made_on, format)
        return SlidesArchive(_zip([(part_name(name, k, len(parts)), part) for k, part in enumerate(parts, start=1)], context.made_on), parts)

    export_image.__name__ = f"export_{format}"
    export_image.__doc__ = (
        f"Chart ``context.chart`` of the view as a slide-sized {format.upper()}; a chart whose rows need several "
        f"slides as a ZIP of one {format.upper()} per slide (``SlidesArchive``) when ``context.zip_parts``, else an "
        f"error saying so: never a slide with rows left out, never a ZIP named .{format}."
    )
    return export_image


def _zip(files: list[tuple[str, bytes]], made_on: dt.date) -> bytes:
    """``files`` in a ZIP with fixed timestamps: the same view gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            entry = zipfile.ZipInfo(name, date_time=(made_on.year, made_on.month, made_on.day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            archive.writestr(entry, data)
    return out.getvalue()


register_format("png", "PNG", "png", "image/png", "chart")(_image("png"))
register_format("svg", "SVG", "svg", "image/svg+xml", "chart")(_image("svg"))


@register_format("pptx", "Slides (PPTX)", "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "view")
def export_pptx(figures: pd.DataFrame, context: ExportContext) -> bytes:
    """A PowerPoint deck of the view: title slide, one slide per chart, sources."""
    from dashboard.outputs import deck

    dataset, filters, config = context.view()
    if context.size:
        raise ExportError("--size applies to png and svg; the deck is always 16:9 with pictures 1920 px across")
    return deck.build_deck(figures, context.events(), dataset, filters, config, made_on=context.made_on, words=context.words)
