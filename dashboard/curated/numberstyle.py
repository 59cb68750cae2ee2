"""How a document writes numbers: the words, scales and bound words of English and Vietnamese
documents, a ``NumberStyle`` for each (English ``1,936`` and ``7.25 million``; Vietnamese
``1.936`` and ``7,25 triệu``, the dot grouping thousands and the comma marking decimals) with
the patterns that find its amounts, which style a document is in, and a printed number read
back in base units. ``curated.mentions`` finds the amounts and counts with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dashboard.curated.records import Qualifier

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]


_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


CARDINALS: dict[str, int] = {
    **{w: i for i, w in enumerate(_UNITS) if i},
    **{w: 10 + i for i, w in enumerate(_TEENS)},
    **{w: 20 + 10 * i for i, w in enumerate(_TENS)},
    "dozen": 12,
}


SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "bn": 1_000_000_000,
}


# Words before a number that bound it, longest first so "more than" beats "more".
QUALIFIER_WORDS: dict[str, Qualifier] = {
    "more than": Qualifier.AT_LEAST,
    "over": Qualifier.AT_LEAST,
    "at least": Qualifier.AT_LEAST,
    "in excess of": Qualifier.AT_LEAST,
    "above": Qualifier.AT_LEAST,
    "up to": Qualifier.AT_MOST,
    "at most": Qualifier.AT_MOST,
    "no more than": Qualifier.AT_MOST,
    "as many as": Qualifier.AT_MOST,
    "fewer than": Qualifier.AT_MOST,
    "less than": Qualifier.AT_MOST,
    "under": Qualifier.AT_MOST,
    "nearly": Qualifier.APPROX,
    "almost": Qualifier.APPROX,
    "around": Qualifier.APPROX,
    "about": Qualifier.APPROX,
    "approximately": Qualifier.APPROX,
    "roughly": Qualifier.APPROX,
    "some": Qualifier.APPROX,
}


# Vietnamese-language documents (data/README.md, "Numbers in Vietnamese style"): "3.000 người",
# "hơn 7 triệu bảng Anh", "1,5 tỷ". The dot groups thousands and the comma marks decimals.
VI_SCALES: dict[str, int] = {
    "trăm": 100,
    "nghìn": 1_000,
    "ngàn": 1_000,
    "triệu": 1_000_000,
    "tỷ": 1_000_000_000,
    "tỉ": 1_000_000_000,
}


VI_QUALIFIER_WORDS: dict[str, Qualifier] = {
    "ít nhất": Qualifier.AT_LEAST,
    "tối thiểu": Qualifier.AT_LEAST,
    "hơn": Qualifier.AT_LEAST,
    "trên": Qualifier.AT_LEAST,
    "vượt quá": Qualifier.AT_LEAST,
    "tối đa": Qualifier.AT_MOST,
    "lên tới": Qualifier.AT_MOST,
    "lên đến": Qualifier.AT_MOST,
    "không quá": Qualifier.AT_MOST,
    "dưới": Qualifier.AT_MOST,
    "gần": Qualifier.APPROX,
    "khoảng": Qualifier.APPROX,
    "xấp xỉ": Qualifier.APPROX,
    "chừng": Qualifier.APPROX,
    "hầu như": Qualifier.APPROX,
}


# Letters only Vietnamese writes (đ, ơ, ư, ă and the tone marks below a vowel or a hook above):
# a document with many of them is read in Vietnamese style when its source names no language.
_VI_LETTERS = set("đơưăạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()


SPELLED = re.compile(
    r"\b(?P<words>(?:"
    + "|".join(_TENS)
    + r")(?:[- ](?:"
    + "|".join(_UNITS[1:])
    + r"))?|"
    + "|".join(sorted(CARDINALS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True, eq=False)  # compared and cached by identity: there are two styles
class NumberStyle:
    """How a document writes numbers: English ``1,936`` and ``7.25 million``, or Vietnamese
    ``1.936`` and ``7,25 triệu``. Each style has its scale, bound and currency words."""

    name: str  # "en" or "vi"
    thousands: str  # the mark grouping thousands: "," or "."
    decimal: str
    scales: dict[str, int]
    qualifiers: dict[str, Qualifier]

    @property
    def number(self) -> str:
        t, d = re.escape(self.thousands), re.escape(self.decimal)
        return rf"\d{{1,3}}(?:{t}\d{{3}})+(?:{d}\d+)?|\d+(?:{d}\d+)?"

    def parse(self, digits: str) -> float:
        return float(digits.replace(self.thousands, "").replace(self.decimal, "."))

    def qualifier(self, word: str) -> Qualifier:
        return self.qualifiers[" ".join(word.lower().split())]

    @property
    def patterns(self) -> "_Patterns":
        return _patterns(self)


ENGLISH = NumberStyle("en", ",", ".", SCALES, QUALIFIER_WORDS)


VIETNAMESE = NumberStyle("vi", ".", ",", VI_SCALES, {**QUALIFIER_WORDS, **VI_QUALIFIER_WORDS})


STYLES = {s.name: s for s in (ENGLISH, VIETNAMESE)}


def number_style(text: str, language: str | None = None) -> NumberStyle:
    """The style of a document: its source's ``language`` when recorded (``vi`` → Vietnamese),
    else Vietnamese when at least one letter in twenty is one only Vietnamese writes."""
    if language:
        return STYLES.get(language.split("-")[0].lower(), ENGLISH)
    letters = [c for c in text.lower() if c.isalpha()]
    vietnamese = sum(c in _VI_LETTERS for c in letters)
    return VIETNAMESE if letters and vietnamese * 20 >= len(letters) else ENGLISH


@dataclass(frozen=True)
class _Patterns:
    money: re.Pattern
    digits: re.Pattern
    scale_after: re.Pattern
    qual_before: re.Pattern
    currency_after: re.Pattern
    percent_after: re.Pattern


@lru_cache(maxsize=None)
def _patterns(style: NumberStyle) -> _Patterns:
    qual = _alternatives(style.qualifiers)
    num = style.number
    short = "|".join(["bn", "mn", "m", "k"] if style is ENGLISH else [])
    scales = _alternatives(w for w in style.scales if len(w) > 2 or style is not ENGLISH) + (
        f"|{short}" if short else ""
    )
    spelled_scales = _alternatives(w for w in style.scales if len(w) > 2 or style is not ENGLISH)
    vi_currency = r"|bảng(?:\s+Anh)?|£" if style is VIETNAMESE else ""
    return _Patterns(
        money=re.compile(
            rf"(?:\b(?P<qual>{qual})\s+)?£\s?(?P<num>{num})(?:\s?(?P<scale>{scales})\b)?",
            re.IGNORECASE,
        ),
        # Digits not glued to a word, a date or a time ("befd8d53", "03/04/2025", "16:10"),
        # and not followed by an ordinal suffix ("2nd") or more letters.
        digits=re.compile(rf"(?<![\w/:.,£$])(?<![^\W\d_]-)(?P<num>{num})(?![\w/:]|[.,]\d)"),
        scale_after=re.compile(rf"\s+(?P<scale>{spelled_scales})\b", re.IGNORECASE),
        qual_before=re.compile(rf"\b(?P<qual>{qual})\s+$", re.IGNORECASE),
        # Money written with the currency after the number: "3 million pounds", "3 triệu bảng Anh".
        currency_after=re.compile(
            rf"\s+(?:pounds?(?:\s+sterling)?|GBP{vi_currency})(?!\w)", re.IGNORECASE
        ),
        percent_after=re.compile(r"\s?(?:%|per ?cent\b|phần trăm\b)", re.IGNORECASE),
    )


def parse_number(
    digits: str, scale: str | None = None, style: NumberStyle = ENGLISH
) -> int | float:
    """``"1,936"`` → 1936; ``("7", "million")`` → 7000000; ``("7.25", "m")`` → 7250000;
    in Vietnamese style ``"3.000"`` → 3000 and ``("1,5", "tỷ")`` → 1500000000."""
    value = style.parse(digits) * (style.scales[scale.lower()] if scale else 1)
    return int(value) if value.is_integer() else round(value, 6)


def parse_spelled(words: str) -> int:
    """``"eight"`` → 8, ``"twenty-five"`` → 25, ``"Two"`` → 2."""
    return sum(CARDINALS[w] for w in re.split(r"[- ]", words.lower()) if w)
