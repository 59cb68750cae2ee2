"""The made-up documents of the "new documents" trial (tests/fixtures/extra_documents) stay
valid additions to the shipped data, so scripts/check_new_documents.sh keeps testing what it
says: new years on both sides (2013, 2027), a new programme and metric, "£33.5 million"."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from dashboard.analysis.frame import year_span
from dashboard.curated.coverage import coverage
from dashboard.curated.validate import load_valid

EXTRA = Path(__file__).resolve().parent / "fixtures" / "extra_documents"


def copy_without_extras(source: Path, target: Path, extras: Path) -> None:
    """``source`` copied to ``target`` without the files the made-up documents add (so the
    trial copy of scripts/check_new_documents.sh, which already holds them, gives the same base)."""
    skip = {p.name for p in extras.iterdir()}
    shutil.copytree(source, target, ignore=lambda folder, names: [n for n in names if n in skip])


@pytest.fixture(scope="module")
def base(tmp_path_factory, shipped_data_dir, shipped_seeds_dir) -> Path:
    """The shipped data and seeds, as they are without the made-up documents."""
    root = tmp_path_factory.mktemp("base")
    copy_without_extras(shipped_data_dir, root / "data", EXTRA / "data")
    copy_without_extras(shipped_seeds_dir, root / "seeds", EXTRA / "seeds")
    return root


@pytest.fixture(scope="module")
def grown(tmp_path_factory, base) -> Path:
    """The base with the made-up documents added as data only."""
    root = tmp_path_factory.mktemp("grown")
    shutil.copytree(base, root, dirs_exist_ok=True)
    for folder in ("data", "seeds"):
        for path in (EXTRA / folder).iterdir():
            shutil.copy(path, root / folder / path.name)
    return root


def load(root: Path):
    return load_valid(root / "data", root / "seeds")


def test_the_made_up_documents_validate_beside_the_shipped_ones(base, grown):
    before, after = load(base), load(grown)
    assert len(after.sources) == len(before.sources) + len(list((EXTRA / "seeds").iterdir()))
    assert set(before.figures) < set(after.figures)


def test_every_number_in_the_made_up_documents_is_cited_or_excluded(grown):
    report = coverage(load(grown), grown / "seeds")
    assert report.complete, report.lines()[-1]


def test_the_years_shown_follow_the_made_up_documents_and_a_programme_and_metric_are_added(
    base, grown
):
    """The made-up documents reach outside the shipped years today (2013, 2027); the invariant
    is that the data's span is that of everything in it, whatever real documents add later."""
    before, after = load(base), load(grown)
    added = dataclasses.replace(
        after,
        figures=tuple(f for f in after.figures if f not in before.figures),
        events=tuple(e for e in after.events if e not in before.events),
    )
    (first, last), (shipped_first, shipped_last), (made_first, made_last) = (
        year_span(after),
        year_span(before),
        year_span(added),
    )
    assert (first, last) == (min(shipped_first, made_first), max(shipped_last, made_last))
    assert made_first <= 2013 and made_last >= 2027  # what the made-up documents are there to try
    assert {p.id for p in after.programmes} > {p.id for p in before.programmes}
    assert {m.id for m in after.metrics} > {m.id for m in before.metrics}
    assert any("£33.5 million" in f.quote for f in after.figures)


def test_each_made_up_document_says_it_is_fictional():
    for seed in (EXTRA / "seeds").iterdir():
        assert seed.read_text(encoding="utf-8").startswith("FICTIONAL TEST DOCUMENT"), seed.name
