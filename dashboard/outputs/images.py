"""Static images for slides: one warm renderer, and charts composed as a slide.

**The renderer.** kaleido drives a headless Chromium. Starting it (Chromium, then
plotly.js in its tab) costs 2–5 s on a busy 2-core machine, so one browser is started
lazily on first use (or early with ``prewarm()``), kept for the whole process and stopped
at exit (``renderer()`` / ``shutdown()``). It runs on its own thread with its own event
loop; every call waits with a timeout, so a browser that is missing, exits or hangs
becomes a clear error with the install hint, never a frozen export, and its process
group is killed. kaleido reloads its tab after every image; plotly.js already purges
each figure, so here the tab stays loaded (reloaded every ``RELOAD_EVERY`` images) and a
warm image costs only its drawing, about 0.1 s. Calls from several threads are safe:
each waits for its own result.

**The composition.** ``slide_figure`` turns a dashboard chart into a slide-sized figure
that carries its own context: a title, a subtitle naming the filters and period, the
chart, the source line, a note on the qualifiers shown and the date made. The layout is
laid out in pixels of a 1920×1080 slide and scaled to the size asked for, so a 1280×720
or 4:3 image reads the same once it fills a slide. Body text is 22 px at 1920 wide.

PNG is opaque (RGB, no alpha channel). SVG keeps every label as ``<text>``, so it stays
editable in PowerPoint, Keynote or Illustrator.
"""

from __future__ import annotations

import asyncio
import atexit
import datetime as dt
import io
import logging
import os
import shutil
import signal
import struct
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.outputs.export import ExportError

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.config import Config
    from dashboard.analysis.frame import Filters
    from dashboard.curated.records import Dataset

INSTALL_HINT = "Install Chromium with `apt-get install -y chromium`, or set BROWSER_PATH to a Chrome or Chromium executable."
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
TYPICAL_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable")
# choreographer adds --no-sandbox, --disable-gpu, --disable-component-update and
# --disable-sync itself; a closed network also needs background networking off.
EXTRA_FLAGS = ("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync")
START_TIMEOUT = 30.0  # seconds for Chromium to start and load plotly.js
RENDER_TIMEOUT = 30.0  # seconds for one image
RELOAD_EVERY = 50  # images a browser tab draws before it is reloaded

_log = logging.getLogger(__name__)


class BrowserMissing(ExportError):
    """No Chromium or Chrome to render with; the message says how to install one."""


class RenderFailed(ExportError):
    """The browser started but could not make the image (hung, crashed or refused)."""


def find_browser() -> str:
    """The browser kaleido will drive: ``BROWSER_PATH`` if set, else Chromium or Chrome
    on the PATH or in the usual places. Raises ``BrowserMissing`` with the install hint."""
    env = os.environ.get("BROWSER_PATH")
    if env:
        if Path(env).is_file() and os.access(env, os.X_OK):
            return env
        raise BrowserMissing(f"BROWSER_PATH={env!r} is not an executable file. {INSTALL_HINT}")
    for name in BROWSER_NAMES:
        if found := shutil.which(name):
            return found
    for path in TYPICAL_PATHS:
        if Path(path).is_file() and os.access(path, os.X_OK):
            return path
    raise BrowserMissing(f"No Chromium or Chrome found for image export. {INSTALL_HINT}")


# --- the warm renderer -------------------------------------------------------------------


