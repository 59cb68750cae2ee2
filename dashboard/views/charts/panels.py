"""Small multiples: figures of different metrics or different scopes never share an axis.

A chart whose bars all share one metric and one scope stays one axis (``bars.single_panel``);
otherwise each metric and scope gets its own panel and linear axis, titled with the metric,
its scope when stated ("Funding · UK worldwide"), and what it counts and
who counted it (the vocabulary's ``counts``; each figure's counter, ``Dataset.counter``), so a
worldwide total never reads as a bilateral pot and "potential victims identified in the UK"
never sits on the scale of "victims identified in Vietnam by the Fund". Who counted is said
once per metric: one counter when its bars agree, else each counter with the programmes it
counted, so a figure of another programme is never said to be counted by the Fund.
"""

from __future__ import annotations

import math

import pandas as pd

from dashboard.analysis.frame import SCOPE_NOT_STATED
from dashboard.config import Theme
from dashboard.curated.records import Dataset
from dashboard.views.charts import bars
from dashboard.views.charts.partwhole import whole_key, whole_traces
from dashboard.views.charts.draw import PANEL_TITLE_NAME, Spec, esc, figure, wrap
from dashboard.views.charts.periods import NOT_STATED, period_kind_label, period_kinds
from dashboard.views.columns import Columns
from dashboard.views.charts.texts import (
    COUNTED_BY,
    COUNTER_NOT_STATED,
    COUNTER_OF,
    OWN_SCALE,
    OWN_UNITS,
    PANEL_COUNTED_BY,
    PANEL_NOT_COUNTED,
    WHO_COUNTED,
    say,
)
from dashboard.views.language import language_of, words_for
from dashboard.words import Words
from dashboard.views.theme import DASHBOARD_HEIGHT, ROW_PX

# Characters per line of a panel title and its "what it counts" lines: what a phone's chart
# (about 330 px, the title moved to the chart's left edge by chart-fit.js) holds at 13 px.
DETAIL_WIDTH = 44
LABEL_LINE_PX = 16  # a line of a 13 px category label
TITLE_LINE_PX = 17  # a line of a panel title
TICKS_PX = 26  # a panel's value ticks, below it
AXIS_BAND_PX = 70  # the last panel's ticks and the value axis title


def panel_keys_per_row(rows: Columns) -> list[tuple[str, str, str]]:
    """Each bar's ``(metric, scope, kind of period)``: the panel it is drawn in. A metric has
    one unit, so a panel has one unit; and one kind of period (``periods.period_kind``), so a
    six-year total is never a bar beside one year's figure."""
    scopes = rows["scope"] if "scope" in rows else [""] * len(rows)
    return list(zip(rows["metric"], (s or "" for s in scopes), period_kinds(rows)))


def panel_keys(rows: Columns) -> list[tuple[str, str, str]]:
    """``(metric, scope, kind of period)`` of each panel, in bar order: figures of different
    metrics (so units), scopes or kinds of period never share an axis (a worldwide total is
    not a bilateral pot; a six-year total is not one year's)."""
    return list(dict.fromkeys(panel_keys_per_row(rows)))


def scoped_panels(rows: pd.DataFrame, dataset: Dataset, theme: Theme) -> Spec:
    """One bar per figure on one axis when the figures share a metric and a scope (funding,
    returns); else one panel and axis per metric and scope, each titled."""
    ordered = bars.bar_order(rows, dataset)
    keys = panel_keys(ordered)
    if len(keys) == 1 and keys[0][1] in ("", SCOPE_NOT_STATED) and keys[0][2] != NOT_STATED:
        return bars.single_panel(rows, dataset, theme)
    # a stated scope is always said, even alone: 24,000 returns of all nationalities are not UK–Vietnam figures
    metrics = set(ordered["metric"])
    title = (
        bars.value_axis_title(ordered.first("metric"), dataset, language_of(rows))
        if len(metrics) == 1
        else ""
    )
    return panel_chart(rows, dataset, theme, title, lone_pad=True)


def counters(rows: Columns) -> list[str | None]:
    """Who counted each bar (the frame's ``counted_by``: a figure's own, else its metric's)."""
    said = rows["counted_by"] if "counted_by" in rows else [None] * len(rows)
    return [c or None for c in said]


