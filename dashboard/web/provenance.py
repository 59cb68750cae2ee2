"""Where a number comes from: a figure or event id → its source document, split around the
quoted sentence so the page can highlight it, plus what a reader needs to quote it safely
(value as the source words it, what its qualifier means, the period and how implied dates
were derived).

``Provenance`` indexes a dataset once at start-up; ``passage`` never raises for an id it
does not know (a click from a forged request) and returns None instead.

Every word is in the language passed to ``passage`` (``words="vi"``; English by default):
labels from the catalogue, names and notes from ``data/i18n`` (the English, marked
untranslated, when none is curated), numbers and dates through the Formatter. The quote
stays verbatim in its document's language; when the page reads in another one the passage
says so (``quote_label``: "Nguyên văn (tiếng Anh)") and a curated translation sits beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.curated.records import Dataset, Event, Figure
from dashboard.curated.seeds import find_quote, read_seed
from dashboard.curated.translations import Translations, load_translations, translation_files
from dashboard.words import LANGUAGES, Words
from dashboard.words.names import quote as shown_quote
from dashboard.web.provenance_details import (  # noqa: F401  (re-exported: a passage's parts)
    Detail,
    Document,
    RecordWords,
)
from dashboard.web.provenance_related import EVENT, FIGURE, related as find_related

CTX = "source dialog"
CONTEXT_CHARS = 6000  # at most this much document text is shown either side of the quote


@dataclass(frozen=True)
class Passage:
    kind: str  # FIGURE or EVENT
    record_id: str
    heading: str  # "Funding: over £7m" or the event's title
    document: Document
    before: str  # document text before the quote ("…" first when cut)
    quote: str  # the quoted span exactly as printed in the document
    after: str
    details: tuple[Detail, ...]
    language: str = "en"  # the page's language, that of every word above but the quote
    quote_lang: str = "en"  # the document's language: the quote's ``lang`` attribute
    quote_label: str | None = (
        None  # "Nguyên văn (tiếng Anh)" when the page reads in another language
    )
    quote_translation: str | None = (
        None  # a curated translation, shown beside the quote, never for it
    )
    translation_label: str | None = None  # "Bản dịch tham khảo"
    # figures or events this one is declared related to: (kind, id, words), each one click away
    related: tuple[tuple[str, str, str], ...] = ()


class Provenance:
    """Every figure and event of a dataset, by id, with the folder of its documents."""

    def __init__(
        self,
        dataset: Dataset,
        seeds_dir: Path | str,
        *,
        context_chars: int = CONTEXT_CHARS,
        translations: dict[str, Translations] | None = None,
        figures: pd.DataFrame | None = None,
    ):
        """``translations``: the curated names of ``data/i18n``, by language (``{"vi": …}``);
        ``figures``: the figures frame, whose relations the passage lists (None: none listed)."""
        self.dataset = dataset
        self.translations = dict(translations or {})
        self.figures = figures
        self.seeds_dir = Path(seeds_dir)
        self.context_chars = context_chars
        self._figures = {f.id: f for f in dataset.figures}
        self._events = {e.id: e for e in dataset.events}
        self._sources = {s.file: s for s in dataset.sources}

    @classmethod
    def for_data(
        cls, dataset: Dataset, data_dir: Path | str, seeds_dir: Path | str, **options
    ) -> Provenance:
        """A ``Provenance`` with the curated names of ``data_dir/i18n`` for every language that
        has a translations file that reads (one that does not read is left out: its names show
        in English, marked untranslated, and ``dashboard validate`` names the problem)."""
        translations = {}
        for language in LANGUAGES:
            if language != "en" and translation_files(data_dir, language):
                loaded, problems = load_translations(data_dir, language)
                if not problems:
                    translations[language] = loaded
        return cls(dataset, seeds_dir, translations=translations, **options)

    def passage(
        self, record_id: object, kind: str = FIGURE, words: Words | str | None = None
    ) -> Passage | None:
        """The source passage of figure (or event) ``record_id`` in the language of
        ``words`` (a ``Words`` or a language code; English when None); None when unknown."""
        if not isinstance(record_id, str):
            return None
        words = words if isinstance(words, Words) else Words(words or "en")
        translations = self.translations.get(words.language)
        if (
            translations is None and words.language != "en"
        ):  # none curated: every name is the English, marked
            translations = Translations(words.language, "")
        view = RecordWords(self.dataset, words, translations)
        if kind == FIGURE and record_id in self._figures:
            record: Figure | Event = self._figures[record_id]
            heading, details = view.figure_details(record)
        elif kind == EVENT and record_id in self._events:
            record = self._events[record_id]
            heading, details = view.event_details(record)
        else:
            return None
        related = find_related(self.dataset, self.figures, record_id, kind, words)
        source = self._sources.get(record.source)
        details += tuple(
            Detail(words.text("Source caveat", CTX), c)
            for c in (getattr(source, "caveats", ()) or ())
        )
        document = view.document(source, record.source)
        quoted = shown_quote(record, view.translations, words, dataset=self.dataset)
        shown = dict(
            language=words.language,
            quote_lang=quoted.text.lang,
            quote_label=quoted.label,
            quote_translation=quoted.translation,
            translation_label=quoted.translation_label,
            related=related,
        )
        text = read_seed(self.seeds_dir, record.source)
        span = find_quote(text, record.quote) if text is not None else None
        if (
            text is None or span is None
        ):  # validation guarantees both; a file changed since start-up
            warning = words.text(
                "The quote is no longer found in {source}; the document changed after the dashboard started.",
                CTX,
                source=record.source,
            )
            return Passage(
                kind,
                record_id,
                heading,
                document,
                "",
                record.quote,
                "",
                details + (Detail(words.text("Warning", CTX), warning),),
                **shown,
            )
        start, end = span
        lo, hi = max(0, start - self.context_chars), min(len(text), end + self.context_chars)
        before = ("…" if lo > 0 else "") + text[lo:start]
        after = text[end:hi] + ("…" if hi < len(text) else "")
        return Passage(
            kind, record_id, heading, document, before, text[start:end], after, details, **shown
        )


def find_passage(
    record_id: object,
    dataset: Dataset,
    seeds_dir: Path | str,
    kind: str = FIGURE,
    words: Words | str | None = None,
) -> Passage | None:
    """One-off lookup; the app keeps a ``Provenance`` instead of indexing per request."""
    return Provenance(dataset, seeds_dir).passage(record_id, kind, words)
