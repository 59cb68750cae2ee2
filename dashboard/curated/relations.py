"""Relations the curator declares between figures (and events), checked, never inferred.

- ``part_of: <id>``: this amount is a share of that one ("This includes the £33.5 million
  fund" of "£200 million"); the two are never added up.
- ``same_as: <id>``: the same figure (or event) reported by another document; shown once
  with every source.
- ``updates: <id>``: a later statement of the same cumulative quantity; the latest leads
  and the history stays. "Later" means a source publication date wholly after the other's
  (a month-precision date is not later than a day inside that month), else the later
  period end (``later``).
- ``disagrees_with: <id>``: another document gives a different value for the same
  quantity; both are kept, never averaged. ``resolution:`` says how the curator reads it.

``relation_problems`` are errors (a missing target, a cycle, a part larger than its whole,
relations across metrics or units, an update that is not later); ``relation_warnings`` are
``DataWarning`` values (a disagreement without a resolution, and figures that look related
but have no relation declared).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict

from dashboard.curated.fields import FieldError, flex_date
from dashboard.curated.problems import DataWarning, Problem
from dashboard.curated.records import (
    DatePrecision,
    Dataset,
    Event,
    FlexDate,
    Figure,
    Qualifier,
    where,
)

RELATIONS = ("part_of", "same_as", "updates", "disagrees_with")
_SAME_METRIC = {"same_as", "updates", "disagrees_with"}  # part_of may cross metrics of one unit


def statement_order(figure: Figure, dataset: Dataset) -> tuple[FlexDate | None, dt.date]:
    """What "later" compares (``later``): the source's publication date, at its precision,
    then the period end."""
    try:
        source = dataset.source(figure.source)
        # an undated document is never the later statement: its date is taken as before any other
        published = FlexDate(dt.date.min) if source.published_how == "undated" else source.published
    except KeyError:
        published = None
    return published, figure.period.end


def interval_order(a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None) -> int:
    """1 when ``a`` (first day, last day) is wholly after ``b``, -1 when wholly before, 0 when
    they overlap or either is unknown: "Apr 2025" is neither before nor after "2 Apr 2025"
    (a month is not its first day at midnight)."""
    if a is None or b is None:
        return 0
    return 1 if a[0] > b[1] else -1 if a[1] < b[0] else 0


def later(a: tuple[FlexDate | None, dt.date], b: tuple[FlexDate | None, dt.date]) -> int:
    """1 when statement ``a`` is later than ``b`` (``statement_order`` of each), -1 when
    earlier, 0 when neither can be said: a publication date wholly after the other's, else
    (dates that overlap) the later period end."""
    by_published = interval_order(*((d.first_day, d.last_day) if d else None for d in (a[0], b[0])))
    if by_published:
        return by_published
    return (a[1] > b[1]) - (a[1] < b[1])


def published_interval(text: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a publication date written as ``FlexDate`` writes it
    (``2025-04-02``, ``2025-04``, ``2025-Q2``, ``2025-spring``, ``2025``); None when unknown."""
    found = _published(text) if isinstance(text, str) else None
    return (found.first_day, found.last_day) if found else None


@functools.lru_cache(
    maxsize=4096
)  # a dataset has a few publication dates, asked for every statement
def _published(text: str) -> FlexDate | None:
    try:
        if len(text) == 10:
            return FlexDate(dt.date.fromisoformat(text), DatePrecision.DAY)
        return flex_date(int(text) if text.isdigit() else text)
    except (ValueError, FieldError):
        return None


def relation_problems(dataset: Dataset) -> list[Problem]:
    problems: list[Problem] = []
    figures = {f.id: f for f in dataset.figures}
    for figure in dataset.figures:
        for name, target_id in figure.relations():
            target = figures.get(target_id)
            if target_id == figure.id:
                problems.append(
                    Problem(
                        where(figure, name),
                        name,
                        "a figure cannot relate to itself; name another figure's id",
                        "relation-self",
                    )
                )
                continue
            if target is None:
                problems.append(
                    Problem(
                        where(figure, name),
                        name,
                        f"no figure has the id {target_id!r}; use the id of the figure this one relates to",
                        "relation-target",
                    )
                )
                continue
            problems += _pair_problems(figure, name, target, dataset)
        if figure.resolution and not figure.disagrees_with:
            problems.append(
                Problem(
                    where(figure, "resolution"),
                    "resolution",
                    "a resolution belongs with `disagrees_with:`; add it or remove the resolution",
                    "relation-resolution",
                )
            )
    for name in ("part_of", "updates"):
        problems += _cycle_problems(dataset.figures, name)
    return problems + event_relation_problems(dataset)


