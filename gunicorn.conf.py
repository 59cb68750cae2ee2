"""Production settings: ``gunicorn -c gunicorn.conf.py dashboard.wsgi:server``, which
``bash scripts/serve.sh --production`` runs behind nginx (deploy/nginx.conf: slow clients
must not hold these threads while they send their headers).

Sized for a 2-core host; every value can be overridden on the command line or with
``GUNICORN_CMD_ARGS`` (e.g. ``--bind 0.0.0.0:8050 --workers 4``).

- **Workers and threads.** Two processes (one per core) of sixteen threads each. A filter
  change is a few milliseconds of pandas and plotly; an image or deck download is drawn
  in the worker's render process (``dashboard.web.offload``: niced, its own Chromium,
  started on the first download), and the worker's thread only waits for it, holding no
  CPU and no GIL. ``serving.renders_at_once`` + ``serving.renders_waiting`` (config.yaml;
  2 + 4) threads at most wait so; the other ten answer filter changes. Measured in
  docs/performance.md, "Load".
- **Timeouts.** An image waits at most 10 s for Chromium (``renderer.RENDER_TIMEOUT``), a
  download at most 15 s for a render slot and then 40 s for its render process
  (``offload.RESULT_TIMEOUT``), all under the 60 s worker timeout, so a hung browser or
  render process becomes an error message, never a killed worker.
- **Request limits.** Request line and headers are bounded here; the body by
  ``serving.max_request_kb`` in the app (413).
- **Last good data.** The master validates the data before binding the port: invalid data
  at the first start prints every problem as ``path:line`` and exits 1 (no crash loop).
  ``kill -HUP <master>`` reloads: the new workers get the new data when it is valid, and
  keep the last good data otherwise, with the problems in the log and on ``/status``.
  The master never builds the app: each worker builds it after the fork (``preload_app``).
  A changed data, seeds or config file does the same by itself: the master looks every
  ``watch_data_every_s`` seconds (file sizes and modification times) and reloads.
"""

import sys

bind = "127.0.0.1:8050"
workers = 2
worker_class = "gthread"
threads = 16  # downloads wait on the render process without CPU: threads are cheap here
timeout = 60
graceful_timeout = 30
keepalive = 5
# Recycle a worker now and then (a slow leak stays bounded), staggered. Not often: a new worker
# loads the data and its render process restarts Chromium, seconds of CPU during which the other
# worker takes every request. At 2,000 requests a busy site (95 requests/s, bench/load.py)
# recycled each worker every 45 s and the filter p95 rose from 181 to 308 ms; the caches are
# bounded, so a worker's memory is flat between recycles (docs/performance.md, "Load").
max_requests = 20000
max_requests_jitter = 2000
limit_request_line = 8190
limit_request_fields = 64
limit_request_field_size = 8190
accesslog = "-"
errorlog = "-"
loglevel = "info"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
control_socket_disable = True  # one per-user socket would clash between instances; signals suffice
# Each worker imports dashboard.wsgi after the fork and builds its app from the data the
# master's keeper holds then: the master loads and validates data but never builds the app
# (nor imports dashboard.wsgi), or every worker, also after a reload, would inherit the
# start-up app and serve the start-up data while /status showed the new version.
preload_app = False


def _keeper():
    from dashboard.web import server as serving

    if serving.KEEPER is None:
        serving.KEEPER = serving.Keeper(*serving.data_paths())
    return serving.KEEPER


def on_starting(server):
    from dashboard.curated.problems import DataInvalid

    if server.cfg.preload_app or "dashboard.wsgi" in sys.modules:
        print(
            "Not starting: --preload builds the app once in the master, so a reload would never reach the page; start without --preload.",
            file=sys.stderr,
        )
        sys.exit(1)
    try:
        snapshot = _keeper().start()
    except DataInvalid as err:
        print(err.report(), file=sys.stderr)
        print("Not starting: fix the data (or config) above and start again.", file=sys.stderr)
        sys.exit(1)
    server.log.info("serving data version %s", snapshot.version)


watch_data_every_s = 2.0  # the master reloads (as on HUP) when a data, seeds or config file changes; None: only on HUP


def when_ready(server):
    """Watch the data files from the master: a change reloads exactly as ``kill -HUP`` does."""
    import os
    import signal
    import threading

    from dashboard.web import server as serving

    every = watch_data_every_s
    if not every:
        return
    keeper = _keeper()
    watcher = serving.DataWatcher(keeper.data_dir, keeper.seeds_dir, keeper.config_path)
    serving.WATCH_S = every
    master = os.getpid()

    def watch():  # stat calls only; the reload itself runs in the master's own loop (on_reload)
        stop = threading.Event()
        while not stop.wait(every):
            changed = watcher.changed()
            if changed:
                serving.CHANGED[:] = changed  # kept in the package: a reload re-reads this file
                os.kill(master, signal.SIGHUP)

    threading.Thread(target=watch, name="data-watcher", daemon=True).start()
    server.log.info(
        "reloading when files under %s, %s or %s change (checked every %g s)",
        keeper.data_dir,
        keeper.seeds_dir,
        keeper.config_path,
        every,
    )


def on_reload(server):
    from dashboard.web import server as serving

    changed, serving.CHANGED[:] = list(serving.CHANGED), []
    trigger = (
        (
            "changed: "
            + ", ".join(changed[:5])
            + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
        )
        if changed
        else "signal"
    )
    result = _keeper().reload(trigger)
    if result.ok:
        server.log.info("reloaded: serving data version %s", _keeper().current.version)
    else:
        server.log.error(
            "reload refused with %d problem(s); still serving data version %s (see /status)",
            len(result.problems),
            _keeper().current.version,
        )
