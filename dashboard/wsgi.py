"""WSGI entry point for production servers: ``gunicorn dashboard.wsgi:server``.

Reads the shipped ``data/``, ``seeds/`` and ``config.yaml`` unless the environment names
others: ``DASHBOARD_DATA``, ``DASHBOARD_SEEDS``, ``DASHBOARD_CONFIG``. Invalid data or
config stops the worker with the same path:line messages as ``dashboard validate``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from dashboard.web.app import PROJECT_ROOT, build_app
from dashboard.curated.problems import DataInvalid


def _path(variable: str, default: str) -> Path:
    value = os.environ.get(variable)
    return Path(value) if value else PROJECT_ROOT / default


try:
    app = build_app(_path("DASHBOARD_DATA", "data"), _path("DASHBOARD_SEEDS", "seeds"), _path("DASHBOARD_CONFIG", "config.yaml"))
except DataInvalid as err:
    print(err.report(), file=sys.stderr)
    raise SystemExit(1) from None

server = app.server
