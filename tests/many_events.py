"""A made-up crowd of events for the timeline's readability tests: ``with_many_events(dataset)``
adds 40 fictional events (days, months and years; some planned) from 8 made-up documents,
spread over eleven years, with titles as long as real ones. Made in the test, never data."""

from __future__ import annotations

import dataclasses
import datetime as dt

from dashboard.curated.records import DatePrecision, Event, EventStatus, FlexDate, Source, TypeId

PLACES = [
    "Hanoi",
    "London",
    "Ho Chi Minh City",
    "Da Nang",
    "Manchester",
    "Hai Phong",
    "Edinburgh",
    "Hue",
]
WHAT = [
    "Working meeting on safe and legal migration routes",
    "Joint training for border officials and investigators",
    "Awareness campaign launched in northern provinces",
    "Ministerial call on returns and reintegration support",
    "Memorandum on data sharing between law enforcement agencies",
    "Dialogue on labour migration and recruitment fees",
]
PRECISIONS = [DatePrecision.DAY, DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR]


def with_many_events(dataset, count: int = 40, first_year: int = 2015, years: int = 11):
    """``dataset`` with its events replaced by ``count`` made-up ones and their 8 documents added."""
    programme = dataset.programmes[0].id
    types = [t.id for t in dataset.known_event_types]
    sources = tuple(
        Source(
            f"95{i}_made_up_{i}.txt",
            f"Made-up bulletin number {i} on cooperation (fictional)",
            "Example Ministry of Illustrations (fictional)",
            FlexDate(dt.date(first_year + i, 6, 1), DatePrecision.MONTH),
        )
        for i in range(8)
    )
    events = []
    for i in range(count):
        day = dt.date(first_year, 1, 15) + dt.timedelta(days=int(i * 365 * years / count))
        precision = PRECISIONS[i % len(PRECISIONS)]
        first = {
            DatePrecision.DAY: day,
            DatePrecision.MONTH: day.replace(day=1),
            DatePrecision.YEAR: day.replace(month=1, day=1),
        }[precision]
        events.append(
            Event(
                f"made-up-event-{i:02d}",
                FlexDate(first, precision),
                programme,
                TypeId(types[i % len(types)]),
                f"{WHAT[i % len(WHAT)]}, {PLACES[i % len(PLACES)]} (fictional {i})",
                sources[i % len(sources)].file,
                f"made-up quote {i}",
                status=EventStatus.PLANNED if i % 7 == 3 else EventStatus.HELD,
            )
        )
    return dataclasses.replace(dataset, sources=dataset.sources + sources, events=tuple(events))


def write_many_events(
    data_dir, seeds_dir, count: int = 40, programme: str = "migration-dialogue"
) -> None:
    """The same crowd written as data: ``950_made_up_events.yaml`` in ``data_dir`` and its 8
    made-up documents in ``seeds_dir`` (each quote a sentence of its document), so a served
    page draws them. The event types are those of ``data_dir``'s vocabulary."""
    from pathlib import Path

    import yaml

    from dashboard.curated.validate import load_valid

    data_dir, seeds_dir = Path(data_dir), Path(seeds_dir)
    shipped = load_valid(data_dir, seeds_dir)
    crowd = with_many_events(
        dataclasses.replace(
            shipped, programmes=tuple(p for p in shipped.programmes if p.id == programme)
        ),
        count,
    )
    added = crowd.sources[len(shipped.sources) :]
    lines: dict[str, list[str]] = {
        s.file: ["FICTIONAL TEST DOCUMENT - not a real publication", s.title] for s in added
    }
    events = []
    for e in crowd.events:
        quote = f"The {e.title[:1].lower()}{e.title[1:]} is recorded as event {e.id}"
        lines[e.source].append(quote + ".")
        events.append(
            {
                "id": e.id,
                "date": _as_yaml(e.date),
                "programme": e.programme,
                "type": str(e.type),
                "title": e.title,
                "status": e.status.value,
                "source": e.source,
                "quote": quote,
            }
        )
    for file, text in lines.items():
        (seeds_dir / file).write_text("\n".join(text) + "\n", encoding="utf-8")
    sources = [
        {
            "file": s.file,
            "title": s.title,
            "publisher": s.publisher,
            "published": _as_yaml(s.published),
        }
        for s in added
    ]
    (data_dir / "950_made_up_events.yaml").write_text(
        yaml.safe_dump({"sources": sources, "events": events}, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )


def _as_yaml(date: FlexDate):
    """A flexible date as a curator writes it: a day as a date, a year as a number, else text."""
    if date.precision is DatePrecision.DAY:
        return date.first_day
    return date.first_day.year if date.precision is DatePrecision.YEAR else str(date)
