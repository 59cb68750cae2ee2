"""Every word the charts show or say, in one place: legend keys, qualifier phrases, event
types, the "Showing … of …" cap notes and the commitment note."""

from __future__ import annotations

from dashboard.curated.records import EventType, Qualifier

COMMITMENT_NOTE = "Committed (pledged): promised for the period, not yet delivered; never added to reported figures."

QUALIFIER_PHRASES = {
    Qualifier.EXACT.value: "exact",
    Qualifier.AT_LEAST.value: "a lower bound",
    Qualifier.AT_MOST.value: "an upper bound",
    Qualifier.APPROX.value: "approximate",
    Qualifier.RANGE.value: "a range",
}

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
SPAN_KEY = "Month or year only"  # legend key of the timeline's date bands
PEOPLE_AXIS = "Number of people"
OWN_SCALE = " (each panel has its own scale)"
TIMELINE_AXIS = "Date of the event"
BARS_INTRO = "{title}: a horizontal bar chart, one bar per figure; figures are never added together."
PANELS_INTRO = " Each metric has its own panel and scale."
EVENTS_INTRO = "{title}: {events} from {span}, one marker per event."


def bars_cap_note(most: int, shown: int, total: int) -> str:
    return f"Showing the {most} largest figures of each metric ({shown:,} of {total:,}); the table below lists them all."


def events_cap_note(shown: int, total: int) -> str:
    return f"Showing the latest {shown:,} of {total:,} events; the table of figures and the filters narrow the view."