def _kaleido_classes():
    """kaleido's browser, with our flags and background tab reloads (imported lazily)."""
    import kaleido
    from choreographer.browsers.chromium import Chromium

    # choreographer logs a warning when its watchdog closes a failed browser; our error says it.
    logging.getLogger("choreographer").setLevel(logging.ERROR)

    class LockedDownChromium(Chromium):
        def get_cli(self):
            cli = list(super().get_cli())
            return cli + [flag for flag in EXTRA_FLAGS if flag not in cli]

    class WarmKaleido(kaleido.Kaleido):
        """kaleido with a tab that stays loaded between images.

        kaleido reloads a tab (plotly.js again, ~4.6 MB of script) after every image. For
        png and svg, plotly.js draws each figure into a fresh element of its own and
        purges it (``Plotly.toImage``), so nothing carries over; the tab goes straight
        back to the queue and is reloaded, in the background, only every
        ``RELOAD_EVERY`` images to bound its memory.
        """

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._reloads: set[asyncio.Task] = set()
            self._uses: dict[int, int] = {}

        async def populate_targets(self) -> None:
            # kaleido loads plotly.js in every tab one after the other before the first
            # image; the first tab is enough to start, the others load in the background.
            wanted, self._n = self._n, 1
            await super().populate_targets()
            self._n = wanted
            for _ in range(wanted - self._total_tabs):
                self._background(self._create_kaleido_tab())

        def _background(self, coroutine) -> None:
            task = asyncio.create_task(coroutine)
            self._reloads.add(task)
            task.add_done_callback(self._reloads.discard)

        async def _return_kaleido_tab(self, tab) -> None:
            uses = self._uses[id(tab)] = self._uses.get(id(tab), 0) + 1
            if uses % RELOAD_EVERY:
                await self.tabs_ready.put(tab)
            else:
                self._background(self._reload_and_requeue(tab))

        async def _reload_and_requeue(self, tab) -> None:
            try:
                await kaleido.Kaleido._return_kaleido_tab(self, tab)
            except Exception as err:  # a tab that cannot reload is dropped; renders time out clearly
                _log.debug("kaleido tab reload failed: %s", err)

        async def close(self) -> None:
            for task in list(self._reloads):
                task.cancel()
            await super().close()

    return LockedDownChromium, WarmKaleido


class Renderer:
    """One Chromium kept warm for every image of the process.

    ``render`` is thread-safe (Dash serves requests on several threads): calls are
    queued on the renderer's own event loop and each waits at most ``render_timeout``.
    A browser that fails to start, hangs or dies is killed with its whole process group
    and the error says so; the next call starts a fresh one.
    """

    def __init__(self, browser: str | None = None, *, tabs: int = 1, start_timeout: float = START_TIMEOUT, render_timeout: float = RENDER_TIMEOUT):
        self.browser = browser or find_browser()
        self.tabs = tabs
        self.start_timeout = start_timeout
        self.render_timeout = render_timeout
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido = None  # set as soon as it exists, so a hung start can be killed
        self._ready = False
        self._lock = threading.RLock()

    @property
    def running(self) -> bool:
        process = getattr(self._kaleido, "subprocess", None)
        return self._ready and process is not None and process.poll() is None

    def start(self) -> Renderer:
        with self._lock:
            if self.running:
                return self
            if self._kaleido is not None:  # the browser died: start again
                self.close(kill=True)
            self._loop = asyncio.new_event_loop()
            self._thread = threading.Thread(target=self._loop.run_forever, name="image-renderer", daemon=True)
            self._thread.start()
            try:
                self._call(self._open(), self.start_timeout, "start")
            except BaseException:
                self.close(kill=True)
                raise
            self._ready = True
            return self

    async def _open(self) -> None:
        chromium, warm_kaleido = _kaleido_classes()
        self._kaleido = warm_kaleido(n=self.tabs, path=self.browser, browser_cls=chromium, mathjax=False, timeout=self.render_timeout)
        await self._kaleido.open()

    def render(self, figure, *, format: str, width: int, height: int) -> bytes:
        """``figure`` (a plotly figure or its dict) as ``png`` or ``svg`` bytes."""
        return self.render_many([figure], format=format, width=width, height=height)[0]

    def render_many(self, figures: list, *, format: str, width: int, height: int) -> list[bytes]:
        """Several images at once, spread over the renderer's tabs."""
        self.start()
        opts = {"format": format, "width": width, "height": height, "scale": 1}
        kaleido = self._kaleido

        async def all_of():
            return await asyncio.gather(*(kaleido.calc_fig(f, opts=opts) for f in figures))

        try:
            return self._call(all_of(), self.render_timeout * max(1, len(figures)), "draw the image")
        except RenderFailed:
            self.close(kill=True)  # a hung or dead browser is not reused
            raise

    def _call(self, coroutine, timeout: float, what: str):
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout=timeout)
        except FutureTimeout:
            # Not cancelled here: close(kill=True) kills the browser, the task then ends with
            # an error that this callback collects (no "exception never retrieved" noise).
            future.add_done_callback(lambda f: f.cancelled() or f.exception())
            raise RenderFailed(
                f"the browser at {self.browser} did not {what} within {timeout:.0f} s; "
                f"check that it runs (`{self.browser} --headless --no-sandbox --version`). {INSTALL_HINT}"
            ) from None
        except ExportError:
            raise
        except Exception as err:  # choreographer / kaleido errors: say what and where
            if type(err).__name__ in ("BrowserFailedError", "BrowserClosedError", "ChromeNotFoundError"):
                detail = "the browser closed right after starting"
            else:
                detail = " ".join(str(err).split())[:200] or type(err).__name__
            raise RenderFailed(f"could not {what} with {self.browser}: {detail}. {INSTALL_HINT}") from None

    def close(self, *, kill: bool = False) -> None:
        """Stop the browser and the loop: politely, or at once (``kill``) when it failed;
        either way its whole process group is gone afterwards."""
        with self._lock:
            kaleido, self._kaleido, self._ready = self._kaleido, None, False
            process = getattr(kaleido, "subprocess", None)
            if kill:
                _kill_group(process)
            if kaleido is not None and self._loop is not None and self._loop.is_running():
                future = asyncio.run_coroutine_threadsafe(_quietly(kaleido.close()), self._loop)
                try:
                    future.result(timeout=10)
                except FutureTimeout:
                    future.cancel()
            _kill_group(process)
            if self._loop is not None and self._loop.is_running():
                future = asyncio.run_coroutine_threadsafe(_cancel_other_tasks(), self._loop)
                try:
                    future.result(timeout=5)
                except FutureTimeout:
                    future.cancel()
            if self._loop is not None:
                self._loop.call_soon_threadsafe(self._loop.stop)
                if self._thread is not None:
                    self._thread.join(timeout=5)
                if not self._loop.is_running():
                    self._loop.close()
            self._loop = None
            self._thread = None


