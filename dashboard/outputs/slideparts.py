"""A chart continued on further slides when its rows do not fit one at 14 pt.

Text never shrinks below 14 pt, so a chart of many bars (many documents, many scopes) cannot
always fit one slide. It then continues: "Funding by programme (1 of 2)", "(2 of 2)", split
between panels where possible, else between bars of one panel (never between statements of
one quantity, which are drawn together). Each part is a whole slide: it is drawn by the chart
registry from the part's rows of the filtered frame (each bar's row and every statement of
its quantity), so its source line names only the documents of its bars, and its notes are
its bars' notes, plus the cap note when the whole chart was capped. A panel split across
slides keeps one value scale on every part (the same axis range) and its later parts say
"(continued)".
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.outputs.slideevents import event_parts, numbered, part_events
from dashboard.outputs.slidecompose import (
    BASE_HEIGHT,
    BASE_WIDTH,
    SlideText,
    chart_spec,
    compose,
    slide_text,
)
from dashboard.outputs.slidefit import category_panels
from dashboard.words import Words

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.analysis.frame import Filters
    from dashboard.config import Config
    from dashboard.curated.records import Dataset

CONTINUED = " (continued)"  # after the heading of a panel a previous slide began


@dataclass(frozen=True)
class SlidePart:
    """One slide of a chart: its composed figure, its words, the rows it draws, ``number`` of ``count``."""

    figure: dict
    text: SlideText
    ids: tuple[str, ...]
    number: int = 1
    count: int = 1
    figures: pd.DataFrame | None = dataclasses.field(
        default=None, compare=False, repr=False
    )  # the frame it is drawn from
    events: pd.DataFrame | None = dataclasses.field(
        default=None, compare=False, repr=False
    )  # a timeline part's events


@dataclass
class _Panel:
    y: str  # its y axis in the whole chart ("yaxis2")
    ids: list[str]  # its bars, top to bottom
    cuts: list[bool]  # cuts[i]: the panel may be split before bar i (no quantity on both sides)


def slide_parts(
    name: str,
    figures: pd.DataFrame,
    events: pd.DataFrame,
    dataset: Dataset,
    filters: Filters,
    config: Config,
    *,
    size: tuple[int, int] = (BASE_WIDTH, BASE_HEIGHT),
    made_on: dt.date | None = None,
    title: bool = True,
    scale: float | None = None,
    words: Words | None = None,
    version: str = "",
    link: str = "",
) -> list[SlidePart]:
    """Chart ``name`` as one slide, or as several when its rows do not fit one (see above); its
    own words in the language of ``words`` (English when None)."""
    from dashboard.views import charts

    chart_spec(name)
    made_on = made_on or dt.date.today()
    words = words or Words("en")
    text = slide_text(
        name, figures, events, dataset, filters, config, made_on, words, version=version, link=link
    )
    raw = charts.build_chart(name, figures, events, dataset, config.theme, filters).to_dict()
    whole_raw = copy.deepcopy(raw)
    fit: dict = {}
    whole = compose(raw, text, config, size, title=title, scale=scale, fit=fit, words=words)
    drawn = charts.plotted_rows(name, figures, events)
    ids = tuple(str(i) for i in drawn["id"]) if "id" in drawn else ()
    single = [SlidePart(whole, text, ids, figures=figures)]
    if fit.get("spare", 0.0) >= 0:
        return single
    if charts.CHARTS[name].plots == "events":
        return (
            _event_parts(
                name,
                figures,
                events,
                dataset,
                filters,
                config,
                made_on,
                words,
                size,
                title,
                scale,
                ids,
                version,
                link,
            )
            or single
        )
    panels = _panels(whole["layout"], _groups(figures))
    metric_of = dict(zip(figures["id"].astype(str), figures["metric"].astype(str)))
    details = _details(whole_raw, panels, metric_of)
    capped = charts.cap_note(name, figures, events)
    where: dict[
        str, tuple[int, int]
    ] = {}  # a drawn bar's slide (number, count), once the parts are planned

    def drawn_part(
        part: list[tuple[_Panel, list[str]]],
        number: int = 1,
        count: int = 1,
        begun: frozenset = frozenset(),
    ):
        """The part's slide and whether its rows fit it, or None when the registry does not draw exactly its rows."""
        part_ids = [i for _, piece in part for i in piece]
        rows = _wholes_named(_part_frame(figures, part_ids), figures, where, words)
        if sorted(str(i) for i in charts.plotted_rows(name, rows, events)["id"]) != sorted(
            part_ids
        ):
            return None
        said = slide_text(
            name, rows, events, dataset, filters, config, made_on, words, version=version, link=link
        )
        said = dataclasses.replace(
            said,
            title=words.text(
                "{heading} ({number} of {count})",
                "deck",
                heading=said.title,
                number=number,
                count=count,
            ),
            notes=(*said.notes, *([capped] if capped else [])),
        )
        figure = charts.build_chart(name, rows, events, dataset, config.theme, filters).to_dict()
        _title_panels(
            figure, whole_raw, part, begun, words.text(CONTINUED, "images"), details, metric_of
        )
        fitted: dict = {}
        figure = compose(
            figure, said, config, size, title=title, scale=scale, fit=fitted, words=words
        )
        return SlidePart(figure, said, tuple(part_ids), number, count, rows), fitted.get(
            "spare", 0.0
        ) >= 0

    tried: dict[tuple, bool | None] = {}

    def fits(part) -> bool | None:
        key = tuple((panel.y, tuple(piece)) for panel, piece in part)
        if key not in tried:
            drawn_ = drawn_part(part)
            tried[key] = None if drawn_ is None else drawn_[1]
        return tried[key]

    plan = _plan(panels, fits)
    if len(plan) < 2:
        return single  # one slide (crowded, every row on it) rather than parts that drop or repeat a row
    parts, begun = [], set()
    where.update(
        {
            i: (number, len(plan))
            for number, part in enumerate(plan, start=1)
            for _, piece in part
            for i in piece
        }
    )
    for number, part in enumerate(plan, start=1):
        drawn_ = drawn_part(part, number, len(plan), frozenset(begun))
        if drawn_ is None:
            return single
        parts.append(drawn_[0])
        begun |= {panel.y for panel, _ in part}
    _share_value_axes([p.figure for p in parts], panels)
    return parts


