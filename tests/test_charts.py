"""The charts draw one honest mark per curated figure or event: never a sum, qualifiers and
pledges visibly different from exact results, a message instead of an empty axis, and a
source footer built only from what is plotted."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from dashboard.analysis import fmt
from dashboard.views.charts import (
    BAR_TRACE_ROLE,
    CHARTS,
    COMMITMENT_NOTE,
    EMPTY_MESSAGE_NAME,
    END_TRACE_ROLE,
    EVENT_TRACE_ROLE,
    KEY_TRACE_ROLE,
    PANEL_TITLE_NAME,
    SPAN_TRACE_ROLE,
    alt_text,
    build_chart,
    nice_ticks,
    plotted_rows,
    qualifier_notes,
    source_footer,
)
from dashboard.config import load_config
from dashboard.analysis.frame import (
    Filters,
    apply_event_filters,
    apply_filters,
    events_frame,
    figures_frame,
    year_span,
)
from dashboard.curated.records import Qualifier

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample"  # fictional: see its README
DOC_000 = "Joint Statement of the 2nd UK–Ruritania Migration Dialogue (news report) — Publisher not named in the document, Apr 2024 (inferred)"  # neither document prints its date
DOC_004 = "UK and Ruritania sign agreement to tackle human trafficking — Ministry of Examples, Apr 2025 (inferred)"
MSF_FUNDING = "msf-ruritania-funding-since-2018"
PLAN_FUNDING = "joint-action-plan-funding-2025"
IRAQ_FUNDING = "elbonia-oic-funding-2025"


@pytest.fixture(scope="module")
def theme():
    return load_config(ROOT / "config.yaml").theme


@pytest.fixture(scope="module")
def frames(dataset):
    return figures_frame(dataset), events_frame(dataset)


@pytest.fixture(scope="module")
def view(dataset, frames, theme):
    """``view(filters)`` → (figures, events, {chart name: figure}) for that filter state."""

    def make(filters: Filters | None = None):
        filters = filters or Filters(*year_span(dataset))
        figures, events = apply_filters(frames[0], filters), apply_event_filters(frames[1], filters)
        built = {
            name: build_chart(name, figures, events, dataset, theme, filters) for name in CHARTS
        }
        return figures, events, built

    return make


def traces(fig, role):
    return [t for t in fig.data if (t.meta or {}).get("role") == role]


def bar_ids(fig) -> list[str]:
    return [row[0] for t in traces(fig, BAR_TRACE_ROLE) for row in t.customdata]


def trace_with(fig, role, figure_id):
    """The trace of ``role`` that draws ``figure_id``, and the point's index in it."""
    for t in traces(fig, role):
        ids = [row[0] for row in t.customdata]
        if figure_id in ids:
            return t, ids.index(figure_id)
    raise AssertionError(f"{figure_id} is not drawn by any {role} trace")


def at(value, i):
    """A trace property that is one value for every point, or one per point."""
    return value if isinstance(value, str | int | float) or value is None else value[i]


# --- what is drawn ------------------------------------------------------------------------


def test_every_chart_the_metric_vocabulary_names_exists_with_a_plain_title(dataset):
    assert {m.chart for m in dataset.metrics} - {"none"} <= set(CHARTS)
    for (
        spec
    ) in CHARTS.values():  # a heading on the page and a slide: words, no markup, no full stop
        assert (
            spec.title[:1].isupper() and "<" not in spec.title and not spec.title.endswith(".")
        ), spec.name


