"""A dated permalink opens the page with the figure's source dialog open, and its Copy buttons
work from the keyboard: the link copied is the page's own, with the figure and data version."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from dashboard.curated.validate import load_valid

from conftest import CHROMIUM_ARGS, chromium_path  # noqa: F401  (tests/browser/conftest.py)
from test_dashboard import MARK, MODAL, idle

ROOT = Path(__file__).resolve().parents[2]


def test_a_permalink_opens_the_source_dialog_and_its_link_copies_from_the_keyboard(browser, server):
    figure = load_valid(ROOT / "data", ROOT / "seeds").figures[0]
    with urllib.request.urlopen(server + "status", timeout=10) as response:
        version = json.load(response)["data_version"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    context.route(lambda url: not url.startswith("http://127.0.0.1"), lambda route: route.abort())
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(f"{server}?highlight={figure.id}&v={version}")
        page.wait_for_selector(MODAL)
        assert page.locator(MARK).inner_text().strip() == " ".join(figure.quote.split())
        assert page.locator("#link-since").count() == 0  # made under the data served
        idle(page)
        link = page.locator("#cite-link")
        address = link.evaluate("a => a.href")  # the whole address, as the browser resolves it
        assert address.startswith(server) and link.inner_text() == address
        query = parse_qs(urlsplit(address).query)
        assert query["highlight"] == [figure.id] and query["v"] == [version]
        button = page.locator("button[data-copy='cite-link']")
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_function(
            "() => document.querySelector(\"button[data-copy='cite-link']\").dataset.done === '1'"
        )
        assert page.evaluate("navigator.clipboard.readText()") == address
        status = button.locator("xpath=following-sibling::*[contains(@class, 'copy-status')]")
        assert status.inner_text() == "Copied"
    finally:
        context.close()
