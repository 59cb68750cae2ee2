"""Checks on what the renderer returns: the pixel size asked for, and PNGs without an
alpha channel (a slide image must not turn dark on a dark slide theme); and what it is
given: traces named, so the same chart draws the same SVG."""

from __future__ import annotations

import io
import re
import struct

from dashboard.outputs.errors import RenderFailed


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise RenderFailed("the renderer did not return a PNG")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def opaque_png(data: bytes) -> bytes:
    """The PNG without an alpha channel (RGB). Chromium writes RGBA even on a white
    background; a slide image must not turn dark on a dark slide theme."""
    if data[25] == 2:  # colour type 2: RGB already
        return data
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        image = image.convert("RGBA")
        if image.getchannel("A").getextrema() == (255, 255):  # the usual case: opaque paper
            flat = image.convert("RGB")
        else:  # see-through pixels are laid on white, as on a white slide
            flat = Image.new("RGB", image.size, (255, 255, 255))
            flat.paste(image, mask=image.getchannel("A"))
    out = io.BytesIO()
    flat.save(out, format="PNG", compress_level=1)  # fast; charts compress well anyway
    return out.getvalue()


def checked(data: bytes, format: str, width: int, height: int) -> bytes:
    if format == "png":
        got = png_size(data)
        if got != (width, height):
            raise RenderFailed(
                f"asked for {width}×{height} px, the renderer made {got[0]}×{got[1]} px"
            )
        return opaque_png(data)
    got = svg_size(data)
    if got != (width, height):
        raise RenderFailed(
            f"asked for {width}×{height} px, the renderer made an SVG of {got[0]}×{got[1]} px"
        )
    return data


def svg_size(data: bytes) -> tuple[int, int]:
    """Width and height from the root ``<svg>`` element."""
    head = data[:2000].decode("utf-8", "replace")
    match = re.search(r"<svg[^>]*?\bwidth=\"([\d.]+)\"[^>]*?\bheight=\"([\d.]+)\"", head)
    if not match:
        raise RenderFailed("the renderer did not return an SVG with a width and height")
    return round(float(match[1])), round(float(match[2]))


def named_traces(figure):
    """``figure`` with each unnamed trace's ``uid`` set to its place (``trace-0``): plotly.js would
    draw a random one into an SVG, and the same chart must give the same bytes on every export."""
    data = getattr(figure, "data", None) if not isinstance(figure, dict) else figure.get("data")
    for number, trace in enumerate(data or ()):
        if isinstance(trace, dict):
            trace.setdefault("uid", f"trace-{number}")
        elif getattr(trace, "uid", None) is None:
            trace.uid = f"trace-{number}"
    return figure
