"""The curated Vietnamese names use the glossary's terms, as the catalogue does: a reviewer
checks a term once, in docs/GLOSSARY.md, and finds it the same on every page."""

from __future__ import annotations

import re

from dashboard.curated.translations import SECTIONS, english, load_translations
from test_words_glossary import english_term, glossary_rows


def misses(dataset, translations) -> list[str]:
    found = []
    for row in glossary_rows():
        if row["check"] in ("—", ""):
            continue
        term = re.compile(r"\b" + re.escape(english_term(row)) + r"(s|es)?\b", re.IGNORECASE)
        for section, spec in SECTIONS.items():
            for record in getattr(dataset, section):
                for field in spec.names:
                    form = translations.form(section, getattr(record, spec.key), field)
                    if (
                        form
                        and term.search(english(record, field))
                        and row["check"].lower() not in form.lower()
                    ):
                        found.append(
                            f"{section} {getattr(record, spec.key)} {field}: {english_term(row)!r} → {row['check']!r} missing in {form!r}"
                        )
    return found


def test_the_curated_vietnamese_names_use_the_glossary_s_terms(dataset, data_dir):
    translations, _ = load_translations(data_dir, "vi")
    assert misses(dataset, translations) == []


def test_a_curated_name_that_strays_from_the_glossary_is_named(dataset, tmp_path):
    metric = next(
        m for m in dataset.metrics if re.search(r"\bvictims identified\b", m.label, re.IGNORECASE)
    )
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "vi.yaml").write_text(
        f"metrics:\n  - id: {metric.id}\n    label: Nạn nhân được nhận diện\n", encoding="utf-8"
    )
    translations, _ = load_translations(tmp_path, "vi")
    assert misses(dataset, translations) == [
        f"metrics {metric.id} label: 'victims identified' → 'nạn nhân được xác định' missing in 'Nạn nhân được nhận diện'"
    ]
