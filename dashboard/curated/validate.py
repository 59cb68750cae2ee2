"""Cross-checks between records and against the seeds, and the one entry point that every
command and the app use to get data they can trust: ``load_valid``.

``load`` checks each record alone; this module checks what needs more than one record:
duplicate ids, references to programmes, metrics, units and sources, units that do not
match their metric, periods that end before they start, and quotes that are not in their
document. All problems are returned together.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from dashboard.curated.context_checks import context_problems
from dashboard.curated.draft import todos_left
from dashboard.curated.kinds_check import kind_problems
from dashboard.curated.load import load_dataset
from dashboard.curated.mentions import VIETNAMESE, as_printed, states_value
from dashboard.curated.problems import DataInvalid, DataWarning, Problem
from dashboard.curated.bounds import APPROX_WORDS, BOUND_WORDS, RANK_WORDS
from dashboard.curated.records import Dataset, Figure, Location, Qualifier, where
from dashboard.curated.relations import relation_problems, relation_warnings
from dashboard.curated.seeds import find_quote, read_seed, seed_files, weekday_mismatches


def load_valid(
    data_dir: Path | str, seeds_dir: Path | str, *, every_seed_described: bool = False
) -> Dataset:
    """The curated data, fully validated, or ``DataInvalid`` with every problem found.

    ``every_seed_described`` (what ``dashboard validate`` asks for) also requires a
    ``sources:`` record for every document in ``seeds/``, cited or not. Serving, exporting
    and ``dashboard coverage`` do not ask for it: a document being curated has no figures
    yet, and coverage is how a curator finds them."""
    dataset, problems = load_dataset(data_dir)
    problems += cross_check(dataset, seeds_dir)
    if every_seed_described:
        problems += undescribed_seeds(dataset, seeds_dir)
    if todos := todos_left(
        data_dir
    ):  # a `dashboard draft` not yet settled: name each TODO, not what it breaks
        settled = {(t.location.path, t.location.line) for t in todos}
        problems = todos + [
            p for p in problems if (p.location.path, p.location.line) not in settled
        ]
    if problems:
        raise DataInvalid(problems)
    return dataset


def cross_check(dataset: Dataset, seeds_dir: Path | str) -> list[Problem]:
    """Every problem between records and with the seeds, in the order a curator fixes them:
    duplicate ids, references, quotes in their documents, values and their words, context
    statistics, kinds of value, relations."""
    return [
        *_duplicate_ids(dataset),
        *_reference_problems(dataset),
        *_figure_problems(dataset),
        *_seed_problems(dataset, seeds_dir),
        *_value_and_wording_problems(dataset),
        *context_problems(dataset),
        *kind_problems(dataset),
        *relation_problems(dataset),
    ]


def _problem(record, field: str, message: str, code: str) -> Problem:
    return Problem(where(record, field), field, message, code)


_KEYS = [
    ("programmes", "id"),
    ("scopes", "id"),
    ("event_types", "id"),
    ("units", "id"),
    ("metrics", "id"),
    ("sources", "file"),
    ("figures", "id"),
    ("events", "id"),
    ("context_statistics", "id"),
]  # each section's naming field: ids must be unique within it


def _duplicate_ids(dataset: Dataset) -> list[Problem]:
    """A second record of a section with the same id, pointing at the first."""
    problems = []
    for section, key in _KEYS:
        records = getattr(dataset, section)
        seen = Counter(getattr(r, key) for r in records)
        first: dict[str, object] = {}
        for record in records:
            value = getattr(record, key)
            if seen[value] > 1 and value in first:
                problems.append(
                    _problem(
                        record,
                        key,
                        f"duplicate {key} {value!r}, first defined at {first[value].location}; ids must be unique",
                        "duplicate-id",
                    )
                )
            first.setdefault(value, record)
    return problems


def _reference_problems(dataset: Dataset) -> list[Problem]:
    """Links that are not web addresses, inferred dates without a basis, and a metric's unit
    or a figure's or event's programme that nothing defines."""
    problems = []
    units = {u.id for u in dataset.units}
    programmes = {p.id for p in dataset.programmes}
    for (
        source
    ) in dataset.sources:  # a link on the page and in exports: never javascript:, data: or file:
        if source.url is not None and not re.match(r"https?://[^\s/]+", source.url, re.I):
            problems.append(
                _problem(
                    source,
                    "url",
                    f"{source.url!r} is not a web address; write one starting with https:// (or http://), or leave url out",
                    "bad-url",
                )
            )
    for event in dataset.events:  # a date shown as "(inferred)" says how it was worked out
        if event.date_inferred and not event.date_basis:
            problems.append(
                _problem(
                    event,
                    "date_inferred",
                    "an inferred date needs `date_basis:` saying how it was worked out from the document",
                    "inferred-without-basis",
                )
            )
    for metric in dataset.metrics:
        if metric.unit not in units:
            problems.append(
                _problem(
                    metric,
                    "unit",
                    f"unknown unit {metric.unit!r}; define it under `units:` or use one of: {_list(units)}",
                    "unknown-unit",
                )
            )
    for record in [*dataset.figures, *dataset.events]:
        if record.programme not in programmes:
            problems.append(
                _problem(
                    record,
                    "programme",
                    f"unknown programme {record.programme!r}; define it in programmes.yaml or use one of: {_list(programmes)}",
                    "unknown-programme",
                )
            )
    return problems


def _figure_problems(dataset: Dataset) -> list[Problem]:
    """A figure's metric and unit (known, and the metric's), and its period in order."""
    problems = []
    units = {u.id for u in dataset.units}
    metrics = {m.id: m for m in dataset.metrics}
    for figure in dataset.figures:
        metric = metrics.get(figure.metric)
        if metric is None:
            problems.append(
                _problem(
                    figure,
                    "metric",
                    f"unknown metric {figure.metric!r}; define it under `metrics:` or use one of: {_list(metrics)}",
                    "unknown-metric",
                )
            )
        if figure.unit not in units:
            problems.append(
                _problem(
                    figure,
                    "unit",
                    f"unknown unit {figure.unit!r}; use one of: {_list(units)}",
                    "unknown-unit",
                )
            )
        elif metric is not None and figure.unit != metric.unit:
            problems.append(
                _problem(
                    figure,
                    "unit",
                    f"{figure.metric} is measured in {metric.unit}, not {figure.unit}",
                    "unit-mismatch",
                )
            )
        if figure.period.end < figure.period.start:
            problems.append(
                _problem(
                    figure,
                    "period.end",
                    f"{figure.period.end} is before the start {figure.period.start}",
                    "period-order",
                )
            )
    return problems


def _seed_problems(dataset: Dataset, seeds_dir: Path | str) -> list[Problem]:
    """Each record's document in seeds/ and described under ``sources:``, its quote found there
    verbatim; and each described source's document present."""
    problems = []
    sources = {s.file for s in dataset.sources}
    for record in [
        *dataset.figures,
        *dataset.events,
        *dataset.exclusions,
        *dataset.context_statistics,
    ]:
        text = read_seed(seeds_dir, record.source)
        if text is None:
            problems.append(
                _problem(
                    record,
                    "source",
                    f"{record.source!r} is not in {seeds_dir}/; add the document there or fix the file name",
                    "missing-source",
                )
            )
            continue
        if record.source not in sources and not hasattr(record, "reason"):
            problems.append(
                _problem(
                    record,
                    "source",
                    f"{record.source!r} has no entry under `sources:` (title, publisher, date); add one",
                    "undescribed-source",
                )
            )
        if find_quote(text, record.quote) is None:
            problems.append(
                _problem(
                    record,
                    "quote",
                    f"not found verbatim in {record.source}; copy the exact words from the document",
                    "quote-not-found",
                )
            )
    for source in dataset.sources:
        if read_seed(seeds_dir, source.file) is None:
            problems.append(
                _problem(
                    source,
                    "file",
                    f"{source.file!r} is not in {seeds_dir}/; add the document there or fix the file name",
                    "missing-source",
                )
            )
    return problems


