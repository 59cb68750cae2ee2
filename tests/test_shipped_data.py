"""The data that ships: it validates, every quote stands in its document, the export holds
every programme figure as the documents state it, and data/README.md's examples are real.

These are invariants over whatever data/ and seeds/ hold, never today's list of figures:
adding a valid document changes no outcome here (scripts/check_new_documents.sh tries it)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dashboard.analysis.frame import (
    apply_event_filters,
    apply_filters,
    events_frame,
    figures_frame,
    signed,
)
from dashboard.cli import main
from dashboard.curated.coverage import coverage
from dashboard.curated.load import load_dataset
from dashboard.curated.mentions import states_value
from dashboard.curated.seeds import find_quote, read_seed
from dashboard.curated.validate import load_valid
from dashboard.analysis.claims import leading_claims
from dashboard.views.charts import BAR_TRACE_ROLE, CHARTS, build_chart, cap_note
from dashboard.views.table import table_rows
from dashboard.web import urlstate

ROOT = Path(__file__).resolve().parent.parent
DATA_README = ROOT / "data" / "README.md"


def test_the_shipped_data_validates(shipped_data_dir, shipped_seeds_dir):
    dataset = load_valid(shipped_data_dir, shipped_seeds_dir)
    assert dataset.figures and dataset.events and dataset.programmes and dataset.sources


def quoted_records(dataset):
    return [*dataset.figures, *dataset.events, *dataset.exclusions]


def test_every_shipped_quote_is_found_verbatim_in_its_seed(shipped_dataset, shipped_seeds_dir):
    dataset = shipped_dataset
    records = quoted_records(dataset)
    assert len(records) == len(dataset.figures) + len(dataset.events) + len(dataset.exclusions) > 0
    missing = [
        f"{r.location}: {r.quote!r}"
        for r in records
        if (text := read_seed(shipped_seeds_dir, r.source)) is None
        or find_quote(text, r.quote) is None
    ]
    assert missing == []


@pytest.mark.parametrize(
    "value, printed",
    [
        (1936, "1,936"),
        (720, "720"),
        (7_000_000, "7 million"),
        (33_500_000, "33.5 million"),
        (1_000_000, "£1m"),
        (2_250_000_000, "2.25 billion"),
    ],
)
def test_a_value_is_recognised_in_each_way_a_document_prints_it(value, printed):
    assert states_value(f"a sentence with {printed} in it", value)


@pytest.mark.parametrize(
    "value, printed",
    [
        (3000, "hơn 3.000 người"),
        (1936, "1.936 người di cư"),
        (7_000_000, "7 triệu bảng Anh"),
        (33_500_000, "33,5 triệu bảng"),
        (1_500_000_000, "1,5 tỷ"),
    ],
)
def test_a_vietnamese_document_prints_thousands_with_dots_and_decimals_with_commas(value, printed):
    assert states_value(printed, value, "vi")
    assert states_value(printed, value)  # its letters say it is Vietnamese when its source does not


@pytest.mark.parametrize(
    "value, printed",
    [
        (4, "the fourth largest nationality"),
        (4, "the 4th largest"),
        (4, "lớn thứ tư"),
        (10, "in the top 10"),
        (3, "three charter return flights"),
        (75, "cut by 75%"),
        (90, "almost 90%"),
    ],
)
def test_a_rank_a_percentage_or_a_count_in_words_is_a_value_the_quote_prints(value, printed):
    assert states_value(printed, value)


def test_a_quote_with_another_number_is_not_taken_for_the_value():
    assert not states_value("over £7 million", 33_500_000)
    assert not states_value("1,963 aspiring migrants", 1936)
    assert not states_value("3.000 people", 3000, "en")  # in English, 3.000 is three
    assert not states_value("the fourth largest", 5)


def test_every_shipped_quote_states_its_figures_number_as_validate_reads_it(shipped_dataset):
    """A quote must hold the number itself, never a paraphrase of it, in its document's style:
    the same check ``dashboard validate`` makes, so the two never disagree."""
    languages = {s.file: s.language for s in shipped_dataset.sources}
    for figure in shipped_dataset.figures:
        assert states_value(figure.quote, figure.value, languages.get(figure.source)), (
            f"{figure.location}: {figure.quote!r} does not print {figure.value}"
        )


def test_the_export_lists_every_programme_figure_with_its_value_unit_qualifier_and_period(
    tmp_path, shipped_dataset
):
    out = tmp_path / "all.csv"
    result = CliRunner().invoke(
        main,
        [
            "export",
            "--format",
            "csv",
            "-o",
            str(out),
            "--data",
            str(ROOT / "data"),
            "--seeds",
            str(ROOT / "seeds"),
            "--config",
            str(ROOT / "config.yaml"),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    rows = [
        r for r in rows if r.get("record_type", "programme_figure") == "programme_figure"
    ]  # context statistics are marked apart
    got = sorted(
        (
            r["id"],
            float(r["value"]),
            r["unit"],
            r["qualifier"],
            r["period_start_date"],
            r["period_end_date"],
        )
        for r in rows
    )
    expected = sorted(
        (
            f.id,
            signed(f.value, f.change),
            f.unit,
            str(f.hedge or f.qualifier),
            f.period.start.isoformat(),
            f.period.end.isoformat(),
        )
        for f in shipped_dataset.figures  # a fall keeps its direction ("cut by 75%" is -75), a hedge is the qualifier
        if not f.same_as  # a word-for-word restatement is named on its figure's row, never a row of its own
    )
    assert got == expected  # each figure exactly once, as its record states it


def test_every_seed_is_utf8_text_with_a_source_record_and_cited(shipped_dataset, shipped_seeds_dir):
    """A document in seeds/ that nothing describes or cites is a document a reader cannot reach."""
    files = sorted(p.name for p in shipped_seeds_dir.iterdir() if p.is_file())
    assert files, "seeds/ holds no document"
    for name in files:
        text = (
            (shipped_seeds_dir / name).read_bytes().decode("utf-8")
        )  # raises on anything but UTF-8
        assert text.strip() and "\x00" not in text, f"seeds/{name} is empty or binary"
    described = {s.file for s in shipped_dataset.sources}
    cited = {r.source for r in quoted_records(shipped_dataset)}
    assert sorted(set(files) - described) == [], "seeds without a sources record"
    assert sorted(set(files) - cited) == [], "seeds no figure, event or exclusion quotes"
    assert sorted((described | cited) - set(files)) == [], (
        "records naming a file that is not in seeds/"
    )


# --- data/README.md ----------------------------------------------------------------------


def readme_examples() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", DATA_README.read_text(encoding="utf-8"), flags=re.S)


SECTIONS = [
    "programmes",
    "scopes",
    "event_types",
    "units",
    "metrics",
    "sources",
    "figures",
    "events",
    "exclusions",
]


def test_the_data_readme_has_one_example_of_each_record_type():
    sections = [
        line.rstrip(":")
        for block in readme_examples()
        for line in block.splitlines()
        if re.match(r"^\w+:$", line)
    ]
    assert sorted(sections) == sorted(SECTIONS)


@pytest.mark.parametrize("number", range(len(readme_examples())))
def test_each_data_readme_example_loads_through_the_real_loader(number, tmp_path):
    (tmp_path / "example.yaml").write_text(readme_examples()[number], encoding="utf-8")
    dataset, problems = load_dataset(tmp_path)
    assert [str(p) for p in problems] == []
    assert sum(len(getattr(dataset, s)) for s in SECTIONS) >= 1


def test_the_data_readme_examples_together_are_a_valid_data_folder(tmp_path, shipped_seeds_dir):
    for number, block in enumerate(readme_examples()):
        (tmp_path / f"example_{number}.yaml").write_text(block, encoding="utf-8")
    load_valid(tmp_path, shipped_seeds_dir)


def test_the_data_readme_examples_are_copies_of_shipped_records(tmp_path, shipped_dataset):
    for number, block in enumerate(readme_examples()):
        (tmp_path / f"example_{number}.yaml").write_text(block, encoding="utf-8")
    examples, _ = load_dataset(tmp_path)
    for section in SECTIONS:
        for record in getattr(examples, section):
            assert record in getattr(shipped_dataset, section), (
                f"{section} example differs from the shipped data"
            )


def test_the_data_readme_names_every_field_of_every_record():
    from dashboard.curated.load import PERIOD, SECTIONS as SCHEMAS

    text = DATA_README.read_text(encoding="utf-8")
    for name, schema in [*SCHEMAS.items(), ("period", PERIOD)]:
        for field in [*schema.required, *schema.optional]:
            assert f"| `{field}` |" in text, f"{name}.{field} is not documented in data/README.md"


# --- invariants of what the page shows from the shipped data ------------------------------


def test_every_number_in_the_shipped_seeds_is_cited_or_excluded(shipped_dataset, shipped_seeds_dir):
    report = coverage(shipped_dataset, shipped_seeds_dir)
    assert [
        line
        for line in report.lines()[:-1]
        if line.endswith(": UNCURATED") or ":1: " in line and "unreadable" in line
    ] == []
    assert report.complete, report.lines()[-1]


@pytest.fixture(scope="module")
def default_view(shipped_dataset, config):
    """The figures and events a new visitor sees with the shipped config.yaml."""
    filters = urlstate.default_filters(shipped_dataset, config.defaults)
    figures = apply_filters(figures_frame(shipped_dataset), filters)
    events = apply_event_filters(events_frame(shipped_dataset), filters)
    return filters, figures, events


def test_the_default_view_shows_every_shipped_figure_in_exactly_one_table_row(
    shipped_dataset, default_view
):
    _, figures, _ = default_view
    ids = [f.id for f in shipped_dataset.figures]
    assert len(figures) == len(ids)
    rows = table_rows(figures)
    assert sorted(rows) == sorted(ids)
    assert all(rows[i]["id"] == i for i in ids)


def test_each_chart_draws_each_figure_of_its_metrics_once_and_nothing_else(
    shipped_dataset, default_view, config
):
    filters, figures, events = default_view
    charted = {m.id: m.chart for m in shipped_dataset.metrics}
    for name in CHARTS:
        fig = build_chart(name, figures, events, shipped_dataset, config.theme, filters)
        drawn = [
            row[0]
            for t in fig.data
            if (t.meta or {}).get("role") == BAR_TRACE_ROLE
            for row in t.customdata
        ]
        assert len(drawn) == len(set(drawn)), f"{name} draws a figure twice"
        if name == "claims":  # draws one quantity of any metric: every statement of it, each once
            group = set(figures.loc[figures["id"].isin(drawn), "quantity_group"])
            assert len(group) == 1 and set(drawn) == set(
                figures.loc[figures["quantity_group"].isin(group), "id"]
            )
            continue
        own = {f.id for f in shipped_dataset.figures if charted[f.metric] == name}
        assert set(drawn) <= own, f"{name} draws figures of another chart's metric"
        if (
            cap_note(name, figures, events) is None
        ):  # each quantity once: its latest statement (and any that disagree)
            latest = set(leading_claims(figures[figures["id"].isin(own)])["id"])
            assert set(drawn) == latest, f"{name} leaves out figures without saying so"
