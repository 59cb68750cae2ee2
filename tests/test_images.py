"""Slide images: the pixel size asked for, opaque PNG, editable SVG text, the chart's
context composed inside the image, one warm browser, and clear errors without one.

Every render here goes through the process's one warm renderer (``images.renderer()``),
so the browser starts once for the whole test session.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from dashboard.views import charts

from dashboard.outputs import export, images
from dashboard.outputs import renderer as rendering
from dashboard.cli import main
from dashboard.analysis.fmt import QUALIFIER_NOTES
from dashboard.analysis.frame import (
    Filters,
    apply_event_filters,
    apply_filters,
    events_frame,
    figures_frame,
    year_span,
)
from dashboard.curated.records import Qualifier
from test_slide_readability import font_sizes  # every font size in a figure dict

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample"  # fictional: see its README
MADE = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def warm():
    """The shared warm renderer (started once per process, stopped at exit)."""
    return images.renderer()


def view(dataset, filters: Filters | None = None):
    filters = filters or Filters(*year_span(dataset))
    return (
        apply_filters(figures_frame(dataset), filters),
        apply_event_filters(events_frame(dataset), filters),
        filters,
    )


def image(name, dataset, config, *, format="png", size=None, filters=None) -> bytes:
    figures, events, filters = view(dataset, filters)
    slides = images.slide_images(
        name, figures, events, dataset, filters, config, format=format, size=size, made_on=MADE
    )
    assert len(slides) == 1  # the sample's charts fit one slide each
    return slides[0]


def svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return ["".join(e.itertext()) for e in root.iter("{http://www.w3.org/2000/svg}text")]


# --- pixel size and opacity ---------------------------------------------------------------


@pytest.mark.chromium  # draws with headless Chromium
def test_the_default_png_is_1920_by_1080_and_opaque(warm, dataset, config):
    data = image("people", dataset, config)
    with Image.open(io.BytesIO(data)) as png:
        assert png.size == (1920, 1080)
        assert png.mode == "RGB"  # no alpha channel: cannot turn see-through on a dark slide


@pytest.mark.chromium  # draws with headless Chromium
@pytest.mark.parametrize(("size", "pixels"), [("hd", (1280, 720)), ("standard_4_3", (1440, 1080))])
def test_each_configured_size_gives_exactly_those_pixels(warm, dataset, config, size, pixels):
    assert config.exports.image_sizes[size] == pixels
    data = image("people", dataset, config, size=size)
    assert images.png_size(data) == pixels
    with Image.open(io.BytesIO(data)) as png:
        assert png.size == pixels and png.mode == "RGB"


def test_an_unknown_size_names_the_sizes_there_are(config):
    with pytest.raises(
        images.ExportError,
        match=r"unknown image size 'poster'; choose one of: widescreen \(1920×1080\), hd",
    ):
        images.image_size(config, "poster")


def test_a_png_of_the_wrong_size_is_refused_not_passed_on():
    wrong = images.opaque_png(_blank_png(700, 500))
    with pytest.raises(
        images.RenderFailed, match="asked for 1920×1080 px, the renderer made 700×500 px"
    ):
        images._checked(wrong, "png", 1920, 1080)


def _blank_png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (255, 255, 255, 0)).save(out, format="PNG")
    return out.getvalue()


def test_a_transparent_png_is_flattened_to_opaque_rgb():
    with Image.open(io.BytesIO(images.opaque_png(_blank_png(20, 10)))) as png:
        assert png.mode == "RGB" and png.getpixel((0, 0)) == (255, 255, 255)


# --- what the image says ------------------------------------------------------------------


@pytest.mark.chromium  # draws with headless Chromium
def test_the_svg_keeps_title_filters_source_qualifiers_and_date_as_editable_text(
    warm, dataset, config
):
    figures, events, filters = view(dataset, None)
    # the funding chart's panels (a total over years, one year's, a span not stated) take more than one slide
    parts = images.slide_images(
        "funding", figures, events, dataset, filters, config, format="svg", made_on=MADE
    )
    assert all(images.svg_size(data) == (1920, 1080) for data in parts)
    texts = [t for data in parts for t in svg_texts(data)]
    joined = " ".join(texts)
    assert any(t.startswith("Funding by programme") for t in texts)
    assert Filters(*year_span(dataset)).describe(dataset) in texts
    assert (
        "Source: UK and Ruritania sign agreement to tackle human trafficking — Ministry of Examples, Apr 2025 (inferred)"
        in joined
    )  # the article prints no date
    assert "Over: the source gives a lower bound" in joined
    assert "Up to: the source gives an upper bound" in joined
    assert "Made 22 Nov 2026 · " + config.title in texts
    assert "over £7m" in joined  # the value labels keep their qualifier word
    # No raster and no text in a picture: the only pictures are the keys' vector swatches.
    import base64

    for data in parts:
        pictures = re.findall(rb'<image[^>]*href="data:([^;]+);base64,([^"]+)"', data)
        assert data.count(b"<image") == len(pictures)
        assert all(
            kind == b"image/svg+xml" and b"<text" not in base64.b64decode(body)
            for kind, body in pictures
        )


@pytest.mark.chromium  # draws with headless Chromium
def test_a_2022_image_names_2022_in_its_subtitle_and_says_when_a_chart_is_empty(
    warm, dataset, config
):
    texts = svg_texts(image("returns", dataset, config, format="svg", filters=Filters(2022, 2022)))
    assert "2022 · all programmes · all metrics" in texts
    assert any(t.startswith("No returns figures") and "2022" in t for t in texts)


def test_every_text_on_a_1920_slide_is_at_least_18_px(dataset, config):
    figures, events, filters = view(dataset)
    for name in charts.CHARTS:
        figure = images.slide_figure(name, figures, events, dataset, filters, config, made_on=MADE)
        sizes = list(font_sizes(figure))
        assert sizes, name
        assert min(sizes) >= 18, (
            f"{name}: a {min(sizes)} px text is too small for a projected slide"
        )
        assert figure["layout"]["title"]["font"]["size"] >= 40


@pytest.mark.parametrize("size", ["widescreen", "hd", "standard_4_3"])
def test_every_slide_figure_is_valid_plotly_so_nothing_is_silently_dropped_when_drawn(
    dataset, config, size
):
    """plotly.js ignores a property it cannot read (a float label gap drew labels against
    the axis); plotly.py's validation names it instead."""
    import plotly.graph_objects as go

    figures, events, filters = view(dataset)
    pixels = config.exports.image_sizes[size]
    for name in charts.CHARTS:
        go.Figure(
            images.slide_figure(
                name, figures, events, dataset, filters, config, size=pixels, made_on=MADE
            )
        )


