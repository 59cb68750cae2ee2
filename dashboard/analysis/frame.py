"""Validated records → tidy pandas frames, the filters users apply, and derived metrics.

The year filter keeps a figure when its period *overlaps* the range: "over £7m since
2018" belongs to 2022 as well as to 2025, and stays marked cumulative — it is never
split into per-year amounts. Derived metrics keep bounds (see ``dashboard.analysis.quantity``),
and figures whose periods overlap are never added up.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from dashboard.analysis import fmt, sourcedate
from dashboard.analysis.claims import restated
from dashboard.analysis.eventstatus import passed_unrecorded
from dashboard.analysis.quantity import NotAdditive, Quantity, stated_bounds
from dashboard.analysis.textcols import text_column, texts, typed  # noqa: F401  (text_column, texts: read from here too)
from dashboard.curated.kinds import Change, kind_bounds
from dashboard.curated.records import Dataset, Kind, Qualifier
from dashboard.curated.relations import event_groups, related_groups
from dashboard.words import Words
from dashboard.words.kinds import shown_note

_ENGLISH = Words("en")  # the words of a caller that names no language

FIGURE_COLUMNS = [
    "id",
    "programme",
    "metric",
    "value",
    "unit",
    "qualifier",
    "kind",
    "period_start",
    "period_end",
    "source",
    "quote",
    # free columns after the fixed eleven
    "wording",
    "period_type",
    "period_start_basis",
    "period_end_basis",
    "note",
    "programme_name",
    "metric_label",
    "chart",
    "value_label",
    "period_label",
    "source_title",
    "source_publisher",
    "source_date",
    "source_url",
    # the claims model: scope, precision, bounds, relations (see data/README.md)
    "scope",
    "scope_label",
    "period_start_precision",
    "period_end_precision",
    "value_low",
    "value_high",
    "committed_on",
    "committed_on_precision",
    "committed_on_basis",
    "relation",
    "related_ids",
    "part_of",
    "same_as",
    "updates",
    "disagrees_with",
    "resolution",
    "same_group",
    "quantity_group",
    "source_published",
    "source_published_precision",
    "source_caveats",
    "metric_counts",
    "metric_counted_by",  # who counted every figure of the metric (the vocabulary's)
    "counted_by",  # who counted this figure: its own counter, else its metric's (Dataset.counter)
    "ratio_role",
    "change",
    "hedge",  # a percentage change's direction (its value is signed: a fall is negative); a source's hedge
]
EVENT_COLUMNS = [
    "id",
    "date",
    "date_end",
    "date_precision",
    "date_label",
    "date_basis",
    "programme",
    "programme_name",
    "type",
    "status",
    "title",
    "source",
    "quote",
    "source_title",
    "source_publisher",
    "source_date",
    "type_label",
    "type_symbol",
    "scope",
    "scope_label",
    "same_as",
    "same_group",
    "group_sources",
    "passed_unrecorded",
    "disagrees_with",
    "resolution",
]
SCOPE_NOT_STATED = "not_stated"  # the filter value for programmes without a scope
SCOPE_NOT_STATED_LABEL = "Scope not stated"
# Relations that make two figures statements of one quantity (part_of joins a share to its whole).
QUANTITY_RELATIONS = ("same_as", "updates", "disagrees_with")


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the view to. Empty ``programmes`` or ``metrics`` means all."""

    year_from: int
    year_to: int
    programmes: tuple[str, ...] = field(default=())
    metrics: tuple[str, ...] = field(default=())
    scope: tuple[str, ...] = field(
        default=()
    )  # scope ids (or "not_stated"); empty means every scope
    quantity: str | None = (
        None  # the claims view's quantity (a quantity_group); None: the most stated one
    )

    def describe(self, dataset: Dataset, words: Words | None = None) -> str:
        """``2018–2025 · all programmes · all metrics`` for titles, subtitles and slides
        (``· UK–Vietnam bilateral`` follows when a scope is chosen), in the language of
        ``words`` (English when None); names as ``dataset`` holds them."""
        words = words or _ENGLISH
        years = (
            f"{self.year_from}"
            if self.year_from == self.year_to
            else f"{self.year_from}–{self.year_to}"
        )
        programmes = ", ".join(dataset.programme(p).name for p in self.programmes) or words.text(
            "all programmes", "filters"
        )
        metrics = ", ".join(dataset.metric(m).label for m in self.metrics) or words.text(
            "all metrics", "filters"
        )
        text = words.text(
            "{years} · {programmes} · {metrics}",
            "filters",
            years=years,
            programmes=programmes,
            metrics=metrics,
        )
        if self.scope:
            text += " · " + ", ".join(scope_label(dataset, s, words) for s in self.scope)
        return text


