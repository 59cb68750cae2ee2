"""Typed records: what one curated programme figure, event, programme or source *is*.

These are plain frozen dataclasses with no I/O. ``dashboard.curated.load`` builds them from
``data/*.yaml`` (see ``data/README.md`` for the file format) and ``dashboard.curated.validate``
cross-checks them; everything downstream (frames, charts, exports) reads only these.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from enum import StrEnum


@dataclass(frozen=True, order=True)
class Location:
    """Where a record or a field was written: a file and a 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


class Qualifier(StrEnum):
    """How the source bounds a value: the wording decides, never the curator's guess."""

    EXACT = "exact"  # "720 victims"
    AT_LEAST = "at_least"  # "over £7 million", "more than 24,000"
    AT_MOST = "at_most"  # "up to £1 million"
    APPROX = "approx"  # "nearly £1 million", "around"


class Kind(StrEnum):
    REPORTED = "reported"  # achieved, already happened
    COMMITTED = "committed"  # pledged for the period


class PeriodType(StrEnum):
    CUMULATIVE = "cumulative"  # running total over the period ("since 2018")
    COMMITMENT = "commitment"  # promised for the period ("over the next year")


class EventType(StrEnum):
    DIALOGUE = "dialogue"
    AGREEMENT = "agreement"  # agreements, joint statements, MoUs, action plans
    SUMMIT = "summit"
    CAMPAIGN = "campaign"  # campaign launches
    MINISTERIAL_CALL = "ministerial_call"


class EventStatus(StrEnum):
    HELD = "held"
    PLANNED = "planned"


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, order=True)
class FlexDate:
    """A date known to a day, a month or only a year (``2025-03-31``, ``2025-04``, ``2018``)."""

    first_day: dt.date
    precision: DatePrecision = DatePrecision.DAY

    @property
    def last_day(self) -> dt.date:
        d = self.first_day
        if self.precision is DatePrecision.YEAR:
            return dt.date(d.year, 12, 31)
        if self.precision is DatePrecision.MONTH:
            return dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
        return d

    def __str__(self) -> str:
        d = self.first_day
        if self.precision is DatePrecision.YEAR:
            return f"{d.year}"
        if self.precision is DatePrecision.MONTH:
            return f"{d.year}-{d.month:02d}"
        return d.isoformat()

    def label(self) -> str:
        """Human wording: ``31 Mar 2025``, ``Apr 2025``, ``2018``."""
        d = self.first_day
        if self.precision is DatePrecision.YEAR:
            return f"{d.year}"
        if self.precision is DatePrecision.MONTH:
            return d.strftime("%b %Y")
        return f"{d.day} {d.strftime('%b %Y')}"


@dataclass(frozen=True)
class Period:
    """The span a figure covers. ``*_basis`` says how a date was derived when implied."""

    start: dt.date
    end: dt.date
    type: PeriodType
    start_basis: str | None = None
    end_basis: str | None = None

    def overlaps_years(self, year_from: int, year_to: int) -> bool:
        return self.start <= dt.date(year_to, 12, 31) and self.end >= dt.date(year_from, 1, 1)


@dataclass(frozen=True)
class Unit:
    id: str
    label: str  # "pounds sterling"
    prefix: str = ""  # "£"
    noun: str = ""  # "people"; empty for currencies
    location: Location | None = field(default=None, compare=False)
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_currency(self) -> bool:
        return bool(self.prefix)


@dataclass(frozen=True)
class Metric:
    id: str
    label: str  # "Victims identified"
    unit: str  # a Unit id: every figure of this metric has this unit
    chart: str  # which chart shows it: funding | people | returns | none
    description: str = ""
    singular: str = ""  # "victim identified", for "£9,722 per victim identified"
    location: Location | None = field(default=None, compare=False)
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Programme:
    id: str
    name: str
    funder: str
    partner_country: str
    description: str
    location: Location | None = field(default=None, compare=False)
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Source:
    """A document in ``seeds/``: what figures cite, and what chart footers name."""

    file: str
    title: str
    publisher: str
    published: FlexDate
    published_basis: str | None = None
    url: str | None = None
    location: Location | None = field(default=None, compare=False)
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def citation(self) -> str:
        """``UK and Vietnam sign agreement… — Home Office, Apr 2025``"""
        return f"{self.title} — {self.publisher}, {self.published.label()}"


@dataclass(frozen=True)
class Figure:
    id: str
    programme: str
    metric: str
    value: int | float  # base units: 7000000, never "7 million"
    unit: str
    qualifier: Qualifier
    kind: Kind
    period: Period
    source: str  # a file name in seeds/
    quote: str  # shortest verbatim span of the source stating the figure
    wording: str | None = None  # the source's own qualifier words: "over", "up to", "nearly"
    note: str | None = None
    location: Location | None = field(default=None, compare=False)
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Event:
    id: str
    date: FlexDate
    programme: str
    type: EventType
    title: str
    source: str
    quote: str
    status: EventStatus = EventStatus.HELD
    date_basis: str | None = None
    location: Location | None = field(default=None, compare=False)
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Exclusion:
    """A number in a seed that is deliberately *not* a programme figure, and why."""

    source: str
    quote: str
    reason: str
    location: Location | None = field(default=None, compare=False)
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Dataset:
    programmes: tuple[Programme, ...] = ()
    units: tuple[Unit, ...] = ()
    metrics: tuple[Metric, ...] = ()
    sources: tuple[Source, ...] = ()
    figures: tuple[Figure, ...] = ()
    events: tuple[Event, ...] = ()
    exclusions: tuple[Exclusion, ...] = ()

    def programme(self, programme_id: str) -> Programme:
        return self._index["programmes"][programme_id]

    def unit(self, unit_id: str) -> Unit:
        return self._index["units"][unit_id]

    def metric(self, metric_id: str) -> Metric:
        return self._index["metrics"][metric_id]

    def source(self, file: str) -> Source:
        return self._index["sources"][file]

    def figure(self, figure_id: str) -> Figure:
        return self._index["figures"][figure_id]

    @cached_property
    def _index(self) -> dict[str, dict[str, object]]:
        """Records by key, built once: frames look a programme and a source up per figure.
        With a duplicate key the first record wins (validation reports the duplicate)."""
        index: dict[str, dict[str, object]] = {}
        for section, key in [("programmes", "id"), ("units", "id"), ("metrics", "id"), ("sources", "file"), ("figures", "id")]:
            by_key: dict[str, object] = {}
            for record in getattr(self, section):
                by_key.setdefault(getattr(record, key), record)
            index[section] = by_key
        return index


def where(record, field_name: str) -> Location:
    """The file:line of one field of a loaded record (the record's own line if unknown)."""
    loc = record.location or Location("<unknown>", 0)
    return Location(loc.path, record.lines.get(field_name, loc.line))

