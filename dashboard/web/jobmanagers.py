"""The managers of render jobs: Dash's own ``DiskcacheManager`` and ``CeleryManager``, each
with the shared queue bound, files made once, and a dead job reported (``_Admission``).

- ``ThreadJobs`` (one host, nothing extra, the default): the job runs on a thread of the web
  process rather than in a process forked from it, and hands the drawing to what the process
  already has (under gunicorn the worker's render process with its warm Chromium, ``offload``;
  under ``dashboard serve`` its own renderer): no cold Chromium per job, no fork of a threaded
  worker. Results, progress and the signing secret live in one diskcache folder that every
  worker of the host shares, so any worker answers a page's polls.
- ``CeleryJobs`` (``REDIS_URL`` set): Celery with Redis as broker and result store; a job's
  message is acknowledged only when done (``task_acks_late``) and given back when its worker
  dies (``task_reject_on_worker_lost``), so another worker runs it again. ``run_worker`` is
  ``dashboard worker``.

Either way a job still without a result after ``serving.job_time_limit_s``, or whose process
is gone, is reported to the page as stopped, never left spinning.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import os
import tempfile
import threading
import uuid
from pathlib import Path

import flask
from dash import CeleryManager, DiskcacheManager, dcc
from plotly.utils import PlotlyJSONEncoder

from dashboard.outputs.filestore import DiskStore, RedisStore, Store, open_store
from dashboard.web import jobwork
from dashboard.web.callbacks import DOWNLOAD_BUTTONS, current_state
from dashboard.web.links import page_language
from dashboard.web.urlstate import from_controls
from dashboard.web.workerdata import WorkerData
from dashboard.words import LANGUAGES

log = logging.getLogger("dashboard.jobs")
JOBS_KEY = "DASHBOARD_JOBS"  # where the app keeps its manager (Flask config)
POLL_MS = (
    100  # how often the page asks whether its job is done: a file made before comes within one poll
)
NO_UPDATE = {"_dash_no_update": "_dash_no_update"}  # "leave it as it is", as a stored result
JOB_BUTTONS = {
    button: request for button, request in DOWNLOAD_BUTTONS.items() if jobwork.is_job(request[0])
}
REDIS_URL = "REDIS_URL"
WORKER_SERVER: flask.Flask | None = None  # in ``dashboard worker``: the app whose data jobs draw
WORKER_DATA: WorkerData | None = None  # in ``dashboard worker``: where it loads a newer version


JOBS_FOLDER = "DASHBOARD_JOBS_FOLDER"  # the environment's word over config's (tests, several copies on one host)


def jobs_folder(config) -> Path:
    """The shared store's folder on one host: ``DASHBOARD_JOBS_FOLDER``, ``serving.jobs_folder``,
    or one in the temporary folder."""
    if os.environ.get(JOBS_FOLDER, "").strip():
        return Path(os.environ[JOBS_FOLDER].strip())
    if config.serving.jobs_folder:
        return Path(config.serving.jobs_folder)
    return Path(tempfile.gettempdir()) / f"dashboard-jobs-{os.getuid()}"


class _Admission:
    """What both managers share: the store, the queue bound, the answers that need no job
    (a file made before, busy), and a job that died reported as stopped."""

    store: Store
    limit: int
    max_age_s: float
    retry_after_s: int

    def _keep(
        self, key: str, value
    ) -> None:  # a value for the page's next poll (a result or a note)
        raise NotImplementedError

    def _kept(self, key: str):
        raise NotImplementedError

    def build_cache_key(self, fn, args, cache_args_to_ignore, triggered):
        """Dash's key of the result, made unique per click: two people clicking the same button
        of the same view send the same arguments, and one must never read (and so remove) the
        other's result. Files made once are shared through the store instead, by view key."""
        return (
            super().build_cache_key(fn, args, cache_args_to_ignore, triggered)
            + uuid.uuid4().hex[:16]
        )

    def _without_job(self, key: str, args, context) -> str | None:
        """A job id when no job is needed (the file was made before, or the queue is full), its
        answer kept for the page's first poll; None when a job must run."""
        language = args.get("language") if isinstance(args, dict) else None
        language = language if language in LANGUAGES else "en"
        self._keep(f"{key}-language", language)
        request = _request(args, context)
        made = self.store.get(request.key(current_state().version)) if request is not None else None
        if made is not None:
            self._keep(key, _outputs(made, request.language))
            return "made"
        return None

    def _admit(self, job: str, key: str, pid: int | None = None) -> bool:
        if self.store.admit(job, self.limit, self.max_age_s, pid):
            return True
        if flask.has_request_context() and not flask.request.args.get("endId"):
            # not a page (the page's script echoes the signed endId of its load on every callback):
            # a direct request gets 429 with Retry-After; the page gets its words on its next poll
            from werkzeug.exceptions import TooManyRequests

            raise TooManyRequests(
                f"The server is busy making other files; try again in {self.retry_after_s} s.",
                retry_after=self.retry_after_s,
            )
        language = self._kept(f"{key}-language") or "en"
        self._keep(key, answer(NO_UPDATE, jobwork.busy_message(language, self.retry_after_s)))
        self._keep(f"{key}-busy", 1)
        return False

    def _result_or_stopped(self, key: str, job, result):
        """``result``; or, when there is none and the job is no longer running (its process
        died, or it outlived the time limit), the message that says so."""
        if result is not self.UNDEFINED:
            if self._kept(f"{key}-busy") and flask.has_request_context():
                seconds = str(self.retry_after_s)
                flask.after_this_request(
                    lambda response: (
                        response.headers.__setitem__("Retry-After", seconds),
                        response,
                    )[1]
                )
            return result
        if job in (None, "", "None") or self.job_running(job):
            return result
        again = self._kept(key)
        if again is not None:  # finished between the two looks
            return again
        language = self._kept(f"{key}-language") or "en"
        log.warning("job %s stopped without a result", job)
        return answer(NO_UPDATE, jobwork.stopped_message(language))


