"""How a bar looks: its traces (the bar, a range's pale extension, its label and end marker)
and the legend keys for fills and patterns. ``charts.bars`` (whose docstring says what each
look means) draws with them; the page, slide images and the deck read the same traces.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.config import Theme
from dashboard.curated.records import Dataset, Kind, Qualifier
from dashboard.views.charts.draw import (
    BAR_TRACE_ROLE,
    END_TRACE_ROLE,
    HOVER,
    KEY_TRACE_ROLE,
    RANGE_TRACE_ROLE,
    esc,
    strings,
    texts,
)
from dashboard.views.charts.texts import COMMITTED_SUFFIX, QUALIFIER_PHRASES, say
from dashboard.views.columns import Columns
from dashboard.views.labels import kind_label, shows_scope
from dashboard.views.language import formatter_for, language_of, words_for
from dashboard.views.theme import metric_colour, shade, tint
from dashboard.words import Words

QUALIFIER_PATTERN = {
    Qualifier.EXACT.value: "",
    Qualifier.AT_LEAST.value: "/",
    Qualifier.AT_MOST.value: "-",
    Qualifier.APPROX.value: ".",
    Qualifier.RANGE.value: "",  # the bar runs to the low bound; a pale extension runs on to the high one
}
QUALIFIER_END_SYMBOL = {  # None: no marker at the bar end
    Qualifier.EXACT.value: None,
    Qualifier.AT_LEAST.value: "triangle-right",  # open-ended: the true value lies further right
    Qualifier.AT_MOST.value: "line-ns",  # a ceiling: the true value lies at or left of it
    Qualifier.APPROX.value: None,
    Qualifier.RANGE.value: "line-ns",  # the high bound: the true value lies between the bar's end and this cap
}
NOTED_QUALIFIERS = (Qualifier.AT_LEAST, Qualifier.AT_MOST, Qualifier.APPROX, Qualifier.RANGE)


def qualifier_note(
    qualifier: Qualifier, words: Words | None = None, wording: str | None = None
) -> str:
    """The Formatter's sentence for a qualifier ("Over: …"); ``wording`` tells "at least" from "over"."""
    return formatter_for(words.language if words else None).qualifier_sentence(qualifier, wording)


def bound_notes(rows: pd.DataFrame | Columns, words: Words | None = None) -> list[str]:
    """One note per kind of bound the rows show, in NOTED_QUALIFIERS order: "at least" (the
    bound may be reached) and "over" (it may not) are two notes when both are shown."""
    qualifiers = list(rows["qualifier"])
    wordings = list(rows["wording"]) if "wording" in rows else [None] * len(qualifiers)
    notes: list[str] = []
    for qualifier in NOTED_QUALIFIERS:
        for q, wording in zip(qualifiers, wordings):
            note = qualifier_note(qualifier, words, wording) if q == qualifier.value else None
            if note and note not in notes:
                notes.append(note)
    return notes


def high_values(rows: pd.DataFrame | Columns) -> np.ndarray:
    """Where each bar ends once its range is drawn: the range's bound farthest from zero (its
    high bound; a fall's lowest, so "cut by 20–30%" ends at -30), else the value."""
    values = np.asarray(rows["value"], dtype=float)
    if "value_high" not in rows:
        return values
    qualifiers = rows["qualifier"] if isinstance(rows, Columns) else texts(rows["qualifier"])
    is_range = np.array([q == Qualifier.RANGE.value for q in qualifiers], dtype=bool)
    ends = values
    for column in ("value_high", "value_low"):
        if column in rows:
            bound = np.asarray(rows[column], dtype=float)
            farther = is_range & ~np.isnan(bound) & (np.abs(bound) > np.abs(ends))
            ends = np.where(farther, bound, ends)
    return ends


