"""A view that holds nothing makes no file: the page's download buttons say "Nothing to
download: no figures match these filters (…)", ``dashboard export`` says "Nothing written: …"
with the filters asked for and exits 1, and nothing is written. A chart with nothing to draw is
left out the same way in PNG and SVG as the deck leaves it out, never drawn as a blank frame."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from dashboard import cli
from dashboard.analysis.frame import (
    Filters,
    apply_event_filters,
    apply_filters,
    events_frame,
    figures_frame,
)
from dashboard.outputs.errors import NothingToExport
from dashboard.views import charts
from dashboard.web import urlstate
from dashboard.web.downloads import build_download

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample"
DAY = dt.date(2026, 11, 22)


def empty_pair(dataset) -> tuple[str, str]:
    """A programme and a metric of the data that no figure pairs and no event of the years
    holds (found, not pinned): a view of them holds nothing."""
    figures, events = figures_frame(dataset), events_frame(dataset)
    stated = set(zip(figures["programme"], figures["metric"]))
    known = urlstate.choices(dataset)
    every_year = (known.first_year, known.last_year)
    return next(
        (p, m)
        for p in known.programmes
        for m in known.metrics
        if (p, m) not in stated
        and apply_event_filters(events, Filters(*every_year, (p,), (m,))).empty
    )


def empty_filters(dataset) -> Filters:
    known = urlstate.choices(dataset)
    programme, metric = empty_pair(dataset)
    return Filters(known.first_year, known.last_year, (programme,), (metric,))


def test_no_file_of_a_view_with_no_figures_is_made_and_the_page_says_why(dataset, config):
    filters = empty_filters(dataset)
    assert apply_filters(figures_frame(dataset), filters).empty
    for kind in ("csv", "xlsx", "pptx"):
        with pytest.raises(NothingToExport) as said:
            build_download(kind, filters, dataset, config, today=DAY)
        message = str(said.value)
        assert message.startswith("Nothing to download: no figures match these filters (")
        assert (
            dataset.programme(filters.programmes[0]).name in message
            and dataset.metric(filters.metrics[0]).label in message
        )


def test_the_vietnamese_page_says_it_in_vietnamese(dataset, config):
    with pytest.raises(
        NothingToExport,
        match=r"^Không có gì để tải: không có số liệu nào khớp với các bộ lọc này \(",
    ):
        build_download("csv", empty_filters(dataset), dataset, config, today=DAY, words="vi")


def test_an_image_of_a_chart_with_nothing_to_draw_is_not_made_in_any_image_format(dataset, config):
    """No blank frame: the chart is left out, as the deck leaves it out ("Not in this view")."""
    figures, events = figures_frame(dataset), events_frame(dataset)
    known = urlstate.choices(dataset)
    found = [
        (name, Filters(year, year))
        for year in range(known.first_year, known.last_year + 1)
        for name in charts.CHARTS
        if charts.plotted_rows(
            name,
            apply_filters(figures, Filters(year, year)),
            apply_event_filters(events, Filters(year, year)),
        ).empty
    ]
    assert found, "every chart draws something in every year of the data: nothing to check"
    for name, filters in found[:3]:
        for kind in ("png", "svg"):
            with pytest.raises(
                NothingToExport, match="has nothing to draw for these filters"
            ) as said:
                build_download(kind, filters, dataset, config, chart=name, today=DAY)
            assert f"({filters.year_from} · " in str(
                said.value
            ) and "the deck leaves it out too" in str(said.value)


def run(*args: str):
    paths = [
        "--data",
        str(SAMPLE / "data"),
        "--seeds",
        str(SAMPLE / "seeds"),
        "--config",
        str(ROOT / "config.yaml"),
    ]
    return CliRunner().invoke(cli.main, [*args, *paths])


def test_an_export_of_an_empty_view_names_the_filters_writes_nothing_and_exits_1(dataset, tmp_path):
    programme, metric = empty_pair(dataset)
    for kind in ("csv", "xlsx", "pptx"):
        out = tmp_path / kind / f"view.{kind}"
        result = run(
            "export", "--format", kind, "-o", str(out), "--programme", programme, "--metric", metric
        )
        assert result.exit_code == 1, result.output
        assert "Nothing written: no figures match these filters (" in result.output
        assert dataset.programme(programme).name in result.output
        assert "Traceback" not in result.output and not out.exists()


def test_images_of_an_empty_view_leave_no_folder_behind(dataset, tmp_path, monkeypatch):
    from dashboard.outputs import images

    monkeypatch.setattr(
        images, "find_browser", lambda: "/no/browser/needed"
    )  # nothing is drawn: every chart is left out
    programme, metric = empty_pair(dataset)
    folder = tmp_path / "slides"
    result = run(
        "export", "--format", "png", "-o", str(folder), "--programme", programme, "--metric", metric
    )
    assert result.exit_code == 1, result.output
    assert "Nothing written: no figures match these filters (" in result.output
    assert not folder.exists()


def test_an_export_of_every_chart_leaves_out_those_with_nothing_to_draw_and_says_which(
    dataset, tmp_path, monkeypatch
):
    """The slides are composed as usual; only the browser's drawing is replaced, by a marker."""
    from dashboard.outputs import images

    monkeypatch.setattr(images, "find_browser", lambda: "/no/browser/needed")
    monkeypatch.setattr(images, "render_images", lambda figures, **_: [b"drawn"] * len(figures))
    figures, events = figures_frame(dataset), events_frame(dataset)
    known = urlstate.choices(dataset)

    def drawn(year: int) -> set[str]:
        view = Filters(year, year)
        return {
            n
            for n in charts.CHARTS
            if not charts.plotted_rows(
                n, apply_filters(figures, view), apply_event_filters(events, view)
            ).empty
        }

    year = next(
        (
            y
            for y in range(known.first_year, known.last_year + 1)
            if drawn(y) and drawn(y) != set(charts.CHARTS)
        ),
        None,
    )
    assert year is not None, (
        "no year of the data leaves a chart empty and another drawn: nothing to check"
    )
    folder = tmp_path / "slides"
    result = CliRunner().invoke(
        cli.main,
        [
            "export",
            "--format",
            "png",
            "-o",
            str(folder),
            "--year-from",
            str(year),
            "--year-to",
            str(year),
            "--data",
            str(SAMPLE / "data"),
            "--seeds",
            str(SAMPLE / "seeds"),
            "--config",
            str(ROOT / "config.yaml"),
        ],
    )
    assert result.exit_code == 0, result.output + result.stderr
    written = sorted(p.name for p in folder.iterdir())
    assert len(written) >= len(drawn(year)) and all(p.endswith(".png") for p in written)
    left_out = [line for line in result.stderr.splitlines() if line.startswith("Nothing written: ")]
    assert len(left_out) == len(charts.CHARTS) - len(drawn(year))
    assert all(f"({year} · " in line for line in left_out)
