"""Who counted is said per figure: a figure's own ``counted_by`` (what its document says) wins
over its metric's, which says who counted every figure of the metric. A chart says a counter
once when its bars agree and each counter, by programme, where they differ; the CSV carries
each figure's counter; the Vietnamese page says the curated Vietnamese form.

The documents here are made up (a ministry's checks counted by two bodies), in a copy of the
shipped data."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest

from dashboard.analysis.frame import (
    Filters,
    apply_event_filters,
    apply_filters,
    events_frame,
    figures_frame,
    year_span,
)
from dashboard.curated.load import load_dataset
from dashboard.curated.problems import DataInvalid
from dashboard.curated.translations import curated_names, records_folder
from dashboard.curated.validate import load_valid
from dashboard.outputs import export
from dashboard.outputs.slidefit import panel_notes
from dashboard.views.charts.registry import chart_figure
from dashboard.views.language import localize

SEED = "991_fictional_checks_2024.txt"
SEED_TEXT = (
    "FICTIONAL TEST DOCUMENT - not a real publication\n"
    "In 2024 the Example Checks Fund carried out 120 border checks, by its own count.\n"
    "The Example Checks Partnership carried out 80 border checks in 2024.\n"
    "Across the world, the Example Global Checks Fund carried out 900 checks in 2024.\n"
)
MINISTRY = "Example Ministry of Checks (fictional)"  # the metric's counter
FUND = "the Example Checks Fund (fictional)"  # one figure's own
GLOBAL = "the Example Global Checks Fund (fictional)"  # another figure's own, alone on its panel


def _figure(id_: str, programme: str, value: int, quote: str, counted_by: str | None) -> str:
    own = f"    counted_by: {counted_by}\n" if counted_by else ""
    return f"""  - id: {id_}
    programme: {programme}
    metric: example_checks
    value: {value}
    unit: people
    qualifier: exact
    kind: reported
    period:
      type: span
      start: 2024-01-01
      end: 2024-12-31
    source: {SEED}
    quote: {quote}
{own}"""


def _programme(id_: str, name: str, scope: str) -> str:
    return f"""  - id: {id_}
    scope: {scope}
    name: {name}
    funder: Example Ministry of Checks (fictional)
    partner_country: Exampleland (fictional)
    description: A made-up programme for who counted a figure.
"""


DOCUMENT = (
    f"""sources:
  - file: {SEED}
    title: Example border checks note (fictional)
    publisher: Example Ministry of Checks (fictional)
    published: 2025-01

programmes:
"""
    + _programme("example-checks-fund", "Example Checks Fund (fictional)", "uk_vietnam_bilateral")
    + _programme(
        "example-checks-partnership",
        "Example Checks Partnership (fictional)",
        "uk_vietnam_bilateral",
    )
    + _programme("example-global-checks", "Example Global Checks Fund (fictional)", "uk_worldwide")
    + f"""
metrics:
  - id: example_checks
    label: Border checks (fictional)
    unit: people
    chart: people
    counts: People checked at the border (fictional)
    counted_by: {MINISTRY}

figures:
"""
    + _figure(
        "example-checks-fund-2024",
        "example-checks-fund",
        120,
        "the Example Checks Fund carried out 120 border checks",
        FUND,
    )
    + _figure(
        "example-checks-partnership-2024",
        "example-checks-partnership",
        80,
        "The Example Checks Partnership carried out 80 border checks",
        None,
    )
    + _figure(
        "example-global-checks-2024",
        "example-global-checks",
        900,
        "the Example Global Checks Fund carried out 900 checks",
        GLOBAL,
    )
)
VIETNAMESE = """figures:
  - id: example-checks-fund-2024
    counted_by: Quỹ Kiểm tra Ví dụ (hư cấu)
"""


def _copy(root, shipped_data_dir, shipped_seeds_dir, document: str):
    shutil.copytree(shipped_data_dir, root / "data")
    shutil.copytree(shipped_seeds_dir, root / "seeds")
    (root / "seeds" / SEED).write_text(SEED_TEXT, encoding="utf-8")
    (root / "data" / "991_fictional_checks.yaml").write_text(document, encoding="utf-8")
    (root / "data" / "i18n" / "vi").mkdir(parents=True, exist_ok=True)
    (root / "data" / "i18n" / "vi" / "991.yaml").write_text(VIETNAMESE, encoding="utf-8")
    return root / "data", root / "seeds"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory, shipped_data_dir, shipped_seeds_dir):
    root = tmp_path_factory.mktemp("counted_by")
    return load_valid(*_copy(root, shipped_data_dir, shipped_seeds_dir, DOCUMENT))


def view(dataset, language="en"):
    first, last = year_span(dataset)
    translations = curated_names(records_folder(dataset), language) if language != "en" else None
    local = localize(dataset, figures_frame(dataset), events_frame(dataset), language, translations)
    filters = Filters(first, last)
    return local, apply_filters(local.figures, filters), apply_event_filters(local.events, filters)


def chart_text(dataset, config, language="en", chart="people") -> str:
    """What the chart's panel titles say, as read (markup and line breaks aside)."""
    local, figures, events = view(dataset, language)
    spec = chart_figure(chart, figures, events, local.dataset, config.theme)
    return " ".join(
        " ".join(re.sub(r"<[^>]+>", " ", a["text"]).split())
        for a in spec["layout"].get("annotations", [])
        if a.get("name") == "panel-title"
    )


