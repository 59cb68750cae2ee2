"""Renders as jobs: Dash background callbacks, with progress, Cancel and a bounded queue.

Every download that draws (``jobwork.is_job``: the deck, chart images, any format registered
later) is a background callback (``background=True``). The page shows a progress bar
("Drawing chart 3 of 5", ``role="progressbar"``), disables the buttons that draw, and offers
Cancel; the status line (``role="status"``) says each step, so a screen reader hears it.

Two managers, both Dash's own, chosen by the environment:

- **One host, nothing extra** (default): ``ThreadJobs``, Dash's ``DiskcacheManager`` whose
  job runs on a thread of the web process rather than in a process forked from it. The
  thread hands the drawing to what the process already has (under gunicorn the worker's
  render process with its warm Chromium, ``offload``; under ``dashboard serve`` the
  process's own renderer), so a job costs no new Chromium and forks no threaded worker.
  Results, progress and the signing secret are in one diskcache folder every worker shares
  (``serving.jobs_folder``), so any worker answers the page's polls.
- **Several hosts** (``REDIS_URL`` set): ``CeleryJobs``, Dash's ``CeleryManager`` with Redis
  as broker and result store; ``dashboard worker`` runs the jobs with the same data, and
  loads its files again when a job carries a newer data version they give (``workerdata``).

Both admit at most ``serving.jobs_queued`` jobs at once across the store (beyond: "busy, try
again in N s", with ``Retry-After``), serve a file made before from the store at once, and
report a job whose process died or that outlived ``serving.job_time_limit_s`` as stopped.
"""

from __future__ import annotations

import json
import logging

import flask
from dash import Input, Output, State, ctx, no_update

from dashboard.outputs.errors import ExportError, RendererBusy
from dashboard.outputs.progress import Cancelled
from dashboard.views.language import words_for
from dashboard.words import LANGUAGES
from dashboard.web import jobmanagers, jobwork, offload
from dashboard.web.callbacks import CONTROL_STATES, current_state
from dashboard.web.ids import ID
from dashboard.web.links import page_language
from dashboard.web.workerdata import Followed
from dashboard.web.jobmanagers import (
    JOB_BUTTONS,
    JOBS_KEY,
    POLL_MS,
    ThreadJobs,
    _JOB,
    _outputs,
    _request,
    answer,
)

log = logging.getLogger("dashboard.jobs")


def _server() -> flask.Flask:
    """The app whose data a job draws: the request's, or ``dashboard worker``'s."""
    if flask.has_app_context():
        return flask.current_app
    if jobmanagers.WORKER_SERVER is None:
        raise ExportError("no app to draw with: start the worker with `dashboard worker`")
    return jobmanagers.WORKER_SERVER


def render_job(set_progress, clicks, controls, language):
    """The background callback: the file of the button clicked, with its progress shown."""
    server = _server()
    with server.app_context():
        refused = _follow_data(server, language)
        if refused is not None:
            return answer(no_update, refused)
        asked = dict(clicks=clicks, controls=controls, language=language)
        request = _request(asked, {"triggered_inputs": ctx.triggered})
        if request is None:
            return answer(no_update, no_update)
        return _draw(server, request, set_progress)


def _follow_data(server: flask.Flask, language: str | None) -> str | None:
    """In ``dashboard worker``: the page's data version loaded when the worker's files give it
    (``workerdata``); else the words that say why the file is not drawn. None on one host."""
    manager = server.config[JOBS_KEY]
    if isinstance(manager, ThreadJobs):
        return None
    asked = manager._kept(f"version-{_celery_job()}")
    source = jobmanagers.WORKER_DATA
    if asked is None or asked == current_state().version:
        followed = Followed.SAME
    elif source is None:  # a worker that knows no data folder: it cannot follow
        log.error("job: the page shows data version %s, this worker has another", asked)
        followed = Followed.OTHER
    else:
        followed = source.follow(server, asked)
    if followed in (Followed.SAME, Followed.RELOADED):
        return None
    language = page_language(current_state(), language)
    button = (ctx.triggered or [{}])[0].get("prop_id", ".").rsplit(".", 1)[0]
    kind = JOB_BUTTONS.get(button, ("file",))[0]
    reason = (
        jobwork.invalid_data_reason(language)
        if followed is Followed.INVALID
        else jobwork.other_data_reason(language)
    )
    return jobwork.failed_message(language, kind, reason)


