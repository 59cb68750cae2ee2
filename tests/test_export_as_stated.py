"""CSV and XLSX say what the document said: a relation on both rows it joins, each date at
the precision the text gives it, bounds only where the words give one, and the view's events
(issue 18, part 2 points 8 and 9; issue 23 point 8). Runs on the fictional sample with the
made-up document 910 of the new-documents trial, which holds each case."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from dashboard.analysis.frame import Filters, apply_filters, figures_frame, year_span
from dashboard.cli import main
from dashboard.curated.validate import load_valid
from dashboard.outputs import export
from dashboard.outputs.datafile import first_day_of, stated_date
from dashboard.analysis.sourcedate import source_date
from dashboard.words import Words

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MADE = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("as-stated")
    for folder in ("data", "seeds"):
        shutil.copytree(FIXTURES / "sample" / folder, root / folder)
        for path in (FIXTURES / "extra_documents" / folder).glob("910_*"):
            shutil.copy(path, root / folder / path.name)
    return root


@pytest.fixture(scope="module")
def dataset(root):
    return load_valid(root / "data", root / "seeds")


@pytest.fixture(scope="module")
def claims():
    """The fictional claims fixture: an update, a disagreement, a restatement, a restated event."""
    return load_valid(FIXTURES / "claims" / "data", FIXTURES / "claims" / "seeds")


def make(kind: str, dataset, config, filters: Filters | None = None, language: str = "en") -> bytes:
    filters = filters or Filters(*year_span(dataset))
    context = export.ExportContext.for_view(dataset, filters, config, today=MADE, language=language)
    return export.FORMATS[kind](apply_filters(figures_frame(dataset), filters), context)


def csv_rows(data: bytes) -> dict[str, dict[str, str]]:
    return {r["id"]: r for r in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))}


def sheet_rows(data: bytes, sheet: str) -> dict[str, dict]:
    rows = list(openpyxl.load_workbook(io.BytesIO(data))[sheet].iter_rows(values_only=True))
    names = list(rows[0])
    return {row[names.index("id")]: dict(zip(names, row)) for row in rows[1:]}


# --- relations on both rows -----------------------------------------------------------------


def cited(dataset, record_id: str, language: str = "en") -> str:
    """How a relation names another figure or event: its id and its source's publisher and date."""
    record = next(r for r in (*dataset.figures, *dataset.events) if r.id == record_id)
    source = dataset.source(record.source)
    return f"{record_id} ({source.publisher}, {source_date(source, Words(language))})"


def test_a_part_and_its_whole_each_name_the_other_in_the_csv(dataset, config):
    rows = csv_rows(make("csv", dataset, config))
    assert rows["example-bounds-shelters-2019-2021"]["relations"] == "part of " + cited(
        dataset, "example-bounds-funding-2019-2021"
    )
    assert rows["example-bounds-funding-2019-2021"]["relations"] == "includes " + cited(
        dataset, "example-bounds-shelters-2019-2021"
    )


@pytest.mark.parametrize(
    "relation, declared, other_side",
    [
        ("updates", "updates {target}", "updated by {source}"),
        ("disagrees_with", "disagrees with {target}", "disagrees with {source}"),
        ("same_as", "same as {target}", "same as {source}"),
    ],
)
def test_each_relation_shows_on_the_row_declaring_it_and_on_its_target(
    claims, config, relation, declared, other_side
):
    rows = csv_rows(make("csv", claims, config))
    pairs = [(f.id, getattr(f, relation)) for f in claims.figures if getattr(f, relation)]
    assert pairs, f"the claims fixture declares {relation}"
    for source, target in pairs:
        if relation == "same_as":  # a restatement is no row of its own: its figure's row names it
            assert source not in rows
        else:
            assert declared.format(target=cited(claims, target)) in rows[source]["relations"].split(
                "; "
            )
        assert other_side.format(source=cited(claims, source)) in rows[target]["relations"].split(
            "; "
        )


def test_an_updated_row_says_so_even_when_the_update_is_outside_the_view(claims, config):
    later = next(f for f in claims.figures if f.updates)
    earlier = claims.figure(later.updates)
    filters = Filters(*year_span(claims))
    frame = apply_filters(figures_frame(claims), filters)
    view = frame[frame["id"] != later.id]  # a view that holds the earlier statement only
    rows = csv_rows(
        export.FORMATS["csv"](
            view, export.ExportContext.for_view(claims, filters, config, today=MADE)
        )
    )
    assert later.id not in rows
    assert (
        f"updated by {cited(claims, later.id)}" in rows[earlier.id]["relations"]
    )  # its source named too


