"""What the page's download buttons return: a file name and its bytes, for the filters on
screen. The page's callbacks decode their inputs and call ``build_download``; the CLI's
``export`` command writes the same bytes through the same exporters.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.analysis.frame import Filters, apply_filters, figures_frame
from dashboard.outputs.export import FORMATS, ExportContext, ExportError, file_name, of_kind

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.config import Config
    from dashboard.curated.records import Dataset

KINDS = tuple(f.name for f in (*of_kind("view"), *of_kind("chart")))  # the page's buttons: the view's files, then each chart's
VIEW_NAME = "programme-figures"  # what the data files and the deck hold


def build_download(
    kind: str,
    filters: Filters,
    dataset: Dataset,
    config: Config,
    *,
    chart: str | None = None,
    today: dt.date | None = None,
    frames: tuple[pd.DataFrame, pd.DataFrame] | None = None,
) -> tuple[str, bytes]:
    """``(file name, content)`` of a download of the filtered view.

    ``kind`` is a format in ``export.FORMATS``: a file of the whole view (csv, xlsx, pptx) or
    an image of one chart (png, svg; ``chart``, a name in ``charts.CHARTS``). The name says what and when:
    ``programme-figures_2018-2025_2026-11-22.pptx``, ``funding-by-programme_2018-2025_2026-11-22.png``.
    Raises ``ExportError`` with a plain message for an unknown kind or chart, or when
    images cannot be drawn (no browser). ``frames`` are the unfiltered figures and events
    frames when the caller already built them (the app does, once, at start-up).
    """
    if kind not in FORMATS:
        raise ExportError(f"unknown download {kind!r}; choose one of: {', '.join(KINDS)}")
    output = FORMATS[kind]
    made_on = today or dt.date.today()
    what = VIEW_NAME
    if output.kind == "chart":
        what = chart_title(chart)
    elif chart is not None:
        raise ExportError(f"a {kind} download holds the whole view; chart= applies to {' and '.join(f.name for f in of_kind('chart'))}")
    all_figures, all_events = frames if frames is not None else (figures_frame(dataset), None)
    figures = apply_filters(all_figures, filters)
    context = ExportContext.for_view(dataset, filters, config, chart=chart, today=made_on, all_events=all_events)
    return file_name(what, filters, made_on, output.extension), output(figures, context)


def chart_title(chart: str | None) -> str:
    """What a file of chart ``chart`` is called (its title up to any colon), or an
    ``ExportError`` naming the charts there are."""
    from dashboard.views import charts

    if chart is None:
        raise ExportError(f"an image shows one chart; choose one of: {', '.join(charts.CHARTS)}")
    if chart not in charts.CHARTS:
        raise ExportError(f"unknown chart {chart!r}; choose one of: {', '.join(charts.CHARTS)}")
    return charts.CHARTS[chart].file_title  # "People: victims identified, …" → "People"
