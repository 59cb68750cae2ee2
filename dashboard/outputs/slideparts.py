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
from dashboard.outputs.slidesplit import (  # noqa: F401  (CONTINUED: re-exported)
    CONTINUED,
    Panel,
    details,
    groups,
    panels,
    part_frame,
    plan,
    share_value_axes,
    title_panels,
    wholes_named,
)
from dashboard.words import Words

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.analysis.frame import Filters
    from dashboard.config import Config
    from dashboard.curated.records import Dataset


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


@dataclass(frozen=True)
class _Chart:
    """What every slide of one chart is drawn from and how: the view, the slide's size, the day."""

    name: str
    figures: pd.DataFrame
    events: pd.DataFrame
    dataset: Dataset
    filters: Filters
    config: Config
    made_on: dt.date
    words: Words
    size: tuple[int, int]
    title: bool
    scale: float | None
    version: str
    link: str

    def text(self, figures: pd.DataFrame, events: pd.DataFrame) -> SlideText:
        return slide_text(
            self.name,
            figures,
            events,
            self.dataset,
            self.filters,
            self.config,
            self.made_on,
            self.words,
            version=self.version,
            link=self.link,
        )

    def draw(self, figures: pd.DataFrame, events: pd.DataFrame) -> dict:
        from dashboard.views import charts

        return charts.build_chart(
            self.name, figures, events, self.dataset, self.config.theme, self.filters
        ).to_dict()

    def compose(self, figure: dict, said: SlideText) -> tuple[dict, bool]:
        """``figure`` composed as a slide saying ``said``, and whether its rows fit it."""
        fitted: dict = {}
        figure = compose(
            figure,
            said,
            self.config,
            self.size,
            title=self.title,
            scale=self.scale,
            fit=fitted,
            words=self.words,
        )
        return figure, fitted.get("spare", 0.0) >= 0


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
    chart = _Chart(
        name,
        figures,
        events,
        dataset,
        filters,
        config,
        made_on or dt.date.today(),
        words or Words("en"),
        size,
        title,
        scale,
        version,
        link,
    )
    text = chart.text(figures, events)
    raw = chart.draw(figures, events)
    whole_raw = copy.deepcopy(raw)
    fit: dict = {}
    whole = compose(raw, text, config, size, title=title, scale=scale, fit=fit, words=chart.words)
    drawn = charts.plotted_rows(name, figures, events)
    ids = tuple(str(i) for i in drawn["id"]) if "id" in drawn else ()
    single = [SlidePart(whole, text, ids, figures=figures)]
    if fit.get("spare", 0.0) >= 0:
        return single
    if charts.CHARTS[name].plots == "events":
        return _event_parts(chart, ids) or single
    return _BarParts(chart, whole, whole_raw).parts() or single


class _BarParts:
    """A bar chart's parts: its panels packed onto slides (``slidesplit.plan``), each part drawn
    by the registry from its own rows and composed; [] when one slide is all there can be."""

    def __init__(self, chart: _Chart, whole: dict, whole_raw: dict) -> None:
        from dashboard.views import charts

        figures = chart.figures
        self.chart, self.whole_raw = chart, whole_raw
        self.panels = panels(whole["layout"], groups(figures))
        self.metric_of = dict(zip(figures["id"].astype(str), figures["metric"].astype(str)))
        self.details = details(whole_raw, self.panels, self.metric_of)
        self.capped = charts.cap_note(chart.name, figures, chart.events)
        self.where: dict[
            str, tuple[int, int]
        ] = {}  # a drawn bar's slide (number, count), once the parts are planned
        self.tried: dict[tuple, bool | None] = {}

    def drawn_part(
        self,
        part: list[tuple[Panel, list[str]]],
        number: int = 1,
        count: int = 1,
        begun: frozenset = frozenset(),
    ) -> tuple[SlidePart, bool] | None:
        """The part's slide and whether its rows fit it, or None when the registry does not draw exactly its rows."""
        from dashboard.views import charts

        chart, words = self.chart, self.chart.words
        part_ids = [i for _, piece in part for i in piece]
        rows = wholes_named(part_frame(chart.figures, part_ids), chart.figures, self.where, words)
        if sorted(
            str(i) for i in charts.plotted_rows(chart.name, rows, chart.events)["id"]
        ) != sorted(part_ids):
            return None
        said = chart.text(rows, chart.events)
        said = dataclasses.replace(
            said,
            title=words.text(
                "{heading} ({number} of {count})",
                "deck",
                heading=said.title,
                number=number,
                count=count,
            ),
            notes=(*said.notes, *([self.capped] if self.capped else [])),
        )
        figure = chart.draw(rows, chart.events)
        title_panels(
            figure,
            self.whole_raw,
            part,
            begun,
            words.text(CONTINUED, "images"),
            self.details,
            self.metric_of,
        )
        figure, fits = chart.compose(figure, said)
        return SlidePart(figure, said, tuple(part_ids), number, count, rows), fits

    def fits(self, part) -> bool | None:
        key = tuple((panel.y, tuple(piece)) for panel, piece in part)
        if key not in self.tried:
            drawn_ = self.drawn_part(part)
            self.tried[key] = None if drawn_ is None else drawn_[1]
        return self.tried[key]

    def parts(self) -> list[SlidePart]:
        planned = plan(self.panels, self.fits)
        if len(planned) < 2:
            return []  # one slide (crowded, every row on it) rather than parts that drop or repeat a row
        parts, begun = [], set()
        self.where.update(
            {
                i: (number, len(planned))
                for number, part in enumerate(planned, start=1)
                for _, piece in part
                for i in piece
            }
        )
        for number, part in enumerate(planned, start=1):
            drawn_ = self.drawn_part(part, number, len(planned), frozenset(begun))
            if drawn_ is None:
                return []
            parts.append(drawn_[0])
            begun |= {panel.y for panel, _ in part}
        share_value_axes([p.figure for p in parts], self.panels)
        return parts


def _event_parts(chart: _Chart, ids: tuple[str, ...]) -> list[SlidePart]:
    """The timeline's events in date order, as many a slide as fit (see ``slideevents``); [] when
    a part would not draw exactly its own events."""
    from dashboard.views import charts

    name, figures, events = chart.name, chart.figures, chart.events
    capped = charts.cap_note(name, figures, events)

    def drawn(part: list[str], number: int = 1, count: int = 1) -> tuple[SlidePart, bool] | None:
        rows = part_events(events, part)
        if [str(i) for i in charts.plotted_rows(name, figures, rows)["id"]] != part:
            return None
        said = chart.text(figures, rows)
        said = numbered(said, said.title, number, count, chart.words, (capped,) if capped else ())
        figure, fits = chart.compose(chart.draw(figures, rows), said)
        return SlidePart(figure, said, tuple(part), number, count, figures, rows), fits

    def fits(part: list[str]) -> bool:
        made = drawn(part)
        return bool(made and made[1])

    plan = event_parts(list(ids), fits)
    if len(plan) < 2:
        return []
    parts = [drawn(part, number, len(plan)) for number, part in enumerate(plan, start=1)]
    return [made[0] for made in parts] if all(parts) else []
