"""The spreadsheet's page setup, its About sheet (what the file holds, in the export's language)
and its deterministic save (the same view gives the same bytes); ``export.export_xlsx`` writes
the sheets themselves."""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile

import pandas as pd

from dashboard.outputs.datafile import neutralise
from dashboard.outputs.formats import ExportContext

CTX_XLSX = "xlsx"  # the catalogue context of the spreadsheet's words
VALUE_BOUNDS = (
    'value_low and value_high are the bounds the words state, empty where the text gives none: “over £7m” has no '
    'upper bound, “up to £1m” no lower one, “nearly £1m” has £1m as its upper bound (close to it, below it) and '
    '“about £1m” neither. value_bound says which: exact, ≥ (at least: it may equal the bound), > (over, more '
    'than), ≤ (up to), < (under), ≈< (nearly, almost), ≈ (about), range.'
)
COLUMNS = (
    'The Figures sheet opens on readable columns; the ids and machine columns follow, named as in the CSV. '
    'period_start and period_end give each date as the document states it (2018, 2018-11, 2018-Q3 or a day, as '
    'period_start_precision and period_end_precision say); period_start_date and period_end_date are the first '
    'and last day covered, as dates to sort by. relations names every relation of a figure from both sides (part '
    "of / includes, same as, updates / updated by, disagrees with). The Events sheet lists the view's events the "
    'same way: date as stated, date_sort and date_end to sort by.'
)
SCOPE = (
    "scope_label says where a programme acts and who funds it (e.g. UK worldwide, UK–Vietnam bilateral): figures of different scope "
    "are not comparable or additive."
)
RELATIONS = (
    "relation and related_ids are declared by the curator: part_of (a share of its whole, never added to it), same_as, updates "
    "(a later statement of the same quantity), disagrees_with (both kept, never averaged)."
)


def _print_setup(sheet, area: str, PageSetupProperties) -> None:
    """Landscape A4, the readable columns fitted to one page's width (as many pages down as
    the rows need), the header row repeated on each page, and page numbers in the footer."""
    sheet.print_area = area
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as needed
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddFooter.center.text = "Page &P of &N"


def _about_rows(figures: pd.DataFrame, context: ExportContext) -> list[tuple[str, str]]:
    from dashboard.analysis import fmt
    from dashboard.words import Formatter

    words = context.words
    rows: list[tuple[str, str]] = []
    if context.config is not None:
        rows.append((words.text("Title", CTX_XLSX), words.text(context.config.title, "page title")))
    if context.filters is not None and context.dataset is not None:
        rows.append((words.text("Filters", "filters"), context.filters.describe(context.dataset, words=words)))
        rows.append((words.text("Year rule", CTX_XLSX), words.text(
            "A figure is kept when its period overlaps the year range; cumulative totals are never split into years.", CTX_XLSX,
        )))
    rows.append((words.text("Made on", CTX_XLSX), context.made_on.isoformat()))
    rows.append((words.text("Figures", CTX_XLSX), f"{len(figures)}"))
    wordings = figures["wording"] if "wording" in figures else [None] * len(figures)
    notes = {  # the bounded ones (exact and range need no note here), "at least" apart from "over"
        Formatter(words).qualifier_sentence(fmt.Qualifier(q), w if isinstance(w, str) else None): q
        for q, w in sorted(zip(figures["qualifier"], wordings), key=lambda qw: (str(qw[0]), str(qw[1])))
        if isinstance(q, str) and fmt.QUALIFIER_NOTES.get(fmt.Qualifier(q))
    }
    for note in notes:
        rows.append((words.text("Qualifier", "table"), note))
    sources = figures[["source_title", "source_publisher", "source_date"]].drop_duplicates()
    for _, s in sources.iterrows():
        citation = words.text("{title} — {publisher}, {date}", "table", title=s["source_title"], publisher=s["source_publisher"], date=s["source_date"])
        rows.append((words.text("Source", "table"), citation))
    rows.append((words.text("Values", CTX_XLSX), " ".join([
        words.text("value is the number in base units (pounds, people); value_label is how the source words it, with its qualifier.", CTX_XLSX),
        words.text(VALUE_BOUNDS, CTX_XLSX),
    ])))
    rows.append((words.text("Columns", CTX_XLSX), words.text(COLUMNS, CTX_XLSX)))
    rows.append((words.text("Scope", CTX_XLSX), words.text(SCOPE, CTX_XLSX)))
    rows.append((words.text("Relations", CTX_XLSX), words.text(RELATIONS, CTX_XLSX)))
    rows.append((words.text("Safety", CTX_XLSX), words.text(
        "Text cells that began with =, +, -, @, a tab or a carriage return start with ' so no spreadsheet runs them as formulas.", CTX_XLSX,
    )))
    return rows


def _events_sheet(workbook, events: pd.DataFrame, title: str, bold, body) -> None:
    """The view's events (``datafile.events_table``), one row per statement: the date as the
    text gives it (``2021-03``, text), ``date_sort`` and ``date_end`` as real date cells,
    every other cell a string cell neutralised like the CSV; the header stays in sight."""
    from openpyxl.utils import get_column_letter

    from dashboard.outputs.datafile import EVENT_DATE_COLUMNS

    sheet = workbook.create_sheet(title)
    for c, name in enumerate(events.columns, start=1):
        cell = sheet.cell(row=1, column=c, value=name)
        cell.data_type, cell.font = "s", bold
    for r, row in enumerate(events.itertuples(index=False), start=2):
        for c, (name, value) in enumerate(zip(events.columns, row), start=1):
            cell = sheet.cell(row=r, column=c)
            cell.font = body
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                continue
            if name in EVENT_DATE_COLUMNS:
                cell.value = dt.date.fromisoformat(str(value))
                cell.number_format = "yyyy-mm-dd"
            else:
                cell.value = neutralise(str(value))
                cell.data_type = "s"
    sheet.freeze_panes = "B2"
    for c, name in enumerate(events.columns, start=1):
        longest = max([len(name), *(len(str(v)) for v in events[name].dropna())])
        sheet.column_dimensions[get_column_letter(c)].width = min(max(10, longest + 2), 50)


def _deterministic_xlsx(workbook, made_on: dt.date) -> bytes:
    """Save ``workbook`` with fixed timestamps so the same view gives the same bytes."""
    from openpyxl.writer.excel import ExcelWriter

    stamp = dt.datetime(made_on.year, made_on.month, made_on.day)
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()  # unlike save_workbook, keeps our modified stamp
    return dated_zip(raw.getvalue(), made_on)


def dated_zip(content: bytes, made_on: dt.date) -> bytes:
    """An Office file (a ZIP) with every entry dated ``made_on`` at midnight instead of the
    moment it was written, so the same view made on the same day is the same bytes (the page's
    download and ``dashboard export`` of one view are compared byte for byte)."""
    fixed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(made_on.year, made_on.month, made_on.day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return fixed.getvalue()


# --- cells and the ratio sheet ------------------------------------------------------------

XLSX_FONT = "Calibri"  # one font for header and body
XLSX_FONT_SIZE = 11


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
