"""Read ``data/*.yaml`` into typed records, with a file:line for every problem.

Each YAML file is a mapping of sections (``programmes``, ``units``, ``metrics``,
``sources``, ``figures``, ``events``, ``exclusions``), each a list of records; any
file may hold any sections, so a new document's figures can go in a file of their
own. The format, with a valid example of each record, is in ``data/README.md``.

YAML is *composed* into nodes and never constructed with arbitrary tags, so
``!!python/...`` cannot run: it is reported as an error. Each node carries its line,
which every ``Problem`` names. This module checks each record on its own (types,
required and unknown fields); ``dashboard.curated.validate`` checks records against each
other and against the seeds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from dashboard.curated.fields import (  # noqa: F401  (re-exported: other loaders and tests use them)
    FieldError,
    text,
    ident,
    number,
    date,
    build_period,
    flex_date,
    text_list,
    boolean,
    vocabulary_id,
    choice,
    optional,
)
from dashboard.curated.problems import Problem
from dashboard.curated.records import Dataset, Location
from dashboard.curated.schemas import (  # noqa: F401  (re-exported: translations and tests read them here)
    PERIOD,
    SECTIONS,
    UNKNOWN_IN,
    Schema,
    bound_wording,
)

MAX_FILE_BYTES = 1_000_000


_SAFE_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
# libyaml's C parser when PyYAML has it (it reads 10,000 figures ~10x faster); the
# pure-Python one otherwise. Both give the same nodes and line marks (libyaml words
# a few syntax errors differently).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# --- reading files -----------------------------------------------------------------------


def load_dataset(data_dir: Path | str) -> tuple[Dataset, list[Problem]]:
    """Every record of every ``*.yaml`` file in ``data_dir``, and every problem found."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    sections: dict[str, list[Any]] = {name: [] for name in SECTIONS}
    files = sorted(data_dir.glob("*.yaml")) if data_dir.is_dir() else []
    if not files:
        problems.append(
            Problem(
                Location(str(data_dir), 0),
                "data",
                "no *.yaml files found; point --data at the curated data folder",
                "no-data",
            )
        )
    refs: list[tuple[str, Location, str, str]] = []
    for path in files:
        root = _read_yaml(path, problems)
        if root is not None:
            _read_sections(root, _display(path), sections, problems, refs)
    dataset = Dataset(**{name: tuple(records) for name, records in sections.items()})
    problems += _check_vocabulary_refs(dataset, refs)
    return dataset, problems


