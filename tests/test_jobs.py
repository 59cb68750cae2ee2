"""Downloads that draw run as jobs (dashboard.web.jobs): the page asks, then polls as Dash's
background callbacks do, seeing progress until the file comes. A stand-in browser draws
(its pictures are not checked), so these tests need no Chromium; the real one draws in
tests/browser/test_page_downloads.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import threading
import time
from dataclasses import replace

import pytest

from dashboard.config import load_config
from dashboard.outputs import renderer
from dashboard.outputs.filestore import JOBS
from dashboard.web.app import create_app
from dashboard.web.jobmanagers import JOB_BUTTONS, JOBS_KEY
from tests.test_serving import body_for, filter_change, post

GUARD_S = 60  # only so that a hang fails


def _tiny_png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(out, format="PNG")
    return out.getvalue()


PICTURE = _tiny_png()


class StandInBrowser:
    """Draws every picture as a few bytes; ``hold`` keeps each drawing waiting until released."""

    def __init__(self, hold: threading.Event | None = None) -> None:
        self.hold, self.drawn, self.entered = hold, 0, threading.Semaphore(0)

    def __call__(self):
        return self

    def render(self, *args, **kwargs) -> bytes:
        self.entered.release()
        if self.hold is not None:
            assert self.hold.wait(GUARD_S)
        self.drawn += 1
        return PICTURE


@pytest.fixture
def browser(monkeypatch):
    stand_in = StandInBrowser()
    monkeypatch.setattr(renderer, "renderer", stand_in)
    monkeypatch.setattr(renderer, "checked", lambda data, *_: data)
    return stand_in


def click(app, kind: str, language: str | None = None) -> dict:
    """The request the page sends when the first button of format ``kind`` is clicked."""
    button = next(b for b, (k, _) in JOB_BUTTONS.items() if k == kind)
    body = body_for(app, "..download.data@", changed=[f"{button}.n_clicks"], clicked=button)
    if language:
        for entry in body["state"]:
            if entry["id"] == "page-language":
                entry["value"] = language
    return body


def end_id(app) -> str:
    """The signed id of a page load, which the page's script sends with every callback."""
    if not hasattr(app, "_test_end_id"):
        html = app.server.test_client().get("/").get_data(as_text=True)
        config = re.search(
            r'<script id="_dash-config" type="application/json">(.*?)</script>', html, re.S
        ).group(1)
        app._test_end_id = json.loads(config)["end_id"]
    return app._test_end_id


def ask(app, body, *, from_page: bool = True) -> dict:
    answer = ask_answer(app, body, from_page=from_page)
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    return answer.get_json()


def ask_answer(app, body, *, from_page: bool = True):
    """The answer to a click, as the page sends it (with its load's ``endId``) or as a direct request."""
    return app.server.test_client().post(
        "/_dash-update-component",
        query_string={"endId": end_id(app)} if from_page else {},
        data=json.dumps(body),
        content_type="application/json",
    )


def poll(app, body, handles: dict, *, until_done: bool = True):
    """Poll the job as the page does; every answer until the last (or the first, when not ``until_done``)."""
    seen, deadline = [], time.monotonic() + GUARD_S
    while True:
        answer = app.server.test_client().post(
            "/_dash-update-component",
            query_string={
                "endId": end_id(app),
                "cacheKey": handles["cacheKey"],
                "job": handles["job"],
            },
            data=json.dumps(body),
            content_type="application/json",
        )
        seen.append(answer)
        assert answer.status_code in (200, 204), (
            answer.status_code,
            answer.get_data(as_text=True)[:300],
        )
        if (
            not until_done or answer.status_code == 204 or "response" in answer.get_json()
        ):  # 204: nothing to change
            return seen
        assert time.monotonic() < deadline, "the job never finished"
        time.sleep(0.02)


def fetched(app, body):
    answers = poll(app, body, ask(app, body))
    return answers, answers[-1].get_json()["response"]


