"""Downloads from the page in a real browser: the files a user gets by clicking, opened the
way their programs would open them. Uses the shared ``server`` and ``page`` fixtures."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
from PIL import Image
from playwright.sync_api import expect
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dashboard.analysis.frame import Filters, apply_event_filters, apply_filters, events_frame, figures_frame, ratio_pairs
from dashboard.views.charts import CHARTS, plotted_rows
from test_dashboard import ready

RETURNS_QUOTE = "returned more than 24,000 individuals with no right to be in the UK since the General Election"
FUNDING_QUOTE = "Since 2018 the UK has invested over £7 million"


def open_view(page, url: str) -> None:
    """Go to ``url`` and wait until every chart is drawn (each scrolled to) and no callback is running."""
    page.goto(url)
    ready(page)


def click_download(page, button: str) -> tuple[str, bytes]:
    with page.expect_download(timeout=90_000) as info:
        page.click(button)
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def test_clicking_slides_pptx_downloads_a_deck_of_the_2022_view(page, server, slide_text, shipped_dataset):
    in_2022 = Filters(2022, 2022)
    figures = apply_filters(figures_frame(shipped_dataset), in_2022)
    events = apply_event_filters(events_frame(shipped_dataset), in_2022)
    drawn = [n for n in CHARTS if len(plotted_rows(n, figures, events))]  # a chart with nothing in 2022 gets no slide
    open_view(page, server + "?year_from=2022&year_to=2022")
    name, content = click_download(page, "#download-view-pptx")
    assert name == f"programme-figures_2022_{dt.date.today().isoformat()}.pptx"
    deck = Presentation(io.BytesIO(content))
    titles = [s.shapes.title.text for s in deck.slides]
    after = 1 + len(drawn)
    assert titles[1:after] == [CHARTS[n].title for n in drawn]
    if ratio_pairs(figures):  # over £7m since 2018 and its counts of people overlap 2022
        assert titles[after] == "Funding per person"
        after += 1
    assert all(t.startswith("Sources and quotes") for t in titles[after:]) and titles[after:]
    for slide in list(deck.slides)[1 : 1 + len(drawn)]:
        assert [s.shape_type for s in slide.shapes].count(MSO_SHAPE_TYPE.PICTURE) == 1
    text = "\n".join(slide_text(slide) for slide in deck.slides)
    assert "View: 2022 · all programmes · all metrics" in text
    assert f"“{FUNDING_QUOTE}”" in text
    assert RETURNS_QUOTE not in text  # its period (July 2024 – March 2025) misses 2022
    expect(page.locator("#view-download-status")).to_have_text(f"Downloaded {name}")
    assert not page.console.problems()


def slide_images(name: str, content: bytes) -> dict[str, bytes]:
    """The slide images of a chart's image download: one PNG, or, for a chart that needs
    several slides to stay readable, a ZIP of one PNG per slide (``…-1-of-2.png`` …)."""
    if name.endswith(".png"):
        return {name: content}
    assert name.endswith(".zip"), name
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {entry: archive.read(entry) for entry in archive.namelist()}


def assert_slide_sized(images: dict[str, bytes]) -> None:
    for content in images.values():
        with Image.open(io.BytesIO(content)) as png:
            assert png.size == (1920, 1080) and png.mode == "RGB"


def test_clicking_a_charts_png_downloads_a_slide_sized_image(page, server):
    open_view(page, server)
    name, content = click_download(page, "#download-funding-png")
    assert name.startswith("funding-by-programme_")
    images = slide_images(name, content)
    assert_slide_sized(images)
    if len(images) > 1:  # a chart on several slides: each names its place
        assert sorted(images) == sorted(f"{name[:-4]}-{k}-of-{len(images)}.png" for k in range(1, len(images) + 1))


def test_a_chart_too_full_for_one_slide_downloads_as_a_zip_of_its_slides(page, crowded_server):
    open_view(page, crowded_server)
    name, content = click_download(page, "#download-funding-png")
    assert name.startswith("funding-by-programme_") and name.endswith(".zip")
    images = slide_images(name, content)
    assert len(images) >= 2 and all(f"-of-{len(images)}.png" in entry for entry in images)
    assert_slide_sized(images)


def test_clicking_excel_downloads_the_filtered_figures_as_numbers(page, server):
    open_view(page, server + "?programme=modern-slavery-fund-vietnam")
    name, content = click_download(page, "#download-view-xlsx")
    assert name.endswith(".xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(content))["Figures"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert {r[header.index("programme")] for r in body} == {"modern-slavery-fund-vietnam"}
    values = {r[header.index("id")]: r[header.index("value")] for r in body}  # readable columns first, ids after (issue 9)
    assert values["msf-vietnam-victims-identified"] == 720
