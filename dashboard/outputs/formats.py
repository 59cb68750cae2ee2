"""The output format registry, and the types every exporter shares.

One ``OutputFormat`` per format: its name, the label on the page's download button, the file
extension, the MIME type, its kind (a file of the whole ``view``, or one image per ``chart``)
and the exporter that makes its bytes. The page's download buttons, the CLI's ``--format``
choices and the deck read ``FORMATS``; nothing else lists formats. The exporters register in
``export`` (import ``FORMATS`` from there, so they are all present).

``ExportContext`` lives here, below every module that reads it; ``ExportError`` one step lower, in ``errors``.
Its ``language`` (``en`` or ``vi``: ``dashboard export --lang``, the page's language) is the
language every exporter writes its words in; the button labels read ``label_in(words)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

import pandas as pd

from dashboard.analysis.frame import Filters, apply_event_filters, events_frame
from dashboard.curated.translations import Translations, curated_names, records_folder
from dashboard.outputs.errors import ExportError
from dashboard.views.language import SOURCE_LANGUAGE, language_of, localize
from dashboard.words import LANGUAGES, UnknownLanguage, Words

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.config import Config
    from dashboard.curated.records import Dataset


@dataclass(frozen=True)
class ExportContext:
    """The view an export is made of. Data files need only ``csv_bom``; images and the
    deck need ``dataset``, ``filters`` and ``config``; images also need ``chart``."""

    csv_bom: bool = True
    dataset: Dataset | None = None
    filters: Filters | None = None
    config: Config | None = None
    chart: str | None = None
    size: str | None = None  # a name in config.exports.image_sizes; None = the default
    today: dt.date | None = None  # the date printed as "made on"; None = today
    language: str = (
        "en"  # the language of every word in the file: a code in dashboard.words.LANGUAGES
    )
    zip_parts: bool = False  # png/svg of a chart that needs several slides: a ZIP of them (a caller that names it .zip), else an error
    all_events: pd.DataFrame | None = field(
        default=None, compare=False, repr=False
    )  # events_frame(dataset), when the caller has it
    # the curated names of ``language`` (data/i18n); None: read them from the folder the dataset came from
    translations: Translations | None = field(default=None, compare=False, repr=False)
    deck_charts: str | None = (
        None  # the deck's bar charts: native or picture; None = config's exports.deck_charts
    )
    template: str | None = (
        None  # the deck's .pptx template; None = config's exports.deck_template ("" = the shipped look)
    )
    version: str = ""  # the data version (what /status reports), said on every slide
    link: str = ""  # the view's link, said on every slide

    @classmethod
    def for_view(
        cls, dataset: Dataset, filters: Filters, config: Config, **options
    ) -> ExportContext:
        return cls(
            csv_bom=config.exports.csv_bom,
            dataset=dataset,
            filters=filters,
            config=config,
            **options,
        )

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ExportError(str(UnknownLanguage(self.language)))

    @property
    def words(self) -> Words:
        """The catalogue's words in this export's language."""
        return Words(self.language)

    @property
    def made_on(self) -> dt.date:
        return self.today or dt.date.today()

    def view(self) -> tuple[Dataset, Filters, Config]:
        """The dataset, filters and settings, or a clear error naming what is missing."""
        missing = [n for n in ("dataset", "filters", "config") if getattr(self, n) is None]
        if missing:
            raise ExportError(
                self.words.text(
                    "this format needs the whole view; missing: {missing}",
                    "xlsx",
                    missing=", ".join(missing),
                )
            )
        return self.dataset, self.filters, self.config

    def localized(self, figures: pd.DataFrame) -> tuple[pd.DataFrame, ExportContext]:
        """``figures`` and this context in the export's language: curated names from data/i18n
        (the English, marked untranslated, where none is curated), scopes and event types from
        the catalogue, numbers and dates in its style. Ids, values, quotes and the CSV's fixed
        columns stay as curated. Frames already in the language pass through."""
        if (
            self.language == SOURCE_LANGUAGE
            or self.dataset is None
            or language_of(figures) == self.language
        ):
            return figures, self
        translations = self.translations or curated_names(
            records_folder(self.dataset), self.language
        )
        events = events_frame(self.dataset) if self.all_events is None else self.all_events
        local = localize(self.dataset, figures, events, self.language, translations)
        return local.figures, replace(
            self, dataset=local.dataset, all_events=local.events, translations=translations
        )

    def events(self) -> pd.DataFrame:
        dataset, filters, _ = self.view()
        return apply_event_filters(
            events_frame(dataset) if self.all_events is None else self.all_events, filters
        )


class SlidesArchive(bytes):
    """What a png or svg export returns for a chart whose rows need several slides: a ZIP of one
    image per slide (``…-1-of-2.png``, ``…-2-of-2.png``), so no bar is left out. Its file is a
    ``.zip`` (``OutputFormat.extension_for``), whatever the format asked for."""

    extension = "zip"
    mime = "application/zip"

    def __new__(cls, archive: bytes, parts: list[bytes] | tuple[bytes, ...] = ()) -> SlidesArchive:
        made = super().__new__(cls, archive)
        made.parts = list(
            parts
        )  # each slide's image, in order (the CLI writes each as a file); () lets pickle rebuild it
        return made


Exporter = Callable[[pd.DataFrame, ExportContext], bytes]
CTX_BUTTON = "downloads"  # the catalogue context of the download buttons' labels
Kind = Literal[
    "view", "chart", "events"
]  # "events": a file of the view's events (the CLI's events-csv)


@dataclass(frozen=True)
class OutputFormat:
    name: str  # "csv": the CLI's --format value and the page's download id
    label: str  # "Excel (XLSX)": the download button's text
    extension: str  # "xlsx": the end of the file name
    mime: str  # the file's media type
    kind: Kind  # "view": one file of the whole view; "chart": one image per chart
    export: Exporter  # (filtered figures, context) → the file's bytes
    renders: bool = False  # drawn with Chromium: bounded by ``gate`` and drawn apart from the page's worker (web.offload)

    def __call__(self, figures: pd.DataFrame, context: ExportContext) -> bytes:
        figures, context = context.localized(figures)
        return self.export(figures, context)

    def extension_for(self, content: bytes) -> str:
        """The extension of the file ``content`` goes in: the format's, or ``zip`` for a
        ``SlidesArchive`` (a chart on several slides)."""
        return getattr(content, "extension", self.extension)

    def mime_for(self, content: bytes) -> str:
        """The media type of ``content``: the format's, or ``application/zip`` for a ``SlidesArchive``."""
        return getattr(content, "mime", self.mime)

    def label_in(self, words: Words) -> str:
        """The button's text in the language of ``words``: ``Slides (PPTX)`` / ``Trang chiếu (PPTX)``."""
        return words.text(self.label, CTX_BUTTON)


