"""``config.yaml`` → one typed ``Config`` object. Every setting is declared here once, with its
type, its range, its default and its help text (docs/configuration.md's table is printed from it:
``python -m dashboard.config``).

The sections are pydantic dataclasses: pydantic checks types, ranges and patterns, and refuses
unknown keys (``extra="forbid"``). Its errors are turned into ``Problem``s with file:line from
the YAML nodes, one per bad setting, all at once, like data errors: ``config.yaml:2:
server.port: expected a port number 1–65535, got 70000``. The rest of the code reads
attributes, never raw dictionaries.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    TypeAdapter,
    ValidationError,
    model_validator,
)
from pydantic.dataclasses import dataclass
from pydantic_core import PydanticCustomError

from dashboard.curated.load import SAFE_LOADER
from dashboard.curated.problems import DataInvalid, Problem
from dashboard.curated.records import Location
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


_ADAPTER = TypeAdapter(Config)
_REFUSED = object()  # a value whose YAML tag was refused: already reported, left at its default


def load_config(path: Path | str | None) -> Config:
    """The settings in ``path`` over the defaults, or ``DataInvalid`` naming each bad key."""
    if path is None:
        return Config()
    path = Path(path)
    shown = str(path)
    if not path.is_file():
        raise DataInvalid(
            [
                Problem(
                    Location(shown, 0),
                    "file",
                    "config file not found; pass --config with an existing file",
                    "missing-config",
                )
            ]
        )
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except UnicodeDecodeError:
        raise DataInvalid(
            [Problem(Location(shown, 1), "file", "not UTF-8; save the file as UTF-8", "encoding")]
        ) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise DataInvalid(
            [
                Problem(
                    Location(shown, mark.line + 1 if mark else 1),
                    "yaml",
                    f"syntax error: {err.problem}",
                    "syntax",
                )
            ]
        ) from None
    if root is None:
        return Config()
    problems: list[Problem] = []
    lines: dict[tuple, int] = {(): root.start_mark.line + 1}
    data = _plain(
        root,
        (),
        lines,
        lambda line, name, message: problems.append(
            Problem(Location(shown, line), name, message, "config")
        ),
    )
    if not isinstance(data, dict):
        problems.append(
            Problem(
                Location(shown, lines[()]),
                "config",
                "expected a mapping of `key: value` lines",
                "config",
            )
        )
        raise DataInvalid(problems)
    _rename_former_keys(data, lines)
    try:
        config = _ADAPTER.validate_python(data)
    except ValidationError as err:
        reported = {p.field for p in problems}
        for error in err.errors():
            line, name, message = _explain(error, data, lines)
            if name not in reported:  # one line per bad setting
                reported.add(name)
                problems.append(Problem(Location(shown, line), name, message, "config"))
        config = None
    if problems:
        raise DataInvalid(sorted(problems, key=lambda p: p.location.line))
    return config


def _rename_former_keys(data: dict, lines: dict[tuple, int]) -> None:
    """``defaults.programmes`` (``metrics``, ``language``) read as ``defaults.programme`` (the names the
    keys had before they took the link's), unless the new name is given too (then both are reported)."""
    defaults = data.get("defaults")
    if not isinstance(defaults, dict):
        return
    for former, name in LEGACY_DEFAULTS.items():
        if former in defaults and name not in defaults:
            defaults[name] = defaults.pop(former)
            lines[("defaults", name)] = lines.get(("defaults", former), lines[()])


def _plain(node: yaml.Node, at: tuple, lines: dict[tuple, int], fail) -> Any:
    """The plain value of ``node`` (tags outside YAML's own refused, never run), recording
    the line of every key and list item in ``lines``."""
    name = ".".join(str(part) for part in at if not isinstance(part, int)) or "config"
    plain_tag = {
        yaml.MappingNode: "tag:yaml.org,2002:map",
        yaml.SequenceNode: "tag:yaml.org,2002:seq",
    }.get(type(node), "tag:yaml.org,2002:")
    if not node.tag.startswith(plain_tag):
        fail(
            node.start_mark.line + 1,
            name,
            f"YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed; write a plain value",
        )
        return _REFUSED
    if isinstance(node, yaml.MappingNode):
        values: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = (
                _plain(key_node, at, {}, fail)
                if isinstance(key_node, yaml.ScalarNode)
                else _REFUSED
            )
            here = (*at, key)
            if key in values or here in lines:
                fail(
                    key_node.start_mark.line + 1,
                    ".".join(map(str, here)),
                    f"set twice (first on line {lines[here]}); keep one",
                )
                continue
            if key is _REFUSED or isinstance(key, (list, dict)):
                continue
            lines[here] = key_node.start_mark.line + 1
            value = _plain(value_node, here, lines, fail)
            if value is not _REFUSED:
                values[key] = value
        return values
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[(*at, index)] = item.start_mark.line + 1
            items.append(_plain(item, (*at, index), lines, fail))
        return [i for i in items if i is not _REFUSED]
    try:
        return yaml.constructor.SafeConstructor().construct_object(node)
    except yaml.YAMLError:  # e.g. !!python/name:… on a scalar: refused, never run
        fail(
            node.start_mark.line + 1,
            name,
            f"YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed; write a plain value",
        )
        return _REFUSED


def _explain(error: dict, data: dict, lines: dict[tuple, int]) -> tuple[int, str, str]:
    """``(line, setting, message)`` for one pydantic error: the line of the deepest key or item
    it names, the setting as ``section.key`` (``.name`` added inside a mapping of named values),
    and what to write instead."""
    loc = tuple(error["loc"])
    if error["type"] == "config":  # raised by a validator above, naming its setting
        loc = (*loc, error["ctx"]["setting"])
    found = max((loc[:n] for n in range(len(loc) + 1) if loc[:n] in lines), key=len)
    line = lines[found]
    model, path = Config, []
    for part in loc:
        fields = getattr(model, "__pydantic_fields__", None)
        if fields is None or part not in fields:
            if path and isinstance(part, str) and error["type"] != "unexpected_keyword_argument":
                path.append(part)  # a named value inside a mapping setting, e.g. image_sizes.tiny
            break
        path.append(part)
        info = fields[part]
        model = info.annotation
    if error["type"] == "unexpected_keyword_argument":
        known = ", ".join(getattr(model, "__pydantic_fields__", {}))
        return line, ".".join(map(str, loc)), f"unknown setting; expected one of: {known}"
    name = ".".join(map(str, path)) or "config"
    if error["type"] == "config":
        return line, name, error["msg"]
    if error["type"] == "dataclass_type":
        return line, name, "expected a mapping of `key: value` lines"
    return line, name, f"expected {_expected(info)}, got {_show(_at(data, path))}"


def _expected(info) -> str:
    """What the setting takes, e.g. "a port number 1–65535" (its bounds filled in from the checks)."""
    extra = info.json_schema_extra or {}
    if extra.get("expected"):
        bounds = {
            name: getattr(m, name)
            for m in info.metadata
            for name in ("ge", "le")
            if hasattr(m, name)
        }
        return extra["expected"].format(**bounds) if bounds else extra["expected"]
    return {bool: "true or false"}.get(info.annotation, "text")


def _at(data: Any, path: list) -> Any:
    for part in path:
        data = data.get(part) if isinstance(data, dict) else None
    return data


def _show(value: Any) -> str:
    """A value as the user wrote it: lists in YAML's flow style, text quoted."""
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_show(v)}" for k, v in value.items()) + "}"
    return "nothing" if value is None else repr(value)


# --- the documentation -------------------------------------------------------------------------


def settings_help() -> list[tuple[str, str, str]]:
    """``(key, default as docs/configuration.md shows it, help)`` for every setting, in declaration order."""
    rows = []
    for top, info in Config.__pydantic_fields__.items():
        sections = getattr(info.annotation, "__pydantic_fields__", None)
        if sections is None:
            rows.append((top, _default(info), info.description))
            continue
        for key, sub in sections.items():
            rows.append((f"{top}.{key}", _default(sub), sub.description))
    return rows


def _default(info) -> str:
    extra = info.json_schema_extra or {}
    if extra.get("shown"):
        return extra["shown"]
    value = info.get_default(call_default_factory=True)
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, tuple):
        return "[" + ", ".join(value) + "]"
    return str(value)


def settings_table() -> str:
    """docs/configuration.md's table of settings, in Markdown."""
    rows = ["| setting | default | meaning |", "|---|---|---|"]
    rows += [
        f"| `{key}` | {default} | {help_text} |" for key, default, help_text in settings_help()
    ]
    return "\n".join(rows) + "\n"


if __name__ == "__main__":  # python -m dashboard.config: docs/configuration.md's table of settings
    print(settings_table(), end="")
