"""What a sceptical reviewer read on charts, slides and files with the made-up documents of
tests/fixtures/extra_documents added to the shipped data: a hedged value ("potentially four
times as many") is never called exact nor drawn on a people axis, and a fall ("cut by 75%")
keeps its direction wherever it is drawn or written."""

from __future__ import annotations

import csv
import io
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
from dashboard.curated.validate import load_valid
from dashboard.outputs import export
from dashboard.outputs.decktables import source_rows
from dashboard.views.charts.registry import chart_figure, qualifier_notes
from dashboard.views.language import localize
from dashboard.views.table import table_rows
from dashboard.web.provenance import Provenance
from dashboard.words import Words

EXTRA = Path(__file__).resolve().parent / "fixtures" / "extra_documents"
HEDGED, FALL = "example-victims-multiple", "example-processing-time-cut"  # made-up document 930


@pytest.fixture(scope="module")
def grown(tmp_path_factory, shipped_data_dir, shipped_seeds_dir):
    """The shipped data with every made-up document added as data only."""
    root = tmp_path_factory.mktemp("trust")
    shutil.copytree(shipped_data_dir, root / "data", dirs_exist_ok=True)
    shutil.copytree(shipped_seeds_dir, root / "seeds", dirs_exist_ok=True)
    for folder in ("data", "seeds"):
        for path in (EXTRA / folder).iterdir():
            shutil.copy(path, root / folder / path.name)
    return load_valid(root / "data", root / "seeds"), root


def view(dataset, language="en", metrics=()):
    first, last = year_span(dataset)
    local = localize(dataset, figures_frame(dataset), events_frame(dataset), language, None)
    filters = Filters(first, last, metrics=tuple(metrics))
    return local, apply_filters(local.figures, filters), apply_event_filters(local.events, filters)


def csv_rows(figures) -> dict[str, dict]:
    content = export.export_csv(figures, export.ExportContext(csv_bom=False)).decode()
    return {r["id"]: r for r in csv.DictReader(io.StringIO(content))}


def x_title(spec: dict) -> str:
    """The title of the chart's last value axis (the one under every panel)."""
    axes = [
        k
        for k in spec["layout"]
        if k.startswith("xaxis") and (spec["layout"][k].get("title") or {}).get("text")
    ]
    return spec["layout"][axes[-1]]["title"]["text"] if axes else ""


@pytest.mark.parametrize("language", ["en", "vi"])
def test_a_hedged_value_reads_as_its_hedge_never_as_exact_in_the_table_deck_and_source_dialog(
    grown, language
):
    dataset, root = grown
    words = Words(language)
    local, figures, _ = view(dataset, language)
    exact = words.text(
        "Exact: the source states this number.", "qualifier sentence: what a figure's bound means"
    )
    hedge = words.text(
        "Potentially: the source says the value may hold, not that it does.",
        "qualifier sentence: what a figure's bound means",
    )
    assert table_rows(figures)[HEDGED]["qualifier"] == hedge.split(":")[0] != exact.split(":")[0]
    deck = {row.key: row.cells for row in source_rows(figures, local.dataset, words)}
    assert deck[HEDGED][2] == hedge
    dialog = Provenance(dataset, root / "seeds").passage(HEDGED, words=words)
    shown = " ".join([dialog.heading, *(f"{d.label}: {d.text}" for d in dialog.details)])
    assert hedge in shown and exact not in shown
    assert (
        local.figures.set_index("id").at[HEDGED, "value_label"] in shown
    )  # "potentially 4 times as many", hedge and all


def test_a_hedged_value_is_never_exact_in_the_csv_nor_the_workbook(grown):
    import openpyxl

    dataset, _ = grown
    _, figures, _ = view(dataset)
    row = csv_rows(figures)[HEDGED]
    assert (row["qualifier"], row["value_bound"], row["value_label"]) == (
        "potentially",
        "potentially",
        "potentially 4 times as many",
    )
    book = openpyxl.load_workbook(io.BytesIO(export.export_xlsx(figures, export.ExportContext())))
    data = book["Data"]  # every CSV column, named as there
    names = [c.value for c in data[1]]
    sheet = {
        r[names.index("id")]: dict(zip(names, r))
        for r in data.iter_rows(min_row=2, values_only=True)
    }
    assert (sheet[HEDGED]["qualifier"], sheet[HEDGED]["value_bound"]) == (
        "potentially",
        "potentially",
    )