def _event_parts(
    name,
    figures,
    events,
    dataset,
    filters,
    config,
    made_on,
    words,
    size,
    title,
    scale,
    ids,
    version,
    link,
) -> list[SlidePart]:
    """The timeline's events in date order, as many a slide as fit (see ``slideevents``); [] when
    a part would not draw exactly its own events."""
    from dashboard.views import charts

    capped = charts.cap_note(name, figures, events)

    def drawn(part: list[str], number: int = 1, count: int = 1) -> tuple[SlidePart, bool] | None:
        rows = part_events(events, part)
        if [str(i) for i in charts.plotted_rows(name, figures, rows)["id"]] != part:
            return None
        said = slide_text(
            name,
            figures,
            rows,
            dataset,
            filters,
            config,
            made_on,
            words,
            version=version,
            link=link,
        )
        said = numbered(said, said.title, number, count, words, (capped,) if capped else ())
        figure = charts.build_chart(name, figures, rows, dataset, config.theme, filters).to_dict()
        fitted: dict = {}
        figure = compose(
            figure, said, config, size, title=title, scale=scale, fit=fitted, words=words
        )
        return SlidePart(figure, said, tuple(part), number, count, figures, rows), fitted.get(
            "spare", 0.0
        ) >= 0

    def fits(part: list[str]) -> bool:
        made = drawn(part)
        return bool(made and made[1])

    plan = event_parts(list(ids), fits)
    if len(plan) < 2:
        return []
    parts = [drawn(part, number, len(plan)) for number, part in enumerate(plan, start=1)]
    return [made[0] for made in parts] if all(parts) else []


