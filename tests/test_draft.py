"""`dashboard draft seeds/NEW.txt` writes a skeleton for what a new document states and the
data does not yet hold; validate refuses a data file while any TODO of it is left."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from dashboard.cli import main
from dashboard.curated.coverage import Status, coverage
from dashboard.curated.draft import draft, quote_span
from dashboard.curated.problems import DataInvalid
from dashboard.curated.seeds import find_quote, read_seed, seed_files
from dashboard.curated.validate import load_valid

EXTRA = Path(__file__).resolve().parent / "fixtures" / "extra_documents"
VI_SEED = EXTRA / "seeds" / "950_fictional_vietnamese_bulletin_2025.txt"
VI_DATA = EXTRA / "data" / "950_fictional_vietnamese.yaml"
ENGLISH = (
    "FICTIONAL TEST DOCUMENT\nExample press release, 3 March 2026\n"
    "Since 2018 the example programme has trained over 1,200 officers. "
    "It will provide up to £3 million of new funding in 2026.\n"
)


@pytest.fixture(scope="module")
def before_950(shipped_dataset):
    """The shipped data as it is before document 950 is curated (the new-documents trial adds
    it to data/ as well)."""
    kept = lambda records: tuple(
        r for r in records if getattr(r, "source", getattr(r, "file", None)) != VI_SEED.name
    )
    return dataclasses.replace(
        shipped_dataset,
        figures=kept(shipped_dataset.figures),
        events=kept(shipped_dataset.events),
        exclusions=kept(shipped_dataset.exclusions),
        sources=kept(shipped_dataset.sources),
    )


def skeleton(text: str, file: str, dataset) -> dict:
    return (
        yaml.safe_load(draft(text, file, dataset).yaml(file)) or {}
    )  # only comments: nothing to draft


def test_each_uncurated_number_of_every_shipped_seed_gets_one_skeleton_and_nothing_else(
    shipped_dataset, shipped_seeds_dir
):
    report = coverage(shipped_dataset, shipped_seeds_dir)
    for file in seed_files(shipped_seeds_dir):
        text = read_seed(shipped_seeds_dir, file)
        uncurated = [
            e.mention.value
            for e in report.entries
            if e.mention.source == file and e.status is Status.UNCURATED
        ]
        drafted = skeleton(text, file, shipped_dataset)
        assert [f["value"] for f in drafted.get("figures") or []] == uncurated, file
        for record in [*(drafted.get("figures") or []), *(drafted.get("events") or [])]:
            assert find_quote(text, record["quote"]) is not None, (
                f"{file}: {record['quote']!r} is not verbatim"
            )


def test_a_made_up_english_document_gets_its_quotes_bounds_and_guessed_periods(shipped_dataset):
    drafted = skeleton(ENGLISH, "999_new.txt", shipped_dataset)
    [officers, funding] = drafted["figures"]
    assert (officers["value"], officers["qualifier"], officers["wording"], officers["kind"]) == (
        1200,
        "at_least",
        "over",
        "reported",
    )
    assert officers["quote"] == "Since 2018 the example programme has trained over 1,200 officers"
    assert (
        officers["period"]["type"],
        str(officers["period"]["start"]),
        str(officers["period"]["end"]),
    ) == ("cumulative", "2018-01-01", "2026-03-03")
    assert (
        funding["value"],
        funding["qualifier"],
        funding["wording"],
        funding["kind"],
        funding["unit"],
    ) == (3_000_000, "at_most", "up to", "committed", "GBP")
    assert (
        funding["period"]["type"],
        str(funding["period"]["start"]),
        str(funding["period"]["end"]),
    ) == ("year", "2026-01-01", "2026-12-31")
    assert (
        drafted["sources"][0]["file"] == "999_new.txt"
        and str(drafted["sources"][0]["published"]) == "2026-03-03"
    )
    assert "language" not in drafted["sources"][0]


def test_a_vietnamese_document_gets_its_number_whole_its_own_bound_word_and_its_language(
    before_950,
):
    drafted = skeleton(VI_SEED.read_text(encoding="utf-8"), VI_SEED.name, before_950)
    [figure] = drafted["figures"]
    assert (figure["value"], figure["qualifier"], figure["wording"], figure["unit"]) == (
        3000,
        "at_least",
        "hơn",
        "people",
    )
    assert "hơn 3.000 người" in figure["quote"]
    assert (figure["period"]["type"], str(figure["period"]["start"])) == ("year", "2024-01-01")
    assert drafted["sources"][0]["language"] == "vi"
    assert {str(e["date"]) for e in drafted["events"]} == {"2025-05-15"}


def test_what_the_data_already_holds_is_not_drafted_again(
    tmp_path, shipped_data_dir, shipped_seeds_dir
):
    shutil.copytree(shipped_data_dir, tmp_path / "data", ignore=without_extras(EXTRA))
    shutil.copytree(shipped_seeds_dir, tmp_path / "seeds", ignore=without_extras(EXTRA))
    shutil.copy(VI_DATA, tmp_path / "data")
    shutil.copy(VI_SEED, tmp_path / "seeds")
    dataset = load_valid(tmp_path / "data", tmp_path / "seeds")
    drafted = draft(VI_SEED.read_text(encoding="utf-8"), VI_SEED.name, dataset)
    assert drafted.figures == () and drafted.source is None and drafted.skipped == 1
    assert len(drafted.events) == 1  # the dateline's date; the memorandum's is quoted by its event


def test_a_quote_is_the_shortest_sentence_or_clause_and_never_cut_inside_a_number():
    text = "Intro. The fund spent £7.25m; it reached 3.000 người. End"
    start = text.index("£7.25m")
    assert text[slice(*quote_span(text, start, start + 6))] == "The fund spent £7.25m"
    start = text.index("3.000")
    assert text[slice(*quote_span(text, start, start + 5))] == "it reached 3.000 người"


def without_extras(folder: Path):
    """Leave out the made-up documents' files (the new-documents trial adds them to data/)."""
    skip = {p.name for part in ("data", "seeds") for p in (EXTRA / part).iterdir()}
    return shutil.ignore_patterns(*skip) if skip else None


