"""The commit-message hook (.githooks/commit-msg) keeps the history explaining itself: a short
subject, a blank line and a body that says why; anything else is refused with the reason."""

from __future__ import annotations

import subprocess
from pathlib import Path

HOOK = Path(__file__).resolve().parent.parent / ".githooks" / "commit-msg"


def _check(tmp_path: Path, message: str) -> subprocess.CompletedProcess:
    path = tmp_path / "COMMIT_EDITMSG"
    path.write_text(message, encoding="utf-8")
    return subprocess.run(["bash", str(HOOK), str(path)], capture_output=True, text=True)


def test_a_short_subject_with_a_body_is_accepted(tmp_path):
    result = _check(
        tmp_path, "Name files by their filters\n\nA one-programme file looked like all.\n"
    )
    assert result.returncode == 0, result.stderr


def test_a_subject_over_72_characters_is_refused_with_its_length(tmp_path):
    result = _check(tmp_path, "x" * 73 + "\n\nWhy.\n")
    assert result.returncode == 1
    assert "73 characters" in result.stderr


def test_a_message_without_a_body_is_refused(tmp_path):
    result = _check(tmp_path, "Fix the deck\n# a comment git strips\n")
    assert result.returncode == 1
    assert "no body" in result.stderr


def test_a_body_glued_to_the_subject_is_refused(tmp_path):
    result = _check(tmp_path, "Fix the deck\nbecause it was wrong\n")
    assert result.returncode == 1
    assert "second line must be blank" in result.stderr


def test_merge_commits_keep_git_s_own_message(tmp_path):
    assert _check(tmp_path, "Merge branch 'trust'\n").returncode == 0
