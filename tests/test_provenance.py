"""Every number is one click from the sentence it was copied from."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.web.provenance import EVENT, FIGURE, Provenance, find_passage

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample"  # fictional: see its README


@pytest.fixture(scope="module")
def provenance(dataset):
    return Provenance(dataset, SAMPLE / "seeds")


def details(passage) -> dict[str, str]:
    return {d.label: d.text for d in passage.details}


def test_a_figure_opens_its_document_with_the_quote_cut_out_verbatim(provenance):
    passage = provenance.passage("msf-ruritania-funding-since-2018")
    assert passage.quote == "Since 2018 the UK has invested over £7 million"
    assert passage.document.title == "UK and Ruritania sign agreement to tackle human trafficking"
    assert passage.document.publisher == "Ministry of Examples"
    assert (
        passage.document.date_label == "Apr 2025 (inferred)"
    )  # the article prints no date: see its published_basis
    assert passage.document.url.startswith("https://example.org/")


def test_the_text_around_the_quote_is_the_whole_document(provenance):
    passage = provenance.passage("msf-ruritania-funding-since-2018")
    text = (SAMPLE / "seeds" / "sample_004_agreement.txt").read_text(encoding="utf-8")
    assert passage.before + passage.quote + passage.after == text


def test_a_quote_across_a_line_break_is_cut_from_the_document_as_printed(provenance):
    passage = provenance.passage("ministerial-call-2024-04", EVENT)
    assert passage.quote.startswith("on April 15, General To Lam")
    assert passage.quote.endswith("in a telephone conversation")
    assert passage.heading.startswith("Ministerial call")


def test_a_figure_shows_its_value_with_its_qualifier_and_what_the_qualifier_means(provenance):
    passage = provenance.passage("msf-ruritania-funding-since-2018")
    assert passage.heading == "Funding: over £7m"
    shown = details(passage)
    assert shown["Value"] == "over £7m"
    assert "“over”" in shown["Qualifier"] and "lower bound" in shown["Qualifier"]
    assert shown["Status"].startswith("Reported")


def test_a_commitment_says_it_is_not_yet_achieved(provenance):
    shown = details(provenance.passage("joint-action-plan-funding-2025"))
    assert shown["Value"] == "up to £1m"
    assert shown["Status"].startswith("Committed")
    assert "upper bound" in shown["Qualifier"]


def test_the_period_comes_with_how_its_implied_dates_were_derived(provenance):
    shown = details(provenance.passage("uk-returns-since-general-election"))
    assert shown["Period"] == "4 Jul 2024 – Mar 2025, cumulative"
    assert "general election of 4 July 2024" in shown["Start date"]
    assert "31 March 2025" in shown["End date"]
    assert shown["Note"] == "All nationalities, not Ruritanian nationals alone."
    assert shown["Value"] == "more than 24,000 people"  # the source's own word


def test_an_exact_figure_says_it_is_exact(provenance):
    shown = details(provenance.passage("msf-ruritania-victims-identified"))
    assert shown["Value"] == "720 people"
    assert shown["Qualifier"].startswith("Exact")


def test_an_event_shows_its_date_and_how_it_was_dated(provenance):
    passage = provenance.passage("migration-dialogue-3", EVENT)
    shown = details(passage)
    assert passage.quote == "the next one will be hosted by Ruritania in 2025"
    assert shown["Date"] == "2025"
    assert shown["Status"] == "Planned"
    assert shown["Date basis"] == "The text gives the year only."
    assert "news report" in passage.document.title
    assert passage.document.url is None
    assert "2024" in passage.document.date_basis


@pytest.mark.parametrize(
    "record_id",
    ["nope", "", None, 42, ["msf-ruritania-funding-since-2018"], {"id": "x"}, "../../etc/passwd"],
)
def test_an_unknown_or_forged_id_gives_nothing_instead_of_an_error(provenance, record_id):
    assert provenance.passage(record_id) is None
    assert provenance.passage(record_id, EVENT) is None


def test_figure_and_event_ids_are_looked_up_in_their_own_kind(provenance):
    assert provenance.passage("mou-2018", FIGURE) is None
    assert provenance.passage("msf-ruritania-funding-since-2018", EVENT) is None
    assert provenance.passage("mou-2018", "something else") is None


def test_a_long_document_is_cut_to_a_window_around_the_quote(dataset):
    passage = Provenance(dataset, SAMPLE / "seeds", context_chars=40).passage(
        "uk-returns-since-general-election"
    )
    assert passage.before.startswith("…") and len(passage.before) == 41
    assert passage.after.endswith("…") and len(passage.after) == 41


def test_a_document_changed_after_start_up_is_flagged_not_hidden(dataset, tmp_path):
    shutil.copytree(SAMPLE / "seeds", tmp_path / "seeds")
    (tmp_path / "seeds" / "sample_004_agreement.txt").write_text("rewritten", encoding="utf-8")
    passage = find_passage("msf-ruritania-funding-since-2018", dataset, tmp_path / "seeds")
    assert passage.quote == "Since 2018 the UK has invested over £7 million"
    assert "no longer found" in details(passage)["Warning"]


# --- the source dialog in Vietnamese ------------------------------------------------------

SAMPLE_TRANSLATIONS = """programmes:
  - id: modern-slavery-fund-ruritania
    name: Quỹ Chống nô lệ hiện đại tại Ruritania
