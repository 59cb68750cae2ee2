"""Render jobs on several hosts, measured on this one: Redis, two web processes, one then two
``dashboard worker`` processes (docs/deploy.md).

Starts Debian's ``redis-server`` on a free 127.0.0.1 port, two gunicorn web processes (one
worker each, ``REDIS_URL`` set) on two ports and one Celery worker (``--concurrency 1``);
nothing but loopback is contacted. Then with one worker, and again with two, two rounds:

- **decks alone**: ``--decks`` different decks (year ranges × English/Vietnamese) asked for
  at once, alternately through the two web processes, each polled as often as the page polls
  (web/jobmanagers.POLL_MS), and nothing else: the deck throughput;
- **decks under load**: the same decks again (the files made before removed from Redis) while
  ``--users`` simulated users change filters on both web processes (what the page sends,
  built from ``/_dash-dependencies``; ``--think`` seconds between changes): the filter p95.

Each round reports the CPU seconds each worker used (its Python processes and its Chromium
apart, from /proc), and per deck; the web processes' CPU; the share of the whole machine's
CPU that was busy (/proc/stat, every process of every user) and the load average before and
after, so a reader can see whether cores, not code, bound the throughput. Then the time a
second person takes to get a deck already made, through the other web process (goal
< 0.2 s). Goals: throughput with two workers ≥ 1.7× one; filter p95 < 300 ms. Bounded: every
wait has a limit; at most ``--seconds`` per round. Nothing asserts; the figures go in
docs/performance.md.

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
from load import HOST, ROOT, Client, Page, free_port, tree_cpu_s  # noqa: E402

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
    if users:
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


def machine_cpu() -> tuple[int, int]:
    """Busy and total jiffies of the whole machine so far (/proc/stat: every process of every user)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    idle = fields[3] + fields[4]  # idle and iowait
    return sum(fields) - idle, sum(fields)


class Site:
    """Redis, the two web processes and the workers, each a process group of its own."""

    def __init__(self, scratch: Path, decks: int) -> None:
        self.scratch = scratch
        settings = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
        settings["serving"].update(
            jobs_queued=max(8, 2 * decks), job_time_limit_s=600
        )  # a round asks for every deck at once
        self.config = scratch / "config.yaml"
        self.config.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
        self.redis_port, self.ports = free_port(), [free_port(), free_port()]
        self.env = {
            **os.environ,
            "REDIS_URL": f"redis://{HOST}:{self.redis_port}/0",
            "DASHBOARD_CONFIG": str(self.config),
        }
        self.processes: list[subprocess.Popen] = []
        self.webs: list[subprocess.Popen] = []
        self.workers: list[subprocess.Popen] = []

    def start(self, server: str) -> None:
        redis = [server, "--port", str(self.redis_port), "--bind", HOST, "--save", ""]
        redis += ["--appendonly", "no", "--dir", str(self.scratch)]
        self.processes.append(start(redis, self.scratch / "redis.log", self.env))
        for port in self.ports:
            web = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"]
            web += ["--bind", f"{HOST}:{port}", "--workers", "1", "--access-logfile", "/dev/null"]
            self.webs.append(
                start([*web, "dashboard.wsgi:server"], self.log(f"web-{port}"), self.env)
            )
        self.processes += self.webs
        for port in self.ports:
            wait_for(f"web process on {port}", lambda port=port: answers(port))

    def log(self, name: str) -> Path:
        return self.scratch / f"{name}.log"

    def add_worker(self) -> None:
        n = len(self.workers) + 1
        worker = [sys.executable, "-m", "dashboard.cli", "worker", "--concurrency", "1"]
        process = start([*worker, "--config", str(self.config)], self.log(f"worker-{n}"), self.env)
        self.workers.append(process)
        self.processes.append(process)
        wait_for(
            f"worker {n}", lambda: "ready." in self.log(f"worker-{n}").read_text(errors="replace")
        )

    def forget_files(self) -> None:
        """Remove the decks made so far from Redis, so that the next round draws every one again."""
        import redis as redis_client

        store = redis_client.Redis.from_url(self.env["REDIS_URL"])
        for key in store.scan_iter("file:*"):
            store.delete(key)

    def cpu(self) -> dict[str, dict[str, float]]:
        used = {f"worker {i + 1}": tree_cpu_s(w.pid) for i, w in enumerate(self.workers)}
        webs = [tree_cpu_s(w.pid) for w in self.webs]
        used["web processes"] = {k: sum(w[k] for w in webs) for k in ("python", "browser")}
        return used

    def stop(self) -> None:
        for process in reversed(self.processes):
            stop(process)


