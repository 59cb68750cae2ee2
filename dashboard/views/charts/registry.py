"""The chart registry: each chart registers once, and the page, the deck, the slide images,
the CLI and the benchmarks read it.

A ``ChartSpec`` says everything a surface needs to know about a chart: its name and title,
which rows it plots (``select``, then ``cap`` to keep it readable), how it draws them, what
it is empty of ("No funding figures in 2022"), its qualifier notes, its text alternative, and
what a click on a mark opens (the figure's source sentence, or the event's). Adding a chart
is one module that calls ``register`` plus an import line in ``__init__``; nothing else
names charts.

Every function here takes the *filtered* frames of a view. A chart's rows are computed once
per view: the page and the deck ask for the figure, the footer, the notes and the alt text
of the same frames, and each asks the same question (which rows?).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.frame import Filters
from dashboard.analysis.memo import per_frame
from dashboard.config import Theme
from dashboard.curated.problems import Problem
from dashboard.curated.records import Dataset, where
from dashboard.views.charts.draw import (
    CAP_NOTE_NAME,
    Spec,
    as_figure,
    empty_figure,
    esc,
    finished,
    one_stop,
)
from dashboard.views.labels import scope_text
from dashboard.views.language import citation, formatter_for, language_of, words_of
from dashboard.words import Words

CTX = "charts"

Rows = pd.DataFrame


@dataclass(frozen=True)
class ChartSpec:
    name: (
        str  # the chart's id on the page (chart-graph-<name>), in file names, in the CLI's --chart
    )
    title: str  # "Funding by programme"; a file is named by the part before any colon
    empty_what: (
        str  # "funding figures": the chart's empty state reads "No funding figures in 2022 …"
    )
    plots: Literal[
        "figures", "events"
    ]  # which frame it draws, one mark per row; a click opens that row's source
    select: Callable[
        [pd.DataFrame], Rows
    ]  # every row it could draw, from the filtered frame it plots
    cap: Callable[
        [Rows], Rows
    ]  # the rows it draws: all of them, or the ones a readable chart keeps
    cap_text: Callable[..., str]  # (shown, total, words) → "Showing the 10 largest figures …"
    draw: Callable[
        [Rows, Dataset, Theme], Spec
    ]  # the figure of ≥ 1 drawn rows, as plotly's plain dict
    intro: Callable[[str, Rows], str]  # (title, drawn rows) → the first sentence of its alt text
    items: Callable[[Rows, Dataset], list[str]]  # each drawn mark in words, for alt text
    notes: Callable[[Rows], list[str]] | None = None  # qualifier notes under the chart (None: none)
    by_metric: bool = (
        False  # True: it draws the metrics whose `chart:` (data/vocabulary.yaml) names it
    )

    @property
    def opens(self) -> Literal["figure", "event"]:
        """What a click on one of its marks opens: ``figure`` or ``event`` (its source sentence)."""
        return "event" if self.plots == "events" else "figure"

    @property
    def file_title(self) -> str:
        """``People: victims identified, …`` → ``People``: what its files are called."""
        return self.title.split(":")[0]

    def title_in(self, words: Words | None = None) -> str:
        """The chart's title in the language of ``words`` (English when None)."""
        return words_of(words=words).text(self.title, CTX)


CHARTS: dict[str, ChartSpec] = {}  # in page order: the order the modules register


def register(spec: ChartSpec) -> ChartSpec:
    """Add ``spec`` to ``CHARTS`` (after the charts already there). A name registers once."""
    if spec.name in CHARTS:
        raise ValueError(f"chart {spec.name!r} is registered twice")
    CHARTS[spec.name] = spec
    return spec


def unregister(name: str) -> None:
    """Remove chart ``name`` (for tests that register a chart of their own)."""
    CHARTS.pop(name, None)
    chart_rows.forget()


def metric_charts() -> list[str]:
    """What a metric's ``chart:`` may say: the registered charts that draw metrics, then ``none``."""
    return [name for name, chart in CHARTS.items() if chart.by_metric] + ["none"]


