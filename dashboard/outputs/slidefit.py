"""Fitting a dashboard chart to a projected slide (``images.compose`` calls these): text
floored at 14 pt, the fill and hatch keys drawn as large swatches (``slidekeys``), value axes just long
enough for the bars and their labels, stacked panels spaced for their ticks and titles, and
timeline labels wrapped to the room beside their markers.

Sizes are pixels of the image being composed; the caller converts its 1920×1080 layout."""

from __future__ import annotations

import html
import re

import pandas as pd

CHAR_WIDTH = 0.56  # average glyph width in em of the sans fonts Chromium falls back to (generous)
WRAP_CHAR_WIDTH = 0.52  # for wrapping running text, which averages narrower than labels


def plain_text(text: str) -> str:
    """Plotly label markup reduced to the text people see (``<br>`` kept as newlines)."""
    text = re.sub(r"<br\s*/?>", "\n", str(text), flags=re.I)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def text_px(text: str, font_px: float) -> float:
    """The width of ``text``'s longest line at ``font_px``, estimated generously."""
    return (
        max((len(line) for line in plain_text(text).split("\n")), default=0) * font_px * CHAR_WIDTH
    )


LABEL_COLUMN = 0.45  # the share of a slide's width its category labels may take (the page gives them 30 characters)
TICK_LINE = 1.3  # plotly sets the lines of a multi-line tick label 1.3 em apart
PANEL_GAP = 3.05  # em between stacked panels: the upper one's tick labels (1.3), the next one's title (1.4), a margin


def category_panels(layout: dict) -> list[str]:
    """The y axes whose category labels show (one per bar panel), top panel first."""
    keys = [
        key
        for key, axis in layout.items()
        if key.startswith("yaxis")
        and isinstance(axis, dict)
        and axis.get("type") == "category"
        and axis.get("ticktext") is not None
        and axis.get("showticklabels") is not False
        and axis.get("visible") is not False
    ]
    return sorted(keys, key=lambda key: -(layout[key].get("domain") or [0, 1])[1])


def rewrap_label(text: str, chars: int) -> str:
    """A category label (name lines, then muted ``<span>`` lines) re-wrapped to ``chars`` a line:
    a slide's label column is wider than the page's, so a label takes fewer lines."""
    import textwrap

    lines = str(text).split("<br>")
    spans = [re.match(r"(<span[^>]*>)(.*?)</span>$", line.strip()) for line in lines]
    name = " ".join(plain_text(line).strip() for line, span in zip(lines, spans) if not span)
    muted = " ".join(plain_text(span.group(2)).strip() for span in spans if span)
    style = next((span.group(1) for span in spans if span), "<span>")
    out = [
        html.escape(line, quote=False)
        for line in textwrap.wrap(name, chars, break_long_words=False)
    ]
    out += [
        f"{style}{html.escape(line, quote=False)}</span>"
        for line in textwrap.wrap(muted, chars, break_long_words=False)
    ]
    return "<br>".join(out) or str(text)


def rewrap_labels(layout: dict, usable_px: float, font_px: float) -> None:
    """Every panel's category labels re-wrapped to the slide's label column (``LABEL_COLUMN``)."""
    chars = max(16, int(usable_px * LABEL_COLUMN / (font_px * WRAP_CHAR_WIDTH)))
    for key in category_panels(layout):
        layout[key]["ticktext"] = [
            rewrap_label(t, chars) for t in _strings(layout[key]["ticktext"])
        ]


def label_lines(text: str) -> int:
    return len(plain_text(text).split("\n"))


def row_need(lines: int, font_px: float) -> float:
    """The height a bar's row needs: its label's lines as plotly sets them (1.3 em apart, the last
    line about 1.1 em tall), or the bar and its value label (1.4 em), and a small gap."""
    return max((lines - 1) * TICK_LINE + 1.1, 1.4) * font_px + 0.15 * font_px


def panel_need(axis: dict, font_px: float) -> tuple[float, float]:
    """A panel's bars' need (each row as tall as its tallest label's row) and that row height."""
    tallest = max(
        (row_need(label_lines(t), font_px) for t in _strings(axis.get("ticktext") or [])),
        default=row_need(1, font_px),
    )
    return len(axis.get("tickvals") if axis.get("tickvals") is not None else []) * tallest, tallest


