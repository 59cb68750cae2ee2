"""A document's publication date (and an event's date) as every view writes it: a printed date as it is ("Apr 2025"),
an inferred one marked ("Apr 2025 (inferred)"), a lower bound as one ("on or after 3 Apr
2025"), and an undated document as "undated" — in footers, cards, the table, the source
dialog, the CSV, the workbook and the deck, in the language of ``words``. How the curator
writes each is in ``curated.published`` and data/README.md."""

from __future__ import annotations

from dashboard.curated.records import Event, Source
from dashboard.words import Formatter, Words

CTX = "source date"
_ENGLISH = Words("en")


def source_date(source: Source, words: Words | None = None) -> str:
    """``Apr 2025``, ``Apr 2025 (inferred)``, ``on or after 3 Apr 2025`` or ``undated``."""
    words = words or _ENGLISH
    how = getattr(source, "published_how", "printed")
    if how == "undated":
        return words.text("undated", CTX)
    date = Formatter(words).flex_date(source.published)
    if how == "inferred":
        return words.text("{date} (inferred)", CTX, date=date)
    if how == "on_or_after":
        return words.text("on or after {date}", CTX, date=date)
    return date


def event_date(event: Event, words: Words | None = None) -> str:
    """``15 Apr 2024``, or ``15 Apr 2024 (inferred)`` when the curator marked the event's date as
    worked out rather than printed (``date_inferred``, with its ``date_basis``)."""
    words = words or _ENGLISH
    date = Formatter(words).flex_date(event.date)
    return (
        words.text("{date} (inferred)", CTX, date=date)
        if getattr(event, "date_inferred", False)
        else date
    )


__all__ = ["event_date", "source_date"]