def _value_and_wording_problems(dataset: Dataset) -> list[Problem]:
    """Each figure's value (and range) sound, printed in its quote in the document's number
    style, and its wording one its qualifier allows; each context statistic's value sound."""
    problems = []
    languages = {s.file: s.language for s in dataset.sources}
    for figure in dataset.figures:
        problems += _value_problems(figure)
        if not states_value(figure.quote, figure.value, languages.get(figure.source)):
            problems.append(
                _problem(
                    figure,
                    "quote",
                    f"does not print the value {as_printed(figure.value)} (written {as_printed(figure.value, VIETNAMESE)!r} "
                    "in a Vietnamese document); quote the words that state it, or correct `value:`",
                    "quote-value",
                )
            )
        problems += _wording_problems(figure)
    for statistic in dataset.context_statistics:
        problems += _value_problems(statistic)
    return problems


def undescribed_seeds(dataset: Dataset, seeds_dir: Path | str) -> list[Problem]:
    """A problem for each document in ``seeds/`` without a ``sources:`` record."""
    described = {s.file for s in dataset.sources}
    return [
        Problem(
            Location(_shown(Path(seeds_dir) / file), 1),
            "sources",
            f"{file!r} has no entry under `sources:`; add one (file, title, publisher, published) to data/sources.yaml",
            "undescribed-seed",
        )
        for file in seed_files(seeds_dir)
        if file not in described
    ]


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _value_problems(figure: Figure) -> list[Problem]:
    """A range needs both bounds in order; ``value_high`` means nothing without ``qualifier: range``."""
    if figure.qualifier is Qualifier.RANGE and figure.value_high is None:
        return [
            Problem(
                where(figure, "qualifier"),
                "value_high",
                "a range needs its high bound; add `value_high:` (value is the low bound)",
                "range-bound",
            )
        ]
    if figure.qualifier is Qualifier.RANGE and figure.value_high < figure.value:
        return [
            Problem(
                where(figure, "value_high"),
                "value_high",
                f"{figure.value_high} is below the low bound {figure.value}; swap them",
                "range-bound",
            )
        ]
    if figure.qualifier is not Qualifier.RANGE and figure.value_high is not None:
        return [
            Problem(
                where(figure, "value_high"),
                "value_high",
                "only a range has a high bound; set `qualifier: range` or remove `value_high`",
                "range-bound",
            )
        ]
    return []


