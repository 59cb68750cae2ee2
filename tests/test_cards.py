"""Headline cards read like the sources: the qualifier, the period and whether a figure was
achieved or pledged stay with every value, and an empty card says what it is empty of."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.views.cards import Card, CardLine, headline_cards, headline_order, metric_card
from dashboard.analysis.fmt import qualifier_word
from dashboard.analysis.frame import Filters, apply_filters, figures_frame, year_span


@pytest.fixture(scope="module")
def figures(dataset):
    return figures_frame(dataset)


@pytest.fixture(scope="module")
def cards_for(dataset, figures):
    def make(filters: Filters | None = None) -> dict[str, Card]:
        filters = filters or Filters(*year_span(dataset))
        return {
            card.metric: card
            for card in headline_cards(apply_filters(figures, filters), dataset, filters)
        }

    return make


def texts(card: Card) -> list[tuple[str, str, str]]:
    return [(line.value_text, line.period_text, line.kind) for line in card.lines]


def test_the_cards_are_funding_victims_people_reached_and_returns_in_that_order(dataset, figures):
    cards = headline_cards(figures, dataset)
    assert [c.metric for c in cards] == [
        "funding",
        "victims_identified",
        "people_reached",
        "returns",
    ]
    assert [c.title for c in cards] == [
        "Funding",
        "Victims identified",
        "People reached by awareness campaigns",
        "Returns",
    ]


def test_the_funding_card_leads_with_the_reported_figure_and_lists_the_pledges_after_it(cards_for):
    card = cards_for()["funding"]
    assert texts(card) == [
        ("over £7m", "2018 – Mar 2025, cumulative", "reported"),
        (
            "up to £1m",
            "Apr 2025 – Mar 2026, commitment",
            "committed",
        ),  # ends later than the Elbonia pledge
        ("nearly £1m", "span not stated (as at 1 Apr 2025)", "committed"),
    ]
    assert card.headline.figure_id == "msf-ruritania-funding-since-2018"
    assert card.empty_message is None
    assert [line.kind_label for line in card.lines] == [
        "Reported (achieved)",
        "Committed (pledged)",
        "Committed (pledged)",
    ]
    assert card.lines[0].programme_name == "Modern Slavery Fund in Ruritania"


def test_every_card_keeps_the_sources_qualifier_words(dataset, cards_for):
    figures = {f.id: f for f in dataset.figures}
    lines = [line for card in cards_for().values() for line in card.lines]
    bounded = [line for line in lines if figures[line.figure_id].qualifier != "exact"]
    assert bounded, "the sample has figures worded over, up to and nearly"
    for line in bounded:
        figure = figures[line.figure_id]
        assert line.value_text.startswith(qualifier_word(figure.qualifier, figure.wording) + " "), (
            line.value_text,
            figure.id,
        )
    cards = cards_for()
    assert texts(cards["victims_identified"]) == [
        ("720", "2018 – Mar 2025, cumulative", "reported")
    ]
    assert cards["people_reached"].headline.value_text == "over 7 million"
    assert cards["returns"].headline.value_text == "more than 24,000"  # the source's own word
    assert cards["returns"].headline.period_text == "4 Jul 2024 – Mar 2025, cumulative"


def test_a_card_line_carries_the_curators_caveat(cards_for):
    assert (
        cards_for()["returns"].headline.note == "All nationalities, not Ruritanian nationals alone."
    )
    assert cards_for()["funding"].headline.note == ""


def test_a_2022_only_view_drops_the_returns_figure_and_the_2025_commitments(cards_for):
    cards = cards_for(Filters(2022, 2022))
    assert cards["returns"].lines == ()
    assert cards["returns"].headline is None
    assert cards["returns"].empty_message == "No returns figure in 2022"
    assert texts(cards["funding"]) == [("over £7m", "2018 – Mar 2025, cumulative", "reported")]
    assert "up to £1m" not in [line.value_text for line in cards["funding"].lines]
    assert (
        cards["victims_identified"].headline.value_text == "720"
    )  # cumulative since 2018 overlaps 2022


def test_an_empty_card_names_the_programme_or_metric_filter_that_emptied_it(cards_for):
    one = cards_for(Filters(2022, 2022, programmes=("uk-returns",)))
    assert (
        one["returns"].empty_message
        == "No returns figure in 2022 for Returns of people with no right to be in the UK"
    )
    two = cards_for(Filters(2018, 2025, programmes=("elbonia-oic-fund", "joint-action-plan")))
    assert (
        two["victims_identified"].empty_message
        == "No victims identified figure in 2018–2025 for the selected programmes"
    )
    assert [line.value_text for line in two["funding"].lines] == ["up to £1m", "nearly £1m"]
    metric = cards_for(Filters(2018, 2025, metrics=("funding",)))
    assert list(metric) == [
        "funding"
    ]  # a chosen metric is the only card: never an empty card for another (issue 8)


def test_without_filters_an_empty_card_still_says_so_plainly(dataset, figures):
    card = metric_card("returns", figures.iloc[0:0], dataset)
    assert card.empty_message == "No returns figure in the current selection"


def test_headline_order_is_reported_first_then_latest_period_end_then_largest_value(figures):
    base = figures[figures["id"] == "msf-ruritania-funding-since-2018"]
    rows = pd.concat(
        [
            base.assign(
                id="pledge-big", kind="committed", value=9e9, period_end=pd.Timestamp("2030-01-01")
            ),
            base.assign(id="old-small", value=1.0, period_end=pd.Timestamp("2020-12-31")),
            base.assign(id="new-small", value=2.0),
            base.assign(id="new-large", value=3.0),
        ],
        ignore_index=True,
    )
    assert rows["id"].iloc[headline_order(rows)].tolist() == [
        "new-large",
        "new-small",
        "old-small",
        "pledge-big",
    ]


def test_a_card_line_says_in_words_whether_its_figure_was_achieved_or_pledged():
    reported = CardLine("x", "over £7m", "2018 – Mar 2025, cumulative", "reported", "Fund")
    committed = CardLine("y", "up to £1m", "2025", "committed", "Fund")
    assert "achieved" in reported.kind_label.lower() and "pledged" in committed.kind_label.lower()
    assert (
        CardLine("z", "720", "2020", "estimated", "Fund").kind_label == "estimated"
    )  # an unknown kind is shown, never blank
    assert (
        committed.qualifier == "exact" and committed.note == ""
    )  # what a line without either says


def test_each_card_line_carries_its_figures_qualifier_kind_and_caveat(dataset, cards_for):
    figures = {f.id: f for f in dataset.figures}
    lines = [line for card in cards_for().values() for line in card.lines]
    assert {line.figure_id for line in lines} == {
        f.id for f in dataset.figures if f.metric in cards_for()
    }
    for line in lines:
        figure = figures[line.figure_id]
        assert (line.qualifier, line.kind, line.note) == (
            figure.qualifier,
            figure.kind,
            figure.note or "",
        )
        assert (
            line.kind_label
            == {"reported": "Reported (achieved)", "committed": "Committed (pledged)"}[figure.kind]
        )


def test_a_card_line_of_an_unknown_kind_shows_the_kind_as_written_not_a_guess():
    assert (
        CardLine("x", "over £7m", "2018 – Mar 2025, cumulative", "estimated", "Fund").kind_label
        == "estimated"
    )


def test_a_card_held_to_fewer_lines_keeps_the_first_in_headline_order_and_counts_the_rest(
    dataset, figures
):
    every = {card.metric: card for card in headline_cards(figures, dataset)}
    held = {card.metric: card for card in headline_cards(figures, dataset, lines=1)}
    for metric, card in every.items():
        assert held[metric].lines == card.lines[:1]
        assert len(held[metric].lines) + held[metric].more == len(card.lines)
    assert any(card.more for card in held.values()), "the sample has a card of several figures"
