"""Every word the charts show or say, in one place: legend keys, qualifier phrases, event
types, the "Showing … of …" cap notes and the commitment note.

The constants are the English forms, the catalogue's message ids (context "charts"); a
chart writes them in its view's language with ``say(text, words)``."""

from __future__ import annotations

from dashboard.curated.records import EventType, Qualifier
from dashboard.views.language import words_of
from dashboard.words import Words

CTX = "charts"
CTX_ALT = "chart alt text"


def say(text: str, words: Words | None = None, context: str = CTX, **values: object) -> str:
    """``text`` (one of the constants here) in the language of ``words`` (English when None)."""
    return words_of(words=words).text(text, context, **values)


COMMITMENT_NOTE = "Committed (pledged): promised for the period, not yet delivered; never added to reported figures."

QUALIFIER_PHRASES = {
    Qualifier.EXACT.value: "exact",
    Qualifier.AT_LEAST.value: "a lower bound",
    Qualifier.AT_MOST.value: "an upper bound",
    Qualifier.APPROX.value: "approximate",
    Qualifier.RANGE.value: "a range",
}
HEDGE_PHRASES = {
    "potentially": "may hold, not stated as a fact",
    "estimated": "an estimate",
}  # never "exact"


def qualifier_phrase(qualifier: str, hedge: object, words: Words | None = None) -> str:
    """``a lower bound`` … in alt text; a hedged value's hedge (``may hold, not stated as a fact``), never ``exact``."""
    return say(
        HEDGE_PHRASES[hedge]
        if isinstance(hedge, str) and hedge in HEDGE_PHRASES
        else QUALIFIER_PHRASES[qualifier],
        words,
    )


def hedge_notes(rows, formatter) -> list[str]:
    """ "Potentially: the source says the value may hold, not that it does." once per hedge the rows show."""
    hedges = (
        sorted({h for h in rows["hedge"] if isinstance(h, str) and h}) if "hedge" in rows else []
    )
    return [formatter.qualifier_sentence(Qualifier.EXACT, hedge=h) for h in hedges]


EVENT_TYPE_LABELS = {
    EventType.DIALOGUE.value: "Dialogue",
    EventType.AGREEMENT.value: "Agreement",
    EventType.SUMMIT.value: "Summit",
    EventType.CAMPAIGN.value: "Campaign launch",
    EventType.MINISTERIAL_CALL.value: "Ministerial call",
}
PRECISION_NOTES = {"year": " (year only)", "month": " (month only)", "day": ""}

COMMITTED_SUFFIX = " (committed)"  # after a pledged bar's value label
PLANNED_SUFFIX = " (planned)"  # after a planned event's type
PASSED_NOTE = "planned for {date}; no record that it took place"  # a planned event whose date passed (analysis.eventstatus)
SPAN_KEY = "Month or year only"  # legend key of the timeline's date bands
PEOPLE_AXIS = "Number of people"
OWN_SCALE = " (each panel has its own scale)"
OWN_UNITS = "Each panel has its own unit and scale"  # under panels of several units ("Returns (people)", "Charter return flights (flights)")
COUNTED_BY = "{counts} — counted by {by}"  # "Potential victims identified in the UK — counted by UK authorities"
# Who counted when a chart's figures of one metric were counted by different bodies (a figure's
# own ``counted_by``): the metric's first panel says each counter with the programmes it counted.
PANEL_COUNTED_BY = "counted by {by}"  # "counted by the Modern Slavery Fund"
PANEL_NOT_COUNTED = "who counted: not stated in the source"
WHO_COUNTED = "who counted: {counters}"  # "who counted: the Fund (Programme A); the Ministry (B)"
COUNTER_OF = "{by} ({whom})"  # "the Example Shelter Fund (Example Shelter Fund)"
COUNTER_NOT_STATED = "not stated in the source"
TIMELINE_AXIS = "Date of the event"
BARS_INTRO = (
    "{title}: a horizontal bar chart, one bar per figure; figures are never added together."
)
PANELS_INTRO = " Each metric has its own panel and scale."
EVENTS_INTRO = "{title}: {events} from {span}, one marker per event."


def bars_cap_note(most: int, shown: int, total: int, words: Words | None = None) -> str:
    words = words_of(words=words)
    return words.text(
        "Showing the {shown_max} largest figures of each metric ({shown} of {total}); the table below lists them all.",
        CTX,
        shown_max=most,
        shown=words.integer(shown),
        total=words.integer(total),
    )


def events_cap_note(shown: int, total: int, words: Words | None = None) -> str:
    words = words_of(words=words)
    return words.text(
        "Showing the latest {shown} of {total} events; the table of figures and the filters narrow the view.",
        CTX,
        shown=words.integer(shown),
        total=words.integer(total),
    )


# --- the claims view -----------------------------------------------------------------------
CLAIMS_TITLE = "Claims: every statement of one quantity"
CLAIMS_AXIS = "Source publication date"
LATEST_MARK = "latest"  # after the latest statement's value: "740 (latest)"
DISAGREE_MARK = (
    "disagree"  # after each of two values that disagree: "738 (disagree)", "740 (disagree)"
)
DISAGREE_NOTE = "The sources disagree: both shown, never averaged."
TIED_NOTE = "{tied} quantities are stated as often ({statements} each): this is the first of them in the table's order; pick one above to see another."
CLAIM_ROLE_WORDS = {  # analysis.claims.claim_history's roles, in words
    "latest": "the latest statement",
    "earlier": "an earlier statement, updated later",
    "same": "the same figure, restated by another document",
    "disagrees": "disagrees with the latest: the sources disagree",
}
CLAIMS_WHY = {  # said on the chart and in its alt text when no quantity was picked
    "chosen": "",
    "most_stated": "No quantity chosen: showing the one with the most statements.",
    "missing": "The chosen quantity has no statement in this view: showing the one with the most statements.",
}
