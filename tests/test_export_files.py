"""Data files a user opens in Excel: CSV and XLSX of the filtered figures.

Values must equal the curated ones and stay numbers, the £ sign and diacritics must
survive, text that looks like a formula must never run, and the same view must give the
same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from dashboard.outputs import export
from dashboard.cli import main
from dashboard.analysis.frame import Filters, apply_filters, figures_frame, year_span
from dashboard.curated.validate import load_valid
from dashboard.views.charts import CHARTS

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample"  # fictional: see its README
MADE = dt.date(2026, 11, 22)
HYPERLINK = '=HYPERLINK("http://attacker.example/x","Click for details")'


def everything(dataset) -> Filters:
    return Filters(*year_span(dataset))


def make(
    kind: str, dataset, config, filters: Filters | None = None, *, bom: bool | None = None
) -> bytes:
    filters = filters or everything(dataset)
    frame = apply_filters(figures_frame(dataset), filters)
    context = export.ExportContext.for_view(dataset, filters, config, today=MADE)
    if bom is not None:
        context = export.ExportContext(
            csv_bom=bom, dataset=dataset, filters=filters, config=config, today=MADE
        )
    return export.FORMATS[kind](frame, context)


def read_csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def read_xlsx(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def sheet_rows(workbook) -> list[dict[str, object]]:
    """The Data sheet's rows by column name (every CSV column, under its CSV name)."""
    rows = list(workbook["Data"].iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


# --- a tiny dataset whose quote starts like a spreadsheet formula -------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The sample data plus one figure whose quote, note and programme name start with
    formula characters, quoted verbatim from a seed written for the test."""
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(SAMPLE / "data", root / "data")
    shutil.copytree(SAMPLE / "seeds", root / "seeds")
    (root / "seeds" / "999_hostile.txt").write_text(
        "A press note.\n" + HYPERLINK + " reached 5 people with leaflets.\n", encoding="utf-8"
    )
    (root / "data" / "hostile.yaml").write_text(
        f"""programmes:
  - id: hostile-programme
    name: "@SUM(1+1) programme"
    funder: "-2+3"
    partner_country: Ruritania
    description: "+ a programme whose texts start with formula characters"
sources:
  - file: 999_hostile.txt
    title: "=1+1 press note"
    publisher: Test publisher
    published: 2023-05
figures:
  - id: hostile-people-reached
    programme: hostile-programme
    metric: people_reached
    value: 5
    unit: people
    qualifier: exact
    kind: reported
    period:
      type: cumulative
      start: 2023-01-01
      end: 2023-05-31
    source: 999_hostile.txt
    quote: '{HYPERLINK.replace("'", "''")} reached 5 people'
    note: "-1 means nothing here"
""",
        encoding="utf-8",
    )
    return load_valid(root / "data", root / "seeds")


def test_the_hostile_dataset_really_holds_a_quote_starting_with_hyperlink(hostile):
    assert hostile.figure("hostile-people-reached").quote.startswith("=HYPERLINK(")


def test_a_csv_cell_starting_with_a_formula_character_gets_a_leading_quote(hostile, config):
    rows = {r["id"]: r for r in read_csv_rows(make("csv", hostile, config))}
    row = rows["hostile-people-reached"]
    assert row["quote"] == "'" + hostile.figure("hostile-people-reached").quote
    assert row["note"] == "'-1 means nothing here"
    assert row["programme_name"] == "'@SUM(1+1) programme"
    assert row["source_title"] == "'=1+1 press note"
    assert not any(
        str(v).startswith(export.FORMULA_STARTS) for r in rows.values() for v in r.values()
    )


def test_no_xlsx_cell_is_a_formula_and_the_hostile_texts_read_as_text(hostile, config):
    workbook = read_xlsx(make("xlsx", hostile, config))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (
                    f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                )
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(export.FORMULA_STARTS), (
                        f"{cell.coordinate}: {cell.value!r}"
                    )
    row = {r["id"]: r for r in sheet_rows(workbook)}["hostile-people-reached"]
    assert row["quote"] == "'" + HYPERLINK + " reached 5 people"
    assert row["value"] == 5


def test_the_xlsx_stores_no_formula_element_at_all(hostile, config):
    with zipfile.ZipFile(io.BytesIO(make("xlsx", hostile, config))) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets
        assert all(b"<f>" not in archive.read(n) and b"<f " not in archive.read(n) for n in sheets)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\tTAB", "\rCR"])
def test_each_owasp_formula_start_is_neutralised(text):
    assert export.neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["over £7m", "Since 2018", "'already quoted", "", "Hà Nội"])
def test_ordinary_text_is_left_alone(text):
    assert export.neutralise(text) == text


# --- round trips -------------------------------------------------------------------------


def test_csv_values_equal_the_curated_ones(dataset, config):
    rows = read_csv_rows(make("csv", dataset, config))
    assert [r["id"] for r in rows] == [f.id for f in dataset.figures]
    for row in rows:
        figure = dataset.figure(row["id"])
        assert float(row["value"]) == figure.value
        assert row["qualifier"] == figure.qualifier.value
        assert (
            row["period_start_date"] == figure.period.start.isoformat()
        )  # sortable; period_start is as stated
        assert row["quote"] == figure.quote
    assert list(rows[0])[:11] == export.CSV_COLUMNS[:11]


def test_csv_values_read_back_as_numbers_in_pandas(dataset, config):
    frame = pd.read_csv(io.BytesIO(make("csv", dataset, config)), encoding="utf-8-sig")
    assert pd.api.types.is_numeric_dtype(frame["value"])
    assert frame.set_index("id")["value"]["msf-ruritania-funding-since-2018"] == 7_000_000


def test_xlsx_has_the_csv_columns_numeric_values_and_real_dates(dataset, config):
    workbook = read_xlsx(make("xlsx", dataset, config))
    sheet = workbook["Data"]
    header = [c.value for c in sheet[1]]
    assert header == export.CSV_COLUMNS  # every CSV column, once, in the CSV's order
    rows = sheet_rows(workbook)
    assert [r["id"] for r in rows] == [f.id for f in dataset.figures]
    for row in rows:
        figure = dataset.figure(row["id"])
        assert isinstance(row["value"], (int, float)) and not isinstance(row["value"], bool)
        assert row["value"] == figure.value
        assert row["period_start_date"].date() == figure.period.start  # real dates to sort by
        assert row["period_end_date"].date() == figure.period.end
        assert row["quote"] == figure.quote
    value_cell = sheet.cell(row=2, column=header.index("value") + 1)
    assert value_cell.data_type == "n"
    assert (
        sheet.cell(row=2, column=header.index("period_start_date") + 1).number_format
        == "yyyy-mm-dd"
    )


def test_xlsx_reads_back_in_pandas_with_the_same_values_as_the_csv(dataset, config):
    from_csv = pd.read_csv(io.BytesIO(make("csv", dataset, config)), encoding="utf-8-sig")
    from_xlsx = pd.read_excel(io.BytesIO(make("xlsx", dataset, config)), sheet_name="Data")
    assert from_xlsx["value"].tolist() == from_csv["value"].tolist()
    assert from_xlsx["quote"].tolist() == from_csv["quote"].tolist()
    assert (
        from_xlsx["period_end_date"].dt.strftime("%Y-%m-%d").tolist()
        == from_csv["period_end_date"].tolist()
    )
    assert (
        from_xlsx["period_end"].astype(str).tolist() == from_csv["period_end"].astype(str).tolist()
    )


def test_the_xlsx_about_sheet_names_the_filters_the_day_and_the_qualifiers(dataset, config):
    filters = Filters(2022, 2022)
    about = {
        row[0]: row[1]
        for row in read_xlsx(make("xlsx", dataset, config, filters))["About"].iter_rows(
            values_only=True
        )
        if row[0] != "Qualifier"
    }
    assert about["Filters"] == filters.describe(dataset)
    assert about["Made on"] == "2026-11-22"
    notes = [
        row[1]
        for row in read_xlsx(make("xlsx", dataset, config))["About"].iter_rows(values_only=True)
        if row[0] == "Qualifier"
    ]
    assert "Over: the source gives a lower bound; the true value is higher." in notes


def test_the_xlsx_gives_funding_per_person_with_its_bounds_as_numbers(dataset, config):
    workbook = read_xlsx(make("xlsx", dataset, config))
    assert workbook.sheetnames == ["Figures", "Data", "Funding per person", "Events", "About"]
    rows = list(workbook["Funding per person"].iter_rows(values_only=True))
    ratios = {row[0]: dict(zip(rows[0], row)) for row in rows[1:]}
    victims = ratios["Funding per victim identified"]
    assert victims["text"] == "over £9,722 per victim identified"
    assert (
        victims["lower_bound"] == pytest.approx(7_000_000 / 720, abs=0.01)
        and victims["upper_bound"] is None
    )
    assert (victims["numerator"], victims["denominator"]) == ("over £7m", "720")
    reached = ratios["Funding per person reached"]
    assert (
        reached["lower_bound"] is None and reached["upper_bound"] is None
    )  # two lower bounds: no bound at all
    assert reached["text"].startswith("no bound either way")


def test_a_view_with_nothing_to_divide_has_no_ratio_sheet(dataset, config):
    workbook = read_xlsx(
        make("xlsx", dataset, config, Filters(2018, 2026, programmes=("uk-returns",)))
    )
    assert workbook.sheetnames == ["Figures", "Data", "Events", "About"]


def test_pound_sign_and_ruritaniaese_diacritics_survive_both_files(dataset, config, tmp_path):
    csv_bytes = make("csv", dataset, config)
    assert csv_bytes.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
    assert "£7 million" in csv_bytes.decode("utf-8-sig")
    workbook = read_xlsx(make("xlsx", dataset, config))
    assert any("£" in str(r["quote"]) for r in sheet_rows(workbook))
    name = "Chương trình Hà Nội"
    assert export.neutralise(name) == name
    frame = apply_filters(figures_frame(dataset), everything(dataset)).head(1).copy()
    frame["programme_name"] = pd.Series([name], dtype="string")
    context = export.ExportContext(csv_bom=True, today=MADE)
    assert name in export.export_csv(frame, context).decode("utf-8-sig")
    assert sheet_rows(read_xlsx(export.export_xlsx(frame, context)))[0]["programme_name"] == name


def test_the_bom_follows_the_config(dataset, config):
    assert not make("csv", dataset, config, bom=False).startswith(b"\xef\xbb\xbf")


def test_the_same_view_gives_byte_identical_csv_and_xlsx(dataset, config):
    assert make("csv", dataset, config) == make("csv", dataset, config)
    assert make("xlsx", dataset, config) == make("xlsx", dataset, config)


def test_the_xlsx_stamps_are_the_day_made_not_the_clock(dataset, config):
    data = make("xlsx", dataset, config)
    workbook = read_xlsx(data)
    assert workbook.properties.created == dt.datetime(2026, 11, 22)
    assert workbook.properties.modified == dt.datetime(2026, 11, 22)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 11, 22, 0, 0, 0)}


# --- filters -----------------------------------------------------------------------------


def test_a_2022_only_csv_and_xlsx_leave_out_the_returns_figure(dataset, config):
    only_2022 = Filters(2022, 2022)
    csv_ids = {r["id"] for r in read_csv_rows(make("csv", dataset, config, only_2022))}
    xlsx_ids = {r["id"] for r in sheet_rows(read_xlsx(make("xlsx", dataset, config, only_2022)))}
    assert "uk-returns-since-general-election" not in csv_ids
    assert csv_ids == xlsx_ids
    assert "msf-ruritania-funding-since-2018" in csv_ids  # cumulative since 2018 overlaps 2022


def test_a_programme_filter_keeps_only_that_programme(dataset, config):
    filters = Filters(*year_span(dataset), programmes=("uk-returns",))
    rows = sheet_rows(read_xlsx(make("xlsx", dataset, config, filters)))
    assert [r["id"] for r in rows] == ["uk-returns-since-general-election"]


def test_the_exporters_write_a_header_only_file_of_an_empty_frame(dataset, config):
    """Below view_file (which refuses an empty view: tests/test_empty_exports.py) a frame with no
    rows still makes a well-formed file."""
    filters = Filters(*year_span(dataset), programmes=("uk-returns",), metrics=("funding",))
    assert read_csv_rows(make("csv", dataset, config, filters)) == []
    workbook = read_xlsx(make("xlsx", dataset, config, filters))
    assert [c.value for c in workbook["Figures"][1]] == [
        header for _, header in export.xlsx_columns()
    ]
    assert sheet_rows(workbook) == []


# --- file names and the CLI --------------------------------------------------------------


def test_file_names_say_what_the_years_and_the_day():
    assert (
        export.file_name("programme-figures", Filters(2018, 2025), MADE, "csv")
        == "programme-figures_2018-2025_2026-11-22.csv"
    )
    assert (
        export.file_name("Funding by programme", Filters(2022, 2022), MADE, "png")
        == "funding-by-programme_2022_2026-11-22.png"
    )


def cli(*args: str):
    return CliRunner().invoke(
        main,
        [
            *args,
            "--data",
            str(SAMPLE / "data"),
            "--seeds",
            str(SAMPLE / "seeds"),
            "--config",
            str(ROOT / "config.yaml"),
        ],
    )


def test_the_cli_writes_an_xlsx_with_the_filters_applied(tmp_path):
    out = tmp_path / "view.xlsx"
    result = cli(
        "export", "--format", "xlsx", "-o", str(out), "--year-from", "2022", "--year-to", "2022"
    )
    assert result.exit_code == 0, result.output
    ids = {r["id"] for r in sheet_rows(read_xlsx(out.read_bytes()))}
    assert "uk-returns-since-general-election" not in ids and ids


def test_the_cli_names_the_file_when_given_a_folder(tmp_path):
    result = cli("export", "--format", "csv", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    (written,) = tmp_path.iterdir()
    assert written.name.startswith("programme-figures_2018-") and written.name.endswith(
        f"_{dt.date.today().isoformat()}.csv"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "csv", "--chart", "funding"], "--chart applies to png and svg"),
        (["--format", "xlsx", "--size", "hd"], "--size applies to png and svg"),
        (
            ["--format", "png", "--chart", "pie"],
            "unknown chart 'pie'; choose one of: " + ", ".join(CHARTS),
        ),
        (
            ["--format", "svg", "--size", "huge"],
            "unknown image size 'huge'; choose one of: widescreen (1920×1080)",
        ),
    ],
)
def test_cli_export_mistakes_are_one_clear_line_without_a_traceback(tmp_path, args, message):
    result = cli("export", *args, "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