class ThreadJobs(_Admission, DiskcacheManager):
    """Dash's ``DiskcacheManager``, its jobs on threads of the web process (see the module's note)."""

    def __init__(self, store: DiskStore, limit: int, max_age_s: float, retry_after_s: int) -> None:
        DiskcacheManager.__init__(self, store.cache, expire=max_age_s * 2)
        self.store, self.limit, self.max_age_s, self.retry_after_s = (
            store,
            limit,
            max_age_s,
            retry_after_s,
        )

    def _keep(self, key: str, value) -> None:
        self.handle.set(key, value, expire=self.max_age_s * 2)

    def _kept(self, key: str):
        return self.handle.get(key)

    def call_job_fn(self, key, job_fn, args, context):
        done = self._without_job(key, args, context)
        if done is not None:
            return done
        job = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
        if not self._admit(job, key, os.getpid()):
            return "busy"
        self._keep(f"job-{job}", key)
        copied = (
            contextvars.copy_context()
        )  # the request's Flask app: the job reads the page's state
        copied.run(_JOB.set, (job, key))

        def run() -> None:
            try:
                copied.run(job_fn, key, self._make_progress_key(key), args, {**context, "job": job})
            finally:
                self.store.leave(job)

        threading.Thread(target=run, name=f"job-{job}", daemon=True).start()
        return job

    def job_running(self, job):
        """Running, or finished with its result not yet read (Dash asks after reading nothing,
        and a job that ended in between must not look cancelled)."""
        if not job or "-" not in str(job):
            return False
        if self.store.running(str(job), self.max_age_s):
            return True
        key = self._kept(f"job-{job}")
        return key is not None and self._kept(key) is not None

    def terminate_job(self, job):
        if self.job_running(job):  # Cancel: the job stops at its next picture
            self.store.flag(f"cancel:{job}", self.max_age_s * 2)

    def terminate_unhealthy_job(self, job):
        return False

    def get_result(self, key, job):
        return self._result_or_stopped(key, job, super().get_result(key, job))


def _request(args, context) -> jobwork.JobRequest | None:
    """The file the click asks for (its button, the controls, the page's language), from the
    callback's named inputs (``clicks``, ``controls``, ``language``)."""
    triggered = (context or {}).get("triggered_inputs") or []
    button = triggered[0]["prop_id"].rsplit(".", 1)[0] if triggered else None
    asked = JOB_BUTTONS.get(button)
    if asked is None or not isinstance(args, dict):
        return None
    state = current_state()
    years, programmes, metric, scope, quantity = args["controls"]
    language = page_language(state, args["language"])
    filters = from_controls(
        years, programmes, metric, state.choices, state.defaults, scope, quantity
    )
    return jobwork.JobRequest(asked[0], asked[1], filters, language, dt.date.today())


def answer(download, status) -> dict:
    """The render callback's outputs by name: the file sent (``download``) and the status line."""
    return {"download": download, "status": status}


def _outputs(made, language: str) -> dict:
    return answer(
        dcc.send_bytes(made.content, made.title), jobwork.done_message(language, made.title)
    )


_JOB: contextvars.ContextVar[tuple[str, str] | None] = contextvars.ContextVar(
    "dashboard_job", default=None
)  # (job id, Dash's key)


ENDED = ("SUCCESS", "FAILURE", "REVOKED")
_STORES: dict[str, RedisStore] = {}  # by Celery app name: the store its finished tasks leave


