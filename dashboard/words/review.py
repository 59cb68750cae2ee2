"""A review sheet a Vietnamese reviewer can sign: every Vietnamese string of the project in
one workbook, with its English, its context, where it appears, and an empty column for the
reviewer's word ("OK", or the corrected Vietnamese).

Two sources hold Vietnamese: the catalogue (``dashboard/words/locale/vi.po``, read with
Babel's ``read_po``) and the curated names of the data (``data/i18n/vi.yaml``). Each row
names its entry so ``dashboard.words.review_apply`` can bring a correction back: the file,
the context (``msgctxt``, or the record type and field) and the key (the English ``msgid``,
or ``section/id/field``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from dashboard.curated.records import Dataset
from dashboard.curated.translations import QUOTE_FIELD, SECTIONS, english, load_translations
from dashboard.words.catalogue import LOCALE_DIR, Words, po_path

CTX = "translations review"
PO_NAME = "vi.po"  # the File column's value for a catalogue entry
# A translator's note that starts so marks a proposal still waiting for a native speaker's word:
# such rows come first in the sheet, highlighted, so the reviewer signs them before the rest.
AWAITING = "AWAITING NATIVE SIGN-OFF"

# What the reviewer reads in each column: (English header, width). The header shown is the
# Vietnamese form with the English in brackets, both from the catalogue.
COLUMNS = (
    ("File", 14),
    ("Context", 26),
    ("Key", 30),
    ("English", 48),
    ("Vietnamese now", 48),
    ("Translator's note", 40),
    ("Where it appears", 30),
    ("Approved / correction", 48),
)
FILE, CONTEXT, KEY, ENGLISH, VIETNAMESE, NOTE, WHERE, VERDICT = range(len(COLUMNS))

# Where a module's words appear, most specific path first: the reviewer reads a string
# where a reader meets it, not by module.
PLACES = (
    ("dashboard/web/provenance.py", "page: source dialog"),
    ("dashboard/web/claims_panel.py", "page: claims panel"),
    ("dashboard/web/downloads.py", "page: downloads and file names"),
    ("dashboard/web/", "page"),
    ("dashboard/views/charts", "chart (page, images and slides)"),
    ("dashboard/views/table.py", "table (page, workbook and CSV)"),
    ("dashboard/views/cards.py", "page: cards"),
    ("dashboard/views/", "page and exports"),
    ("dashboard/outputs/images.py", "chart images (PNG, SVG)"),
    ("dashboard/outputs/workbook.py", "workbook (XLSX)"),
    ("dashboard/outputs/deck", "slide (PPTX deck)"),
    ("dashboard/outputs/slide", "slide (PPTX deck)"),
    ("dashboard/outputs/", "exports (CSV, XLSX)"),
    ("dashboard/cli.py", "command line"),
    ("dashboard/words/format.py", "numbers and dates, everywhere"),
    ("dashboard/", "page and exports"),
)
# A context that says more than the module does.
CONTEXT_PLACES = {
    "xlsx": "workbook (XLSX): sheet and column names",
    "deck": "slide (PPTX deck)",
    "speaker notes": "slide (PPTX deck): speaker notes",
    "chart alt text": "chart: text for screen readers",
    "download file name": "downloaded file names",
}
# A curated record type, by its section of data/.
RECORD_TYPES = {
    "programmes": "programme",
    "metrics": "metric",
    "units": "unit",
    "scopes": "scope",
    "event_types": "event type",
    "sources": "source",
    "events": "event",
    "figures": "figure",
    "context_statistics": "context statistic",
}


@dataclass(frozen=True)
class Row:
    """One Vietnamese string as the reviewer sees it."""

    file: str  # "vi.po" or "data/i18n/vi.yaml" (as shown)
    context: str  # msgctxt, or "programme · name"
    key: str  # the English msgid (singular), or "programmes/migration-dialogue/name"
    english: str
    vietnamese: str
    note: str
    where: str


def _place(path: str) -> str:
    return next(place for prefix, place in PLACES if path.startswith(prefix))


def where_it_appears(context: str | None, locations, words: Words) -> str:
    """``page: source dialog; slide (PPTX deck)``: the places a reader meets the message,
    from its context and the modules that ask for it, in the reviewer's language."""
    places = [CONTEXT_PLACES[context]] if context in CONTEXT_PLACES else []
    for path, _line in locations:
        place = _place(path)
        if place not in places:
            places.append(place)
    return "; ".join(words.text(place, CTX) for place in places)


