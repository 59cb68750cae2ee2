"""Whatever filters a user picks, every output of the view says the same numbers in the same
words: the cards, the table, the CSV, the XLSX and the deck's speaker notes (value, the
value as the source words it, its qualifier), and the files hold every funding-per-person
line the page counts. Checked with hypothesis over generated filter states, on the shipped
data and on the shipped data with the made-up documents of tests/fixtures/extra_documents."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.analysis.claims import restated
from dashboard.analysis.frame import Filters, funding_ratios
from dashboard.config import load_config
from dashboard.curated.validate import load_valid
from dashboard.outputs.deck import speaker_notes
from dashboard.outputs.export import CSV_COLUMNS, xlsx_columns
from dashboard.outputs.workbook import CTX_XLSX
from dashboard.views import charts
from dashboard.views.table import TableQuery, table_page
from dashboard.views.view import MAX_RATIOS, load_languages, make_snapshot, make_view, view_ids
from dashboard.outputs.errors import NothingToExport
from dashboard.web.downloads import nothing_in, view_file
from dashboard.words import LANGUAGES, Words

ROOT = Path(__file__).resolve().parent.parent
EXTRA = Path(__file__).resolve().parent / "fixtures" / "extra_documents"
DAY = dt.date(2026, 11, 22)
EXAMPLES = (
    12  # per data set: each example makes a view, a CSV and an XLSX (about a second on 2 cores)
)


def _copy(target: Path, with_extras: bool) -> Path:
    """The shipped data and seeds in ``target``, without the made-up documents (a copy made by
    scripts/check_new_documents.sh already holds them) or with them."""
    skip = {p.name for folder in ("data", "seeds") for p in (EXTRA / folder).iterdir()}
    for folder in ("data", "seeds"):
        shutil.copytree(
            ROOT / folder, target / folder, ignore=lambda _, names: [n for n in names if n in skip]
        )
        if with_extras:
            for path in (EXTRA / folder).iterdir():
                shutil.copy(path, target / folder / path.name)
    return target


@pytest.fixture(scope="module", params=["shipped", "shipped and made-up documents"])
def snapshot(request, tmp_path_factory):
    root = _copy(tmp_path_factory.mktemp("data"), with_extras=request.param != "shipped")
    dataset = load_valid(root / "data", root / "seeds")
    return make_snapshot(dataset, load_languages(root / "data"))


@pytest.fixture(scope="module")
def config():
    return load_config(ROOT / "config.yaml")


@st.composite
def filter_states(draw, choices):
    """Any view a user could open: any years around the data's (a year with no data included),
    a few programmes, metrics and scopes (none: all), a claims quantity or none, a language."""
    year_from = draw(st.integers(choices.first_year - 1, choices.last_year + 1))
    year_to = draw(st.integers(year_from, choices.last_year + 1))
    some = lambda ids, most: (
        draw(st.lists(st.sampled_from(ids), max_size=most, unique=True)) if ids else []
    )  # noqa: E731
    filters = Filters(
        year_from,
        year_to,
        tuple(some(choices.programmes, 3)),
        tuple(some(choices.metrics, 2)),
        tuple(some(choices.scopes, 2)),
        quantity=draw(st.none() | st.sampled_from(choices.quantities))
        if choices.quantities
        else None,
    )
    return filters, draw(st.sampled_from(LANGUAGES))


def _csv_rows(content: bytes) -> dict[str, dict]:
    """The programme figures' rows by id (context statistics follow them, marked apart)."""
    rows = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    return {
        row["id"]: row
        for row in rows
        if row.get("record_type", "programme_figure") == "programme_figure"
    }


