"""The axes of a bar chart: a linear value axis from zero (a fall below it), ticks in the
unit's words, and one category slot per figure labelled by programme and period.
"""

from __future__ import annotations

import functools

import numpy as np

from dashboard.curated.records import Dataset
from dashboard.views.charts.bartraces import high_values
from dashboard.views.charts.draw import esc, nice_ticks, strings, wrap
from dashboard.views.charts.partwhole import whole_top
from dashboard.views.charts.texts import say
from dashboard.views.columns import Columns
from dashboard.views.language import formatter_for, language_of, words_for
from dashboard.words.kinds import tick


def value_axis(
    rows: Columns, dataset: Dataset, title: str, *, unit_named: bool | None = None
) -> dict:
    """A linear axis from zero with room for the labels, ticks in fmt's words (£2m, 24,000).
    ``unit_named``: a title of the chart's (this axis's, by default) names the unit, so a
    tick may leave the currency to it (``Formatter.tick``: 2 triệu under "(bảng Anh)")."""
    top = max(
        float(high_values(rows).max()), whole_top(rows, dataset)
    )  # a part is drawn against its whole
    ends = np.concatenate([np.asarray(rows["value"], dtype=float), high_values(rows)])
    bottom = min(float(ends.min()), 0.0)  # a fall ("down 75%", "cut by 20–30%") is drawn below zero
    ticks = nice_ticks(top, bottom=bottom)
    units = set(rows["unit"])
    unit = dataset.unit(str(rows.first("unit"))) if len(units) == 1 else None
    formatter = formatter_for(language_of(rows))
    return {
        "range": [bottom * 1.6, top * 1.6] if bottom < 0 else [0, top * 1.6 if top > 0 else 1],
        "tickmode": "array",
        "tickvals": ticks,
        # under a title naming the unit, a tick may leave the currency's name to it (Formatter.tick)
        "ticktext": [
            tick(formatter, t, unit, named=bool(title) if unit_named is None else unit_named)
            for t in ticks
        ],
        "title": {"text": title},
        "showgrid": True,
        "zeroline": True,
    }


def category_axis(rows: Columns, min_slots: int) -> dict:
    """One slot per figure (by id, so two figures never share a bar), labelled by programme and
    period. At least ``min_slots`` slots, so a lone bar does not fill the whole chart."""
    ids = strings(rows["id"])
    marks = (
        [short_claim(t) for t in rows["claim_text"]] if "claim_text" in rows else [None] * len(rows)
    )
    labels = [
        _category_label(name, period if not mark else f"{period} · {mark}")
        for name, period, mark in zip(rows["programme_name"], rows["period_label"], marks)
    ]
    pad = max(0.0, (min_slots - len(ids)) / 2)
    return {
        "type": "category",
        "categoryorder": "array",
        "categoryarray": ids,
        "range": [len(ids) - 0.5 + pad, -0.5 - pad],
        "tickmode": "array",
        "tickvals": ids,
        "ticktext": labels,
        "showgrid": False,
        "ticks": "",
        "ticklabelstandoff": 8,
    }


def short_claim(text: str | None) -> str | None:
    """A bar label's few words of its claim text: "part of £200m", "the sources disagree" (the hover has all)."""
    if not text:
        return None
    return "; ".join(part.split(":")[0] for part in text.split("; "))


@functools.lru_cache(maxsize=4096)
def _category_label(programme: str, period: str) -> str:
    return f"{wrap(programme, 30)}<br><span style='color:#7b8794'>{esc(period)}</span>"


def value_axis_title(metric_id: str, dataset: Dataset, language: str) -> str:
    """``Funding (£)``, ``Returns (people)`` (names as ``dataset`` holds them, in ``language``)."""
    metric = dataset.metric(str(metric_id))
    unit = dataset.unit(metric.unit)
    unit_name = (
        formatter_for(language).currency(unit.prefix) if unit.prefix else unit.noun or unit.label
    )  # £ / bảng Anh
    return say("{metric} ({unit})", words_for(language), metric=metric.label, unit=unit_name)
