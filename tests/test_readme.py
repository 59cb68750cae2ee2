"""The README is what a new user reads first: its two commands exist, CI runs the same test
command, and it points to the pages that hold the rest. docs/configuration.md documents every
setting and docs/cli.md every command and option the CLI has."""

from __future__ import annotations

import re
from pathlib import Path

from dashboard.config import settings_help, settings_table

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CONFIGURATION = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
CLI = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
PAGES = sorted((ROOT / "docs").glob("*.md")) + [ROOT / "data" / "README.md"]


def test_every_setting_is_documented_in_the_configuration_page():
    documented = set(re.findall(r"^\| `([a-z_.]+)` \|", CONFIGURATION, flags=re.M))
    assert {key for key, _, _ in settings_help()} <= documented


def test_the_readme_gives_a_serve_and_a_test_command_that_exist():
    for command in ("bash scripts/serve.sh", "bash scripts/test.sh"):
        assert command in README
        assert (ROOT / command.split()[1]).is_file()


def test_ci_runs_the_readmes_test_command():
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_readme_shows_the_screenshot_it_links():
    assert "](docs/screenshot.png)" in README
    assert (ROOT / "docs" / "screenshot.png").stat().st_size > 10_000


def test_the_readme_stays_a_first_read_and_links_the_reference_pages():
    """The reference lives in docs/: the README keeps what a new user reads first."""
    assert len(README.splitlines()) <= 200, (
        "move reference text from README.md into a page under docs/"
    )
    for page in (
        "docs/cli.md",
        "docs/configuration.md",
        "docs/deployment.md",
        "docs/performance.md",
        "data/README.md",
    ):
        assert f"]({page})" in README, f"the README does not say where {page} is"


def test_the_table_of_settings_is_the_one_the_code_declares():
    """Defaults and help come from dashboard/config.py: a changed default or a new setting
    fails here until `python -m dashboard.config` is pasted into docs/configuration.md."""
    assert settings_table() in CONFIGURATION, (
        "paste the output of `python -m dashboard.config` into docs/configuration.md"
    )


def test_every_command_and_option_the_cli_page_shows_exists():
    """The table of commands is what a user types: each `dashboard <command> --option` is one the CLI has,
    and every command and every option of the CLI is in the table."""
    from dashboard.cli import main

    shown = re.findall(r"^\| `dashboard (\w+)([^`]*)` \|", CLI, flags=re.M)
    assert {name for name, _ in shown} == set(main.commands), (
        "docs/cli.md's table of commands differs from the CLI"
    )
    for name, usage in shown:
        options = {o for p in main.commands[name].params for o in (*p.opts, *p.secondary_opts)}
        written = set(
            re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", usage)
        )  # not the "-csv" of "events-csv"
        assert written <= options, (
            f"docs/cli.md: `dashboard {name}` shows options the command lacks: {sorted(written - options)}"
        )
        omitted = [
            p.opts[0]
            for p in main.commands[name].params
            if p.opts[0].startswith("-") and not set(p.opts) & written
        ]
        assert omitted == [], f"docs/cli.md: `dashboard {name}` omits {omitted}"


def test_every_file_the_readme_and_the_docs_link_exists():
    for page in [ROOT / "README.md", *PAGES]:
        text = page.read_text(encoding="utf-8")
        linked = re.findall(r"\]\(([^)#:\s]+)\)|src=\"([^\":]+)\"", text)
        missing = [
            path for pair in linked for path in pair if path and not (page.parent / path).exists()
        ]
        assert missing == [], f"{page.relative_to(ROOT)} links files that do not exist: {missing}"
