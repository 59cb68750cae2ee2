"""WSGI entry point for production servers: ``gunicorn -c gunicorn.conf.py dashboard.wsgi:server``.

Reads the shipped ``data/``, ``seeds/`` and ``config.yaml`` unless the environment names
others: ``DASHBOARD_DATA``, ``DASHBOARD_SEEDS``, ``DASHBOARD_CONFIG``.

Under the shipped ``gunicorn.conf.py`` the master loads and validates the data once
(``on_starting``) and again on each reload (``kill -HUP``); a reload that finds problems
keeps the last good data (``dashboard.web.server.Keeper``). The master never imports this
module: each worker imports it after the fork and builds its app from the snapshot the
master's keeper held at that moment, so the workers forked after a reload serve the new
data (or the last good data), and every answer of a worker comes from one snapshot. Without that config, this module loads the data itself, and invalid
data or config stops the worker with exit code 3, which makes gunicorn stop with the
path:line messages instead of restarting workers that cannot boot.

Each worker draws its image and deck downloads in a render process of its own
(``dashboard.web.offload``), so a deck being composed never holds the GIL the page's
filter changes need.
"""

from __future__ import annotations

import sys

from dashboard.curated.problems import DataInvalid
from dashboard.web import server as serving
from dashboard.web.server import data_paths as paths  # noqa: F401  (kept: scripts name it)

WORKER_BOOT_ERROR = 3  # gunicorn's exit code for "this worker can never boot": the master halts


def keeper() -> serving.Keeper:
    """The master's keeper when gunicorn's hooks loaded the data already, else a new one."""
    data, seeds, config = paths()
    kept = serving.KEEPER
    if (
        kept is not None
        and kept.current is not None
        and (kept.data_dir, kept.seeds_dir, kept.config_path) == (data, seeds, config)
    ):
        return kept
    kept = serving.Keeper(data, seeds, config)
    kept.start()  # DataInvalid when there is nothing valid to serve
    serving.KEEPER = kept
    return kept


def _build():
    from dashboard.web.app import create_app
    from dashboard.web.offload import draw_apart

    try:
        snapshot = keeper().current
    except DataInvalid as err:
        print(err.report(), file=sys.stderr)
        raise SystemExit(WORKER_BOOT_ERROR) from None
    app = create_app(snapshot.dataset, snapshot.config, snapshot.seeds_dir, keeper().data_dir)
    draw_apart(app, snapshot.dataset, snapshot.config)  # decks never hold the page's GIL
    return app


app = _build()
server = app.server
