"""Work a view shares between its charts, cards and claims panel (worked out once per view
frame for speed) is never shared wrongly: a caller that changes its answer does not change
the next caller's, and a different frame gets its own answer."""

from __future__ import annotations

from dashboard.analysis.claims import quantity_choices, quantity_history
from dashboard.analysis.frame import figures_frame
from dashboard.views.charts.bars import bar_order


def test_a_second_caller_gets_the_quantity_choices_unchanged_by_the_first(dataset):
    figures = figures_frame(dataset)
    first = quantity_choices(figures)
    expected = list(first)
    first.clear()
    assert quantity_choices(figures) == expected != []


def test_the_claims_panel_and_chart_each_get_their_own_copy_of_a_quantity_history(dataset):
    figures = figures_frame(dataset)
    group = quantity_choices(figures)[0].id
    first = quantity_history(figures, group)
    first["claim_role"] = "changed by the first caller"
    second = quantity_history(figures, group)
    assert "latest" in set(second["claim_role"])


def test_bars_of_a_different_frame_are_ordered_afresh(dataset):
    figures = figures_frame(dataset)
    funding = figures[figures["metric"] == figures["metric"].iloc[0]]
    ordered = bar_order(funding, dataset)
    fewer = funding.iloc[:1]
    assert bar_order(fewer, dataset)["id"] == fewer["id"].tolist()
    assert len(bar_order(funding, dataset)) == len(ordered)
