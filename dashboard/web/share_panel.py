"""The page's "Embed" box under each chart: the ``<iframe>`` snippet of that chart alone
(``/embed/<chart>``, web/embed.py) to copy into another site, kept showing the view on screen.

The server writes the snippet for the link being opened (``views.share.embed_snippet``); as
the filters change the address, a clientside callback puts the new query string into each
snippet's ``src`` (no request). The Copy button is assets/embed-copy.js.
"""

from __future__ import annotations

from dash import Input, Output, State, dcc, html

from dashboard.views.charts import CHARTS
from dashboard.web.ids import ID, chart_dom_id
from dashboard.words import Words


def embed_box(name: str, snippet: str, title: str, words: Words) -> html.Details:
    """ "Embed": the ``<iframe>`` snippet of the chart alone (web/embed.py) in a read-only box to
    copy, with a Copy button (assets/embed-copy.js); the snippet follows the filters
    (``EMBED_SNIPPETS``)."""
    box = chart_dom_id(ID.CHART_EMBED, name)
    return html.Details(
        [
            html.Summary(words.text("Embed", "share"), className="chart-embed-toggle"),
            html.Label(
                words.text("Code to show “{chart}” on another site:", "share", chart=title),
                htmlFor=box,
                className="chart-embed-label",
            ),
            # code, not words of any language (lang="zxx"): a screen reader spells it, a translator leaves it
            html.Div(
                dcc.Textarea(
                    id=box,
                    value=snippet,
                    readOnly=True,
                    rows=3,
                    spellCheck="false",
                    className="chart-embed-code",
                ),
                lang="zxx",
            ),
            html.Button(
                words.text("Copy the code", "share"),
                type="button",
                className="btn btn-sm btn-outline-secondary chart-embed-copy",
                **{
                    "data-for": box,
                    "data-copied": words.text("Copied: paste it into your page.", "share"),
                },
            ),
            html.Span(className="chart-embed-status", role="status", **{"aria-live": "polite"}),
        ],
        className="chart-embed",
    )


# Each chart's embed snippet for the address shown: its <iframe>'s src keeps the chart's
# address and takes the page's query string (share.embed_snippet wrote it on the server).
EMBED_SNIPPETS = """
    function(search) {
        const query = (search || "").replace(/&/g, "&amp;");
        return Array.prototype.slice.call(arguments, 1).map(function (snippet) {
            return (snippet || "").replace(/src="([^"?]*)[^"]*"/, function (_, address) { return 'src="' + address + query + '"'; });
        });
    }
    """


def attach_embed_snippets(app) -> None:
    """Keep every chart's snippet showing the address in the browser."""
    app.clientside_callback(
        EMBED_SNIPPETS,
        output=[Output(chart_dom_id(ID.CHART_EMBED, name), "value") for name in CHARTS],
        inputs=[Input(ID.URL, "search")],
        state=[State(chart_dom_id(ID.CHART_EMBED, name), "value") for name in CHARTS],
        prevent_initial_call=True,
    )
