"""Errors as data: every problem found in curated input, with the file and line it is on.

Loading and validation collect ``Problem`` values instead of stopping at the first one,
so a curator sees every mistake in one run, one per line::

    data/figures.yaml:12: value: '7 million' is not a number; write it in base units, e.g. 7000000
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.curated.records import Location


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
