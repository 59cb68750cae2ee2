"""Curated translations of the names and notes in ``data/``: ``data/i18n/<language>.yaml``
(and ``data/i18n/<language>/*.yaml`` for a large document's own file).

The file mirrors the data's sections. Each entry names a record (``id``, or ``file`` for a
source) and gives the translated form of some of its fields, under the same field names::

    programmes:
      - id: migration-dialogue
        name: Đối thoại Di cư và Xuất nhập cảnh Việt Nam – Vương quốc Anh

A quote is never translated in place: ``quote_translation`` is a curated translation that
the page shows *beside* the verbatim quote, marked as a translation (``dashboard.words.names``,
which also looks names up for the page and checks that a quote translation keeps its
figure's number and bound).

The file is read with ``dashboard.curated.load``'s reader (composed nodes, no tags, no
aliases, a file:line for every problem). It lives in a subfolder so the data loader's
``data/*.yaml`` never reads it. ``translation_warnings`` lists what a curator should add or
remove: warnings, never errors, so data valid without translations stays valid.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from dashboard.curated.load import (
    Schema,
    _display,
    _read_record,
    _read_yaml,
    _Reader,
    ident,
    optional,
    text,
)
from dashboard.curated.problems import Problem
from dashboard.curated.records import Dataset, Location

I18N_DIR = "i18n"


# a number ("7", "1.936", "1,5") and the space after it, when a word follows: its unit or scale
NUMBER_THEN_WORD = re.compile(r"(?<![\w.,/])(\d+(?:[.,]\d+)*) (?=[^\W\d])")
NO_BREAK_SPACE = "\u00a0"
# Place names a line never splits between their syllables ("Hà / Nội" reads as two words):
# joined with no-break spaces when data/i18n is read, as a number is joined to its unit.
# Add a place here when a document brings one (docs/GLOSSARY.md, "No-break spaces").
PLACES_KEPT_WHOLE = ("Hà Nội", "Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ")
_PLACES = re.compile("|".join(re.escape(p).replace(r"\ ", r"\s") for p in PLACES_KEPT_WHOLE))


def _nfc_text(value: Any) -> str:
    """Text as composed Unicode (NFC): ``ệ`` typed as e + two combining marks reads the same
    and now compares the same. A number keeps the word after it on its line ("7 triệu",
    "1.936 người" join with a no-break space), as the catalogue's own patterns do, and a
    place name keeps its syllables together ("Hà Nội"): the curator types ordinary spaces."""
    said = NUMBER_THEN_WORD.sub(rf"\1{NO_BREAK_SPACE}", unicodedata.normalize("NFC", text(value)))
    return _PLACES.sub(lambda m: NO_BREAK_SPACE.join(m[0].split()), said)


@dataclass(frozen=True)
class Section:
    """One section of the data and which of its records' fields a translation may give."""

    key: str  # the field naming the record: ``id``, or ``file`` for sources
    names: tuple[str, ...]  # what a reader meets: a missing form is a warning
    quote: bool = False  # whether a curated ``quote_translation`` may sit beside its quote


# The fields a curator translates: names, and the curated notes the source dialog shows
# (how a date was derived, a figure's note, the publisher). Keep in step with the views.
# A figure's ``start_basis`` and ``end_basis`` are its period's.
SECTIONS: dict[str, Section] = {
    "programmes": Section("id", ("name",)),
    "metrics": Section("id", ("label", "singular", "counts", "counted_by")),
    "units": Section("id", ("label", "noun", "singular")),
    # The vocabulary's scopes and event types: a document that adds one is translated here, by
    # data alone (their labels used to be page words in vi.po, which still serves as a fallback).
    "scopes": Section("id", ("label",)),
    "event_types": Section("id", ("label",)),
    "sources": Section("file", ("title", "publisher", "published_basis")),
    "events": Section("id", ("title", "date_basis", "resolution"), quote=True),
    "figures": Section(
        "id",
        ("note", "compared_with", "start_basis", "end_basis", "resolution", "counted_by"),
        quote=True,
    ),
    "context_statistics": Section("id", ("statistic", "counted_by", "official_table", "note")),
}
_PERIOD_FIELDS = ("start_basis", "end_basis")


