"""``config.yaml`` read into a ``Config``: the YAML composed with the line of every key (tags
outside YAML's own refused, never run), former key names read as today's, and each of
pydantic's errors said as one ``Problem`` with file:line and what to write instead."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from dashboard.config.sections import LEGACY_DEFAULTS, Config
from dashboard.curated.load import SAFE_LOADER
from dashboard.curated.problems import DataInvalid, Problem
from dashboard.curated.records import Location

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
