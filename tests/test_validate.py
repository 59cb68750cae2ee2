"""Every class of bad input is reported as `path:line: field: message`, all at once, and
nothing in a YAML file is ever executed.

Each folder under tests/bad_inputs/ is a minimal data directory: `ok_minimal` is valid,
and every other case changes one thing in it. A test copies the folder to a temporary
`data/` and validates it from there, so paths read `data/figures.yaml`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from dashboard.curated.load import MAX_FILE_BYTES
from dashboard.curated.problems import DataInvalid
from dashboard.curated.validate import load_valid
from dashboard.views.checked import load_checked

BAD_INPUTS = Path(__file__).parent / "bad_inputs"

# case folder -> every expected problem: (path, line, field, a key part of the message)
CASES = {
    "yaml_syntax": [
        ("data/figures.yaml", 16, "yaml", "syntax error: mapping values are not allowed")
    ],
    "tab": [
        ("data/figures.yaml", 7, "yaml", "tab character; indent and separate with spaces only")
    ],
    "empty_file": [("data/notes.yaml", 1, "file", "the file is empty")],
    "not_utf8": [
        ("data/figures.yaml", 16, "file", "not UTF-8 (byte 0xa3); save the file as UTF-8")
    ],
    "missing_field": [("data/figures.yaml", 3, "unit", "missing required field")],
    "unknown_field": [
        ("data/figures.yaml", 11, "colour", "unknown field; expected one of: id, programme")
    ],
    "value_in_words": [
        (
            "data/figures.yaml",
            6,
            "value",
            "'7 million' is not a number; write the value in base units",
        )
    ],
    "negative_value": [("data/figures.yaml", 6, "value", "-7000000 is negative")],
    "nan_value": [("data/figures.yaml", 6, "value", "NaN is not a value")],
    "inf_value": [("data/figures.yaml", 6, "value", "infinity is not a value")],
    "unknown_unit": [("data/figures.yaml", 7, "unit", "unknown unit 'EUR'; use one of: GBP")],
    "unknown_qualifier": [
        (
            "data/figures.yaml",
            8,
            "qualifier",
            "unknown value 'more_than'; expected one of: exact, at_least, at_most, approx",
        )
    ],
    "unknown_kind": [
        (
            "data/figures.yaml",
            10,
            "kind",
            "unknown value 'pledged'; expected one of: reported, committed",
        )
    ],
    "unknown_metric": [("data/figures.yaml", 5, "metric", "unknown metric 'spending'")],
    "duplicate_id": [
        (
            "data/figures.yaml",
            17,
            "id",
            "duplicate id 'funding-since-2018', first defined at data/figures.yaml:3",
        )
    ],
    "unknown_programme": [
        (
            "data/figures.yaml",
            4,
            "programme",
            "unknown programme 'msf-uk'; define it in programmes.yaml",
        )
    ],
    "not_a_date": [
        (
            "data/events.yaml",
            4,
            "date",
            "expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got 'soon'",
        ),
        ("data/figures.yaml", 13, "period.start", "month must be in 1..12"),
    ],
    "period_end_before_start": [
        ("data/figures.yaml", 14, "period.end", "2017-12-31 is before the start 2018-01-01")
    ],
    "source_missing": [("data/figures.yaml", 15, "source", "'009_not_in_seeds.txt' is not in")],
    "quote_not_verbatim": [
        ("data/figures.yaml", 16, "quote", "not found verbatim in sample_004_agreement.txt")
    ],
    "yaml_alias": [("data/figures.yaml", 14, "yaml", "YAML aliases (*name) are not allowed")],
    "python_tag": [
        ("data/figures.yaml", 6, "value", "YAML tag !!python/object/apply:os.system is not allowed")
    ],
}


@pytest.fixture
def in_tmp(tmp_path, monkeypatch) -> Path:
    """A scratch working directory, so problems name `data/<file>` and nothing touches the repo."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def problems_of(case: str, seeds_dir: Path) -> list:
    shutil.copytree(BAD_INPUTS / case, "data")
    with pytest.raises(DataInvalid) as caught:
        load_checked("data", seeds_dir)
    return list(caught.value.problems)


def test_the_minimal_case_folder_is_valid_so_each_bad_case_fails_for_its_own_reason(
    in_tmp, seeds_dir
):
    shutil.copytree(BAD_INPUTS / "ok_minimal", "data")
    dataset = load_valid("data", seeds_dir)
    assert [f.id for f in dataset.figures] == ["funding-since-2018"]


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_bad_input_is_reported_with_its_path_line_field_and_message(case, in_tmp, seeds_dir):
    problems = problems_of(case, seeds_dir)
    found = [(p.location.path, p.location.line, p.field) for p in problems]
    assert found == [(path, line, field) for path, line, field, _ in CASES[case]]
    for problem, (_, _, _, message) in zip(problems, CASES[case]):
        assert message in problem.message
        assert str(problem).startswith(
            f"{problem.location.path}:{problem.location.line}: {problem.field}: "
        )


