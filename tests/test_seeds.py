"""A quote matches its document verbatim, forgiving only whitespace and typographic quotes
and dashes: nothing else, so a curator cannot paraphrase a number into the data."""

from __future__ import annotations

import pytest

from dashboard.curated.seeds import find_all, find_quote, normalise, read_seed

TEXT = "The UK has invested over £7 million.\nIt builds on Ruritania’s plan – signed in 2018 – and “the next one”."


def test_an_exact_quote_is_found_at_its_offsets():
    quote = "invested over £7 million"
    start, end = find_quote(TEXT, quote)
    assert TEXT[start:end] == quote


def test_a_straight_apostrophe_matches_a_typographic_one():
    start, end = find_quote(TEXT, "Ruritania's plan")
    assert TEXT[start:end] == "Ruritania’s plan"


def test_straight_double_quotes_match_curly_ones():
    assert find_quote(TEXT, '"the next one"') is not None


def test_a_hyphen_matches_an_en_dash():
    assert find_quote(TEXT, "plan - signed in 2018 - and") is not None


def test_a_line_break_and_extra_spaces_match_a_single_space():
    start, end = find_quote(TEXT, "over £7   million.\n   It builds")
    assert TEXT[start:end] == "over £7 million.\nIt builds"


@pytest.mark.parametrize(
    "quote",
    [
        "Invested over £7 million",  # case
        "invested over £7m",  # abbreviation
        "invested over £8 million",  # digits
        "invested over £7 million,",  # punctuation
        "invested over 7 million",  # currency sign
        "invested over £ 7 million",  # a space where the document has none
    ],
)
def test_anything_but_whitespace_quotes_and_dashes_must_be_as_printed(quote):
    assert find_quote(TEXT, quote) is None


def test_an_empty_quote_is_never_found():
    assert find_quote(TEXT, "   ") is None
    assert find_all(TEXT, "") == []


def test_every_place_a_quote_stands_is_found():
    text = "The two sides met. Then the two sides left; the two sides"
    assert [text[s:e] for s, e in find_all(text, "two sides")] == ["two sides"] * 3


def test_normalise_folds_whitespace_and_typographic_marks_only():
    assert (
        normalise("  “Nearly”\t£1\n\nmillion — Elbonia’s  ") == '"Nearly" £1 million - Elbonia\'s'
    )


def test_a_seed_is_read_as_utf8_text(seeds_dir):
    text = read_seed(seeds_dir, "sample_004_agreement.txt")
    assert "over £7 million" in text


def test_a_missing_seed_or_a_path_outside_seeds_reads_as_none(seeds_dir):
    assert read_seed(seeds_dir, "no-such-file.txt") is None
    assert read_seed(seeds_dir, "../pyproject.toml") is None


def test_a_seed_that_is_not_utf8_reads_as_none(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("£7 million".encode("latin-1"))
    assert read_seed(tmp_path, "latin1.txt") is None
