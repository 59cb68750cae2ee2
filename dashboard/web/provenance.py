"""Where a number comes from: a figure or event id → its source document, split around the
quoted sentence so the page can highlight it, plus what a reader needs to quote it safely
(value as the source words it, what its qualifier means, the period and how implied dates
were derived).

``Provenance`` indexes a dataset once at start-up; ``passage`` never raises for an id it
does not know (a click from a forged request) and returns None instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dashboard.analysis import fmt
from dashboard.curated.records import Dataset, Event, Figure, Qualifier
from dashboard.curated.seeds import find_quote, read_seed

FIGURE, EVENT = "figure", "event"
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


class Provenance:
    """Every figure and event of a dataset, by id, with the folder of its documents."""

    def __init__(self, dataset: Dataset, seeds_dir: Path | str, *, context_chars: int = CONTEXT_CHARS):
        self.dataset = dataset
        self.seeds_dir = Path(seeds_dir)
        self.context_chars = context_chars
        self._figures = {f.id: f for f in dataset.figures}
        self._events = {e.id: e for e in dataset.events}
        self._sources = {s.file: s for s in dataset.sources}

    def passage(self, record_id: object, kind: str = FIGURE) -> Passage | None:
        """The source passage of figure (or event) ``record_id``; None when unknown."""
        if not isinstance(record_id, str):
            return None
        if kind == FIGURE and record_id in self._figures:
            record: Figure | Event = self._figures[record_id]
            heading, details = self._figure_details(record)
        elif kind == EVENT and record_id in self._events:
            record = self._events[record_id]
            heading, details = self._event_details(record)
        else:
            return None
        document = self._document(record.source)
        text = read_seed(self.seeds_dir, record.source)
        span = find_quote(text, record.quote) if text is not None else None
        if text is None or span is None:  # validation guarantees both; a file changed since start-up
            return Passage(kind, record_id, heading, document, "", record.quote, "", details + (
                Detail("Warning", f"The quote is no longer found in {record.source}; the document changed after the dashboard started."),
            ))
        start, end = span
        lo, hi = max(0, start - self.context_chars), min(len(text), end + self.context_chars)
        before = ("…" if lo > 0 else "") + text[lo:start]
        after = text[end:hi] + ("…" if hi < len(text) else "")
        return Passage(kind, record_id, heading, document, before, text[start:end], after, details)

    def _document(self, file: str) -> Document:
        source = self._sources.get(file)
        if source is None:
            return Document(file, file, "Publisher not recorded", "date not recorded", None, None)
        return Document(file, source.title, source.publisher, source.published.label(), source.published_basis, source.url)

    def _figure_details(self, figure: Figure) -> tuple[str, tuple[Detail, ...]]:
        dataset = self.dataset
        unit = dataset.unit(figure.unit)
        metric = dataset.metric(figure.metric)
        value = fmt.format_value(figure.value, figure.qualifier, unit, figure.wording)
        details = [
            Detail("Value", value + ("" if unit.is_currency else f" {unit.noun or unit.label}")),
            Detail("Qualifier", _qualifier_text(figure)),
            Detail("Status", "Committed: pledged for the period, not yet achieved" if figure.kind.value == "committed" else "Reported: achieved in the period"),
            Detail("Programme", dataset.programme(figure.programme).name),
            Detail("Period", fmt.format_period(figure.period)),
        ]
        if figure.period.start_basis:
            details.append(Detail("Start date", figure.period.start_basis))
        if figure.period.end_basis:
            details.append(Detail("End date", figure.period.end_basis))
        if figure.note:
            details.append(Detail("Note", figure.note))
        return f"{metric.label}: {value}", tuple(details)

    def _event_details(self, event: Event) -> tuple[str, tuple[Detail, ...]]:
        details = [
            Detail("Date", event.date.label()),
            Detail("Status", "Planned" if event.status.value == "planned" else "Held"),
            Detail("Programme", self.dataset.programme(event.programme).name),
            Detail("Type", event.type.value.replace("_", " ").capitalize()),
        ]
        if event.date_basis:
            details.insert(1, Detail("Date basis", event.date_basis))
        return event.title, tuple(details)


def _qualifier_text(figure: Figure) -> str:
    """What the number's bound means, in the source's own word: "over (the source says
    “over”): the source gives a lower bound; the true value is higher." or "Exact"."""
    if figure.qualifier is Qualifier.EXACT:
        return "Exact: the source states this number."
    note = fmt.QUALIFIER_NOTES[figure.qualifier]
    if figure.wording:
        return f"The source says “{figure.wording}”. {note}"
    return note


def find_passage(record_id: object, dataset: Dataset, seeds_dir: Path | str, kind: str = FIGURE) -> Passage | None:
    """One-off lookup; the app keeps a ``Provenance`` instead of indexing per request."""
    return Provenance(dataset, seeds_dir).passage(record_id, kind)
