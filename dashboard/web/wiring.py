"""Declaring callbacks in Dash's named (dict) form, shared by every module that registers one.

A callback names each of its inputs, states and outputs (``inputs=dict(years=Input(…), …)``)
and its function takes them as keyword arguments and returns a dict of the same shape, so no
argument is found by counting. The helpers here build the groups several callbacks use (the
filter controls, the page's language, a set of buttons), each as a new dict on every call:
Dash merges a callback's ``state`` dict into the dict it is given, so a shared one would be
changed. Dash sends and receives the values in the order the dicts are written (its
"flattened" order), which ``flat`` gives for tests and for the request-body checks.
"""

from __future__ import annotations

from typing import Any

import flask
from dash import Input, State
from dash.dependencies import DashDependency

from dashboard.web.ids import ID
from dashboard.web.state import STATE_KEY, AppState

# The filter controls by name, in ``urlstate.to_controls`` order; the table leaves out the
# claims view's quantity.
NAMED_CONTROLS: dict[str, str] = {
    "years": ID.YEARS,
    "programmes": ID.PROGRAMMES,
    "metric": ID.METRIC,
    "scope": ID.SCOPE,
    "quantity": ID.QUANTITY,
}


def controls(kind: type[DashDependency] = Input, leave_out: tuple[str, ...] = ()) -> dict:
    """The filter controls' values as ``kind`` (``Input``, ``State`` or ``Output``), by name."""
    return {
        name: kind(cid, "value") for name, cid in NAMED_CONTROLS.items() if name not in leave_out
    }


def language(kind: type[DashDependency] = State) -> dict:
    """The page's language (its store, set when the page was built from its link)."""
    return {"language": kind(ID.LANGUAGE, "data")}


def clicks(buttons: Any) -> dict:
    """A click on each of ``buttons`` (ids), by id: read through ``ctx.triggered_id``."""
    return {button: Input(button, "n_clicks") for button in buttons}


def flat(grouping: Any, schema: Any = None) -> list:
    """The leaves of a named group in the order Dash sends them: the dependencies of a
    declaration, or (given the declaration as ``schema``) the values a callback returns,
    whose own dicts and lists, such as a figure, are leaves."""
    schema = grouping if schema is None else schema
    if isinstance(schema, dict):
        return [leaf for key in schema for leaf in flat(grouping[key], schema[key])]
    if isinstance(schema, (list, tuple)):
        return [leaf for value, part in zip(grouping, schema) for leaf in flat(value, part)]
    return [grouping]


def current_state() -> AppState:
    """The state ``app.create_app`` stored on this Flask app (read by every callback)."""
    return flask.current_app.config[STATE_KEY]
