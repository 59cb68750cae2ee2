"""Commitments without a number in a seed: "vowed to double", "will expand".

A promise a curator records as a ``pledge`` event (or, with an amount, as a committed figure);
``dashboard coverage`` lists each one as cited by the figure or event that quotes it, or as
uncurated. The list of words is short on purpose: "will continue" and "will maintain" say too
little to be a commitment to curate.
"""

from __future__ import annotations

import re

from dashboard.curated.mentions import Measure, Mention
from dashboard.curated.records import Qualifier

COMMITMENT_VERBS = (
    "vowed",
    "vows",
    "pledged",
    "pledges",
    "committed",
    "commits",
    "promised",
    "promises",
    "undertook",
    "undertakes",
)
COMMITMENT_AFTER_WILL = ("double", "triple", "expand", "increase", "scale up", "step up", "extend")
_COMMITMENT = re.compile(
    r"\b(?:(?:"
    + "|".join(COMMITMENT_VERBS)
    + r")\s+to\s+[A-Za-z][A-Za-z-]*"
    + r"|will\s+(?:"
    + "|".join(w.replace(" ", r"\s+") for w in COMMITMENT_AFTER_WILL)
    + r"))\b",
    re.IGNORECASE,
)


def find_commitments(text: str, source: str = "") -> list[Mention]:
    """Every commitment without a number in ``text`` ("vowed to double", "will expand")."""
    return [
        Mention(
            source,
            text.count("\n", 0, m.start()) + 1,
            m.start(),
            m.end(),
            " ".join(m.group(0).split()),
            None,
            Measure.COMMITMENT,
            Qualifier.EXACT,
        )
        for m in _COMMITMENT.finditer(text)
    ]
