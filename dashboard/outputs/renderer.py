"""The image renderer: one warm headless Chromium per process, driven through kaleido.

Starting it (Chromium, then plotly.js in its tab) costs 2–5 s on a busy 2-core machine, so one
browser is started on first use (or early with ``prewarm()``), kept for the whole process and
stopped at exit (``renderer()`` / ``shutdown()``), on its own thread and event loop. Its tab
stays loaded (reloaded every ``RELOAD_EVERY`` images), so a warm image costs only its drawing.

**Failures are bounded.** Every call waits at most ``render_timeout`` (under the web server's
worker timeout) and notices a browser that exits or is killed within ``CRASH_POLL`` seconds.
A hung or crashed browser is killed with its whole process group, the caller gets a
``RenderFailed`` saying to try again, and the next call starts a fresh one. Only a browser
that cannot be found or started gets the install hint.

**Work is bounded.** ``render_images`` holds one of ``limits.at_once`` render slots per
process for a whole image or deck; up to ``limits.waiting`` more callers wait for a slot
(at most ``limits.wait_s``), and anyone beyond gets ``RendererBusy`` with a retry delay at
once. Calls from several threads are safe. Each picture drawn goes to a job's progress bar.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import shutil
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from dashboard.outputs.errors import BrowserMissing, ExportError, RendererBusy, RenderFailed
from dashboard.outputs.gate import RenderLimits, render_slot, renders_in_flight, set_limits
from dashboard.outputs.imagecheck import checked, named_traces
from dashboard.outputs.progress import counter

__all__ = [
    "BrowserMissing",
    "RenderFailed",
    "RendererBusy",
    "Renderer",
    "RenderLimits",
    "find_browser",
    "renderer",
    "prewarm",
    "shutdown",
    "render_image",
    "render_images",
    "render_slot",
    "renders_in_flight",
    "set_limits",
]

INSTALL_HINT = "Install Chromium with `apt-get install -y chromium`, or set BROWSER_PATH to a Chrome or Chromium executable."
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
TYPICAL_PATHS = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
)
# choreographer adds --no-sandbox, --disable-gpu, --disable-component-update, --disable-sync; a closed network also needs background networking off.
EXTRA_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
START_TIMEOUT = 20.0  # seconds for Chromium to start and load plotly.js
RENDER_TIMEOUT = (
    10.0  # seconds for one image: a warm image takes 0.1–0.5 s; gunicorn's worker timeout is 60 s
)
CRASH_POLL = 0.25  # seconds between checks that the browser still runs while a caller waits
RETRY = "try again in a few seconds (the image renderer restarts by itself)"
BROWSER_NICE = 10  # scheduling priority of the browser (0 = as the server, 19 = lowest)
RELOAD_EVERY = 50  # images a browser tab draws before it is reloaded

_log = logging.getLogger(__name__)


def find_browser() -> str:
    """The browser kaleido will drive: ``BROWSER_PATH`` if set, else Chromium or Chrome
    on the PATH or in the usual places. Raises ``BrowserMissing`` with the install hint."""
    env = os.environ.get("BROWSER_PATH")
    if env:
        if Path(env).is_file() and os.access(env, os.X_OK):
            return env
        raise BrowserMissing(f"BROWSER_PATH={env!r} is not an executable file. {INSTALL_HINT}")
    for name in BROWSER_NAMES:
        if found := shutil.which(name):
            return found
    for path in TYPICAL_PATHS:
        if Path(path).is_file() and os.access(path, os.X_OK):
            return path
    raise BrowserMissing(f"No Chromium or Chrome found for image export. {INSTALL_HINT}")


# --- the warm renderer -------------------------------------------------------------------


def _kaleido_classes():
    """kaleido's browser, with our flags and background tab reloads (imported lazily)."""
    import kaleido
    from choreographer.browsers.chromium import Chromium

    # choreographer logs a warning when its watchdog closes a failed browser; our error says it.
    logging.getLogger("choreographer").setLevel(logging.ERROR)

    class LockedDownChromium(Chromium):
        def get_cli(self):
            cli = list(super().get_cli())
            return cli + [flag for flag in EXTRA_FLAGS if flag not in cli]

    class WarmKaleido(kaleido.Kaleido):
        """kaleido with a tab that stays loaded between images.

        kaleido reloads a tab (plotly.js again, ~4.6 MB of script) after every image. For
        png and svg, plotly.js draws each figure into a fresh element of its own and
        purges it (``Plotly.toImage``), so nothing carries over; the tab goes straight
        back to the queue and is reloaded, in the background, only every
        ``RELOAD_EVERY`` images to bound its memory.
        """

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._reloads: set[asyncio.Task] = set()
            self._uses: dict[int, int] = {}

        async def populate_targets(self) -> None:
            # kaleido loads plotly.js in every tab one after the other before the first
            # image; the first tab is enough to start, the others load in the background.
            wanted, self._n = self._n, 1
            await super().populate_targets()
            self._n = wanted
            for _ in range(wanted - self._total_tabs):
                self._background(self._create_kaleido_tab())

        def _background(self, coroutine) -> None:
            task = asyncio.create_task(coroutine)
            self._reloads.add(task)
            task.add_done_callback(self._reloads.discard)

        async def _return_kaleido_tab(self, tab) -> None:
            uses = self._uses[id(tab)] = self._uses.get(id(tab), 0) + 1
            if uses % RELOAD_EVERY:
                await self.tabs_ready.put(tab)
            else:
                self._background(self._reload_and_requeue(tab))

        async def _reload_and_requeue(self, tab) -> None:
            try:
                await kaleido.Kaleido._return_kaleido_tab(self, tab)
            except (
                Exception
            ) as err:  # a tab that cannot reload is dropped; renders time out clearly
                _log.debug("kaleido tab reload failed: %s", err)

        async def close(self) -> None:
            for task in list(self._reloads):
                task.cancel()
            await super().close()

    return LockedDownChromium, WarmKaleido


