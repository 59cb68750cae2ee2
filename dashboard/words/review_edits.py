"""A review sheet's corrections written into their files in place: ``vi.po`` and the curated
names (``data/i18n/vi.yaml``), only the corrected lines.

Babel's ``write_po`` would rewrite the catalogue's wrapping and references, and the YAML has
comments and folded notes that a dump would lose, so each value is replaced where it stands,
quoted or folded as the file writes it. Each edit is read back (``read_po``, the translations
loader) and must give the correction and leave every other entry as it was; else nothing is
written and ``ReviewError`` says which. ``review_apply`` decides what to correct.
"""

from __future__ import annotations

import io
import re
import textwrap
from pathlib import Path

import yaml
from babel.messages.pofile import normalize, read_po

from dashboard.curated.translations import load_translations, translation_files
from dashboard.words.catalogue import Words
from dashboard.words.review import sheet_file

CTX = "translations review"


class ReviewError(ValueError):
    """A sheet that cannot be read as a review sheet, or an edit that did not read back."""


# --- the catalogue ----------------------------------------------------------------------


def read_catalog(path: Path):
    return read_po(io.BytesIO(path.read_bytes()), locale="vi")


def forms(message) -> tuple[str, ...]:
    return tuple(message.string) if isinstance(message.string, (list, tuple)) else (message.string,)


def po_edit(lines: list[str], message, text: str) -> None:
    """Replace the message's (first) msgstr in ``lines`` by ``text``, quoted as Babel writes it."""
    start = message.lineno - 1  # Babel's lineno: the msgid line, counted from 1
    while not lines[start].startswith("msgid "):
        start += 1
    name = "msgstr[0]" if isinstance(message.id, (list, tuple)) else "msgstr"
    at = next(i for i in range(start, len(lines)) if lines[i].startswith(name + " "))
    end = at + 1
    while end < len(lines) and lines[end].startswith('"'):
        end += 1
    lines[at:end] = f"{name} {normalize(text, width=0)}\n".splitlines(
        keepends=True
    )  # the file's style: one line


def apply_po(path: Path, edits: list[tuple[object, str]], words: Words) -> None:
    before = read_catalog(path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for message, text in sorted(
        edits, key=lambda edit: -edit[0].lineno
    ):  # from the bottom: line numbers hold
        po_edit(lines, message, text)
    new_text = "".join(lines)
    after = read_po(io.BytesIO(new_text.encode("utf-8")), locale="vi")
    wanted = {(m.context, m.id if isinstance(m.id, str) else m.id[0]): text for m, text in edits}
    for message in before:
        if not message.id:
            continue  # the header: Babel rebuilds its msgstr from the metadata
        key = (message.context, message.id if isinstance(message.id, str) else message.id[0])
        now = after.get(message.id, message.context)
        expected = (wanted[key],) + forms(message)[1:] if key in wanted else forms(message)
        if now is None or forms(now) != expected:
            raise ReviewError(
                words.text(
                    "{path}: the edit of '{message}' did not read back; nothing was written",
                    CTX,
                    path=path,
                    message=key[1],
                )
            )
    path.write_text(new_text, encoding="utf-8")


# --- the curated names -------------------------------------------------------------------


def yaml_edit(lines: list[str], line: int, field_name: str, text: str) -> None:
    """Replace the value of ``field_name`` (its value starts on ``line``, counted from 1)."""
    pattern = re.compile(rf"^(\s*(?:- )?){re.escape(field_name)}:")
    at = line - 1
    while at >= 0 and not pattern.match(lines[at]):
        at -= 1
    prefix = pattern.match(lines[at]).group(1)
    column = len(prefix)

    def indent(text: str) -> int:
        return len(text) - len(text.lstrip(" "))

    end = at + 1
    while end < len(lines):
        following = next(
            (l for l in lines[end:] if l.strip()), ""
        )  # a blank line belongs to a folded note only inside it
        if not following or indent(following) <= column:
            break
        end += 1
    dumped = yaml_value(field_name, text, width=88 - column)
    lines[at:end] = [prefix + dumped[0] + "\n"] + [
        " " * column + part + "\n" for part in dumped[1:]
    ]


def yaml_value(field_name: str, text: str, width: int) -> list[str]:
    """``field: text`` as the file writes it: a long note folded (``>-``) over lines of at most
    ``width``, like the curated ones; else (or when folding would change it) as PyYAML writes it."""
    if len(field_name) + len(text) + 2 > width:
        folded = [f"{field_name}: >-"] + [
            "  " + part
            for part in textwrap.wrap(
                text, width - 2, break_long_words=False, break_on_hyphens=False
            )
        ]
        if yaml.safe_load("\n".join(folded)) == {field_name: text}:
            return folded
    return yaml.safe_dump(
        {field_name: text}, allow_unicode=True, width=width, sort_keys=False
    ).splitlines()


def apply_yaml(
    data_dir: Path, file: str, edits: list[tuple[object, str, str]], words: Words
) -> None:
    path = next(p for p in translation_files(data_dir, "vi") if sheet_file(p, data_dir) == file)
    before, _ = load_translations(data_dir, "vi")
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    for entry, field_name, text in sorted(
        edits, key=lambda edit: -edit[0].lines.get(edit[1], edit[0].location.line)
    ):
        yaml_edit(lines, entry.lines.get(field_name, entry.location.line), field_name, text)
    path.write_text("".join(lines), encoding="utf-8")
    after, problems = load_translations(data_dir, "vi")
    wanted = {(entry.section, entry.key, field_name): text for entry, field_name, text in edits}
    for (section, key), entry in before.entries.items():
        now = after.entries.get((section, key))
        expected = {
            name: wanted.get((section, key, name), form) for name, form in entry.forms.items()
        }
        if problems or now is None or now.forms != expected:
            path.write_text(original, encoding="utf-8")
            raise ReviewError(
                words.text(
                    "{path}: the edit of {key} did not read back; nothing was written",
                    CTX,
                    path=file,
                    key=f"{section}/{key}",
                )
            )
