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
import zipfile

import pandas as pd

from dashboard.analysis.frame import funding_ratios
from dashboard.outputs import datafile
from dashboard.outputs.filenames import NAME_PART_CHARS, file_name, part_name, slug, titled_name  # noqa: F401  (the exporters' names)
from dashboard.outputs.context_files import (
    EXTRA_CSV_COLUMNS,
    context_sheet,
    view_context,
)
from dashboard.outputs.datatable import (  # noqa: F401  (the data files' columns, as callers and tests read them here)
    CLAIM_COLUMNS,
    CSV_COLUMNS,
    DATE_COLUMNS,
    FIXED_COLUMNS,
    NUMERIC_COLUMNS,
    TEXT_COLUMNS,
    csv_number,
    data_columns,
    table,
)
from dashboard.outputs.datafile import FORMULA_STARTS, neutralise  # noqa: F401  (FORMULA_STARTS: the exporters' rule, tested here)
from dashboard.outputs.workbook import (  # noqa: F401  (CTX_XLSX: also the exporters' errors; XLSX_FONT*: tested here)
    CTX_XLSX,
    XLSX_FONT,
    XLSX_FONT_SIZE,
    FiguresSheets,
    _deterministic_xlsx,
    _events_sheet,
    _print_setup,
    _ratio_sheet,
    _set_text,
    _write_row,
    dated_zip,
)
from dashboard.outputs.workbookabout import about_sheet
from dashboard.words import Words
from dashboard.outputs.formats import (  # noqa: F401  (ExportContext, ExportError: the exporters' shared types)
    FORMATS,
    ExportContext,
    ExportError,
    Exporter,
    OutputFormat,
    SlidesArchive,
    of_kind,
    output_format,
    register_format,
    render_kinds,
)

EXPORTERS = (
    FORMATS  # name → format, each called like its exporter: EXPORTERS["csv"](figures, context)
)


# --- data files --------------------------------------------------------------------------


@register_format("csv", "CSV", "csv", "text/csv", "view")
def export_csv(figures: pd.DataFrame, context: ExportContext) -> bytes:
    """UTF-8 CSV (with a byte-order mark when ``csv_bom``), ``\\n`` line ends; the same
    figures always give the same bytes."""
    buffer = io.StringIO()
    out = table(figures, context, EXTRA_CSV_COLUMNS)
    for column in NUMERIC_COLUMNS:
        out[column] = out[column].map(csv_number)
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
        raise ExportError(
            context.words.text(
                "this format needs the whole view; missing: {missing}",
                CTX_XLSX,
                missing="dataset, filters",
            )
        )
    out = datafile.events_table(events, context.dataset, context.words)
    for column in out.columns:
        if column not in datafile.EVENT_DATE_COLUMNS:
            out[column] = out[column].map(neutralise, na_action="ignore")
    buffer = io.StringIO()
    out.to_csv(buffer, index=False, lineterminator="\n")
    text = buffer.getvalue()
    return ("\ufeff" + text if context.csv_bom else text).encode("utf-8")


# The Figures sheet is for a person: (frame column or a computed one, header, widest width in
# characters). The Data sheet holds every CSV column under its CSV name (``CSV_COLUMNS``).
XLSX_READABLE = (
    ("programme_name", "Programme", 20),
    ("metric_label", "Metric", 18),
    ("value_label", "Value as stated", 14),
    ("period_label", "Period", 16),
    ("scope_label", "Scope", 14),
    ("counted_by", "Who counted", 14),
    ("kind_label", "Status", 12),
    ("relations", "Relations", 22),
    ("source_title", "Source", 26),
    ("source_publisher", "Publisher", 12),
    ("source_date", "Published", 10),
    ("quote", "Quote", 34),
    ("id", "Figure id", 16),
)  # widths add up to what A4 landscape prints at a readable size; the curator's note is on the Data sheet


HEADER_CONTEXT = {
    **dict.fromkeys(("Metric", "Programme", "Period", "Status", "Source", "Quote"), "table"),
    "Who counted": "context statistics",
}  # the page's table and the context statistics' sheet say them too


def xlsx_columns(words: Words | None = None) -> list[tuple[str, str]]:
    """``(column, header)`` of the Figures sheet in order, headed in the language of ``words``
    (the Data sheet's columns are ``CSV_COLUMNS`` under their own names)."""
    words = words or Words("en")
    return [
        (name, words.text(header, HEADER_CONTEXT.get(header, CTX_XLSX)))
        for name, header, _ in XLSX_READABLE
    ]


def _readable_frame(figures: pd.DataFrame, words: Words | None = None) -> pd.DataFrame:
    """The figures with the status in words of the workbook's language ("Reported (achieved)" /
    "Đã báo cáo (đã đạt được)"), and who counted said as the charts say it when no source
    does ("not stated in the source": an empty cell would read as data left out)."""
    from dashboard.views.charts.texts import COUNTER_NOT_STATED
    from dashboard.views.labels import kind_label

    words = words or Words("en")
    readable = figures.assign(
        kind_label=figures["kind"].map(lambda k: kind_label(k, words), na_action="ignore")
    )
    if "counted_by" in readable:
        silent = readable["counted_by"].isna() | (readable["counted_by"].astype(str) == "")
        readable.loc[silent, "counted_by"] = words.text(COUNTER_NOT_STATED, "charts")
    return readable


