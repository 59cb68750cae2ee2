"""The production set-up, one command: ``bash scripts/serve.sh --production --port P`` starts
gunicorn behind nginx (deploy/nginx.conf). Tested as an operator and a visitor meet it:
slow clients cannot take the site down, the app's files are cached and compressed, a data
edit reaches the page, and nothing is left behind at exit.

One server for the module, on a free loopback port, over a copy of the sample data; waits
are bounded only so that a hang fails the test. The 2 s bound is a correctness check with a
generous margin (normal answers take tens of milliseconds), not a speed benchmark: the
numbers are in bench/slow_clients.py.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.test_wsgi import GUARD_S, NEW_NAME, OLD_NAME, SAMPLE_SEEDS, free_port, rename_programme

ROOT = Path(__file__).resolve().parent.parent
START_S = 180  # the first start may install nginx and the package


class Production:
    def __init__(self, tmp: Path) -> None:
        self.data = tmp / "data"
        shutil.copytree(ROOT / "tests" / "fixtures" / "sample" / "data", self.data)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log = tmp / "serve.log"
        env = {**os.environ, "DASHBOARD_DATA": str(self.data), "DASHBOARD_SEEDS": str(SAMPLE_SEEDS)}
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                ["bash", "scripts/serve.sh", "--production", "--port", str(self.port)],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.wait_for(lambda: self.get("status")[0] == 200, START_S)

    def get(
        self, path: str, headers: dict | None = None, timeout: float = 10
    ) -> tuple[int | None, dict, bytes, float]:
        """Status, headers, body and seconds taken; status None when nothing came back."""
        began = time.monotonic()
        try:
            with urllib.request.urlopen(
                urllib.request.Request(self.base + path, headers=headers or {}), timeout=timeout
            ) as response:
                return (
                    response.status,
                    dict(response.headers),
                    response.read(),
                    time.monotonic() - began,
                )
        except urllib.error.HTTPError as err:
            return err.code, dict(err.headers), err.read(), time.monotonic() - began
        except OSError:
            return None, {}, b"", time.monotonic() - began

    def wait_for(self, condition, limit_s: float = GUARD_S):
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            if value := condition():
                return value
            if self.process.poll() is not None:
                pytest.fail(
                    f"serve.sh --production exited with {self.process.returncode}:\n{self.log.read_text(errors='replace')[-3000:]}"
                )
            time.sleep(0.3)
        pytest.fail(
            f"not there within {limit_s} s:\n{self.log.read_text(errors='replace')[-3000:]}"
        )

    def scratch(self) -> Path:
        return Path(
            re.search(r"logs: (\S+)/\*\.log", self.log.read_text(errors="replace")).group(1)
        )

    def stop(self) -> int:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
        return self.process.wait(GUARD_S)


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    server = Production(tmp_path_factory.mktemp("production"))
    yield server
    server.stop()


def slow_connections(
    port: int, count: int, every: float, lines: int
) -> tuple[list[socket.socket], threading.Thread]:
    """``count`` connections that send a request line, then one header line every ``every``
    seconds, ``lines`` times at most, and never finish their headers."""
    sockets = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        sockets.append(s)

    def drip():
        for line in range(lines):
            time.sleep(every)
            for s in sockets:
                try:
                    s.sendall(b"X-Slow-%d: 1\r\n" % line)
                except OSError:
                    pass

    thread = threading.Thread(target=drip, daemon=True)
    thread.start()
    return sockets, thread


def test_with_200_slow_clients_open_the_page_and_its_status_still_answer_within_2_s(production):
    sockets, dripping = slow_connections(production.port, 200, every=5, lines=3)
    try:
        time.sleep(1)  # every slow client has sent its first lines
        answers = []
        for _ in range(5):
            for path in ("status", ""):
                answers.append(production.get(path, timeout=5))
            time.sleep(1)
    finally:
        dripping.join(GUARD_S)
        for s in sockets:
            s.close()
    slow = [
        (status, round(taken, 2))
        for status, _headers, _body, taken in answers
        if status != 200 or taken > 2
    ]
    assert slow == [], (
        f"{len(slow)} of {len(answers)} normal requests failed or took over 2 s: {slow}"
    )


def test_the_apps_files_come_compressed_and_a_second_time_from_the_proxys_cache(production):
    status, headers, page, _ = production.get("", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("Content-Encoding") == "gzip"
    assert (
        headers.get("Cache-Control") == "no-cache" and "Content-Security-Policy" in headers
    )  # the app's own headers pass
    _, _, plain_page, _ = production.get("")
    script = (
        re.search(rb'src="/(_dash-component-suites/[^"]*m\d{6,}[^"]*)"', plain_page)
        .group(1)
        .decode()
    )  # fingerprinted
    first = production.get(script, {"Accept-Encoding": "gzip"})
    second = production.get(script, {"Accept-Encoding": "gzip"})
    assert first[0] == second[0] == 200 and first[2] == second[2]
    assert "max-age=31536000" in second[1].get("Cache-Control", "")
    assert second[1].get("X-Cache-Status") == "HIT"


def test_a_data_edit_reaches_the_page_through_the_proxy(production):
    before = production.get("_dash-layout")[2].decode()
    assert OLD_NAME in before
    rename_programme(production.data)  # no signal: the master watches the files
    production.wait_for(lambda: NEW_NAME in production.get("_dash-layout")[2].decode())
    layouts = [production.get("_dash-layout")[2].decode() for _ in range(10)]
    assert all(NEW_NAME in layout and OLD_NAME not in layout for layout in layouts)


@pytest.mark.chromium
def test_a_worker_killed_mid_render_leaves_no_renderer_and_its_visitor_is_told_to_try_again(
    production,
):
    from tests.test_serving_faults import (
        GONE_WITHIN_S,
        alive,
        descendants,
        is_browser,
        with_browser_groups,
    )
    from tests.test_wsgi import deck_request, job_fetch

    answers = []

    def ask():  # the deck is a job: asked for, then polled; a poll reaching the killed worker gets nginx's 503
        answers.append(job_fetch(production.base, deck_request(production.base)))

    asking = threading.Thread(target=ask, daemon=True)
    asking.start()

    def drawing():  # the worker (not the master) whose render process has started its browser
        for pid, args in descendants(production.process.pid).items():
            below = descendants(pid)
            children = subprocess.run(
                ["ps", "-o", "args=", "--ppid", str(pid)], capture_output=True, text=True
            ).stdout
            if (
                "gunicorn" in args
                and "multiprocessing.spawn" in children
                and any(is_browser(a) for a in below.values())
            ):
                return pid, below
        return None

    worker, below = production.wait_for(drawing)
    below = with_browser_groups(below, production.process.pid)
    os.kill(worker, signal.SIGKILL)
    deadline = time.monotonic() + GONE_WITHIN_S
    while time.monotonic() < deadline and any(alive(pid) for pid in below):
        time.sleep(0.25)
    asking.join(GUARD_S)
    assert [pid for pid in below if alive(pid)] == []
    told = answers and (
        (answers[0][0] == 503 and b"try again" in answers[0][1])
        or (answers[0][0] == 200 and b"Try again" in answers[0][1])
    )
    assert told, answers  # either way the visitor reads "try again", never a hang


def test_stopping_it_stops_nginx_and_gunicorn_and_removes_its_scratch_folder(production):
    scratch = production.scratch()
    assert (scratch / "nginx.conf").is_file()
    production.stop()
    assert not scratch.exists()
    assert production.get("status", timeout=2)[0] is None
