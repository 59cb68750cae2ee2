"""One card, one scope at a time: a 2018 card mixed a bilateral, a worldwide and a part-of
figure under one heading. Figures of different scopes may share a metric's card only grouped
by scope, each line saying its scope, and a part saying what it is part of.

Data: the fictional claims fixture (figures of two scopes and parts of wholes in one year).
Each year of its span is checked, so nothing here pins its values."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.analysis.frame import Filters, apply_filters, figures_frame, year_span
from dashboard.curated.validate import load_valid
from dashboard.views.cards import headline_cards

CLAIMS = Path(__file__).resolve().parent / "fixtures" / "claims"


@pytest.fixture(scope="module")
def claims():
    return load_valid(CLAIMS / "data", CLAIMS / "seeds")


def _cards_by_year(claims):
    frame = figures_frame(claims)
    first, last = year_span(claims)
    for year in range(first, last + 1):
        filters = Filters(year, year)
        view = apply_filters(frame, filters)
        scope_of = dict(zip(view["id"], view["scope_label"]))
        yield year, headline_cards(view, claims, filters), scope_of


def test_the_lines_of_one_scope_stand_together_on_a_card(claims):
    mixed = 0
    for year, cards, scope_of in _cards_by_year(claims):
        for card in cards:
            scopes = [scope_of[line.figure_id] for line in card.lines]
            runs = [s for i, s in enumerate(scopes) if i == 0 or s != scopes[i - 1]]
            assert len(runs) == len(set(runs)), f"{year} {card.title}: scopes interleave: {scopes}"
            mixed += len(set(scopes)) > 1
    assert mixed, "the fixture has a card holding two scopes"


def test_every_line_of_a_card_holding_several_scopes_says_its_own_scope(claims):
    for year, cards, scope_of in _cards_by_year(claims):
        for card in cards:
            if len({scope_of[line.figure_id] for line in card.lines}) > 1:
                assert all(line.scope_text == scope_of[line.figure_id] for line in card.lines), (
                    year,
                    card.title,
                )


def test_a_part_on_a_card_says_what_it_is_part_of(claims):
    parts = {f.id for f in claims.figures if f.part_of}
    seen = 0
    for _, cards, _ in _cards_by_year(claims):
        for line in (line for card in cards for line in card.lines if line.figure_id in parts):
            assert "part of" in line.claim_text
            seen += 1
    assert seen
