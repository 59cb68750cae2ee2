"""The curated names of records, and quotes, as a reader of one language meets them.

``name(programme, translations)`` is the programme's Vietnamese name from
``data/i18n/vi.yaml``, or its English name marked untranslated (``Phrase.untranslated``,
``lang="en"``) so the page can mark it rather than show nothing. ``translations=None`` is
the English page: the English name, as curated.

A quote is never translated as if it were the source. ``quote(...)`` keeps the verbatim
sentence in the document's language and labels it with that language when the page is in
another one ("Nguyên văn (tiếng Anh)"); a curated ``quote_translation`` sits beside it,
labelled as a translation, never in its place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pathlib import Path

from dashboard.curated.problems import DataWarning, Problem
from dashboard.curated.context_records import ContextStatistic
from dashboard.curated.records import (
    Dataset,
    Event,
    EventTypeDef,
    Figure,
    Location,
    Metric,
    Programme,
    Qualifier,
    Scope,
    Source,
    Unit,
)
from dashboard.curated.translations import (
    Translations,
    english as english_text,
    load_translations,
    translation_files,
    translation_warnings,
)
from dashboard.words.catalogue import LANGUAGES, SOURCE_LANGUAGE, Phrase, Words
from dashboard.words.languages import BY_CODE

Record = Programme | Metric | Unit | Source | Event | Scope | EventTypeDef

# The section of data/ each record type is curated in, and the field that is its name.
SECTION = {
    Programme: "programmes",
    Metric: "metrics",
    Unit: "units",
    Source: "sources",
    Event: "events",
    Figure: "figures",
    Scope: "scopes",
    EventTypeDef: "event_types",
    ContextStatistic: "context_statistics",
}
NAME_FIELD = {
    Programme: "name",
    Metric: "label",
    Unit: "label",
    Source: "title",
    Event: "title",
    Scope: "label",
    EventTypeDef: "label",
    ContextStatistic: "statistic",
}

CTX_QUOTE = "quote label"
CTX_LANGUAGE = "language of a quoted document"
# English names of the languages a source document may be in: catalogue message ids.
LANGUAGE_NAMES = {code: language.english_name for code, language in BY_CODE.items()}


def _key(record: Record | Figure) -> str:
    return record.file if isinstance(record, Source) else record.id


def name(
    record: Record | Figure, translations: Translations | None, field: str | None = None
) -> Phrase:
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
    label: Phrase | None  # "Nguyên văn (tiếng Anh)"; None when page and document share a language
    translation: Phrase | None  # the curated translation, or None: never a machine one
    translation_label: Phrase | None  # "Bản dịch tham khảo"


def language_name(code: str, words: Words) -> Phrase:
    """``tiếng Anh`` for ``en`` on the Vietnamese page, ``English`` on the English one."""
    english = LANGUAGE_NAMES.get(code)
    if english is None:
        return Phrase(code, SOURCE_LANGUAGE, untranslated=words.language != SOURCE_LANGUAGE)
    return words.text(english, CTX_LANGUAGE)


def language_of(record: Figure | Event | Source, dataset: Dataset | None) -> str:
    """The language a record's document is written in: its source's ``language`` in data/
    (``sources: - file: … language: vi``), English when the source records none."""
    if isinstance(record, Source):
        return record.language or SOURCE_LANGUAGE
    sources = {s.file: s for s in dataset.sources} if dataset is not None else {}
    source = sources.get(record.source)
    return (source.language if source is not None else None) or SOURCE_LANGUAGE


def quote_label(document_language: str, words: Words) -> Phrase | None:
    """What a quote says about its language: ``Nguyên văn (tiếng Anh)`` on the Vietnamese page
    for an English document; nothing when the page reads in the document's own language."""
    if document_language == words.language:
        return None
    return words.text(
        "verbatim, in {language}", CTX_QUOTE, language=language_name(document_language, words)
    )


def quote(
    record: Figure | Event,
    translations: Translations | None,
    words: Words,
    document_language: str | None = None,
    *,
    dataset: Dataset | None = None,
) -> Quote:
    """The record's quote for a page in ``words.language``. ``document_language`` is the
    language of the cited document; when not given, the ``language`` its source records in
    ``dataset`` (English when none). A translation is shown only when one is curated in the
    page's language."""
    if document_language is None:
        document_language = language_of(record, dataset)
    text = Phrase(record.quote, document_language)
    label = quote_label(document_language, words)
    translation = None
    if label is not None and translations is not None and translations.language == words.language:
        form = translations.form(SECTION[type(record)], record.id, "quote_translation")
        if form is not None:
            translation = Phrase(form, translations.language)
    translation_label = words.text("translation, not verbatim", CTX_QUOTE) if translation else None
    return Quote(text, label, translation, translation_label)


# --- a quote's translation must state the figure's number and bound ----------------------

_NUMBER = r"\d+(?:[.,]\d+)*"


def _number_reader(words: Words):
    """A function giving every number in a text written in ``words``' style (``1.936``,
    ``7 triệu``, ``1,5 tỷ``) with the text before it; scale words come from the catalogue's
    number patterns. Built once per check: the pattern is compiled here."""
    import re

    from babel.numbers import NumberFormatError, parse_decimal

    from dashboard.words.format import CTX_NUMBER, SCALES

    scales = {}
    for scale, _, plain in SCALES:
        word = words.text(plain, CTX_NUMBER).replace("{digits}", "").strip()
        scales[word.lower()] = scale
    scale_words = "|".join(re.escape(w) for w in sorted(scales, key=len, reverse=True))
    pattern = re.compile(
        rf"(?<![\w/])(?P<num>{_NUMBER})(?![\w/])(?:\s+(?P<scale>{scale_words})\b)?", re.IGNORECASE
    )

    def read(text: str) -> list[tuple[float, str]]:
        found = []
        for match in pattern.finditer(text):
            try:
                number = float(parse_decimal(match["num"], locale=words.language, strict=False))
            except NumberFormatError:
                continue
            if match["scale"]:
                number *= scales[match["scale"].lower()]
            found.append((number, text[: match.start()]))
        return found

    return read


