"""A dashboard chart composed as a slide: a title, a subtitle naming the filters and period,
the chart, the source line, the notes (what each panel counts, each qualifier shown, the cap)
and the date made, laid out in pixels of a 1920×1080 slide and scaled to the size asked for.

``images`` renders what this composes; ``slideparts`` continues a chart on more slides when
its rows do not fit one; ``slidefit`` fits the chart's own marks and labels to the slide.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dashboard.outputs.slidefit import (
    TICK_LINE,
    category_panels,
    fit_event_labels,
    fit_value_axes,
    floor_fonts,
    panel_notes,
    place_panels,
    rewrap_labels,
    wrap_panel_titles,
    take_cap_note,
)
from dashboard.outputs.slideevents import event_rows_spare
from dashboard.outputs.slidekeys import KEY_H, KEY_ROW, draw_keys, key_grid, take_keys
from dashboard.outputs.slidemeasure import (  # noqa: F401  (MAX_SOURCE_LINES, source_lines: re-exported)
    FOOTER_CHAR_WIDTH,
    MAX_SOURCE_LINES,
    esc as _esc,
    legend_grid,
    scale_sizes as _scale_sizes,
    source_lines,
    wrap_px as _wrap_px,
    x_axis_band,
    y_label_width,
)
from dashboard.outputs.slidetext import (  # noqa: F401  (chart_spec, day_text, slide_text: re-exported)
    SlideText,
    chart_spec,
    day_text,
    slide_text,
)
from dashboard.words import Words

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.config import Config

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
    keys = _scaled(figure, layout, px)
    usable = width - 2 * px(PAD_X)
    rewrap_labels(layout, usable, px(BODY_PX))
    cap = take_cap_note(layout)  # under the chart with the other notes, never over its bars
    head = _Header.of(text, usable, px, title)
    legend = _Legend.of(figure, layout, keys, usable, px, head.height)
    # A panel title is one line on a slide ("Funding · UK worldwide"): what its metric counts and
    # who counted it, wrapped over several lines for the page, moves to the notes under the chart,
    # so stacked panels keep room for their bars (they overlapped each other at slide size).
    panel_details = panel_notes(layout.get("annotations", []), words)
    left = px(PAD_X) + y_label_width(layout, px(BODY_PX))
    right = px(PAD_X)
    plot_w = max(1.0, width - left - right)
    # a heading too long for the slide wraps (it ran off the right edge): from the plot's left
    # edge to halfway into the right margin, as bold Arial measures it
    title_lines = wrap_panel_titles(layout.get("annotations", []), plot_w + right / 2, px(BODY_PX))
    top = _plot_top(layout, title_lines, head.height + legend.height, px)
    if not legend.shown:
        layout["showlegend"] = False
    footer_lines = _footer_lines(
        text, [*panel_details, *text.notes, *cap], usable, px, theme, words
    )
    footer_h = sum(f * FOOTER_LINE for _, f, _ in footer_lines)
    footer_gap = px(24)  # between the axis title and the rule above the footer
    bottom = px(PAD_BOTTOM) + footer_h + footer_gap + x_axis_band(layout, px(BODY_PX))
    box = _Box(width, height, left, right, top, bottom, plot_w, max(1.0, height - top - bottom))
    _fit_plot(figure, layout, box, px, title_lines, fit)
    annotations = list(layout.get("annotations", [])) + _footer_annotations(
        footer_lines, box, height - px(PAD_BOTTOM) - footer_h, px, theme
    )
    rule_y = box.paper_y(height - px(PAD_BOTTOM) - footer_h - footer_gap / 2)
    shapes = list(layout.get("shapes", [])) + [_footer_rule(box, rule_y, px, theme)]
    if keys:
        _draw_keys(figure, keys, annotations, legend, box, px, theme)
    _bold_panel_titles(annotations, px)
    title_layout = _title(
        head.heading, head.subtitle, title, theme, px, width, height, head.top_pad
    )
    _set_layout(layout, box, px, theme, title_layout, annotations, shapes)
    if legend.shown:
        _place_legend(layout, legend.entry, head.height, px, width, height)
    return figure


# --- the steps of compose ------------------------------------------------------------------


def _scaled(figure: dict, layout: dict, px) -> list:
    """Every size the chart set scaled to the slide's body text, no text under the floor; the
    keys taken out of the figure to be drawn above the plot."""
    base_font = (layout.get("template", {}).get("layout", {}).get("font", {}) or {}).get(
        "size"
    ) or 13
    _scale_sizes(figure, px(BODY_PX) / base_font)
    floor_fonts(figure, px(MIN_TEXT_PX))
    return take_keys(figure)


@dataclass(frozen=True)
class _Header:
    """The title's and subtitle's lines, the padding above them and the height they take."""

    heading: list[str]
    subtitle: list[str]
    top_pad: float
    height: float

    @classmethod
    def of(cls, text: SlideText, usable: float, px, title: bool) -> _Header:
        subtitle = _wrap_px(text.subtitle, usable, px(SUBTITLE_PX), max_lines=3)
        # plotly sets the subtitle a little below the title; the legend starts under both.
        heading = _wrap_px(
            text.title, usable, px(TITLE_PX) * 0.94
        )  # bold Arial averages 0.49 em ("… (2 of 3)" may take two lines)
        title_h = len(heading) * px(TITLE_PX) * LINE_HEIGHT + px(20) if title else 0
        top_pad = px(PAD_TOP) if title else px(PAD_TOP) / 2
        header = top_pad + title_h + len(subtitle) * px(SUBTITLE_PX) * LINE_HEIGHT + px(16)
        return cls(heading, subtitle, top_pad, header)


@dataclass(frozen=True)
class _Legend:
    """The legend (shown or not, its entries' width) and the keys under it: their height."""

    shown: bool
    entry: float
    key_entry: float
    key_top: float
    height: float

    @classmethod
    def of(cls, figure: dict, layout: dict, keys: list, usable: float, px, header: float):
        shown = layout.get("showlegend", True) and any(
            t.get("showlegend", True) is not False and t.get("name") for t in figure.get("data", [])
        )
        entry, rows = legend_grid(figure, usable, px(BODY_PX)) if shown else (0.0, 0)
        legend_h = rows * px(BODY_PX) * 1.75
        key_entry, key_rows = key_grid(keys, usable, px, px(BODY_PX))
        key_top = header + legend_h
        legend_h += key_rows * px(KEY_H) * KEY_ROW
        return cls(shown, entry, key_entry, key_top, legend_h)


def _plot_top(layout: dict, title_lines: dict, above: float, px) -> float:
    """Where the plot starts: under the header, legend and keys, and the first panel's title."""
    panels = category_panels(layout)
    panel_lines = (
        title_lines.get(panels[0], 1) if title_lines and panels else (1 if title_lines else 0)
    )
    return above + px(16) + px(BODY_PX) * (1.45 + TICK_LINE * (panel_lines - 1)) * bool(panel_lines)


def _footer_lines(
    text: SlideText, notes: list[str], usable: float, px, theme, words: Words | None
) -> list[tuple[str, float, str]]:
    """The lines under the chart, top to bottom, as (text, font px, colour): the source line,
    the notes, the day made and where the image came from."""
    lines: list[tuple[str, float, str]] = []
    for line in source_lines(text.source, usable, px(FOOTER_PX), words):
        lines.append((line, px(FOOTER_PX), theme.text_colour))
    for line in _wrap_px("   ".join(notes), usable, px(NOTE_PX), char_width=FOOTER_CHAR_WIDTH):
        lines.append((line, px(NOTE_PX), theme.muted_colour))
    lines.append((text.made, px(NOTE_PX), theme.muted_colour))
    if (
        text.provenance
    ):  # a link has no spaces to wrap at: it is cut to the line rather than run off the slide
        for line in _wrap_px(text.provenance, usable, px(NOTE_PX), char_width=FOOTER_CHAR_WIDTH):
            lines.append((line, px(NOTE_PX), theme.muted_colour))
    return lines


@dataclass(frozen=True)
class _Box:
    """The slide's size in pixels, its margins around the plot, and the plot's size."""

    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    plot_w: float
    plot_h: float

    def paper_x(self, x_px: float) -> float:  # pixels from the image's left edge → paper x
        return (x_px - self.left) / self.plot_w

    def paper_y(self, y_px: float) -> float:  # pixels from the image's top edge → paper y
        return (self.height - self.bottom - y_px) / self.plot_h


def _draw_keys(figure: dict, keys: list, annotations: list, legend: _Legend, box: _Box, px, theme):
    """The fill and hatch keys as swatches in rows under the legend (``slidekeys``)."""
    draw_keys(
        figure,
        keys,
        annotations,
        legend.key_entry,
        legend.key_top,
        px,
        box.paper_x,
        box.paper_y,
        box.width,
        theme,
        px(PAD_X),
        px(BODY_PX),
    )


def _fit_plot(figure: dict, layout: dict, box: _Box, px, title_lines: dict, fit: dict | None):
    """Axes, panels and event labels fitted to the plot; what is to spare told to ``fit``."""
    fit_value_axes(figure, box.plot_w, px(BODY_PX), px(60))
    spare = place_panels(layout, box.plot_h, px(BODY_PX), title_lines)
    if fit is not None:
        fit.update(plot_h=box.plot_h, font_px=px(BODY_PX), spare=spare)
    fit_event_labels(figure, box.plot_w, box.left, px(PAD_X), px(MIN_TEXT_PX))
    event_spare = event_rows_spare(figure, box.plot_h, px(MIN_TEXT_PX))
    if fit is not None and event_spare is not None:
        fit["spare"] = event_spare  # a timeline's rows: slideparts continues it on more slides


def _footer_annotations(lines: list, box: _Box, y: float, px, theme) -> list[dict]:
    """The footer's lines as annotations, the first at ``y`` pixels from the top."""
    annotations = []
    for line, font_px, colour in lines:
        annotations.append(
            dict(
                name="slide-footer",
                text=_esc(line),
                xref="paper",
                yref="paper",
                x=box.paper_x(px(PAD_X)),
                y=box.paper_y(y),
                xanchor="left",
                yanchor="top",
                align="left",
                showarrow=False,
                font=dict(size=round(font_px, 1), color=colour, family=theme.font_family),
            )
        )
        y += font_px * FOOTER_LINE
    return annotations


def _footer_rule(box: _Box, rule_y: float, px, theme) -> dict:
    return dict(
        name="slide-footer-rule",
        type="line",
        xref="paper",
        yref="paper",
        x0=box.paper_x(px(PAD_X)),
        x1=box.paper_x(box.width - px(PAD_X)),
        y0=rule_y,
        y1=rule_y,
        line=dict(color=_rule_colour(theme), width=max(1, round(px(2)))),
    )


def _set_layout(layout: dict, box: _Box, px, theme, title: dict, annotations, shapes) -> None:
    """The slide's size, margins around the plot, colours, body font, title and marks."""
    layout.update(
        width=box.width,
        height=box.height,
        autosize=False,
        margin=dict(l=box.left, r=box.right, t=box.top, b=box.bottom, pad=0, autoexpand=True),
        paper_bgcolor=theme.background_colour,
        plot_bgcolor=theme.background_colour,
        font={
            **layout.get("font", {}),
            "family": theme.font_family,
            "color": theme.text_colour,
            "size": round(px(BODY_PX), 1),
        },
        title=title,
        annotations=annotations,
        shapes=shapes,
    )


def _bold_panel_titles(annotations: list[dict], px) -> None:
    for annotation in annotations:
        if annotation.get("name") == "panel-title":
            annotation["font"] = {
                **annotation.get("font", {}),
                "size": round(px(BODY_PX), 1),
                "weight": "bold",
            }


def _place_legend(layout: dict, entry: float, header: float, px, width, height) -> None:
    """The legend across the slide under the header, in a grid of ``entry``-wide entries."""
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
        "entrywidth": round(entry, 1),
        "entrywidthmode": "pixels",
    }


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
