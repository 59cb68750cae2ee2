"""What the page's download buttons return: a file name and its bytes, for the view on
screen. The page's callbacks and the CLI's ``export`` both call ``view_file`` on the ``View``
that ``views.view.make_view`` makes (the page's from its cache), so they write the same bytes.

In another language than English the file holds that language's words (``ExportContext.language``)
and its name is the title in that language: the name itself stays an ASCII slug
(``so-lieu-chuong-trinh_2018-2025_2026-11-22.csv``), the title in Vietnamese travels in
``filename*`` (RFC 5987) of ``DownloadName.content_disposition``.
"""

from __future__ import annotations

import dataclasses

import datetime as dt
import unicodedata
from typing import TYPE_CHECKING
from urllib.parse import quote

from dashboard.analysis.filters import default_filters
from dashboard.analysis.frame import Filters
from dashboard.curated.version import data_version
from dashboard.curated.translations import records_folder
from dashboard.outputs.errors import NothingToExport
from dashboard.outputs.export import (
    FORMATS,
    ExportContext,
    ExportError,
    file_name,
    of_kind,
    titled_name,
)
from dashboard.views.view import Snapshot, View, load_languages, make_snapshot, make_view
from dashboard.web.urlstate import encode
from dashboard.words import LANGUAGES, Words

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.config import Config
    from dashboard.curated.records import Dataset

KINDS = tuple(
    f.name for f in (*of_kind("view"), *of_kind("chart"))
)  # the page's buttons: the view's files, then each chart's
VIEW_TITLE = (
    "Programme figures"  # the same, as a title in the catalogue (context "download file name")
)
CTX_FILE = "download file name"
CTX_NOTHING = "downloads"  # what a download or an export of an empty view says


class DownloadName(str):
    """A download's file name: the ASCII slug itself (``programme-figures_2018-2025_….csv``),
    with ``title``, the same name in the page's language (``Số liệu chương trình_2018-2025_….csv``)."""

    title: str

    def __new__(cls, ascii_name: str, title: str | None = None) -> DownloadName:
        name = super().__new__(cls, ascii_name)
        name.title = title or ascii_name
        return name

    @property
    def content_disposition(self) -> str:
        """``attachment; filename="…"`` with the ASCII name, and ``filename*=UTF-8''…``
        (RFC 5987, percent-encoded UTF-8) when the title is not that same ASCII name."""
        header = f'attachment; filename="{self}"'
        if self.title != str(self):
            header += f"; filename*=UTF-8''{quote(self.title, safe='')}"
        return header