def csv_counters(figures) -> dict[str, str]:
    text = export.export_csv(figures, export.ExportContext(csv_bom=False)).decode()
    return {r["id"]: r["counted_by"] for r in csv.DictReader(io.StringIO(text))}


def test_a_figure_with_its_own_counter_is_said_with_its_own_on_the_chart_and_in_the_csv(
    dataset, config
):
    said = chart_text(dataset, config)
    assert f"{GLOBAL} (Example Global Checks Fund (fictional))" in said
    assert f"{FUND} (Example Checks Fund (fictional))" in said
    _, figures, _ = view(dataset)
    counters = csv_counters(figures)
    for figure in dataset.figures:  # every figure that names its counter, shipped ones too
        if figure.counted_by and figure.id in counters:
            assert counters[figure.id] == figure.counted_by, figure.id


def test_figures_with_different_counters_on_one_chart_are_each_said_with_their_programme(
    dataset, config
):
    said = chart_text(dataset, config)
    for counted in (
        f"{FUND} (Example Checks Fund (fictional))",
        f"{MINISTRY} (Example Checks Partnership (fictional))",
        f"{GLOBAL} (Example Global Checks Fund (fictional))",
    ):
        assert said.count(counted) == 1, counted  # each said, and once
    # the deck's notes, made from the panel titles, say each too
    local, figures, events = view(dataset)
    spec = chart_figure("people", figures, events, local.dataset, config.theme)
    notes = " ".join(panel_notes(spec["layout"]["annotations"]))
    assert FUND in notes and MINISTRY in notes and GLOBAL in notes


def test_a_metrics_counter_is_never_said_of_a_figure_that_has_its_own(dataset, config):
    said = chart_text(dataset, config)
    assert f"{MINISTRY} (Example Checks Partnership (fictional))" in said  # its own programme only
    assert "counted by " + MINISTRY not in said  # never as the counter of all the metric's bars
    _, figures, _ = view(dataset)
    counters = csv_counters(figures)
    assert counters["example-checks-partnership-2024"] == MINISTRY  # no counter of its own
    assert counters["example-checks-fund-2024"] == FUND
    assert counters["example-global-checks-2024"] == GLOBAL


def test_the_vietnamese_chart_says_the_curated_vietnamese_counter_and_marks_an_untranslated_one(
    dataset, config
):
    said = chart_text(dataset, config, "vi")
    assert "đơn vị thống kê:" in said and "Quỹ Kiểm tra Ví dụ (hư cấu)" in said
    assert FUND not in said  # the English form is not said where a Vietnamese one is curated
    assert f"{MINISTRY} (chưa dịch)" in said  # the metric's, not yet translated, says so
    assert f"{GLOBAL} (chưa dịch)" in said


def test_a_figures_counter_that_names_nobody_is_refused_at_its_line(
    tmp_path, shipped_data_dir, shipped_seeds_dir
):
    document = DOCUMENT.replace(f"counted_by: {GLOBAL}", "counted_by: Not stated")
    data, seeds = _copy(tmp_path, shipped_data_dir, shipped_seeds_dir, document)
    with pytest.raises(DataInvalid) as err:
        load_valid(data, seeds)
    [problem] = [p for p in err.value.problems if "991_" in p.location.path]
    lines = (data / "991_fictional_checks.yaml").read_text().splitlines()
    assert (problem.field, problem.code) == ("counted_by", "counted-by-not-stated")
    assert lines[problem.location.line - 1].strip() == "counted_by: Not stated"
    assert "leave `counted_by` out" in problem.message


def test_the_data_readmes_worked_example_is_a_shipped_figure_with_its_own_counter(
    tmp_path, shipped_dataset
):
    readme = Path(__file__).resolve().parent.parent / "data" / "README.md"
    section = readme.read_text(encoding="utf-8").split("## Who counted (`counted_by`)")[1]
    block = re.search(r"```yaml shipped\n(.*?)```", section, flags=re.S)[1]
    (tmp_path / "example.yaml").write_text(block, encoding="utf-8")
    example, problems = load_dataset(tmp_path)
    assert [str(p) for p in problems] == []
    [figure] = example.figures
    assert figure in shipped_dataset.figures and figure.counted_by
    assert not shipped_dataset.metric(figure.metric).counted_by  # the metric's figures differ


def figures_sheet(figures, language: str) -> dict[str, dict[str, object]]:
    """The workbook's first sheet (for a person), each row by figure id and column name."""
    import openpyxl

    from dashboard.views.language import words_for

    data = export.export_xlsx(figures, export.ExportContext(language=language))
    rows = list(openpyxl.load_workbook(io.BytesIO(data)).worksheets[0].iter_rows(values_only=True))
    names = {header: name for name, header in export.xlsx_columns(words_for(language))}
    columns = [names[header] for header in rows[0]]
    return {row[columns.index("id")]: dict(zip(columns, row)) for row in rows[1:]}


@pytest.mark.parametrize(
    "language, not_stated", [("en", "not stated in the source"), ("vi", "nguồn không nêu")]
)
def test_the_workbook_says_who_counted_each_figure_and_that_no_source_says_when_none_does(
    dataset, language, not_stated
):
    _, figures, _ = view(dataset)
    figures = figures.copy()
    silent = figures["id"].iloc[-1]  # any figure, made silent on who counted it here
    figures.loc[figures["id"] == silent, "counted_by"] = None
    sheet = figures_sheet(figures, language)
    assert sheet["example-checks-fund-2024"]["counted_by"] == FUND
    assert sheet[silent]["counted_by"] == not_stated  # never an empty cell
