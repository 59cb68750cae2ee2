"""``config.yaml`` → one typed ``Config`` object. Every setting has a default and help text here.

An unknown key or a value of the wrong type is a ``Problem`` with file:line, reported
like data errors; the rest of the code reads attributes, never raw dictionaries.
"""

from __future__ import annotations

import re
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from dashboard.curated.load import SAFE_LOADER
from dashboard.curated.problems import DataInvalid, Problem
from dashboard.curated.records import Location

_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class ServerSettings:
    host: str = field(default="127.0.0.1", metadata={"help": "Address the app listens on."})
    port: int = field(default=8050, metadata={"help": "TCP port, 1–65535.", "range": (1, 65535), "what": "a port number"})
    debug: bool = field(default=False, metadata={"help": "Dash debug mode (reloader, error pop-ups). Off in use."})


@dataclass(frozen=True)
class DefaultFilters:
    year_from: int | None = field(default=None, metadata={"help": "First year shown; empty = first year in the data."})
    year_to: int | None = field(default=None, metadata={"help": "Last year shown; empty = last year in the data."})
    programmes: tuple[str, ...] = field(default=(), metadata={"help": "Programme ids shown first; empty = all."})
    metrics: tuple[str, ...] = field(default=(), metadata={"help": "Metric ids shown first; empty = all."})
    scope: tuple[str, ...] = field(
        default=(), metadata={"help": "Scope ids shown first (e.g. [uk_vietnam_bilateral]; not_stated = programmes without one); empty = every scope."},
    )


@dataclass(frozen=True)
class Theme:
    font_family: str = field(default="Inter, 'Segoe UI', Arial, sans-serif", metadata={"help": "CSS font stack for page and charts."})
    text_colour: str = field(default="#1f2933", metadata={"help": "Main text colour, #RRGGBB."})
    muted_colour: str = field(default="#52606d", metadata={"help": "Secondary text (footers, notes), #RRGGBB."})
    background_colour: str = field(default="#ffffff", metadata={"help": "Chart and image background, #RRGGBB."})
    palette: tuple[str, ...] = field(
        default=("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"),
        metadata={"help": "Series colours, #RRGGBB; the default is the colour-blind-safe Okabe–Ito set."},
    )


@dataclass(frozen=True)
class ExportSettings:
    image_size: str = field(default="widescreen", metadata={"help": "Name of the default size in image_sizes."})
    image_sizes: dict[str, tuple[int, int]] = field(
        default_factory=lambda: {"widescreen": (1920, 1080), "hd": (1280, 720), "standard_4_3": (1440, 1080)},
        metadata={"help": "Named slide image sizes, [width, height] in pixels."},
    )
    csv_bom: bool = field(default=True, metadata={"help": "Start CSV with a UTF-8 byte-order mark so Excel reads £ and diacritics."})

    @property
    def default_size(self) -> tuple[int, int]:
        return self.image_sizes[self.image_size]


@dataclass(frozen=True)
class TableSettings:
    page_size: int = field(
        default=10,
        metadata={"help": "Rows per page of the figures table (1–500); the server sends one page at a time.", "range": (1, 500), "what": "a number of rows"},
    )


@dataclass(frozen=True)
class ServingSettings:
    url_prefix: str = field(default="/", metadata={"help": "Path the app is served under, e.g. /dashboard/ behind a proxy; starts and ends with /."})
    max_request_kb: int = field(
        default=256, metadata={"help": "Largest request body accepted, in KiB; larger answers 413.", "range": (16, 65536), "what": "a size in KiB"},
    )
    renders_at_once: int = field(
        default=2, metadata={"help": "Image and deck downloads drawn at once per process.", "range": (1, 16), "what": "a number of renders"},
    )
    renders_waiting: int = field(
        default=4, metadata={"help": "Downloads that may wait for a free render; beyond, 429 with Retry-After.", "range": (0, 64), "what": "a number of renders"},
    )
    retry_after_s: int = field(
        default=5, metadata={"help": "Seconds a refused download is told to wait (Retry-After).", "range": (1, 600), "what": "a number of seconds"},
    )


@dataclass(frozen=True)
class Config:
    title: str = field(default="UK–Vietnam cooperation on migration and human trafficking", metadata={"help": "Page, image and deck title."})
    subtitle: str = field(default="", metadata={"help": "Line under the page title."})
    server: ServerSettings = field(default_factory=ServerSettings, metadata={"help": "Where `dashboard serve` listens."})
    defaults: DefaultFilters = field(default_factory=DefaultFilters, metadata={"help": "The filters a new visitor sees."})
    theme: Theme = field(default_factory=Theme, metadata={"help": "Colours and fonts of page, charts and exports."})
    exports: ExportSettings = field(default_factory=ExportSettings, metadata={"help": "Image sizes and file options."})
    table: TableSettings = field(default_factory=TableSettings, metadata={"help": "The figures table on the page."})
    serving: ServingSettings = field(default_factory=ServingSettings, metadata={"help": "Path prefix and limits of the web server."})


