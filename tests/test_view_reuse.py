"""Work a view shares between its charts, cards and claims panel (worked out once per view
frame for speed) is never shared wrongly: a caller that changes its answer does not change
the next caller's, and a different frame gets its own answer."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.claims import quantity_choices, quantity_history
from dashboard.analysis.memo import per_frame
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


def test_an_answer_is_remembered_for_the_frame_it_was_worked_out_from_and_no_other():
    calls = []

    @per_frame(kept=2)
    def count_rows(frame):
        calls.append(len(frame))
        return len(frame)

    frame, same_rows = pd.DataFrame({"a": [1, 2]}), pd.DataFrame({"a": [1, 2]})
    assert count_rows(frame) == count_rows(frame) == 2
    assert calls == [2]  # the same frame asked again
    count_rows(same_rows)
    assert calls == [2, 2]  # an equal frame is another frame: its own answer
    count_rows(pd.DataFrame({"a": [1]})), count_rows(pd.DataFrame({"a": [1, 2, 3]}))
    count_rows(frame)
    assert calls == [2, 2, 1, 3, 2]  # past ``kept`` frames, the oldest answer is gone
