"""One chart alone, for another site to frame: ``/embed/<chart>?<the page's query string>``.

A small server-made HTML page, not the Dash app: the chart's title, the filters, the chart
(plotly.js's basic bundle, already served for the page, drawing the figure the view holds),
its qualifier notes, its source line and a link to the full view. Its first load is the page
(a few kB), plotly.js and two small scripts: under 500 kB compressed (docs/sharing.md).

The figure is the one ``views.view.make_view`` made for the page (the app's view cache), so
the embed shows exactly the page's numbers. The query string is read as the page reads it
(``urlstate.parse_link``): an unusable part is left out and named. Only this route may be
framed by any site (``headers.allow_framing``); the page keeps ``frame-ancestors 'none'``.
An unknown chart is a 404 page listing the charts there are.
"""

from __future__ import annotations

import functools
import os
from html import escape
from pathlib import Path

import flask
from plotly.io.json import to_json_plotly

from dashboard.views.charts import CHARTS
from dashboard.views.language import words_for
from dashboard.views.share import EMBED_PATH, embed_address
from dashboard.web.headers import allow_framing
from dashboard.web.downloads import page_base
from dashboard.web.state import STATE_KEY, AppState, view_for
from dashboard.web.urlstate import encode, link_language, parse_link, unused_notice

ASSETS = (
    "plotly-basic.min.js",
    "chart-fit.js",
    "embed/embed.js",
)  # the scripts of an embed, in order
STYLE = "embed/embed.css"  # written into the page (``_style``)
GRAPH_ID = "embed-graph"
FIGURE_ID = "embed-figure"
CTX = "share"


def asset_url(prefix: str, assets_folder: str, name: str) -> str:
    """An asset's address with its modified time as fingerprint (``?m=…``), as Dash links them:
    a year's cache (``delivery.cache_fingerprinted_assets``) and never a stale copy."""
    try:
        modified = int(os.path.getmtime(os.path.join(assets_folder, name)))
    except OSError:
        modified = 0
    return f"{prefix}assets/{name}?m={modified}"


def embed_page(
    state: AppState, chart: str, query: str, prefix: str, assets_folder: str, base: str
) -> tuple[int, str]:
    """``(status, html)`` of chart ``chart`` alone for the view of ``query``: 200 and the chart,
    or 404 and the list of charts there are. ``prefix`` is the app's path (``/``), ``base`` the
    page's absolute address (``http://host/``), for the link to the full view."""
    language = link_language(query, state.language)
    words = words_for(language)
    link = parse_link(query, state.choices, state.defaults, words)
    search = encode(link.filters, state.defaults, language, state.language)
    if chart not in CHARTS:
        return 404, _not_found(chart, search, prefix, assets_folder, words)
    view = view_for(state, link.filters, language)
    shown = view.charts[chart]
    title = CHARTS[chart].title_in(words)
    dataset = state.localized(language).dataset
    page_title = words.text(state.config.title, "page title")
    notice = unused_notice(link.unused, words)
    figure = to_json_plotly({"data": shown.spec["data"], "layout": shown.spec["layout"]}).replace(
        "<", "\\u003c"
    )
    height = shown.spec["layout"].get("height") or 400
    notes = "".join(
        f'<li><span class="note-label">{escape(words.text("Note:", "charts"))}</span> {escape(n)}</li>'
        for n in shown.notes
    )
    scripts = "".join(
        f'<script src="{escape(asset_url(prefix, assets_folder, a))}" defer></script>'
        for a in ASSETS
    )
    body = (
        f'<main class="embed" data-chart="{escape(chart)}">'
        f'<h1 class="embed-title">{escape(title)}</h1>'
        f'<p class="embed-filters">{escape(view.filters.describe(dataset, words=words))}</p>'
        + (f'<p class="embed-notice" role="status">{escape(notice)}</p>' if notice else "")
        + f'<div class="embed-chart" role="img" aria-label="{escape(title)}" aria-describedby="embed-alt">'
        f'<div id="{GRAPH_ID}" class="embed-graph" style="min-height:{int(height)}px"></div></div>'
        f'<p id="embed-alt" class="visually-hidden">{escape(shown.alt)}</p>'
        + (f'<ul class="embed-notes">{notes}</ul>' if notes else "")
        + (f'<p class="embed-source">{escape(shown.footer)}</p>' if shown.footer else "")
        + f'<p class="embed-link"><a href="{escape(base + search.lstrip("/"))}" target="_blank" rel="noopener">'
        f"{escape(words.text('Open the full view: {title}', CTX, title=page_title))}</a>"
        f" · {escape(words.text('Data version {version}', 'page', version=state.version))}</p>"
        f'</main><script type="application/json" id="{FIGURE_ID}">{figure}</script>{scripts}'
    )
    return 200, _document(
        language, f"{title} · {page_title}", view.summary, prefix, assets_folder, body
    )


def _not_found(chart: str, search: str, prefix: str, assets_folder: str, words) -> str:
    items = "".join(
        f'<li><a href="{escape(embed_address(prefix, name, search))}">{escape(spec.title_in(words))}</a> '
        f"<code>{escape(name)}</code></li>"
        for name, spec in CHARTS.items()
    )
    shown = "".join(ch if ch.isprintable() else "?" for ch in chart)[:60]
    listing = words.text("These charts can be embedded:", CTX)
    title = (
        words.text("No chart named {name}", CTX, name=repr(shown)) if chart else listing
    )  # /embed/ alone: the list
    body = (
        f'<main class="embed embed-missing"><h1 class="embed-title">{escape(title)}</h1>'
        + (f"<p>{escape(listing)}</p>" if chart else "")
        + f'<ul class="embed-charts">{items}</ul></main>'
    )
    return _document(words.language, title, "", prefix, assets_folder, body)


def _document(
    language: str, title: str, description: str, prefix: str, assets_folder: str, body: str
) -> str:
    return (
        f'<!DOCTYPE html><html lang="{escape(language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>"
        + (f'<meta name="description" content="{escape(description)}">' if description else "")
        + f"<style>{_style(assets_folder)}</style></head><body>{body}</body></html>"
    )


@functools.lru_cache(maxsize=4)
def _style(assets_folder: str) -> str:
    """The embed's stylesheet, written into its page: no request holds the first paint."""
    try:
        return Path(assets_folder, STYLE).read_text(encoding="utf-8").replace("</", "<\\/")
    except OSError:
        return ""


def attach_embed(app) -> None:
    """Answer ``<prefix>embed/<chart>`` on ``app``'s server (a ``dash.Dash``), framable by any site."""
    prefix = app.config.routes_pathname_prefix
    shown_prefix = app.config.requests_pathname_prefix

    def embed(chart: str = ""):
        allow_framing()
        query = flask.request.query_string.decode("utf-8", "replace")
        base = page_base(
            flask.current_app.config[STATE_KEY].config, flask.request.host_url, shown_prefix
        )
        status, html = embed_page(
            flask.current_app.config[STATE_KEY],
            chart,
            query,
            shown_prefix,
            app.config.assets_folder,
            base,
        )
        return flask.Response(html, status=status, mimetype="text/html")

    app.server.add_url_rule(prefix + EMBED_PATH, "embed_index", embed)
    app.server.add_url_rule(prefix + EMBED_PATH + "<chart>", "embed_chart", embed)
