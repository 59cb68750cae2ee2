"""Output formats are one registry: each format's label, extension, MIME type, kind and
exporter are registered once, and the page's buttons, the CLI and the downloads read them."""

from __future__ import annotations

import datetime as dt
import json
import mimetypes

import click
import pytest
from click.testing import CliRunner

from dashboard.analysis.frame import Filters, figures_frame, year_span
from dashboard.cli import main
from dashboard.outputs.export import FORMATS, ExportContext, ExportError, of_kind, register_format
from dashboard.outputs.formats import unregister_format
from dashboard.web import callbacks
from dashboard.web import state as state_module
from dashboard.web.downloads import KINDS, build_download
from dashboard.web.layout import page
from project_copy import copy_project, run_in  # tests/project_copy.py


@pytest.fixture
def json_format():
    """A tiny extra format, registered for one test: the view's figure ids as JSON."""

    @register_format("json", "JSON", "json", "application/json", "view")
    def export_json(figures, context: ExportContext) -> bytes:
        return json.dumps(figures["id"].tolist()).encode()

    yield FORMATS["json"]
    unregister_format("json")


def test_every_format_has_the_mime_type_its_extension_is_known_by():
    assert {name: f.mime for name, f in FORMATS.items()} == {
        name: mimetypes.guess_type(f"file.{f.extension}")[0] for name, f in FORMATS.items()
    }


def test_the_cli_offers_every_registered_format_and_describes_each_kind():
    command = main.commands["export"]
    (option,) = [p for p in command.params if p.name == "fmt"]
    assert isinstance(option.type, click.Choice) and list(option.type.choices) == list(FORMATS)
    help_text = CliRunner().invoke(main, ["export", "--help"], terminal_width=200).output
    for kind in ("view", "chart"):
        assert (
            " or ".join([", ".join(f.name for f in of_kind(kind)[:-1]), of_kind(kind)[-1].name])
            in help_text
        )


def test_the_page_has_a_download_button_for_every_view_and_chart_format_labelled_from_the_registry(
    dataset, config, seeds_dir
):
    state = state_module.make_state(dataset, config, seeds_dir)
    html = json.dumps(
        page(
            state, state.default_view, state_module.first_table_page(state, state.default_view)
        ).to_plotly_json(),
        default=str,
    )
    on_page = [
        *of_kind("view"),
        *of_kind("chart"),
    ]  # an "events" file is the CLI's; the page's XLSX holds the events
    for f in on_page:
        assert f.label in html
    assert {kind for kind, _ in callbacks.DOWNLOAD_BUTTONS.values()} == {f.name for f in on_page}


def test_a_registered_format_is_downloadable_with_its_own_extension(json_format, dataset, config):
    filters = Filters(*year_span(dataset))
    name, content = build_download("json", filters, dataset, config, today=dt.date(2026, 11, 30))
    assert name.endswith("_2026-11-30.json") and json.loads(content)


def test_an_unknown_download_names_the_formats_there_are(dataset, config):
    with pytest.raises(ExportError, match="unknown download 'docx'; choose one of: ") as err:
        build_download("docx", Filters(*year_span(dataset)), dataset, config)
    assert all(name in str(err.value) for name in KINDS)


def test_the_deck_refuses_an_image_size_because_it_is_always_16_by_9(dataset, config):
    context = ExportContext.for_view(dataset, Filters(*year_span(dataset)), config, size="hd")
    with pytest.raises(ExportError, match="the deck is always 16:9"):
        FORMATS["pptx"](figures_frame(dataset), context)


NEW_FORMAT = '''

@register_format("json", "JSON (ids)", "json", "application/json", "view")
def export_json(figures: pd.DataFrame, context: ExportContext) -> bytes:
    """A made-up format, added by a test to a copy of the project: the view's figure ids."""
    import json

    return json.dumps(figures["id"].tolist()).encode()
'''

FORMAT_SCRIPT = r"""
import json, sys
from click.testing import CliRunner
from dashboard.cli import main
from dashboard.web import callbacks
from dashboard.web.app import build_app

runner = CliRunner()
done = runner.invoke(main, ["export", "--format", "json", "-o", "ids.json", "--data", "data", "--seeds", "seeds", "--config", "config.yaml"])
found = {"export": [done.exit_code, done.output, open("ids.json").read() if done.exit_code == 0 else ""]}
found["help"] = runner.invoke(main, ["export", "--help"], terminal_width=200).output
found["buttons"] = sorted(kind for kind, _ in callbacks.DOWNLOAD_BUTTONS.values())
layout = build_app("data", "seeds", "config.yaml").server.test_client().get("/_dash-layout").get_data(as_text=True)
found["layout_has_label"] = "JSON (ids)" in layout
json.dump(found, sys.stdout)
"""


def test_a_format_added_in_one_module_reaches_the_cli_the_page_and_its_file(tmp_path):
    """The recipe, proved on a copy of the project: one exporter appended to outputs/export.py,
    no other file touched, and `dashboard export --format json`, its --help, the page's
    download button and the file all follow."""
    root = copy_project(tmp_path)
    exporters = root / "dashboard" / "outputs" / "export.py"
    exporters.write_text(exporters.read_text(encoding="utf-8") + NEW_FORMAT, encoding="utf-8")
    found = run_in(root, FORMAT_SCRIPT)
    code, output, written = found["export"]
    assert code == 0, output
    ids = json.loads(written)
    assert ids and all(isinstance(i, str) for i in ids)
    assert "json" in found["help"]
    assert "json" in found["buttons"] and found["layout_has_label"]