def test_the_page_shows_every_chart_in_order_each_headed_by_its_plain_title(dataset, theme):
    from dashboard.web.app import create_app

    app = create_app(dataset, load_config(ROOT / "config.yaml"), SAMPLE / "seeds")

    def panels(component):
        if isinstance(component, (list, tuple)):
            return [p for c in component for p in panels(c)]
        found = (
            [component] if "chart-panel" in (getattr(component, "className", None) or "") else []
        )
        children = getattr(component, "children", None)
        return found + (
            panels(children) if children is not None and not isinstance(children, str) else []
        )

    def heading(component):
        if "chart-title" in (getattr(component, "className", None) or ""):
            return component.children
        children = getattr(component, "children", None)
        if isinstance(children, (list, tuple)):
            return next((h for c in children if (h := heading(c)) is not None), None)
        return None if children is None or isinstance(children, str) else heading(children)

    with app.server.test_request_context("/"):
        layout = (
            app.layout() if callable(app.layout) else app.layout
        )  # built per visit from the link
    shown = panels(layout)
    assert [p.to_plotly_json()["props"]["data-chart"] for p in shown] == list(CHARTS)
    titles = [heading(p) for p in shown]
    assert titles == [spec.title for spec in CHARTS.values()]
    for title in titles:  # words for people, not code names
        assert title[0].isupper() and "_" not in title and title not in CHARTS


def test_the_funding_chart_draws_one_bar_per_funding_figure_and_never_their_sum(view):
    figures, _, built = view()
    fig = built["funding"]
    assert sorted(bar_ids(fig)) == sorted([MSF_FUNDING, PLAN_FUNDING, IRAQ_FUNDING])
    drawn = sorted(x for t in traces(fig, BAR_TRACE_ROLE) for x in t.x)
    assert drawn == [1_000_000, 1_000_000, 7_000_000]  # the curated values, not £9m


def test_every_chart_draws_each_of_its_rows_exactly_once(view):
    figures, events, built = view()
    for name in [n for n, s in CHARTS.items() if s.by_metric]:
        ids = bar_ids(built[name])
        assert len(ids) == len(plotted_rows(name, figures, events)) == len(set(ids))
    event_ids = [
        row[0] for t in traces(built["timeline"], EVENT_TRACE_ROLE) for row in t.customdata
    ]
    assert sorted(event_ids) == sorted(events["id"])


def test_a_figure_with_no_chart_is_not_drawn_anywhere(view):
    _, _, built = view()
    drawn = {
        i for name in [n for n, s in CHARTS.items() if s.by_metric] for i in bar_ids(built[name])
    }
    assert "border-security-summit-partners" not in drawn
    assert len(drawn) == 7


def test_two_figures_with_the_same_programme_and_period_get_two_bars(dataset, frames, theme):
    figures, events = frames
    twin = figures[figures["id"] == MSF_FUNDING].assign(
        id="msf-twin", value=5_000_000.0, quantity_group="msf-twin", same_group="msf-twin"
    )
    fig = build_chart(
        "funding", pd.concat([figures, twin], ignore_index=True), events, dataset, theme
    )
    assert len(bar_ids(fig)) == 4
    slots = [
        list(axis["tickvals"])
        for name, axis in fig.layout.to_plotly_json().items()
        if name.startswith("yaxis")
    ]
    assert sum(len(s) for s in slots) == 4 and any(
        {MSF_FUNDING, "msf-twin"} <= set(s) for s in slots
    )  # one panel, two slots


def test_every_mark_carries_its_figure_or_event_id_first_in_customdata(view):
    figures, events, built = view()
    for name, fig in built.items():
        known = set(plotted_rows(name, figures, events)["id"])
        clickable = [t for t in fig.data if t.customdata is not None]
        assert clickable, name
        for t in clickable:
            assert {row[0] for row in t.customdata} <= known, (name, t.name)


# --- how qualifiers and pledges look -----------------------------------------------------


def test_a_lower_bound_bar_is_hatched_followed_by_an_arrow_and_labelled_over(view):
    _, _, built = view()
    fig = built["funding"]
    bar, i = trace_with(fig, BAR_TRACE_ROLE, MSF_FUNDING)
    assert at(bar.marker.pattern.shape, i) == "/"
    end, j = trace_with(fig, END_TRACE_ROLE, MSF_FUNDING)
    assert at(end.marker.symbol, j) == "triangle-right"
    assert at(end.marker.color, j) != "rgba(0,0,0,0)"
    assert end.x[j] > bar.x[i]  # the arrow sits beyond the bar end, pointing on
    assert end.text[j] == "over £7m"


