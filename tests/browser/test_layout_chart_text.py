"""Chart text a reader can read at every designed width: every label, tick, title and legend
entry lies whole inside its chart (and inside the plot area that clips it), no two pieces
of text sit on top of each other, and no text sits on a marker. One page per width; the narrow-range view is a second pass
because year-only events and single-year axes are where labels used to run off.
"""

from __future__ import annotations

from pprint import pformat

import pytest

from dashboard.views.charts import CHARTS
from test_dashboard import open_view

WIDTHS = [390, 768, 1280, 1366, 1920]

# Every visible <text> of one chart (hover layer excepted) with its box, and the box it must
# stay inside: the chart's SVG, or the clip rectangle of the nearest clipped ancestor (a bar
# label clipped by the plot area is cut even though its own box is inside the SVG).
CHART_TEXTS = """(name) => {
  const root = document.querySelector(`#chart-graph-${name}`);
  const svg = root.querySelector('svg.main-svg').getBoundingClientRect();
  const out = [];
  for (const t of root.querySelectorAll('svg.main-svg text')) {
    if (t.closest('.hoverlayer') || !t.textContent.trim()) continue;
    const style = getComputedStyle(t);
    if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') continue;
    const r = t.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    let box = {left: svg.left, top: svg.top, right: svg.right, bottom: svg.bottom};
    const clipped = t.closest('[clip-path]');
    if (clipped) {
      const id = clipped.getAttribute('clip-path').match(/#([^)'"]+)/);
      const rect = id && document.getElementById(id[1]) && document.getElementById(id[1]).querySelector('rect');
      if (rect) {
        const m = clipped.getScreenCTM();
        const x = +rect.getAttribute('x') || 0, y = +rect.getAttribute('y') || 0;
        const left = m.e + m.a * x, top = m.f + m.d * y;
        box = {left: Math.max(box.left, left), top: Math.max(box.top, top),
               right: Math.min(box.right, left + m.a * +rect.getAttribute('width')),
               bottom: Math.min(box.bottom, top + m.d * +rect.getAttribute('height'))};
      }
    }
    out.push({text: t.textContent.slice(0, 40), left: r.left, top: r.top, right: r.right, bottom: r.bottom, box});
  }
  return out;
}"""

SLACK = 1.5  # px: anti-aliasing and sub-pixel rounding


def cut_texts(texts: list[dict]) -> list[str]:
    return [
        t["text"]
        for t in texts
        if t["left"] < t["box"]["left"] - SLACK
        or t["right"] > t["box"]["right"] + SLACK
        or t["top"] < t["box"]["top"] - SLACK
        or t["bottom"] > t["box"]["bottom"] + SLACK
    ]


def overlapping_texts(texts: list[dict]) -> list[tuple[str, str]]:
    pairs = []
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            across = min(a["right"], b["right"]) - max(a["left"], b["left"])
            down = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if across > SLACK and down > SLACK:
                pairs.append((a["text"], b["text"]))
    return pairs


# chart-fit.js fits a chart's text in passes after plotly draws it, and fits a figure afresh
# when the page redraws it: a chart drawn after the wait (the page draws them in turn) can fall
# mid-fit. The check is repeated a few times (SETTLE_TRIES), then asserted: a fit that never
# settles fails.
FITTING = "() => Array.from(document.querySelectorAll('.js-plotly-plot')).some(gd => gd._fitting)"
SETTLE_TRIES = 4
SETTLE_MS = 250


# The height the chart's box takes in the page and the height of its drawing: a box shorter than
# its drawing lets the content after it (the claims view's quantity picker) sit on the chart.
CHART_HEIGHTS = """(name) => {
  const root = document.querySelector(`#chart-graph-${name}`);
  return [root.getBoundingClientRect().height, root.querySelector('svg.main-svg').getBoundingClientRect().height];
}"""


# The visible markers of scatter traces (claims points, timeline markers, bar-end triangles).
CHART_MARKERS = """(name) => {
  const root = document.querySelector(`#chart-graph-${name}`);
  return Array.from(root.querySelectorAll('.scatterlayer .points path.point')).filter(p => {
    const style = getComputedStyle(p);
    return +style.opacity > 0 && +(p.style.opacity || 1) > 0 && style.display !== 'none';
  }).map(p => { const r = p.getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; })
    .filter(r => r.right - r.left >= 1 && r.bottom - r.top >= 1);
}"""


def texts_on_markers(texts: list[dict], markers: list[dict]) -> list[str]:
    return [
        t["text"]
        for t in texts
        for m in markers
        if min(t["right"], m["right"]) - max(t["left"], m["left"]) > SLACK + 1
        and min(t["bottom"], m["bottom"]) - max(t["top"], m["top"]) > SLACK + 1
    ]


def chart_text_problems(page) -> dict:
    problems = {}
    for name in CHARTS:
        texts = page.evaluate(CHART_TEXTS, name)
        cut, overlaps = cut_texts(texts), overlapping_texts(texts)
        on_markers = texts_on_markers(texts, page.evaluate(CHART_MARKERS, name))
        box, drawing = page.evaluate(CHART_HEIGHTS, name)
        if cut or overlaps or on_markers or box < drawing - SLACK:
            problems[name] = {
                "cut": cut,
                "overlapping": overlaps,
                "on a marker": on_markers,
                "box/drawing px": (box, drawing),
            }
    return problems


def assert_chart_text_readable(page) -> None:
    for _ in range(SETTLE_TRIES):  # not a speed test: a layout that never settles still fails below
        page.wait_for_function(f"() => !({FITTING})()")
        problems = chart_text_problems(page)
        if not problems:
            break
        page.wait_for_timeout(SETTLE_MS)
    assert problems == {}, pformat(problems, width=140)


def assert_charts_readable_at(new_page, url: str, width: int) -> None:
    """Open ``url`` at ``width`` px and check every chart's text (``assert_chart_text_readable``)."""
    page = new_page(width, 1000)
    open_view(page, url)
    assert_chart_text_readable(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_chart_label_is_whole_and_clear_of_the_others_at_each_designed_width(
    new_page, server, width
):
    assert_charts_readable_at(new_page, server, width)


@pytest.mark.parametrize("width", [390, 1366])
def test_a_two_year_view_keeps_its_timeline_labels_inside_the_chart(new_page, server, width):
    assert_charts_readable_at(new_page, server + "?year_from=2018&year_to=2019", width)


@pytest.mark.parametrize("width", [390, 1366])
def test_charts_stay_readable_when_documents_add_bars_and_panels(new_page, crowded_server, width):
    assert_charts_readable_at(new_page, crowded_server, width)


@pytest.mark.parametrize("width", [390, 1366])
def test_every_chart_label_is_whole_in_vietnamese_whose_words_run_longer(new_page, server, width):
    assert_charts_readable_at(new_page, server + "?lang=vi", width)