def load_config(path: Path | str | None) -> Config:
    """The settings in ``path`` over the defaults, or ``DataInvalid`` naming each bad key."""
    if path is None:
        return Config()
    path = Path(path)
    shown = str(path)
    if not path.is_file():
        raise DataInvalid([Problem(Location(shown, 0), "file", "config file not found; pass --config with an existing file", "missing-config")])
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except UnicodeDecodeError:
        raise DataInvalid([Problem(Location(shown, 1), "file", "not UTF-8; save the file as UTF-8", "encoding")]) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise DataInvalid([Problem(Location(shown, mark.line + 1 if mark else 1), "yaml", f"syntax error: {err.problem}", "syntax")]) from None
    problems: list[Problem] = []
    config = Config() if root is None else _build(Config, root, "", shown, problems)
    if config is not None and config.exports.image_size not in config.exports.image_sizes:
        line = _find_line(root, ["exports", "image_size"])
        problems.append(Problem(Location(shown, line), "exports.image_size", f"{config.exports.image_size!r} is not one of image_sizes: {', '.join(config.exports.image_sizes)}", "bad-value"))
    if problems:
        raise DataInvalid(problems)
    return config


def _find_line(node: yaml.Node, keys: list[str]) -> int:
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            break
        node = next((v for k, v in node.value if k.value == key), node)
    return node.start_mark.line + 1


def _build(cls: type, node: yaml.Node, prefix: str, path: str, problems: list[Problem]) -> Any:
    def fail(at: yaml.Node, name: str, message: str) -> None:
        problems.append(Problem(Location(path, at.start_mark.line + 1), name, message, "config"))

    if not isinstance(node, yaml.MappingNode):
        fail(node, prefix.rstrip(".") or "config", "expected a mapping of `key: value` lines")
        return None
    known = {f.name: f for f in fields(cls)}
    values: dict[str, Any] = {}
    for key_node, value_node in node.value:
        name = prefix + str(key_node.value)
        spec = known.get(key_node.value)
        if spec is None:
            fail(key_node, name, f"unknown setting; expected one of: {', '.join(known)}")
            continue
        sub = _SECTIONS.get(spec.name) if cls is Config else None
        if sub is not None:
            built = _build(sub, value_node, name + ".", path, problems)
            if built is not None:
                values[spec.name] = built
            continue
        try:
            values[spec.name] = _convert(cls, spec.name, value_node)
        except ValueError as err:
            fail(value_node, name, str(err))
    try:
        return cls(**values)
    except TypeError as err:  # pragma: no cover - all keys are checked above
        fail(node, prefix.rstrip("."), str(err))
        return None


_SECTIONS = {"server": ServerSettings, "defaults": DefaultFilters, "theme": Theme, "exports": ExportSettings, "table": TableSettings, "serving": ServingSettings}


def _scalar(node: yaml.Node) -> Any:
    if not isinstance(node, yaml.ScalarNode) or not node.tag.startswith("tag:yaml.org,2002:"):
        raise ValueError("expected a plain value")
    try:
        return yaml.constructor.SafeConstructor().construct_object(node)
    except yaml.YAMLError:  # e.g. !!python/name:… on a scalar: refused, never run
        raise ValueError(f"YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed; write a plain value") from None


def _convert(cls: type, name: str, node: yaml.Node) -> Any:
    """The value of one setting, checked against the type its field declares."""
    spec = {f.name: f for f in fields(cls)}[name]
    annotation = spec.type
    if annotation in ("str",):
        value = _scalar(node)
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"expected text, got {value!r}")
        if name.endswith("_colour") and not _COLOUR.match(value):
            raise ValueError(f"expected a colour as #RRGGBB, got {value!r}")
        if name == "url_prefix" and not re.fullmatch(r"/([A-Za-z0-9._~-]+/)*", value):
            raise ValueError(f"expected a path that starts and ends with /, e.g. /dashboard/, got {value!r}")
        return value
    if annotation == "int":
        value = _scalar(node)
        low, high = spec.metadata["range"]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"expected {spec.metadata['what']} {low}–{high}, got {value!r}")
        return value
    if annotation == "bool":
        value = _scalar(node)
        if not isinstance(value, bool):
            raise ValueError(f"expected true or false, got {value!r}")
        return value
    if annotation == "int | None":
        value = _scalar(node)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2100):
            raise ValueError(f"expected a year such as 2018, or nothing, got {value!r}")
        return value
    if annotation == "tuple[str, ...]":
        if not isinstance(node, yaml.SequenceNode):
            raise ValueError("expected a list, e.g. [a, b]")
        items = [_scalar(n) for n in node.value]
        if not all(isinstance(i, str) and i for i in items):
            raise ValueError("expected a list of text values")
        if name == "palette" and (not items or not all(_COLOUR.match(i) for i in items)):
            raise ValueError("expected a non-empty list of colours as #RRGGBB")
        return tuple(items)
    if annotation == "dict[str, tuple[int, int]]":
        if not isinstance(node, yaml.MappingNode) or not node.value:
            raise ValueError("expected named sizes, e.g. widescreen: [1920, 1080]")
        sizes = {}
        for key, value in node.value:
            pair = [_scalar(n) for n in value.value] if isinstance(value, yaml.SequenceNode) else []
            if len(pair) != 2 or not all(isinstance(v, int) and not isinstance(v, bool) and 100 <= v <= 8000 for v in pair):
                raise ValueError(f"{key.value}: expected [width, height] in pixels, 100–8000 each")
            sizes[str(key.value)] = (pair[0], pair[1])
        return sizes
    raise ValueError(f"unsupported setting type {annotation}")  # pragma: no cover


def settings_help() -> list[tuple[str, str, str]]:
    """``(key, default, help)`` for every setting, for the README and its test."""
    rows = []
    for top in fields(Config):
        sub = _SECTIONS.get(top.name)
        if sub is None:
            rows.append((top.name, repr(top.default), top.metadata["help"]))
            continue
        for f in fields(sub):
            default = f.default if f.default is not MISSING else f.default_factory()
            rows.append((f"{top.name}.{f.name}", repr(default), f.metadata["help"]))
    return rows