def test_an_exact_bar_is_plain_with_no_end_marker(view):
    _, _, built = view()
    bar, i = trace_with(built["people"], BAR_TRACE_ROLE, "msf-ruritania-victims-identified")
    assert at(bar.marker.pattern.shape, i) == ""
    end, j = trace_with(built["people"], END_TRACE_ROLE, "msf-ruritania-victims-identified")
    assert at(end.marker.color, j) == "rgba(0,0,0,0)"
    assert end.text[j] == "720"


def test_upper_bound_approximate_lower_bound_and_exact_bars_each_look_different(view):
    _, _, built = view()
    shapes = {}
    for name, figure_id, qualifier in [
        ("funding", MSF_FUNDING, "at_least"),
        ("funding", PLAN_FUNDING, "at_most"),
        ("funding", IRAQ_FUNDING, "approx"),
        ("people", "msf-ruritania-victims-identified", "exact"),
    ]:
        bar, i = trace_with(built[name], BAR_TRACE_ROLE, figure_id)
        shapes[qualifier] = at(bar.marker.pattern.shape, i)
    assert len(set(shapes.values())) == 4
    cap, j = trace_with(built["funding"], END_TRACE_ROLE, PLAN_FUNDING)
    assert at(cap.marker.symbol, j) == "line-ns" and cap.text[j].startswith("up to £1m")
    approx, k = trace_with(built["funding"], END_TRACE_ROLE, IRAQ_FUNDING)
    assert approx.text[k].startswith("nearly £1m")


def test_a_commitment_is_pale_with_a_heavier_outline_and_says_committed(view):
    _, _, built = view()
    fig = built["funding"]
    reported, i = trace_with(fig, BAR_TRACE_ROLE, MSF_FUNDING)
    pledged, j = trace_with(fig, BAR_TRACE_ROLE, PLAN_FUNDING)
    assert at(pledged.marker.color, j) != at(reported.marker.color, i)
    assert _lightness(at(pledged.marker.color, j)) > _lightness(at(reported.marker.color, i))
    assert at(pledged.marker.line.width, j) > at(reported.marker.line.width, i)
    label, k = trace_with(fig, END_TRACE_ROLE, PLAN_FUNDING)
    assert label.text[k] == "up to £1m (committed)"
    keys = [t.name for t in traces(fig, KEY_TRACE_ROLE)]
    assert "Reported (achieved)" in keys and "Committed (pledged)" in keys


def test_the_legend_and_notes_explain_each_qualifier_shown_in_the_formatters_words(view):
    figures, _, built = view()
    keys = [t.name for t in traces(built["funding"], KEY_TRACE_ROLE)]
    assert "Over: a lower bound" in keys and "Up to: an upper bound" in keys
    assert qualifier_notes("funding", figures) == [
        fmt.QUALIFIER_NOTES[Qualifier.AT_LEAST],
        fmt.QUALIFIER_NOTES[Qualifier.AT_MOST],
        fmt.QUALIFIER_NOTES[Qualifier.APPROX],
        COMMITMENT_NOTE,
    ]
    people_keys = [t.name for t in traces(built["people"], KEY_TRACE_ROLE)]
    assert people_keys == [
        "Reported (achieved)",
        "Over: a lower bound",
    ]  # only what the chart shows
    assert qualifier_notes("people", figures) == [fmt.QUALIFIER_NOTES[Qualifier.AT_LEAST]]
    assert qualifier_notes("timeline", figures) == []


# --- axes, labels, hover, theme --------------------------------------------------------------


