"""The Dash app: built once from validated data and config, served by ``dashboard serve``
or by a WSGI server through ``dashboard.wsgi:server``.

All state (dataset, frames, table rows, the default view; ``dashboard.web.state``) is
computed here at start-up and stored on the Flask app; callbacks (``dashboard.web.callbacks``)
read it and never reload anything per request. The layout is built per visit from the
link's query string, so a shared link draws its own numbers first. Assets (Bootstrap and the page's CSS) are
served from ``dashboard/web/assets``: the page makes no request outside the app.

``assets/plotly-basic.min.js`` is plotly.js's official "basic" bundle (bar, scatter and pie
traces; npm ``plotly.js-basic-dist-min``, the same version as plotly.py's full bundle).
Dash's graphs use it when it is present instead of the full 4.8 MB bundle, which takes
most of a page load to compile. A chart with another trace type needs the full bundle:
delete the asset (tests/test_app_callbacks.py checks the trace types).
"""

from __future__ import annotations

from pathlib import Path

import re
from html import escape

import dash
import flask

from dashboard import PROJECT_ROOT
from dashboard.web.callbacks import attach_callbacks, serve_layout
from dashboard.web.embed import attach_embed
from dashboard.web.preview import attach_preview, page_tags
from dashboard.web.jobs import attach_jobs
from dashboard.web.delivery import deliver, robots_meta, trim_scripts
from dashboard.web.state import STATE_KEY, AppState, make_state
from dashboard.config import Config, load_config
from dashboard.web import server
from dashboard.web.layout import INDEX_HTML, LANGUAGE_NAMES
from dashboard.curated.records import Dataset
from dashboard.views.checked import load_checked
from dashboard.views.language import words_for
from dashboard.web.urlstate import link_language


class LanguageDash(dash.Dash):
    """Dash, with the page's ``<html lang>`` and ``<title>`` in the language of the link being
    opened (``?lang=vi``), so the first view a server sends names its own language, and the
    link's preview tags (``og:*``, ``twitter:*``: web/preview.py)."""

    def interpolate_index(self, **kwargs) -> str:
        html = super().interpolate_index(**kwargs)
        if not flask.has_request_context():
            return html
        state = app_state(self)
        language = link_language(
            flask.request.query_string.decode("utf-8", "replace"), state.language
        )
        html = localized_index(html, language, state.config.title, state.config.subtitle)
        return html.replace(
            "<title>", page_tags(self) + "<title>", 1
        )  # the link's preview (web/preview.py)


_LOADING = re.compile(r'<div class="_dash-loading">\s*Loading...\s*</div>')


def localized_index(html: str, language: str, title: str, subtitle: str = "") -> str:
    """Dash's page with ``<html lang>`` and the tab's title in ``language``, and its "Loading..."
    replaced by the page's header as plain HTML (the language switch, the title and the
    subtitle, laid out as the page lays them out): a reader sees the title while the scripts
    start, and the page's largest text is painted with the HTML, not a second or more later
    when Dash has drawn the page over it with the same header."""
    words = words_for(language)
    shown = words.text(title, "page title") if title else title
    html = html.replace('<html lang="en">', f'<html lang="{language}">', 1)
    html = html.replace(f"<title>{escape(title)}</title>", f"<title>{escape(shown)}</title>", 1)
    links = "".join(
        f'<li><a class="language-link{" is-current" if code == language else ""}" lang="{code}">{escape(name)}</a></li>'
        for code, name in LANGUAGE_NAMES.items()
    )
    shell = (
        '<div class="_dash-loading page page-shell"><header class="page-header">'
        f'<nav class="language-switch"><ul class="language-list">{links}</ul></nav>'
        f"<h1>{escape(shown)}</h1>"
        + (
            f'<p class="subtitle">{escape(words.text(subtitle, "page title"))}</p>'
            if subtitle
            else ""
        )
        + "</header></div>"
    )
    return _LOADING.sub(lambda _: shell, html, count=1)


def create_app(
    dataset: Dataset,
    config: Config,
    seeds_dir: Path | str = PROJECT_ROOT / "seeds",
    data_dir: Path | str | None = None,
) -> dash.Dash:
    """A Dash app showing ``dataset`` (already validated) with ``config``'s settings; the curated
    translations are read from ``data_dir/i18n`` (by default the folder ``dataset`` was read from)."""
    state = make_state(dataset, config, seeds_dir, data_dir)
    app = LanguageDash(
        __name__,
        title=config.title,
        update_title=None,  # keep the tab title steady while callbacks run
        serve_locally=True,
        compress=False,
        assets_path_ignore=[
            "^embed$"
        ],  # the one-chart embed's own files (web/embed.py), not the page's
        **server.dash_options(config),
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {"name": "description", "content": config.subtitle or config.title},
            *robots_meta(config.serving.index),
        ],
    )
    attach_callbacks(app)
    attach_jobs(app, config)  # drawing downloads: background callbacks with progress and Cancel
    deliver(
        app.server, config.serving.index
    )  # compression, long cache of fingerprinted assets, /robots.txt
    trim_scripts(app)  # no dash_table bundle, no polyfill: the page uses neither
    app.server.config[STATE_KEY] = state
    app.index_string = (
        INDEX_HTML  # <html lang="en">, the link's language per request (LanguageDash)
    )
    with app.server.app_context():  # Dash calls the layout once here to check it
        app.layout = serve_layout  # built per visit from the link's query string
    server.harden(app, state)
    attach_embed(app)  # /embed/<chart>: one chart alone, framable by any site
    attach_preview(app)  # /preview.png: a link's preview image
    return app


def build_app(
    data_dir: Path | str, seeds_dir: Path | str, config_path: Path | str | None
) -> dash.Dash:
    """Load, validate and build; raises ``DataInvalid`` with every problem (file:line) found."""
    config = load_config(config_path)
    dataset = load_checked(data_dir, seeds_dir)
    return create_app(dataset, config, seeds_dir, data_dir)


def app_state(app: dash.Dash) -> AppState:
    return app.server.config[STATE_KEY]
