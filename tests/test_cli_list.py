"""`dashboard list programmes|metrics|scopes|charts` says what ids there are, with names and
counts; an unknown id is named with the choices, and a name typed out finds its id."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from dashboard.cli import main
from dashboard.views.charts import CHARTS
from dashboard.views.listing import UnknownId, resolve, rows


def listed(kind: str, *names: str, data_dir, seeds_dir):
    return CliRunner().invoke(
        main, ["list", kind, *names, "--data", str(data_dir), "--seeds", str(seeds_dir)]
    )


@pytest.mark.parametrize(
    "kind, section", [("programmes", "programmes"), ("metrics", "metrics"), ("scopes", "scopes")]
)
def test_each_id_of_the_data_is_listed_once_with_its_name(
    kind, section, shipped_dataset, shipped_data_dir, shipped_seeds_dir
):
    result = listed(kind, data_dir=shipped_data_dir, seeds_dir=shipped_seeds_dir)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    records = getattr(shipped_dataset, section)
    assert [line.split()[0] for line in lines] == [r.id for r in records]
    for line, record in zip(lines, records):
        assert (getattr(record, "name", None) or record.label) in line


def test_the_counts_add_up_to_the_data(shipped_dataset):
    for kind in ("programmes", "metrics"):
        assert sum(r.figures for r in rows(kind, shipped_dataset)) == len(shipped_dataset.figures)
    assert sum(r.events for r in rows("programmes", shipped_dataset)) == len(shipped_dataset.events)
    scoped = {p.id for p in shipped_dataset.programmes if p.scope}
    assert sum(r.figures for r in rows("scopes", shipped_dataset)) == sum(
        f.programme in scoped for f in shipped_dataset.figures
    )


def test_every_chart_is_listed(shipped_dataset, shipped_data_dir, shipped_seeds_dir):
    result = listed("charts", data_dir=shipped_data_dir, seeds_dir=shipped_seeds_dir)
    assert [line.split()[0] for line in result.output.splitlines()] == list(CHARTS)
    assert "figure" in result.output and "event" in result.output


def test_an_unknown_id_is_named_with_every_choice_and_exit_2(
    shipped_dataset, shipped_data_dir, shipped_seeds_dir
):
    result = listed(
        "programmes", "no-such-programme", data_dir=shipped_data_dir, seeds_dir=shipped_seeds_dir
    )
    assert result.exit_code == 2
    assert "unknown programme 'no-such-programme'; choose one of: " in result.output
    for programme in shipped_dataset.programmes:
        assert f"{programme.id} ({programme.name})" in result.output
    assert "Traceback" not in result.output


def test_a_name_typed_out_finds_its_id_in_any_case(shipped_dataset):
    metric = shipped_dataset.metrics[0]
    assert resolve("metrics", [metric.label.upper(), metric.id], shipped_dataset) == [
        metric.id,
        metric.id,
    ]
    with pytest.raises(UnknownId, match="unknown metric 'nope'"):
        resolve("metrics", ["nope"], shipped_dataset)


def test_only_the_ids_asked_for_are_listed(shipped_dataset, shipped_data_dir, shipped_seeds_dir):
    programme = shipped_dataset.programmes[-1]
    result = listed(
        "programmes", programme.name, data_dir=shipped_data_dir, seeds_dir=shipped_seeds_dir
    )
    assert result.exit_code == 0 and [line.split()[0] for line in result.output.splitlines()] == [
        programme.id
    ]
