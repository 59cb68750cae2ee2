"""The review sheet a Vietnamese reviewer signs: every Vietnamese string with its English,
context and place, and the reviewer's corrections brought back into the catalogue and the
curated names, or refused with the sheet's row number."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from dashboard.analysis import fmt
from dashboard.cli import main
from dashboard.config import load_config
from dashboard.curated.translations import load_translations
from dashboard.curated.validate import load_valid
from dashboard.views import language as view_language
from dashboard.web import callbacks as cb
from dashboard.web.app import app_state, create_app
from dashboard.web.ids import ID
from dashboard.words import catalogue, review, review_apply
from dashboard.words.catalogue import LOCALE_DIR, placeholders
from dashboard.words.review import (
    AWAITING,
    COLUMNS,
    CONTEXT,
    ENGLISH,
    FILE,
    KEY,
    NOTE,
    VERDICT,
    VIETNAMESE,
    WHERE,
    review_sheet,
)
from dashboard.words.review_apply import apply_sheet
from dashboard.words.review_edits import yaml_edit
from components import texts, walk  # tests/components.py

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample"  # fictional: see its README


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the sample data with a curated Vietnamese programme name, and a copy of the
    catalogue that every ``Words`` of this test reads (so applying edits only the copies)."""
    data = tmp_path / "data"
    shutil.copytree(SAMPLE / "data", data)
    first = load_valid(data, SAMPLE / "seeds").programmes[0]
    (data / "i18n").mkdir()
    (data / "i18n" / "vi.yaml").write_text(
        f"# Curated names (a comment a correction keeps).\nprogrammes:\n  - id: {first.id}\n    name: Chương trình thử nghiệm\n",
        encoding="utf-8",
    )
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, locale)
    read = catalogue.load_catalogue.__wrapped__
    monkeypatch.setattr(
        catalogue, "load_catalogue", lambda language, directory=None: read(language, locale)
    )
    for module in (
        review,
        review_apply,
    ):  # the commands' default catalogue: the copy, never the project's own
        monkeypatch.setattr(module, "LOCALE_DIR", locale)
    view_language.words_for.cache_clear()
    fmt._formatter_for.cache_clear()
    yield data, locale, tmp_path / "review.xlsx"
    view_language.words_for.cache_clear()
    fmt._formatter_for.cache_clear()


def sheet_rows(path: Path) -> list[list]:
    return [list(row) for row in load_workbook(path).active.iter_rows(values_only=True)]


def write_verdicts(path: Path, verdicts: dict[int, str]) -> None:
    """The reviewer's work: a correction (or OK) in the last column of some rows."""
    book = load_workbook(path)
    for row, text in verdicts.items():
        book.active.cell(row=row, column=VERDICT + 1, value=text)
    book.save(path)


def vietnamese_page(data: Path) -> list[str]:
    """Every text of the Vietnamese page as a server started now would show it (its words
    read afresh from the catalogue), and the programme filter's names."""
    view_language.words_for.cache_clear()
    fmt._formatter_for.cache_clear()
    state = app_state(
        create_app(
            load_valid(data, SAMPLE / "seeds"),
            load_config(ROOT / "config.yaml"),
            SAMPLE / "seeds",
            data,
        )
    )
    page = cb.first_page(state, "?lang=vi")
    options = next(c for c in walk(page) if getattr(c, "id", None) == ID.PROGRAMMES).options
    return texts(page) + [option["label"] for option in options]


