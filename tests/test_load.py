"""Loading turns YAML into typed records that remember the file and line of every field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboard.curated.load import FieldError, flex_date, load_dataset, number
from dashboard.curated.records import DatePrecision, Kind, PeriodType, Qualifier, where

MINIMAL = Path(__file__).parent / "bad_inputs" / "ok_minimal"


@pytest.fixture(scope="module")
def loaded(data_dir):
    dataset, problems = load_dataset(data_dir)
    assert problems == []
    return dataset


def test_a_figure_is_loaded_with_typed_fields(loaded):
    figure = loaded.figure("msf-ruritania-funding-since-2018")
    assert figure.value == 7_000_000 and isinstance(figure.value, int)
    assert figure.qualifier is Qualifier.AT_LEAST
    assert figure.kind is Kind.REPORTED
    assert figure.period.type is PeriodType.CUMULATIVE
    assert (figure.period.start, figure.period.end) == (dt.date(2018, 1, 1), dt.date(2025, 3, 31))
    assert figure.wording == "over"


def test_folded_multi_line_text_is_joined_into_one_line(loaded):
    figure = loaded.figure("uk-returns-since-general-election")
    assert figure.period.end_basis == (
        'Announced "yesterday (Monday 31 March)" in an item dated 01/04/2025, so 31 March 2025.'
    )


def test_each_record_and_field_remembers_its_file_and_line():
    dataset, problems = load_dataset(MINIMAL)
    assert problems == []
    [figure] = dataset.figures
    assert figure.location.path.endswith("figures.yaml") and figure.location.line == 3
    assert where(figure, "value").line == 6
    assert where(figure, "period.end").line == 14
    assert where(figure, "quote").line == 16
    assert where(figure, "note").line == 3  # a field not written falls back to the record's line


def test_dates_may_be_a_day_a_month_or_a_year(loaded):
    events = {e.id: e for e in loaded.events}
    assert events["mou-2018"].date.precision is DatePrecision.YEAR
    assert (events["mou-2018"].date.first_day, events["mou-2018"].date.last_day) == (
        dt.date(2018, 1, 1),
        dt.date(2018, 12, 31),
    )
    assert events["migration-dialogue-1"].date.precision is DatePrecision.DAY
    published = loaded.source("sample_004_agreement.txt").published
    assert published.precision is DatePrecision.MONTH
    assert (published.first_day, published.last_day) == (dt.date(2025, 4, 1), dt.date(2025, 4, 30))
    assert published.label() == "Apr 2025"


@pytest.mark.parametrize(
    "raw, expected",
    [
        (2018, "2018"),
        ("2024-04", "2024-04"),
        (dt.date(2025, 3, 31), "2025-03-31"),
        ("2024-02", "2024-02"),
    ],
)
def test_a_flexible_date_reads_back_as_written(raw, expected):
    assert str(flex_date(raw)) == expected


@pytest.mark.parametrize(
    "raw", ["soon", "2025-13", True, 99, "31/03/2025", dt.datetime(2025, 3, 31, 12, 0)]
)
def test_anything_else_is_not_a_flexible_date(raw):
    with pytest.raises(FieldError, match="expected a date as YYYY-MM-DD, YYYY-MM or YYYY"):
        flex_date(raw)


def test_a_whole_float_value_becomes_an_integer_and_a_fraction_stays():
    assert number(7000000.0) == 7000000 and isinstance(number(7000000.0), int)
    assert number(7.25) == 7.25


@pytest.mark.parametrize("raw", ["7 million", "7000000", True, None, [7]])
def test_a_value_that_is_not_a_yaml_number_is_refused(raw):
    with pytest.raises(FieldError):
        number(raw)


def test_an_unknown_section_is_reported_with_its_line(tmp_path):
    (tmp_path / "x.yaml").write_text("figures: []\nfigurs:\n  - id: a\n", encoding="utf-8")
    dataset, problems = load_dataset(tmp_path)
    [problem] = problems
    assert (problem.location.line, problem.field) == (2, "figurs")
    assert "unknown section" in problem.message


def test_a_field_given_twice_is_reported_not_silently_overwritten(tmp_path):
    (tmp_path / "x.yaml").write_text(
        "exclusions:\n  - source: a.txt\n    quote: two\n    quote: three\n    reason: test\n",
        encoding="utf-8",
    )
    _, problems = load_dataset(tmp_path)
    [problem] = problems
    assert (problem.location.line, problem.field, problem.code) == (4, "quote", "duplicate-field")


def test_a_byte_order_mark_is_accepted(tmp_path):
    (tmp_path / "x.yaml").write_bytes(
        "\ufeffexclusions:\n  - source: a.txt\n    quote: two\n    reason: test\n".encode("utf-8")
    )
    dataset, problems = load_dataset(tmp_path)
    assert problems == [] and len(dataset.exclusions) == 1


def test_records_from_every_file_of_the_folder_are_collected(tmp_path):
    for name in ("a.yaml", "b.yaml"):
        Path(tmp_path / name).write_text(
            f"exclusions:\n  - source: {name}.txt\n    quote: q\n    reason: r\n", encoding="utf-8"
        )
    dataset, problems = load_dataset(tmp_path)
    assert problems == []
    assert [e.source for e in dataset.exclusions] == ["a.yaml.txt", "b.yaml.txt"]