def english(record: Any, field_name: str) -> str:
    """The curated English text of one translatable field ("" when the record has none)."""
    if field_name in _PERIOD_FIELDS and hasattr(record, "period"):
        return getattr(record.period, field_name) or ""
    return getattr(record, field_name) or ""


QUOTE_FIELD = "quote_translation"
NOT_HERE: dict[str, str] = {}  # sections a curator might try that belong elsewhere, with where


@dataclass(frozen=True)
class Translation:
    """The translated fields of one record, e.g. ``("programmes", "migration-dialogue")``."""

    section: str
    key: str
    forms: dict[str, str]
    location: Location
    lines: dict[str, int] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class Translations:
    language: str
    path: str  # the file as shown in problems, e.g. ``data/i18n/vi.yaml``
    entries: dict[tuple[str, str], Translation] = field(default_factory=dict)
    sections: dict[str, int] = field(default_factory=dict)  # each section's line in the file

    def form(self, section: str, key: str, field_name: str) -> str | None:
        """The translated form of one field of one record, or None when none is curated."""
        entry = self.entries.get((section, key))
        return entry.forms.get(field_name) if entry else None


def records_folder(dataset: Dataset) -> Path | None:
    """The folder the dataset was read from (its records' locations), when they say: where its
    ``i18n`` folder is."""
    for record in (*dataset.programmes, *dataset.metrics):
        if record.location is not None and record.location.path:
            return Path(record.location.path).parent
    return None


def translations_path(data_dir: Path | str, language: str) -> Path:
    return Path(data_dir) / I18N_DIR / f"{language}.yaml"


def translation_files(data_dir: Path | str, language: str) -> list[Path]:
    """``i18n/<language>.yaml`` and any ``i18n/<language>/*.yaml``: like the data, the
    translations of a large document can go in a file of their own (each file has the
    loader's 1 MB limit)."""
    main = translations_path(data_dir, language)
    extra = (
        sorted((main.parent / language).glob("*.yaml")) if (main.parent / language).is_dir() else []
    )
    return ([main] if main.is_file() else []) + extra


def _schema(section: str, spec: Section) -> Schema:
    fields = [*spec.names, *([QUOTE_FIELD] if spec.quote else [])]

    def build(location: Location, lines: dict[str, int], **values: str) -> Translation:
        key = values.pop(spec.key)
        return Translation(section, key, values, location, lines)

    parse: Callable[[Any], Any] = ident if spec.key == "id" else _nfc_text
    # ``name:`` left empty means "not translated yet": the coverage warning names it.
    return Schema(build, {spec.key: parse}, {name: optional(_nfc_text) for name in fields})


def _read_entries(
    root: yaml.Node,
    path: str,
    entries: dict[tuple[str, str], Translation],
    lines: dict[str, int],
    problems: list[Problem],
) -> None:
    reader = _Reader(path, problems)
    top = reader.mapping(root, "file")
    for name, (key_node, value_node) in (top or {}).items():
        spec = SECTIONS.get(name)
        if spec is None:
            hint = NOT_HERE.get(name, f"expected one of: {', '.join(SECTIONS)}")
            reader.problem(key_node, name, f"unknown section; {hint}", "unknown-section")
            continue
        if not isinstance(value_node, yaml.SequenceNode):
            reader.problem(
                value_node,
                name,
                "expected a list of entries, each starting with '- '",
                "not-a-list",
            )
            continue
        lines[name] = key_node.start_mark.line + 1
        schema = _schema(name, spec)
        for item in value_node.value:
            entry = _read_record(reader, item, schema, prefix="", lines={})
            if entry is None:
                continue
            if (name, entry.key) in entries:
                first = entries[(name, entry.key)].location
                at = f"line {first.line}" if first.path == path else str(first)
                reader.problem(
                    item,
                    spec.key,
                    f"{entry.key!r} is translated twice (first at {at}); keep one entry",
                    "duplicate-translation",
                )
                continue
            entries[(name, entry.key)] = entry


