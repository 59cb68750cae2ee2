"""Every problem a curator or an operator meets has a code from one registry
(``curated.problems.CODES``), documented in docs/problems.md: a code written in a module and
not registered, or registered and written nowhere, fails here."""

from __future__ import annotations

import ast
from pathlib import Path

from dashboard.curated.problems import CODES, codes_table

ROOT = Path(__file__).resolve().parent.parent
MAKERS = (
    "Problem",
    "DataWarning",
)  # the classes; their code is the 4th argument, "invalid" when left out


def _code_argument(call: ast.Call, position: int) -> ast.expr | None:
    keyword = next((k.value for k in call.keywords if k.arg == "code"), None)
    return (
        keyword
        if keyword is not None
        else call.args[position]
        if len(call.args) > position
        else None
    )


def _helpers(tree: ast.Module, methods: bool = False) -> dict[str, tuple[int, str | None]]:
    """A module's functions (or, with ``methods``, its methods) that make a problem from their
    own ``code`` parameter: name → (position of ``code``, its default)."""
    found = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        names = [a.arg for a in node.args.args]
        if "code" not in names:
            continue
        passes_code = any(
            isinstance(call, ast.Call)
            and getattr(call.func, "id", getattr(call.func, "attr", None)) in MAKERS
            and isinstance(_code_argument(call, 3), ast.Name)
            and _code_argument(call, 3).id == "code"
            for call in ast.walk(node)
        )
        is_method = names[0] in ("self", "cls")
        if passes_code and is_method == methods:
            offset = 1 if is_method else 0
            defaults = dict(zip(names[len(names) - len(node.args.defaults) :], node.args.defaults))
            default = defaults.get("code")
            found[node.name] = (
                names.index("code") - offset,
                default.value if isinstance(default, ast.Constant) else None,
            )
    return found


def codes_written() -> dict[str, list[str]]:
    """Every code a module gives a problem, with where: literal codes, both sides of a
    conditional, and the defaults of the helpers that take a code."""
    written: dict[str, list[str]] = {}
    trees = {
        path: ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / "dashboard").rglob("*.py"))
    }
    makers = {name: (3, "invalid") for name in MAKERS}
    helpers = {path: _helpers(tree) for path, tree in trees.items()}
    methods = {
        name: taken
        for tree in trees.values()
        for name, taken in _helpers(tree, methods=True).items()
    }  # load's reader.problem, called by translations
    for path, tree in trees.items():
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            if isinstance(call.func, ast.Attribute):
                name, takers = call.func.attr, makers | methods
            else:  # a plain name: a class, or a helper of this module (another module's `add` is another function)
                name, takers = getattr(call.func, "id", None), makers | helpers[path]
            if name not in takers:
                continue
            position, default = takers[name]
            argument = _code_argument(call, position)
            where = f"{path.relative_to(ROOT)}:{call.lineno}"
            if argument is None:
                written.setdefault(default, []).append(where)
            for node in ast.walk(argument) if argument is not None else ():
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    written.setdefault(node.value, []).append(where)
    return written


def test_every_code_a_module_writes_is_registered():
    written = codes_written()
    assert len(written) > 20, "the scan found too few codes: has the way problems are made changed?"
    unregistered = {code: places for code, places in written.items() if code not in CODES}
    assert unregistered == {}, (
        "add each code with its meaning to CODES in dashboard/curated/problems.py"
    )


def test_every_registered_code_is_written_somewhere():
    """A code no module writes any more is dead: remove it from the registry."""
    written = codes_written()
    passed_on = {
        "unknown-scope",
        "unknown-event-type",
    }  # load.UNKNOWN_IN: chosen by the section, not a call's literal
    passed_on.add("invalid")  # Problem's default code, for a problem made without one
    assert sorted(set(CODES) - set(written) - passed_on) == []


def test_the_codes_of_the_vocabulary_sections_are_registered():
    from dashboard.curated.load import UNKNOWN_IN

    assert set(UNKNOWN_IN.values()) <= set(CODES)


def test_docs_list_every_code_with_its_meaning():
    document = (ROOT / "docs" / "problems.md").read_text(encoding="utf-8")
    assert codes_table() in document, (
        "paste `python -m dashboard.curated.problems` into docs/problems.md"
    )
