"""A planned event whose date has passed says so: once the newest document is dated after the
event's last possible day and no document records that it took place, the timeline, its alt
text, the deck's notes and the source dialog read "planned for autumn 2019; no record that it
took place", in English and in Vietnamese. The data's date is the newest document's, never
today's, so these tests read the same on any day.

Runs on the fictional claims dataset (a visit planned for "autumn 2019" in a June 2019
document), with a later made-up document added in the test."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from dashboard.analysis.eventstatus import data_date, passed_unrecorded
from dashboard.analysis.frame import events_frame, figures_frame
from dashboard.config import load_config
from dashboard.curated.records import DatePrecision, Event, EventStatus, FlexDate, Source, TypeId
from dashboard.curated.validate import load_valid
from dashboard.outputs.deck import speaker_notes
from dashboard.views.charts import EVENT_LABEL_ROLE, EVENT_TRACE_ROLE, alt_text, build_chart
from dashboard.views.language import localize
from dashboard.web.provenance import EVENT, Provenance

CLAIMS = Path(__file__).parent / "fixtures" / "claims"
PLANNED = "ministerial-visit"  # planned for autumn 2019 by a June 2019 document
NOTE = "planned for autumn 2019; no record that it took place"


@pytest.fixture(scope="module")
def claims():
    return load_valid(CLAIMS / "data", CLAIMS / "seeds")


def with_later_document(dataset, published: str):
    """``dataset`` and one more (made-up) document, published on ``published`` (YYYY or YYYY-MM)."""
    parts = [int(p) for p in published.split("-")]
    precision = DatePrecision.MONTH if len(parts) > 1 else DatePrecision.YEAR
    date = FlexDate(dt.date(parts[0], parts[1] if len(parts) > 1 else 1, 1), precision)
    later = Source(
        "199_fictional_review.txt", "A later review (fictional)", "Ministry of Examples", date
    )
    return dataclasses.replace(dataset, sources=(*dataset.sources, later))


def timeline(dataset, language: str = "en"):
    events = events_frame(dataset)
    figures = figures_frame(dataset).iloc[0:0]
    if language != "en":
        local = localize(dataset, figures, events, language)
        dataset, figures, events = local.dataset, local.figures, local.events
    fig = build_chart("timeline", figures, events, dataset, load_config(None).theme)
    return fig, figures, events, dataset


def label_of(fig, event_id: str) -> str:
    (labels,) = [t for t in fig.data if (t.meta or {}).get("role") == EVENT_LABEL_ROLE]
    return labels.text[list(labels.customdata[:, 0]).index(event_id)].replace("<br>", " ")


def hover_of(fig, event_id: str) -> str:
    for t in fig.data:
        if (t.meta or {}).get("role") == EVENT_TRACE_ROLE and event_id in list(t.customdata[:, 0]):
            return t.hovertext[list(t.customdata[:, 0]).index(event_id)].replace("<br>", " ")
    raise AssertionError(f"no marker for {event_id}")


def test_a_planned_event_is_only_planned_while_the_newest_document_does_not_postdate_it(claims):
    assert data_date(claims).isoformat() == "2019-06-01"
    assert PLANNED not in passed_unrecorded(claims)
    fig, *_ = timeline(claims)
    assert "no record" not in label_of(fig, PLANNED) and "no record" not in hover_of(fig, PLANNED)


def test_a_planned_event_past_its_date_with_no_record_says_so_on_the_timeline_its_alt_text_and_the_deck(
    claims,
):
    later = with_later_document(claims, "2020-02")
    fig, figures, events, dataset = timeline(later)
    assert NOTE in label_of(fig, PLANNED)  # on the image and the slide, not only on hover
    assert NOTE in hover_of(fig, PLANNED)
    assert NOTE in alt_text("timeline", figures, events, dataset)
    assert NOTE in speaker_notes("timeline", figures, events, dataset)
    (labels,) = [t for t in fig.data if (t.meta or {}).get("role") == EVENT_LABEL_ROLE]
    assert sum("no record" in text for text in labels.text) == 1  # the held events are not touched


def test_an_event_planned_for_a_season_has_not_passed_until_the_season_is_over(claims):
    assert PLANNED not in passed_unrecorded(
        with_later_document(claims, "2019-11")
    )  # autumn runs to 30 November
    assert PLANNED in passed_unrecorded(with_later_document(claims, "2019-12"))


def test_a_document_recording_that_the_planned_event_took_place_keeps_it_off_the_list(claims):
    later = with_later_document(claims, "2020-02")
    visit = later.event(PLANNED)
    held = Event(
        "ministerial-visit-held",
        FlexDate(visit.date.first_day, visit.date.precision),
        visit.programme,
        TypeId("visit"),
        visit.title,
        "199_fictional_review.txt",
        "The ministerial visit took place",
        status=EventStatus.HELD,
        same_as=PLANNED,
    )
    recorded = dataclasses.replace(later, events=(*later.events, held))
    assert PLANNED not in passed_unrecorded(recorded)
    fig, *_ = timeline(recorded)
    assert all("no record" not in t for t in fig.data[-1].text)


def test_the_passed_note_reads_in_vietnamese_on_the_timeline_and_in_the_source_dialog(claims):
    later = with_later_document(claims, "2020-02")
    fig, *_ = timeline(later, "vi")
    assert "không có ghi nhận là đã diễn ra" in label_of(fig, PLANNED)
    provenance = Provenance(later, CLAIMS / "seeds")
    english = {d.label: d.text for d in provenance.passage(PLANNED, EVENT).details}
    assert english["Status"] == NOTE[:1].upper() + NOTE[1:]
    vietnamese = provenance.passage(PLANNED, EVENT, words="vi").details
    assert any("không có ghi nhận là đã diễn ra" in d.text for d in vietnamese)


def test_the_events_file_says_a_passed_plan_has_no_record_that_it_took_place(claims):
    from dashboard.outputs.datafile import events_table
    from dashboard.words import Words

    later = with_later_document(claims, "2020-01")
    rows = events_table(events_frame(later), later, Words("en")).set_index("id")
    assert (
        rows.loc[PLANNED, "status"] == "planned"
        and "no record that it took place" in rows.loc[PLANNED, "status_note"]
    )
    assert rows.drop(index=PLANNED)["status_note"].isna().all()
    before = events_table(events_frame(claims), claims, Words("en")).set_index("id")
    assert before["status_note"].isna().all()  # not yet passed on the fixture's own date


def test_the_events_file_says_each_status_in_its_own_language_beside_the_code(claims):
    from dashboard.outputs.datafile import events_table
    from dashboard.words import Words

    later = with_later_document(claims, "2020-01")
    for language, planned, passed in (
        ("en", "Planned", "no record that it took place"),
        ("vi", "Dự kiến", "không có ghi nhận"),
    ):
        rows = events_table(events_frame(later), later, Words(language)).set_index("id")
        assert (
            rows.loc[PLANNED, "status"] == "planned"
            and rows.loc[PLANNED, "status_label"] == planned
        )
        assert passed in rows.loc[PLANNED, "status_note"]
