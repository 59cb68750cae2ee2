"""A Vietnamese export reads the data's names in Vietnamese: curated names from data/i18n,
the filters described in Vietnamese, while ids, values, quotes and the CSV's fixed columns
stay exactly as curated. Runs on the fictional sample data with a Vietnamese name curated for
its first programme only; images are not drawn."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from dashboard.analysis.frame import Filters, apply_filters, figures_frame, year_span
from dashboard.curated.validate import load_valid
from dashboard.outputs import images
from dashboard.outputs.export import FIXED_COLUMNS, FORMATS
from dashboard.outputs.formats import ExportContext
from dashboard.words import Words

SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample"  # fictional: see its README
CURATED = "Chương trình thử nghiệm"  # the made-up Vietnamese name of the first programme
MADE = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def translated(tmp_path_factory):
    """The sample dataset read from a copy of its data with data/i18n/vi.yaml naming its first programme."""
    folder = tmp_path_factory.mktemp("sample") / "data"
    shutil.copytree(SAMPLE / "data", folder)
    first = load_valid(folder, SAMPLE / "seeds").programmes[0]
    (folder / "i18n").mkdir()
    (folder / "i18n" / "vi.yaml").write_text(
        f"programmes:\n  - id: {first.id}\n    name: {CURATED}\n", encoding="utf-8"
    )
    return load_valid(folder, SAMPLE / "seeds"), first


def export(fmt: str, dataset, config, language: str) -> bytes:
    filters = Filters(*year_span(dataset))
    figures = apply_filters(figures_frame(dataset), filters)
    return FORMATS[fmt](
        figures, ExportContext.for_view(dataset, filters, config, today=MADE, language=language)
    )


def csv_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_a_vietnamese_csv_keeps_the_fixed_columns_and_names_the_programme_as_curated(
    translated, config
):
    dataset, first = translated
    english, vietnamese = (
        csv_rows(export("csv", dataset, config, language)) for language in ("en", "vi")
    )
    assert [{c: r[c] for c in FIXED_COLUMNS} for r in vietnamese] == [
        {c: r[c] for c in FIXED_COLUMNS} for r in english
    ]
    names = {r["programme_name"] for r in vietnamese if r["programme"] == first.id}
    assert names == {CURATED}
    assert {r["programme_name"] for r in english if r["programme"] == first.id} == {first.name}


def test_a_vietnamese_deck_names_the_programme_and_the_filters_in_vietnamese(
    translated, config, monkeypatch
):
    dataset, _ = translated
    blank = io.BytesIO()
    Image.new("RGB", (1920, 943), "white").save(blank, format="PNG")
    monkeypatch.setattr(images, "prewarm", lambda: None)
    monkeypatch.setattr(images, "render_images", lambda figs, **_: [blank.getvalue()] * len(figs))
    deck = Presentation(io.BytesIO(export("pptx", dataset, config, "vi")))
    texts = " ".join(
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
    ) + " ".join(
        cell.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    )
    assert CURATED in texts
    assert Words("vi").text("all programmes", "filters") in texts
    assert (
        "all programmes" not in texts and " per " not in texts
    )  # the funding-per-person table too
