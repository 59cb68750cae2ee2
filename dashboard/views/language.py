"""A view in one language: the words, the names and the frames it is drawn from.

The page, a slide image and the deck draw a view in the language of its link (``?lang=vi``).
Nothing here holds a current language: the language travels with the data. A frame drawn
in Vietnamese carries ``frame.attrs["language"] = "vi"`` (as it carries the claims view's
quantity), so every view function that reads rows (cards, bars, panels, timeline, table)
writes its words in that language, and a function that reads no rows takes ``words``.

``Localized`` is one language's copy of the data, built once per language and process
(``localize``): the dataset with its curated names in that language (``data/i18n``; the
English name, marked untranslated, when none is curated; scope and event-type labels from
the catalogue), and the figures and events frames whose text columns (programme, metric,
value, period, source, event title and date) read in that language. Numbers and dates go
through the ``Formatter``; ``Words`` and ``Formatter`` are made once per language.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.analysis import fmt
from dashboard.analysis.frame import text_column
from dashboard.analysis.sourcedate import event_date, source_date
from dashboard.curated.records import Dataset
from dashboard.curated.translations import Translations
from dashboard.words.kinds import shown_note
from dashboard.words import LANGUAGES, Formatter, Phrase, Words
from dashboard.words.catalogue import SOURCE_LANGUAGE
from dashboard.words.names import name

LANGUAGE_ATTR = "language"  # frame.attrs key: the language a frame's texts are in
CTX_SCOPE = "scope"  # the vocabulary's scope labels are words of the page, like event types
CTX_EVENT_TYPE = "charts"


@functools.lru_cache(maxsize=None)
def words_for(language: str | None = None) -> Words:
    """The ``Words`` of ``language`` (English when None), made once per process."""
    return Words(language or SOURCE_LANGUAGE)


def formatter_for(language: str | None = None) -> Formatter:
    """The ``Formatter`` of ``language``, made once per process (``fmt.formatter``'s cache)."""
    return fmt.formatter(language or SOURCE_LANGUAGE)


def language_of(frame: Any) -> str:
    """The language a frame's texts are in (English for a frame that does not say)."""
    attrs = getattr(frame, "attrs", None) or {}
    language = attrs.get(LANGUAGE_ATTR)
    return language if language in LANGUAGES else SOURCE_LANGUAGE


def words_of(frame: Any = None, words: Words | str | None = None) -> Words:
    """``words`` when given (a ``Words`` or a language code), else the words of ``frame``'s language."""
    if isinstance(words, Words):
        return words
    if isinstance(words, str):
        return words_for(words)
    return words_for(language_of(frame))


def in_language(frame: pd.DataFrame, language: str) -> pd.DataFrame:
    """``frame`` marked as written in ``language`` (the same frame; pandas carries the mark
    through filters, ``take`` and copies)."""
    frame.attrs[LANGUAGE_ATTR] = language
    return frame


def scope_word(label: str, words: Words) -> str:
    """A scope's label (``UK worldwide``) in ``words``' language: a page word from the catalogue,
    the English marked untranslated when the catalogue has none (a scope added to the data)."""
    return words.text(label, CTX_SCOPE) if label else label


def event_type_word(label: str, words: Words) -> str:
    return words.text(label, CTX_EVENT_TYPE) if label else label


def marked_untranslated(text: str, words: Words) -> str:
    """``UK–Japan bilateral (chưa dịch)``: an English name standing in for a missing translation,
    marked as cards mark one, for a chart, a slide or a file that cannot mark it otherwise."""
    return words.text("{name} (not yet translated)", "page", name=text)


def shown(text: Any, words: Words) -> Any:
    """A curated name as every output shows it: its translation, or the English standing in for
    one carrying its mark in its own text (``Example Fund (chưa dịch)``), so a chart, a slide, a
    cell or a note that only has the string still says so. The result keeps ``untranslated``
    set, so the page can also mark the English as English (``unmarked`` gives it back)."""
    if not untranslated(text) or words.language == SOURCE_LANGUAGE:
        return text
    return Phrase(marked_untranslated(text, words), SOURCE_LANGUAGE, untranslated=True)


def unmarked(text: str, words: Words) -> str:
    """The English of a name that ``shown`` marked untranslated (the text itself otherwise)."""
    before, _, after = str(marked_untranslated("\x00", words)).partition("\x00")
    if text.startswith(before) and text.endswith(after) and len(text) > len(before) + len(after):
        return text[len(before) : len(text) - len(after)]
    return text


def vocabulary_word(
    section: str, record, words: Words, translations: Translations | None, context: str
) -> str:
    """A scope's or event type's label in ``words``' language: the curated form of data/i18n
    (so a document that adds one is translated by data alone), else the catalogue's page word,
    else the English marked untranslated, on the page, the charts and the slides alike."""
    label = record.label
    if not label or words.language == SOURCE_LANGUAGE:
        return label
    form = translations.form(section, record.id, "label") if translations is not None else None
    if form:
        return Phrase(form, words.language)
    said = words.text(label, context)
    return marked_untranslated(label, words) if getattr(said, "untranslated", False) else said


# --- one language's copy of the data ------------------------------------------------------------


@dataclass(frozen=True)
class Localized:
    """The data of one language: its dataset (names translated) and frames (texts translated)."""

    language: str
    words: Words
    formatter: Formatter
    dataset: Dataset
    figures: pd.DataFrame
    events: pd.DataFrame


def localize(
    dataset: Dataset,
    figures: pd.DataFrame,
    events: pd.DataFrame,
    language: str,
    translations: Translations | None = None,
) -> Localized:
    """``dataset`` and its frames (``figures_frame``, ``events_frame``) in ``language``. English
    is the data as curated, marked English; another language reads its curated names from
    ``translations`` (None: none curated, every name the English marked untranslated)."""
    words = words_for(language)
    formatter = formatter_for(language)
    if language == SOURCE_LANGUAGE:
        return Localized(
            language,
            words,
            formatter,
            dataset,
            in_language(figures, language),
            in_language(events, language),
        )
    if translations is None:
        translations = Translations(language, "")
    local = localized_dataset(dataset, translations, words)
    return Localized(
        language,
        words,
        formatter,
        local,
        in_language(_figures(figures, local, formatter), language),
        in_language(_events(events, local, formatter), language),
    )


def localized_dataset(dataset: Dataset, translations: Translations, words: Words) -> Dataset:
    """``dataset`` with every curated name a reader meets in the translations' language: programme
    names, metric labels and singulars, unit labels and nouns, source titles and publishers,
    event titles, figure notes (``names.name``: the English, marked, when none is curated);
    scope and event-type labels from the catalogue. Ids, numbers, dates and quotes unchanged."""

    def named(record, *fields: str):
        changes = {
            f: shown(name(record, translations, f), words)
            for f in fields
            if getattr(record, f, None)
        }
        return dataclasses.replace(record, **changes) if changes else record

    def figure(f):
        changes = {}
        for field in ("note", "compared_with", "resolution", "counted_by"):
            if getattr(f, field):
                changes[field] = shown(name(f, translations, field), words)
        period = f.period
        bases = {
            b: shown(name(f, translations, b), words)
            for b in ("start_basis", "end_basis")
            if getattr(period, b, None)
        }
        if bases:
            changes["period"] = dataclasses.replace(period, **bases)
        return dataclasses.replace(f, **changes) if changes else f

    return dataclasses.replace(
        dataset,
        programmes=tuple(named(p, "name") for p in dataset.programmes),
        metrics=tuple(
            _counted(named(m, "label", "singular"), words, translations) for m in dataset.metrics
        ),
        units=tuple(named(u, "label", "noun", "singular") for u in dataset.units),
        sources=tuple(named(s, "title", "publisher", "published_basis") for s in dataset.sources),
        events=tuple(named(e, "title", "date_basis", "resolution") for e in dataset.events),
        figures=tuple(figure(f) for f in dataset.figures),
        context_statistics=tuple(
            named(s, "statistic", "counted_by", "official_table", "note")
            for s in dataset.context_statistics
        ),
        scopes=tuple(
            dataclasses.replace(
                s, label=vocabulary_word("scopes", s, words, translations, CTX_SCOPE)
            )
            for s in dataset.scopes
        ),
        event_types=tuple(
            dataclasses.replace(
                t, label=vocabulary_word("event_types", t, words, translations, CTX_EVENT_TYPE)
            )
            for t in dataset.event_types
        ),
    )


def _counted(metric, words: Words, translations: Translations):
    """A metric's ``counts`` and ``counted_by`` (what a panel says it counts, and who counted it)
    in ``words``' language: curated in data/i18n like its label (a document's new metric is
    translated by data alone), else the English marked untranslated."""
    changes = {}
    for field in ("counts", "counted_by"):
        if not getattr(metric, field, None):
            continue
        form = translations.form("metrics", metric.id, field)
        changes[field] = (
            Phrase(form, words.language)
            if form
            else shown(Phrase(getattr(metric, field), SOURCE_LANGUAGE, untranslated=True), words)
        )
    return dataclasses.replace(metric, **changes) if changes else metric


def _figures(figures: pd.DataFrame, dataset: Dataset, formatter: Formatter) -> pd.DataFrame:
    """The figures frame with its text columns in the language of ``dataset``'s names."""
    frame, rows = _records_of(figures, dataset.figures)
    if frame.empty:
        return frame
    sources = {s.file: s for s in dataset.sources}
    words = formatter.words
    values: dict = {}
    periods: dict = {}  # many figures share a period or a value: each written once
    column = {
        "programme_name": [dataset.programme(f.programme).name for f in rows],
        "metric_label": [dataset.metric(f.metric).label for f in rows],
        # what a metric counts and who counted it, as the page says them (a CSV column, not an id)
        "metric_counts": [dataset.metric(f.metric).counts for f in rows],
        "metric_counted_by": [dataset.metric(f.metric).counted_by for f in rows],
        "counted_by": [
            dataset.counter(f) for f in rows
        ],  # a figure's own counter, else its metric's
        "value_label": [
            _once(
                values,
                (f.value, f.qualifier, f.unit, f.wording, f.value_high, f.change, f.hedge),
                lambda f=f: fmt.figure_value(f, dataset.unit(f.unit), formatter),
            )
            for f in rows
        ],
        "period_label": [
            _once(periods, f.period, lambda f=f: formatter.period(f.period)) for f in rows
        ],
        "source_title": [sources[f.source].title for f in rows],
        "source_publisher": [sources[f.source].publisher for f in rows],
        "source_date": [source_date(sources[f.source], formatter.words) for f in rows],
        "source_language": [sources[f.source].language or SOURCE_LANGUAGE for f in rows],
        "note": [shown_note(formatter, f.note, f.compared_with) for f in rows],
        "resolution": [f.resolution for f in rows],
        "period_start_basis": [f.period.start_basis for f in rows],
        "period_end_basis": [f.period.end_basis for f in rows],
        "scope_label": _scope_labels(frame, dataset, words),
    }
    for key, values in column.items():
        frame[key] = text_column(values, index=frame.index)
    return frame.copy()  # one block of text columns again (see analysis.textcols.typed)


def _scope_labels(frame: pd.DataFrame, dataset: Dataset, words: Words) -> list:
    """Each row's scope label in the language of ``dataset`` (localized: curated, catalogue or
    marked untranslated); "Scope not stated" and labels of unknown scopes from the catalogue."""
    local = {s.id: s.label for s in dataset.scopes}
    ids = frame["scope"].tolist() if "scope" in frame else [None] * len(frame)
    return [
        local[i] if i in local else scope_word(str(s), words) if isinstance(s, str) else s
        for i, s in zip(ids, frame["scope_label"].tolist())
    ]


def _once(done: dict, key, make):
    """``make()``, remembered in ``done`` under ``key`` (a key that cannot be hashed is made each time)."""
    try:
        if key not in done:
            done[key] = make()
        return done[key]
    except TypeError:
        return make()


def _records_of(frame: pd.DataFrame, records) -> tuple[pd.DataFrame, list]:
    """A copy of ``frame`` to rewrite, and the record (of ``records``) behind each of its rows."""
    by_id = {r.id: r for r in records}
    return frame.copy(), [by_id[i] for i in frame["id"].tolist()]


def _events(events: pd.DataFrame, dataset: Dataset, formatter: Formatter) -> pd.DataFrame:
    frame, rows = _records_of(events, dataset.events)
    if frame.empty:
        return frame
    sources = {s.file: s for s in dataset.sources}
    types = {t.id: t.label for t in dataset.known_event_types}
    words = formatter.words
    column = {
        "title": [e.title for e in rows],
        "date_label": [event_date(e, formatter.words) for e in rows],
        "date_basis": [e.date_basis for e in rows],
        "resolution": [e.resolution for e in rows],
        "programme_name": [dataset.programme(e.programme).name for e in rows],
        "source_title": [sources[e.source].title for e in rows],
        "source_publisher": [sources[e.source].publisher for e in rows],
        "source_date": [source_date(sources[e.source], formatter.words) for e in rows],
        "type_label": [
            types[str(e.type)] if str(e.type) in types else event_type_word(str(e.type), words)
            for e in rows
        ],
        "scope_label": _scope_labels(frame, dataset, words),
    }
    for key, values in column.items():
        frame[key] = text_column(values, index=frame.index)
    return frame.copy()  # one block of text columns again (see analysis.textcols.typed)


def citation(source, words: Words) -> str:
    """``<title> — <publisher>, <date>`` in ``words``' language (``Source.citation`` is English)."""
    return words.text(
        "{title} — {publisher}, {date}",
        "table",
        title=source.title,
        publisher=source.publisher,
        date=source_date(source, words),
    )


def untranslated(text: Any) -> bool:
    """Whether a text is English standing in for a missing translation (``Phrase.untranslated``)."""
    return isinstance(text, Phrase) and text.untranslated


__all__ = [
    "LANGUAGE_ATTR",
    "Localized",
    "citation",
    "formatter_for",
    "in_language",
    "language_of",
    "localize",
    "localized_dataset",
    "marked_untranslated",
    "scope_word",
    "shown",
    "unmarked",
    "untranslated",
    "vocabulary_word",
    "words_for",
    "words_of",
]