def test_the_sheet_holds_every_vietnamese_string_beside_its_english_with_an_empty_column_to_sign(
    project,
):
    data, locale, sheet = project
    review_sheet(load_valid(data, SAMPLE / "seeds"), data, sheet, locale)
    header, *rows = sheet_rows(sheet)
    entries = list(catalogue.load_catalogue("vi"))
    names, _ = load_translations(data, "vi")
    assert len(rows) == len(entries) + sum(len(entry.forms) for entry in names.entries.values())
    assert "Approved / correction" in header[VERDICT] and "Duyệt" in header[VERDICT]
    for row in rows:
        assert row[ENGLISH] and row[VIETNAMESE] and row[WHERE] and row[CONTEXT] and row[KEY], row
        assert row[VERDICT] is None, row
    assert {row[FILE] for row in rows} == {"vi.po", "data/i18n/vi.yaml"}
    by_key = {(row[CONTEXT], row[KEY]): row for row in rows}
    for (
        entry
    ) in entries:  # the catalogue's English, Vietnamese and translator's note, in the file's order
        row = by_key[(entry.context, entry.english[0])]
        assert row[VIETNAMESE] == entry.translated[0] and entry.note in row[NOTE]
    waiting = [entry.english[0] for entry in entries if AWAITING in entry.note]
    settled = [entry.english[0] for entry in entries if AWAITING not in entry.note]
    assert [
        row[KEY] for row in rows[: len(entries)]
    ] == waiting + settled  # proposals first, then the file's order
    book = load_workbook(sheet).active
    assert book.freeze_panes == "A2" and book.auto_filter.ref
    assert all(
        book.column_dimensions[chr(ord("A") + i)].width == width
        for i, (_, width) in enumerate(COLUMNS)
    )
    assert book.cell(row=2, column=ENGLISH + 1).alignment.wrap_text


def test_the_proposals_awaiting_a_native_speaker_s_sign_off_come_first_and_stand_out(project):
    data, locale, sheet = project
    review_sheet(load_valid(data, SAMPLE / "seeds"), data, sheet, locale)
    header, *rows = sheet_rows(sheet)
    waiting = [row for row in rows if AWAITING in (row[NOTE] or "")]
    assert {row[VIETNAMESE] for row in waiting} >= {"ước tính hơn", "Chỉ số theo dõi"}
    assert rows[: len(waiting)] == waiting
    book = load_workbook(sheet).active
    assert (
        book.cell(row=2, column=ENGLISH + 1).fill.fgColor.rgb
        != book.cell(row=len(waiting) + 2, column=ENGLISH + 1).fill.fgColor.rgb
    )


def test_where_a_string_appears_is_read_from_its_modules_and_context(project):
    data, locale, sheet = project
    review_sheet(load_valid(data, SAMPLE / "seeds"), data, sheet, locale)
    _, *rows = sheet_rows(sheet)
    where = {(row[CONTEXT], row[KEY]): row[WHERE] for row in rows}
    deck = next(e for e in catalogue.load_catalogue("vi") if e.context == "deck")
    assert "trang chiếu" in where[("deck", deck.english[0])]
    dialog = next(
        e
        for e in catalogue.load_catalogue("vi")
        if all(p.startswith("dashboard/web/provenance.py") for p, _ in e.locations)
    )
    assert "hộp thoại nguồn" in where[(dialog.context, dialog.english[0])]


