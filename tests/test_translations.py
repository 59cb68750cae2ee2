"""Curated Vietnamese names (data/i18n/vi.yaml): they load safely, cover every record shipped,
and a missing or stray translation is a warning naming the file and line to edit."""

from __future__ import annotations

import shutil
import textwrap

import pytest

from dashboard.curated.load import load_dataset
from dashboard.curated.translations import (
    SECTIONS,
    english,
    load_translations,
    translation_warnings,
)
from dashboard.words.names import name


def write(folder, body: str, language: str = "vi"):
    (folder / "i18n").mkdir(exist_ok=True)
    path = folder / "i18n" / f"{language}.yaml"
    path.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    return path


def records(dataset):
    for section, spec in SECTIONS.items():
        for record in getattr(dataset, section):
            yield section, spec, record


def test_every_shipped_name_reads_in_vietnamese_or_in_english_marked_untranslated_with_a_warning(
    shipped_dataset, shipped_data_dir
):
    """A new document's names may arrive before their Vietnamese forms: that is a warning
    (exit 0), never a failure, and the page shows the English marked untranslated, never blank."""
    translations, problems = load_translations(shipped_data_dir, "vi")
    assert problems == []
    warned = {w.message for w in translation_warnings(shipped_dataset, translations)}
    for section, spec, record in records(shipped_dataset):
        for field in spec.names:
            if english(record, field):
                shown = name(record, translations, field)
                assert shown.strip(), f"{section} {record}: {field} is blank"
                if shown.untranslated:
                    assert shown == english(record, field) and shown.lang == "en"
                    assert any(repr(english(record, field)) in message for message in warned), (
                        f"{section} {record}: {field} untranslated without a warning"
                    )
                else:
                    assert shown.lang == "vi"


def test_a_name_with_no_vietnamese_form_is_a_warning_at_the_entry_that_should_hold_it(
    dataset, tmp_path
):
    programme = dataset.programmes[0]
    write(
        tmp_path,
        f"""
        programmes:
          - id: {programme.id}
            name:
        """,
    )
    translations, problems = load_translations(tmp_path, "vi")
    assert problems == []
    warnings = [
        w for w in translation_warnings(dataset, translations) if w.field == "programmes.name"
    ]
    assert all(
        w.location.line == 1 for w in warnings if programme.name not in w.message
    )  # no entry: the section
    mine = next(w for w in warnings if programme.name in w.message)
    assert (
        str(mine.location) == f"{translations.path}:3" and mine.code == "untranslated"
    )  # the empty `name:`
    assert "add `name:` under id: " + programme.id in mine.message
    assert (
        f"({programme.location.path}:{programme.lines['name']})" in mine.message
    )  # where the English is


def test_a_record_with_no_entry_is_a_warning_saying_which_entry_to_add_and_where(dataset, tmp_path):
    write(
        tmp_path,
        """
        # translations
        events:
          - id: no-such-event
            title: Không có
        """,
    )
    translations, _ = load_translations(tmp_path, "vi")
    warnings = translation_warnings(dataset, translations)
    event = dataset.events[0]
    about_event = next(
        w for w in warnings if w.field.startswith("events.title") and repr(event.title) in w.message
    )
    assert str(about_event.location) == f"{translations.path}:2"  # the events: section
    assert f"add an entry `- id: {event.id}` with `title:`" in about_event.message
    assert about_event.message.endswith("under `events:`")
    assert (
        f"({event.location.path}:{event.lines['title']})" in about_event.message
    )  # where the English is
    # a section absent from the file points at its first line
    programme = dataset.programmes[0]
    about_programme = next(w for w in warnings if repr(programme.name) in w.message)
    assert about_programme.location.line == 1


