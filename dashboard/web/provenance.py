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

from dashboard.analysis import fmt
from dashboard.analysis.eventstatus import passed_unrecorded
from dashboard.analysis.sourcedate import event_date, source_date
from dashboard.curated.records import Dataset, Event, Figure, Qualifier
from dashboard.curated.seeds import find_quote, read_seed
from dashboard.curated.translations import Translations, load_translations, translation_files
from dashboard.words import LANGUAGES, Formatter, Words
from dashboard.words.kinds import has_own_words
from dashboard.words.names import name, quote as shown_quote
from dashboard.views.charts.texts import PASSED_NOTE
from dashboard.views.labels import disputed_date
from dashboard.views.language import CTX_EVENT_TYPE, CTX_SCOPE, scope_word, shown, vocabulary_word

FIGURE, EVENT = "figure", "event"
CTX = "source dialog"
CONTEXT_CHARS = 6000  # at most this much document text is shown either side of the quote


@dataclass(frozen=True)
class Document:
    file: str
    title: str
    publisher: str
    date_label: str  # "Apr 2025"
    date_basis: str | None  # how the publication date was derived, when the document prints none
    url: str | None


@dataclass(frozen=True)
class Detail:
    """One labelled line about the record: ``("Period", "2018 – Mar 2025, cumulative")``."""

    label: str
    text: str


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
        view = _View(self.dataset, words, translations)
        if kind == FIGURE and record_id in self._figures:
            record: Figure | Event = self._figures[record_id]
            heading, details = view.figure_details(record)
        elif kind == EVENT and record_id in self._events:
            record = self._events[record_id]
            heading, details = view.event_details(record)
        else:
            return None
        related = self._related(record_id, kind, words)
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

    def _related(self, record_id: str, kind: str, words: Words) -> tuple[tuple[str, str, str], ...]:
        """What the curator declared about this record and others: its whole and its parts, the
        other statements of the same quantity (with how they stand), the same event elsewhere;
        every word in the page's language, each value and date formatted in it."""
        formatter = Formatter(words)
        if kind == EVENT:
            event = self._events[record_id]
            linked = {
                event.same_as,
                event.disagrees_with,
            }  # the same event from another document, dated alike or not
            group = {
                e.id
                for e in self.dataset.events
                if record_id in (e.same_as, e.disagrees_with) or e.id in linked
            }
            return tuple(
                (
                    EVENT,
                    e.id,
                    words.text(
                        "The same event in {source}: {date}",
                        CTX,
                        source=e.source,
                        date=formatter.flex_date(e.date),
                    ),
                )
                for e in self.dataset.events
                if e.id in group
            )
        frame = self.figures
        if frame is None or "quantity_group" not in frame or record_id not in set(frame["id"]):
            return ()
        from dashboard.analysis.claims import claim_history

        row = frame.loc[frame["id"] == record_id].iloc[0]
        ids = set(frame["id"])
        source = dict(zip(frame["id"], frame["source"].astype(str)))

        def value(figure_id: str) -> str:
            f = self._figures[figure_id]
            return fmt.format_value(
                f.value,
                f.qualifier,
                self.dataset.unit(f.unit),
                f.wording,
                f.value_high,
                words=words,
                change=f.change,
                hedge=f.hedge,
            )

        out: list[tuple[str, str, str]] = []
        whole = row["part_of"]
        if isinstance(whole, str) and whole in ids:
            out.append(
                (
                    FIGURE,
                    whole,
                    words.text(
                        "Part of {value} ({source}): a share of it, never added to it",
                        CTX,
                        value=value(whole),
                        source=source[whole],
                    ),
                )
            )
        for part in frame.loc[frame["part_of"] == record_id, "id"]:
            out.append(
                (
                    FIGURE,
                    str(part),
                    words.text(
                        "Includes {value} ({source})",
                        CTX,
                        value=value(str(part)),
                        source=source[part],
                    ),
                )
            )
        roles = {
            "latest": words.text("Latest statement", CTX),
            "earlier": words.text("Earlier statement, updated by the latest", CTX),
            "same": words.text("The same figure", CTX),
            "disagrees": words.text("Disagrees with the latest", CTX),
        }
        history = claim_history(frame, record_id)
        if len(history) > 1:
            for _, h in history.iterrows():
                if h["id"] != record_id:
                    out.append(
                        (
                            FIGURE,
                            str(h["id"]),
                            words.text(
                                "{role}: {value}, {period} ({source})",
                                CTX,
                                role=roles.get(h["claim_role"], h["claim_role"]),
                                value=value(str(h["id"])),
                                period=fmt.format_period(
                                    self._figures[str(h["id"])].period, words=words
                                ),
                                source=h["source"],
                            ),
                        )
                    )
        return tuple(out)