def bar_traces(
    rows: Columns, dataset: Dataset, theme: Theme, xaxis: str = "x", yaxis: str = "y"
) -> list[dict]:
    """One bar per row (in ``bar_order``), plus its value label and end marker; a trace per style, not per bar."""
    drawn = _Drawn.of(rows, xaxis, yaxis)
    styles: dict[tuple[str, str, str], list[int]] = {}
    for i, style in enumerate(zip(rows["metric"], rows["kind"], rows["qualifier"])):
        styles.setdefault(style, []).append(i)
    traces: list[dict] = []
    for (metric, kind, qualifier), index in styles.items():
        look = _Look.of(str(metric), kind, dataset, theme)
        common = drawn.common(np.array(index))
        name = f"{metric} {kind} {qualifier}"
        traces.append(_bar_trace(common, name, qualifier, look))
        if (
            qualifier == Qualifier.RANGE.value
        ):  # low bound to high bound: paler, the same bar's slot
            traces.append(_range_trace(common, name, drawn.ends[index], look))
        traces.append(_end_trace(common, name, qualifier, drawn, np.array(index), look, theme))
    return traces


@dataclass(frozen=True)
class _Drawn:
    """What every trace of a bar chart reads of its rows: values, far ends, hover, labels."""

    ids: np.ndarray
    values: np.ndarray
    ends: np.ndarray  # a range's label and cap sit at its far bound
    hover: np.ndarray
    labels: np.ndarray
    nudge: float  # how far an "over" label sits beyond its arrow
    xaxis: str
    yaxis: str

    @classmethod
    def of(cls, rows: Columns, xaxis: str, yaxis: str) -> _Drawn:
        language = language_of(rows)
        committed = say(COMMITTED_SUFFIX, words_for(language))
        columns = ["value_label", "metric_label", "period_label", "kind", "programme_name", "note"]
        scopes = (
            rows["scope_label"] if shows_scope(rows) else [None] * len(rows)
        )  # the only scope goes without saying
        extra = [scopes, rows["claim_text"] if "claim_text" in rows else [None] * len(rows)]
        hover = [_bar_hover(language, *r) for r in zip(*(rows[c] for c in columns), *extra)]
        labels = [
            esc(v) + (committed if k == Kind.COMMITTED.value else "")
            for v, k in zip(rows["value_label"], rows["kind"])
        ]
        ends = high_values(rows)
        return cls(
            ids=strings(rows["id"]),
            values=np.asarray(rows["value"], dtype=float),
            ends=ends,
            hover=np.array(hover),
            labels=np.array(labels),
            nudge=float(ends.max()) * 0.025 if len(ends) else 0.0,
            xaxis=xaxis,
            yaxis=yaxis,
        )

    def common(self, index: np.ndarray) -> dict:
        """The fields every trace of the bars at ``index`` shares."""
        return {
            "x": self.values[index],
            "y": self.ids[index],
            "xaxis": self.xaxis,
            "yaxis": self.yaxis,
            "customdata": self.ids[:, None][index],
            "hovertext": self.hover[index],
            "hovertemplate": HOVER,
            "showlegend": False,
        }


@dataclass(frozen=True)
class _Look:
    """A style's colours: the metric's colour, pale for a pledge, with a darker outline."""

    colour: str
    fill: str
    outline: str
    pledged: bool

    @classmethod
    def of(cls, metric: str, kind: str, dataset: Dataset, theme: Theme) -> _Look:
        colour = metric_colour(metric, dataset, theme)
        pledged = kind == Kind.COMMITTED.value
        return cls(
            colour=colour,
            fill=tint(colour, 0.82) if pledged else colour,
            outline=shade(colour, 0.15 if pledged else 0.3),
            pledged=pledged,
        )


def _bar_trace(common: dict, name: str, qualifier: str, look: _Look) -> dict:
    """The bars themselves, patterned by their qualifier."""
    return {
        **common,
        "type": "bar",
        "orientation": "h",
        "name": name,
        "marker": {
            "color": look.fill,
            "line": {"color": look.outline, "width": 2 if look.pledged else 1},
            "pattern": {
                "shape": QUALIFIER_PATTERN[qualifier],
                "fillmode": "overlay",
                "size": 9,
                "solidity": 0.3,
                "fgcolor": shade(look.colour, 0.1) if look.pledged else tint(look.colour, 0.65),
            },
        },
        "meta": {"role": BAR_TRACE_ROLE},
    }


def _range_trace(common: dict, name: str, ends: np.ndarray, look: _Look) -> dict:
    """A range's pale extension, from the bar's end (its near bound) to its far bound."""
    return {
        **common,
        "type": "bar",
        "orientation": "h",
        "name": f"{name} extension",
        "x": ends - common["x"],
        "base": common["x"],
        "marker": {
            "color": tint(look.colour, 0.75),
            "line": {"color": look.outline, "width": 1},
            "pattern": {"shape": "", "fillmode": "overlay", "size": 9, "solidity": 0.3},
        },
        "meta": {"role": RANGE_TRACE_ROLE},
    }


