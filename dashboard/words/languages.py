"""The languages the project writes, one record each: the one place a language is added.

A new language is a ``Language`` below plus its catalogue, ``locale/<code>.po`` (every
English message with its translation; ``tests/test_words.py`` checks every language's
catalogue for completeness). The page's switch, ``?lang=``, ``dashboard export --lang``,
``defaults.lang`` in config.yaml, the decks' language tags and the source dialog's name of a
document's language all read this registry; nothing else lists languages.

This module imports nothing of the project, so ``config`` may read it (``defaults.lang``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # "vi": the link's ?lang=, --lang, the catalogue locale/vi.po and Babel's locale
    own_name: str  # "Tiếng Việt": the page's language switch names each language in itself
    english_name: (
        str  # "Vietnamese": a catalogue message, how the source dialog names a document's language
    )
    tag: str  # "vi-VN": the BCP 47 tag a deck's text runs carry (spelling and screen readers)


SOURCE_LANGUAGE = "en"  # the catalogue's msgids are English: English needs no catalogue of its own

REGISTERED: tuple[Language, ...] = (
    Language("en", "English", "English", "en-GB"),
    Language("vi", "Tiếng Việt", "Vietnamese", "vi-VN"),
)

LANGUAGES: tuple[str, ...] = tuple(language.code for language in REGISTERED)
BY_CODE: dict[str, Language] = {language.code: language for language in REGISTERED}


def listed(joiner: str = " or ") -> str:
    """``en or vi``: the codes, as a settings help or an error lists them."""
    return joiner.join(LANGUAGES)