def test_people_metrics_each_get_their_own_panel_and_linear_axis_from_zero(view, dataset):
    figures, _, built = view()
    fig = built["people"]
    titles = [a.text for a in fig.layout.annotations if a.name == PANEL_TITLE_NAME]
    assert titles == [
        "Victims identified",
        "People reached by awareness campaigns",
        "Aspiring migrants educated",
    ]
    for figure_id in [
        "msf-ruritania-victims-identified",
        "msf-ruritania-people-reached",
        "msf-ruritania-migrants-educated",
    ]:
        bar, i = trace_with(fig, BAR_TRACE_ROLE, figure_id)
        axis = fig.layout["xaxis" + bar.xaxis[1:]]
        assert axis.type in (None, "linear")
        assert axis.range[0] == 0 and axis.range[1] > bar.x[i]
        assert axis.range[1] < bar.x[i] * 3  # 720 is not squashed against a 7-million axis
    assert fig.layout.xaxis3.title.text == "Number of people (each panel has its own scale)"


def test_a_people_chart_narrowed_to_one_metric_has_one_panel(view):
    _, _, built = view(Filters(2018, 2025, metrics=("victims_identified",)))
    fig = built["people"]
    assert bar_ids(fig) == ["msf-ruritania-victims-identified"]
    assert [a.text for a in fig.layout.annotations if a.name == PANEL_TITLE_NAME] == [
        "Victims identified"
    ]
    assert fig.layout.xaxis.title.text == "Number of people"


def test_value_axes_name_their_unit_and_use_thousands_separators(view):
    _, _, built = view()
    funding_axes = [
        a
        for name, a in built["funding"].layout.to_plotly_json().items()
        if name.startswith("xaxis")
    ]
    returns = built["returns"].layout.xaxis
    assert funding_axes[-1]["title"]["text"].startswith(
        "Funding (£)"
    )  # the last panel's axis names the unit of all
    assert ["£0", "£2m", "£4m", "£6m", "£8m"] in [
        list(a["ticktext"]) for a in funding_axes
    ]  # over £7m's panel
    assert returns.title.text == "Returns (people)"
    assert "10,000" in returns.ticktext and "20,000" in returns.ticktext


def test_bars_are_labelled_by_programme_and_period(view):
    _, _, built = view()
    axis = built["funding"].layout.yaxis
    label = axis.ticktext[list(axis.tickvals).index(MSF_FUNDING)].replace(
        "<br>", " "
    )  # long names wrap
    assert "Modern Slavery Fund in Ruritania" in label and "2018 – Mar 2025, cumulative" in label


def test_hover_shows_value_period_kind_and_programme(view):
    _, _, built = view()
    bar, i = trace_with(built["funding"], BAR_TRACE_ROLE, PLAN_FUNDING)
    hover = bar.hovertext[i]
    for text in [
        "up to £1m",
        "Apr 2025 – Mar 2026, commitment",
        "Committed (pledged)",
        "UK–Ruritania joint action plan on human trafficking",
    ]:
        assert text in hover
    returns, j = trace_with(built["returns"], BAR_TRACE_ROLE, "uk-returns-since-general-election")
    assert "All nationalities, not Ruritanian nationals alone." in returns.hovertext[j]


def test_every_chart_uses_the_configured_theme_at_dashboard_size(dataset, frames, theme):
    mine = replace(
        theme,
        font_family="Atkinson Hyperlegible",
        palette=("#111111", "#222222", "#333333", "#444444", "#555555", "#666666"),
    )
    figures, events = frames
    for name in CHARTS:
        fig = build_chart(name, figures, events, dataset, mine)
        assert fig.layout.template.layout.font.family == "Atkinson Hyperlegible"
        assert fig.layout.template.layout.paper_bgcolor == theme.background_colour
        assert 400 <= fig.layout.height <= 500 and fig.layout.autosize
        assert fig.layout.title.text is None  # the page and the slides set their own titles
    bar, i = trace_with(
        build_chart("people", figures, events, dataset, mine),
        BAR_TRACE_ROLE,
        "msf-ruritania-victims-identified",
    )
    assert at(bar.marker.color, i) in mine.palette


