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

import pandas as pd

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
    # figures or events this one is declared related to: (kind, id, words), each one click away
    related: tuple[tuple[str, str, str], ...] = ()


class Provenance:
    """Every figure and event of a dataset, by id, with the folder of its documents."""

    def __init__(self, dataset: Dataset, seeds_dir: Path | str, *, context_chars: int = CONTEXT_CHARS, figures: pd.DataFrame | None = None):
        self.dataset = dataset
        self.figures = figures  # the figures frame: relations read from it (None: no relations shown)
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
        related = self._related(record_id, kind)
        source = self._sources.get(record.source)
        details += tuple(Detail("Source caveat", c) for c in (getattr(source, "caveats", ()) or ()))
        document = self._document(record.source)
        text = read_seed(self.seeds_dir, record.source)
        span = find_quote(text, record.quote) if text is not None else None
        if text is None or span is None:  # validation guarantees both; a file changed since start-up
            return Passage(kind, record_id, heading, document, "", record.quote, "", details + (
                Detail("Warning", f"The quote is no longer found in {record.source}; the document changed after the dashboard started."),
            ), related)
        start, end = span
        lo, hi = max(0, start - self.context_chars), min(len(text), end + self.context_chars)
        before = ("…" if lo > 0 else "") + text[lo:start]
        after = text[end:hi] + ("…" if hi < len(text) else "")
        return Passage(kind, record_id, heading, document, before, text[start:end], after, details, related)

    def _related(self, record_id: str, kind: str) -> tuple[tuple[str, str, str], ...]:
        """What the curator declared about this record and others: its whole and its parts, the
        other statements of the same quantity (with how they stand), the same event elsewhere."""
        if kind == EVENT:
            event = self._events[record_id]
            group = {e.id for e in self.dataset.events if e.same_as == record_id or e.id == event.same_as}
            return tuple(
                (EVENT, e.id, f"The same event in {e.source}: {e.date.label()}")
                for e in self.dataset.events if e.id in group
            )
        frame = self.figures
        if frame is None or "quantity_group" not in frame or record_id not in set(frame["id"]):
            return ()
        from dashboard.analysis.claims import claim_history

        row = frame.loc[frame["id"] == record_id].iloc[0]
        label = dict(zip(frame["id"], frame["value_label"].astype(str)))
        source = dict(zip(frame["id"], frame["source"].astype(str)))
        out: list[tuple[str, str, str]] = []
        whole = row["part_of"]
        if isinstance(whole, str) and whole in label:
            out.append((FIGURE, whole, f"Part of {label[whole]} ({source[whole]}): a share of it, never added to it"))
        for part in frame.loc[frame["part_of"] == record_id, "id"]:
            out.append((FIGURE, str(part), f"Includes {label[part]} ({source[part]})"))
        roles = {"latest": "Latest statement", "earlier": "Earlier statement, updated by the latest",
                 "same": "The same figure", "disagrees": "Disagrees with the latest"}
        history = claim_history(frame, record_id)
        if len(history) > 1:
            for _, h in history.iterrows():
                if h["id"] != record_id:
                    out.append((FIGURE, str(h["id"]), f"{roles.get(h['claim_role'], h['claim_role'])}: {h['value_label']}, {h['period_label']} ({h['source']})"))
        return tuple(out)

    def _document(self, file: str) -> Document:
        source = self._sources.get(file)
        if source is None:
            return Document(file, file, "Publisher not recorded", "date not recorded", None, None)
        return Document(file, source.title, source.publisher, source.published.label(), source.published_basis, source.url)

    def _figure_details(self, figure: Figure) -> tuple[str, tuple[Detail, ...]]:
        dataset = self.dataset
        unit = dataset.unit(figure.unit)
        metric = dataset.metric(figure.metric)
        value = fmt.format_value(figure.value, figure.qualifier, unit, figure.wording, high=getattr(figure, "value_high", None))
        details = [
            Detail("Value", value + ("" if unit.is_currency else f" {unit.noun or unit.label}")),
            Detail("Qualifier", _qualifier_text(figure)),
            Detail("Status", "Committed: pledged for the period, not yet achieved" if figure.kind.value == "committed" else "Reported: achieved in the period"),
            Detail("Programme", dataset.programme(figure.programme).name),
            Detail("Scope", _scope_label(dataset, figure.programme)),
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
            Detail("Type", self.dataset.event_type_def(str(event.type)).label),
        ]
        if event.date_basis:
            details.insert(1, Detail("Date basis", event.date_basis))
        return event.title, tuple(details)


def _qualifier_text(figure: Figure) -> str:
    """What the number's bound means, in the source's own word: "over (the source says
    “over”): the source gives a lower bound; the true value is higher." or "Exact"."""
    if figure.qualifier is Qualifier.EXACT:
        return "Exact: the source states this number."
    note = fmt.QUALIFIER_NOTES.get(figure.qualifier) or fmt.RANGE_NOTE
    if figure.wording:
        return f"The source says “{figure.wording}”. {note}"
    return note


def _scope_label(dataset: Dataset, programme_id: str) -> str:
    scope = dataset.programme(programme_id).scope
    if not scope:
        return "Scope not stated"
    try:
        return dataset.scope(scope).label
    except KeyError:
        return scope


def find_passage(record_id: object, dataset: Dataset, seeds_dir: Path | str, kind: str = FIGURE) -> Passage | None:
    """One-off lookup; the app keeps a ``Provenance`` instead of indexing per request."""
    return Provenance(dataset, seeds_dir).passage(record_id, kind)
