"""A panel of a bar chart as a native PowerPoint chart (python-pptx): its bars (``Bar``: the
value, the view's label with its qualifier word, the fill, outline and hatch, a range's high
bound, the whole it is part of), drawn as clustered bars that overlap, the whole and the
high bound as pale bars behind, each point filled and labelled, the plot's inner area set so
the category labels get the left, and the labels and figure ids in the embedded workbook.
``deckcharts`` reads the panels from a composed slide part and lays them out.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from dashboard.outputs.deckkeys import fill as _fill
from dashboard.outputs.decktemplate import Look, emu, run
from dashboard.views.theme import tint
from dashboard.words import Words

CTX = "deck"
CHART_PT = 14  # category labels, data labels, panel headings: the least a room reads
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


def panel_chart(
    slide,
    panel: Panel,
    box,
    look: Look,
    words: Words,
    palette: dict,
    label_share: float,
    made_on: dt.date,
):
    """``panel`` as a native bar chart in ``box`` (inches: left, top, width, height)."""
    from pptx.enum.chart import XL_CHART_TYPE

    left, top, width, height = box
    data, series_names = _chart_data(panel, words)
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED, emu(left), emu(top), emu(width), emu(height), data
    )
    chart = frame.chart
    _style(chart, panel, look)
    for kind, series in zip(series_names, chart.plots[0].series):
        _fill_points(kind, series, panel, look, palette)
    _inner_plot(chart, label_share)
    _workbook_labels(chart, panel, words, made_on)
    return frame


def _chart_data(panel: Panel, words: Words):
    """The chart's categories and series: the wholes and high bounds (when any), then the values."""
    from pptx.chart.data import CategoryChartData

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
    return data, series_names


def _style(chart, panel: Panel, look: Look) -> None:
    """No legend or title, text at ``CHART_PT``, the first bar on top, the picture's value scale
    with its axis hidden (every bar carries its value as the source words it)."""
    from pptx.enum.chart import XL_TICK_LABEL_POSITION
    from pptx.util import Pt

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


def _fill_points(kind: str, series, panel: Panel, look: Look, palette: dict) -> None:
    """Each point of one series filled as the picture draws it, labelled where its label goes."""
    from pptx.enum.chart import XL_LABEL_POSITION

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
