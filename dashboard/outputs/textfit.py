"""Text measured as PowerPoint and LibreOffice set it: Arial, measured with Liberation Sans
(its metric twin) when installed, so a slide title is sized to one line and a table is
paginated before it can run off its slide. A template's theme font (``family``) is measured
with the file fontconfig picks for it (``fc-match``), as LibreOffice would set it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FONT_FILES = {  # Liberation Sans has Arial's metrics; used only to measure text
    False: (
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    ),
    True: (
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
}


@lru_cache(maxsize=4)
def _font(bold: bool):
    from PIL import ImageFont

    for path in FONT_FILES[bold]:
        if Path(path).is_file():
            return ImageFont.truetype(path, size=100)
    return None


ARIAL = ("Arial", "Liberation Sans", "", None)


@lru_cache(maxsize=16)
def _family_font(family: str, bold: bool):
    """The font file fontconfig sets ``family`` with (its closest match), or Arial's."""
    import shutil
    import subprocess

    from PIL import ImageFont

    if family in ARIAL or not shutil.which("fc-match"):
        return _font(bold)
    try:
        path = subprocess.run(
            ["fc-match", "-f", "%{file}", f"{family}:{'bold' if bold else 'regular'}"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        return ImageFont.truetype(path, size=100) if path and Path(path).is_file() else _font(bold)
    except (OSError, subprocess.SubprocessError):
        return _font(bold)


def text_width_in(
    text: str, size_pt: float, bold: bool = False, family: str | None = None
) -> float:
    """Width of ``text`` set in Arial (or ``family``) at ``size_pt``, in inches (an estimate if
    no font file is found: 0.56 em per character, wider than Arial's average)."""
    font = _family_font(family, bold) if family not in ARIAL else _font(bold)
    if font is None:
        return len(text) * 0.56 * size_pt / 72
    return font.getlength(text) / 100 * size_pt / 72


def fit_size(
    text: str,
    width_in: float,
    max_pt: float,
    min_pt: float = 18,
    bold: bool = True,
    family: str | None = None,
) -> float:
    """The largest size from ``max_pt`` down that sets ``text`` on one line of ``width_in``
    (a slide title that wrapped would run into the picture below it)."""
    size = max_pt
    while size > min_pt and text_width_in(text, size, bold, family) > width_in * 0.94:
        size -= 1
    return size


def wrap_lines(
    text: str, width_in: float, size_pt: float, bold: bool = False, family: str | None = None
) -> list[str]:
    """``text`` broken into lines that fit ``width_in`` (words never split unless one
    word alone is too wide), measured with 4 % to spare."""
    room = width_in * 0.96
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and text_width_in(candidate, size_pt, bold, family) > room:
                lines.append(line)
                line = word
            else:
                line = candidate
            while (
                text_width_in(line, size_pt, bold, family) > room and len(line) > 1
            ):  # one word too wide
                cut = len(line)
                while cut > 1 and text_width_in(line[:cut], size_pt, bold, family) > room:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines
