"""The deck's bar charts are native PowerPoint charts a communications officer can restyle:
read here as PowerPoint reads them, from the chart parts' XML (c:chart) and the workbooks
embedded beside them. Pictures (the timeline, the claims chart) are blank PNGs: these tests
read charts and words, not pixels.

Data: the fictional sample (qualifiers of every kind, pledges) and the claims fixture (parts of
wholes). Nothing pins their values: each bar is checked against its own figure."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook
from pptx import Presentation

from dashboard.analysis.frame import (
    Filters,
    apply_event_filters,
    apply_filters,
    events_frame,
    figures_frame,
    year_span,
)
from dashboard.curated.validate import load_valid
from dashboard.outputs import deck, images
from dashboard.views import charts
from dashboard.views.charts.texts import COMMITTED_SUFFIX
from dashboard.words import Words

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ROOT / "tests" / "fixtures" / "claims"
MADE = dt.date(2026, 11, 22)
NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
BAR_CHARTS = ("funding", "people", "returns")


def blank_pictures(monkeypatch) -> None:
    from PIL import Image

    blank = io.BytesIO()
    Image.new("RGB", (1920, 1000), "white").save(blank, format="PNG")
    monkeypatch.setattr(images, "prewarm", lambda: None)
    monkeypatch.setattr(
        images, "render_images", lambda figures, **_: [blank.getvalue()] * len(figures)
    )


def made(dataset, config, language: str = "en", **options):
    """``(deck bytes, figures)`` of the whole span of ``dataset``."""
    filters = Filters(*year_span(dataset))
    figures = apply_filters(figures_frame(dataset), filters)
    events = apply_event_filters(events_frame(dataset), filters)
    with pytest.MonkeyPatch.context() as patch:
        blank_pictures(patch)
        data = deck.build_deck(
            figures,
            events,
            dataset,
            filters,
            config,
            made_on=MADE,
            words=Words(language),
            **options,
        )
    return data, figures


@pytest.fixture(scope="module")
def sample(dataset, config):
    return made(dataset, config)


@pytest.fixture(scope="module")
def claims(config):
    dataset = load_valid(CLAIMS / "data", CLAIMS / "seeds")
    return made(dataset, config), dataset


def native_charts(data: bytes) -> list[tuple[str, object, etree._Element, object]]:
    """Each native chart: ``(slide title, chart, its c:chart XML as stored, its embedded workbook)``."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for slide in Presentation(io.BytesIO(data)).slides:
            for shape in slide.shapes:
                if getattr(shape, "has_chart", False) and shape.has_chart:
                    part = shape.chart.part
                    xml = etree.fromstring(archive.read(str(part.partname).lstrip("/")))
                    book = load_workbook(io.BytesIO(part.chart_workbook.xlsx_part.blob))
                    found.append((slide.shapes.title.text, shape, xml, book.worksheets[0]))
    return found


def data_labels(xml) -> list[str]:
    return [
        "".join(t.text or "" for t in label.iterfind(".//a:t", NS))
        for label in xml.iterfind(".//c:dLbl", NS)
    ]


def sheet_rows(sheet) -> list[dict]:
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]


def expected_label(row) -> str:
    return row["value_label"] + (COMMITTED_SUFFIX if row["kind"] == "committed" else "")


def test_every_bar_chart_is_drawn_as_native_horizontal_bars_and_no_other_chart_is(sample):
    data, _ = sample
    found = native_charts(data)
    assert found
    titles = {spec.title for name, spec in charts.CHARTS.items() if name in BAR_CHARTS}
    for title, _, xml, _ in found:
        assert any(title.startswith(t) for t in titles), title
        assert (
            xml.find(".//c:barChart/c:barDir", NS).get("val") == "bar"
        )  # horizontal, as on the page
        assert (
            xml.find(".//c:barChart/c:grouping", NS).get("val") == "clustered"
        )  # never stacked: bars are not added up


def test_each_bar_is_labelled_with_its_value_as_the_view_words_it_qualifier_included(sample):
    data, figures = sample
    labels = [label for _, _, xml, _ in native_charts(data) for label in data_labels(xml)]
    for name in BAR_CHARTS:
        rows = charts.plotted_rows(name, figures, figures.iloc[0:0])
        for row in rows.to_dict("records"):
            assert expected_label(row) in labels, (name, row["id"])
    assert any(label.startswith("over ") for label in labels) and any(
        label.startswith("up to ") for label in labels
    )


