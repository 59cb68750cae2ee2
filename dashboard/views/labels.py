"""Words shared by the cards, the charts, the table and the deck: kind labels, the
"in 2022 for the selected programmes" scope of an empty view, and what a figure is among
the other statements of its quantity ("latest of 2 statements", "part of £200m",
"the sources disagree: …").

It sits below every view that shows them, so no view imports another for its words.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard.analysis.claims import claim_history, event_dates, event_resolutions
from dashboard.analysis.frame import Filters
from dashboard.analysis.memo import per_frame
from dashboard.curated.records import Dataset, Kind
from dashboard.views.language import words_of
from dashboard.words import Words

KIND_LABELS = {
    Kind.REPORTED.value: "Reported (achieved)",
    Kind.COMMITTED.value: "Committed (pledged)",
}


def kind_label(kind: str, words: Words | None = None) -> str:
    """``Reported (achieved)`` / ``Committed (pledged)`` in the language of ``words``."""
    english = KIND_LABELS.get(kind)
    return words_of(words=words).text(english, "cards") if english else kind


def scope_text(
    filters: Filters | None,
    dataset: Dataset,
    metrics: Iterable[str] = (),
    words: Words | None = None,
) -> str:
    """What a view is narrowed to, for "No … " messages: ``in 2022 for the selected programmes``.

    ``metrics`` are the metrics the message is about; when the metric filter leaves all of
    them out, the text says so. In the language of ``words`` (English when None).
    """
    words = words_of(words=words)
    if filters is None:
        return words.text("in the current selection", "cards")
    years = (
        f"{filters.year_from}"
        if filters.year_from == filters.year_to
        else f"{filters.year_from}–{filters.year_to}"
    )
    parts = [words.text("in {years}", "cards", years=years)]
    if filters.programmes:
        known = {p.id: p.name for p in dataset.programmes}
        names = [known[p] for p in filters.programmes if p in known]
        parts.append(
            words.text("for {programme}", "cards", programme=names[0])
            if len(names) == 1
            else words.text("for the selected programmes", "cards")
        )
    metrics = set(metrics)
    if filters.metrics and metrics and not metrics & set(filters.metrics):
        parts.append(words.text("with the selected metrics", "cards"))
    return " ".join(parts)


# --- claims across documents (cards, bars, speaker notes, the claims view) -------------------
# Each takes the words of the view's language (English when None).
CTX_CLAIMS = "claims"


def latest_of(n: int, words: Words | None = None) -> str:
    return words_of(words=words).plural(
        "latest of {n} statement", "latest of {n} statements", n, CTX_CLAIMS
    )


def also_stated_by(n: int, words: Words | None = None) -> str:
    return words_of(words=words).plural(
        "also stated by {n} other document", "also stated by {n} other documents", n, CTX_CLAIMS
    )


def sources_disagree(others: list[str], words: Words | None = None) -> str:
    return words_of(words=words).text(
        "the sources disagree: another document says {others}", CTX_CLAIMS, others="; ".join(others)
    )


def resolved(resolution: str, words: Words | None = None) -> str:
    """The curator's reading of a disagreement, as its record words it."""
    return words_of(words=words).text(
        "how to read it: {resolution}", CTX_CLAIMS, resolution=resolution
    )


def part_of(whole: str, words: Words | None = None) -> str:
    return words_of(words=words).text("part of {whole}", CTX_CLAIMS, whole=whole)


def earlier_statement(n_later: int, words: Words | None = None) -> str:
    words = words_of(words=words)
    if n_later == 1:
        return words.text("an earlier statement, updated later", CTX_CLAIMS)
    return words.plural(
        "an earlier statement, updated {n} time",
        "an earlier statement, updated {n} times",
        n_later,
        CTX_CLAIMS,
    )


PART_OF_UNKNOWN = "a larger figure not in this view"
WHOLES_ATTR = "wholes"  # frame.attrs key: whole id → how to name a whole the frame leaves out (a slide's part of a chart)


def shows_scope(figures) -> bool:
    """Whether a view must say each figure's scope: it holds more than one ("UK worldwide"
    beside "UK–Vietnam bilateral", or a programme whose scope is not stated). ``figures``: a
    frame, or a chart's ``Columns``."""
    if "scope" not in figures:
        return False
    scopes = figures["scope"]
    return len(set(scopes if isinstance(scopes, list) else scopes.tolist())) > 1


def claim_notes(figures: pd.DataFrame) -> dict[str, str]:
    """Figure id → what it is among the statements of its quantity in ``figures``, for every
    figure that is not a lone statement: ``latest of 2 statements``, ``also stated by 1 other
    document``, ``the sources disagree: another document says 738 (Ministry, Nov 2018)``,
    ``an earlier statement, updated later``, ``part of £200m`` (joined by "; ")."""
    if "quantity_group" not in figures or figures.empty:
        return {}
    words = words_of(figures)
    notes: dict[str, list[str]] = {}
    if figures["quantity_group"].is_unique and (
        "part_of" not in figures or figures["part_of"].isna().all()
    ):
        return {}  # no figure restates, updates, disagrees with or is part of another
    resolutions = resolutions_of(figures)
    sizes = figures["quantity_group"].value_counts()
    for group in sizes[sizes > 1].index:
        rows = figures[figures["quantity_group"] == group]
        history = claim_history(rows, str(rows["id"].iloc[0]))
        _note_statements(history, resolutions, words, notes)
    if "part_of" in figures:
        _note_parts(figures, words, notes)
    return {i: "; ".join(n) for i, n in notes.items() if n}


