"""Shared fixtures.

Unit tests run on the fictional sample dataset in tests/fixtures/sample (``dataset``,
``data_dir``, ``seeds_dir``), so their exact figures, years and wording hold however many
documents are added to data/. Tests of the shipped data itself use ``shipped_dataset``,
``shipped_data_dir`` and ``shipped_seeds_dir`` and check invariants, never today's list."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from dashboard.config import Config, load_config
from dashboard.curated.records import Dataset
from dashboard.curated.validate import load_valid

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SEEDS_DIR = ROOT / "seeds"
SAMPLE_DIR = Path(__file__).resolve().parent / "fixtures" / "sample"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The fictional sample's data folder."""
    return SAMPLE_DIR / "data"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The fictional sample's seeds folder."""
    return SAMPLE_DIR / "seeds"


@pytest.fixture(scope="session")
def dataset(data_dir, seeds_dir) -> Dataset:
    """The fictional sample dataset, validated against its seeds by the real loader."""
    return load_valid(data_dir, seeds_dir)


@pytest.fixture(scope="session")
def shipped_data_dir() -> Path:
    return DATA_DIR


@pytest.fixture(scope="session")
def shipped_seeds_dir() -> Path:
    return SEEDS_DIR


@pytest.fixture(scope="session")
def shipped_dataset() -> Dataset:
    """The shipped data, validated against the shipped seeds."""
    return load_valid(DATA_DIR, SEEDS_DIR)


@pytest.fixture(scope="session")
def config() -> Config:
    """The shipped settings (config.yaml)."""
    return load_config(ROOT / "config.yaml")


def _slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture(scope="session")
def slide_text():
    """``slide_text(slide)``: every text a reader sees on a PowerPoint slide, table cells included."""
    return _slide_text


# Servers a session starts (before any test's own folder) keep their jobs apart from any other copy's.
os.environ.setdefault("DASHBOARD_JOBS_FOLDER", tempfile.mkdtemp(prefix="dashboard-jobs-tests-"))


@pytest.fixture(autouse=True)
def _own_jobs_folder(tmp_path_factory, monkeypatch):
    """Each test's render jobs keep their files in a folder of their own: a file one test made
    (with a stand-in renderer, say) is never served to another, nor to another copy's tests."""
    monkeypatch.setenv("DASHBOARD_JOBS_FOLDER", str(tmp_path_factory.mktemp("jobs")))
    monkeypatch.delenv("REDIS_URL", raising=False)