def test_data_text_is_escaped_for_plotly_markup(dataset, frames, theme):
    figures, events = frames
    odd = figures.assign(
        programme_name=figures["programme_name"].where(figures["id"] != MSF_FUNDING, "Fund <A & B>")
    )
    fig = build_chart("funding", odd, events, dataset, theme)
    assert any("Fund &lt;A &amp; B&gt;" in t for t in fig.layout.yaxis.ticktext)
    assert bar_ids(fig).count(MSF_FUNDING) == 1  # the id in customdata stays raw


# --- the timeline ------------------------------------------------------------------------------


def test_the_timeline_gives_each_event_type_its_own_marker_symbol(view):
    _, events, built = view()
    symbols = {}
    for t in traces(built["timeline"], EVENT_TRACE_ROLE):
        for row in t.customdata:
            event_type = events.loc[events["id"] == row[0], "type"].item()
            symbols.setdefault(event_type, set()).add(t.marker.symbol.removesuffix("-open"))
    assert set(symbols) == {"dialogue", "agreement", "summit", "campaign", "ministerial_call"}
    assert all(len(s) == 1 for s in symbols.values())
    assert len({s.pop() for s in symbols.values()}) == 5


def test_a_planned_event_is_hollow_and_held_events_are_filled(view):
    _, _, built = view()
    planned, _ = trace_with(built["timeline"], EVENT_TRACE_ROLE, "migration-dialogue-3")
    held, _ = trace_with(built["timeline"], EVENT_TRACE_ROLE, "migration-dialogue-1")
    assert planned.marker.symbol == "circle-open" and planned.name == "Dialogue (planned)"
    assert held.marker.symbol == "circle"


def test_a_year_only_date_is_drawn_across_its_year_and_says_so(view):
    _, _, built = view()
    fig = built["timeline"]
    (band,) = traces(fig, SPAN_TRACE_ROLE)
    points = list(zip(band.x, band.y))
    start = points.index((pd.Timestamp("2018-01-01"), "mou-2018"))
    assert points[start + 1] == (pd.Timestamp("2019-01-01"), "mou-2018")
    marker, i = trace_with(fig, EVENT_TRACE_ROLE, "mou-2018")
    assert "2018 (year only)" in marker.hovertext[i]
    assert pd.Timestamp(marker.x[i]).year == 2018 and pd.Timestamp(marker.x[i]).month in (6, 7)
    day, j = trace_with(fig, EVENT_TRACE_ROLE, "migration-dialogue-1")
    assert pd.Timestamp(day.x[j]) == pd.Timestamp("2022-08-15")
    assert (
        "1st UK–Ruritania Migration Dialogue, Hanoi" in day.hovertext[j]
        and "15 Aug 2022" in day.hovertext[j]
    )


# --- empty views -------------------------------------------------------------------------------


def test_a_2022_only_view_shows_a_message_instead_of_an_empty_returns_axis(view):
    _, _, built = view(Filters(2022, 2022))
    fig = built["returns"]
    assert [t for t in fig.data if (t.meta or {}).get("role") != KEY_TRACE_ROLE] == []
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
    (message,) = [a for a in fig.layout.annotations if a.name == EMPTY_MESSAGE_NAME]
    assert message.text == "No returns figures in 2022"
    assert bar_ids(built["funding"]) == [MSF_FUNDING]  # the 2025 commitments are gone too


def test_an_empty_chart_names_the_programme_filter_that_emptied_it(view):
    _, _, built = view(Filters(2018, 2025, programmes=("elbonia-oic-fund",)))
    (message,) = [a for a in built["people"].layout.annotations if a.name == EMPTY_MESSAGE_NAME]
    assert message.text.replace("<br>", " ") == (
        "No figures for victims identified, people reached or migrants educated in 2018–2025 "
        "for UK funding to Elbonia against organised immigration crime"
    )
    _, _, built = view(Filters(2018, 2025, metrics=("funding",)))
    (message,) = [a for a in built["returns"].layout.annotations if a.name == EMPTY_MESSAGE_NAME]
    assert (
        message.text.replace("<br>", " ")
        == "No returns figures in 2018–2025 with the selected metrics"
    )


