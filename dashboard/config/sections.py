"""Every setting of ``config.yaml``, declared once: its section, type, range, default, help text
and what an error says was expected (``setting``). The sections are pydantic dataclasses:
pydantic checks types, ranges and patterns, and refuses unknown keys (``extra="forbid"``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    model_validator,
)
from pydantic.dataclasses import dataclass
from pydantic_core import PydanticCustomError

from dashboard.words.languages import LANGUAGES, SOURCE_LANGUAGE, listed

SECTION = ConfigDict(extra="forbid")  # an unknown key is an error, never silently ignored
COLOUR = r"^#[0-9A-Fa-f]{6}$"
Text = Annotated[StrictStr, Field(pattern=r"\S")]  # not blank
Colour = Annotated[StrictStr, Field(pattern=COLOUR)]
Pixels = Annotated[StrictInt, Field(ge=100, le=8000)]


def setting(
    default: Any = None,
    help: str = "",
    *,
    expected: str = "",
    shown: str = "",
    factory: Any = None,
    **checks: Any,
) -> Any:
    """One setting: its default, help text, what an error says was expected, how docs/configuration.md
    shows the default, and pydantic's checks (``ge``, ``le``, ``pattern``, ``min_length``)."""
    extra = {"expected": expected, "shown": shown}
    if factory is not None:
        return Field(default_factory=factory, description=help, json_schema_extra=extra, **checks)
    return Field(default, description=help, json_schema_extra=extra, **checks)


@dataclass(frozen=True, config=SECTION)
class ServerSettings:
    host: Text = setting("127.0.0.1", "Address the app listens on.")
    port: StrictInt = setting(
        8050, "TCP port, 1–65535.", expected="a port number {ge}–{le}", ge=1, le=65535
    )
    debug: StrictBool = setting(False, "Dash debug mode (reloader, error pop-ups). Off in use.")


YEAR = {"expected": "a year such as 2018, or nothing", "ge": 1900, "le": 2100}
IDS = {"expected": "a list, e.g. [a, b]"}


# The keys of ``defaults`` are the names of ``analysis.filters.FIELDS`` (the link's keys, the CLI's
# flags); these earlier spellings still read as them.
LEGACY_DEFAULTS = {"programmes": "programme", "metrics": "metric", "language": "lang"}


@dataclass(frozen=True, config=SECTION)
class DefaultFilters:
    year_from: StrictInt | None = setting(
        None, "First year shown; empty = first year in the data.", **YEAR
    )
    year_to: StrictInt | None = setting(
        None, "Last year shown; empty = last year in the data.", **YEAR
    )
    programme: tuple[Text, ...] = setting((), "Programme ids shown first; empty = all.", **IDS)
    metric: tuple[Text, ...] = setting((), "Metric ids shown first; empty = all.", **IDS)
    scope: tuple[Text, ...] = setting(
        (),
        "Scope ids shown first (`scopes` in `data/vocabulary.yaml`, e.g. [uk_vietnam_bilateral]; not_stated = programmes without one); empty = every scope.",
        **IDS,
    )
    quantity: Text | None = setting(
        None,
        "The claims view's quantity (a quantity group id); empty = the most stated one in view.",
        expected="a quantity id, or nothing",
    )
    lang: Literal[LANGUAGES] = setting(  # type: ignore[valid-type]  (the registry's codes)
        SOURCE_LANGUAGE,
        f"Language of the page without `?lang=`: {listed()}; a link's lang= wins.",
        expected=listed(),
    )

    @model_validator(mode="after")
    def _years_in_order(self) -> DefaultFilters:
        if (
            self.year_from is not None
            and self.year_to is not None
            and self.year_from > self.year_to
        ):
            raise PydanticCustomError(
                "config",
                "{got} is before year_from {first}; swap them",
                {"setting": "year_to", "got": self.year_to, "first": self.year_from},
            )
        return self


@dataclass(frozen=True, config=SECTION)
class Theme:
    font_family: Text = setting(
        "Inter, 'Segoe UI', Arial, sans-serif", "CSS font stack for page and charts."
    )
    text_colour: Colour = setting(
        "#1f2933", "Main text colour, #RRGGBB.", expected="a colour as #RRGGBB"
    )
    muted_colour: Colour = setting(
        "#52606d", "Secondary text (footers, notes), #RRGGBB.", expected="a colour as #RRGGBB"
    )
    background_colour: Colour = setting(
        "#ffffff", "Chart and image background, #RRGGBB.", expected="a colour as #RRGGBB"
    )
    palette: tuple[Colour, ...] = setting(
        ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"),
        "Series colours, #RRGGBB; the default is the colour-blind-safe Okabe–Ito set.",
        expected="a non-empty list of colours as #RRGGBB",
        shown="Okabe–Ito (8 colours)",
        min_length=1,
    )