class Renderer:
    """One Chromium kept warm for every image of the process.

    ``render`` is thread-safe (Dash serves requests on several threads): calls are
    queued on the renderer's own event loop and each waits at most ``render_timeout``.
    A browser that fails to start, hangs or dies is killed with its whole process group
    and the error says so; the next call starts a fresh one.
    """

    def __init__(
        self,
        browser: str | None = None,
        *,
        tabs: int = 1,
        start_timeout: float = START_TIMEOUT,
        render_timeout: float = RENDER_TIMEOUT,
    ):
        self.browser = browser or find_browser()
        self.tabs = tabs
        self.start_timeout = start_timeout
        self.render_timeout = render_timeout
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido = None  # set as soon as it exists, so a hung start can be killed
        self._ready = False
        self._lock = threading.RLock()

    @property
    def running(self) -> bool:
        process = getattr(self._kaleido, "subprocess", None)
        return self._ready and process is not None and process.poll() is None

    def start(self) -> Renderer:
        with self._lock:
            if self.running:
                return self
            if self._kaleido is not None:  # the browser died: start again
                self.close(kill=True)
            self._loop = asyncio.new_event_loop()
            self._thread = threading.Thread(
                target=self._loop.run_forever, name="image-renderer", daemon=True
            )
            self._thread.start()
            try:
                self._call(self._open(), self.start_timeout, "start")
            except BaseException:
                self.close(kill=True)
                raise
            self._ready = True
            _lower_priority(getattr(self._kaleido, "subprocess", None))
            return self

    async def _open(self) -> None:
        chromium, warm_kaleido = _kaleido_classes()
        self._kaleido = warm_kaleido(
            n=self.tabs,
            path=self.browser,
            browser_cls=chromium,
            mathjax=False,
            timeout=self.render_timeout,
        )
        await self._kaleido.open()

    def render(self, figure, *, format: str, width: int, height: int) -> bytes:
        """``figure`` (a plotly figure or its dict) as ``png`` or ``svg`` bytes."""
        return self.render_many([figure], format=format, width=width, height=height)[0]

    def render_many(self, figures: list, *, format: str, width: int, height: int) -> list[bytes]:
        """Several images at once, spread over the renderer's tabs."""
        self.start()
        figures = [named_traces(f) for f in figures]
        opts = {"format": format, "width": width, "height": height, "scale": 1}
        kaleido = self._kaleido

        async def all_of():
            return await asyncio.gather(*(kaleido.calc_fig(f, opts=opts) for f in figures))

        try:
            return self._call(
                all_of(), self.render_timeout * max(1, len(figures)), "draw the image"
            )
        except ExportError:
            self.close(kill=True)  # a hung or dead browser is not reused
            raise

    def _call(self, coroutine, timeout: float, what: str):
        """Run ``coroutine`` on the renderer's loop; wait at most ``timeout`` seconds, and
        stop waiting as soon as the browser process is gone."""
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        deadline = time.monotonic() + timeout
        starting = what == "start"
        try:
            while True:
                try:
                    return future.result(
                        timeout=min(CRASH_POLL, max(0.0, deadline - time.monotonic()))
                    )
                except FutureTimeout:
                    pass
                process = getattr(self._kaleido, "subprocess", None)
                if process is not None and process.poll() is not None:
                    future.add_done_callback(_collect)
                    if starting:
                        raise RenderFailed(
                            f"could not start {self.browser}: the browser closed right after starting. {INSTALL_HINT}"
                        )
                    raise RenderFailed(
                        f"the image renderer stopped while it was drawing (exit code {process.returncode}); {RETRY}"
                    )
                if time.monotonic() >= deadline:
                    # Not cancelled here: close(kill=True) kills the browser, the task then ends
                    # with an error that _collect takes (no "exception never retrieved" noise).
                    future.add_done_callback(_collect)
                    if starting:
                        raise RenderFailed(
                            f"the browser at {self.browser} did not start within {timeout:.0f} s; "
                            f"check that it runs (`{self.browser} --headless --no-sandbox --version`). {INSTALL_HINT}"
                        )
                    raise RenderFailed(
                        f"the image renderer did not {what} within {timeout:.0f} s and was stopped; {RETRY}"
                    )
        except ExportError:
            raise
        except Exception as err:  # choreographer / kaleido errors: say what and where
            if starting:
                if type(err).__name__ in (
                    "BrowserFailedError",
                    "BrowserClosedError",
                    "ChromeNotFoundError",
                ):
                    detail = "the browser closed right after starting"
                else:
                    detail = " ".join(str(err).split())[:200] or type(err).__name__
                raise RenderFailed(
                    f"could not start {self.browser}: {detail}. {INSTALL_HINT}"
                ) from None
            detail = " ".join(str(err).split())[:200] or type(err).__name__
            raise RenderFailed(
                f"the image renderer failed while drawing ({detail}); {RETRY}"
            ) from None

    def close(self, *, kill: bool = False) -> None:
        """Stop the browser and the loop: politely, or at once (``kill``) when it failed;
        either way its whole process group is gone afterwards."""
        with self._lock:
            kaleido, self._kaleido, self._ready = self._kaleido, None, False
            process = getattr(kaleido, "subprocess", None)
            if kill:
                _kill_group(process)
            if kaleido is not None and self._loop is not None and self._loop.is_running():
                future = asyncio.run_coroutine_threadsafe(_quietly(kaleido.close()), self._loop)
                try:
                    future.result(timeout=10)
                except FutureTimeout:
                    future.cancel()
            _kill_group(process)
            _remove_profile(kaleido)
            if self._loop is not None and self._loop.is_running():
                future = asyncio.run_coroutine_threadsafe(_cancel_other_tasks(), self._loop)
                try:
                    future.result(timeout=5)
                except FutureTimeout:
                    future.cancel()
            if self._loop is not None:
                self._loop.call_soon_threadsafe(self._loop.stop)
                if self._thread is not None:
                    self._thread.join(timeout=5)
                if not self._loop.is_running():
                    self._loop.close()
            self._loop = None
            self._thread = None