# --- footers and text alternatives -----------------------------------------------------------


def test_the_footer_names_each_plotted_document_once(view, dataset):
    figures, events, _ = view()
    assert source_footer("funding", figures, events, dataset) == f"Source: {DOC_004}"
    assert source_footer("timeline", figures, events, dataset) == f"Sources: {DOC_000}; {DOC_004}"


def test_a_filter_that_leaves_only_the_dialogue_statement_names_only_that_document(view, dataset):
    figures, events, _ = view(Filters(2018, 2025, programmes=("migration-dialogue",)))
    assert source_footer("timeline", figures, events, dataset) == f"Source: {DOC_000}"
    assert source_footer("funding", figures, events, dataset) == ""
    figures, events, _ = view(Filters(2022, 2022))
    assert source_footer("timeline", figures, events, dataset) == f"Source: {DOC_000}"
    assert source_footer("returns", figures, events, dataset) == ""


def test_the_text_alternative_states_every_value_with_qualifier_kind_and_period(view, dataset):
    figures, events, _ = view()
    text = alt_text("funding", figures, events, dataset)
    assert "never added together" in text
    assert (
        "Modern Slavery Fund in Ruritania: over £7m (a lower bound), reported (achieved), 2018 – Mar 2025, cumulative."
        in text
    )
    assert (
        "up to £1m (an upper bound), committed (pledged), Apr 2025 – Mar 2026, commitment" in text
    )
    assert (
        "nearly £1m (approximate), committed (pledged), span not stated (as at 1 Apr 2025)" in text
    )
    assert text.endswith(f"Source: {DOC_004}.")
    timeline = alt_text("timeline", figures, events, dataset)
    assert (
        "2018 (year only): UK–Ruritania memorandum of understanding signed — agreement." in timeline
    )
    assert (
        "2025 (year only): 3rd UK–Ruritania Migration Dialogue, hosted by Ruritania (planned) — dialogue, planned."
        in timeline
    )
    empty = alt_text("returns", *view(Filters(2022, 2022))[:2], dataset, Filters(2022, 2022))
    assert empty == "Returns: No returns figures in 2022."


def test_an_unknown_chart_name_is_a_clear_error(frames, dataset, theme):
    with pytest.raises(KeyError, match="expected one of: " + ", ".join(CHARTS)):
        build_chart("pie", *frames, dataset, theme)


# --- helpers for slides and axes -----------------------------------------------------------------


@pytest.mark.parametrize(
    "top, ticks",
    [
        (7_000_000, [0, 2e6, 4e6, 6e6, 8e6]),
        (24_000, [0, 10_000, 20_000, 30_000]),
        (720, [0, 200, 400, 600, 800]),
        (0, [0]),
    ],
)
def test_value_ticks_are_round_numbers_reaching_past_the_largest_value(top, ticks):
    assert nice_ticks(top) == ticks


