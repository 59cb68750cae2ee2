"""Charts, cards and speaker notes on the fictional claims dataset (tests/fixtures/claims):
ranges drawn as both bounds, scope on every bar, a share marked as part of its whole and
never summed, an updated figure drawn once (the latest), disagreeing documents side by side,
and the claims view of one quantity across documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.analysis import fmt
from dashboard.analysis.frame import (
    Filters,
    apply_event_filters,
    apply_filters,
    events_frame,
    figures_frame,
    year_span,
)
from dashboard.config import load_config
from dashboard.curated.validate import load_valid
from dashboard.views.charts import (
    BAR_TRACE_ROLE,
    END_TRACE_ROLE,
    KEY_TRACE_ROLE,
    alt_text,
    build_chart,
    qualifier_notes,
)
from dashboard.views.charts.draw import RANGE_TRACE_ROLE
from dashboard.views.charts import CHARTS

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = Path(__file__).resolve().parent / "fixtures" / "claims"


@pytest.fixture(scope="module")
def claims():
    return load_valid(CLAIMS / "data", CLAIMS / "seeds")


@pytest.fixture(scope="module")
def theme():
    return load_config(ROOT / "config.yaml").theme


@pytest.fixture(scope="module")
def view(claims):
    """``view(filters)`` → (filtered figures, filtered events, filters); every year by default."""
    figures, events = figures_frame(claims), events_frame(claims)

    def make(filters: Filters | None = None):
        filters = filters or Filters(*year_span(claims))
        return apply_filters(figures, filters), apply_event_filters(events, filters), filters

    return make


def traces(fig, role):
    return [t for t in fig.data if (t.meta or {}).get("role") == role]


def drawn_ids(fig, role=BAR_TRACE_ROLE):
    return [i for t in traces(fig, role) for i in t.y]


def test_a_range_is_drawn_from_its_low_bound_to_its_high_bound_and_labelled_between_them(
    claims, view, theme
):
    figures, events, filters = view()
    fig = build_chart("people", figures, events, claims, theme, filters)
    bar = next(t for t in traces(fig, BAR_TRACE_ROLE) if "campaign-reach" in list(t.y))
    extension = next(t for t in traces(fig, RANGE_TRACE_ROLE) if "campaign-reach" in list(t.y))
    i, j = list(bar.y).index("campaign-reach"), list(extension.y).index("campaign-reach")
    assert bar.x[i] == 10_000  # the solid bar stops at the low bound
    assert (extension.base[j], extension.base[j] + extension.x[j]) == (10_000, 13_000)
    label = next(t for t in traces(fig, END_TRACE_ROLE) if "campaign-reach" in list(t.y))
    k = list(label.y).index("campaign-reach")
    assert label.text[k] == "between 10,000 and 13,000" and label.x[k] == 13_000
    assert any(k.name.startswith("Between") for k in traces(fig, KEY_TRACE_ROLE))


def test_a_range_brings_its_note_under_the_chart_and_into_the_alt_text(claims, view):
    figures, events, filters = view()
    assert fmt.RANGE_NOTE in qualifier_notes("people", figures)
    assert "between 10,000 and 13,000 (a range)" in alt_text(
        "people", figures, events, claims, filters
    )


# --- cards -----------------------------------------------------------------------------------


def cards_of(claims, view, filters=None):
    from dashboard.views.cards import headline_cards

    figures, _, filters = view(filters)
    return {card.metric: card for card in headline_cards(figures, claims, filters)}


def test_a_chosen_metric_gets_its_own_card_and_no_empty_card_for_another(claims, view):
    cards = cards_of(claims, view, Filters(2016, 2022, metrics=("people_reached",)))
    assert list(cards) == ["people_reached"]
    assert cards["people_reached"].headline.value_text == "between 10,000 and 13,000"


def test_without_a_metric_filter_the_cards_are_the_vocabularys_headline_metrics(claims, view):
    assert list(cards_of(claims, view)) == list(claims.headline_metrics())


def test_each_card_line_names_its_scope_when_the_view_holds_more_than_one(claims, view):
    funding = cards_of(claims, view)["funding"]
    scopes = {line.figure_id: line.scope_text for line in funding.lines}
    assert (
        scopes["global-aid-committed"] == "UK worldwide"
    )  # the figure itself, not its restatement
    assert scopes["fund-spending-2019"] == claims.scope("example_bilateral").label
    one_scope = cards_of(claims, view, Filters(2016, 2022, scope=("example_bilateral",)))["funding"]
    assert {line.scope_text for line in one_scope.lines} == {
        ""
    }  # the view's only scope goes without saying


def test_a_programme_without_a_scope_reads_scope_not_stated(claims, view):
    card = cards_of(claims, view, Filters(2016, 2022, metrics=("people_reached", "funding")))[
        "people_reached"
    ]
    assert card.headline.scope_text == "Scope not stated"


def test_an_updated_figure_shows_its_latest_statement_once_and_says_there_are_earlier_ones(
    claims, view
):
    funding = cards_of(claims, view)["funding"]
    ids = [line.figure_id for line in funding.lines]
    assert "fund-spending-2019" in ids and "fund-spending-2018" not in ids
    line = next(line for line in funding.lines if line.figure_id == "fund-spending-2019")
    assert line.claim_text.startswith("latest of 2 statements")


def test_disagreeing_documents_are_both_on_the_card_each_naming_the_other_never_averaged(
    claims, view
):
    victims = cards_of(claims, view)["victims_identified"]
    lines = {line.figure_id: line for line in victims.lines}
    assert set(lines) == {"victims-2017", "victims-2017-restated"}
    assert [lines["victims-2017"].value_text, lines["victims-2017-restated"].value_text] == [
        "738",
        "740",
    ]
    assert (
        "the sources disagree" in lines["victims-2017"].claim_text
        and "740" in lines["victims-2017"].claim_text
    )
    assert "738" in lines["victims-2017-restated"].claim_text
    assert not any(line.value_text == "739" for line in victims.lines)


def test_a_share_on_a_card_says_what_it_is_part_of(claims, view):
    funding = cards_of(claims, view)["funding"]
    line = next(line for line in funding.lines if line.figure_id == "example-fund-programme")
    assert line.claim_text == "part of £200m"


# --- scope and comparability in the bar charts ----------------------------------------------


def panel_titles(fig):
    from dashboard.views.charts import PANEL_TITLE_NAME

    return [a.text for a in fig.layout.annotations if a.name == PANEL_TITLE_NAME]


def axis_of(fig, figure_id):
    """The (x axis, y axis) names of the bar of ``figure_id``."""
    bar = next(t for t in traces(fig, BAR_TRACE_ROLE) if figure_id in list(t.y))
    return bar.xaxis or "x", bar.yaxis or "y"


def test_a_worldwide_total_and_a_bilateral_fund_never_share_a_funding_axis(claims, view, theme):
    figures, events, filters = view()
    fig = build_chart("funding", figures, events, claims, theme, filters)
    assert axis_of(fig, "global-aid-committed") != axis_of(fig, "fund-spending-2019")
    titles = panel_titles(fig)
    assert any("UK worldwide" in t for t in titles) and any(
        claims.scope("example_bilateral").label in t for t in titles
    )
    assert "each panel has its own scale" in fig.layout[f"xaxis{len(titles)}"].title.text


def test_each_people_panel_says_what_its_metric_counts_and_who_counted_it(claims, view, theme):
    figures, events, filters = view()
    fig = build_chart("people", figures, events, claims, theme, filters)
    victims = claims.metric("victims_identified")
    title = next(t for t in panel_titles(fig) if t.startswith(victims.label))
    words = " ".join(
        re.sub(r"<[^>]+>", " ", title).split()
    )  # as read: markup and line breaks aside
    assert victims.counts in words and victims.counted_by in words
    assert axis_of(fig, "victims-2017") != axis_of(fig, "campaign-reach")


def test_a_share_is_drawn_as_its_own_bar_marked_part_of_its_whole_and_never_summed(
    claims, view, theme
):
    figures, events, filters = view()
    fig = build_chart("funding", figures, events, claims, theme, filters)
    xaxis, yaxis = axis_of(fig, "example-fund-programme")
    axis = fig.layout["yaxis" + yaxis[1:]]
    label = axis.ticktext[list(axis.tickvals).index("example-fund-programme")]
    assert "part of £200m" in label
    values = [v for t in traces(fig, BAR_TRACE_ROLE) for v in t.x]
    assert 233_500_000 not in values and 200_000_000 in values and 33_500_000 in values


def test_an_updated_figure_is_one_bar_its_latest_statement_with_its_history_in_the_hover(
    claims, view, theme
):
    figures, events, filters = view()
    fig = build_chart("funding", figures, events, claims, theme, filters)
    ids = drawn_ids(fig)
    assert "fund-spending-2019" in ids and "fund-spending-2018" not in ids
    bar = next(t for t in traces(fig, BAR_TRACE_ROLE) if "fund-spending-2019" in list(t.y))
    assert "latest of 2 statements" in bar.hovertext[list(bar.y).index("fund-spending-2019")]


def test_documents_that_disagree_are_two_bars_side_by_side_each_citing_the_other(
    claims, view, theme
):
    figures, events, filters = view()
    fig = build_chart("people", figures, events, claims, theme, filters)
    axis = fig.layout["yaxis" + axis_of(fig, "victims-2017")[1][1:]]
    order = list(axis.categoryarray)
    assert abs(order.index("victims-2017") - order.index("victims-2017-restated")) == 1
    label = axis.ticktext[order.index("victims-2017")]
    assert "the sources disagree" in label
    text = alt_text("people", figures, events, claims, filters)
    assert "another document says 740" in text and "another document says 738" in text


def test_sixty_figures_of_several_scopes_keep_every_bar_label_clear_of_its_neighbours(
    claims, view, theme
):
    import pandas as pd

    from dashboard.views.charts import bars
    from dashboard.views.theme import CHART_CHROME_PX

    figures, events, filters = view()
    funding = figures[figures["metric"] == "funding"].iloc[:2]
    many = pd.concat([funding] * 30, ignore_index=True)
    many["id"] = pd.array([f"f-{i}" for i in range(60)], dtype="string")
    many["quantity_group"] = many["same_group"] = many["id"]
    many["part_of"] = pd.array([None] * 60, dtype="string")
    many["value"] = [float(i + 1) * 1e6 for i in range(60)]
    old_cap = bars.MAX_BARS
    bars.MAX_BARS = 100  # draw all sixty: the test is about labels, not the cap
    try:
        fig = build_chart("funding", many, events, claims, theme, filters)
    finally:
        bars.MAX_BARS = old_cap
    assert len(drawn_ids(fig)) == 60
    line_px = 16  # a 13 px label line
    for name in [k for k in fig.layout.to_plotly_json() if k.startswith("yaxis")]:
        axis = fig.layout[name]
        lines = max(t.count("<br>") + 1 for t in axis.ticktext)
        top, bottom = axis.domain[1], axis.domain[0]
        slot = (
            (top - bottom) * (fig.layout.height - CHART_CHROME_PX) / (axis.range[0] - axis.range[1])
        )
        assert slot >= lines * line_px, f"{name}: {slot:.0f} px per bar for {lines}-line labels"


def test_a_chart_of_one_stated_scope_still_names_it_so_it_never_reads_as_bilateral(
    claims, view, theme
):
    figures, events, filters = view(Filters(2016, 2022, scope=("uk_worldwide",)))
    fig = build_chart("funding", figures, events, claims, theme, filters)
    assert panel_titles(fig) and all("UK worldwide" in t for t in panel_titles(fig))


# --- the claims view -------------------------------------------------------------------------


def claims_view(claims, view, theme, quantity=None):
    figures, events, filters = view(Filters(*year_span(claims), quantity=quantity))
    return build_chart("claims", figures, events, claims, theme, filters), figures, events, filters


def test_a_filter_has_no_quantity_unless_one_is_chosen():
    assert Filters(2018, 2019).quantity is None


def test_the_claims_view_shows_every_statement_of_the_chosen_quantity_with_its_source_disagreement_marked(
    claims, view, theme
):
    fig, figures, events, filters = claims_view(claims, view, theme, quantity="victims-2017")
    points = traces(fig, BAR_TRACE_ROLE)[0]
    assert sorted(i[0] for i in points.customdata) == ["victims-2017", "victims-2017-restated"]
    order = [i[0] for i in points.customdata]
    assert [str(x)[:7] for x in points.x] == [
        "2018-11",
        "2019-06",
    ]  # at each source's publication date
    assert list(points.y) == [738, 740]  # as stated: never averaged into 739
    labels = traces(fig, END_TRACE_ROLE)[0].text
    # two documents that disagree: both marked so, neither ranked "latest" above the other
    assert (
        labels[order.index("victims-2017-restated")] == "740 (disagree)"
        and labels[order.index("victims-2017")] == "738 (disagree)"
    )
    assert "The sources disagree: both shown, never averaged." in panel_titles(fig)[0].replace(
        "</span><br><span style='color:#52606d'>", " "
    )
    assert (
        "Ministry of Examples" in points.hovertext[0]
        and "the sources disagree" in points.hovertext[0]
    )


def test_each_statement_keeps_its_qualifier_shape_and_a_pledge_is_hollow(claims, view, theme):
    fig, *_ = claims_view(claims, view, theme, quantity="fund-spending-2018")
    points = traces(fig, BAR_TRACE_ROLE)[0]
    assert set(points.marker.symbol) == {
        "triangle-up"
    }  # "over £5m", "over £7m": the true value lies higher
    fig, *_ = claims_view(claims, view, theme, quantity="pledge-2020-2022")
    assert list(traces(fig, BAR_TRACE_ROLE)[0].marker.symbol) == ["circle-open"]


def test_without_a_chosen_quantity_the_claims_view_shows_the_most_stated_one_and_says_so(
    claims, view, theme
):
    fig, figures, events, filters = claims_view(claims, view, theme)
    drawn = {i[0] for t in traces(fig, BAR_TRACE_ROLE) for i in t.customdata}
    assert len(drawn) == 2  # the fixture's quantities stated twice; never one stated once
    title = panel_titles(fig)[0]
    assert "most statements" in title
    assert "most statements" in alt_text("claims", figures, events, claims, filters)


def test_the_claims_view_reaches_the_slide_image_and_the_deck_notes_with_the_same_quantity(
    claims, view, theme
):
    import datetime as dt

    from dashboard.config import load_config
    from dashboard.outputs.deck import speaker_notes
    from dashboard.outputs.images import slide_figure

    figures, events, filters = view(Filters(*year_span(claims), quantity="victims-2017"))
    config = load_config(ROOT / "config.yaml")
    slide = slide_figure(
        "claims", figures, events, claims, filters, config, made_on=dt.date(2026, 1, 1)
    )
    drawn = {
        i[0]
        for t in slide["data"]
        if (t.get("meta") or {}).get("role") == BAR_TRACE_ROLE
        for i in t["customdata"]
    }
    assert drawn == {"victims-2017", "victims-2017-restated"}
    notes = speaker_notes("claims", figures, events, claims)
    assert "738" in notes and "740" in notes and "the sources disagree" in notes


def test_speaker_notes_say_part_of_the_scope_latest_of_and_that_the_sources_disagree(claims, view):
    from dashboard.outputs.deck import speaker_notes

    figures, events, _ = view()
    funding = speaker_notes("funding", figures, events, claims)
    share = next(line for line in funding.splitlines() if line.startswith("• £33.5m"))
    assert "part of £200m" in share and claims.scope("example_bilateral").label in share
    total = next(line for line in funding.splitlines() if line.startswith("• £200m"))
    assert "(UK worldwide)" in total and "also stated by 1 other document" in total
    assert "latest of 2 statements" in next(
        line for line in funding.splitlines() if line.startswith("• over £7m")
    )
    people = speaker_notes("people", figures, events, claims)
    assert "the sources disagree: another document says 740" in people
    assert "Scope not stated" in next(
        line for line in people.splitlines() if line.startswith("• between")
    )


def test_the_same_figure_from_two_documents_is_one_bar_citing_both(claims, view, theme):
    from dashboard.views.charts import source_footer

    figures, events, filters = view()
    fig = build_chart("funding", figures, events, claims, theme, filters)
    drawn = drawn_ids(fig)
    assert ("global-aid-committed" in drawn) + ("global-aid-restated" in drawn) == 1
    # the figure a later document restates draws the bar, never the restatement
    bar = next(t for t in traces(fig, BAR_TRACE_ROLE) if "global-aid-committed" in list(t.y))
    assert (
        "also stated by 1 other document"
        in bar.hovertext[list(bar.y).index("global-aid-committed")]
    )
    only_total = view(Filters(2016, 2022, scope=("uk_worldwide",)))
    footer = source_footer("funding", only_total[0], only_total[1], claims)
    assert "Nov 2018" in footer and "Jun 2019" in footer  # both documents that state it


def test_in_the_shipped_default_view_every_bar_of_a_stated_scope_sits_in_a_panel_naming_it(
    shipped_dataset, theme
):
    from dashboard.views.charts import PANEL_TITLE_NAME

    figures, events = figures_frame(shipped_dataset), events_frame(shipped_dataset)
    filters = Filters(*year_span(shipped_dataset))
    figures, events = apply_filters(figures, filters), apply_event_filters(events, filters)
    scope_of = dict(zip(figures["id"], figures["scope_label"]))
    stated = dict(zip(figures["id"], figures["scope"] != "not_stated"))
    for name in [n for n, s in CHARTS.items() if s.by_metric]:
        fig = build_chart(name, figures, events, shipped_dataset, theme, filters)
        titles = {
            (a.yref or "").split(" ")[0]: a.text
            for a in fig.layout.annotations
            if a.name == PANEL_TITLE_NAME
        }
        for bar in traces(fig, BAR_TRACE_ROLE):
            for figure_id in bar.y:
                if stated[figure_id]:
                    assert scope_of[figure_id] in titles.get(bar.yaxis or "y", ""), (
                        f"{name}: {figure_id} without its scope"
                    )