def test_every_case_folder_has_an_expectation():
    folders = {
        p.name for p in BAD_INPUTS.iterdir() if p.is_dir() and not p.name.startswith("model_")
    }  # model_*: test_model_validate.py
    assert folders - {"ok_minimal", "several_files"} == set(CASES)


def test_a_file_over_the_size_limit_is_refused_without_being_parsed(in_tmp, seeds_dir):
    shutil.copytree(BAD_INPUTS / "ok_minimal", "data")
    big = Path("data/huge.yaml")
    big.write_text("# padding\n" * (MAX_FILE_BYTES // 10 + 1), encoding="utf-8")
    with pytest.raises(DataInvalid) as caught:
        load_checked("data", seeds_dir)
    [problem] = caught.value.problems
    assert (problem.location.path, problem.location.line, problem.field) == (
        "data/huge.yaml",
        1,
        "file",
    )
    assert f"over the {MAX_FILE_BYTES:,}-byte limit" in problem.message


def test_a_python_tag_is_reported_and_never_run(in_tmp, seeds_dir):
    problems_of("python_tag", seeds_dir)
    assert not (in_tmp / "yaml-tag-ran").exists()


def test_the_python_tag_case_would_run_a_command_under_an_unsafe_loader(in_tmp):
    """The control for the test above: the tag in that file is live, so its absence of
    effect there is down to the loader, not to a harmless file."""
    yaml.unsafe_load((BAD_INPUTS / "python_tag" / "figures.yaml").read_text(encoding="utf-8"))
    assert (in_tmp / "yaml-tag-ran").exists()


def test_problems_in_several_files_are_all_reported_in_one_run_sorted_by_file_and_line(
    in_tmp, seeds_dir
):
    """another.yaml's problem is found last (by the cross-check, after every file is read)
    yet reported first: the report is sorted, not in discovery order."""
    problems = problems_of("several_files", seeds_dir)
    assert [(p.location.path, p.location.line, p.field) for p in problems] == [
        ("data/another.yaml", 6, "programme"),
        ("data/context.yaml", 3, "funder"),
        ("data/context.yaml", 15, "chart"),
        ("data/events.yaml", 4, "date"),
        ("data/events.yaml", 6, "type"),
        ("data/figures.yaml", 6, "value"),
        ("data/figures.yaml", 8, "qualifier"),
        ("data/with_tab.yaml", 3, "yaml"),
    ]


def test_the_report_lists_each_problem_on_its_own_line_then_a_count(in_tmp, seeds_dir):
    shutil.copytree(BAD_INPUTS / "several_files", "data")
    with pytest.raises(DataInvalid) as caught:
        load_checked("data", seeds_dir)
    lines = caught.value.report().splitlines()
    assert lines[0] == (
        "data/another.yaml:6: programme: unknown programme 'nobody'; "
        "define it in programmes.yaml or use one of: (none defined)"
    )
    assert (
        lines[-2]
        == "data/with_tab.yaml:3: yaml: tab character; indent and separate with spaces only"
    )
    assert lines[-1] == "8 problem(s) found; fix them and try again."
    assert len(lines) == 9


def test_a_figure_citing_a_seed_without_a_sources_entry_is_reported(in_tmp, seeds_dir):
    shutil.copytree(BAD_INPUTS / "ok_minimal", "data")
    context = Path("data/context.yaml")
    text = context.read_text(encoding="utf-8")
    context.write_text(text[: text.index("sources:")], encoding="utf-8")
    problems = problems_of_dir("data", seeds_dir)
    assert [(p.location.path, p.location.line, p.field, p.code) for p in problems] == [
        ("data/figures.yaml", 15, "source", "undescribed-source")
    ]


def test_a_figure_whose_unit_is_not_its_metrics_unit_is_reported(in_tmp, seeds_dir):
    shutil.copytree(BAD_INPUTS / "ok_minimal", "data")
    Path("data/people.yaml").write_text(
        "units:\n  - id: people\n    label: people\n    noun: people\n", encoding="utf-8"
    )
    figures = Path("data/figures.yaml")
    figures.write_text(
        figures.read_text(encoding="utf-8").replace("unit: GBP", "unit: people"), encoding="utf-8"
    )
    [problem] = problems_of_dir("data", seeds_dir)
    assert (problem.location.line, problem.field) == (7, "unit")
    assert problem.message == "funding is measured in GBP, not people"


def test_a_data_folder_without_yaml_files_is_an_error_not_an_empty_dashboard(in_tmp, seeds_dir):
    Path("data").mkdir()
    [problem] = problems_of_dir("data", seeds_dir)
    assert problem.field == "data"
    assert "no *.yaml files found" in problem.message


def problems_of_dir(data_dir: str, seeds_dir: Path) -> list:
    with pytest.raises(DataInvalid) as caught:
        load_checked(data_dir, seeds_dir)
    return list(caught.value.problems)