def test_a_corrected_string_and_a_corrected_name_come_back_and_show_on_the_vietnamese_page(project):
    data, locale, sheet = project
    review_sheet(load_valid(data, SAMPLE / "seeds"), data, sheet, locale)
    page = set(vietnamese_page(data))
    _, *rows = sheet_rows(sheet)
    layout = {
        (e.context, e.english[0])
        for e in catalogue.load_catalogue("vi")
        if any(p == "dashboard/web/layout.py" for p, _ in e.locations)
    }
    number, row = next(
        (n, r)
        for n, r in enumerate(rows, start=2)
        if (r[CONTEXT], r[KEY]) in layout
        and r[VIETNAMESE] in page
        and not placeholders(r[ENGLISH])
        and len(r[VIETNAMESE]) > 3
    )
    name_number, name_row = next(
        (n, r) for n, r in enumerate(rows, start=2) if r[KEY].startswith("programmes/")
    )
    corrected, renamed = f"{row[VIETNAMESE]} (đã sửa)", "Chương trình thí điểm"
    before = (locale / "vi.po").read_text(encoding="utf-8")
    write_verdicts(sheet, {number: corrected, name_number: renamed, number + 1: "OK"})

    outcome = apply_sheet(sheet, data, locale)

    assert outcome.refusals == [] and outcome.approved == 1
    assert [str(change).split(" ", 1)[0].split(":")[0] for change in outcome.changes] == [
        "vi.po",
        "data/i18n/vi.yaml",
    ]
    assert f"{row[VIETNAMESE]!r} → {corrected!r}" in str(outcome.changes[0])
    after = (locale / "vi.po").read_text(encoding="utf-8")
    changed = [
        line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"
    ]
    assert changed == [
        f'- msgstr "{row[VIETNAMESE]}"',
        f'+ msgstr "{corrected}"',
    ]  # only the corrected msgstr line
    curated = (data / "i18n" / "vi.yaml").read_text(encoding="utf-8")
    assert (
        curated.startswith("# Curated names (a comment a correction keeps).")
        and name_row[VIETNAMESE] not in curated
    )
    page = vietnamese_page(data)
    assert corrected in page and renamed in page


def test_a_correction_that_drops_a_placeholder_or_is_empty_is_refused_with_its_row_and_nothing_is_written(
    project,
):
    data, locale, sheet = project
    review_sheet(load_valid(data, SAMPLE / "seeds"), data, sheet, locale)
    _, *rows = sheet_rows(sheet)
    number, row = next(
        (n, r)
        for n, r in enumerate(rows, start=2)
        if r[FILE] == "vi.po" and placeholders(r[ENGLISH])
    )
    dropped = sorted(placeholders(row[ENGLISH]))[0]
    fine, blank = [
        n
        for n, r in enumerate(rows, start=2)
        if r[FILE] == "vi.po" and not placeholders(r[ENGLISH])
    ][:2]
    before = {path: path.read_bytes() for path in (locale / "vi.po", data / "i18n" / "vi.yaml")}
    write_verdicts(
        sheet,
        {
            number: row[VIETNAMESE].replace("{" + dropped + "}", ""),
            blank: "   ",
            fine: "Một bản sửa đúng",
        },
    )

    outcome = apply_sheet(sheet, data, locale)

    messages = [str(refusal) for refusal in outcome.refusals]
    assert (
        f"review.xlsx row {number}: the correction drops {{{dropped}}}; keep every placeholder"
        in messages
    )
    assert any("the correction is empty" in message for message in messages)
    assert outcome.changes == []
    assert {path: path.read_bytes() for path in before} == before  # not even the good correction


def test_a_string_changed_since_the_sheet_was_written_is_not_overwritten(project):
    data, locale, sheet = project
    review_sheet(load_valid(data, SAMPLE / "seeds"), data, sheet, locale)
    _, *rows = sheet_rows(sheet)
    number = next(n for n, r in enumerate(rows, start=2) if r[KEY].startswith("programmes/"))
    path = data / "i18n" / "vi.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "Chương trình thử nghiệm", "Tên mới của người khác"
        ),
        encoding="utf-8",
    )
    write_verdicts(sheet, {number: "Chương trình thí điểm"})
    outcome = apply_sheet(sheet, data, locale)
    assert [r.row for r in outcome.refusals] == [number] and "Tên mới của người khác" in str(
        outcome.refusals[0]
    )
    assert "Chương trình thí điểm" not in path.read_text(encoding="utf-8")


