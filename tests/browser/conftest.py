"""Browser tests drive the real app: ``dashboard serve`` in a subprocess on a free port, and one
headless Debian Chromium (Playwright's sync API) for the whole session.

Every page records its console; a test fails on any error, warning, uncaught exception or
failed request. Requests leaving the app's own address are aborted (and so fail the test):
the page must work with no network.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
EXTRA = ROOT / "tests" / "fixtures" / "extra_documents"  # made-up documents, added as data only
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_TIMEOUT_S = 60  # the server validates the data and builds the default view first


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


def chromium_path() -> str:
    for candidate in (
        os.environ.get("CHROMIUM"),
        os.environ.get("BROWSER_PATH"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.fail(
        "Chromium not found: install Debian's chromium (scripts/test.sh does) or set CHROMIUM=/path/to/chromium"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    """Poll the page until it answers 200; fail with the server's output if it exits."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        try:  # not listening yet: wait a moment for the process to exit instead
            process.wait(timeout=0.1)
        except subprocess.TimeoutExpired:
            continue
        pytest.fail(
            f"`dashboard serve` exited with {process.returncode}:\n{log.read_text(errors='replace')}"
        )
    pytest.fail(
        f"`dashboard serve` did not answer {url} within {START_TIMEOUT_S}s:\n{log.read_text(errors='replace')}"
    )


def start_server(tmp_dir: Path, *extra: str) -> tuple[subprocess.Popen, str, Path]:
    port = free_port()
    log = tmp_dir / f"serve-{port}.log"
    command = [sys.executable, "-m", "dashboard.cli", "serve", "--port", str(port), *extra]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_serving(url, process, log)
    except BaseException:
        stop_server(process)
        raise
    return process, url, log


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    process, url, log = start_server(tmp_path_factory.mktemp("server"))
    yield url
    stop_server(process)
    errors = [
        line
        for line in log.read_text(errors="replace").splitlines()
        if "Traceback" in line or " 500 -" in line
    ]
    assert not errors, f"the server logged errors:\n{log.read_text(errors='replace')}"


@pytest.fixture(scope="session")
def crowded_server(tmp_path_factory):
    """The shipped data with the made-up documents of tests/fixtures/extra_documents added:
    more bars, more panels (one per scope) and longer labels than the shipped data alone."""
    tmp = tmp_path_factory.mktemp("crowded")
    shutil.copytree(ROOT / "data", tmp / "data")
    shutil.copytree(ROOT / "seeds", tmp / "seeds")
    for kind in ("data", "seeds"):
        for path in (EXTRA / kind).iterdir():
            shutil.copy(path, tmp / kind / path.name)
    process, url, _ = start_server(tmp, "--data", str(tmp / "data"), "--seeds", str(tmp / "seeds"))
    yield url
    stop_server(process)


@pytest.fixture(scope="session")
def paged_server(tmp_path_factory):
    """The shipped data with 3 table rows a page, so the 8 figures take 3 pages."""
    tmp = tmp_path_factory.mktemp("paged")
    config = tmp / "config.yaml"
    settings = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    settings["table"] = {"page_size": 3}
    config.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    process, url, _ = start_server(tmp, "--config", str(config))
    yield url
    stop_server(process)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class Console(list):
    """What a page logged: ``(type, text)`` pairs."""

    BAD = ("error", "warning", "pageerror", "requestfailed")

    def problems(self) -> list[tuple[str, str]]:
        return [entry for entry in self if entry[0] in self.BAD]


@pytest.fixture(scope="session")
def browser_context(browser):
    """One context for the session, so pages share the HTTP cache (plotly.js is loaded once);
    each test still gets its own page, with its own history."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.route(lambda url: not url.startswith("http://127.0.0.1"), lambda route: route.abort())
    yield context
    context.close()


def open_page(context, width: int = 1280, height: int = 900):
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": height})
    page.set_default_timeout(30_000)
    console = Console()
    page.on("console", lambda m: console.append((m.type, m.text)))
    page.on("pageerror", lambda e: console.append(("pageerror", str(e))))
    page.on("requestfailed", lambda r: console.append(("requestfailed", f"{r.url} {r.failure}")))
    page.console = console
    return page


@pytest.fixture
def new_page(browser_context):
    """``new_page(width, height)``: a fresh page, closed after the test. After the test,
    every page it opened must have a clean console: the check is automatic, no test can
    forget it (a test that expects a problem empties ``page.console`` itself)."""
    pages = []

    def make(width: int = 1280, height: int = 900):
        pages.append(open_page(browser_context, width, height))
        return pages[-1]

    yield make
    problems = [(page.url, entry) for page in pages for entry in page.console.problems()]
    for page in pages:
        page.close()
    assert not problems, f"the browser console reported problems: {problems}"


@pytest.fixture
def page(new_page):
    return new_page()