def ascii_form(text: str) -> str:
    """Vietnamese written without its marks, for an ASCII file name: ``Số liệu`` → ``So lieu``,
    ``đ`` → ``d``."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def download_name(
    title: str, filters: Filters, made_on: dt.date, extension: str, words: Words
) -> DownloadName:
    """The name of a file about ``title`` (English, from the catalogue) in ``words``' language:
    what it holds, then the filters (``export.file_name``)."""
    shown = words.text(VIEW_TITLE, CTX_FILE) if title == VIEW_TITLE else words.text(title, "charts")
    shown = shown.split(":")[0] if title != VIEW_TITLE else shown
    ascii_name = file_name(ascii_form(shown), filters, made_on, extension, words)
    if words.language == "en":
        return DownloadName(ascii_name)
    return DownloadName(ascii_name, titled_name(shown, filters, made_on, extension, words))


def build_download(
    kind: str,
    filters: Filters,
    dataset: Dataset,
    config: Config,
    *,
    chart: str | None = None,
    today: dt.date | None = None,
    words: Words | str | None = None,
    snapshot: Snapshot | None = None,
    size: str | None = None,
    site: str | None = None,
    version: str | None = None,
) -> tuple[DownloadName, bytes]:
    """``(file name, content)`` of a download of the filtered view: ``view_file`` of the view
    ``make_view`` makes of ``snapshot`` (one made of ``dataset`` when None, its names read from
    the dataset's data/i18n once, here). ``words`` (a ``Words`` or a language code; English when
    None) is the language of the file and its name; ``site`` the page's address (``view_link``);
    ``version`` the data version when the caller holds a copy of the data (the render process)."""
    language = words.language if isinstance(words, Words) else (words or "en")
    output_kind(kind, chart, Words(language) if language in LANGUAGES else Words("en"))
    if snapshot is None:
        snapshot = make_snapshot(dataset, load_languages(records_folder(dataset)))
    view = make_view(snapshot, config, filters, language)
    return view_file(
        view,
        snapshot,
        config,
        kind,
        chart=chart,
        today=today,
        size=size,
        site=site,
        version=version,
    )


def output_kind(kind: str, chart: str | None, words: Words) -> str:
    """``kind``'s format kind ("view" or "chart"), or the ``ExportError`` a page or CLI user
    reads: an unknown format, an image without a known chart, a chart for a file of the view."""
    if kind not in FORMATS:
        raise ExportError(
            words.text(
                "unknown download {name}; choose one of: {choices}",
                "downloads",
                name=repr(kind),
                choices=", ".join(KINDS),
            )
        )
    output = FORMATS[kind]
    if output.kind == "chart":
        chart_title(chart, words)  # an unknown chart: the error, before any work
    elif chart is not None:
        *first, last = [f.name for f in of_kind("chart")]
        charts = (
            words.text("{first} and {last}", "list of names", first=", ".join(first), last=last)
            if first
            else last
        )
        raise ExportError(
            words.text(
                "a {format} download holds the whole view; chart= applies to {charts}",
                "downloads",
                format=kind,
                charts=charts,
            )
        )
    return output.kind


def view_file(
    view: View,
    snapshot: Snapshot,
    config: Config,
    kind: str,
    *,
    chart: str | None = None,
    today: dt.date | None = None,
    size: str | None = None,
    zip_parts: bool = True,
    deck_charts: str | None = None,
    template: str | None = None,
    site: str | None = None,
    version: str | None = None,
) -> tuple[DownloadName, bytes]:
    """``(file name, content)`` of ``view`` as a ``kind`` file (a format in ``export.FORMATS``):
    the whole view (csv, xlsx, pptx) or an image of one chart (png, svg; ``chart``, a name in
    ``charts.CHARTS``), in the view's language, from the view's own rows and the snapshot's names
    (nothing is read from disk). The name says what and when:
    ``programme-figures_2018-2025_2026-11-22.pptx``. Raises ``ExportError`` with a plain message
    for an unknown kind or chart, or when images cannot be drawn (no browser). A file that
    states where it comes from (the PDF brief) gets the data version and ``view_link``."""
    words = Words(view.language)
    output_kind(kind, chart, words)
    output = FORMATS[kind]
    made_on = today or dt.date.today()
    local = snapshot.localized(view.language)
    context = ExportContext.for_view(  # zip_parts: a chart on several slides comes as a ZIP of them, named .zip below
        local.dataset,
        view.filters,
        config,
        chart=chart,
        size=size,
        today=made_on,
        all_events=local.events,
        language=view.language,
        zip_parts=zip_parts,
        translations=snapshot.translations.get(view.language),
        deck_charts=deck_charts,
        template=template,
        version=version or data_version(snapshot.dataset),
        link=view_link(view, snapshot, config, site),
    )
    refuse_nothing(view, kind, chart, local.dataset, words)
    content = output(view.figures, context)
    what = _chart_spec_title(chart) if output.kind == "chart" else VIEW_TITLE
    return download_name(what, view.filters, made_on, output.extension_for(content), words), content


def page_base(config: Config, host_url: str, prefix: str | None = None) -> str:
    """The page's absolute address for what a page request writes (an embed snippet, a preview's
    ``og:*`` tags): ``serving.public_url`` when set, else the address the request came to."""
    return config.serving.public_url or host_url.rstrip("/") + (
        config.serving.url_prefix if prefix is None else prefix
    )


def site_address(config: Config) -> str:
    """Where people open the page: ``serving.public_url`` when set, else where ``dashboard serve``
    serves it with these settings (``http://127.0.0.1:8050/``). Every file's link starts here,
    never at a request's Host header: a file made once is shared between people (the jobs'
    store), and the page's download and ``dashboard export`` must be the same bytes."""
    return (
        config.serving.public_url
        or f"http://{config.server.host}:{config.server.port}{config.serving.url_prefix}"
    )


