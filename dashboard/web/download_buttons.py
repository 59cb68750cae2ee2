"""The download buttons answered at once (CSV, XLSX, …): the file for the filters on screen.

Downloads that draw with the browser (images, the deck) are jobs (``web.jobs``); every other
button is answered here, in the request. ``download_request`` reads which button fired (the
trigger may be forged), ``make_download`` makes the file (pure but for the render process it
may use), ``download_answer`` turns a failure into a sentence in the page's language, and
``attach_downloads`` registers the thin callback and the "Preparing the file…" said at once
in the browser.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

import flask
from dash import Output, State, ctx, dcc, no_update

from dashboard.analysis.frame import Filters
from dashboard.outputs.errors import NothingToExport, RendererBusy
from dashboard.outputs.export import ExportError
from dashboard.views.charts import CHARTS
from dashboard.views.language import words_for
from dashboard.web import offload
from dashboard.web.clicks import is_click
from dashboard.web.downloads import output_kind, view_file
from dashboard.web.ids import ID
from dashboard.web.jobwork import is_job
from dashboard.web.layout import CHART_FORMATS, VIEW_FORMATS, chart_download_id, view_download_id
from dashboard.web.links import page_language
from dashboard.web.state import AppState, view_for
from dashboard.web.urlstate import from_controls, parse_language
from dashboard.web.wiring import clicks, controls, current_state, language
from dashboard.words import LANGUAGES

log = logging.getLogger(__name__)

DOWNLOAD_BUTTONS: dict[str, tuple[str, str | None]] = {
    **{view_download_id(fmt_): (fmt_, None) for fmt_, _ in VIEW_FORMATS},
    **{chart_download_id(name, fmt_): (fmt_, name) for name in CHARTS for fmt_, _ in CHART_FORMATS},
}


QUICK_BUTTONS = {
    button: request for button, request in DOWNLOAD_BUTTONS.items() if not is_job(request[0])
}  # the rest: web.jobs


def download_request(trigger: Any) -> tuple[str, str | None] | None:
    """``(format, chart)`` for the download button that fired; None for anything else."""
    return DOWNLOAD_BUTTONS.get(trigger) if isinstance(trigger, str) else None


def make_download(
    state: AppState,
    kind: str,
    chart: str | None,
    filters: Filters,
    today: dt.date | None = None,
    language: str | None = None,
    site: str | None = None,
) -> tuple[str, bytes]:
    """The file a download button gives: its name and content, for the filters on screen, in
    the page's ``language`` (the default language when None); ``site``: the page's address."""
    language = parse_language(language, state.language)
    output_kind(kind, chart, words_for(language))  # a wrong request: its error, before a view
    return view_file(
        view_for(state, filters, language),
        state.data(),
        state.config,
        kind,
        chart=chart,
        today=today,
        site=site,
    )


def download_answer(state: AppState, kind: str, chart: str | None, filters: Filters, language: str):
    """``(file, status)`` for the callback: the file and "Downloaded …", or no file and a
    sentence saying why (never a server error page; the log has the details). Every render
    slot taken sets ``Retry-After`` on the answer."""
    words = words_for(language)
    apart = offload.render_process(flask.current_app) if kind in offload.RENDER_KINDS else None
    site = None  # every file's link starts at downloads.site_address, as the CLI's and a job's do
    try:
        if apart:
            name, content = apart.download(kind, filters, chart, language=language, site=site)
        else:
            name, content = make_download(state, kind, chart, filters, language=language, site=site)
    except RendererBusy as err:  # every render slot taken: a plain, retryable message
        ctx.response.set_header("Retry-After", str(err.retry_after))
        return no_update, words.text(
            "Too many image and deck downloads at once: the {format} file was not made. Try again in {seconds} s.",
            "downloads",
            format=kind.upper(),
            seconds=err.retry_after,
        )
    except NothingToExport as err:  # "Nothing to download: no figures match these filters (…)"
        return no_update, str(err)
    except ExportError as err:  # e.g. no browser to draw images: say so, with the fix
        return no_update, words.text(
            "Could not make the {format} file: {reason}",
            "downloads",
            format=kind.upper(),
            reason=err,
        )
    except Exception:
        log.exception("download %s %s failed", kind, chart)
        return no_update, words.text(
            "Could not make the {format} file; the server log says why.",
            "downloads",
            format=kind.upper(),
        )
    # the file's name in the page's language ("Số liệu chương trình_2022_….csv"); the ASCII form is English's
    return dcc.send_bytes(content, name.title), words.text(
        "Downloaded {name}", "downloads", name=name.title
    )


def download(buttons, years, programmes, metric, scope, quantity, language):
    """The callback: the file of the button clicked (``buttons``: read through which fired)."""
    state = current_state()
    request = download_request(ctx.triggered_id)
    clicked = ctx.triggered[0]["value"] if ctx.triggered else None
    if request is None or not is_click(clicked):
        return dict(file=no_update, status=no_update)
    filters = from_controls(
        years, programmes, metric, state.choices, state.defaults, scope, quantity
    )
    kind, chart = request
    file, status = download_answer(state, kind, chart, filters, page_language(state, language))
    return dict(file=file, status=status)


# The download status while a file is made, in the page's language (the catalogue's words,
# written into the script once): a click says it at once, the download callback replaces it.
PREPARING = """
    function() {
        const said = %s;
        const language = arguments[arguments.length - 1];
        return said[language] || said["en"];
    }
    """ % json.dumps(
    {code: words_for(code).text("Preparing the file…", "downloads") for code in LANGUAGES},
    ensure_ascii=False,
)


def attach_downloads(app) -> None:
    """Register the quick downloads and, for every download button, the status said at once."""
    app.callback(
        output=dict(
            file=Output(ID.DOWNLOAD, "data"), status=Output(ID.VIEW_DOWNLOAD_STATUS, "children")
        ),
        inputs=dict(buttons=clicks(QUICK_BUTTONS)),
        state=dict(**controls(State), **language()),
        prevent_initial_call=True,
    )(download)
    app.clientside_callback(  # said at once, in the page's language, while the server makes the file
        PREPARING,
        output=Output(ID.VIEW_DOWNLOAD_STATUS, "children", allow_duplicate=True),
        inputs=list(clicks(DOWNLOAD_BUTTONS).values()),
        state=list(language().values()),
        prevent_initial_call=True,
    )
