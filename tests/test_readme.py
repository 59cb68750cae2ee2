"""The README is what a new user follows: its commands exist, CI runs the same test
command, and every setting is documented."""

from __future__ import annotations

import re
from pathlib import Path

from dashboard.config import settings_help, settings_table

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_in_the_readme():
    documented = set(re.findall(r"^\| `([a-z_.]+)` \|", README, flags=re.M))
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


def test_the_readmes_table_of_settings_is_the_one_the_code_declares():
    """Defaults and help come from dashboard/config.py: a changed default or a new setting
    fails here until `python -m dashboard.config` is pasted into the README."""
    assert settings_table() in README, "paste the output of `python -m dashboard.config` into the README's Configuration section"


def test_every_command_and_option_the_readme_shows_exists():
    """The table of commands is what a user types: each `dashboard <command> --option` is one the CLI has."""
    from dashboard.cli import main

    shown = re.findall(r"^\| `dashboard (\w+)([^`]*)` \|", README, flags=re.M)
    assert {name for name, _ in shown} == set(main.commands), "the README's table of commands differs from the CLI"
    for name, usage in shown:
        options = {o for p in main.commands[name].params for o in (*p.opts, *p.secondary_opts)}
        for option in re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", usage):  # not the "-csv" of "events-csv"
            assert option in options, f"README: `dashboard {name} {option}` is not an option of the command"


def test_every_file_the_readme_links_exists():
    linked = re.findall(r"\]\(([^)#:]+)\)|src=\"([^\":]+)\"", README)
    missing = [path for pair in linked for path in pair if path and not (ROOT / path).exists()]
    assert linked and missing == []
