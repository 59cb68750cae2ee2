"""A source's ``published``: how the curator knows when a document appeared.

- ``published: 2025-04`` with no ``published_basis``: the date is **printed** on the document;
- the same with a ``published_basis``: the document prints no date and the curator **inferred**
  it (from its address, another document, what it refers to): views write "Apr 2025 (inferred)";
- ``published: on or after 2025-04-03`` (with the basis: why no earlier) — **on_or_after**;
- ``published: undated`` (with ``accessed:``, the day the curator read it) — **undated**: views
  say so, and the document never dates the data (see ``analysis.eventstatus``); the day it
  was read is kept only as the latest day it can have been published, to order its statements.

``Source.published`` stays a ``FlexDate`` (the stated date, the bound, or the day read) and
``Source.published_how`` says which of the four it is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from dashboard.curated.fields import FieldError, flex_date
from dashboard.curated.records import DatePrecision, FlexDate, Source


class DateHow(StrEnum):
    PRINTED = "printed"
    INFERRED = "inferred"
    ON_OR_AFTER = "on_or_after"
    UNDATED = "undated"


@dataclass(frozen=True)
class Stated:
    """``published`` as written when it is not a plain date."""

    how: DateHow
    date: FlexDate | None = None


_ON_OR_AFTER = re.compile(r"^on or after\s+(\S+)$", re.IGNORECASE)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def published(value: Any) -> FlexDate | Stated:
    """A flexible date, ``on or after DATE`` or ``undated``."""
    if isinstance(value, str) and value.strip().lower() == DateHow.UNDATED.value:
        return Stated(DateHow.UNDATED)
    if isinstance(value, str) and (m := _ON_OR_AFTER.match(value.strip())):
        return Stated(DateHow.ON_OR_AFTER, flex_date(_date_value(m[1])))
    try:
        return flex_date(value)
    except FieldError as err:
        raise FieldError(
            f"{err}; or `on or after 2025-04-03`, or `undated` for a document that prints no date"
        ) from None


def _date_value(text: str) -> Any:
    """The date after "on or after" as YAML would have read it on its own."""
    if text.isdigit():
        return int(text)
    if _DAY.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise FieldError(f"{text!r} is not a day of the calendar") from None
    return text


class SourceError(FieldError):
    """A source whose fields disagree; ``field`` names the one to fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def build_source(published: FlexDate | Stated, **values: Any) -> Source:
    """A ``Source`` with ``published_how`` worked out (see the module's docstring)."""
    basis = values.get("published_basis")
    if isinstance(published, FlexDate):
        return Source(
            published=published,
            published_how=(DateHow.INFERRED if basis else DateHow.PRINTED).value,
            **values,
        )
    if published.how is DateHow.ON_OR_AFTER:
        if not basis:
            raise SourceError(
                "published",
                "`on or after` needs a `published_basis` saying why the document cannot be earlier",
            )
        return Source(published=published.date, published_how=published.how.value, **values)
    accessed = values.get("accessed")
    if accessed is None:
        raise SourceError(
            "published",
            "an `undated` document needs `accessed:` (YYYY-MM-DD, the day you read it): its statements are ordered by it",
        )
    return Source(
        published=FlexDate(accessed, DatePrecision.DAY), published_how=published.how.value, **values
    )


__all__ = ["DateHow", "Stated", "SourceError", "build_source", "published"]
