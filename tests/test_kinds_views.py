"""What each kind of value looks like on the page and in exports, with the made-up documents
of tests/fixtures/extra_documents added to the shipped data (930 states one value of each
kind): a chart panel has one unit and one kind of period, three flights are never a bar
beside people, a six-year total never one beside one year's figure, a rank is never a bar,
a pledge whose span is not stated never sits with totals over years; and every value keeps
its unit's words in the table and the CSV, in both languages."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest

from dashboard.analysis.frame import (
    Filters,
    apply_event_filters,
    apply_filters,
    events_frame,
    figures_frame,
    year_span,
)
from dashboard.curated.records import UnitKind
from dashboard.curated.translations import curated_names, records_folder
from dashboard.curated.validate import load_valid
from dashboard.outputs import export
from dashboard.views.charts.periods import period_kinds
from dashboard.views.charts.registry import chart_figure
from dashboard.views.language import localize
from dashboard.views.table import table_rows
from dashboard.views.charts import CHARTS

EXTRA = Path(__file__).resolve().parent / "fixtures" / "extra_documents"
BAR_CHARTS = tuple(
    n for n, s in CHARTS.items() if s.by_metric
)  # the charts of metrics, from the registry


@pytest.fixture(scope="module")
def grown(tmp_path_factory, shipped_data_dir, shipped_seeds_dir):
    """The shipped data with every made-up document added as data only."""
    root = tmp_path_factory.mktemp("kinds")
    shutil.copytree(shipped_data_dir, root / "data", dirs_exist_ok=True)
    shutil.copytree(shipped_seeds_dir, root / "seeds", dirs_exist_ok=True)
    for folder in ("data", "seeds"):
        for path in (EXTRA / folder).iterdir():
            shutil.copy(path, root / folder / path.name)
    (root / "data" / "i18n" / "vi").mkdir(
        parents=True, exist_ok=True
    )  # a curator's Vietnamese for the flights and a base
    (root / "data" / "i18n" / "vi" / "930.yaml").write_text(
        "units:\n  - id: flights\n    label: chuyến bay\n    noun: chuyến bay\n    singular: chuyến bay\n"
        "figures:\n  - id: example-victims-multiple\n    compared_with: những người đã được xác định\n",
        encoding="utf-8",
    )
    return load_valid(root / "data", root / "seeds")


def view(dataset, language="en"):
    first, last = year_span(dataset)
    translations = curated_names(records_folder(dataset), language) if language != "en" else None
    local = localize(dataset, figures_frame(dataset), events_frame(dataset), language, translations)
    filters = Filters(first, last)
    return local, apply_filters(local.figures, filters), apply_event_filters(local.events, filters)


def panels(spec: dict) -> list[dict]:
    """Each panel of a bar chart: its figure ids, axis title, ticks and panel title."""
    layout = spec["layout"]
    titles = {
        a.get("yref", "").replace(" domain", ""): re.sub("<[^>]+>", " ", a["text"])
        for a in layout.get("annotations", [])
        if a.get("name") == "panel-title"
    }
    out = []
    for name, axis in layout.items():
        if name.startswith("yaxis") and "tickvals" in axis:
            suffix = name[len("yaxis") :]
            x = layout.get(f"xaxis{suffix}", {})
            out.append(
                {
                    "ids": list(axis["tickvals"]),
                    "axis": x.get("title", {}).get("text", ""),
                    "ticks": list(x.get("ticktext", [])),
                    "title": titles.get(f"y{suffix}", ""),
                }
            )
    return out


@pytest.fixture(scope="module")
def charts(grown, config):
    local, figures, events = view(grown)
    return {
        name: panels(chart_figure(name, figures, events, local.dataset, config.theme))
        for name in BAR_CHARTS
    }, figures


def test_every_chart_panel_has_one_unit_and_one_kind_of_period(grown, charts):
    built, figures = charts
    by_id = figures.set_index("id")
    for name, chart in built.items():
        for panel in chart:
            rows = by_id.loc[panel["ids"]].reset_index()
            assert rows["unit"].nunique() == 1, (name, panel["ids"])
            assert len(set(period_kinds(rows))) == 1, (name, panel["ids"])


def test_three_flights_are_a_bar_of_their_own_panel_labelled_in_flights_never_beside_people(charts):
    built, figures = charts
    [panel] = [p for p in built["returns"] if "example-return-flights-2021" in p["ids"]]
    assert panel["ids"] == ["example-return-flights-2021"]
    assert (
        "Charter return flights (flights)" in panel["title"]
    )  # a chart of several units: each panel names its own
    assert figures.set_index("id").at["example-return-flights-2021", "value_label"] == "3 flights"


def test_a_six_year_total_and_one_years_figure_are_drawn_apart_each_saying_its_kind_of_period(
    charts,
):
    built, _ = charts
    returns = built["returns"]
    [total] = [p for p in returns if "example-returns-2018-2023" in p["ids"]]
    [year] = [p for p in returns if "example-returns-2024" in p["ids"]]
    assert total is not year
    assert "totals over more than a year" in total["title"] and "one year or less" in year["title"]


def test_a_percentage_and_a_multiple_are_drawn_on_axes_of_their_own_unit(charts):
    built, _ = charts
    [change] = [p for p in built["returns"] if "example-processing-time-cut" in p["ids"]]
    [multiple] = [p for p in built["people"] if "example-victims-multiple" in p["ids"]]
    assert all(t.endswith("%") for t in change["ticks"]) and "(per cent change)" in " ".join(
        change["title"].split()
    )
    assert all(t.endswith("×") for t in multiple["ticks"]) and "(times as many)" in " ".join(
        multiple["title"].split()
    )


def test_a_rank_is_drawn_on_no_chart_and_read_as_a_place_in_the_table(grown, charts):
    built, figures = charts
    ranks = [u.id for u in grown.units if u.value_kind is UnitKind.RANK]
    ranked = figures.loc[figures["unit"].isin(ranks), "id"].tolist()
    assert ranked
    drawn = {i for chart in built.values() for panel in chart for i in panel["ids"]}
    assert not drawn & set(ranked)
    rows = table_rows(figures)
    assert rows["example-small-boat-rank"]["value_label"] == "4th largest"
    assert (
        rows["example-asylum-rank"]["value_label"] == "in the top 10"
    )  # "top 10" is a rank, never "up to 10"


def test_a_pledge_whose_span_is_not_stated_is_drawn_apart_and_says_so(charts):
    built, figures = charts
    [panel] = [p for p in built["funding"] if "example-pledge-span-not-stated" in p["ids"]]
    assert "span not stated" in panel["title"]
    types = figures.set_index("id").loc[panel["ids"], "period_type"]
    assert set(types) == {"not_stated"}  # never beside totals over years or one year's figures
    assert (
        figures.set_index("id")
        .at["example-pledge-span-not-stated", "period_label"]
        .startswith("span not stated")
    )


def test_the_csv_and_the_vietnamese_table_keep_each_values_unit_words(grown):
    _, figures, _ = view(grown)
    rows = {
        r["id"]: r["value_label"]
        for r in csv.DictReader(
            io.StringIO(export.export_csv(figures, export.ExportContext(csv_bom=False)).decode())
        )
    }
    assert [
        rows[i]
        for i in (
            "example-processing-time-cut",
            "example-small-boat-men-share",
            "example-returns-rank",
            "example-victims-multiple",
        )
    ] == [
        "down 75%",
        "almost 90%",
        "one of the 2 largest",
        "potentially 4 times as many",
    ]
    _, vi_figures, _ = view(grown, "vi")
    vi = table_rows(vi_figures)
    assert [
        vi[i]["value_label"]
        for i in (
            "example-processing-time-cut",
            "example-small-boat-men-share",
            "example-small-boat-rank",
            "example-victims-multiple",
        )
    ] == [
        "giảm 75%",
        "gần 90%",
        "lớn thứ 4",
        "có thể gấp 4\u00a0lần",
    ]


def test_a_count_reads_with_its_units_curated_vietnamese_noun_and_a_base_with_its_curated_words(
    grown,
):
    _, figures, _ = view(grown, "vi")
    rows = table_rows(figures)
    assert rows["example-return-flights-2021"]["value_label"] == "3\u00a0chuyến bay"
    assert (
        figures.set_index("id").at["example-victims-multiple", "note"]
        == "so với những người đã được xác định"
    )


def test_top_10_exports_the_bounds_of_a_rank_1_to_10_never_0(grown):
    _, figures, _ = view(grown)
    rows = {
        r["id"]: r
        for r in csv.DictReader(
            io.StringIO(export.export_csv(figures, export.ExportContext(csv_bom=False)).decode())
        )
    }
    assert (
        rows["example-asylum-rank"]["value_low"],
        rows["example-asylum-rank"]["value_high"],
    ) == ("1", "10")
    assert (
        rows["example-small-boat-rank"]["value_low"],
        rows["example-small-boat-rank"]["value_high"],
    ) == ("4", "4")
