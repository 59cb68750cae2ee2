"""The catalogue of words: gettext ``.po`` files beside this module, read with Babel.

A message is found by its English text (``msgid``) and a context (``msgctxt``) that says
where it appears, so one English word used in two places can read differently in
Vietnamese. Placeholders are named, ``{figures}``, and filled by ``str.format``. A
Vietnamese form that is missing (or marked fuzzy) falls back to the English text and the
result says so (``Phrase.untranslated``), so a page can mark it rather than show nothing.
"""

from __future__ import annotations

import functools
import gettext
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from dashboard.words.languages import LANGUAGES, SOURCE_LANGUAGE

LOCALE_DIR = Path(__file__).with_name("locale")


class UnknownLanguage(ValueError):
    """A language the catalogue does not hold; the message names the ones it does."""

    def __init__(self, language: object) -> None:
        super().__init__(f"unknown language {language!r}; choose one of: {', '.join(LANGUAGES)}")
        self.language = language


class MissingMessage(KeyError):
    """A strict ``Words`` was asked for a message the catalogue does not hold: the call site
    and the catalogue disagree on its English text or context."""


class Phrase(str):
    """A message as shown, with the language it is in: a missing translation is the
    English text with ``untranslated`` set, so the page can mark it (``lang="en"``)."""

    lang: str
    untranslated: bool

    def __new__(cls, text: str, lang: str, untranslated: bool = False) -> Phrase:
        phrase = super().__new__(cls, text)
        phrase.lang = lang
        phrase.untranslated = untranslated
        return phrase

    def __getnewargs__(self) -> tuple[str, str, bool]:
        """Copied and pickled with its language (plotly deep-copies every label it is given)."""
        return str(self), self.lang, self.untranslated


@dataclass(frozen=True)
class Entry:
    """One catalogue message: its English forms and the translated forms (empty when missing)."""

    context: str | None
    english: tuple[str, ...]  # (singular,) or (singular, plural)
    translated: tuple[str, ...]
    locations: tuple[tuple[str, int], ...]
    note: str

    @property
    def is_translated(self) -> bool:
        return bool(self.translated) and all(self.translated)


@dataclass(frozen=True)
class Catalogue:
    language: str
    entries: dict[tuple[str | None, str], Entry]
    plural_index: object  # n -> index into Entry.translated

    def __iter__(self):
        return iter(self.entries.values())


def po_path(language: str, directory: Path = LOCALE_DIR) -> Path:
    return Path(directory) / f"{language}.po"


@functools.lru_cache(maxsize=None)
def load_catalogue(language: str, directory: Path = LOCALE_DIR) -> Catalogue:
    """The parsed ``<language>.po`` in ``directory``, read once per process."""
    if language not in LANGUAGES or language == SOURCE_LANGUAGE:
        raise UnknownLanguage(language)
    with po_path(language, directory).open("rb") as handle:
        catalog: Catalog = read_po(handle, locale=language)
    entries = {}
    for message in catalog:
        if not message.id:
            continue  # the header
        english = tuple(message.id) if isinstance(message.id, (list, tuple)) else (message.id,)
        if isinstance(message.string, (list, tuple)):
            translated = tuple(message.string)
        else:
            translated = (message.string,)
        if message.fuzzy:
            translated = ()
        entries[(message.context, english[0])] = Entry(
            context=message.context,
            english=english,
            translated=translated if any(translated) else (),
            locations=tuple((path, int(line or 0)) for path, line in message.locations),
            note=" ".join(message.auto_comments),
        )
    return Catalogue(language, entries, gettext.c2py(catalog.plural_expr))


