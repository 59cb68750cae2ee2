"""Save docs/screenshot.png: the dashboard's default view on the shipped data, full page.

Starts ``dashboard serve`` on a free port, opens it in headless Debian Chromium at 1366 px
wide, waits until every chart is drawn and the table has its rows, and saves the page
(or, with ``--height``, the first that many pixels of it: a phone's first screens).

    .venv/bin/python scripts/screenshot.py [--width 1366] [--height N] [--query '?year_from=2022'] [--output docs/screenshot.png]

The README's screenshots: ``--width 1366 --output docs/screenshot.png`` and
``--width 390 --height 2400 --output docs/screenshot-390.png``.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from dashboard.outputs.renderer import EXTRA_FLAGS  # noqa: E402  the project's one list of Chromium flags

CHROMIUM_ARGS = list(EXTRA_FLAGS)


def chart_names() -> list[str]:
    """The page's charts, from the chart registry."""
    sys.path.insert(0, str(ROOT))
    from dashboard.views.charts import CHARTS

    return list(CHARTS)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument(
        "--height",
        type=int,
        default=None,
        help="save only the top N pixels (default: the whole page)",
    )
    parser.add_argument(
        "--query", default="", help="a query string, e.g. '?year_from=2022&year_to=2022'"
    )
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "screenshot.png")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "dashboard.cli", "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(
                        f"dashboard serve did not start:\n{server.stderr.read().decode(errors='replace')}"
                    )
                try:
                    server.wait(timeout=0.2)
                except subprocess.TimeoutExpired:
                    pass
        chromium = (
            os.environ.get("CHROMIUM") or os.environ.get("BROWSER_PATH") or "/usr/bin/chromium"
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, headless=True, args=CHROMIUM_ARGS
            )
            page = browser.new_page(
                viewport={"width": args.width, "height": 900}, device_scale_factor=1
            )
            page.goto(url + args.query)
            for name in chart_names():  # a chart is drawn when it comes near the screen
                page.wait_for_selector(f"#chart-graph-{name}")
                page.evaluate(
                    "(s) => document.querySelector(s).scrollIntoView({block: 'center'})",
                    f"#chart-graph-{name}",
                )
                page.wait_for_selector(
                    f"#chart-graph-{name} .main-svg .trace, #chart-graph-{name} .main-svg .annotation"
                )
            page.evaluate("window.scrollTo(0, 0)")
            page.wait_for_selector(".figures-table .table-row, .figures-table .table-empty")
            page.wait_for_function("() => !document.querySelector('[data-dash-is-loading]')")
            args.output.parent.mkdir(parents=True, exist_ok=True)
            clip = (
                {"x": 0, "y": 0, "width": args.width, "height": args.height}
                if args.height
                else None
            )
            page.screenshot(path=str(args.output), full_page=True, clip=clip)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"Saved {args.output}")


if __name__ == "__main__":
    main()
