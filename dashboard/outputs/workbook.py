"""The spreadsheet's sheets of figures, ratios and events, its page setup and its
deterministic save (the same view gives the same bytes); ``export.export_xlsx`` puts them
together; ``workbookabout`` writes the About sheet."""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile

import pandas as pd

from dashboard.outputs.datafile import neutralise

CTX_XLSX = "xlsx"  # the catalogue context of the spreadsheet's words


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


def _events_sheet(workbook, events: pd.DataFrame, title: str, bold, body, words=None) -> None:
    """The view's events (``datafile.events_table``), one row per statement: the date as the
    text gives it (``2021-03``, text), ``date_sort`` and ``date_end`` as real date cells,
    every other cell a string cell neutralised like the CSV; the header stays in sight."""
    from openpyxl.utils import get_column_letter

    from dashboard.outputs.datafile import EVENT_DATE_COLUMNS

    sheet = workbook.create_sheet(title)
    headers = event_headers(words)
    for c, name in enumerate(events.columns, start=1):
        cell = sheet.cell(row=1, column=c, value=headers.get(name, name))
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
        longest = max([len(headers.get(name, name)), *(len(str(v)) for v in events[name].dropna())])
        sheet.column_dimensions[get_column_letter(c)].width = min(max(10, longest + 2), 50)


def event_headers(words=None) -> dict[str, str]:
    """The Events sheet's header of each column of ``datafile.EVENT_COLUMNS``, in words of the
    workbook's language (the CSV keeps the column names)."""
    from dashboard.words import Words

    say = (words or Words("en")).text
    return {
        "id": say("Event id", CTX_XLSX),
        "date": say("Date as stated", CTX_XLSX),
        "date_precision": say("Date precision", CTX_XLSX),
        "date_sort": say("First day", CTX_XLSX),
        "date_end": say("Last day", CTX_XLSX),
        "date_label": say("Date", CTX_XLSX),
        "date_basis": say("How the date is known", CTX_XLSX),
        "status": say("Status id", CTX_XLSX),
        "status_label": say("Status", "table"),
        "status_note": say("Status note", CTX_XLSX),
        "type": say("Type id", CTX_XLSX),
        "type_label": say("Event type", CTX_XLSX),
        "title": say("Event", CTX_XLSX),
        "programme": say("Programme id", CTX_XLSX),
        "programme_name": say("Programme", "table"),
        "scope": say("Scope id", CTX_XLSX),
        "scope_label": say("Scope", CTX_XLSX),
        "relations": say("Relations", CTX_XLSX),
        "same_as": say("Same event as", CTX_XLSX),
        "source": say("Source id", CTX_XLSX),
        "source_title": say("Source", "table"),
        "source_publisher": say("Publisher", CTX_XLSX),
        "source_date": say("Published", CTX_XLSX),
        "group_sources": say("All sources", CTX_XLSX),
        "quote": say("Quote", "table"),
    }


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
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(
                info.filename, date_time=(made_on.year, made_on.month, made_on.day, 0, 0, 0)
            )
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return fixed.getvalue()


# --- the Figures and Data sheets ------------------------------------------------------------


