"""The source documents in ``seeds/`` and where a quote stands in them.

A quote matches its document verbatim after normalising only whitespace and
typographic quotes and dashes (so ``’`` matches ``'`` and a line break matches a
space). Nothing else is forgiven: case, punctuation and digits must be as printed.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)


@lru_cache(maxsize=4096)
def _normalised_with_offsets(text: str) -> tuple[str, list[int]]:
    """``text`` with runs of whitespace folded to one space and typographic marks made plain,
    and for each output character the offset of the input character it came from."""
    out: list[str] = []
    offsets: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space:
                out.append(" ")
                offsets.append(i)
            in_space = True
            continue
        in_space = False
        out.append(ch.translate(_TYPOGRAPHIC))
        offsets.append(i)
    return "".join(out), offsets


def normalise(text: str) -> str:
    return _normalised_with_offsets.__wrapped__(text)[0].strip()


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """``(start, end)`` offsets of the first place ``quote`` stands in ``text``, or None."""
    needle = normalise(quote)
    if not needle:
        return None
    haystack, offsets = _normalised_with_offsets(text)
    at = haystack.find(needle)
    if at < 0:
        return None
    return offsets[at], offsets[at + len(needle) - 1] + 1


def find_all(text: str, quote: str) -> list[tuple[int, int]]:
    """Every place ``quote`` stands in ``text``, as ``(start, end)`` offsets."""
    needle = normalise(quote)
    haystack, offsets = _normalised_with_offsets(text)
    spans, at = [], haystack.find(needle) if needle else -1
    while at >= 0:
        spans.append((offsets[at], offsets[at + len(needle) - 1] + 1))
        at = haystack.find(needle, at + 1)
    return spans


@lru_cache(maxsize=4096)
def _read(path: str, mtime_ns: int) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def read_seed(seeds_dir: Path | str, file: str) -> str | None:
    """The text of ``seeds/<file>``, or None when it is missing or not UTF-8."""
    path = Path(seeds_dir) / file
    if not path.is_file() or Path(file).name != file:
        return None
    return _read(str(path), path.stat().st_mtime_ns)


def seed_files(seeds_dir: Path | str) -> list[str]:
    """The documents in ``seeds/`` (plain files, hidden ones left out), sorted."""
    folder = Path(seeds_dir)
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_WD = "|".join(_WEEKDAYS)
_MO = "|".join(_MONTH_NAMES)
_YEAR_AFTER = r"(?:,?\s+(?P<year>(?:19|20)\d{2})\b)?"
_STATED_WEEKDAY = re.compile(
    rf"\b(?P<weekday>{_WD}),?\s+(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MO})|(?P<month2>{_MO})\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?){_YEAR_AFTER}"
)


def weekday_mismatches(text: str, year: int) -> list[tuple[int, str, dt.date, str]]:
    """``(line, stated words, date, the weekday it really was)`` for each "Monday 21 November"
    (or "Monday, November 21") whose date, in ``year`` unless the text gives one, is not that
    weekday. A day that does not exist in that month is reported too (weekday "no such day")."""
    found = []
    for m in _STATED_WEEKDAY.finditer(text):
        day = int(m["day"] or m["day2"])
        month = _MONTH_NAMES.index(m["month"] or m["month2"]) + 1
        in_year = int(m["year"]) if m["year"] else year
        line = text.count("\n", 0, m.start()) + 1
        try:
            date = dt.date(in_year, month, day)
        except ValueError:
            found.append((line, " ".join(m[0].split()), dt.date(in_year, month, 1), "no such day"))
            continue
        if _WEEKDAYS[date.weekday()] != m["weekday"]:
            found.append((line, " ".join(m[0].split()), date, _WEEKDAYS[date.weekday()]))
    return found
