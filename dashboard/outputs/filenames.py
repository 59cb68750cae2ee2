"""File names that say what a file holds: what (the view's figures, a chart), each filter that
narrows the view (a chosen programme, metric or scope by its id, several by their count in the
file's language), the years and the day made. ASCII letters, digits, ``-`` and ``_`` only, each
part at most ``NAME_PART_CHARS``: every system keeps them. ``titled_name`` is the same name in
the words of its language (the title a Vietnamese download carries in ``filename*``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from dashboard.analysis.frame import Filters
from dashboard.words import Words

CTX_FILE_NAME = "download file name"  # the catalogue context of the words in file names


def slug(text: str) -> str:
    """``Funding by programme`` → ``funding-by-programme`` (ASCII letters and digits only)."""
    marks_off = unicodedata.normalize(
        "NFKD", text.replace("đ", "d").replace("Đ", "D")
    )  # "Số liệu" → "So lieu"
    plain = marks_off.replace("£", "").encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "export"


NAME_PART_CHARS = (
    40  # one part of a file name (what, a programme, a metric, a scope) at most: cut at a word
)


def short(part: str, cap: int = NAME_PART_CHARS) -> str:
    """``part`` cut to ``cap`` characters at the last hyphen that fits (``modern-slavery-…``)."""
    if len(part) <= cap:
        return part
    cut = part[:cap]
    return cut.rsplit("-", 1)[0] if "-" in cut.strip("-") else cut


def filter_parts(filters: Filters, words: Words | None = None) -> list[str]:
    """What the filters narrowed a file to, one part each: a chosen programme, metric or scope
    by its id (``modern-slavery-fund-vietnam``), several by their count in ``words``' language
    (``2 programmes`` / ``2 chương trình``); nothing for "all"."""
    words = words or Words("en")
    counted = {  # literal strings, so the catalogue's extractor sees each
        "programmes": lambda n: words.text("{n} programmes", CTX_FILE_NAME, n=n),
        "metrics": lambda n: words.text("{n} metrics", CTX_FILE_NAME, n=n),
        "scope": lambda n: words.text("{n} scopes", CTX_FILE_NAME, n=n),
    }
    parts = []
    for field, say in counted.items():
        ids = getattr(filters, field)
        if len(ids) == 1:
            parts.append(short(slug(ids[0])))
        elif ids:
            parts.append(say(len(ids)))
    return parts


def file_name(
    what: str, filters: Filters, made_on: dt.date, ext: str, words: Words | None = None
) -> str:
    """``programme-figures_modern-slavery-fund-vietnam_2022_2026-11-22.csv``: what it holds, the
    programme, metric and scope chosen (none when all), the years, the day made. ASCII letters,
    digits, ``-`` and ``_`` only, each part at most ``NAME_PART_CHARS``: safe on every system."""
    years = (
        f"{filters.year_from}"
        if filters.year_from == filters.year_to
        else f"{filters.year_from}-{filters.year_to}"
    )
    parts = [
        short(slug(what)),
        *(short(slug(p)) for p in filter_parts(filters, words)),
        years,
        made_on.isoformat(),
    ]
    return f"{'_'.join(parts)}.{ext}"


def titled_name(title: str, filters: Filters, made_on: dt.date, ext: str, words: Words) -> str:
    """The same name in the words of its language, for a title (``Số liệu chương trình_2 chương
    trình_2022_2026-11-22.csv``): ids stay ids, counted filters keep their words."""
    years = (
        f"{filters.year_from}"
        if filters.year_from == filters.year_to
        else f"{filters.year_from}-{filters.year_to}"
    )
    return "_".join([title, *filter_parts(filters, words), years, made_on.isoformat()]) + f".{ext}"


def part_name(name: str, number: int, count: int) -> str:
    """``funding-by-programme_2018-2025_2026-11-22.png`` → ``…_2026-11-22-1-of-2.png`` for the
    first of two slides; a chart that fits one slide keeps its name."""
    if count == 1:
        return name
    stem, _, extension = name.rpartition(".")
    return f"{stem}-{number}-of-{count}.{extension}"