def place_panels(
    layout: dict, plot_h: float, font_px: float, title_lines: dict[str, int] | None = None
) -> float:
    """Stacked panels laid out from what they need: each panel its rows' need, each gap the
    upper panel's tick labels and the next one's title (``title_lines``: its lines, by y axis,
    once ``wrap_panel_titles`` wrapped it), the spare height shared out in proportion; the
    padding around a lone bar gives way where room is short. Returns the height to spare
    (negative: by how much the rows do not fit)."""
    keys = category_panels(layout)
    if not keys:
        return 0.0
    needs = [panel_need(layout[key], font_px) for key in keys]
    total = sum(need for need, _ in needs) or 1.0
    gaps = [
        (PANEL_GAP + TICK_LINE * ((title_lines or {}).get(key, 1) - 1)) * font_px
        for key in keys[1:]
    ] + [0.0]
    spare = plot_h - total - sum(gaps)
    scale = (
        (total + max(spare, 0.0)) / total
        if spare >= 0
        else max(plot_h - sum(gaps), plot_h * 0.2) / total
    )
    top = 1.0
    for key, (need, tallest), gap in zip(keys, needs, gaps):
        height = need * scale if len(keys) > 1 else plot_h
        if len(keys) > 1:
            layout[key]["domain"] = [max(0.0, top - height / plot_h), top]
            top -= (height + gap) / plot_h
        _shrink_padding(layout[key], height, tallest)
    return spare


def _shrink_padding(axis: dict, height: float, tallest: float) -> None:
    """A lone bar padded to three slots keeps only the padding its panel has room for."""
    if not axis.get("range"):
        return
    bars = len(axis.get("tickvals") if axis.get("tickvals") is not None else [])
    low, high = (float(v) for v in axis["range"])
    slots = abs(low - high)
    fit = max(float(bars), min(slots, height / tallest))
    if fit < slots:
        pad = (fit - bars) / 2
        axis["range"] = [bars - 0.5 + pad, -0.5 - pad]


def fit_value_axes(figure: dict, plot_w: float, font_px: float, end_px: float) -> None:
    """Each bar chart's value axis just long enough for its longest bar and the value label
    after it: the plot uses the slide's width instead of leaving a quarter empty, and a long
    label ("tối đa 1 triệu bảng Anh (cam kết)") is never cut at the slide's edge."""
    from dashboard.views.charts.draw import END_TRACE_ROLE
    from dashboard.views.charts.partwhole import WHOLE_TRACE_ROLE

    layout = figure["layout"]
    needed: dict[str, float] = {}
    for trace in figure.get("data", []):
        role = (trace.get("meta") or {}).get("role")
        key = "xaxis" + str(trace.get("xaxis", "x"))[1:]
        if role == WHOLE_TRACE_ROLE:  # a part's whole, drawn behind it: the axis keeps reaching it
            for x in _numbers(trace.get("x", [])):
                if isinstance(x, (int, float)) and x == x:
                    needed[key] = max(needed.get(key, 0.0), float(x) * 1.05)
            continue
        if role != END_TRACE_ROLE:
            continue
        for x, text in zip(_numbers(trace.get("x", [])), _strings(trace.get("text", []))):
            if x is None or not isinstance(x, (int, float)) or x != x:
                continue
            room = (
                plot_w - text_px(str(text), font_px) - end_px
            )  # the label, its end marker and a margin
            if room > plot_w * 0.3:
                needed[key] = max(needed.get(key, 0.0), float(x) * plot_w / room)
    for key, top in needed.items():
        axis = layout.get(key)
        if isinstance(axis, dict) and axis.get("range") and top > 0:
            axis["range"] = [
                axis["range"][0],
                top,
            ]  # shorter where the page left room, longer where a label needs it
            _thin_ticks(axis, plot_w, font_px)


def _thin_ticks(axis: dict, plot_w: float, font_px: float) -> None:
    """Every other tick (or fewer) where a lengthened axis left its labels too close to stand
    upright: plotly would slant them into the axis title and the footer."""
    values, texts = (
        list(_numbers(axis.get("tickvals") or [])),
        list(_strings(axis.get("ticktext") or [])),
    )
    low, high = axis["range"]
    if len(values) < 3 or len(values) != len(texts) or high <= low:
        return
    widest = max(text_px(str(t), font_px) for t in texts) + font_px  # a label and a gap
    step = 1
    while len(values[::step]) > 2 and plot_w * (values[step] - values[0]) / (high - low) < widest:
        step += 1
    axis["tickvals"], axis["ticktext"], axis["tickangle"] = values[::step], texts[::step], 0


def fit_event_labels(
    figure: dict, plot_w: float, left_px: float, pad_px: float, font_px: float
) -> None:
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
            side = (
                positions[i]
                if isinstance(positions, (list, tuple)) or hasattr(positions, "tolist")
                else positions
            )
            room = (
                (at + left_px - font_px)
                if side == "middle left"
                else (plot_w - at + pad_px * 0.5 - font_px)
            )
            per_line = max(16, int(room / (font_px * WRAP_CHAR_WIDTH)) - 2)
            plain = re.sub(r"<br\s*/?>", " ", str(text))
            head = re.match(r"<b>(.*?)</b>", plain)
            date = (
                head.group(1).replace(" ", "\u00a0") if head else ""
            )  # the date stays whole, and bold
            lines = textwrap.wrap(
                date + plain[head.end() :] if head else plain,
                width=per_line,
                break_long_words=False,
            )
            if head and lines:  # the markup counts no width: only the first line holds it
                lines[0] = f"<b>{head.group(1)}</b>" + lines[0][len(date) :]
            texts[i] = "<br>".join(
                lines
            )  # a curated no-break space stays one ("Hà Nội", "7 triệu")
        trace["text"] = texts


