"""What a row of a data file (CSV, XLSX) says beyond the figures frame, as the document said it.

- **Dates at their stated precision.** ``period_start`` and ``period_end`` read ``2018``,
  ``2018-11``, ``2018-Q3``, ``2018-autumn`` or ``2024-07-04``, as the document gives them:
  never ``2018-11-30`` for "as at November 2018". ``period_start_date`` and
  ``period_end_date`` beside them are ISO days (first and last day covered) to sort and filter by.
- **Bounds as stated.** ``value_low`` and ``value_high`` come from the figures frame
  (``frame.stated_bounds``); ``value_bound`` says which bound each is: ``exact``, ``≥`` at
  least, ``>`` over / more than, ``≤`` up to, ``<`` under, ``≈<`` nearly / almost (close
  to the value, below it), ``≈`` about, ``range``.
- **Relations on both rows.** ``relations`` names every relation of a figure, declared on
  it or on the other figure: "part of …" and "includes …", "same as …" on both, "updates …"
  and "updated by …", "disagrees with …" on both, in the file's language.
- **Events.** ``events_table`` is the events of the view with the same rules: each date as
  the text gives it, its precision, status, sources and relations.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from dashboard.curated.bounds import APPROX_BELOW_WORDS, bound_closed
from dashboard.curated.records import DatePrecision, FlexDate, Qualifier
from dashboard.words import Words

CTX_FILE = (
    "xlsx"  # the catalogue context of the data files' words (the CSV shares the spreadsheet's)
)
# (relation, declared on this row) → words; the other row reads the second form
RELATION_WORDS = {
    "part_of": ("part of {id}", "includes {id}"),
    "same_as": ("same as {id}", "same as {id}"),
    "updates": ("updates {id}", "updated by {id}"),
    "disagrees_with": ("disagrees with {id}", "disagrees with {id}"),
}
EVENT_COLUMNS = [
    "id",
    "date",
    "date_precision",
    "date_sort",
    "date_end",
    "date_label",
    "date_basis",
    "status",
    "status_label",
    "status_note",
    "type",
    "type_label",
    "title",
    "programme",
    "programme_name",
    "scope",
    "scope_label",
    "relations",
    "same_as",
    "source",
    "source_title",
    "source_publisher",
    "source_date",
    "group_sources",
    "quote",
]
EVENT_DATE_COLUMNS = {"date_sort", "date_end"}
# Columns every data file adds after the figures' own (CSV and the XLSX's Figures sheet):
# ``citation``, the plain author–date citation of the row's source document (``views.citation``).
SHARED_COLUMNS = ["citation"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# A spreadsheet that splits a CSV line on ; or | (or a pasted cell on tabs and newlines)
# sees a new cell after each of them: a formula start there is neutralised too.
_AFTER_SEPARATOR = re.compile(r"([,;|\t\r\n])(?=[=+\-@])")


def neutralise(text):
    """A text cell made safe for spreadsheets: ``=HYPERLINK(…)`` → ``'=HYPERLINK(…)``, and
    ``x;=1+2`` → ``x;'=1+2``. Missing values stay missing."""
    if not isinstance(text, str):
        return text
    text = _AFTER_SEPARATOR.sub(r"\1'", text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def first_day_of(day: dt.date, precision: DatePrecision | str) -> dt.date:
    """The first day of the year, month, quarter or season ``day`` falls in (a season starts
    in March, June, September or December: winter's January and February belong to the
    December before)."""
    precision = DatePrecision(precision)
    if precision is DatePrecision.YEAR:
        return day.replace(month=1, day=1)
    if precision is DatePrecision.MONTH:
        return day.replace(day=1)
    if precision is DatePrecision.QUARTER:
        return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if precision is DatePrecision.SEASON:
        if day.month < 3:
            return dt.date(day.year - 1, 12, 1)
        return dt.date(day.year, (day.month - 3) // 3 * 3 + 3, 1)
    return day


def stated_date(day, precision) -> str | None:
    """``2018-11`` for a day of November 2018 known to the month; ``2018``, ``2018-Q3``,
    ``2018-autumn``, or the ISO day when the document gives the day. None when missing."""
    if day is None or pd.isna(day):
        return None
    day = pd.Timestamp(day).date()
    precision = (
        DatePrecision(precision) if isinstance(precision, str) and precision else DatePrecision.DAY
    )
    return str(FlexDate(first_day_of(day, precision), precision))


def stated_periods(figures: pd.DataFrame) -> dict[str, list]:
    """``period_start`` and ``period_end`` as the document gives them, and the ISO days beside them."""
    columns: dict[str, list] = {}
    for side in ("start", "end"):
        days, precisions = (
            figures[f"period_{side}"].tolist(),
            figures[f"period_{side}_precision"].tolist(),
        )
        columns[f"period_{side}"] = [stated_date(d, p) for d, p in zip(days, precisions)]
        columns[f"period_{side}_date"] = [
            None if pd.isna(d) else pd.Timestamp(d).date().isoformat() for d in days
        ]
    return columns


def relation_texts(records, ids, words: Words, dataset=None) -> dict[str, str]:
    """Figure or event id → its relations in words, from both sides: ``records`` are every
    record of the dataset (a relation to a record outside the view still shows), ``ids`` the
    rows of the file. "includes x (Home Office, 17 Apr 2024); updated by y (…)" on the whole and
    the earlier statement: each other record named by its id and, when ``dataset`` is given,
    its source's publisher and date, in the file's language."""
    by_id = {record.id: record for record in records}

    def named(other: str) -> str:
        said = _source_of(by_id.get(other), dataset, words)
        return (
            words.text(
                "{id} ({publisher}, {date})", CTX_FILE, id=other, publisher=said[0], date=said[1]
            )
            if said
            else other
        )

    found: dict[str, list[str]] = {}
    for record in records:
        for name, (declared, other_side) in RELATION_WORDS.items():
            target = getattr(record, name, None)
            if not isinstance(target, str) or not target:
                continue
            _add(found, record.id, words.text(declared, CTX_FILE, id=named(target)))
            _add(found, target, words.text(other_side, CTX_FILE, id=named(record.id)))
    wanted = set(ids)
    return {i: "; ".join(texts) for i, texts in found.items() if i in wanted}


def _source_of(record, dataset, words: Words) -> tuple[str, str] | None:
    """``(publisher, date)`` of ``record``'s source as the file's language says them, or None
    when the record or its source is not known (a row without the dataset)."""
    if record is None:
        return None
    said = getattr(record, "source_said", None)  # a row of a frame carries them
    if said is not None:
        return said
    if dataset is None or not getattr(record, "source", None):
        return None
    from dashboard.analysis.sourcedate import source_date

    try:
        source = dataset.source(record.source)
    except KeyError:
        return None
    return source.publisher, source_date(source, words)


def _add(found: dict[str, list[str]], key: str, text: str) -> None:
    texts = found.setdefault(key, [])
    if text not in texts:
        texts.append(text)


def citations(sources, dataset, words: Words) -> list[str | None]:
    """The plain-text citation (``views.citation.cite_text``) of each source file of
    ``sources``, in the file's language; None without the dataset or for an unknown file."""
    from dashboard.views.citation import cite_text

    known = dataset._index["sources"] if dataset is not None else {}
    texts: dict[str, str | None] = {}
    for file in set(sources):
        texts[file] = cite_text(known[file], words) if file in known else None
    return [texts[file] for file in sources]


def frame_relations(figures: pd.DataFrame, words: Words) -> dict[str, str]:
    """``relation_texts`` from the rows alone, for a caller without the dataset (each other
    figure's source as its row gives it, when the row is in the frame)."""

    class Row:
        def __init__(self, row: dict):
            self.id = row["id"]
            for name in RELATION_WORDS:
                setattr(self, name, row.get(name))
            publisher, date = row.get("source_publisher"), row.get("source_date")
            self.source_said = (
                (publisher, date) if isinstance(publisher, str) and isinstance(date, str) else None
            )

    present = [
        c for c in ("id", "source_publisher", "source_date", *RELATION_WORDS) if c in figures
    ]
    return relation_texts(
        [Row(r) for r in figures[present].to_dict("records")], figures["id"], words
    )


def value_bounds(figures: pd.DataFrame) -> list[str]:
    """``value_bound`` of each row (see the module's docstring)."""

    out = []
    for qualifier, wording in zip(figures["qualifier"].tolist(), figures["wording"].tolist()):
        said = wording.strip().lower() if isinstance(wording, str) else None
        q = Qualifier(qualifier)
        if q is Qualifier.AT_LEAST:
            out.append("≥" if bound_closed(q, said) else ">")
        elif q is Qualifier.AT_MOST:
            out.append("≤" if bound_closed(q, said) else "<")
        elif q is Qualifier.APPROX:
            out.append("≈<" if said in APPROX_BELOW_WORDS else "≈")
        else:
            out.append({Qualifier.EXACT: "exact", Qualifier.RANGE: "range"}[q])
    return out


def view_events(context) -> pd.DataFrame | None:
    """The events of an export's view (in its language once localized), or None when the
    context does not say which view (no dataset or no filters)."""
    from dashboard.analysis.frame import apply_event_filters, events_frame

    if context.dataset is None or context.filters is None:
        return None
    events = events_frame(context.dataset) if context.all_events is None else context.all_events
    return apply_event_filters(events, context.filters)


def events_table(events: pd.DataFrame, dataset, words: Words) -> pd.DataFrame:
    """The events of a view as a data file holds them: the date as the text gives it
    (``2021-03``) with its precision, the first and last day it can mean as ISO days, the
    status, the source and every relation from both sides."""
    records = dataset.events if dataset is not None else ()
    relations = relation_texts(records, events["id"], words, dataset) if len(events) else {}
    out = pd.DataFrame(
        {
            **{c: events[c] for c in events.columns if c in EVENT_COLUMNS},
            "date": [
                stated_date(d, p)
                for d, p in zip(events["date"].tolist(), events["date_precision"].tolist())
            ],
            "date_sort": [pd.Timestamp(d).date().isoformat() for d in events["date"].tolist()],
            "date_end": [pd.Timestamp(d).date().isoformat() for d in events["date_end"].tolist()],
            "relations": [relations.get(i) for i in events["id"]],
            "status_label": [
                STATUS_WORDS.get(v) and words.text(STATUS_WORDS[v], "source dialog")
                for v in events["status"].tolist()
            ],
            "status_note": _passed_notes(events, words),
        },
        index=events.index,
    )
    for column in EVENT_COLUMNS:
        if column not in out:
            out[column] = None
    return out[EVENT_COLUMNS]


STATUS_WORDS = {
    "planned": "Planned",
    "held": "Held",
}  # an event's status in the file's language, as the source dialog says it


def _passed_notes(events: pd.DataFrame, words: Words) -> list[str | None]:
    """ "planned for 2025; no record that it took place" for a planned event whose date passed
    with no record that it happened, as the timeline, its alt text and the deck say it."""
    from dashboard.views.charts.texts import PASSED_NOTE

    passed = (
        events["passed_unrecorded"].tolist()
        if "passed_unrecorded" in events
        else [None] * len(events)
    )
    return [
        words.text(PASSED_NOTE, "charts", date=d) if p == "yes" else None
        for p, d in zip(passed, events["date_label"].tolist())
    ]


def context_periods(stats: pd.DataFrame) -> pd.DataFrame:
    """Context statistics' periods written as the figures' are in a data file: ``period_start``
    and ``period_end`` as ISO days (their curated dates), the same days beside them to sort by."""
    if stats.empty:
        return stats
    days = {
        side: [
            None if pd.isna(d) else pd.Timestamp(d).date().isoformat()
            for d in stats[f"period_{side}"]
        ]
        for side in ("start", "end")
    }
    return stats.assign(
        period_start=days["start"],
        period_end=days["end"],
        period_start_date=days["start"],
        period_end_date=days["end"],
    )


def once(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures a data file holds as rows: a restatement (``same_as``, word for word) adds a
    source to one figure and is no row of its own; that figure's row names it ("same as …")."""
    from dashboard.analysis.claims import restated

    copies = restated(figures)
    return figures[~figures["id"].isin(list(copies))] if copies else figures
