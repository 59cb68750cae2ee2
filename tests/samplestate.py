"""The fictional sample as a page's state over a data folder of its own, for tests that write
into it (a release, a changed record) without touching tests/fixtures/sample."""

from __future__ import annotations

import shutil
from pathlib import Path

from dashboard.config import load_config
from dashboard.curated.validate import load_valid
from dashboard.web import state as st

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample"


def writable_sample(tmp_path_factory, name: str) -> Path:
    """A copy of the sample's data folder, in a temporary folder named after ``name``."""
    folder = tmp_path_factory.mktemp(name) / "data"
    shutil.copytree(SAMPLE / "data", folder)
    return folder


def sample_state(data_dir: Path) -> st.AppState:
    """The page's state over ``data_dir`` (a copy of the sample's), with the shipped settings."""
    return st.make_state(
        load_valid(data_dir, SAMPLE / "seeds"),
        load_config(ROOT / "config.yaml"),
        SAMPLE / "seeds",
        data_dir,
    )
