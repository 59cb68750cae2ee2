"""Claims: every statement of one quantity across documents, over time.

Pick a quantity (the frame's ``quantity_group``: a figure and every figure declared
``same_as``, ``updates`` or ``disagrees_with`` it; ``analysis.claims.quantity_choices`` is
the pick-list) and see what each document said of it and when: one point per statement at
its source's publication date, its height the value as stated, styled by its qualifier
(an "over" points up, an "up to" points down, an approximation is a diamond, a range is a
line from its low to its high bound), a pledge hollow, the latest statement ringed and
labelled "latest" (unless documents disagree: then each side is drawn alike and labelled
"disagree"; a date known to a month is a line across it). Statements are never joined by a line or averaged: two documents that
disagree are two points.

The quantity comes from ``Filters.quantity``, carried by the filtered frame
(``frame.attrs["quantity"]``, set by ``analysis.frame.apply_filters``), so the page, the
slide image and the deck draw the same one. Without a chosen quantity (or when the chosen one
has no statement in the view) the chart shows the quantity with the most statements and says
so on the chart and in its alt text.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from dashboard.analysis.claims import history_choice, most_stated, quantity_history
from dashboard.views.charts import bars
from dashboard.views.charts.claimdraw import draw
from dashboard.views.charts.claimwords import cap_text, intro, items

# Drawn in claimdraw, said in claimwords, dated by dateaxis; still importable from here:
from dashboard.views.charts.claimdraw import DATE_SPAN_ROLE as DATE_SPAN_ROLE
from dashboard.views.charts.claimwords import disagreement_text as disagreement_text
from dashboard.views.charts.dateaxis import date_axis as date_axis
from dashboard.views.charts.registry import ChartSpec, register
from dashboard.views.charts.texts import CLAIMS_TITLE

CHOSEN, MOST_STATED, MISSING = (
    "chosen",
    "most_stated",
    "missing",
)  # why the chart shows its quantity (CLAIMS_WHY)
TITLE = CLAIMS_TITLE


def select(figures: pd.DataFrame) -> pd.DataFrame:
    """The statements of the chosen quantity (``figures.attrs["quantity"]``), or of the most
    stated one, latest first, with ``claim_role`` and ``quantity_label`` and ``quantity_why``."""
    if figures.empty or "quantity_group" not in figures:
        return figures.iloc[0:0]
    chosen = figures.attrs.get("quantity")
    history = (
        quantity_history(figures, chosen) if chosen else None
    )  # shared with the view's claims panel
    why = CHOSEN
    if history is None:
        history, why = (
            quantity_history(figures, most_stated(figures)),
            (MISSING if chosen else MOST_STATED),
        )
    tied = 0
    if why != CHOSEN:  # how many quantities have as many statements as the one shown
        counts = Counter(figures["quantity_group"].tolist())
        tied = sum(1 for n in counts.values() if n == len(history))
    return history.assign(
        quantity_label=history_choice(history).label, quantity_why=why, quantity_tied=tied
    )


def keep_all(rows: pd.DataFrame) -> pd.DataFrame:
    return rows  # one quantity: a handful of statements, never capped


CLAIMS = register(
    ChartSpec(
        name="claims",
        title=TITLE,
        empty_what="statements",
        plots="figures",
        select=select,
        cap=keep_all,
        cap_text=cap_text,
        draw=draw,
        intro=intro,
        items=items,
        notes=bars.qualifier_notes,
    )
)