def test_a_translation_whose_id_names_no_record_is_a_warning_to_correct_or_remove_it(
    dataset, tmp_path
):
    metric = max(dataset.metrics, key=lambda m: len(m.id))
    typo = metric.id[:-2] + metric.id[-1]  # one letter dropped
    write(
        tmp_path,
        f"""
        metrics:
          - id: {typo}
            label: Nhãn
          - id: nothing-like-any-id-at-all
            label: Nhãn
        """,
    )
    translations, problems = load_translations(tmp_path, "vi")
    assert problems == []
    stray = [
        str(w) for w in translation_warnings(dataset, translations) if w.code == "unknown-record"
    ]
    assert stray == [
        f"{translations.path}:2: id: no metric has id {typo!r} in data/ (did you mean {metric.id!r}?); correct the id or remove this entry",
        f"{translations.path}:4: id: no metric has id 'nothing-like-any-id-at-all' in data/; correct the id or remove this entry",
    ]


def test_a_translation_of_a_field_the_record_leaves_empty_is_a_warning(dataset, tmp_path):
    unit = next(u for u in dataset.units if not u.noun)
    write(
        tmp_path,
        f"""
        units:
          - id: {unit.id}
            label: đơn vị
            noun: thừa
        """,
    )
    translations, _ = load_translations(tmp_path, "vi")
    extra = [
        w for w in translation_warnings(dataset, translations) if w.code == "nothing-to-translate"
    ]
    assert [(w.location.line, w.field) for w in extra] == [(4, "units.noun")]


@pytest.mark.parametrize(
    "body, line, says",
    [
        ("programmes:\n  - id: a\n    name: [unclosed\n", 4, "syntax error"),
        (
            "programmes:\n  - id: a\n    name: !!python/object:os.system x\n",
            3,
            "YAML tag !!python/object:os.system is not allowed",
        ),
        ("programmes:\n\t- id: a\n", 2, "tab character"),
        (
            "events:\n  - id: a\n    quote: bản dịch\n",
            3,
            "unknown field; expected one of: id, title, date_basis, resolution, quote_translation",
        ),
        (
            "programmes:\n  - id: a\n    quote_translation: x\n",
            3,
            "unknown field; expected one of: id, name",
        ),
        (
            "event_types:\n  dialogue: Đối thoại\n",
            2,
            "expected a list of entries",
        ),  # event types are translated here too
        (
            "programmes:\n  - id: a\n    name: A\n  - id: a\n    name: B\n",
            4,
            "'a' is translated twice (first at line 2)",
        ),
        ("programmes:\n  - name: A\n", 2, "id: missing required field"),
        ("sources: a list\n", 1, "expected a list of entries"),
    ],
)
def test_a_broken_translations_file_is_a_problem_naming_its_file_and_line(
    tmp_path, body, line, says
):
    path = tmp_path / "i18n" / "vi.yaml"
    path.parent.mkdir()
    path.write_text(body, encoding="utf-8")
    _, problems = load_translations(tmp_path, "vi")
    assert problems, body
    assert problems[0].location.path.endswith("i18n/vi.yaml") and problems[0].location.line == line
    assert says in str(problems[0])


def test_the_data_loader_never_reads_the_translations_folder(data_dir, tmp_path):
    for path in data_dir.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    write(tmp_path, "programmes: [unclosed\n")
    _, problems = load_dataset(tmp_path)
    assert problems == []


def test_no_translations_file_leaves_every_name_in_english_marked_untranslated(dataset, tmp_path):
    translations, problems = load_translations(tmp_path, "vi")
    assert problems == [] and translations.entries == {}
    warnings = translation_warnings(dataset, translations)
    named = sum(
        1
        for _, spec, record in records(dataset)
        if any(english(record, field) for field in spec.names)
    )
    assert (
        len(warnings) == named
    )  # one per record: add its entry once, with every field and {w.code for w in warnings} == {"untranslated"}
    programme = dataset.programmes[0]
    shown = name(programme, translations)
    assert shown == programme.name and shown.untranslated and shown.lang == "en"