def _check_vocabulary_refs(
    dataset: Dataset, refs: list[tuple[str, Location, str, str]]
) -> list[Problem]:
    """Event types and scopes must be defined in the vocabulary (``event_types:``, ``scopes:``)."""
    known = {
        "event_types": {t.id for t in dataset.known_event_types},
        "scopes": {s.id for s in dataset.scopes},
    }
    problems = []
    for section, location, field_name, value in refs:
        if value not in known[section]:
            allowed = ", ".join(sorted(known[section])) or "(none defined)"
            problems.append(
                Problem(
                    location,
                    field_name,
                    f"unknown value {value!r}; expected one of: {allowed} (or define it under `{section}:` in vocabulary.yaml)",
                    UNKNOWN_IN[section],
                )
            )
    return problems


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _read_yaml(path: Path, problems: list[Problem]) -> yaml.Node | None:
    shown = _display(path)

    def fail(line: int, field: str, message: str, code: str) -> None:
        problems.append(Problem(Location(shown, line), field, message, code))

    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        fail(
            1,
            "file",
            f"{size:,} bytes is over the {MAX_FILE_BYTES:,}-byte limit; split it into several files",
            "too-large",
        )
        return None
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        fail(
            line,
            "file",
            f"not UTF-8 (byte 0x{raw[err.start]:02x}); save the file as UTF-8",
            "encoding",
        )
        return None
    content = content.removeprefix("\ufeff")
    if not content.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in content.splitlines()
    ):
        fail(1, "file", "the file is empty; add records or delete the file", "empty")
        return None
    tab_lines = [n for n, ln in enumerate(content.splitlines(), 1) if "\t" in ln]
    for n in tab_lines:
        fail(n, "yaml", "tab character; indent and separate with spaces only", "tab")
    if tab_lines:
        return None
    try:
        # Aliases (*name) are refused before composing: a few lines of nested aliases
        # expand into billions of nodes ("billion laughs"), and curated data needs none.
        aliases = [
            e.start_mark.line + 1
            for e in yaml.parse(content, Loader=SAFE_LOADER)
            if isinstance(e, yaml.AliasEvent)
        ]
        for line in aliases:
            fail(
                line,
                "yaml",
                "YAML aliases (*name) are not allowed; write the value out in full",
                "alias",
            )
        if aliases:
            return None
        root = yaml.compose(content, Loader=SAFE_LOADER)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        fail(
            line,
            "yaml",
            f"syntax error: {err.problem or err.context}; check indentation and quoting",
            "syntax",
        )
        return None
    except yaml.YAMLError as err:
        fail(1, "yaml", f"syntax error: {err}", "syntax")
        return None
    if root is None:
        fail(1, "file", "the file is empty; add records or delete the file", "empty")
        return None
    return root


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class _Reader:
    """Turns composed nodes into Python values, reporting bad tags and duplicate keys."""

    def __init__(self, path: str, problems: list[Problem]):
        self.path = path
        self.problems = problems
        # (vocabulary section, where, field, id) of every id that must be defined in the
        # vocabulary; checked once every file is read, whether or not its record loaded.
        self.vocabulary_refs: list[tuple[str, Location, str, str]] = []
        self._constructor = yaml.constructor.SafeConstructor()

    def problem(self, node: yaml.Node, field: str, message: str, code: str) -> None:
        self.problems.append(Problem(Location(self.path, _line(node)), field, message, code))

    def mapping(self, node: yaml.Node, field: str) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """``{key: (key_node, value_node)}``, or None (reported) when ``node`` is not a mapping."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, field, "expected a mapping of `field: value` lines", "not-a-mapping")
            return None
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self.problem(key_node, field, "keys must be plain field names", "bad-key")
            elif key in out:
                self.problem(key_node, key, "duplicate field; keep one", "duplicate-field")
            else:
                out[key] = (key_node, value_node)
        return out

    def scalar(self, node: yaml.Node, field: str) -> tuple[bool, Any]:
        """``(ok, value)`` for a safe node; tags outside plain YAML are refused, never run."""
        bad = next((n for n in _walk(node) if n.tag not in _SAFE_TAGS), None)
        if bad is not None:
            self.problem(
                bad,
                field,
                f"YAML tag {bad.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed; write a plain value",
                "tag",
            )
            return False, None
        try:
            return True, self._constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError) as err:
            if node.tag.endswith(":timestamp"):
                self.problem(
                    node,
                    field,
                    f"{node.value!r} is not a real date ({err}); write YYYY-MM-DD",
                    "bad-value",
                )
            else:
                self.problem(
                    node,
                    field,
                    f"cannot read {node.value!r}: {err}; write a plain value",
                    "bad-value",
                )
            return False, None


def _walk(node: yaml.Node):
    yield node
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            yield from _walk(child)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _walk(key)
            yield from _walk(value)


def _read_sections(
    root: yaml.Node,
    path: str,
    sections: dict[str, list[Any]],
    problems: list[Problem],
    refs: list[tuple[str, Location, str, str]],
) -> None:
    reader = _Reader(path, problems)
    reader.vocabulary_refs = refs
    top = reader.mapping(root, "file")
    if top is None:
        return
    for name, (key_node, value_node) in top.items():
        schema = SECTIONS.get(name)
        if schema is None:
            reader.problem(
                key_node,
                name,
                f"unknown section; expected one of: {', '.join(SECTIONS)}",
                "unknown-section",
            )
            continue
        if not isinstance(value_node, yaml.SequenceNode):
            reader.problem(
                value_node,
                name,
                "expected a list of records, each starting with '- '",
                "not-a-list",
            )
            continue
        for item in value_node.value:
            lines: dict[str, int] = {}
            record = _read_record(reader, item, schema, prefix="", lines=lines)
            if record is not None:
                sections[name].append(record)


def _read_record(
    reader: _Reader, node: yaml.Node, schema: Schema, prefix: str, lines: dict[str, int]
) -> Any | None:
    """One record; ``lines`` receives the line of each field (``period.end`` for nested ones)."""
    fields = reader.mapping(node, prefix.rstrip(".") or "record")
    if fields is None:
        return None
    values: dict[str, Any] = {}
    lines.update({prefix + name: _line(value_node) for name, (_, value_node) in fields.items()})
    ok = True
    for name in fields.keys() - schema.required.keys() - schema.optional.keys():
        expected = ", ".join([*schema.required, *schema.optional])
        reader.problem(
            fields[name][0],
            prefix + name,
            f"unknown field; expected one of: {expected}",
            "unknown-field",
        )
        ok = False
    for name, parse in [*schema.required.items(), *schema.optional.items()]:
        if name not in fields:
            if name in schema.required:
                reader.problem(node, prefix + name, "missing required field", "missing-field")
                ok = False
            continue
        value_node = fields[name][1]
        if isinstance(parse, Schema):
            nested = _read_record(reader, value_node, parse, prefix=f"{prefix}{name}.", lines=lines)
            ok = ok and nested is not None
            values[name] = nested
            continue
        read, raw = reader.scalar(value_node, prefix + name)
        if not read:
            ok = False
            continue
        try:
            values[name] = parse(raw)
        except FieldError as err:
            reader.problem(value_node, prefix + name, str(err), "bad-value")
            ok = False
            continue
        if hasattr(parse, "vocabulary"):
            reader.vocabulary_refs.append(
                (
                    parse.vocabulary,
                    Location(reader.path, _line(value_node)),
                    prefix + name,
                    values[name],
                )
            )
    if not ok:
        return None
    values = {k: v for k, v in values.items() if v is not None}
    if schema is not PERIOD:
        values["location"] = Location(reader.path, _line(node))
        values["lines"] = lines
    try:
        return schema.build(**values)
    except FieldError as err:  # fields that disagree: a period's dates, a source's date and basis
        field = getattr(err, "field", None)
        at = fields[field][1] if field in fields else node
        reader.problem(
            at,
            prefix + field if field else prefix.rstrip("."),
            str(err),
            "bad-period" if schema is PERIOD else "bad-record",
        )
        return None
