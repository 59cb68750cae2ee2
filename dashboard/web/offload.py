"""Image and deck downloads drawn in a process apart from the page's worker.

Composing a deck (slide figures, python-pptx, text measuring) is a second or more of
Python, and in the page's worker it would hold the GIL that filter changes need. Under
gunicorn (``dashboard.wsgi``) each worker therefore sends its PNG, SVG, PPTX and PDF downloads
(``RENDER_KINDS``: the formats the registry marks ``renders``) to one render process of its own: started on the first such download (spawned, not
forked from a threaded worker), given the worker's data once, run at a lower CPU priority
(``NICE``) so the page's requests take the cores first, and owning the worker's Chromium.
CSV and Excel files stay in the worker (a few milliseconds of pandas).

Failures stay bounded and say "try again": a render process that dies is replaced on the
next download; one that takes longer than ``RESULT_TIMEOUT`` (under gunicorn's worker
timeout) is killed. Downloads waiting in its queue count against the same render bound
(``gate``) as in-process renders, so a flood is still refused with a retry delay.
``dashboard serve`` (one local user) draws in its own process, as before.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
import logging
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.curated.version import data_version
from dashboard.outputs import export, gate
from dashboard.outputs.errors import RenderFailed

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.analysis.frame import Filters
    from dashboard.config import Config
    from dashboard.curated.records import Dataset

OFFLOAD_KEY = "DASHBOARD_RENDER_PROCESS"  # where the app keeps its RenderProcess (Flask config)
RENDER_KINDS = (
    export.render_kinds()
)  # the downloads drawn with Chromium: png, svg, pptx, pdf (the format registry says which)
NICE = 10  # scheduling priority of the render process (0 = as the page's worker, 19 = lowest)
RESULT_TIMEOUT = 40.0  # seconds one download may take there; with 15 s for a slot, under the worker timeout (60 s)
RETRY = "try again in a few seconds (the image renderer restarts by itself)"
WATCH_PARENT_S = 0.25  # how often the render process checks that its worker still runs

log = logging.getLogger(__name__)

_CHILD: tuple | None = (
    None  # in the render process: dataset, config, the snapshot views are made of, the data version
)


class _DataPickler(pickle.Pickler):
    """Pickles the validated data for the render process. The loader's vocabulary enums
    (``chart``, ``ratio``) are made at run time and cannot be looked up by name; they are
    ``StrEnum``s, equal to their text, and travel as that text."""

    def reducer_override(self, obj):
        cls = type(obj)
        if (
            isinstance(obj, enum.Enum)
            and isinstance(obj, str)
            and getattr(sys.modules.get(cls.__module__), cls.__qualname__, None) is not cls
        ):
            return str, (obj.value,)
        return NotImplemented


def _packed(dataset: Dataset, config: Config, translations: dict | None = None) -> bytes:
    """The data for the render process, with its version as the worker (and ``/status``) states it:
    the vocabulary enums travel as text, so the copy's own fingerprint would differ."""
    out = io.BytesIO()
    _DataPickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(
        (dataset, config, translations, data_version(dataset))
    )
    return out.getvalue()


def _start_child(packed: bytes, worker: int | None = None) -> None:
    """The render process's start: watch its worker, lower its priority, start Chromium,
    build the frames once."""
    global _CHILD
    if worker is not None:
        _die_with(worker)
    dataset, config, translations, version = pickle.loads(packed)
    try:
        os.nice(NICE)
    except OSError:  # not permitted: drawing still works, only unprioritised
        pass
    from dashboard.curated.translations import records_folder
    from dashboard.outputs import images
    from dashboard.views.view import load_languages, make_snapshot

    images.prewarm()  # Chromium starts while the frames are built
    if translations is None:  # a process started without the page's names: read them once, now
        translations = load_languages(records_folder(dataset))
    _CHILD = (dataset, config, make_snapshot(dataset, translations), version)


def _die_with(worker: int) -> None:
    """End this render process, and its browser first, as soon as ``worker`` is gone.

    A worker killed by SIGKILL (the OOM killer, gunicorn's timeout) cannot stop anything, and
    its render process and Chromium (~390 MiB) used to live on under PID 1. A thread compares
    the parent's id every ``WATCH_PARENT_S``: a re-parented process kills its browser's process
    group and exits. (A parent-death signal, prctl, would fire when the worker's *thread*
    that started this process ends, not the worker. When this process itself is killed, its
    browser exits as the pipe it was driven through closes.)"""

    def watch() -> None:
        while os.getppid() == worker:
            time.sleep(WATCH_PARENT_S)
        from dashboard.outputs import renderer

        renderer.kill_browser()
        os._exit(1)

    if os.getppid() != worker:  # gone before this process started
        os._exit(1)
    threading.Thread(target=watch, name="worker-watch", daemon=True).start()


def _build(
    kind: str,
    filters: Filters,
    chart: str | None,
    today: dt.date | None,
    language: str = "en",
    site: str | None = None,
    progress_to: tuple | None = None,
) -> tuple[str, bytes, int | None]:
    """The download, and the process group of the browser that drew it (so the worker can
    stop that browser even when this process is killed). ``progress_to`` (a job's store folder,
    progress key and cancel key): each picture drawn is shown there, and a cancel stops it."""
    from contextlib import nullcontext

    from dashboard.outputs import progress, renderer
    from dashboard.web.downloads import build_download

    assert _CHILD is not None, "the render process was not started with its data"
    dataset, config, snapshot, version = (
        _CHILD  # the page's data and names: the view is made as the page makes it
    )
    with progress.reporting(_job_reporter(progress_to, language)) if progress_to else nullcontext():
        name, content = build_download(
            kind,
            filters,
            dataset,
            config,
            chart=chart,
            today=today,
            words=language,
            snapshot=snapshot,
            site=site,
            version=version,
        )
    browser = getattr(getattr(renderer._RENDERER, "_kaleido", None), "subprocess", None)
    return name, content, browser.pid if browser is not None else None


