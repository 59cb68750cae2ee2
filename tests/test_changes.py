"""What changed: `dashboard diff` between two made-up folders of curated YAML, the release
snapshot `dashboard release` writes, and the notice of a link made under an older data version."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from click.testing import CliRunner

from dashboard.cli import main
from dashboard.curated.load import load_dataset
from dashboard.outputs.releases import read_release, release_date, write_release

from tests.conftest import SAMPLE_DIR

RELATIONS = ("part_of", "same_as", "updates", "disagrees_with")


def _unrelated(records: list[dict]) -> list[dict]:
    """Records no other record points at and that point at none (safe to remove or change)."""
    targets = {r.get(name) for r in records for name in RELATIONS}
    return [
        r for r in records if r["id"] not in targets and not any(r.get(name) for name in RELATIONS)
    ]


@pytest.fixture
def two_folders(tmp_path):
    """``old`` is the sample data; ``new`` has one figure's value and quote changed, one
    figure removed, one added, and one event retitled."""
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(SAMPLE_DIR / "data", old)
    shutil.copytree(SAMPLE_DIR / "data", new)
    figures = yaml.safe_load((new / "figures.yaml").read_text(encoding="utf-8"))
    free = _unrelated(figures["figures"])
    changed, removed = free[0], free[1]
    added = {**removed, "id": "made-up-new-figure", "value": removed["value"] * 3}
    changed.update(value=changed["value"] * 2, quote=changed["quote"] + " (revised)")
    figures["figures"] = [f for f in figures["figures"] if f["id"] != removed["id"]] + [added]
    (new / "figures.yaml").write_text(
        yaml.safe_dump(figures, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    events = yaml.safe_load((new / "events.yaml").read_text(encoding="utf-8"))
    retitled = _unrelated(events["events"])[0]
    retitled["title"] = "A retitled event"
    (new / "events.yaml").write_text(
        yaml.safe_dump(events, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    assert load_dataset(new)[1] == []
    return old, new, {"changed": changed, "removed": removed, "added": added, "event": retitled}


def diff(old, new, *args):
    return CliRunner().invoke(main, ["diff", str(old), "--data", str(new), *args])


def test_diff_groups_what_was_added_removed_and_changed_with_old_and_new_statements(two_folders):
    old, new, made = two_folders
    result = diff(old, new)
    assert result.exit_code == 0, result.output
    text = result.output
    groups = [line for line in text.splitlines() if not line.startswith("  ")]
    assert groups == [
        "Figures added (1):",
        "Figures removed (1):",
        "Figures changed (1):",
        "Events changed (1):",
    ]
    changed = next(
        line for line in text.splitlines() if line.strip().startswith(made["changed"]["id"])
    )
    before, after = changed.split(" → ")
    assert "(value, quote):" in before
    assert f"“{made['changed']['quote']}”" in after and "(revised)" not in before
    assert f"  {made['added']['id']}: " in text and f"  {made['removed']['id']}: " in text
    assert "A retitled event" in text


def test_diff_writes_each_side_with_its_qualifier_words(two_folders):
    old, new, made = two_folders
    wording = made["changed"].get("wording")
    line = next(
        li
        for li in diff(old, new).output.splitlines()
        if li.strip().startswith(made["changed"]["id"])
    )
    if wording:
        assert line.count(wording) >= 2  # "over £7m … → over £14m …"


def test_diff_as_json_gives_each_changed_fields_old_and_new_value(two_folders):
    old, new, made = two_folders
    result = diff(old, new, "--format", "json")
    data = json.loads(result.output)
    change = data["figures"]["changed"][made["changed"]["id"]]
    assert change["value"] == {"old": made["changed"]["value"] / 2, "new": made["changed"]["value"]}
    assert list(data["figures"]["added"]) == [made["added"]["id"]]
    assert list(data["figures"]["removed"]) == [made["removed"]["id"]]
    assert data["events"]["changed"][made["event"]["id"]]["title"]["new"] == "A retitled event"


def test_diff_in_vietnamese_and_of_identical_folders(two_folders):
    old, new, _ = two_folders
    assert "Số liệu thay đổi (1):" in diff(old, new, "--lang", "vi").output
    assert diff(old, old).output.strip() == "No figure or event changed."


def test_diff_of_a_folder_that_does_not_load_names_its_problems_without_a_traceback(
    two_folders, tmp_path
):
    _, new, _ = two_folders
    broken = tmp_path / "broken"
    shutil.copytree(new, broken)
    (broken / "figures.yaml").write_text("figures:\n  - id: x\n    value: [\n", encoding="utf-8")
    result = diff(broken, new)
    assert (
        result.exit_code == 1
        and "figures.yaml:" in result.output
        and "Traceback" not in result.output
    )


def test_a_release_snapshot_is_written_by_version_and_keeps_its_first_date(dataset, tmp_path):
    import datetime as dt

    path = write_release(dataset, tmp_path, "abcdef012345", dt.date(2026, 1, 2))
    assert path == tmp_path / "releases" / "abcdef012345.json"
    body = read_release(tmp_path, "abcdef012345")
    assert set(body["figures"]) == {f.id for f in dataset.figures} and set(body["events"]) == {
        e.id for e in dataset.events
    }
    write_release(dataset, tmp_path, "abcdef012345", dt.date(2026, 5, 6))
    assert release_date(tmp_path, "abcdef012345") == dt.date(2026, 1, 2)
    assert (
        read_release(tmp_path, "../../etc/passwd") is None
        and read_release(tmp_path, "000000000000") is None
    )


def test_dashboard_release_writes_into_the_data_folder_which_still_validates(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DIR / "data", data)
    result = CliRunner().invoke(
        main, ["release", "--data", str(data), "--seeds", str(SAMPLE_DIR / "seeds")]
    )
    assert result.exit_code == 0, result.output
    written = list((data / "releases").glob("*.json"))
    assert len(written) == 1 and written[0].stem in result.output
    check = CliRunner().invoke(
        main, ["validate", "--data", str(data), "--seeds", str(SAMPLE_DIR / "seeds")]
    )
    assert check.exit_code == 0, check.output
