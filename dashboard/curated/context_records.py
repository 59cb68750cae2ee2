"""The record of a context statistic: a number a document gives as background, belonging to
no programme (small-boat arrivals, asylum grants, a national rank). Kept apart from
``records.Figure``: a figure has a programme, a metric and a kind; a context statistic has
none of them, so nothing that reads ``Dataset.figures`` (cards, charts, ratios) can meet one."""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboard.curated.records import Figure, Location, Period, Qualifier


@dataclass(frozen=True)
class ContextStatistic:
    """A number a document gives as background, belonging to no programme: small-boat
    arrivals, asylum applications, a national ranking. Who counted it (``counted_by``, only
    when the source says) and the official table it comes from (``official_table``: "Home
    Office Ret_D02"), as cited by ``source``. Never a programme result: never in a programme's
    card, chart panel or funding-per-person ratio."""

    id: str
    statistic: str  # what is counted: "Small-boat arrivals of Vietnamese nationals"
    value: int | float
    unit: str
    qualifier: Qualifier
    period: Period
    source: str  # the document citing it (often a secondary source)
    quote: str
    wording: str | None = None
    value_high: int | float | None = None
    counted_by: str | None = None  # "Home Office"; left out when the source does not say
    official_table: str | None = None  # "Home Office immigration statistics, table Ret_D02"
    note: str | None = None
    location: Location | None = field(default=None, compare=False)
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def bounds(self) -> tuple[float, float]:
        return Figure.bounds.fget(self)  # the same reading of the wording as a figure's