def test_the_footer_sits_inside_the_image_below_the_plot(dataset, config):
    figures, events, filters = view(dataset)
    figure = images.slide_figure("people", figures, events, dataset, filters, config, made_on=MADE)
    layout = figure["layout"]
    plot_h = 1080 - layout["margin"]["t"] - layout["margin"]["b"]
    footers = [a for a in layout["annotations"] if a.get("name") == "slide-footer"]
    assert [a["text"] for a in footers][-1] == "Made 22 Nov 2026 · " + config.title
    for annotation in footers:
        y_px = 1080 - layout["margin"]["b"] - annotation["y"] * plot_h  # from the top edge
        assert 1080 - layout["margin"]["b"] < y_px < 1080 - 20


def test_qualifier_notes_come_from_fmt_and_only_for_qualifiers_shown(dataset, config):
    figures, events, filters = view(dataset)
    text = images.slide_text("people", figures, events, dataset, filters, config, MADE)
    assert QUALIFIER_NOTES[Qualifier.AT_LEAST] in text.notes
    assert QUALIFIER_NOTES[Qualifier.AT_MOST] not in text.notes


# --- one warm browser ----------------------------------------------------------------------


@pytest.mark.chromium  # draws with headless Chromium
def test_every_image_of_the_process_reuses_one_browser(warm, dataset, config):
    before = images.renderer()._kaleido.subprocess.pid
    image("returns", dataset, config, size="hd")
    image("timeline", dataset, config, format="svg", size="hd")
    assert images.renderer() is warm
    assert images.renderer()._kaleido.subprocess.pid == before


@pytest.mark.chromium  # draws with headless Chromium
def test_several_images_render_together_with_their_own_content(warm, dataset, config):
    figures, events, filters = view(dataset)
    figs = [
        images.slide_figure(
            n, figures, events, dataset, filters, config, size=(1280, 720), made_on=MADE
        )
        for n in ("funding", "returns")
    ]
    first, second = images.render_images(figs, format="svg", width=1280, height=720)
    assert "Funding by programme" in svg_texts(first) and "Returns" not in svg_texts(first)
    assert "Returns" in svg_texts(second) and "Funding by programme" not in svg_texts(second)


