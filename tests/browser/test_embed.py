"""One chart in another site's page (issue 21.1): a page served from another origin frames
``/embed/<chart>`` and its reader sees the chart, drawn, with its title and source line; the
page's own "Embed" box gives that ``<iframe>`` to copy, by keyboard, and follows the filters."""

from __future__ import annotations

import http.server
import re
import threading
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from conftest import free_port
from test_accessibility import violations
from test_dashboard import open_view, set_years
from dashboard.views.charts import CHARTS
from dashboard.words import Words


@pytest.fixture(scope="module")
def other_site():
    """``host(html) -> address``: a tiny http server on another port (another origin) serving ``html``."""
    pages: dict[str, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            body = pages.get(self.path.split("?")[0])
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def host(html: str) -> str:
        path = f"/page-{len(pages)}.html"
        pages[path] = html.encode("utf-8")
        return f"http://127.0.0.1:{server.server_port}{path}"

    yield host
    server.shutdown()


def test_a_page_of_another_origin_frames_the_pages_snippet_and_its_reader_sees_the_chart_whole(
    new_page, server, other_site
):
    name = next(iter(CHARTS))
    dashboard = new_page()
    open_view(dashboard, server + "?lang=vi")
    snippet = dashboard.locator(
        f"#chart-embed-{name}"
    ).input_value()  # what a user copies from the Embed box
    page = new_page()
    address = other_site(
        f'<!DOCTYPE html><html lang="en"><title>Intranet</title><h1>Our briefing</h1>{snippet}</html>'
    )
    assert urlsplit(address).netloc != urlsplit(server).netloc  # another origin
    page.goto(address)
    frame = page.frame_locator("iframe")
    expect(frame.locator(".embed-graph .main-svg").first).to_be_visible(timeout=30_000)
    expect(frame.locator("h1.embed-title")).to_have_text(CHARTS[name].title_in(Words("vi")))
    expect(frame.locator(".embed-source")).to_contain_text(
        re.compile("nguồn", re.IGNORECASE)
    )  # "Nguồn: …" or "Các nguồn: …"
    assert (
        frame.locator(".embed-graph .bars path, .embed-graph .scatterlayer .point").count() > 0
    )  # marks drawn, not an empty plot
    inner = page.frames[1]
    inner.wait_for_function("() => document.documentElement.dataset.drawn === '1'")
    # the snippet's height holds the chart, its notes, source and link: no scroll bar inside the frame
    assert inner.evaluate("() => document.documentElement.scrollHeight <= window.innerHeight")


def test_the_embed_box_gives_the_iframe_by_keyboard_and_follows_the_filters(page, server):
    open_view(page, server)
    name = next(iter(CHARTS))
    box = page.locator(f"#chart-embed-{name}")
    toggle = page.locator(f".chart-{name} .chart-embed-toggle")
    toggle.focus()
    page.keyboard.press("Enter")  # a <summary> opens with the keyboard
    expect(box).to_be_visible()
    page.keyboard.press("Tab")
    expect(box).to_be_focused()
    src = urlsplit(box.input_value().split('src="')[1].split('"')[0].replace("&amp;", "&"))
    assert src.path == f"/embed/{name}" and not src.query
    page.keyboard.press("Tab")  # on to "Copy the code"
    page.keyboard.press("Enter")
    expect(page.locator(f".chart-{name} .chart-embed-status")).to_have_text(
        "Copied: paste it into your page."
    )
    page.context.grant_permissions(["clipboard-read"], origin=server.rstrip("/"))
    assert (
        page.evaluate("navigator.clipboard.readText()") == box.input_value()
    )  # the snippet itself is on the clipboard
    set_years(page, 2022, 2022)
    page.wait_for_function(
        f"() => document.getElementById('chart-embed-{name}').value.includes('year_from=2022')"
    )
    src = urlsplit(box.input_value().split('src="')[1].split('"')[0].replace("&amp;", "&"))
    assert parse_qs(src.query) == parse_qs(urlsplit(page.url).query)
    assert violations(page) == []