class FiguresSheets:
    """Writes the workbook's two sheets of figures in one font: ``readable`` (for a person:
    chosen columns headed in the workbook's language, wrapped, fitted, printable) and ``data``
    (every CSV column under its CSV name, numbers and dates as real cells)."""

    def __init__(self, words, numeric: set[str], dates: set[str]) -> None:
        from openpyxl.styles import Alignment, Font

        self.words, self.numeric, self.dates = words, numeric, dates
        self.bold = Font(name=XLSX_FONT, size=XLSX_FONT_SIZE, bold=True)
        self.body = Font(name=XLSX_FONT, size=XLSX_FONT_SIZE)
        self.wrap = Alignment(vertical="top", wrap_text=True)
        self.date_format = words.text(
            "yyyy-mm-dd", CTX_XLSX
        )  # Excel's pattern for a date cell: 17/4/2024 in Vietnamese

    def write(self, cell, column: str, value, wrap: bool = True) -> None:
        """One cell: a number cell for a numeric column, a date cell for a date column, else a
        string cell (never a formula), neutralised like the CSV; empty for a missing value."""
        cell.font = self.body
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return
        if column in self.numeric:
            cell.value = float(value) if not float(value).is_integer() else int(value)
            cell.number_format = "#,##0" if float(value).is_integer() else "#,##0.00##"
        elif column in self.dates:
            cell.value = pd.Timestamp(value).date()
            cell.number_format = self.date_format
        else:
            _set_text(cell, neutralise(str(value)))
            if wrap:
                cell.alignment = self.wrap

    def readable(
        self,
        sheet,
        title: str,
        frame: pd.DataFrame,
        columns: list[tuple[str, str]],
        widest: list[int],
    ) -> None:
        """The first sheet: ``columns`` (column, header) of ``frame``, each as wide as its
        longest text up to ``widest`` (longer text wraps), header frozen with a filter on it,
        printed landscape to the page width with the header on every page."""
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.properties import PageSetupProperties

        sheet.title = title
        _write_row(sheet, 1, [header for _, header in columns], font=self.bold)
        names = [name for name, _ in columns]
        for r, row in enumerate(frame[names].itertuples(index=False), start=2):
            for c, (column, value) in enumerate(zip(names, row), start=1):
                self.write(sheet.cell(row=r, column=c), column, value)
        widths = [
            fitted_width(header, frame[name], cap) for (name, header), cap in zip(columns, widest)
        ]
        for c, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(c)].width = width
        for cell in sheet[1]:
            cell.alignment = self.wrap
        for r, row in enumerate(
            sheet.iter_rows(values_only=True), start=1
        ):  # no spreadsheet sizes wrapped rows on opening
            sheet.row_dimensions[r].height = LINE_PT * max(
                1, *(wrapped_lines(v, w) for v, w in zip(row, widths))
            )
        area = f"A1:{get_column_letter(len(columns))}{max(1, len(frame) + 1)}"
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = area
        _print_setup(sheet, area, PageSetupProperties)
        sheet.oddFooter.center.text = self.words.text(
            "Page &P of &N", CTX_XLSX
        )  # &P, &N: the page and the count

    def data(self, sheet, frame: pd.DataFrame, columns: list[str]) -> None:
        """Every column of ``columns`` under its own name, one row per figure in the order of
        the Figures sheet; header frozen, a filter, widths from the content (at most 40)."""
        from openpyxl.utils import get_column_letter

        _write_row(sheet, 1, columns, font=self.bold)
        for r, row in enumerate(frame[columns].itertuples(index=False), start=2):
            for c, (column, value) in enumerate(zip(columns, row), start=1):
                self.write(sheet.cell(row=r, column=c), column, value, wrap=False)
        for c, name in enumerate(columns, start=1):
            cells = [] if name in self.dates else [len(str(v)) for v in frame[name].dropna()]
            sheet.column_dimensions[get_column_letter(c)].width = min(
                max(10, max([len(name), *cells]) + 2), 40
            )
        sheet.freeze_panes = "B2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(frame) + 1)}"


LINE_PT = 15  # one line of 11 pt text, in points: a row's height is this times its most wrapped cell's lines


def wrapped_lines(value, width: int) -> int:
    """How many lines ``value`` takes wrapped at word breaks in a column ``width`` characters wide."""
    if value is None or not isinstance(value, str):
        return 1
    room, lines = max(1, width - 1), 0
    for paragraph in value.splitlines() or [""]:
        used = 0
        lines += 1
        for word in paragraph.split():
            if used and used + 1 + len(word) > room:
                lines, used = lines + 1, 0
            used += (1 if used else 0) + len(word)
            while used > room:  # a word longer than the column breaks within it
                lines, used = lines + 1, used - room
    return lines


def fitted_width(header: str, values: pd.Series, cap: int) -> int:
    """A column's width in characters: its longest line of text (or its header's longest word)
    and a margin, at least 8 and at most ``cap`` (longer text wraps)."""
    longest = max(
        [
            *(len(w) for w in str(header).split()),
            *(len(line) for v in values.dropna() for line in str(v).splitlines()),
        ],
        default=0,
    )
    return max(8, min(cap, longest + 2))


# --- cells and the ratio sheet ------------------------------------------------------------

XLSX_FONT = "Calibri"  # one font for header and body
XLSX_FONT_SIZE = 11


RATIO_COLUMNS = (  # name, width in characters
    ("ratio", 28),
    ("text", 50),
    ("lower_bound", 14),
    ("upper_bound", 14),
    ("numerator_id", 30),
    ("numerator", 14),
    ("denominator_id", 30),
    ("denominator", 14),
    ("programme_name", 36),
    ("period", 28),
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
        lower = (
            q.lo if q.lo > 0 else None
        )  # a ratio of positive counts is never below 0: 0 means no lower bound
        upper = q.hi if math.isfinite(q.hi) else None
        values = (
            ratio.label,
            ratio.text,
            lower,
            upper,
            ratio.numerator,
            ratio.numerator_text,
            ratio.denominator,
            ratio.denominator_text,
            ratio.programme_name,
            ratio.period_label,
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
