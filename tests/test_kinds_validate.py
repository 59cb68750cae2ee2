"""Kinds of value beside money and people (a percentage change, a share, a rank, a multiple,
a count of flights, a pledge whose span is not stated) are written in the YAML as the
document says them, and validate names the file and line of each one that does not fit
its kind, with what to write instead."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.curated.problems import DataInvalid
from dashboard.curated.records import Change, Hedge, PeriodType, UnitKind
from dashboard.curated.validate import load_valid

BAD_INPUTS = Path(__file__).parent / "bad_inputs"
DOCUMENT = (
    "Processing time has been cut by 75%.\n"
    "Almost 90% of arrivals were adult men.\n"
    "Exampleland was the fourth largest nationality.\n"
    "It stayed in the top 10 nationalities.\n"
    "There are potentially four times as many victims.\n"
    "The Ministry ran three charter return flights.\n"
    "The Ministry has pledged £3 million.\n"
)
KINDS = """\
units:
  - id: percent_change
    kind: percent_change
    label: per cent change
  - id: percent
    kind: percent_share
    label: per cent
  - id: rank
    kind: rank
    label: rank
  - id: times
    kind: multiple
    label: times as many
  - id: flights
    kind: count
    label: flights
    noun: flights
    singular: flight
metrics:
  - {id: time_change, label: Change in processing time, unit: percent_change, chart: none}
  - {id: share_men, label: Share who are men, unit: percent, chart: none}
  - {id: rank_arrivals, label: Rank among arrivals, unit: rank, chart: none}
  - {id: victims_multiple, label: Victims compared with those identified, unit: times, chart: none}
  - {id: flights_run, label: Charter return flights, unit: flights, chart: none}
"""


def figure(
    fid: str,
    metric: str,
    unit: str,
    value,
    quote: str,
    extra: str = "",
    qualifier: str = "exact",
    period: str = "{type: as_at, end: 2025-06}",
) -> str:
    return (
        f"  - id: {fid}\n    programme: msf\n    metric: {metric}\n    value: {value}\n    unit: {unit}\n"
        f"    qualifier: {qualifier}\n    kind: reported\n    period: {period}\n"
        f"    source: kinds.txt\n    quote: {quote}\n" + extra
    )


GOOD_FIGURES = "figures:\n" + "".join(
    [
        figure(
            "cut",
            "time_change",
            "percent_change",
            75,
            "cut by 75%",
            "    change: fall\n    compared_with: before the agreement\n",
        ),
        figure(
            "men",
            "share_men",
            "percent",
            90,
            "Almost 90%",
            "    wording: almost\n",
            qualifier="approx",
        ),
        figure("fourth", "rank_arrivals", "rank", 4, "the fourth largest nationality"),
        figure(
            "top", "rank_arrivals", "rank", 10, "in the top 10 nationalities", qualifier="at_most"
        ),
        figure(
            "times",
            "victims_multiple",
            "times",
            4,
            "potentially four times as many victims",
            "    hedge: potentially\n",
        ),
        figure("flights", "flights_run", "flights", 3, "three charter return flights"),
        figure(
            "pledge",
            "funding",
            "GBP",
            3000000,
            "pledged £3 million",
            period="{type: not_stated, end: 2025-06}",
        ),
    ]
)


@pytest.fixture
def folder(tmp_path, monkeypatch, seeds_dir) -> Path:
    """The minimal valid data folder, a document stating one value of each kind, and the kinds' vocabulary."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(BAD_INPUTS / "ok_minimal", "data")
    Path("seeds").mkdir()
    Path("seeds/kinds.txt").write_text(DOCUMENT, encoding="utf-8")
    text = (
        Path("data/context.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "    published: 2025-04\n",
            "    published: 2025-04\n  - file: kinds.txt\n    title: Kinds\n    publisher: Ministry of Examples\n    published: 2025-06\n",
        )
    )
    Path("data/context.yaml").write_text(text, encoding="utf-8")
    Path("data/vocabulary_kinds.yaml").write_text(KINDS, encoding="utf-8")
    shutil.copy(seeds_dir / "sample_004_agreement.txt", "seeds")
    return tmp_path


def load(figures: str, seeds: str = "seeds"):
    Path("data/kinds_figures.yaml").write_text(figures, encoding="utf-8")
    return load_valid("data", seeds)


def problems(figures: str) -> list[str]:
    with pytest.raises(DataInvalid) as caught:
        load(figures)
    return [str(p) for p in caught.value.problems]


def test_each_kind_of_value_is_written_as_the_document_says_it(folder):
    dataset = load(GOOD_FIGURES)
    kinds = {u.id: u.value_kind for u in dataset.units}
    assert kinds == {
        "GBP": UnitKind.MONEY,
        "percent_change": UnitKind.PERCENT_CHANGE,
        "percent": UnitKind.PERCENT_SHARE,
        "rank": UnitKind.RANK,
        "times": UnitKind.MULTIPLE,
        "flights": UnitKind.COUNT,
    }
    assert (
        dataset.figure("cut").change is Change.FALL
        and dataset.figure("cut").compared_with == "before the agreement"
    )
    assert dataset.figure("times").hedge is Hedge.POTENTIALLY
    pledge = dataset.figure("pledge").period
    assert (
        pledge.type is PeriodType.NOT_STATED and pledge.start == pledge.end
    )  # one date: when it was said


