"""The words of a source passage: a figure's or an event's labelled details and its document,
in one language (``RecordWords``), as the source dialog lists them. Part of ``provenance``.

Labels come from the catalogue, names and notes from ``data/i18n`` (the English, marked
untranslated, where none is curated), numbers and dates through the Formatter.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.analysis import fmt
from dashboard.analysis.eventstatus import passed_unrecorded
from dashboard.analysis.sourcedate import event_date, source_date
from dashboard.curated.records import Dataset, Event, Figure, Qualifier
from dashboard.curated.translations import Translations
from dashboard.words import Formatter, Words
from dashboard.words.kinds import has_own_words
from dashboard.words.names import name
from dashboard.views.charts.texts import PASSED_NOTE
from dashboard.views.labels import disputed_date
from dashboard.views.language import CTX_EVENT_TYPE, CTX_SCOPE, scope_word, shown, vocabulary_word

CTX = "source dialog"


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
class RecordWords:
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