def _xlsx_rows(content: bytes, words: Words) -> tuple[dict[str, dict], int]:
    """The Data sheet's rows by id (by column name), and how many funding-per-person lines the workbook holds;
    the Figures sheet shows the same rows in the same order."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    names = list(CSV_COLUMNS)
    readable = [name for name, _ in xlsx_columns(words)]
    shown = [
        dict(zip(readable, values))
        for values in book[words.text("Figures", CTX_XLSX)].iter_rows(min_row=2, values_only=True)
    ]
    data = [
        dict(zip(names, values))
        for values in book[words.text("Data", CTX_XLSX)].iter_rows(min_row=2, values_only=True)
    ]
    assert [r["id"] for r in shown] == [r["id"] for r in data]
    assert [r["value_label"] for r in shown] == [r["value_label"] for r in data]
    rows = {}
    for values in book[words.text("Data", CTX_XLSX)].iter_rows(min_row=2, values_only=True):
        row = dict(zip(names, values))
        rows[row["id"]] = row
    ratio_sheet = words.text("Funding per person", CTX_XLSX)
    ratios = book[ratio_sheet].max_row - 1 if ratio_sheet in book.sheetnames else 0
    return rows, ratios


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_cards_table_csv_xlsx_and_deck_notes_say_the_same_numbers_in_the_same_words(
    snapshot, config, data
):
    filters, language = data.draw(filter_states(snapshot.choices))
    words = Words(language)
    view = make_view(snapshot, config, filters, language)
    table = table_page(
        snapshot.table(language),
        view_ids(snapshot, filters),
        TableQuery(),
        max(1, len(snapshot.figures)),
        words=words,
    ).rows
    table = {row["id"]: row for row in table}
    copies = restated(
        view.figures
    )  # a restatement adds a source to one figure: no row of its own anywhere
    figures = {row["id"]: row for row in view.figures.to_dict("records") if row["id"] not in copies}
    files = {}
    for kind in ("csv", "xlsx"):  # a view that holds nothing makes no file and says so
        if nothing_in(view, kind):
            with pytest.raises(NothingToExport):
                view_file(view, snapshot, config, kind, today=DAY)
        else:
            files[kind] = view_file(view, snapshot, config, kind, today=DAY)[1]
    csv_rows = _csv_rows(files["csv"]) if "csv" in files else {}
    xlsx_rows, xlsx_ratios = _xlsx_rows(files["xlsx"], words) if "xlsx" in files else ({}, 0)

    assert (
        set(table) == set(figures) == set(csv_rows) == set(xlsx_rows)
    )  # one set of figures everywhere
    for figure_id, row in table.items():
        wording = (
            figures[figure_id]["wording"]
            if isinstance(figures[figure_id]["wording"], str)
            else None
        )  # the document's own qualifier word
        hedge = figures[figure_id].get(
            "hedge"
        )  # "potentially": a hedged value's qualifier in the files, never "exact"
        said = (
            row["value"],
            row["value_label"],
            hedge if isinstance(hedge, str) and hedge else figures[figure_id]["qualifier"],
            wording,
        )
        in_csv, in_xlsx = csv_rows[figure_id], xlsx_rows[figure_id]
        assert (
            float(in_csv["value"]),
            in_csv["value_label"],
            in_csv["qualifier"],
            in_csv["wording"] or None,
        ) == said, figure_id
        assert (
            float(in_xlsx["value"]),
            in_xlsx["value_label"],
            in_xlsx["qualifier"],
            in_xlsx["wording"] or None,
        ) == said, figure_id

    for card in view.cards:  # a card line says what the table says of its figure
        for line in card.lines:
            assert line.figure_id in table, (
                f"a card shows {line.figure_id}, which the table does not hold"
            )
            assert (
                line.value_text,
                line.period_text.startswith(table[line.figure_id]["period_label"]),
                line.qualifier,
            ) == (
                table[line.figure_id]["value_label"],
                True,
                figures[line.figure_id]["qualifier"],
            ), line.figure_id

    dataset = snapshot.localized(language).dataset
    for name, chart in charts.CHARTS.items():  # the deck's notes read each figure as the table does
        if chart.plots == "events":
            continue
        notes = speaker_notes(name, view.figures, view.events, dataset, words)
        for row in charts.plotted_rows(name, view.figures, view.events).to_dict("records"):
            if row["id"] in copies:  # a restatement's words are its figure's
                continue
            assert f"• {table[row['id']]['value_label']} — {row['metric_label']}" in notes, (
                name,
                row["id"],
            )

    assert xlsx_ratios == view.ratio_count  # the file holds every line the page counts
    assert len(view.shown_ratios) == min(
        view.ratio_count, MAX_RATIOS
    )  # the page shows at most MAX_RATIOS, says how many more
    assert [r.text for r in view.shown_ratios] == [
        r.text for r in funding_ratios(view.figures, dataset, words=words)
    ][:MAX_RATIOS]
