"""What a view is narrowed to (``Filters``: years, programmes, metrics, scopes, the claims
view's quantity) and the row filters that apply it to the figures and events frames.

A figure is kept when its period overlaps the years (cumulative totals are never split);
the metric filter narrows figures, never events.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.curated.records import Dataset
from dashboard.words import Words

_ENGLISH = Words("en")  # the words of a caller that names no language
SCOPE_NOT_STATED = "not_stated"  # the filter value for programmes without a scope
SCOPE_NOT_STATED_LABEL = "Scope not stated"


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