def _kill_group(process) -> None:
    """Kill a browser and everything it started (choreographer gives it its own session)."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.wait(5)
    except Exception:  # noqa: BLE001 - best effort at exit
        pass


async def _cancel_other_tasks() -> None:
    """Cancel what the browser left running on the loop (watchdogs, reloads) and let it end."""
    others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    for task in others:
        task.cancel()
    if others:
        await asyncio.wait(others, timeout=3)


async def _quietly(coroutine) -> None:
    try:
        await asyncio.wait_for(coroutine, 8)
    except BaseException:  # closing is best effort; the process exits anyway
        pass


_RENDERER: Renderer | None = None
_RENDERER_LOCK = threading.Lock()


def renderer() -> Renderer:
    """The process's warm renderer, started on first use and stopped at exit."""
    global _RENDERER
    with _RENDERER_LOCK:
        if _RENDERER is None:
            _RENDERER = Renderer()
            atexit.register(shutdown)
        current = _RENDERER
    return current.start()


def prewarm() -> threading.Thread:
    """Start the warm renderer in the background (for a server, at start-up), so the first
    download does not pay for starting Chromium. A failure is only logged here: the
    download that needs the renderer reports it."""

    def start() -> None:
        try:
            renderer()
        except ExportError as err:  # the export that needs it says so to the user
            _log.debug("image renderer not started: %s", err)

    thread = threading.Thread(target=start, name="image-renderer-prewarm", daemon=True)
    thread.start()
    return thread


def shutdown() -> None:
    """Stop the warm renderer (at exit, or in tests)."""
    global _RENDERER
    with _RENDERER_LOCK:
        current, _RENDERER = _RENDERER, None
    if current is not None:
        current.close()


