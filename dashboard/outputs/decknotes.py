"""What the presenter reads under a deck's slides: a chart's speaker notes (each figure as its
source words it, with its qualifier, scope, period, kind and what it is among its quantity's
statements; each event with its date and quote), the notes of the tables of ratios and
sources, and the documents a table's figures come from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from dashboard.outputs.decktables import CTX_NOTES, qualifier_text
from dashboard.words import Words

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.curated.records import Dataset

SOURCE_NOTES = (
    "Every quote is verbatim from its source document; check a number here before quoting it."
)
RATIO_NOTES = (
    "Each line divides a reported funding figure by a reported count of people of the same programme and "
    "period. Say the bound with the number: 'over', 'up to', or that there is no bound."
)


def speaker_notes(
    name: str,
    figures: pd.DataFrame,
    events: pd.DataFrame,
    dataset: Dataset,
    words: Words | None = None,
) -> str:
    """What to say over chart ``name``: each figure as the source words it, with its
    qualifier, scope (when stated, or when the chart holds several), period and kind, and
    what it is among its quantity's statements ("part of £200m", "latest of 2 statements",
    "the sources disagree: …"); the qualifier notes; the source line."""
    from dashboard.views import charts
    from dashboard.views.charts.draw import one_stop

    words = words or Words("en")
    rows = charts.plotted_rows(name, figures, events)
    lines = [words.text(charts.CHARTS[name].title, "charts"), ""]
    if charts.CHARTS[name].plots == "events":
        lines += _event_lines(rows, words)
    else:
        lines += _figure_lines(rows, words)
        notes = charts.qualifier_notes(name, figures)
        if notes:
            lines += [
                "",
                words.text("Qualifiers on this chart:", CTX_NOTES),
                *(f"• {n}" for n in notes),
            ]
    footer = charts.source_footer(name, figures, events, dataset)
    if footer:
        lines += ["", footer]
    return one_stop("\n".join(lines))  # a curated sentence's own full stop is not doubled


def _event_lines(rows: pd.DataFrame, words: Words) -> list[str]:
    """ "Key events:" and each event with its date, title and quote, planned ones said so."""
    from dashboard.views.charts.texts import PASSED_NOTE

    lines = [words.text("Key events:", CTX_NOTES)]
    for r in rows.to_dict("records"):
        planned = words.text(" (planned)", CTX_NOTES) if r["status"] == "planned" else ""
        if planned and str(r["title"]).endswith(planned.strip()):  # the title says it already
            planned = ""
        if r.get("passed_unrecorded") == "yes":  # planned, its date passed, no record it took place
            planned = " — " + words.text(PASSED_NOTE, "charts", date=r["date_label"])
        lines.append(
            words.text(
                "• {date}: {title}{planned}. Source: “{quote}”",
                CTX_NOTES,
                date=r["date_label"],
                title=r["title"],
                planned=planned,
                quote=r["quote"],
            )
        )
    return lines


def _figure_lines(rows: pd.DataFrame, words: Words) -> list[str]:
    """ "Key figures" and each figure as worded, with its qualifier, scope, period and kind."""
    from dashboard.views.labels import claim_notes

    lines = [words.text("Key figures (say them as worded, qualifier included):", CTX_NOTES)]
    claims = claim_notes(rows) if "claim_text" not in rows else {}
    return lines + [_figure_line(r, rows, claims, words) for r in rows.to_dict("records")]


def _figure_line(r: dict, rows: pd.DataFrame, claims: dict, words: Words) -> str:
    from dashboard.analysis.frame import SCOPE_NOT_STATED
    from dashboard.views.labels import KIND_LABELS, shows_scope

    note = (
        words.text(" Note: {note}", CTX_NOTES, note=r["note"])
        if isinstance(r["note"], str) and r["note"]
        else ""
    )
    scope = (
        r.get("scope_label")
        if r.get("scope") not in (None, SCOPE_NOT_STATED) or shows_scope(rows)
        else None
    )
    claim = r.get("claim_text") if isinstance(r.get("claim_text"), str) else claims.get(r["id"])
    kind = (
        words.text(KIND_LABELS[r["kind"]], "cards").lower()
        if r["kind"] in KIND_LABELS
        else str(r["kind"])
    )
    return words.text(
        "• {value} — {metric}, {programme}; {period}; {kind}. {qualifier}{note}",
        CTX_NOTES,
        value=r["value_label"],
        metric=r["metric_label"],
        period=r["period_label"],
        note=note,
        programme=r["programme_name"] + (f" ({scope})" if isinstance(scope, str) and scope else ""),
        kind=kind + (f"; {claim}" if claim else ""),
        qualifier=qualifier_text(r["qualifier"], words, r.get("wording"), r.get("hedge")),
    )


def cited_documents(ids: set[str], figures: pd.DataFrame, dataset: Dataset, words: Words) -> str:
    """``Sources: <title> — <publisher>, <date>; …`` of the documents stating the figures ``ids``."""
    from dashboard.views.language import citation

    used = set(figures.loc[figures["id"].astype(str).isin(ids), "source"].dropna())
    known = [citation(s, words) for s in dataset.sources if s.file in used]
    return (
        words.text("Source: " if len(known) == 1 else "Sources: ", "charts") + "; ".join(known)
        if known
        else ""
    )
