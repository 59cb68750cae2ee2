"""The `dashboard` command as a user runs it: the installed console script in a
subprocess, and the same click group through CliRunner."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dashboard.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample"  # fictional: see its README
BAD = Path(__file__).parent / "bad_inputs" / "several_files"
FIXED_COLUMNS = "id,programme,metric,value,unit,qualifier,kind,period_start,period_end,source,quote"


def dashboard_exe() -> str:
    here = Path(sys.executable).parent / "dashboard"
    found = str(here) if here.exists() else shutil.which("dashboard")
    assert found, "the `dashboard` console script is not installed (pip install -e .)"
    return found


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    # The installed script imports ``dashboard`` from wherever the package was installed
    # from; PYTHONPATH makes it run this checkout's code (a worktree sharing a venv, say).
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    return subprocess.run(
        [dashboard_exe(), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


@pytest.fixture
def bad_data(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(BAD, target)
    return target


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def first_columns(csv_bytes: bytes) -> str:
    """The fixed eleven columns of a CSV export, re-written as plain CSV text."""
    rows = csv.reader(io.StringIO(csv_bytes.decode("utf-8-sig")))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(row[:11] for row in rows)
    return out.getvalue()


def export_args(output: Path, *extra: str) -> list[str]:
    return [
        "export",
        "--format",
        "csv",
        "-o",
        str(output),
        "--data",
        str(SAMPLE / "data"),
        "--seeds",
        str(SAMPLE / "seeds"),
        "--config",
        str(ROOT / "config.yaml"),
        *extra,
    ]


# --- validate ----------------------------------------------------------------------------


def test_the_installed_command_validates_the_shipped_data_with_a_one_line_summary(shipped_dataset):
    dataset = shipped_dataset  # run from the project root, the command reads data/ and seeds/
    result = run("validate")
    assert result.returncode == 0, result.stderr
    from dashboard.analysis.fmt import count

    summary = (
        f"OK: {count(len(dataset.figures), 'figure')}, {count(len(dataset.events), 'event')}, "
        f"{count(len(dataset.programmes), 'programme')}, {count(len(dataset.sources), 'source')}; every quote found in its source."
    )
    *warnings, last = result.stdout.splitlines()
    # valid data may still carry warnings (a new document's names not yet translated, say): one line each, above the summary
    assert all(": warning: " in line for line in warnings), warnings
    assert (
        last == summary
        if not warnings
        else last.startswith(summary + " ") and f"{len(warnings)} warning" in last
    )
    assert result.stderr == ""


def test_the_installed_command_lists_every_problem_as_path_line_and_exits_1(bad_data):
    result = run(
        "validate", "--data", "data", "--seeds", str(SAMPLE / "seeds"), cwd=bad_data.parent
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("data/another.yaml:6: programme: unknown programme 'nobody'")
    assert (
        lines[-2]
        == "data/with_tab.yaml:3: yaml: tab character; indent and separate with spaces only"
    )
    assert lines[-1] == "8 problem(s) found; fix them and try again."
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_through_click_reports_the_same_lines(bad_data, monkeypatch):
    monkeypatch.chdir(bad_data.parent)
    result = invoke("validate", "--data", "data", "--seeds", str(SAMPLE / "seeds"))
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "data/figures.yaml:8: qualifier: unknown value 'more_than'" in result.stderr
    assert "Traceback" not in result.output


def test_validate_through_click_prints_ok_on_the_sample_data():
    result = invoke("validate", "--data", str(SAMPLE / "data"), "--seeds", str(SAMPLE / "seeds"))
    assert result.exit_code == 0
    assert result.stdout.startswith("OK: ") and result.stdout.count("\n") == 1


def test_a_missing_data_folder_is_an_error_line_not_a_traceback(tmp_path):
    result = invoke(
        "validate", "--data", str(tmp_path / "nowhere"), "--seeds", str(SAMPLE / "seeds")
    )
    assert result.exit_code == 1
    assert "no *.yaml files found" in result.stderr
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


@pytest.fixture
def translated_sample(tmp_path) -> Path:
    """A copy of the sample data with a Vietnamese translations file: one programme named,
    the rest missing, and a quote translation that drops its figure's bound ("over")."""
    data = tmp_path / "data"
    shutil.copytree(SAMPLE / "data", data)
    (data / "i18n").mkdir()
    (data / "i18n" / "vi.yaml").write_text(
        "programmes:\n"
        "  - id: modern-slavery-fund-ruritania\n"
        "    name: Quỹ Chống nô lệ hiện đại tại Ruritania\n"
        "figures:\n"
        "  - id: msf-ruritania-funding-since-2018\n"
        "    quote_translation: Anh đã đầu tư 7 triệu bảng từ năm 2018.\n",
        encoding="utf-8",
    )
    return data


