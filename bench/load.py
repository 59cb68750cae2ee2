"""Loopback load test of the production configuration: many users changing filters while
deck downloads run.

Starts ``gunicorn -c gunicorn.conf.py dashboard.wsgi:server`` on a free 127.0.0.1 port
(nothing else is ever contacted), waits for /status, then for ``--seconds``:

- ``--users`` simulated users each change one filter, wait ``--think`` seconds (±50 %), and
  again. A filter change is what the page sends: the view callback (cards and charts)
  and the table callback, one after the other. Filter values are drawn from what the
  page's controls offer (the year slider's range, the programme and metric options of
  ``/_dash-layout``), bodies are built from ``/_dash-dependencies`` as the browser does.
- ``--decks`` downloaders each ask for the PowerPoint deck of the view, again and again.

Prints requests per second, p50/p95/p99 of filter requests and of decks, errors (any
5xx other than 503, a refused connection, a timeout, an unexpected answer), 429/503
answers beyond the render bound counted apart, and the RSS of gunicorn's master, its
workers and their Chromium processes at the end. Bounded: at most ``--seconds`` of load
(120 max) and ``--users`` ≤ 500. Nothing asserts; the figures go in docs/performance.md.

Run: ``.venv/bin/python bench/load.py`` (defaults: 100 users, 2 s think time, 8 decks, 60 s).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Client:
    """One keep-alive connection to the server, as one browser tab has."""

    def __init__(self, port: int, timeout: float = 60) -> None:
        self.port, self.timeout = port, timeout
        self.conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
            try:
                headers = {"Content-Type": "application/json"} if body is not None else {}
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                return response.status, response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def walk(component):
    if isinstance(component, dict):
        if "props" in component:
            yield component
            yield from walk(component["props"].get("children"))
    elif isinstance(component, list):
        for child in component:
            yield from walk(child)


class Page:
    """What the page offers, read from the server as the browser reads it."""

    def __init__(self, client: Client) -> None:
        status, layout = client.request("GET", "/_dash-layout")
        assert status == 200, status
        components = list(walk(json.loads(layout)))
        self.props = {
            c["props"]["id"]: c["props"]
            for c in components
            if isinstance(c["props"].get("id"), str)
        }
        self.patterned = [c["props"] for c in components if isinstance(c["props"].get("id"), dict)]
        status, deps = client.request("GET", "/_dash-dependencies")
        self.callbacks = json.loads(deps)
        years = self.props["filter-years"]
        self.year_range = (years["min"], years["max"])
        self.programmes = [o["value"] for o in self.props["filter-programmes"]["options"]]
        self.metrics = [o["value"] for o in self.props["filter-metric"]["options"]]

    def random_controls(self, rng: random.Random) -> dict[str, object]:
        first, last = self.year_range
        a, b = sorted(rng.randint(first, last) for _ in range(2))
        chosen = rng.sample(self.programmes, rng.randint(0, len(self.programmes)))
        return {
            "filter-years": [a, b],
            "filter-programmes": chosen,
            "filter-metric": rng.choice(self.metrics),
        }

    def body(self, output_prefix: str, values: dict[str, object], changed: str) -> bytes:
        spec = next(c for c in self.callbacks if c["output"].startswith(output_prefix))

        def entry(dep):
            if dep["id"].startswith(
                "{"
            ):  # a pattern (ALL): every component of that type, as the browser sends it
                wanted = json.loads(dep["id"])["type"]
                return [
                    {"id": p["id"], "property": dep["property"], "value": p.get(dep["property"])}
                    for p in self.patterned
                    if p["id"].get("type") == wanted
                ]
            value = values.get(dep["id"], self.props.get(dep["id"], {}).get(dep["property"]))
            return {"id": dep["id"], "property": dep["property"], "value": value}

        outputs = [
            {"id": part.split(".")[0], "property": part.split(".")[1]}
            for part in spec["output"].strip(".").split("...")
        ]
        return json.dumps(
            {
                "output": spec["output"],
                "outputs": outputs if len(outputs) > 1 else outputs[0],
                "inputs": [entry(d) for d in spec["inputs"]],
                "state": [entry(d) for d in spec.get("state", [])],
                "changedPropIds": [changed],
            }
        ).encode()


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.filter_ms: list[float] = []
        self.deck_ms: list[float] = []
        self.refused = 0  # 429/503 beyond the render bound
        self.errors: list[str] = []
        self.requests = 0

    def add(self, kind: str, ms: float, status: int, ok: bool, detail: str = "") -> None:
        with self.lock:
            self.requests += 1
            if status in (429, 503) and kind == "deck":
                self.refused += 1
            elif not ok:
                self.errors.append(f"{kind}: {status} {detail}"[:200])
            elif kind == "filter":
                self.filter_ms.append(ms)
            else:
                self.deck_ms.append(ms)


def timed(client: Client, body: bytes) -> tuple[float, int, bytes]:
    started = time.perf_counter()
    status, data = client.request("POST", "/_dash-update-component", body)
    return (time.perf_counter() - started) * 1000, status, data


def job_timed(client: Client, body: bytes, poll_s: float = 0.15) -> tuple[float, int, bytes]:
    """A drawing download as the page asks for it since it became a job (web/jobs.py): the
    click, then polls until the answer; the time to that answer, its status and body."""
    import urllib.parse

    started = time.perf_counter()
    status, data = client.request("POST", "/_dash-update-component", body)
    if status == 200 and b'"cacheKey"' in data:
        handles = json.loads(data)
        query = urllib.parse.urlencode({"cacheKey": handles["cacheKey"], "job": handles["job"]})
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            time.sleep(poll_s)
            status, data = client.request("POST", "/_dash-update-component?" + query, body)
            if status != 200 or b'"response"' in data:
                break
    return (time.perf_counter() - started) * 1000, status, data


def user(port: int, page: Page, tally: Tally, stop: float, think: float, seed: int) -> None:
    rng = random.Random(seed)
    client = Client(port)
    time.sleep(rng.uniform(0, think))  # users arrive spread over one think time
    while time.monotonic() < stop:
        values = page.random_controls(rng)
        changed = rng.choice(list(values)) + ".value"
        for output in ("..cards.children", "..figures-table-body.children"):
            try:
                ms, status, data = timed(client, page.body(output, values, changed))
                tally.add(
                    "filter",
                    ms,
                    status,
                    status == 200 and b'"response"' in data,
                    data[:100].decode("utf-8", "replace"),
                )
            except OSError as err:
                tally.add("filter", 0, 0, False, repr(err))
        time.sleep(think * rng.uniform(0.5, 1.5))


def downloader(port: int, page: Page, tally: Tally, stop: float, seed: int) -> None:
    rng = random.Random(seed)
    client = Client(port, timeout=90)
    while time.monotonic() < stop:
        values = page.random_controls(rng)
        values["download-view-pptx"] = 1
        try:
            ms, status, data = job_timed(
                client, page.body("..download.data@", values, "download-view-pptx.n_clicks")
            )
            busy = status in (429, 503) or (
                status == 200
                and (b"Too many image and deck downloads" in data or b"busy making" in data)
            )
            ok = status == 200 and b"pptx" in data and b"Could not" not in data
            tally.add(
                "deck", ms, 429 if busy else status, ok, data[:160].decode("utf-8", "replace")
            )
            if busy:
                time.sleep(1)
        except OSError as err:
            tally.add("deck", 0, 0, False, repr(err))


def tree_rss_mib(pid: int) -> tuple[float, int]:
    """RSS summed over ``pid`` and all its descendants (workers, Chromium), and their count."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry))
            except OSError:
                pass
    total, count, todo = 0, 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
                    count += 1
        except OSError:
            continue
        todo.extend(children.get(current, []))
    return total / 1024, count