def test_a_unit_without_a_kind_reads_as_it_did_money_with_a_sign_and_a_count_without(folder):
    dataset = load(GOOD_FIGURES)
    gbp = dataset.unit("GBP")
    assert gbp.kind is None and gbp.value_kind is UnitKind.MONEY and gbp.is_amount
    assert not dataset.unit("rank").is_amount and dataset.unit("flights").is_amount


@pytest.mark.parametrize(
    "changed, expected",
    [
        (
            ("    change: fall\n", ""),
            "kinds_figures.yaml:6: unit: a percentage change says which way it went: add `change: fall`",
        ),
        (
            (
                "    compared_with: before the agreement\n",
                "    compared_with: before the agreement\n    hedge: maybe\n",
            ),
            "hedge: unknown value 'maybe'; expected one of: potentially, estimated",
        ),
        (
            ("value: 90\n", "value: 120\n"),
            "kinds_figures.yaml:17: value: 120 is over 100: a share is a part of its whole",
        ),
        (
            ("value: 4\n    unit: rank", "value: 4.5\n    unit: rank"),
            "kinds_figures.yaml:28: value: 4.5 is not a position: a rank is a whole number from 1",
        ),
        (
            ("unit: rank\n    qualifier: exact", "unit: rank\n    qualifier: approx"),
            "kinds_figures.yaml:30: qualifier: a rank is a position, never approximate",
        ),
        (
            ("    hedge: potentially\n", "    hedge: potentially\n    change: rise\n"),
            "kinds_figures.yaml:56: change: only a percentage change has a direction; times is a multiple",
        ),
        (
            (
                "quote: the fourth largest nationality\n",
                "quote: the fourth largest nationality\n    compared_with: last year\n",
            ),
            "kinds_figures.yaml:35: compared_with: only a percentage change or a multiple is compared with a base",
        ),
        (
            ("{type: not_stated, end: 2025-06}", "{type: not_stated, start: 2024, end: 2025-06}"),
            "kinds_figures.yaml:73: period: a `not_stated` period has no start: give only `end`",
        ),
    ],
)
def test_a_value_that_does_not_fit_its_kind_is_named_by_file_line_and_what_to_write(
    folder, changed, expected
):
    old, new = changed
    assert old in GOOD_FIGURES
    found = problems(GOOD_FIGURES.replace(old, new, 1))
    assert any(expected in p for p in found), found


@pytest.mark.parametrize(
    "changed, expected",
    [
        (
            (
                "{id: rank_arrivals, label: Rank among arrivals, unit: rank, chart: none}",
                "{id: rank_arrivals, label: Rank among arrivals, unit: rank, chart: people}",
            ),
            "vocabulary_kinds.yaml:22: chart: rank_arrivals is a rank (rank): a bar's length would say the 10th is more than the 1st; set `chart: none`",
        ),
        (
            ("    noun: flights\n    singular: flight\n", ""),
            "vocabulary_kinds.yaml:14: noun: a `count` unit needs the noun its values are read with",
        ),
        (
            ("    kind: rank\n", "    kind: rank\n    prefix: '#'\n"),
            "vocabulary_kinds.yaml:10: prefix: only a `money` unit has a currency sign",
        ),
        (
            ("    kind: multiple\n", "    kind: ratio\n"),
            "vocabulary_kinds.yaml:12: kind: unknown value 'ratio'; expected one of: money, count, percent_change, percent_share, rank, multiple",
        ),
    ],
)
def test_a_unit_or_metric_that_does_not_fit_its_kind_is_named_by_file_line(
    folder, changed, expected
):
    old, new = changed
    assert old in KINDS
    Path("data/vocabulary_kinds.yaml").write_text(KINDS.replace(old, new, 1), encoding="utf-8")
    found = problems(GOOD_FIGURES)
    assert any(expected in p for p in found), found


def test_the_data_readme_worked_examples_of_each_kind_are_copies_of_the_made_up_document(tmp_path):
    import re

    from dashboard.curated.load import load_dataset

    readme = (Path(__file__).resolve().parent.parent / "data" / "README.md").read_text(
        encoding="utf-8"
    )
    blocks = re.findall(r"```yaml made-up\n(.*?)```", readme, flags=re.S)
    assert blocks
    for number, block in enumerate(blocks):
        (tmp_path / f"example_{number}.yaml").write_text(block, encoding="utf-8")
    examples, problems = load_dataset(tmp_path)
    assert not problems
    made_up, _ = load_dataset(
        Path(__file__).resolve().parent / "fixtures" / "extra_documents" / "data"
    )
    shown = [*examples.units, *examples.figures]
    assert {f.unit for f in examples.figures} >= {
        "percent_change",
        "rank",
        "times",
    }  # each new kind has its example
    for record in shown:
        assert record in (*made_up.units, *made_up.figures), (
            f"{getattr(record, 'id', record)} differs from the made-up document"
        )