def test_validate_prints_each_missing_translation_and_each_unfaithful_quote_translation_as_a_warning_and_exits_0(
    translated_sample,
):
    result = invoke("validate", "--data", str(translated_sample), "--seeds", str(SAMPLE / "seeds"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    vi = str(translated_sample / "i18n" / "vi.yaml")
    assert any(
        line.startswith(
            f"{vi}:6: warning: figures.quote_translation: states 7000000 without its bound"
        )
        for line in lines
    ), lines
    missing = [line for line in lines if ": warning: programmes.name: no vi form of" in line]
    assert missing and all(line.startswith(f"{vi}:1: ") for line in missing)
    assert not any(
        "Quỹ" in line or "modern-slavery-fund-ruritania'" in line.split("no vi form of")[-1]
        for line in missing
    )
    assert lines[-1].startswith("OK: ") and lines[-1].endswith(
        f"{len(lines) - 1} warning(s) above: valid, but check them."
    )


def test_a_translations_file_that_does_not_read_is_named_as_a_warning_and_nothing_else_about_translations(
    translated_sample,
):
    (translated_sample / "i18n" / "vi.yaml").write_text(
        "programmes:\n\t- id: x\n", encoding="utf-8"
    )
    result = invoke("validate", "--data", str(translated_sample), "--seeds", str(SAMPLE / "seeds"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        f"{translated_sample / 'i18n' / 'vi.yaml'}:2: warning: yaml: tab character"
    )
    assert lines[0].endswith("(translations into vi are not checked until this file reads)")
    assert not any("no vi form" in line for line in lines)
    assert lines[-1].startswith("OK: ")


def test_data_without_a_translations_file_validates_without_translation_warnings():
    result = invoke("validate", "--data", str(SAMPLE / "data"), "--seeds", str(SAMPLE / "seeds"))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1].startswith("OK: ") and "warning" not in result.stdout


# --- export ------------------------------------------------------------------------------


def test_a_metric_filtered_csv_export_has_exactly_the_fixed_columns_and_rows(tmp_path):
    out = tmp_path / "victims.csv"
    result = invoke(*export_args(out, "--metric", "victims_identified"))
    assert result.exit_code == 0, result.output
    assert first_columns(out.read_bytes()) == (
        f"{FIXED_COLUMNS}\n"
        "msf-ruritania-victims-identified,modern-slavery-fund-ruritania,victims_identified,720,people,exact,reported,"
        "2018-01-01,2025-03-31,sample_004_agreement.txt,"
        "identified 720 victims of trafficking and migrants in vulnerable situations\n"
    )


def test_the_csv_header_starts_with_the_eleven_fixed_columns_in_order(tmp_path):
    out = tmp_path / "all.csv"
    assert invoke(*export_args(out)).exit_code == 0
    header = out.read_bytes().decode("utf-8-sig").splitlines()[0]
    assert header == FIXED_COLUMNS or header.startswith(FIXED_COLUMNS + ",")


def test_a_funding_export_is_utf8_and_keeps_the_pound_sign(tmp_path):
    out = tmp_path / "funding.csv"
    assert invoke(*export_args(out, "--metric", "funding")).exit_code == 0
    assert first_columns(out.read_bytes()) == (
        f"{FIXED_COLUMNS}\n"
        "msf-ruritania-funding-since-2018,modern-slavery-fund-ruritania,funding,7000000,GBP,at_least,reported,"
        "2018-01-01,2025-03-31,sample_004_agreement.txt,Since 2018 the UK has invested over £7 million\n"
        "joint-action-plan-funding-2025,joint-action-plan,funding,1000000,GBP,at_most,committed,"
        "2025-04-01,2026-03-31,sample_004_agreement.txt,supported by up to £1 million of funding over the next year\n"
        "elbonia-oic-funding-2025,elbonia-oic-fund,funding,1000000,GBP,approx,committed,"
        "2025-04-01,2025-04-01,sample_004_agreement.txt,Nearly £1 million in government funding will support Elbonia\n"
    )
    assert "£7 million".encode("utf-8") in out.read_bytes()


def test_two_exports_of_the_same_view_are_byte_identical(tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    assert run(*export_args(first)).returncode == 0
    assert run(*export_args(second)).returncode == 0
    assert first.read_bytes() == second.read_bytes()


def test_a_2022_only_export_drops_the_returns_and_the_2025_plan_funding(tmp_path):
    out = tmp_path / "2022.csv"
    assert invoke(*export_args(out, "--year-from", "2022", "--year-to", "2022")).exit_code == 0
    ids = [line.split(",")[0] for line in first_columns(out.read_bytes()).splitlines()[1:]]
    assert "uk-returns-since-general-election" not in ids
    assert "joint-action-plan-funding-2025" not in ids
    assert "msf-ruritania-funding-since-2018" in ids


def test_an_unknown_programme_is_a_clear_error_without_a_traceback(tmp_path):
    out = tmp_path / "x.csv"
    result = run(*export_args(out, "--programme", "no-such-programme"))
    assert result.returncode == 2
    assert "--programme: unknown programme 'no-such-programme'; choose one of:" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not out.exists()


# --- every command refuses invalid data the same way -------------------------------------

# The arguments each command needs besides --data/--seeds; a new command must be added
# here, so this test keeps covering every command.
COMMAND_ARGS = {
    "validate": [],
    "export": ["--format", "csv", "-o", "out.csv"],
    "coverage": [],
    "serve": [],
    "worker": [],
    "list": ["programmes"],
    "translations": ["review", "-o", "out.xlsx"],
    "cite": ["some-figure"],
    "release": [],
}
# Commands that read the data without trusting it, and why (tests/test_draft.py covers them).
READS_INVALID_DATA = {
    "draft": "reads data/ only to skip what is curated, so it works beside a draft still full of TODOs",
    "diff": "compares two folders of YAML whose documents may be gone; lists each one's load problems (tests/test_changes.py)",
}


def test_every_command_is_covered_by_the_invalid_data_test():
    covered = set(COMMAND_ARGS) | set(READS_INVALID_DATA)
    assert set(main.commands) <= covered, f"add arguments for {set(main.commands) - covered}"


@pytest.fixture(scope="module")
def validate_report(tmp_path_factory) -> str:
    """What `dashboard validate` prints for the several_files case."""
    where = tmp_path_factory.mktemp("validate")
    shutil.copytree(BAD, where / "data")
    result = run("validate", "--data", "data", "--seeds", str(SAMPLE / "seeds"), cwd=where)
    assert result.returncode == 1 and result.stderr
    return result.stderr


@pytest.mark.parametrize("command", sorted(set(COMMAND_ARGS) - {"validate"}))
def test_every_command_refuses_invalid_data_with_the_validate_messages(
    command, bad_data, validate_report
):
    assert command in main.commands, (
        f"`dashboard {command}` is listed in COMMAND_ARGS but not a command"
    )
    result = run(
        command,
        *COMMAND_ARGS[command],
        "--data",
        "data",
        "--seeds",
        str(SAMPLE / "seeds"),
        cwd=bad_data.parent,
    )
    assert result.returncode == 1
    assert result.stderr == validate_report
    assert "Traceback" not in result.stdout + result.stderr
    assert not (bad_data.parent / "out.csv").exists()


# --- export --lang -----------------------------------------------------------------------


@pytest.fixture
def export_contexts(monkeypatch):
    """Every registered format, recording the context it is asked to export with (images
    without drawing them)."""
    import dataclasses

    from dashboard.outputs import export as exporters
    from dashboard.outputs import images

    seen: dict[str, list] = {}
    for name, output in list(exporters.FORMATS.items()):

        def record(figures, context, name=name):
            seen.setdefault(name, []).append(context)
            return b"recorded"

        monkeypatch.setitem(exporters.FORMATS, name, dataclasses.replace(output, export=record))
    monkeypatch.setattr(images, "find_browser", lambda: "chromium")
    return seen


@pytest.mark.parametrize("language", ["vi", "en"])
def test_export_lang_reaches_the_export_context_of_every_format(
    tmp_path, export_contexts, language
):
    from dashboard.outputs.export import FORMATS

    for name in FORMATS:
        out = tmp_path / name
        out.mkdir()
        result = invoke(
            *export_args(out, "--lang", language)[:2],
            name,
            *export_args(out, "--lang", language)[3:],
        )
        assert result.exit_code == 0, result.output
    assert set(export_contexts) == set(FORMATS)
    assert {context.language for contexts in export_contexts.values() for context in contexts} == {
        language
    }


def test_export_without_lang_writes_english(tmp_path, export_contexts):
    assert invoke(*export_args(tmp_path / "x.csv")).exit_code == 0
    assert [c.language for c in export_contexts["csv"]] == ["en"]


def test_an_unknown_language_is_one_line_naming_the_languages_and_exit_2(tmp_path):
    result = invoke(*export_args(tmp_path / "x.csv", "--lang", "fr"))
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "Error: --lang: unknown language 'fr'; choose one of: en, vi"
    ]
    assert not (tmp_path / "x.csv").exists()


def test_a_vietnamese_export_into_a_folder_gets_its_ascii_vietnamese_name_and_says_so_in_vietnamese(
    tmp_path,
):
    result = invoke(*export_args(tmp_path, "--lang", "vi"))
    assert result.exit_code == 0, result.output
    [written] = list(tmp_path.iterdir())
    assert written.name.startswith("so-lieu-chuong-trinh_") and written.name.isascii()
    assert (
        result.stdout.startswith("Đã ghi ") and "\u00a0số liệu vào " in result.stdout
    )  # the count keeps its noun on its line


def test_one_exported_figure_is_one_figure_not_one_figures(tmp_path):
    result = invoke(*export_args(tmp_path / "one.csv", "--metric", "victims_identified"))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote 1 figure to {tmp_path / 'one.csv'}\n"
