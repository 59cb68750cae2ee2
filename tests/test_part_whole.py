"""A part is drawn against its whole, never on a separate scale that hides the ratio: £33.5m
(part of £200m) sat in a panel of its own scale and looked nearly as long as £200m. Now a
pale bar of the whole stands behind every part, in the part's slot and on its axis, wherever
the part is drawn: beside its whole, in another panel, or alone (a slide of a split chart).

Data: the fictional claims fixture (tests/fixtures/claims), where figures are parts of wholes
in other scopes. Nothing here pins its values: each part is checked against its own whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.analysis.frame import Filters, apply_filters, figures_frame, year_span
from dashboard.config import load_config
from dashboard.curated.validate import load_valid
from dashboard.views.charts import BAR_TRACE_ROLE, build_chart, chart_figure
from dashboard.views.charts.partwhole import WHOLE_TRACE_ROLE

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ROOT / "tests" / "fixtures" / "claims"


@pytest.fixture(scope="module")
def claims():
    return load_valid(CLAIMS / "data", CLAIMS / "seeds")


@pytest.fixture(scope="module")
def theme():
    return load_config(ROOT / "config.yaml").theme


def _bars(spec, role):
    """``{figure id: (x, axis)}`` of the traces of ``role``."""
    out = {}
    for trace in spec["data"]:
        if (trace.get("meta") or {}).get("role") == role:
            for x, y in zip(trace["x"], trace["y"]):
                out[str(y)] = (float(x), trace.get("xaxis", "x"))
    return out


def _axis_top(spec, axis: str) -> float:
    name = "xaxis" + axis[1:]
    return float(spec["layout"][name]["range"][1])


def _parts(claims, frame):
    return [
        (f.id, claims.figure(f.part_of))
        for f in claims.figures
        if f.part_of and f.id in set(frame["id"])
    ]


def _spec(claims, theme, frame, filters):
    return chart_figure("funding", frame, None, claims, theme, filters)


def test_every_part_bar_stands_inside_a_bar_of_its_whole_on_the_same_axis(claims, theme):
    filters = Filters(*year_span(claims))
    frame = apply_filters(figures_frame(claims), filters)
    spec = _spec(claims, theme, frame, filters)
    bars, wholes = _bars(spec, BAR_TRACE_ROLE), _bars(spec, WHOLE_TRACE_ROLE)
    drawn = [(i, whole) for i, whole in _parts(claims, frame) if i in bars]
    assert drawn, "the fixture draws a part"
    for part_id, whole in drawn:
        part_x, axis = bars[part_id]
        whole_x, whole_axis = wholes[part_id]
        assert whole_axis == axis and whole_x == whole.value and part_x <= whole_x
        assert _axis_top(spec, axis) >= whole.value, (
            "the part's axis reaches its whole: one scale for both"
        )


def test_a_part_never_looks_longer_against_its_axis_than_its_share_of_the_whole(claims, theme):
    """£33.5m of £200m is a sixth of the whole: its bar may fill at most a sixth of its axis,
    whichever panel (scope) it is drawn in."""
    for year in range(*(lambda a, b: (a, b + 1))(*year_span(claims))):
        filters = Filters(year, year)
        frame = apply_filters(figures_frame(claims), filters)
        spec = _spec(claims, theme, frame, filters)
        bars = _bars(spec, BAR_TRACE_ROLE)
        for part_id, whole in _parts(claims, frame):
            if part_id in bars:
                part_x, axis = bars[part_id]
                assert part_x / _axis_top(spec, axis) <= part_x / whole.value + 1e-9, (
                    year,
                    part_id,
                )


def test_a_part_drawn_without_its_whole_still_shows_the_whole_behind_it(claims, theme):
    """A slide of a split chart, or a view narrowed to the part's programme."""
    filters = Filters(*year_span(claims))
    frame = apply_filters(figures_frame(claims), filters)
    part_id, whole = next((p, w) for p, w in _parts(claims, frame))
    alone = frame[frame["id"] == part_id]
    spec = _spec(claims, theme, alone, filters)
    assert _bars(spec, WHOLE_TRACE_ROLE)[part_id][0] == whole.value
    assert _axis_top(spec, _bars(spec, BAR_TRACE_ROLE)[part_id][1]) >= whole.value
    assert any("whole it is part of" in str(t.get("name")) for t in spec["data"]), (
        "the legend says what the pale bar is"
    )
    build_chart("funding", alone, None, claims, theme, filters)  # a valid plotly figure


def test_a_chart_without_parts_draws_no_whole(claims, theme):
    filters = Filters(*year_span(claims))
    frame = apply_filters(figures_frame(claims), filters)
    parts = {p for p, _ in _parts(claims, frame)}
    spec = _spec(claims, theme, frame[~frame["id"].isin(parts)], filters)
    assert _bars(spec, WHOLE_TRACE_ROLE) == {}


def test_on_every_slide_image_a_part_s_axis_still_reaches_its_whole(claims, theme):
    """Slides fit each value axis to its longest bar and label: the whole behind a part counts."""
    import datetime as dt

    from dashboard.outputs import images

    config = load_config(ROOT / "config.yaml")
    checked = 0
    for year in range(year_span(claims)[0], year_span(claims)[1] + 1):
        filters = Filters(year, year)
        frame = apply_filters(figures_frame(claims), filters)
        for part in images.slide_parts(
            "funding",
            frame,
            None,
            claims,
            filters,
            config,
            size=(1920, 1080),
            made_on=dt.date(2026, 11, 22),
        ):
            spec = (
                part.figure.to_plotly_json()
                if hasattr(part.figure, "to_plotly_json")
                else part.figure
            )
            for part_id, (whole_x, axis) in _bars(spec, WHOLE_TRACE_ROLE).items():
                assert _axis_top(spec, axis) >= whole_x, (year, part_id)
                checked += 1
    assert checked, "the fixture puts a part on a slide"
