"""Claims across documents: the pure functions the claims view, cards and charts call.

A *claim* is one figure record: what one document says about one quantity. Curators
declare how claims relate (``dashboard.curated.relations``); these functions read those
declarations from the figures frame and never infer one:

- ``claim_history``: every statement of one quantity (joined by ``same_as``, ``updates``
  and ``disagrees_with``), latest first, each with its role;
- ``leading_claims``: one row per quantity, the latest statement, for charts that must
  not draw the same quantity twice (£150m restated as £200m is not £350m);
- ``same_groups``: the statements of one figure reported by several documents;
- ``part_of_tree``: shares under their wholes, never summed;
- ``conflicts``: pairs of documents that disagree, with the curator's resolution if any.

"Latest" means the later source publication date, then the later period end.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dashboard.analysis.memo import per_frame
from dashboard.curated.records import DatePrecision, FlexDate
from dashboard.curated.relations import disputed_dates, interval_order, published_interval

LATEST_ORDER = ["source_published", "period_end", "id"]


def _latest_first(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.iloc[_latest_first_positions(rows)]


def _latest_first_positions(rows: pd.DataFrame) -> list[int]:
    """The positions of ``rows``, latest statement first (``relations.later``): a source
    publication date wholly after another's, else (dates that overlap, as "Apr 2025" and
    "2 Apr 2025" do) the later period end; then the more precisely dated source, then the
    id; a missing date after the known ones. Python keys, not a frame sort: a quantity has a
    handful of statements, and a frame sort of them cost ten times as much."""
    published, ends, ids = (rows[column].tolist() for column in LATEST_ORDER)
    intervals = [published_interval(p) if isinstance(p, str) else None for p in published]
    ends = [None if pd.isna(e) else e.value for e in ends]

    def compare(i: int, j: int) -> int:  # > 0: i is later
        a, b = intervals[i], intervals[j]
        if (a is None) != (b is None):
            return 1 if a is not None else -1
        order = interval_order(a, b)
        if order:
            return order
        if (ends[i] is None) != (ends[j] is None):
            return 1 if ends[i] is not None else -1
        if ends[i] != ends[j]:
            return 1 if ends[i] > ends[j] else -1
        if (
            a is not None and a != b
        ):  # the same time as far as the dates say: the more precise first
            return 1 if (a[1] - a[0]) < (b[1] - b[0]) else -1
        return (ids[i] > ids[j]) - (ids[i] < ids[j])

    return sorted(range(len(ids)), key=functools.cmp_to_key(compare), reverse=True)


def restated(figures: pd.DataFrame) -> dict[str, str]:
    """Restatement id → the figure it restates word for word (``same_as``, followed along a
    chain) among ``figures``. A restatement adds a source to that one figure: it is never a
    figure, a row, a ratio or a rank of its own. A restatement whose figure is not in
    ``figures`` stands for it (it is not in the result)."""
    if "same_as" not in figures:
        return {}
    ids = figures["id"].tolist()
    same = {i: t for i, t in zip(ids, figures["same_as"].tolist()) if isinstance(t, str)}
    if not same:
        return {}
    present = set(ids)
    found = {}
    for start in same:
        seen, node = {start}, start
        while same.get(node) in present and same[node] not in seen:
            node = same[node]
            seen.add(node)
        if node != start:
            found[start] = node
    return found


def claim_history(figures: pd.DataFrame, figure_id: str) -> pd.DataFrame:
    """Every statement of the quantity ``figure_id`` belongs to, latest first, with a
    ``claim_role``: ``latest``; ``earlier`` (a statement a later one updates);
    ``same`` (a figure restated word for word by another document: it follows the figure it
    restates and takes no rank; ``same_of`` names that figure); ``disagrees`` (a
    different value for it from another document: shown beside it, never averaged)."""
    ids, groups = figures["id"].tolist(), figures["quantity_group"].tolist()
    if figure_id not in ids:
        raise KeyError(f"no figure {figure_id!r}")
    group = groups[ids.index(figure_id)]
    rows = figures.iloc[[i for i, g in enumerate(groups) if g == group]]
    copies = restated(rows)
    rows = _latest_first(rows)
    order = [i for i in rows["id"].tolist() if i not in copies]
    for copy, original in copies.items():  # each restatement right after the figure it restates
        order.insert(
            order.index(original) + 1 + sum(1 for i in order if copies.get(i) == original), copy
        )
    position = {fid: n for n, fid in enumerate(rows["id"].tolist())}
    rows = rows.iloc[[position[i] for i in order]]
    ids = rows["id"].tolist()
    lead_id = ids[0]
    disagreeing = set()
    for fid, other in zip(ids, rows["disagrees_with"].tolist()):
        if not pd.isna(other):
            disagreeing |= {copies.get(fid, fid), copies.get(other, other)}

    def role(fid) -> str:
        if fid == lead_id:
            return "latest"
        if fid in copies:
            return "same"
        if fid in disagreeing and lead_id in disagreeing:
            return "disagrees"
        return "earlier"

    return rows.assign(
        claim_role=[role(i) for i in ids],
        same_of=pd.array([copies.get(i) for i in ids], dtype=object),
    ).reset_index(drop=True)


def quantity_history(figures: pd.DataFrame, group: str) -> pd.DataFrame | None:
    """``claim_history`` of quantity ``group`` among ``figures`` (``None`` if none of its
    statements is there). The claims chart and the claims panel of a view both ask: the same
    frame asked again, while it lives, gets a copy of the history already worked out."""
    history = _history(figures, group)
    return None if history is None else history.copy()


@per_frame(kept=8)
def _history(figures: pd.DataFrame, group: str) -> pd.DataFrame | None:
    rows = figures[figures["quantity_group"] == group]
    return None if rows.empty else claim_history(rows, str(rows["id"].iloc[0]))


def leading_claims(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per quantity: its latest statement, with ``other_ids`` naming the rest (its
    history, restatements and disagreements) so every source stays one click away. A
    quantity whose latest statements disagree keeps each disagreeing one: they are never
    merged into a single number. A restatement (``same_as``) never leads: the figure it
    restates does. Rows keep the frame's order. (Vectorised: the page calls this for every
    bar chart and card of every view.)"""
    if (
        figures.empty or figures["quantity_group"].is_unique
    ):  # every figure its own quantity: nothing to choose
        return figures.assign(other_ids=pd.array([None] * len(figures), dtype=object)).reset_index(
            drop=True
        )
    copies = restated(figures)
    group = figures["quantity_group"]
    lead = _leads(figures, copies)
    leads = dict(zip(lead["quantity_group"], lead["id"]))
    lead_id = pd.Series(
        [leads.get(g, i) for g, i in zip(group.tolist(), figures["id"].tolist())],
        index=figures.index,
        dtype=object,
    )
    lead_disagrees = group.map(dict(zip(lead["quantity_group"], lead["disagrees_with"])))
    not_copy = ~figures["id"].isin(list(copies)).to_numpy()
    keep = (
        not_copy
        & (
            (figures["id"] == lead_id).fillna(False).astype(bool)
            | (figures["disagrees_with"] == lead_id).fillna(False).astype(bool)
            | (figures["id"] == lead_disagrees).fillna(False).astype(bool)
        ).to_numpy()
    )
    kept = figures[keep]
    members = figures.groupby("quantity_group", sort=False)["id"].agg(list).to_dict()
    others = [
        ", ".join(i for i in members[g] if i != fid) or None
        for g, fid in zip(kept["quantity_group"], kept["id"])
    ]
    return kept.assign(other_ids=pd.array(others, dtype=object)).reset_index(drop=True)


