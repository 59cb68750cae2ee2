"""Fitting a dashboard chart to a projected slide (``images.compose`` calls these): text
floored at 14 pt, the fill and hatch keys drawn as large swatches, value axes just long
enough for the bars and their labels, stacked panels spaced for their ticks and titles, and
timeline labels wrapped to the room beside their markers.

Sizes are pixels of the image being composed; the caller converts its 1920×1080 layout."""

from __future__ import annotations

import html
import re

import pandas as pd

KEY_W, KEY_H = 84, 42  # a fill/pattern key's swatch, in px of a 1920×1080 slide
CHAR_WIDTH = 0.56  # average glyph width in em of the sans fonts Chromium falls back to (generous)
WRAP_CHAR_WIDTH = 0.52  # for wrapping running text, which averages narrower than labels


def plain_text(text: str) -> str:
    """Plotly label markup reduced to the text people see (``<br>`` kept as newlines)."""
    text = re.sub(r"<br\s*/?>", "\n", str(text), flags=re.I)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def text_px(text: str, font_px: float) -> float:
    """The width of ``text``'s longest line at ``font_px``, estimated generously."""
    return max((len(line) for line in plain_text(text).split("\n")), default=0) * font_px * CHAR_WIDTH


def space_panels(layout: dict, plot_h: float, gap_px: float) -> None:
    """Stacked panels (one y axis each) re-spaced so ``gap_px`` separates them at slide size,
    each keeping its share of the height."""
    panels = sorted(
        (key for key, axis in layout.items() if key.startswith("yaxis") and isinstance(axis, dict) and axis.get("domain")),
        key=lambda key: -layout[key]["domain"][1],
    )
    if len(panels) < 2:
        return
    shares = [layout[k]["domain"][1] - layout[k]["domain"][0] for k in panels]
    gap = gap_px / plot_h
    room = 1 - gap * (len(panels) - 1)
    if room <= 0.2:
        return
    top = 1.0
    for key, share in zip(panels, shares):
        height = share / sum(shares) * room
        layout[key]["domain"] = [max(0.0, top - height), top]
        top -= height + gap


def fit_value_axes(figure: dict, plot_w: float, font_px: float, end_px: float) -> None:
    """Each bar chart's value axis just long enough for its longest bar and the value label
    after it: the plot uses the slide's width instead of leaving a quarter empty."""
    from dashboard.views.charts.draw import END_TRACE_ROLE

    layout = figure["layout"]
    needed: dict[str, float] = {}
    for trace in figure.get("data", []):
        if (trace.get("meta") or {}).get("role") != END_TRACE_ROLE:
            continue
        key = "xaxis" + str(trace.get("xaxis", "x"))[1:]
        for x, text in zip(_numbers(trace.get("x", [])), _strings(trace.get("text", []))):
            if x is None or not isinstance(x, (int, float)) or x != x:
                continue
            room = plot_w - text_px(str(text), font_px) - end_px  # the label, its end marker and a margin
            if room > plot_w * 0.3:
                needed[key] = max(needed.get(key, 0.0), float(x) * plot_w / room)
    for key, top in needed.items():
        axis = layout.get(key)
        if isinstance(axis, dict) and axis.get("range") and top > 0:
            axis["range"] = [axis["range"][0], min(axis["range"][1], top)]


def fit_event_labels(figure: dict, plot_w: float, left_px: float, pad_px: float, font_px: float) -> None:
    """Timeline labels re-wrapped to the room on their side of the marker at slide size: one
    line where it fits (rows are short on a slide), more only where the room is narrow."""
    import textwrap

    from dashboard.views.charts.draw import EVENT_LABEL_ROLE

    layout = figure["layout"]
    axis = layout.get("xaxis") or {}
    if not axis.get("range"):
        return
    lo, hi = (pd.Timestamp(v) for v in axis["range"])
    for trace in figure.get("data", []):
        if (trace.get("meta") or {}).get("role") != EVENT_LABEL_ROLE:
            continue
        positions = trace.get("textposition")
        texts = list(trace.get("text", []))
        for i, (x, text) in enumerate(zip(trace.get("x", []), texts)):
            at = (pd.Timestamp(x) - lo) / (hi - lo) * plot_w
            side = positions[i] if isinstance(positions, (list, tuple)) or hasattr(positions, "tolist") else positions
            room = (at + left_px - font_px) if side == "middle left" else (plot_w - at + pad_px * 0.5 - font_px)
            per_line = max(16, int(room / (font_px * WRAP_CHAR_WIDTH)) - 2)
            plain = re.sub(r"<br\s*/?>", " ", str(text))
            head = re.match(r"<b>.*?</b>", plain)
            if head:  # the date stays whole
                plain = head.group(0).replace(" ", "\u00a0") + plain[head.end():]
            lines = textwrap.wrap(plain, width=per_line + (len(head.group(0)) - len(plain_text(head.group(0))) if head else 0), break_long_words=False)
            texts[i] = "<br>".join(lines).replace("\u00a0", " ")
        trace["text"] = texts


def _numbers(values) -> list:
    """A trace's numbers as a list, whether plain or in plotly's typed-array form
    (``{"dtype": "f8", "bdata": …}``, which ``Figure.to_dict`` gives for numpy arrays)."""
    import base64

    import numpy as np

    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"])).tolist()
    return list(values)


