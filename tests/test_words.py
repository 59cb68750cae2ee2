"""The catalogue of words: every message has its Vietnamese form, a missing one shows the
English marked as untranslated, and the language is passed in, never global."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest

from dashboard.words import LANGUAGES, Formatter, MissingMessage, UnknownLanguage, Words
from dashboard.words.catalogue import LOCALE_DIR, load_catalogue, placeholders, problems
from dashboard.words.checklist import CHECKLIST, render

ROOT = Path(__file__).resolve().parent.parent

PO_HEADER = """msgid ""
msgstr ""
"Language: vi\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"Content-Type: text/plain; charset=utf-8\\n"

"""


def write_po(folder: Path, body: str) -> Path:
    path = folder / "vi.po"
    path.write_text(PO_HEADER + body, encoding="utf-8")
    return folder


TRANSLATED = [
    code for code in LANGUAGES if code != "en"
]  # every registered language but the msgids' own


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_catalogue_entry_has_its_translation_with_the_same_placeholders(language):
    assert problems(language) == []


def test_every_language_translates_the_same_messages():
    """A message added to one catalogue and not another would show in English in that language."""
    held = {language: set(load_catalogue(language).entries) for language in TRANSLATED}
    for language, keys in held.items():
        others = set().union(*held.values())
        assert sorted(others - keys) == [], f"{language}.po lacks these (context, message) entries"


def test_the_catalogue_holds_every_language_the_words_object_accepts():
    assert {path.stem for path in LOCALE_DIR.glob("*.po")} == set(TRANSLATED), (
        "a registered language without its .po, or a .po not registered"
    )


def test_a_missing_vietnamese_form_shows_the_english_marked_as_untranslated(tmp_path):
    folder = write_po(
        tmp_path,
        """msgctxt "page"
msgid "Charts"
msgstr ""

#, fuzzy
msgctxt "page"
msgid "Filters"
msgstr "Bộ lọc?"

msgctxt "page"
msgid "Years"
msgstr "Năm"
""",
    )
    words = Words("vi", folder)
    missing, fuzzy, done = (
        words.text("Charts", "page"),
        words.text("Filters", "page"),
        words.text("Years", "page"),
    )
    assert (missing, missing.lang, missing.untranslated) == ("Charts", "en", True)
    assert (fuzzy, fuzzy.untranslated) == ("Filters", True)
    assert (done, done.lang, done.untranslated) == ("Năm", "vi", False)
    unknown = words.text("Not in the catalogue", "page")
    assert (unknown, unknown.untranslated) == ("Not in the catalogue", True)


def test_the_check_names_the_file_line_and_message_of_each_missing_or_broken_translation(tmp_path):
    folder = write_po(
        tmp_path,
        """msgctxt "page"
msgid "Charts"
msgstr ""

msgctxt "status"
msgid "Showing {figures} and {events}"
msgstr "Đang hiển thị {figures}"

