"""A bar chart's deck slide as native PowerPoint charts a communications officer can restyle.

The slide is laid out from the same composed slide part the picture is drawn from
(``slideparts``), so it has the same bars, the same parts ("(1 of 2)"), the same words (each
panel drawn by ``deckbars``):

- **one chart per panel** (one metric and unit, one scope, one kind of period), titled with
  the panel's heading, one bar per figure, in the picture's order;
- **each bar's data label is the view's label** ("over £7m", "up to £1m (committed)"): the
  qualifier word stays with its number wherever the chart is restyled;
- **part and whole:** a part's whole is a pale bar behind it in the same slot, on one scale;
  a range runs pale from its low to its high bound, labelled at its end;
- **how far to trust a bar:** a pledge is pale with an outline, a bound is hatched, an
  approximate value dotted (keys above the charts say so), as in the picture;
- **the data in the embedded workbook:** categories and values, plus each bar's label and
  figure id, so "Edit Data" shows the numbers with their qualifier words;
- the filters above the charts, and the source line, qualifier notes and provenance under
  them, as text the deck's own fonts set (measured with ``textfit``).
"""

from __future__ import annotations

import datetime as dt

from dashboard.outputs.deckbars import (  # noqa: F401  (the series' and columns' words: re-exported)
    CHART_PT,
    CTX,
    HIGH_SERIES,
    ID_COLUMN,
    LABEL_COLUMN,
    WHOLE_SERIES,
    Bar,
    Panel,
    panel_chart,
)
from dashboard.outputs.deckkeys import PATTERNS, draw_keys, fill as _fill, keys_of  # noqa: F401  (PATTERNS: read from here too)
from dashboard.outputs.decktemplate import Look, emu, run
from dashboard.outputs.slidefit import category_panels, plain_text
from dashboard.outputs.textfit import text_width_in, wrap_lines
from dashboard.words import Words

SUBTITLE_PT = 16
FOOTER_PT = 14  # source line, notes and provenance under the charts: no text under 14 pt
PT_PER_PX = 72 / 144  # the composed picture is 1920 px across a 13.33 in slide
MAX_SLOT_IN = 0.6  # a bar's slot at most: a lone bar is a bar, not a block
LINE = 1.2  # single-spaced lines, as PowerPoint and LibreOffice set them


def drawn_as_bars(part) -> bool:
    """Whether a slide part is a bar chart (its picture's bars can be native bars)."""
    from dashboard.views.charts.draw import BAR_TRACE_ROLE

    layout = part.figure.get("layout", {})
    return bool(category_panels(layout)) and any(
        (t.get("meta") or {}).get("role") == BAR_TRACE_ROLE and t.get("type") == "bar"
        for t in part.figure.get("data", [])
    )


def panels_of(part, metrics: list[str] | tuple[str, ...] = ()) -> list[Panel]:
    """The part's panels, top first, each with its bars as the picture draws them (``metrics``:
    the metric ids in the data's order, whose places pick a template's accent colours)."""
    from dashboard.views.charts.draw import BAR_TRACE_ROLE, END_TRACE_ROLE, RANGE_TRACE_ROLE
    from dashboard.views.charts.partwhole import WHOLE_TRACE_ROLE

    figure = part.figure
    layout = figure["layout"]
    accents = {metric: i for i, metric in enumerate(metrics)}
    styles: dict[str, dict] = {}
    labels: dict[str, str] = {}
    highs: dict[str, float] = {}
    wholes: dict[str, float] = {}
    for trace in figure.get("data", []):
        role = (trace.get("meta") or {}).get("role")
        ids, xs = [str(i) for i in _list(trace.get("y"))], _list(trace.get("x"))
        if role == BAR_TRACE_ROLE and trace.get("type") == "bar":
            marker = trace.get("marker", {})
            pattern = marker.get("pattern", {}) or {}
            line = marker.get("line", {}) or {}
            for i, x in zip(ids, xs):
                metric, kind = (str(trace.get("name", "")).split(" ") + ["", ""])[:2]
                styles[i] = dict(
                    value=float(x),
                    fill=marker.get("color"),
                    pledged=kind == "committed",
                    accent=accents.get(metric, 0) % 6 + 1,
                    line=line.get("color"),
                    line_pt=float(line.get("width") or 1) * PT_PER_PX,
                    pattern=pattern.get("shape") or "",
                    pattern_colour=pattern.get("fgcolor") or "#ffffff",
                )
        elif role == END_TRACE_ROLE:
            labels.update({i: plain_text(t) for i, t in zip(ids, _list(trace.get("text")))})
        elif role == RANGE_TRACE_ROLE:
            highs.update(
                {i: float(b) + float(x) for i, x, b in zip(ids, xs, _list(trace.get("base")))}
            )
        elif role == WHOLE_TRACE_ROLE:
            wholes.update({i: float(x) for i, x in zip(ids, xs)})
    headings = {
        a.get("yref", "").split(" ")[0]: plain_text(a.get("text", ""))
        for a in layout.get("annotations", [])
        if a.get("name") == "panel-title"
    }
    panels = []
    for y in category_panels(layout):
        axis = layout[y]
        value_axis = layout.get("xaxis" + axis.get("anchor", "x")[1:], {})
        panel = Panel(
            headings.get(y.replace("axis", ""), ""),
            top=float((value_axis.get("range") or [0, 1])[1]),
        )
        for i, text in zip(_list(axis.get("tickvals")), _list(axis.get("ticktext"))):
            i = str(i)
            if i not in styles:
                continue
            style = styles[i]
            panel.bars.append(
                Bar(
                    i,
                    _category(text),
                    style.pop("value"),
                    labels.get(i, ""),
                    **{k: v for k, v in style.items() if v is not None},
                    high=highs.get(i),
                    whole=wholes.get(i),
                )
            )
        if panel.bars:
            panels.append(panel)
    return panels


