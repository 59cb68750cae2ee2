"""A quote is the source's own words: on a page in another language it stays verbatim and says
which language it is in; a curated translation sits beside it, marked as a translation."""

from __future__ import annotations

import dataclasses

import pytest

from dashboard.curated.translations import load_translations
from dashboard.words import Words
from dashboard.words.names import LANGUAGE_NAMES, quote, quote_label


@pytest.fixture(scope="module")
def translations(data_dir):
    return load_translations(data_dir, "vi")[0]


def test_on_the_vietnamese_page_an_english_quote_stays_verbatim_and_says_so(dataset):
    figure = dataset.figures[0]
    shown = quote(figure, None, Words("vi"))
    assert shown.text == figure.quote and shown.text.lang == "en"
    assert shown.label == "Nguyên văn (tiếng Anh)" and shown.label.lang == "vi"
    assert shown.translation is None and shown.translation_label is None  # never a made-up one


def test_a_curated_translation_sits_beside_the_quote_marked_as_a_translation(dataset, translations):
    for record in (*dataset.figures, *dataset.events):
        form = translations.form(
            "figures" if record in dataset.figures else "events", record.id, "quote_translation"
        )
        if form is None:
            continue
        shown = quote(record, translations, Words("vi"))
        assert (
            shown.text == record.quote and shown.text.lang == "en"
        )  # the quote itself is untouched
        assert shown.translation == form and shown.translation.lang == "vi"
        assert shown.translation_label == "Bản dịch tham khảo"
        assert shown.label == "Nguyên văn (tiếng Anh)"


def test_the_english_page_shows_an_english_quote_as_today_with_no_label_and_no_translation(
    dataset, translations
):
    event = dataset.events[0]
    shown = quote(event, translations, Words("en"))
    assert (shown.text, shown.label, shown.translation, shown.translation_label) == (
        event.quote,
        None,
        None,
        None,
    )


def test_a_vietnamese_document_quoted_on_the_english_page_says_it_is_verbatim_vietnamese(
    dataset, translations
):
    figure = dataclasses.replace(
        dataset.figures[0], quote="Từ năm 2018, Vương quốc Anh đã đầu tư hơn 7 triệu bảng"
    )
    shown = quote(figure, translations, Words("en"), document_language="vi")
    assert shown.text.lang == "vi" and shown.label == "verbatim, in Vietnamese"
    assert shown.translation is None  # the Vietnamese translations file never speaks for English
    assert quote(figure, translations, Words("vi"), document_language="vi").label is None


def test_a_quote_is_labelled_with_the_language_its_source_records(dataset):
    figure = dataset.figures[0]
    vietnamese_source = [
        dataclasses.replace(s, language="vi") if s.file == figure.source else s
        for s in dataset.sources
    ]
    recorded = dataclasses.replace(dataset, sources=tuple(vietnamese_source))
    assert quote(figure, None, Words("en"), dataset=recorded).label == "verbatim, in Vietnamese"
    assert quote(figure, None, Words("vi"), dataset=recorded).label is None
    assert (
        quote(figure, None, Words("vi"), dataset=dataset).label == "Nguyên văn (tiếng Anh)"
    )  # no language recorded: English


def test_a_document_language_with_no_catalogue_name_is_named_by_its_code():
    label = quote_label("fr", Words("vi"))
    assert label == "Nguyên văn (fr)"


def test_every_message_the_quote_labels_ask_for_is_in_the_catalogue():
    for page in ("en", "vi"):
        words = Words(page, strict=True)
        for document in LANGUAGE_NAMES:
            quote_label(document, words)
        words.text("translation, not verbatim", "quote label")


def test_every_shipped_quote_translation_states_its_figure_s_value_with_the_same_bound(
    dataset, translations
):
    from dashboard.words.names import quote_translation_warnings

    assert quote_translation_warnings(dataset, translations) == []


def _translation_of(tmp_path, figure, text):
    path = tmp_path / "i18n" / "vi.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(
        f"figures:\n  - id: {figure.id}\n    quote_translation: {text}\n", encoding="utf-8"
    )
    return load_translations(tmp_path, "vi")[0]


@pytest.mark.parametrize(
    "qualifier, write, code",
    [
        ("at_least", "đã đầu tư hơn {wrong} bảng Anh", "quote-translation-value"),  # another number
        ("at_least", "đã đầu tư {value} bảng Anh", "quote-translation-bound"),  # the bound dropped
        ("exact", "đã xác định hơn {value} nạn nhân", "quote-translation-bound"),  # a bound added
        ("at_most", "kinh phí khoảng {value} bảng Anh", "quote-translation-bound"),  # another bound
    ],
)
def test_a_quote_translation_that_changes_the_number_or_its_bound_is_a_warning_at_its_line(
    dataset, tmp_path, qualifier, write, code
):
    from dashboard.words import Formatter
    from dashboard.words.names import quote_translation_warnings

    figure = next(f for f in dataset.figures if f.qualifier.value == qualifier)
    number = Formatter(Words("vi")).number
    translations = _translation_of(
        tmp_path,
        figure,
        write.format(value=number(figure.value), wrong=number(figure.value * 10 + 1)),
    )
    warnings = quote_translation_warnings(dataset, translations)
    assert [(w.code, w.location.line) for w in warnings] == [(code, 3)]
    assert str(warnings[0]).startswith(f"{translations.path}:3: figures.quote_translation: ")


def test_a_faithful_quote_translation_in_vietnamese_number_style_is_not_a_warning(
    dataset, tmp_path
):
    from dashboard.words import Formatter
    from dashboard.words.names import quote_translation_warnings

    vi = Formatter(Words("vi"))
    for figure in dataset.figures:
        bound = {"at_least": "hơn ", "at_most": "tối đa ", "approx": "gần ", "exact": ""}[
            figure.qualifier.value
        ]
        translations = _translation_of(
            tmp_path, figure, f"năm 2025 đã có {bound}{vi.number(figure.value)} theo nguồn"
        )
        assert quote_translation_warnings(dataset, translations) == [], figure.id