# --- image checks ------------------------------------------------------------------------


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


def render_image(figure, *, format: str, width: int, height: int) -> bytes:
    """``figure`` rendered by the warm renderer at exactly ``width``×``height`` px."""
    return render_images([figure], format=format, width=width, height=height)[0]


def render_images(figures: list, *, format: str, width: int, height: int) -> list[bytes]:
    """Several figures, each checked for its pixel size and, for PNG, made opaque. While
    the browser draws one figure, the previous one is checked and flattened on another
    thread (Pillow works outside the GIL), so a deck's images overlap."""
    if format not in ("png", "svg"):
        raise ExportError(f"unknown image format {format!r}; use png or svg")
    warm = renderer()

    def one(figure) -> bytes:
        return _checked(warm.render(figure, format=format, width=width, height=height), format, width, height)

    if len(figures) == 1:
        return [one(figures[0])]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=len(figures), thread_name_prefix="image") as pool:
        return list(pool.map(one, figures))


def _checked(data: bytes, format: str, width: int, height: int) -> bytes:
    if format == "png":
        got = png_size(data)
        if got != (width, height):
            raise RenderFailed(f"asked for {width}×{height} px, the renderer made {got[0]}×{got[1]} px")
        return opaque_png(data)
    got = svg_size(data)
    if got != (width, height):
        raise RenderFailed(f"asked for {width}×{height} px, the renderer made an SVG of {got[0]}×{got[1]} px")
    return data


def svg_size(data: bytes) -> tuple[int, int]:
    """Width and height from the root ``<svg>`` element."""
    import re

    head = data[:2000].decode("utf-8", "replace")
    match = re.search(r"<svg[^>]*?\bwidth=\"([\d.]+)\"[^>]*?\bheight=\"([\d.]+)\"", head)
    if not match:
        raise RenderFailed("the renderer did not return an SVG with a width and height")
    return round(float(match[1])), round(float(match[2]))


# --- slide composition -------------------------------------------------------------------

# A slide laid out in pixels of 1920×1080; every number is scaled to the size asked for.
BASE_WIDTH, BASE_HEIGHT = 1920, 1080
PAD_X = 72  # left and right edge
PAD_TOP = 48
PAD_BOTTOM = 36
TITLE_PX = 46
SUBTITLE_PX = 27
BODY_PX = 22  # chart text: ticks, value labels, legend
FOOTER_PX = 20  # source line
NOTE_PX = 19  # qualifier notes and the date made (≥ 18 px at 1920 wide)
LINE_HEIGHT = 1.35
CHAR_WIDTH = 0.56  # average glyph width in em of the sans fonts Chromium falls back to (generous)
WRAP_CHAR_WIDTH = 0.52  # for wrapping running text, which averages narrower than labels


@dataclass(frozen=True)
class SlideText:
    """Everything an image says besides the chart itself; the deck reuses it."""

    title: str
    subtitle: str
    source: str  # "Source: <title> — <publisher>, <date>", "" when nothing is plotted
    notes: tuple[str, ...]  # "Over: the source gives a lower bound; …"
    made: str  # "Made 22 Nov 2026 · <dashboard title>"


def image_size(config: Config, size: str | None = None) -> tuple[int, int]:
    """The pixel size named ``size`` in ``config.exports.image_sizes`` (default: ``image_size``)."""
    sizes = config.exports.image_sizes
    name = size or config.exports.image_size
    if name not in sizes:
        raise ExportError(f"unknown image size {name!r}; choose one of: {', '.join(f'{n} ({w}×{h})' for n, (w, h) in sizes.items())}")
    return sizes[name]


def day_text(day: dt.date) -> str:
    """``22 Nov 2026``."""
    return f"{day.day} {day.strftime('%b %Y')}"