def _draw(server: flask.Flask, request: jobwork.JobRequest, set_progress) -> tuple:
    manager = server.config[JOBS_KEY]
    state = current_state()
    job, key = _JOB.get() or (_celery_job(), "")
    cancel_key = f"cancel:{job}"
    report = jobwork.reporter(
        set_progress, request.language, lambda: manager.store.flagged(cancel_key)
    )
    apart = offload.render_process(server) if isinstance(manager, ThreadJobs) else None
    progress_to = (
        (str(manager.store.folder), manager._make_progress_key(key), cancel_key)
        if apart is not None
        else None
    )
    try:
        made = jobwork.make_file(
            state, request, manager.store, report, apart=apart, progress_to=progress_to
        )
    except (
        Cancelled
    ):  # said again as the job ends (the progress bar's reset empties the live region)
        return answer(no_update, words_for(request.language).text("Cancelled.", "downloads"))
    except (
        RendererBusy
    ) as err:  # this process's render slots are all taken: as the queue's "busy", with Retry-After
        if key:
            manager._keep(f"{key}-busy", 1)
        return answer(
            no_update,
            words_for(request.language).text(
                "Too many image and deck downloads at once: the {format} file was not made. Try again in {seconds} s.",
                "downloads",
                format=request.kind.upper(),
                seconds=err.retry_after,
            ),
        )
    except ExportError as err:
        return answer(no_update, jobwork.failed_message(request.language, request.kind, str(err)))
    except Exception:  # never a server error page for a download; the log has the details
        log.exception("job %s: %s %s failed", job, request.kind, request.chart)
        return answer(no_update, jobwork.failed_message(request.language, request.kind, None))
    return _outputs(made, request.language)


def _celery_job() -> str:
    from celery import current_task

    return current_task.request.id if current_task else ""


PROGRESS = [
    Output(ID.JOB_PROGRESS, "aria-valuenow"),
    Output(ID.JOB_PROGRESS, "aria-valuemax"),
    Output(ID.JOB_PROGRESS, "aria-valuetext"),
    Output(ID.JOB_BAR, "style"),
    Output(ID.JOB_STEP, "children"),
    Output(
        ID.VIEW_DOWNLOAD_STATUS, "children", allow_duplicate=True
    ),  # the live region: each step is announced
]
PROGRESS_DEFAULT = [0, 1, "", {"width": "0%"}, "", ""]


# Cancel, said at once in the page's language: the panel goes, the live region says so (the job
# itself stops at its next picture, and its buttons come back when it has).
CANCELLED = """
    function() {
        const said = %s;
        const language = arguments[arguments.length - 1];
        return [true, said[language] || said["en"]];
    }
    """ % json.dumps(
    {code: words_for(code).text("Cancelled.", "downloads") for code in LANGUAGES},
    ensure_ascii=False,
)


def attach_jobs(app, config) -> None:
    """Register the drawing downloads on ``app`` as background callbacks of its jobs' manager."""
    manager = jobmanagers.make_manager(config)
    app.server.config[JOBS_KEY] = manager
    buttons = list(JOB_BUTTONS)
    app.callback(
        output=dict(
            download=Output(ID.DOWNLOAD, "data", allow_duplicate=True),
            status=Output(ID.VIEW_DOWNLOAD_STATUS, "children", allow_duplicate=True),
        ),
        inputs=dict(
            clicks=[Input(button, "n_clicks") for button in buttons],
            controls=CONTROL_STATES,
            language=State(ID.LANGUAGE, "data"),
        ),
        background=True,
        manager=manager,
        interval=POLL_MS,
        progress=PROGRESS,
        progress_default=PROGRESS_DEFAULT,
        running=[
            *[(Output(button, "disabled"), True, False) for button in buttons],
            (Output(ID.JOB_PANEL, "hidden"), False, True),
        ],
        cancel=[Input(ID.JOB_CANCEL, "n_clicks")],
        prevent_initial_call=True,
    )(render_job)
    app.clientside_callback(
        CANCELLED,
        output=[
            Output(ID.JOB_PANEL, "hidden", allow_duplicate=True),
            Output(ID.VIEW_DOWNLOAD_STATUS, "children", allow_duplicate=True),
        ],
        inputs=[Input(ID.JOB_CANCEL, "n_clicks")],
        state=[State(ID.LANGUAGE, "data")],
        prevent_initial_call=True,
    )
