"""The timeline on slides: how much height its event rows need at 14 pt, and its events split
across slides, in date order, when they do not fit one ("Timeline of events (1 of 2)").

A timeline row is one event: its marker and its label beside it, wrapped to the room on that
side (``slidefit.fit_event_labels``). Rows are evenly spaced, so every row is as tall as the
tallest pair of neighbouring labels needs; past what the slide's plot can hold, the events
continue on the next slide, each part drawn by the chart registry from its own events (so its
axis spans its own years and its source line names only its own documents), with the cap note
of the whole chart when the page draws only the latest events.
"""

from __future__ import annotations

import dataclasses
from typing import Callable

import pandas as pd

from dashboard.outputs.slidefit import plain_text

LABEL_LINE = 1.25  # em between the lines of a label (plotly sets 1.3; the glyphs take less)
ROW_GAP = 0.35  # em of white between the labels of two neighbouring rows


def _label_trace(figure: dict) -> dict | None:
    from dashboard.views.charts.draw import EVENT_LABEL_ROLE

    return next(
        (
            t
            for t in figure.get("data", [])
            if (t.get("meta") or {}).get("role") == EVENT_LABEL_ROLE
        ),
        None,
    )


def label_heights(figure: dict, font_px: float) -> list[float]:
    """The height of each event label as wrapped, top row first (the figure's row order)."""
    trace = _label_trace(figure)
    if trace is None:
        return []
    texts = list(trace.get("text") or [])
    return [(len(plain_text(t).split("\n")) * LABEL_LINE) * font_px for t in texts]


def event_rows_spare(figure: dict, plot_h: float, font_px: float) -> float | None:
    """The plot height to spare once every event row is as tall as its labels need (negative:
    by how much they do not fit); None for a chart without event labels."""
    heights = label_heights(figure, font_px)
    if not heights:
        return None
    pitch = max(
        [
            font_px * (1 + ROW_GAP),
            *((a + b) / 2 + ROW_GAP * font_px for a, b in zip(heights, heights[1:])),
        ]
    )
    axis = (figure.get("layout") or {}).get("yaxis") or {}
    lo, hi = (axis.get("range") or [len(heights) - 0.5, -0.7])[:2]
    return plot_h - pitch * abs(lo - hi)


def event_parts(ids: list[str], fits: Callable[[list[str]], bool]) -> list[list[str]]:
    """``ids`` (events in date order) cut into runs that each fit a slide: each run the longest
    that ``fits``, found by halving (a run of one event is kept even when it does not fit)."""
    parts: list[list[str]] = []
    start = 0
    while start < len(ids):
        lo, hi = start + 1, len(ids)  # lo always kept; find the longest run that fits
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if fits(ids[start:mid]):
                lo = mid
            else:
                hi = mid - 1
        parts.append(ids[start:lo])
        start = lo
    return parts


def part_events(events: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """The events frame's rows a part is drawn from: its markers and every statement of the same
    event from other documents (``same_group``), so each marker names the same documents."""
    keep = events["id"].astype(str).isin(ids)
    if "same_group" in events:
        keep = keep | events["same_group"].isin(events.loc[keep, "same_group"].dropna())
    return events[keep.to_numpy(dtype=bool)]


def numbered(text, heading: str, number: int, count: int, words, extra_notes: tuple[str, ...] = ()):
    """``text`` (a ``SlideText``) titled "<heading> (1 of 2)", with ``extra_notes`` after its own."""
    return dataclasses.replace(
        text,
        title=words.text(
            "{heading} ({number} of {count})", "deck", heading=heading, number=number, count=count
        ),
        notes=(*text.notes, *extra_notes),
    )


__all__ = ["event_parts", "event_rows_spare", "label_heights", "numbered", "part_events"]
