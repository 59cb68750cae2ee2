"""Charts, cards and speaker notes on the fictional claims dataset (tests/fixtures/claims):
ranges drawn as both bounds, scope on every bar, a share marked as part of its whole and
never summed, an updated figure drawn once (the latest), disagreeing documents side by side,
and the claims view of one quantity across documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.analysis import fmt
from dashboard.analysis.frame import Filters, apply_event_filters, apply_filters, events_frame, figures_frame, year_span
from dashboard.config import load_config
from dashboard.curated.validate import load_valid
from dashboard.views.charts import (
    BAR_TRACE_ROLE, END_TRACE_ROLE, KEY_TRACE_ROLE, alt_text, build_chart, plotted_rows, qualifier_notes,
)
from dashboard.views.charts.draw import RANGE_TRACE_ROLE

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


def test_a_range_is_drawn_from_its_low_bound_to_its_high_bound_and_labelled_between_them(claims, view, theme):
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
    assert "between 10,000 and 13,000 (a range)" in alt_text("people", figures, events, claims, filters)


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
    assert scopes["global-aid-committed"] == "UK worldwide"
    assert scopes["fund-spending-2019"] == claims.scope("example_bilateral").label
    one_scope = cards_of(claims, view, Filters(2016, 2022, scope=("example_bilateral",)))["funding"]
    assert {line.scope_text for line in one_scope.lines} == {""}  # the view's only scope goes without saying


def test_a_programme_without_a_scope_reads_scope_not_stated(claims, view):
    card = cards_of(claims, view, Filters(2016, 2022, metrics=("people_reached", "funding")))["people_reached"]
    assert card.headline.scope_text == "Scope not stated"


def test_an_updated_figure_shows_its_latest_statement_once_and_says_there_are_earlier_ones(claims, view):
    funding = cards_of(claims, view)["funding"]
    ids = [line.figure_id for line in funding.lines]
    assert "fund-spending-2019" in ids and "fund-spending-2018" not in ids
    line = next(line for line in funding.lines if line.figure_id == "fund-spending-2019")
    assert line.claim_text.startswith("latest of 2 statements")


def test_disagreeing_documents_are_both_on_the_card_each_naming_the_other_never_averaged(claims, view):
    victims = cards_of(claims, view)["victims_identified"]
    lines = {line.figure_id: line for line in victims.lines}
    assert set(lines) == {"victims-2017", "victims-2017-restated"}
    assert [lines["victims-2017"].value_text, lines["victims-2017-restated"].value_text] == ["738", "740"]
    assert "the sources disagree" in lines["victims-2017"].claim_text and "740" in lines["victims-2017"].claim_text
    assert "738" in lines["victims-2017-restated"].claim_text
    assert not any(line.value_text == "739" for line in victims.lines)


def test_a_share_on_a_card_says_what_it_is_part_of(claims, view):
    funding = cards_of(claims, view)["funding"]
    line = next(line for line in funding.lines if line.figure_id == "example-fund-programme")
    assert line.claim_text == "part of £200m"
