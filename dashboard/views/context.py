"""Context statistics as every output shows them: apart from programme results.

A context statistic (small-boat arrivals, asylum grants, a national rank) belongs to no
programme, so it is never a card line, a bar in a programme panel or a term of a
funding-per-person ratio: those read ``dataset.figures``, which never holds one. The page,
the CSV, the XLSX and the deck show the context statistics of the view's years (when the
view is not narrowed to programmes, metrics or scopes, none of which they belong to) here, under
their own heading, each with who counted it and the official table when its source says,
and "who counted: not stated in the source" when it does not.

No plotly and no Dash: the page, the exports and the tests read the same lines.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.analysis.frame import Filters
from dashboard.curated.context_records import ContextStatistic
from dashboard.curated.records import Dataset
from dashboard.views.language import citation, formatter_for, untranslated, words_for

CTX = "context statistics"
HEADING = "Context statistics (not programme results)"
INTRO = (
    "Numbers the documents give as background. They belong to no programme, so they are never "
    "in the cards, the charts or funding per person above."
)
COUNTED_BY = "counted by {who}"
NOT_STATED = "who counted: not stated in the source"
OFFICIAL_TABLE = "official table: {table}"
CITED_BY = "as cited by {source}"
RECORD_TYPE = (
    "context_statistic"  # the CSV's record_type of a context statistic (figures: programme_figure)
)


@dataclass(frozen=True)
class ContextLine:
    """One context statistic as shown, every text in ``language``."""

    id: str
    statistic: str  # "Small-boat arrivals of Vietnamese nationals"
    value_text: str  # "around 700", "1,890": the value with its source's word
    period_text: str
    counted_text: str  # "counted by Home Office · official table: Ret_D02", or "who counted: not stated in the source"
    source_text: str  # "as cited by <title> — <publisher>, <date>"
    quote: str
    note: str = ""
    language: str = "en"
    statistic_untranslated: bool = (
        False  # the statistic's name is its English, no translation curated
    )
    quote_language: str = "en"  # the language of the document the quote is copied from


def in_view(dataset: Dataset, filters: Filters | None) -> list[ContextStatistic]:
    """The context statistics whose period overlaps the view's years, earliest first. They
    belong to no programme, metric or scope: a view narrowed to any of those holds none (its
    page and files are that choice's figures alone)."""
    stats = list(getattr(dataset, "context_statistics", ()))
    if filters is not None and (filters.programmes or filters.metrics or filters.scope):
        return []
    if filters is not None:
        stats = [s for s in stats if s.period.overlaps_years(filters.year_from, filters.year_to)]
    return sorted(stats, key=lambda s: (s.period.start, s.period.end, s.id))


def counted_text(stat: ContextStatistic, language: str | None = None) -> str:
    """Who counted and in which official table, as far as the source says."""
    words = words_for(language)
    parts = [
        words.text(COUNTED_BY, CTX, who=stat.counted_by)
        if stat.counted_by
        else words.text(NOT_STATED, CTX)
    ]
    if stat.official_table:
        parts.append(words.text(OFFICIAL_TABLE, CTX, table=stat.official_table))
    return " · ".join(parts)


def context_lines(
    dataset: Dataset, filters: Filters | None, language: str | None = None
) -> tuple[ContextLine, ...]:
    """The view's context statistics as lines; ``dataset`` holds the names in ``language``."""
    words, formatter = words_for(language), formatter_for(language)
    return tuple(
        ContextLine(
            id=s.id,
            statistic=s.statistic,
            value_text=formatter.value(
                s.value, s.qualifier, dataset.unit(s.unit), s.wording, high=s.value_high
            ),
            period_text=formatter.period(s.period),
            counted_text=counted_text(s, words.language),
            source_text=words.text(CITED_BY, CTX, source=citation(dataset.source(s.source), words)),
            quote=s.quote,
            note=s.note or "",
            language=words.language,
            statistic_untranslated=untranslated(s.statistic),
            quote_language=dataset.source(s.source).language or "en",
        )
        for s in in_view(dataset, filters)
    )


CONTEXT_COLUMNS = [  # the CSV's and XLSX's columns of a context statistic (named as the figures' where they mean the same)
    "id",
    "record_type",
    "statistic",
    "value",
    "unit",
    "qualifier",
    "wording",
    "value_label",
    "value_low",
    "value_high",
    "period_start",
    "period_end",
    "period_type",
    "period_label",
    "counted_by",
    "official_table",
    "counted_text",
    "source",
    "source_title",
    "source_publisher",
    "source_date",
    "quote",
    "note",
]


def context_frame(
    dataset: Dataset, filters: Filters | None, language: str | None = None
) -> pd.DataFrame:
    """One row per context statistic of the view (``CONTEXT_COLUMNS``): what the data files hold."""
    stats = in_view(dataset, filters)
    lines = {line.id: line for line in context_lines(dataset, filters, language)}
    rows = []
    for s in stats:
        low, high = s.bounds
        source = dataset.source(s.source)
        rows.append(
            {
                "id": s.id,
                "record_type": RECORD_TYPE,
                "statistic": str(s.statistic),
                "value": float(s.value),
                "unit": s.unit,
                "qualifier": s.qualifier.value,
                "wording": s.wording,
                "value_label": lines[s.id].value_text,
                "value_low": low,
                "value_high": None if high == float("inf") else high,
                "period_start": pd.Timestamp(s.period.start),
                "period_end": pd.Timestamp(s.period.end),
                "period_type": s.period.type.value,
                "period_label": lines[s.id].period_text,
                "counted_by": str(s.counted_by) if s.counted_by else None,
                "official_table": str(s.official_table) if s.official_table else None,
                "counted_text": lines[s.id].counted_text,
                "source": s.source,
                "source_title": str(source.title),
                "source_publisher": str(source.publisher),
                "source_date": formatter_for(language).flex_date(source.published),
                "quote": s.quote,
                "note": str(s.note) if s.note else None,
            }
        )
    frame = pd.DataFrame(rows, columns=CONTEXT_COLUMNS)
    for column in ("value", "value_low", "value_high"):
        frame[column] = frame[column].astype("float64")
    for column in ("period_start", "period_end"):
        frame[column] = pd.to_datetime(frame[column])
    return frame