def _category(ticktext: str) -> str:
    """A picture's category label (name lines, then a muted period line) as one line."""
    lines = [line.strip() for line in plain_text(ticktext).split("\n") if line.strip()]
    names = [line for line, raw in zip(lines, str(ticktext).split("<br>")) if "<span" not in raw]
    rest = lines[len(names) :]
    return " ".join(names) + (" · " + " · ".join(rest) if rest else "")


def _list(values) -> list:
    """A trace's array as a list: plain, numpy, or plotly's typed array (``{dtype, bdata}``)."""
    if values is None:
        return []
    if isinstance(values, dict) and "bdata" in values:
        import base64

        import numpy as np

        array = np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"]))
        return (
            array.reshape(values["shape"]).tolist()
            if "shape" in values and isinstance(values["shape"], (list, tuple))
            else array.tolist()
        )
    return values.tolist() if hasattr(values, "tolist") else list(values)


def footer_of(part, theme) -> tuple[str, list[str], str]:
    """The picture's source line, its notes (each panel's details, each qualifier, the cap)
    and its "Made …" line, as plain text."""
    lines = [
        a for a in part.figure["layout"].get("annotations", []) if a.get("name") == "slide-footer"
    ]
    if not lines:
        return "", [], ""
    made = plain_text(lines[-1]["text"])
    source = " ".join(
        plain_text(a["text"])
        for a in lines[:-1]
        if (a.get("font") or {}).get("color") != theme.muted_colour
    )
    notes = " ".join(
        plain_text(a["text"])
        for a in lines[:-1]
        if (a.get("font") or {}).get("color") == theme.muted_colour
    )
    return source, [n.strip() for n in notes.split("   ") if n.strip()], made


def text_height(lines: int, size: float) -> float:
    return lines * size * LINE / 72


def add_native_charts(
    slide,
    part,
    box: tuple[float, float, float, float],
    look: Look,
    config,
    words: Words,
    *,
    alt: str,
    palette: dict,
    made_on: dt.date,
) -> list:
    """``part``'s panels as native charts in ``box`` (left, top, width, height in inches):
    the keys over them, one chart per panel under its heading. Returns the chart shapes."""
    left, top, width, height = box
    keys = keys_of(part)
    key_h = draw_keys(slide, keys, part, left, top, width, look, words) if keys else 0.0
    panels = panels_of(part, palette.get("metrics", ()))
    y = top + key_h
    room = height - key_h
    headings = [
        len(wrap_lines(p.heading, width, CHART_PT, bold=True, family=look.body_font))
        for p in panels
    ]
    heading_h = [text_height(lines, CHART_PT) + 0.08 for lines in headings]
    bars = sum(len(p.bars) for p in panels)
    widest = max(
        (
            text_width_in(b.category, CHART_PT, family=look.body_font)
            for p in panels
            for b in p.bars
        ),
        default=1.0,
    )
    label_share = min(
        0.45, max(0.2, (widest + 0.2) / width)
    )  # every panel's bars start at one x, as in the picture
    # the parts were planned so that their bars fit the picture at 14 pt: they fit here too
    slot = min(MAX_SLOT_IN, max(0.2, (room - sum(heading_h) - 0.15 * len(panels)) / max(1, bars)))
    shapes = []
    for number, panel in enumerate(panels):
        chart_h = len(panel.bars) * slot + 0.15
        box_ = slide.shapes.add_textbox(emu(left), emu(y), emu(width), emu(heading_h[number]))
        frame = box_.text_frame
        frame.word_wrap = True
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        run(frame.paragraphs[0], panel.heading, look, size=CHART_PT, bold=True)
        box_.name = words.text("Panel: {heading}", CTX, heading=panel.heading)
        y += heading_h[number]
        shape = panel_chart(
            slide, panel, (left, y, width, chart_h), look, words, palette, label_share, made_on
        )
        shape.name = words.text("Chart: {title}", CTX, title=panel.heading)
        shape._element.nvGraphicFramePr.cNvPr.set("descr", alt if number == 0 else panel.heading)
        shapes.append(shape)
        y += chart_h
    return shapes


def footer_height(texts: list[tuple[str, bool]], width: float, look: Look) -> float:
    lines = sum(
        len(wrap_lines(text, width, FOOTER_PT, family=look.body_font)) for text, _ in texts if text
    )
    return text_height(lines, FOOTER_PT) + 0.1