def _strings(values) -> list[str]:
    return [str(v) for v in (values.tolist() if hasattr(values, "tolist") else values)]


def floor_fonts(node, least: float, parent: str = "") -> None:
    """Raise every font size below ``least`` px to it (a slide never shrinks text below 14 pt)."""
    if isinstance(node, list):
        for item in node:
            floor_fonts(item, least, parent)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "size" and parent.endswith("font") and isinstance(value, (int, float)) and not isinstance(value, bool):
                node[key] = max(value, round(least, 1))
            else:
                floor_fonts(value, least, key)


def take_keys(figure: dict) -> list[dict]:
    """The legend-only fill and pattern keys (``meta.role == "key"``), taken out of the data
    to be drawn as swatches of their own."""
    from dashboard.views.charts.draw import KEY_TRACE_ROLE

    data = figure.get("data", [])
    keys = [t for t in data if (t.get("meta") or {}).get("role") == KEY_TRACE_ROLE]
    figure["data"] = [t for t in data if t not in keys]
    return sorted(keys, key=lambda t: t.get("legendrank", 0))


def key_grid(keys: list[dict], width_px: float, px, font_px: float) -> tuple[float, int]:
    """The width of one key (swatch, gap, longest name) and how many rows the keys take."""
    if not keys:
        return 0.0, 0
    entry = px(KEY_W) + font_px * 0.8 + max(text_px(k.get("name", ""), font_px) for k in keys) + font_px * 1.5
    per_row = max(1, int(width_px // entry))
    return entry, -(-len(keys) // per_row)


def draw_keys(figure: dict, keys: list[dict], annotations: list, entry: float, top_px: float, px, paper_x, paper_y, width: int, theme, pad_px: float, font_px: float) -> None:
    """Each key as a ``KEY_W``×``KEY_H`` swatch (an SVG picture of its fill, outline and
    hatch) with its name beside it, in rows from ``top_px`` down."""
    layout = figure["layout"]
    per_row = max(1, int((width - 2 * pad_px) // entry))
    row_h = px(KEY_H) * 1.4
    pictures = list(layout.get("images", []))
    for i, key in enumerate(keys):
        row, column = divmod(i, per_row)
        x0 = pad_px + column * entry
        y_mid = top_px + row * row_h + row_h / 2
        pictures.append(dict(
            name="key-swatch", source=_swatch(key.get("marker", {})), xref="paper", yref="paper",
            x=paper_x(x0), y=paper_y(y_mid - px(KEY_H) / 2),
            sizex=paper_x(px(KEY_W)) - paper_x(0), sizey=paper_y(0) - paper_y(px(KEY_H)),
            xanchor="left", yanchor="top", sizing="stretch", layer="above",
        ))
        annotations.append(dict(
            name="key-label", text=html.escape(str(key.get("name", "")), quote=False), xref="paper", yref="paper",
            x=paper_x(x0 + px(KEY_W) + font_px * 0.5), y=paper_y(y_mid),
            xanchor="left", yanchor="middle", showarrow=False,
            font=dict(size=round(font_px, 1), color=theme.text_colour, family=theme.font_family),
        ))
    layout["images"] = pictures


_HATCH = {  # plotly's pattern shapes as SVG paths in a 12×12 tile
    "/": "M0,12 L12,0 M-3,3 L3,-3 M9,15 L15,9",
    "\\": "M0,0 L12,12 M-3,9 L3,15 M9,-3 L15,3",
    "x": "M0,12 L12,0 M0,0 L12,12",
    "-": "M0,6 H12",
    "|": "M6,0 V12",
    "+": "M0,6 H12 M6,0 V12",
}


def _swatch(marker: dict) -> str:
    """A key's fill, outline and hatch as an SVG data URI, drawn large (84×42)."""
    import base64

    fill = marker.get("color") or "#cccccc"
    line = (marker.get("line") or {}).get("color") or "#555555"
    line_w = max(2, 2 * float((marker.get("line") or {}).get("width") or 1))
    pattern = marker.get("pattern") or {}
    shape, ink = pattern.get("shape") or "", pattern.get("fgcolor") or line
    if shape == ".":
        tile = f'<circle cx="6" cy="6" r="2.4" fill="{ink}"/>'
    elif shape in _HATCH:
        tile = f'<path d="{_HATCH[shape]}" stroke="{ink}" stroke-width="2.2" fill="none"/>'
    else:
        tile = ""
    hatch = (
        f'<defs><pattern id="h" width="12" height="12" patternUnits="userSpaceOnUse">{tile}</pattern></defs>'
        f'<rect width="{KEY_W}" height="{KEY_H}" fill="url(#h)"/>' if tile else ""
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{KEY_W}" height="{KEY_H}" viewBox="0 0 {KEY_W} {KEY_H}">'
        f'<defs></defs><rect width="{KEY_W}" height="{KEY_H}" fill="{fill}"/>{hatch}'
        f'<rect x="{line_w / 2}" y="{line_w / 2}" width="{KEY_W - line_w}" height="{KEY_H - line_w}" fill="none" stroke="{line}" stroke-width="{line_w}"/></svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