def _leads(figures: pd.DataFrame, copies: dict[str, str]) -> pd.DataFrame:
    """The latest statement of each quantity that has several, restatements left out; sorted
    only where there is a choice (a quantity of one statement leads with it)."""
    counted = figures[~figures["id"].isin(list(copies))] if copies else figures
    return _latest_first(counted[counted["quantity_group"].duplicated(keep=False)]).drop_duplicates(
        "quantity_group"
    )


view_leading_claims = per_frame()(
    leading_claims
)  # a view's, shared by its cards and bar charts: read, never changed


@dataclass(frozen=True)
class QuantityChoice:
    """One quantity a user can pick in the claims view (its id goes in the URL)."""

    id: str  # the quantity_group: stable while its first figure's id is
    label: str  # "Example Fund in Freedonia · Funding · 2016 – Jun 2019, cumulative"
    statements: int  # how many statements (documents) speak of it


def quantity_choices(figures: pd.DataFrame) -> list[QuantityChoice]:
    """Every quantity in the frame, those stated most often first (ties in the frame's order),
    each labelled by its latest statement; a quantity stated by one document is still a choice.
    One sort for the whole frame (a sort per quantity took 22 s at 10,000 figures). Worked out
    once per language at start-up (the claims view's pick-list); a view asks ``most_stated``."""
    return _quantity_choices(figures)


