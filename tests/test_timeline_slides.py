"""A timeline of many events stays readable on slides: past what one slide holds at 14 pt it
continues on the next ("Timeline of events (1 of 3)"), in date order, each slide drawing its own
events with no two labels overlapping and citing only its own documents, and a source line
never takes more than three lines. Runs on 40 made-up events (tests/many_events.py)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
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
from dashboard.outputs.slidecompose import MAX_SOURCE_LINES, source_lines
from dashboard.outputs.slidefit import WRAP_CHAR_WIDTH, plain_text
from dashboard.views import charts
from dashboard.views.charts import EVENT_LABEL_ROLE
from dashboard.words import Words
from many_events import with_many_events

MADE = dt.date(2026, 11, 22)
LEAST_PX = 28  # 14 pt on a 1920 px slide
LINE_EM, GLYPH_EM = (
    1.3,
    1.0,
)  # plotly sets a label's lines 1.3 em apart; a line's glyphs are about 1 em tall
CHAR_EM = WRAP_CHAR_WIDTH  # a character of running text, on average (Liberation Sans measures about 0.5 em)


@pytest.fixture(scope="module")
def crowd(dataset):
    many = with_many_events(dataset)
    filters = Filters(*year_span(many))
    return (
        many,
        apply_filters(figures_frame(many), filters),
        apply_event_filters(events_frame(many), filters),
        filters,
    )


@pytest.fixture(scope="module")
def parts(crowd, config):
    many, figures, events, filters = crowd
    return images.slide_parts("timeline", figures, events, many, filters, config, made_on=MADE)


def label_boxes(figure: dict) -> list[tuple[float, float, float, float, str]]:
    """Each event label's box (left, top, right, bottom) in px of the slide, from where plotly puts it."""
    layout = figure["layout"]
    margin = layout["margin"]
    plot_w = layout["width"] - margin["l"] - margin["r"]
    plot_h = layout["height"] - margin["t"] - margin["b"]
    lo, hi = (pd.Timestamp(v) for v in layout["xaxis"]["range"])
    rows = list(layout["yaxis"]["categoryarray"])
    bottom, top = layout["yaxis"]["range"]
    (trace,) = [t for t in figure["data"] if (t.get("meta") or {}).get("role") == EVENT_LABEL_ROLE]
    font = trace["textfont"]["size"]
    boxes = []
    for x, y, text, side in zip(trace["x"], trace["y"], trace["text"], trace["textposition"]):
        at = margin["l"] + (pd.Timestamp(x) - lo) / (hi - lo) * plot_w
        middle = margin["t"] + (rows.index(y) - top) / (bottom - top) * plot_h
        lines = len(plain_text(text).split("\n"))
        height = ((lines - 1) * LINE_EM + GLYPH_EM) * font
        width = max(len(line) for line in plain_text(text).split("\n")) * font * CHAR_EM
        left, right = (
            (at - 7 - width, at - 7) if side == "middle left" else (at + 7, at + 7 + width)
        )
        boxes.append((left, middle - height / 2, right, middle + height / 2, plain_text(text)))
    return boxes


def test_forty_events_continue_on_numbered_slides_in_date_order_each_drawing_its_own(crowd, parts):
    many, figures, events, _ = crowd
    drawn = [str(i) for i in charts.plotted_rows("timeline", figures, events)["id"]]
    assert len(parts) >= 2
    assert [p.text.title for p in parts] == [
        f"Timeline of events ({k} of {len(parts)})" for k in range(1, len(parts) + 1)
    ]
    assert [
        i for p in parts for i in p.ids
    ] == drawn  # every event the chart draws, once, in date order
    for part in parts:
        (labels,) = [
            t for t in part.figure["data"] if (t.get("meta") or {}).get("role") == EVENT_LABEL_ROLE
        ]
        assert list(
            labels["customdata"][:, 0]
            if hasattr(labels["customdata"], "shape")
            else [c[0] for c in labels["customdata"]]
        ) == list(part.ids)
        own = {many.event(i).source for i in part.ids}
        cited = {s.file for s in many.sources if s.title in part.text.source}
        assert cited <= own  # the source line names only this slide's documents


def test_no_two_event_labels_on_a_timeline_slide_overlap_and_none_is_below_14_pt(parts):
    for part in parts:
        boxes = label_boxes(part.figure)
        for k, a in enumerate(boxes):
            assert a[0] >= 0 and a[2] <= part.figure["layout"]["width"], (
                f"{a[4]!r} runs off the slide"
            )
            for b in boxes[k + 1 :]:
                overlap = (
                    min(a[2], b[2]) - max(a[0], b[0]) > 0 and min(a[3], b[3]) - max(a[1], b[1]) > 0
                )
                assert not overlap, f"{part.text.title}: {a[4]!r} overlaps {b[4]!r}"
        (labels,) = [
            t for t in part.figure["data"] if (t.get("meta") or {}).get("role") == EVENT_LABEL_ROLE
        ]
        assert labels["textfont"]["size"] >= LEAST_PX


def test_a_source_line_naming_many_documents_keeps_to_three_lines_and_counts_the_rest():
    documents = [
        f"Made-up bulletin number {i} on cooperation (fictional) — Example Ministry of Illustrations (fictional), Jun 20{i:02d}"
        for i in range(12)
    ]
    for words in (Words("en"), Words("vi")):
        lines = source_lines("Sources: " + "; ".join(documents), 1776, LEAST_PX, words)
        assert len(lines) <= MAX_SOURCE_LINES
        text = " ".join(lines)
        named = sum(d in text.replace("\n", " ") for d in documents)
        left = int(re.search(r"(\d+)\s(?:more documents|tài liệu khác)", text).group(1))
        assert 0 < named and named + left == len(documents)
    short = "Source: One document — Home Office, Apr 2025"
    assert source_lines(short, 1776, LEAST_PX) == [short]


@pytest.mark.chromium
def test_the_deck_gives_each_timeline_slide_its_own_events_in_its_notes_and_no_text_below_14_pt(
    crowd, config
):
    images.renderer()
    many, figures, events, filters = crowd
    presentation = Presentation(
        io.BytesIO(deck.build_deck(figures, events, many, filters, config, made_on=MADE))
    )
    timeline = [
        s
        for s in presentation.slides
        if s.shapes.title is not None and s.shapes.title.text.startswith("Timeline of events (")
    ]
    assert len(timeline) >= 2
    noted = [
        line
        for s in timeline
        for line in s.notes_slide.notes_text_frame.text.splitlines()
        if line.startswith("• ")
    ]
    assert len(noted) == len(
        charts.plotted_rows("timeline", figures, events)
    )  # each event on one slide's notes
    sizes = [
        run.font.size.pt
        for s in presentation.slides
        for shape in s.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
        if run.font.size is not None
    ]
    assert min(sizes) >= 14


def test_on_the_page_a_capped_timeline_keeps_a_row_at_its_foot_for_the_cap_note(crowd, config):
    """The latest 25 events fill the plot to its foot; the "Showing the latest 25 of 40" note
    sits there, so it gets a row of its own instead of covering the last event's label."""
    many, figures, events, filters = crowd
    figure = charts.build_chart("timeline", figures, events, many, config.theme, filters).to_dict()
    layout = figure["layout"]
    assert any(a.get("name") == "cap-note" for a in layout["annotations"])
    rows = len(layout["yaxis"]["categoryarray"])
    assert layout["yaxis"]["range"][0] >= rows - 0.5 + 1  # an empty row below the last event
