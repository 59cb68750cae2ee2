"""The page's header comes with the HTML: before Dash's scripts have drawn anything, a reader
(and Lighthouse's largest-text timing) sees the title, the subtitle and the language switch in
the link's language, where Dash would show "Loading..."."""

from __future__ import annotations

import re

import pytest

from dashboard.web.app import create_app
from dashboard.words import Words


@pytest.fixture(scope="module")
def client(dataset, config, seeds_dir, data_dir):
    return create_app(dataset, config, seeds_dir, data_dir).server.test_client()


def entry_point(html: str) -> str:
    return html[html.index('<div id="react-entry-point">') : html.index("<footer>")]


def test_the_first_html_shows_the_page_title_where_dash_would_say_loading(client, config):
    html = client.get("/").get_data(as_text=True)
    shell = entry_point(html)
    assert "Loading..." not in shell
    assert re.search(rf"<h1>{re.escape(config.title)}</h1>", shell)
    assert 'class="language-link is-current" lang="en"' in shell


def test_the_first_html_of_a_vietnamese_link_shows_the_vietnamese_title(client, config):
    html = client.get("/?lang=vi").get_data(as_text=True)
    title = Words("vi").text(config.title, "page title")
    assert title != config.title
    assert f"<h1>{title}</h1>" in entry_point(html)
    assert '<html lang="vi">' in html