# --- which rows go on which slide ---------------------------------------------------------------


def _groups(figures: pd.DataFrame) -> dict[str, str]:
    """Each figure's quantity (its statements are drawn together, never split across slides)."""
    if "quantity_group" not in figures:
        return {}
    return {
        str(i): str(g)
        for i, g in zip(figures["id"], figures["quantity_group"])
        if isinstance(g, str) and g
    }


def _panels(layout: dict, groups: dict[str, str]) -> list[_Panel]:
    panels = []
    for y in category_panels(layout):
        axis = layout[y]
        ids = [str(i) for i in _list(axis.get("tickvals"))]
        quantity = [groups.get(i, i) for i in ids]
        cuts = [k > 0 and not set(quantity[:k]) & set(quantity[k:]) for k in range(len(ids))]
        panels.append(_Panel(y, ids, cuts))
    return panels


def _list(values) -> list:
    return values.tolist() if hasattr(values, "tolist") else list(values or [])


def _plan(panels: list[_Panel], fits) -> list[list[tuple[_Panel, list[str]]]]:
    """Panels packed onto slides in order: a whole panel where it fits (on this slide, else on a
    fresh one); a panel too tall for a slide of its own is split between its bars, at cuts that
    keep each quantity's statements together. ``fits(part)`` composes the part's slide and says
    whether its rows fit (None: the part cannot be drawn on its own)."""
    parts: list[list[tuple[_Panel, list[str]]]] = [[]]
    for panel in panels:
        whole = (panel, panel.ids)
        if fits(parts[-1] + [whole]):
            parts[-1].append(whole)
            continue
        if parts[-1] and fits([whole]):
            parts.append([whole])
            continue
        starts = [k for k in range(len(panel.ids)) if k == 0 or panel.cuts[k]] + [len(panel.ids)]
        piece: list[str] = []  # the bars of this panel on the current slide
        for unit in (panel.ids[i:j] for i, j in zip(starts, starts[1:])):
            if fits(parts[-1] + [(panel, piece + unit)]):
                piece += unit
                continue
            if piece:  # this slide ends with the bars so far; the panel continues on the next
                parts[-1].append((panel, piece))
                parts.append([])
            elif parts[-1]:  # the slide holds other panels: this one starts on a fresh slide
                parts.append([])
            piece = list(
                unit
            )  # on an empty slide even when it does not fit: no smaller piece exists
        if piece:
            parts[-1].append((panel, piece))
    return [part for part in parts if part]


