"""The words a document bounds a value with, and what each means for the bound itself.

"At least 13,000" may be 13,000 (a closed bound, ≥); "over 13,000" may not (an open one, >).
A figure's ``wording`` (data/README.md) says which, validation refuses a wording not listed
here for its qualifier, and every output keeps the document's word: ``Quantity`` carries the
closedness through arithmetic and the Formatter says it in each language.
"""

from __future__ import annotations

from dashboard.curated.records import Qualifier

# The words a document bounds a value with, and whether the bound itself is allowed: "at least
# 500" may be 500 (a closed bound, ≥), "over 500" may not (an open one, >). ``wording`` must be
# one of these for ``at_least`` and ``at_most``; without a wording a lower bound reads "over" and
# an upper one "up to", as data written before this list did.
BOUND_WORDS: dict[Qualifier, dict[str, bool]] = {
    Qualifier.AT_LEAST: {
        "at least": True,
        "no fewer than": True,
        "no less than": True,
        "over": False,
        "more than": False,
        "in excess of": False,
    },
    Qualifier.AT_MOST: {
        "up to": True,
        "at most": True,
        "as many as": True,
        "no more than": True,
        "under": False,
        "less than": False,
        "fewer than": False,
    },
}
# The words of a rank's upper bound ("top 10" is places 1 to 10, "one of the two largest" 1 or 2):
# worded by the rank's own phrases (words.kinds), and a closed bound like "up to".
RANK_WORDS = ("top", "one of the")
DEFAULT_BOUND_WORDS = {Qualifier.AT_LEAST: "over", Qualifier.AT_MOST: "up to"}
# The words of an approximation: the dashboard shows the source's own ("nearly" is not "around").
APPROX_WORDS = ("nearly", "almost", "around", "about", "approximately", "roughly", "some")
# Of those, the words that put the value close to the stated one and below it ("nearly £1m"
# is a little under £1m): a data file gives the stated value as its high bound, and no low one.
APPROX_BELOW_WORDS = ("nearly", "almost")


def bound_closed(qualifier: Qualifier | str, wording: str | None = None) -> bool:
    """Whether the stated bound itself is a possible value: True for "at least", "up to",
    an exact value and a range's ends; False for "over", "more than", "under". An unknown
    wording (validation reports it) reads as the qualifier's default word."""
    qualifier = Qualifier(qualifier)
    words = BOUND_WORDS.get(qualifier)
    if words is None:
        return True
    key = (wording or "").strip().lower()
    return words.get(key, words[DEFAULT_BOUND_WORDS[qualifier]])


# A Vietnamese document's own bound words, curated as written ("hơn 3.000 người"), and the
# English word of the same meaning that every output is worded from: "hơn" is an open lower
# bound like "more than", "ít nhất" a closed one like "at least". The catalogue says each
# English word in Vietnamese again with the one word the glossary fixes for it.
VIETNAMESE_WORDS = {
    "ít nhất": "at least",
    "không dưới": "no fewer than",
    "hơn": "more than",
    "trên": "over",
    "tối đa": "up to",
    "lên tới": "up to",
    "lên đến": "up to",
    "không quá": "no more than",
    "dưới": "under",
    "gần": "nearly",
    "gần như": "almost",
    "khoảng": "about",
    "xấp xỉ": "approximately",
}


def as_english(wording: str) -> str:
    """The wording every output reads: a Vietnamese bound word as its English equivalent
    ("hơn" → "more than"), any other wording unchanged."""
    return VIETNAMESE_WORDS.get(wording.strip().lower(), wording)