def resolutions_of(figures: pd.DataFrame) -> dict[frozenset, str]:
    """The curator's resolution of each disagreement in ``figures``: {the two ids} → how to read them."""
    if "resolution" not in figures:
        return {}
    return {
        frozenset((fid, other)): text
        for fid, other, text in zip(figures["id"], figures["disagrees_with"], figures["resolution"])
        if isinstance(other, str) and isinstance(text, str) and text
    }


def _note_statements(
    history: pd.DataFrame,
    resolutions: dict[frozenset, str],
    words: Words,
    notes: dict[str, list[str]],
) -> None:
    """The notes of one quantity's statements (``history``): the latest says how many there
    are, whom it disagrees with and how to read that; a restated figure how many others state
    it; a disagreeing one what the latest says; an earlier one that it was updated."""
    roles = dict(zip(history["id"], history["claim_role"]))
    counted = [i for i, r in roles.items() if r in ("latest", "earlier")]
    disagreeing = [i for i, r in roles.items() if r == "disagrees"]
    said = {
        i: f"{v} ({p}, {d})"
        for i, v, p, d in zip(
            history["id"],
            history["value_label"],
            history["source_publisher"],
            history["source_date"],
        )
    }
    lead = next(i for i, r in roles.items() if r == "latest")
    lead_notes = notes.setdefault(lead, [])
    if len(counted) > 1:
        lead_notes.append(latest_of(len(counted), words))
    restating = history["same_of"].dropna().value_counts() if "same_of" in history else {}
    for original, n in restating.items():  # a restatement is one more source of what it restates
        notes.setdefault(original, []).append(also_stated_by(int(n), words))
    if disagreeing:
        lead_notes.append(sources_disagree([said[i] for i in disagreeing], words))
        for i in disagreeing:
            notes.setdefault(i, []).append(sources_disagree([said[lead]], words))
        for i in disagreeing:
            resolution = resolutions.get(frozenset((i, lead)))
            if resolution:  # once, with the statement the card and the chart lead with
                lead_notes.append(resolved(resolution, words))
    for i in counted:
        if i != lead:
            later = sum(1 for j in counted[: counted.index(i)])
            notes.setdefault(i, []).append(earlier_statement(later, words))


def _note_parts(figures: pd.DataFrame, words: Words, notes: dict[str, list[str]]) -> None:
    """A part names its whole's value: in the view, or drawn on another slide ("£12m (whole
    on slide 3 of 5)"), or unknown."""
    values = dict(zip(figures["id"], figures["value_label"]))
    unknown = words.text(PART_OF_UNKNOWN, CTX_CLAIMS)
    elsewhere = figures.attrs.get(WHOLES_ATTR) or {}
    for i, whole in zip(figures["id"], figures["part_of"]):
        if isinstance(whole, str) and whole:
            notes.setdefault(i, []).append(
                part_of(values.get(whole) or elsewhere.get(whole, unknown), words)
            )


view_claim_notes = per_frame()(
    claim_notes
)  # a view's, shared by its cards and bar charts: read, never changed


# --- events that documents date differently ---------------------------------------------------
CTX_EVENT_DATES = "event dates"


def disputed_date(dates: list[tuple[str, str]], words: Words | None = None) -> str:
    """``31 Mar 2025 (Home Office) / 1 Apr 2025 (Government portal)``: every date documents
    give one event, each with who gives it, earliest first."""
    words = words_of(words=words)
    return " / ".join(
        words.text("{date} ({publisher})", CTX_EVENT_DATES, date=date, publisher=publisher)
        for date, publisher in dates
    )


def with_disputed_dates(markers: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """``markers`` (one row per event, ``claims.event_markers``) with each disputed date
    written as every document gives it (``disputed_date``) in ``date_label``, the dates alone
    in ``date_mark`` (``31 Mar 2025 / 1 Apr 2025``: the timeline's label beside the marker),
    and the curator's reading in ``date_resolution``; dates no document disputes unchanged."""
    disputed = event_dates(events)
    if not disputed or markers.empty:
        return markers
    words = words_of(markers)
    resolutions = event_resolutions(events)
    groups = markers["same_group"].tolist()
    labels = [
        disputed_date(disputed[g], words) if g in disputed else label
        for g, label in zip(groups, markers["date_label"].tolist())
    ]
    marks = [
        " / ".join(d for d, _ in disputed[g]) if g in disputed else label
        for g, label in zip(groups, markers["date_label"].tolist())
    ]
    return markers.assign(
        date_label=pd.Series(labels, index=markers.index, dtype=object),
        date_mark=pd.Series(
            marks, index=markers.index, dtype=object
        ),  # the dates alone, for a label on the chart
        date_resolution=pd.Series(
            [resolutions.get(g) if g in disputed else None for g in groups],
            index=markers.index,
            dtype=object,
        ),
    )
