"""Words shared by the cards, the charts, the table and the deck: kind labels and the
"in 2022 for the selected programmes" scope of an empty view.

It sits below every view that shows them, so no view imports another for its words.
"""

from __future__ import annotations

from collections.abc import Iterable

from dashboard.analysis.frame import Filters
from dashboard.curated.records import Dataset, Kind

KIND_LABELS = {
    Kind.REPORTED.value: "Reported (achieved)",
    Kind.COMMITTED.value: "Committed (pledged)",
}


def scope_text(filters: Filters | None, dataset: Dataset, metrics: Iterable[str] = ()) -> str:
    """What a view is narrowed to, for "No … " messages: ``in 2022 for the selected programmes``.

    ``metrics`` are the metrics the message is about; when the metric filter leaves all of
    them out, the text says so.
    """
    if filters is None:
        return "in the current selection"
    years = f"{filters.year_from}" if filters.year_from == filters.year_to else f"{filters.year_from}–{filters.year_to}"
    parts = [f"in {years}"]
    if filters.programmes:
        known = {p.id: p.name for p in dataset.programmes}
        names = [known[p] for p in filters.programmes if p in known]
        parts.append(f"for {names[0]}" if len(names) == 1 else "for the selected programmes")
    metrics = set(metrics)
    if filters.metrics and metrics and not metrics & set(filters.metrics):
        parts.append("with the selected metrics")
    return " ".join(parts)
