"""What ``dashboard draft`` guesses for a number it has not seen curated: the period its
sentence suggests ("since 2018", "in 2024", "2024/25"), the unit its currency or noun shows
(``£`` → GBP, "người" → people, through the units' curated translations too), the one metric
that names its noun, and whether the sentence pledges it. A guess is marked for the curator
to confirm; what cannot be guessed is ``TODO``, which ``dashboard validate`` refuses.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from dashboard.curated.mentions import Measure, Mention
from dashboard.curated.records import Dataset

TODO = "TODO"


_YEAR = r"((?:19|20)\d\d)"


_PERIODS = [  # (pattern, period type, start month-day, end month-day or None for "the document's date")
    (re.compile(rf"\b(?:since|từ năm|kể từ năm|từ)\s+{_YEAR}\b", re.I), "cumulative"),
    (
        re.compile(rf"\b(?:between|from|từ)\s+{_YEAR}\s+(?:and|to|đến|tới)\s+{_YEAR}\b", re.I),
        "span",
    ),
    (re.compile(rf"\b{_YEAR}\s*[/–-]\s*(\d\d)\b"), "financial_year"),
    (re.compile(rf"\b(?:in|during|năm|trong năm)\s+{_YEAR}\b", re.I), "year"),
]


COMMITTED = re.compile(
    r"\b(?:will|pledge[sd]?|commit(?:s|ted)?|plans?|planned|to provide|sẽ|cam kết|dự kiến)\b", re.I
)


@dataclass(frozen=True)
class PeriodGuess:
    type: str
    start: str
    end: str
    basis: str  # the words it was read from


def guess_period(sentence: str, published: dt.date | None) -> PeriodGuess | None:
    """The period a sentence's wording suggests ("since 2018", "in 2024", "2024/25")."""
    for pattern, kind in _PERIODS:
        m = pattern.search(sentence)
        if m is None:
            continue
        year = int(m[1])
        if kind == "cumulative":
            return PeriodGuess(
                kind, f"{year}-01-01", published.isoformat() if published else TODO, m[0]
            )
        if kind == "span":
            return PeriodGuess(kind, f"{year}-01-01", f"{int(m[2])}-12-31", m[0])
        if kind == "financial_year":
            if int(m[2]) != (year + 1) % 100:
                continue
            return PeriodGuess(kind, f"{year}-04-01", f"{year + 1}-03-31", m[0])
        return PeriodGuess(kind, f"{year}-01-01", f"{year}-12-31", m[0])
    return None


def guess_unit(mention: Mention, dataset: Dataset, nouns: dict[str, str]) -> str | None:
    """The unit whose currency or noun the mention shows: ``£`` → GBP, "người" → people."""
    if mention.measure is Measure.MONEY:
        currencies = [u.id for u in dataset.units if u.is_currency]
        return currencies[0] if len(currencies) == 1 else None
    if mention.measure is Measure.PERCENT:
        return None
    words = mention.text.lower()
    for noun, unit in sorted(nouns.items(), key=lambda item: -len(item[0])):
        if noun and re.search(rf"(?<!\w){re.escape(noun.lower())}(?!\w)", words):
            return unit
    return None


def _stem(word: str) -> str:
    word = word.lower().strip("’'")
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def guess_metric(mention: Mention, dataset: Dataset):
    """The one metric whose label or singular names the noun after the number ("720 victims"
    → victims identified; "1,936 aspiring migrants" → aspiring migrants educated); None when
    none or several do, or for money (every money metric counts pounds)."""
    if mention.measure is not Measure.COUNT:
        return None
    nouns = [
        _stem(w) for w in re.findall(r"[^\W\d_]+", mention.text.split(maxsplit=1)[-1]) if len(w) > 2
    ]
    nouns = [
        n
        for n in nouns
        if n not in {"more", "than", "over", "least", "nearly", "about", "almost", "around"}
    ]
    if not nouns:
        return None
    found = [
        m
        for m in dataset.metrics
        if any(
            n in {_stem(w) for w in re.findall(r"[^\W\d_]+", f"{m.label} {m.singular}")}
            for n in nouns
        )
    ]
    return found[0] if len(found) == 1 else None


def unit_nouns(dataset: Dataset, data_dir: Path | None) -> dict[str, str]:
    """Each noun a unit is written with, in English and in its curated translations."""
    nouns = {u.noun: u.id for u in dataset.units if u.noun} | {u.id: u.id for u in dataset.units}
    from dashboard.curated.translations import load_translations, records_folder, translation_files

    data_dir = data_dir or records_folder(dataset)
    if data_dir is not None:
        if translation_files(data_dir, "vi"):
            translations, _ = load_translations(data_dir, "vi")
            for unit in dataset.units:
                if form := translations.form("units", unit.id, "noun"):
                    nouns.setdefault(form, unit.id)
    return nouns