@pytest.mark.chromium  # draws with headless Chromium
def test_threads_rendering_at_once_each_get_their_own_image(warm, dataset, config, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from dashboard.outputs import gate

    monkeypatch.setattr(gate, "_GATE", gate._Gate(gate.RenderLimits(at_once=8, waiting=0)))
    figures, events, filters = view(dataset)
    names = (list(charts.CHARTS) * 8)[:8]  # eight renders at once, the gate's limit below
    figs = [
        images.slide_figure(
            n, figures, events, dataset, filters, config, size=(1280, 720), made_on=MADE
        )
        for n in names
    ]
    with ThreadPoolExecutor(max_workers=len(figs)) as pool:  # as Dash serves two clicks at once
        results = list(
            pool.map(lambda f: images.render_image(f, format="svg", width=1280, height=720), figs)
        )
    for name, data in zip(names, results):
        assert charts.CHARTS[name].title in svg_texts(data), name


@pytest.mark.chromium  # draws with headless Chromium
def test_prewarm_starts_the_shared_renderer_so_the_first_download_finds_it_running():
    images.shutdown()  # as in a server process that has drawn nothing yet: prewarm alone must start one
    assert rendering._RENDERER is None
    images.prewarm().join(timeout=60)  # a guard against a hang, not a speed target
    started = rendering._RENDERER  # read directly: rendering.renderer() would start one itself
    assert started is not None and started.running


# --- no browser ---------------------------------------------------------------------------


def test_a_missing_browser_says_how_to_install_one(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(images.BrowserMissing, match=r"apt-get install -y chromium.*BROWSER_PATH"):
        images.find_browser()


def test_no_browser_anywhere_is_the_same_clear_error(monkeypatch):
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    from dashboard.outputs import chromium  # where the browser is looked for

    monkeypatch.setattr(chromium.shutil, "which", lambda name: None)
    monkeypatch.setattr(chromium, "TYPICAL_PATHS", ())
    with pytest.raises(images.BrowserMissing, match="No Chromium or Chrome found"):
        images.find_browser()


def _fake_browser(tmp_path: Path, body: str) -> str:
    path = tmp_path / "fake-browser"
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(0o755)
    return str(path)


def test_a_browser_that_never_answers_fails_within_its_timeout_instead_of_hanging(tmp_path):
    renderer = images.Renderer(_fake_browser(tmp_path, "exec sleep 120"), start_timeout=3)
    with pytest.raises(images.RenderFailed, match="did not start within 3 s"):
        renderer.render({"data": [], "layout": {}}, format="png", width=200, height=100)
    assert not renderer.running


def test_a_browser_that_exits_at_once_is_a_clear_error(tmp_path):
    renderer = images.Renderer(_fake_browser(tmp_path, "exit 1"), start_timeout=10)
    with pytest.raises(
        images.RenderFailed,
        match=r"could not start .*closed right after starting\. Install Chromium",
    ):
        renderer.start()


# --- the CLI --------------------------------------------------------------------------------


def cli(*args: str, env=None):
    return CliRunner().invoke(
        main,
        [
            *args,
            "--data",
            str(SAMPLE / "data"),
            "--seeds",
            str(SAMPLE / "seeds"),
            "--config",
            str(ROOT / "config.yaml"),
        ],
        env=env,
    )


@pytest.mark.chromium  # draws with headless Chromium
def test_cli_png_writes_one_file_per_chart_into_the_folder_with_a_progress_bar(warm, tmp_path):
    result = cli(
        "export",
        "--format",
        "png",
        "-o",
        str(tmp_path / "slides"),
        "--year-to",
        "2024",
        "--size",
        "hd",
    )
    assert result.exit_code == 0, result.output
    assert f"Drawing {len(charts.CHARTS)} PNG images" in result.output
    today = dt.date.today().isoformat()
    names = sorted(p.name for p in (tmp_path / "slides").iterdir())
    assert names == sorted(
        f"{slug}_2018-2024_{today}.png"
        for slug in (export.slug(c.file_title) for c in charts.CHARTS.values())
    )
    for path in (tmp_path / "slides").iterdir():
        assert images.png_size(path.read_bytes()) == (1280, 720)


@pytest.mark.chromium  # draws with headless Chromium
def test_cli_chart_option_writes_that_one_chart(warm, tmp_path):
    result = cli("export", "--format", "svg", "--chart", "timeline", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    (written,) = tmp_path.iterdir()
    assert re.fullmatch(r"timeline-of-events_2018-\d{4}_\d{4}-\d\d-\d\d\.svg", written.name)
    assert "Timeline of events" in svg_texts(written.read_bytes())


def test_cli_without_a_browser_prints_the_install_hint_and_writes_nothing(tmp_path):
    result = cli(
        "export",
        "--format",
        "png",
        "-o",
        str(tmp_path / "slides"),
        env={"BROWSER_PATH": "/nonexistent/chromium"},
    )
    assert result.exit_code == 1
    assert "apt-get install -y chromium" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "slides").exists()


@pytest.mark.chromium  # draws with headless Chromium
def test_cli_refuses_a_file_where_png_needs_a_folder(tmp_path):
    target = tmp_path / "slides.png"
    target.write_bytes(b"")
    result = cli("export", "--format", "png", "-o", str(target))
    assert result.exit_code == 1 and "-o names a folder" in result.output


@pytest.fixture(autouse=True, scope="module")
def _no_browser_env_leak():
    before = os.environ.get("BROWSER_PATH")
    yield
    assert os.environ.get("BROWSER_PATH") == before