FORMATS: dict[str, OutputFormat] = {}  # in the order the CLI lists them


def register_format(
    name: str, label: str, extension: str, mime: str, kind: Kind, *, renders: bool = False
) -> Callable[[Exporter], Exporter]:
    """Decorator: register the exporter it wraps as format ``name``. A name registers once.
    ``renders``: the exporter draws with Chromium (the web app bounds and offloads it)."""

    def register(fn: Exporter) -> Exporter:
        if name in FORMATS:
            raise ValueError(f"output format {name!r} is registered twice")
        FORMATS[name] = OutputFormat(name, label, extension, mime, kind, fn, renders)
        return fn

    return register


def unregister_format(name: str) -> None:
    """Remove format ``name`` (for tests that register a format of their own)."""
    FORMATS.pop(name, None)


def of_kind(kind: Kind) -> list[OutputFormat]:
    """The formats of one kind, in registry order: ``of_kind("chart")`` → png, svg."""
    return [f for f in FORMATS.values() if f.kind == kind]


def render_kinds() -> tuple[str, ...]:
    """The formats drawn with Chromium (``renders``): ``("png", "svg", "pptx", "pdf")``."""
    return tuple(f.name for f in FORMATS.values() if f.renders)


def output_format(name: str) -> OutputFormat:
    """Format ``name``, or an ``ExportError`` naming the formats there are."""
    try:
        return FORMATS[name]
    except KeyError:
        raise ExportError(f"unknown format {name!r}; choose one of: {', '.join(FORMATS)}") from None
