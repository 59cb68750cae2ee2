"""One view for every output: for any link, ``dashboard export`` with the matching options
writes the very file the page's download button gives, config.yaml's defaults included;
the options, the link's keys and config.yaml's defaults are one list of names."""

from __future__ import annotations

import datetime as dt
import types
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from click.testing import CliRunner

from dashboard import cli
from dashboard.cli import exporting
from dashboard.analysis.filters import FIELDS, state_from_options
from dashboard.config import DefaultFilters, load_config
from dashboard.curated.validate import load_valid
from dashboard.outputs import images
from dashboard.web import urlstate
from dashboard.web.app import app_state, create_app
from dashboard.web.callbacks import make_download

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample"
DAY = dt.date(2026, 11, 22)  # the made-on date both sides print


class _FixedDate(dt.date):
    @classmethod
    def today(cls):
        return DAY


@pytest.fixture(scope="module")
def config_path(tmp_path_factory) -> Path:
    """config.yaml with defaults that narrow the view (a later first year and one scope), so a
    file made without options shows whether the defaults were applied."""
    dataset = load_valid(SAMPLE / "data", SAMPLE / "seeds")
    known = urlstate.choices(dataset)
    text = (ROOT / "config.yaml").read_text(encoding="utf-8")
    text = text.replace("  year_from:\n", f"  year_from: {known.first_year + 1}\n").replace(
        "  scope: []\n", f"  scope: [{known.scopes[0]}]\n"
    )
    path = tmp_path_factory.mktemp("config") / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def state(config_path):
    dataset = load_valid(SAMPLE / "data", SAMPLE / "seeds")
    return app_state(
        create_app(dataset, load_config(config_path), SAMPLE / "seeds", SAMPLE / "data")
    )


def links(state) -> list[str]:
    """Links a user could share, made from the data's own choices (no id of today's data pinned)."""
    c = state.choices
    return [
        "",  # the default view: config.yaml's defaults
        f"?year_from={c.first_year}&year_to={c.first_year + 2}&scope=",
        f"?programme={c.programmes[0]}&programme={c.programmes[-1]}&lang=vi",
        f"?scope={c.scopes[-1]}&metric={c.metrics[0]}",
        f"?year_from={c.first_year}&quantity={c.quantities[0]}&lang=vi",
    ]


def flags(query: str) -> list[str]:
    """The export options of a link: each key as ``--key`` with its value (``year_from`` → ``--year-from``)."""
    by_name = {f.name: f for f in FIELDS}
    return [
        arg
        for key, value in parse_qsl(query.removeprefix("?"), keep_blank_values=True)
        for arg in (by_name[key].flag, value)
    ]


def page_download(state, query: str, kind: str, chart: str | None = None) -> tuple[str, bytes]:
    """What the page's download button gives for the view a link opens: the controls the page
    sets from the link, read back as the button's callback reads them."""
    link = urlstate.parse_link(query, state.choices, state.defaults)
    years, programmes, metric, scope, quantity = urlstate.to_controls(link.filters)
    filters = urlstate.from_controls(
        years, programmes, metric, state.choices, state.defaults, scope, quantity
    )
    return make_download(state, kind, chart, filters, today=DAY, language=link.language)


