"""``dashboard draft seeds/NEW.txt``: a YAML skeleton for every number and date of a new
document that the curated data does not yet account for, so a curator confirms rather than
types.

Numbers come from ``dashboard.curated.mentions`` (the one way the project finds numbers)
and keep coverage's statuses: a mention already cited, excluded or restating a figure gets
no skeleton. Each figure skeleton carries the verbatim quote (the shortest sentence or
clause around the number), the value in base units, the qualifier and the word the
document uses for it ("over", "hơn"); what the text cannot settle (programme, metric) is
``TODO`` and what is guessed (unit, period, kind) is marked ``# TODO: confirm …``. A date
not inside any record's quote gets an event skeleton the same way.

``dashboard validate`` refuses a data file while any ``TODO`` is left in it
(``todos_left``): a draft cannot be served by mistake.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from dashboard.curated.coverage import Status, classify
from dashboard.curated.draftguess import (
    COMMITTED,
    TODO,
    PeriodGuess,
    guess_metric,
    guess_period,
    guess_unit,
    unit_nouns,
)
from dashboard.curated.mentions import MONTHS, Mention, find_mentions, number_style
from dashboard.curated.problems import Problem
from dashboard.curated.records import Dataset, Location, Qualifier
from dashboard.curated.seeds import find_all

_TODO_WORD = re.compile(r"\bTODO\b")

# --- where a statement starts and ends -----------------------------------------------------

# A sentence or clause ends at . ! ? ; or a line break, never inside "3.000" or "£7.25m".
_STOP = re.compile(r"[.!?;](?=\s|$)|\n")


# Inside a sentence, a clause ends at a comma (never the one in "1,936") or before a word that
# starts another statement: "… over £7 million to strengthen …", "… which has identified 720 …".
_CLAUSE_BEFORE = re.compile(
    r"(?:,|\s(?:which|and|that|while|và|mà))\s+(?:(?:which|and|that|while|và|mà)\s+)?",
    re.IGNORECASE,
)
_CLAUSE_AFTER = re.compile(r",\s|\s(?:to|which|and|that|while|through|và|để|mà)\s", re.IGNORECASE)


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of ``text`` holding ``text[start:end]``: its offsets, without surrounding
    spaces or the closing stop."""
    left = 0
    for stop in _STOP.finditer(text, 0, start):
        left = stop.end()
    right = next((m.start() for m in _STOP.finditer(text, end)), len(text))
    while left < start and text[left].isspace():
        left += 1
    while right > end and text[right - 1].isspace():
        right -= 1
    return left, right


def quote_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The shortest clause of ``text`` holding ``text[start:end]`` (the quote rule: the shortest
    verbatim span that states it): its sentence, cut at the commas and the words that start
    another statement on either side ("Since 2018 the UK has invested over £7 million")."""
    left, right = sentence_span(text, start, end)
    for boundary in _CLAUSE_BEFORE.finditer(text, left, start):
        left = boundary.end()
    after = _CLAUSE_AFTER.search(text, end, right)
    return left, after.start() if after else right


# --- dates ---------------------------------------------------------------------------------

_MONTH_NUMBER = {name: i % 12 + 1 for i, name in enumerate(MONTHS[:12])} | {
    name: [1, 2, 3, 4, 6, 7, 8, 9, 9, 10, 11, 12][i] for i, name in enumerate(MONTHS[12:])
}
_MO = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATES = re.compile(
    rf"\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MO})\.?,?\s+(?P<y1>(?:19|20)\d\d)\b"
    rf"|\b(?P<m2>{_MO})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d)\b"
    rf"|\bngày\s+(?P<d3>\d{{1,2}})\s+tháng\s+(?P<m3>\d{{1,2}})\s+năm\s+(?P<y3>(?:19|20)\d\d)\b"
    rf"|\bngày\s+(?P<d4>\d{{1,2}})/(?P<m4>\d{{1,2}})/(?P<y4>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    line: int
    start: int
    end: int
    text: str  # as printed: "31 March 2025", "ngày 15 tháng 5 năm 2025"
    date: dt.date


def find_dates(text: str) -> list[DateMention]:
    """Every whole date (day, month and year) in ``text``, in English or Vietnamese."""
    found = []
    for m in _DATES.finditer(text):
        day = int(m["d1"] or m["d2"] or m["d3"] or m["d4"])
        month_word = m["m1"] or m["m2"]
        month = _MONTH_NUMBER[month_word.lower()] if month_word else int(m["m3"] or m["m4"])
        try:
            date = dt.date(int(m["y1"] or m["y2"] or m["y3"] or m["y4"]), month, day)
        except ValueError:
            continue
        found.append(
            DateMention(
                text.count("\n", 0, m.start()) + 1, m.start(), m.end(), " ".join(m[0].split()), date
            )
        )
    return found


# --- the skeleton --------------------------------------------------------------------------


def scalar(value: str) -> str:
    """``value`` as one YAML scalar, quoted only when it must be."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10_000, default_flow_style=True)
    return dumped.removesuffix("\n...\n").strip()


