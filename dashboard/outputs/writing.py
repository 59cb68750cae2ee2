"""Writing an export where the user asked: refused before any drawing when the place cannot
take a file, and never a half-written file or an empty folder left behind on failure."""

from __future__ import annotations

import tempfile
from pathlib import Path


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``; a file this call created is removed again if the write
    fails (disk full), so no half-written export is left behind."""
    existed = path.exists()
    try:
        path.write_bytes(data)
    except OSError as err:
        if not existed and path.is_file():
            path.unlink(missing_ok=True)
        raise OSError(err.errno, err.strerror, str(path)) from None


def check_writable(folder: Path) -> None:
    """Raise the ``OSError`` writing into ``folder`` would meet (read-only, no permission, a
    place that cannot hold a folder), by creating and removing an empty file in it or in
    its nearest existing parent, so no deck is drawn for seconds only to be refused."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return  # a file where a folder is wanted: the export's own error says so
    try:
        with tempfile.TemporaryFile(dir=existing, prefix=".dashboard-check-"):
            pass
    except OSError as err:
        raise OSError(err.errno, err.strerror, str(folder)) from None
