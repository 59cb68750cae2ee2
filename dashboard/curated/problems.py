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


class DataInvalid(Exception):
    """Raised with every problem at once; nothing downstream runs on half-valid data."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(sorted(problems))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(f"{len(self.problems)} problem(s) found; fix them and try again.")
        return "\n".join(lines)