def held_browser(monkeypatch) -> tuple[threading.Event, StandInBrowser]:
    """A stand-in browser that holds each picture until ``hold`` is set, in place of Chromium."""
    hold = threading.Event()
    stand_in = StandInBrowser(hold)
    monkeypatch.setattr(renderer, "renderer", stand_in)
    monkeypatch.setattr(renderer, "checked", lambda data, *_: data)
    return hold, stand_in


def test_a_deck_is_made_as_a_job_and_the_page_sees_each_chart_drawn_then_the_file(
    dataset, monkeypatch
):
    hold, stand_in = held_browser(monkeypatch)
    app = create_app(dataset, load_config(None))
    body = click(app, "pptx")
    handles = ask(app, body)
    try:
        assert stand_in.entered.acquire(timeout=GUARD_S), "the deck's first chart was never drawn"
        answers = poll(app, body, handles, until_done=False)  # while the first chart is being drawn
    finally:
        hold.set()
    answers += poll(app, body, handles)
    response = answers[-1].get_json()["response"]
    assert response["download"]["data"]["filename"].endswith(".pptx")
    assert "Downloaded" in response["view-download-status"]["children"]
    steps = [a.get_json()["progress"] for a in answers if "progress" in a.get_json()]
    assert steps, "no progress was reported"
    said = [s["job-progress.aria-valuetext"] for s in steps]
    total = steps[-1]["job-progress.aria-valuemax"]
    assert total > 1 and any(
        text.startswith("Drawing chart ") and text.endswith(f" of {total}") for text in said
    ), said
    assert all(s["job-step.children"] == s["job-progress.aria-valuetext"] for s in steps)
    assert [s["job-progress.aria-valuenow"] for s in steps] == sorted(
        s["job-progress.aria-valuenow"] for s in steps
    )


def test_the_vietnamese_page_hears_its_progress_in_vietnamese(dataset, browser):
    app = create_app(dataset, load_config(None))
    answers, response = fetched(app, click(app, "pptx", language="vi"))
    said = [
        a.get_json()["progress"]["job-progress.aria-valuetext"]
        for a in answers
        if "progress" in a.get_json()
    ]
    assert said and all("Drawing" not in text for text in said)
    assert "Đã tải" in response["view-download-status"]["children"]


def test_the_same_file_asked_for_again_comes_from_the_store_without_drawing(dataset, browser):
    app = create_app(dataset, load_config(None))
    _, first = fetched(app, click(app, "pptx"))
    drawn = browser.drawn
    other = create_app(dataset, load_config(None))  # another web process, the same store
    answers, again = fetched(other, click(other, "pptx"))
    assert browser.drawn == drawn, "the deck was drawn a second time"
    assert again["download"]["data"] == first["download"]["data"]
    assert ask(other, click(other, "pptx"))["job"].startswith("made"), (
        "a stored file still started a job"
    )


def test_after_a_data_reload_a_file_of_the_old_data_is_not_served(dataset, browser):
    from dashboard.web.state import STATE_KEY

    app = create_app(dataset, load_config(None))
    fetched(app, click(app, "pptx"))
    drawn = browser.drawn
    state = app.server.config[STATE_KEY]
    app.server.config[STATE_KEY] = replace(state, version="reloaded0000")  # what a reload changes
    fetched(app, click(app, "pptx"))
    assert browser.drawn > drawn, "a file of the old data version was served after the reload"