def _wording_problems(figure: Figure) -> list[Problem]:
    """The wording of a bound or an approximation is one the dashboard knows, and says what
    the qualifier says: "at least" (≥) and "over" (>) are kept apart on every output, so an
    unknown word cannot silently read as either."""
    known = {q: tuple(words) for q, words in BOUND_WORDS.items()} | {Qualifier.APPROX: APPROX_WORDS}
    known[Qualifier.AT_MOST] += RANK_WORDS
    word = (figure.wording or "").strip().lower()
    if not word or figure.qualifier not in known and not any(word in w for w in known.values()):
        return []
    if word in known.get(figure.qualifier, ()):
        return []
    meant = next((q for q, w in known.items() if word in w), None)
    if meant is not None:
        message = f"{figure.wording!r} is the wording of `qualifier: {meant.value}`, not {figure.qualifier.value}; fix the qualifier or the wording"
        return [Problem(where(figure, "wording"), "wording", message, "wording-mismatch")]
    message = (
        f"unknown wording {figure.wording!r} for `qualifier: {figure.qualifier.value}`; use the document's word if it is one of: "
        f"{', '.join(known[figure.qualifier])} (data/README.md lists what each means), or ask for it to be added"
    )
    return [Problem(where(figure, "wording"), "wording", message, "unknown-wording")]


def warnings(dataset: Dataset, seeds_dir: Path | str) -> list[DataWarning]:
    """What is valid but probably needs a curator's look: likely undeclared relations,
    unresolved disagreements, and weekdays in a document that do not match their date."""
    found = relation_warnings(dataset)
    for source in dataset.sources:
        text = read_seed(seeds_dir, source.file)
        if text is None or source.published_how == "undated":  # no year to check weekdays against
            continue
        for line, stated, actual_date, actual_weekday in weekday_mismatches(
            text, source.published.first_day.year
        ):
            actually = (
                "does not exist" if actual_weekday == "no such day" else f"was a {actual_weekday}"
            )
            found.append(
                DataWarning(
                    Location(_shown(Path(seeds_dir) / source.file), line),
                    "weekday",
                    f"{stated!r}: {actual_date:%-d %B %Y} {actually} (year from the source's published date, "
                    f"{where(source, 'published')}); record which one holds in the source's caveats",
                    "weekday-mismatch",
                )
            )
    return sorted(found)


def _list(names) -> str:
    return ", ".join(sorted(names)) or "(none defined)"