def _lightness(colour: str) -> int:
    colour = colour.lstrip("#")
    return sum(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def many_funding_figures(figures: pd.DataFrame, n: int) -> pd.DataFrame:
    """The sample's funding row repeated ``n`` times with ids f-0… and values 1…n."""
    row = figures[figures["id"] == MSF_FUNDING]
    many = pd.concat([row] * n, ignore_index=True)
    many["id"] = pd.array([f"f-{i}" for i in range(n)], dtype="string")
    many["quantity_group"] = many["same_group"] = many[
        "id"
    ]  # distinct figures, as loaded from YAML without relations
    many["value"] = [float(i + 1) for i in range(n)]
    return many


def test_a_crowded_chart_draws_the_largest_figures_and_says_how_many_it_left_to_the_table(
    dataset, frames, theme
):
    from dashboard.views.charts import CAP_NOTE_NAME, MAX_BARS

    figures = many_funding_figures(frames[0], MAX_BARS + 15)
    fig = build_chart("funding", figures, frames[1].iloc[0:0], dataset, theme)
    [bars] = [t for t in fig.data if (t.meta or {}).get("role") == BAR_TRACE_ROLE]
    drawn = {c[0] for c in bars.customdata}
    assert drawn == {f"f-{i}" for i in range(15, MAX_BARS + 15)}  # the largest values
    [note] = [a.text for a in fig.layout.annotations if a.name == CAP_NOTE_NAME]
    assert f"({MAX_BARS} of {MAX_BARS + 15})" in note and "the table below lists them all" in note
    assert note in alt_text("funding", figures, frames[1].iloc[0:0], dataset)


def test_a_chart_of_many_bars_grows_so_every_bar_keeps_room_for_its_label(dataset, frames, theme):
    from dashboard.views.charts import MAX_BARS
    from dashboard.views.theme import DASHBOARD_HEIGHT, ROW_PX

    few = build_chart(
        "funding", many_funding_figures(frames[0], 3), frames[1].iloc[0:0], dataset, theme
    )
    many = build_chart(
        "funding",
        many_funding_figures(frames[0], MAX_BARS + 15),
        frames[1].iloc[0:0],
        dataset,
        theme,
    )
    assert few.layout.height == DASHBOARD_HEIGHT
    assert many.layout.height >= MAX_BARS * ROW_PX + 100


def test_a_chart_within_the_limit_carries_no_cap_note(view):
    from dashboard.views.charts import CAP_NOTE_NAME

    _, _, figs = view()
    assert all(a.name != CAP_NOTE_NAME for fig in figs.values() for a in fig.layout.annotations)


def test_a_crowded_timeline_draws_the_latest_events_and_says_how_many_it_left_out(
    dataset, frames, theme
):
    from dashboard.views.charts import CAP_NOTE_NAME, MAX_EVENTS

    event = frames[1].iloc[[0]]
    many = pd.concat([event] * (MAX_EVENTS + 5), ignore_index=True)
    many["id"] = pd.array([f"e-{i:02d}" for i in range(len(many))], dtype="string")
    many["same_group"] = many["id"]  # thirty different events, not one reported thirty times
    many["date"] = pd.to_datetime([f"{2000 + i}-06-01" for i in range(len(many))])
    many["date_end"] = many["date"]
    fig = build_chart("timeline", frames[0].iloc[0:0], many, dataset, theme)
    drawn = {c[0] for t in fig.data if t.customdata is not None for c in t.customdata}
    assert drawn == {f"e-{i:02d}" for i in range(5, MAX_EVENTS + 5)}  # the latest ones
    [note] = [a.text for a in fig.layout.annotations if a.name == CAP_NOTE_NAME]
    assert f"latest {MAX_EVENTS} of {MAX_EVENTS + 5} events" in note


def test_the_page_says_a_bar_charts_cap_under_the_chart_not_inside_its_drawing(
    dataset, frames, theme
):
    """Inside the plot the note ran into the lowest category label as documents added bars."""
    from dashboard.views.charts import CAP_NOTE_NAME, MAX_BARS, chart_figure
    from dashboard.views.view import page_spec

    figures = many_funding_figures(frames[0], MAX_BARS + 15)
    drawn = chart_figure("funding", figures, frames[1].iloc[0:0], dataset, theme)
    spec, notes = page_spec(drawn, "figures")
    assert all(a.get("name") != CAP_NOTE_NAME for a in spec["layout"].get("annotations", []))
    assert len(notes) == 1 and f"({MAX_BARS} of {MAX_BARS + 15})" in notes[0]
    few = chart_figure(
        "funding", many_funding_figures(frames[0], 3), frames[1].iloc[0:0], dataset, theme
    )
    assert page_spec(few, "figures") == (few, ())
