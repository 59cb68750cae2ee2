"""What a render job does, apart from Dash: which downloads are jobs, the file a job makes
(from the shared store when it was made before), and the progress and messages a person reads.

A download is a job when it draws (every format but the data files in ``QUICK_KINDS``): the
deck, each chart's PNG and SVG, and any format registered later (a PDF, say) comes for free.
``make_file`` looks the file up in the shared store (``outputs.filestore``) under the view's
key and the data version, and only when it is not there draws it, reporting each picture
(``outputs.progress``), and keeps it. The Dash side (``web.jobs``) runs it as a background
callback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dashboard.analysis.frame import Filters
from dashboard.outputs import progress
from dashboard.outputs.export import FORMATS
from dashboard.outputs.filestore import Made, Store, file_key
from dashboard.views.language import words_for

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.web.state import AppState

QUICK_KINDS = ("csv", "xlsx", "events-csv")  # files of pandas, made within the request: never jobs
CTX = "downloads"


def is_job(kind: str) -> bool:
    """Whether a download of format ``kind`` is drawn as a job (every registered format but the data files)."""
    return kind in FORMATS and kind not in QUICK_KINDS


@dataclass(frozen=True)
class JobRequest:
    """One file asked for: its format, its chart (images), the view's filters and language, the day."""

    kind: str
    chart: str | None
    filters: Filters
    language: str
    made_on: dt.date

    def key(self, version: str) -> str:
        return file_key(version, self.kind, self.chart, self.filters, self.language, self.made_on)


def progress_values(done: int, total: int, language: str) -> list:
    """The progress bar's ``aria-valuenow``, ``aria-valuemax``, ``aria-valuetext``, its bar's
    style, the step beside it and the status line (a live region): "Drawing chart 3 of 5"; "Writing the file…" once all are drawn."""
    words = words_for(language)
    if not total:
        text = words.text("Preparing the file…", CTX)
    elif done < total:
        text = words.text(
            "Drawing chart {n} of {total}",
            CTX,
            n=words.integer(done + 1),
            total=words.integer(total),
        )
    else:
        text = words.text("Writing the file…", CTX)
    width = round(100 * done / total) if total else 0
    return [done, max(total, 1), text, {"width": f"{width}%"}, text, text]


def reporter(
    set_values: Callable[[list], None], language: str, cancelled: Callable[[], bool]
) -> progress.Reporter:
    """A progress reporter that shows each step with ``set_values`` and stops the work
    (``progress.Cancelled``) once ``cancelled()`` says the person pressed Cancel."""

    def report(done: int, total: int) -> None:
        if cancelled():
            raise progress.Cancelled("cancelled")
        set_values(progress_values(done, total, language))

    return report


def make_file(
    state: AppState,
    request: JobRequest,
    store: Store,
    report: progress.Reporter,
    apart=None,
    progress_to: tuple | None = None,
) -> Made:
    """The file of ``request``: from ``store`` when made before (same view, data version and day),
    else drawn now (in ``apart``, the worker's ``offload.RenderProcess``, when given; ``progress_to`` tells
    it where to report) and kept there."""
    from dashboard.web.downloads import view_file
    from dashboard.web.state import view_for

    key = request.key(state.version)
    found = store.get(key)
    if found is not None:
        return found
    with progress.reporting(report):
        report(0, 0)  # a job cancelled before it started stops here
        if apart is not None:
            name, content = apart.download(
                request.kind,
                request.filters,
                request.chart,
                request.made_on,
                request.language,
                progress_to=progress_to,
            )
        else:
            view = view_for(state, request.filters, request.language)
            name, content = view_file(
                view,
                state.data(),
                state.config,
                request.kind,
                chart=request.chart,
                today=request.made_on,
            )
    made = Made(str(name), getattr(name, "title", str(name)), bytes(content))
    store.put(key, made)
    return made


def busy_message(language: str, seconds: int) -> str:
    words = words_for(language)
    return words.text(
        "The server is busy making other files; try again in {seconds} s.", CTX, seconds=seconds
    )


def stopped_message(language: str) -> str:
    words = words_for(language)
    return words.text("The file was not made: the process drawing it stopped. Try again.", CTX)


def failed_message(language: str, kind: str, reason: str | None) -> str:
    words = words_for(language)
    if reason is None:
        return words.text(
            "Could not make the {format} file; the server log says why.", CTX, format=kind.upper()
        )
    return words.text(
        "Could not make the {format} file: {reason}", CTX, format=kind.upper(), reason=reason
    )


def other_data_reason(language: str) -> str:
    return words_for(language).text(
        "the server drawing it has older or newer data than this page; reload the page and try again in a minute",
        CTX,
    )


def invalid_data_reason(language: str) -> str:
    return words_for(language).text(
        "the server drawing it cannot load this page's data: its data files have problems, which its log names; try again when they are fixed",
        CTX,
    )


def done_message(language: str, title: str) -> str:
    return words_for(language).text("Downloaded {name}", CTX, name=title)