def test_a_quote_translation_corrected_without_its_figure_s_bound_is_refused(project):
    data, locale, sheet = project
    dataset = load_valid(data, SAMPLE / "seeds")
    figure = next(f for f in dataset.figures if f.qualifier.value == "at_least" and f.value >= 1000)
    words = catalogue.Words("vi")
    exact = f"{words.integer(int(figure.value))} người"
    with (data / "i18n" / "vi.yaml").open("a", encoding="utf-8") as handle:
        handle.write(f"figures:\n  - id: {figure.id}\n    quote_translation: hơn {exact}\n")
    review_sheet(dataset, data, sheet, locale)
    _, *rows = sheet_rows(sheet)
    number = next(
        n for n, r in enumerate(rows, start=2) if r[KEY] == f"figures/{figure.id}/quote_translation"
    )
    write_verdicts(sheet, {number: exact})  # the reviewer dropped "hơn"

    outcome = apply_sheet(sheet, data, locale, dataset=dataset)

    assert [r.row for r in outcome.refusals] == [number] and "without its bound" in str(
        outcome.refusals[0]
    )
    assert f"hơn {exact}" in (data / "i18n" / "vi.yaml").read_text(encoding="utf-8")


def test_a_folded_note_is_corrected_in_place_and_every_other_line_is_kept():
    text = (
        "# a comment\n"
        "events:\n"
        "  - id: first\n"
        "    title: Một\n"
        "    date_basis: >-\n"
        "      Dòng thứ nhất của ghi chú\n"
        "      và dòng thứ hai.\n"
        "\n"
        "    quote_translation: bản dịch\n"
        "  - id: second  # kept\n"
        "    title: 'Hai: có dấu hai chấm'\n"
    )
    lines = text.splitlines(keepends=True)
    yaml_edit(lines, 5, "date_basis", "Ghi chú mới: có dấu hai chấm, " + "rất dài " * 12)
    edited = "".join(lines)
    assert (
        yaml.safe_load(edited)["events"][0]["date_basis"]
        == "Ghi chú mới: có dấu hai chấm, " + "rất dài " * 12
    )
    assert yaml.safe_load(edited)["events"][0]["quote_translation"] == "bản dịch"
    kept = [
        line
        for line in text.splitlines()
        if "Dòng" not in line and "dòng" not in line and "date_basis" not in line
    ]
    assert [line for line in edited.splitlines() if line in kept] == kept


def test_the_commands_write_the_sheet_and_report_a_refusal_in_one_line(project):
    data, _locale, sheet = project
    runner = CliRunner()
    written = runner.invoke(
        main,
        [
            "translations",
            "review",
            "-o",
            str(sheet),
            "--data",
            str(data),
            "--seeds",
            str(SAMPLE / "seeds"),
        ],
    )
    assert written.exit_code == 0 and sheet.name in written.output
    _, *rows = sheet_rows(sheet)
    number, row = next(
        (n, r)
        for n, r in enumerate(rows, start=2)
        if r[FILE] == "vi.po" and placeholders(r[ENGLISH])
    )
    write_verdicts(sheet, {number: "không còn biến nào"})
    seeds = ["--data", str(data), "--seeds", str(SAMPLE / "seeds")]
    refused = runner.invoke(main, ["translations", "apply", str(sheet), *seeds])
    assert (
        refused.exit_code == 1
        and f"review.xlsx row {number}: the correction drops" in refused.output
    )
    assert "Traceback" not in refused.output
    missing = runner.invoke(
        main, ["translations", "apply", str(sheet.with_name("none.xlsx")), *seeds]
    )
    assert (
        missing.exit_code == 1
        and "none.xlsx" in missing.output
        and "Traceback" not in missing.output
    )
    not_a_workbook = sheet.with_name("notes.xlsx")
    not_a_workbook.write_text("corrections: see the email", encoding="utf-8")
    garbled = runner.invoke(main, ["translations", "apply", str(not_a_workbook), *seeds])
    assert garbled.exit_code == 1 and "notes.xlsx: cannot read it as a workbook" in garbled.output
    assert (
        "Traceback" not in garbled.output
        and garbled.exception is None
        or isinstance(garbled.exception, SystemExit)
    )
