"""``dashboard worker`` starts warm: each pool process starts its Chromium when it starts, so
the first deck a worker draws does not also pay for a browser starting. The test starts
Debian's ``redis-server`` and a worker (fixtures of tests/test_jobs_redis.py)."""

from __future__ import annotations

import pytest

from tests.test_jobs_redis import redis_url, wait_until, worker  # noqa: F401  (fixtures)
from tests.test_serving_faults import descendants, is_browser

pytestmark = pytest.mark.chromium


def test_a_worker_starts_its_browser_before_any_job_is_asked_for(worker):  # noqa: F811
    process, log = worker

    def browser_started() -> bool:
        return any(is_browser(args) for args in descendants(process.pid).values())

    wait_until(browser_started, "a browser under the worker's pool, with no job asked for", 60)
    assert "Task background_callback_" not in log.read_text(errors="replace")
