"""A chart registers once and every surface reads it: the page, the slide images, the deck,
the CLI, the file names and the benchmarks. Figures are plain data that plotly accepts as
they are, and each chart's rows are worked out once per view."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import pytest
from click.testing import CliRunner

from dashboard.analysis.frame import (
    Filters,
    apply_event_filters,
    apply_filters,
    events_frame,
    figures_frame,
    year_span,
)
from dashboard.cli import main
from dashboard.curated.records import Kind, where
from dashboard.outputs import deck, images
from dashboard.views import charts
from dashboard.views.charts import CHARTS, ChartSpec, bars, register, unregister
from dashboard.web import state as state_module
from dashboard.web.downloads import chart_title
from dashboard.web.layout import chart_dom_id, ID, page

ROOT = Path(__file__).resolve().parent.parent
PLEDGES = "pledges"


@pytest.fixture
def pledges_chart():
    """A tiny extra chart, registered for one test: every committed figure, one bar each."""
    spec = register(
        ChartSpec(
            name=PLEDGES,
            title="Pledges: what was promised",
            empty_what="pledges",
            plots="figures",
            select=lambda figures: figures[figures["kind"] == Kind.COMMITTED.value],
            cap=bars.largest_per_metric,
            cap_text=bars.cap_note,
            draw=bars.single_panel,
            intro=lambda title, rows: f"{title}: one bar per pledge.",
            items=bars.alt_items,
            notes=bars.qualifier_notes,
        )
    )
    yield spec
    unregister(PLEDGES)


@pytest.fixture(scope="module")
def frames(dataset):
    return figures_frame(dataset), events_frame(dataset)


def view_of(dataset, frames, filters=None):
    filters = filters or Filters(*year_span(dataset))
    return filters, apply_filters(frames[0], filters), apply_event_filters(frames[1], filters)


def pledged(figures):
    return figures[figures["kind"] == Kind.COMMITTED.value]


def test_a_registered_chart_reaches_the_page_with_its_title_bars_alt_text_and_sources(
    pledges_chart, dataset, config, seeds_dir
):
    state = state_module.make_state(dataset, config, seeds_dir)
    view = state.default_view
    chart = view.charts[PLEDGES]
    drawn = [
        row[0]
        for t in charts.as_figure(chart.spec).data
        if (t.meta or {}).get("role") == charts.BAR_TRACE_ROLE
        for row in t.customdata
    ]
    assert sorted(drawn) == sorted(pledged(view.figures)["id"]) and drawn
    assert chart.alt.startswith("Pledges: what was promised: one bar per pledge.")
    assert chart.footer.startswith(("Source: ", "Sources: "))
    html = json.dumps(
        page(state, view, state_module.first_table_page(state, view)).to_plotly_json(), default=str
    )
    assert "Pledges: what was promised" in html and chart_dom_id(ID.GRAPH, PLEDGES) in html
    assert (
        list(view.charts) == list(CHARTS) and list(CHARTS)[-1] == PLEDGES
    )  # page order: registration order


def test_a_registered_chart_says_what_it_is_empty_of(pledges_chart, dataset, frames, config):
    filters, figures, events = view_of(dataset, frames)
    none = figures.iloc[0:0]
    fig = charts.build_chart(PLEDGES, none, events, dataset, config.theme, filters)
    (message,) = [a.text for a in fig.layout.annotations if a.name == charts.EMPTY_MESSAGE_NAME]
    assert message.startswith("No pledges in ")


def test_a_registered_chart_reaches_the_slide_image_the_deck_notes_and_its_file_name(
    pledges_chart, dataset, frames, config
):
    filters, figures, events = view_of(dataset, frames)
    slide = images.slide_figure(
        PLEDGES, figures, events, dataset, filters, config, made_on=dt.date(2026, 11, 30)
    )
    assert "Pledges: what was promised" in json.dumps(slide["layout"], default=str)
    notes = deck.speaker_notes(PLEDGES, figures, events, dataset)
    assert notes.startswith("Pledges: what was promised")
    labels = list(pledged(figures)["value_label"])
    assert labels and all(label in notes for label in labels)
    assert chart_title(PLEDGES) == "Pledges"


def test_a_registered_chart_is_offered_by_the_cli_and_the_benchmarks(pledges_chart):
    result = CliRunner().invoke(main, ["export", "--help"], terminal_width=200)
    assert "pledges" in result.output
    spec = importlib.util.spec_from_file_location(
        "bench_app_under_test", ROOT / "bench" / "bench_app.py"
    )
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench
    try:
        spec.loader.exec_module(bench)
        assert bench.chart_names() == list(CHARTS)
    finally:
        del sys.modules[spec.name]


@pytest.fixture
def metric_chart():
    """A bar chart drawing the metrics whose ``chart:`` names it, registered for one test."""
    spec = register(bars.bar_chart("arrivals", "Arrivals", "arrivals figures"))
    yield spec
    unregister(spec.name)


def test_a_metric_may_name_a_registered_metric_chart_and_a_mistyped_one_is_refused_with_its_line(
    metric_chart, dataset
):
    """The data names charts by the registry's names, not by a list kept in the loader: the chart
    registered in one module is at once a value `chart:` may take."""
    metric = dataset.metrics[0]
    naming = dataclasses.replace(
        dataset, metrics=(dataclasses.replace(metric, chart="arrivals"), *dataset.metrics[1:])
    )
    assert charts.chart_problems(naming) == []
    mistyped = dataclasses.replace(
        dataset, metrics=(dataclasses.replace(metric, chart="arival"), *dataset.metrics[1:])
    )
    [problem] = charts.chart_problems(mistyped)
    assert str(problem).startswith(
        f"{where(metric, 'chart')}: chart: unknown value 'arival'; expected one of: "
    )
    assert all(f"{name}," in problem.message for name, spec in CHARTS.items() if spec.by_metric)
    assert problem.message.endswith("arrivals, none") and "timeline" not in problem.message


def test_dashboard_list_counts_the_figures_a_registered_chart_of_no_metric_draws_from(
    pledges_chart, dataset
):
    """A chart that picks its own rows (not by a metric's `chart:`) is listed with the figures it
    draws from, never as empty because no metric names it."""
    from dashboard.views.listing import rows

    [row] = [r for r in rows("charts", dataset) if r.id == PLEDGES]
    assert row.figures == len(dataset.figures) > 0


def test_a_chart_name_registers_once(pledges_chart):
    with pytest.raises(ValueError, match="registered twice"):
        register(pledges_chart)


def test_a_click_on_the_timeline_opens_an_event_and_on_a_bar_a_figure():
    opens = {name: spec.opens for name, spec in CHARTS.items()}
    assert opens["timeline"] == "event"
    assert {opens[name] for name in CHARTS if CHARTS[name].plots == "figures"} == {"figure"}


@pytest.mark.parametrize(
    "filters",
    [None, Filters(2022, 2022), Filters(2018, 2025, ("modern-slavery-fund-vietnam",), ())],
    ids=["all", "2022", "one-programme"],
)
def test_every_chart_is_a_figure_plotly_accepts_unchanged(filters, dataset, frames, config):
    filters, figures, events = view_of(dataset, frames, filters)
    many = figures.loc[figures.index.repeat(8)].assign(
        id=lambda f: f["id"] + "-" + f.groupby("id").cumcount().astype(str)
    )
    many = many.assign(
        quantity_group=many["id"], same_group=many["id"]
    )  # distinct figures, as loaded without relations
    for frame in (figures, many):  # "many" is capped, with its "Showing …" note
        for name in CHARTS:
            fig = charts.build_chart(name, frame, events, dataset, config.theme, filters)
            checked = go.Figure(
                fig.to_dict()
            )  # validated: raises on any property plotly does not know
            assert json.loads(pio.to_json(checked)) == json.loads(pio.to_json(fig)), (
                name
            )  # nothing coerced or dropped


def test_each_charts_rows_are_selected_once_per_view(dataset, config, seeds_dir, monkeypatch):
    state = state_module.make_state(dataset, config, seeds_dir)
    calls = {name: 0 for name in CHARTS}

    def counting(name, select):
        def wrapped(frame):
            calls[name] += 1
            return select(frame)

        return wrapped

    for name, spec in list(CHARTS.items()):
        monkeypatch.setitem(
            CHARTS, name, dataclasses.replace(spec, select=counting(name, spec.select))
        )
    state_module.compute_view(state, Filters(2019, 2024))
    assert calls == {name: 1 for name in CHARTS}


def test_a_finished_view_leaves_no_rows_behind(dataset, frames, config):
    import gc

    from dashboard.views.charts import registry

    for year in range(2018, 2026):  # a visitor moving the slider
        _, figures, events = view_of(dataset, frames, Filters(year, year))
        for name in CHARTS:
            charts.build_chart(name, figures, events, dataset, config.theme)
    del figures, events
    gc.collect()
    _, figures, events = view_of(dataset, frames)
    charts.plotted_rows("funding", figures, events)
    assert [
        refs for refs in registry.chart_rows.held_objects() if any(ref() is None for ref in refs)
    ] == []