def _quantity_choices(figures: pd.DataFrame) -> list[QuantityChoice]:
    if figures.empty:
        return []
    order = {group: n for n, group in enumerate(dict.fromkeys(figures["quantity_group"]))}
    copies = restated(figures)
    several = _leads(figures, copies)
    rest = figures[
        ~figures["quantity_group"].isin(several["quantity_group"])
        & ~figures["id"].isin(list(copies))
    ]
    leads = pd.concat([several, rest]).drop_duplicates("quantity_group")
    counts = figures["quantity_group"].value_counts()
    choices = [
        QuantityChoice(str(g), choice_label(name, metric, period), int(counts[g]))
        for g, name, metric, period in zip(
            leads["quantity_group"],
            leads["programme_name"],
            leads["metric_label"],
            leads["period_label"],
        )
    ]
    return sorted(choices, key=lambda c: (-c.statements, order[c.id]))


def choice_label(programme_name: str, metric_label: str, period_label: str) -> str:
    """``Example Fund in Freedonia · Funding · 2016 – Jun 2019, cumulative``: a quantity as
    its latest statement names it."""
    return f"{programme_name} · {metric_label} · {period_label}"


def most_stated(figures: pd.DataFrame) -> str | None:
    """The quantity with the most statements in the frame (the first of equals in the frame's
    order): ``quantity_choices(figures)[0].id`` without labelling every other quantity."""
    counts = Counter(figures["quantity_group"].tolist())
    return max(counts, key=counts.__getitem__) if counts else None


def history_choice(history: pd.DataFrame) -> QuantityChoice:
    """The ``QuantityChoice`` of a ``claim_history`` (its first row is the latest statement):
    as ``quantity_choices`` lists it."""
    lead = {
        c: history[c].iloc[0]
        for c in ("quantity_group", "programme_name", "metric_label", "period_label")
    }
    return QuantityChoice(
        str(lead["quantity_group"]),
        choice_label(lead["programme_name"], lead["metric_label"], lead["period_label"]),
        len(history),
    )


def same_groups(figures: pd.DataFrame) -> dict[str, list[str]]:
    """Group id → the ids of every figure in it (groups of one left out)."""
    groups = figures.groupby("same_group", sort=False)["id"].apply(list)
    return {g: ids for g, ids in groups.items() if len(ids) > 1}


@dataclass
class Node:
    """A figure and the figures declared ``part_of`` it."""

    id: str
    children: list[Node] = field(default_factory=list)