def _end_trace(
    common: dict,
    name: str,
    qualifier: str,
    drawn: _Drawn,
    index: np.ndarray,
    look: _Look,
    theme: Theme,
) -> dict:
    """The value labels, right of each bar's end: after an arrow for "over" (the arrow just
    beyond the bar, pointing on), after a cap for "up to" and a range, after a gap otherwise;
    a fall's bar ends at its left, and so does its label."""
    symbol = QUALIFIER_END_SYMBOL[qualifier]
    marker = {"symbol": symbol or "circle", "size": 16, "color": "rgba(0,0,0,0)"}
    if qualifier == Qualifier.AT_LEAST.value:
        marker.update(color=look.outline)
    elif qualifier in (Qualifier.AT_MOST.value, Qualifier.RANGE.value):
        marker.update(size=22, line={"color": look.outline, "width": 4})
    ends = drawn.ends[index]
    return {
        **common,
        "type": "scatter",
        "mode": "markers+text",
        "name": f"{name} labels",
        "x": ends + (drawn.nudge if qualifier == Qualifier.AT_LEAST.value else 0.0),
        "text": drawn.labels[index],
        "textfont": {"color": theme.text_colour},
        "textposition": ["middle left" if e < 0 else "middle right" for e in ends],
        "marker": marker,
        "cliponaxis": False,
        "meta": {"role": END_TRACE_ROLE},
    }


@functools.lru_cache(maxsize=4096)
def _bar_hover(
    language: str,
    value: str,
    metric: str,
    period: str,
    kind: str,
    programme: str,
    note: str | None,
    scope: str | None = None,
    claim: str | None = None,
) -> str:
    metric_text = esc(metric).lower() if language == "en" else esc(metric[:1].lower() + metric[1:])
    text = f"<b>{esc(value)}</b> {metric_text}<br>{esc(period)}<br>{kind_label(kind, words_for(language))} · {esc(programme)}"
    text += f" · {esc(scope)}" if scope else ""
    text += f"<br>{esc(claim)}" if claim else ""
    return text + (f"<br><i>{esc(note)}</i>" if note else "")


def key_traces(rows: Columns, theme: Theme) -> list[dict]:
    """Legend-only entries, in grey, for the fill (reported / committed) and pattern (qualifier)."""
    grey = theme.muted_colour
    words = words_for(language_of(rows))
    keys = []
    kinds = set(rows["kind"])
    if Kind.REPORTED.value in kinds:
        keys.append((kind_label(Kind.REPORTED.value, words), grey, shade(grey, 0.3), 1, ""))
    if Kind.COMMITTED.value in kinds:
        keys.append(
            (kind_label(Kind.COMMITTED.value, words), tint(grey, 0.82), shade(grey, 0.15), 2, "")
        )
    notes = bound_notes(rows, words)
    for qualifier in NOTED_QUALIFIERS:
        said = [qualifier_note(qualifier, words, w) for w in (None, "at least", "under")]
        shown = [
            n.split(":")[0] for n in dict.fromkeys(said) if n in notes
        ]  # "Over", "At least", "Up to", "Nearly / about"…
        if shown:
            word = " / ".join(shown)
            keys.append(
                (
                    say(
                        "{word}: {phrase}",
                        words,
                        word=word,
                        phrase=say(QUALIFIER_PHRASES[qualifier.value], words),
                    ),
                    tint(grey, 0.82),
                    shade(grey, 0.15),
                    1,
                    QUALIFIER_PATTERN[qualifier.value],
                )
            )
    return [
        {
            "type": "bar",
            "orientation": "h",
            "x": [None],
            "y": [None],
            "name": label,
            "legendrank": rank,
            "hoverinfo": "skip",
            "meta": {"role": KEY_TRACE_ROLE},
            "marker": {
                "color": colour,
                "line": {"color": line, "width": width},
                "pattern": {
                    "shape": pattern,
                    "fgcolor": shade(grey, 0.1),
                    "fillmode": "overlay",
                    "size": 6,
                },
            },
        }
        for rank, (label, colour, line, width, pattern) in enumerate(keys)
    ]
