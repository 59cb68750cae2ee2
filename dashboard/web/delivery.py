"""How the page travels: compressed, cached where the address says the file cannot change,
and with a ``/robots.txt`` of its own.

- Compression (flask-compress: brotli, else gzip) of every text answer: the page's
  JavaScript is sent at about a quarter of its size.
- A year's cache for the page's assets: Dash links each one with ``?m=<modified time>``,
  so a changed file has a new address and a visitor never runs a stale copy. Asked for
  without that fingerprint, an asset keeps Flask's revalidation (no stale copy either).
- ``/robots.txt``: the page is public and meant to be found (issue 9 decision), unless
  ``serving.index`` is false (a staging copy, say): then robots.txt disallows everything and
  the page carries ``<meta name="robots" content="noindex">`` (``robots_meta``), for crawlers
  that reach it by a link and never read robots.txt.
- Only the JavaScript the page runs: Dash links the ``dash_table`` bundle (the page has no
  DataTable since the table became a server-paged HTML grid) and a 96 KB Babel polyfill
  (for browsers without ES2017; every browser the page supports has it) on every page.
  ``trim_scripts`` leaves both out of the page; measured effect in docs/performance.md.
"""

from __future__ import annotations

import re

import flask
from flask_compress import Compress

ASSET_PREFIX = "/assets/"
YEAR_S = 365 * 24 * 3600
ROBOTS_TXT = {True: "User-agent: *\nAllow: /\n", False: "User-agent: *\nDisallow: /\n"}
COMPRESSED = [
    "text/html",
    "text/css",
    "text/plain",
    "text/javascript",
    "application/javascript",
    "application/json",
    "image/svg+xml",
]


def deliver(server: flask.Flask, index: bool = True) -> None:
    """Compress, cache fingerprinted assets for a year and answer ``/robots.txt`` on ``server``
    (allowing everything when ``index``, else disallowing everything)."""
    server.config.setdefault("COMPRESS_MIMETYPES", COMPRESSED)
    server.config.setdefault("COMPRESS_MIN_SIZE", 500)
    Compress(server)
    server.after_request(cache_fingerprinted_assets)
    server.add_url_rule("/robots.txt", "robots_txt", lambda: robots_txt(index))


UNUSED_SCRIPTS = (
    "/dash/dash_table/",
    "/dash/deps/polyfill@",
)  # parts of a script address the page never needs
_SCRIPT_TAG = re.compile(r'<script[^>]*src="([^"]+)"[^>]*></script>\s*')


def without_unused_scripts(scripts: str) -> str:
    """The page's ``<script>`` tags less those whose address holds one of ``UNUSED_SCRIPTS``."""
    return _SCRIPT_TAG.sub(
        lambda m: "" if any(part in m.group(1) for part in UNUSED_SCRIPTS) else m.group(0), scripts
    )


LATER_SCRIPT = (
    "/assets/plotly-basic.min.js"  # fetched when the first chart is drawn (assets/plotly-later.js)
)


def later_scripts(scripts: str) -> str:
    """``LATER_SCRIPT`` taken out of the page's scripts, its address handed to plotly-later.js."""
    found = []

    def take(match):
        if LATER_SCRIPT in match.group(1):
            found.append(match.group(1))
            return ""
        return match.group(0)

    scripts = _SCRIPT_TAG.sub(take, scripts)
    if not found:
        return scripts
    return f'<script>window._dashboardPlotlyURL = "{found[0]}";</script>\n' + scripts


def trim_scripts(app) -> None:
    """Leave the unused scripts out of every page ``app`` (a ``dash.Dash``) serves, and load
    plotly.js only when a chart is drawn."""
    interpolate = app.interpolate_index

    def interpolate_index(**parts):
        parts["scripts"] = later_scripts(without_unused_scripts(parts.get("scripts", "")))
        return interpolate(**parts)

    app.interpolate_index = interpolate_index


def cache_fingerprinted_assets(response: flask.Response) -> flask.Response:
    request = flask.request
    if (
        request.path.startswith(ASSET_PREFIX)
        and request.args.get("m")
        and response.status_code == 200
    ):
        response.cache_control.public = True
        response.cache_control.max_age = YEAR_S
        response.cache_control.immutable = True
        response.cache_control.no_cache = None
    return response


def robots_txt(index: bool = True) -> flask.Response:
    return flask.Response(ROBOTS_TXT[index], mimetype="text/plain")


def robots_meta(index: bool) -> list[dict[str, str]]:
    """The page's robots meta tag: none when it may be indexed, ``noindex`` when not."""
    return [] if index else [{"name": "robots", "content": "noindex"}]
