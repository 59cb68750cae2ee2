"""The code is formatted and linted the one way the project agreed (pyproject.toml's
[tool.ruff]), so CI, which runs this suite, checks the formatter for every change."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _ruff() -> str:
    beside_python = Path(sys.executable).with_name("ruff")
    found = str(beside_python) if beside_python.exists() else shutil.which("ruff")
    assert found, "ruff is not installed: run `bash scripts/install.sh --test`"
    return found


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([_ruff(), *args], cwd=ROOT, capture_output=True, text=True)


def test_every_python_file_is_formatted_by_ruff_format():
    result = _run("format", "--check", ".")
    assert result.returncode == 0, (
        "Some files are not formatted; run `.venv/bin/ruff format` and commit:\n" + result.stdout
    )


def test_no_unused_import_or_undefined_name():
    result = _run("check", "--output-format", "concise", ".")
    assert result.returncode == 0, "ruff check found problems:\n" + result.stdout
