"""Downloads from the page in a real browser: the files a user gets by clicking, opened the
way their programs would open them, and what the page says when the server is too busy to
make one. Uses the shared ``server`` and ``page`` fixtures; the busy case serves the app from
this process (``busy_server``) so the test itself can take the server's only render slot."""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import openpyxl
import pytest
import yaml
from PIL import Image
from playwright.sync_api import expect
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from werkzeug.serving import make_server

from dashboard import PROJECT_ROOT
from dashboard.analysis.frame import (
    Filters,
    apply_event_filters,
    apply_filters,
    events_frame,
    figures_frame,
    ratio_pairs,
)
from dashboard.config import load_config
from dashboard.outputs import gate
from dashboard.views.charts import CHARTS, plotted_rows
from test_dashboard import SUMMARY, ready, set_years

RETURNS_QUOTE = (
    "returned more than 24,000 individuals with no right to be in the UK since the General Election"
)
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


def test_clicking_slides_pptx_downloads_a_deck_of_the_2022_view(
    page, server, slide_text, shipped_dataset
):
    in_2022 = Filters(2022, 2022)
    figures = apply_filters(figures_frame(shipped_dataset), in_2022)
    events = apply_event_filters(events_frame(shipped_dataset), in_2022)
    drawn = [
        n for n in CHARTS if len(plotted_rows(n, figures, events))
    ]  # a chart with nothing in 2022 gets no slide
    open_view(page, server + "?year_from=2022&year_to=2022")
    name, content = click_download(page, "#download-view-pptx")
    assert name == f"programme-figures_2022_{dt.date.today().isoformat()}.pptx"
    deck = Presentation(io.BytesIO(content))
    titles = [s.shapes.title.text for s in deck.slides]
    charted = chart_slide_titles(titles[1:])
    assert [title for title, _ in charted] == [
        CHARTS[n].title for n in drawn
    ]  # each drawn chart, in page order
    after = 1 + sum(parts for _, parts in charted)
    if ratio_pairs(figures):  # over £7m since 2018 and its counts of people overlap 2022
        assert titles[after] == "Funding per person"
        after += 1
    assert all(t.startswith("Sources and quotes") for t in titles[after:]) and titles[after:]
    for slide in list(deck.slides)[
        1 : 1 + sum(parts for _, parts in charted)
    ]:  # bar charts native and editable, the rest a picture
        pictures = [s.shape_type for s in slide.shapes].count(MSO_SHAPE_TYPE.PICTURE)
        native = sum(1 for s in slide.shapes if getattr(s, "has_chart", False) and s.has_chart)
        bars = slide.shapes.title.text.startswith(
            tuple(CHARTS[n].title for n in ("funding", "people", "returns"))
        )
        assert (pictures, bool(native)) == ((0, True) if bars else (1, False)), (
            slide.shapes.title.text
        )
    text = "\n".join(slide_text(slide) for slide in deck.slides)
    assert "View: 2022 · all programmes · all metrics" in text
    assert f"“{FUNDING_QUOTE}”" in text
    assert RETURNS_QUOTE not in text  # its period (July 2024 – March 2025) misses 2022
    expect(page.locator("#view-download-status")).to_have_text(f"Downloaded {name}")
    assert not page.console.problems()