def copy_with(
    tmp_path: Path, shipped_data_dir: Path, shipped_seeds_dir: Path, yaml_text: str
) -> Path:
    shutil.copytree(shipped_data_dir, tmp_path / "data", ignore=without_extras(EXTRA))
    shutil.copytree(shipped_seeds_dir, tmp_path / "seeds", ignore=without_extras(EXTRA))
    shutil.copy(VI_SEED, tmp_path / "seeds")
    (tmp_path / "data" / "new.yaml").write_text(yaml_text, encoding="utf-8")
    return tmp_path


def test_validate_refuses_a_draft_naming_each_todo_line_and_not_what_the_todos_break(
    tmp_path, shipped_data_dir, shipped_seeds_dir, before_950, monkeypatch
):
    text = draft(VI_SEED.read_text(encoding="utf-8"), VI_SEED.name, before_950).yaml(VI_SEED.name)
    root = copy_with(tmp_path, shipped_data_dir, shipped_seeds_dir, text)
    monkeypatch.chdir(root)
    with pytest.raises(DataInvalid) as caught:
        load_valid("data", "seeds")
    report = caught.value.report()
    todo_lines = [n for n, line in enumerate(text.splitlines(), 1) if "TODO" in line]
    for n in todo_lines:
        assert f"data/new.yaml:{n}: " in report
    assert "TODO left: " in report and "; confirm or fill it" in report
    assert "unknown programme 'TODO'" not in report


def test_one_todo_left_in_finished_records_is_enough_to_refuse_them(
    tmp_path, shipped_data_dir, shipped_seeds_dir, monkeypatch
):
    finished = VI_DATA.read_text(encoding="utf-8")
    root = copy_with(tmp_path, shipped_data_dir, shipped_seeds_dir, finished)
    monkeypatch.chdir(root)
    load_valid("data", "seeds")
    (root / "data" / "new.yaml").write_text(
        finished.replace("unit: people", "unit: people  # TODO: confirm"), encoding="utf-8"
    )
    line = finished.splitlines().index("    unit: people") + 1
    with pytest.raises(
        DataInvalid,
        match=f"data/new.yaml:{line}: unit: TODO left: 'unit: people # TODO: confirm'; confirm or fill it",
    ):
        load_valid("data", "seeds")


def test_the_command_prints_or_writes_the_draft_and_never_overwrites_a_file(
    tmp_path, shipped_data_dir
):
    shutil.copytree(shipped_data_dir, tmp_path / "data", ignore=without_extras(EXTRA))
    shipped_data_dir = tmp_path / "data"
    out = tmp_path / "draft.yaml"
    printed = CliRunner().invoke(main, ["draft", str(VI_SEED), "--data", str(shipped_data_dir)])
    assert printed.exit_code == 0 and "hơn 3.000 người" in printed.output
    written = CliRunner().invoke(
        main, ["draft", str(VI_SEED), "-o", str(out), "--data", str(shipped_data_dir)]
    )
    assert written.exit_code == 0 and out.read_text(encoding="utf-8") == printed.output
    again = CliRunner().invoke(
        main, ["draft", str(VI_SEED), "-o", str(out), "--data", str(shipped_data_dir)]
    )
    assert again.exit_code == 1 and "exists; choose another file or remove it" in again.output


def test_a_missing_or_binary_document_is_one_line_without_a_traceback(tmp_path, shipped_data_dir):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00binary")
    for name, message in [
        ("missing.txt", "no such document; name a file in seeds/"),
        ("bad.txt", "not UTF-8 text"),
    ]:
        result = CliRunner().invoke(
            main, ["draft", str(tmp_path / name), "--data", str(shipped_data_dir)]
        )
        assert (
            result.exit_code == 1 and message in result.output and "Traceback" not in result.output
        )


def test_the_command_drafts_beside_data_that_still_holds_a_draft(
    tmp_path, shipped_data_dir, shipped_dataset
):
    shutil.copytree(shipped_data_dir, tmp_path / "data", ignore=without_extras(EXTRA))
    (tmp_path / "data" / "new.yaml").write_text(
        draft(ENGLISH, "999_new.txt", shipped_dataset).yaml("999_new.txt"), encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["draft", str(VI_SEED), "--data", str(tmp_path / "data")])
    assert result.exit_code == 0 and "hơn 3.000 người" in result.output


def test_each_number_of_a_long_sentence_gets_its_own_clause_and_the_metric_its_noun_names(dataset):
    """On the fictional sample vocabulary: one money metric, and metrics named by their nouns."""
    text = (
        "Since 2019 the example fund has invested over £2 million to help shelters, which has identified "
        "300 victims of trafficking and educated 1,500 aspiring migrants to the risks.\n"
    )
    drafted = {f["value"]: f for f in skeleton(text, "998_new.txt", dataset)["figures"]}
    assert {v: (f["quote"], f["metric"], f["unit"]) for v, f in drafted.items()} == {
        2_000_000: ("Since 2019 the example fund has invested over £2 million", "funding", "GBP"),
        300: ("has identified 300 victims of trafficking", "victims_identified", "people"),
        1500: ("educated 1,500 aspiring migrants", "migrants_educated", "people"),
    }
    assert all(
        f["period"]["type"] == "cumulative" and str(f["period"]["start"]) == "2019-01-01"
        for f in drafted.values()
    )