@dataclass(frozen=True, config=SECTION)
class ExportSettings:
    image_size: Text = setting("widescreen", "Name of the default size in `image_sizes`.")
    image_sizes: dict[Text, tuple[Pixels, Pixels]] = setting(
        help="Named slide image sizes, [width, height] in pixels.",
        factory=lambda: {
            "widescreen": (1920, 1080),
            "hd": (1280, 720),
            "standard_4_3": (1440, 1080),
        },
        expected="[width, height] in pixels, 100–8000 each",
        shown="widescreen 1920×1080, hd 1280×720, standard_4_3 1440×1080",
        min_length=1,
    )
    csv_bom: StrictBool = setting(
        True, "Start CSV with a UTF-8 byte-order mark so Excel reads £ and diacritics."
    )
    deck_charts: Literal["native", "picture"] = setting(
        "native",
        "Deck bar charts: `native` (editable PowerPoint charts, data in the embedded workbook) or `picture`.",
        expected="native or picture",
    )
    deck_template: Annotated[StrictStr, Field(pattern=r"(?i)\.pptx$")] | None = setting(
        None,
        "A .pptx whose masters, layouts, slide size, fonts and colours the deck uses; empty = the shipped look.",
        expected="a path to a .pptx file, or nothing",
    )

    @model_validator(mode="after")
    def _size_is_named(self) -> ExportSettings:
        if self.image_size not in self.image_sizes:
            raise PydanticCustomError(
                "config",
                "{got} is not one of image_sizes: {names}",
                {
                    "setting": "image_size",
                    "got": repr(self.image_size),
                    "names": ", ".join(self.image_sizes),
                },
            )
        return self

    @property
    def default_size(self) -> tuple[int, int]:
        return self.image_sizes[self.image_size]


@dataclass(frozen=True, config=SECTION)
class TableSettings:
    page_size: StrictInt = setting(
        10,
        "Rows per page of the figures table (1–500); the server sends one page at a time.",
        expected="a number of rows {ge}–{le}",
        ge=1,
        le=500,
    )


@dataclass(frozen=True, config=SECTION)
class ServingSettings:
    url_prefix: StrictStr = setting(
        "/",
        "Path the app is served under, e.g. `/dashboard/` behind a proxy; starts and ends with `/`.",
        expected="a path that starts and ends with /, e.g. /dashboard/",
        pattern=r"^/([A-Za-z0-9._~-]+/)*$",
    )
    public_url: StrictStr = setting(
        "",
        "The address people open the page at, e.g. `https://example.org/dashboard/`: the link back every file, slide, citation and embed writes. Empty: `http://server.host:server.port` and `url_prefix`.",
        expected="empty, or an http(s) address that ends with /, e.g. https://example.org/dashboard/",
        pattern=r"^(https?://[^\s/?#]+(/[^\s?#]*)?/)?$",
    )
    max_request_kb: StrictInt = setting(
        256,
        "Largest request body accepted, in KiB; larger answers 413.",
        expected="a size in KiB {ge}–{le}",
        ge=16,
        le=65536,
    )
    renders_at_once: StrictInt = setting(
        2,
        "Image and deck downloads drawn at once per process.",
        expected="a number of renders {ge}–{le}",
        ge=1,
        le=16,
    )
    renders_waiting: StrictInt = setting(
        4,
        "Downloads that may wait for a free render; beyond, 429 with `Retry-After`.",
        expected="a number of renders {ge}–{le}",
        ge=0,
        le=64,
    )
    retry_after_s: StrictInt = setting(
        5,
        "Seconds a refused download is told to wait (`Retry-After`).",
        expected="a number of seconds {ge}–{le}",
        ge=1,
        le=600,
    )
    jobs_queued: StrictInt = setting(
        8,
        "Image, deck and other render jobs running or queued for the whole site; beyond, the page says busy, try again.",
        expected="a number of jobs {ge}–{le}",
        ge=1,
        le=1000,
    )
    job_time_limit_s: StrictInt = setting(
        120,
        "Seconds a render job may take; a job still unfinished then (its worker killed, say) is reported as stopped.",
        expected="a number of seconds {ge}–{le}",
        ge=10,
        le=3600,
    )
    jobs_folder: StrictStr = setting(
        "",
        "Folder of the jobs' shared store on one host (empty: a folder in the system's temporary folder); unused with `REDIS_URL`.",
    )
    index: StrictBool = setting(
        True,
        'Let search engines index the page. false: `/robots.txt` disallows everything and the page carries `<meta name="robots" content="noindex">`.',
    )


@dataclass(frozen=True, config=SECTION)
class Config:
    title: Text = setting(
        "UK–Vietnam cooperation on migration and human trafficking", "Page, image and deck title."
    )
    subtitle: StrictStr = setting("", "Line under the page title.")
    server: ServerSettings = setting(
        help="Where `dashboard serve` listens.", factory=ServerSettings
    )
    defaults: DefaultFilters = setting(
        help="The filters a new visitor sees.", factory=DefaultFilters
    )
    theme: Theme = setting(help="Colours and fonts of page, charts and exports.", factory=Theme)
    exports: ExportSettings = setting(help="Image sizes and file options.", factory=ExportSettings)
    table: TableSettings = setting(help="The figures table on the page.", factory=TableSettings)
    serving: ServingSettings = setting(
        help="Path prefix, limits and indexing of the web server.", factory=ServingSettings
    )
