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
"""

from __future__ import annotations

import flask
from flask_compress import Compress

ASSET_PREFIX = "/assets/"
YEAR_S = 365 * 24 * 3600
ROBOTS_TXT = {True: "User-agent: *\nAllow: /\n", False: "User-agent: *\nDisallow: /\n"}
COMPRESSED = [
    "text/html", "text/css", "text/plain", "text/javascript", "application/javascript",
    "application/json", "image/svg+xml",
]


def deliver(server: flask.Flask, index: bool = True) -> None:
    """Compress, cache fingerprinted assets for a year and answer ``/robots.txt`` on ``server``
    (allowing everything when ``index``, else disallowing everything)."""
    server.config.setdefault("COMPRESS_MIMETYPES", COMPRESSED)
    server.config.setdefault("COMPRESS_MIN_SIZE", 500)
    Compress(server)
    server.after_request(cache_fingerprinted_assets)
    server.add_url_rule("/robots.txt", "robots_txt", lambda: robots_txt(index))


def cache_fingerprinted_assets(response: flask.Response) -> flask.Response:
    request = flask.request
    if request.path.startswith(ASSET_PREFIX) and request.args.get("m") and response.status_code == 200:
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
