"""A bar chart's rows split between slides: its panels and where each may be cut (never between
statements of one quantity), panels packed onto slides in order, each part's rows (its bars and
every statement of their quantities, wholes on other slides named), each part's panels titled
as on the whole chart ("(continued)", what a metric counts said once a slide), and one value
scale for a panel split across slides. ``slideparts`` draws and fits the parts.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import pandas as pd

from dashboard.outputs.slidefit import category_panels
from dashboard.words import Words

CONTINUED = " (continued)"  # after the heading of a panel a previous slide began


@dataclass
class Panel:
    y: str  # its y axis in the whole chart ("yaxis2")
    ids: list[str]  # its bars, top to bottom
    cuts: list[bool]  # cuts[i]: the panel may be split before bar i (no quantity on both sides)


# --- which rows go on which slide ---------------------------------------------------------------


def groups(figures: pd.DataFrame) -> dict[str, str]:
    """Each figure's quantity (its statements are drawn together, never split across slides)."""
    if "quantity_group" not in figures:
        return {}
    return {
        str(i): str(g)
        for i, g in zip(figures["id"], figures["quantity_group"])
        if isinstance(g, str) and g
    }


def panels(layout: dict, groups: dict[str, str]) -> list[Panel]:
    panels = []
    for y in category_panels(layout):
        axis = layout[y]
        ids = [str(i) for i in _list(axis.get("tickvals"))]
        quantity = [groups.get(i, i) for i in ids]
        cuts = [k > 0 and not set(quantity[:k]) & set(quantity[k:]) for k in range(len(ids))]
        panels.append(Panel(y, ids, cuts))
    return panels


def _list(values) -> list:
    return values.tolist() if hasattr(values, "tolist") else list(values or [])


def plan(panels: list[Panel], fits) -> list[list[tuple[Panel, list[str]]]]:
    """Panels packed onto slides in order: a whole panel where it fits (on this slide, else on a
    fresh one); a panel too tall for a slide of its own is split between its bars, at cuts that
    keep each quantity's statements together. ``fits(part)`` composes the part's slide and says
    whether its rows fit (None: the part cannot be drawn on its own)."""
    parts: list[list[tuple[Panel, list[str]]]] = [[]]
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


def part_frame(figures: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """The rows of the filtered frame a part is drawn from: its bars and every statement of their
    quantities (so each bar is the same claim, with the same sources, as on the whole chart)."""
    keep = figures["id"].astype("string").isin(ids).to_numpy(dtype=bool, copy=True)
    for column in ("quantity_group", "same_group"):
        if column in figures:
            groups = figures.loc[keep, column].dropna()
            keep = keep | figures[column].isin(groups).to_numpy(dtype=bool)
    return figures[keep]


def wholes_named(
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


def details(whole: dict, panels: list[Panel], metric_of: dict[str, str]) -> dict[str, list[str]]:
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


def title_panels(
    figure: dict,
    whole: dict,
    part: list[tuple[Panel, list[str]]],
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


def share_value_axes(figures: list[dict], panels: list[Panel]) -> None:
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
