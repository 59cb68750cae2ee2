"""Bounded render work per process: ``at_once`` renders run, up to ``waiting`` more wait
for a slot (at most ``wait_s``), anyone beyond is refused at once with ``RendererBusy``
and a retry delay. An image and a whole deck each hold one slot."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass

from dashboard.outputs.errors import RendererBusy


@dataclass(frozen=True)
class RenderLimits:
    """How many renders run at once in a process, how many more may wait, for how long,
    and the retry delay a refused caller is told."""

    at_once: int = 2
    waiting: int = 4
    wait_s: float = 15.0
    retry_after_s: int = 5


class _Gate:
    def __init__(self, limits: RenderLimits) -> None:
        self.limits = limits
        self._slots = threading.BoundedSemaphore(limits.at_once)
        self._lock = threading.Lock()
        self._inside = 0  # running + waiting

    @contextmanager
    def slot(self):
        limits = self.limits
        with self._lock:
            if self._inside >= limits.at_once + limits.waiting:
                raise RendererBusy(
                    f"the server is drawing as many images as it can; try again in {limits.retry_after_s} s",
                    limits.retry_after_s,
                )
            self._inside += 1
        try:
            if not self._slots.acquire(timeout=limits.wait_s):
                raise RendererBusy(
                    f"the server is drawing as many images as it can; try again in {limits.retry_after_s} s",
                    limits.retry_after_s,
                )
            try:
                yield
            finally:
                self._slots.release()
        finally:
            with self._lock:
                self._inside -= 1

    @property
    def inside(self) -> int:
        return self._inside


_GATE = _Gate(RenderLimits())


def set_limits(limits: RenderLimits) -> None:
    """Use ``limits`` for renders started from now on (the web app sets them from config)."""
    global _GATE
    _GATE = _Gate(limits)


def render_slot():
    """Hold one render slot while the block runs; ``RendererBusy`` when none is free."""
    return _GATE.slot()


def renders_in_flight() -> int:
    """Renders running or waiting for a slot in this process."""
    return _GATE.inside