def _choices(ids) -> str:
    return ", ".join(sorted(ids)) or "(none yet: define one)"


@dataclass(frozen=True)
class Draft:
    figures: tuple[str, ...]  # YAML text of each figure skeleton
    events: tuple[str, ...]
    source: str | None  # a sources: skeleton when the document has no record
    skipped: int  # mentions already accounted for (cited, excluded, restating)

    def yaml(self, file: str) -> str:
        head = [
            f"# Draft for {file} written by `dashboard draft`: confirm or fill every TODO, delete",
            "# what is not a programme figure or event, then move the records into data/. The",
            f"# document itself belongs in seeds/{file}: every quote is checked against it.",
            "# `dashboard validate` refuses this file while any TODO is left.",
        ]
        parts = ["\n".join(head)]
        if self.source:
            parts.append("sources:\n" + self.source)
        if self.figures:
            parts.append("figures:\n" + "\n\n".join(self.figures))
        if self.events:
            parts.append("events:\n" + "\n\n".join(self.events))
        if not (self.source or self.figures or self.events):
            parts.append(
                f"# Nothing to draft: every number ({self.skipped}) and date is already curated."
            )
        return "\n\n".join(parts) + "\n"


def draft(
    text: str,
    file: str,
    dataset: Dataset,
    *,
    data_dir: Path | None = None,
    language: str | None = None,
) -> Draft:
    """Skeletons for what in document ``file`` (its ``text``) no record accounts for."""
    sources = {s.file: s for s in dataset.sources}
    source = sources.get(file)
    language = language or (source.language if source else None)
    style = number_style(text, language)
    dates = find_dates(text)
    published = source.published.first_day if source else (dates[0].date if dates else None)
    nouns = unit_nouns(dataset, data_dir)
    figures, skipped = [], 0
    for mention in find_mentions(text, file, language=style.name):
        if classify(mention, text, dataset).status is not Status.UNCURATED:
            skipped += 1
            continue
        figures.append(_figure(text, file, mention, dataset, nouns, published))
    quoted = [
        span
        for r in (*dataset.figures, *dataset.events, *dataset.exclusions)
        if r.source == file
        for span in find_all(text, r.quote)
    ]
    events = [
        _event(text, file, d, dataset)
        for d in dates
        if not any(s <= d.start and d.end <= e for s, e in quoted)
    ]
    return Draft(
        tuple(figures),
        tuple(events),
        None if source else _source(text, file, dates, style.name),
        skipped,
    )


def _figure(
    text: str,
    file: str,
    mention: Mention,
    dataset: Dataset,
    nouns: dict[str, str],
    published: dt.date | None,
) -> str:
    quote = " ".join(text[slice(*quote_span(text, mention.start, mention.end))].split())
    sentence = " ".join(text[slice(*sentence_span(text, mention.start, mention.end))].split())
    kind = "committed" if COMMITTED.search(sentence) else "reported"
    lines = [
        *_what_lines(file, mention, dataset, nouns),
        f"    kind: {kind}  # TODO: confirm (reported: already happened; committed: pledged)",
        "    period:",
        *_period_lines(guess_period(sentence, published)),
        f"    source: {scalar(file)}",
        f"    quote: {scalar(quote)}",
    ]
    return "\n".join(lines)