def chart_slide_titles(titles: list[str]) -> list[tuple[str, int]]:
    """The charts the deck's slides show from the first title on, each with how many slides it
    takes: "Returns" is one; "People (1 of 2)", "People (2 of 2)" is two, numbered in turn.
    Stops at the first slide that is not a chart's."""
    charts, i = [], 0
    while i < len(titles):
        numbered = re.fullmatch(r"(.+) \(1 of (\d+)\)", titles[i])
        title, count = (numbered.group(1), int(numbered.group(2))) if numbered else (titles[i], 1)
        if title not in {c.title for c in CHARTS.values()}:
            break
        if count > 1:
            assert titles[i : i + count] == [
                f"{title} ({k} of {count})" for k in range(1, count + 1)
            ]
        charts.append((title, count))
        i += count
    return charts


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
        assert sorted(images) == sorted(
            f"{name[:-4]}-{k}-of-{len(images)}.png" for k in range(1, len(images) + 1)
        )


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
    rows = list(openpyxl.load_workbook(io.BytesIO(content))["Data"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert {r[header.index("programme")] for r in body} == {"modern-slavery-fund-vietnam"}
    values = {
        r[header.index("id")]: r[header.index("value")] for r in body
    }  # the Data sheet: every CSV column (issue 19.5)
    assert values["msf-vietnam-victims-identified"] == 720


@pytest.fixture
def busy_server(shipped_dataset, tmp_path, monkeypatch):
    """``(url, config)``: the shipped data served from this process, as ``dashboard.wsgi``
    serves it (the Flask app on a threaded WSGI server), with one render slot and no room to
    wait for it (``renders_at_once: 1``, ``renders_waiting: 0``). A test that takes that slot
    itself (``gate.render_slot()``) fills the server the browser talks to: every image or
    deck download is then refused at once. The process's render limits are put back after."""
    from dashboard.web.app import create_app  # Dash only where a test serves the page

    settings = yaml.safe_load((PROJECT_ROOT / "config.yaml").read_text(encoding="utf-8"))
    settings["serving"].update(renders_at_once=1, renders_waiting=0)
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    config = load_config(path)
    monkeypatch.setattr(
        gate, "_GATE", gate._GATE
    )  # create_app sets this process's limits: restored at teardown
    app = create_app(shipped_dataset, config, PROJECT_ROOT / "seeds", PROJECT_ROOT / "data")
    http = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=http.serve_forever, name="busy-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}/", config
    http.shutdown()
    thread.join(timeout=10)
    http.server_close()


def is_download_answer(response) -> bool:
    """The answer to the page's download callback (Dash adds a query string to the path)."""
    return urlsplit(response.url).path.endswith("/_dash-update-component") and ".download.data" in (
        response.request.post_data or ""
    )


def test_a_download_while_every_render_slot_is_taken_says_try_again_and_the_filters_still_work(
    page, busy_server
):
    url, config = busy_server
    seconds = config.serving.retry_after_s
    open_view(page, url)
    before = page.locator(SUMMARY).text_content()
    status = page.locator("#view-download-status")
    expect(status).to_have_attribute(
        "role", "status"
    )  # a live region: screen readers announce what it says
    downloads, answers = [], []
    page.on("download", lambda download: downloads.append(download.suggested_filename))
    page.on(
        "response",
        lambda response: answers.append(response) if is_download_answer(response) else None,
    )
    with (
        gate.render_slot()
    ):  # the server's only slot, and no waiting room: every render slot is taken
        assert gate.renders_in_flight() == 1
        page.click("#download-view-pptx")  # a job: asked for, then polled until its answer
        expect(status).to_have_text(
            f"Too many image and deck downloads at once: the PPTX file was not made. Try again in {seconds} s."
        )
        expect(status).to_be_visible()
        assert all(a.status == 200 for a in answers) and answers[-1].headers.get(
            "retry-after"
        ) == str(seconds)
        set_years(page, 2022, 2022)  # still answered: the summary says 2022
        assert page.locator(SUMMARY).text_content() != before
        assert (
            gate.renders_in_flight() == 1
        )  # the slot was held throughout; the filter change needed none
    assert downloads == []  # no file, and no half file


def test_a_download_from_the_vietnamese_page_has_a_vietnamese_name(page, server, shipped_dataset):
    from dashboard.web.downloads import VIEW_TITLE, download_name
    from dashboard.words import Words

    open_view(page, server + "?year_from=2022&year_to=2022&lang=vi")
    name, content = click_download(page, "#download-view-csv")
    expected = download_name(VIEW_TITLE, Filters(2022, 2022), dt.date.today(), "csv", Words("vi"))
    assert name == expected.title != str(expected)  # the page's words, not the ASCII fallback
    assert content.startswith(b"\xef\xbb\xbf")  # the file itself, whatever its name
    expect(page.locator("#view-download-status")).to_have_text(f"Đã tải {name}")


def test_a_view_with_no_figures_downloads_nothing_and_the_page_says_why(
    page, server, shipped_dataset
):
    figures, events = figures_frame(shipped_dataset), events_frame(shipped_dataset)
    stated = set(zip(figures["programme"], figures["metric"]))
    every_year = (
        int(figures["period_start"].dt.year.min()),
        int(figures["period_end"].dt.year.max()),
    )
    programme, metric = (
        next(  # a programme and a metric no figure pairs, with no event: found, not pinned
            (p.id, m.id)
            for p in shipped_dataset.programmes
            for m in shipped_dataset.metrics
            if (p.id, m.id) not in stated
            and apply_event_filters(events, Filters(*every_year, (p.id,), (m.id,))).empty
        )
    )
    open_view(page, server + f"?programme={programme}&metric={metric}")
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.click("#download-view-csv")
    status = page.locator("#view-download-status")
    expect(status).to_have_text(
        re.compile(r"^Nothing to download: no figures match these filters \(")
    )  # said as it is, not as a failure
    expect(status).to_contain_text(shipped_dataset.programme(programme).name)
    assert downloads == []  # no empty file
