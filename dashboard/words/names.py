"""The curated names of records, and quotes, as a reader of one language meets them.

``name(programme, translations)`` is the programme's Vietnamese name from
``data/i18n/vi.yaml``, or its English name marked untranslated (``Phrase.untranslated``,
``lang="en"``) so the page can mark it rather than show nothing. ``translations=None`` is
the English page: the English name, as curated.

A quote is never translated as if it were the source. ``quote(...)`` keeps the verbatim
sentence in the document's language and labels it with that language when the page is in
another one ("nguyên văn tiếng Anh"); a curated ``quote_translation`` sits beside it,
labelled as a translation, never in its place.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.curated.records import Event, Figure, Metric, Programme, Source, Unit
from dashboard.curated.translations import Translations, english as english_text
from dashboard.words.catalogue import SOURCE_LANGUAGE, Phrase, Words

Record = Programme | Metric | Unit | Source | Event

# The section of data/ each record type is curated in, and the field that is its name.
SECTION = {Programme: "programmes", Metric: "metrics", Unit: "units", Source: "sources", Event: "events", Figure: "figures"}
NAME_FIELD = {Programme: "name", Metric: "label", Unit: "label", Source: "title", Event: "title"}

CTX_QUOTE = "quote label"
CTX_LANGUAGE = "language of a quoted document"
# English names of the languages a source document may be in: catalogue message ids.
LANGUAGE_NAMES = {"en": "English", "vi": "Vietnamese"}


def _key(record: Record | Figure) -> str:
    return record.file if isinstance(record, Source) else record.id


def name(record: Record | Figure, translations: Translations | None, field: str | None = None) -> Phrase:
    """The record's name (or ``field``: a metric's ``singular``, a unit's ``noun``, a
    source's ``publisher``, a figure's ``note`` or ``start_basis``…) in the translations'
    language; the English form, marked untranslated, when none is curated."""
    field = field or NAME_FIELD[type(record)]
    english = english_text(record, field)
    if translations is None or translations.language == SOURCE_LANGUAGE:
        return Phrase(english, SOURCE_LANGUAGE)
    if not english:
        return Phrase("", translations.language)  # nothing to translate (a currency's noun)
    form = translations.form(SECTION[type(record)], _key(record), field)
    if form is None:
        return Phrase(english, SOURCE_LANGUAGE, untranslated=True)
    return Phrase(form, translations.language)


@dataclass(frozen=True)
class Quote:
    """A quote as shown: the verbatim text in its own language, a label saying so when the
    page is in another language, and a curated translation beside it, labelled as one."""

    text: Phrase  # always the source's words, ``lang`` the document's language
    label: Phrase | None  # "nguyên văn tiếng Anh"; None when page and document share a language
    translation: Phrase | None  # the curated translation, or None: never a machine one
    translation_label: Phrase | None  # "bản dịch, không phải nguyên văn"


def language_name(code: str, words: Words) -> Phrase:
    """``tiếng Anh`` for ``en`` on the Vietnamese page, ``English`` on the English one."""
    english = LANGUAGE_NAMES.get(code)
    if english is None:
        return Phrase(code, SOURCE_LANGUAGE, untranslated=words.language != SOURCE_LANGUAGE)
    return words.text(english, CTX_LANGUAGE)


def quote_label(document_language: str, words: Words) -> Phrase | None:
    """What a quote says about its language: ``nguyên văn tiếng Anh`` on the Vietnamese page
    for an English document; nothing when the page reads in the document's own language."""
    if document_language == words.language:
        return None
    return words.text("verbatim, in {language}", CTX_QUOTE, language=language_name(document_language, words))


def quote(record: Figure | Event, translations: Translations | None, words: Words, document_language: str = SOURCE_LANGUAGE) -> Quote:
    """The record's quote for a page in ``words.language``. ``document_language`` is the
    language of the cited document (every shipped source is in English; sources will record
    theirs). A translation is shown only when one is curated in the page's language."""
    text = Phrase(record.quote, document_language)
    label = quote_label(document_language, words)
    translation = None
    if label is not None and translations is not None and translations.language == words.language:
        form = translations.form(SECTION[type(record)], record.id, "quote_translation")
        if form is not None:
            translation = Phrase(form, translations.language)
    translation_label = words.text("translation, not verbatim", CTX_QUOTE) if translation else None
    return Quote(text, label, translation, translation_label)
