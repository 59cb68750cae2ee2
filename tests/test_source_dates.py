"""A document's date never looks printed when it is not: an inferred date reads "Apr 2025
(inferred)", a lower bound "on or after 3 Apr 2025" and a document nothing dates "undated",
wherever a source's date is shown (footers, the table, the source dialog, files), in English
and in Vietnamese; and a wrong ``published`` is refused with its file:line and what to write."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from dashboard.analysis.eventstatus import data_date
from dashboard.analysis.frame import events_frame, figures_frame
from dashboard.analysis.sourcedate import source_date
from dashboard.curated.records import FlexDate
from dashboard.curated.load import load_dataset
from dashboard.curated.validate import load_valid
from dashboard.views.charts import source_footer
from dashboard.words import Words

CLAIMS = (
    Path(__file__).parent / "fixtures" / "claims"
)  # 101 prints no date (a basis says how it was worked out); 102 prints June 2019
SOURCE = """sources:
  - file: a.txt
    title: A document
    publisher: Someone
{fields}
"""


def loaded_source(tmp_path, fields: str):
    (tmp_path / "sources.yaml").write_text(SOURCE.format(fields=fields), encoding="utf-8")
    dataset, problems = load_dataset(tmp_path)
    return (dataset.sources[0] if dataset.sources else None), problems


@pytest.fixture(scope="module")
def claims():
    return load_valid(CLAIMS / "data", CLAIMS / "seeds")


def test_a_printed_date_is_shown_as_printed_and_an_inferred_one_is_marked(claims):
    printed, inferred = (
        claims.source("102_fictional_update_2019.txt"),
        claims.source("101_fictional_ministry_2018.txt"),
    )
    assert source_date(printed) == "Jun 2019"
    assert source_date(inferred) == "Nov 2018 (inferred)"
    assert source_date(inferred, Words("vi")) == "tháng 11/2018 (suy đoán)"
    dates = dict(zip(figures_frame(claims)["source"], figures_frame(claims)["source_date"]))
    assert dates["101_fictional_ministry_2018.txt"].endswith("(inferred)") and not dates[
        "102_fictional_update_2019.txt"
    ].endswith(")")
    events = events_frame(claims)
    assert "Nov 2018 (inferred)" in source_footer(
        "timeline", figures_frame(claims).iloc[0:0], events, claims
    )


def test_on_or_after_reads_as_a_lower_bound_and_needs_a_basis(tmp_path):
    source, problems = loaded_source(
        tmp_path,
        "    published: on or after 2025-04-03\n    published_basis: It cites a release of 3 April 2025.",
    )
    assert problems == []
    assert source_date(source) == "on or after 3 Apr 2025"
    assert source_date(source, Words("vi")).startswith("không sớm hơn ")
    source, problems = loaded_source(tmp_path, "    published: on or after 2025-04-03")
    [problem] = problems
    assert source is None and (problem.location.line, problem.field) == (5, "published")
    assert "published_basis" in problem.message


def test_an_undated_document_says_undated_and_never_dates_the_data(tmp_path, claims):
    source, problems = loaded_source(tmp_path, "    published: undated\n    accessed: 2027-01-05")
    assert problems == []
    assert source_date(source) == "undated" and source_date(source, Words("vi")) == "không ghi ngày"
    with_undated = dataclasses.replace(
        claims, sources=(*claims.sources, dataclasses.replace(source, file="z.txt"))
    )
    assert data_date(with_undated) == data_date(
        claims
    )  # read in 2027, yet it does not make 2019's plans past
    _, problems = loaded_source(tmp_path, "    published: undated")
    [problem] = problems
    assert (problem.location.line, problem.field) == (
        5,
        "published",
    ) and "accessed" in problem.message


def test_a_published_date_in_no_known_form_names_the_forms_it_may_take(tmp_path):
    _, problems = loaded_source(tmp_path, "    published: sometime in spring")
    [problem] = problems
    assert (problem.location.line, problem.field) == (5, "published")
    assert "on or after" in problem.message and "undated" in problem.message


def test_an_event_date_worked_out_by_the_curator_reads_inferred_on_the_timeline_and_in_the_source_dialog(
    claims,
):
    from dashboard.config import load_config
    from dashboard.views.charts import EVENT_LABEL_ROLE, build_chart
    from dashboard.web.provenance import EVENT, Provenance

    signed = claims.event(
        "memorandum-signed"
    )  # "Today (Monday 21 November)": the year is worked out
    marked = dataclasses.replace(
        claims,
        events=tuple(
            dataclasses.replace(e, date_inferred=True) if e is signed else e for e in claims.events
        ),
    )
    figure = build_chart(
        "timeline",
        figures_frame(marked).iloc[0:0],
        events_frame(marked),
        marked,
        load_config(None).theme,
    )
    (labels,) = [t for t in figure.data if (t.meta or {}).get("role") == EVENT_LABEL_ROLE]
    assert any(text.startswith("<b>21 Nov 2018 (inferred)</b>") for text in labels.text)
    assert not any("(inferred)" in text for text in labels.text if "21 Nov" not in text)
    details = {
        d.label: d.text
        for d in Provenance(marked, CLAIMS / "seeds")
        .passage("memorandum-signed", EVENT, words="vi")
        .details
    }
    assert details["Ngày"].endswith("(suy đoán)")


def test_an_event_date_marked_inferred_without_its_basis_is_refused_at_its_line(tmp_path):
    import shutil

    from dashboard.curated.validate import cross_check

    shutil.copytree(CLAIMS / "data", tmp_path / "data")
    events = tmp_path / "data" / "events.yaml"
    text = events.read_text(encoding="utf-8").replace(
        "    same_as: memorandum-signed\n",
        "    same_as: memorandum-signed\n    date_inferred: true\n",
        1,
    )
    events.write_text(text, encoding="utf-8")
    dataset, problems = load_dataset(tmp_path / "data")
    assert problems == []
    [problem] = [p for p in cross_check(dataset, CLAIMS / "seeds") if p.field == "date_inferred"]
    line = text.splitlines().index("    date_inferred: true") + 1
    assert (problem.location.path.endswith("events.yaml"), problem.location.line) == (True, line)
    assert "date_basis" in problem.message


def test_a_statement_from_an_undated_document_is_never_taken_as_the_latest(claims):
    from dashboard.analysis.claims import claim_history

    update = claims.source(
        "102_fictional_update_2019.txt"
    )  # states victims-2017-restated, which disagrees with victims-2017
    read_late = dataclasses.replace(
        update, published=FlexDate(dt.date(2026, 11, 1)), published_how="undated"
    )
    undated = dataclasses.replace(
        claims, sources=tuple(read_late if s is update else s for s in claims.sources)
    )
    assert (
        claim_history(figures_frame(claims), "victims-2017")["id"].iloc[0]
        == "victims-2017-restated"
    )  # June 2019 is later
    history = claim_history(figures_frame(undated), "victims-2017")
    assert history["id"].iloc[0] == "victims-2017"  # read in 2026, but nothing dates it
    assert dict(zip(history["id"], history["source_date"]))["victims-2017-restated"] == "undated"
