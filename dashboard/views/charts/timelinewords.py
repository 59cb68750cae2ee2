"""The timeline in words: each event's type as the vocabulary names it ("Dialogue (planned)"),
how precise its date is (" (month only)"), a planned event whose date passed with no record
that it took place, the documents that report it, and the chart's alt text and its list of
events, in the rows' language.
"""

from __future__ import annotations

import pandas as pd

from dashboard.curated.records import Dataset, EventStatus
from dashboard.views.charts.draw import esc, texts
from dashboard.views.charts.texts import (
    CTX_ALT,
    EVENTS_INTRO,
    PASSED_NOTE,
    PLANNED_SUFFIX,
    PRECISION_NOTES,
    say,
)
from dashboard.views.language import formatter_for, language_of, words_for
from dashboard.words import Words


def intro(title: str, rows: pd.DataFrame) -> str:
    language = language_of(rows)
    words = words_for(language)
    first, last = rows["date"].min().year, rows["date_end"].max().year
    span = (
        f"{first}"
        if first == last
        else say("{first} to {last}", words, CTX_ALT, first=first, last=last)
    )
    return say(
        EVENTS_INTRO,
        words,
        CTX_ALT,
        title=title,
        events=formatter_for(language).count(len(rows), "event"),
        span=span,
    )


def precision_note(precision: str, words: Words) -> str:
    """`` (month only)``, `` (year only)`` after a date known to the month or year; "" for a day."""
    note = PRECISION_NOTES.get(precision, "")
    return say(note, words) if note else ""


def items(rows: pd.DataFrame, dataset: Dataset) -> list[str]:
    words = words_for(language_of(rows))
    planned = say(", planned", words, CTX_ALT)
    return [
        say(
            "{date}{precision}: {title} — {type}",
            words,
            CTX_ALT,
            date=date,
            precision=precision_note(precision, words),
            title=title,
            type=label.lower() if words.language == "en" else label[:1].lower() + label[1:],
        )
        + (f", {note}" if note else planned if status == EventStatus.PLANNED.value else "")
        for date, precision, title, label, status, note in zip(
            rows["date_label"],
            rows["date_precision"],
            rows["title"],
            type_labels(rows, dataset),
            rows["status"],
            passed_notes(rows, words),
        )
    ]


def passed_notes(rows: pd.DataFrame, words: Words | None = None) -> list[str]:
    """Each row's "planned for 2025; no record that it took place" when it is a planned event
    whose date passed with no record that it happened (see ``analysis.eventstatus``), else ""."""
    flags = (
        texts(rows["passed_unrecorded"])
        if "passed_unrecorded" in rows.columns
        else [None] * len(rows)
    )
    return [
        say(PASSED_NOTE, words, date=date) if flag == "yes" else ""
        for flag, date in zip(flags, texts(rows["date_label"]))
    ]


def type_labels(rows: pd.DataFrame, dataset: Dataset) -> list[str]:
    """Each row's event type as the vocabulary names it."""
    if "type_label" in rows.columns:
        return [
            label or kind for label, kind in zip(texts(rows["type_label"]), texts(rows["type"]))
        ]
    names = {t.id: t.label for t in dataset.known_event_types}
    return [names.get(kind, kind) for kind in texts(rows["type"])]


def event_label(type_label: str, status: str, words: Words | None = None) -> str:
    """``Dialogue``, ``Dialogue (planned)``."""
    return type_label + (say(PLANNED_SUFFIX, words) if status == EventStatus.PLANNED.value else "")


def reported_in(sources: str | None, words: Words | None = None) -> str:
    """``<br>Reported in: a.txt · b.txt`` when more than one document reports the event."""
    if not sources or " · " not in sources:
        return ""
    return "<br>" + say("Reported in: {files}", words, files=esc(sources))
