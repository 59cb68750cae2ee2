"""Under gunicorn, image and deck downloads are drawn in a render process apart from the
page's worker (dashboard.web.offload): the page gets the same file, the drawing runs at a
lower priority in another process, and a render process that dies is replaced: one
"try again" at most, never a hang or a server error.

A wait here is bounded only so that a hang fails the test instead of freezing the suite.
"""

from __future__ import annotations

import json
import os
import signal
import time

import pytest

from dashboard.web import offload
from dashboard.web.app import create_app
from dashboard.web.callbacks import DOWNLOAD_BUTTONS
from dashboard.web.urlstate import default_filters

pytestmark = pytest.mark.chromium


@pytest.fixture(scope="module")
def apart(dataset, config):
    app = create_app(dataset, config)
    process = offload.draw_apart(app, dataset, config)
    yield app, process
    process.close()


def download(app, button: str) -> dict:
    """The answer to a click on ``button``, drawn now: files made before are forgotten first
    (the store would answer at once, and these tests are about the drawing)."""
    from dashboard.web.jobmanagers import JOBS_KEY

    app.server.config[JOBS_KEY].store.cache.clear()
    output = next(
        key for key in app.callback_map if key.startswith("..download.data@")
    )  # the drawing downloads' job
    spec = app.callback_map[output]
    values = {"filter-years": None, "filter-programmes": None, "filter-metric": None}

    def entry(item):
        value = 1 if item["id"] == button else values.get(item["id"])
        return {"id": item["id"], "property": item["property"], "value": value}

    body = {
        "output": output,
        "outputs": [
            {"id": "download", "property": "data"},
            {"id": "view-download-status", "property": "children"},
        ],
        "inputs": [entry(i) for i in spec["inputs"]],
        "state": [entry(s) for s in spec["state"]],
        "changedPropIds": [f"{button}.n_clicks"],
    }
    return job_answer(app.server.test_client(), body)


def job_answer(client, body: dict, bound_s: float = 120) -> dict:
    """Ask for a job as the page does, then poll for it (as Dash's background callbacks do) until its answer."""
    response = client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200, response.data[:200]
    handles, deadline = response.get_json(), time.monotonic() + bound_s
    while True:
        response = client.post(
            "/_dash-update-component",
            query_string={"cacheKey": handles["cacheKey"], "job": handles["job"]},
            data=json.dumps(body),
            content_type="application/json",
        )
        assert response.status_code == 200, response.data[:200]
        if "response" in response.get_json():
            return response.get_json()["response"]
        assert time.monotonic() < deadline, "the job never answered"
        time.sleep(0.05)


def button_for(kind: str, chart: str | None = "people") -> str:
    """The button of ``kind`` (of ``chart``'s, for a chart format): the people chart fits one slide
    with the shipped data, so its image is one file, not a ZIP of parts."""
    return next(
        b for b, (k, c) in DOWNLOAD_BUTTONS.items() if k == kind and (c is None or c == chart)
    )


def niceness(pid: int) -> int:
    return int(open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[16])


def test_a_deck_download_is_drawn_in_a_niced_process_apart_from_the_page(apart):
    app, process = apart
    answer = download(app, button_for("pptx"))
    assert answer["download"]["data"]["filename"].endswith(".pptx")
    assert (
        answer["download"]["data"]["base64"] is True
        and len(answer["download"]["data"]["content"]) > 1000
    )
    assert process.pid is not None and process.pid != os.getpid()
    lowest = 19  # the kernel's floor: a page already niced cannot be lowered past it
    assert niceness(process.pid) >= min(niceness(os.getpid()) + offload.NICE, lowest)


def test_the_page_s_pdf_button_gives_the_brief_drawn_apart_with_a_link_back_to_the_page_it_came_from(
    apart, tmp_path
):
    import base64
    import subprocess

    app, _process = apart
    answer = download(app, button_for("pdf"))
    assert answer["download"]["data"]["filename"].endswith(".pdf")
    pdf = base64.b64decode(answer["download"]["data"]["content"])
    (tmp_path / "brief.pdf").write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-raw", str(tmp_path / "brief.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    text = " ".join(text.split())  # a footer line wrapped anywhere reads as one
    from dashboard.web.app import app_state
    from dashboard.web.downloads import site_address

    # the site's address (serving.public_url, else server.host:port), never the request's Host: as the CLI writes it
    assert f"View online: {site_address(app_state(app).config)}" in text
    status = app.server.test_client().get("/status").get_json()
    assert f"Data version {status['data_version']}" in text  # the version /status reports, on paper


def test_an_image_drawn_apart_is_the_image_drawn_in_the_worker(apart, dataset, config):
    from dashboard.web.downloads import build_download

    _app, process = apart
    filters = default_filters(dataset, config.defaults)
    name, png = process.download("png", filters, "people")
    here_name, here = build_download("png", filters, dataset, config, chart="people")
    assert name == here_name and png[:8] == b"\x89PNG\r\n\x1a\n"
    from dashboard.outputs.imagecheck import png_size

    assert png_size(png) == png_size(here)


def test_a_render_process_killed_while_idle_is_replaced_and_the_next_download_is_made(apart):
    app, process = apart
    download(app, button_for("svg"))
    dead = process.pid
    os.kill(dead, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while (
        os.path.exists(f"/proc/{dead}")
        and open(f"/proc/{dead}/stat").read().rsplit(")", 1)[1].split()[0] != "Z"
    ):
        assert time.monotonic() < deadline, "the killed process never went"
        time.sleep(0.05)
    answer = download(app, button_for("svg"))
    assert "download" in answer, answer
    assert answer["download"]["data"]["filename"].endswith(".svg")
    assert process.pid != dead


def test_a_render_process_killed_while_drawing_is_a_retryable_message_then_recovers(
    apart, dataset, config
):
    from dashboard.outputs.errors import RenderFailed
    import threading

    app, process = apart
    download(app, button_for("svg"))  # running and warm
    victim = process.pid
    killer = threading.Timer(0.3, lambda: os.kill(victim, signal.SIGKILL))
    killer.start()
    try:
        with pytest.raises(RenderFailed, match="try again"):
            for _ in range(200):  # decks until the kill lands in one
                process.download("pptx", default_filters(dataset, config.defaults))
    finally:
        killer.cancel()
    answer = download(app, button_for("pptx"))
    assert answer["download"]["data"]["filename"].endswith(".pptx")
    assert process.pid != victim


def test_a_links_preview_image_is_drawn_in_the_render_process_too(apart, monkeypatch):
    """``/preview.png`` is work a stranger can ask for: under gunicorn it takes the same render
    process and bound as a download, never the page worker's own browser."""
    from dashboard.outputs.imagecheck import png_size
    from dashboard.web import preview

    app, process = apart

    def in_the_worker(*args, **kwargs):
        raise AssertionError("the preview was drawn in the page's worker")

    monkeypatch.setattr(preview, "preview_png", in_the_worker)
    answer = app.server.test_client().get("/preview.png?lang=vi")
    assert answer.status_code == 200, answer.data[:200]
    assert png_size(answer.data) == (1200, 630)
    assert process.pid is not None
