"""A Vietnamese-language document writes 3,000 as "3.000" and 1.5 billion as "1,5 tỷ":
coverage reads its numbers whole, and validate and the tests agree on what its quotes print."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.curated.coverage import coverage
from dashboard.curated.mentions import find_mentions
from dashboard.curated.problems import DataInvalid
from dashboard.curated.validate import load_valid

EXTRA = Path(__file__).resolve().parent / "fixtures" / "extra_documents"
VI_DATA = EXTRA / "data" / "950_fictional_vietnamese.yaml"
VI_SEED = EXTRA / "seeds" / "950_fictional_vietnamese_bulletin_2025.txt"


def found(text: str, language: str | None = None) -> list[tuple[str, float, str, str]]:
    return [
        (m.text, m.value, m.measure.value, m.qualifier.value)
        for m in find_mentions(text, language=language)
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "đã tiếp cận hơn 3.000 người tại Nghệ An",
            [("hơn 3.000 người", 3000, "count", "at_least")],
        ),
        ("xác định 720 nạn nhân", [("720 nạn nhân", 720, "count", "exact")]),
        ("tài trợ 7 triệu bảng Anh", [("7 triệu bảng Anh", 7_000_000, "money", "exact")]),
        ("gói hỗ trợ £1,5 triệu", [("£1,5 triệu", 1_500_000, "money", "exact")]),
        ("ít nhất 1.936 người di cư", [("ít nhất 1.936 người di", 1936, "count", "at_least")]),
        ("tối đa 400 học viên", [("tối đa 400 học viên", 400, "count", "at_most")]),
        ("gần 90% hồ sơ", [("gần 90%", 90, "percent", "approx")]),
        ("khoảng 24.000 người", [("khoảng 24.000 người", 24_000, "count", "approx")]),
    ],
)
def test_a_vietnamese_number_is_read_whole_with_its_noun_and_bound(text, expected):
    assert found(text, "vi") == expected


def test_the_noun_after_a_number_is_not_cut_at_the_first_vietnamese_letter():
    [mention] = find_mentions("Có 3.000 người được hồi hương.")
    assert mention.text == "3.000 người"


def test_dates_written_in_vietnamese_are_not_counts():
    assert found("Hà Nội, ngày 15 tháng 5 năm 2025. Tháng 3/2025 đã ký.", "vi") == []


def test_the_source_language_decides_the_style_and_the_letters_decide_when_it_is_not_recorded():
    assert found("returned 3.000 people", "en") == [("3.000 people", 3, "count", "exact")]
    assert found("returned 3.000 people", "vi")[0][1] == 3000
    assert (
        found("Đã có 3.000 người trở về")[0][1] == 3000
    )  # no language: the letters are Vietnamese


def grown(
    tmp_path: Path, shipped_data_dir: Path, shipped_seeds_dir: Path, yaml_text: str | None = None
) -> Path:
    extras = shutil.ignore_patterns(
        *(p.name for part in ("data", "seeds") for p in (EXTRA / part).iterdir())
    )
    shutil.copytree(
        shipped_data_dir, tmp_path / "data", ignore=extras
    )  # as before the new-documents trial adds them
    shutil.copytree(shipped_seeds_dir, tmp_path / "seeds", ignore=extras)
    (tmp_path / "data" / VI_DATA.name).write_text(
        yaml_text or VI_DATA.read_text(encoding="utf-8"), encoding="utf-8"
    )
    shutil.copy(VI_SEED, tmp_path / "seeds" / VI_SEED.name)
    return tmp_path


def test_a_vietnamese_quote_printing_3000_as_3_000_validates(
    tmp_path, shipped_data_dir, shipped_seeds_dir
):
    root = grown(tmp_path, shipped_data_dir, shipped_seeds_dir)
    dataset = load_valid(root / "data", root / "seeds")
    assert any("3.000" in f.quote and f.value == 3000 for f in dataset.figures)


def test_a_quote_that_does_not_print_its_figures_value_is_refused_at_its_line(
    tmp_path, shipped_data_dir, shipped_seeds_dir
):
    text = VI_DATA.read_text(encoding="utf-8").replace("value: 3000", "value: 30000")
    root = grown(tmp_path, shipped_data_dir, shipped_seeds_dir, text)
    with pytest.raises(DataInvalid) as caught:
        load_valid(root / "data", root / "seeds")
    report = caught.value.report()
    assert f"data/{VI_DATA.name}:" in report
    assert "does not print the value 30,000 (written '30.000' in a Vietnamese document)" in report


def test_in_an_english_document_3_000_is_three_and_does_not_print_3000(
    tmp_path, shipped_data_dir, shipped_seeds_dir
):
    text = VI_DATA.read_text(encoding="utf-8").replace("language: vi", "language: en")
    root = grown(tmp_path, shipped_data_dir, shipped_seeds_dir, text)
    with pytest.raises(DataInvalid, match="does not print the value 3,000"):
        load_valid(root / "data", root / "seeds")


def test_coverage_shows_an_uncurated_vietnamese_number_whole(
    tmp_path, shipped_data_dir, shipped_seeds_dir
):
    root = grown(tmp_path, shipped_data_dir, shipped_seeds_dir)
    (root / "seeds" / VI_SEED.name).write_text(
        VI_SEED.read_text(encoding="utf-8") + "Năm 2025 có thêm 1.200 người.\n", encoding="utf-8"
    )
    lines = coverage(load_valid(root / "data", root / "seeds"), root / "seeds").lines()
    assert [
        line.split(": ", 1)[1] for line in lines if VI_SEED.name in line and "UNCURATED" in line
    ] == ['"1.200 người": UNCURATED']
