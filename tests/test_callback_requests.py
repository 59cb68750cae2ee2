"""Each of the page's callbacks answered as the page asks for it: a request body built from
the app's own callback map (the order Dash's named declarations give) and the values on the
first page, posted through Flask's test client, and the answer read by component id. This
is the path a browser takes, so it checks what the pure-function tests cannot: that Dash
hands each callback its inputs under the right names and takes back the dict it returns.
"""

from __future__ import annotations

import json

import pytest

from dashboard.web import callbacks as cb
from dashboard.web.app import app_state, create_app
from dashboard.web.ids import ID
from components import walk  # tests/components.py


@pytest.fixture(scope="module")
def app(dataset, config):
    return create_app(dataset, config)


@pytest.fixture(scope="module")
def page(app):
    """The first page's components by id (a string id, or a pattern id as sorted JSON)."""
    found = {}
    for component in walk(cb.first_page(app_state(app), "")):
        cid = getattr(component, "id", None)
        if cid is not None:
            found[cid if isinstance(cid, str) else json.dumps(cid, sort_keys=True)] = component
    return found


def ask(app, page, output_prefix: str, changed: str, **values) -> dict:
    """The answer to the request the page sends when ``changed`` (``id.property``) changes:
    every input and state has its value on the first page unless given in ``values`` (by
    ``id.property``); a pattern input (``{"type": …}``) lists the components it matches."""
    output = next(key for key in app.callback_map if key.startswith(output_prefix))
    spec = app.callback_map[output]

    def entry(item):
        key = f"{item['id']}.{item['property']}"
        if item["id"].startswith("{"):
            wanted = json.loads(item["id"])
            return [
                {"id": json.loads(cid), "property": item["property"], "value": values.get(cid)}
                for cid in page
                if cid.startswith("{")
                and json.loads(cid).keys() == wanted.keys()
                and json.loads(cid)["type"] == wanted["type"]
            ]
        default = getattr(page.get(item["id"]), item["property"], None)
        return {"id": item["id"], "property": item["property"], "value": values.get(key, default)}

    outputs = [
        {"id": part.split(".")[0], "property": part.split("@")[0].split(".")[1]}
        for part in output.strip(".").split("...")
    ]
    body = {
        "output": output,
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": [entry(i) for i in spec["inputs"]],
        "state": [entry(s) for s in spec["state"]],
        "changedPropIds": [changed],
    }
    response = app.server.test_client().post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["response"]


def test_a_link_opened_sets_the_year_slider_to_its_years_and_leaves_the_rest_open(app, page):
    year = app_state(app).choices.last_year - 1
    query = f"?year_from={year}&year_to={year}"
    answer = ask(app, page, "..url.search", "url.search", **{"url.search": query})
    assert answer[ID.YEARS]["value"] == [year, year]
    assert answer[ID.PROGRAMMES]["value"] == []  # every programme, as the link says nothing


def test_a_year_changed_on_the_slider_redraws_the_summary_for_those_years(app, page):
    year = app_state(app).choices.last_year - 1
    answer = ask(app, page, "..cards.", f"{ID.YEARS}.value", **{f"{ID.YEARS}.value": [year, year]})
    assert f"{year}" in answer[ID.SUMMARY]["children"]
    assert answer[ID.SUMMARY]["children"] != app_state(app).default_view.summary


def test_a_search_typed_in_the_table_counts_what_the_table_function_counts(app, page):
    state = app_state(app)
    search = "no figure says this"
    changed = f"{ID.TABLE_SEARCH}.value"
    answer = ask(app, page, "..figures-table-body", changed, **{changed: search})
    expected = cb.table_update(state, [ID.TABLE_SEARCH], state.defaults, search, None)
    assert expected.status != cb.table_update(state, [], state.defaults, "", None).status
    assert answer[ID.TABLE_COUNT]["children"] == expected.status
    assert answer[ID.PAGE_NEXT]["disabled"] is True  # nothing after the only page


def test_a_card_line_clicked_opens_the_source_dialog_on_its_figure(app, page):
    line = next(cid for cid in page if f'"type": "{ID.CARD_LINE}"' in cid)
    figure = json.loads(line)["figure"]
    changed = json.dumps(json.loads(line), sort_keys=True, separators=(",", ":")) + ".n_clicks"
    answer = ask(app, page, "..source-modal", changed, **{line: 1})
    assert answer[ID.SOURCE_MODAL]["hidden"] is False
    record = next(f for f in app_state(app).dataset.figures if f.id == figure)
    assert record.quote[:40] in json.dumps(answer[ID.SOURCE_BODY], ensure_ascii=False)


def test_a_csv_download_clicked_sends_the_file_and_says_so(app, page):
    button = next(b for b, (kind, _) in cb.QUICK_BUTTONS.items() if kind == "csv")
    answer = ask(app, page, "..download.data...", f"{button}.n_clicks", **{f"{button}.n_clicks": 1})
    assert answer[ID.DOWNLOAD]["data"]["filename"].endswith(".csv")
    assert answer[ID.VIEW_DOWNLOAD_STATUS]["children"].startswith("Downloaded")