def scope_label(dataset: Dataset, scope_id: str | None, words: Words | None = None) -> str:
    """``UK–Vietnam bilateral``, or ``Scope not stated`` for a programme without one (in the
    language of ``words``; the scope's own label as ``dataset`` holds it)."""
    if not scope_id or scope_id == SCOPE_NOT_STATED:
        return (words or _ENGLISH).text(SCOPE_NOT_STATED_LABEL, "scope")
    try:
        return dataset.scope(scope_id).label
    except KeyError:
        return scope_id


def card_metrics(dataset: Dataset, filters: Filters | None = None) -> tuple[str, ...]:
    """The metrics that get a card: each chosen metric when a metric filter is set (so a
    chosen metric never shows an empty card for another), else the vocabulary's headline ones."""
    if filters is not None and filters.metrics:
        return tuple(filters.metrics)
    return dataset.headline_metrics()


def figures_frame(dataset: Dataset) -> pd.DataFrame:
    """One row per figure, typed: ``value`` float, dates as datetime64, text as strings.

    The first eleven columns are fixed; the claims columns say the programme's scope, how
    precise each date is, the bounds the words state (``stated_bounds``: empty where none is stated),
    the declared relations, ``same_group`` (figures that are one figure reported by several
    documents) and ``quantity_group`` (every statement of one quantity: same, updates, disagrees)."""
    same_group = related_groups(dataset.figures, ("same_as",))
    quantity_group = related_groups(dataset.figures, QUANTITY_RELATIONS)
    rows = []
    english = fmt.formatter()
    for f in dataset.figures:
        unit = dataset.unit(f.unit)
        source = dataset.source(f.source)
        rows.append(
            {
                "id": f.id,
                "programme": f.programme,
                "metric": f.metric,
                "value": signed(f.value, f.change),
                "unit": f.unit,
                "qualifier": f.qualifier.value,
                "kind": f.kind.value,
                "period_start": f.period.start,
                "period_end": f.period.end,
                "source": f.source,
                "quote": f.quote,
                "wording": f.wording,
                "period_type": f.period.type.value,
                "period_start_basis": f.period.start_basis,
                "period_end_basis": f.period.end_basis,
                "note": shown_note(english, f.note, f.compared_with),
                "programme_name": dataset.programme(f.programme).name,
                "metric_label": dataset.metric(f.metric).label,
                "chart": dataset.metric(f.metric).chart,
                "value_label": fmt.figure_value(f, unit, english),
                "period_label": english.period(f.period),
                "source_title": source.title,
                "source_publisher": source.publisher,
                "source_date": sourcedate.source_date(source),
                "source_url": source.url,
                **_claim_columns(f, dataset, same_group, quantity_group),
            }
        )
    frame = pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    return typed(
        frame, dates=["period_start", "period_end"], numbers=["value", "value_low", "value_high"]
    )


def _file_bounds(f, dataset: Dataset) -> tuple[float | None, float | None]:
    """The bounds a data file writes: as the words state them (``stated_bounds``: None where the
    text gives none), kept within what the value's kind can be ("top 10" is rank 1 to 10)."""
    low, high = stated_bounds(f)
    low, high = kind_bounds(
        -math.inf if low is None else low,
        math.inf if high is None else high,
        dataset.unit(f.unit).value_kind,
    )
    return (None if math.isinf(low) else low), (None if math.isinf(high) else high)


def _claim_columns(
    f, dataset: Dataset, same_group: dict[str, str], quantity_group: dict[str, str]
) -> dict:
    programme = dataset.programme(f.programme)
    metric = dataset.metric(f.metric)
    source = dataset.source(f.source)
    low, high = _file_bounds(f, dataset)
    if f.change == Change.FALL:  # "down 75%" is -75, its bounds mirrored: never +75
        low, high = (None if high is None else -high), (None if low is None else -low)
    relations = f.relations()
    return {
        "scope": programme.scope or SCOPE_NOT_STATED,
        "scope_label": scope_label(dataset, programme.scope),
        "period_start_precision": f.period.start_precision.value,
        "period_end_precision": f.period.end_precision.value,
        "value_low": low,
        "value_high": high,
        "committed_on": str(f.committed_on) if f.committed_on else None,
        "committed_on_precision": f.committed_on.precision.value if f.committed_on else None,
        "committed_on_basis": f.committed_on_basis,
        "relation": ", ".join(name for name, _ in relations) or None,
        "related_ids": ", ".join(target for _, target in relations) or None,
        "part_of": f.part_of,
        "same_as": f.same_as,
        "updates": f.updates,
        "disagrees_with": f.disagrees_with,
        "resolution": f.resolution,
        "same_group": same_group[f.id],
        "quantity_group": quantity_group[f.id],
        "source_published": "" if source.published_how == "undated" else str(source.published),
        "source_published_precision": source.published.precision.value,
        "source_caveats": " · ".join(source.caveats) or None,
        "metric_counts": metric.counts or None,
        "metric_counted_by": metric.counted_by or None,
        "counted_by": dataset.counter(f),
        "ratio_role": metric.ratio or None,
        "change": f.change.value if f.change else None,
        "hedge": f.hedge.value if f.hedge else None,
    }


