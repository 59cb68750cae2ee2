"""Which amounts and counts in ``seeds/`` the curated data accounts for.

A curator adding a document runs ``dashboard coverage`` to see every number the
document states and whether it is already curated. Each *mention* is:

- money: ``£1 million``, ``Nearly £1 million``, ``over £7 million``, ``£7.25m``,
  ``£33.5 million`` (33500000), and the currency in words: ``3 million pounds``;
- a bound written after the amount: ``£36 million or more`` (at least), ``or fewer`` (at most);
- a number with a noun or scale: ``720 victims``, ``1,936 aspiring migrants``,
  ``over 40 countries``, ``7 million people``, or a bare count such as ``24,000``;
- a spelled-out cardinal followed by a noun: ``eight years``, ``two sides``,
  ``half a million people``;
- a percentage: ``40%``, ``12 per cent``.

Dates and times (``31 March``, ``April 17``, ``August 15, 2022``, ``03/04/2025 16:10:00``),
bare years (a four-digit number from 1900 to 2100 without a thousands comma, so
``2018`` is a year but ``2,018`` is a count), ordinals (``2nd``, ``first``) and digits
glued to letters (file names such as ``000_befd8d53cf6ad35b.txt``) are not mentions.

Each mention gets one status, the first that applies:

1. ``cited``: it lies inside the quote of a figure from that source;
2. ``excluded``: it lies inside an exclusion's quote (``data/exclusions.yaml``) — a
   curator's explicit decision with a reason, so it wins over the guess below;
3. ``restates``: a figure of the same source has the same value in base units and the
   same kind of unit (money or count), e.g. a headline repeating a body figure;
4. ``uncurated``: nothing accounts for it — curate it or exclude it with a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from dashboard.curated.records import Dataset, Qualifier
from dashboard.curated.seeds import find_all, read_seed

# --- words -------------------------------------------------------------------------------

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
CARDINALS: dict[str, int] = {
    **{w: i for i, w in enumerate(_UNITS) if i},
    **{w: 10 + i for i, w in enumerate(_TEENS)},
    **{w: 20 + 10 * i for i, w in enumerate(_TENS)},
    "dozen": 12,
}
SCALES: dict[str, int] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000,
}
# Words before a number that bound it, longest first so "more than" beats "more".
QUALIFIER_WORDS: dict[str, Qualifier] = {
    "more than": Qualifier.AT_LEAST, "over": Qualifier.AT_LEAST, "at least": Qualifier.AT_LEAST,
    "in excess of": Qualifier.AT_LEAST, "above": Qualifier.AT_LEAST,
    "up to": Qualifier.AT_MOST, "at most": Qualifier.AT_MOST, "no more than": Qualifier.AT_MOST,
    "as many as": Qualifier.AT_MOST, "fewer than": Qualifier.AT_MOST, "less than": Qualifier.AT_MOST,
    "under": Qualifier.AT_MOST,
    "nearly": Qualifier.APPROX, "almost": Qualifier.APPROX, "around": Qualifier.APPROX,
    "about": Qualifier.APPROX, "approximately": Qualifier.APPROX, "roughly": Qualifier.APPROX,
    "some": Qualifier.APPROX,
}
MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
# Words that cannot be the noun a number counts ("the next one will", "two of the").
_NOT_NOUNS = set(
    """a an the and or but nor of in on at to for from by with without since until into onto
    over under up down out off per than then that this these those which who whom whose what
    when where while as if so not no is are was were be been being am has have had do does did
    will would shall should can could may might must it its they them their he she him her his
    we us our you your i me my also only just more most less least each every all both either
    neither other another such same very too again still yet ago before after during about
    between among through across against around near""".split()
)

_QUAL = "|".join(re.escape(w) for w in sorted(QUALIFIER_WORDS, key=len, reverse=True))
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MONEY = re.compile(
    rf"(?:\b(?P<qual>{_QUAL})\s+)?£\s?(?P<num>{_NUM})(?:\s?(?P<scale>billion|million|thousand|bn|mn|m|k)\b)?",
    re.IGNORECASE,
)
# Digits not glued to a word, a date or a time ("befd8d53", "03/04/2025", "16:10"),
# and not followed by an ordinal suffix ("2nd") or more letters.
_DIGITS = re.compile(rf"(?<![\w/:.,£$])(?<![A-Za-z]-)(?P<num>{_NUM})(?![\w/:]|[.,]\d)")
_SPELLED = re.compile(
    r"\b(?P<words>(?:" + "|".join(_TENS) + r")(?:[- ](?:" + "|".join(_UNITS[1:]) + r"))?|"
    + "|".join(sorted(CARDINALS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\s+(?P<word>[A-Za-z][A-Za-z’'-]*)")
_SCALE_AFTER = re.compile(r"\s+(?P<scale>hundred|thousand|million|billion)\b", re.IGNORECASE)
_MONTH_AFTER = re.compile(r"\s+(?:" + "|".join(MONTHS) + r")\b\.?", re.IGNORECASE)
_MONTH_BEFORE = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\.?\s+$", re.IGNORECASE)
_QUAL_BEFORE = re.compile(rf"\b(?P<qual>{_QUAL})\s+$", re.IGNORECASE)
# Money written with the currency after the number: "3 million pounds", "500 pounds sterling".
_CURRENCY_AFTER = re.compile(r"\s+(?:pounds?(?:\s+sterling)?|GBP)\b", re.IGNORECASE)
# A bound written after the amount: "£36 million or more", "5,000 people or fewer".
QUALIFIERS_AFTER: dict[str, Qualifier] = {
    "or more": Qualifier.AT_LEAST, "or over": Qualifier.AT_LEAST, "or above": Qualifier.AT_LEAST,
    "and above": Qualifier.AT_LEAST, "and over": Qualifier.AT_LEAST, "plus": Qualifier.AT_LEAST,
    "or less": Qualifier.AT_MOST, "or fewer": Qualifier.AT_MOST, "or under": Qualifier.AT_MOST,
}
_QUAL_AFTER = re.compile(
    r"\s+(?P<qual>" + "|".join(re.escape(w) for w in sorted(QUALIFIERS_AFTER, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
_PERCENT_AFTER = re.compile(r"\s?(?:%|per ?cent\b)", re.IGNORECASE)
_A_SCALE = re.compile(r"\b(?P<half>half\s+)?an?\s+(?P<scale>hundred|thousand|million|billion)\b", re.IGNORECASE)
_PRONOUN_ONE = re.compile(r"\b(?:no|any|every|some|each|next|this|that|which|the|last)\s+$", re.IGNORECASE)


# --- mentions ----------------------------------------------------------------------------


class Measure(StrEnum):
    MONEY = "money"
    COUNT = "count"
    PERCENT = "percent"  # a rate, never the same thing as a figure's count


@dataclass(frozen=True, order=True)
class Mention:
    """One amount or count as printed in a seed, with its value in base units."""

    source: str  # seed file name
    line: int  # 1-based line in the seed
    start: int  # character offsets in the seed text
    end: int
    text: str  # as printed: "over £7 million", "1,936 aspiring migrants"
    value: int | float  # base units: "£1 million" -> 1000000
    measure: Measure
    qualifier: Qualifier


def parse_number(digits: str, scale: str | None = None) -> int | float:
    """``"1,936"`` → 1936; ``("7", "million")`` → 7000000; ``("7.25", "m")`` → 7250000."""
    value = float(digits.replace(",", "")) * (SCALES[scale.lower()] if scale else 1)
    return int(value) if value.is_integer() else value


def parse_spelled(words: str) -> int:
    """``"eight"`` → 8, ``"twenty-five"`` → 25, ``"Two"`` → 2."""
    return sum(CARDINALS[w] for w in re.split(r"[- ]", words.lower()) if w)


def _is_year(digits: str) -> bool:
    return "," not in digits and "." not in digits and len(digits) == 4 and 1900 <= int(digits) <= 2100


def _is_date(text: str, start: int, end: int) -> bool:
    """``31 March``, ``April 17``, ``August 15, 2022``: a day number next to a month name."""
    return bool(_MONTH_AFTER.match(text, end) or _MONTH_BEFORE.search(text[max(0, start - 12):start]))


def _noun_phrase(text: str, at: int) -> int | None:
    """End offset of the noun a number counts, starting at ``at``: one plural-looking word
    ("victims"), or an adjective and its noun ("aspiring migrants"); None when the next
    word cannot be a noun ("24,000 since", "one will")."""
    first = _WORD.match(text, at)
    if not first or _not_noun(first["word"]):
        return None
    end = first.end()
    if not first["word"].lower().endswith("s"):
        second = _WORD.match(text, end)
        if second and not _not_noun(second["word"]) and second["word"].lower().endswith("s"):
            end = second.end()
    return end


def _not_noun(word: str) -> bool:
    lowered = word.lower()
    return lowered in _NOT_NOUNS or lowered in MONTHS or lowered.endswith("ly") or lowered in CARDINALS


def _qualified_start(text: str, start: int) -> tuple[int, Qualifier]:
    before = _QUAL_BEFORE.search(text[max(0, start - 20):start])
    if before is None:
        return start, Qualifier.EXACT
    return start - (len(before.group(0))), QUALIFIER_WORDS[before["qual"].lower()]


def find_mentions(text: str, source: str = "") -> list[Mention]:
    """Every amount and count in ``text``, in reading order."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: int | float, measure: Measure, qualifier: Qualifier) -> None:
        if after := _QUAL_AFTER.match(text, end):
            end, qualifier = after.end(), QUALIFIERS_AFTER[after["qual"].lower()]
        found.append(
            Mention(source, text.count("\n", 0, start) + 1, start, end, " ".join(text[start:end].split()), value, measure, qualifier)
        )
        taken.append((start, end))

    def overlaps(start: int, end: int) -> bool:
        return any(start < e and s < end for s, e in taken)

    for m in _MONEY.finditer(text):
        qualifier = QUALIFIER_WORDS[m["qual"].lower()] if m["qual"] else Qualifier.EXACT
        add(m.start(), m.end(), parse_number(m["num"], m["scale"]), Measure.MONEY, qualifier)

    for m in _DIGITS.finditer(text):
        digits = m["num"]
        if overlaps(m.start(), m.end()) or _is_year(digits) or _is_date(text, m.start(), m.end()):
            continue
        start, qualifier = _qualified_start(text, m.start())
        if p := _PERCENT_AFTER.match(text, m.end()):
            add(start, p.end(), parse_number(digits), Measure.PERCENT, qualifier)
            continue
        end, scale = m.end(), None
        if s := _SCALE_AFTER.match(text, end):
            end, scale = s.end(), s["scale"]
        if c := _CURRENCY_AFTER.match(text, end):
            add(start, c.end(), parse_number(digits, scale), Measure.MONEY, qualifier)
            continue
        end = _noun_phrase(text, end) or end
        add(start, end, parse_number(digits, scale), Measure.COUNT, qualifier)

    for m in _A_SCALE.finditer(text):
        noun_end = _noun_phrase(text, m.end())
        if overlaps(m.start(), m.end()) or noun_end is None:
            continue
        value = SCALES[m["scale"].lower()] // (2 if m["half"] else 1)
        start, qualifier = _qualified_start(text, m.start())
        add(start, noun_end, value, Measure.COUNT, qualifier)

    for m in _SPELLED.finditer(text):
        if overlaps(m.start(), m.end()):
            continue
        if m["words"].lower() == "one" and _PRONOUN_ONE.search(text[max(0, m.start() - 8):m.start()]):
            continue
        end, value = m.end(), parse_spelled(m["words"])
        if s := _SCALE_AFTER.match(text, end):
            end, value = s.end(), value * SCALES[s["scale"].lower()]
        if c := _CURRENCY_AFTER.match(text, end):
            start, qualifier = _qualified_start(text, m.start())
            add(start, c.end(), value, Measure.MONEY, qualifier)
            continue
        noun_end = _noun_phrase(text, end)
        if noun_end is None:
            continue  # "the next one will": a pronoun, not a count
        start, qualifier = _qualified_start(text, m.start())
        add(start, noun_end, value, Measure.COUNT, qualifier)

    return sorted(found, key=lambda x: (x.start, x.end))


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
            out.append(f"{Path(self.seeds_dir) / m.source}:{m.line}: \"{m.text}\": {e.describe()}")
        seeds = len({e.mention.source for e in self.entries})
        summary = (
            f"{len(self.entries)} mentions in {seeds} seed(s): {self.count(Status.CITED)} cited, "
            f"{self.count(Status.EXCLUDED)} excluded, {self.count(Status.RESTATES)} restating a figure, "
            f"{self.count(Status.UNCURATED)} UNCURATED"
        )
        if self.unreadable:
            summary += f", {len(self.unreadable)} seed(s) unreadable"
        out.append(summary + ("." if self.complete else "; curate or exclude each UNCURATED mention."))
        return out


def _inside(mention: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(start <= mention.start and mention.end <= end for start, end in spans)


def classify(mention: Mention, text: str, dataset: Dataset) -> Covered:
    """The status of one mention of seed ``mention.source`` whose text is ``text``."""
    figures = [f for f in (*dataset.figures, *dataset.context_statistics) if f.source == mention.source]
    cited = sorted({f.id for f in figures if _inside(mention, find_all(text, f.quote))})
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
        and mention.measure is not Measure.PERCENT
        and (units[f.unit].is_currency if f.unit in units else False) == (mention.measure is Measure.MONEY)
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
    for name in seed_files(seeds_dir):
        text = read_seed(seeds_dir, name)
        if text is None:
            unreadable.append(Unreadable(name, "file: not UTF-8 text; save the document as UTF-8 plain text"))
            continue
        entries += [classify(m, text, dataset) for m in find_mentions(text, name)]
    return CoverageReport(str(seeds_dir), tuple(entries), tuple(unreadable))
