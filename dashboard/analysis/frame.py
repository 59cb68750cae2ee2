"""Validated records → tidy pandas frames: one row per figure (``figures_frame``) and per
event statement (``events_frame``), with the columns every view and file reads.

The filters users apply live in ``analysis.selection`` and the derived metrics (totals,
funding per person) in ``analysis.ratios``; both are read from here too. The year filter
keeps a figure when its period *overlaps* the range: "over £7m since 2018" belongs to 2022 as
well as to 2025, and stays marked cumulative — it is never split into per-year amounts.
Derived metrics keep bounds (see ``dashboard.analysis.quantity``), and figures whose periods
overlap are never added up.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from dashboard.analysis import fmt, sourcedate
from dashboard.analysis.eventstatus import passed_unrecorded
from dashboard.analysis.ratios import (  # noqa: F401  (re-exported: callers read them from frame)
    RATIO_COLUMNS,
    Derived,
    derive_ratio,
    funding_ratios,
    periods_overlap,
    quantity,
    ratio_pairs,
    sum_figures,
)
from dashboard.analysis.selection import (  # noqa: F401  (re-exported: callers read them from frame)
    SCOPE_NOT_STATED,
    SCOPE_NOT_STATED_LABEL,
    Filters,
    apply_event_filters,
    apply_filters,
    filter_by_metrics,
    filter_by_programmes,
    filter_by_scope,
    filter_by_years,
    scope_label,
)
from dashboard.analysis.quantity import NotAdditive, stated_bounds
from dashboard.analysis.textcols import text_column, texts, typed  # noqa: F401  (text_column, texts: read from here too)
from dashboard.curated.kinds import Change, kind_bounds
from dashboard.curated.records import Dataset, Qualifier
from dashboard.curated.relations import event_groups, related_groups
from dashboard.words.kinds import shown_note


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
# Relations that make two figures statements of one quantity (part_of joins a share to its whole).
QUANTITY_RELATIONS = ("same_as", "updates", "disagrees_with")


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
