"""What the page's download buttons hand over: a file named for what and when, with the
filters on screen applied."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from PIL import Image
from pptx import Presentation

from dashboard.outputs import images
from dashboard.web.downloads import KINDS, build_download
from dashboard.outputs.export import ExportError
from dashboard.analysis.frame import Filters, year_span
from dashboard.views.charts import CHARTS

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample"  # fictional: see its README
DAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def everything(dataset):
    return Filters(*year_span(dataset))


def test_the_csv_download_is_named_for_the_view_and_the_day(dataset, config):
    name, content = build_download("csv", Filters(2018, 2025), dataset, config, today=DAY)
    assert name == "programme-figures_2018-2025_2026-11-22.csv"
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert {r["id"] for r in rows} >= {
        "msf-ruritania-funding-since-2018",
        "uk-returns-since-general-election",
    }


def test_the_csv_download_is_the_same_file_as_the_cli_export(dataset, config, everything, tmp_path):
    from click.testing import CliRunner

    from dashboard.cli import main

    out = tmp_path / "cli.csv"
    result = CliRunner().invoke(
        main,
        [
            "export",
            "--format",
            "csv",
            "-o",
            str(out),
            "--data",
            str(SAMPLE / "data"),
            "--seeds",
            str(SAMPLE / "seeds"),
            "--config",
            str(ROOT / "config.yaml"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert build_download("csv", everything, dataset, config, today=DAY)[1] == out.read_bytes()


def test_a_2022_only_xlsx_download_leaves_out_the_returns_figure(dataset, config):
    name, content = build_download("xlsx", Filters(2022, 2022), dataset, config, today=DAY)
    assert name == "programme-figures_2022_2026-11-22.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(content))["Figures"]
    ids = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert ids and "uk-returns-since-general-election" not in ids


def test_a_programme_filter_narrows_the_download(dataset, config, everything):
    filters = Filters(
        everything.year_from, everything.year_to, programmes=("modern-slavery-fund-ruritania",)
    )
    _, content = build_download("csv", filters, dataset, config, today=DAY)
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert {r["programme"] for r in rows} == {"modern-slavery-fund-ruritania"}


@pytest.mark.chromium  # draws with headless Chromium
def test_a_chart_png_download_is_named_for_the_chart_and_is_slide_sized(dataset, config):
    images.renderer()
    name, content = build_download(
        "png", Filters(2018, 2025), dataset, config, chart="returns", today=DAY
    )
    assert name == "returns_2018-2025_2026-11-22.png"
    with Image.open(io.BytesIO(content)) as png:
        assert png.size == config.exports.default_size == (1920, 1080)


@pytest.mark.chromium  # draws with headless Chromium
def test_a_chart_svg_download_is_named_for_the_chart(dataset, config, everything):
    images.renderer()
    name, content = build_download("svg", everything, dataset, config, chart="people", today=DAY)
    assert name.startswith("people_") and name.endswith("_2026-11-22.svg")
    assert b"<text" in content


@pytest.mark.chromium  # draws with headless Chromium
def test_the_pptx_download_is_the_deck_of_the_view(dataset, config):
    images.renderer()
    name, content = build_download("pptx", Filters(2022, 2022), dataset, config, today=DAY)
    assert name == "programme-figures_2022_2026-11-22.pptx"
    titles = [s.shapes.title.text for s in Presentation(io.BytesIO(content)).slides]
    assert titles[0] == config.title and "Returns" not in titles


def test_every_download_button_on_the_page_is_a_kind_build_download_makes():
    from dashboard.outputs.export import EXPORTERS
    from dashboard.web.layout import CHART_FORMATS, VIEW_FORMATS

    offered = [fmt for fmt, _ in (*VIEW_FORMATS, *CHART_FORMATS)]
    assert sorted(offered) == sorted(
        KINDS
    )  # no button without a download, no download without a button
    assert set(KINDS) <= set(EXPORTERS)


@pytest.mark.parametrize(
    ("kind", "chart", "message"),
    [
        ("docx", None, "unknown download 'docx'"),
        ("png", None, "an image shows one chart; choose one of: funding, people"),
        ("svg", "pie", "unknown chart 'pie'; choose one of: " + ", ".join(CHARTS)),
        ("csv", "funding", "chart= applies to png and svg"),
    ],
)
def test_a_bad_request_is_a_plain_export_error(dataset, config, everything, kind, chart, message):
    with pytest.raises(ExportError, match=message):
        build_download(kind, everything, dataset, config, chart=chart, today=DAY)


def test_without_a_day_the_name_carries_today(dataset, config, everything):
    name, _ = build_download("csv", everything, dataset, config)
    assert name.endswith(f"_{dt.date.today().isoformat()}.csv")


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_download_from_the_snapshot_built_at_start_up_is_the_same_file_as_one_built_from_scratch(
    dataset, data_dir, config, kind
):
    from dashboard.views.view import load_languages, make_snapshot

    filters = Filters(2022, 2025, ("modern-slavery-fund-ruritania",), ())
    fresh = build_download(kind, filters, dataset, config, today=DAY)
    reused = build_download(
        kind,
        filters,
        dataset,
        config,
        today=DAY,
        snapshot=make_snapshot(dataset, load_languages(data_dir)),
    )
    assert reused == fresh
