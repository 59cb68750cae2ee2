"""The claims view's picker and statement list: pick a quantity (``quantity=`` in the link)
and read every statement of it in the view, latest first, each one click from its source.

It sits in the claims chart's panel when a ``claims`` chart is registered, else after the
charts. Renders already-computed values (``state.view_claims``); computes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from dash import dcc, html

from dashboard.web.ids import ID

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.web.state import AppState, View

CLAIMS_CHART = "claims"  # the chart the picker belongs beside, once registered
ROLE_LABELS = {
    "latest": "Latest statement",
    "earlier": "Earlier statement, updated by the latest",
    "same": "The same figure, from another document",
    "disagrees": "Disagrees with the latest: both shown, never averaged",
}
NO_STATEMENT = "No statement of this quantity in this view: widen the years, programmes, scope or metric, or pick another quantity."
NO_QUANTITY = "No figure in this view, so there is no quantity to follow."


def quantity_options(state: AppState) -> list[dict[str, str]]:
    """The picker's options: every quantity in the data, the most stated first."""
    return [
        {"label": f"{q.label} ({q.statements} statements)" if q.statements > 1 else q.label, "value": q.id}
        for q in state.quantities
    ]


def claims_panel(state: AppState, view: View) -> html.Div:
    """The quantity picker and the statements of the chosen quantity."""
    return html.Div(
        [
            # h4: a sub-heading of the claims chart's h3, not a second chart title
            html.H4("Every statement of one quantity", id="claims-title", className="claims-title"),
            html.Label("Quantity", htmlFor=ID.QUANTITY, className="filter-label"),
            dcc.Dropdown(  # empty: the most stated quantity in the view, named above its statements
                id=ID.QUANTITY, value=view.filters.quantity, clearable=True, searchable=True,
                options=quantity_options(state), placeholder="The most stated quantity in this view",
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
    if view.quantity is None:
        return [html.P(NO_QUANTITY, className="claims-empty")]
    if view.claims is None or view.claims.empty:
        return [html.P(NO_STATEMENT, className="claims-empty")]
    lead = view.claims.iloc[0]
    caption = f"{lead['programme_name']} · {lead['metric_label']}: {len(view.claims)} statement{'s' if len(view.claims) != 1 else ''} in this view, latest first"
    return [
        html.P(caption, className="claims-caption"),
        html.Ol([claim_line(row) for _, row in view.claims.iterrows()], className="claim-lines"),
    ]


def claim_line(row: pd.Series) -> html.Li:
    role = str(row["claim_role"])
    source = f"{row['source_title']} — {row['source_publisher']}, {row['source_date']}"
    return html.Li(
        html.Button(
            [
                html.Span(ROLE_LABELS.get(role, role), className="claim-role"),
                html.Span(str(row["value_label"]), className="claim-value"),
                html.Span(str(row["period_label"]), className="claim-period"),
                html.Span(str(row["scope_label"]), className="claim-scope"),
                html.Span(source, className="claim-source"),
            ],
            id={"type": ID.CLAIM_LINE, "figure": str(row["id"])}, n_clicks=0,
            className="claim-line", title="Show the source sentence", **{"data-figure": str(row["id"]), "data-role": role},
        ),
        className=f"claim is-{role}",
    )