def who_counted(rows: Columns, words: Words) -> str:
    """Who counted some bars: ``counted by X`` when they agree; else each counter with the
    programmes it counted (a programme counted by two, with each figure's value), the source's
    silence said as such: ``who counted: the Fund (Programme A); not stated in the source (B)``."""
    who = counters(rows)
    if len(set(who)) == 1:
        return say(PANEL_COUNTED_BY, words, by=who[0]) if who[0] else say(PANEL_NOT_COUNTED, words)
    programmes = [str(p) for p in rows["programme_name"]]
    split = {p for p in programmes if len({c for q, c in zip(programmes, who) if q == p}) > 1}
    groups: dict[str | None, list[str]] = {}
    for programme, value, counter in zip(programmes, rows["value_label"], who):
        whom = f"{programme}: {value}" if programme in split else programme
        if whom not in groups.setdefault(counter, []):
            groups[counter].append(whom)
    items = [
        say(COUNTER_OF, words, by=by or say(COUNTER_NOT_STATED, words), whom=", ".join(whom))
        for by, whom in groups.items()
    ]
    return say(WHO_COUNTED, words, counters="; ".join(items))


def panel_title(
    rows: Columns,
    dataset: Dataset,
    scoped: bool,
    theme: Theme,
    words: Words,
    timed: bool = False,
    unit: bool = False,
    detail: bool = True,
    counted: Columns | None = None,
) -> tuple[str, int]:
    """``Funding · UK worldwide`` over a muted line of what the metric counts and who counted
    it; and how many lines that is. ``timed``: the title says its panel's kind of period too
    (``· one year or less``), as it does whenever the span is not stated; ``unit``: its unit
    too (``Charter return flights (flights)``), on a chart whose panels have several;
    ``detail``: the muted lines, which a chart says once per metric (on its first panel), of
    who counted the metric's bars on the chart (``counted``; this panel's by default)."""
    metric = dataset.metric(str(rows.first("metric")))
    label = bars.value_axis_title(metric.id, dataset, language_of(rows)) if unit else metric.label
    parts = [label] + ([str(rows.first("scope_label"))] if scoped and "scope_label" in rows else [])
    kind = period_kinds(rows)[0]
    if timed or kind == NOT_STATED:
        parts.append(period_kind_label(kind, words))
    whole = " · ".join(
        parts
    )  # too long for a line: the scope on a line of its own, never broken mid-name
    text = (
        esc(whole)
        if len(whole) <= DETAIL_WIDTH
        else " ·<br>".join(wrap(part, DETAIL_WIDTH) for part in parts)
    )
    heading = text.count("<br>") + 1
    details = _details(getattr(metric, "counts", None), counted or rows, words) if detail else []
    lines = [line for d in details for line in wrap(d, DETAIL_WIDTH).split("<br>")]
    if not lines:  # annotations never wrap: each line its own
        return text, heading
    muted = "<br>".join(f"<span style='color:{theme.muted_colour}'>{line}</span>" for line in lines)
    return f"{text}<br>{muted}", heading + len(lines)


def _details(counts: str | None, counted: Columns, words: Words) -> list[str]:
    """What a metric counts and who counted its bars: ``counts — counted by X`` when they agree
    (``counts`` alone when no source says who counted), else what it counts and each counter
    with the programmes it counted (``who_counted``)."""
    who = counters(counted)
    if len(set(who)) > 1:
        return ([counts] if counts else []) + [who_counted(counted, words)]
    if counts and who[0]:
        return [say(COUNTED_BY, words, counts=counts, by=who[0])]
    return [counts] if counts else [say(PANEL_COUNTED_BY, words, by=who[0])] if who[0] else []


def panel_chart(
    rows: pd.DataFrame, dataset: Dataset, theme: Theme, axis_title: str, lone_pad: bool = False
) -> Spec:
    """One panel and linear axis per metric and scope (small multiples), each titled with what
    it counts; ``lone_pad``: a chart of one panel pads a lone bar as the single-axis charts do."""
    words = words_for(language_of(rows))
    rows = bars.bar_order(rows, dataset)  # the bars in order, as lists: each panel is a few of them
    where: dict[tuple[str, str, str], list[int]] = {}  # each panel's bars, the panels in bar order
    for i, key in enumerate(panel_keys_per_row(rows)):
        where.setdefault(key, []).append(i)
    keys = list(where)
    panels = [rows.take(index) for index in where.values()]
    # panels of several units (people beside a multiple, returns beside flights): each title says its own
    mixed = len({p.first("unit") for p in panels}) > 1 or not axis_title
    titles = _titles(rows, panels, keys, dataset, theme, words, mixed)
    slots = 3 if lone_pad and len(panels) == 1 else 1
    data: list[dict] = []
    layout: dict = {"annotations": []}
    rows_px, gaps_px = [], []
    for i, (panel, (title, lines)) in enumerate(zip(panels, titles), start=1):
        data += _draw_panel(panel, i, title, layout, dataset, theme, bool(axis_title), slots)
        label_lines = max(str(t).count("<br>") + 1 for t in layout[_axis("yaxis", i)]["ticktext"])
        rows_px.append(max(len(panel), slots) * max(ROW_PX, LABEL_LINE_PX * label_lines + 8))
        gaps_px.append(
            0 if i == 1 else TICKS_PX + TITLE_LINE_PX * lines + 8
        )  # the ticks above, then its title
    plot_px = _stack(layout, rows_px, gaps_px)
    layout[_axis("xaxis", len(panels))]["title"] = {
        "text": say(OWN_UNITS, words)
        if mixed
        else axis_title + (say(OWN_SCALE, words) if len(panels) > 1 else "")
    }
    keys_ = bars.key_traces(rows, theme) + whole_key(rows, dataset, theme)
    # The legend sits in the top margin and the first panel's title just above its panel:
    # give the title its lines below the legend (about three keys fit on a row).
    top_px = 26 + 22 * math.ceil(len(keys_) / 3) + TITLE_LINE_PX * (titles[0][1] - 1)
    layout.update(
        barmode="overlay",
        bargap=0.35,
        showlegend=True,
        margin={"t": top_px},
        height=max(DASHBOARD_HEIGHT, round(top_px + AXIS_BAND_PX + plot_px)),
    )
    return figure(data + keys_, layout, theme)