def test_a_multiple_on_the_people_chart_is_drawn_on_an_axis_of_its_own_unit_never_of_people(
    grown, config
):
    dataset, _ = grown
    local, figures, events = view(
        dataset, metrics=["unidentified_victims_multiple"]
    )  # as a slide of its own panel
    spec = chart_figure("people", figures, events, local.dataset, config.theme)
    assert "times as many" in x_title(spec) and "people" not in x_title(spec).lower()
    notes = " ".join(qualifier_notes("people", figures))
    assert "Potentially" in notes  # the chart says what its hedged bar means
    local, figures, events = view(dataset, metrics=["victims_identified"])
    assert x_title(chart_figure("people", figures, events, local.dataset, config.theme)).startswith(
        "Number of people"
    )


def test_a_fall_is_drawn_below_zero_and_written_with_its_direction_in_every_file(grown, config):
    dataset, _ = grown
    local, figures, events = view(dataset, metrics=["processing_time_change"])
    spec = chart_figure("returns", figures, events, local.dataset, config.theme)
    bars = [t for t in spec["data"] if t.get("type") == "bar" and FALL in list(t.get("y", []))]
    assert bars and all(
        x < 0 for t in bars for x in t["x"]
    )  # drawn leftwards of zero, never as +75
    axis = spec["layout"]["xaxis"]
    assert axis["range"][0] < -75 and axis["range"][1] <= 0
    group = figures.set_index("id").at[FALL, "quantity_group"]
    first, last = year_span(dataset)
    claims = chart_figure(
        "claims",
        apply_filters(local.figures, Filters(first, last, quantity=group)),
        events,
        local.dataset,
        config.theme,
    )
    ys = [
        y
        for t in claims["data"]
        if t.get("type") == "scatter"
        and FALL in [c[0] if isinstance(c, list) else c for c in t.get("customdata", [])]
        for y in t["y"]
    ]
    low, high = claims["layout"]["yaxis"]["range"]
    assert ys and all(
        low < y < 0 <= high for y in ys
    )  # the claims view draws it below zero too, inside its axis
    row = csv_rows(figures)[FALL]
    assert (float(row["value"]), row["change"], row["value_label"]) == (-75.0, "fall", "down 75%")
    assert float(row["value_low"]) == float(row["value_high"]) == -75.0


# --- panel titles fit their slide image ---------------------------------------------------------


def _title_overrun(part_figure: dict) -> list[tuple[str, float]]:
    """Each panel title that runs past the image's right edge, and by how many pixels, measured
    as the slide sets it (bold Arial, measured with its metric twin by ``outputs.textfit``)."""
    from dashboard.outputs.slidefit import plain_text
    from dashboard.outputs.textfit import text_width_in

    layout = part_figure["layout"]
    margin, width = layout["margin"], layout["width"]
    plot_w = width - margin["l"] - margin["r"]
    out = []
    for a in layout.get("annotations", []):
        if a.get("name") != "panel-title":
            continue
        xref = str(a.get("xref", "paper"))
        start = (
            (layout.get("xaxis" + xref.split(" ")[0][1:], {}).get("domain") or [0, 1])[0]
            if xref.endswith("domain")
            else 0.0
        )
        left = (
            margin["l"]
            + (start + float(a.get("x", 0)) * (1 if xref.endswith("domain") else 0)) * plot_w
        )
        size = float(a.get("font", {}).get("size", 13))
        extent = max(
            text_width_in(line, size, bold=True) * 72 for line in plain_text(a["text"]).split("\n")
        )
        if left + extent > width:
            out.append((plain_text(a["text"]), left + extent - width))
    return out


