"""Bring a reviewer's corrections from a review sheet (``dashboard.words.review``) back into
the catalogue (``vi.po``) and the curated names (``data/i18n/vi.yaml``).

A correction is refused, with the sheet's row number, when it is empty, drops or adds a
placeholder (``{n}``: the same set as the English), names an entry that is not there, or
corrects a string that has changed since the sheet was written. One refusal and nothing is
written: the reviewer fixes the sheet and applies it again.

Both files are edited in place, only the corrected lines, each edit read back
(``review_edits``); one that does not read back and nothing is written.
"""

from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dashboard.curated.records import Dataset
from dashboard.curated.translations import (
    QUOTE_FIELD,
    Translations,
    load_translations,
)
from dashboard.words.catalogue import LOCALE_DIR, Words, placeholders, po_path
from dashboard.words.names import quote_translation_warnings
from dashboard.words.review_edits import ReviewError, apply_po, apply_yaml, forms, read_catalog
from dashboard.words.review import (
    CONTEXT,
    COLUMNS,
    ENGLISH,
    FILE,
    KEY,
    PO_NAME,
    VERDICT,
    VIETNAMESE,
    sheet_file,
)

CTX = "translations review"
APPROVED = {
    "ok",
    "approved",
    "✓",
    "✔",
    "x",
    "duyệt",
    "đồng ý",
    "đã duyệt",
}  # a verdict that changes nothing


@dataclass(frozen=True)
class Refusal:
    """One correction that is not applied, and why: ``FILE.xlsx row 14: …``."""

    sheet: str
    row: int
    message: str

    def __str__(self) -> str:
        return f"{self.sheet} row {self.row}: {self.message}"


@dataclass(frozen=True)
class Change:
    """One corrected string: ``vi.po:123 'Returns': 'Hồi hương' → 'Đưa về nước'``."""

    file: str
    line: int
    english: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line} {self.english!r}: {self.before!r} → {self.after!r}"


@dataclass(frozen=True)
class Outcome:
    changes: list[Change]
    approved: int
    refusals: list[Refusal]


@dataclass(frozen=True)
class _Verdict:
    row: int
    file: str
    context: str
    key: str
    english: str
    vietnamese: str  # as the sheet was written
    correction: str


def read_verdicts(path: Path, words: Words) -> tuple[list[_Verdict], int]:
    """The rows the reviewer wrote a correction in, and how many they approved."""
    book = _open_sheet(path, words)
    verdicts, approved = [], 0
    for number, cells in enumerate(book.worksheets[0].iter_rows(min_row=2, values_only=True), 2):
        cells = [
            ("" if value is None else str(value)) for value in (*cells, *[None] * len(COLUMNS))
        ][: len(COLUMNS)]
        if cells[VERDICT] == "":
            continue
        correction = unicodedata.normalize("NFC", cells[VERDICT])
        if correction.strip().lower() in APPROVED or correction == cells[VIETNAMESE]:
            approved += 1
            continue
        verdicts.append(
            _Verdict(
                number,
                cells[FILE],
                cells[CONTEXT],
                cells[KEY],
                cells[ENGLISH],
                cells[VIETNAMESE],
                correction,
            )
        )
    book.close()
    return verdicts, approved


def _open_sheet(path: Path, words: Words):
    """The workbook at ``path``, read only, once its first sheet is known to be a review sheet
    (its verdict column is there); else ``ReviewError`` saying what to give instead."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (
        OSError,
        ValueError,
        KeyError,
        zipfile.BadZipFile,
        InvalidFileException,
    ) as err:  # missing, not a workbook, damaged
        raise ReviewError(
            words.text(
                "{path}: cannot read it as a workbook ({reason}); give the .xlsx written by 'dashboard translations review'",
                CTX,
                path=path,
                reason=err,
            )
        ) from None
    header = next(book.worksheets[0].iter_rows(min_row=1, max_row=1, values_only=True), ())
    last = COLUMNS[VERDICT][0]
    if len(header) <= VERDICT or f"({last})" not in str(header[VERDICT] or ""):
        raise ReviewError(
            words.text(
                "{path}: not a review sheet (no '{column}' column); write one with 'dashboard translations review'",
                CTX,
                path=path,
                column=last,
            )
        )
    return book


def _placeholder_refusal(english: str, correction: str, words: Words) -> str | None:
    wanted, given = placeholders(english), placeholders(correction)
    dropped, added = sorted(wanted - given), sorted(given - wanted)
    if dropped:
        return words.text(
            "the correction drops {placeholders}; keep every placeholder",
            CTX,
            placeholders=", ".join("{" + p + "}" for p in dropped),
        )
    if added:
        return words.text(
            "the correction adds {placeholders}, which the English does not have; remove it",
            CTX,
            placeholders=", ".join("{" + p + "}" for p in added),
        )
    return None


# --- the whole -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    """Where a correction goes: a catalogue message, or a field of a curated entry."""

    line: int
    now: str  # the Vietnamese there today
    message: object | None = None
    entry: Any = None
    field: str = ""


def _target(
    verdict: _Verdict, seen: set, catalog, translations: Translations, data_dir: Path, words: Words
) -> _Target | str:
    """Where ``verdict``'s correction goes, or why it is refused (one sentence)."""
    if not verdict.correction.strip():
        return words.text("the correction is empty; write the Vietnamese, or OK to approve", CTX)
    identity = (verdict.file, verdict.context, verdict.key)
    if identity in seen:
        return words.text("a second correction of the same string; keep one row", CTX)
    seen.add(identity)
    found = (
        _catalogue_target(verdict, catalog, words)
        if verdict.file == PO_NAME
        else _curated_target(verdict, translations, data_dir, words)
    )
    if isinstance(found, str):
        return found
    english, target = found
    if target.now != verdict.vietnamese:
        return words.text(
            "the Vietnamese changed since the sheet was written (now '{now}'); write a new sheet and copy the correction into it",
            CTX,
            now=target.now,
        )
    return _placeholder_refusal(english, verdict.correction, words) or target