def slide_text(name: str, figures: pd.DataFrame, events: pd.DataFrame, dataset: Dataset, filters: Filters, config: Config, made_on: dt.date) -> SlideText:
    from dashboard.views import charts

    spec = _chart_spec(name)
    return SlideText(
        title=spec.title,
        subtitle=filters.describe(dataset),
        source=charts.source_footer(name, figures, events, dataset),
        notes=tuple(charts.qualifier_notes(name, figures)),
        made=f"Made {day_text(made_on)} · {config.title}",
    )


def _chart_spec(name: str):
    from dashboard.views import charts

    if name not in charts.CHARTS:
        raise ExportError(f"unknown chart {name!r}; choose one of: {', '.join(charts.CHARTS)}")
    return charts.CHARTS[name]


def slide_figure(
    name: str,
    figures: pd.DataFrame,
    events: pd.DataFrame,
    dataset: Dataset,
    filters: Filters,
    config: Config,
    *,
    size: tuple[int, int] = (BASE_WIDTH, BASE_HEIGHT),
    made_on: dt.date | None = None,
    title: bool = True,
    scale: float | None = None,
) -> dict:
    """Chart ``name`` of the filtered frames composed as a slide of ``size`` pixels: title,
    subtitle (filters and period), chart, source line, qualifier notes and date made.

    Returns the figure as a plotly dict, ready for ``render_image``.
    """
    from dashboard.views import charts

    _chart_spec(name)
    text = slide_text(name, figures, events, dataset, filters, config, made_on or dt.date.today())
    figure = charts.build_chart(name, figures, events, dataset, config.theme, filters).to_dict()
    return compose(figure, text, config, size, title=title, scale=scale)