def test_the_english_page_shows_the_curated_english_name_unmarked(dataset, data_dir):
    translations, _ = load_translations(data_dir, "en")
    metric = dataset.metrics[0]
    for given in (None, translations):
        shown = name(metric, given, "singular")
        assert shown == metric.singular and not shown.untranslated and shown.lang == "en"


def test_vietnamese_typed_as_decomposed_letters_is_stored_composed(dataset, tmp_path):
    import unicodedata

    programme = dataset.programmes[0]
    decomposed = unicodedata.normalize("NFD", "Đối thoại Di cư")
    write(tmp_path, f"programmes:\n  - id: {programme.id}\n    name: {decomposed}\n")
    translations, _ = load_translations(tmp_path, "vi")
    assert name(programme, translations) == unicodedata.normalize("NFC", "Đối thoại Di cư")


def test_a_place_name_and_a_number_s_unit_are_never_split_across_lines(dataset, tmp_path):
    programme = dataset.programmes[0]
    write(
        tmp_path,
        f"programmes:\n  - id: {programme.id}\n    name: Đối thoại tại Hà Nội với 1.936 người\n",
    )
    translations, _ = load_translations(tmp_path, "vi")
    assert name(programme, translations) == "Đối thoại tại Hà\u00a0Nội với 1.936\u00a0người"


def test_a_figure_s_period_notes_are_translated_as_the_figure_s_own(dataset, tmp_path):
    figure = next(f for f in dataset.figures if f.period.start_basis)
    assert english(figure, "start_basis") == figure.period.start_basis
    write(tmp_path, f"figures:\n  - id: {figure.id}\n    start_basis: Từ năm 2018.\n")
    translations, _ = load_translations(tmp_path, "vi")
    assert name(figure, translations, "start_basis") == "Từ năm 2018."
    fields = {
        w.field
        for w in translation_warnings(dataset, translations)
        if repr(figure.period.start_basis) in w.message
    }
    assert "figures.start_basis" not in fields


def test_the_curator_s_check_prints_each_warning_with_its_line_and_exits_0(
    data_dir, tmp_path, capsys
):
    from dashboard.words.names import main

    for path in data_dir.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    write(tmp_path, "programmes:\n  - id: not-a-programme\n    name: X\n")
    assert main([str(tmp_path), "vi"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert any(
        line.startswith("warning: ")
        and "i18n/vi.yaml:2: id: no programme has id 'not-a-programme'" in line
        for line in out
    )
    figure = next(f for f in load_dataset(tmp_path)[0].figures if f.value != 999)
    write(tmp_path, f"figures:\n  - id: {figure.id}\n    quote_translation: đã có 999 người\n")
    assert main([str(tmp_path), "vi"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert any(
        line.startswith("warning: ")
        and "i18n/vi.yaml:3: figures.quote_translation: does not state" in line
        for line in out
    )
    write(tmp_path, "programmes: [unclosed\n")
    assert main([str(tmp_path), "vi"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line for line in out if line.startswith("error: ")] and all(
        not line.startswith("warning: ") for line in out
    )


def test_a_large_document_s_translations_can_go_in_a_file_of_their_own(dataset, tmp_path):
    first, second = dataset.programmes[0], dataset.programmes[1]
    write(tmp_path, f"programmes:\n  - id: {first.id}\n    name: Một\n")
    (tmp_path / "i18n" / "vi").mkdir()
    (tmp_path / "i18n" / "vi" / "new-document.yaml").write_text(
        f"programmes:\n  - id: {second.id}\n    name: Hai\n  - id: {first.id}\n    name: Lặp\n",
        encoding="utf-8",
    )
    translations, problems = load_translations(tmp_path, "vi")
    assert (name(first, translations), name(second, translations)) == ("Một", "Hai")
    assert [
        (p.location.path.endswith("vi/new-document.yaml"), p.location.line, p.code)
        for p in problems
    ] == [(True, 4, "duplicate-translation")]
    assert f"first at {translations.path}:2" in problems[0].message
