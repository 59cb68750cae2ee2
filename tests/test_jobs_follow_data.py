"""``dashboard worker`` follows a data change: a worker started before data/ changed draws the
new version's decks once its files give that version, and refuses (keeping its data) when its
files do not validate. Each test starts Debian's ``redis-server`` on a free port and a worker
on a copy of the sample data; waits are bounded only so that a hang fails.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from dataclasses import replace

import pytest
import yaml

from dashboard.config import load_config
from dashboard.curated.validate import load_valid
from dashboard.web.app import create_app
from dashboard.web.state import STATE_KEY
from tests.test_jobs import ask, click, poll
from tests.test_jobs_redis import redis_url, wait_until  # noqa: F401  (redis_url: a fixture)

pytestmark = pytest.mark.chromium


@pytest.fixture
def copied(tmp_path, data_dir):
    """A copy of the sample data that the test changes under a running worker."""
    shutil.copytree(data_dir, tmp_path / "data")
    return tmp_path / "data"


@pytest.fixture
def worker(redis_url, tmp_path, copied, seeds_dir):  # noqa: F811
    log = tmp_path / "worker.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "dashboard.cli", "worker", "--concurrency", "1"]
            + ["--data", str(copied), "--seeds", str(seeds_dir)],
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
    yield log
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(10)


def deck_answer(app) -> dict:
    body = click(app, "pptx")
    return poll(app, body, ask(app, body))[-1].get_json()["response"]


def retitle_an_event(data) -> None:
    events_file = data / "events.yaml"
    events = yaml.safe_load(events_file.read_text(encoding="utf-8"))
    events["events"][0]["title"] += " (revised)"
    events_file.write_text(yaml.safe_dump(events, allow_unicode=True, sort_keys=False), "utf-8")


def test_a_worker_started_before_the_data_changed_draws_the_new_version_once_its_files_give_it(
    copied, seeds_dir, worker
):
    retitle_an_event(copied)  # the data change, after the worker started
    app = create_app(load_valid(copied, seeds_dir), load_config(None), seeds_dir, copied)
    answer = deck_answer(app)
    assert answer.get("download", {}).get("data", {}).get("filename", "").endswith(".pptx"), answer
    new_version = app.server.config[STATE_KEY].version
    assert f"data reloaded for a job: version {new_version}" in worker.read_text(errors="replace")


def test_a_worker_whose_files_do_not_validate_refuses_with_the_reason_and_keeps_its_data(
    dataset, copied, seeds_dir, worker
):
    figures = copied / "figures.yaml"
    text = figures.read_text(encoding="utf-8")
    line = text[: text.index("value: 7000000")].count("\n") + 1
    figures.write_text(text.replace("value: 7000000", "value: 7 million", 1), encoding="utf-8")
    app = create_app(dataset, load_config(None), seeds_dir, copied)
    kept = app.server.config[STATE_KEY]
    app.server.config[STATE_KEY] = replace(kept, version="newer0000000")  # the web reloaded
    refused = deck_answer(app)
    assert "download" not in refused
    assert "its data files have problems" in refused["view-download-status"]["children"]
    log = worker.read_text(errors="replace")
    assert f"reload refused: {figures}:{line}: value: '7 million' is not a number" in log

    app.server.config[STATE_KEY] = kept  # a page of the data the worker had: still drawn
    assert deck_answer(app)["download"]["data"]["filename"].endswith(".pptx")
