"""The web server's guard rails: last good data, bounded work, 4xx for bad input, headers.

``harden(app, state)`` is called once by ``create_app`` and adds, on the Flask server:

- **Last good data and a status route.** ``Keeper`` loads data and config; a reload that
  finds problems keeps the snapshot it had and logs each problem as ``path:line: …``.
  ``/status`` (under the URL prefix) is the maintainers' view and the health check: 200
  while serving, the data version served, and the last load's result and problems. The
  public page shows only the data version (one footer line), never the problems. Under
  gunicorn the master also reloads when a data, seeds or config file changes
  (``DataWatcher``, polled every ``WATCH_S`` seconds), by the same rule.
- **Bounded work.** Bodies over ``serving.max_request_kb`` answer 413. Image and deck
  downloads are jobs (``web.jobs``): bounded by the site-wide queue, and each drawing takes
  a render slot of its process; beyond, the page is told "try again in N s" (with
  ``Retry-After``). A flood of such requests in flight in one process (``FLOOD_FACTOR``
  times the render bound) answers 429 with ``Retry-After`` before Dash reads the body.
  Filter changes never take a slot, so they never wait behind downloads.
- **Every malformed request is a 4xx.** A callback body is checked against the app's own
  callbacks (output known, ``inputs`` and ``state`` of the right count and shape) before
  Dash sees it; a bad ``/_dash-component-suites/`` path is a 404.
- **Security headers** on every answer (``web.headers``, registered here).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import flask
from werkzeug.exceptions import HTTPException

from dashboard import PROJECT_ROOT
from dashboard.config import Config, ServingSettings, load_config
from dashboard.curated.problems import DataInvalid
from dashboard.curated.records import Dataset
from dashboard.views.checked import load_checked
from dashboard.web.state import data_version  # noqa: F401  (re-exported: /status and the page share it)
from dashboard.outputs import gate
from dashboard.web.headers import (  # noqa: F401  (re-exported: routes and tests name them here)
    FRAMABLE,
    add_security_headers,
    allow_framing,
    content_security_policy,
    security_headers,
)
from dashboard.web import offload

if TYPE_CHECKING:  # pragma: no cover
    import dash

    from dashboard.web.state import AppState

log = logging.getLogger("dashboard.serving")

RENDER_KINDS = (
    offload.RENDER_KINDS
)  # downloads that draw with the browser (the format registry says which)
FLOOD_FACTOR = 2  # render downloads in flight beyond which a request is refused before Dash runs


# --- last good data ------------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    dataset: Dataset
    config: Config
    seeds_dir: Path
    version: str
    loaded_at: str


@dataclass(frozen=True)
class LoadResult:
    at: str
    ok: bool
    problems: tuple[str, ...] = ()
    trigger: str = "start"  # what asked for the load: start, a signal, or the files that changed


@dataclass
class Keeper:
    """Data and config as last loaded without problems, and what the last load found."""

    data_dir: Path
    seeds_dir: Path
    config_path: Path | None
    current: Snapshot | None = None
    last: LoadResult | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def _load(self) -> Snapshot:
        config = load_config(self.config_path)
        dataset = load_checked(self.data_dir, self.seeds_dir)
        return Snapshot(dataset, config, Path(self.seeds_dir), data_version(dataset), _now())

    def start(self) -> Snapshot:
        """The first load: ``DataInvalid`` when there is nothing valid to serve."""
        with self._lock:
            self.current = self._load()
            self.last = LoadResult(self.current.loaded_at, True)
            return self.current

    def reload(self, trigger: str = "signal") -> LoadResult:
        """Load again; on problems keep serving what was loaded before, and log them."""
        with self._lock:
            try:
                self.current = self._load()
                self.last = LoadResult(self.current.loaded_at, True, trigger=trigger)
                log.info("data reloaded (%s): version %s", trigger, self.current.version)
            except DataInvalid as err:
                self.last = LoadResult(
                    _now(), False, tuple(str(p) for p in err.problems), trigger=trigger
                )
                for problem in err.problems:
                    log.error("reload refused: %s", problem)
                served = self.current.version if self.current else "none"
                log.error(
                    "reload refused: %d problem(s); still serving data version %s",
                    len(err.problems),
                    served,
                )
            return self.last


def data_paths() -> tuple[Path, Path, Path]:
    """Data, seeds and config, from the environment (``DASHBOARD_DATA``, ``DASHBOARD_SEEDS``,
    ``DASHBOARD_CONFIG``) or the shipped defaults. Here, not in ``dashboard.wsgi``, so that the
    gunicorn master can find them without importing the module that builds the app."""

    def pick(variable: str, default: str) -> Path:
        value = os.environ.get(variable)
        return Path(value) if value else PROJECT_ROOT / default

    return (
        pick("DASHBOARD_DATA", "data"),
        pick("DASHBOARD_SEEDS", "seeds"),
        pick("DASHBOARD_CONFIG", "config.yaml"),
    )


KEEPER: Keeper | None = None  # set by the WSGI entry point (and, under gunicorn, in the master)
WATCH_S: float | None = (
    None  # how often the gunicorn master looks for changed data files (None: it does not)
)
CHANGED: list[str] = []  # the files the master's watcher saw change, for the reload it asked for


class DataWatcher:
    """Notices when a file under the data, seeds or config paths is added, removed or
    changed (its size or modification time), by comparing a listing taken at each
    ``changed()`` with the one before. A listing is a few hundred ``stat`` calls."""

    def __init__(self, *paths: Path | None) -> None:
        self.paths = [Path(p) for p in paths if p is not None]
        self._seen = self._listing()

    def _listing(self) -> dict[str, tuple[int, int]]:
        listing: dict[str, tuple[int, int]] = {}
        for root in self.paths:
            for path in [root, *sorted(root.rglob("*"))] if root.is_dir() else [root]:
                try:
                    info = path.stat()
                except OSError:
                    continue
                if path.is_file():
                    listing[str(path)] = (info.st_mtime_ns, info.st_size)
        return listing

    def changed(self) -> list[str]:
        """The files added, removed or changed since the last call (sorted); [] when none."""
        now = self._listing()
        before, self._seen = self._seen, now
        return sorted(
            path for path in now.keys() | before.keys() if now.get(path) != before.get(path)
        )


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- the app ------------------------------------------------------------------------------------


def dash_options(config: Config) -> dict[str, Any]:
    """Options for ``dash.Dash``: the URL prefix the app is served under."""
    return {"url_base_pathname": config.serving.url_prefix}


def harden(app: dash.Dash, state: AppState) -> None:
    """Add the guard rails above to ``app`` (whose layout is already set): each one a named
    method of ``_Guard``, registered on the Flask server here."""
    settings = state.config.serving
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = settings.max_request_kb * 1024
    gate.set_limits(
        gate.RenderLimits(
            at_once=settings.renders_at_once,
            waiting=settings.renders_waiting,
            retry_after_s=settings.retry_after_s,
        )
    )
    guard = _Guard(
        app=app,
        settings=settings,
        prefix=app.config.routes_pathname_prefix,
        version=data_version(state.dataset),
        started=LoadResult(_now(), True),
        render_buttons=_render_buttons(),
        admissions=_Admissions(
            FLOOD_FACTOR * (settings.renders_at_once + settings.renders_waiting)
        ),
    )
    server.before_request(guard.refuse_bad_request)
    server.teardown_request(guard.leave)
    server.register_error_handler(413, guard.too_large)
    server.register_error_handler(Exception, guard.failed)
    server.add_url_rule(guard.prefix + "status", "_status", guard.status)
    server.after_request(security_headers)


@dataclass
class _Guard:
    """What ``harden`` adds to one app, as named steps: refuse a request before Dash reads it,
    count render downloads in and out, answer errors in one line, and serve ``/status``."""

    app: dash.Dash
    settings: ServingSettings  # config.serving
    prefix: str  # the app's routes prefix, "/" or "/dashboard/"
    version: str  # the data version this app was built with
    started: LoadResult
    render_buttons: frozenset
    admissions: _Admissions

    def refuse_bad_request(self) -> flask.Response | None:
        """Before Dash: too large (413), a callback body that is not JSON or not one of the
        app's callbacks (400), or one render download too many (429); None lets it through."""
        request = flask.request
        if (
            request.content_length is not None
            and request.content_length > self.app.server.config["MAX_CONTENT_LENGTH"]
        ):
            return self.too_large()
        if request.path != self.prefix + "_dash-update-component" or request.method != "POST":
            return None
        try:
            body = json.loads(request.get_data(cache=True) or b"null")
        except HTTPException:
            raise
        except (ValueError, RecursionError):
            return _plain(400, "the request body is not valid JSON")
        problem = callback_problem(body, self.app.callback_map)
        if problem:
            return _plain(400, f"bad callback request: {problem}")
        return self.admit_render() if _wants_render(body, self.render_buttons) else None

    def admit_render(self) -> flask.Response | None:
        """A render download enters, or a flood gets 429 with ``Retry-After``."""
        if not self.admissions.enter():
            response = _plain(
                429,
                f"Too many image and deck downloads at once; try again in {self.settings.retry_after_s} s.",
            )
            response.headers["Retry-After"] = str(self.settings.retry_after_s)
            return response
        flask.g.render_admitted = True
        return None

    def leave(self, _err=None) -> None:
        """After the request: an admitted render download leaves."""
        if flask.g.pop("render_admitted", False):
            self.admissions.leave()

    def too_large(self, _err=None) -> flask.Response:
        return _too_large(self.settings.max_request_kb)

    def failed(self, err):
        """Any error: HTTP errors as they are, a bad component-suite path 404, the rest a logged 500."""
        if isinstance(err, HTTPException):
            return err
        if flask.request.path.startswith(self.prefix + "_dash-component-suites/"):
            return _plain(404, "no such file")
        log.exception("request %s failed", flask.request.path)
        return _plain(500, "the server failed on this request; the log says why")

    def status(self) -> flask.Response:
        """``/status``: the data version served, the last load and whether files are watched."""
        keeper = KEEPER
        served = keeper.current.version if keeper and keeper.current else self.version
        last = keeper.last if keeper and keeper.last else self.started
        response = flask.jsonify(
            {
                "status": "serving",
                "data_version": served,
                "last_load": {
                    "at": last.at,
                    "ok": last.ok,
                    "trigger": last.trigger,
                    "problems": list(last.problems),
                },
                "reload_on_change": {"watching": WATCH_S is not None, "every_s": WATCH_S},
            }
        )
        response.headers["Cache-Control"] = "no-store"
        return response


