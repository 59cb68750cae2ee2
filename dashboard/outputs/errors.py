"""The errors of the outputs, below every module that raises or catches them.

``ExportError`` is the one thing a user of an export sees go wrong: its message says what
to do, and the CLI prints it on one line, the page beside the download buttons. The
renderer's errors refine it, so a caller that only knows ``ExportError`` still catches them.
"""

from __future__ import annotations


class ExportError(Exception):
    """An export cannot be made as asked (unknown chart or size, no browser); the message
    says what to do. The CLI prints it without a traceback."""


class BrowserMissing(ExportError):
    """No Chromium or Chrome to render with; the message says how to install one."""


class RenderFailed(ExportError):
    """The browser started but could not make the image (hung, crashed or refused)."""


class RendererBusy(ExportError):
    """Every render slot of this process is taken and the queue is full: try again in
    ``retry_after`` seconds. Nothing is wrong with the renderer."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after

    def __reduce__(self):  # crosses from a render process to the page's worker intact
        return type(self), (str(self), self.retry_after)


class NothingToExport(ExportError):
    """The view holds nothing the format would show (no figure matches the filters, or a chart
    has nothing to draw): no file is made. ``reason`` says what was asked and that nothing
    matched; the page says "Nothing to download: …" (``str``), the CLI "Nothing written: …" (``written``)."""

    def __init__(self, message: str, written: str) -> None:
        super().__init__(message)
        self.written = written

    def __reduce__(self):  # crosses from a render process to the page's worker intact
        return type(self), (str(self), self.written)