def load_translations(data_dir: Path | str, language: str) -> tuple[Translations, list[Problem]]:
    """The translations of ``data_dir``'s names into ``language`` (``translation_files``), and
    every problem in them. No file is no translations (every name then warns as missing), not
    a problem. Warnings about a missing entry point at ``i18n/<language>.yaml``."""
    shown = _display(translations_path(data_dir, language))
    problems: list[Problem] = []
    entries: dict[tuple[str, str], Translation] = {}
    lines: dict[str, int] = {}
    for path in translation_files(data_dir, language):
        root = _read_yaml(path, problems)
        if root is not None:
            _read_entries(
                root, _display(path), entries, lines if _display(path) == shown else {}, problems
            )
    return Translations(language, shown, entries, lines), problems


def curated_names(data_dir: Path | str | None, language: str) -> Translations | None:
    """The curated names of ``language`` for a page or an export: None when ``data_dir`` has no
    file for it, or one that does not read (its names then show in English, marked untranslated;
    ``dashboard validate`` names the problem)."""
    if data_dir is None or not translation_files(data_dir, language):
        return None
    loaded, problems = load_translations(data_dir, language)
    return None if problems else loaded


def _records(dataset: Dataset, section: str) -> tuple[Any, ...]:
    return getattr(dataset, section)


def _field_at(record: Any, field_name: str) -> Location:
    """Where the English text of a field is curated in data/."""
    at = record.location or Location("<unknown>", 0)
    line = record.lines.get(field_name) or record.lines.get(f"period.{field_name}") or at.line
    return Location(at.path, line)


def _did_you_mean(key: str, known: dict[str, Any]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.8)
    return f" (did you mean {close[0]!r}?)" if close else ""


def translation_warnings(dataset: Dataset, translations: Translations) -> list[Problem]:
    """Every name with no translated form, and every translation that names no record, one
    ``Problem`` each with the file:line to edit and what to write. These are warnings: the
    page shows the English name, marked as untranslated."""
    warnings: list[Problem] = []
    path, language = translations.path, translations.language
    for section, spec in SECTIONS.items():
        known: dict[str, Any] = {}
        for record in _records(dataset, section):
            key = getattr(record, spec.key)
            known.setdefault(key, record)
        for key, record in known.items():
            entry = translations.entries.get((section, key))
            missing = [
                n for n in spec.names if english(record, n) and not (entry and entry.forms.get(n))
            ]
            if not missing:
                continue
            if entry is None:
                # one warning for the whole entry: the curator adds it once, with every field
                shown = "; ".join(
                    f"{n}: {english(record, n)!r} ({_field_at(record, n)})" for n in missing
                )
                fields = ", ".join(f"`{n}:`" for n in missing)
                warnings.append(
                    Problem(
                        Location(path, translations.sections.get(section, 1)),
                        f"{section}.{'/'.join(missing)}",
                        f"no {language} form of {shown}; add an entry `- {spec.key}: {key}` with {fields} under `{section}:`",
                        "untranslated",
                    )
                )
                continue
            for n in missing:
                warnings.append(
                    Problem(
                        Location(
                            entry.location.path, entry.lines.get(n, entry.location.line)
                        ),  # an empty `n:` line, or the entry
                        f"{section}.{n}",
                        f"no {language} form of {english(record, n)!r} ({_field_at(record, n)}); add `{n}:` under {spec.key}: {key}",
                        "untranslated",
                    )
                )
        for (entry_section, key), entry in translations.entries.items():
            if entry_section != section:
                continue
            record = known.get(key)
            if record is None:
                warnings.append(
                    Problem(
                        entry.location,
                        spec.key,
                        f"no {section[:-1]} has {spec.key} {key!r} in data/{_did_you_mean(key, known)}; correct the {spec.key} or remove this entry",
                        "unknown-record",
                    )
                )
                continue
            for name in spec.names:
                if entry.forms.get(name) and not english(record, name):
                    line = entry.lines.get(name, entry.location.line)
                    warnings.append(
                        Problem(
                            Location(entry.location.path, line),
                            f"{section}.{name}",
                            f"{key!r} has no English {name} to translate; remove this line or add the {name} in data/",
                            "nothing-to-translate",
                        )
                    )
    return sorted(warnings)
