"""Context statistics: numbers a document gives as background (small-boat arrivals, asylum
grants) that belong to no programme. The curator records them without inventing a
programme or a scope, validate checks them with file:line, and the views show them apart
from programme results, never in a programme's card, panel or funding-per-person ratio.

The made-up briefing tests/fixtures/extra_documents/*/960_* is added to a copy of the
shipped data, as a curator would add a document."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.curated.coverage import Status, coverage
from dashboard.curated.problems import DataInvalid
from dashboard.curated.validate import load_valid

ROOT = Path(__file__).resolve().parent.parent
EXTRA = ROOT / "tests" / "fixtures" / "extra_documents"
BRIEF = "960_fictional_context_brief_2019.txt"


def with_briefing(tmp_path: Path, edit=None) -> tuple[Path, Path]:
    """A copy of the shipped data and seeds with the made-up briefing added (``edit`` may
    rewrite its YAML text first)."""
    data, seeds = tmp_path / "data", tmp_path / "seeds"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(ROOT / "seeds", seeds)
    shutil.copy(EXTRA / "seeds" / BRIEF, seeds / BRIEF)
    text = (EXTRA / "data" / "960_fictional_context.yaml").read_text(encoding="utf-8")
    (data / "960_fictional_context.yaml").write_text(edit(text) if edit else text, encoding="utf-8")
    return data, seeds


@pytest.fixture(scope="module")
def briefing(tmp_path_factory):
    data, seeds = with_briefing(tmp_path_factory.mktemp("briefing"))
    return load_valid(data, seeds), seeds


def test_a_context_statistic_needs_no_programme_and_is_not_a_programme_figure(briefing):
    dataset, _ = briefing
    stats = [s for s in dataset.context_statistics if s.source == BRIEF]
    assert stats, "the briefing's context statistics load"
    figure_ids = {f.id for f in dataset.figures}
    assert not any(s.id in figure_ids for s in stats)
    assert all(not hasattr(s, "programme") for s in stats)


def test_coverage_counts_a_context_statistic_as_curated(briefing):
    dataset, seeds = briefing
    report = coverage(dataset, seeds)
    quoted = {s.id for s in dataset.context_statistics}
    of_brief = [e for e in report.entries if e.mention.source == BRIEF]
    assert of_brief and not [e for e in of_brief if e.status is Status.UNCURATED]
    assert any(e.status is Status.CITED and e.detail in quoted for e in of_brief)


def _problems(tmp_path: Path, old: str, new: str) -> list:
    data, seeds = with_briefing(tmp_path, lambda text: text.replace(old, new, 1))
    with pytest.raises(DataInvalid) as err:
        load_valid(data, seeds)
    return [p for p in err.value.problems if "960_" in p.location.path]


def test_counted_by_that_names_nobody_is_refused_at_its_line_with_what_to_do(tmp_path):
    problems = _problems(
        tmp_path,
        "counted_by: Example Home Office (fictional)",
        "counted_by: Not stated in the source",
    )
    assert [(p.field, p.code) for p in problems] == [("counted_by", "counted-by-not-stated")]
    line = next(
        n
        for n, text in enumerate(
            (tmp_path / "data" / "960_fictional_context.yaml").read_text().splitlines(), 1
        )
        if "counted_by:" in text
    )
    assert problems[0].location.line == line
    assert "leave `counted_by` out" in problems[0].message


def test_a_context_statistic_with_an_unknown_unit_or_a_missing_quote_is_reported_at_its_line(
    tmp_path,
):
    problems = _problems(
        tmp_path, "    value: 1890\n    unit: people", "    value: 1890\n    unit: boats"
    )
    assert [(p.field, p.code) for p in problems] == [("unit", "unknown-unit")]
    problems = _problems(tmp_path / "q", "quote: Around 700 asylum", "quote: About 700 asylum")
    assert [(p.field, p.code) for p in problems] == [("quote", "quote-not-found")]


# --- the page --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page_state(briefing):
    from dashboard.config import load_config
    from dashboard.web.app import app_state, create_app

    dataset, seeds = briefing
    return app_state(
        create_app(dataset, load_config(ROOT / "config.yaml"), seeds, seeds.parent / "data")
    )


def _view(state, language="en", **years):
    from dashboard.analysis.frame import Filters
    from dashboard.web import state as st

    return st.compute_view(state, Filters(**{**state.defaults.__dict__, **years}), language)


def test_the_page_shows_context_statistics_in_their_own_section_saying_who_counted(page_state):
    from components import texts
    from dashboard.web.context_panel import render_context

    view = _view(page_state, year_from=2019, year_to=2019)
    section = " ".join(texts(render_context(view.context, view.language)))
    assert "Context statistics (not programme results)" in section
    assert (
        "counted by Example Home Office (fictional) · official table: Example Home Office table Irr_D01 (fictional)"
        in section
    )
    assert "around 700" in section and "who counted: not stated in the source" in section
    assert "counted by Not stated" not in section and "counted by None" not in section


def test_a_context_statistic_is_never_a_card_line_a_chart_bar_or_a_funding_per_person_term(
    page_state,
):
    from components import texts
    from dashboard.web.layout import render_cards, render_ratios

    view = _view(page_state, year_from=2019, year_to=2019)
    stats = {line.id for line in view.context}
    assert stats and not stats & set(view.figures["id"])
    page_texts = " ".join(
        texts(render_cards(view.cards)) + texts(render_ratios(view.ratios, view.ratio_count))
    )
    for line in view.context:
        assert line.value_text not in page_texts.split(" · ")
        assert str(line.statistic) not in page_texts
    drawn = {
        i for chart in view.charts.values() for trace in chart.spec["data"] for i in _ids(trace)
    }
    assert not stats & drawn


def _ids(trace) -> set[str]:
    data = trace.get("customdata")
    if data is None:
        return set()
    return {
        str(row[0]) if hasattr(row, "__len__") and not isinstance(row, str) else str(row)
        for row in data
    }


def test_context_statistics_follow_the_years_and_leave_no_section_when_none_is_in_them(page_state):
    from dashboard.web.context_panel import render_context

    assert _view(page_state, year_from=2019, year_to=2019).context
    after = max(s.period.end.year for s in page_state.dataset.context_statistics) + 1
    later = _view(page_state, year_from=after, year_to=after)
    assert later.context == () and render_context(later.context, later.language) == []


def test_a_view_narrowed_to_programmes_metrics_or_a_scope_holds_no_context_statistic(page_state):
    dataset = page_state.dataset
    programme, metric = dataset.programmes[0].id, dataset.metrics[0].id
    assert _view(page_state, year_from=2019, year_to=2019).context
    for narrowed in (
        {"programmes": (programme,)},
        {"metrics": (metric,)},
        {"scope": (dataset.scopes[0].id,)},
    ):
        assert _view(page_state, year_from=2019, year_to=2019, **narrowed).context == (), narrowed


def test_the_vietnamese_page_says_what_context_statistics_are_in_vietnamese(page_state):
    from components import texts
    from dashboard.web.context_panel import render_context

    view = _view(page_state, "vi", year_from=2019, year_to=2019)
    section = " ".join(texts(render_context(view.context, view.language)))
    assert (
        "Số liệu bối cảnh" in section and "nguồn không nêu" in section and "khoảng 700" in section
    )


# --- the data files and the deck ---------------------------------------------------------------

import csv  # noqa: E402
import datetime as dt  # noqa: E402
import io  # noqa: E402

CLAIMS = ROOT / "tests" / "fixtures" / "claims"


def _export(kind: str, dataset, filters, language: str = "en") -> bytes:
    from dashboard.analysis.frame import apply_filters, figures_frame
    from dashboard.config import load_config
    from dashboard.outputs import export

    context = export.ExportContext.for_view(
        dataset,
        filters,
        load_config(ROOT / "config.yaml"),
        today=dt.date(2026, 11, 22),
        language=language,
    )
    return export.FORMATS[kind](apply_filters(figures_frame(dataset), filters), context)


def test_the_csv_marks_each_row_a_programme_figure_or_a_context_statistic(briefing):
    from dashboard.analysis.frame import Filters

    dataset, _ = briefing
    rows = list(
        csv.DictReader(
            io.StringIO(_export("csv", dataset, Filters(2019, 2019)).decode("utf-8-sig"))
        )
    )
    stats = {s.id: s for s in dataset.context_statistics if s.period.overlaps_years(2019, 2019)}
    context = [r for r in rows if r["record_type"] == "context_statistic"]
    assert {r["id"] for r in context} == set(stats)
    assert all(r["programme"] == "" and r["metric"] == "" and r["kind"] == "" for r in context)
    assert {r["record_type"] for r in rows if r["id"] not in stats} == {"programme_figure"}
    for row in context:
        stat = stats[row["id"]]
        assert float(row["value"]) == stat.value and row["quote"] == stat.quote
        assert row["metric_counted_by"] == (stat.counted_by or "") and row["official_table"] == (
            stat.official_table or ""
        )


def test_a_view_without_context_statistics_writes_the_csv_as_before(briefing):
    from dashboard.analysis.frame import Filters

    dataset, _ = briefing
    after = max(s.period.end.year for s in dataset.context_statistics) + 1
    header = _export("csv", dataset, Filters(after, after)).decode("utf-8-sig").splitlines()[0]
    assert "record_type" not in header


def test_the_workbook_holds_context_statistics_on_a_sheet_of_their_own(briefing):
    import openpyxl

    from dashboard.analysis.frame import Filters

    dataset, _ = briefing
    for language, sheet_name, not_stated in [
        ("en", "Context statistics", "who counted: not stated in the source"),
        ("vi", "Số liệu bối cảnh", "đơn vị thống kê: nguồn không nêu"),
    ]:
        workbook = openpyxl.load_workbook(
            io.BytesIO(_export("xlsx", dataset, Filters(2019, 2019), language))
        )
        assert sheet_name in workbook.sheetnames
        figures = workbook.worksheets[1]  # the Data sheet: every figure's id
        ids = {
            c.value for c in next(col for col in figures.iter_cols() if col[0].value == "id")[1:]
        }
        stats = {s.id for s in dataset.context_statistics if s.period.overlaps_years(2019, 2019)}
        assert not ids & stats, "no context statistic among the programme figures"
        rows = list(workbook[sheet_name].iter_rows(values_only=True))
        header = rows[0]
        assert {r[header.index("id")] for r in rows[1:]} == stats
        assert any(not_stated in r for r in rows[1:])


def test_the_deck_gives_context_statistics_a_slide_of_their_own_saying_who_counted():
    from dashboard.analysis.frame import Filters
    from dashboard.outputs.decktables import context_rows
    from dashboard.words import Words

    claims = load_valid(CLAIMS / "data", CLAIMS / "seeds")
    rows = context_rows(claims, Filters(2019, 2019), Words("en"))
    assert [r.key for r in rows] == [s.id for s in claims.context_statistics]
    assert "£36m" in rows[0].cells[0] and "Money added by other partners" in rows[0].cells[1]
    assert rows[0].cells[2] == "who counted: not stated in the source"
    assert context_rows(claims, Filters(2017, 2017), Words("en")) == []


def test_validate_counts_context_statistics_apart_from_the_figures(briefing):
    from click.testing import CliRunner

    from dashboard.cli import main

    dataset, seeds = briefing
    result = CliRunner().invoke(
        main, ["validate", "--data", str(seeds.parent / "data"), "--seeds", str(seeds)]
    )
    assert result.exit_code == 0, result.output
    summary = result.output.strip().splitlines()[-1]
    assert f"{len(dataset.figures)} figures" in summary
    assert (
        f"{len(dataset.context_statistics)} context statistic(s), apart from the programme figures."
        in summary
    )


def test_a_context_statistic_reads_its_curated_vietnamese_name_on_the_vietnamese_page(tmp_path):
    from dashboard.config import load_config
    from dashboard.web.app import app_state, create_app

    data, seeds = with_briefing(tmp_path)
    with (data / "i18n" / "vi.yaml").open("a", encoding="utf-8") as vi:
        vi.write(
            "\ncontext_statistics:\n  - id: example-asylum-grants-2019\n"
            "    statistic: Số quyết định cấp quy chế tị nạn cho công dân Việt Nam (hư cấu)\n"
        )
    state = app_state(
        create_app(load_valid(data, seeds), load_config(ROOT / "config.yaml"), seeds, data)
    )
    lines = {line.id: line for line in _view(state, "vi", year_from=2019, year_to=2019).context}
    assert (
        lines["example-asylum-grants-2019"].statistic
        == "Số quyết định cấp quy chế tị nạn cho công dân Việt Nam (hư cấu)"
    )
    assert not lines["example-asylum-grants-2019"].statistic_untranslated
    assert lines[
        "example-small-boat-arrivals-2019"
    ].statistic_untranslated  # none curated: the English, marked