def catalogue_rows(directory: Path = LOCALE_DIR, words: Words | None = None) -> list[Row]:
    """Every message of ``vi.po`` in the file's order (the header left out)."""
    words = words or Words("vi")
    with po_path("vi", directory).open("rb") as handle:
        catalog = read_po(handle, locale="vi")
    rows = []
    for message in catalog:
        if not message.id:
            continue
        english_forms = (
            tuple(message.id) if isinstance(message.id, (list, tuple)) else (message.id,)
        )
        forms = (
            tuple(message.string)
            if isinstance(message.string, (list, tuple))
            else (message.string,)
        )
        rows.append(
            Row(
                file=PO_NAME,
                context=message.context or "",
                key=english_forms[0],
                english=" / ".join(english_forms),
                vietnamese=forms[0] or "",
                note=" ".join(message.auto_comments + message.user_comments),
                where=where_it_appears(message.context, message.locations, words),
            )
        )
    return rows


# Where a curated field is read: names everywhere, notes and quote translations in the
# source dialog (dashboard.curated.translations.SECTIONS says which fields are which).
NAME_FIELDS = {"name", "label", "title", "singular", "noun", "statistic"}


def sheet_file(path: str | Path, data_dir: Path) -> str:
    """``data/i18n/vi.yaml``: a translations file as the sheet names it, from the data
    folder's parent, so the sheet reads the same on every machine."""
    try:
        return Path(path).resolve().relative_to(Path(data_dir).resolve().parent).as_posix()
    except ValueError:
        return str(path)


def _english_of(record, field_name: str) -> str:
    return record.quote if field_name == QUOTE_FIELD else english(record, field_name)


def names_rows(dataset: Dataset, data_dir: Path, words: Words | None = None) -> list[Row]:
    """Every curated Vietnamese form of ``data/i18n`` (a record's name, note or quote
    translation), in the order of the sections, beside its record's English."""
    words = words or Words("vi")
    translations, _problems = load_translations(data_dir, "vi")
    rows = []
    for section, spec in SECTIONS.items():
        records = {getattr(record, spec.key): record for record in getattr(dataset, section)}
        for (entry_section, key), entry in translations.entries.items():
            if entry_section != section:
                continue
            record = records.get(key)
            for field_name, form in entry.forms.items():
                if form is None:
                    continue
                record_type = words.text(RECORD_TYPES[section], CTX)
                rows.append(
                    Row(
                        file=sheet_file(entry.location.path, data_dir),
                        context=f"{record_type} · {field_name}",
                        key=f"{section}/{key}/{field_name}",
                        english=_english_of(record, field_name) if record is not None else "",
                        vietnamese=form,
                        note=words.text(
                            "verbatim quote: the English column is the source's words", CTX
                        )
                        if field_name == QUOTE_FIELD
                        else "",
                        where=words.text(
                            "page and exports"
                            if field_name in NAME_FIELDS
                            else "page: source dialog",
                            CTX,
                        ),
                    )
                )
    return rows


def write_sheet(rows: list[Row], path: Path, words: Words | None = None) -> None:
    """The review workbook: one row per string, a frozen header with a filter, set widths,
    wrapped text, and the verdict column left empty for the reviewer."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    words = words or Words("vi")
    book = Workbook()
    sheet = book.active
    sheet.title = words.text("Review", CTX)[:31]
    sheet.append([f"{words.text(name, CTX)} ({name})" for name, _width in COLUMNS])
    waiting = [row for row in rows if AWAITING in row.note]
    for row in waiting + [row for row in rows if AWAITING not in row.note]:
        sheet.append(
            [row.file, row.context, row.key, row.english, row.vietnamese, row.note, row.where, None]
        )
    for cells in sheet.iter_rows(min_row=2, max_row=len(waiting) + 1):
        for cell in cells[:VERDICT]:
            cell.fill = PatternFill("solid", fgColor="FDE2E1")  # still a proposal: sign these first
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, (_name, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.alignment = wrap
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cells in sheet.iter_rows(min_row=2, min_col=VERDICT + 1, max_col=VERDICT + 1):
        cells[0].fill = PatternFill("solid", fgColor="FFF7D6")  # where the reviewer writes
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    book.save(path)


def review_sheet(
    dataset: Dataset, data_dir: Path, path: Path, directory: Path | None = None
) -> int:
    """Write the review workbook of the catalogue and the curated names; the number of rows."""
    directory = directory or LOCALE_DIR  # read when called: a test points it at a copy
    words = Words("vi", directory)
    rows = catalogue_rows(directory, words) + names_rows(dataset, Path(data_dir), words)
    write_sheet(rows, path, words)
    return len(rows)