def _remove_profile(kaleido) -> None:
    """Remove the browser's profile once its group is dead, never at exit: choreographer's removal
    raced its last writes ("Directory not empty: 'Default'") and tempfile's retry printed a traceback."""
    profile = getattr(getattr(kaleido, "_browser_impl", None), "tmp_dir", None)
    finalizer = getattr(getattr(profile, "temp_dir", None), "_finalizer", None)
    if finalizer is not None:
        finalizer.detach()
    if profile is not None and getattr(profile, "path", None):
        shutil.rmtree(profile.path, ignore_errors=True)


def kill_browser() -> None:
    """Kill this process's browser group at once (without it, it ends as its pipe closes)."""
    _kill_group(getattr(getattr(_RENDERER, "_kaleido", None), "subprocess", None))


def _kill_group(process) -> None:
    """Kill a browser and everything it started (choreographer gives it its own session)."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.wait(5)
    except Exception:  # noqa: BLE001 - best effort at exit
        pass


def _lower_priority(process) -> None:
    """The browser's whole group at ``BROWSER_NICE``: filter changes take the CPU first."""
    if process is None:
        return
    try:
        os.setpriority(os.PRIO_PGRP, process.pid, BROWSER_NICE)
    except OSError:  # not permitted or already gone: drawing still works, only unprioritised
        pass


