"""A scope or an event type that a new document adds is translated by data alone
(data/i18n/vi.yaml, like every other name); until it is, the Vietnamese page, its charts, the
source dialog and the slides show the English marked "(chưa dịch)", as cards mark a name."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dashboard.analysis.frame import Filters, events_frame, figures_frame, year_span
from dashboard.curated.translations import load_translations, translation_warnings
from dashboard.curated.validate import load_valid
from dashboard.views.charts import build_chart
from dashboard.views.language import localize
from dashboard.web.provenance import Provenance

EXTRA = Path(__file__).resolve().parent / "fixtures" / "extra_documents"
SEED = EXTRA / "seeds" / "950_fictional_vietnamese_bulletin_2025.txt"
NEW_VOCABULARY = """
scopes:
  - id: uk_vietnam_regional_example
    label: Regional example scope
event_types:
  - id: memorandum_example
    label: Memorandum example
    symbol: square
programmes:
  - id: fictional-regional-programme
    scope: uk_vietnam_regional_example
    name: Fictional regional programme
    funder: Example Ministry of Illustrations (fictional)
    partner_country: Vietnam
    description: A made-up programme with a scope of its own.
sources:
  - file: 950_fictional_vietnamese_bulletin_2025.txt
    title: Example bulletin in Vietnamese (fictional)
    publisher: Example Ministry of Illustrations (fictional)
    published: 2025-05-15
    language: vi
events:
  - id: fictional-regional-memorandum
    date: 2025-05-15
    programme: fictional-regional-programme
    type: memorandum_example
    title: Example memorandum signed (fictional)
    source: 950_fictional_vietnamese_bulletin_2025.txt
    quote: Hai bên đã ký một biên bản ghi nhớ ví dụ vào ngày 15 tháng 5 năm 2025
"""
CURATED = """
scopes:
  - id: uk_vietnam_regional_example
    label: Phạm vi khu vực ví dụ
event_types:
  - id: memorandum_example
    label: Biên bản ghi nhớ ví dụ
"""


@pytest.fixture
def data(tmp_path, shipped_data_dir, shipped_seeds_dir) -> Path:
    extras = shutil.ignore_patterns(
        *(p.name for part in ("data", "seeds") for p in (EXTRA / part).iterdir())
    )
    shutil.copytree(
        shipped_data_dir, tmp_path / "data", ignore=extras
    )  # as before the new-documents trial adds them
    shutil.copytree(shipped_seeds_dir, tmp_path / "seeds", ignore=extras)
    shutil.copy(SEED, tmp_path / "seeds")
    (tmp_path / "data" / "960_new_vocabulary.yaml").write_text(NEW_VOCABULARY, encoding="utf-8")
    return tmp_path


def vietnamese(root: Path):
    dataset = load_valid(root / "data", root / "seeds")
    translations, problems = load_translations(root / "data", "vi")
    assert problems == []
    local = localize(dataset, figures_frame(dataset), events_frame(dataset), "vi", translations)
    return dataset, translations, local


def timeline_text(dataset, local, config) -> str:
    first, last = year_span(dataset)
    figure = build_chart(
        "timeline", local.figures, local.events, local.dataset, config.theme, Filters(first, last)
    )
    return json.dumps(figure.to_dict(), ensure_ascii=False, default=str)


def add_curated(root: Path) -> None:
    """The new document's names in a file of its own (data/i18n/vi/<document>.yaml)."""
    (root / "data" / "i18n" / "vi").mkdir(exist_ok=True)
    (root / "data" / "i18n" / "vi" / "960_new_vocabulary.yaml").write_text(
        CURATED, encoding="utf-8"
    )


def test_a_new_scope_and_event_type_read_in_vietnamese_once_data_i18n_names_them(data, config):
    add_curated(data)
    dataset, translations, local = vietnamese(data)
    event = local.events.set_index("id").loc["fictional-regional-memorandum"]
    assert (event["type_label"], event["scope_label"]) == (
        "Biên bản ghi nhớ ví dụ",
        "Phạm vi khu vực ví dụ",
    )
    assert "Biên bản ghi nhớ ví dụ" in timeline_text(dataset, local, config)
    assert not [
        w
        for w in translation_warnings(dataset, translations)
        if w.field.startswith(("scopes", "event_types"))
    ]


def test_until_then_the_english_is_marked_untranslated_on_charts_and_in_the_source_dialog(
    data, config
):
    dataset, translations, local = vietnamese(data)
    event = local.events.set_index("id").loc["fictional-regional-memorandum"]
    assert (event["type_label"], event["scope_label"]) == (
        "Memorandum example (chưa dịch)",
        "Regional example scope (chưa dịch)",
    )
    assert "Memorandum example (chưa dịch)" in timeline_text(dataset, local, config)
    passage = Provenance(dataset, data / "seeds", translations={"vi": translations}).passage(
        "fictional-regional-memorandum", "event", "vi"
    )
    assert "Memorandum example (chưa dịch)" in [d.text for d in passage.details]
    warned = " ".join(w.message for w in translation_warnings(dataset, translations))
    assert "'Memorandum example'" in warned and "'Regional example scope'" in warned


def test_a_programme_and_an_event_title_without_vietnamese_are_marked_wherever_they_show(
    data, config
):
    """Not only scopes and event types: a document's programme name and event title with no
    Vietnamese form read "… (chưa dịch)" on the timeline, in the frames the files are written
    from and in the source dialog, and the page's own mark is not said twice."""
    from dashboard.web.grid import english_name
    from dashboard.views.language import words_for

    dataset, translations, local = vietnamese(data)
    event = local.events.set_index("id").loc["fictional-regional-memorandum"]
    assert (event["programme_name"], event["title"]) == (
        "Fictional regional programme (chưa dịch)",
        "Example memorandum signed (fictional) (chưa dịch)",
    )
    assert "Example memorandum signed (fictional) (chưa dịch)" in timeline_text(
        dataset, local, config
    )
    passage = Provenance(dataset, data / "seeds", translations={"vi": translations}).passage(
        "fictional-regional-memorandum", "event", "vi"
    )
    assert "Fictional regional programme (chưa dịch)" in [d.text for d in passage.details]
    shown = english_name(event["programme_name"], words_for("vi"))
    assert [str(getattr(part, "children", part)) for part in shown] == [
        "",
        "Fictional regional programme",
        " (chưa dịch)",
    ]


def test_the_shipped_scopes_and_event_types_are_curated_in_data_i18n(
    shipped_dataset, shipped_data_dir
):
    translations, _ = load_translations(shipped_data_dir, "vi")
    for section in ("scopes", "event_types"):
        for record in getattr(shipped_dataset, section):
            assert translations.form(section, record.id, "label"), (
                f"{section} {record.id} has no Vietnamese label in data/i18n/vi.yaml"
            )