def _numbers(values) -> list:
    """A trace's numbers as a list, whether plain or in plotly's typed-array form
    (``{"dtype": "f8", "bdata": …}``, which ``Figure.to_dict`` gives for numpy arrays)."""
    import base64

    import numpy as np

    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(
            base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"])
        ).tolist()
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
            if (
                key == "size"
                and parent.endswith("font")
                and isinstance(value, (int, float))
                and not isinstance(value, bool)
            ):
                node[key] = max(value, round(least, 1))
            else:
                floor_fonts(value, least, key)


_DETAIL = re.compile(r"<span[^>]*>(.*?)</span>")


def panel_notes(annotations: list, words=None) -> list[str]:
    """Each panel title cut to its heading on one line; the details it dropped, as notes under
    the chart, each said once: panels whose details are the same share one note
    ("Funding (all panels): Pounds invested … — counted by UK Government.")."""
    said: dict[str, list[str]] = {}  # detail → the headings it belongs to, in panel order
    of_metric: dict[
        str, str
    ] = {}  # a metric's detail, said once over its first panel, holds for its other panels
    for annotation in annotations:
        if annotation.get("name") != "panel-title":
            continue
        parts = str(annotation.get("text", "")).split("<br>")
        heading = " ".join(p.strip() for p in parts if not p.lstrip().startswith("<span"))
        detail = " ".join(m.strip() for p in parts for m in _DETAIL.findall(p))
        annotation["text"] = heading
        metric = plain_text(heading).split(" · ")[0]
        detail = plain_text(detail) if detail else of_metric.get(metric, "")
        if detail:
            of_metric.setdefault(metric, detail)
            said.setdefault(detail, []).append(plain_text(heading))
    panels = sum(len(headings) for headings in said.values())
    # a detail that is a sentence of its own ("…pick one above to see another.") keeps its one full stop
    return [
        f"{_whose(headings, panels, words)}: {detail}{'' if detail.endswith(('.', '?', '!', '…')) else '.'}"
        for detail, headings in said.items()
    ]


def wrap_panel_titles(annotations: list, width_px: float, font_px: float) -> dict[str, int]:
    """Each panel title (its heading, once ``panel_notes`` cut it) wrapped to ``width_px`` as
    bold Arial measures it (``textfit``), so no title runs off the slide's right edge (text
    never shrinks below 14 pt: a long title takes more lines). Returns each title's lines by
    the y axis it heads (``yaxis2``)."""
    from dashboard.outputs.textfit import wrap_lines

    lines: dict[str, int] = {}
    for annotation in annotations:
        if annotation.get("name") != "panel-title":
            continue
        text = " ".join(plain_text(annotation.get("text", "")).split())
        wrapped = [
            line for line in wrap_lines(text, width_px / 72, font_px, bold=True) if line
        ] or [text]
        annotation["text"] = "<br>".join(html.escape(line, quote=False) for line in wrapped)
        lines["yaxis" + str(annotation.get("yref", "y")).split(" ")[0][1:]] = len(wrapped)
    return lines


def _whose(headings: list[str], panels: int, words=None) -> str:
    """``Funding · UK worldwide`` for one panel; ``Funding (all panels)``; ``Funding (UK
    worldwide, UK with another country)`` for some panels of one metric."""
    if len(headings) == 1:
        return headings[0]
    metrics = {h.split(" · ")[0] for h in headings}
    if len(metrics) == 1:
        metric = metrics.pop()
        if len(headings) == panels:
            return (
                words.text("{metric} (all panels)", "images", metric=metric)
                if words
                else f"{metric} (all panels)"
            )
        return f"{metric} ({', '.join(h.split(' · ', 1)[-1] for h in headings)})"
    return "; ".join(headings)


def take_cap_note(layout: dict) -> list[str]:
    """The "Showing the 10 largest …" note taken off the plot (where it can cover a bar) to be
    said under the chart with the other notes."""
    from dashboard.views.charts.draw import CAP_NOTE_NAME

    annotations = layout.get("annotations", [])
    notes = [plain_text(a.get("text", "")) for a in annotations if a.get("name") == CAP_NOTE_NAME]
    layout["annotations"] = [a for a in annotations if a.get("name") != CAP_NOTE_NAME]
    return notes
