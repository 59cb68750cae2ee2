"""Planned events that passed: an event recorded as ``planned`` whose whole date lies before
the data's date, with no record that it took place, is no longer simply "planned".

**The data's date** is the earliest day the newest document can have been published: the
first day of the latest ``published`` date in ``sources.yaml`` ("2026" counts from
1 January 2026; an "on or after" date from its bound; an undated document does not count).
It is never the wall clock, so a view, a file and a test read the same data the same way
whatever day they run.

**Passed**: the event's last possible day (31 December for "2025", the month's last day for
"2025-03") is before the data's date. **A record that it took place** is a ``held`` event in
its ``same_as`` group (another document reporting it happened); without one the views say
"planned for 2025; no record that it took place".
"""

from __future__ import annotations

import datetime as dt

from dashboard.curated.records import Dataset, EventStatus
from dashboard.curated.relations import event_groups


def data_date(dataset: Dataset) -> dt.date | None:
    """The first day of the latest dated document's publication date (None: no dated document)."""
    days = [s.published.first_day for s in dataset.sources if s.published_how != "undated"]
    return max(days, default=None)


def passed_unrecorded(dataset: Dataset) -> frozenset[str]:
    """Ids of the planned events that passed with no record that they took place."""
    as_of = data_date(dataset)
    if as_of is None:
        return frozenset()
    groups = event_groups(dataset.events)
    held = {groups[e.id] for e in dataset.events if e.status is EventStatus.HELD}
    return frozenset(
        e.id
        for e in dataset.events
        if e.status is EventStatus.PLANNED and e.date.last_day < as_of and groups[e.id] not in held
    )


__all__ = ["data_date", "passed_unrecorded"]