def cli_export(config_path: Path, out: Path, kind: str, *options: str) -> Path:
    runner = CliRunner()
    args = [
        "export",
        "--format",
        kind,
        "-o",
        str(out),
        "--data",
        str(SAMPLE / "data"),
        "--seeds",
        str(SAMPLE / "seeds"),
        "--config",
        str(config_path),
        *options,
    ]
    result = runner.invoke(cli.main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def fixed_day(monkeypatch):
    monkeypatch.setattr(exporting, "datetime", types.SimpleNamespace(date=_FixedDate))


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("number", range(5))
def test_export_with_a_links_options_writes_the_pages_download_byte_for_byte(
    state, config_path, tmp_path, fixed_day, kind, number
):
    query = links(state)[number]
    name, content = page_download(state, query, kind)
    written = cli_export(
        config_path, tmp_path, kind, *flags(query)
    )  # a folder: the file gets the download's name
    assert (written / name).read_bytes() == content


@pytest.mark.chromium  # draws with headless Chromium
@pytest.mark.parametrize("number", [0, 2])
def test_the_exported_deck_is_the_pages_deck_byte_for_byte(
    state, config_path, tmp_path, fixed_day, number
):
    images.renderer()
    query = links(state)[number]
    name, content = page_download(state, query, "pptx")
    assert (cli_export(config_path, tmp_path, "pptx", *flags(query)) / name).read_bytes() == content


@pytest.mark.chromium  # draws with headless Chromium
def test_an_exported_chart_image_is_the_pages_image_byte_for_byte(
    state, config_path, tmp_path, fixed_day
):
    images.renderer()
    query = links(state)[2]
    for kind in ("png", "svg"):
        name, content = page_download(state, query, kind, chart="funding")
        assert (
            cli_export(config_path, tmp_path / kind, kind, "--chart", "funding", *flags(query))
            / name
        ).read_bytes() == content


def test_a_plain_export_applies_the_config_defaults_as_the_page_does(
    state, config_path, tmp_path, fixed_day
):
    name, content = page_download(state, "", "csv")
    assert f"_{state.defaults.year_from}-" in name  # the defaults' first year, not the data's
    assert (cli_export(config_path, tmp_path, "csv") / name).read_bytes() == content


def test_every_filter_is_a_link_key_an_export_option_and_a_config_default():
    options = {p.name for p in cli.export.params}
    for field in FIELDS:
        assert field.name in options, f"dashboard export has no {field.flag}"
        assert field.name in DefaultFilters.__dataclass_fields__, (
            f"config.yaml's defaults have no {field.name}"
        )


def test_an_option_given_wins_over_the_config_default_and_the_rest_stay(state):
    defaults = DefaultFilters(
        year_from=state.choices.first_year + 1, scope=(state.choices.scopes[0],), lang="vi"
    )
    chosen = state_from_options(
        {"year_to": state.choices.last_year, "scope": ("",)}, state.choices, defaults
    )
    assert (
        chosen.filters.year_from == state.choices.first_year + 1 and chosen.filters.scope == ()
    )  # "--scope ''": every scope
    assert chosen.language == "vi"
    assert state_from_options({"lang": "en"}, state.choices, defaults).language == "en"


def test_an_unknown_scope_or_quantity_is_a_one_line_error_naming_the_option(config_path, tmp_path):
    for option in ("--scope", "--quantity"):
        result = CliRunner().invoke(
            cli.main,
            [
                "export",
                "--format",
                "csv",
                "-o",
                str(tmp_path / "x.csv"),
                "--data",
                str(SAMPLE / "data"),
                "--seeds",
                str(SAMPLE / "seeds"),
                "--config",
                str(config_path),
                option,
                "no-such-id",
            ],
        )
        assert (
            result.exit_code == 2
            and f"Invalid value for {option}: unknown {option[2:]} 'no-such-id'" in result.output
        )
        assert "Traceback" not in result.output and not (tmp_path / "x.csv").exists()


def test_the_page_shows_the_first_funding_per_person_lines_and_the_files_hold_them_all(
    state, monkeypatch
):
    import io

    import openpyxl

    from dashboard.views import view as view_module
    from dashboard.web.layout import render_ratios
    from dashboard.web.state import compute_view

    every = urlstate.parse(
        "?year_from=1900&year_to=2100&programme=&scope=&metric=all", state.choices, state.defaults
    )
    count = compute_view(state, every, "en").ratio_count
    assert count >= 2, "the sample data needs two funding-per-person lines for this test"
    monkeypatch.setattr(view_module, "MAX_RATIOS", count - 1)
    view = compute_view(state, every, "en")
    shown = str(render_ratios(view.shown_ratios, view.ratio_count, view.language))
    assert len(view.shown_ratios) == view.ratio_count - 1 and "and 1 more in this view" in shown
    _, content = make_download(state, "xlsx", None, every, today=DAY)
    assert (
        openpyxl.load_workbook(io.BytesIO(content))["Funding per person"].max_row - 1
        == view.ratio_count
    )


def test_a_download_uses_the_names_the_page_loaded_even_when_data_i18n_changes_after(
    tmp_path, config
):
    import shutil

    for folder in ("data", "seeds"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    state = app_state(
        create_app(
            load_valid(tmp_path / "data", tmp_path / "seeds"),
            config,
            tmp_path / "seeds",
            tmp_path / "data",
        )
    )
    _, before = make_download(state, "xlsx", None, state.defaults, today=DAY, language="vi")
    (tmp_path / "data" / "i18n" / "vi.yaml").write_text(
        "programmes: [not valid\n", encoding="utf-8"
    )  # edited under a running server
    state.views.clear()
    _, after = make_download(state, "xlsx", None, state.defaults, today=DAY, language="vi")
    assert after == before  # the file's names are the page's, read once at start-up
