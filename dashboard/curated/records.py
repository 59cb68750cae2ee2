"""Typed records: what one curated programme figure, event, programme or source *is*.

These are plain frozen dataclasses with no I/O. ``dashboard.curated.load`` builds them from
``data/*.yaml`` (see ``data/README.md`` for the file format) and ``dashboard.curated.validate``
cross-checks them; everything downstream (frames, charts, exports) reads only these.
"""

from __future__ import annotations

import math
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from enum import StrEnum

from dashboard.curated.flexdate import SEASONS, DatePrecision, FlexDate, day_label  # noqa: F401  (re-exported: records name them)
from dashboard.curated.kinds import Change, Hedge, Unit, UnitKind  # noqa: F401  (re-exported: records name them)
from dashboard.curated.location import Location


class Qualifier(StrEnum):
    """How the source bounds a value: the wording decides, never the curator's guess."""

    EXACT = "exact"  # "720 victims"
    AT_LEAST = "at_least"  # "over £7 million", "more than 24,000"
    AT_MOST = "at_most"  # "up to £1 million"
    APPROX = "approx"  # "nearly £1 million", "around"
    RANGE = "range"  # "between 10,000 and 13,000": value is the low bound, value_high the high one


class Kind(StrEnum):
    REPORTED = "reported"  # achieved, already happened
    COMMITTED = "committed"  # pledged for the period


class PeriodType(StrEnum):
    CUMULATIVE = "cumulative"  # running total over the period ("since 2018")
    COMMITMENT = "commitment"  # promised for the period ("over the next year")
    SPAN = "span"  # happened within the period, not a running total ("between May and July")
    AS_AT = (
        "as_at"  # a level at one point in time ("£200 million has been committed", as at a date)
    )
    YEAR = "year"  # one calendar year ("In 2017 alone")
    FINANCIAL_YEAR = "financial_year"  # one UK financial year, 1 April to 31 March ("2024/25")
    NOT_STATED = (
        "not_stated"  # the span is not stated ("£3m pledged"): only when it was said, as ``as_at``
    )


class EventType(StrEnum):
    """The event types of data written before the vocabulary listed them (``event_types:`` in
    data/vocabulary.yaml). A dataset that declares event types uses its own list instead."""

    DIALOGUE = "dialogue"
    AGREEMENT = "agreement"  # agreements, joint statements, MoUs, action plans
    SUMMIT = "summit"
    CAMPAIGN = "campaign"  # campaign launches
    MINISTERIAL_CALL = "ministerial_call"


class EventStatus(StrEnum):
    HELD = "held"
    PLANNED = "planned"


class TypeId(str):
    """An id from the vocabulary (an event type). ``.value`` keeps callers written for the
    enum it replaces working: ``event.type.value == "agreement"``."""

    @property
    def value(self) -> str:
        return str(self)


@dataclass(frozen=True)
class Period:
    """The span a figure covers. ``*_basis`` says how a date was derived when implied, and
    ``*_precision`` how precisely the document gives it (``start`` is the first day and
    ``end`` the last day of what it names: "2018" starts on 1 January 2018). An ``as_at``
    period is one point in time: ``start`` equals ``end``, and only ``end`` was stated."""

    start: dt.date
    end: dt.date
    type: PeriodType
    start_basis: str | None = None
    end_basis: str | None = None
    start_precision: DatePrecision = DatePrecision.DAY
    end_precision: DatePrecision = DatePrecision.DAY

    def overlaps_years(self, year_from: int, year_to: int) -> bool:
        return self.start <= dt.date(year_to, 12, 31) and self.end >= dt.date(year_from, 1, 1)


@dataclass(frozen=True)
class Metric:
    id: str
    label: str  # "Victims identified"
    unit: str  # a Unit id: every figure of this metric has this unit
    chart: str  # which chart shows it: a metric chart's name (views.charts, ``by_metric``) or none
    description: str = ""
    singular: str = ""  # "victim identified", for "£9,722 per victim identified"
    counts: str = ""  # what one unit is: "potential victims identified in the UK"
    # who counted every figure of the metric ("UK Government"), said of a figure with no counter
    # of its own: a counter true of one programme's figures only goes on those figures
    counted_by: str = ""
    headline: bool = False  # a headline card when no metric filter is set
    ratio: str = ""  # "numerator" (funding) or "denominator" (people) of funding-per-person ratios
    location: Location | None = field(default=None, compare=False)
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Scope:
    """Who funds a programme and where it acts: ``uk_vietnam_bilateral``, ``uk_worldwide``…"""

    id: str
    label: str  # "UK–Vietnam bilateral"
    description: str = ""
    location: Location | None = field(default=None, compare=False)
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class EventTypeDef:
    """One event type of the vocabulary: what a view calls it and how it draws it."""

    id: str
    label: str  # "Visit"
    symbol: str = "circle"  # a plotly marker symbol for the timeline
    description: str = ""
    location: Location | None = field(default=None, compare=False)
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)


LEGACY_EVENT_TYPES = (
    EventTypeDef("dialogue", "Dialogue", "circle"),
    EventTypeDef("agreement", "Agreement", "square"),
    EventTypeDef("summit", "Summit", "star"),
    EventTypeDef("campaign", "Campaign launch", "triangle-up"),
    EventTypeDef("ministerial_call", "Ministerial call", "diamond"),
)
LEGACY_HEADLINE_METRICS = ("funding", "victims_identified", "people_reached", "returns")


