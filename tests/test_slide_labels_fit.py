"""A bar's value label is its document's words ("tối đa 1 triệu bảng Anh (cam kết)"): on a slide
image it is never cut at the right edge, whatever the language and the image size. The label's
end is measured in the font PowerPoint and Chromium set it in (outputs.textfit), from the
composed figure; nothing is drawn."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.analysis.frame import (
    Filters,
    apply_event_filters,
    apply_filters,
    events_frame,
    figures_frame,
    year_span,
)
from dashboard.outputs import images
from dashboard.outputs.textfit import text_width_in
from dashboard.views.charts import END_TRACE_ROLE
from dashboard.views.language import localize
from dashboard.words import Words

MADE = dt.date(2026, 11, 30)
PX_PER_IN = 1920 / 13.333  # a 1920 px image is a 13.33 in slide


def label_ends(figure: dict) -> list[tuple[str, float]]:
    """Each value label's text and the x (px) where it ends on the image."""
    layout = figure["layout"]
    width, margin = layout["width"], layout["margin"]
    plot_w = width - margin["l"] - margin["r"]
    ends = []
    for trace in figure["data"]:
        texts = images_strings(trace.get("text", []))
        if (trace.get("meta") or {}).get("role") != END_TRACE_ROLE or not texts:
            continue
        axis = layout["xaxis" + str(trace.get("xaxis", "x"))[1:]]
        (low, high), (d0, d1) = axis["range"], axis.get("domain", [0, 1])
        font_px = (trace.get("textfont") or {}).get("size") or layout["font"]["size"]
        xs = images_numbers(trace["x"])
        for x, text in zip(xs, texts):
            if x is None or not text:
                continue
            at = margin["l"] + (d0 + (float(x) - low) / (high - low) * (d1 - d0)) * plot_w
            marker = (trace.get("marker") or {}).get("size", 0)
            ends.append(
                (
                    text,
                    at + marker + text_width_in(str(text), font_px / 2) * PX_PER_IN * width / 1920,
                )
            )
    return ends


def images_numbers(values) -> list:
    from dashboard.outputs.slidefit import _numbers

    return list(_numbers(values))


def images_strings(values) -> list[str]:
    """A trace's texts, plain or plotly's array form."""
    from dashboard.outputs.slidefit import _strings

    return list(_strings(values))


@pytest.mark.parametrize("language", ["en", "vi"])
@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720), (1440, 1080)])
def test_no_value_label_runs_off_a_slide_image(
    shipped_dataset, shipped_data_dir, config, language, size
):
    from dashboard.curated.translations import curated_names

    local = localize(
        shipped_dataset,
        figures_frame(shipped_dataset),
        events_frame(shipped_dataset),
        language,
        curated_names(shipped_data_dir, language),
    )
    filters = Filters(*year_span(shipped_dataset))
    figures, events = (
        apply_filters(local.figures, filters),
        apply_event_filters(local.events, filters),
    )
    checked = 0
    for name in ("funding", "people", "returns"):
        for part in images.slide_parts(
            name,
            figures,
            events,
            local.dataset,
            filters,
            config,
            size=size,
            made_on=MADE,
            words=Words(language),
        ):
            for text, end in label_ends(part.figure):
                checked += 1
                assert end <= size[0], (
                    f"{name} at {size}: {text!r} ends at {end:.0f} px of {size[0]}"
                )
    assert checked
