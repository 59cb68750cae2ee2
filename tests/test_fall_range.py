"""A fall given as a range ("cut by 20–30%") is drawn and said as the range it is: its bar
reaches the near bound, a pale extension runs on to the far bound as for any other range, and
every output says "down 20–30%" (Vietnamese "giảm 20–30%"), the CSV bounds -30 and -20.

The figure is made up here, in a copy of the shipped data: no shipped document states one."""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from dashboard.analysis.frame import (
    Filters,
    apply_event_filters,
    apply_filters,
    events_frame,
    figures_frame,
    year_span,
)
from dashboard.curated.translations import curated_names, records_folder
from dashboard.curated.validate import load_valid
from dashboard.outputs import export
from dashboard.views.charts.draw import RANGE_TRACE_ROLE
from dashboard.views.charts.registry import chart_figure
from dashboard.views.language import localize
from dashboard.views.table import table_rows

FIGURE = "example-wait-cut-range"
SEED = "990_fictional_wait_cut_2025.txt"
SEED_TEXT = (
    "FICTIONAL TEST DOCUMENT - not a real publication\n"
    "Since the example scheme began, waiting times have been cut by 20–30%.\n"
)
DOCUMENT = f"""
sources:
  - file: {SEED}
    title: Example waiting times note (fictional)
    publisher: Example Ministry of Illustrations (fictional)
    published: 2025-05

programmes:
  - id: example-wait-scheme
    scope: uk_vietnam_bilateral
    name: Example waiting scheme (fictional)
    funder: Example Ministry of Illustrations (fictional)
    partner_country: Exampleland (fictional)
    description: A made-up programme for a fall given as a range.

metrics:
  - id: example_wait_change
    label: Change in waiting time
    unit: percent_change
    chart: returns
    counts: Change in the waiting time of the example scheme (fictional)

figures:
  - id: {FIGURE}
    programme: example-wait-scheme
    metric: example_wait_change
    value: 20
    value_high: 30
    unit: percent_change
    change: fall
    compared_with: before the example scheme; the time itself is not stated
    qualifier: range
    kind: reported
    period:
      type: as_at
      end: 2025-05
      end_basis: The document's publication month.
    source: {SEED}
    quote: waiting times have been cut by 20–30%
"""


@pytest.fixture(scope="module")
def dataset(tmp_path_factory, shipped_data_dir, shipped_seeds_dir):
    root = tmp_path_factory.mktemp("fall_range")
    shutil.copytree(shipped_data_dir, root / "data")
    shutil.copytree(shipped_seeds_dir, root / "seeds")
    (root / "seeds" / SEED).write_text(SEED_TEXT, encoding="utf-8")
    (root / "data" / "990_fictional_wait_cut.yaml").write_text(DOCUMENT, encoding="utf-8")
    return load_valid(root / "data", root / "seeds")


def view(dataset, language="en"):
    first, last = year_span(dataset)
    translations = curated_names(records_folder(dataset), language) if language != "en" else None
    local = localize(dataset, figures_frame(dataset), events_frame(dataset), language, translations)
    filters = Filters(first, last)
    return local, apply_filters(local.figures, filters), apply_event_filters(local.events, filters)


def traces_of(spec: dict, figure_id: str) -> list[dict]:
    return [t for t in spec["data"] if figure_id in [str(y) for y in t.get("y", ())]]


def test_the_fall_is_drawn_to_its_near_bound_with_a_pale_extension_to_its_far_bound(
    dataset, config
):
    local, figures, events = view(dataset)
    spec = chart_figure("returns", figures, events, local.dataset, config.theme)
    traces = traces_of(spec, FIGURE)
    [bar] = [t for t in traces if t["type"] == "bar" and "base" not in t]
    [extension] = [t for t in traces if t.get("meta", {}).get("role") == RANGE_TRACE_ROLE]
    [label] = [t for t in traces if t["type"] == "scatter"]
    assert list(bar["x"]) == [-20]  # the bar runs from zero down to the near bound
    assert list(extension["base"]) == [-20] and list(extension["x"]) == [-10]  # on to -30
    assert list(label["x"]) == [-30] and list(label["text"]) == ["down 20–30%"]
    axis = next(
        spec["layout"][k]
        for k, a in spec["layout"].items()
        if k.startswith("yaxis") and FIGURE in a.get("tickvals", ())
    )
    x_axis = spec["layout"]["xaxis" + axis.get("anchor", "x")[1:]]
    assert x_axis["range"][0] <= -30  # the far bound is inside the axis


def test_every_output_says_the_range_with_one_sign_in_both_languages(dataset):
    _, figures, _ = view(dataset)
    row = next(
        r
        for r in csv.DictReader(
            io.StringIO(export.export_csv(figures, export.ExportContext(csv_bom=False)).decode())
        )
        if r["id"] == FIGURE
    )
    assert row["value_label"] == "down 20–30%"
    assert (float(row["value_low"]), float(row["value_high"])) == (-30, -20)
    assert table_rows(figures)[FIGURE]["value_label"] == "down 20–30%"
    _, vi_figures, _ = view(dataset, "vi")
    assert table_rows(vi_figures)[FIGURE]["value_label"] == "giảm 20–30%"
