"""How the page travels: compressed, fingerprinted assets cached, a real /robots.txt."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.config import load_config
from dashboard.curated.validate import load_valid
from dashboard.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def client():
    app = create_app(
        load_valid(ROOT / "data", ROOT / "seeds"), load_config(ROOT / "config.yaml"), ROOT / "seeds"
    )
    return app.server.test_client()


def linked(client, pattern: str) -> str:
    """The address the page links for the first resource matching ``pattern``."""
    html = client.get("/").get_data(as_text=True)
    return next(
        src for src in re.findall(r'(?:src|href)="([^"]+)"', html) if re.search(pattern, src)
    )


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_the_pages_javascript_is_sent_compressed_to_a_browser_that_accepts_it(client, encoding):
    url = linked(client, r"dash_renderer.*\.js")
    plain = client.get(url)
    packed = client.get(url, headers={"Accept-Encoding": encoding})
    assert packed.headers.get("Content-Encoding") == encoding
    assert len(packed.data) < len(plain.data) / 2


def test_the_layout_a_visit_asks_for_is_compressed(client):
    response = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("Content-Encoding") == "gzip"


def test_a_fingerprinted_asset_is_cached_for_a_year_and_a_bare_one_is_revalidated(client):
    url = linked(client, r"/assets/dashboard\.css\?m=")
    cached = client.get(url).headers["Cache-Control"]
    assert "max-age=31536000" in cached and "immutable" in cached
    bare = client.get(url.split("?")[0]).headers.get("Cache-Control", "")
    assert "max-age=31536000" not in bare


def test_robots_txt_is_a_robots_file_not_the_page(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert response.get_data(as_text=True).startswith("User-agent: *")


def test_an_indexed_site_has_no_robots_meta_tag(client):
    assert 'name="robots"' not in client.get("/").get_data(as_text=True)


def test_a_site_configured_not_to_be_indexed_says_so_to_every_crawler(dataset, seeds_dir, tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("serving:\n  index: false\n", encoding="utf-8")
    hidden = create_app(dataset, load_config(path), seeds_dir).server.test_client()
    assert hidden.get("/robots.txt").get_data(as_text=True) == "User-agent: *\nDisallow: /\n"
    assert '<meta name="robots" content="noindex">' in hidden.get("/").get_data(as_text=True)


SHARED_PREFIXES = ("btn", "form-", "visually-hidden", "dialog")


def test_every_shared_class_the_page_names_has_its_rule_in_the_page_stylesheets():
    """The page's buttons, search box and source dialog are styled by assets/base.css (the few
    rules Bootstrap once gave) and dashboard.css: a class added to the layout without its rule (a
    button drawn unstyled, a dialog drawn inline) fails here."""
    from dashboard.web import callbacks
    from dashboard.web.app import app_state

    app = create_app(
        load_valid(ROOT / "data", ROOT / "seeds"), load_config(ROOT / "config.yaml"), ROOT / "seeds"
    )
    with app.server.app_context():
        page = callbacks.first_page(app_state(app), "")
    named = set()
    stack = [page]
    while stack:
        node = stack.pop()
        if isinstance(node, (list, tuple)):
            stack.extend(node)
            continue
        named.update(str(getattr(node, "className", "") or "").split())
        for prop in ("children", "body"):
            child = getattr(node, prop, None)
            if child is not None and not isinstance(child, str):
                stack.append(child)
    assets = ROOT / "dashboard" / "web" / "assets"
    css = "".join(
        (assets / name).read_text(encoding="utf-8") for name in ("base.css", "dashboard.css")
    )
    used = {c for c in named if c.startswith(SHARED_PREFIXES)}
    assert {"btn", "btn-sm", "form-control", "visually-hidden", "dialog", "dialog-box"} <= used
    missing = sorted(c for c in used if not re.search(r"\." + re.escape(c) + r"(?![\w-])", css))
    assert missing == []


def test_the_page_loads_no_bootstrap(client):
    """One dialog needs no framework: neither Bootstrap's stylesheet nor its components' bundle."""
    html = client.get("/").get_data(as_text=True)
    assert "bootstrap" not in html.lower()
