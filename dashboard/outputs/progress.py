"""How far a file being made has come, for whoever asked for it (a page's progress bar).

A job sets a reporter with ``reporting(fn)``; the renderer calls ``report(done, total)``
after each picture it draws (``renderer.render_images``), from any of its threads. Outside a
job nothing is reported and nothing is slowed. A reporter may raise (``Cancelled``, the
person pressed Cancel) to stop the work at the next picture.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from dashboard.outputs.errors import ExportError

Reporter = Callable[[int, int], None]  # (pictures drawn, pictures in all)
_REPORTER: ContextVar[Reporter | None] = ContextVar("progress_reporter", default=None)


class Cancelled(ExportError):
    """The person who asked for the file cancelled it; the work stops at the next picture."""


@contextmanager
def reporting(reporter: Reporter) -> Iterator[None]:
    """Send every ``report`` made inside the block (in this thread) to ``reporter``."""
    token = _REPORTER.set(reporter)
    try:
        yield
    finally:
        _REPORTER.reset(token)


class counter:
    """Thread-safe progress of ``total`` pictures, reported to the reporter of the thread that
    made it (taken now: the renderer's own threads have none). ``ready(figure)`` before a
    picture is drawn (a cancelled job stops there), ``drawn(picture)`` after; both return what
    they are given."""

    def __init__(self, total: int) -> None:
        self.reporter, self.total, self.done = _REPORTER.get(), total, 0
        self._lock = threading.Lock()
        self._report()

    def _report(self) -> None:
        if self.reporter is not None:
            self.reporter(self.done, self.total)

    def ready(self, figure):
        self._report()  # the same step again; raises when the job was cancelled
        return figure

    def __call__(self, picture: bytes) -> bytes:
        if self.reporter is not None:
            with self._lock:
                self.done += 1
            self._report()
        return picture
