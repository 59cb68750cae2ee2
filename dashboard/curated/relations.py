"""Relations the curator declares between figures (and events), checked, never inferred.

- ``part_of: <id>``: this amount is a share of that one ("This includes the £33.5 million
  fund" of "£200 million"); the two are never added up.
- ``same_as: <id>``: the same figure (or event) reported by another document; shown once
  with every source.
- ``updates: <id>``: a later statement of the same cumulative quantity; the latest leads
  and the history stays. "Later" means the later source publication date, then the later
  period end (``statement_order``).
- ``disagrees_with: <id>``: another document gives a different value for the same
  quantity; both are kept, never averaged. ``resolution:`` says how the curator reads it.

``relation_problems`` are errors (a missing target, a cycle, a part larger than its whole,
relations across metrics or units, an update that is not later); ``relation_warnings`` are
``DataWarning`` values (a disagreement without a resolution, and figures that look related
but have no relation declared).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from dashboard.curated.problems import DataWarning, Problem
from dashboard.curated.records import Dataset, Event, Figure, Qualifier, where

RELATIONS = ("part_of", "same_as", "updates", "disagrees_with")
_SAME_METRIC = {"same_as", "updates", "disagrees_with"}  # part_of may cross metrics of one unit


def statement_order(figure: Figure, dataset: Dataset) -> tuple[dt.date, dt.date]:
    """The key "latest" sorts by: the source's publication date, then the period end."""
    try:
        source = dataset.source(figure.source)
        published = dt.date.min if source.published_how == "undated" else source.published.first_day  # never the latest
    except KeyError:
        published = dt.date.min
    return published, figure.period.end


def relation_problems(dataset: Dataset) -> list[Problem]:
    problems: list[Problem] = []
    figures = {f.id: f for f in dataset.figures}
    for figure in dataset.figures:
        for name, target_id in figure.relations():
            target = figures.get(target_id)
            if target_id == figure.id:
                problems.append(Problem(where(figure, name), name, "a figure cannot relate to itself; name another figure's id", "relation-self"))
                continue
            if target is None:
                problems.append(Problem(where(figure, name), name, f"no figure has the id {target_id!r}; use the id of the figure this one relates to", "relation-target"))
                continue
            problems += _pair_problems(figure, name, target, dataset)
        if figure.resolution and not figure.disagrees_with:
            problems.append(Problem(where(figure, "resolution"), "resolution", "a resolution belongs with `disagrees_with:`; add it or remove the resolution", "relation-resolution"))
    for name in ("part_of", "updates"):
        problems += _cycle_problems(dataset.figures, name)
    events = {e.id for e in dataset.events}
    for event in dataset.events:
        if event.same_as == event.id:
            problems.append(Problem(where(event, "same_as"), "same_as", "an event cannot be the same as itself; name another event's id", "relation-self"))
        elif event.same_as and event.same_as not in events:
            problems.append(Problem(where(event, "same_as"), "same_as", f"no event has the id {event.same_as!r}; use the id of the same event from another document", "relation-target"))
    return problems


def _pair_problems(figure: Figure, name: str, target: Figure, dataset: Dataset) -> list[Problem]:
    at = where(figure, name)
    if figure.unit != target.unit:
        return [Problem(at, name, f"{figure.id} is in {figure.unit} but {target.id} is in {target.unit}; a relation joins figures of one unit", "relation-unit")]
    if name in _SAME_METRIC and figure.metric != target.metric:
        return [Problem(at, name, f"{figure.id} is {figure.metric} but {target.id} is {target.metric}; `{name}` joins statements of one metric", "relation-metric")]
    if name == "part_of" and Qualifier.APPROX not in (figure.qualifier, target.qualifier):
        # "nearly £1m" has no strict bound, so only stated bounds can rule a part out
        part_low, _ = figure.bounds
        _, whole_high = target.bounds
        if part_low > whole_high:
            return [Problem(at, name, f"{figure.id} ({figure.value:,}) is larger than its whole {target.id} ({whole_high:,.0f}); check the values or the relation", "part-larger")]
    if name == "updates" and statement_order(figure, dataset) <= statement_order(target, dataset):
        if statement_order(figure, dataset) == statement_order(target, dataset):
            advice = "neither is later (same publication date and period end): use same_as or disagrees_with instead"
        else:
            advice = "swap the relation"
        return [Problem(at, name, f"{figure.id} is not later than {target.id} (by source publication date, then period end); {advice}", "update-not-later")]
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
            problems.append(Problem(where(by_id[start], name), name, f"a cycle: {chain}; a relation must lead somewhere else", "relation-cycle"))
    return problems


def related_groups(figures: tuple[Figure, ...] | list[Figure], names: tuple[str, ...] = RELATIONS) -> dict[str, str]:
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


def event_groups(events: tuple[Event, ...] | list[Event]) -> dict[str, str]:
    """Event id → the id of the first event of its ``same_as`` group (one marker per group)."""
    parent = {e.id: e.id for e in events}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for e in events:
        if e.same_as in parent and find(e.same_as) != find(e.id):
            a, b = sorted((find(e.id), find(e.same_as)))
            parent[b] = a
    return {e.id: find(e.id) for e in events}


def relation_warnings(dataset: Dataset) -> list[DataWarning]:
    found: list[DataWarning] = []
    for figure in dataset.figures:
        if figure.disagrees_with and not figure.resolution:
            found.append(DataWarning(
                where(figure, "disagrees_with"), "disagrees_with",
                f"{figure.id} and {figure.disagrees_with} disagree and no `resolution:` says how to read them; both are shown",
                "unresolved-disagreement",
            ))
    group = related_groups(dataset.figures)
    by_key: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for figure in dataset.figures:
        by_key[(figure.programme, figure.metric)].append(figure)
    for members in by_key.values():
        for i, b in enumerate(members):
            # One warning per figure, naming the first earlier figure it may relate to and
            # how many more there are: a long list of pairs would hide the point.
            unrelated = [a for a in members[:i] if _looks_related(a, b) and group.get(a.id) != group.get(b.id)]
            if unrelated:
                a = unrelated[0]
                more = f" (and {len(unrelated) - 1} more)" if len(unrelated) > 1 else ""
                found.append(DataWarning(
                    where(b, "id"), "relations",
                    f"{b.id} and {a.id} ({where(a, 'id')}){more} are {a.programme} {a.metric} over overlapping periods with "
                    "different values and no relation; declare part_of, same_as, updates or disagrees_with if one holds",
                    "undeclared-relation",
                ))
    return found


def _looks_related(a: Figure, b: Figure) -> bool:
    """Same kind, overlapping periods, different values: one may restate, update, contain
    or contradict the other (programme and metric are already the same)."""
    overlap = a.period.start <= b.period.end and b.period.start <= a.period.end
    differs = (a.value, a.value_high, a.qualifier) != (b.value, b.value_high, b.qualifier)
    return overlap and differs and a.kind == b.kind