@dataclass(frozen=True)
class Programme:
    id: str
    name: str
    funder: str
    partner_country: str
    description: str
    scope: str | None = None  # a Scope id (vocabulary); None is shown as "scope not stated"
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
    published_how: str = (
        "printed"  # printed | inferred | on_or_after | undated (see curated.published)
    )
    title_basis: str | None = None  # how the title was worked out when the document prints none
    publisher_basis: str | None = None
    caveats: tuple[str, ...] = ()  # "The text is cut off mid-sentence."
    accessed: dt.date | None = None
    archive_url: str | None = None
    language: str | None = None  # "en", "vi"
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
    value_high: int | float | None = None  # the high bound of a range; ``value`` is the low one
    committed_on: FlexDate | None = None  # when a pledge was made, apart from the span it funds
    committed_on_basis: str | None = None
    part_of: str | None = None  # a figure id: this amount is a share of that one (never summed)
    same_as: str | None = None  # a figure id: the same figure reported by another document
    updates: str | None = None  # a figure id: a later statement of the same cumulative quantity
    disagrees_with: str | None = None  # a figure id: another document's different value for it
    resolution: str | None = None  # how the curator reads a disagreement; without it, a warning
    change: Change | None = None  # a percentage change: a fall ("cut by 75%") or a rise
    compared_with: str | None = (
        None  # a change's or a multiple's base, as the source gives it (or does not)
    )
    hedge: Hedge | None = None  # "potentially": the source says the value may hold
    counted_by: str | None = None  # who counted this figure, as its document says (see counter)
    location: Location | None = field(default=None, compare=False)
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def bounds(self) -> tuple[float, float]:
        """``(low, high)`` the wording allows: "over 7m" is (7m, inf), "up to 1m" (0, 1m),
        "between 10,000 and 13,000" (10,000, 13,000). "Nearly" and "around" are kept as the
        stated value both ways (``approx``): never widened by a guessed margin."""
        if self.qualifier is Qualifier.AT_LEAST:
            return float(self.value), math.inf
        if self.qualifier is Qualifier.AT_MOST:
            return 0.0, float(self.value)
        if self.qualifier is Qualifier.RANGE and self.value_high is not None:
            return float(self.value), float(self.value_high)
        return float(self.value), float(self.value)

    def relations(self) -> list[tuple[str, str]]:
        """``(relation, target id)`` for each relation the curator declared."""
        return [
            (name, getattr(self, name))
            for name in ("part_of", "same_as", "updates", "disagrees_with")
            if getattr(self, name)
        ]


@dataclass(frozen=True)
class Event:
    id: str
    date: FlexDate
    programme: str
    type: TypeId  # an event type id of the vocabulary
    title: str
    source: str
    quote: str
    status: EventStatus = EventStatus.HELD
    date_basis: str | None = None
    date_inferred: bool = False  # the document does not print this date (or its year): date_basis says how it was worked out
    same_as: str | None = None  # an event id: the same event reported by another document
    disagrees_with: str | None = (
        None  # an event id: the same event, dated differently by another document
    )
    resolution: str | None = None  # how the curator reads the disputed date; without it, a warning
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
    scopes: tuple[Scope, ...] = ()
    event_types: tuple[EventTypeDef, ...] = ()
    units: tuple[Unit, ...] = ()
    metrics: tuple[Metric, ...] = ()
    sources: tuple[Source, ...] = ()
    figures: tuple[Figure, ...] = ()
    events: tuple[Event, ...] = ()
    exclusions: tuple[Exclusion, ...] = ()
    context_statistics: tuple = ()  # context_records.ContextStatistic: background numbers of no programme

    def scope(self, scope_id: str) -> Scope:
        return self._index["scopes"][scope_id]

    def event_type(self, type_id: str) -> EventTypeDef:
        return self._index["event_types"][type_id]

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

    def event(self, event_id: str) -> Event:
        return self._index["events"][event_id]

    def counter(self, figure: Figure) -> str | None:
        """Who counted ``figure``: its own ``counted_by`` (what its document says), else its
        metric's, which says who counted every figure of the metric; None when neither says."""
        return figure.counted_by or self.metric(figure.metric).counted_by or None

    @property
    def known_event_types(self) -> tuple[EventTypeDef, ...]:
        """The vocabulary's event types; data that declares none keeps the five it was written for."""
        return self.event_types or LEGACY_EVENT_TYPES

    def event_type_def(self, type_id: str) -> EventTypeDef:
        return {t.id: t for t in self.known_event_types}.get(type_id) or EventTypeDef(
            type_id, type_id.replace("_", " ").capitalize()
        )

    def headline_metrics(self) -> tuple[str, ...]:
        """Metric ids marked ``headline: true``, in vocabulary order (legacy data: the four it shipped with)."""
        marked = tuple(m.id for m in self.metrics if m.headline)
        if marked or any(m.ratio for m in self.metrics):
            return marked
        return tuple(m for m in LEGACY_HEADLINE_METRICS if m in self._index["metrics"])

    @cached_property
    def _index(self) -> dict[str, dict[str, object]]:
        """Records by key, built once: frames look a programme and a source up per figure.
        With a duplicate key the first record wins (validation reports the duplicate)."""
        index: dict[str, dict[str, object]] = {}
        for section, key in [
            ("programmes", "id"),
            ("scopes", "id"),
            ("event_types", "id"),
            ("units", "id"),
            ("metrics", "id"),
            ("sources", "file"),
            ("figures", "id"),
            ("events", "id"),
        ]:
            by_key: dict[str, object] = {}
            for record in getattr(self, section):
                by_key.setdefault(getattr(record, key), record)
            index[section] = by_key
        return index


def where(record, field_name: str) -> Location:
    """The file:line of one field of a loaded record (the record's own line if unknown)."""
    loc = record.location or Location("<unknown>", 0)
    return Location(loc.path, record.lines.get(field_name, loc.line))
