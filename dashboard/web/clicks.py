"""A click on the page as the record it points at, and the source dialog it opens: pure
functions of plain values from the browser, which may be forged (an id too long, a count that
is not a number, a chart point without its id are nothing).

A card line, a ratio's part, a table row, a claims line or a related record names its figure
or event in its component id; a chart's point carries its id as ``customdata[0]``.
"""

from __future__ import annotations

from typing import Any

from dash import no_update

from dashboard.views.charts import CHARTS
from dashboard.views.language import words_for
from dashboard.web.ids import ID
from dashboard.web.layout import chart_dom_id, render_passage
from dashboard.web.provenance import EVENT, FIGURE
from dashboard.web.sharing import citation_for
from dashboard.web.state import AppState
from dashboard.web.urlstate import parse_language

MAX_ID_CHARS = 200  # ids in click payloads longer than this are not ours


GRAPH_IDS = {chart_dom_id(ID.GRAPH, name): name for name in CHARTS}


def clicked_record(trigger: Any, value: Any) -> tuple[str, str] | None:
    """``(kind, id)`` of the figure or event a click points at, or None for anything else.

    ``trigger`` is the id of the component that fired: a card line ``{"type": "card-line",
    "figure": id}``, one figure of a derived ratio ``{"type": "ratio-part", "figure": id,
    "ratio": n}`` or a table row ``{"type": "table-row", "figure": id}`` (``value`` its click
    count; Enter on a row clicks it), or a chart graph (``value`` plotly's clickData, whose
    point carries ``customdata[0]``).
    """
    if isinstance(trigger, dict):
        if trigger.get("type") in (
            ID.CARD_LINE,
            ID.RATIO_PART,
            ID.TABLE_ROW,
            ID.CLAIM_LINE,
            ID.RELATED,
        ) and is_click(value):
            return _record(FIGURE, trigger.get("figure"))
        if trigger.get("type") == ID.RELATED_EVENT and is_click(value):
            return _record(EVENT, trigger.get("figure"))
        return None
    if trigger in GRAPH_IDS:
        kind = EVENT if CHARTS[GRAPH_IDS[trigger]].opens == "event" else FIGURE
        return _record(kind, _clicked_point_id(value))
    return None


def is_click(value: Any) -> bool:
    """A click count the browser sent: a positive whole number (a forged value is no click)."""
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _record(kind: str, record_id: Any) -> tuple[str, str] | None:
    if isinstance(record_id, str) and 0 < len(record_id) <= MAX_ID_CHARS:
        return kind, record_id
    return None


def _clicked_point_id(click: Any) -> Any:
    if not isinstance(click, dict):
        return None
    points = click.get("points")
    if not isinstance(points, list) or not points or not isinstance(points[0], dict):
        return None
    custom = points[0].get("customdata")
    if isinstance(custom, list) and custom:
        return custom[0]
    return custom if isinstance(custom, str) else None


def source_panel(
    state: AppState, trigger: Any, value: Any, language: str | None = None, address: str = ""
) -> tuple[bool, Any, Any] | None:
    """``(is_open, title, body)`` of the source panel after a click, or None to change nothing;
    in ``language`` (the default language when None), citing with ``address`` (the page's) dated."""
    if trigger == ID.SOURCE_CLOSE:
        return False, no_update, no_update
    record = clicked_record(trigger, value)
    if record is None:
        return None
    kind, record_id = record
    words = words_for(parse_language(language, state.language))
    title, body = render_passage(
        state.provenance.passage(record_id, kind, words),
        words,
        citation_for(state, record_id, words, address),
    )
    return True, title, body
