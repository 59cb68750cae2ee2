"""The data version: a short fingerprint of the data served, the one ``/status`` reports, the
page's footer states and every PDF brief prints, so a number on paper can be traced to the data
it was made of. The same files give the same version, wherever the folder is (locations count
by file name and line)."""

from __future__ import annotations

import hashlib
import re

from dashboard.curated.records import Dataset

_FOLDER = re.compile(r"Location\(path='(?:[^']*/)?([^'/]*)'")


_LAST: list[
    tuple[Dataset, str]
] = []  # the last dataset asked about and its version: a download asks once per file


def data_version(dataset: Dataset) -> str:
    """Twelve hex digits of the SHA-256 of ``dataset`` as loaded (its folder left out)."""
    last = _LAST[:1]
    if last and last[0][0] is dataset:
        return last[0][1]
    text = _FOLDER.sub(r"Location(path='\1'", repr(dataset))
    version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    _LAST[:] = [(dataset, version)]
    return version
