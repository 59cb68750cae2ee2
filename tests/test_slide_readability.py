"""Slides a room can read: at 1920×1080 on a 13.33 in slide (2 px a point) no text is below
14 pt, the fill and hatch keys are swatches large enough to tell apart, bar plots use the
slide's width, stacked panels leave room between them, and the deck's own text (tables,
titles) is never below 14 pt either. Runs on the fictional sample dataset."""

from __future__ import annotations

import base64
import datetime as dt
import io

import numpy as np
import pytest
from pptx import Presentation

from dashboard.analysis.frame import (
    Filters,
    apply_event_filters,
    apply_filters,
    events_frame,
    figures_frame,
    year_span,
)
from dashboard.outputs import deck, images
from dashboard.outputs.slidefit import text_px
from dashboard.views import charts
from dashboard.views.charts import END_TRACE_ROLE, KEY_TRACE_ROLE

MADE = dt.date(2026, 11, 22)
PX_PER_PT = 1920 / (13.333 * 72)  # a 1920 px picture filling a 13.33 in slide
LEAST_PT = 14


def view(dataset):
    filters = Filters(*year_span(dataset))
    return (
        apply_filters(figures_frame(dataset), filters),
        apply_event_filters(events_frame(dataset), filters),
        filters,
    )


def slide(name, dataset, config, size=(1920, 1080)) -> dict:
    figures, events, filters = view(dataset)
    return images.slide_figure(
        name, figures, events, dataset, filters, config, size=size, made_on=MADE
    )


def font_sizes(node, parent=""):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "size" and parent.endswith("font") and isinstance(value, (int, float)):
                yield value
            else:
                yield from font_sizes(value, key)
    elif isinstance(node, list):
        for item in node:
            yield from font_sizes(item, parent)


def numbers(values) -> list[float]:
    """Plain or plotly's typed-array form (``{"dtype": "f8", "bdata": …}``)."""
    if isinstance(values, dict):
        return np.frombuffer(
            base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"])
        ).tolist()
    return list(values)


def plot_area(figure) -> tuple[float, float]:
    layout = figure["layout"]
    margin = layout["margin"]
    return layout["width"] - margin["l"] - margin["r"], layout["height"] - margin["t"] - margin["b"]


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_no_text_on_a_1920_slide_is_below_14_pt(dataset, config, name):
    sizes = list(font_sizes(slide(name, dataset, config)))
    assert sizes and min(sizes) / PX_PER_PT >= LEAST_PT - 0.05, (
        f"{name}: a {min(sizes) / PX_PER_PT:.1f} pt text"
    )


def test_the_fill_and_hatch_keys_are_large_swatches_each_showing_its_hatch(dataset, config):
    figure = slide("funding", dataset, config)
    assert not [
        t for t in figure["data"] if (t.get("meta") or {}).get("role") == KEY_TRACE_ROLE
    ]  # not plotly's 12 px keys
    swatches = [i for i in figure["layout"].get("images", []) if i.get("name") == "key-swatch"]
    plot_w, plot_h = plot_area(figure)
    assert swatches and all(
        s["sizex"] * plot_w >= 80 and s["sizey"] * plot_h >= 40 for s in swatches
    )
    pictures = [base64.b64decode(s["source"].split(",", 1)[1]).decode() for s in swatches]
    hatched = [p for p in pictures if "<pattern" in p]
    shown = set(figures_frame(dataset)["qualifier"]) - {"exact"}
    assert len(hatched) == len(shown)  # one hatch per qualifier shown ...
    assert len({p.split("<pattern", 1)[1].split("</pattern>")[0] for p in hatched}) == len(
        hatched
    )  # ... each its own


def test_each_bar_slide_draws_its_longest_bar_across_most_of_the_plot(dataset, config):
    for name in ("funding", "returns", "people"):
        figure = slide(name, dataset, config)
        layout = figure["layout"]
        plot_w, _ = plot_area(figure)
        longest: dict[str, float] = {}
        room: dict[
            str, float
        ] = {}  # the share of the plot a panel's bars may take and leave room for their labels
        for trace in figure["data"]:
            if (trace.get("meta") or {}).get("role") == END_TRACE_ROLE:
                key = "xaxis" + trace.get("xaxis", "x")[1:]
                longest[key] = max(longest.get(key, 0.0), *numbers(trace["x"]))
                font = (
                    trace.get("textfont", {}).get("size")
                    or layout.get("font", {}).get("size")
                    or 28
                )
                labels = [1 - (text_px(str(t), font) + 60) / plot_w for t in trace["text"]]
                room[key] = min(room.get(key, 1.0), *labels)
        assert longest
        for key, value in longest.items():
            share = value / layout[key]["range"][1]
            # across most of the plot, or as far as its value label still fits after it ("nearly £1m (committed)")
            assert share >= min(0.75, room[key] - 0.05), (
                f"{name}: the longest bar ends at {share:.0%} of the plot"
            )


def test_stacked_panels_leave_room_for_ticks_and_the_next_title(dataset, config):
    figure = slide("people", dataset, config)
    layout = figure["layout"]
    _, plot_h = plot_area(figure)
    domains = sorted(
        (
            axis["domain"]
            for key, axis in layout.items()
            if key.startswith("yaxis") and "domain" in axis
        ),
        key=lambda d: -d[1],
    )
    assert len(domains) > 1
    gaps = [(upper[0] - lower[1]) * plot_h for upper, lower in zip(domains, domains[1:])]
    assert min(gaps) >= 3 * 14 * PX_PER_PT


@pytest.mark.chromium
def test_every_text_the_deck_sets_is_at_least_14_pt(dataset, config):
    images.renderer()
    figures, events, filters = view(dataset)
    presentation = Presentation(
        io.BytesIO(deck.build_deck(figures, events, dataset, filters, config, made_on=MADE))
    )
    sizes = [
        run.font.size.pt
        for s in presentation.slides
        for shape in s.shapes
        for frame in (
            [shape.text_frame]
            if shape.has_text_frame
            else [c.text_frame for row in shape.table.rows for c in row.cells]
            if shape.has_table
            else []
        )
        for paragraph in frame.paragraphs
        for run in paragraph.runs
        if run.font.size is not None
    ]
    assert sizes and min(sizes) >= LEAST_PT


def test_stacked_panels_on_a_slide_keep_their_titles_to_their_heading_and_never_overlap(
    shipped_dataset, config
):
    """What a panel's metric counts moves from its title to the notes under the chart, so three
    stacked panels keep room for their bars at slide size (a heading too long for the slide
    wraps: tests/test_trust_draw.py measures it)."""
    layout = slide("people", shipped_dataset, config)["layout"]
    titles = [a for a in layout["annotations"] if a.get("name") == "panel-title"]
    assert len(titles) > 1
    assert all(
        "<span" not in a["text"] for a in titles
    )  # the heading only: its details are in the notes
    domains = sorted(
        (
            axis["domain"]
            for key, axis in layout.items()
            if key.startswith("yaxis") and isinstance(axis, dict) and axis.get("domain")
        ),
        reverse=True,
    )
    assert all(
        lower[1] < upper[0] for upper, lower in zip(domains, domains[1:])
    )  # a gap between every two panels
    notes = " ".join(a.get("text", "") for a in layout["annotations"])
    for metric in {m for m in shipped_dataset.metrics if m.chart == "people" and m.counted_by}:
        assert metric.counted_by in notes.replace("<br>", " ")
