"""The fill and hatch keys of a chart on a slide: the legend-only key traces taken out of the
figure and drawn as large swatches (an SVG picture of each fill, outline and hatch, 84×42 px
of a 1920×1080 slide) with their names beside them, in rows across the slide.
``deckkeys`` draws the same hatches in a native deck chart's keys.
"""

from __future__ import annotations

import html

from dashboard.outputs.slidefit import text_px

KEY_W, KEY_H = 84, 42  # a fill/pattern key's swatch, in px of a 1920×1080 slide
KEY_ROW = 1.3  # a row of keys: the swatch and a little space


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
    entry = (
        px(KEY_W)
        + font_px * 0.8
        + max(text_px(k.get("name", ""), font_px) for k in keys)
        + font_px * 1.5
    )
    per_row = max(1, int(width_px // entry))
    return entry, -(-len(keys) // per_row)


def draw_keys(
    figure: dict,
    keys: list[dict],
    annotations: list,
    entry: float,
    top_px: float,
    px,
    paper_x,
    paper_y,
    width: int,
    theme,
    pad_px: float,
    font_px: float,
) -> None:
    """Each key as a ``KEY_W``×``KEY_H`` swatch (an SVG picture of its fill, outline and
    hatch) with its name beside it, in rows from ``top_px`` down."""
    layout = figure["layout"]
    per_row = max(1, int((width - 2 * pad_px) // entry))
    row_h = px(KEY_H) * KEY_ROW
    pictures = list(layout.get("images", []))
    for i, key in enumerate(keys):
        row, column = divmod(i, per_row)
        x0 = pad_px + column * entry
        y_mid = top_px + row * row_h + row_h / 2
        pictures.append(
            dict(
                name="key-swatch",
                source=_swatch(key.get("marker", {})),
                xref="paper",
                yref="paper",
                x=paper_x(x0),
                y=paper_y(y_mid - px(KEY_H) / 2),
                sizex=paper_x(px(KEY_W)) - paper_x(0),
                sizey=paper_y(0) - paper_y(px(KEY_H)),
                xanchor="left",
                yanchor="top",
                sizing="stretch",
                layer="above",
            )
        )
        annotations.append(
            dict(
                name="key-label",
                text=html.escape(str(key.get("name", "")), quote=False),
                xref="paper",
                yref="paper",
                x=paper_x(x0 + px(KEY_W) + font_px * 0.5),
                y=paper_y(y_mid),
                xanchor="left",
                yanchor="middle",
                showarrow=False,
                font=dict(
                    size=round(font_px, 1), color=theme.text_colour, family=theme.font_family
                ),
            )
        )
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
        f'<rect width="{KEY_W}" height="{KEY_H}" fill="url(#h)"/>'
        if tile
        else ""
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{KEY_W}" height="{KEY_H}" viewBox="0 0 {KEY_W} {KEY_H}">'
        f'<defs></defs><rect width="{KEY_W}" height="{KEY_H}" fill="{fill}"/>{hatch}'
        f'<rect x="{line_w / 2}" y="{line_w / 2}" width="{KEY_W - line_w}" height="{KEY_H - line_w}" fill="none" stroke="{line}" stroke-width="{line_w}"/></svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