def celery_app(redis_url: str, time_limit_s: int):
    """The Celery app of the jobs: Redis at ``redis_url`` as broker and result store."""
    from celery import Celery

    app = Celery(f"dashboard-{uuid.uuid4().hex[:8]}", broker=redis_url, backend=redis_url)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_track_started=True,
        task_time_limit=time_limit_s,
        worker_prefetch_multiplier=1,
        result_expires=2 * time_limit_s,
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
    )
    return app


class CeleryJobs(_Admission, CeleryManager):
    """Dash's ``CeleryManager`` with the shared queue bound, files made once and stopped jobs reported."""

    def __init__(self, redis_url: str, limit: int, max_age_s: float, retry_after_s: int) -> None:
        CeleryManager.__init__(
            self, celery_app(redis_url, int(max_age_s)), expire=int(max_age_s * 2)
        )
        self.store, self.limit, self.max_age_s, self.retry_after_s = (
            RedisStore(redis_url),
            limit,
            max_age_s,
            retry_after_s,
        )
        _STORES[self.handle.main] = self.store
        from celery.signals import task_postrun

        task_postrun.connect(_left, weak=False)

    def _keep(self, key: str, value) -> None:
        self.handle.backend.set(key, json.dumps(value, cls=PlotlyJSONEncoder))
        self.handle.backend.expire(key, int(self.max_age_s * 2))

    def _kept(self, key: str):
        found = self.handle.backend.get(key)
        return json.loads(found) if found is not None else None

    def call_job_fn(self, key, job_fn, args, context):
        done = self._without_job(key, args, context)
        if done is not None:
            return done
        job = uuid.uuid4().hex
        if not self._admit(job, key):
            return "busy"
        self._keep(f"job-{job}", key)
        self._keep(
            f"version-{job}", current_state().version
        )  # the worker draws only the data this page shows
        job_fn.apply_async(args=(key, self._make_progress_key(key), args, context), task_id=job)
        return job

    def job_running(self, job):
        """Queued or running (and younger than the time limit), or done with its result unread."""
        if not job or job in ("made", "busy"):
            return False
        key = self._kept(f"job-{job}")
        if key is not None and self.handle.backend.get(key) is not None:
            return True
        if not self.store.running(str(job), self.max_age_s):
            return False
        return self.handle.AsyncResult(job).status not in ENDED

    def terminate_job(self, job):
        if job and job not in ("made", "busy"):  # Cancel: the job stops at its next picture
            self.store.flag(f"cancel:{job}", self.max_age_s * 2)

    def terminate_unhealthy_job(self, job):
        return False

    def get_result(self, key, job):
        return self._result_or_stopped(key, job, super().get_result(key, job))


def _left(sender=None, task_id=None, **_):
    """A finished task (its result stored by Dash) leaves the queue."""
    store = _STORES.get(getattr(getattr(sender, "app", None), "main", None))
    if store is not None and task_id:
        store.leave(task_id)


def make_manager(config):
    """The jobs' manager: Celery with Redis when ``REDIS_URL`` is set, else threads over diskcache."""
    serving = config.serving
    redis_url = os.environ.get(REDIS_URL, "").strip()
    if redis_url:
        return CeleryJobs(
            redis_url, serving.jobs_queued, serving.job_time_limit_s, serving.retry_after_s
        )
    return ThreadJobs(
        open_store(jobs_folder(config)),
        serving.jobs_queued,
        serving.job_time_limit_s,
        serving.retry_after_s,
    )


def _prewarm(**_) -> None:
    """Each pool process starts its Chromium as it starts, not at its first deck: measured by
    bench/jobs.py, a cold start cost a job 2.3 CPU-seconds more than a warm one."""
    from dashboard.outputs.renderer import prewarm

    prewarm()


def run_worker(app, concurrency: int, source: WorkerData | None = None) -> None:
    """``dashboard worker``: run the jobs of ``app``'s Celery manager (its data and config) until
    stopped; with ``source``, a job of another data version loads it from there (``workerdata``)."""
    global WORKER_SERVER, WORKER_DATA
    manager = app.server.config[JOBS_KEY]
    if not isinstance(manager, CeleryJobs):
        raise RuntimeError("set REDIS_URL: the worker takes its jobs from Redis")
    WORKER_SERVER, WORKER_DATA = app.server, source
    from celery.signals import worker_process_init

    worker_process_init.connect(_prewarm, weak=False)
    for chatty in (
        "kaleido",
        "choreographer",
    ):  # a line per tab taken: the task lines are what the log is for
        logging.getLogger(chatty).setLevel(logging.WARNING)
    manager.handle.worker_main(
        [
            "worker",
            "--loglevel=INFO",
            f"--concurrency={concurrency}",
            "--pool=prefork",
            "--without-gossip",
            "--without-mingle",
        ]
    )