#, fuzzy
msgctxt "page"
msgid "Filters"
msgstr "Bộ lọc?"
""",
    )
    found = problems("vi", folder)
    assert len(found) == 3
    assert found[0].startswith("vi.po:8: 'Charts': no vi translation")
    assert found[1].startswith(
        "vi.po:12: 'Showing {figures} and {events}': placeholders ['figures'] differ"
    )
    assert found[2].startswith("vi.po:17: 'Filters': marked fuzzy")


def test_english_is_the_source_text_with_its_placeholders_filled():
    words = Words("en")
    shown = words.text(
        "Showing {figures} and {events} · {filters}",
        "status",
        figures="3 figures",
        events="1 event",
        filters="2022",
    )
    assert (shown, shown.lang, shown.untranslated) == (
        "Showing 3 figures and 1 event · 2022",
        "en",
        False,
    )


def test_one_server_answers_english_and_vietnamese_side_by_side():
    english, vietnamese = Words("en"), Words("vi")
    assert vietnamese.text("Filters", "filters") == "Bộ lọc"
    assert (
        english.text("Filters", "filters") == "Filters"
    )  # making a Vietnamese one changed nothing global
    assert Words("vi").text("Reset filters", "filters") != Words("en").text(
        "Reset filters", "filters"
    )


def test_the_same_english_word_can_read_differently_where_it_appears():
    words = Words("vi")
    assert words.text("Source", "table") == "Nguồn"
    assert words.text("Sources: ", "charts") == "Các nguồn: "
    assert words.text("Figures", "xlsx") == "Số liệu"


def test_a_language_the_catalogue_does_not_hold_is_a_clear_error():
    with pytest.raises(UnknownLanguage, match=r"unknown language 'fr'; choose one of: en, vi"):
        Words("fr")


def test_counts_take_the_plural_of_english_and_the_single_form_of_vietnamese():
    en, vi = Words("en"), Words("vi")
    assert en.plural("{n} figure", "{n} figures", 1, "count with its noun") == "1 figure"
    assert en.plural("{n} figure", "{n} figures", 10000, "count with its noun") == "10,000 figures"
    assert vi.plural("{n} figure", "{n} figures", 1, "count with its noun") == "1\u00a0số liệu"
    assert (
        vi.plural("{n} figure", "{n} figures", 10000, "count with its noun")
        == "10.000\u00a0số liệu"
    )


def test_every_entry_says_where_it_appears_for_the_translator_and_the_switch_over():
    for entry in load_catalogue("vi"):
        assert entry.context, entry.english
        assert entry.note, entry.english
        assert entry.locations, entry.english
        assert all(
            path.startswith("dashboard/") and path.endswith(".py") and line > 0
            for path, line in entry.locations
        )


def test_placeholders_are_named():
    assert placeholders("Showing the {shown_max} largest ({shown} of {total})") == {
        "shown_max",
        "shown",
        "total",
    }
    for entry in load_catalogue("vi"):
        for text in entry.english:
            assert "{}" not in text, f"unnamed placeholder in {text!r}"


def test_the_switch_over_checklist_is_current():
    assert CHECKLIST.read_text(encoding="utf-8") == render(), (
        "run: python -m dashboard.words.checklist"
    )


def test_the_catalogue_is_installed_with_the_package():
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = settings["tool"]["setuptools"]["package-data"]["dashboard"]
    shipped = [path.relative_to(ROOT / "dashboard").as_posix() for path in LOCALE_DIR.glob("*.po")]
    assert shipped and all(any(fnmatch(path, pattern) for pattern in patterns) for path in shipped)


def test_the_words_package_sits_below_everything_that_will_use_it():
    """fmt (analysis), the views, outputs and web will import words; words may import only the
    curated records, so no cycle appears when they switch over (type-only imports included)."""
    import ast

    for path in (ROOT / "dashboard" / "words").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("dashboard")
            ):
                assert node.module.startswith(("dashboard.words", "dashboard.curated")), (
                    f"{path.name} imports {node.module}"
                )
            if isinstance(node, ast.Import):
                for alias in node.names:
                    assert not alias.name.startswith("dashboard") or alias.name.startswith(
                        ("dashboard.words", "dashboard.curated")
                    ), alias.name


def test_a_strict_words_object_names_a_message_the_catalogue_does_not_hold_in_either_language():
    for language in LANGUAGES:
        words = Words(language, strict=True)
        assert words.text("Reset filters", "filters")
        with pytest.raises(
            MissingMessage, match=r"'Reset filter' \(context 'filters'\) is not in the catalogue"
        ):
            words.text("Reset filter", "filters")


def test_every_message_the_formatter_asks_for_is_in_the_catalogue():
    import datetime as dt

    from dashboard.analysis.quantity import Quantity
    from dataclasses import replace

    from dashboard.curated.bounds import APPROX_WORDS, BOUND_WORDS
    from dashboard.curated.records import DatePrecision, Period, PeriodType, Qualifier, Unit

    pounds = Unit("gbp", "pounds sterling", "£")
    for language in LANGUAGES:
        f = Formatter(Words(language, strict=True))
        for qualifier in Qualifier:
            f.qualifier_sentence(qualifier)
            for wording in (
                None,
                *APPROX_WORDS,
                *(w for words in BOUND_WORDS.values() for w in words),
            ):
                f.value(7_000_000, qualifier, pounds, wording)
                f.qualifier_sentence(qualifier, wording)
        for value in (1936, 7_000_000, 1_500_000_000, 9722):
            f.number(value), f.number(value, pounds)
        for noun in ("figure", "event", "image", "source document"):
            f.count(2, noun)
        for precision in DatePrecision:
            f.date(dt.date(2025, 3, 31), precision)
        for kind in PeriodType:
            f.period(Period(dt.date(2018, 1, 1), dt.date(2025, 3, 31), kind))
        for quantity in (
            Quantity(9722.0, float("inf"), approx=True),
            Quantity(0.0, 9722.0, approx=True),
            Quantity(0.0, float("inf")),
        ):
            for closed in (True, False):
                f.quantity(replace(quantity, lo_closed=closed, hi_closed=closed), pounds)
                f.quantity(
                    replace(quantity, lo_closed=closed, hi_closed=closed, approx=False), pounds
                )


def test_a_phrase_keeps_its_text_and_language_when_copied_or_pickled():
    import copy
    import pickle

    shown = Words("vi").text("Charts missing from the catalogue", "page")
    for copied in (copy.deepcopy(shown), pickle.loads(pickle.dumps(shown)), copy.copy([shown])[0]):
        assert (copied, copied.lang, copied.untranslated) == (
            "Charts missing from the catalogue",
            "en",
            True,
        )


def test_the_checklist_ticks_a_place_once_its_module_asks_the_catalogue_for_the_text(tmp_path):
    from dashboard.words.checklist import asked_for

    (tmp_path / "dashboard").mkdir()
    (tmp_path / "dashboard" / "page.py").write_text(
        'TITLE = "Programme figures"\n'
        "def page(words):\n"
        '    return [words.text("Filters", "filters"), words.text(TITLE, "x"), words.plural("{n} figure", "{n} figures", 2), "Charts"]\n',
        encoding="utf-8",
    )
    assert asked_for("dashboard/page.py", tmp_path) == {
        "Filters",
        "Programme figures",
        "{n} figure",
    }  # not the bare "Charts"
    assert asked_for("dashboard/gone.py", tmp_path) is None


def test_every_message_a_module_asks_the_catalogue_for_is_in_it_under_the_context_it_asks():
    """A literal passed to ``….text(English, context)`` or ``….plural(English, plural, n,
    context)`` anywhere in dashboard/ is a catalogue entry: a typo in either would show
    English on the Vietnamese page, marked untranslated, and nobody would notice."""
    import ast

    known = {(entry.context, entry.english[0]) for entry in load_catalogue("vi")}
    missing = []
    for path in sorted((ROOT / "dashboard").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for target in node.targets
            if isinstance(target, ast.Name)
        }

        def literal(node):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                return node.value
            if isinstance(node, ast.Name) and isinstance(constants.get(node.id), str):
                return constants[node.id]
            return None

        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("text", "plural")
            ):
                continue
            where = 1 if node.func.attr == "text" else 3
            if len(node.args) <= where:
                continue
            message, context = literal(node.args[0]), literal(node.args[where])
            if message is not None and context is not None and (context, message) not in known:
                missing.append(
                    f"{path.relative_to(ROOT)}:{node.lineno}: {message!r} (context {context!r})"
                )
    assert missing == []


def test_refreshing_the_catalogue_points_each_reference_at_the_line_that_shows_its_text_today(
    tmp_path,
):
    from dashboard.words.checklist import refresh_references

    charts = tmp_path / "dashboard" / "views" / "charts"
    charts.mkdir(parents=True)
    (charts / "texts.py").write_text(
        '"""Chart words."""\n\nFUNDING = "Funding by programme"\n', encoding="utf-8"
    )
    (tmp_path / "dashboard" / "web").mkdir()
    (tmp_path / "dashboard" / "web" / "layout.py").write_text(
        'import x\n\n\nLABEL = "Filters"\n', encoding="utf-8"
    )
    (tmp_path / "dashboard" / "web" / "chart_panel.py").write_text(
        '"""Split out of layout."""\n\nEMBED = "Embed"\n', encoding="utf-8"
    )
    po = (
        write_po(
            tmp_path,
            """#: dashboard/views/charts.py:384
msgctxt "charts"
msgid "Funding by programme"
msgstr "Kinh phí theo chương trình"

#: dashboard/web/layout.py:1
msgctxt "filters"
msgid "Filters"
msgstr "Bộ lọc"

#: dashboard/web/layout.py:9
msgctxt "page"
msgid "Embed"
msgstr "Nhúng"

#: dashboard/web/gone.py:7
msgctxt "page"
msgid "Nowhere to be found"
msgstr "Không ở đâu"
""",
        )
        / "vi.po"
    )
    assert refresh_references(po, tmp_path) == 3
    text = po.read_text(encoding="utf-8")
    assert (
        '#: dashboard/views/charts/texts.py:3\nmsgctxt "charts"' in text
    )  # the module moved into a package
    assert '#: dashboard/web/layout.py:4\nmsgctxt "filters"' in text  # the line moved
    assert '#: dashboard/web/chart_panel.py:3\nmsgctxt "page"' in text  # split into a sibling
    assert "#: dashboard/web/gone.py:7\n" in text  # nowhere: left for a person to look at
    assert load_catalogue.__wrapped__("vi", tmp_path).entries[
        ("filters", "Filters")
    ].translated == ("Bộ lọc",)
