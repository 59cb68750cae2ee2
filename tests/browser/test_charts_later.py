"""Charts cost the first screen nothing: a chart is drawn when the reader comes near it
(dashboard/web/assets/plotly-later.js), keeps its height until then so nothing moves, and is
drawn at once when the page is printed."""

from __future__ import annotations

import pytest
from test_dashboard import draw_chart, idle

from dashboard.views.charts import CHARTS

LAST = list(CHARTS)[-1]  # the chart furthest down the page


def drawn(page, name: str) -> bool:
    return page.evaluate("(s) => !!document.querySelector(s)", f"#chart-graph-{name} .main-svg")


@pytest.mark.parametrize(
    "data", ["server", "crowded_server"]
)  # the shipped data; with made-up documents added
def test_a_chart_far_below_the_first_screen_is_drawn_only_when_the_reader_comes_near_it(
    new_page, request, data
):
    page = new_page(390, 800)
    page.goto(request.getfixturevalue(data))
    page.wait_for_selector("#cards li, #cards p")
    idle(page)
    assert not drawn(page, LAST)
    box = page.locator(f"#chart-graph-{LAST}").bounding_box()
    assert box["height"] >= 400  # the box keeps a chart's height: drawing it moves nothing below
    draw_chart(page, LAST)
    assert drawn(page, LAST)


def test_printing_the_page_draws_every_chart(new_page, server):
    page = new_page(390, 800)
    page.goto(server)
    page.wait_for_selector("#cards li, #cards p")
    idle(page)
    draw_chart(page, list(CHARTS)[0])  # plotly is loaded; the others wait below
    page.evaluate("window.scrollTo(0, 0)")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    for name in CHARTS:
        page.wait_for_selector(f"#chart-graph-{name} .main-svg")


PLOTLY_FETCHED = "() => !!document.querySelector('script[src*=\"plotly-basic\"]')"
A_CHART_ON_SCREEN = """() => Array.from(document.querySelectorAll('.dash-graph')).some(
    (el) => { const box = el.getBoundingClientRect();
              return box.height > 0 && box.top < window.innerHeight && box.bottom > 0; })"""


def test_plotly_is_fetched_only_once_a_chart_is_on_screen_or_the_reader_moves(new_page, server):
    page = new_page(1350, 600)
    page.goto(server)
    page.wait_for_selector("#cards li, #cards p")
    idle(page)
    page.wait_for_timeout(500)  # what a page left alone would have started by now
    if page.evaluate(A_CHART_ON_SCREEN):
        pytest.skip("a chart is on the first screen of this data: plotly is rightly fetched")
    assert not page.evaluate(PLOTLY_FETCHED)  # 1.1 MB of script the first screen does not show
    page.mouse.move(600, 300)
    page.mouse.wheel(0, 120)  # the reader's first move, long before any chart is on screen
    page.wait_for_function(PLOTLY_FETCHED)
    draw_chart(page, list(CHARTS)[0])
    assert drawn(page, list(CHARTS)[0])
