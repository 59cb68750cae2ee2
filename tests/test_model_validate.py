"""The claims model's checks: each error and warning has a bad-input folder
(tests/bad_inputs/model_*, each ok_minimal with one change) and is reported as
`path:line: field: message`; warnings never stop a load and `dashboard validate` prints
them and exits 0."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dashboard.cli import main
from dashboard.curated.problems import DataInvalid
from dashboard.curated.seeds import weekday_mismatches
from dashboard.curated.validate import load_valid, warnings

BAD_INPUTS = Path(__file__).parent / "bad_inputs"
CLAIMS = Path(__file__).parent / "fixtures" / "claims"

# case folder -> every expected problem: (file, line, field, a key part of the message)
ERRORS = {
    "model_relation_target": [
        ("figures.yaml", 16, "part_of", "no figure has the id 'no-such-figure'")
    ],
    "model_relation_cycle": [("figures.yaml", 16, "part_of", "a cycle: a → b → a")],
    "model_part_larger": [
        (
            "figures.yaml",
            16,
            "part_of",
            "part (7,000,000) is larger than its whole whole (1,000,000)",
        )
    ],
    "model_update_not_later": [
        (
            "figures.yaml",
            30,
            "updates",
            "second is not later than first (by source publication date, then period end); neither is later",
        )
    ],
    "model_range_without_high": [("figures.yaml", 8, "value_high", "a range needs its high bound")],
    "model_bad_year_period": [
        ("figures.yaml", 11, "period", "a `year` period is one calendar year")
    ],
    "model_unknown_scope": [
        ("context.yaml", 8, "scope", "unknown value 'galactic'; expected one of: (none defined)")
    ],
    "model_wording_unknown": [
        (
            "figures.yaml",
            9,
            "wording",
            "unknown wording 'well over' for `qualifier: at_least`; use the document's word if it is one of: at least",
        )
    ],
    "model_wording_mismatch": [
        (
            "figures.yaml",
            9,
            "wording",
            "'up to' is the wording of `qualifier: at_most`, not at_least",
        )
    ],
    "model_unknown_event_type": [
        (
            "figures.yaml",
            20,
            "type",
            "unknown value 'parade'; expected one of: agreement, campaign, dialogue",
        )
    ],
}
WARNINGS = {
    "model_warn_undeclared": [
        ("figures.yaml", 17, "relations", "up-to-1m and over-7m", "undeclared-relation")
    ],
    "model_warn_disagreement": [
        (
            "figures.yaml",
            30,
            "disagrees_with",
            "up-to-1m and over-7m disagree",
            "unresolved-disagreement",
        )
    ],
}


@pytest.fixture
def in_tmp(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_model_case_folder_has_an_expectation():
    folders = {p.name for p in BAD_INPUTS.iterdir() if p.is_dir() and p.name.startswith("model_")}
    assert folders == set(ERRORS) | set(WARNINGS)


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_each_bad_claim_is_an_error_with_its_file_line_field_and_message(case, in_tmp, seeds_dir):
    shutil.copytree(BAD_INPUTS / case, "data")
    with pytest.raises(DataInvalid) as caught:
        load_valid("data", seeds_dir)
    problems = caught.value.problems
    assert [(p.location.path, p.location.line, p.field) for p in problems] == [
        (f"data/{f}", line, field) for f, line, field, _ in ERRORS[case]
    ]
    for problem, (*_, message) in zip(problems, ERRORS[case]):
        assert message in problem.message


@pytest.mark.parametrize("case", sorted(WARNINGS))
def test_each_likely_mistake_is_a_warning_and_the_data_still_loads(case, in_tmp, seeds_dir):
    shutil.copytree(BAD_INPUTS / case, "data")
    dataset = load_valid("data", seeds_dir)
    found = warnings(dataset, seeds_dir)
    assert [(w.location.path, w.location.line, w.field, w.code) for w in found] == [
        (f"data/{f}", line, field, code) for f, line, field, _, code in WARNINGS[case]
    ]
    for warning, (_, _, _, message, _) in zip(found, WARNINGS[case]):
        assert message in warning.message
        assert str(warning).startswith(
            f"data/{WARNINGS[case][0][0]}:{warning.location.line}: warning: "
        )


def test_a_declared_relation_silences_the_undeclared_relation_warning(in_tmp, seeds_dir):
    shutil.copytree(BAD_INPUTS / "model_warn_undeclared", "data")
    figures = Path("data/figures.yaml")
    figures.write_text(
        figures.read_text(encoding="utf-8") + "    part_of: over-7m\n", encoding="utf-8"
    )
    assert warnings(load_valid("data", seeds_dir), seeds_dir) == []


def test_a_resolution_silences_the_disagreement_warning(in_tmp, seeds_dir):
    shutil.copytree(BAD_INPUTS / "model_warn_disagreement", "data")
    figures = Path("data/figures.yaml")
    figures.write_text(
        figures.read_text(encoding="utf-8")
        + "    resolution: The later document corrects the earlier one.\n",
        encoding="utf-8",
    )
    assert warnings(load_valid("data", seeds_dir), seeds_dir) == []


def test_a_weekday_that_does_not_fall_on_its_date_is_found_in_the_publication_year():
    text = "Signed\ntoday (Monday 21 November) in London, and on Wednesday, November 21 again."
    assert weekday_mismatches(text, 2018) == [
        (2, "Monday 21 November", dt.date(2018, 11, 21), "Wednesday")
    ]
    assert weekday_mismatches(text, 2022) == [
        (2, "Wednesday, November 21", dt.date(2022, 11, 21), "Monday")
    ]


def test_a_year_printed_after_the_date_wins_over_the_publication_year():
    assert weekday_mismatches("on Monday 21 November 2022", 2018) == []


def test_validate_prints_the_fixture_warnings_and_exits_0():
    result = CliRunner().invoke(
        main, ["validate", "--data", str(CLAIMS / "data"), "--seeds", str(CLAIMS / "seeds")]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split(": warning: ")[1].split(":")[0] for line in lines[:-1]] == [
        "disagrees_with",
        "weekday",
    ]
    assert "'Monday 21 November': 21 November 2018 was a Wednesday" in result.output
    assert lines[-1].startswith("OK: ") and lines[-1].endswith(
        "2 warning(s) above: valid, but check them."
    )


def test_validate_fails_for_a_document_in_seeds_without_a_sources_record(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(CLAIMS / "seeds", seeds)
    (seeds / "103_new.txt").write_text("A new fictional document.\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["validate", "--data", str(CLAIMS / "data"), "--seeds", str(seeds)]
    )
    assert result.exit_code == 1
    assert (
        "103_new.txt:1: sources: '103_new.txt' has no entry under `sources:`; add one"
        in result.output
    )
    assert "Traceback" not in result.output


def test_the_fixture_dataset_is_valid_with_every_seed_described():
    dataset = load_valid(CLAIMS / "data", CLAIMS / "seeds", every_seed_described=True)
    assert {s.file for s in dataset.sources} == {p.name for p in (CLAIMS / "seeds").iterdir()}


def test_coverage_reads_amounts_in_words_as_money_and_a_trailing_or_more_as_a_lower_bound():
    from dashboard.curated.coverage import find_mentions

    found = {
        m.text: (m.value, m.measure.value, m.qualifier.value)
        for m in find_mentions(
            "The Ministry pledged 3 million pounds. Partners added £36 million or more. "
            "This includes the £33.5 million fund, and three million pounds sterling more."
        )
    }
    assert found == {
        "3 million pounds": (3_000_000, "money", "exact"),
        "£36 million or more": (36_000_000, "money", "at_least"),
        "£33.5 million": (33_500_000, "money", "exact"),
        "three million pounds sterling": (3_000_000, "money", "exact"),
    }


def test_coverage_of_the_fixture_dataset_is_complete():
    result = CliRunner().invoke(
        main, ["coverage", "--data", str(CLAIMS / "data"), "--seeds", str(CLAIMS / "seeds")]
    )
    assert result.exit_code == 0, result.output
    assert '"3 million pounds": cited by pledge-2020-2022' in result.output


def test_a_figure_that_may_relate_to_several_others_gets_one_warning_that_counts_them(
    in_tmp, seeds_dir
):
    shutil.copytree(BAD_INPUTS / "model_warn_undeclared", "data")
    figures = Path("data/figures.yaml")
    third = """
  - id: nearly-1m
    programme: msf
    metric: funding
    value: 1000000
    unit: GBP
    qualifier: approx
    kind: reported
    period:
      type: cumulative
      start: 2018-01-01
      end: 2025-03-31
    source: sample_004_agreement.txt
    quote: Nearly £1 million in government funding will support Elbonia
