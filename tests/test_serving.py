"""The web server as an operator and an attacker meet it: bad requests get a short 4xx,
big ones a 413, a flood of image downloads a 429 with Retry-After while filter changes
still answer, every answer carries security headers, /status says what is served, and the
page states its data version. Requests go through Flask's test client (no port, no
browser); a wait is bounded only so that a hang fails instead of freezing the suite.
"""

from __future__ import annotations

import json
import re

import pytest

from dashboard.config import load_config
from dashboard.web import server as serving
from dashboard.web.app import create_app
from dashboard.web.callbacks import DOWNLOAD_BUTTONS


@pytest.fixture(scope="module")
def app(dataset, config):
    return create_app(dataset, config)


@pytest.fixture
def client(app):
    return app.server.test_client()


def find(component, wanted: str):
    """The component of the layout with id ``wanted``."""
    if getattr(component, "id", None) == wanted:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, (str, int, float)):
            found = find(child, wanted)
            if found is not None:
                return found
    return None


def body_for(
    app, output_prefix: str, changed: list[str] | None = None, clicked: str | None = None
) -> dict:
    """A callback request as the page sends it, with the controls' values on the page."""
    output = next(key for key in app.callback_map if key.startswith(output_prefix))
    spec = app.callback_map[output]

    def entry(item):
        component = find(app.layout, item["id"])
        value = getattr(component, item["property"], None) if component is not None else None
        if item["id"] == clicked:
            value = 1
        return {"id": item["id"], "property": item["property"], "value": value}

    outputs = [
        {"id": part.split(".")[0], "property": part.split(".")[1]}
        for part in output.strip(".").split("...")
    ]
    return {
        "output": output,
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": [entry(i) for i in spec["inputs"]],
        "state": [entry(s) for s in spec["state"]],
        "changedPropIds": changed or [f"{spec['inputs'][0]['id']}.{spec['inputs'][0]['property']}"],
    }


def post(client, body) -> object:
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post("/_dash-update-component", data=data, content_type="application/json")


def filter_change(app) -> dict:
    return body_for(app, "..cards.children", changed=["filter-years.value"])


def png_download(app) -> dict:
    button = next(b for b, (kind, _) in DOWNLOAD_BUTTONS.items() if kind == "png")
    return body_for(
        app, "..download.data@", changed=[f"{button}.n_clicks"], clicked=button
    )  # a job (web.jobs)


# --- well-formed requests still work ----------------------------------------------------------


def test_a_filter_change_as_the_page_sends_it_is_answered(app, client):
    response = post(client, filter_change(app))
    assert response.status_code == 200
    assert "cards" in response.get_json()["response"]


# --- malformed requests: a short 4xx, never a 500 ---------------------------------------------


def malformed(app) -> dict[str, object]:
    good = filter_change(app)
    return {
        "a list": "[]",
        "null": "null",
        "an empty object": "{}",
        "a string": '"x"',
        "not JSON": "{nope",
        "JSON nested 10,000 deep": "[" * 10_000 + "]" * 10_000,
        "an object nested 10,000 deep": '{"a":' * 10_000 + "1" + "}" * 10_000,
        "an unknown output": {**good, "output": "nowhere.children"},
        "no inputs": {k: v for k, v in good.items() if k != "inputs"},
        "inputs that are not a list": {**good, "inputs": {"id": "x"}},
        "one input too few": {**good, "inputs": good["inputs"][:-1]},
        "one input too many": {**good, "inputs": good["inputs"] + good["inputs"][:1]},
        "an input without a property": {**good, "inputs": [{"id": "x"}] * len(good["inputs"])},
        "state of the wrong length": {
            **good,
            "state": list(good.get("state") or []) + [{"id": "x", "property": "value"}],
        },
        "changedPropIds not a list": {**good, "changedPropIds": "filter-years.value"},
        "no outputs": {k: v for k, v in good.items() if k != "outputs"},
    }


@pytest.mark.parametrize(
    "what",
    [
        "a list",
        "null",
        "an empty object",
        "a string",
        "not JSON",
        "JSON nested 10,000 deep",
        "an object nested 10,000 deep",
        "an unknown output",
        "no inputs",
        "inputs that are not a list",
        "one input too few",
        "one input too many",
        "an input without a property",
        "state of the wrong length",
        "changedPropIds not a list",
        "no outputs",
    ],
)
def test_a_malformed_callback_body_gets_400_with_a_short_message(app, client, what):
    response = post(client, malformed(app)[what])
    assert response.status_code == 400, response.data[:200]
    text = response.get_data(as_text=True)
    assert len(text) < 200 and "Traceback" not in text


@pytest.mark.parametrize(
    "path",
    [
        "/_dash-component-suites/nothing/here.js",
        "/_dash-component-suites/dash/no-such-file.v1m1.js",
        "/_dash-component-suites/dash/../../../etc/passwd",
        "/_dash-component-suites/dash/deps/react@18.v0m0.js",
    ],
)
def test_a_bad_component_suite_path_is_404_not_500(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "root:" not in response.get_data(as_text=True)


def test_a_body_over_the_limit_gets_413_with_a_short_message(app, client, config):
    limit = config.serving.max_request_kb * 1024
    response = post(client, "[" + " " * limit + "]")
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)