def test_the_xlsx_carries_the_relations_on_both_rows_in_the_files_language(dataset, config):
    english = sheet_rows(make("xlsx", dataset, config), "Data")
    assert english["example-bounds-funding-2019-2021"]["relations"] == "includes " + cited(
        dataset, "example-bounds-shelters-2019-2021"
    )
    vietnamese = sheet_rows(make("xlsx", dataset, config, language="vi"), "Dữ liệu")
    assert vietnamese["example-bounds-funding-2019-2021"]["relations"].startswith(
        "bao gồm example-bounds-shelters-2019-2021 ("
    )
    assert vietnamese["example-bounds-shelters-2019-2021"]["relations"].startswith(
        "một phần của example-bounds-funding-2019-2021 ("
    )
    whole = dataset.source(dataset.figure("example-bounds-funding-2019-2021").source)
    assert (
        source_date(whole, Words("vi"))
        in vietnamese["example-bounds-shelters-2019-2021"]["relations"]
    )  # the date as Vietnamese writes it


# --- dates at their precision -----------------------------------------------------------------


def test_each_date_exports_at_the_precision_the_text_gives_it(dataset, config):
    rows = csv_rows(make("csv", dataset, config))
    as_at = rows["example-bounds-reached-2021-11"]
    assert (as_at["period_end"], as_at["period_end_date"]) == (
        "2021-11",
        "2021-11-30",
    )  # "As at November 2021"
    years = rows["example-bounds-funding-2019-2021"]
    assert (years["period_start"], years["period_end"]) == ("2019", "2021")
    assert (years["period_start_date"], years["period_end_date"]) == ("2019-01-01", "2021-12-31")
    quarter = rows["example-bounds-educated-2022-q3"]
    assert (quarter["period_start"], quarter["period_end"], quarter["period_end_date"]) == (
        "2022-Q3",
        "2022-Q3",
        "2022-09-30",
    )


def test_every_stated_date_names_a_span_that_holds_its_sortable_day(dataset, config):
    for row in csv_rows(make("csv", dataset, config)).values():
        for side in ("start", "end"):
            stated, day = row[f"period_{side}"], dt.date.fromisoformat(row[f"period_{side}_date"])
            precision = row[f"period_{side}_precision"]
            assert stated == stated_date(day, precision)
            assert day.isoformat().startswith(stated[:4])
            assert first_day_of(day, precision) <= day


def test_the_xlsx_keeps_the_stated_date_as_text_and_the_sortable_one_as_a_date(dataset, config):
    row = sheet_rows(make("xlsx", dataset, config), "Data")["example-bounds-reached-2021-11"]
    assert row["period_end"] == "2021-11"
    assert row["period_end_date"].date() == dt.date(2021, 11, 30)


def test_seasons_and_quarters_start_where_the_calendar_says():
    assert (
        stated_date(dt.date(2019, 2, 28), "season") == "2018-winter"
    )  # December 2018 to February 2019
    assert stated_date(dt.date(2018, 11, 30), "season") == "2018-autumn"
    assert stated_date(dt.date(2018, 9, 30), "quarter") == "2018-Q3"
    assert stated_date(dt.date(2024, 7, 4), "day") == "2024-07-04"


# --- bounds only where the words give one ----------------------------------------------------


@pytest.mark.parametrize(
    "figure_id, low, high, bound",
    [
        (
            "example-bounds-funding-2022",
            "",
            "1000000",
            "≈<",
        ),  # "nearly £1 million": close to it, below it
        ("example-bounds-reached-2022", "", "900", "≈<"),  # "almost 900"
        ("example-bounds-reach-aim-2022", "", "5000", "≤"),  # "up to 5,000": no lower bound of 0
        ("example-bounds-funding-2019-2021", "2600000", "", "≥"),  # "at least": may equal it
        ("example-bounds-reached-2021-11", "13000", "", ">"),  # "more than": may not
        ("example-bounds-victims-2019-2021", "1300", "1300", "exact"),
    ],
)
def test_the_csv_gives_only_the_bounds_the_words_state(
    dataset, config, figure_id, low, high, bound
):
    row = csv_rows(make("csv", dataset, config))[figure_id]
    assert (row["value_low"], row["value_high"], row["value_bound"]) == (low, high, bound)