def compose(figure: dict, text: SlideText, config: Config, size: tuple[int, int], *, title: bool = True, scale: float | None = None) -> dict:
    """``figure`` (a dashboard chart as a dict) laid out as a slide with ``text`` around it.

    ``title=False`` leaves the title out (a deck slide shows it as the slide's own title)
    and starts with the subtitle. ``scale`` overrides the size of text and marks, which by
    default follows the image: 1 at 1920×1080, 0.667 at 1280×720.
    """
    width, height = size
    s = scale or min(width / BASE_WIDTH, height / BASE_HEIGHT)
    px = lambda v: v * s  # noqa: E731 - the one unit conversion of this function
    theme = config.theme
    layout = figure.setdefault("layout", {})
    base_font = (layout.get("template", {}).get("layout", {}).get("font", {}) or {}).get("size") or 13
    _scale_sizes(figure, px(BODY_PX) / base_font)

    usable = width - 2 * px(PAD_X)
    subtitle = _wrap_px(text.subtitle, usable, px(SUBTITLE_PX), max_lines=3)
    # plotly sets the subtitle a little below the title; the legend starts under both.
    title_h = px(TITLE_PX) * LINE_HEIGHT + px(20) if title else 0
    top_pad = px(PAD_TOP) if title else px(PAD_TOP) / 2
    header = top_pad + title_h + len(subtitle) * px(SUBTITLE_PX) * LINE_HEIGHT + px(24)

    showlegend = layout.get("showlegend", True) and any(t.get("showlegend", True) is not False for t in figure.get("data", []))
    legend_entry, legend_rows = _legend_grid(figure, usable, px(BODY_PX) * 0.9) if showlegend else (0.0, 0)
    legend_h = legend_rows * px(BODY_PX) * 1.75
    panel_titles = any(a.get("name") == "panel-title" for a in layout.get("annotations", []))
    top = header + legend_h + px(20) + (px(BODY_PX) * 1.8 if panel_titles else 0)

    footer_lines: list[tuple[str, float, str]] = []  # (text, font px, colour), top to bottom
    for line in _wrap_px(text.source, usable, px(FOOTER_PX)):
        footer_lines.append((line, px(FOOTER_PX), theme.text_colour))
    for line in _wrap_px("   ".join(text.notes), usable, px(NOTE_PX)):
        footer_lines.append((line, px(NOTE_PX), theme.muted_colour))
    footer_lines.append((text.made, px(NOTE_PX), theme.muted_colour))
    footer_h = sum(f * LINE_HEIGHT for _, f, _ in footer_lines)
    axis_band = _x_axis_band(layout, px(BODY_PX))
    footer_gap = px(40)  # between the axis title and the rule above the footer
    bottom = px(PAD_BOTTOM) + footer_h + footer_gap + axis_band

    left = px(PAD_X) + _y_label_width(layout, px(BODY_PX))
    right = px(PAD_X)
    plot_w = max(1.0, width - left - right)
    plot_h = max(1.0, height - top - bottom)

    def paper_x(x_px: float) -> float:  # pixels from the image's left edge → paper x
        return (x_px - left) / plot_w

    def paper_y(y_px: float) -> float:  # pixels from the image's top edge → paper y
        return (height - bottom - y_px) / plot_h

    annotations = list(layout.get("annotations", []))
    y = height - px(PAD_BOTTOM) - footer_h
    for line, font_px, colour in footer_lines:
        annotations.append(dict(
            name="slide-footer", text=_esc(line), xref="paper", yref="paper", x=paper_x(px(PAD_X)), y=paper_y(y),
            xanchor="left", yanchor="top", align="left", showarrow=False,
            font=dict(size=round(font_px, 1), color=colour, family=theme.font_family),
        ))
        y += font_px * LINE_HEIGHT
    rule_y = paper_y(height - px(PAD_BOTTOM) - footer_h - footer_gap / 2)
    shapes = list(layout.get("shapes", [])) + [dict(
        name="slide-footer-rule", type="line", xref="paper", yref="paper", x0=paper_x(px(PAD_X)), x1=paper_x(width - px(PAD_X)),
        y0=rule_y, y1=rule_y, line=dict(color=_rule_colour(theme), width=max(1, round(px(2)))),
    )]
    for annotation in annotations:
        if annotation.get("name") == "panel-title":
            annotation["font"] = {**annotation.get("font", {}), "size": round(px(BODY_PX), 1), "weight": "bold"}
    layout.update(
        width=width, height=height, autosize=False,
        margin=dict(l=left, r=right, t=top, b=bottom, pad=0, autoexpand=True),
        paper_bgcolor=theme.background_colour, plot_bgcolor=theme.background_colour,
        font={**layout.get("font", {}), "family": theme.font_family, "color": theme.text_colour, "size": round(px(BODY_PX), 1)},
        title=_title(text, subtitle, title, theme, px, width, height, top_pad),
        annotations=annotations, shapes=shapes,
    )
    if showlegend:
        layout["legend"] = {
            **layout.get("legend", {}), "orientation": "h", "xref": "container", "x": px(PAD_X) / width, "xanchor": "left",
            "yref": "container", "y": 1 - header / height, "yanchor": "top",
            "font": {**layout.get("legend", {}).get("font", {}), "size": round(px(BODY_PX) * 0.9, 1)},
            "entrywidth": round(legend_entry, 1), "entrywidthmode": "pixels",
        }
    return figure


def _title(text: SlideText, subtitle: list[str], with_title: bool, theme, px, width: int, height: int, top_pad: float) -> dict:
    """The title (bold) with the filters as its subtitle, or the filters alone."""
    place = dict(x=px(PAD_X) / width, xref="container", xanchor="left", y=1 - top_pad / height, yref="container", yanchor="top", pad=dict(t=0, b=0, l=0, r=0), automargin=False)
    sub_font = dict(size=round(px(SUBTITLE_PX), 1), color=theme.muted_colour, family=theme.font_family)
    lines = "<br>".join(_esc(line) for line in subtitle)
    if not with_title:
        return dict(text=lines, font=sub_font, **place)
    return dict(
        text=f"<b>{_esc(text.title)}</b>", font=dict(size=round(px(TITLE_PX), 1), color=theme.text_colour, family=theme.font_family),
        subtitle=dict(text=lines, font=sub_font), **place,
    )


def _rule_colour(theme) -> str:
    from dashboard.views.theme import GRID_COLOUR

    return GRID_COLOUR