@register_format(
    "xlsx",
    "Excel (XLSX)",
    "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "view",
)
def export_xlsx(figures: pd.DataFrame, context: ExportContext) -> bytes:
    """An Excel workbook: a ``Figures`` sheet for a person, a ``Data`` sheet with every CSV
    column, a ``Funding per person`` sheet when the view has ratios to show
    (``frame.funding_ratios``, bounds as numbers), an ``Events`` sheet and an ``About`` sheet.

    The Figures sheet holds what a reader needs (programme, metric, the value as the source
    words it, period as stated, scope, status, relations in words with the other figure's
    source, source title, publisher and date, quote, id): header frozen, a filter, widths
    that fit, wrapped text, printed landscape fitted to the page width with the header repeated.
    On the Data sheet ``value`` and its bounds are number cells (a bound left empty when the
    wording leaves it open) and period dates real date cells; every other cell is a string
    cell (never a formula), neutralised like the CSV. One font throughout. The file is
    deterministic: the workbook's created/modified stamps and the zip entries' times are the day made.
    """
    from openpyxl import Workbook

    workbook = Workbook()
    words = context.words
    figures = datafile.once(figures)  # a restatement is no row of its own
    frame = data_columns(_readable_frame(figures, words), context)
    sheets = FiguresSheets(words, NUMERIC_COLUMNS, DATE_COLUMNS)
    sheets.readable(
        workbook.active,
        words.text("Figures", CTX_XLSX),
        frame,
        xlsx_columns(words),
        [w for _, _, w in XLSX_READABLE],
    )
    sheets.data(workbook.create_sheet(words.text("Data", CTX_XLSX)), frame, CSV_COLUMNS)

    context_sheet(
        workbook, view_context(context), words, sheets.write, sheets.bold
    )  # no programme's: apart from the figures
    if context.dataset is not None:
        _ratio_sheet(
            workbook,
            funding_ratios(figures, context.dataset, words=words),
            sheets.bold,
            words.text("Funding per person", CTX_XLSX),
        )

    events = datafile.view_events(context)
    if events is not None:
        _events_sheet(
            workbook,
            datafile.events_table(events, context.dataset, words),
            words.text("Events", CTX_XLSX),
            sheets.bold,
            sheets.body,
            words,
        )

    about_sheet(workbook, figures, context, sheets)
    return _deterministic_xlsx(workbook, context.made_on)


# --- images and the deck -----------------------------------------------------------------


def chart_images(format: str, figures: pd.DataFrame, context: ExportContext) -> list[bytes]:
    """Chart ``context.chart`` of the view as slide images: one, or one per slide its rows need."""
    from dashboard.outputs import images

    dataset, filters, config = context.view()
    if not context.chart:
        raise ExportError(
            context.words.text(
                "a {format} export draws one chart; name it with chart=…", CTX_XLSX, format=format
            )
        )
    return images.slide_images(
        context.chart,
        figures,
        context.events(),
        dataset,
        filters,
        config,
        format=format,
        size=context.size,
        made_on=context.made_on,
        words=context.words,
        version=context.version,
        link=context.link,
    )


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
        if (
            not context.zip_parts
        ):  # a caller that would name the file .png must not get a ZIP, nor one slide of several
            raise ExportError(
                context.words.text(
                    "{title} needs {count} slides to stay readable at 14 pt; download the deck (a slide for each) or export it "
                    "with `dashboard export --format {format}`",
                    "images",
                    title=title,
                    count=len(parts),
                    format=format,
                )
            )
        name = file_name(title, filters, context.made_on, format, context.words)
        return SlidesArchive(
            _zip(
                [(part_name(name, k, len(parts)), part) for k, part in enumerate(parts, start=1)],
                context.made_on,
            ),
            parts,
        )

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
            entry = zipfile.ZipInfo(
                name, date_time=(made_on.year, made_on.month, made_on.day, 0, 0, 0)
            )
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            archive.writestr(entry, data)
    return out.getvalue()


register_format("png", "PNG", "png", "image/png", "chart", renders=True)(_image("png"))
register_format("svg", "SVG", "svg", "image/svg+xml", "chart", renders=True)(_image("svg"))


@register_format(
    "pptx",
    "Slides (PPTX)",
    "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "view",
    renders=True,
)
def export_pptx(figures: pd.DataFrame, context: ExportContext) -> bytes:
    """A PowerPoint deck of the view: title slide, one slide per chart, sources."""
    from dashboard.outputs import deck

    dataset, filters, config = context.view()
    if context.size:
        raise ExportError(
            "--size applies to png and svg; the deck is always 16:9 (or its template's size) with pictures 1920 px across"
        )
    made = deck.build_deck(
        figures,
        context.events(),
        dataset,
        filters,
        config,
        made_on=context.made_on,
        words=context.words,
        charts_as=context.deck_charts,
        template=context.template,
        version=context.version,
        link=context.link,
    )
    return dated_zip(made, context.made_on)  # the same view on the same day: the same bytes


@register_format("pdf", "PDF", "pdf", "application/pdf", "view", renders=True)
def export_pdf(figures: pd.DataFrame, context: ExportContext) -> bytes:
    """A one-page brief of the view as an A4 PDF (two pages at most; ``pdfbrief``, ``pdfrender``)."""
    from dashboard.outputs import pdfrender

    return pdfrender.brief_pdf(figures, context)
