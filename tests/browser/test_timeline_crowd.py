"""A timeline of many events stays readable on the page: with 40 more made-up events (the page
draws the latest 25 and says so) no timeline label is cut, none overlaps another or sits on
a marker, at a phone's width and a laptop's. The events are made in the test
(tests/many_events.py), never shipped as data."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from conftest import ROOT, start_server, stop_server
from test_layout_chart_text import assert_charts_readable_at

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from many_events import write_many_events  # noqa: E402


@pytest.fixture(scope="module")
def crowd_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("many-events")
    shutil.copytree(ROOT / "data", tmp / "data")
    shutil.copytree(ROOT / "seeds", tmp / "seeds")
    write_many_events(tmp / "data", tmp / "seeds")
    process, url, _ = start_server(tmp, "--data", str(tmp / "data"), "--seeds", str(tmp / "seeds"))
    yield url
    stop_server(process)


@pytest.mark.parametrize("width", [390, 1366])
def test_forty_more_events_leave_every_timeline_label_whole_and_apart(
    new_page, crowd_server, width
):
    assert_charts_readable_at(new_page, crowd_server, width)
