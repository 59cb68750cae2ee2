"""The production entry point: ``gunicorn -c gunicorn.conf.py dashboard.wsgi:server``.

Invalid data at the first start stops the server with every problem as path:line (no
crash loop, no port that answers nothing); a reload with invalid data keeps serving the
last good data and says why on /status. Servers run on loopback ports of their own; a
wait is bounded only so that a hang fails the test.
"""

from __future__ import annotations

import base64
import importlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from dashboard.web import server as serving

ROOT = Path(__file__).resolve().parent.parent
GUARD_S = 60  # against a hang only


def broken_copy(data_dir: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(data_dir, copy)
    return copy


def break_file(folder: Path) -> Path:
    target = folder / "figures.yaml"
    with target.open("a", encoding="utf-8") as out:
        out.write("\n- id: [unclosed\n")
    return target


SAMPLE_SEEDS = (
    Path(__file__).resolve().parent / "fixtures" / "sample" / "seeds"
)  # the seeds the data_dir fixture cites


def env_for(data: Path, config: Path | None = None) -> dict[str, str]:
    env = {
        **os.environ,
        "DASHBOARD_DATA": str(data),
        "DASHBOARD_SEEDS": str(SAMPLE_SEEDS),
        "PYTHONPATH": str(ROOT),
    }
    if config is not None:
        env["DASHBOARD_CONFIG"] = str(config)
    return env


# --- the module -----------------------------------------------------------------------------------


def test_the_wsgi_server_serves_the_page_and_its_status(monkeypatch, data_dir, seeds_dir):
    monkeypatch.setenv("DASHBOARD_DATA", str(data_dir))
    monkeypatch.setenv("DASHBOARD_SEEDS", str(seeds_dir))
    monkeypatch.setattr(serving, "KEEPER", None)
    sys.modules.pop("dashboard.wsgi", None)
    wsgi = importlib.import_module("dashboard.wsgi")
    client = wsgi.server.test_client()
    assert client.get("/").status_code == 200
    assert client.get("/status").get_json()["data_version"] == serving.KEEPER.current.version


def test_invalid_data_stops_the_worker_with_gunicorns_boot_error_code_and_path_line_messages(
    tmp_path, data_dir
):
    data = broken_copy(data_dir, tmp_path)
    broken = break_file(data)
    done = subprocess.run(
        [sys.executable, "-c", "import dashboard.wsgi"],
        cwd=ROOT,
        env=env_for(data),
        capture_output=True,
        text=True,
        timeout=GUARD_S,
    )
    assert done.returncode == 3  # gunicorn halts on it instead of restarting the worker
    assert f"{broken}:" in done.stderr and "Traceback" not in done.stderr


def test_a_reload_with_invalid_data_keeps_the_last_good_data_and_reports_each_problem(
    tmp_path, data_dir, seeds_dir, caplog
):
    data = broken_copy(data_dir, tmp_path)
    keeper = serving.Keeper(data, seeds_dir, ROOT / "config.yaml")
    good = keeper.start()
    broken = break_file(data)
    with caplog.at_level("ERROR", logger="dashboard.serving"):
        result = keeper.reload()
    assert not result.ok and result.problems
    assert all(str(broken) in problem for problem in result.problems)
    assert keeper.current is good
    assert any(f"{broken}:" in record.getMessage() for record in caplog.records)
    shutil.copy(
        data_dir / "figures.yaml", data / "figures.yaml"
    )  # fixed again: the next reload takes it
    assert keeper.reload().ok and keeper.current is not good


# --- gunicorn with the shipped configuration -------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn(
    data: Path, port: int, log: Path, config: Path | None = None, workers: int = 1
) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        "gunicorn.conf.py",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "dashboard.wsgi:server",
    ]
    with log.open("wb") as out:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=env_for(data, config),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(GUARD_S)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def status(port: int, prefix: str = "/") -> dict | None:
    try:
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}{prefix}status", timeout=5
        ) as response:
            return json.load(response)
    except (OSError, urllib.error.URLError):
        return None


def wait_for(condition, process: subprocess.Popen, log: Path):
    deadline = time.monotonic() + GUARD_S
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if process.poll() is not None:
            pytest.fail(
                f"gunicorn exited with {process.returncode}:\n{log.read_text(errors='replace')}"
            )
        time.sleep(0.2)
    pytest.fail(
        f"gunicorn did not get there within {GUARD_S} s:\n{log.read_text(errors='replace')}"
    )


def test_gunicorn_on_invalid_data_exits_non_zero_with_the_problems_instead_of_crash_looping(
    tmp_path, data_dir
):
    data = broken_copy(data_dir, tmp_path)
    broken = break_file(data)
    log = tmp_path / "gunicorn.log"
    process = gunicorn(data, free_port(), log)
    try:
        code = process.wait(GUARD_S)
    finally:
        stop(process)
    text = log.read_text(errors="replace")
    assert code != 0
    assert f"{broken}:" in text and "Traceback" not in text
    assert "Booting worker" not in text


