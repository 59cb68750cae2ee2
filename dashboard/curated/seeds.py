"""The source documents in ``seeds/`` and where a quote stands in them.

A quote matches its document verbatim after normalising only whitespace and
typographic quotes and dashes (so ``’`` matches ``'`` and a line break matches a
space). Nothing else is forgiven: case, punctuation and digits must be as printed.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
    }
)


@lru_cache(maxsize=4096)
def _normalised_with_offsets(text: str) -> tuple[str, list[int]]:
    """``text`` with runs of whitespace folded to one space and typographic marks made plain,
    and for each output character the offset of the input character it came from."""
    out: list[str] = []
    offsets: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space:
                out.append(" ")
                offsets.append(i)
            in_space = True
            continue
        in_space = False
        out.append(ch.translate(_TYPOGRAPHIC))
        offsets.append(i)
    return "".join(out), offsets


def normalise(text: str) -> str:
    return _normalised_with_offsets.__wrapped__(text)[0].strip()


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """``(start, end)`` offsets of the first place ``quote`` stands in ``text``, or None."""
    needle = normalise(quote)
    if not needle:
        return None
    haystack, offsets = _normalised_with_offsets(text)
    at = haystack.find(needle)
    if at < 0:
        return None
    return offsets[at], offsets[at + len(needle) - 1] + 1


def find_all(text: str, quote: str) -> list[tuple[int, int]]:
    """Every place ``quote`` stands in ``text``, as ``(start, end)`` offsets."""
    needle = normalise(quote)
    haystack, offsets = _normalised_with_offsets(text)
    spans, at = [], haystack.find(needle) if needle else -1
    while at >= 0:
        spans.append((offsets[at], offsets[at + len(needle) - 1] + 1))
        at = haystack.find(needle, at + 1)
    return spans


@lru_cache(maxsize=4096)
def _read(path: str, mtime_ns: int) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def read_seed(seeds_dir: Path | str, file: str) -> str | None:
    """The text of ``seeds/<file>``, or None when it is missing or not UTF-8."""
    path = Path(seeds_dir) / file
    if not path.is_file() or Path(file).name != file:
        return None
    return _read(str(path), path.stat().st_mtime_ns)