def event_relation_problems(dataset: Dataset) -> list[Problem]:
    """``same_as`` and ``disagrees_with`` between events: each names another event; a
    disagreement is about the date, so the two dates must differ (the same date is
    ``same_as``), and a ``resolution`` goes only with a disagreement."""
    problems: list[Problem] = []
    events = {e.id: e for e in dataset.events}
    for event in dataset.events:
        for name in ("same_as", "disagrees_with"):
            target_id = getattr(event, name)
            if not target_id:
                continue
            at = where(event, name)
            target = events.get(target_id)
            if target_id == event.id:
                problems.append(
                    Problem(
                        at,
                        name,
                        "an event cannot relate to itself; name another event's id",
                        "relation-self",
                    )
                )
            elif target is None:
                problems.append(
                    Problem(
                        at,
                        name,
                        f"no event has the id {target_id!r}; use the id of the same event from another document",
                        "relation-target",
                    )
                )
            elif name == "disagrees_with" and target.date == event.date:
                problems.append(
                    Problem(
                        at,
                        name,
                        f"{event.id} and {target_id} give the same date ({event.date.label()}); "
                        "use same_as for the same event on the same date",
                        "event-dates-agree",
                    )
                )
        if event.resolution and not event.disagrees_with:
            problems.append(
                Problem(
                    where(event, "resolution"),
                    "resolution",
                    "a resolution belongs with `disagrees_with:`; add it or remove the resolution",
                    "relation-resolution",
                )
            )
    return problems


def _pair_problems(figure: Figure, name: str, target: Figure, dataset: Dataset) -> list[Problem]:
    at = where(figure, name)
    if figure.unit != target.unit:
        return [
            Problem(
                at,
                name,
                f"{figure.id} is in {figure.unit} but {target.id} is in {target.unit}; a relation joins figures of one unit",
                "relation-unit",
            )
        ]
    if name in _SAME_METRIC and figure.metric != target.metric:
        return [
            Problem(
                at,
                name,
                f"{figure.id} is {figure.metric} but {target.id} is {target.metric}; `{name}` joins statements of one metric",
                "relation-metric",
            )
        ]
    if name == "part_of" and Qualifier.APPROX not in (figure.qualifier, target.qualifier):
        # "nearly £1m" has no strict bound, so only stated bounds can rule a part out
        part_low, _ = figure.bounds
        _, whole_high = target.bounds
        if part_low > whole_high:
            return [
                Problem(
                    at,
                    name,
                    f"{figure.id} ({figure.value:,}) is larger than its whole {target.id} ({whole_high:,.0f}); check the values or the relation",
                    "part-larger",
                )
            ]
    order = later(statement_order(figure, dataset), statement_order(target, dataset))
    if name == "updates" and order <= 0:
        if order == 0:
            advice = (
                "neither is later (publication dates that overlap, such as Apr 2025 and 2 Apr 2025, and the same "
                "period end): use same_as or disagrees_with instead, or date the sources more precisely"
            )
        else:
            advice = "swap the relation"
        return [
            Problem(
                at,
                name,
                f"{figure.id} is not later than {target.id} (by source publication date, then period end); {advice}",
                "update-not-later",
            )
        ]
    return []


def _cycle_problems(figures: tuple[Figure, ...], name: str) -> list[Problem]:
    """A chain of ``part_of`` (or ``updates``) that comes back to where it started."""
    edges = {f.id: getattr(f, name) for f in figures if getattr(f, name)}
    by_id = {f.id: f for f in figures}
    problems, reported = [], set()
    for start in edges:
        seen, node = [], start
        while node in edges and node not in seen:
            seen.append(node)
            node = edges[node]
        if node == start and start not in reported:
            reported.update(seen)
            chain = " → ".join([*seen, start])
            problems.append(
                Problem(
                    where(by_id[start], name),
                    name,
                    f"a cycle: {chain}; a relation must lead somewhere else",
                    "relation-cycle",
                )
            )
    return problems


def related_groups(
    figures: tuple[Figure, ...] | list[Figure], names: tuple[str, ...] = RELATIONS
) -> dict[str, str]:
    """Figure id → the smallest id of its group, joining figures by the given relations."""
    parent = {f.id: f.id for f in figures}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for f in figures:
        for name, target in f.relations():
            if name in names and target in parent:
                a, b = sorted((find(f.id), find(target)))
                parent[b] = a
    return {f.id: find(f.id) for f in figures}


