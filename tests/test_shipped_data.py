"""The data that ships: it validates, every quote stands in its document, the export holds
every programme figure as the documents state it, and data/README.md's examples are real."""

from __future__ import annotations

import csv
import filecmp
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dashboard.cli import main
from dashboard.curated.load import load_dataset
from dashboard.curated.seeds import find_quote, read_seed
from dashboard.curated.validate import load_valid

ROOT = Path(__file__).resolve().parent.parent
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
DATA_README = ROOT / "data" / "README.md"

# Every programme figure in seeds/, as the documents state it.
EXPECTED_FIGURES = [
    # id, value, unit, qualifier, period_start, period_end
    ("msf-vietnam-funding-since-2018", "7000000", "GBP", "at_least", "2018-01-01", "2025-03-31"),
    ("msf-vietnam-victims-identified", "720", "people", "exact", "2018-01-01", "2025-03-31"),
    ("msf-vietnam-people-reached", "7000000", "people", "at_least", "2018-01-01", "2025-03-31"),
    ("msf-vietnam-migrants-educated", "1936", "people", "exact", "2018-01-01", "2025-03-31"),
    ("joint-action-plan-funding-2025", "1000000", "GBP", "at_most", "2025-04-01", "2026-03-31"),
    ("iraq-oic-funding-2025", "1000000", "GBP", "approx", "2025-04-01", "2025-04-01"),
    ("uk-returns-since-general-election", "24000", "people", "at_least", "2024-07-04", "2025-03-31"),
    ("border-security-summit-partners", "40", "countries_and_organisations", "at_least", "2025-03-31", "2025-03-31"),
]


def test_the_shipped_data_validates(data_dir, seeds_dir):
    dataset = load_valid(data_dir, seeds_dir)
    assert dataset.figures and dataset.events and dataset.programmes and dataset.sources


def quoted_records(dataset):
    return [*dataset.figures, *dataset.events, *dataset.exclusions]


def test_every_shipped_quote_is_found_verbatim_in_its_seed(dataset, seeds_dir):
    records = quoted_records(dataset)
    assert len(records) == len(dataset.figures) + len(dataset.events) + len(dataset.exclusions) > 0
    missing = [
        f"{r.location}: {r.quote!r}"
        for r in records
        if (text := read_seed(seeds_dir, r.source)) is None or find_quote(text, r.quote) is None
    ]
    assert missing == []


def test_every_shipped_quote_states_its_figures_number_as_printed(dataset):
    """A quote must hold the number itself: 7000000 is printed as "7 million", 1936 as "1,936"."""
    for figure in dataset.figures:
        value = figure.value
        printed = {f"{value:,}", str(value)}
        if value % 1_000_000 == 0:
            printed.add(f"{value // 1_000_000} million")
        assert any(p in figure.quote for p in printed), f"{figure.id}: {figure.quote!r} does not print {value}"


def test_the_export_lists_every_programme_figure_with_its_value_unit_qualifier_and_period(tmp_path):
    out = tmp_path / "all.csv"
    result = CliRunner().invoke(
        main,
        ["export", "--format", "csv", "-o", str(out), "--data", str(ROOT / "data"), "--seeds", str(ROOT / "seeds"),
         "--config", str(ROOT / "config.yaml")],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    got = [(r["id"], r["value"], r["unit"], r["qualifier"], r["period_start"], r["period_end"]) for r in rows]
    assert got == EXPECTED_FIGURES


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason=f"{SHARED_SEEDS} is not on this machine")
def test_seeds_are_byte_identical_to_the_shared_originals():
    shared = sorted(p.name for p in SHARED_SEEDS.iterdir() if p.is_file())
    ours = sorted(p.name for p in (ROOT / "seeds").iterdir() if p.is_file())
    assert ours == shared
    match, mismatch, errors = filecmp.cmpfiles(SHARED_SEEDS, ROOT / "seeds", shared, shallow=False)
    assert (mismatch, errors) == ([], [])


# --- data/README.md ----------------------------------------------------------------------


def readme_examples() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", DATA_README.read_text(encoding="utf-8"), flags=re.S)


SECTIONS = ["programmes", "scopes", "event_types", "units", "metrics", "sources", "figures", "events", "exclusions"]


def test_the_data_readme_has_one_example_of_each_record_type():
    sections = [line.rstrip(":") for block in readme_examples() for line in block.splitlines() if re.match(r"^\w+:$", line)]
    assert sorted(sections) == sorted(SECTIONS)


@pytest.mark.parametrize("number", range(len(readme_examples())))
def test_each_data_readme_example_loads_through_the_real_loader(number, tmp_path):
    (tmp_path / "example.yaml").write_text(readme_examples()[number], encoding="utf-8")
    dataset, problems = load_dataset(tmp_path)
    assert [str(p) for p in problems] == []
    assert sum(len(getattr(dataset, s)) for s in SECTIONS) >= 1


def test_the_data_readme_examples_together_are_a_valid_data_folder(tmp_path, seeds_dir):
    for number, block in enumerate(readme_examples()):
        (tmp_path / f"example_{number}.yaml").write_text(block, encoding="utf-8")
    load_valid(tmp_path, seeds_dir)


def test_the_data_readme_examples_are_copies_of_shipped_records(tmp_path, dataset):
    for number, block in enumerate(readme_examples()):
        (tmp_path / f"example_{number}.yaml").write_text(block, encoding="utf-8")
    examples, _ = load_dataset(tmp_path)
    for section in SECTIONS:
        for record in getattr(examples, section):
            assert record in getattr(dataset, section), f"{section} example differs from the shipped data"


def test_the_data_readme_names_every_field_of_every_record():
    from dashboard.curated.load import PERIOD, SECTIONS as SCHEMAS

    text = DATA_README.read_text(encoding="utf-8")
    for name, schema in [*SCHEMAS.items(), ("period", PERIOD)]:
        for field in [*schema.required, *schema.optional]:
            assert f"| `{field}` |" in text, f"{name}.{field} is not documented in data/README.md"
