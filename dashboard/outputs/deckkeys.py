"""The keys above a deck's native charts (what a pale, hatched or dotted bar means) and the
fills they share with the bars: the picture's colours in the shipped look, the template's
theme colours (an accent per metric, lighter for a pledge) with a template."""

from __future__ import annotations

from dashboard.outputs.decktemplate import Look, emu, run
from dashboard.outputs.slidefit import plain_text
from dashboard.outputs.textfit import text_width_in
from dashboard.words import Words

CTX = "deck"
KEY_PT = 14
PATTERNS = {
    "/": "WIDE_UPWARD_DIAGONAL",
    "-": "HORIZONTAL",
    ".": "PERCENT_20",
}  # plotly's hatch → PowerPoint's


def keys_of(part) -> list[str]:
    """The names of the picture's keys ("Committed (pledged)", "Over: a lower bound")."""
    return [
        plain_text(a["text"])
        for a in part.figure["layout"].get("annotations", [])
        if a.get("name") == "key-label"
    ]


def draw_keys(
    slide, keys: list[str], part, left: float, top: float, width: float, look: Look, words: Words
) -> float:
    """The picture's keys (swatch, then its name) in rows across ``width``; their height."""
    from pptx.enum.shapes import MSO_SHAPE

    swatches = _key_styles(part)
    row_h, swatch_w, gap = KEY_PT * 1.2 / 72 + 0.1, 0.35, 0.12
    x, y = left, top
    for name in keys:
        entry = swatch_w + gap + text_width_in(name, KEY_PT, family=look.body_font) * 1.04 + 0.35
        if x > left and x + entry > left + width:
            x, y = left, y + row_h
        style = swatches.get(name)
        swatch = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, emu(x), emu(y + 0.06), emu(swatch_w), emu(row_h - 0.16)
        )
        swatch.name = words.text("Key: {name}", CTX, name=name)
        if style:
            fill(
                swatch,
                style["fill"],
                style["line"],
                style["line_pt"],
                look,
                style["pattern"],
                style["pattern_colour"],
            )
        text = slide.shapes.add_textbox(
            emu(x + swatch_w + gap), emu(y), emu(entry - swatch_w - gap), emu(row_h)
        )
        frame = text.text_frame
        frame.word_wrap = False
        frame.margin_left = frame.margin_right = 0
        frame.margin_top = frame.margin_bottom = emu(0.03)
        run(frame.paragraphs[0], name, look, size=KEY_PT)
        x += entry
    return y - top + row_h + 0.1


def _key_styles(part) -> dict[str, dict]:
    """Each key's swatch style, read from the swatch the slide image draws beside its name
    (``slidekeys._swatch``: a fill, an outline, and a hatch or dots in the hatch's ink)."""
    import base64
    import re

    from dashboard.outputs.slidekeys import _HATCH

    layout = part.figure["layout"]
    sources = [
        i.get("source", "") for i in layout.get("images", []) if i.get("name") == "key-swatch"
    ]
    styles = {}
    for name, source in zip(keys_of(part), sources):
        try:
            svg = base64.b64decode(source.split(",", 1)[-1]).decode("utf-8")
        except ValueError:
            continue
        fill = re.search(r'<rect width="[^"]*" height="[^"]*" fill="(#[0-9a-fA-F]{6})"', svg)
        outline = re.search(
            r'fill="none" stroke="(#[0-9a-fA-F]{6})" stroke-width="([0-9.]+)"/></svg>', svg
        )
        dots = re.search(r'<circle [^>]*fill="(#[0-9a-fA-F]{6})"', svg)
        hatch = re.search(r'<path d="([^"]*)" stroke="(#[0-9a-fA-F]{6})"', svg)
        pattern = (
            "."
            if dots
            else next((shape for shape, d in _HATCH.items() if hatch and d == hatch.group(1)), "")
        )
        styles[name] = dict(
            fill=fill.group(1) if fill else "#cccccc",
            line=outline.group(1) if outline else None,
            line_pt=float(outline.group(2)) / 4 if outline else 1.0,
            pattern=pattern,  # drawn 2× in an 84 px swatch
            pattern_colour=(dots or hatch).group(1 if dots else 2)
            if (dots or hatch)
            else "#ffffff",
        )
    return styles


def fill(
    format_,
    colour: str,
    line: str | None,
    line_pt: float,
    look: Look,
    pattern: str = "",
    pattern_colour: str = "#ffffff",
    theme: tuple[int, float, float] | None = None,
) -> None:
    """A bar's (or a key swatch's) fill, hatch and outline: the picture's colours, or with a
    template ``theme`` = (accent 1–6, or 0 for the text colour; the fill's brightness, the
    outline's), so the template's colours carry the same meaning."""
    from pptx.dml.color import RGBColor
    from pptx.enum.dml import MSO_PATTERN
    from pptx.util import Pt

    def paint(target, hex_colour: str, brightness: float | None = None) -> None:
        if look.templated and theme is not None and brightness is not None:
            target.theme_color = _theme_colour(theme[0])
            target.brightness = brightness
        else:
            target.rgb = RGBColor.from_string(hex_colour.lstrip("#"))

    fill_brightness, line_brightness = (theme[1], theme[2]) if theme else (None, None)
    if pattern in PATTERNS:
        format_.fill.patterned()
        format_.fill.pattern = getattr(MSO_PATTERN, PATTERNS[pattern])
        paint(format_.fill.back_color, colour, fill_brightness)
        paint(format_.fill.fore_color, pattern_colour, line_brightness if fill_brightness else 0.6)
    else:
        format_.fill.solid()
        paint(format_.fill.fore_color, colour, fill_brightness)
    if line:
        paint(format_.line.color, line, line_brightness)
        format_.line.width = Pt(line_pt)


def _theme_colour(accent: int):
    from pptx.enum.dml import MSO_THEME_COLOR

    return getattr(MSO_THEME_COLOR, f"ACCENT_{accent}") if accent else MSO_THEME_COLOR.TEXT_1