class Words:
    """The words of one language. ``Words("vi").text("Filters", "layout")`` → ``Bộ lọc``."""

    def __init__(
        self, language: str = SOURCE_LANGUAGE, directory: Path = LOCALE_DIR, *, strict: bool = False
    ) -> None:
        """``strict``: a message missing from the catalogue raises ``MissingMessage`` (in
        English too), for tests that drive every page and export through the catalogue."""
        if language not in LANGUAGES:
            raise UnknownLanguage(language)
        self.language = language
        self._catalogue = (
            None if language == SOURCE_LANGUAGE else load_catalogue(language, Path(directory))
        )
        self._known = load_catalogue(LANGUAGES[1], Path(directory)).entries if strict else None

    def __repr__(self) -> str:
        return f"Words({self.language!r})"

    def text(self, message: str, context: str | None = None, /, **values: object) -> Phrase:
        """The message in this language, its ``{placeholders}`` filled from ``values``."""
        entry = self._entry(context, message)
        if entry is None or not entry.is_translated:
            return Phrase(
                message.format(**values) if values else message,
                SOURCE_LANGUAGE,
                self._missing(entry),
            )
        form = entry.translated[0]
        return Phrase(form.format(**values) if values else form, self.language)

    def plural(
        self, singular: str, plural: str, n: int, context: str | None = None, /, **values: object
    ) -> Phrase:
        """``1 figure`` / ``2 figures``; ``{n}`` is the count written in this language's style."""
        values = {"n": self.integer(n), **values}
        entry = self._entry(context, singular)
        if entry is None or not entry.is_translated:
            form = singular if n == 1 else plural
            return Phrase(form.format(**values), SOURCE_LANGUAGE, self._missing(entry))
        index = min(self._catalogue.plural_index(n), len(entry.translated) - 1)
        return Phrase(entry.translated[index].format(**values), self.language)

    def has(self, message: str, context: str | None = None) -> bool:
        """Whether the catalogue holds this message (English always "has" its own text)."""
        return self._catalogue is None or self._entry(context, message) is not None

    def integer(self, n: int) -> str:
        """``10,000`` in English, ``10.000`` in Vietnamese."""
        if (
            self._catalogue is None
        ):  # English: Python's grouping is CLDR en's, ten times faster than Babel
            return f"{n:,}"
        return format_decimal(n, format="#,##0", locale=self.language)

    def _entry(self, context: str | None, message: str) -> Entry | None:
        if self._known is not None and (context, message) not in self._known:
            raise MissingMessage(
                f"{message!r} (context {context!r}) is not in the catalogue; add it to {LANGUAGES[1]}.po"
            )
        if self._catalogue is None:
            return None
        return self._catalogue.entries.get((context, message))

    def _missing(self, entry: Entry | None) -> bool:
        return self._catalogue is not None


PLACEHOLDER = re.compile(r"\{([a-z_]*)\}")


def placeholders(text: str) -> set[str]:
    """``{"figures", "events"}`` for ``"Showing {figures} and {events}"``."""
    return set(PLACEHOLDER.findall(text))


def problems(language: str, directory: Path = LOCALE_DIR) -> list[str]:
    """Every entry of the catalogue a reader would meet in English or broken, one line each
    as ``vi.po:LINE: msgid: what is wrong``: a missing or fuzzy translation, or a
    translation whose placeholders differ from the English ones."""
    path = po_path(language, directory)
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    found = []
    for message in catalog:
        if not message.id:
            continue
        english = tuple(message.id) if isinstance(message.id, (list, tuple)) else (message.id,)
        forms = (
            tuple(message.string)
            if isinstance(message.string, (list, tuple))
            else (message.string,)
        )
        where = f"{path.name}:{message.lineno}: {english[0]!r}"
        if message.fuzzy:
            found.append(f"{where}: marked fuzzy; check the translation and remove the fuzzy flag")
        elif not all(forms):
            found.append(f"{where}: no {language} translation; write it in msgstr")
        else:
            wanted = placeholders(english[-1]) | placeholders(english[0])
            for form in forms:
                if placeholders(form) != wanted:
                    found.append(
                        f"{where}: placeholders {sorted(placeholders(form))} differ from the English {sorted(wanted)}"
                    )
    return found
