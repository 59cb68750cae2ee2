"""CSV and XLSX carry the claims model: scope, date precision, bounds and relations, after the
eleven fixed columns; the XLSX opens on readable columns, in one font, and prints on
landscape pages. Runs on the fictional claims fixture (tests/fixtures/claims)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from dashboard.analysis.frame import Filters, figures_frame
from dashboard.curated.validate import load_valid
from dashboard.outputs import export

CLAIMS = Path(__file__).resolve().parent / "fixtures" / "claims"
FIXED = [
    "id",
    "programme",
    "metric",
    "value",
    "unit",
    "qualifier",
    "kind",
    "period_start",
    "period_end",
    "source",
    "quote",
]
MADE = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def claims():
    return load_valid(CLAIMS / "data", CLAIMS / "seeds")


@pytest.fixture(scope="module")
def context(claims):
    return export.ExportContext(dataset=claims, filters=Filters(2016, 2022), today=MADE)


@pytest.fixture(scope="module")
def csv_rows(claims, context):
    text = export.export_csv(figures_frame(claims), context).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="module")
def workbook(claims, context):
    return openpyxl.load_workbook(io.BytesIO(export.export_xlsx(figures_frame(claims), context)))


def by_id(rows):
    return {r["id"]: r for r in rows}


def test_the_eleven_fixed_columns_come_first_then_scope_precision_bounds_and_relations(csv_rows):
    assert list(csv_rows[0])[:11] == FIXED
    assert list(csv_rows[0])[11:23] == [
        "scope",
        "scope_label",
        "period_start_precision",
        "period_end_precision",
        "period_start_date",
        "period_end_date",
        "value_low",
        "value_high",
        "value_bound",
        "relation",
        "related_ids",
        "relations",
    ]


def test_the_csv_says_each_figures_scope(csv_rows):
    rows = by_id(csv_rows)
    assert (rows["global-aid-committed"]["scope"], rows["global-aid-committed"]["scope_label"]) == (
        "uk_worldwide",
        "UK worldwide",
    )
    assert (rows["campaign-reach"]["scope"], rows["campaign-reach"]["scope_label"]) == (
        "not_stated",
        "Scope not stated",
    )


def test_the_csv_says_how_precise_each_date_is(csv_rows):
    rows = by_id(csv_rows)
    assert (
        rows["global-aid-committed"]["period_end"] == "2018-11"
    )  # "as at November 2018", not a made-up day…
    assert (
        rows["global-aid-committed"]["period_end_date"] == "2018-11-30"
    )  # …with a machine date beside it for sorting
    assert rows["global-aid-committed"]["period_end_precision"] == "month"
    assert rows["victims-2017"]["period_start_precision"] == "year"


def test_bounds_are_numbers_and_an_open_bound_is_empty(csv_rows):
    rows = by_id(csv_rows)
    assert (rows["campaign-reach"]["value_low"], rows["campaign-reach"]["value_high"]) == (
        "10000",
        "13000",
    )
    assert (rows["fund-spending-2018"]["value_low"], rows["fund-spending-2018"]["value_high"]) == (
        "5000000",
        "",
    )  # "over £5 million"


def test_the_csv_names_declared_relations_and_their_targets(csv_rows):
    rows = by_id(csv_rows)
    assert (
        rows["example-fund-programme"]["relation"],
        rows["example-fund-programme"]["related_ids"],
    ) == ("part_of", "global-aid-committed")
    assert (
        rows["victims-2017-restated"]["relation"],
        rows["victims-2017-restated"]["related_ids"],
    ) == ("disagrees_with", "victims-2017")
    assert rows["pledge-2020-2022"]["relation"] == ""


# --- the XLSX ------------------------------------------------------------------------------------


def header(sheet) -> list[str]:
    return [c.value for c in sheet[1]]


def test_the_xlsx_opens_on_a_sheet_for_a_person_and_keeps_every_csv_column_on_the_data_sheet(
    workbook,
):
    sheet = workbook["Figures"]
    names = header(sheet)
    assert names[:5] == ["Programme", "Metric", "Value as stated", "Period", "Scope"]
    assert names.index("Source") < names.index("Quote") and len(names) <= 13
    assert not set(names) & set(export.CSV_COLUMNS), "no machine column on the first sheet"
    first = dict(zip(names, next(sheet.iter_rows(min_row=2, values_only=True))))
    assert first["Programme"] == "Example aid across the globe"  # a name, not example-global-aid
    assert first["Scope"] == "UK worldwide"
    assert first["Period"] == "as at Nov 2018"
    assert header(workbook["Data"]) == export.CSV_COLUMNS
    assert workbook.sheetnames.index("Data") == 1


def test_the_xlsx_gives_relations_in_words_naming_the_other_figure_s_source(claims, workbook):
    sheet = workbook["Figures"]
    names = header(sheet)
    rows = {
        r[names.index("Figure id")]: dict(zip(names, r))
        for r in sheet.iter_rows(min_row=2, values_only=True)
    }
    whole = claims.source(claims.figure("global-aid-committed").source)
    assert rows["example-fund-programme"]["Relations"].startswith(
        f"part of global-aid-committed ({whole.publisher}, "
    )
    later = claims.source(claims.figure("fund-spending-2019").source)
    assert rows["fund-spending-2018"]["Relations"].startswith(
        f"updated by fund-spending-2019 ({later.publisher}, "
    )


def test_xlsx_bounds_are_number_cells_and_an_open_bound_is_empty(workbook):
    sheet = workbook["Data"]
    names = header(sheet)
    rows = {r[names.index("id")].value: r for r in sheet.iter_rows(min_row=2)}
    low, high = (
        rows["campaign-reach"][names.index("value_low")],
        rows["campaign-reach"][names.index("value_high")],
    )
    assert (low.value, high.value, low.data_type, high.data_type) == (10000, 13000, "n", "n")
    assert rows["fund-spending-2018"][names.index("value_high")].value is None


def test_header_and_body_share_one_font(workbook):
    sheet = workbook["Figures"]
    fonts = {(c.font.name, c.font.sz) for row in sheet.iter_rows(max_row=3) for c in row}
    assert fonts == {(export.XLSX_FONT, export.XLSX_FONT_SIZE)}
    assert all(c.font.b for c in sheet[1]) and not any(c.font.b for c in sheet[2])


def test_the_figures_sheet_prints_landscape_fitted_to_width_with_the_header_on_every_page(workbook):
    sheet = workbook["Figures"]
    setup = sheet.page_setup
    assert setup.orientation == "landscape"
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"
    last = sheet.cell(row=1, column=len(header(sheet))).column_letter
    assert sheet.print_area.startswith(f"'Figures'!$A$1:${last}$")  # every column of the sheet
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith(f"A1:{last}")


def test_the_figures_sheet_s_columns_fit_their_text_and_long_text_wraps(workbook):
    sheet = workbook["Figures"]
    names = header(sheet)
    for c, name in enumerate(names, start=1):
        letter = sheet.cell(row=1, column=c).column_letter
        width = sheet.column_dimensions[letter].width
        longest = max(
            len(str(v))
            for (v,) in sheet.iter_rows(min_col=c, max_col=c, values_only=True)
            if v is not None
        )
        assert width <= 60, f"{name} is {width} wide"
        assert width >= min(longest, 8), f"{name} is narrower than its short text"
        cells = [row[0] for row in sheet.iter_rows(min_row=2, min_col=c, max_col=c)]
        if longest > width:  # text longer than its column wraps within it
            assert all(cell.alignment.wrap_text for cell in cells if isinstance(cell.value, str)), (
                name
            )
        for cell in (
            cells
        ):  # and its row is tall enough for more than one line (no spreadsheet sizes it on opening)
            if isinstance(cell.value, str) and len(cell.value) > width:
                assert sheet.row_dimensions[cell.row].height > 15, (
                    f"row {cell.row} shows one line of {name}"
                )


def test_the_decks_title_slide_counts_a_restated_figure_once(claims):
    """The page says "Showing N figures" with a restatement counted once; the deck says the same."""
    from pptx import Presentation

    from dashboard.analysis.claims import restated
    from dashboard.config import load_config
    from dashboard.outputs.deck import _title_slide
    from dashboard.outputs.deckslides import Provenance
    from dashboard.outputs.decktemplate import SHIPPED
    from dashboard.words import Words

    figures = figures_frame(claims)
    assert restated(figures), "the claims fixture restates a figure"
    deck = Presentation()
    said = Provenance("2016–2022", "Made 22 Nov 2026", "", "")
    _title_slide(
        deck,
        SHIPPED,
        load_config(None),
        Filters(2016, 2022),
        claims,
        MADE,
        figures,
        [],
        Words("en"),
        said,
    )
    text = " ".join(
        shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame
    )
    assert f"{len(figures) - len(restated(figures))} figures from" in text