class _Admissions:
    """Render downloads being answered by this process (running or waiting for a slot)."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._inside = 0
        self._lock = threading.Lock()

    def enter(self) -> bool:
        with self._lock:
            if self._inside >= self.capacity:
                return False
            self._inside += 1
            return True

    def leave(self) -> None:
        with self._lock:
            self._inside -= 1


def _render_buttons() -> frozenset[str]:
    from dashboard.web.jobmanagers import JOB_BUTTONS

    return frozenset(f"{button}.n_clicks" for button in JOB_BUTTONS)


def _wants_render(body: dict, buttons: frozenset[str]) -> bool:
    changed = body.get("changedPropIds") or []
    return any(isinstance(c, str) and c in buttons for c in changed)


def _plain(status: int, message: str) -> flask.Response:
    return flask.Response(message + "\n", status=status, mimetype="text/plain")


def _too_large(limit_kb: int) -> flask.Response:
    return _plain(413, f"Request too large: the limit is {limit_kb} KiB.")


def callback_problem(body: Any, callback_map: dict) -> str | None:
    """What is wrong with a callback request body, or None when Dash can run it."""
    if not isinstance(body, dict):
        return "expected a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or output not in callback_map:
        return "unknown output"
    if not isinstance(body.get("outputs"), (dict, list)):
        return "missing outputs"
    spec = callback_map[output]
    for key, wanted in (("inputs", spec.get("inputs", [])), ("state", spec.get("state", []))):
        given = body.get(key, [] if key == "state" else None)
        if not isinstance(given, list):
            return f"missing {key}"
        if len(given) != len(wanted):
            return f"expected {len(wanted)} {key}, got {len(given)}"
        for item in given:
            entries = item if isinstance(item, list) else [item]
            if not all(
                isinstance(e, dict) and "id" in e and isinstance(e.get("property"), str)
                for e in entries
            ):
                return f"each of {key} needs an id and a property"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "changedPropIds must be a list of names"
    return None
