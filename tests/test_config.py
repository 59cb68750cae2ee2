"""config.yaml is one typed object: every setting documented, every mistake named with
its file and line."""

from __future__ import annotations

import dataclasses

from pathlib import Path

import pytest
import yaml

from dashboard.config import Config, ServingSettings, load_config, settings_help
from dashboard.curated.problems import DataInvalid

CONFIG = Path(__file__).resolve().parent.parent / "config.yaml"


def problems_for(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataInvalid) as caught:
        load_config(path)
    return [f"{p.location.line}: {p.field}: {p.message}" for p in caught.value.problems]


def test_the_shipped_config_loads_into_typed_settings():
    config = load_config(CONFIG)
    assert isinstance(config, Config)
    assert config.server.port == 8050 and config.server.debug is False
    assert config.exports.default_size == (1920, 1080)
    assert config.exports.csv_bom is True
    assert len(config.theme.palette) == 8


def test_no_config_file_means_the_defaults():
    assert load_config(None) == Config()


def test_an_unknown_key_is_named_with_its_line(tmp_path):
    assert problems_for(tmp_path, "title: T\nserver:\n  prot: 8050\n") == [
        "3: server.prot: unknown setting; expected one of: host, port, debug"
    ]


def test_an_unknown_top_level_key_is_named_with_its_line(tmp_path):
    [problem] = problems_for(tmp_path, "title: T\ncolours: []\n")
    assert problem.startswith("2: colours: unknown setting")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("server:\n  port: '80a'\n", "2: server.port: expected a port number 1–65535, got '80a'"),
        ("server:\n  port: 70000\n", "2: server.port: expected a port number 1–65535, got 70000"),
        ("table:\n  page_size: 0\n", "2: table.page_size: expected a number of rows 1–500, got 0"),
        (
            "server:\n  debug: 'yes please'\n",
            "2: server.debug: expected true or false, got 'yes please'",
        ),
        (
            "theme:\n  text_colour: red\n",
            "2: theme.text_colour: expected a colour as #RRGGBB, got 'red'",
        ),
        (
            "theme:\n  palette: []\n",
            "2: theme.palette: expected a non-empty list of colours as #RRGGBB, got []",
        ),
        (
            "defaults:\n  year_from: soon\n",
            "2: defaults.year_from: expected a year such as 2018, or nothing, got 'soon'",
        ),
        (
            "defaults:\n  programme: uk-returns\n",
            "2: defaults.programme: expected a list, e.g. [a, b], got 'uk-returns'",
        ),
        (
            "defaults:\n  programmes: uk-returns\n",
            "2: defaults.programme: expected a list, e.g. [a, b], got 'uk-returns'",
        ),  # its former name
        (
            "exports:\n  image_sizes:\n    tiny: [10, 10]\n",
            "3: exports.image_sizes.tiny: expected [width, height] in pixels, 100–8000 each, got [10, 10]",
        ),
        (
            "exports:\n  image_size: huge\n",
            "2: exports.image_size: 'huge' is not one of image_sizes: widescreen, hd, standard_4_3",
        ),
        ("title: 42\n", "1: title: expected text, got 42"),
        (
            "exports:\n  deck_template: brand.potx\n",
            "2: exports.deck_template: expected a path to a .pptx file, or nothing, got 'brand.potx'",
        ),
        (
            "exports:\n  deck_charts: editable\n",
            "2: exports.deck_charts: expected native or picture, got 'editable'",
        ),
    ],
)
def test_an_ill_typed_value_is_named_with_its_line_and_what_to_write(tmp_path, text, expected):
    assert problems_for(tmp_path, text) == [expected]


def test_every_bad_setting_is_reported_at_once(tmp_path):
    lines = problems_for(tmp_path, "server:\n  port: 0\ntheme:\n  text_colour: red\n")
    assert [line.split(":")[0] for line in lines] == ["2", "4"]


def test_a_python_tag_in_the_config_is_refused_not_run(tmp_path):
    [problem] = problems_for(tmp_path, "title: !!python/name:os.system\n")
    assert (
        problem == "1: title: YAML tag !!python/name:os.system is not allowed; write a plain value"
    )


def test_a_config_syntax_error_names_its_line(tmp_path):
    [problem] = problems_for(tmp_path, "title: T\nserver:\n  port: [8050\n")
    assert ": yaml: syntax error" in problem


def test_a_missing_config_file_is_a_clear_error(tmp_path):
    with pytest.raises(DataInvalid, match="config file not found"):
        load_config(tmp_path / "nope.yaml")


def test_every_setting_has_help_text():
    rows = settings_help()
    assert rows, "no settings listed"
    for key, _default, help_text in rows:
        assert help_text.strip(), f"{key} has no help text"


def test_every_key_in_the_shipped_config_is_a_known_setting():
    known = {key for key, _, _ in settings_help()}
    sections = {key.split(".")[0] for key in known if "." in key}
    shipped = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    keys = set()
    for top, value in shipped.items():
        if top in sections:
            keys |= {f"{top}.{sub}" for sub in value}
        else:
            keys.add(top)
    assert keys <= known, f"undocumented settings: {sorted(keys - known)}"


def test_the_default_scope_and_indexing_are_read_from_the_file(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text(
        "defaults:\n  scope: [uk_worldwide]\nserving:\n  index: false\n", encoding="utf-8"
    )
    config = load_config(path)
    assert config.defaults.scope == ("uk_worldwide",)
    assert config.serving.index is False
    assert Config().defaults.scope == () and Config().serving.index is True


MISTAKES = {
    "a misspelt key lists every setting of its section": (
        "serving:\n  indexed: false\n",
        [
            "2: serving.indexed: unknown setting; expected one of: "
            + ", ".join(f.name for f in dataclasses.fields(ServingSettings))
        ],
    ),
    "a setting written twice names both lines": (
        "server:\n  port: 8050\n  port: 8060\n",
        ["3: server.port: set twice (first on line 2); keep one"],
    ),
    "a bad colour in the palette is named at its own line": (
        "theme:\n  palette:\n    - '#000000'\n    - red\n",
        [
            "4: theme.palette: expected a non-empty list of colours as #RRGGBB, got ['#000000', 'red']"
        ],
    ),
    "a section written as a value asks for key: value lines": (
        "server: 8050\n",
        ["1: server: expected a mapping of `key: value` lines"],
    ),
    "a quoted number or a quoted true is not taken for a number or a switch": (
        "server:\n  port: '8050'\n  debug: 'true'\n",
        [
            "2: server.port: expected a port number 1–65535, got '8050'",
            "3: server.debug: expected true or false, got 'true'",
        ],
    ),
    "a python tag on a section is refused, not run": (
        "server: !!python/object:os.system {}\n",
        ["1: server: YAML tag !!python/object:os.system is not allowed; write a plain value"],
    ),
    "default years in the wrong order are named at the later one": (
        "defaults:\n  year_from: 2025\n  year_to: 2020\n",
        ["3: defaults.year_to: 2020 is before year_from 2025; swap them"],
    ),
    "a setting left empty says it got nothing": (
        "title:\n",
        ["1: title: expected text, got nothing"],
    ),
}


@pytest.mark.parametrize("text, expected", MISTAKES.values(), ids=MISTAKES.keys())
def test_each_mistake_is_named_at_its_line_with_what_to_write(tmp_path, text, expected):
    assert problems_for(tmp_path, text) == expected