def _part_frame(figures: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """The rows of the filtered frame a part is drawn from: its bars and every statement of their
    quantities (so each bar is the same claim, with the same sources, as on the whole chart)."""
    keep = figures["id"].astype("string").isin(ids).to_numpy(dtype=bool, copy=True)
    for column in ("quantity_group", "same_group"):
        if column in figures:
            groups = figures.loc[keep, column].dropna()
            keep = keep | figures[column].isin(groups).to_numpy(dtype=bool)
    return figures[keep]


def _wholes_named(
    rows: pd.DataFrame, figures: pd.DataFrame, where: dict[str, tuple[int, int]], words: Words
) -> pd.DataFrame:
    """``rows`` knowing each whole their parts belong to that they leave out (``labels.WHOLES_ATTR``):
    "part of £12m (whole on slide 3 of 5)" where another slide draws it, "part of £12m" where the
    view holds it undrawn; never "a larger figure not in this view" for a whole the view holds."""
    from dashboard.views.labels import WHOLES_ATTR

    if "part_of" not in rows:
        return rows
    held = set(rows["id"].astype(str))
    wholes = {str(w) for w in rows["part_of"].dropna() if str(w) and str(w) not in held}
    if not wholes:
        return rows
    values = dict(zip(figures["id"].astype(str), figures["value_label"].astype(str)))
    named = {
        w: values[w]
        if w not in where
        else words.text(
            "{value} (whole on slide {number} of {count})",
            "deck",
            value=values[w],
            number=where[w][0],
            count=where[w][1],
        )
        for w in wholes
        if w in values
    }
    rows = rows.copy(deep=False)
    rows.attrs = {**rows.attrs, WHOLES_ATTR: named}
    return rows


# --- what each part's panels say -------------------------------------------------------------


def _details(whole: dict, panels: list[_Panel], metric_of: dict[str, str]) -> dict[str, list[str]]:
    """Each metric's muted lines (what it counts, who counted it), which the whole chart says
    once, over the metric's first panel."""
    out: dict[str, list[str]] = {}
    for a in whole.get("layout", {}).get("annotations", []):
        lines = str(a.get("text", "")).split("<br>") if a.get("name") == "panel-title" else []
        panel = next(
            (p for p in panels if _short(p.y) == str(a.get("yref", "")).split(" ")[0]), None
        )
        muted = [line for line in lines if line.lstrip().startswith("<span")]
        if panel and panel.ids and muted:
            out.setdefault(metric_of.get(panel.ids[0], ""), muted)
    return out


def _title_panels(
    figure: dict,
    whole: dict,
    part: list[tuple[_Panel, list[str]]],
    begun: frozenset,
    continued: str = CONTINUED,
    details: dict[str, list[str]] | None = None,
    metric_of: dict[str, str] | None = None,
) -> None:
    """Each panel of a part titled as on the whole chart (a part of one unscoped panel is drawn as
    a single axis, without one), with "(continued)" where an earlier slide began the panel; a
    metric's muted lines (``details``: the whole chart says them once, over its first panel) over
    its first panel on each slide, so every slide says what its bars count."""
    said: set[str] = set()
    layout = figure.setdefault("layout", {})
    annotations = [a for a in layout.get("annotations", []) if a.get("name") != "panel-title"]
    titles = {
        a.get("yref", "").split(" ")[0]: a
        for a in whole.get("layout", {}).get("annotations", [])
        if a.get("name") == "panel-title"
    }
    for y in category_panels(layout):
        ids = {str(i) for i in _list(layout[y].get("tickvals"))}
        panel = next((p for p, _ in part if ids and ids <= set(p.ids)), None)
        title = titles.get(_short(panel.y)) if panel else None
        if title is None:
            continue
        title = copy.deepcopy(title)
        title.update(xref=f"{layout[y].get('anchor', 'x')} domain", yref=f"{_short(y)} domain")
        if panel.y in begun:
            lines = str(title["text"]).split("<br>")
            last = max(i for i, line in enumerate(lines) if not line.lstrip().startswith("<span"))
            lines[last] += continued
            title["text"] = "<br>".join(lines)
        metric = (metric_of or {}).get(panel.ids[0], "") if panel.ids else ""
        if metric not in said and "<span" not in str(title["text"]) and (details or {}).get(metric):
            title["text"] = "<br>".join([str(title["text"]), *details[metric]])
        said.add(metric)
        annotations.append(title)
    layout["annotations"] = annotations


def _short(axis_key: str) -> str:
    """``yaxis2`` → ``y2`` (how an annotation names its axis)."""
    return axis_key.replace("axis", "")


def _share_value_axes(figures: list[dict], panels: list[_Panel]) -> None:
    """A panel split across slides keeps one value scale: every part's axis gets the range and
    ticks of the part whose axis runs furthest."""
    for panel in panels:
        axes = []
        for figure in figures:
            layout = figure["layout"]
            for y in category_panels(layout):
                if {str(i) for i in _list(layout[y].get("tickvals"))} <= set(panel.ids):
                    axes.append(layout["xaxis" + layout[y].get("anchor", "x")[1:]])
        if len(axes) < 2:
            continue
        longest = max(axes, key=lambda a: a["range"][1])
        for axis in axes:
            axis.update(
                range=list(longest["range"]),
                tickvals=longest.get("tickvals"),
                ticktext=longest.get("ticktext"),
            )
