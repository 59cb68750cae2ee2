"""Release snapshots: ``data/releases/<version>.json``, every figure and event of one data
version by id (``analysis.changes.snapshot``), written by ``dashboard release`` and read when
a link made under that version is opened under a newer one.

The loader reads only ``data/*.yaml``, so a release file never changes the data or its version.
A version from a link is checked to be a version (12 hexadecimal digits) before any file is
looked for, and a missing or unreadable file reads as "not known" (None), never an error page.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from dashboard.analysis.changes import SNAPSHOT_FORMAT, snapshot
from dashboard.curated.records import Dataset

FOLDER = "releases"
VERSION_RE = re.compile(r"^[0-9a-f]{12}$")  # web.state.data_version: a sha256's first 12 hex digits


def is_version(value: object) -> bool:
    return isinstance(value, str) and bool(VERSION_RE.match(value))


def release_path(data_dir: Path | str, version: str) -> Path:
    return Path(data_dir) / FOLDER / f"{version}.json"


def write_release(dataset: Dataset, data_dir: Path | str, version: str, today: dt.date) -> Path:
    """Write the snapshot of ``dataset`` as release ``version`` (made ``today``); a release of the
    same version already written keeps its first date (the figures are the same)."""
    path = release_path(data_dir, version)
    known = read_release(data_dir, version)
    released = (
        dt.date.fromisoformat(known["released"]) if known and known.get("released") else today
    )
    body = snapshot(dataset, version, released)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return path


def read_release(data_dir: Path | str | None, version: object) -> dict | None:
    """The snapshot of release ``version`` in ``data_dir``, or None when it is not a version,
    not released there, or not a release file this code can read."""
    if data_dir is None or not is_version(version):
        return None
    try:
        body = json.loads(release_path(data_dir, version).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (
        not isinstance(body, dict)
        or body.get("format") != SNAPSHOT_FORMAT
        or not isinstance(body.get("figures"), dict)
    ):
        return None
    return body


def release_date(data_dir: Path | str | None, version: str) -> dt.date | None:
    """The day ``version`` was released, or None when it has no release file."""
    body = read_release(data_dir, version)
    try:
        return dt.date.fromisoformat(body["released"]) if body and body.get("released") else None
    except (TypeError, ValueError):
        return None


__all__ = ["is_version", "read_release", "release_date", "release_path", "write_release"]
