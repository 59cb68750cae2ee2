"""An event two documents date differently: declared with `disagrees_with` (and a
`resolution`), checked by validate with the file and line, and shown with every date and its
source on the timeline, in the deck notes and in the source dialog, never one date silently
kept. Built on the fictional claims dataset (tests/fixtures/claims) plus one made-up event."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.analysis.frame import (
    Filters,
    apply_event_filters,
    apply_filters,
    events_frame,
    figures_frame,
    year_span,
)
from dashboard.curated.problems import DataInvalid
from dashboard.curated.validate import load_valid, warnings
from dashboard.views.charts import plotted_rows
from dashboard.web.provenance import Provenance

CLAIMS = Path(__file__).parent / "fixtures" / "claims"
RESOLUTION = "Read 21 November 2018: the Ministry signed it that day (fictional)."


def disputing_event(**fields: str) -> str:
    """A second document's statement of the memorandum's signing, dated a day later."""
    record = {
        "id": "memorandum-signed-later",
        "date": "2018-11-22",
        "programme": "example-fund-freedonia",
        "type": "agreement",
        "title": "Memorandum of understanding signed (fictional)",
        "source": "102_fictional_update_2019.txt",
        "quote": "The memorandum signed in November 2018",
        "disagrees_with": "memorandum-signed",
        "resolution": RESOLUTION,
    }
    record.update(fields)
    lines = ["events:"] + [
        f"  {'- ' if i == 0 else '  '}{k}: {v!r}"
        if k != "date"
        else f"  {'- ' if i == 0 else '  '}{k}: {v}"
        for i, (k, v) in enumerate(record.items())
        if v is not None
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def data(tmp_path, monkeypatch):
    """The claims data in a scratch folder; ``data(text)`` adds a file of events to it."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(CLAIMS / "data", "data")

    def add(text: str) -> Path:
        Path("data/dispute.yaml").write_text(text, encoding="utf-8")
        return Path("data")

    return add


def test_an_event_dated_differently_by_two_documents_loads_with_both_dates(data):
    dataset = load_valid(data(disputing_event()), CLAIMS / "seeds")
    assert [
        w for w in warnings(dataset, CLAIMS / "seeds") if "date one event differently" in w.message
    ] == []


@pytest.mark.parametrize(
    "fields, message, code",
    [
        (
            {"disagrees_with": "no-such-event"},
            "no event has the id 'no-such-event'",
            "relation-target",
        ),
        (
            {"date": "2018-11-21"},
            "give the same date (21 Nov 2018); use same_as",
            "event-dates-agree",
        ),
        (
            {"disagrees_with": None},
            "a resolution belongs with `disagrees_with:`",
            "relation-resolution",
        ),
    ],
)
def test_a_disputed_date_that_does_not_hold_is_an_error_naming_file_and_line(
    data, fields, message, code
):
    with pytest.raises(DataInvalid) as caught:
        load_valid(data(disputing_event(**fields)), CLAIMS / "seeds")
    [problem] = caught.value.problems
    assert problem.location.path == "data/dispute.yaml" and problem.location.line > 1
    assert message in problem.message and problem.code == code


def test_a_disputed_date_without_a_resolution_is_a_warning(data):
    dataset = load_valid(data(disputing_event(resolution=None)), CLAIMS / "seeds")
    [warning] = [
        w for w in warnings(dataset, CLAIMS / "seeds") if "date one event differently" in w.message
    ]
    assert warning.code == "unresolved-disagreement" and "both dates are shown" in warning.message
    assert str(warning).startswith("data/dispute.yaml:")


def timeline(dataset, language_frame=None):
    filters = Filters(*year_span(dataset))
    figures = apply_filters(figures_frame(dataset), filters)
    events = apply_event_filters(events_frame(dataset), filters)
    return plotted_rows("timeline", figures, events), figures, events


def test_the_timeline_draws_one_marker_with_every_date_and_its_source(data):
    dataset = load_valid(data(disputing_event()), CLAIMS / "seeds")
    rows, *_ = timeline(dataset)
    signing = rows[rows["same_group"] == "memorandum-signed"]
    assert len(signing) == 1  # one event, however many documents date it
    assert (
        signing.iloc[0]["date_label"]
        == "21 Nov 2018 (Ministry of Examples) / 22 Nov 2018 (Ministry of Examples)"
    )
    assert signing.iloc[0]["date_resolution"] == RESOLUTION


def test_dates_that_agree_at_different_precision_are_not_a_dispute():
    dataset = load_valid(
        CLAIMS / "data", CLAIMS / "seeds"
    )  # "21 Nov 2018" and "Nov 2018", declared same_as
    rows, *_ = timeline(dataset)
    assert rows.loc[rows["same_group"] == "memorandum-signed", "date_label"].tolist() == [
        "21 Nov 2018"
    ]


def test_the_deck_notes_and_the_source_dialog_give_both_dates(data):
    from dashboard.outputs.deck import speaker_notes

    dataset = load_valid(data(disputing_event()), CLAIMS / "seeds")
    _, figures, events = timeline(dataset)
    notes = speaker_notes("timeline", figures, events, dataset)
    assert "21 Nov 2018 (Ministry of Examples) / 22 Nov 2018 (Ministry of Examples)" in notes
    for record in ("memorandum-signed", "memorandum-signed-later"):
        passage = Provenance(dataset, CLAIMS / "seeds").passage(record, "event", "en")
        details = {d.label: d.text for d in passage.details}
        assert (
            details["Dates the documents give"]
            == "21 Nov 2018 (Ministry of Examples) / 22 Nov 2018 (Ministry of Examples)"
        )
        assert details["How to read them"] == RESOLUTION
        assert {r[1] for r in passage.related} & {"memorandum-signed", "memorandum-signed-later"}


def test_the_data_readme_example_of_a_disputed_date_is_a_copy_of_the_made_up_document(tmp_path):
    import re

    from dashboard.curated.load import load_dataset

    readme = (Path(__file__).parent.parent / "data" / "README.md").read_text(encoding="utf-8")
    [block] = re.findall(r"```yaml made-up events\n(.*?)```", readme, flags=re.S)
    (tmp_path / "example.yaml").write_text(block, encoding="utf-8")
    example, problems = load_dataset(tmp_path)
    made_up, _ = load_dataset(Path(__file__).parent / "fixtures" / "extra_documents" / "data")
    assert problems == [] and example.events and all(e in made_up.events for e in example.events)


def test_the_same_event_on_dates_that_cannot_both_hold_is_a_warning_asking_for_a_disagreement(data):
    text = disputing_event(disagrees_with=None, resolution=None).replace(
        "    quote:", "    same_as: 'memorandum-signed'\n    quote:"
    )
    dataset = load_valid(data(text), CLAIMS / "seeds")
    [warning] = [
        w for w in warnings(dataset, CLAIMS / "seeds") if w.code == "same-event-dated-differently"
    ]
    assert (
        str(warning).startswith("data/dispute.yaml:")
        and "declare disagrees_with" in warning.message
    )
    rows, *_ = timeline(dataset)  # meanwhile both dates are shown, none silently kept
    assert rows.loc[rows["same_group"] == "memorandum-signed", "date_label"].tolist() == [
        "21 Nov 2018 (Ministry of Examples) / 22 Nov 2018 (Ministry of Examples)"
    ]
