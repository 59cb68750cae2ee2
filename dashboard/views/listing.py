"""What there is to choose from: the programme, metric, scope and chart ids a filter, a link
or ``dashboard export`` takes, each with its name and how many figures (and events) it holds.

``dashboard list programmes|metrics|scopes|charts`` prints these rows; ``resolve`` turns what
a user typed (an id, or a name written out) into ids, or says which ids there are.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from dashboard.curated.records import Dataset
from dashboard.words import Words

CTX = "cli"  # the words of the dashboard command
KINDS = ("programmes", "metrics", "scopes", "charts")


@dataclass(frozen=True)
class Row:
    id: str
    name: str
    figures: int | None  # None for the timeline, which draws only events
    events: int | None = None  # programmes, scopes and the timeline say how many events they hold


def rows(kind: str, dataset: Dataset) -> list[Row]:
    """Every id of ``kind`` in the data, in the data's order, with its name and counts."""
    figures = Counter(f.programme for f in dataset.figures)
    events = Counter(e.programme for e in dataset.events)
    if kind == "programmes":
        return [Row(p.id, p.name, figures[p.id], events[p.id]) for p in dataset.programmes]
    if kind == "metrics":
        per_metric = Counter(f.metric for f in dataset.figures)
        return [Row(m.id, m.label, per_metric[m.id]) for m in dataset.metrics]
    if kind == "scopes":
        scope_of = {p.id: p.scope for p in dataset.programmes}
        per_scope = Counter(scope_of.get(f.programme) for f in dataset.figures)
        events_per_scope = Counter(scope_of.get(e.programme) for e in dataset.events)
        return [Row(s.id, s.label, per_scope[s.id], events_per_scope[s.id]) for s in dataset.scopes]
    if kind == "charts":
        from dashboard.views.charts import CHARTS

        chart_of = {m.id: m.chart for m in dataset.metrics}
        per_chart = Counter(chart_of.get(f.metric) for f in dataset.figures)
        out = []
        for name, spec in CHARTS.items():
            if spec.plots == "events":
                out.append(Row(name, spec.title, None, len(dataset.events)))
            elif (
                not spec.by_metric
            ):  # draws from every figure (the claims view: the statements of any one quantity)
                out.append(Row(name, spec.title, len(dataset.figures)))
            else:
                out.append(Row(name, spec.title, per_chart[name]))
        return out
    raise ValueError(f"unknown list {kind!r}; choose one of: {', '.join(KINDS)}")


class UnknownId(ValueError):
    """What a user typed matches no id of its kind: the message names the choices."""


def resolve(kind: str, typed, dataset: Dataset, words: Words | None = None) -> list[str]:
    """The ids of ``kind`` that ``typed`` names: an id as it is, or a name written out in any
    case ("Modern Slavery Fund in Vietnam" → ``modern-slavery-fund-vietnam``). Anything else is
    ``UnknownId`` naming every choice, so the user can copy one."""
    words = words or Words("en")
    choices = rows(kind, dataset)
    by_name = {" ".join(r.name.split()).casefold(): r.id for r in choices}
    ids = {r.id for r in choices}
    found, unknown = [], []
    for name in typed:
        if name in ids:
            found.append(name)
        elif " ".join(name.split()).casefold() in by_name:
            found.append(by_name[" ".join(name.split()).casefold()])
        else:
            unknown.append(name)
    if not unknown:
        return found
    names = ", ".join(map(repr, unknown))
    listed = "; ".join(f"{r.id} ({r.name})" for r in choices) or words.text("none in the data", CTX)
    if kind == "programmes":
        message = words.text(
            "unknown programme {names}; choose one of: {choices}", CTX, names=names, choices=listed
        )
    elif kind == "metrics":
        message = words.text(
            "unknown metric {names}; choose one of: {choices}", CTX, names=names, choices=listed
        )
    elif kind == "scopes":
        message = words.text(
            "unknown scope {names}; choose one of: {choices}", CTX, names=names, choices=listed
        )
    else:
        message = words.text(
            "unknown chart {names}; choose one of: {choices}", CTX, names=names, choices=listed
        )
    raise UnknownId(message)
