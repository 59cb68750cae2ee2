"""The browser kaleido drives: found (``BROWSER_PATH``, the PATH, the usual places, else the
install hint), started with the project's one list of flags (no sandbox, GPU or background
networking: a closed network), its plotly.js tab kept loaded between images and reloaded in
the background every ``RELOAD_EVERY`` images, its process group lowered in priority, killed
whole, and its profile removed. ``renderer`` keeps one such browser warm per process.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import signal
from pathlib import Path

from dashboard.outputs.errors import BrowserMissing

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


def kaleido_classes():
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


def remove_profile(kaleido) -> None:
    """Remove the browser's profile once its group is dead, never at exit: choreographer's removal
    raced its last writes ("Directory not empty: 'Default'") and tempfile's retry printed a traceback."""
    profile = getattr(getattr(kaleido, "_browser_impl", None), "tmp_dir", None)
    finalizer = getattr(getattr(profile, "temp_dir", None), "_finalizer", None)
    if finalizer is not None:
        finalizer.detach()
    if profile is not None and getattr(profile, "path", None):
        shutil.rmtree(profile.path, ignore_errors=True)


def kill_group(process) -> None:
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


def lower_priority(process) -> None:
    """The browser's whole group at ``BROWSER_NICE``: filter changes take the CPU first."""
    if process is None:
        return
    try:
        os.setpriority(os.PRIO_PGRP, process.pid, BROWSER_NICE)
    except OSError:  # not permitted or already gone: drawing still works, only unprioritised
        pass