def view_link(view: View, snapshot: Snapshot, config: Config, site: str | None = None) -> str:
    """The short link of ``view``: the page's address (``site``: the address a page request came
    to; else ``site_address``) and only the filters that differ from the defaults, as the page's
    own link writes them (``…/?year_from=2022&year_to=2025&lang=vi``), the years always: a file is
    a view frozen in time, and its link must keep meaning the same years as documents are added."""
    defaults = dataclasses.replace(
        default_filters(snapshot.choices, config.defaults), year_from=0, year_to=0
    )
    base = site or site_address(config)
    return base + encode(view.filters, defaults, view.language, config.defaults.lang)


def _chart_spec_title(chart: str) -> str:
    from dashboard.views import charts

    return charts.CHARTS[chart].title


def chart_title(chart: str | None, words: Words | None = None) -> str:
    """What a file of chart ``chart`` is called (its title up to any colon, in the language
    of ``words``; English when None), or an ``ExportError`` naming the charts there are."""
    from dashboard.views import charts

    words = words or Words("en")
    choices = ", ".join(charts.CHARTS)
    if chart is None:
        raise ExportError(
            words.text(
                "an image shows one chart; choose one of: {choices}", "downloads", choices=choices
            )
        )
    if chart not in charts.CHARTS:
        raise ExportError(
            words.text(
                "unknown chart {name}; choose one of: {choices}",
                "downloads",
                name=repr(chart),
                choices=choices,
            )
        )
    return words.text(charts.CHARTS[chart].title, "charts").split(":")[
        0
    ]  # "People: victims identified, …" → "People"


def nothing_in(view: View, kind: str, chart: str | None = None) -> bool:
    """Whether a ``kind`` file of ``view`` would hold nothing: a file of the view with no figure
    (and, for the workbook and the deck, no event) and no context statistic; an image of a chart
    with no row to plot (the deck leaves such a chart out too); an events file with no event."""
    output = FORMATS[kind]
    if output.kind == "chart":
        from dashboard.views import charts

        return charts.plotted_rows(chart, view.figures, view.events).empty
    if output.kind == "events":
        return view.events.empty
    holds_events = kind in EVENTFUL_FILES
    return view.figures.empty and not view.context and (view.events.empty or not holds_events)


EVENTFUL_FILES = (
    "xlsx",
    "pptx",
)  # files of the view that show its events too (an Events sheet, the timeline)


def refuse_nothing(
    view: View, kind: str, chart: str | None, dataset: Dataset, words: Words
) -> None:
    """``NothingToExport`` naming the filters when a ``kind`` file of ``view`` would hold nothing."""
    if not nothing_in(view, kind, chart):
        return
    asked = view.filters.describe(dataset, words=words)
    if FORMATS[kind].kind == "chart":
        reason = words.text(
            "“{chart}” has nothing to draw for these filters ({filters}); the deck leaves it out too",
            CTX_NOTHING,
            chart=chart_title(chart, words),
            filters=asked,
        )
    elif FORMATS[kind].kind == "events":
        reason = words.text("no events match these filters ({filters})", CTX_NOTHING, filters=asked)
    else:
        reason = words.text(
            "no figures match these filters ({filters})", CTX_NOTHING, filters=asked
        )
    raise NothingToExport(
        words.text("Nothing to download: {reason}", CTX_NOTHING, reason=reason),
        words.text("Nothing written: {reason}", CTX_NOTHING, reason=reason),
    )
