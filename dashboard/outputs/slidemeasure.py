"""What a slide's text and axes take, in pixels: text wrapped to a width, the source line
shortened to three lines ("and 12 more documents"), a horizontal legend as a grid, the room
for the y axes' category labels and the x axes' band, and every size the chart set scaled
with the slide. ``slidecompose`` lays a slide out with these; ``preview`` wraps its lines too.
"""

from __future__ import annotations

from dashboard.outputs.slidefit import WRAP_CHAR_WIDTH
from dashboard.outputs.slidefit import text_px as _text_px
from dashboard.words import Words

FOOTER_CHAR_WIDTH = (
    0.49  # em a character of the footer's running text (measured 0.46 in Liberation Sans)
)


def scale_sizes(node, k: float, parent: str = "") -> None:
    """Multiply every size in px the chart set (fonts, markers, hatches, line widths,
    label standoffs) by ``k``, so the whole chart grows with the slide, not only its text."""
    if isinstance(node, list):
        for item in node:
            scale_sizes(item, k, parent)
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
            scale_sizes(value, k, key)


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
    lines = wrap_px(source, width_px, font_px, char_width=FOOTER_CHAR_WIDTH)
    if len(lines) <= MAX_SOURCE_LINES:
        return lines
    words = words or Words("en")
    documents = source.split("; ")
    for keep in range(len(documents) - 1, 0, -1):
        more = words.text(
            "and {n} more documents", "images", n=words.integer(len(documents) - keep)
        )
        lines = wrap_px(
            "; ".join(documents[:keep]) + "; " + more,
            width_px,
            font_px,
            char_width=FOOTER_CHAR_WIDTH,
        )
        if len(lines) <= MAX_SOURCE_LINES:
            return lines
    return wrap_px(
        source, width_px, font_px, max_lines=MAX_SOURCE_LINES, char_width=FOOTER_CHAR_WIDTH
    )


def wrap_px(
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


def y_label_width(layout: dict, font_px: float) -> float:
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


def x_axis_band(layout: dict, font_px: float) -> float:
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


def legend_grid(figure: dict, width_px: float, font_px: float) -> tuple[float, int]:
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


def esc(text: str) -> str:
    import html

    return html.escape(str(text), quote=False)