def _bound_words(words: Words) -> dict[Qualifier, tuple[str, ...]]:
    """The catalogue's words for each bound, in this language (``hơn``; ``tối đa``; ``gần``…)."""
    from dashboard.words.format import APPROX_WORDS, BOUND_WORDS, CTX_QUALIFIER, QUALIFIER_WORDS

    forms = {q: (words.text(w, CTX_QUALIFIER).lower(),) for q, w in QUALIFIER_WORDS.items()}
    for q, said in BOUND_WORDS.items():  # "ít nhất" as well as "hơn" for a lower bound
        forms[q] = tuple(sorted({*forms[q], *(words.text(w, CTX_QUALIFIER).lower() for w in said)}))
    forms[Qualifier.APPROX] = tuple(
        sorted({words.text(w, CTX_QUALIFIER).lower() for w in APPROX_WORDS})
    )
    return forms


def quote_translation_warnings(dataset: Dataset, translations: Translations) -> list[Problem]:
    """A figure's quote translation that does not state the figure's value, or states it with
    another bound ("720" where the figure is "over 720", "hơn" where it is exact), one warning
    each at the translation's line: the translation sits beside the quote and must not
    change what it says."""
    words = Words(translations.language)
    numbers = _number_reader(words)
    bounds = _bound_words(words)
    every_bound = {w for forms in bounds.values() for w in forms}
    warnings = []
    for figure in dataset.figures:
        entry = translations.entries.get(("figures", figure.id))
        form = entry.forms.get("quote_translation") if entry else None
        if not form:
            continue
        at = Location(
            entry.location.path, entry.lines.get("quote_translation", entry.location.line)
        )
        stated = [before for value, before in numbers(form) if math.isclose(value, figure.value)]
        if not stated:
            warnings.append(
                Problem(
                    at,
                    "figures.quote_translation",
                    f"does not state the figure's value {figure.value} as the quote does ({figure.quote!r}); correct the translation",
                    "quote-translation-value",
                )
            )
            continue
        tail = [" ".join(before.lower().split()[-3:]) for before in stated]
        wanted = bounds.get(figure.qualifier, ())
        if wanted and not any(any(w in t for w in wanted) for t in tail):
            warnings.append(
                Problem(
                    at,
                    "figures.quote_translation",
                    f"states {figure.value} without its bound ({figure.qualifier.value}: write {' / '.join(wanted)} before it, as the quote does)",
                    "quote-translation-bound",
                )
            )
        elif not wanted and all(any(w in t for w in every_bound) for t in tail):
            warnings.append(
                Problem(
                    at,
                    "figures.quote_translation",
                    f"adds a bound to {figure.value}, which the quote states exactly; remove the bound word",
                    "quote-translation-bound",
                )
            )
    return warnings


def translation_report(dataset: Dataset, data_dir: Path | str) -> list[DataWarning]:
    """What ``dashboard validate`` says about the translations in ``data_dir/i18n``, for each
    language that has a translations file: every missing or stray translation and every
    quote translation that changes its figure (``translation_warnings``,
    ``quote_translation_warnings``). All are warnings: data valid without translations stays
    valid. A translations file that does not read gives its own problems as warnings and no
    others (they would list every name as missing); a language without a file gives none."""
    found: list[DataWarning] = []
    for language in LANGUAGES:
        if language == SOURCE_LANGUAGE or not translation_files(data_dir, language):
            continue
        translations, problems = load_translations(data_dir, language)
        if problems:
            found += [
                DataWarning(
                    p.location,
                    p.field,
                    f"{p.message} (translations into {language} are not checked until this file reads)",
                    p.code,
                )
                for p in problems
            ]
            continue
        checked = translation_warnings(dataset, translations) + quote_translation_warnings(
            dataset, translations
        )
        found += [DataWarning(w.location, w.field, w.message, w.code) for w in checked]
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    """``python -m dashboard.words.names [DATA_DIR] [LANGUAGE]``: every problem of the
    translations file (exit 1) and every warning (exit 0: a missing or stray translation, a
    quote translation that changes its figure), one ``file:line`` line each, until
    ``dashboard validate`` reports them."""
    import sys

    from dashboard.curated.load import load_dataset
    from dashboard.curated.translations import load_translations, translation_warnings

    args = list(sys.argv[1:] if argv is None else argv)
    from pathlib import Path

    data_dir = Path(args[0]) if args else Path("data")
    language = args[1] if len(args) > 1 else "vi"
    dataset, data_problems = load_dataset(data_dir)
    translations, problems = load_translations(data_dir, language)
    for problem in sorted(problems):
        print(f"error: {problem}")
    # Warnings against a file that does not read would list every name: fix the file first.
    warnings = (
        []
        if problems
        else translation_warnings(dataset, translations)
        + quote_translation_warnings(dataset, translations)
    )
    for warning in warnings:
        print(f"warning: {warning}")
    if data_problems:
        print(
            f"data/ has {len(data_problems)} problem(s); run `dashboard validate` first, warnings may be incomplete"
        )
    print(f"{translations.path}: {len(problems)} problem(s), {len(warnings)} warning(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
