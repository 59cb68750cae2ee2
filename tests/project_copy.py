"""A copy of the project (its code, the fictional sample data, config.yaml) in a scratch folder,
and a script run there in a fresh Python: how a test proves that adding a language or an output
format is one module plus its words, with every other file as it is."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample"


def copy_project(target: Path) -> Path:
    """``dashboard/``, the sample data and seeds, and config.yaml, copied into ``target``."""
    shutil.copytree(
        ROOT / "dashboard", target / "dashboard", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(SAMPLE / "data", target / "data")
    shutil.copytree(SAMPLE / "seeds", target / "seeds")
    shutil.copy(ROOT / "config.yaml", target / "config.yaml")
    return target


def run_in(root: Path, script: str) -> dict:
    """What ``script`` (run in ``root``, importing the copy's ``dashboard``) dumps as JSON on stdout."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)
