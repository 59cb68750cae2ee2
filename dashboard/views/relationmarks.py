"""The figures table's relations column: how each figure stands to the others, in words.

Only what the curator declared is marked (``part_of``, ``same_as``, ``updates``,
``disagrees_with``, read through ``analysis.claims.claim_history``), never a guess: "part of
£200m (global-aid)", "includes £33.5m (fund)", and among the statements of one quantity
"latest of 2", "earlier of 2: updated by fund-2019", "disagrees with victims-2017", "same as
memo-2018", with the curator's reading of a disagreement. ``views.table`` puts the words and
the ids they name on each row.
"""

from __future__ import annotations

import pandas as pd

from dashboard.views.labels import resolutions_of
from dashboard.views.language import words_for
from dashboard.words import Words

CTX = "table"


class _Marks:
    """The words gathered for each figure and the ids they name, in the order marked."""

    def __init__(self, words: Words) -> None:
        self.words = words
        self.texts: dict[str, list[str]] = {}
        self.related: dict[str, list[str]] = {}

    def add(self, figure_id: str, text: str, other: str) -> None:
        self.texts.setdefault(figure_id, []).append(text)
        if other not in self.related.setdefault(figure_id, []):
            self.related[figure_id].append(other)

    def add_reading(self, figure_id: str, resolution: str | None, other: str) -> None:
        """The curator's reading of a disagreement between ``figure_id`` and ``other``, if any."""
        if resolution:
            self.add(
                figure_id,
                self.words.text("how to read it: {resolution}", CTX, resolution=resolution),
                other,
            )

    def result(self) -> dict[str, tuple[str, tuple[str, ...]]]:
        return {
            fid: ("; ".join(text), tuple(self.related.get(fid, ())))
            for fid, text in self.texts.items()
        }


def relation_marks(
    figures: pd.DataFrame, words: Words | None = None
) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Figure id → (the words of its relations, the ids they name), as the curator declared
    them: "part of £200m (global-aid)"; "includes £33.5m (fund)"; among statements of one
    quantity "latest of 2", "earlier of 2: updated by fund-2019", "disagrees with victims-2017",
    "same as memo-2018". Figures related to nothing are left out."""
    from dashboard.analysis.claims import claim_history

    if figures.empty or "quantity_group" not in figures:
        return {}
    marks = _Marks(words or words_for())
    _mark_parts(figures, marks)
    resolutions = resolutions_of(figures)
    sizes = figures["quantity_group"].value_counts()
    for group in sizes[sizes > 1].index:
        rows = figures[figures["quantity_group"] == group]
        history = claim_history(rows, str(rows["id"].iloc[0]))
        _mark_statements(history, resolutions, marks)
        _mark_restatements(history, marks)
    return marks.result()


def _mark_parts(figures: pd.DataFrame, marks: _Marks) -> None:
    """A part names its whole, and the whole its part, each with its value as stated."""
    label = dict(zip(figures["id"], figures["value_label"].astype(str)))
    for fid, whole in zip(figures["id"], figures["part_of"]):
        if isinstance(whole, str) and whole in label:
            marks.add(
                fid,
                marks.words.text("part of {whole} ({id})", CTX, whole=label[whole], id=whole),
                whole,
            )
            marks.add(
                whole, marks.words.text("includes {part} ({id})", CTX, part=label[fid], id=fid), fid
            )


def _mark_statements(
    history: pd.DataFrame, resolutions: dict[frozenset, str], marks: _Marks
) -> None:
    """Each statement of one quantity (``history``, latest first) by its role among them."""
    words = marks.words
    lead = str(history["id"].iloc[0])
    roles = dict(zip(history["id"].astype(str), history["claim_role"]))
    n = sum(
        1 for role in roles.values() if role in ("latest", "earlier")
    )  # a restatement is no statement of its own
    disagreeing = [i for i, role in roles.items() if role == "disagrees"]
    for fid, role, original in zip(
        history["id"].astype(str), history["claim_role"], history["same_of"]
    ):
        if role == "latest":
            _mark_latest(fid, history, roles, n, disagreeing, resolutions, marks)
        elif role == "earlier":
            marks.add(
                fid,
                words.text("earlier of {n}: updated by {id}", CTX, n=words.integer(n), id=lead),
                lead,
            )
        elif role == "same":  # on both rows: the restatement and the figure it restates
            marks.add(fid, words.text("same as {id}", CTX, id=original), original)
        else:
            marks.add(fid, words.text("disagrees with {ids}", CTX, ids=lead), lead)
            marks.add_reading(fid, resolutions.get(frozenset((fid, lead))), lead)


def _mark_latest(
    fid: str,
    history: pd.DataFrame,
    roles: dict[str, str],
    n: int,
    disagreeing: list[str],
    resolutions: dict[frozenset, str],
    marks: _Marks,
) -> None:
    """The latest statement: "latest of n", whom it disagrees with and how to read that; it
    names every other statement of its quantity but its restatements."""
    words = marks.words
    lead = str(history["id"].iloc[0])
    if n > 1:
        marks.add(fid, words.text("latest of {n}", CTX, n=words.integer(n)), lead)
    if disagreeing:
        marks.add(
            fid,
            words.text("disagrees with {ids}", CTX, ids=", ".join(disagreeing)),
            disagreeing[0],
        )
        for other in disagreeing:
            marks.add_reading(fid, resolutions.get(frozenset((fid, other))), other)
    related = marks.related.setdefault(fid, [])
    if lead in related:
        related.remove(lead)
    for other in history["id"]:
        if other != fid and other not in related and roles[str(other)] != "same":
            related.append(str(other))


def _mark_restatements(history: pd.DataFrame, marks: _Marks) -> None:
    """A figure restated by others says "same as" them all, and names each."""
    copies: dict[str, list[str]] = {}
    for fid, original in zip(history["id"].astype(str), history["same_of"]):
        if isinstance(original, str):
            copies.setdefault(original, []).append(fid)
    for original, ids in copies.items():
        marks.add(original, marks.words.text("same as {id}", CTX, id=", ".join(ids)), ids[0])
        for i in ids[1:]:
            if i not in marks.related[original]:
                marks.related[original].append(i)