def _build_preview(
    filters: Filters, language: str, version: str, link: str
) -> tuple[bytes, int | None]:
    """A link's preview image of the view, and the process group of the browser that drew it."""
    from dashboard.outputs import renderer
    from dashboard.outputs.preview import preview_png
    from dashboard.views.view import make_view

    assert _CHILD is not None, "the render process was not started with its data"
    dataset, config, snapshot, _version = _CHILD
    view = make_view(snapshot, config, filters, language)
    content = preview_png(
        view, snapshot.localized(language).dataset, config, version=version, link=link
    )
    browser = getattr(getattr(renderer._RENDERER, "_kaleido", None), "subprocess", None)
    return content, browser.pid if browser is not None else None


def _job_reporter(progress_to: tuple, language: str):
    """A reporter writing a job's progress into its store folder (diskcache, as Dash reads it)."""
    import diskcache

    from dashboard.web.jobwork import reporter

    folder, progress_key, cancel_key = progress_to
    cache = diskcache.Cache(folder)
    return reporter(
        lambda values: cache.set(progress_key, values),
        language,
        lambda: cache.get(cancel_key) is not None,
    )


class RenderProcess:
    """One worker's render process: ``download`` is thread-safe and always returns or raises
    an ``ExportError`` (``RenderFailed``/``RendererBusy``) within ``timeout`` seconds."""

    def __init__(
        self,
        dataset: Dataset,
        config: Config,
        *,
        timeout: float = RESULT_TIMEOUT,
        translations: dict | None = None,
    ) -> None:
        self.dataset, self.config, self.timeout = dataset, config, timeout
        self.translations = translations  # the page's curated names (data/i18n as loaded), so the process reads no file
        self._pool: ProcessPoolExecutor | None = None
        self._browser: int | None = None  # the render process's browser (its process group)
        self._lock = threading.Lock()

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_child,
                    initargs=(_packed(self.dataset, self.config, self.translations), os.getpid()),
                )
            return self._pool

    def download(
        self,
        kind: str,
        filters: Filters,
        chart: str | None = None,
        today: dt.date | None = None,
        language: str = "en",
        site: str | None = None,
        progress_to: tuple | None = None,
    ) -> tuple[str, bytes]:
        """``(file name, content)`` of a PNG, SVG, PPTX or PDF download, drawn in the render process."""
        return self._run(_build, kind, filters, chart, today, language, site, progress_to)

    def preview(self, filters: Filters, language: str, version: str, link: str) -> bytes:
        """A link's 1200×630 preview image (``outputs.preview``), drawn in the render process."""
        return self._run(_build_preview, filters, language, version, link)

    def _run(self, build, *args):
        """``build(*args)``'s result in the render process, holding one render slot."""
        with gate.render_slot():  # the same bound as in-process renders: busy beyond it
            pool = self._executor()
            if not _alive(pool):  # it died while idle: nothing was lost, start another
                self._replace(pool)
                pool = self._executor()
            try:
                *result, self._browser = pool.submit(build, *args).result(timeout=self.timeout)
                return result[0] if len(result) == 1 else tuple(result)
            except BrokenProcessPool:
                self._replace(pool)
                raise RenderFailed(
                    f"the image renderer stopped while it was drawing; {RETRY}"
                ) from None
            except FutureTimeout:
                self._replace(pool, kill=True)
                raise RenderFailed(
                    f"the image renderer did not finish within {self.timeout:.0f} s and was stopped; {RETRY}"
                ) from None

    def _replace(self, pool: ProcessPoolExecutor, *, kill: bool = False) -> None:
        """Forget a broken or stuck render process; the next download starts a new one."""
        with self._lock:
            if self._pool is pool:
                self._pool = None
        if kill:
            for process in list(getattr(pool, "_processes", {}).values()):
                _kill(process.pid)
        browser, self._browser = self._browser, None
        _kill_group(browser)  # its browser too, which a killed render process leaves behind
        pool.shutdown(wait=False, cancel_futures=True)

    @property
    def pid(self) -> int | None:
        """The render process's id while it runs (for tests and the operator)."""
        pool = self._pool
        processes = list(getattr(pool, "_processes", {}).values()) if pool else []
        return processes[0].pid if processes else None

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        browser, self._browser = self._browser, None
        if browser is not None and os.path.exists(f"/proc/{browser}"):
            _kill_group(browser)  # normally gone with its process already


def _alive(pool: ProcessPoolExecutor) -> bool:
    """False once the pool is broken or its process has exited (not yet started: alive)."""
    if getattr(pool, "_broken", False):
        return False
    return all(_running(p.pid) for p in list((getattr(pool, "_processes", None) or {}).values()))


def _running(pid: int | None) -> bool:
    """Whether process ``pid`` runs (not gone, not a zombie waiting to be reaped)."""
    if pid is None:
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return False


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _kill_group(pgid: int | None) -> None:
    if pgid is None:
        return
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def render_process(server) -> RenderProcess | None:
    """The render process of the Flask app ``server``, when it draws apart."""
    return server.config.get(OFFLOAD_KEY)


def draw_apart(app, dataset: Dataset, config: Config) -> RenderProcess:
    """From now on, ``app`` draws its image and deck downloads in a render process."""
    from dashboard.web.state import STATE_KEY

    state = app.server.config.get(STATE_KEY)
    snapshot = state.data() if state is not None and state.dataset is dataset else None
    process = RenderProcess(
        dataset, config, translations=snapshot.translations if snapshot is not None else None
    )
    app.server.config[OFFLOAD_KEY] = process
    return process
