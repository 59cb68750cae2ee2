"""The made-up documents of the "new documents" trial (tests/fixtures/extra_documents) stay
valid additions to the shipped data, so scripts/check_new_documents.sh keeps testing what it
says: new years on both sides (2013, 2027), a new programme and metric, "£33.5 million"."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.analysis.frame import year_span
from dashboard.curated.coverage import coverage
from dashboard.curated.validate import load_valid

EXTRA = Path(__file__).resolve().parent / "fixtures" / "extra_documents"


@pytest.fixture(scope="module")
def grown(tmp_path_factory, shipped_data_dir, shipped_seeds_dir):
    """A copy of the shipped data and seeds with the made-up documents added as data only."""
    root = tmp_path_factory.mktemp("grown")
    shutil.copytree(shipped_data_dir, root / "data")
    shutil.copytree(shipped_seeds_dir, root / "seeds")
    for path in (EXTRA / "data").iterdir():
        shutil.copy(path, root / "data" / path.name)
    for path in (EXTRA / "seeds").iterdir():
        shutil.copy(path, root / "seeds" / path.name)
    return root


def test_the_made_up_documents_validate_beside_the_shipped_ones(grown, shipped_dataset):
    dataset = load_valid(grown / "data", grown / "seeds")
    assert len(dataset.sources) == len(shipped_dataset.sources) + len(list((EXTRA / "seeds").iterdir()))
    assert set(shipped_dataset.figures) < set(dataset.figures)


def test_every_number_in_the_made_up_documents_is_cited_or_excluded(grown):
    report = coverage(load_valid(grown / "data", grown / "seeds"), grown / "seeds")
    assert report.complete, report.lines()[-1]


def test_the_made_up_documents_widen_the_data_on_both_sides_and_add_a_programme_and_metric(grown, shipped_dataset):
    dataset = load_valid(grown / "data", grown / "seeds")
    first, last = year_span(dataset)
    shipped_first, shipped_last = year_span(shipped_dataset)
    assert first < shipped_first and last > shipped_last
    assert {p.id for p in dataset.programmes} > {p.id for p in shipped_dataset.programmes}
    assert {m.id for m in dataset.metrics} > {m.id for m in shipped_dataset.metrics}
    assert any("£33.5 million" in f.quote for f in dataset.figures)


def test_each_made_up_document_says_it_is_fictional():
    for seed in (EXTRA / "seeds").iterdir():
        assert seed.read_text(encoding="utf-8").startswith("FICTIONAL TEST DOCUMENT"), seed.name
