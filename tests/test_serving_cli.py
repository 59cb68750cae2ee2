"""The command line as an operator meets it when things go wrong: every failure is one line
and a non-zero exit, never a traceback, and nothing half-written is left behind; validate
refuses a source link that is not a web address; a formula hidden after a separator in a
text cell is neutralised in CSV and XLSX.
"""

from __future__ import annotations

import csv
import errno
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dashboard.cli import main
from dashboard.outputs import export

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str):
    return CliRunner().invoke(
        main,
        [
            *args,
            "--data",
            str(ROOT / "data"),
            "--seeds",
            str(ROOT / "seeds"),
            "--config",
            str(ROOT / "config.yaml"),
        ],
    )


def one_line_failure(result) -> str:
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert len(lines) == 1, result.output
    return lines[0]


def test_an_export_to_a_full_disk_is_one_line_naming_the_file():
    line = one_line_failure(run("export", "--format", "csv", "-o", "/dev/full"))
    assert "/dev/full" in line and "No space left on device" in line


def test_an_export_into_a_place_that_cannot_be_created_is_one_line():
    line = one_line_failure(run("export", "--format", "csv", "-o", "/proc/no-such-folder/view.csv"))
    assert "/proc/no-such-folder" in line


def test_an_export_to_a_read_only_place_is_one_line_and_leaves_no_partial_file(
    tmp_path, monkeypatch
):
    target = tmp_path / "view.xlsx"
    real_write = Path.write_bytes

    def read_only(self, data):
        if self == target:
            real_write(self, data[:10])  # the file system took a little, then refused
            raise OSError(errno.EROFS, "Read-only file system")
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", read_only)
    line = one_line_failure(run("export", "--format", "xlsx", "-o", str(target)))
    assert str(target) in line and "Read-only file system" in line
    assert not target.exists()


def test_an_empty_output_is_refused_instead_of_writing_into_the_current_folder(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    result = run("export", "--format", "csv", "-o", "")
    assert (
        result.exit_code == 2 and "is empty" in result.output and "Traceback" not in result.output
    )
    assert list(tmp_path.iterdir()) == []


def test_image_export_into_an_uncreatable_folder_is_one_line(monkeypatch):
    from dashboard.outputs import renderer

    monkeypatch.setattr(renderer, "find_browser", lambda: "/usr/bin/chromium")
    line = one_line_failure(run("export", "--format", "svg", "-o", "/proc/no-such-folder"))
    assert "/proc/no-such-folder" in line


def test_a_deck_for_a_place_where_no_file_can_be_made_is_refused_before_it_is_drawn(monkeypatch):
    drawn = []
    real = export.FORMATS["pptx"]

    class Spy:
        kind, extension = real.kind, real.extension

        def __call__(self, *args, **kwargs):
            drawn.append(True)
            return real(*args, **kwargs)

    monkeypatch.setitem(export.FORMATS, "pptx", Spy())
    line = one_line_failure(run("export", "--format", "pptx", "-o", "/proc/sys/kernel/view.pptx"))
    assert "/proc/sys/kernel" in line and "choose another place" in line
    assert drawn == []  # refused at once, not after seconds of drawing


def test_a_png_export_that_fails_leaves_no_empty_folder_behind(tmp_path, monkeypatch):
    from dashboard.outputs import renderer

    monkeypatch.setenv("BROWSER_PATH", "/bin/false")  # found, but no browser: drawing fails
    monkeypatch.setattr(renderer, "_RENDERER", None)
    folder = tmp_path / "images" / "of-the-view"
    line = one_line_failure(
        run("export", "--format", "png", "--chart", "timeline", "-o", str(folder))
    )
    renderer.shutdown()
    assert "try again" in line or "could not start" in line, line
    assert list(tmp_path.iterdir()) == []  # neither the folder nor its new parent


# --- validate: links must be web addresses --------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", "www.gov.uk/page"],
)
def test_validate_refuses_a_source_url_that_is_not_http_or_https_with_its_line(tmp_path, url):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    sources = data / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.strip().startswith("url:"))
    sources.write_text(
        text.replace(first, first.split("url:")[0] + f"url: {url!r}", 1), encoding="utf-8"
    )
    line_no = next(
        i
        for i, line in enumerate(sources.read_text(encoding="utf-8").splitlines(), 1)
        if url in line
    )
    result = CliRunner().invoke(
        main, ["validate", "--data", str(data), "--seeds", str(ROOT / "seeds")]
    )
    assert result.exit_code == 1
    assert f"{sources}:{line_no}: url:" in result.output and "https://" in result.output


# --- formulas after a separator ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, safe",
    [
        ("x;=1+2", "x;'=1+2"),
        ("a,@SUM(1)", "a,'@SUM(1)"),
        ("a|+1", "a|'+1"),
        ('line\n=HYPERLINK("http://x")', 'line\n\'=HYPERLINK("http://x")'),
        ("=1;=2", "'=1;'=2"),
        (
            "2019-2020, a range",
            "2019-2020, a range",
        ),  # a dash inside text, or after a space, is left alone
    ],
)
def test_a_formula_start_after_a_separator_is_neutralised(text, safe):
    assert export.neutralise(text) == safe


def test_no_cell_split_on_semicolons_starts_a_formula_in_the_csv(dataset, config):
    from dashboard.analysis.frame import Filters, figures_frame, year_span

    frame = figures_frame(dataset).copy()
    frame.loc[frame.index[0], "quote"] = "x;=1+2"
    context = export.ExportContext.for_view(dataset, Filters(*year_span(dataset)), config)
    text = export.EXPORTERS["csv"](frame, context).decode("utf-8-sig")
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        for cell in row:
            assert not cell.lstrip('"').startswith(("=", "+", "@")), cell


def test_a_deck_of_every_programme_and_one_metric_is_made_even_when_its_description_is_long(
    dataset, config
):
    """Found by bench/load.py: a deck's subject property holds at most 255 characters."""
    from pptx import Presentation

    from dashboard.analysis.frame import Filters, apply_filters, figures_frame, year_span

    filters = Filters(
        *year_span(dataset), tuple(p.id for p in dataset.programmes), (dataset.metrics[0].id,)
    )
    described = filters.describe(dataset)
    assert len(described) > 255
    context = export.ExportContext.for_view(dataset, filters, config)
    deck = Presentation(
        io.BytesIO(
            export.EXPORTERS["pptx"](apply_filters(figures_frame(dataset), filters), context)
        )
    )
    subject = deck.core_properties.subject
    assert len(subject) <= 255 and subject.endswith("…") and described.startswith(subject[:-1])


def test_serve_on_a_busy_port_says_only_that_and_names_a_free_port(monkeypatch):
    import socket

    from dashboard.outputs import images

    started = []
    monkeypatch.setattr(images, "prewarm", lambda: started.append("chromium"))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--host", "127.0.0.1", "--port", str(port))
    assert result.exit_code == 1
    line = one_line_failure(result)
    assert f"Port {port} on 127.0.0.1 is in use" in line and "Try --port " in line
    assert "running" not in result.output, "the banner must not come before the error"
    assert not started, "nothing starts on a port that cannot be listened on"
