"""The page links only the JavaScript it runs: no dash_table bundle (the table is a
server-paged HTML grid) and no Babel polyfill, and every script it does link is served;
plotly.js is fetched when the first chart is drawn, not parsed before the first paint."""

from __future__ import annotations

import re

import pytest

from dashboard.config import load_config
from dashboard.curated.validate import load_valid
from dashboard.web.app import create_app


@pytest.fixture(scope="module")
def client(data_dir, seeds_dir):
    app = create_app(load_valid(data_dir, seeds_dir), load_config(None), seeds_dir)
    return app.server.test_client()


def scripts(client) -> list[str]:
    return re.findall(r'<script[^>]*src="([^"]+)"', client.get("/").get_data(as_text=True))


def test_the_page_links_neither_the_table_bundle_nor_the_polyfill(client):
    linked = scripts(client)
    assert linked and not [s for s in linked if "dash_table" in s or "polyfill" in s]


def test_every_script_the_page_links_is_served(client):
    linked = scripts(client)
    assert any("dash_renderer" in s for s in linked)
    assert [s for s in linked if client.get(s).status_code != 200] == []


def test_plotly_is_not_parsed_before_the_first_paint_but_its_address_is_handed_to_the_loader(
    client,
):
    page = client.get("/").get_data(as_text=True)
    linked = scripts(client)
    assert not [s for s in linked if "plotly-basic" in s]  # no <script src> for plotly.js
    assert any("plotly-later.js" in s for s in linked)
    [address] = re.findall(r'window\._dashboardPlotlyURL = "([^"]+)"', page)
    assert "plotly-basic.min.js?m=" in address and client.get(address).status_code == 200