def test_a_download_request_over_the_limit_gets_413_and_nothing_is_drawn(
    app, client, config, monkeypatch
):
    from dashboard.outputs import renderer

    drawn = []
    monkeypatch.setattr(renderer, "render_images", lambda *a, **k: drawn.append(a) or [b""])
    body = {**png_download(app), "padding": " " * (config.serving.max_request_kb * 1024)}
    response = post(client, body)
    assert response.status_code == 413
    assert "too large" in response.get_data(
        as_text=True
    ) and f"{config.serving.max_request_kb} KiB" in response.get_data(as_text=True)
    assert drawn == []


def test_a_body_just_under_the_limit_is_read_not_refused_for_its_size(client, config):
    response = post(client, " " * (config.serving.max_request_kb * 1024 - 10) + "[]")
    assert response.status_code == 400  # read, then refused as not a callback


# --- bounded downloads: drawing downloads are jobs now, bounded by the shared queue (tests/test_jobs.py) ---


# --- headers ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/_dash-layout", "/status"])
def test_every_answer_carries_the_security_headers(client, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert (
        "default-src 'self'" in csp
        and "frame-ancestors 'none'" in csp
        and "object-src 'none'" in csp
    )
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in headers["Permissions-Policy"]


def test_a_download_answer_carries_the_security_headers(app, client, monkeypatch):
    body = body_for(
        app, "..download.data", changed=["download-view-csv.n_clicks"], clicked="download-view-csv"
    )
    response = post(client, body)
    assert response.status_code == 200 and "filename" in response.get_data(as_text=True)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_the_page_allows_exactly_its_own_inline_scripts_by_hash_and_is_never_cached_stale(client):
    import base64
    import hashlib
    import re

    response = client.get("/")
    page = response.get_data()
    inline = [
        m
        for m in re.findall(rb"<script(?![^>]*src=)([^>]*)>(.*?)</script>", page, re.S)
        if b"application/json" not in m[0]
    ]
    assert inline, "Dash's page has inline scripts"
    for _attrs, script in inline:
        digest = base64.b64encode(hashlib.sha256(script).digest()).decode()
        assert f"'sha256-{digest}'" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "no-cache"


# --- status and the data version ------------------------------------------------------------------


def test_status_says_serving_with_the_data_version_and_the_last_load(client, dataset):
    response = client.get("/status")
    assert response.status_code == 200
    status = response.get_json()
    assert status["status"] == "serving"
    assert status["data_version"] == serving.data_version(dataset)
    assert status["last_load"]["ok"] is True and status["last_load"]["problems"] == []


def test_the_page_states_the_data_version_it_serves(client, dataset):
    layout = client.get("/_dash-layout").get_data(as_text=True)
    assert f"Data version {serving.data_version(dataset)}" in layout


def test_the_data_version_follows_the_data_not_the_folder_it_is_in(
    dataset, tmp_path, data_dir, seeds_dir
):
    import shutil

    from dashboard.curated.validate import load_valid

    shutil.copytree(data_dir, tmp_path / "data")
    assert serving.data_version(load_valid(tmp_path / "data", seeds_dir)) == serving.data_version(
        dataset
    )
    # a curated change that stays valid (a value must stay the number its quote prints)
    events = tmp_path / "data" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    changed = re.sub(r"(\btitle: .*)", r"\1 (revised)", text, count=1)
    assert changed != text
    events.write_text(changed, encoding="utf-8")
    assert serving.data_version(load_valid(tmp_path / "data", seeds_dir)) != serving.data_version(
        dataset
    )


# --- a path prefix behind a proxy ---------------------------------------------------------------


def test_under_a_url_prefix_the_page_its_callbacks_and_status_answer_there(dataset, tmp_path):
    (tmp_path / "config.yaml").write_text("serving:\n  url_prefix: /dashboard/\n", encoding="utf-8")
    app = create_app(dataset, load_config(tmp_path / "config.yaml"))
    client = app.server.test_client()
    assert client.get("/dashboard/").status_code == 200
    assert client.get("/dashboard/status").get_json()["status"] == "serving"
    response = client.post(
        "/dashboard/_dash-update-component",
        data=json.dumps(filter_change(app)),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert '"/dashboard/_dash-component-suites/' in client.get("/dashboard/").get_data(as_text=True)


def test_a_url_prefix_without_slashes_is_a_config_error_with_its_line(tmp_path):
    from dashboard.curated.problems import DataInvalid

    (tmp_path / "config.yaml").write_text("serving:\n  url_prefix: dashboard\n", encoding="utf-8")
    with pytest.raises(
        DataInvalid,
        match=r"config.yaml:2: serving.url_prefix: expected a path that starts and ends with /",
    ):
        load_config(tmp_path / "config.yaml")


def test_the_data_watcher_notices_a_file_changed_added_or_removed_and_nothing_else(tmp_path):
    data, seeds = tmp_path / "data", tmp_path / "seeds"
    data.mkdir()
    seeds.mkdir()
    (data / "a.yaml").write_text("a: 1\n")
    config = tmp_path / "config.yaml"
    config.write_text("title: x\n")
    watcher = serving.DataWatcher(data, seeds, config)
    assert watcher.changed() == []
    (data / "a.yaml").write_text("a: 22\n")
    assert watcher.changed() == [str(data / "a.yaml")]
    (seeds / "new.txt").write_text("text")
    (data / "a.yaml").unlink()
    assert watcher.changed() == sorted([str(data / "a.yaml"), str(seeds / "new.txt")])
    config.write_text("title: y, longer\n")
    assert watcher.changed() == [str(config)]
    assert watcher.changed() == []