def chart_problems(dataset: Dataset) -> list[Problem]:
    """A metric whose ``chart:`` names no registered metric chart: ``path:line: chart: …``
    (the loader cannot know the charts: they register here, a layer above it)."""
    allowed = metric_charts()
    return [
        Problem(
            where(metric, "chart"),
            "chart",
            f"unknown value {metric.chart!r}; expected one of: {', '.join(allowed)}",
            "unknown-chart",
        )
        for metric in dataset.metrics
        if metric.chart not in allowed
    ]


def spec(name: str) -> ChartSpec:
    try:
        return CHARTS[name]
    except KeyError:
        raise KeyError(f"unknown chart {name!r}; expected one of: {', '.join(CHARTS)}") from None


# --- which rows (once per view) ---------------------------------------------------------------


@per_frame(kept=16)  # four charts of a few views: the page's latest and a deck being built
def chart_rows(frame: pd.DataFrame, name: str) -> tuple[Rows, Rows]:
    """``(candidates, drawn)`` of chart ``name`` from the frame it plots, remembered while that
    frame lives: an entry goes once its frame is freed, so a finished view holds no memory."""
    chart = spec(name)
    candidates = chart.select(frame)
    return candidates, chart.cap(candidates)


def _rows(name: str, figures: pd.DataFrame, events: pd.DataFrame) -> tuple[Rows, Rows]:
    """``(candidates, drawn)`` of chart ``name``: from the events or the figures, as it plots."""
    return chart_rows(events if spec(name).plots == "events" else figures, name)


def candidate_rows(name: str, figures: pd.DataFrame, events: pd.DataFrame) -> Rows:
    """Every row chart ``name`` could draw: its metrics' figures, or the events for the timeline."""
    return _rows(name, figures, events)[0]


def plotted_rows(name: str, figures: pd.DataFrame, events: pd.DataFrame) -> Rows:
    """The rows chart ``name`` draws. A chart stays readable: past ten bars per metric it draws
    the largest figures, past 25 events the latest ones, and ``cap_note`` says so on the chart.
    Figures are never merged to fit: the table has all."""
    return _rows(name, figures, events)[1]


# --- what a chart says and cites ---------------------------------------------------------------


def _words(
    name: str, figures: pd.DataFrame, events: pd.DataFrame, words: Words | str | None = None
) -> Words:
    """``words`` when given, else the words of the language the chart's frame is in."""
    return words_of(events if spec(name).plots == "events" else figures, words)


def cap_note(
    name: str, figures: pd.DataFrame, events: pd.DataFrame, words: Words | str | None = None
) -> str | None:
    """``Showing the 10 largest figures of each metric (30 of 3,412); …`` when capped."""
    candidates, drawn = _rows(name, figures, events)
    if len(drawn) == len(candidates):
        return None
    return spec(name).cap_text(len(drawn), len(candidates), _words(name, figures, events, words))


def source_footer(
    name: str,
    figures: pd.DataFrame,
    events: pd.DataFrame,
    dataset: Dataset,
    words: Words | str | None = None,
) -> str:
    """``Source: <title> — <publisher>, <date>`` for every document the chart plots (every
    document stating a figure drawn once for several, ``same_as``); "" if none."""
    rows = plotted_rows(name, figures, events)
    used = set(rows["source"].dropna().tolist())
    frame = events if spec(name).plots == "events" else figures
    if (
        "same_group" in rows and "same_group" in frame
    ):  # one mark for one figure several documents state: cite each
        used |= set(
            frame.loc[frame["same_group"].isin(rows["same_group"].dropna()), "source"]
            .dropna()
            .tolist()
        )
    known = [s for s in dataset.sources if s.file in used]
    words = _words(name, figures, events, words)
    citations = [citation(s, words) for s in known] + sorted(used - {s.file for s in known})
    if not citations:
        return ""
    return words.text("Source: " if len(citations) == 1 else "Sources: ", CTX) + "; ".join(
        citations
    )


def qualifier_notes(name: str, figures: pd.DataFrame) -> list[str]:
    """fmt's note for each qualifier the chart shows, then a note when it shows a commitment."""
    chart = spec(name)
    if chart.notes is None or chart.plots != "figures":
        return []
    return chart.notes(plotted_rows(name, figures, figures.iloc[0:0]))


