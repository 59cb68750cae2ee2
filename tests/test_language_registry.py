"""A language is added in one module plus its words: a made-up French, registered in a copy of
the project by one line in ``dashboard/words/languages.py`` and a catalogue ``locale/fr.po``,
reaches the page's switch and words, ``dashboard export --lang``, the files, ``defaults.lang``
and the catalogue's completeness check, with no other file touched."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from dashboard.words.languages import LANGUAGES
from project_copy import ROOT, copy_project, run_in  # tests/project_copy.py

FRENCH = 'Language("fr", "Français (essai)", "French", "fr-FR")'


def marked(text: str) -> str:
    """The made-up translation: the English between ⟦ ⟧, placeholders kept."""
    return f"⟦{text}⟧"


def french_catalogue(target: Path) -> None:
    """Every message of the Vietnamese catalogue, "translated" into French as ⟦English⟧."""
    with (ROOT / "dashboard" / "words" / "locale" / "vi.po").open("rb") as handle:
        vietnamese = read_po(handle, locale="vi")
    french = Catalog(locale="fr")
    for message in vietnamese:
        if not message.id:
            continue
        if isinstance(message.id, (list, tuple)):  # French has its own number of plural forms
            string = (marked(message.id[0]), *[marked(message.id[-1])] * (french.num_plurals - 1))
        else:
            string = marked(message.id)
        french.add(
            message.id,
            string,
            context=message.context,
            auto_comments=message.auto_comments,
            locations=message.locations,
        )
    with target.open("wb") as handle:
        write_po(handle, french, width=0)


SCRIPT = r"""
import json, sys
from click.testing import CliRunner
from dashboard.cli import main
from dashboard.config import load_config
from dashboard.web.app import build_app
from dashboard.words.catalogue import problems

found = {"problems": problems("fr")}
app = build_app("data", "seeds", "config.yaml")
client = app.server.test_client()
layout = json.loads(client.get("/_dash-layout?lang=fr").get_data(as_text=True))
found["layout"] = client.get("/?lang=fr").get_data(as_text=True) + json.dumps(layout, ensure_ascii=False)
runner = CliRunner()
done = runner.invoke(main, ["export", "--format", "csv", "--lang", "fr", "-o", "out.csv", "--data", "data", "--seeds", "seeds", "--config", "config.yaml"])
found["export"] = (done.exit_code, done.output, open("out.csv", encoding="utf-8-sig").read() if done.exit_code == 0 else "")
refused = runner.invoke(main, ["export", "--format", "csv", "--lang", "de", "-o", "de.csv", "--data", "data", "--seeds", "seeds", "--config", "config.yaml"])
found["refused"] = (refused.exit_code, refused.output)
open("config.yaml", "w", encoding="utf-8").write("defaults:\n  lang: fr\n")
found["default"] = load_config("config.yaml").defaults.lang
json.dump(found, sys.stdout)
"""


@pytest.fixture(scope="module")
def with_french(tmp_path_factory):
    """A copy of the project with French registered: one line in the registry, one catalogue."""
    root = copy_project(tmp_path_factory.mktemp("french"))
    registry = root / "dashboard" / "words" / "languages.py"
    text = registry.read_text(encoding="utf-8")
    end = "),\n)\n\nLANGUAGES"  # the end of REGISTERED: the new language goes last
    assert text.count(end) == 1, "REGISTERED ends with its last Language, then LANGUAGES follows"
    registry.write_text(text.replace(end, f"),\n    {FRENCH},\n)\n\nLANGUAGES"), encoding="utf-8")
    french_catalogue(root / "dashboard" / "words" / "locale" / "fr.po")
    return run_in(root, SCRIPT)


def test_the_new_language_is_complete_by_the_same_check_as_every_other(with_french):
    assert with_french["problems"] == []


def test_the_page_offers_the_new_language_by_its_own_name_and_speaks_it(with_french):
    layout = with_french["layout"]
    assert "Français (essai)" in layout
    assert '<html lang="fr">' in layout and marked("Filters") in layout


def test_the_cli_writes_files_in_the_new_language_and_names_it_among_the_choices(with_french):
    code, output, csv_text = with_french["export"]
    assert code == 0, output
    assert "⟦" in csv_text  # the file's own words (scope labels, relations) are the new catalogue's
    code, output = with_french["refused"]
    assert code != 0 and "de" in output and "fr" in output and all(c in output for c in LANGUAGES)


def test_the_configuration_takes_the_new_language_as_its_default(with_french):
    assert with_french["default"] == "fr"
