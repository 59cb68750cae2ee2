"""Lighthouse on the page as a visitor meets it: desktop (median of 3) and mobile.

Starts ``dashboard serve`` on a free loopback port (this worktree's code, the shipped data),
runs Lighthouse 12.8 with Debian's Chromium, and prints performance, accessibility, best
practices, SEO and the bytes transferred on first load, then stops the server.

Set up once (the folder is git-ignored)::

    mkdir -p bench/.lighthouse && cd bench/.lighthouse && echo '{"private":true}' > package.json \\
        && npm i -E lighthouse@12.8.2

Run::

    python bench/lighthouse.py [--runs 3] [--query '?year_from=2022&year_to=2022'] [--json out.json]
    python bench/lighthouse.py --path embed/funding   # the one-chart embed (target: performance ≥ 95, < 500 kB)

Targets (issue 9): desktop performance ≥ 90, mobile ≥ 70, accessibility / best practices /
SEO 100, ≤ 1 MB on first load. Timings depend on the machine: run it alone.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "bench" / ".lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
sys.path.insert(0, str(ROOT))
from dashboard.outputs.renderer import EXTRA_FLAGS  # noqa: E402  the project's one list of Chromium flags

CHROME_FLAGS = " ".join(("--headless=new", *EXTRA_FLAGS))
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(log_path: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dashboard.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(
                f"`dashboard serve` exited with {process.returncode}:\n{log_path.read_text(errors='replace')}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2):
                return process, url
        except OSError:
            time.sleep(0.2)
    process.terminate()
    sys.exit(f"`dashboard serve` did not answer {url} within {START_TIMEOUT_S}s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def lighthouse(url: str, desktop: bool) -> dict:
    """One Lighthouse run: the category scores (0–100) and the bytes transferred."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
        "--only-categories=" + ",".join(CATEGORIES),
    ]
    if desktop:
        command.append("--preset=desktop")
    for _ in range(
        2
    ):  # on a loaded machine Lighthouse at times fails to record (NO_NAVSTART): again
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env={**os.environ, "CHROME_PATH": CHROME},
            timeout=300,
        )
        if done.returncode == 0:
            break
    if done.returncode != 0:
        sys.exit(f"lighthouse failed ({done.returncode}):\n{done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    audits = report["audits"]
    failing = sorted(
        a["id"]
        for a in audits.values()
        if a.get("score") is not None
        and a["score"] < 1
        and a.get("scoreDisplayMode") in ("binary", "metricSavings")
        and any(
            a["id"] in [r["id"] for r in report["categories"][c]["auditRefs"]]
            for c in CATEGORIES[1:]
        )
    )
    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    return {
        **scores,
        "bytes": int(audits["total-byte-weight"]["numericValue"]),
        # Dash's own load: the layout's JSON (uncompressed) and the callbacks the page fires
        "layout_bytes": sum(
            int(r.get("resourceSize") or 0) for r in requests if "_dash-layout" in r["url"]
        ),
        "callbacks": sum(1 for r in requests if "_dash-update-component" in r["url"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "failing": failing,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--runs", type=int, default=3, help="desktop runs; the median performance is reported"
    )
    parser.add_argument(
        "--query", default="", help="a query string to open, e.g. '?year_from=2022&year_to=2022'"
    )
    parser.add_argument(
        "--path",
        default="",
        help="a page under the app's address, e.g. 'embed/funding' (the one-chart embed)",
    )
    parser.add_argument("--json", type=Path, help="also write every run to this file")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(
            f"Lighthouse is not installed in {LIGHTHOUSE.parents[2]}: see the set-up in this script's docstring.",
            file=sys.stderr,
        )
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        process, url = start_server(Path(tmp) / "serve.log")
        try:
            desktop = [
                lighthouse(url + args.path + args.query, desktop=True) for _ in range(args.runs)
            ]
            mobile = lighthouse(url + args.path + args.query, desktop=False)
        finally:
            stop(process)
    median = sorted(desktop, key=lambda r: r["performance"])[len(desktop) // 2]
    print(f"Lighthouse 12.8.2 on {url}{args.path}{args.query} (Chromium {CHROME})")
    print(
        f"{'':10} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} {'KB':>7} {'LCP ms':>7} {'TBT ms':>7}"
        f" {'layout KB':>9} {'callbacks':>9}"
    )
    for name, r in (("desktop*", median), ("mobile", mobile)):
        print(
            f"{name:10} {r['performance']:>5} {r['accessibility']:>5} {r['best-practices']:>5} {r['seo']:>5} "
            f"{r['bytes'] / 1024:>7.0f} {r['lcp_ms']:>7} {r['tbt_ms']:>7}"
            f" {r['layout_bytes'] / 1024:>9.0f} {r['callbacks']:>9}"
        )
    print(
        f"desktop TBT ms per run: {[r['tbt_ms'] for r in desktop]}, "
        f"median {statistics.median(r['tbt_ms'] for r in desktop):.0f}"
    )
    print(
        f"* median of {len(desktop)} desktop runs: performance {[r['performance'] for r in desktop]}, "
        f"median {statistics.median(r['performance'] for r in desktop):.0f}"
    )
    failing = sorted(set(median["failing"]) | set(mobile["failing"]))
    print("failing audits (accessibility, best practices, SEO): " + (", ".join(failing) or "none"))
    print("targets: desktop ≥ 90, mobile ≥ 70, accessibility / best practices / SEO 100, ≤ 1024 KB")
    if args.json:
        args.json.write_text(json.dumps({"desktop": desktop, "mobile": mobile}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
