"""What the curator declared about a record and others, as the source dialog lists it: a
figure's whole and its parts, the other statements of the same quantity (with how they stand),
the same event in another document. Each entry is ``(kind, id, words)``, one click away, every
word in the page's language. Part of ``provenance``.
"""

from __future__ import annotations

import pandas as pd

from dashboard.analysis import fmt
from dashboard.curated.records import Dataset, Figure
from dashboard.words import Formatter, Words

FIGURE, EVENT = "figure", "event"
CTX = "source dialog"
Related = tuple[str, str, str]  # (kind, id, the words the dialog shows)


def related(
    dataset: Dataset, frame: pd.DataFrame | None, record_id: str, kind: str, words: Words
) -> tuple[Related, ...]:
    """Everything declared related to figure or event ``record_id``; ``frame`` is the figures
    frame whose relations are listed (None: no figure's)."""
    if kind == EVENT:
        return same_event_elsewhere(dataset, record_id, words)
    if frame is None or "quantity_group" not in frame or record_id not in set(frame["id"]):
        return ()
    value = _value_words(dataset, words)
    return whole_and_parts(frame, record_id, words, value) + other_statements(
        dataset, frame, record_id, words, value
    )


def same_event_elsewhere(dataset: Dataset, record_id: str, words: Words) -> tuple[Related, ...]:
    """The same event from another document, dated alike or not."""
    formatter = Formatter(words)
    event = next(e for e in dataset.events if e.id == record_id)
    linked = {event.same_as, event.disagrees_with}
    group = {
        e.id for e in dataset.events if record_id in (e.same_as, e.disagrees_with) or e.id in linked
    }
    return tuple(
        (
            EVENT,
            e.id,
            words.text(
                "The same event in {source}: {date}",
                CTX,
                source=e.source,
                date=formatter.flex_date(e.date),
            ),
        )
        for e in dataset.events
        if e.id in group
    )


def _value_words(dataset: Dataset, words: Words):
    """A figure's value as the source words it, in the page's language, by id."""
    figures: dict[str, Figure] = {f.id: f for f in dataset.figures}

    def value(figure_id: str) -> str:
        f = figures[figure_id]
        return fmt.format_value(
            f.value,
            f.qualifier,
            dataset.unit(f.unit),
            f.wording,
            f.value_high,
            words=words,
            change=f.change,
            hedge=f.hedge,
        )

    return value


def whole_and_parts(
    frame: pd.DataFrame, record_id: str, words: Words, value
) -> tuple[Related, ...]:
    """The figure this one is a share of, and the figures that are shares of this one."""
    source = dict(zip(frame["id"], frame["source"].astype(str)))
    whole = frame.loc[frame["id"] == record_id].iloc[0]["part_of"]
    out: list[Related] = []
    if isinstance(whole, str) and whole in source:
        out.append(
            (
                FIGURE,
                whole,
                words.text(
                    "Part of {value} ({source}): a share of it, never added to it",
                    CTX,
                    value=value(whole),
                    source=source[whole],
                ),
            )
        )
    for part in frame.loc[frame["part_of"] == record_id, "id"]:
        out.append(
            (
                FIGURE,
                str(part),
                words.text(
                    "Includes {value} ({source})", CTX, value=value(str(part)), source=source[part]
                ),
            )
        )
    return tuple(out)


def other_statements(
    dataset: Dataset, frame: pd.DataFrame, record_id: str, words: Words, value
) -> tuple[Related, ...]:
    """Every other statement of the same quantity, with how it stands to the latest."""
    from dashboard.analysis.claims import claim_history

    history = claim_history(frame, record_id)
    if len(history) <= 1:
        return ()
    roles = {
        "latest": words.text("Latest statement", CTX),
        "earlier": words.text("Earlier statement, updated by the latest", CTX),
        "same": words.text("The same figure", CTX),
        "disagrees": words.text("Disagrees with the latest", CTX),
    }
    periods = {f.id: f.period for f in dataset.figures}
    return tuple(
        (
            FIGURE,
            str(h["id"]),
            words.text(
                "{role}: {value}, {period} ({source})",
                CTX,
                role=roles.get(h["claim_role"], h["claim_role"]),
                value=value(str(h["id"])),
                period=fmt.format_period(periods[str(h["id"])], words=words),
                source=h["source"],
            ),
        )
        for _, h in history.iterrows()
        if h["id"] != record_id
    )