@dataclass(frozen=True)
class _View:
    """The words of one passage: a dataset read in one language."""

    dataset: Dataset
    words: Words
    translations: Translations | None

    @property
    def formatter(self) -> Formatter:
        return Formatter(self.words)

    def named(self, record, field: str | None = None):
        """A record's name (or ``field``) in this language, the English marked "(chưa dịch)"
        where none is curated, as every other output shows it (``language.shown``)."""
        return shown(name(record, self.translations, field), self.words)

    def document(self, source, file: str) -> Document:
        if source is None:
            return Document(
                file,
                file,
                self.words.text("Publisher not recorded", CTX),
                self.words.text("date not recorded", CTX),
                None,
                None,
            )
        basis = (
            name(source, self.translations, "published_basis") if source.published_basis else None
        )
        return Document(
            file,
            name(source, self.translations, "title"),
            name(source, self.translations, "publisher"),
            source_date(source, self.words),
            basis,
            source.url,
        )

    def figure_details(self, figure: Figure) -> tuple[str, tuple[Detail, ...]]:
        dataset, words, translations = self.dataset, self.words, self.translations
        unit = dataset.unit(figure.unit)
        metric = dataset.metric(figure.metric)
        value = fmt.format_value(
            figure.value,
            figure.qualifier,
            unit,
            figure.wording,
            figure.value_high,
            words=words,
            change=figure.change,
            hedge=figure.hedge,
        )  # "down 75%", "potentially 4 times as many"
        noun = self.named(unit, "noun") if unit.noun else self.named(unit, "label")
        status = (
            words.text("Committed: pledged for the period, not yet achieved", CTX)
            if figure.kind.value == "committed"
            else words.text("Reported: achieved in the period", CTX)
        )
        details = [
            Detail(
                words.text("Value", "table"),
                value
                if unit.is_currency or has_own_words(unit)
                else Formatter(words).with_unit(value, noun),
            ),
            Detail(words.text("Qualifier", "table"), _qualifier_text(figure, words)),
            Detail(words.text("Status", "table"), status),
            Detail(
                words.text("Programme", "table"), self.named(dataset.programme(figure.programme))
            ),
            Detail(
                words.text("Scope", CTX),
                _scope_text(dataset, figure.programme, words, translations),
            ),
            Detail(words.text("Period", "table"), fmt.format_period(figure.period, words=words)),
        ]
        if figure.period.start_basis:
            details.append(Detail(words.text("Start date", CTX), self.named(figure, "start_basis")))
        if figure.period.end_basis:
            details.append(Detail(words.text("End date", CTX), self.named(figure, "end_basis")))
        if figure.note:
            details.append(Detail(words.text("Note", CTX), self.named(figure, "note")))
        return words.text("{metric}: {value}", CTX, metric=self.named(metric), value=value), tuple(
            details
        )

    def status(self, event: Event) -> str:
        """Held, Planned, or "Planned for 2025; no record that it took place" once its date passed."""
        words = self.words
        if event.id in passed_unrecorded(self.dataset):
            said = words.text(PASSED_NOTE, "charts", date=self.formatter.flex_date(event.date))
            return said[:1].upper() + said[1:]
        return (
            words.text("Planned", CTX)
            if event.status.value == "planned"
            else words.text("Held", CTX)
        )

    def event_details(self, event: Event) -> tuple[str, tuple[Detail, ...]]:
        words, translations = self.words, self.translations
        # the vocabulary's word for it: curated in data/i18n, else the catalogue's, else marked untranslated
        type_label = vocabulary_word(
            "event_types",
            self.dataset.event_type_def(str(event.type)),
            words,
            translations,
            CTX_EVENT_TYPE,
        )
        details = [
            Detail(words.text("Date", CTX), event_date(event, words)),
            Detail(words.text("Status", "table"), self.status(event)),
            Detail(
                words.text("Programme", "table"),
                self.named(self.dataset.programme(event.programme)),
            ),
            Detail(words.text("Type", CTX), type_label),
        ]
        if event.date_basis:
            details.insert(
                1, Detail(words.text("Date basis", CTX), self.named(event, "date_basis"))
            )
        disputed = self.disputed_dates(event)
        if disputed:  # other documents date this event differently: every date, with its source
            details.insert(
                1,
                Detail(words.text("Dates the documents give", CTX), disputed_date(disputed, words)),
            )
            readings = [
                self.named(e, "resolution")
                for e in self.dataset.events
                if e.resolution and event.id in (e.id, e.disagrees_with)
            ]
            if readings:
                details.insert(2, Detail(words.text("How to read them", CTX), " ".join(readings)))
        return self.named(event), tuple(details)

    def disputed_dates(self, event: Event) -> list[tuple[str, str]]:
        """Each date the documents give ``event`` (joined by ``same_as`` or ``disagrees_with``)
        with its publisher, earliest first, when two of them cannot both hold; else empty."""
        from dashboard.curated.relations import disputed_dates, event_groups

        groups = event_groups(self.dataset.events)
        sources = {s.file: s for s in self.dataset.sources}
        stated = [
            (
                e.date,
                name(sources[e.source], self.translations, "publisher")
                if e.source in sources
                else e.source,
            )
            for e in self.dataset.events
            if groups[e.id] == groups[event.id]
        ]
        return [(self.formatter.flex_date(d), " · ".join(who)) for d, who in disputed_dates(stated)]


def _qualifier_text(figure: Figure, words: Words) -> str:
    """What the number's bound means, in the source's own word: "The source says “over”.
    Over: the source gives a lower bound; the true value is higher." or "Exact: …"."""
    hedge = figure.hedge.value if figure.hedge else None
    note = fmt.qualifier_note(figure.qualifier, words, figure.wording, hedge)
    if figure.qualifier is Qualifier.EXACT or hedge:
        return note
    if figure.wording:
        return words.text(
            "The source says “{wording}”. {note}", CTX, wording=figure.wording, note=note
        )
    return note


def _scope_text(
    dataset: Dataset, programme_id: str, words: Words, translations: Translations | None
) -> str:
    scope = dataset.programme(programme_id).scope
    if not scope:
        return scope_word("Scope not stated", words)
    try:
        return vocabulary_word("scopes", dataset.scope(scope), words, translations, CTX_SCOPE)
    except KeyError:
        return scope


def find_passage(
    record_id: object,
    dataset: Dataset,
    seeds_dir: Path | str,
    kind: str = FIGURE,
    words: Words | str | None = None,
) -> Passage | None:
    """One-off lookup; the app keeps a ``Provenance`` instead of indexing per request."""
    return Provenance(dataset, seeds_dir).passage(record_id, kind, words)
