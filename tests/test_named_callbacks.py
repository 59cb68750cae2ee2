"""Every callback of the page is declared in Dash's named form (issue 19, point 10).

A server callback names its inputs, states and outputs (``inputs=dict(years=Input(…))``) and
its function takes keyword arguments, so adding an input never shifts the others; a
clientside callback, whose JavaScript Dash calls with positional arguments and for which Dash
takes no dicts, still passes its dependencies as ``output=``, ``inputs=``, ``state=``
keywords. Read two ways: from the built app's callback map (what Dash registered), and from
the source of dashboard/web (every ``callback(`` and ``clientside_callback(`` call).

PENDING lists the modules whose owners convert them in their own branches; each entry is
checked to still be needed, so when a branch that converts one is merged this test says to
take it off, and the list can only shrink. FOR THE LEAD: empty PENDING at merge once
web/jobs.py (the jobs helper) is converted.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from dashboard.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "dashboard" / "web"

# module: who converts it. Only shrinks (checked below).
PENDING: dict[str, str] = {}


@pytest.fixture(scope="module")
def callbacks(dataset, config) -> dict[str, dict]:
    """The app's server callbacks declared in dashboard/web, by module.function."""
    app = create_app(dataset, config)
    found = {}
    for entry in app.callback_map.values():
        function = entry.get("callback")
        function = getattr(function, "__wrapped__", function)
        module = getattr(function, "__module__", "") or ""
        if module.startswith("dashboard."):
            found[f"{module}.{function.__name__}"] = entry
    return found


def declarations() -> list[tuple[str, ast.Call]]:
    """Every ``….callback(…)`` and ``….clientside_callback(…)`` call in dashboard/web, with
    its module's dotted name."""
    calls = []
    for path in sorted(WEB.rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("callback", "clientside_callback")
            ):
                calls.append((module, node))
    return calls


def positional(call: ast.Call) -> list[str]:
    """The arguments of a declaration given by position (a clientside one's first, its code, aside)."""
    given = call.args[1:] if call.func.attr == "clientside_callback" else call.args
    return [ast.unparse(arg)[:60] for arg in given]


def test_the_page_has_server_callbacks_to_check(callbacks):
    assert len(callbacks) >= 5  # else the check below reads nothing


def test_every_server_callback_takes_its_inputs_and_states_by_name(callbacks):
    unnamed = [
        name
        for name, entry in callbacks.items()
        if not isinstance(entry["inputs_state_indices"], dict)
        and name.rsplit(".", 1)[0] not in PENDING
    ]
    assert unnamed == [], "declare inputs=dict(...), state=dict(...) and take keyword arguments"


def test_every_server_callback_gives_its_outputs_by_name(callbacks):
    unnamed = [
        name
        for name, entry in callbacks.items()
        if not isinstance(entry["outputs_indices"], dict) and name.rsplit(".", 1)[0] not in PENDING
    ]
    assert unnamed == [], "declare output=dict(...) and return a dict of the same names"


def test_no_callback_in_dashboard_web_is_declared_with_positional_dependencies():
    found = [
        f"{module}:{call.lineno}: {', '.join(positional(call))}"
        for module, call in declarations()
        if positional(call) and module not in PENDING
    ]
    assert found == [], "pass output=, inputs= and state= as keywords:\n" + "\n".join(found)


def test_every_pending_module_still_declares_a_callback_by_position(callbacks):
    by_position = {module for module, call in declarations() if positional(call)} | {
        name.rsplit(".", 1)[0]
        for name, entry in callbacks.items()
        if not isinstance(entry["inputs_state_indices"], dict)
    }
    converted = sorted(set(PENDING) - by_position)
    assert converted == [], f"converted: take {converted} off PENDING in this file"
