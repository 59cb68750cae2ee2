"""What a slide of a chart says around it (``SlideText``): the chart's title, the filters as
its subtitle, the source line, the qualifier notes, the day made and where the image came
from (data version, link); ``slidecompose`` lays these out around the chart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.curated.records import day_label
from dashboard.outputs.errors import ExportError
from dashboard.words import Formatter, Words

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.analysis.frame import Filters
    from dashboard.config import Config
    from dashboard.curated.records import Dataset


@dataclass(frozen=True)
class SlideText:
    """Everything an image says besides the chart itself; the deck reuses it."""

    title: str
    subtitle: str
    source: str  # "Source: <title> — <publisher>, <date>", "" when nothing is plotted
    notes: tuple[str, ...]  # "Over: the source gives a lower bound; …"
    made: str  # "Made 22 Nov 2026 · <dashboard title>"
    provenance: str = (
        ""  # "Data version 3f9c… · https://…/?year_from=2018…": where the file came from
    )


day_text = day_label  # "22 Nov 2026": the one day label, shared with the page and the deck


def slide_text(
    name: str,
    figures: pd.DataFrame,
    events: pd.DataFrame,
    dataset: Dataset,
    filters: Filters,
    config: Config,
    made_on: dt.date,
    words: Words | None = None,
    *,
    version: str = "",
    link: str = "",
) -> SlideText:
    """What a slide of chart ``name`` says around it; its own words in the language of ``words``;
    ``version`` and ``link`` (the data version /status reports, the view's link) say where the
    image came from, under the date made."""
    from dashboard.views import charts

    spec = chart_spec(name)
    words = words or Words("en")
    return SlideText(
        title=words.text(spec.title, "charts"),
        subtitle=filters.describe(dataset, words=words),
        source=charts.source_footer(name, figures, events, dataset),
        notes=tuple(charts.qualifier_notes(name, figures)),
        made=words.text(
            "Made {date} · {title}",
            "images",
            date=Formatter(words).date(made_on),
            title=words.text(config.title, "page title"),
        ),
        provenance=" · ".join(
            p
            for p in (
                words.text("Data version {version}", "page", version=version) if version else "",
                link,
            )
            if p
        ),
    )


def chart_spec(name: str):
    from dashboard.views import charts

    if name not in charts.CHARTS:
        raise ExportError(f"unknown chart {name!r}; choose one of: {', '.join(charts.CHARTS)}")
    return charts.CHARTS[name]