def _collect(future) -> None:  # takes its error, so asyncio does not log it as never retrieved
    if not future.cancelled():
        future.exception()


async def _cancel_other_tasks() -> None:
    """Cancel what the browser left running on the loop (watchdogs, reloads) and let it end."""
    others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    for task in others:
        task.cancel()
    if others:
        await asyncio.wait(others, timeout=3)


async def _quietly(coroutine) -> None:
    try:
        await asyncio.wait_for(coroutine, 8)
    except BaseException:  # closing is best effort; the process exits anyway
        pass


_RENDERER: Renderer | None = None
_RENDERER_LOCK = threading.Lock()


def renderer() -> Renderer:
    """The process's warm renderer, started on first use and stopped at exit."""
    global _RENDERER
    with _RENDERER_LOCK:
        if _RENDERER is None:
            _RENDERER = Renderer()
            atexit.register(shutdown)
        current = _RENDERER
    return current.start()


def prewarm() -> threading.Thread:
    """Start the warm renderer in the background (a server, at start-up): the first download
    does not wait for Chromium. A failure is only logged: the download that needs it says so."""

    def start() -> None:
        try:
            renderer()
        except ExportError as err:  # the export that needs it says so to the user
            _log.debug("image renderer not started: %s", err)

    thread = threading.Thread(target=start, name="image-renderer-prewarm", daemon=True)
    thread.start()
    return thread


def shutdown() -> None:
    """Stop the warm renderer (at exit, or in tests)."""
    global _RENDERER
    with _RENDERER_LOCK:
        current, _RENDERER = _RENDERER, None
    if current is not None:
        current.close()


def render_image(figure, *, format: str, width: int, height: int) -> bytes:
    """``figure`` rendered by the warm renderer at exactly ``width``×``height`` px."""
    return render_images([figure], format=format, width=width, height=height)[0]


def render_images(figures: list, *, format: str, width: int, height: int) -> list[bytes]:
    """Several figures, each checked for its pixel size and, for PNG, made opaque. While
    the browser draws one figure, the previous one is checked and flattened on another
    thread (Pillow works outside the GIL), so a deck's images overlap. The whole call
    holds one render slot (``RendererBusy`` when none comes free)."""
    if format not in ("png", "svg"):
        raise ExportError(f"unknown image format {format!r}; use png or svg")
    with render_slot():
        warm, drawn = (
            renderer(),
            counter(len(figures)),
        )  # drawn(): one more for a job's progress bar

        def one(figure) -> bytes:
            return drawn(
                checked(
                    warm.render(drawn.ready(figure), format=format, width=width, height=height),
                    format,
                    width,
                    height,
                )
            )

        if len(figures) == 1:
            return [one(figures[0])]
        with ThreadPoolExecutor(
            max_workers=2, thread_name_prefix="image"
        ) as pool:  # one drawn while one is checked
            return list(pool.map(one, figures))
