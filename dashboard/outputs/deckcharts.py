"""A bar chart's deck slide as native PowerPoint charts a communications officer can restyle.

The slide is laid out from the same composed slide part the picture is drawn from
(``slideparts``), so it has the same bars, the same parts ("(1 of 2)"), the same words:

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
import io
from dataclasses import dataclass, field

from dashboard.outputs.deckkeys import PATTERNS, draw_keys, fill as _fill, keys_of  # noqa: F401  (PATTERNS: read from here too)
from dashboard.outputs.decktemplate import Look, emu, run
from dashboard.outputs.slidefit import category_panels, plain_text
from dashboard.outputs.textfit import text_width_in, wrap_lines
from dashboard.views.theme import tint
from dashboard.words import Words

CTX = "deck"
CHART_PT = 14  # category labels, data labels, panel headings: the least a room reads
SUBTITLE_PT = 16
FOOTER_PT = 14  # source line, notes and provenance under the charts: no text under 14 pt
PT_PER_PX = 72 / 144  # the composed picture is 1920 px across a 13.33 in slide
MAX_SLOT_IN = 0.6  # a bar's slot at most: a lone bar is a bar, not a block
LINE = 1.2  # single-spaced lines, as PowerPoint and LibreOffice set them
WHOLE_SERIES = "The whole it is part of"
HIGH_SERIES = "High bound of the range"
LABEL_COLUMN = "Label (as the source words it)"
ID_COLUMN = "Figure id"


@dataclass
class Bar:
    id: str
    category: str  # "Modern Slavery Fund in Vietnam · 2018 – Mar 2025, cumulative"
    value: float
    label: str  # "over £7m": the view's label, its qualifier word included
    fill: str = "#0072B2"
    line: str = "#005080"
    line_pt: float = 1.0
    pattern: str = ""  # plotly's shape: "/" over, "-" up to, "." nearly / about
    pattern_colour: str = "#ffffff"
    high: float | None = None  # a range's high bound
    whole: float | None = None  # the value of the whole it is part of
    pledged: bool = False  # committed: pale, with an outline
    accent: int = 1  # with a template: the theme's accent colour (1–6) of its metric


@dataclass
class Panel:
    heading: str
    bars: list[Bar] = field(default_factory=list)
    top: float = 1.0  # the value axis's end (the picture's range: room for the labels)


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
        shape = _chart(
            slide, panel, (left, y, width, chart_h), look, words, palette, label_share, made_on
        )
        shape.name = words.text("Chart: {title}", CTX, title=panel.heading)
        shape._element.nvGraphicFramePr.cNvPr.set("descr", alt if number == 0 else panel.heading)
        shapes.append(shape)
        y += chart_h
    return shapes


def _chart(
    slide,
    panel: Panel,
    box,
    look: Look,
    words: Words,
    palette: dict,
    label_share: float,
    made_on: dt.date,
):
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_TICK_LABEL_POSITION
    from pptx.util import Pt

    left, top, width, height = box
    data = CategoryChartData(number_format="General")
    data.categories = [bar.category for bar in panel.bars]
    series_names = []
    if any(bar.whole is not None for bar in panel.bars):
        data.add_series(words.text(WHOLE_SERIES, CTX), [bar.whole for bar in panel.bars])
        series_names.append("whole")
    if any(bar.high is not None for bar in panel.bars):
        data.add_series(words.text(HIGH_SERIES, CTX), [bar.high for bar in panel.bars])
        series_names.append("high")
    data.add_series(panel.heading, [bar.value for bar in panel.bars])
    series_names.append("value")
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED, emu(left), emu(top), emu(width), emu(height), data
    )
    chart = frame.chart
    chart.has_legend = False
    chart.has_title = False
    chart.font.size = Pt(CHART_PT)
    if not look.templated:
        chart.font.name = look.body_font
    plot = chart.plots[0]
    plot.gap_width, plot.overlap, plot.vary_by_categories = 45, 100, False
    categories = chart.category_axis
    categories.reverse_order = True  # the first bar on top, as in the picture and the table
    categories.has_major_gridlines = False
    categories.tick_labels.font.size = Pt(CHART_PT)
    values = chart.value_axis
    values.minimum_scale, values.maximum_scale = (
        0,
        panel.top,
    )  # the picture's scale: room for the labels
    values.has_major_gridlines = False
    values.tick_label_position = XL_TICK_LABEL_POSITION.NONE
    values.visible = False  # every bar carries its value as the source words it
    values.tick_labels.number_format, values.tick_labels.number_format_is_linked = (
        "#,##0",
        False,
    )  # if shown again
    for kind, series in zip(series_names, plot.series):
        for i, bar in enumerate(panel.bars):
            if kind == "whole" and bar.whole is not None:
                _fill(
                    series.points[i].format,
                    palette["whole"],
                    palette["whole_line"],
                    1.0,
                    look,
                    theme=(0, 0.85, 0.5),
                )
            elif kind == "high" and bar.high is not None:
                _fill(
                    series.points[i].format,
                    tint(bar.fill, 0.75),
                    bar.line,
                    bar.line_pt,
                    look,
                    theme=(bar.accent, 0.6, -0.25),
                )
                _label(series.points[i], bar.label, look, XL_LABEL_POSITION.OUTSIDE_END)
            elif kind == "value":
                shades = (0.75, -0.25) if bar.pledged else (0.0, -0.3)
                _fill(
                    series.points[i].format,
                    bar.fill,
                    bar.line,
                    bar.line_pt,
                    look,
                    bar.pattern,
                    bar.pattern_colour,
                    theme=(bar.accent, *shades),
                )
                if bar.high is None:
                    _label(series.points[i], bar.label, look, XL_LABEL_POSITION.OUTSIDE_END)
    _inner_plot(chart, label_share)
    _workbook_labels(chart, panel, words, made_on)
    return frame


def _inner_plot(chart, x: float) -> None:
    """The bars' area from ``x`` (a share of the chart's width) to near its right edge: the
    category labels get the left, the data labels the room the value axis leaves."""
    from pptx.oxml.ns import qn
    from pptx.oxml.xmlchemy import OxmlElement

    plot_area = chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea"))
    old = plot_area.find(qn("c:layout"))
    if old is not None:
        plot_area.remove(old)
    layout = OxmlElement("c:layout")
    plot_area.insert(0, layout)
    manual = OxmlElement("c:manualLayout")
    layout.append(manual)
    for tag, value in (
        ("layoutTarget", "inner"),
        ("xMode", "edge"),
        ("yMode", "edge"),
        ("x", x),
        ("y", 0.03),
        ("w", 0.99 - x),
        ("h", 0.94),
    ):
        element = OxmlElement(f"c:{tag}")
        element.set("val", str(round(value, 4)) if isinstance(value, float) else value)
        manual.append(element)


def _label(point, text: str, look: Look, position) -> None:
    from pptx.util import Pt

    label = point.data_label
    frame = label.text_frame
    frame.text = ""
    frame.word_wrap = False  # "over £7m" on one line, never broken after "over"
    run(frame.paragraphs[0], text, look, size=CHART_PT)
    label.position = position
    label.font.size = Pt(CHART_PT)


def _workbook_labels(chart, panel: Panel, words: Words, made_on: dt.date) -> None:
    """The embedded workbook also holds each bar's label and figure id, beside its value; it
    is dated the day made, so the same view on the same day is the same deck, byte for byte."""
    from openpyxl import load_workbook

    from dashboard.outputs.workbook import _deterministic_xlsx

    workbook_part = chart.part.chart_workbook
    book = load_workbook(io.BytesIO(workbook_part.xlsx_part.blob))
    sheet = book.worksheets[0]
    column = sheet.max_column + 1
    sheet.cell(row=1, column=column, value=words.text(LABEL_COLUMN, CTX))
    sheet.cell(row=1, column=column + 1, value=words.text(ID_COLUMN, CTX))
    for row, bar in enumerate(panel.bars, start=2):
        sheet.cell(row=row, column=column, value=bar.label)
        sheet.cell(row=row, column=column + 1, value=bar.id)
    workbook_part.update_from_xlsx_blob(_deterministic_xlsx(book, made_on))


def footer_height(texts: list[tuple[str, bool]], width: float, look: Look) -> float:
    lines = sum(
        len(wrap_lines(text, width, FOOTER_PT, family=look.body_font)) for text, _ in texts if text
    )
    return text_height(lines, FOOTER_PT) + 0.1
