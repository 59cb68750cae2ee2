"""A deck being made, as a person meets it: the progress bar and its step, the buttons that
draw disabled, Cancel, and what the status line then says; in both languages, with no axe
violation while the bar shows. The page is served from this process with a stand-in
browser that draws each picture only when the test lets it, so every state can be seen."""

from __future__ import annotations

import io
import re
import threading

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import expect
from werkzeug.serving import make_server

from dashboard import PROJECT_ROOT
from dashboard.config import load_config
from dashboard.outputs import gate, renderer
from test_dashboard import ready

AXE = Axe()


class HeldBrowser:
    """Draws a small white picture each time ``next_picture`` is released."""

    def __init__(self) -> None:
        out = io.BytesIO()
        Image.new("RGB", (4, 3), "white").save(out, format="PNG")
        self.picture, self.next_picture = out.getvalue(), threading.Semaphore(0)

    def __call__(self):
        return self

    def render(self, *args, **kwargs) -> bytes:
        assert self.next_picture.acquire(timeout=60)
        return self.picture


@pytest.fixture
def held(shipped_dataset, monkeypatch, tmp_path):
    """``(url, browser)``: the shipped data served from this process, drawing with ``browser``."""
    from dashboard.web.app import create_app

    browser = HeldBrowser()
    monkeypatch.setattr(renderer, "renderer", browser)
    monkeypatch.setattr(renderer, "checked", lambda data, *_: data)
    monkeypatch.setattr(
        gate, "_GATE", gate._GATE
    )  # create_app sets this process's limits: restored at teardown
    app = create_app(
        shipped_dataset, load_config(None), PROJECT_ROOT / "seeds", PROJECT_ROOT / "data"
    )
    http = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=http.serve_forever, name="jobs-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}/", browser
    for _ in range(50):
        browser.next_picture.release()  # no job left waiting for a picture
    http.shutdown()
    thread.join(timeout=10)
    http.server_close()


def violations(page) -> list[str]:
    results = AXE.run(page)
    return [
        f"{v['id']}: " + "; ".join(str(node["target"]) for node in v["nodes"])
        for v in results.response["violations"]
    ]


def test_a_deck_shows_its_progress_disables_the_buttons_that_draw_and_arrives(page, held):
    url, browser = held
    page.goto(url)
    ready(page)
    page.click("#download-view-pptx")
    bar = page.locator("[role=progressbar]")
    expect(page.locator("#job-panel")).to_be_visible()
    expect(page.locator("#download-view-pptx")).to_be_disabled()
    expect(page.locator("#download-view-csv")).to_be_enabled()  # a data file needs no drawing
    expect(bar).to_have_attribute("aria-valuetext", re.compile(r"^Drawing chart 1 of \d+$"))
    total = bar.get_attribute("aria-valuemax")
    assert (
        int(total) > 1
        and bar.get_attribute("aria-valuenow") == "0"
        and bar.get_attribute("aria-valuetext").endswith(f" of {total}")
    )
    expect(page.locator("#view-download-status")).to_have_text(
        f"Drawing chart 1 of {total}"
    )  # the live region says it
    assert violations(page) == []
    browser.next_picture.release()
    expect(bar).to_have_attribute("aria-valuenow", "1")
    with page.expect_download(timeout=60_000) as info:
        for _ in range(int(bar.get_attribute("aria-valuemax"))):
            browser.next_picture.release()
    assert info.value.suggested_filename.endswith(".pptx")
    expect(page.locator("#job-panel")).to_be_hidden()
    expect(page.locator("#download-view-pptx")).to_be_enabled()
    expect(page.locator("#view-download-status")).to_have_text(
        f"Downloaded {info.value.suggested_filename}"
    )


def test_cancel_stops_the_deck_and_the_vietnamese_page_says_each_step_in_vietnamese(page, held):
    url, browser = held
    page.goto(url + "?lang=vi")
    ready(page)
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.click("#download-view-pptx")
    # the first step comes once the render process has its browser: a cold Chromium start can take seconds on a busy CI host
    expect(page.locator("#view-download-status")).to_contain_text(
        "Đang vẽ biểu đồ 1 trên", timeout=20_000
    )
    cancel = page.locator("#job-cancel")
    expect(cancel).to_have_text("Hủy")
    cancel.focus()
    page.keyboard.press("Enter")  # by keyboard, as anyone may
    expect(page.locator("#job-panel")).to_be_hidden()
    expect(page.locator("#view-download-status")).to_have_text("Đã hủy.")
    for _ in range(50):  # the pictures being drawn end; the job stops before the next
        browser.next_picture.release()
    expect(page.locator("#download-view-pptx")).to_be_enabled()  # the job has ended
    page.wait_for_timeout(1500)  # time enough for a file that should not come
    assert downloads == []
    expect(page.locator("#view-download-status")).to_have_text("Đã hủy.")