def tree_cpu_s(pid: int) -> dict[str, float]:
    """CPU seconds (user + system) used so far by ``pid`` and its descendants, by kind:
    ``browser`` (Chromium's processes) and ``python`` (gunicorn's master, workers and any
    render process). CPU time, unlike wall time, does not count the neighbours' work."""
    tick = os.sysconf("SC_CLK_TCK")
    stats: dict[int, tuple[int, str, float]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                head, tail = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)
                fields = tail.split()
                stats[int(entry)] = (
                    int(fields[1]),
                    head.split("(", 1)[1],
                    (int(fields[11]) + int(fields[12])) / tick,
                )
            except (OSError, IndexError, ValueError):
                pass
    used = {"python": 0.0, "browser": 0.0}
    todo = [pid]
    while todo:
        current = todo.pop()
        if current in stats:
            _parent, name, cpu = stats[current]
            used["browser" if name.startswith(("chrom", "headless")) else "python"] += cpu
        todo.extend(child for child, (parent, _n, _c) in stats.items() if parent == current)
    return used


def pct(values: list[float], q: float) -> str:
    if not values:
        return "—"
    ordered = sorted(values)
    return f"{ordered[min(len(ordered) - 1, int(q * len(ordered)))]:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument(
        "--think", type=float, default=2.0, help="seconds between one user's filter changes"
    )
    parser.add_argument("--decks", type=int, default=8, help="concurrent deck downloaders")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--workers", type=int, default=None, help="gunicorn workers (default: gunicorn.conf.py)"
    )
    args = parser.parse_args()
    users, seconds = max(0, min(args.users, 500)), max(1.0, min(args.seconds, 120.0))

    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        "gunicorn.conf.py",
        "--bind",
        f"{HOST}:{port}",
        "--access-logfile",
        "/dev/null",
    ]
    if args.workers:
        command += ["--workers", str(args.workers)]
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    log = open(ROOT / "bench" / "results" / "load-gunicorn.log", "wb")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [*command, "dashboard.wsgi:server"],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        probe = Client(port, timeout=5)
        deadline = time.monotonic() + 60
        while True:
            try:
                if probe.request("GET", "/status")[0] == 200:
                    break
            except OSError:
                probe.conn = None
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit(f"gunicorn did not start; see {log.name}")
            time.sleep(0.3)
        page = Page(Client(port))
        # warm every worker's renderer once, so the run measures serving, not Chromium's start
        warm = [
            threading.Thread(
                target=lambda: Client(port, 90).request(
                    "POST",
                    "/_dash-update-component",
                    page.body(
                        "..download.data@", {"download-view-pptx": 1}, "download-view-pptx.n_clicks"
                    ),
                )
            )
            for _ in range(4)
        ]
        for thread in warm:
            thread.start()
        for thread in warm:
            thread.join(120)

        tally = Tally()
        stop = time.monotonic() + seconds
        threads = [
            threading.Thread(
                target=user, args=(port, page, tally, stop, args.think, i), daemon=True
            )
            for i in range(users)
        ]
        threads += [
            threading.Thread(
                target=downloader, args=(port, page, tally, stop, 10_000 + i), daemon=True
            )
            for i in range(args.decks)
        ]
        started = time.monotonic()
        cpu_before = tree_cpu_s(server.pid)
        for thread in threads:
            thread.start()
        peak_rss, peak_count = 0.0, 0
        while time.monotonic() < stop:
            time.sleep(2)
            rss, count = tree_rss_mib(server.pid)
            if rss > peak_rss:
                peak_rss, peak_count = rss, count
        for thread in threads:
            thread.join(120)
        elapsed = time.monotonic() - started
        cpu_after = tree_cpu_s(server.pid)
        rss, count = tree_rss_mib(server.pid)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        log.close()

    print(
        f"load: {users} users (think {args.think:g} s), {args.decks} deck downloaders, {elapsed:.0f} s, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"
    )
    print(f"requests: {tally.requests} ({tally.requests / elapsed:.1f}/s)")
    print(
        f"filter requests: {len(tally.filter_ms)} ({len(tally.filter_ms) / elapsed:.1f}/s); p50 {pct(tally.filter_ms, 0.5)} ms, p95 {pct(tally.filter_ms, 0.95)} ms, p99 {pct(tally.filter_ms, 0.99)} ms"
    )
    print(
        f'deck downloads: {len(tally.deck_ms)}; p50 {pct(tally.deck_ms, 0.5)} ms, p95 {pct(tally.deck_ms, 0.95)} ms; refused as busy, 429/503 or the page\'s "try again" (counted apart): {tally.refused}'
    )
    python_s, browser_s = (cpu_after[k] - cpu_before[k] for k in ("python", "browser"))
    print(
        f"server CPU: {python_s / elapsed:.2f} cores in Python, {browser_s / elapsed:.2f} in Chromium (of {os.cpu_count()})"
    )
    print(f"errors: {len(tally.errors)}")
    for error in tally.errors[:5]:
        print(f"  {error}")
    print(
        f"RSS: peak {peak_rss:.0f} MiB over {peak_count} processes; at the end {rss:.0f} MiB over {count} (gunicorn master, workers, Chromium)"
    )


if __name__ == "__main__":
    main()