def disputed_dates(stated: list[tuple[FlexDate, str]]) -> list[tuple[FlexDate, list[str]]]:
    """The dates documents give one event (each ``(date, who gives it)``), when two of them
    cannot both hold: each distinct date, earliest first, with everyone who gives it; a date
    that agrees with a more precise one ("Nov 2018" beside "21 Nov 2018") is left out, the
    precise one speaks for it. Empty when every date agrees."""
    given: dict[FlexDate, list[str]] = {}
    for date, who in stated:
        if who not in given.setdefault(date, []):
            given[date].append(who)
    spans = {d: (d.first_day, d.last_day) for d in given}
    if not any(
        interval_order(spans[a], spans[b])
        for i, a in enumerate(given)
        for b in list(given)[i + 1 :]
    ):
        return []

    def covers_finer(d: FlexDate) -> bool:
        return any(
            o != d
            and not interval_order(spans[d], spans[o])
            and (o.last_day - o.first_day) < (d.last_day - d.first_day)
            for o in given
        )

    return [(d, given[d]) for d in sorted(given) if not covers_finer(d)]


def event_groups(events: tuple[Event, ...] | list[Event]) -> dict[str, str]:
    """Event id → the id of the first event of its group: one event reported by several
    documents, joined by ``same_as`` or, when they date it differently, ``disagrees_with``
    (one marker per group, every date kept)."""
    parent = {e.id: e.id for e in events}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for e in events:
        for other in (e.same_as, e.disagrees_with):
            if other in parent and find(other) != find(e.id):
                a, b = sorted((find(e.id), find(other)))
                parent[b] = a
    return {e.id: find(e.id) for e in events}


def relation_warnings(dataset: Dataset) -> list[DataWarning]:
    found: list[DataWarning] = []
    for figure in dataset.figures:
        if figure.disagrees_with and not figure.resolution:
            found.append(
                DataWarning(
                    where(figure, "disagrees_with"),
                    "disagrees_with",
                    f"{figure.id} and {figure.disagrees_with} disagree and no `resolution:` says how to read them; both are shown",
                    "unresolved-disagreement",
                )
            )
    events = {e.id: e for e in dataset.events}
    for event in dataset.events:
        target = events.get(event.same_as or "")
        if target and interval_order(
            (event.date.first_day, event.date.last_day),
            (target.date.first_day, target.date.last_day),
        ):
            found.append(
                DataWarning(
                    where(event, "same_as"),
                    "same_as",
                    f"{event.id} ({event.date.label()}) and {target.id} ({target.date.label()}) are the same event on dates that "
                    "cannot both hold; both dates are shown: declare disagrees_with with a resolution saying which to read",
                    "same-event-dated-differently",
                )
            )
        if event.disagrees_with and not event.resolution:
            found.append(
                DataWarning(
                    where(event, "disagrees_with"),
                    "disagrees_with",
                    f"{event.id} and {event.disagrees_with} date one event differently and no `resolution:` says how to read them; both dates are shown",
                    "unresolved-disagreement",
                )
            )
    group = related_groups(dataset.figures)
    by_key: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for figure in dataset.figures:
        by_key[(figure.programme, figure.metric)].append(figure)
    for members in by_key.values():
        for i, b in enumerate(members):
            # One warning per figure, naming the first earlier figure it may relate to and
            # how many more there are: a long list of pairs would hide the point.
            unrelated = [
                a
                for a in members[:i]
                if _looks_related(a, b) and group.get(a.id) != group.get(b.id)
            ]
            if unrelated:
                a = unrelated[0]
                more = f" (and {len(unrelated) - 1} more)" if len(unrelated) > 1 else ""
                found.append(
                    DataWarning(
                        where(b, "id"),
                        "relations",
                        f"{b.id} and {a.id} ({where(a, 'id')}){more} are {a.programme} {a.metric} over overlapping periods with "
                        "different values and no relation; declare part_of, same_as, updates or disagrees_with if one holds",
                        "undeclared-relation",
                    )
                )
    return found


def _looks_related(a: Figure, b: Figure) -> bool:
    """Same kind, overlapping periods, different values: one may restate, update, contain
    or contradict the other (programme and metric are already the same)."""
    overlap = a.period.start <= b.period.end and b.period.start <= a.period.end
    differs = (a.value, a.value_high, a.qualifier) != (b.value, b.value_high, b.qualifier)
    return overlap and differs and a.kind == b.kind
