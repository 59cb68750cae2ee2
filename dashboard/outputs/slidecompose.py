"""A dashboard chart composed as a slide: a title, a subtitle naming the filters and period,
the chart, the source line, the notes (what each panel counts, each qualifier shown, the cap)
and the date made, laid out in pixels of a 1920×1080 slide and scaled to the size asked for.

``images`` renders what this composes; ``slideparts`` continues a chart on more slides when
its rows do not fit one; ``slidefit`` fits the chart's own marks and labels to the slide.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.curated.records import day_label
from dashboard.outputs.errors import ExportError
from dashboard.outputs.slidefit import (
    KEY_H,
    KEY_ROW,
    TICK_LINE,
    WRAP_CHAR_WIDTH,
    category_panels,
    draw_keys,
    fit_event_labels,
    fit_value_axes,
    floor_fonts,
    key_grid,
    panel_notes,
    place_panels,
    rewrap_labels,
    wrap_panel_titles,
    take_cap_note,
    take_keys,
)
from dashboard.outputs.slideevents import event_rows_spare
from dashboard.outputs.slidefit import text_px as _text_px
from dashboard.words import Formatter, Words

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.analysis.frame import Filters
    from dashboard.config import Config
    from dashboard.curated.records import Dataset

# A slide laid out in pixels of 1920×1080; every number is scaled to the size asked for.
BASE_WIDTH, BASE_HEIGHT = 1920, 1080
PAD_X = 72  # left and right edge
PAD_TOP = 48
PAD_BOTTOM = 36
TITLE_PX = 56
SUBTITLE_PX = 32
BODY_PX = 28  # chart text: ticks, value labels, legend (14 pt on a 13.33 in slide)
FOOTER_PX = 28  # source line
NOTE_PX = 28  # qualifier notes and the date made
MIN_TEXT_PX = 28  # no text smaller, whatever the chart set (timeline labels, cap notes): 14 pt
LINE_HEIGHT = 1.35
FOOTER_LINE = 1.22  # the source and note lines under the chart, set closer than the title's
FOOTER_CHAR_WIDTH = (
    0.49  # em a character of the footer's running text (measured 0.46 in Liberation Sans)
)


@dataclass(frozen=True)
class SlideText:
    """Everything an image says besides the chart itself; the deck reuses it."""

    title: str
    subtitle: str
    source: str  # "Source: <title> — <publisher>, <date>", "" when nothing is plotted
    notes: tuple[str, ...]  # "Over: the source gives a lower bound; …"
    made: str  # "Made 22 Nov 2026 · <dashboard title>"
    provenance: str = (
        ""  # "Data version 3f9c… · https://…/?year_from=2018…": where the file came from
    )


day_text = day_label  # "22 Nov 2026": the one day label, shared with the page and the deck


def slide_text(
    name: str,
    figures: pd.DataFrame,
    events: pd.DataFrame,
    dataset: Dataset,
    filters: Filters,
    config: Config,
    made_on: dt.date,
    words: Words | None = None,
    *,
    version: str = "",
    link: str = "",
) -> SlideText:
    """What a slide of chart ``name`` says around it; its own words in the language of ``words``;
    ``version`` and ``link`` (the data version /status reports, the view's link) say where the
    image came from, under the date made."""
    from dashboard.views import charts

    spec = chart_spec(name)
    words = words or Words("en")
    return SlideText(
        title=words.text(spec.title, "charts"),
        subtitle=filters.describe(dataset, words=words),
        source=charts.source_footer(name, figures, events, dataset),
        notes=tuple(charts.qualifier_notes(name, figures)),
        made=words.text(
            "Made {date} · {title}",
            "images",
            date=Formatter(words).date(made_on),
            title=words.text(config.title, "page title"),
        ),
        provenance=" · ".join(
            p
            for p in (
                words.text("Data version {version}", "page", version=version) if version else "",
                link,
            )
            if p
        ),
    )


def chart_spec(name: str):
    from dashboard.views import charts

    if name not in charts.CHARTS:
        raise ExportError(f"unknown chart {name!r}; choose one of: {', '.join(charts.CHARTS)}")
    return charts.CHARTS[name]


def compose(
    figure: dict,
    text: SlideText,
    config: Config,
    size: tuple[int, int],
    *,
    title: bool = True,
    scale: float | None = None,
    fit: dict | None = None,
    words: Words | None = None,
) -> dict:
    """``figure`` (a dashboard chart as a dict) laid out as a slide with ``text`` around it.

    ``title=False`` leaves the title out (a deck slide shows it as the slide's own title)
    and starts with the subtitle. ``scale`` overrides the size of text and marks, which by
    default follows the image: 1 at 1920×1080, 0.667 at 1280×720. ``fit``, when given, is
    filled with the plot's height, the text size and the height to spare for the bars' rows
    (negative when they do not fit: ``slideparts`` then continues the chart on more slides).
    """
    width, height = size
    s = scale or min(width / BASE_WIDTH, height / BASE_HEIGHT)
    px = lambda v: v * s  # noqa: E731 - the one unit conversion of this function
    theme = config.theme
    layout = figure.setdefault("layout", {})
    base_font = (layout.get("template", {}).get("layout", {}).get("font", {}) or {}).get(
        "size"
    ) or 13
    _scale_sizes(figure, px(BODY_PX) / base_font)
    floor_fonts(figure, px(MIN_TEXT_PX))
    keys = take_keys(figure)

    usable = width - 2 * px(PAD_X)
    rewrap_labels(layout, usable, px(BODY_PX))
    cap = take_cap_note(layout)  # under the chart with the other notes, never over its bars
    subtitle = _wrap_px(text.subtitle, usable, px(SUBTITLE_PX), max_lines=3)
    # plotly sets the subtitle a little below the title; the legend starts under both.
    heading = _wrap_px(
        text.title, usable, px(TITLE_PX) * 0.94
    )  # bold Arial averages 0.49 em ("… (2 of 3)" may take two lines)
    title_h = len(heading) * px(TITLE_PX) * LINE_HEIGHT + px(20) if title else 0
    top_pad = px(PAD_TOP) if title else px(PAD_TOP) / 2
    header = top_pad + title_h + len(subtitle) * px(SUBTITLE_PX) * LINE_HEIGHT + px(16)

    showlegend = layout.get("showlegend", True) and any(
        t.get("showlegend", True) is not False and t.get("name") for t in figure.get("data", [])
    )
    legend_entry, legend_rows = (
        _legend_grid(figure, usable, px(BODY_PX)) if showlegend else (0.0, 0)
    )
    legend_h = legend_rows * px(BODY_PX) * 1.75
    key_entry, key_rows = key_grid(keys, usable, px, px(BODY_PX))
    key_top = header + legend_h
    legend_h += key_rows * px(KEY_H) * KEY_ROW
    # A panel title is one line on a slide ("Funding · UK worldwide"): what its metric counts and
    # who counted it, wrapped over several lines for the page, moves to the notes under the chart,
    # so stacked panels keep room for their bars (they overlapped each other at slide size).
    panel_details = panel_notes(layout.get("annotations", []), words)
    left = px(PAD_X) + _y_label_width(layout, px(BODY_PX))
    right = px(PAD_X)
    plot_w = max(1.0, width - left - right)
    # a heading too long for the slide wraps (it ran off the right edge): from the plot's left
    # edge to halfway into the right margin, as bold Arial measures it
    title_lines = wrap_panel_titles(layout.get("annotations", []), plot_w + right / 2, px(BODY_PX))
    panels = category_panels(layout)
    panel_lines = (
        title_lines.get(panels[0], 1) if title_lines and panels else (1 if title_lines else 0)
    )
    top = (
        header
        + legend_h
        + px(16)
        + px(BODY_PX) * (1.45 + TICK_LINE * (panel_lines - 1)) * bool(panel_lines)
    )
    if not showlegend:
        layout["showlegend"] = False

    footer_lines: list[tuple[str, float, str]] = []  # (text, font px, colour), top to bottom
    for line in source_lines(text.source, usable, px(FOOTER_PX), words):
        footer_lines.append((line, px(FOOTER_PX), theme.text_colour))
    for line in _wrap_px(
        "   ".join([*panel_details, *text.notes, *cap]),
        usable,
        px(NOTE_PX),
        char_width=FOOTER_CHAR_WIDTH,
    ):
        footer_lines.append((line, px(NOTE_PX), theme.muted_colour))
    footer_lines.append((text.made, px(NOTE_PX), theme.muted_colour))
    if (
        text.provenance
    ):  # a link has no spaces to wrap at: it is cut to the line rather than run off the slide
        for line in _wrap_px(text.provenance, usable, px(NOTE_PX), char_width=FOOTER_CHAR_WIDTH):
            footer_lines.append((line, px(NOTE_PX), theme.muted_colour))
    footer_h = sum(f * FOOTER_LINE for _, f, _ in footer_lines)
    axis_band = _x_axis_band(layout, px(BODY_PX))
    footer_gap = px(24)  # between the axis title and the rule above the footer
    bottom = px(PAD_BOTTOM) + footer_h + footer_gap + axis_band

    plot_h = max(1.0, height - top - bottom)

    fit_value_axes(figure, plot_w, px(BODY_PX), px(60))
    spare = place_panels(layout, plot_h, px(BODY_PX), title_lines)
    if fit is not None:
        fit.update(plot_h=plot_h, font_px=px(BODY_PX), spare=spare)
    fit_event_labels(figure, plot_w, left, px(PAD_X), px(MIN_TEXT_PX))
    event_spare = event_rows_spare(figure, plot_h, px(MIN_TEXT_PX))
    if fit is not None and event_spare is not None:
        fit["spare"] = event_spare  # a timeline's rows: slideparts continues it on more slides

    def paper_x(x_px: float) -> float:  # pixels from the image's left edge → paper x
        return (x_px - left) / plot_w

    def paper_y(y_px: float) -> float:  # pixels from the image's top edge → paper y
        return (height - bottom - y_px) / plot_h

    annotations = list(layout.get("annotations", []))
    y = height - px(PAD_BOTTOM) - footer_h
    for line, font_px, colour in footer_lines:
        annotations.append(
            dict(
                name="slide-footer",
                text=_esc(line),
                xref="paper",
                yref="paper",
                x=paper_x(px(PAD_X)),
                y=paper_y(y),
                xanchor="left",
                yanchor="top",
                align="left",
                showarrow=False,
                font=dict(size=round(font_px, 1), color=colour, family=theme.font_family),
            )
        )
        y += font_px * FOOTER_LINE
    rule_y = paper_y(height - px(PAD_BOTTOM) - footer_h - footer_gap / 2)
    shapes = list(layout.get("shapes", [])) + [
        dict(
            name="slide-footer-rule",
            type="line",
            xref="paper",
            yref="paper",
            x0=paper_x(px(PAD_X)),
            x1=paper_x(width - px(PAD_X)),
            y0=rule_y,
            y1=rule_y,
            line=dict(color=_rule_colour(theme), width=max(1, round(px(2)))),
        )
    ]
    if keys:
        draw_keys(
            figure,
            keys,
            annotations,
            key_entry,
            key_top,
            px,
            paper_x,
            paper_y,
            width,
            theme,
            px(PAD_X),
            px(BODY_PX),
        )
    for annotation in annotations:
        if annotation.get("name") == "panel-title":
            annotation["font"] = {
                **annotation.get("font", {}),
                "size": round(px(BODY_PX), 1),
                "weight": "bold",
            }
    layout.update(
        width=width,
        height=height,
        autosize=False,
        margin=dict(l=left, r=right, t=top, b=bottom, pad=0, autoexpand=True),
        paper_bgcolor=theme.background_colour,
        plot_bgcolor=theme.background_colour,
        font={
            **layout.get("font", {}),
            "family": theme.font_family,
            "color": theme.text_colour,
            "size": round(px(BODY_PX), 1),
        },
        title=_title(heading, subtitle, title, theme, px, width, height, top_pad),
        annotations=annotations,
        shapes=shapes,
    )
    if showlegend:
        layout["legend"] = {
            **layout.get("legend", {}),
            "orientation": "h",
            "xref": "container",
            "x": px(PAD_X) / width,
            "xanchor": "left",
            "yref": "container",
            "y": 1 - header / height,
            "yanchor": "top",
            "font": {**layout.get("legend", {}).get("font", {}), "size": round(px(BODY_PX), 1)},
            "entrywidth": round(legend_entry, 1),
            "entrywidthmode": "pixels",
        }
    return figure


def _title(
    heading: list[str],
    subtitle: list[str],
    with_title: bool,
    theme,
    px,
    width: int,
    height: int,
    top_pad: float,
) -> dict:
    """The title (bold) with the filters as its subtitle, or the filters alone."""
    down = (
        (len(heading) - 1) * px(TITLE_PX) * 0.8 if with_title else 0
    )  # plotly lifts a title's first line as it gains lines
    place = dict(
        x=px(PAD_X) / width,
        xref="container",
        xanchor="left",
        y=1 - (top_pad + down) / height,
        yref="container",
        yanchor="top",
        pad=dict(t=0, b=0, l=0, r=0),
        automargin=False,
    )
    sub_font = dict(
        size=round(px(SUBTITLE_PX), 1), color=theme.muted_colour, family=theme.font_family
    )
    lines = "<br>".join(_esc(line) for line in subtitle)
    if not with_title:
        return dict(text=lines, font=sub_font, **place)
    return dict(
        text="<br>".join(f"<b>{_esc(line)}</b>" for line in heading),
        font=dict(size=round(px(TITLE_PX), 1), color=theme.text_colour, family=theme.font_family),
        subtitle=dict(text=lines, font=sub_font),
        **place,
    )


def _rule_colour(theme) -> str:
    from dashboard.views.theme import GRID_COLOUR

    return GRID_COLOUR


def _scale_sizes(node, k: float, parent: str = "") -> None:
    """Multiply every size in px the chart set (fonts, markers, hatches, line widths,
    label standoffs) by ``k``, so the whole chart grows with the slide, not only its text."""
    if isinstance(node, list):
        for item in node:
            _scale_sizes(item, k, parent)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        scalable = (
            (key == "size" and (parent.endswith("font") or parent in ("marker", "pattern")))
            or (key == "width" and parent == "line")
            or key in ("ticklabelstandoff", "standoff")
        )
        if scalable:
            node[key] = _times(value, k)
            if key == "ticklabelstandoff":  # plotly accepts whole pixels only and drops a float
                node[key] = round(node[key])
        else:
            _scale_sizes(value, k, key)


def _times(value, k: float):
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return round(value * k, 2)
    if isinstance(value, (list, tuple)):
        return [_times(v, k) for v in value]
    try:  # numpy arrays from to_dict()
        return [_times(v, k) for v in value.tolist()]
    except AttributeError:
        return value


MAX_SOURCE_LINES = 3  # a source line past this names the first documents and how many more


def source_lines(
    source: str, width_px: float, font_px: float, words: Words | None = None
) -> list[str]:
    """The source line wrapped to the slide; when it would take more than ``MAX_SOURCE_LINES``
    (23 documents took half a slide), the documents that fit and "and 12 more documents" (the
    deck's notes and the table name them all)."""
    lines = _wrap_px(source, width_px, font_px, char_width=FOOTER_CHAR_WIDTH)
    if len(lines) <= MAX_SOURCE_LINES:
        return lines
    words = words or Words("en")
    documents = source.split("; ")
    for keep in range(len(documents) - 1, 0, -1):
        more = words.text(
            "and {n} more documents", "images", n=words.integer(len(documents) - keep)
        )
        lines = _wrap_px(
            "; ".join(documents[:keep]) + "; " + more,
            width_px,
            font_px,
            char_width=FOOTER_CHAR_WIDTH,
        )
        if len(lines) <= MAX_SOURCE_LINES:
            return lines
    return _wrap_px(
        source, width_px, font_px, max_lines=MAX_SOURCE_LINES, char_width=FOOTER_CHAR_WIDTH
    )


def _wrap_px(
    text: str,
    width_px: float,
    font_px: float,
    max_lines: int | None = None,
    char_width: float = WRAP_CHAR_WIDTH,
) -> list[str]:
    import textwrap

    if not text:
        return []
    per_line = max(20, int(width_px / (font_px * char_width)))
    lines = textwrap.wrap(text, width=per_line, break_long_words=False) or [text]
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: per_line - 1].rstrip() + "…"
    return lines


def _y_label_width(layout: dict, font_px: float) -> float:
    """Room for the widest category label on any y axis (0 when labels are hidden)."""
    widest = 0.0
    for key, axis in layout.items():
        if not key.startswith("yaxis") or not isinstance(axis, dict):
            continue
        if axis.get("showticklabels") is False or axis.get("visible") is False:
            continue
        labels = axis.get("ticktext") or []
        widest = max([widest, *(_text_px(label, font_px) for label in labels)])
        if (axis.get("title") or {}).get("text"):
            widest += font_px * 2
    return widest + (font_px * 0.8 if widest else 0)


def _x_axis_band(layout: dict, font_px: float) -> float:
    """Height below the lowest plot for its tick labels and axis title; the title is set that
    close under the tick labels (plotly's own standoff left it over the footer's rule)."""
    band = 0.0
    for key, axis in layout.items():
        if (
            not key.startswith("xaxis")
            or not isinstance(axis, dict)
            or axis.get("visible") is False
        ):
            continue
        height = font_px * 1.7  # tick labels and their standoff
        if (axis.get("title") or {}).get("text"):
            axis["title"] = {**axis["title"], "standoff": round(font_px * 0.4)}
            height += font_px * 1.6
        band = max(band, height)
    return band


def _legend_grid(figure: dict, width_px: float, font_px: float) -> tuple[float, int]:
    """A horizontal legend as a grid: the width of one entry (the longest name, its symbol
    and a gap) and how many rows the figure's named traces take."""
    names = [
        t.get("name", "")
        for t in figure.get("data", [])
        if t.get("showlegend", True) is not False and t.get("name")
    ]
    if not names:
        return 0.0, 0
    entry = max(_text_px(name, font_px) for name in names) + font_px * 4
    per_row = max(1, int(width_px // entry))
    return entry, -(-len(names) // per_row)


def _esc(text: str) -> str:
    import html

    return html.escape(str(text), quote=False)
