"""The claims chart in words: why it shows its quantity, what its sources disagree on and how
the curator reads that, what each statement is among its quantity's ("the latest
statement"), and the chart's alt text and its list of statements, in the rows' language.
"""

from __future__ import annotations

import pandas as pd

from dashboard.curated.records import Dataset
from dashboard.views.charts.draw import texts
from dashboard.views.charts.texts import (
    CLAIM_ROLE_WORDS,
    CLAIMS_WHY,
    CTX_ALT,
    DISAGREE_NOTE,
    QUALIFIER_PHRASES,
    TIED_NOTE,
    say,
)
from dashboard.views.labels import kind_label, resolved
from dashboard.views.language import language_of, words_for
from dashboard.words import Words

DISAGREES = "disagrees"  # claim_history's role of a statement that disagrees with the latest
WHY = CLAIMS_WHY
ROLE_WORDS = CLAIM_ROLE_WORDS


def disagreement_text(rows: pd.DataFrame, words: Words) -> str:
    """ "The sources disagree: both shown, never averaged." and the curator's reading of it,
    when the statements drawn disagree; else nothing."""
    roles = texts(rows["claim_role"])
    if DISAGREES not in roles:
        return ""
    ids = set(texts(rows["id"]))
    readings = [
        sentence(resolved(str(text), words))
        for fid, other, text in zip(
            texts(rows["id"]), texts(rows["disagrees_with"]), texts(rows["resolution"])
        )
        if other in ids and isinstance(text, str) and text
    ]
    return " ".join([say(DISAGREE_NOTE, words), *readings])


def role_words(role: str, words: Words) -> str:
    """What a statement is among its quantity's ("the latest statement"), in ``words``' language."""
    english = ROLE_WORDS.get(role)
    return say(english, words) if english else role


def why_text(why: str, words: Words, rows: pd.DataFrame | None = None) -> str:
    """Why the chart shows its quantity; when no quantity was chosen and several have as many
    statements as the one shown (``rows``), which one it is and why that one."""
    english = WHY.get(why, "")
    text = say(english, words) if english else ""
    tied = (
        int(rows["quantity_tied"].iloc[0])
        if rows is not None and "quantity_tied" in rows and len(rows)
        else 0
    )
    if text and tied > 1:
        statements = words.plural(
            "{n} statement", "{n} statements", len(rows), "count with its noun"
        )
        text += " " + say(TIED_NOTE, words, tied=words.integer(tied), statements=statements)
    return text


def sentence(text: str) -> str:
    """``text`` starting with a capital, as a sentence of its own."""
    return text[:1].upper() + text[1:]


def intro(title: str, rows: pd.DataFrame) -> str:
    language = language_of(rows)
    words = words_for(language)

    def count(n: int, one: str, many: str) -> str:
        return words.plural(one, many, n, "count with its noun")

    label = str(rows["quantity_label"].iloc[0])
    documents = rows["source"].nunique()
    why = " ".join(
        t
        for t in (
            why_text(str(rows["quantity_why"].iloc[0]), words, rows),
            disagreement_text(rows, words),
        )
        if t
    )
    text = say(
        "{title}: {quantity}; {statements} from {documents}, one point each at its source's publication date, the latest marked, never averaged.",
        words,
        CTX_ALT,
        title=title,
        quantity=label,
        statements=count(len(rows), "{n} statement", "{n} statements"),
        documents=count(documents, "{n} document", "{n} documents"),
    )
    return text + (f" {why}" if why else "")


# What a statement is said by, in this order: its value, bound, kind, period and document.
STATEMENT_FIELDS = (
    "value_label",
    "qualifier",
    "kind",
    "period_label",
    "source_title",
    "source_publisher",
    "source_date",
)


def statement_texts(rows: pd.DataFrame, *more: str) -> list[tuple]:
    """Each row's ``STATEMENT_FIELDS`` then ``more`` columns, as text."""
    return list(zip(*(texts(rows[c]) for c in (*STATEMENT_FIELDS, *more))))


def items(rows: pd.DataFrame, dataset: Dataset) -> list[str]:
    words = words_for(language_of(rows))
    return [
        f"{v} ({say(QUALIFIER_PHRASES[q], words)}), {kind_label(k, words).lower()}, {p} — {t}, {pub}, {d}: {role_words(r, words)}"
        for v, q, k, p, t, pub, d, r in statement_texts(rows, "claim_role")
    ]


def cap_text(shown: int, total: int, words: Words | None = None) -> str:  # never capped (keep_all)
    return ""