def test_the_embedded_workbook_holds_each_bars_value_label_and_figure_id(sample):
    data, figures = sample
    by_id = {str(r["id"]): r for r in figures.to_dict("records")}
    for title, _, xml, sheet in native_charts(data):
        rows = sheet_rows(sheet)
        values = [float(v.text) for v in xml.iterfind(".//c:ser[last()]/c:val//c:pt/c:v", NS)]
        assert [r["Figure id"] for r in rows] and len(values) == len(rows), title
        for row, value in zip(rows, values):
            figure = by_id[row["Figure id"]]
            assert value == pytest.approx(figure["value"]) and row[
                xml.find(".//c:ser[last()]/c:tx//c:v", NS).text
            ] == pytest.approx(value)
            assert row["Label (as the source words it)"] == expected_label(figure)
            assert row["Label (as the source words it)"] in data_labels(xml)


def test_every_chart_holds_one_unit(sample):
    data, figures = sample
    unit = dict(zip(figures["id"].astype(str), figures["unit"]))
    for title, _, _, sheet in native_charts(data):
        assert len({unit[r["Figure id"]] for r in sheet_rows(sheet)}) == 1, title


def test_a_part_stands_in_front_of_a_pale_bar_of_its_whole_on_one_scale(claims):
    (data, figures), dataset = claims
    checked = 0
    for title, _, xml, sheet in native_charts(data):
        series = xml.findall(".//c:ser", NS)
        names = [s.find("c:tx//c:v", NS).text for s in series]
        if "The whole it is part of" not in names:
            continue
        assert names.index("The whole it is part of") == 0  # drawn first: behind the parts
        assert xml.find(".//c:barChart/c:overlap", NS).get("val") == "100"  # in the part's own slot
        for row in sheet_rows(sheet):
            figure = dataset.figure(row["Figure id"])
            whole = row["The whole it is part of"]
            if figure.part_of and whole is not None:
                assert (
                    whole == pytest.approx(dataset.figure(figure.part_of).value)
                    and whole >= row[names[-1]]
                )
                checked += 1
        maximum = float(xml.find(".//c:valAx/c:scaling/c:max", NS).get("val"))
        assert all(maximum >= (r["The whole it is part of"] or 0) for r in sheet_rows(sheet))
    assert checked, "the claims fixture puts a part and its whole on a slide"


def test_a_vietnamese_deck_labels_its_bars_in_vietnamese_and_tags_the_chart_text_vi(
    dataset, config
):
    from dashboard.outputs.formats import ExportContext

    filters = Filters(*year_span(dataset))
    context = ExportContext.for_view(dataset, filters, config, today=MADE, language="vi")
    figures, context = context.localized(apply_filters(figures_frame(dataset), filters))
    with pytest.MonkeyPatch.context() as patch:
        blank_pictures(patch)
        data = deck.build_deck(
            figures,
            context.events(),
            context.dataset,
            filters,
            config,
            made_on=MADE,
            words=context.words,
        )
    found = native_charts(data)
    labels = [
        label.replace("\u00a0", " ") for _, _, xml, _ in found for label in data_labels(xml)
    ]  # "bảng Anh" is kept on one line
    assert any(label.startswith("hơn ") for label in labels) and any(
        "bảng Anh" in label for label in labels
    )
    for _, _, xml, _ in found:
        assert xml.find("c:lang", NS).get("val") == "vi-VN"
        assert {r.get("lang") for r in xml.iterfind(".//a:rPr", NS)} == {"vi-VN"}


def test_the_same_view_on_the_same_day_is_the_same_deck_byte_for_byte(dataset, config):
    from dashboard.outputs.export import FORMATS
    from dashboard.outputs.formats import ExportContext

    filters = Filters(*year_span(dataset))
    figures = apply_filters(figures_frame(dataset), filters)
    context = ExportContext.for_view(dataset, filters, config, today=MADE)
    with pytest.MonkeyPatch.context() as patch:
        blank_pictures(patch)
        first = FORMATS["pptx"](figures, context)
        second = FORMATS["pptx"](figures, context)
    assert first == second
