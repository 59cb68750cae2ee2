"""Every amount and count a document states: the one way the project finds numbers in text
(``dashboard coverage``, ``dashboard draft`` and validate's check that a quote prints its
figure's value all read numbers here).

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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from dashboard.curated.numberstyle import (
    CARDINALS,
    ENGLISH,
    MONTHS,
    SCALES,
    SPELLED,
    VIETNAMESE,
    NumberStyle,
    number_style,
    parse_number,
    parse_spelled,
)
from dashboard.curated.records import Qualifier

# --- what a number counts, and what makes it no mention ---------------------------------

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

# Vietnamese words a number never counts ("3.000 và", "của 720").
_NOT_NOUNS |= set(
    "và của là đã được cho với từ đến trong các những này đó hay hoặc tại vào".split()
)

# A word in any alphabet ("victims", "người"): a letter, then letters, digits, apostrophes, hyphens.
_WORD = re.compile(r"\s+(?P<word>[^\W\d_][\w’'-]*)")
_MONTH_AFTER = re.compile(r"\s+(?:" + "|".join(MONTHS) + r")\b\.?", re.IGNORECASE)
_MONTH_BEFORE = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\.?\s+$", re.IGNORECASE)
# A day, month or year in Vietnamese: "ngày 31 tháng 3 năm 2025".
_VI_DATE_BEFORE = re.compile(r"\b(?:ngày|tháng|năm)\s+$", re.IGNORECASE)
# A bound written after the amount: "£36 million or more", "5,000 people or fewer".
QUALIFIERS_AFTER: dict[str, Qualifier] = {
    "or more": Qualifier.AT_LEAST,
    "or over": Qualifier.AT_LEAST,
    "or above": Qualifier.AT_LEAST,
    "and above": Qualifier.AT_LEAST,
    "and over": Qualifier.AT_LEAST,
    "plus": Qualifier.AT_LEAST,
    "or less": Qualifier.AT_MOST,
    "or fewer": Qualifier.AT_MOST,
    "or under": Qualifier.AT_MOST,
    "trở lên": Qualifier.AT_LEAST,  # "3.000 người trở lên"
}
_QUAL_AFTER = re.compile(
    r"\s+(?P<qual>"
    + "|".join(re.escape(w) for w in sorted(QUALIFIERS_AFTER, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_A_SCALE = re.compile(
    r"\b(?P<half>half\s+)?an?\s+(?P<scale>hundred|thousand|million|billion)\b", re.IGNORECASE
)
_PRONOUN_ONE = re.compile(
    r"\b(?:no|any|every|some|each|next|this|that|which|the|last)\s+$", re.IGNORECASE
)


# --- mentions ----------------------------------------------------------------------------


class Measure(StrEnum):
    MONEY = "money"
    COUNT = "count"
    PERCENT = "percent"  # a rate, never the same thing as a figure's count
    COMMITMENT = "commitment"  # a promise without a number: "vowed to double" (curated.commitments)


@dataclass(frozen=True, order=True)
class Mention:
    """One amount or count as printed in a seed, with its value in base units."""

    source: str  # seed file name
    line: int  # 1-based line in the seed
    start: int  # character offsets in the seed text
    end: int
    text: str  # as printed: "over £7 million", "1,936 aspiring migrants"
    value: int | float | None  # base units: "£1 million" -> 1000000; None for a commitment
    measure: Measure
    qualifier: Qualifier


def _is_year(digits: str) -> bool:
    return digits.isdigit() and len(digits) == 4 and 1900 <= int(digits) <= 2100


def _is_date(text: str, start: int, end: int) -> bool:
    """``31 March``, ``April 17``, ``August 15, 2022``, ``ngày 31 tháng 3``: a day number next
    to a month name, or a number after the Vietnamese for day, month or year."""
    before = text[max(0, start - 12) : start]
    return bool(
        _MONTH_AFTER.match(text, end)
        or _MONTH_BEFORE.search(before)
        or _VI_DATE_BEFORE.search(before)
    )


def _noun_phrase(text: str, at: int, style: NumberStyle = ENGLISH) -> int | None:
    """End offset of the noun a number counts, starting at ``at``: one plural-looking word
    ("victims"), or an adjective and its noun ("aspiring migrants"), or in Vietnamese up to two
    syllables ("người", "nạn nhân"); None when the next word cannot be a noun ("24,000 since",
    "one will")."""
    first = _WORD.match(text, at)
    if not first or _not_noun(first["word"]):
        return None
    end = first.end()
    if style is VIETNAMESE:
        second = _WORD.match(text, end)
        return (
            second.end() if second and not _not_noun(second["word"]) and text[end] == " " else end
        )
    if not first["word"].lower().endswith("s"):
        second = _WORD.match(text, end)
        if second and not _not_noun(second["word"]) and second["word"].lower().endswith("s"):
            end = second.end()
    return end


def _not_noun(word: str) -> bool:
    lowered = word.lower()
    return (
        lowered in _NOT_NOUNS or lowered in MONTHS or lowered.endswith("ly") or lowered in CARDINALS
    )


def _qualified_start(text: str, start: int, style: NumberStyle) -> tuple[int, Qualifier]:
    before = style.patterns.qual_before.search(text[max(0, start - 20) : start])
    if before is None:
        return start, Qualifier.EXACT
    return start - (len(before.group(0))), style.qualifier(before["qual"])


def find_mentions(text: str, source: str = "", *, language: str | None = None) -> list[Mention]:
    """Every amount and count in ``text``, in reading order. ``language`` is the document's
    (its source's ``language:``); when not given, the text's letters decide the number style."""
    style = number_style(text, language)
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def add(
        start: int, end: int, value: int | float, measure: Measure, qualifier: Qualifier
    ) -> None:
        if after := _QUAL_AFTER.match(text, end):
            end, qualifier = after.end(), QUALIFIERS_AFTER[after["qual"].lower()]
        found.append(
            Mention(
                source,
                text.count("\n", 0, start) + 1,
                start,
                end,
                " ".join(text[start:end].split()),
                value,
                measure,
                qualifier,
            )
        )
        taken.append((start, end))

    def overlaps(start: int, end: int) -> bool:
        return any(start < e and s < end for s, e in taken)

    for m in style.patterns.money.finditer(text):
        qualifier = style.qualifier(m["qual"]) if m["qual"] else Qualifier.EXACT
        add(m.start(), m.end(), parse_number(m["num"], m["scale"], style), Measure.MONEY, qualifier)
    _digit_mentions(text, style, add, overlaps)
    if style is ENGLISH:
        _spelled_mentions(text, style, add, overlaps)
    return sorted(found, key=lambda x: (x.start, x.end))


def _digit_mentions(text: str, style: NumberStyle, add, overlaps) -> None:
    """Numbers in digits not already read as money after "£": a percentage ("40%", "12 per
    cent"), money with its currency after it ("3 million pounds"), else a count and its noun
    ("720 victims", "24,000"); never a year or a day of a date."""
    pat = style.patterns
    for m in pat.digits.finditer(text):
        digits = m["num"]
        if overlaps(m.start(), m.end()) or _is_year(digits) or _is_date(text, m.start(), m.end()):
            continue
        start, qualifier = _qualified_start(text, m.start(), style)
        if p := pat.percent_after.match(text, m.end()):
            add(start, p.end(), parse_number(digits, None, style), Measure.PERCENT, qualifier)
            continue
        end, scale = m.end(), None
        if s := pat.scale_after.match(text, end):
            end, scale = s.end(), s["scale"]
        if c := pat.currency_after.match(text, end):
            add(start, c.end(), parse_number(digits, scale, style), Measure.MONEY, qualifier)
            continue
        end = _noun_phrase(text, end, style) or end
        add(start, end, parse_number(digits, scale, style), Measure.COUNT, qualifier)


def _spelled_mentions(text: str, style: NumberStyle, add, overlaps) -> None:
    """ "half a million people", "eight years", "three million pounds": numbers in English words."""
    pat = style.patterns
    for m in _A_SCALE.finditer(text):
        noun_end = _noun_phrase(text, m.end())
        if overlaps(m.start(), m.end()) or noun_end is None:
            continue
        value = SCALES[m["scale"].lower()] // (2 if m["half"] else 1)
        start, qualifier = _qualified_start(text, m.start(), style)
        add(start, noun_end, value, Measure.COUNT, qualifier)

    for m in SPELLED.finditer(text):
        if overlaps(m.start(), m.end()):
            continue
        if m["words"].lower() == "one" and _PRONOUN_ONE.search(
            text[max(0, m.start() - 8) : m.start()]
        ):
            continue
        end, value = m.end(), parse_spelled(m["words"])
        if s := pat.scale_after.match(text, end):
            end, value = s.end(), value * SCALES[s["scale"].lower()]
        if c := pat.currency_after.match(text, end):
            start, qualifier = _qualified_start(text, m.start(), style)
            add(start, c.end(), value, Measure.MONEY, qualifier)
            continue
        noun_end = _noun_phrase(text, end)
        if noun_end is None:
            continue  # "the next one will": a pronoun, not a count
        start, qualifier = _qualified_start(text, m.start(), style)
        add(start, noun_end, value, Measure.COUNT, qualifier)


# --- does a quote print a value? ---------------------------------------------------------


def printed_forms(value: int | float, style: NumberStyle = ENGLISH) -> set[str]:
    """How a document may print a value in base units: 1936 as "1,936" (Vietnamese "1.936"),
    7000000 as "7 million" or "£7m" ("7 triệu"), 33500000 as "33.5 million" ("33,5 triệu")."""
    forms = {f"{value:,}", f"{value:,g}", str(value)}
    scales = [(1_000_000_000, ("billion", "bn")), (1_000_000, ("million", "m"))]
    for scale, words in scales:
        if value >= scale and (value * 100) % scale == 0:  # at most two decimals, as printed
            short = f"{value / scale:,.2f}".rstrip("0").rstrip(".")
            forms |= {f"{short} {words[0]}", f"{short}{words[1]}"}
    if style is VIETNAMESE:
        swap = str.maketrans({",": ".", ".": ","})
        words = {"billion": "tỷ", "bn": " tỷ", "million": "triệu", "m": " triệu"}
        forms = {
            re.sub(
                r"(?<=\d) ?(billion|bn|million|m)$",
                lambda m: " " + words[m[1]].strip(),
                f.translate(swap),
            )
            for f in forms
        }
    return forms


def as_printed(value: int | float, style: NumberStyle = ENGLISH) -> str:
    """``3000`` → "3,000" in English, "3.000" in Vietnamese; ``7.5`` → "7.5" / "7,5"."""
    shown = f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
    return shown.translate(str.maketrans({",": ".", ".": ","})) if style is VIETNAMESE else shown


def states_value(quote: str, value: int | float, language: str | None = None) -> bool:
    """Whether ``quote`` prints ``value`` (base units) in its document's number style: a
    mention of that value ("over £7 million", "hơn 3.000 người") or one of its printed forms.
    ``dashboard validate`` refuses a figure whose quote does not; the tests ask the same."""
    style = number_style(quote, language)
    if any(
        abs(m.value - value) <= 1e-9 * max(1, abs(value))
        for m in find_mentions(quote, language=style.name)
    ):
        return True
    if any(form in quote for form in printed_forms(value, style)):
        return True
    return float(value).is_integer() and _states_ordinal(quote, int(value))


ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
]


def _states_ordinal(quote: str, value: int) -> bool:
    """A rank as a document prints it: "the fourth largest", "4th", "thứ tư" (never a count,
    so ``find_mentions`` leaves it out; a rank's value is still the number the quote states)."""
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    words = [rf"\b{value}{suffix}\b"] + (
        [rf"\b{ORDINALS[value - 1]}\b"] if 1 <= value <= len(ORDINALS) else []
    )
    vietnamese = {
        1: "nhất",
        2: "hai",
        3: "ba",
        4: "tư",
        5: "năm",
        6: "sáu",
        7: "bảy",
        8: "tám",
        9: "chín",
        10: "mười",
    }
    if value in vietnamese:
        words.append(rf"\bthứ\s+{vietnamese[value]}\b")
    return any(re.search(w, quote, re.IGNORECASE) for w in words)
