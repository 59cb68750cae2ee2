"""The glossary: each term says where its Vietnamese form is used officially or that it is a
proposal, and the catalogue's Vietnamese uses the glossary's terms."""

from __future__ import annotations

import re
from pathlib import Path

from dashboard.words.catalogue import load_catalogue

GLOSSARY = Path(__file__).resolve().parent.parent / "docs" / "GLOSSARY.md"


def glossary_rows() -> list[dict[str, str]]:
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0] not in ("English", "---"):
            rows.append(dict(zip(("english", "vietnamese", "source", "status", "check"), cells)))
    return rows


def english_term(row: dict[str, str]) -> str:
    """``"victims identified"`` from ``"victims identified"``; ``"figure"`` from ``"figure (a curated number)"``."""
    return re.sub(r"\s*\(.*\)$", "", row["english"]).split(" / ")[0].strip()


def test_the_glossary_has_its_terms():
    terms = {english_term(row) for row in glossary_rows()}
    assert {
        "human trafficking",
        "victim",
        "migration",
        "Migration Dialogue",
        "Modern Slavery Fund",
        "returns",
        "memorandum of understanding",
        "joint action plan",
    } <= terms


def test_every_term_cites_where_it_is_used_or_is_marked_as_a_proposal():
    for row in glossary_rows():
        assert row["status"].startswith(("Sourced", "Proposal")), row
        if row["status"].startswith("Sourced"):
            assert re.search(
                r"\w+\.(vn|com|net|gov\.vn|com\.vn)\b|Law No\.|Decision", row["source"]
            ), row


def test_the_catalogue_s_vietnamese_uses_the_glossary_s_terms():
    entries = [entry for entry in load_catalogue("vi") if "stay in English" not in entry.note]
    misses = []
    for row in glossary_rows():
        if row["check"] in ("—", ""):
            continue
        term = re.compile(r"\b" + re.escape(english_term(row)) + r"(s|es)?\b", re.IGNORECASE)
        for entry in entries:
            english = " ".join(re.sub(r"\{[a-z_]*\}", " ", text) for text in entry.english)
            if term.search(english) and not all(
                row["check"].lower() in form.lower() for form in entry.translated
            ):
                misses.append(
                    f"{english_term(row)!r} → {row['check']!r} missing in {entry.translated[0]!r}"
                )
    assert misses == []
