"""The security headers on every answer of the web server (registered by ``server.harden``).

A Content-Security-Policy allowing only the app's own scripts plus the hash of each inline
script on the page, ``nosniff``, ``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``
(except an answer whose route called ``allow_framing``: the one-chart embed,
``frame-ancestors *``), a strict Referrer-Policy, a Permissions-Policy, and
``Cache-Control: no-cache`` on the page so a new data version shows at once.
"""

from __future__ import annotations

import base64
import hashlib
import re

import flask

_INLINE_SCRIPT = re.compile(
    rb"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S
)


FRAMABLE = "framable"  # set on flask.g by a route any site may frame (allow_framing)


def allow_framing() -> None:
    """Let any site frame this request's answer (``frame-ancestors *``, no ``X-Frame-Options``):
    for the one-chart embed only; every other answer may not be framed."""
    setattr(flask.g, FRAMABLE, True)


def content_security_policy(html_body: bytes | None, framable: bool = False) -> str:
    """A CSP that allows the app's own files and, by hash, each inline script of the page;
    framed by no site, or by any when ``framable``."""
    hashes = ""
    if html_body:
        digests = {
            base64.b64encode(hashlib.sha256(m.group(1)).digest()).decode()
            for m in _INLINE_SCRIPT.finditer(html_body)
        }
        hashes = "".join(f" 'sha256-{d}'" for d in sorted(digests))
    return (
        "default-src 'self'; "
        f"script-src 'self'{hashes}; "
        "style-src 'self' 'unsafe-inline'; "  # plotly.js and AG Grid set styles at run time
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; "
        + ("frame-ancestors *" if framable else "frame-ancestors 'none'")
    )


def security_headers(response: flask.Response) -> flask.Response:
    """Every answer's security headers; framable only where the route said so (``allow_framing``)."""
    return add_security_headers(response, framable=flask.g.get(FRAMABLE, False))


def add_security_headers(response: flask.Response, framable: bool = False) -> flask.Response:
    is_html = response.mimetype == "text/html"
    body = response.get_data() if is_html and not response.direct_passthrough else None
    headers = response.headers
    headers["Content-Security-Policy"] = content_security_policy(body, framable)
    headers["X-Content-Type-Options"] = "nosniff"
    if framable:
        headers.pop("X-Frame-Options", None)
    else:
        headers["X-Frame-Options"] = "DENY"
    headers["Referrer-Policy"] = "no-referrer"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if is_html:
        headers["Cache-Control"] = "no-cache"
    return response