def _what_lines(file: str, mention: Mention, dataset: Dataset, nouns: dict[str, str]) -> list[str]:
    """A figure skeleton's id, programme, metric, value, unit, qualifier and wording: the
    metric and unit guessed when the text shows them (the one metric in a unit, "funding" for
    £), else ``TODO`` with the choices."""
    metric = guess_metric(mention, dataset)
    unit = metric.unit if metric is not None else guess_unit(mention, dataset, nouns)
    metrics = [m.id for m in dataset.metrics if unit is None or m.unit == unit]
    if metric is None and unit is not None and len(metrics) == 1:
        metric = dataset.metric(metrics[0])
    at = f"{file}:{mention.line}"
    lines = [
        f"  - id: {TODO}  # TODO: a short id for {scalar(mention.text)} ({at})",
        f"    programme: {TODO}  # TODO: one of: {_choices(p.id for p in dataset.programmes)}",
        f"    metric: {metric.id}  # TODO: confirm (guessed from {scalar(mention.text)}; or one of: {_choices(metrics)})"
        if metric
        else f"    metric: {TODO}  # TODO: one of: {_choices(metrics)}",
        f"    value: {mention.value}",
        f"    unit: {unit}  # TODO: confirm (read from {scalar(mention.text)})"
        if unit
        else f"    unit: {TODO}  # TODO: one of: {_choices(u.id for u in dataset.units)}",
        f"    qualifier: {mention.qualifier.value}",
    ]
    wording = _wording(mention)
    if wording:
        lines.append(f"    wording: {scalar(wording)}")
    return lines


def _period_lines(period: PeriodGuess | None) -> list[str]:
    """A figure skeleton's period: the guess to confirm, or ``TODO`` with what to write."""
    if period:
        return [
            f"      type: {period.type}  # TODO: confirm (read from {scalar(period.basis)})",
            f"      start: {period.start}  # TODO: confirm",
            f"      start_basis: {TODO}  # TODO: how the start follows from {scalar(period.basis)}",
            f"      end: {period.end}  # TODO: confirm",
            f"      end_basis: {TODO}  # TODO: how the end follows from the text",
        ]
    return [
        f"      type: {TODO}  # TODO: cumulative, commitment, span, as_at, year or financial_year",
        f"      start: {TODO}  # TODO: YYYY-MM-DD",
        f"      start_basis: {TODO}",
        f"      end: {TODO}  # TODO: YYYY-MM-DD",
        f"      end_basis: {TODO}",
    ]


def _wording(mention: Mention) -> str | None:
    """The document's own bound word before the number ("over", "hơn"), if any."""
    if mention.qualifier is Qualifier.EXACT:
        return None
    m = re.match(r"([^\W\d_£]+(?:\s+[^\W\d_£]+)*?)\s+(?=[£\d])", mention.text)
    return m[1] if m else None


def _event(text: str, file: str, date: DateMention, dataset: Dataset) -> str:
    sentence = " ".join(text[slice(*sentence_span(text, date.start, date.end))].split())
    types = [t.id for t in dataset.event_types] if dataset.event_types else []
    return "\n".join(
        [
            f"  - id: {TODO}  # TODO: a short id for what happened on {date.date.isoformat()} ({file}:{date.line})",
            f"    date: {date.date.isoformat()}  # TODO: confirm (read from {scalar(date.text)})",
            f"    programme: {TODO}  # TODO: one of: {_choices(p.id for p in dataset.programmes)}",
            f"    type: {TODO}  # TODO: one of: {_choices(types)}",
            f"    title: {TODO}  # TODO: what happened, in a few words",
            f"    source: {scalar(file)}",
            f"    quote: {scalar(sentence)}",
        ]
    )


def _source(text: str, file: str, dates: list[DateMention], language: str) -> str:
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    published = dates[0] if dates else None
    lines = [
        f"  - file: {scalar(file)}",
        f"    title: {TODO}  # TODO: the document's title (its first line reads {scalar(first_line[:80])})",
        f"    publisher: {TODO}  # TODO: who published it",
        f"    published: {published.date.isoformat()}  # TODO: confirm (the first date in the text, line {published.line})"
        if published
        else f"    published: {TODO}  # TODO: YYYY-MM-DD, YYYY-MM or YYYY",
    ]
    if language != "en":
        lines.append(
            f"    language: {language}  # TODO: confirm (the document's letters are Vietnamese)"
        )
    return "\n".join(lines)


# --- validate refuses a draft --------------------------------------------------------------


def todos_left(data_dir: Path | str) -> list[Problem]:
    """One problem for each line of ``data_dir/*.yaml`` that still says TODO."""
    from dashboard.curated.load import _display

    data_dir = Path(data_dir)
    problems = []
    for path in sorted(data_dir.glob("*.yaml")) if data_dir.is_dir() else []:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue  # the loader names the file
        for number, line in enumerate(lines, 1):
            if _TODO_WORD.search(line):
                field = line.split(":", 1)[0].strip(" -") or "TODO"
                shown = " ".join(line.split())
                problems.append(
                    Problem(
                        Location(_display(path), number),
                        field,
                        f"TODO left: {shown!r}; confirm or fill it",
                        "todo-left",
                    )
                )
    return problems
