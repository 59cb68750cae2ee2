"""Slow clients against the production set-up, before and after the buffering proxy.

Opens ``--slow`` connections to 127.0.0.1 that send a request line and then one header
line every ``--every`` seconds (never finishing their headers), and meanwhile asks for the
page (``/status`` and ``/``) once a second, recording how long each answer takes. Two
set-ups, each on a free loopback port and stopped afterwards:

- ``direct``: ``gunicorn -c gunicorn.conf.py`` alone (2 workers x 16 threads), as the README
  described production before: each slow client holds a thread while gunicorn waits for
  its headers;
- ``production``: ``bash scripts/serve.sh --production`` (nginx in front, headers read
  within ``client_header_timeout``, whole requests buffered before gunicorn sees them).

Prints, per set-up, how many normal requests were answered within ``--within`` seconds, and
their p50/max. Bounded: ``--seconds`` (≤ 120) of slow clients, ``--slow`` ≤ 500, loopback only.
Nothing asserts (tests/test_production.py does, with a generous bound).

Run: ``.venv/bin/python bench/slow_clients.py`` (defaults: 200 slow clients, one header line
every 5 s, 30 s, both set-ups).
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import HOST, ROOT, free_port  # noqa: E402  (one free-port helper for the benches)


def start(setup: str, port: int, log) -> subprocess.Popen:
    if setup == "direct":
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"{HOST}:{port}",
            "dashboard.wsgi:server",
        ]
    else:
        command = ["bash", "scripts/serve.sh", "--production", "--port", str(port)]
    return subprocess.Popen(
        command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def answer_s(url: str, timeout: float) -> float | None:
    """Seconds until a full 200 answer, or None (an error, or no answer within ``timeout``)."""
    began = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            return time.monotonic() - began if response.status == 200 else None
    except OSError:
        return None


def wait_ready(url: str, process: subprocess.Popen, limit_s: float = 120) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if answer_s(url, 2) is not None:
            return
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}")
        time.sleep(0.5)
    raise SystemExit("the server did not answer within {limit_s:.0f} s")


class SlowClients:
    """``count`` connections that each send one more header line every ``every`` seconds,
    for at most ``rounds`` lines (a bounded loop), from one thread."""

    def __init__(self, port: int, count: int, every: float, rounds: int) -> None:
        self.port, self.every, self.rounds = port, every, rounds
        self.sockets: list[socket.socket] = []
        for _ in range(count):
            s = socket.create_connection((HOST, port), timeout=5)
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            self.sockets.append(s)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._drip, daemon=True)
        self._thread.start()

    def _drip(self) -> None:
        for line in range(self.rounds):
            if self._stop.wait(self.every):
                return
            for s in self.sockets:
                try:
                    s.sendall(b"X-Slow-%d: 1\r\n" % line)
                except OSError:
                    pass  # the server gave up on it: what a proxy should do

    def close(self) -> None:
        self._stop.set()
        self._thread.join(self.every + 1)
        for s in self.sockets:
            s.close()


def measure(setup: str, slow: int, every: float, seconds: float, within: float) -> dict:
    port = free_port()
    with open(Path(tempfile.gettempdir()) / f"dashboard-slow-clients-{setup}.log", "wb") as log:
        process = start(setup, port, log)
        try:
            base = f"http://{HOST}:{port}/"
            wait_ready(base + "status", process)
            clients = SlowClients(port, slow, every, int(seconds / every) + 1)
            times: list[float | None] = []
            try:
                end = time.monotonic() + seconds
                while time.monotonic() < end:
                    for path in ("status", ""):
                        times.append(answer_s(base + path, within + 1))
                    time.sleep(1)
            finally:
                clients.close()
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(60)
    done = sorted(t for t in times if t is not None and t <= within)
    return {
        "setup": setup,
        "asked": len(times),
        "answered": len(done),
        "p50_ms": round(1000 * statistics.median(done)) if done else None,
        "max_ms": round(1000 * done[-1]) if done else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slow", type=int, default=200)
    parser.add_argument("--every", type=float, default=5.0)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--within", type=float, default=2.0)
    parser.add_argument("--setups", default="direct,production")
    args = parser.parse_args()
    if not (1 <= args.slow <= 500 and 0 < args.seconds <= 120):
        parser.error("--slow must be 1–500 and --seconds at most 120")
    for setup in args.setups.split(","):
        result = measure(setup, args.slow, args.every, args.seconds, args.within)
        print(
            f"{setup:>10}: {result['answered']} of {result['asked']} normal requests answered within {args.within:g} s "
            f"with {args.slow} slow clients (p50 {result['p50_ms']} ms, max {result['max_ms']} ms)",
            flush=True,
        )


if __name__ == "__main__":
    main()