def signed(value: float, change: Change | str | None) -> float:
    """A figure's value as a number keeps its direction: "cut by 75%" (``change: fall``) is
    -75, so no chart, file or sort reads it as a rise of 75."""
    return -float(value) if change == Change.FALL else float(value)


def events_frame(dataset: Dataset) -> pd.DataFrame:
    """One row per event statement; ``same_group`` joins the statements of one event from
    several documents (``group_sources`` names every file), so a view draws one marker."""
    groups = event_groups(dataset.events)
    passed = passed_unrecorded(dataset)
    sources_of: dict[str, list[str]] = {}
    for e in dataset.events:
        files = sources_of.setdefault(groups[e.id], [])
        if e.source not in files:
            files.append(e.source)
    rows = []
    for e in dataset.events:
        source = dataset.source(e.source)
        programme = dataset.programme(e.programme)
        type_def = dataset.event_type_def(e.type)
        rows.append(
            {
                "id": e.id,
                "date": e.date.first_day,
                "date_end": e.date.last_day,
                "date_precision": e.date.precision.value,
                "date_label": sourcedate.event_date(e),
                "date_basis": e.date_basis,
                "programme": e.programme,
                "programme_name": dataset.programme(e.programme).name,
                "type": str(e.type),
                "status": e.status.value,
                "title": e.title,
                "source": e.source,
                "quote": e.quote,
                "source_title": source.title,
                "source_publisher": source.publisher,
                "source_date": sourcedate.source_date(source),
                "type_label": type_def.label,
                "type_symbol": type_def.symbol,
                "scope": programme.scope or SCOPE_NOT_STATED,
                "scope_label": scope_label(dataset, programme.scope),
                "same_as": e.same_as,
                "same_group": groups[e.id],
                "group_sources": " · ".join(sources_of[groups[e.id]]),
                "passed_unrecorded": "yes" if e.id in passed else None,
                "disagrees_with": e.disagrees_with,
                "resolution": e.resolution,
            }
        )
    frame = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    return typed(frame, dates=["date", "date_end"], numbers=[]).sort_values(
        ["date", "id"], kind="stable", ignore_index=True
    )


def year_span(dataset: Dataset) -> tuple[int, int]:
    """The first and last year any figure's period or event touches."""
    years = [y for f in dataset.figures for y in (f.period.start.year, f.period.end.year)]
    years += [y for e in dataset.events for y in (e.date.first_day.year, e.date.last_day.year)]
    return (min(years), max(years)) if years else (dt.date.today().year,) * 2


# --- filters -----------------------------------------------------------------------------


def filter_by_years(
    frame: pd.DataFrame,
    year_from: int,
    year_to: int,
    *,
    start: str = "period_start",
    end: str = "period_end",
) -> pd.DataFrame:
    """Rows whose period overlaps ``year_from``–``year_to`` (both included)."""
    lo = pd.Timestamp(year_from, 1, 1)
    hi = pd.Timestamp(year_to, 12, 31)
    return frame[(frame[start] <= hi) & (frame[end] >= lo)]


def filter_by_programmes(
    frame: pd.DataFrame, programmes: tuple[str, ...] | list[str]
) -> pd.DataFrame:
    return frame[frame["programme"].isin(list(programmes))] if programmes else frame


def filter_by_metrics(frame: pd.DataFrame, metrics: tuple[str, ...] | list[str]) -> pd.DataFrame:
    return frame[frame["metric"].isin(list(metrics))] if metrics else frame


def filter_by_scope(frame: pd.DataFrame, scopes: tuple[str, ...] | list[str]) -> pd.DataFrame:
    """Rows whose programme has one of ``scopes`` (``not_stated`` picks those without one)."""
    return frame[frame["scope"].isin(list(scopes))] if scopes else frame


