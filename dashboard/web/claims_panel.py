"""The claims view's picker and statement list: pick a quantity (``quantity=`` in the link)
and read every statement of it in the view, latest first, each one click from its source.

It sits in the claims chart's panel when a ``claims`` chart is registered, else after the
charts. Renders already-computed values (``state.view_claims``); computes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from dash import dcc, html

from dashboard.views.charts.claims import disagreement_text
from dashboard.views.language import words_for
from dashboard.web.ids import ID

CTX = "claims"

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.web.state import AppState, View

CLAIMS_CHART = "claims"  # the chart the picker belongs beside, once registered
ROLE_LABELS = {
    "latest": "Latest statement",
    "earlier": "Earlier statement, updated by the latest",
    "same": "The same figure, from another document",
    "disagrees": "Disagrees with the latest: both shown, never averaged",
}
DISPUTED = "Disagrees with another document: both shown, never averaged"  # every side of a disagreement: none ranked "latest"
NO_STATEMENT = "No statement of this quantity in this view: widen the years, programmes, scope or metric, or pick another quantity."
NO_QUANTITY = "No figure in this view, so there is no quantity to follow."


def quantity_options(state: AppState, language: str | None = None) -> list[dict[str, str]]:
    """The picker's options: every quantity in the data, the most stated first, named in ``language``."""
    words = words_for(state.localized(language).language)
    return [
        {
            "label": words.text(
                "{quantity} ({n} statements)", CTX, quantity=q.label, n=words.integer(q.statements)
            )
            if q.statements > 1
            else q.label,
            "value": q.id,
        }
        for q in state.quantities_in(language)
    ]


def claims_panel(state: AppState, view: View) -> html.Div:
    """The quantity picker and the statements of the chosen quantity."""
    words = words_for(view.language)
    return html.Div(
        [
            # h4: a sub-heading of the claims chart's h3, not a second chart title
            html.H4(
                words.text("Every statement of one quantity", CTX),
                id="claims-title",
                className="claims-title",
            ),
            html.Label(words.text("Quantity", CTX), htmlFor=ID.QUANTITY, className="filter-label"),
            dcc.Dropdown(  # empty: the most stated quantity in the view, named above its statements
                id=ID.QUANTITY,
                value=view.filters.quantity,
                clearable=True,
                searchable=True,
                options=quantity_options(state, view.language),
                placeholder=words.text("The most stated quantity in this view", CTX),
            ),
            html.Div(render_claims(view), id=ID.CLAIMS, className="claims-statements"),
        ],
        className="claims-panel",
        role="region",
        **{"aria-labelledby": "claims-title"},
    )


def render_claims(view: View) -> list:
    """One line per statement: its role, its value and period as the document states them,
    its scope and its source, as a button that opens the source sentence."""
    words = words_for(view.language)
    if view.quantity is None:
        return [html.P(words.text(NO_QUANTITY, CTX), className="claims-empty")]
    if view.claims is None or view.claims.empty:
        return [html.P(words.text(NO_STATEMENT, CTX), className="claims-empty")]
    lead = view.claims.iloc[0]
    n = len(view.claims)
    statements = words.plural(
        "{n} statement in this view, latest first",
        "{n} statements in this view, latest first",
        n,
        CTX,
    )
    caption = f"{lead['programme_name']} · {lead['metric_label']}: {statements}"
    disputed = "disagrees" in set(view.claims["claim_role"])
    readings = disagreement_text(view.claims, words)
    return [
        html.P(caption, className="claims-caption"),
        html.Ol(
            [claim_line(row, view.language, disputed) for _, row in view.claims.iterrows()],
            className="claim-lines",
        ),
        *([html.P(readings, className="claims-resolution")] if readings else []),
    ]


def claim_line(row: pd.Series, language: str = "en", disputed: bool = False) -> html.Li:
    """One statement; ``disputed``: its quantity's latest statements disagree, so the latest
    and each that disagrees with it read as a disagreement, never as a ranking."""
    words = words_for(language)
    role = str(row["claim_role"])
    source = words.text(
        "{title} — {publisher}, {date}",
        "table",
        title=row["source_title"],
        publisher=row["source_publisher"],
        date=row["source_date"],
    )
    label = DISPUTED if disputed and role in ("latest", "disagrees") else ROLE_LABELS.get(role)
    return html.Li(
        html.Button(
            [
                html.Span(words.text(label, CTX) if label else role, className="claim-role"),
                html.Span(str(row["value_label"]), className="claim-value"),
                html.Span(str(row["period_label"]), className="claim-period"),
                html.Span(str(row["scope_label"]), className="claim-scope"),
                html.Span(source, className="claim-source"),
            ],
            id={"type": ID.CLAIM_LINE, "figure": str(row["id"])},
            n_clicks=0,
            className="claim-line",
            title=words.text("Show the source sentence", "page"),
            **{"data-figure": str(row["id"]), "data-role": role},
        ),
        className=f"claim is-{role}",
    )
