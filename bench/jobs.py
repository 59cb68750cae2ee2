"""Render jobs on several hosts, measured on this one: Redis, two web processes, one then two
``dashboard worker`` processes (docs/deploy.md).

Starts Debian's ``redis-server`` on a free 127.0.0.1 port, two gunicorn web processes (one
worker each, ``REDIS_URL`` set) on two ports and one Celery worker (``--concurrency 1``);
nothing but loopback is contacted. Then, twice (one worker, then two):

- ``--decks`` different decks (year ranges × English/Vietnamese) are asked for at once,
  alternately through the two web processes, each polled as often as the page polls (web/jobmanagers.POLL_MS);
- meanwhile ``--users`` simulated users change filters on both web processes (what the page
  sends, built from ``/_dash-dependencies``; ``--think`` seconds between changes).

Reports the filter p50/p95 during the decks (goal p95 < 300 ms), the decks' throughput with
one and with two workers (goal ≥ 1.7×), and the time a second person takes to get a deck
already made, asked through the other web process (goal < 0.2 s), with the machine's load.
Files made in the first round are removed from Redis before the second. Bounded: every wait
has a limit; at most ``--seconds`` per round. Nothing asserts; the figures go in the README.

Run: ``.venv/bin/python bench/jobs.py`` (defaults: 24 decks, 100 users, 2 s think time).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import HOST, ROOT, Client, Page, free_port  # noqa: E402

sys.path.insert(0, str(ROOT))
from dashboard.web.jobmanagers import POLL_MS  # noqa: E402

POLL_S = POLL_MS / 1000  # as the page polls
GUARD_S = 90


def start(command: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen:
    with log.open("wb") as out:
        return subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT, start_new_session=True
        )


def stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def wait_for(what: str, condition, bound_s: float = GUARD_S) -> None:
    deadline = time.monotonic() + bound_s
    while not condition():
        if time.monotonic() > deadline:
            sys.exit(f"{what} did not happen within {bound_s} s")
        time.sleep(0.2)


def answers(port: int, path: str = "/status") -> bool:
    try:
        return Client(port, timeout=5).request("GET", path)[0] == 200
    except OSError:
        return False


def deck(
    client: Client, page: Page, years: tuple[int, int], language: str, poll_s: float = POLL_S
) -> tuple[float, bool]:
    """Ask for the deck of a view as the page does (the click, then polls); seconds to the file."""
    values = {"filter-years": list(years), "page-language": language, "download-view-pptx": 1}
    body = page.body("..download.data@", values, "download-view-pptx.n_clicks")
    started = time.perf_counter()
    status, data = client.request("POST", "/_dash-update-component", body)
    if status != 200 or b"cacheKey" not in data:
        return time.perf_counter() - started, False
    handles = json.loads(data)
    query = urllib.parse.urlencode({"cacheKey": handles["cacheKey"], "job": handles["job"]})
    deadline = time.monotonic() + 4 * GUARD_S
    while time.monotonic() < deadline:
        time.sleep(poll_s)
        status, data = client.request("POST", "/_dash-update-component?" + query, body)
        if status == 200 and b'"response"' in data:
            return time.perf_counter() - started, b".pptx" in data
        if status not in (200, 204):
            break
    return time.perf_counter() - started, False


def filters(
    port: int, page: Page, stop_at: list[float], latencies: list[float], seed: int, think: float
) -> None:
    rng, client = random.Random(seed), Client(port)
    time.sleep(rng.uniform(0, think))
    while time.monotonic() < stop_at[0]:
        values = page.random_controls(rng)
        body = page.body("..cards.children", values, rng.choice(list(values)) + ".value")
        started = time.perf_counter()
        try:
            status, data = client.request("POST", "/_dash-update-component", body)
            if status == 200:
                latencies.append((time.perf_counter() - started) * 1000)
        except OSError:
            pass
        time.sleep(think * rng.uniform(0.5, 1.5))


def round_of_decks(
    ports: list[int], pages: list[Page], views: list, users: int, think: float, seconds: float
) -> dict:
    latencies: list[float] = []
    stop_at = [time.monotonic() + seconds]
    crowd = [
        threading.Thread(
            target=filters,
            args=(ports[i % 2], pages[i % 2], stop_at, latencies, i, think),
            daemon=True,
        )
        for i in range(users)
    ]
    for thread in crowd:
        thread.start()
    time.sleep(think)  # the users are there before the decks are asked for
    results: list[tuple[float, bool]] = []
    started = time.perf_counter()

    def ask(i: int, years, language) -> None:
        results.append(deck(Client(ports[i % 2], timeout=GUARD_S), pages[i % 2], years, language))

    askers = [
        threading.Thread(target=ask, args=(i, *view), daemon=True) for i, view in enumerate(views)
    ]
    for thread in askers:
        thread.start()
    for thread in askers:
        thread.join(seconds)
    wall = time.perf_counter() - started
    stop_at[0] = 0
    for thread in crowd:
        thread.join(GUARD_S)
    made = sum(ok for _, ok in results)
    ordered = sorted(latencies)
    return {
        "decks": made,
        "asked": len(views),
        "wall_s": wall,
        "decks_per_min": 60 * made / wall if wall else 0,
        "filter_n": len(ordered),
        "filter_p50_ms": statistics.median(ordered) if ordered else None,
        "filter_p95_ms": ordered[int(0.95 * (len(ordered) - 1))] if ordered else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--decks", type=int, default=24)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--think", type=float, default=2.0)
    parser.add_argument("--seconds", type=float, default=300, help="at most this long per round")
    args = parser.parse_args()
    if not 1 <= args.users <= 500 or not 1 <= args.decks <= 100:
        sys.exit("--users 1–500 and --decks 1–100")
    server = shutil.which("redis-server") or sys.exit(
        "redis-server is missing: apt-get install redis-server"
    )
    scratch = Path(tempfile.mkdtemp(prefix="bench-jobs-"))
    settings = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    settings["serving"].update(
        jobs_queued=max(8, 2 * args.decks), job_time_limit_s=600
    )  # the round asks for every deck at once
    (scratch / "config.yaml").write_text(
        yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8"
    )
    redis_port, ports = free_port(), [free_port(), free_port()]
    env = {
        **os.environ,
        "REDIS_URL": f"redis://{HOST}:{redis_port}/0",
        "DASHBOARD_CONFIG": str(scratch / "config.yaml"),
    }
    processes: list[subprocess.Popen] = []
    load_before = os.getloadavg()
    try:
        processes.append(
            start(
                [
                    server,
                    "--port",
                    str(redis_port),
                    "--bind",
                    HOST,
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(scratch),
                ],
                scratch / "redis.log",
                env,
            )
        )
        for port in ports:
            processes.append(
                start(
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "-c",
                        "gunicorn.conf.py",
                        "--bind",
                        f"{HOST}:{port}",
                        "--workers",
                        "1",
                        "--access-logfile",
                        "/dev/null",
                        "dashboard.wsgi:server",
                    ],
                    scratch / f"web-{port}.log",
                    env,
                )
            )
        worker = [
            sys.executable,
            "-m",
            "dashboard.cli",
            "worker",
            "--concurrency",
            "1",
            "--config",
            str(scratch / "config.yaml"),
        ]
        processes.append(start(worker, scratch / "worker-1.log", env))
        for port in ports:
            wait_for(f"web process on {port}", lambda port=port: answers(port))
        wait_for(
            "worker 1", lambda: "ready." in (scratch / "worker-1.log").read_text(errors="replace")
        )
        pages = [Page(Client(port)) for port in ports]
        first, last = pages[0].year_range
        spans = [(a, b) for a in range(first, last + 1) for b in range(a, last + 1)]
        views = [(spans[i // 2 % len(spans)], ("en", "vi")[i % 2]) for i in range(args.decks)]
        deck(Client(ports[0]), pages[0], (first, first), "en")  # warm: the worker's Chromium starts
        one = round_of_decks(ports, pages, views, args.users, args.think, args.seconds)
        import redis as redis_client

        store = redis_client.Redis.from_url(env["REDIS_URL"])
        for key in store.scan_iter("file:*"):
            store.delete(key)  # the second round draws every deck again
        processes.append(start(worker, scratch / "worker-2.log", env))
        wait_for(
            "worker 2", lambda: "ready." in (scratch / "worker-2.log").read_text(errors="replace")
        )
        deck(
            Client(ports[1]), pages[1], (last, last), "vi"
        )  # warm the second worker (or the first again)
        two = round_of_decks(ports, pages, views, args.users, args.think, args.seconds)
        again_page, again_server = (
            deck(Client(ports[1]), pages[1], *views[0]),
            deck(Client(ports[1]), pages[1], *views[0], poll_s=0.01),
        )
    finally:
        for process in reversed(processes):
            stop(process)
        shutil.rmtree(scratch, ignore_errors=True)
    load_after = os.getloadavg()
    print(
        f"machine: {os.cpu_count()} cores, load average {load_before[0]:.1f} before, {load_after[0]:.1f} after"
    )
    for name, result in (("1 worker ", one), ("2 workers", two)):
        print(
            f"{name}: {result['decks']}/{result['asked']} decks in {result['wall_s']:.1f} s ({result['decks_per_min']:.1f}/min); "
            f"filter changes meanwhile: {result['filter_n']}, p50 {result['filter_p50_ms']:.0f} ms, p95 {result['filter_p95_ms']:.0f} ms (goal < 300)"
        )
    ratio = two["decks_per_min"] / one["decks_per_min"] if one["decks_per_min"] else 0
    print(f"throughput 2 workers / 1 worker: {ratio:.2f}× (goal ≥ 1.7×)")
    print(
        f"second person, same deck through the other web process: {again_page[0]:.3f} s polling as the page does "
        f"(every {POLL_S} s), {again_server[0]:.3f} s polling at once; file: {again_page[1] and again_server[1]} (goal < 0.2 s)"
    )


if __name__ == "__main__":
    main()