def apply_filters(figures: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The figures the filters keep. The quantity picked for the claims view does not narrow
    them: it rides along as ``frame.attrs["quantity"]``, so every surface that draws the
    claims chart from this frame (page, slide image, deck) draws the same quantity."""
    frame = filter_by_years(figures, filters.year_from, filters.year_to)
    frame = filter_by_programmes(frame, filters.programmes)
    frame = filter_by_scope(frame, filters.scope)
    frame = filter_by_metrics(frame, filters.metrics).reset_index(drop=True)
    frame.attrs["quantity"] = filters.quantity
    return frame


def apply_event_filters(events: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Events in the year range, programmes and scope; the metric filter does not apply to events."""
    frame = filter_by_years(
        events, filters.year_from, filters.year_to, start="date", end="date_end"
    )
    frame = filter_by_scope(frame, filters.scope)
    return filter_by_programmes(frame, filters.programmes).reset_index(drop=True)


# --- derived metrics ---------------------------------------------------------------------


def quantity(row: Mapping) -> Quantity:
    return Quantity.of(
        row["value"], row["qualifier"], high=row.get("value_high"), wording=row.get("wording")
    )


def periods_overlap(a: pd.Series, b: pd.Series) -> bool:
    """Whether two periods share a day (dates are inclusive): ending 31 Dec 2020 and starting 1 Jan 2021 only touch."""
    return a["period_start"] <= b["period_end"] and b["period_start"] <= a["period_end"]


def sum_figures(rows: pd.DataFrame) -> Quantity:
    """The total of figures that may be added: same metric and unit, same kind, and no two
    periods overlapping (a cumulative total already contains its sub-periods)."""
    if rows.empty:
        raise NotAdditive("there is nothing to add")
    for column, what in [
        ("metric", "metrics"),
        ("unit", "units"),
        ("kind", "reported and committed figures"),
    ]:
        if rows[column].nunique() > 1:
            raise NotAdditive(f"cannot add different {what}")
    records = [row for _, row in rows.iterrows()]
    for i, a in enumerate(records):
        for b in records[i + 1 :]:
            if periods_overlap(a, b):
                raise NotAdditive(
                    f"{a['id']} and {b['id']} cover overlapping periods; adding them would count twice"
                )
    total = Quantity(0.0, 0.0, lo_closed=True)  # nothing yet: exactly zero
    for row in records:
        total = total + quantity(row)
    return total


@dataclass(frozen=True)
class Derived:
    """A ratio of two figures, with the bounds it can honestly claim."""

    label: str  # "Funding per victim identified"
    programme: str
    numerator: str  # figure ids
    denominator: str
    quantity: Quantity
    unit: str  # unit of the numerator, "per" the denominator's noun
    text: str  # "over £9,722 per victim identified" or "no bound either way: …"
    period_label: str
    programme_name: str
    numerator_text: str  # the two figures as the page shows them: "over £7m", "720"
    denominator_text: str


RATIO_COLUMNS = (
    "id",
    "metric",
    "unit",
    "value",
    "qualifier",
    "wording",
    "value_high",
    "kind",
    "value_label",
    "programme",
    "programme_name",
    "period_label",
)  # what derive_ratio reads


def derive_ratio(
    numerator: Mapping, denominator: Mapping, dataset: Dataset, words: Words | None = None
) -> Derived:
    """``numerator / denominator`` with bounds: over £7m / 720 is "over £9,722" (in the
    language of ``words``, English when None; names as ``dataset`` holds them)."""
    words = words or _ENGLISH
    for row in (
        pledge
        for pledge in (numerator, denominator)
        if pledge.get("kind", Kind.REPORTED.value) != Kind.REPORTED.value
    ):
        raise NotAdditive(
            f"{row['id']} is {row['kind']}, not reported; only reported figures make a funding-per-person ratio"
        )
    ratio = quantity(numerator) / quantity(denominator)
    unit = dataset.unit(numerator["unit"])
    per_metric = dataset.metric(denominator["metric"])
    per = per_metric.singular or per_metric.label.lower()
    ctx = "funding per person"
    label = words.text(
        "{funding} per {per}", ctx, funding=dataset.metric(numerator["metric"]).label, per=per
    )
    if ratio.bounded:
        text = words.text(
            "{funding} per {per}",
            ctx,
            funding=fmt.format_quantity(ratio, unit, words=words),
            per=per,
        )
    else:
        text = words.text(
            "no bound either way: {numerator} ÷ {denominator} could be any amount per {per}",
            ctx,
            numerator=numerator["value_label"],
            denominator=denominator["value_label"],
            per=per,
        )
    return Derived(
        label=label,
        programme=str(numerator["programme"]),
        numerator=str(numerator["id"]),
        denominator=str(denominator["id"]),
        quantity=ratio,
        unit=unit.id,
        text=text,
        period_label=str(numerator["period_label"]),
        programme_name=str(numerator["programme_name"]),
        numerator_text=str(numerator["value_label"]),
        denominator_text=str(denominator["value_label"]),
    )


def ratio_pairs(figures: pd.DataFrame) -> list[tuple[str, str]]:
    """``(numerator id, denominator id)`` for every reported figure of a metric the vocabulary
    marks ``ratio: numerator`` (funding) and reported figure of a ``ratio: denominator``
    metric (a count of people) of the same programme and the same period, in the frame's
    order. Only such pairs divide honestly: money for one period over people of another says
    nothing. A restatement (``same_as``) pairs as the figure it restates, once. A frame without ``ratio_role`` (older callers) keeps funding over people.
    (Plain lists and one dict: every view asks, and a merge of frames cost more than its rows.)"""

    def text(column: str) -> list:
        return texts(figures[column])

    copies = restated(figures)  # a restatement adds a source to its figure, never a ratio
    # A part (a slice of the money, a subgroup of the people) is not what its programme spent
    # or counted, and a figure two documents disagree on would be divided as if the
    # disagreement were settled: neither is divided (the cards and claims show them as such).
    disputed = (
        {t for t in text("disagrees_with") if t}
        | {i for i, t in zip(text("id"), text("disagrees_with")) if t}
        if "disagrees_with" in figures
        else set()
    )
    parts = {i for i, t in zip(text("id"), text("part_of")) if t} if "part_of" in figures else set()
    reported = [
        k == Kind.REPORTED.value and i not in copies and i not in disputed and i not in parts
        for k, i in zip(text("kind"), text("id"))
    ]
    roles = text("ratio_role") if "ratio_role" in figures else []
    if any(r is not None for r, keep in zip(roles, reported) if keep):
        is_money, is_people = [r == "numerator" for r in roles], [r == "denominator" for r in roles]
    else:
        is_money, is_people = (
            [m == "funding" for m in text("metric")],
            [u == "people" for u in text("unit")],
        )
    # the same programme and period; a missing part matches a missing part, as a frame merge
    # does (NaT is one integer, the smallest)
    periods = [
        figures[c].to_numpy(dtype="datetime64[s]").astype("int64").tolist()
        for c in ("period_start", "period_end")
    ]
    keys = list(zip(text("programme"), *periods))
    ids = figures["id"].tolist()
    people: dict[tuple, list[str]] = {}
    for i, key in enumerate(keys):
        if reported[i] and is_people[i]:
            people.setdefault(key, []).append(ids[i])
    return [
        (ids[i], person)
        for i, key in enumerate(keys)
        if reported[i] and is_money[i]
        for person in people.get(key, [])
    ]


def funding_ratios(
    figures: pd.DataFrame,
    dataset: Dataset,
    pairs: list[tuple[str, str]] | None = None,
    words: Words | None = None,
) -> list[Derived]:
    """Reported funding per person for each of ``pairs`` (by default every ``ratio_pairs``),
    in the language of ``words`` (English when None)."""
    pairs = ratio_pairs(figures) if pairs is None else pairs
    if not pairs:
        return []
    wanted = {i for pair in pairs for i in pair}  # only the paired rows, each as a plain dict
    rows = figures.loc[figures["id"].isin(wanted), list(RATIO_COLUMNS)]
    by_id = {row["id"]: row for row in rows.to_dict("records")}
    return [derive_ratio(by_id[m], by_id[p], dataset, words) for m, p in pairs]


__all__ = [
    "EVENT_COLUMNS",
    "FIGURE_COLUMNS",
    "Derived",
    "Filters",
    "NotAdditive",
    "Qualifier",
    "SCOPE_NOT_STATED",
    "apply_event_filters",
    "apply_filters",
    "card_metrics",
    "filter_by_scope",
    "scope_label",
    "derive_ratio",
    "events_frame",
    "figures_frame",
    "filter_by_metrics",
    "filter_by_programmes",
    "filter_by_years",
    "funding_ratios",
    "ratio_pairs",
    "sum_figures",
    "year_span",
]