@pytest.mark.parametrize(
    "grown_data", [False, True], ids=["shipped data", "with the made-up documents"]
)
def test_no_panel_title_runs_off_a_slide_image_at_any_size_in_either_language(
    grown, shipped_dataset, config, grown_data
):
    from dashboard.outputs.slideparts import slide_parts

    dataset = grown[0] if grown_data else shipped_dataset
    overruns = []
    for language in ("en", "vi"):
        local, figures, events = view(dataset, language)
        filters = Filters(*year_span(dataset))
        for size_name, size in config.exports.image_sizes.items():
            for chart in ("funding", "people", "returns", "claims"):
                for part in slide_parts(
                    chart,
                    figures,
                    events,
                    local.dataset,
                    filters,
                    config,
                    size=tuple(size),
                    words=Words(language),
                ):
                    overruns += [
                        (language, size_name, chart, part.number, *o)
                        for o in _title_overrun(part.figure)
                    ]
    assert not overruns, f"panel titles cut at the image's right edge: {overruns[:5]}"


# --- a part and its whole on different slides ---------------------------------------------------


@pytest.mark.parametrize("language", ["en", "vi"])
def test_a_part_whose_whole_is_on_another_slide_says_which_slide_never_not_in_this_view(
    grown, config, language
):
    from dashboard.outputs.slideparts import slide_parts
    from dashboard.outputs.slidefit import plain_text

    dataset, _ = grown
    words = Words(language)
    local, figures, events = view(dataset, language)
    parts = slide_parts(
        "funding", figures, events, local.dataset, Filters(*year_span(dataset)), config, words=words
    )
    slide_of = {i: p.number for p in parts for i in p.ids}
    whole_of = dict(zip(figures["id"], figures["part_of"]))
    apart = [
        (p, i)
        for p in parts
        for i in p.ids
        if isinstance(whole_of.get(i), str) and slide_of.get(whole_of[i], p.number) != p.number
    ]
    if not apart:
        pytest.skip("no part is drawn on another slide than its whole in this data")
    unknown = words.text("a larger figure not in this view", "claims")
    for part, figure_id in apart:
        axes = [
            a
            for k, a in part.figure["layout"].items()
            if k.startswith("yaxis") and figure_id in list(a.get("tickvals", []))
        ]
        label = plain_text(
            list(axes[0]["ticktext"])[list(axes[0]["tickvals"]).index(figure_id)]
        ).replace("\n", " ")
        where = words.text(
            "{value} (whole on slide {number} of {count})",
            "deck",
            value="",
            number=slide_of[whole_of[figure_id]],
            count=len(parts),
        )
        assert unknown not in label and " ".join(where.split()) in " ".join(label.split()), label


# --- what a metric counts and who counted it, said once -----------------------------------------


def _said(text: str, what: str) -> int:
    return " ".join(text.split()).count(" ".join(what.split()))


@pytest.mark.parametrize("chart", ["funding", "people", "returns"])
def test_a_chart_says_what_a_metric_counts_and_who_counted_it_once_not_over_every_panel(
    grown, config, chart
):
    from dashboard.outputs.slidefit import plain_text
    from dashboard.outputs.slideparts import slide_parts

    dataset, _ = grown
    local, figures, events = view(dataset)
    spec = chart_figure(chart, figures, events, local.dataset, config.theme)
    titles = " ".join(
        plain_text(a["text"])
        for a in spec["layout"].get("annotations", [])
        if a.get("name") == "panel-title"
    )
    drawn = {m for m in figures.loc[figures["chart"] == chart, "metric"]}
    for metric in (local.dataset.metric(m) for m in drawn):
        if metric.counts and metric.counted_by:
            assert _said(titles, metric.counted_by) <= 1, (
                f"{metric.id}: its counter is said over more than one panel"
            )
    # every slide of the chart still says, once, what each metric it draws counts
    metric_of = dict(zip(figures["id"], figures["metric"]))
    for part in slide_parts(
        chart, figures, events, local.dataset, Filters(*year_span(dataset)), config
    ):
        footer = " ".join(
            plain_text(a["text"])
            for a in part.figure["layout"]["annotations"]
            if a.get("name") == "slide-footer"
        )
        for metric in {local.dataset.metric(metric_of[i]) for i in part.ids}:
            if metric.counts:
                assert _said(footer, metric.counts) == 1, (part.number, metric.id, footer)