def test_an_approximation_never_exports_as_an_exact_pair_of_bounds(dataset, config):
    for row in csv_rows(make("csv", dataset, config)).values():
        if row["qualifier"] == "approx":
            assert not (row["value_low"] and row["value_low"] == row["value_high"]), row["id"]
        if row["qualifier"] == "at_most":
            assert row["value_low"] == "", row["id"]


def test_about_has_no_bound_either_way(dataset):
    from dataclasses import replace

    from dashboard.analysis.frame import stated_bounds

    nearly = next(f for f in dataset.figures if f.wording == "nearly")
    for word in ("about", "around", "approximately", None):
        assert stated_bounds(replace(nearly, wording=word)) == (None, None)
    assert stated_bounds(nearly) == (None, nearly.value)


# --- events -----------------------------------------------------------------------------------


def test_the_events_csv_gives_each_date_as_the_text_does_with_status_and_source(dataset, config):
    rows = csv_rows(make("events-csv", dataset, config))
    signed = rows["example-bounds-agreement-2021-03"]
    assert (signed["date"], signed["date_precision"], signed["date_sort"], signed["date_end"]) == (
        "2021-03",
        "month",
        "2021-03-01",
        "2021-03-31",
    )
    assert (signed["status"], signed["source"]) == ("held", "910_fictional_bounds_fund_2022.txt")
    assert set(rows) == {e.id for e in dataset.events}


def test_a_restated_event_names_the_other_statement_on_both_rows(claims, config):
    restated = [e for e in claims.events if e.same_as]
    assert restated, "the claims fixture restates an event"
    rows = csv_rows(make("events-csv", claims, config))
    for event in restated:
        assert f"same as {event.same_as}" in rows[event.id]["relations"]
        assert f"same as {event.id}" in rows[event.same_as]["relations"]


def test_the_xlsx_has_an_events_sheet_with_the_views_events(dataset, config):
    filters = Filters(2021, 2021)
    rows = event_rows(make("xlsx", dataset, config, filters), "Events")
    assert "example-bounds-agreement-2021-03" in rows
    assert all(r["date_sort"].year <= 2021 <= r["date_end"].year for r in rows.values())
    assert rows["example-bounds-agreement-2021-03"]["date"] == "2021-03"


def event_rows(data: bytes, sheet: str, language: str = "en") -> dict[str, dict]:
    """The Events sheet's rows by event id, each by column name (its worded header read back)."""
    from dashboard.outputs.workbook import event_headers

    column = {header: name for name, header in event_headers(Words(language)).items()}
    rows = list(openpyxl.load_workbook(io.BytesIO(data))[sheet].iter_rows(values_only=True))
    names = [column[h] for h in rows[0]]
    return {row[names.index("id")]: dict(zip(names, row)) for row in rows[1:]}


def test_the_events_sheet_is_headed_in_words_of_the_workbook_s_language(dataset, config):
    for language, sheet, said in (
        ("en", "Events", ("Event", "Date as stated", "Source")),
        ("vi", "Sự kiện", ("Sự kiện", "Ngày như nguồn ghi", "Nguồn")),
    ):
        rows = list(
            openpyxl.load_workbook(io.BytesIO(make("xlsx", dataset, config, language=language)))[
                sheet
            ].iter_rows(values_only=True)
        )
        assert set(said) <= set(rows[0])
        assert not {"date_sort", "source_title", "type_label"} & set(rows[0]), (
            "no raw column id heads the sheet"
        )
        assert len(set(rows[0])) == len(rows[0]), "each header once"
        assert event_rows(
            make("xlsx", dataset, config, language=language), sheet, language
        )  # every header reads back to its column


def test_dashboard_export_writes_the_events_csv(root, tmp_path):
    out = tmp_path / "events.csv"
    result = CliRunner().invoke(
        main,
        [
            "export",
            "--format",
            "events-csv",
            "-o",
            str(out),
            "--data",
            str(root / "data"),
            "--seeds",
            str(root / "seeds"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "example-bounds-agreement-2021-03" in csv_rows(out.read_bytes())
