"""The record schemas: for each section of ``data/*.yaml``, the record it builds and the
parser of each required and optional field (``dashboard.curated.fields``).

``dashboard.curated.load`` reads the files with them; ``data/README.md`` documents every field
they name (``tests/test_shipped_data.py`` checks that it does). A new field is one line here,
its record's attribute and its README row.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Callable

from dashboard.curated.context_records import ContextStatistic
from dashboard.curated.fields import (
    boolean,
    build_period,
    choice,
    date,
    flex_date,
    ident,
    number,
    optional,
    text,
    text_list,
    vocabulary_id,
)
from dashboard.curated.published import build_source, published
from dashboard.curated.records import (
    Change,
    Event,
    EventStatus,
    EventTypeDef,
    Exclusion,
    Figure,
    Hedge,
    Kind,
    Metric,
    PeriodType,
    Programme,
    Qualifier,
    Scope,
    Unit,
    UnitKind,
)


def bound_wording(value: Any) -> str:
    """A figure's ``wording``: a Vietnamese document's own word read as its English equivalent."""
    from dashboard.curated.bounds import as_english

    return as_english(text(value))


@dataclass(frozen=True)
class Schema:
    build: Callable[..., Any]
    required: dict[str, Callable[[Any], Any]]
    optional: dict[str, Callable[[Any], Any]]


UNKNOWN_IN = {
    "event_types": "unknown-event-type",
    "scopes": "unknown-scope",
}  # the code of an id a vocabulary section lacks

PERIOD = Schema(
    build=build_period,
    required={"type": choice(PeriodType)},
    optional={
        "start": flex_date,
        "end": flex_date,
        "start_basis": optional(text),
        "end_basis": optional(text),
    },
)

SECTIONS: dict[str, Schema] = {
    "programmes": Schema(
        Programme,
        {"id": ident, "name": text, "funder": text, "partner_country": text, "description": text},
        {"scope": optional(vocabulary_id("scopes"))},
    ),
    "scopes": Schema(Scope, {"id": ident, "label": text}, {"description": optional(text)}),
    "event_types": Schema(
        EventTypeDef,
        {"id": ident, "label": text},
        {"symbol": optional(text), "description": optional(text)},
    ),
    "units": Schema(
        Unit,
        {"id": ident, "label": text},
        {
            "prefix": optional(text),
            "noun": optional(text),
            "kind": optional(choice(UnitKind)),
            "singular": optional(text),
        },
    ),
    "metrics": Schema(
        Metric,
        {"id": ident, "label": text, "unit": ident, "chart": ident},
        {
            "description": optional(text),
            "singular": optional(text),
            "counts": optional(text),
            "counted_by": optional(text),
            "headline": optional(boolean),
            "ratio": optional(choice(StrEnum("Ratio", "numerator denominator"))),
        },
    ),
    "sources": Schema(
        build_source,
        {"file": text, "title": text, "publisher": text, "published": published},
        {
            "published_basis": optional(text),
            "url": optional(text),
            "title_basis": optional(text),
            "publisher_basis": optional(text),
            "caveats": optional(text_list),
            "accessed": optional(date),
            "archive_url": optional(text),
            "language": optional(text),
        },
    ),
    "figures": Schema(
        Figure,
        {
            "id": ident,
            "programme": ident,
            "metric": ident,
            "value": number,
            "unit": ident,
            "qualifier": choice(Qualifier),
            "kind": choice(Kind),
            "period": PERIOD,  # nested mapping, parsed with its own schema
            "source": text,
            "quote": text,
        },
        {
            "wording": optional(bound_wording),
            "note": optional(text),
            "value_high": optional(number),
            "committed_on": optional(flex_date),
            "committed_on_basis": optional(text),
            "part_of": optional(ident),
            "same_as": optional(ident),
            "updates": optional(ident),
            "disagrees_with": optional(ident),
            "resolution": optional(text),
            "change": optional(choice(Change)),
            "compared_with": optional(text),
            "hedge": optional(choice(Hedge)),
            "counted_by": optional(text),
        },
    ),
    "events": Schema(
        Event,
        {
            "id": ident,
            "date": flex_date,
            "programme": ident,
            "type": vocabulary_id("event_types"),
            "title": text,
            "source": text,
            "quote": text,
        },
        {
            "status": optional(choice(EventStatus)),
            "date_basis": optional(text),
            "date_inferred": optional(boolean),
            "same_as": optional(ident),
            "disagrees_with": optional(ident),
            "resolution": optional(text),
        },
    ),
    "exclusions": Schema(Exclusion, {"source": text, "quote": text, "reason": text}, {}),
    "context_statistics": Schema(
        ContextStatistic,
        {
            "id": ident,
            "statistic": text,
            "value": number,
            "unit": ident,
            "qualifier": choice(Qualifier),
            "period": PERIOD,
            "source": text,
            "quote": text,
        },
        {
            "wording": optional(bound_wording),
            "value_high": optional(number),
            "counted_by": optional(text),
            "official_table": optional(text),
            "note": optional(text),
        },
    ),
}
