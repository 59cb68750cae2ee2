"""What changed between two versions of the curated data: figures and events added, removed and
changed, each side with its value as stated (qualifier words included), period and quote.

A version is a ``release`` snapshot: a small JSON-able dict of every figure and event by id
(what ``dashboard release`` writes into ``data/releases/<version>.json``, and what
``snapshot(dataset)`` makes of a folder being compared). ``compare(old, new)`` lists the
differences; ``lines`` says them in words (in the language of ``words``) and ``as_json`` as
data. Nothing here reads files: ``outputs.releases`` does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dashboard.curated.records import Dataset, DatePrecision, Period, PeriodType, Unit
from dashboard.words import Formatter, Words

CTX = "what changed"
FIGURE_FIELDS = (
    "programme",
    "metric",
    "value",
    "value_high",
    "unit",
    "qualifier",
    "wording",
    "kind",
    "period_type",
    "period_start",
    "period_start_precision",
    "period_end",
    "period_end_precision",
    "source",
    "quote",
    "change",
    "hedge",
)
EVENT_FIELDS = ("programme", "type", "title", "date", "date_precision", "status", "source", "quote")
SNAPSHOT_FORMAT = 1  # the layout of a release file; a file of another layout is refused


def _plain(value):
    if isinstance(value, (dt.date,)):
        return value.isoformat()
    return getattr(value, "value", value)  # an enum's value, a string id as itself


def snapshot(dataset: Dataset, version: str = "", released: dt.date | None = None) -> dict:
    """Every figure and event of ``dataset`` by id, as plain JSON values."""
    figures = {}
    for f in dataset.figures:
        p = f.period
        row = {
            "programme": f.programme,
            "metric": f.metric,
            "value": f.value,
            "value_high": f.value_high,
            "unit": f.unit,
            "qualifier": f.qualifier,
            "wording": f.wording,
            "kind": f.kind,
            "period_type": p.type,
            "period_start": p.start,
            "period_start_precision": p.start_precision,
            "period_end": p.end,
            "period_end_precision": p.end_precision,
            "source": f.source,
            "quote": f.quote,
            "change": f.change,
            "hedge": f.hedge,
        }
        figures[f.id] = {k: _plain(v) for k, v in row.items()}
    events = {
        e.id: {
            k: _plain(v)
            for k, v in {
                "programme": e.programme,
                "type": e.type,
                "title": e.title,
                "date": e.date.first_day,
                "date_precision": e.date.precision,
                "status": e.status,
                "source": e.source,
                "quote": e.quote,
            }.items()
        }
        for e in dataset.events
    }
    return {
        "format": SNAPSHOT_FORMAT,
        "version": version,
        "released": released.isoformat() if released else None,
        "figures": figures,
        "events": events,
    }


@dataclass(frozen=True)
class Changed:
    kind: str  # "figure" or "event"
    id: str
    old: dict | None  # the record as it was (None: added)
    new: dict | None  # the record as it is (None: removed)
    fields: tuple[str, ...] = ()  # what differs, for a changed record

    @property
    def status(self) -> str:
        return "added" if self.old is None else "removed" if self.new is None else "changed"


@dataclass(frozen=True)
class Changes:
    figures: tuple[Changed, ...] = ()
    events: tuple[Changed, ...] = ()
    old_version: str = ""
    new_version: str = ""

    def __bool__(self) -> bool:
        return bool(self.figures or self.events)

    def only(self, figure_ids, event_ids=()) -> "Changes":
        """The changes of these figures and events (a view's)."""
        figure_ids, event_ids = set(figure_ids), set(event_ids)
        return Changes(
            tuple(c for c in self.figures if c.id in figure_ids),
            tuple(c for c in self.events if c.id in event_ids),
            self.old_version,
            self.new_version,
        )


def _compare(kind: str, old: dict, new: dict, fields: tuple[str, ...]) -> tuple[Changed, ...]:
    out = []
    for record_id in sorted(set(old) | set(new)):
        before, after = old.get(record_id), new.get(record_id)
        if before is None or after is None:
            out.append(Changed(kind, record_id, before, after))
            continue
        differ = tuple(f for f in fields if before.get(f) != after.get(f))
        if differ:
            out.append(Changed(kind, record_id, before, after, differ))
    order = {"added": 0, "removed": 1, "changed": 2}
    return tuple(sorted(out, key=lambda c: (order[c.status], c.id)))


def compare(old: dict, new: dict) -> Changes:
    """The figures and events added, removed and changed from snapshot ``old`` to ``new``."""
    return Changes(
        _compare("figure", old.get("figures", {}), new.get("figures", {}), FIGURE_FIELDS),
        _compare("event", old.get("events", {}), new.get("events", {}), EVENT_FIELDS),
        old.get("version") or "",
        new.get("version") or "",
    )


# --- in words --------------------------------------------------------------------------------


@dataclass
class Describer:
    """One side of a change in words: ``over £7m · 2018 – Mar 2025, cumulative · “…quote…”``."""

    words: Words
    units: dict[str, Unit] = field(default_factory=dict)

    def figure(self, row: dict) -> str:
        fmt = Formatter(self.words)
        value = fmt.value(
            row["value"],
            row["qualifier"],
            self.units.get(row["unit"]),
            row.get("wording"),
            high=row.get("value_high"),
            change=row.get("change"),
            hedge=row.get("hedge"),
        )
        if row["unit"] not in self.units:
            value = f"{value} {row['unit']}"
        period = Period(
            dt.date.fromisoformat(row["period_start"]),
            dt.date.fromisoformat(row["period_end"]),
            PeriodType(row["period_type"]),
            start_precision=DatePrecision(row["period_start_precision"]),
            end_precision=DatePrecision(row["period_end_precision"]),
        )
        return f"{value} · {fmt.period(period)} · “{row['quote']}”"

    def event(self, row: dict) -> str:
        day = dt.date.fromisoformat(row["date"])
        return f"{Formatter(self.words).date(day, DatePrecision(row['date_precision']))} · {row['title']} · “{row['quote']}”"

    def side(self, change: Changed, row: dict) -> str:
        return self.figure(row) if change.kind == "figure" else self.event(row)


HEADINGS = {
    ("figure", "added"): "Figures added",
    ("figure", "removed"): "Figures removed",
    ("figure", "changed"): "Figures changed",
    ("event", "added"): "Events added",
    ("event", "removed"): "Events removed",
    ("event", "changed"): "Events changed",
}


def change_line(change: Changed, describe: Describer) -> str:
    """``id: old → new`` for a changed record, ``id: record`` for an added or removed one."""
    if change.status == "changed":
        return describe.words.text(
            "{id} ({fields}): {old} → {new}",
            CTX,
            id=change.id,
            fields=", ".join(change.fields),
            old=describe.side(change, change.old),
            new=describe.side(change, change.new),
        )
    return f"{change.id}: {describe.side(change, change.new or change.old)}"


def lines(changes: Changes, words: Words, units: dict[str, Unit] | None = None) -> list[str]:
    """The changes grouped (figures added, removed, changed; then events), one line each."""
    describe = Describer(words, units or {})
    say = words.text
    if not changes:
        return [str(say("No figure or event changed.", CTX))]
    out: list[str] = []
    for kind, found in (("figure", changes.figures), ("event", changes.events)):
        for status in ("added", "removed", "changed"):
            group = [c for c in found if c.status == status]
            if group:
                out.append(f"{say(HEADINGS[kind, status], CTX)} ({words.integer(len(group))}):")
                out += ["  " + str(change_line(c, describe)) for c in group]
    return out


def as_json(changes: Changes) -> dict:
    """The changes as data: per kind, the records added and removed and, for each changed one,
    each differing field's old and new value."""

    def kind_json(found: tuple[Changed, ...]) -> dict:
        return {
            "added": {c.id: c.new for c in found if c.status == "added"},
            "removed": {c.id: c.old for c in found if c.status == "removed"},
            "changed": {
                c.id: {f: {"old": c.old.get(f), "new": c.new.get(f)} for f in c.fields}
                for c in found
                if c.status == "changed"
            },
        }

    return {
        "from": changes.old_version,
        "to": changes.new_version,
        "figures": kind_json(changes.figures),
        "events": kind_json(changes.events),
    }


def units_of(*datasets: Dataset) -> dict[str, Unit]:
    """Unit id → unit of every dataset given (the later one wins)."""
    return {u.id: u for d in datasets if d is not None for u in d.units}


__all__ = ["Changed", "Changes", "as_json", "compare", "lines", "snapshot", "units_of"]
