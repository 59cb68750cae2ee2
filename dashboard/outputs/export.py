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
import hashlib
import io
import re
import unicodedata
import zipfile

import pandas as pd

from dashboard.analysis.frame import FIGURE_COLUMNS, Filters, funding_ratios
from dashboard.outputs import datafile
from dashboard.outputs.context_files import EXTRA_CSV_COLUMNS, context_sheet, view_context, with_context_rows
from dashboard.outputs.datafile import FORMULA_STARTS, neutralise  # noqa: F401  (FORMULA_STARTS: the exporters' rule, tested here)
from dashboard.outputs.workbook import (  # noqa: F401  (CTX_XLSX: also the exporters' errors; XLSX_FONT*: tested here)
    CTX_XLSX, XLSX_FONT, XLSX_FONT_SIZE, _about_rows, _deterministic_xlsx, _events_sheet, _print_setup, _ratio_sheet, _set_text,
    _write_row, dated_zip,
)
from dashboard.words import Words
from dashboard.outputs.formats import (  # noqa: F401  (ExportContext, ExportError: the exporters' shared types)
    FORMATS, ExportContext, ExportError, Exporter, OutputFormat, SlidesArchive, of_kind, output_format, register_format,
)

FIXED_COLUMNS = FIGURE_COLUMNS[:11]  # id … quote: fixed, first, unchanged
CLAIM_COLUMNS = [  # then what the claims model adds, first what a reader of a row needs
    "scope", "scope_label", "period_start_precision", "period_end_precision", "period_start_date", "period_end_date",
    "value_low", "value_high", "value_bound", "relation", "related_ids", "relations",
]
CSV_COLUMNS = FIXED_COLUMNS + CLAIM_COLUMNS + [c for c in FIGURE_COLUMNS[11:] if c not in CLAIM_COLUMNS]
NUMERIC_COLUMNS = {"value", "value_low", "value_high"}
DATE_COLUMNS = {"period_start_date", "period_end_date"}  # ISO days to sort by; period_start/period_end are as stated
TEXT_COLUMNS = [c for c in CSV_COLUMNS if c not in NUMERIC_COLUMNS | DATE_COLUMNS]


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


def data_columns(figures: pd.DataFrame, context: ExportContext | None = None) -> pd.DataFrame:
    """The figures with what a data file adds (``datafile``): the period's dates as the
    document gives them and ISO days beside them, which bound each value is (a hedged value's
    ``qualifier`` and ``value_bound`` are its hedge, "potentially", never "exact"), and every
    relation from both sides in the file's language (from the whole dataset when the
    context has it, so a relation to a figure outside the view still shows)."""
    words = context.words if context is not None else Words("en")
    dataset = context.dataset if context is not None else None
    if dataset is not None:
        relations = datafile.relation_texts(dataset.figures, figures["id"], words)
    else:
        relations = datafile.frame_relations(figures, words)
    bounds = datafile.value_bounds(figures)
    hedges = figures["hedge"].tolist() if "hedge" in figures else [None] * len(figures)
    hedged = [h if isinstance(h, str) and h else None for h in hedges]  # "potentially": the value may not hold at all
    return figures.assign(
        **datafile.stated_periods(figures),
        qualifier=[h or q for h, q in zip(hedged, figures["qualifier"].tolist())],  # a hedged value is never "exact"
        value_bound=[h or b for h, b in zip(hedged, bounds)],
        relations=[relations.get(i) for i in figures["id"]],
    )


def table(figures: pd.DataFrame, context: ExportContext | None = None, extra: list[str] | tuple[str, ...] = ()) -> pd.DataFrame:
    """The figures as written to data files: the export columns in order (then those of
    ``extra`` the frame has: a view with context statistics marks each row's record_type), text
    cells neutralised, dates as the document states them (``2018-11``) with ISO days beside
    them. The view's context statistics follow the figures when ``extra`` asks for them."""
    rows = data_columns(datafile.once(figures), context)
    if extra and context is not None:
        rows = with_context_rows(rows, datafile.context_periods(view_context(context)), CSV_COLUMNS)
    columns = CSV_COLUMNS + [c for c in extra if c in rows]
    out = rows[columns].copy()
    for column in [*TEXT_COLUMNS, *columns[len(CSV_COLUMNS):]]:
        out[column] = out[column].map(neutralise, na_action="ignore").astype("string")
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
    out = table(figures, context, EXTRA_CSV_COLUMNS)
    for column in NUMERIC_COLUMNS:
        out[column] = out[column].map(_csv_number)
    out.to_csv(buffer, index=False, lineterminator="\n")
    text = buffer.getvalue()
    return ("\ufeff" + text if context.csv_bom else text).encode("utf-8")


@register_format("events-csv", "Events (CSV)", "csv", "text/csv", "events")
def export_events_csv(figures: pd.DataFrame, context: ExportContext) -> bytes:
    """The view's events as UTF-8 CSV, one row per statement of an event (``datafile.EVENT_COLUMNS``):
    its date as the text gives it (``2021-03``) with its precision and ISO days to sort by,
    its status, source and relations from both sides. ``dashboard export --format events-csv``
    writes it; the XLSX holds the same rows in its Events sheet."""
    events = datafile.view_events(context)
    if events is None:
        raise ExportError(context.words.text("this format needs the whole view; missing: {missing}", CTX_XLSX, missing="dataset, filters"))
    out = datafile.events_table(events, context.dataset, context.words)
    for column in out.columns:
        if column not in datafile.EVENT_DATE_COLUMNS:
            out[column] = out[column].map(neutralise, na_action="ignore")
    buffer = io.StringIO()
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
    figures = datafile.once(figures)  # a restatement is no row of its own
    frame = data_columns(_readable_frame(figures, words), context)  # the marks read the period's real dates first
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

    events = datafile.view_events(context)
    if events is not None:
        _events_sheet(workbook, datafile.events_table(events, context.dataset, words), words.text("Events", CTX_XLSX), bold, body)

    about = workbook.create_sheet(words.text("About", CTX_XLSX))
    for r, (label, text) in enumerate(_about_rows(figures, context), start=1):
        _write_row(about, r, [label, text], font=body)
        about.cell(row=r, column=1).font = bold
        about.cell(row=r, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 110
    return _deterministic_xlsx(workbook, context.made_on)


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


_SVG_UID = re.compile(rb'id="defs-([0-9a-f]{6,})"')


def stable_svg(svg: bytes) -> bytes:
    """An SVG of plotly.js with its random drawing id (``defs-5e1dd6``, ``clip5e1dd6xyplot``,
    ``legend5e1dd6``, pattern ``p5e1dd6-…``) replaced by one worked out from the drawing itself,
    so the same chart gives the same bytes (the page's download and ``dashboard export`` are
    compared byte for byte), and two different charts still get different ids."""
    found = _SVG_UID.search(svg)
    if found is None:
        return svg
    uid = re.escape(found.group(1))
    marked = re.compile(rb'(defs-|clip|legend|["#]p)' + uid)
    stable = hashlib.sha256(marked.sub(rb"\1", svg)).hexdigest()[: len(found.group(1))].encode()
    return marked.sub(rb"\g<1>" + stable, svg)


def _image(format: str) -> Exporter:
    def export_image(figures: pd.DataFrame, context: ExportContext) -> bytes:
        parts = chart_images(format, figures, context)
        if format == "svg":
            parts = [stable_svg(part) for part in parts]
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
    made = deck.build_deck(figures, context.events(), dataset, filters, config, made_on=context.made_on, words=context.words)
    return dated_zip(made, context.made_on)  # the same view on the same day: the same bytes
