"""The renderer survives its browser: killed between images, killed while drawing, or hung,
the user gets a short error saying to try again (never the install hint), and the next
image is drawn by a fresh browser. Renders per process are bounded.

A wait here is bounded only so that a hang fails the test instead of freezing the suite.
"""

from __future__ import annotations

import os
import signal
import threading

import pytest

from dashboard.outputs import gate, renderer as rendering
from dashboard.outputs.errors import RendererBusy, RenderFailed

FIGURE = {"data": [{"type": "bar", "x": ["a", "b"], "y": [1, 2]}], "layout": {}}


@pytest.fixture
def own():
    """A renderer of the test's own (not the shared one), stopped afterwards."""
    started = rendering.Renderer(render_timeout=4)
    yield started
    started.close(kill=True)


def browser_pid(r: rendering.Renderer) -> int:
    return r._kaleido.subprocess.pid


def draw(r: rendering.Renderer) -> bytes:
    return r.render(FIGURE, format="svg", width=300, height=200)


def test_a_browser_killed_between_images_is_replaced_and_the_next_image_is_drawn(own):
    draw(own)
    first = browser_pid(own)
    os.killpg(first, signal.SIGKILL)
    own._kaleido.subprocess.wait(30)  # dead, as it would be by the next request
    assert b"<svg" in draw(own)
    assert browser_pid(own) != first


def test_a_browser_killed_while_drawing_is_a_retryable_error_and_then_recovers(own):
    draw(own)
    pid = browser_pid(own)
    os.killpg(pid, signal.SIGSTOP)  # it hangs mid-image…
    result: dict = {}

    def attempt():
        try:
            draw(own)
        except RenderFailed as err:
            result["error"] = str(err)

    thread = threading.Thread(target=attempt)
    thread.start()
    thread.join(0.5)
    os.killpg(pid, signal.SIGKILL)  # …and then dies
    thread.join(60)
    assert not thread.is_alive()
    assert "try again" in result["error"] and "stopped while it was drawing" in result["error"]
    assert "Install" not in result["error"]
    assert b"<svg" in draw(own)


def test_a_hung_browser_times_out_with_a_retryable_error_and_is_replaced(own):
    draw(own)
    pid = browser_pid(own)
    os.killpg(pid, signal.SIGSTOP)
    with pytest.raises(
        RenderFailed, match=r"did not draw the image within 4 s and was stopped; try again"
    ) as caught:
        draw(own)
    assert "Install" not in str(caught.value)
    assert b"<svg" in draw(own)
    assert browser_pid(own) != pid


def test_renders_beyond_the_running_and_waiting_bound_are_refused_at_once_with_a_retry_delay():
    bound = gate._Gate(gate.RenderLimits(at_once=1, waiting=1, wait_s=30, retry_after_s=7))
    inside, release = threading.Event(), threading.Event()

    def hold():
        with bound.slot():
            inside.set()
            release.wait(30)

    holders = [threading.Thread(target=hold) for _ in range(2)]  # one runs, one waits
    for thread in holders:
        thread.start()
    try:
        assert inside.wait(30)
        while bound.inside < 2:
            threading.Event().wait(0.01)
        with pytest.raises(RendererBusy, match="try again in 7 s") as caught, bound.slot():
            pass
        assert caught.value.retry_after == 7
    finally:
        release.set()
        for thread in holders:
            thread.join(30)
    with bound.slot():  # free again once the others are done
        pass


def test_a_caller_that_waits_too_long_for_a_slot_is_told_to_retry():
    bound = gate._Gate(gate.RenderLimits(at_once=1, waiting=1, wait_s=0.2, retry_after_s=3))
    with bound.slot(), pytest.raises(RendererBusy, match="try again in 3 s"), bound.slot():
        pass


def test_closing_removes_the_browsers_profile_even_when_choreographer_could_not(own, monkeypatch):
    """On a full disk choreographer's removal raced the browser's last writes ("Directory not
    empty: 'Default'") and tempfile tried again at exit, with a traceback; the profile must
    be gone after close, and nothing left for exit."""
    from choreographer.utils._tmpfile import TmpDirectory

    draw(own)
    profile = own._kaleido._browser_impl.tmp_dir
    monkeypatch.setattr(TmpDirectory, "clean", lambda self: None)  # lost the race: nothing removed
    own.close()
    assert not profile.path.exists()
    assert not profile.temp_dir._finalizer.alive  # tempfile has nothing left to do at exit
