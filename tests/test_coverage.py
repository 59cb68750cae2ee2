"""`dashboard coverage` finds every amount and count in the seeds, and says whether a
curated figure cites it, an exclusion explains it, or nothing does yet."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dashboard.cli import main
from dashboard.curated.coverage import (
    Measure,
    Status,
    coverage,
    find_mentions,
    parse_number,
    parse_spelled,
)
from dashboard.curated.records import Qualifier

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample"  # fictional: see its README


def mentions(text: str) -> list[tuple[str, int | float]]:
    return [(m.text, m.value) for m in find_mentions(text)]


# --- what counts as a mention ------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("supported by up to £1 million of funding", [("up to £1 million", 1_000_000)]),
        ("Nearly £1 million in government funding", [("Nearly £1 million", 1_000_000)]),
        ("the UK has invested £7 million to", [("£7 million", 7_000_000)]),
        ("a budget of £7.25m this year", [("£7.25m", 7_250_000)]),
        ("a £1.5bn package", [("£1.5bn", 1_500_000_000)]),
        ("grants of £250,000 each", [("£250,000", 250_000)]),
        ("which has identified 720 victims of trafficking", [("720 victims", 720)]),
        ("and educated 1,936 aspiring migrants to the risks", [("1,936 aspiring migrants", 1_936)]),
        ("The UK has mobilised over 40 countries and organisations", [("over 40 countries", 40)]),
        (
            "returned more than 24,000 individuals with no right",
            [("more than 24,000 individuals", 24_000)],
        ),
        (
            "reached over 7 million people with awareness campaigns",
            [("over 7 million people", 7_000_000)],
        ),
        ("as returns reach 24,000 since the election", [("24,000", 24_000)]),
        ("the highest returns rate for eight years.", [("eight years", 8)]),
        ("The two sides will continue", [("two sides", 2)]),
        ("some twenty-five officers attended", [("some twenty-five officers", 25)]),
        ("reached half a million people", [("half a million people", 500_000)]),
        ("over a million people were reached", [("over a million people", 1_000_000)]),
        ("returns rose 40% on 2023", [("40%", 40)]),
        ("up 12 per cent this year", [("12 per cent", 12)]),
    ],
)
def test_amounts_and_counts_are_found_with_their_value_in_base_units(text, expected):
    assert mentions(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The agreement was signed recently, 31 March, at the summit",
        "sign the Joint Statement in London on April 17.",
        "was held in Hanoi on August 15, 2022 and the next one",
        "Royal Assent03/04/2025 16:10:00",
        "The Prime Minister yesterday (Monday 31 March) announced",
        "a memorandum signed in 2018. Since 2018 the UK",
        "will be hosted by Ruritania in 2025.",
        "the 2nd UK – Ruritania Migration Dialogue",
        "The first UK – Ruritania Migration Dialogue",
        "the next one will be hosted by Ruritania",
        "see sample_000_dialogue.txt and sample_004_agreement.txt",
        "Two of the ministers",
    ],
)
def test_dates_times_years_ordinals_pronouns_and_file_names_are_not_mentions(text):
    assert mentions(text) == []


def test_a_mention_records_its_qualifier_measure_and_line():
    [money, count] = find_mentions("Title\n\nNearly £1 million for\nover 40 countries", "doc.txt")
    assert (money.line, money.measure, money.qualifier, money.source) == (
        3,
        Measure.MONEY,
        Qualifier.APPROX,
        "doc.txt",
    )
    assert (count.line, count.measure, count.qualifier) == (4, Measure.COUNT, Qualifier.AT_LEAST)


def test_numbers_parse_to_base_units():
    assert parse_number("1", "million") == 1_000_000
    assert parse_number("7.25", "m") == 7_250_000
    assert parse_number("1,936") == 1_936
    assert parse_number("2.5") == 2.5
    assert parse_spelled("Twenty-five") == 25
    assert parse_spelled("eight") == 8


# --- statuses on the sample data ---------------------------------------------------------


@pytest.fixture(scope="module")
def report(dataset, seeds_dir):
    return coverage(dataset, seeds_dir)


def test_the_sample_seeds_have_no_uncurated_mention(report):
    uncurated = [line for line in report.lines() if line.endswith(": UNCURATED")]
    assert uncurated == []
    assert report.complete


def test_every_curated_figure_cites_a_mention_of_its_own_value(report, dataset):
    cited_values = {
        (figure_id, e.mention.value)
        for e in report.entries
        if e.status is Status.CITED
        for figure_id in e.detail.split(", ")
    }
    for figure in dataset.figures:
        assert (figure.id, figure.value) in cited_values, (
            f"{figure.id}: its quote holds no mention of {figure.value}"
        )


def test_a_body_figure_is_listed_as_cited_with_its_line(report):
    assert (
        'tests/fixtures/sample/seeds/sample_004_agreement.txt:12: "over £7 million": cited by msf-ruritania-funding-since-2018'
        in [line.replace(str(ROOT) + "/", "") for line in report.lines()]
    )


def test_an_excluded_mention_shows_the_reason(report):
    [entry] = [e for e in report.entries if e.mention.text == "eight years"]
    assert entry.status is Status.EXCLUDED
    assert (
        entry.describe()
        == "excluded: A comparison window for the returns rate, not a figure of its own."
    )


def test_a_headline_repeating_a_figure_restates_it_when_no_exclusion_explains_it(
    dataset, seeds_dir
):
    without = dataclasses.replace(
        dataset, exclusions=tuple(e for e in dataset.exclusions if "24,000" not in e.quote)
    )
    [headline] = [e for e in coverage(without, seeds_dir).entries if e.mention.text == "24,000"]
    assert headline.describe() == "restates uk-returns-since-general-election"


def test_a_mention_nobody_curated_is_uncurated(dataset, seeds_dir):
    without = dataclasses.replace(dataset, exclusions=())
    entries = coverage(without, seeds_dir).entries
    [two] = [e for e in entries if e.mention.text == "2 countries"]
    assert two.status is Status.UNCURATED
    assert two.describe() == "UNCURATED"


def test_money_never_restates_a_count_of_the_same_number(dataset, tmp_path):
    (tmp_path / "sample_004_agreement.txt").write_text(
        "Elsewhere we spent £720 on tea.", encoding="utf-8"
    )
    [entry] = coverage(dataset, tmp_path).entries
    assert entry.mention.value == 720 and entry.status is Status.UNCURATED


def test_a_percentage_never_restates_a_count_of_the_same_number(dataset, tmp_path):
    (tmp_path / "sample_004_agreement.txt").write_text(
        "Crossings fell by 40% in a year.", encoding="utf-8"
    )
    [entry] = coverage(dataset, tmp_path).entries
    assert (entry.mention.text, entry.status) == ("40%", Status.UNCURATED)


def test_a_count_in_another_part_of_the_same_seed_restates_the_figure_with_that_value(
    dataset, tmp_path
):
    (tmp_path / "sample_004_agreement.txt").write_text(
        "In all, 720 victims were found.", encoding="utf-8"
    )
    [entry] = coverage(dataset, tmp_path).entries
    assert entry.describe() == "restates msf-ruritania-victims-identified"


# --- the command -------------------------------------------------------------------------


def run_coverage(seeds: Path):
    return CliRunner().invoke(
        main, ["coverage", "--data", str(SAMPLE / "data"), "--seeds", str(seeds)]
    )


def test_the_command_lists_mentions_and_a_summary_and_exits_0_on_the_sample_data(seeds_dir):
    result = run_coverage(seeds_dir)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any(
        line.endswith('"720 victims": cited by msf-ruritania-victims-identified') for line in lines
    )
    assert lines[-1].endswith(" 0 UNCURATED.")
    assert lines[-1].startswith(f"{len(lines) - 1} mentions in 2 seed(s):")


def test_a_new_document_shows_its_numbers_as_uncurated_and_the_command_exits_1(seeds_dir, tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(seeds_dir, seeds)
    (seeds / "005_new.txt").write_text(
        "New fund announced\nThe fund will give £2.5 million to help 350 families over three years from 2026.\n",
        encoding="utf-8",
    )
    result = run_coverage(seeds)
    assert result.exit_code == 1
    new = [line for line in result.stdout.splitlines() if "005_new.txt" in line]
    assert new == [
        f'{seeds}/005_new.txt:2: "£2.5 million": UNCURATED',
        f'{seeds}/005_new.txt:2: "350 families": UNCURATED',
        f'{seeds}/005_new.txt:2: "over three years": UNCURATED',
    ]
    assert result.stdout.splitlines()[-1].endswith(
        "3 UNCURATED; curate or exclude each UNCURATED mention."
    )


def test_a_seed_that_is_not_utf8_is_reported_and_fails_the_run(seeds_dir, tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(seeds_dir, seeds)
    (seeds / "006_latin1.txt").write_bytes("£3 million".encode("latin-1"))
    result = run_coverage(seeds)
    assert result.exit_code == 1
    assert f"{seeds}/006_latin1.txt:1: file: not UTF-8 text" in result.stdout


def test_the_help_says_what_the_exit_code_means():
    result = CliRunner().invoke(main, ["coverage", "--help"])
    assert "Exits 0 when nothing is" in result.stdout and "1 otherwise" in result.stdout