def _axis(name: str, i: int) -> str:
    """``xaxis``, ``xaxis2``…: the first panel's axis has no number."""
    return name if i == 1 else f"{name}{i}"


def _titles(
    rows: Columns,
    panels: list[Columns],
    keys: list[tuple[str, str, str]],
    dataset: Dataset,
    theme: Theme,
    words: Words,
    mixed: bool,
) -> list[tuple[str, int]]:
    """Each panel's title and its lines: its scope when the chart has several (or one stated),
    its kind of period where a metric and scope has several, its unit on a ``mixed`` chart;
    what a metric counts and who counted its bars are the metric's, not a panel's: said once,
    over its first panel (each counter with its programmes when the bars' counters differ)."""
    scoped = len({s for _, s, _ in keys}) > 1 or keys[0][1] not in ("", SCOPE_NOT_STATED)
    split = {
        (m, s) for m, s, _ in keys if sum(1 for k in keys if k[:2] == (m, s)) > 1
    }  # a metric and scope over several kinds of period
    first = {key: i for i, key in reversed(list(enumerate(k[0] for k in keys)))}
    metric_rows = {
        m: rows.take([i for i, n in enumerate(rows["metric"]) if n == m]) for m, _, _ in keys
    }
    return [
        panel_title(
            p,
            dataset,
            scoped,
            theme,
            words,
            timed=key[:2] in split,
            unit=mixed,
            detail=first[key[0]] == i,
            counted=metric_rows[key[0]],
        )
        for i, (p, key) in enumerate(zip(panels, keys))
    ]


def _draw_panel(
    panel: Columns,
    i: int,
    title: str,
    layout: dict,
    dataset: Dataset,
    theme: Theme,
    unit_named: bool,
    slots: int,
) -> list[dict]:
    """Panel ``i``'s traces (a part inside its whole, then the bars); its two axes and its
    title go into ``layout``."""
    x, y = _axis("x", i), _axis("y", i)
    layout[_axis("xaxis", i)] = {
        **bars.value_axis(panel, dataset, "", unit_named=unit_named),
        "anchor": y,
        "domain": [0, 1],
    }
    layout[_axis("yaxis", i)] = {**bars.category_axis(panel, min_slots=slots), "anchor": x}
    layout["annotations"].append(
        {
            "name": PANEL_TITLE_NAME,
            "text": title,
            "showarrow": False,
            "xref": f"{x} domain",
            "yref": f"{y} domain",
            "x": 0,
            "y": 1,
            "xanchor": "left",
            "yanchor": "bottom",
            "font": {"size": 13, "color": theme.text_colour},
            "align": "left",
        }
    )
    return whole_traces(panel, dataset, theme, xaxis=x, yaxis=y) + bars.bar_traces(
        panel, dataset, theme, xaxis=x, yaxis=y
    )


def _stack(layout: dict, rows_px: list[int], gaps_px: list[int]) -> float:
    """Stack the panels top to bottom, each as tall as its bars and each gap as its title, and
    return the plot's height in pixels. Laid out for a wide screen: chart-fit.js measures the
    same on a phone, where labels wrap to more lines."""
    plot_px = sum(rows_px) + sum(gaps_px)
    top = 1.0
    for i, (rows_h, gap) in enumerate(zip(rows_px, gaps_px), start=1):
        top -= gap / plot_px
        layout[_axis("yaxis", i)]["domain"] = [max(top - rows_h / plot_px, 0.0), top]
        top -= rows_h / plot_px
    return plot_px
