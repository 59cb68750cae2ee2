"""Workers killed mid-render: what their renderers leave behind.

Starts ``gunicorn -c gunicorn.conf.py`` (one worker) on a free 127.0.0.1 port over the test
sample data, then ``--kills`` times: asks for a deck, waits until the worker's render
process has started Chromium, kills the worker with SIGKILL (as the OOM killer or
gunicorn's timeout do), and waits ``--wait`` seconds. Prints how many processes that were
below the killed workers (render process, resource tracker, Chromium and its process
group) still run, and their resident memory. Bounded: ``--kills`` ≤ 10; loopback only.

Run: ``.venv/bin/python bench/worker_kills.py`` (defaults: 5 kills, 10 s each). Before the
render process watched its worker, 5 kills left 28 processes, 2,616 MiB, running (the issue
counted 32 processes, 1.93 GiB); since then 0 processes, 0 MiB.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_serving_faults import alive, descendants, is_browser, with_browser_groups  # noqa: E402
from tests.test_wsgi import deck_request, fetch, free_port, gunicorn, status, stop  # noqa: E402


def rss_mib(pids) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/status").read_text().split("VmRSS:")[1].split()
            total += int(fields[0])
        except (OSError, IndexError, ValueError):
            pass
    return total / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--wait", type=float, default=10.0)
    args = parser.parse_args()
    if not 1 <= args.kills <= 10:
        parser.error("--kills must be 1–10")
    data = ROOT / "tests" / "fixtures" / "sample" / "data"
    log = Path(tempfile.gettempdir()) / "dashboard-worker-kills.log"
    port = free_port()
    server = gunicorn(data, port, log)
    base = f"http://127.0.0.1:{port}/"
    orphans: dict[int, str] = {}
    try:
        while not status(port):
            time.sleep(0.3)
        for _ in range(args.kills):
            threading.Thread(target=ask, args=(base,), daemon=True).start()
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                workers = [
                    pid
                    for pid, a in descendants(server.pid).items()
                    if "gunicorn" in a and not alive_child_of_worker(pid, server.pid)
                ]
                worker = next(
                    (
                        pid
                        for pid in workers
                        if any(is_browser(a) for a in descendants(pid).values())
                    ),
                    None,
                )
                if worker:
                    break
                time.sleep(0.3)
            else:
                raise SystemExit(f"no render started; see {log}")
            below = with_browser_groups(descendants(worker), server.pid)
            os.kill(worker, signal.SIGKILL)
            time.sleep(args.wait)
            orphans.update({pid: a for pid, a in below.items() if alive(pid)})
        left = [pid for pid in orphans if alive(pid)]
        print(
            f"{args.kills} workers killed mid-render: {len(left)} of their processes still run "
            f"{args.wait:g} s after each kill, {rss_mib(left):.0f} MiB resident"
        )
    finally:
        stop(server)
        for pid in orphans:  # this bench's own leftovers
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


def ask(base: str) -> None:
    try:
        fetch(base + "_dash-update-component", deck_request(base))
    except OSError:
        pass  # the worker was killed while answering: what this bench does


def alive_child_of_worker(pid: int, master: int) -> bool:
    """Whether ``pid`` is below a worker rather than a worker (its parent is not the master)."""
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1]) != master
    except (OSError, IndexError, ValueError):
        return True


if __name__ == "__main__":
    main()
