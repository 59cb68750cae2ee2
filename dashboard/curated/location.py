"""Where a curated record or field was written: a file and a line, which every problem names.

Its own module so that the record modules (``records``, ``kinds``) share it without importing
each other; ``dashboard.curated.records`` re-exports it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Location:
    """Where a record or a field was written: a file and a 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"