def part_of_tree(figures: pd.DataFrame) -> list[Node]:
    """The wholes (figures that are not part of another figure in the frame), each with its
    parts nested under it; a figure without parts or whole is a tree of one."""
    ids = list(figures["id"])
    parent = {
        i: p
        for i, p in zip(figures["id"], figures["part_of"])
        if isinstance(p, str) and p in set(ids)
    }
    nodes = {i: Node(i) for i in ids}
    for child, whole in parent.items():
        nodes[whole].children.append(nodes[child])
    return [nodes[i] for i in ids if i not in parent]


@dataclass(frozen=True)
class Conflict:
    claim: str  # the figure that declares disagrees_with
    other: str
    resolution: str | None  # the curator's reading; None: unresolved (validate warns)


def conflicts(figures: pd.DataFrame) -> list[Conflict]:
    rows = figures[figures["disagrees_with"].notna()]
    return [
        Conflict(
            str(r["id"]),
            str(r["disagrees_with"]),
            None if pd.isna(r["resolution"]) else str(r["resolution"]),
        )
        for _, r in rows.iterrows()
    ]


def event_markers(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event however many documents report it: the most precisely dated
    statement of each ``same_group`` (a day beats a month beats a year; the first listed of
    equals), with ``group_sources`` naming every document; by date (undated last), then id.
    (A pass over plain lists and one selection: the page asks for every view, and a frame
    operation costs more than the few events it sorts.)"""
    rank = {"day": 0, "month": 1, "quarter": 2, "season": 3, "year": 4}
    precisions = [rank.get(p, 9) for p in events["date_precision"].tolist()]
    best: dict = {}  # same_group → the position of its most precise statement
    for i, group in enumerate(events["same_group"].tolist()):
        if group not in best or precisions[i] < precisions[best[group]]:
            best[group] = i
    dates = events["date"].to_numpy(dtype="datetime64[s]")
    undated, dates = np.isnat(dates).tolist(), dates.astype("int64").tolist()
    ids = events["id"].tolist()
    order = sorted(best.values(), key=lambda i: (undated[i], dates[i], ids[i]))
    return events.iloc[order].reset_index(drop=True)


def event_dates(events: pd.DataFrame) -> dict[str, list[tuple[str, str]]]:
    """``same_group`` → each date its documents give, earliest first, with the publisher that
    gives it (``(date_label, publisher)``), for every event whose documents give dates that
    cannot both hold (declared ``disagrees_with``, or ``same_as`` at dates that do not
    overlap): every date kept, none silently chosen. Events whose dates agree ("Nov 2018"
    and "21 Nov 2018") are left out: the most precise date stands for them."""
    if events.empty or "same_group" not in events:
        return {}
    stated: dict[str, list] = {}
    labels: dict = {}
    for group, label, start, precision, publisher in zip(
        events["same_group"].tolist(),
        events["date_label"].tolist(),
        events["date"].tolist(),
        events["date_precision"].tolist(),
        events["source_publisher"].tolist(),
    ):
        date = FlexDate(start.date(), DatePrecision(precision))
        labels[date] = label
        stated.setdefault(group, []).append((date, publisher))
    found = {group: disputed_dates(dates) for group, dates in stated.items() if len(dates) > 1}
    return {
        group: [(labels[d], " · ".join(who)) for d, who in dates]
        for group, dates in found.items()
        if dates
    }


def event_resolutions(events: pd.DataFrame) -> dict[str, str]:
    """``same_group`` → the curator's reading of a disputed date (``resolution``)."""
    if "resolution" not in events:
        return {}
    return {
        g: r
        for g, r in zip(events["same_group"].tolist(), events["resolution"].tolist())
        if isinstance(r, str) and r
    }


__all__ = [
    "view_leading_claims",
    "Conflict",
    "Node",
    "QuantityChoice",
    "quantity_choices",
    "quantity_history",
    "claim_history",
    "conflicts",
    "event_dates",
    "event_markers",
    "event_resolutions",
    "leading_claims",
    "part_of_tree",
    "same_groups",
]