def test_gunicorn_reloaded_on_invalid_data_keeps_serving_the_last_good_data(tmp_path, data_dir):
    data = broken_copy(data_dir, tmp_path)
    port = free_port()
    log = tmp_path / "gunicorn.log"
    process = gunicorn(data, port, log)
    try:
        first = wait_for(lambda: status(port), process, log)
        broken = break_file(data)
        os.kill(process.pid, signal.SIGHUP)
        after = wait_for(
            lambda: (s := status(port)) and not s["last_load"]["ok"] and s, process, log
        )
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/_dash-layout", timeout=10
        ) as response:
            layout = response.read().decode()
    finally:
        stop(process)
    assert after["status"] == "serving" and after["data_version"] == first["data_version"]
    assert any(f"{broken}:" in problem for problem in after["last_load"]["problems"])
    assert f"Data version {first['data_version']}" in layout
    assert str(broken) not in layout  # the public page never shows the problems
    assert f"{broken}:" in log.read_text(errors="replace")


def prefixed_config(tmp_path: Path, prefix: str) -> Path:
    text = (ROOT / "config.yaml").read_text(encoding="utf-8")
    assert "  url_prefix: /\n" in text
    config = tmp_path / "config.yaml"
    config.write_text(
        text.replace("  url_prefix: /\n", f"  url_prefix: {prefix}\n"), encoding="utf-8"
    )
    return config


def fetch(url: str, body: bytes | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/json"} if body else {}
    )
    try:
        with urllib.request.urlopen(request, timeout=GUARD_S) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def deck_request(base: str, button: str = "download-view-pptx") -> bytes:
    """The deck (or another download) button's callback body, built from the server's own
    dependencies as the page builds it."""
    deps = json.loads(fetch(base + "_dash-dependencies")[1])
    spec = next(
        d
        for d in deps
        if d["output"].startswith("..download.data") and any(i["id"] == button for i in d["inputs"])
    )

    def entry(dep):
        return {
            "id": dep["id"],
            "property": dep["property"],
            "value": 1 if dep["id"] == button else None,
        }

    return json.dumps(
        {
            "output": spec["output"],
            "outputs": [
                {"id": "download", "property": "data"},
                {"id": "view-download-status", "property": "children"},
            ],
            "inputs": [entry(d) for d in spec["inputs"]],
            "state": [entry(d) for d in spec["state"]],
            "changedPropIds": [f"{button}.n_clicks"],
        }
    ).encode()


def job_fetch(base: str, body: bytes, on_setup=None) -> tuple[int, bytes]:
    """A download as the page asks for it: the click, then polls (as Dash's background callbacks
    do) until the answer; a quick download's answer comes with the click. ``on_setup(handles)``
    is called once the job is running. The last status and body."""
    code, answer = fetch(base + "_dash-update-component", body)
    if code != 200 or b'"cacheKey"' not in answer:
        return code, answer
    handles = json.loads(answer)
    if on_setup is not None:
        on_setup(handles)
    query = urllib.parse.urlencode({"cacheKey": handles["cacheKey"], "job": handles["job"]})
    deadline = time.monotonic() + 2 * GUARD_S
    while True:
        code, answer = fetch(base + "_dash-update-component?" + query, body)
        if code != 200 or b'"response"' in answer:
            return code, answer
        assert time.monotonic() < deadline, "the job never answered"
        time.sleep(0.1)


def test_gunicorn_under_a_path_prefix_serves_the_page_its_callbacks_and_status_there_only(
    tmp_path, data_dir
):
    port, log = free_port(), tmp_path / "gunicorn.log"
    process = gunicorn(data_dir, port, log, prefixed_config(tmp_path, "/dashboard/"))
    base = f"http://127.0.0.1:{port}/dashboard/"
    try:
        wait_for(lambda: status(port, "/dashboard/"), process, log)
        page = fetch(base)
        layout = fetch(base + "_dash-layout")
        outside = fetch(f"http://127.0.0.1:{port}/")
        outside_status = fetch(f"http://127.0.0.1:{port}/status")
    finally:
        stop(process)
    assert page[0] == 200 and b'src="/dashboard/_dash-component-suites/' in page[1]
    assert layout[0] == 200 and b"Data version" in layout[1]
    assert outside[0] == 404 and outside_status[0] == 404


@pytest.mark.chromium
def test_gunicorn_draws_a_deck_in_a_render_process_apart_from_its_worker(tmp_path, data_dir):
    port, log = free_port(), tmp_path / "gunicorn.log"
    process = gunicorn(data_dir, port, log)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: status(port), process, log)
        code, answer = job_fetch(base, deck_request(base))
        tree = subprocess.run(
            ["ps", "-ww", "-o", "pid=,ppid=,ni=,args=", "--ppid", ",".join(_children(process.pid))],
            capture_output=True,
            text=True,
        ).stdout
    finally:
        stop(process)
    assert code == 200, answer[:300]
    response = json.loads(answer)["response"]
    assert response["download"]["data"]["filename"].endswith(".pptx"), response
    render = [
        line for line in tree.splitlines() if "multiprocessing.spawn" in line
    ]  # spawned by the worker
    assert render, tree
    assert int(render[0].split()[2]) >= 10  # niced: the page's requests go first


