"""The claims chart's dates follow the documents' precision: a publication date known to a
month is drawn across that month and never read as its first day at midnight, the axis never
ticks finer than a day (nor finer than a month when every date is a month), and a view that
chose no quantity says which of several equally stated ones it shows, and why."""

from __future__ import annotations

import datetime as dt
import re
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
from dashboard.config import load_config
from dashboard.curated.records import DatePrecision, FlexDate
from dashboard.curated.validate import load_valid
from dashboard.views.charts import build_chart
from dashboard.views.charts.claims import DATE_SPAN_ROLE, date_axis
from dashboard.views.language import formatter_for
from dashboard.words.languages import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = Path(__file__).resolve().parent / "fixtures" / "claims"
APRIL = FlexDate(dt.date(2025, 4, 1), DatePrecision.MONTH)
SECOND_OF_APRIL = FlexDate(dt.date(2025, 4, 2))


@pytest.fixture(scope="module")
def claims():
    return load_valid(CLAIMS / "data", CLAIMS / "seeds")


def claims_chart(claims, quantity=None):
    filters = Filters(*year_span(claims), quantity=quantity)
    figures, events = (
        apply_filters(figures_frame(claims), filters),
        apply_event_filters(events_frame(claims), filters),
    )
    return build_chart(
        "claims", figures, events, claims, load_config(ROOT / "config.yaml").theme, filters
    )


@pytest.mark.parametrize("language", LANGUAGES)  # every registered language
def test_a_month_and_a_day_inside_it_get_day_ticks_never_hours(language):
    axis = date_axis([APRIL, SECOND_OF_APRIL], formatter_for(language))
    ticks = axis["tickvals"]
    assert ticks and all(type(t) is dt.date for t in ticks)  # whole days: no 00:00 … 21:00
    assert axis["ticktext"] == [formatter_for(language).flex_date(FlexDate(t)) for t in ticks]
    low, high = axis["range"]
    assert low <= APRIL.first_day and high > APRIL.last_day  # the whole of April is on the axis


@pytest.mark.parametrize(
    "dates",
    [[APRIL], [APRIL, FlexDate(dt.date(2025, 9, 1), DatePrecision.MONTH)]],
    ids=["one month", "months apart"],
)
def test_dates_known_only_to_a_month_get_month_ticks(dates):
    axis = date_axis(dates, formatter_for("en"))
    assert axis["tickvals"] and all(t.day == 1 for t in axis["tickvals"])
    assert axis["ticktext"] == [
        formatter_for("en").flex_date(FlexDate(t, DatePrecision.MONTH)) for t in axis["tickvals"]
    ]
    assert "Apr 2025" in axis["ticktext"] or "Jul 2025" in axis["ticktext"]


def test_a_statement_dated_to_a_month_is_drawn_across_that_month(claims):
    # victims-2017 comes from a document published "Nov 2018", its rival from "Jun 2019"
    fig = claims_chart(claims, "victims-2017")
    spans = [list(t.x) for t in fig.data if (t.meta or {}).get("role") == DATE_SPAN_ROLE]
    assert sorted(str(x[0])[:10] for x in spans) == ["2018-11-01", "2019-06-01"]
    assert sorted(str(x[1])[:10] for x in spans) == ["2018-12-01", "2019-07-01"]
    assert all(len(str(t)) == 10 for t in fig.layout.xaxis.tickvals)


def test_with_no_quantity_chosen_the_chart_says_which_of_the_equally_stated_ones_it_shows(claims):
    title = " ".join(
        re.sub(r"<[^>]+>", " ", claims_chart(claims).layout.annotations[0].text).split()
    )
    figures = figures_frame(claims)
    counts = figures["quantity_group"].value_counts()
    tied = int((counts == counts.max()).sum())
    assert tied > 1  # the fixture states several quantities equally often
    assert "No quantity chosen" in title
    assert (
        f"{tied} quantities are stated as often ({counts.max()} statements each): this is the first of them in the table's order"
        in title
    )
