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
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from dashboard.outputs.chromium import (  # noqa: F401  (EXTRA_FLAGS, BROWSER_NICE, RELOAD_EVERY: re-exported)
    BROWSER_NICE,
    EXTRA_FLAGS,
    INSTALL_HINT,
    RELOAD_EVERY,
    find_browser,
    kaleido_classes,
    kill_group,
    lower_priority,
    remove_profile,
)
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

START_TIMEOUT = 20.0  # seconds for Chromium to start and load plotly.js
RENDER_TIMEOUT = (
    10.0  # seconds for one image: a warm image takes 0.1–0.5 s; gunicorn's worker timeout is 60 s
)
CRASH_POLL = 0.25  # seconds between checks that the browser still runs while a caller waits
RETRY = "try again in a few seconds (the image renderer restarts by itself)"
_log = logging.getLogger(__name__)


# --- the warm renderer -------------------------------------------------------------------


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
            lower_priority(getattr(self._kaleido, "subprocess", None))
            return self

    async def _open(self) -> None:
        chromium, warm_kaleido = kaleido_classes()
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
                kill_group(process)
            if kaleido is not None and self._loop is not None and self._loop.is_running():
                future = asyncio.run_coroutine_threadsafe(_quietly(kaleido.close()), self._loop)
                try:
                    future.result(timeout=10)
                except FutureTimeout:
                    future.cancel()
            kill_group(process)
            remove_profile(kaleido)
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


def kill_browser() -> None:
    """Kill this process's browser group at once (without it, it ends as its pipe closes)."""
    kill_group(getattr(getattr(_RENDERER, "_kaleido", None), "subprocess", None))


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