metrics:
  - id: funding
    label: Kinh phí
figures:
  - id: msf-ruritania-funding-since-2018
    start_basis: '"Since 2018": văn bản chỉ ghi năm, lấy từ ngày 1/1/2018.'
    quote_translation: Từ năm 2018, Vương quốc Anh đã đầu tư hơn 7 triệu bảng
"""


@pytest.fixture(scope="module")
def translated_provenance(dataset, tmp_path_factory):
    from dashboard.curated.translations import load_translations

    data = tmp_path_factory.mktemp("data")
    (data / "i18n").mkdir()
    (data / "i18n" / "vi.yaml").write_text(SAMPLE_TRANSLATIONS, encoding="utf-8")
    translations, problems = load_translations(data, "vi")
    assert problems == []
    return Provenance(dataset, SAMPLE / "seeds", translations={"vi": translations})


def test_the_vietnamese_source_dialog_labels_every_line_in_vietnamese_and_writes_numbers_in_vietnamese_style(
    provenance,
):
    passage = provenance.passage("msf-ruritania-funding-since-2018", words="vi")
    labels = [d.label for d in passage.details]
    assert labels[:6] == [
        "Giá trị",
        "Mức xác định",
        "Trạng thái",
        "Chương trình",
        "Phạm vi",
        "Giai đoạn",
    ]
    assert not any(getattr(label, "untranslated", False) for label in labels)
    shown = details(passage)
    assert shown["Giá trị"] == "hơn 7\u00a0triệu\u00a0bảng\u00a0Anh"
    assert (
        shown["Mức xác định"]
        == "Nguồn ghi “over”. Hơn: nguồn nêu giới hạn dưới; giá trị thực cao hơn."
    )
    assert shown["Trạng thái"].startswith("Đã báo cáo")
    assert shown["Giai đoạn"] == "2018 – tháng 3/2025, lũy kế"
    assert passage.document.date_label == "tháng 4/2025 (suy đoán)"
    assert passage.language == "vi"


def test_on_the_vietnamese_dialog_the_english_quote_stays_verbatim_and_says_nguyen_van_tieng_anh(
    provenance,
):
    passage = provenance.passage("msf-ruritania-funding-since-2018", words="vi")
    assert passage.quote == "Since 2018 the UK has invested over £7 million"
    assert (passage.quote_lang, passage.quote_label) == ("en", "Nguyên văn (tiếng Anh)")
    assert passage.quote_translation is None  # none curated: never a made-up one
    english = provenance.passage("msf-ruritania-funding-since-2018")
    assert (english.quote_label, english.language) == (None, "en")


def test_a_name_with_no_curated_vietnamese_form_shows_the_english_marked_untranslated(provenance):
    passage = provenance.passage("msf-ruritania-funding-since-2018", words="vi")
    programme = details(passage)["Chương trình"]
    assert (programme, programme.untranslated) == (
        "Modern Slavery Fund in Ruritania (chưa dịch)",
        True,
    )


def test_curated_names_notes_and_a_quote_translation_appear_in_the_vietnamese_dialog(
    translated_provenance,
):
    passage = translated_provenance.passage("msf-ruritania-funding-since-2018", words="vi")
    shown = details(passage)
    assert shown["Chương trình"] == "Quỹ Chống nô lệ hiện đại tại Ruritania"
    assert shown["Ngày bắt đầu"].startswith('"Since 2018": văn bản chỉ ghi năm')
    assert passage.heading == "Kinh phí: hơn 7\u00a0triệu\u00a0bảng\u00a0Anh"
    assert (
        passage.quote_translation == "Từ năm 2018, Vương quốc Anh đã đầu tư hơn 7\u00a0triệu bảng"
    )  # the curator types a space; it reads as a no-break one
    assert passage.translation_label == "Bản dịch tham khảo"
    assert (
        passage.quote == "Since 2018 the UK has invested over £7 million"
    )  # the quote itself is untouched


def test_a_vietnamese_event_dialog_names_its_type_and_status_in_vietnamese(provenance):
    passage = provenance.passage("ministerial-call-2024-04", EVENT, words="vi")
    shown = details(passage)
    assert shown["Loại"] == "Điện đàm cấp bộ trưởng"
    assert shown["Trạng thái"] in ("Đã diễn ra", "Dự kiến")
    assert shown["Ngày"] == "15/4/2024"


def test_a_provenance_for_a_data_folder_reads_its_vietnamese_names_and_skips_a_file_that_does_not_read(
    dataset, tmp_path
):
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "vi.yaml").write_text(SAMPLE_TRANSLATIONS, encoding="utf-8")
    passage = Provenance.for_data(dataset, tmp_path, SAMPLE / "seeds").passage(
        "msf-ruritania-funding-since-2018", words="vi"
    )
    assert details(passage)["Chương trình"] == "Quỹ Chống nô lệ hiện đại tại Ruritania"
    (tmp_path / "i18n" / "vi.yaml").write_text("programmes:\n\t- id: x\n", encoding="utf-8")
    passage = Provenance.for_data(dataset, tmp_path, SAMPLE / "seeds").passage(
        "msf-ruritania-funding-since-2018", words="vi"
    )
    assert details(passage)["Chương trình"].untranslated
