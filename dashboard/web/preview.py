"""A preview for every link: the page's Open Graph and Twitter tags, and ``/preview.png``.

The page's HTML for a link (``app.LanguageDash.interpolate_index``) carries ``og:title``
(the page's title and the view's filters), ``og:description`` (each headline card's first
figure with its own qualifier words, ``views.share``), ``og:image`` (the absolute address of
``/preview.png`` with the link's query string), ``og:url`` and ``twitter:card`` =
``summary_large_image``: a chat app that fetches the link shows that view's numbers.

``og:image`` also names the data version (``&v=…``): chat apps keep an image by its address,
and an update of the data gives the image a new one. ``/preview.png?<query>`` draws ``outputs.preview`` on the bounded render path a download
takes (the worker's render process under gunicorn, ``offload``; the warm renderer in
``dashboard serve``): busy beyond the render bound, it answers 503 with ``Retry-After``.
Images are kept by view (filters and language) and data version, ``CACHE_SIZE`` of them,
and one view's image is drawn once however many ask for it at the same moment.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from html import escape
from urllib.parse import urlencode

import flask

from dashboard.outputs.errors import ExportError, RendererBusy
from dashboard.outputs.preview import HEIGHT, WIDTH, preview_png
from dashboard.views.share import preview_description, preview_title
from dashboard.views.language import words_for
from dashboard.web import offload
from dashboard.web.downloads import page_base
from dashboard.web.state import STATE_KEY, AppState, view_for
from dashboard.web.urlstate import encode, link_language, parse_link

PREVIEW_PATH = "preview.png"
CACHE_SIZE = 32  # preview images kept per process (about 60 kB each)
MAX_AGE_S = 600  # how long a browser or a chat app's fetcher may keep an image without asking again
VERSIONED_MAX_AGE_S = (
    7 * 24 * 3600
)  # the same, for an address naming the data version it was drawn from
VERSION_KEY = "v"  # og:image names the data version, so a chat app that keeps images by address fetches anew after an update
LOCALES = {"en": "en_GB", "vi": "vi_VN"}

log = logging.getLogger(__name__)


class ImageCache:
    """The ``size`` images made last, by key; ``get_or_make`` makes a missing one once, however
    many threads ask for it together (the others wait for it)."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._images: OrderedDict[tuple, bytes] = OrderedDict()
        self._making: dict[tuple, threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple) -> bytes | None:
        with self._lock:
            image = self._images.get(key)
            if image is not None:
                self._images.move_to_end(key)
            return image

    def get_or_make(self, key: tuple, make) -> bytes:
        image = self.get(key)
        if image is not None:
            return image
        with self._lock:
            making = self._making.setdefault(key, threading.Lock())
        with making:
            image = self.get(key)
            if image is None:
                try:
                    image = make()
                finally:
                    with self._lock:
                        self._making.pop(key, None)
                with self._lock:
                    self._images[key] = image
                    while len(self._images) > self.size:
                        self._images.popitem(last=False)
            return image

    def __len__(self) -> int:
        return len(self._images)


def link_view(state: AppState, query: str):
    """``(view, search)``: the view a link's query string asks for, and its query string as the
    page writes it (unusable parts left out, defaults left out)."""
    language = link_language(query, state.language)
    link = parse_link(query, state.choices, state.defaults, words_for(language))
    return view_for(state, link.filters, language), encode(
        link.filters, state.defaults, language, state.language
    )


def preview_tags(state: AppState, query: str, base: str) -> str:
    """The ``<meta>`` tags of a link's preview; ``base`` is the page's absolute address (``http://host/``)."""
    view, search = link_view(state, query)
    dataset = state.localized(view.language).dataset
    words = words_for(view.language)
    title = preview_title(view, state.config.title, view.filters.describe(dataset, words=words))
    description = preview_description(view)
    tags = {
        "og:type": "website",
        "og:site_name": words.text(state.config.title, "page title"),
        "og:title": title,
        "og:description": description,
        "og:url": base + search,
        "og:locale": LOCALES.get(view.language, view.language),
        "og:image": base
        + PREVIEW_PATH
        + (search + "&" if search else "?")
        + urlencode({VERSION_KEY: state.version}),
        "og:image:type": "image/png",
        "og:image:width": str(WIDTH),
        "og:image:height": str(HEIGHT),
        "og:image:alt": description,
    }
    html = "".join(f'<meta property="{k}" content="{escape(v)}">' for k, v in tags.items())
    twitter = {
        "twitter:card": "summary_large_image",
        "twitter:title": title,
        "twitter:description": description,
    }
    return html + "".join(f'<meta name="{k}" content="{escape(v)}">' for k, v in twitter.items())


def preview_image(
    state: AppState,
    query: str,
    base: str,
    cache: ImageCache,
    apart: offload.RenderProcess | None = None,
) -> bytes:
    """The preview PNG of a link's view: from ``cache``, else drawn (in ``apart`` when given)."""
    view, search = link_view(state, query)
    link = base + search

    def make() -> bytes:
        if apart is not None:
            return apart.preview(view.filters, view.language, state.version, link)
        dataset = state.localized(view.language).dataset
        return preview_png(view, dataset, state.config, version=state.version, link=link)

    return cache.get_or_make((view.filters, view.language, state.version, link), make)


def attach_preview(app) -> ImageCache:
    """Answer ``<prefix>preview.png`` on ``app``'s server (a ``dash.Dash``); its image cache."""
    prefix = app.config.routes_pathname_prefix
    shown_prefix = app.config.requests_pathname_prefix
    cache = ImageCache()

    def preview():
        state = flask.current_app.config[STATE_KEY]
        query = flask.request.query_string.decode("utf-8", "replace")
        base = page_base(state.config, flask.request.host_url, shown_prefix)
        try:
            image = preview_image(
                state, query, base, cache, offload.render_process(flask.current_app)
            )
        except RendererBusy as err:
            response = flask.Response(
                f"The server is drawing as many images as it can; try again in {err.retry_after} s.\n",
                503,
                mimetype="text/plain",
            )
            response.headers["Retry-After"] = str(err.retry_after)
            return response
        except ExportError as err:  # no browser, or it failed: say so, never a traceback
            log.warning("preview image not made: %s", err)
            response = flask.Response(
                f"The preview image could not be made: {err}\n", 503, mimetype="text/plain"
            )
            response.headers["Retry-After"] = "30"
            return response
        response = flask.Response(image, mimetype="image/png")
        versioned = flask.request.args.get(VERSION_KEY) == state.version
        response.headers["Cache-Control"] = (
            f"public, max-age={VERSIONED_MAX_AGE_S if versioned else MAX_AGE_S}"
        )
        response.set_etag(hashlib.sha256(image).hexdigest()[:20])
        return response.make_conditional(flask.request)

    app.server.add_url_rule(prefix + PREVIEW_PATH, "preview_png", preview)
    return cache


def page_tags(app) -> str:
    """The preview tags of the link being opened (``""`` outside a request)."""
    if not flask.has_request_context():
        return ""
    state = app.server.config[STATE_KEY]
    base = page_base(state.config, flask.request.host_url, app.config.requests_pathname_prefix)
    return preview_tags(state, flask.request.query_string.decode("utf-8", "replace"), base)
