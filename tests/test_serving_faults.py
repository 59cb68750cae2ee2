"""Faults a production server meets: a worker killed by SIGKILL (the OOM killer, gunicorn's
timeout, a crash) while its render process and Chromium draw a deck. Nothing the killed
worker started may outlive it: its render process and every browser process are gone
within 10 s, and the master's next worker draws again.

Servers run on loopback ports of their own; waits are bounded only so that a hang fails.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.test_wsgi import (
    GUARD_S,
    deck_request,
    free_port,
    gunicorn,
    job_fetch,
    status,
    stop,
    wait_for,
)

pytestmark = pytest.mark.chromium
GONE_WITHIN_S = 10


def descendants(pid: int) -> dict[int, str]:
    """Every process below ``pid`` (children, theirs, …) with its command line."""
    listing = subprocess.run(
        ["ps", "-e", "-ww", "-o", "pid=,ppid=,args="], capture_output=True, text=True
    ).stdout
    children: dict[int, list[tuple[int, str]]] = {}
    for line in listing.splitlines():
        child, parent, args = (
            line.split(None, 2) if len(line.split(None, 2)) == 3 else (*line.split(), "")
        )
        children.setdefault(int(parent), []).append((int(child), args))
    found, todo = {}, [pid]
    while todo:
        for child, args in children.get(todo.pop(), []):
            found[child] = args
            todo.append(child)
    return found


def with_browser_groups(found: dict[int, str], server: int) -> dict[int, str]:
    """``found`` and every process in the process group of one of them other than the server's:
    Chromium's crash handler leaves its parent at once, but stays in the browser's group."""
    listing = subprocess.run(
        ["ps", "-e", "-ww", "-o", "pid=,pgid=,args="], capture_output=True, text=True
    ).stdout
    rows = [line.split(None, 2) + [""] for line in listing.splitlines()]
    groups = {int(pgid) for pid, pgid, *_ in rows if int(pid) in found} - {os.getpgid(server)}
    return {**found, **{int(pid): args for pid, pgid, args, *_ in rows if int(pgid) in groups}}


def is_browser(args: str) -> bool:
    return Path(args.split()[0]).name.startswith("chrom") if args else False


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def test_a_worker_killed_mid_render_leaves_no_render_process_or_browser_behind(tmp_path, data_dir):
    port, log = free_port(), tmp_path / "gunicorn.log"
    process = gunicorn(data_dir, port, log)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: status(port), process, log)
        worker = next(iter(descendants(process.pid)))
        body = deck_request(base)
        threading.Thread(target=job_fetch, args=(base, body), daemon=True).start()
        # mid-render: the render process has started its browser
        below = wait_for(
            lambda: (
                (d := descendants(worker)) and any(is_browser(args) for args in d.values()) and d
            ),
            process,
            log,
        )
        assert any("multiprocessing" in args for args in below.values()), below
        below = with_browser_groups(below, process.pid)
        os.kill(worker, signal.SIGKILL)
        deadline = time.monotonic() + GONE_WITHIN_S
        while time.monotonic() < deadline and any(alive(pid) for pid in below):
            time.sleep(0.25)
        left = {pid: args[:100] for pid, args in below.items() if alive(pid)}
        code, answer = job_fetch(base, deck_request(base))  # the next worker draws
    finally:
        stop(process)
    assert left == {}, (
        f"{len(left)} process(es) of the killed worker still run after {GONE_WITHIN_S} s: {left}"
    )
    assert code == 200 and b".pptx" in answer, answer[:300]


def test_a_render_process_killed_mid_render_takes_its_browser_along_and_the_page_is_told_to_try_again(
    tmp_path, data_dir
):
    port, log = free_port(), tmp_path / "gunicorn.log"
    process = gunicorn(data_dir, port, log)
    base = f"http://127.0.0.1:{port}/"
    answers: list[tuple[int, bytes]] = []
    try:
        wait_for(lambda: status(port), process, log)
        worker = next(iter(descendants(process.pid)))
        asking = threading.Thread(
            target=lambda: answers.append(job_fetch(base, deck_request(base))), daemon=True
        )
        asking.start()
        below = wait_for(
            lambda: (
                (d := descendants(worker)) and any(is_browser(args) for args in d.values()) and d
            ),
            process,
            log,
        )
        render = next(pid for pid, args in below.items() if "multiprocessing.spawn" in args)
        browser = with_browser_groups(descendants(render), process.pid)
        os.kill(render, signal.SIGKILL)
        deadline = time.monotonic() + GONE_WITHIN_S
        while time.monotonic() < deadline and any(alive(pid) for pid in browser):
            time.sleep(0.25)
        left = {pid: args[:100] for pid, args in browser.items() if alive(pid)}
        asking.join(GUARD_S)
    finally:
        stop(process)
    assert browser and left == {}, (
        f"{len(left)} browser process(es) still run {GONE_WITHIN_S} s after their render process was killed: {left}"
    )
    code, answer = answers[0]
    assert code == 200 and b"try again" in answer, answer[:300]
