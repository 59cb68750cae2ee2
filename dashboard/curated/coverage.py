"""Which amounts and counts in ``seeds/`` the curated data accounts for.

A curator adding a document runs ``dashboard coverage`` to see every number the document
states (found by ``dashboard.curated.mentions``) and whether it is already curated.
Each mention gets one status, the first that applies:


A commitment without a number (``vowed to double``, ``will expand``: found by
``dashboard.curated.commitments``) is listed too, for a curator to record as a ``pledge`` event.

1. ``cited``: it lies inside the quote of a figure from that source (a commitment: of a
   figure or an event);
2. ``excluded``: it lies inside an exclusion's quote (``data/exclusions.yaml``) — a
   curator's explicit decision with a reason, so it wins over the guess below;
3. ``restates``: a figure of the same source has the same value in base units and the
   same kind of unit (money or count), e.g. a headline repeating a body figure;
4. ``uncurated``: nothing accounts for it — curate it or exclude it with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from dashboard.curated.mentions import (  # noqa: F401  (re-exported: coverage is where callers look)
    Measure,
    Mention,
    find_mentions,
    parse_number,
    parse_spelled,
)
from dashboard.curated.commitments import find_commitments
from dashboard.curated.records import Dataset
from dashboard.curated.seeds import find_all, read_seed


# --- statuses ----------------------------------------------------------------------------


class Status(StrEnum):
    CITED = "cited"
    EXCLUDED = "excluded"
    RESTATES = "restates"
    UNCURATED = "uncurated"


@dataclass(frozen=True)
class Covered:
    mention: Mention
    status: Status
    detail: str = ""  # figure ids, or the exclusion's reason

    def describe(self) -> str:
        if self.status is Status.CITED:
            return f"cited by {self.detail}"
        if self.status is Status.RESTATES:
            return f"restates {self.detail}"
        if self.status is Status.EXCLUDED:
            return f"excluded: {self.detail}"
        return "UNCURATED"


@dataclass(frozen=True)
class Unreadable:
    source: str
    reason: str


@dataclass(frozen=True)
class CoverageReport:
    seeds_dir: str
    entries: tuple[Covered, ...]
    unreadable: tuple[Unreadable, ...] = ()

    def count(self, status: Status) -> int:
        return sum(1 for e in self.entries if e.status is status)

    @property
    def complete(self) -> bool:
        """True when every mention is accounted for and every seed could be read."""
        return self.count(Status.UNCURATED) == 0 and not self.unreadable

    def lines(self) -> list[str]:
        """``seeds/004_….txt:12: "over £7 million": cited by msf-vietnam-funding-since-2018``,
        one per mention, then a one-line summary."""
        out = [f"{Path(self.seeds_dir) / u.source}:1: {u.reason}" for u in self.unreadable]
        for e in self.entries:
            m = e.mention
            what = " (a commitment without a number)" if m.measure is Measure.COMMITMENT else ""
            out.append(
                f'{Path(self.seeds_dir) / m.source}:{m.line}: "{m.text}"{what}: {e.describe()}'
            )
        seeds = len({e.mention.source for e in self.entries})
        summary = (
            f"{len(self.entries)} mentions in {seeds} seed(s): {self.count(Status.CITED)} cited, "
            f"{self.count(Status.EXCLUDED)} excluded, {self.count(Status.RESTATES)} restating a figure, "
            f"{self.count(Status.UNCURATED)} UNCURATED"
        )
        if self.unreadable:
            summary += f", {len(self.unreadable)} seed(s) unreadable"
        out.append(
            summary + ("." if self.complete else "; curate or exclude each UNCURATED mention.")
        )
        return out


def _inside(mention: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(start <= mention.start and mention.end <= end for start, end in spans)


def classify(mention: Mention, text: str, dataset: Dataset) -> Covered:
    """The status of one mention of seed ``mention.source`` whose text is ``text``."""
    figures = [
        f for f in (*dataset.figures, *dataset.context_statistics) if f.source == mention.source
    ]
    records = figures + (
        [e for e in dataset.events if e.source == mention.source]
        if mention.measure is Measure.COMMITMENT
        else []
    )
    cited = sorted({r.id for r in records if _inside(mention, find_all(text, r.quote))})
    if cited:
        return Covered(mention, Status.CITED, ", ".join(cited))
    for exclusion in dataset.exclusions:
        if exclusion.source == mention.source and _inside(mention, find_all(text, exclusion.quote)):
            return Covered(mention, Status.EXCLUDED, exclusion.reason)
    units = {u.id: u for u in dataset.units}
    same = sorted(
        f.id
        for f in figures
        if f.value == mention.value
        and mention.measure not in (Measure.PERCENT, Measure.COMMITMENT)
        and (units[f.unit].is_currency if f.unit in units else False)
        == (mention.measure is Measure.MONEY)
    )
    if same:
        return Covered(mention, Status.RESTATES, ", ".join(same))
    return Covered(mention, Status.UNCURATED)


def seed_files(seeds_dir: Path | str) -> list[str]:
    """The document file names in ``seeds_dir``, sorted; hidden files are skipped."""
    seeds_dir = Path(seeds_dir)
    if not seeds_dir.is_dir():
        return []
    return sorted(p.name for p in seeds_dir.iterdir() if p.is_file() and not p.name.startswith("."))


def coverage(dataset: Dataset, seeds_dir: Path | str) -> CoverageReport:
    """Every mention in every seed with its status. ``dataset`` must be validated."""
    entries: list[Covered] = []
    unreadable: list[Unreadable] = []
    languages = {s.file: s.language for s in dataset.sources}
    for name in seed_files(seeds_dir):
        text = read_seed(seeds_dir, name)
        if text is None:
            unreadable.append(
                Unreadable(name, "file: not UTF-8 text; save the document as UTF-8 plain text")
            )
            continue
        language = languages.get(name)  # a Vietnamese document writes 3,000 as "3.000"
        mentions = find_mentions(text, name, language=language) + find_commitments(text, name)
        entries += [
            classify(m, text, dataset) for m in sorted(mentions, key=lambda m: (m.start, m.end))
        ]
    return CoverageReport(str(seeds_dir), tuple(entries), tuple(unreadable))