def _scale_sizes(node, k: float, parent: str = "") -> None:
    """Multiply every size in px the chart set (fonts, markers, hatches, line widths,
    label standoffs) by ``k``, so the whole chart grows with the slide, not only its text."""
    if isinstance(node, list):
        for item in node:
            _scale_sizes(item, k, parent)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        scalable = (
            (key == "size" and (parent.endswith("font") or parent in ("marker", "pattern")))
            or (key == "width" and parent == "line")
            or key in ("ticklabelstandoff", "standoff")
        )
        if scalable:
            node[key] = _times(value, k)
            if key == "ticklabelstandoff":  # plotly accepts whole pixels only and drops a float
                node[key] = round(node[key])
        else:
            _scale_sizes(value, k, key)


def _times(value, k: float):
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return round(value * k, 2)
    if isinstance(value, (list, tuple)):
        return [_times(v, k) for v in value]
    try:  # numpy arrays from to_dict()
        return [_times(v, k) for v in value.tolist()]
    except AttributeError:
        return value


def _plain(text: str) -> str:
    """Plotly label markup reduced to the text people see (``<br>`` kept as newlines)."""
    import html
    import re

    text = re.sub(r"<br\s*/?>", "\n", str(text), flags=re.I)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _text_px(text: str, font_px: float) -> float:
    return max((len(line) for line in _plain(text).split("\n")), default=0) * font_px * CHAR_WIDTH


def _wrap_px(text: str, width_px: float, font_px: float, max_lines: int | None = None) -> list[str]:
    import textwrap

    if not text:
        return []
    per_line = max(20, int(width_px / (font_px * WRAP_CHAR_WIDTH)))
    lines = textwrap.wrap(text, width=per_line, break_long_words=False) or [text]
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: per_line - 1].rstrip() + "…"
    return lines


def _y_label_width(layout: dict, font_px: float) -> float:
    """Room for the widest category label on any y axis (0 when labels are hidden)."""
    widest = 0.0
    for key, axis in layout.items():
        if not key.startswith("yaxis") or not isinstance(axis, dict):
            continue
        if axis.get("showticklabels") is False or axis.get("visible") is False:
            continue
        labels = axis.get("ticktext") or []
        widest = max([widest, *(_text_px(label, font_px) for label in labels)])
        if (axis.get("title") or {}).get("text"):
            widest += font_px * 2
    return widest + (font_px * 0.8 if widest else 0)


def _x_axis_band(layout: dict, font_px: float) -> float:
    """Height below the lowest plot for its tick labels and axis title."""
    band = 0.0
    for key, axis in layout.items():
        if not key.startswith("xaxis") or not isinstance(axis, dict) or axis.get("visible") is False:
            continue
        height = font_px * 2.0
        if (axis.get("title") or {}).get("text"):
            height += font_px * 2.5
        band = max(band, height)
    return band


def _legend_grid(figure: dict, width_px: float, font_px: float) -> tuple[float, int]:
    """A horizontal legend as a grid: the width of one entry (the longest name, its symbol
    and a gap) and how many rows the figure's named traces take."""
    names = [t.get("name", "") for t in figure.get("data", []) if t.get("showlegend", True) is not False and t.get("name")]
    if not names:
        return 0.0, 0
    entry = max(_text_px(name, font_px) for name in names) + font_px * 4
    per_row = max(1, int(width_px // entry))
    return entry, -(-len(names) // per_row)


def _esc(text: str) -> str:
    import html

    return html.escape(str(text), quote=False)


def slide_image(
    name: str,
    figures: pd.DataFrame,
    events: pd.DataFrame,
    dataset: Dataset,
    filters: Filters,
    config: Config,
    *,
    format: str = "png",
    size: str | None = None,
    made_on: dt.date | None = None,
) -> bytes:
    """Chart ``name`` as a slide image (png or svg) of the named ``size``."""
    pixels = image_size(config, size)
    figure = slide_figure(name, figures, events, dataset, filters, config, size=pixels, made_on=made_on)
    return render_image(figure, format=format, width=pixels[0], height=pixels[1])