"""
    figures.write_text(figures.read_text(encoding="utf-8") + third, encoding="utf-8")
    found = warnings(load_valid("data", seeds_dir), seeds_dir)
    assert [w.message.split(" are ")[0] for w in found] == [
        "up-to-1m and over-7m (data/figures.yaml:3)",
        "nearly-1m and over-7m (data/figures.yaml:3) (and 1 more)",
    ]


def test_an_approximate_whole_never_rules_out_a_part_by_its_stated_value(in_tmp, seeds_dir):
    shutil.copytree(BAD_INPUTS / "model_part_larger", "data")
    figures = Path("data/figures.yaml")
    figures.write_text(
        figures.read_text(encoding="utf-8").replace("qualifier: at_least", "qualifier: approx", 1),
        encoding="utf-8",
    )
    assert load_valid("data", seeds_dir).figure("part").part_of == "whole"


def test_an_update_pointing_the_wrong_way_is_told_to_swap(tmp_path):
    shutil.copytree(CLAIMS / "data", tmp_path / "data")
    figures = tmp_path / "data" / "figures.yaml"
    text = figures.read_text(encoding="utf-8").replace("    updates: fund-spending-2018\n", "")
    text = text.replace(
        "    quote: Since 2016 the Example Fund has spent over £5 million in Freedonia\n",
        "    quote: Since 2016 the Example Fund has spent over £5 million in Freedonia\n    updates: fund-spending-2019\n",
    )
    figures.write_text(text, encoding="utf-8")
    with pytest.raises(DataInvalid) as caught:
        load_valid(tmp_path / "data", CLAIMS / "seeds")
    [problem] = caught.value.problems
    assert problem.field == "updates" and problem.message.endswith("swap the relation")