def measured(site: Site, run) -> dict:
    """``run()``'s result with the CPU each of ``site``'s processes used meanwhile, the share of
    the machine's CPU that was busy, and the load average before and after."""
    load_before, cpu_before, machine_before = os.getloadavg()[0], site.cpu(), machine_cpu()
    result = run()
    load_after, cpu_after, machine_after = os.getloadavg()[0], site.cpu(), machine_cpu()
    used = {
        name: {k: cpu_after[name][k] - cpu_before.get(name, {}).get(k, 0.0) for k in spent}
        for name, spent in cpu_after.items()
    }
    busy = (machine_after[0] - machine_before[0]) / max(1, machine_after[1] - machine_before[1])
    return {**result, "cpu": used, "load": (load_before, load_after), "machine_busy": busy}


def report(label: str, result: dict) -> None:
    load = result["load"]
    print(
        f"{label}: {result['decks']}/{result['asked']} decks in {result['wall_s']:.1f} s "
        f"({result['decks_per_min']:.1f}/min); machine CPU busy {100 * result['machine_busy']:.0f} % "
        f"of {os.cpu_count()} cores; load average {load[0]:.1f} before, {load[1]:.1f} after"
    )
    if result["filter_n"]:
        print(
            f"    filter changes meanwhile: {result['filter_n']}, p50 {result['filter_p50_ms']:.0f} ms, "
            f"p95 {result['filter_p95_ms']:.0f} ms (goal < 300)"
        )
    decks = max(1, result["decks"])
    for name, spent in result["cpu"].items():
        total = spent["python"] + spent["browser"]
        each = f", {total / decks:.2f} s per deck" if name.startswith("worker") else ""
        print(
            f"    {name}: {total:.1f} CPU-s (Python {spent['python']:.1f}, Chromium {spent['browser']:.1f}){each}"
        )


def rounds(site: Site, views: list, args) -> dict[str, dict]:
    """With the site's workers: the decks alone, then the decks under the users' filter changes."""
    pages = [Page(Client(port)) for port in site.ports]
    found = {}
    for users, name in ((0, "decks alone"), (args.users, "decks under load")):
        site.forget_files()
        found[name] = measured(
            site,
            lambda users=users: round_of_decks(
                site.ports, pages, views, users, args.think, args.seconds
            ),
        )
    return found


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
    site = Site(scratch, args.decks)
    found: dict[str, dict] = {}
    try:
        site.start(server)
        site.add_worker()
        pages = [Page(Client(port)) for port in site.ports]
        first, last = pages[0].year_range
        spans = [(a, b) for a in range(first, last + 1) for b in range(a, last + 1)]
        views = [(spans[i // 2 % len(spans)], ("en", "vi")[i % 2]) for i in range(args.decks)]
        deck(Client(site.ports[0]), pages[0], (first, first), "en")  # the worker's Chromium starts
        found.update({f"1 worker, {k}": v for k, v in rounds(site, views, args).items()})
        site.add_worker()
        for port, page in zip(site.ports, pages):  # warm the second worker (or the first again)
            deck(Client(port), page, (last, last), "vi")
        found.update({f"2 workers, {k}": v for k, v in rounds(site, views, args).items()})
        again_page, again_server = (
            deck(Client(site.ports[1]), pages[1], *views[0]),
            deck(Client(site.ports[1]), pages[1], *views[0], poll_s=0.01),
        )
    finally:
        site.stop()
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"machine: {os.cpu_count()} cores, shared with whatever else runs on it")
    for label, result in found.items():
        report(label, result)
    for kind in ("decks alone", "decks under load"):
        one, two = found[f"1 worker, {kind}"], found[f"2 workers, {kind}"]
        ratio = two["decks_per_min"] / one["decks_per_min"] if one["decks_per_min"] else 0
        print(f"throughput 2 workers / 1 worker, {kind}: {ratio:.2f}× (goal ≥ 1.7×)")
    print(
        f"second person, same deck through the other web process: {again_page[0]:.3f} s polling as the page does "
        f"(every {POLL_S} s), {again_server[0]:.3f} s polling at once; file: {again_page[1] and again_server[1]} (goal < 0.2 s)"
    )


if __name__ == "__main__":
    main()