def test_past_the_queue_limit_the_page_is_told_busy_a_direct_request_gets_429_and_filters_still_answer(
    dataset, monkeypatch
):
    hold, stand_in = held_browser(monkeypatch)
    config = load_config(None)
    config = replace(config, serving=replace(config.serving, jobs_queued=1))
    app = create_app(dataset, config)
    running = click(app, "png")
    held = ask(app, running)
    try:
        assert stand_in.entered.acquire(timeout=GUARD_S), "the first job never started drawing"
        other = click(app, "svg")
        refused = poll(app, other, ask(app, other))[-1]
        said = refused.get_json()["response"]["view-download-status"]["children"]
        assert f"try again in {config.serving.retry_after_s} s" in said
        assert refused.headers["Retry-After"] == str(config.serving.retry_after_s)
        assert "download" not in refused.get_json()["response"]
        assert "cards" in post(app.server.test_client(), filter_change(app)).get_json()["response"]
        direct = ask_answer(
            app, other, from_page=False
        )  # a script, not a page: told at once, in HTTP
        assert direct.status_code == 429 and direct.headers["Retry-After"] == str(
            config.serving.retry_after_s
        )
        assert "try again in" in direct.get_data(as_text=True)
    finally:
        hold.set()
    done = poll(app, running, held)[-1].get_json()["response"]
    assert done["download"]["data"]["filename"].endswith(
        (".png", ".zip")
    )  # a chart on several slides comes zipped


def test_cancel_stops_the_job_at_its_next_picture_and_keeps_no_file(dataset, monkeypatch):
    hold, stand_in = held_browser(monkeypatch)
    app = create_app(dataset, load_config(None))
    manager = app.server.config[JOBS_KEY]
    body = click(app, "pptx")
    handles = ask(app, body)
    assert stand_in.entered.acquire(timeout=GUARD_S)
    job = next(iter(manager.store.cache.get(JOBS)))
    manager.terminate_job(job)  # what Dash does when Cancel is pressed
    hold.set()
    last = poll(app, body, handles)[-1]
    drawn = stand_in.drawn
    assert drawn < 3, f"{drawn} pictures drawn after Cancel"
    assert last.status_code == 204 or "download" not in last.get_json()["response"], (
        "a cancelled job still gave its file"
    )
    assert not ask(app, body)["job"].startswith("made"), "a cancelled file was kept"


def test_a_job_whose_process_died_is_reported_as_stopped_not_left_spinning(dataset, monkeypatch):
    hold, stand_in = held_browser(monkeypatch)
    app = create_app(dataset, load_config(None))
    manager = app.server.config[JOBS_KEY]
    body = click(app, "pptx")
    handles = ask(app, body)
    try:
        assert stand_in.entered.acquire(timeout=GUARD_S)
        gone = subprocess.Popen(["true"])
        gone.wait()
        jobs = manager.store.cache.get(JOBS)
        manager.store.cache.set(
            JOBS, {job: (gone.pid, at) for job, (_, at) in jobs.items()}
        )  # its worker was killed
        answer = poll(app, body, handles)[-1].get_json()["response"]
    finally:
        hold.set()
        for thread in [t for t in threading.enumerate() if t.name.startswith("job-")]:
            thread.join(GUARD_S)  # the stand-in job ends before the test does
    assert (
        "stopped" in answer["view-download-status"]["children"]
        and "Try again" in answer["view-download-status"]["children"]
    )
    assert "download" not in answer


def test_two_people_asking_for_the_same_deck_at_once_each_get_it(dataset, monkeypatch):
    hold, stand_in = held_browser(monkeypatch)
    app = create_app(dataset, load_config(None))
    body = click(app, "pptx")  # the same click on the same view: the same request, twice
    first, second = ask(app, body), ask(app, body)
    try:
        assert stand_in.entered.acquire(timeout=GUARD_S)
    finally:
        hold.set()
    got = [poll(app, body, handles)[-1].get_json()["response"] for handles in (first, second)]
    assert all("download" in answer for answer in got), [
        a["view-download-status"]["children"] for a in got
    ]


def test_dashboard_worker_without_redis_url_says_to_set_it_in_one_line(data_dir, seeds_dir):
    from click.testing import CliRunner

    from dashboard.cli import main

    result = CliRunner().invoke(
        main, ["worker", "--data", str(data_dir), "--seeds", str(seeds_dir)], env={"REDIS_URL": ""}
    )
    assert result.exit_code == 1
    assert "Set REDIS_URL" in result.output and "Traceback" not in result.output