def empty_message(
    name: str, dataset: Dataset, filters: Filters | None = None, words: Words | str | None = None
) -> str:
    """``No funding figures in 2022 for the selected programmes`` (English when ``words`` is None)."""
    words = words_of(words=words)
    metrics = [m.id for m in dataset.metrics if m.chart == name]
    what = words.text(spec(name).empty_what, CTX)
    return words.text(
        "No {what} {scope}", CTX, what=what, scope=scope_text(filters, dataset, metrics, words)
    )


def alt_text(
    name: str,
    figures: pd.DataFrame,
    events: pd.DataFrame,
    dataset: Dataset,
    filters: Filters | None = None,
    words: Words | str | None = None,
    footer: str | None = None,
) -> str:
    """A text alternative: what the chart shows, then every value with qualifier, kind and
    period, then its sources (``footer``: the chart's ``source_footer`` in these words, when
    the caller has it)."""
    chart = spec(name)
    words = _words(name, figures, events, words)
    title = chart.title_in(words)
    rows = plotted_rows(name, figures, events)
    if rows.empty:
        return words.text(
            "{title}: {message}.",
            "chart alt text",
            title=title,
            message=empty_message(name, dataset, filters, words),
        )
    intro = chart.intro(title, rows)
    items = chart.items(rows, dataset)
    footer = source_footer(name, figures, events, dataset, words) if footer is None else footer
    capped = cap_note(name, figures, events, words)
    return one_stop(
        " ".join(
            [
                intro,
                *([capped] if capped else []),
                *(f"{item}." for item in items),
                *([footer + "."] if footer else []),
            ]
        )
    )


def build_chart(
    name: str,
    figures: pd.DataFrame,
    events: pd.DataFrame,
    dataset: Dataset,
    theme: Theme,
    filters: Filters | None = None,
    words: Words | str | None = None,
) -> go.Figure:
    """The figure for chart ``name`` (see ``CHARTS``) from the filtered frames, as a ``go.Figure``
    (the exporters' and the tests' way to read it); ``chart_figure`` is the same as a plain dict."""
    return as_figure(chart_figure(name, figures, events, dataset, theme, filters, words))


def chart_figure(
    name: str,
    figures: pd.DataFrame,
    events: pd.DataFrame,
    dataset: Dataset,
    theme: Theme,
    filters: Filters | None = None,
    words: Words | str | None = None,
) -> Spec:
    """The figure for chart ``name`` from the filtered frames, as plotly's plain dict: what the
    page sends.

    ``filters``, when given, lets an empty chart say what it is empty for ("in 2022").
    Its words are in the language of the frames (``views.language``), or of ``words`` when given.
    """
    words = _words(name, figures, events, words)
    rows = plotted_rows(name, figures, events)
    if rows.empty:
        return _separated(empty_figure(empty_message(name, dataset, filters, words), theme), words)
    if (
        language_of(rows) != words.language
    ):  # words named by the caller: the drawing reads them from its rows
        rows = rows.copy(deep=False)
        rows.attrs["language"] = words.language
    fig = spec(name).draw(rows, dataset, theme)
    note = cap_note(name, figures, events, words)
    if note:
        fig["layout"].setdefault("annotations", []).append(
            {
                "name": CAP_NOTE_NAME,
                "text": esc(note),
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 1,
                "y": 0,
                "xanchor": "right",
                "yanchor": "bottom",
                "font": {"size": 11, "color": theme.muted_colour},
                "bgcolor": theme.background_colour,
            }
        )
        axis = fig["layout"].get("yaxis") or {}
        if spec(name).plots == "events" and axis.get(
            "range"
        ):  # the latest events reach the plot's foot: the note gets a row of its own
            axis["range"] = [axis["range"][0] + 1, axis["range"][1]]
    return _separated(fig, words)


def _separated(fig: Spec, words: Words) -> Spec:
    """Plotly's own numbers (hover, automatic ticks) in the language's style: ``1.936,5`` in
    Vietnamese; and the figure finished as plotly holds it."""
    if words.language != "en":
        fig["layout"]["separators"] = formatter_for(words.language).plotly_separators
    return finished(fig)