def _catalogue_target(verdict: _Verdict, catalog, words: Words) -> tuple[str, _Target] | str:
    """The catalogue message a correction names (a plural by its singular) with its English,
    or why there is none."""
    message = catalog.get(verdict.key, verdict.context or None) or next(
        (
            m
            for m in catalog
            if isinstance(m.id, (list, tuple))
            and m.id[0] == verdict.key
            and m.context == (verdict.context or None)
        ),
        None,
    )
    if message is None:
        return words.text(
            "no entry '{key}' (context '{context}') in vi.po; do not edit the File, Context or Key columns",
            CTX,
            key=verdict.key,
            context=verdict.context,
        )
    english = " ".join(message.id) if isinstance(message.id, (list, tuple)) else message.id
    return english, _Target(message.lineno, forms(message)[0] or "", message=message)


def _curated_target(
    verdict: _Verdict, translations: Translations, data_dir: Path, words: Words
) -> tuple[str, _Target] | str:
    """The field of a curated entry a correction names (``section/key/field``) with its
    English, or why there is none."""
    section, _, rest = verdict.key.partition("/")
    key, _, field_name = rest.rpartition("/")
    entry = translations.entries.get((section, key))
    if (
        entry is None
        or sheet_file(entry.location.path, data_dir) != verdict.file
        or entry.forms.get(field_name) is None
    ):
        return words.text(
            "no curated name '{key}' in {file}; do not edit the File, Context or Key columns",
            CTX,
            key=verdict.key,
            file=verdict.file,
        )
    target = _Target(
        entry.lines.get(field_name, entry.location.line),
        entry.forms[field_name],
        entry=entry,
        field=field_name,
    )
    return verdict.english, target


def apply_sheet(
    sheet_path: Path,
    data_dir: Path,
    directory: Path | None = None,
    words: Words | None = None,
    dataset: Dataset | None = None,
) -> Outcome:
    """Check every correction of the sheet; when none is refused, write them all. With the
    ``dataset``, a corrected quote translation must still state its figure's value and bound."""
    words = words or Words("en")
    verdicts, approved = read_verdicts(sheet_path, words)
    sheet = Path(sheet_path).name
    po = po_path("vi", directory or LOCALE_DIR)  # read when called: a test points it at a copy
    catalog = read_catalog(po)
    translations, problems = load_translations(data_dir, "vi")
    if problems:  # a file that does not read: its lines cannot be found to correct
        raise ReviewError("\n".join(str(problem) for problem in problems))
    refusals: list[Refusal] = []
    po_edits: list[tuple[object, str]] = []
    yaml_edits: dict[str, list[tuple[object, str, str]]] = {}
    rows: dict[tuple[str, str, str], int] = {}  # the sheet's row of each curated-name correction
    changes: list[Change] = []
    seen: set[tuple[str, str, str]] = set()
    for verdict in verdicts:
        target = _target(verdict, seen, catalog, translations, Path(data_dir), words)
        if isinstance(target, str):
            refusals.append(Refusal(sheet, verdict.row, target))
            continue
        changes.append(
            Change(verdict.file, target.line, verdict.english, target.now, verdict.correction)
        )
        if target.message is not None:
            po_edits.append((target.message, verdict.correction))
        else:
            entry = target.entry
            yaml_edits.setdefault(verdict.file, []).append(
                (entry, target.field, verdict.correction)
            )
            rows[(entry.section, entry.key, target.field)] = verdict.row
    if dataset is not None:
        refusals += _quote_refusals(dataset, translations, yaml_edits, rows, sheet, words)
    if refusals:
        return Outcome([], approved, refusals)
    if po_edits:
        apply_po(po, po_edits, words)
    for file, edits in yaml_edits.items():
        apply_yaml(Path(data_dir), file, edits, words)
    return Outcome(changes, approved, [])


def _quote_refusals(
    dataset: Dataset, translations: Translations, yaml_edits, rows, sheet: str, words: Words
) -> list[Refusal]:
    """A corrected quote translation that no longer states its figure's value with the quote's
    bound ("7 triệu" where the quote says "over £7 million"), as ``dashboard validate`` checks."""
    entries = dict(translations.entries)
    for edits in yaml_edits.values():
        for entry, field_name, text in edits:
            current = entries[(entry.section, entry.key)]
            entries[(entry.section, entry.key)] = replace(
                current, forms={**current.forms, field_name: text}
            )
    corrected = replace(translations, entries=entries)
    refusals = []
    for problem in quote_translation_warnings(dataset, corrected):
        for (section, key, field_name), row in rows.items():
            entry = translations.entries[(section, key)]
            if (
                field_name == QUOTE_FIELD
                and problem.location.line == entry.lines.get(QUOTE_FIELD)
                and problem.location.path == entry.location.path
            ):
                refusals.append(
                    Refusal(
                        sheet,
                        row,
                        words.text("the correction {problem}", CTX, problem=problem.message),
                    )
                )
    return sorted(refusals, key=lambda refusal: refusal.row)
