"""A promise without a number ("vowed to double", "will expand") is something a curator must
see: `dashboard coverage` lists it as UNCURATED until a `pledge` event (or a figure) quotes
it, then as cited by that record. Vague intentions ("will continue", "will maintain") are left
alone, so the list stays worth reading."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dashboard.cli import main
from dashboard.curated.coverage import Measure, Status, coverage, find_commitments
from dashboard.curated.records import Event, FlexDate, TypeId

SAMPLE = Path(__file__).parent / "fixtures" / "sample"
NEW = "The minister vowed to double the support for returnees.\nBoth sides will continue to meet, and the centre will expand next year.\n"


@pytest.mark.parametrize(
    "text, found",
    [
        ("The minister vowed to double the support", "vowed to double"),
        ("the Home Office pledged to work with partners", "pledged to work"),
        ("The UK has committed to fund shelters", "committed to fund"),
        ("the centre will expand next year", "will expand"),
        ("They will step up patrols", "will step up"),
    ],
)
def test_a_promise_without_a_number_is_found_with_its_verb(text, found):
    [mention] = find_commitments(text, "x.txt")
    assert mention.text == found and mention.measure is Measure.COMMITMENT and mention.value is None


@pytest.mark.parametrize(
    "text",
    [
        "Both sides will continue to meet",
        "the two sides will maintain direct mechanisms",
        "Vietnam and the UK committed their strong partnership",
    ],
)
def test_a_vague_intention_is_not_a_commitment(text):
    assert find_commitments(text) == []


@pytest.fixture()
def seeds(tmp_path, seeds_dir):
    folder = tmp_path / "seeds"
    shutil.copytree(seeds_dir, folder)
    (folder / "005_new.txt").write_text(NEW, encoding="utf-8")
    return folder


def test_an_uncurated_commitment_is_listed_by_the_command_and_fails_it(seeds):
    result = CliRunner().invoke(
        main, ["coverage", "--data", str(SAMPLE / "data"), "--seeds", str(seeds)]
    )
    assert result.exit_code == 1
    new = [line for line in result.stdout.splitlines() if "005_new.txt" in line]
    assert new == [
        f'{seeds}/005_new.txt:1: "vowed to double" (a commitment without a number): UNCURATED',
        f'{seeds}/005_new.txt:2: "will expand" (a commitment without a number): UNCURATED',
    ]


def test_a_pledge_event_quoting_the_commitment_makes_it_cited(dataset, seeds):
    pledge = Event(
        "returnee-support-pledge",
        FlexDate(dataset.events[0].date.first_day),
        dataset.events[0].programme,
        TypeId("pledge"),
        "Minister vows to double support for returnees",
        "005_new.txt",
        "vowed to double the support for returnees",
    )
    curated = dataclasses.replace(dataset, events=(*dataset.events, pledge))
    entries = {
        e.mention.text: e
        for e in coverage(curated, seeds).entries
        if e.mention.source == "005_new.txt"
    }
    assert (
        entries["vowed to double"].status is Status.CITED
        and entries["vowed to double"].detail == "returnee-support-pledge"
    )
    assert entries["will expand"].status is Status.UNCURATED
