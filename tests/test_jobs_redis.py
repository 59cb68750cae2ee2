"""Render jobs on several hosts: with ``REDIS_URL`` set, the page's decks are drawn by
``dashboard worker`` (Celery, Redis as broker and store). Each test starts Debian's
``redis-server`` on a free loopback port and a worker of its own; the test command installs
redis-server (scripts/install.sh --test). Waits are bounded only so that a hang fails.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dashboard.config import load_config
from dashboard.web.app import create_app
from tests.test_jobs import ask, click, poll
from tests.test_serving_faults import alive, descendants, is_browser
from tests.test_wsgi import free_port

pytestmark = pytest.mark.chromium
GUARD_S = 120


def wait_until(condition, what: str, bound_s: float = GUARD_S):
    deadline = time.monotonic() + bound_s
    while not (found := condition()):
        assert time.monotonic() < deadline, f"{what} did not happen within {bound_s} s"
        time.sleep(0.1)
    return found


@pytest.fixture
def redis_url(tmp_path, monkeypatch):
    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    assert Path(server).exists(), (
        "redis-server is missing: `bash scripts/install.sh --test` installs it (apt-get install redis-server)"
    )
    port = free_port()
    process = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"redis://127.0.0.1:{port}/0"
    import redis

    wait_until(lambda: _pings(redis, url), "redis-server starting")
    monkeypatch.setenv("REDIS_URL", url)
    yield url
    process.kill()
    process.wait(10)


def _pings(redis, url: str) -> bool:
    try:
        return redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        return False


@pytest.fixture
def worker(redis_url, tmp_path, data_dir, seeds_dir):
    log = tmp_path / "worker.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dashboard.cli",
                "worker",
                "--concurrency",
                "1",
                "--data",
                str(data_dir),
                "--seeds",
                str(seeds_dir),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "REDIS_URL": redis_url},
            start_new_session=True,
        )
    wait_until(
        lambda: "ready." in log.read_text(errors="replace") or process.poll() is not None,
        "the worker starting",
    )
    assert process.poll() is None, log.read_text(errors="replace")[-2000:]
    yield process, log
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(10)


def test_a_deck_asked_through_one_web_process_is_drawn_by_the_worker_and_served_from_redis_through_another(
    dataset, data_dir, seeds_dir, worker
):
    process, log = worker
    config = load_config(None)
    first, second = (
        create_app(dataset, config, seeds_dir, data_dir) for _ in range(2)
    )  # two web processes
    body = click(first, "pptx")
    made = poll(first, body, ask(first, body))[-1].get_json()["response"]
    assert made["download"]["data"]["filename"].endswith(".pptx")
    assert "Task background_callback_" in log.read_text(
        errors="replace"
    ) and "succeeded" in log.read_text(errors="replace")
    again = click(second, "pptx")
    handles = ask(second, again)
    assert handles["job"].startswith("made"), (
        "the second web process started a job for a deck Redis holds"
    )
    served = poll(second, again, handles)[-1].get_json()["response"]
    assert served["download"]["data"] == made["download"]["data"]


def test_a_worker_killed_mid_render_loses_no_job_it_is_drawn_again(
    dataset, data_dir, seeds_dir, worker
):
    process, log = worker
    app = create_app(dataset, load_config(None), seeds_dir, data_dir)
    body = click(app, "pptx")
    handles = ask(app, body)

    def drawing():  # the pool process (below the worker) whose browser has started
        for pid in descendants(process.pid):
            if any(is_browser(args) for args in descendants(pid).values()):
                return pid
        return None

    victim = wait_until(drawing, "a pool process drawing")
    os.kill(victim, signal.SIGKILL)
    wait_until(lambda: not alive(victim), "the killed pool process going")
    answer = poll(app, body, handles)[-1].get_json()["response"]
    assert answer["download"]["data"]["filename"].endswith(".pptx"), answer
    assert process.poll() is None


def test_a_worker_with_other_data_than_the_page_says_so_instead_of_drawing_it(
    dataset, data_dir, seeds_dir, worker
):
    from dataclasses import replace

    from dashboard.web.state import STATE_KEY

    process, log = worker
    app = create_app(dataset, load_config(None), seeds_dir, data_dir)
    state = app.server.config[STATE_KEY]
    app.server.config[STATE_KEY] = replace(
        state, version="reloaded0000"
    )  # the web processes reloaded, the worker did not
    body = click(app, "pptx")
    answer = poll(app, body, ask(app, body))[-1].get_json()["response"]
    assert "download" not in answer
    assert "older or newer data than this page" in answer["view-download-status"]["children"]
    assert "a job asks for data version reloaded0000" in log.read_text(errors="replace")
