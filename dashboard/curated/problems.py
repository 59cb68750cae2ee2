"""Errors as data: every problem found in curated input, with the file and line it is on.

Loading and validation collect ``Problem`` values instead of stopping at the first one,
so a curator sees every mistake in one run, one per line::

    data/figures.yaml:12: value: '7 million' is not a number; write it in base units, e.g. 7000000
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.curated.records import Location

# Every problem and warning code, with what it means: the one registry. A code is what a tool
# or a test matches on (the line a curator reads is the message). tests/test_problem_codes.py
# reads every module for the codes it writes and fails on one missing here, or listed here and
# never written; docs/problems.md is this table (`python -m dashboard.curated.problems`).
CODES: dict[str, str] = {
    # reading the files
    "no-data": "The data folder holds no *.yaml file.",
    "too-large": "A file is over the size limit; it is not parsed.",
    "encoding": "A file is not UTF-8.",
    "empty": "A file holds no records.",
    "tab": "A tab character in the YAML; indent with spaces.",
    "syntax": "A YAML syntax error.",
    "alias": "A YAML alias (*name); write the value out.",
    "tag": "A YAML tag (!!python/…); never run, refused.",
    "not-a-mapping": "A record or section that is not `key: value` lines.",
    "not-a-list": "A section that is not a list of records.",
    "bad-key": "A key that is not a plain field name.",
    "duplicate-field": "A field written twice in one record.",
    "unknown-section": "A top-level section the data format does not have.",
    "unknown-field": "A field the record does not have.",
    "missing-field": "A required field is missing.",
    "bad-value": "A value of the wrong type or form (a date, a number, a choice).",
    "bad-period": "A period whose fields disagree (an end before its start, a type without its dates).",
    "bad-record": "A record whose fields disagree (a source's date and its basis).",
    "unknown-scope": "A programme's scope is not under `scopes:` in the vocabulary.",
    "unknown-event-type": "An event's type is not under `event_types:` in the vocabulary.",
    "invalid": "A problem with no more specific code.",
    # config.yaml
    "missing-config": "The config file does not exist.",
    "config": "A setting of config.yaml that is unknown, of the wrong type or out of range.",
    # records checked against each other and the documents
    "duplicate-id": "Two records share an id.",
    "bad-url": "A source's url is not a web address.",
    "inferred-without-basis": "An inferred date without `date_basis` saying how it was worked out.",
    "unknown-unit": "A metric or figure names a unit the vocabulary does not have.",
    "unknown-programme": "A figure or event names a programme the data does not have.",
    "unknown-metric": "A figure names a metric the vocabulary does not have.",
    "unknown-chart": "A metric's `chart:` names no registered metric chart.",
    "unit-mismatch": "A figure's unit differs from its metric's unit.",
    "period-order": "A period that ends before it starts.",
    "missing-source": "A record cites a document that has no file in seeds/.",
    "undescribed-source": "A record cites a document with no `sources:` record.",
    "undescribed-seed": "A document in seeds/ with no `sources:` record (validate only).",
    "quote-not-found": "A quote that is not verbatim in its document.",
    "quote-value": "A quote that does not state its figure's value.",
    "range-bound": "A range without its high bound, a high bound below the low one, or a high bound without a range.",
    "wording-mismatch": "A figure's `wording` that its quote does not contain.",
    "unknown-wording": "A `wording` the bound words do not know.",
    "unit-kind": "A unit, metric or figure that does not fit its unit's kind (money, count, rank…).",
    "change-missing": "A percentage change without its direction (`change: fall` or `rise`).",
    "counted-by-not-stated": "A `counted_by` that names nobody.",
    "todo-left": "A `TODO` left by `dashboard draft`.",
    # relations
    "relation-self": "A figure or event related to itself.",
    "relation-target": "A relation to an id no record has.",
    "relation-resolution": "A `resolution` without `disagrees_with`.",
    "relation-unit": "A relation between figures of different units.",
    "relation-metric": "A relation between statements of different metrics.",
    "relation-cycle": "Relations that lead back to where they start.",
    "part-larger": "A part larger than its whole.",
    "update-not-later": "An update that is not later than what it updates.",
    "event-dates-agree": "Events that disagree but give the same date (they are `same_as`).",
    # translations (data/i18n)
    "duplicate-translation": "A record translated twice.",
    "unknown-record": "A translation of a record the data does not have.",
    "nothing-to-translate": "A translation of a field with no English text.",
    "untranslated": "A name or note with no translation (a warning).",
    "quote-translation-value": "A quote's translation that does not state its figure's value (a warning).",
    "quote-translation-bound": "A quote's translation that drops or adds its figure's bound (a warning).",
    # warnings: valid data that needs a look
    "undeclared-relation": "Figures of one programme and metric over overlapping periods, different values, no relation.",
    "unresolved-disagreement": "`disagrees_with` without a `resolution`.",
    "same-event-dated-differently": "Statements of one event (`same_as`) that give different dates.",
    "weekday-mismatch": "A weekday in a document that its date does not fall on.",
}


def codes_table() -> str:
    """docs/problems.md's table of codes, in Markdown."""
    return "\n".join(
        [
            "| code | meaning |",
            "|---|---|",
            *(f"| `{code}` | {meaning} |" for code, meaning in CODES.items()),
        ]
    )


@dataclass(frozen=True, order=True)
class Problem:
    location: Location
    field: str
    message: str
    code: str = "invalid"

    def __str__(self) -> str:
        return f"{self.location}: {self.field}: {self.message}"


@dataclass(frozen=True, order=True)
class DataWarning:
    """Valid data that probably needs a curator's look; never stops a load (``validate`` exits 0).

    Printed as ``path:line: warning: field: message``. The classes (``code``) are:

    - ``undeclared-relation``: two figures of one programme and metric over overlapping
      periods with different values, and no relation between them;
    - ``unresolved-disagreement``: ``disagrees_with`` without a ``resolution``;
    - ``weekday-mismatch``: a weekday stated in a document that its date does not fall on.
    """

    location: Location
    field: str
    message: str
    code: str = "warning"

    def __str__(self) -> str:
        return f"{self.location}: warning: {self.field}: {self.message}"


class DataInvalid(Exception):
    """Raised with every problem at once; nothing downstream runs on half-valid data."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(sorted(problems))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(f"{len(self.problems)} problem(s) found; fix them and try again.")
        return "\n".join(lines)


if __name__ == "__main__":  # python -m dashboard.curated.problems: docs/problems.md's table
    print(codes_table())