def _children(pid: int) -> list[str]:
    done = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return done.stdout.split() or [str(pid)]


def test_gunicorn_reloads_by_itself_when_a_data_file_changes_and_keeps_the_last_good_data_when_it_is_invalid(
    tmp_path, data_dir
):
    data = broken_copy(data_dir, tmp_path)
    port, log = free_port(), tmp_path / "gunicorn.log"
    process = gunicorn(data, port, log)
    try:
        first = wait_for(lambda: status(port), process, log)
        broken = break_file(data)  # no signal: the master notices the file changed
        refused = wait_for(
            lambda: (s := status(port)) and not s["last_load"]["ok"] and s, process, log
        )
        shutil.copy(data_dir / "figures.yaml", broken)
        with broken.open("a", encoding="utf-8") as out:
            out.write("\n")  # valid again, and changed once more
        fixed = wait_for(
            lambda: (
                (s := status(port))
                and s["last_load"]["ok"]
                and s["last_load"]["at"] >= refused["last_load"]["at"]
                and s
            ),
            process,
            log,
        )
    finally:
        stop(process)
    assert first["reload_on_change"]["watching"] is True
    assert refused["data_version"] == first["data_version"]  # the last good data, still served
    assert f"{broken}" in refused["last_load"]["trigger"]
    assert any(f"{broken}:" in problem for problem in refused["last_load"]["problems"])
    assert fixed["last_load"]["problems"] == [] and fixed["last_load"]["trigger"].startswith(
        "changed:"
    )
    assert f"{broken}:" in log.read_text(errors="replace")  # the log has each problem with its line


# --- a reload reaches the page ---------------------------------------------------------------------

OLD_NAME, NEW_NAME = (
    "Modern Slavery Fund in Ruritania",
    "Modern Slavery Fund for Ruritania, renamed",
)


def rename_programme(data: Path) -> None:
    programmes = data / "programmes.yaml"
    text = programmes.read_text(encoding="utf-8")
    assert f"name: {OLD_NAME}\n" in text
    programmes.write_text(
        text.replace(f"name: {OLD_NAME}\n", f"name: {NEW_NAME}\n"), encoding="utf-8"
    )


def layout_text(port: int) -> str:
    return fetch(f"http://127.0.0.1:{port}/_dash-layout")[1].decode()


def csv_download(base: str) -> str:
    """The text of the view's CSV download, asked for as the page's button asks."""
    code, answer = fetch(base + "_dash-update-component", deck_request(base, "download-view-csv"))
    assert code == 200, answer[:300]
    data = json.loads(answer)["response"]["download"]["data"]
    return (
        base64.b64decode(data["content"]).decode("utf-8-sig")
        if data.get("base64")
        else data["content"]
    )


def test_after_a_reload_every_layout_the_workers_serve_shows_the_new_data_and_none_the_old(
    tmp_path, data_dir
):
    data = broken_copy(data_dir, tmp_path)
    port, log = free_port(), tmp_path / "gunicorn.log"
    process = gunicorn(data, port, log, workers=2)
    try:
        first = wait_for(lambda: status(port), process, log)
        assert OLD_NAME in layout_text(port)
        rename_programme(data)
        os.kill(process.pid, signal.SIGHUP)
        during = []  # layouts answered while old and new workers overlap
        new = wait_for(
            lambda: (
                during.append(layout_text(port))
                or ((s := status(port)) and s["data_version"] != first["data_version"] and s)
            ),
            process,
            log,
        )
        wait_for(
            lambda: during.append(layout_text(port)) or NEW_NAME in during[-1], process, log
        )  # the old workers finish
        layouts = [layout_text(port) for _ in range(20)]  # both new workers answer some of these
        base = f"http://127.0.0.1:{port}/"
        tables = [csv_download(base) for _ in range(6)]
    finally:
        stop(process)
    assert all(NEW_NAME in layout and OLD_NAME not in layout for layout in layouts)
    assert all(NEW_NAME in table and OLD_NAME not in table for table in tables)
    old_page, new_page = (
        (f"Data version {first['data_version']}", OLD_NAME),
        (f"Data version {new['data_version']}", NEW_NAME),
    )
    mixed = [
        layout[:80]
        for layout in during
        if not any(all(part in layout for part in page) for page in (old_page, new_page))
    ]
    assert during and mixed == []  # each answer is all old or all new
    assert all(f"Data version {first['data_version']}" not in layout for layout in layouts)
