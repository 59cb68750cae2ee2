"""Cite this number: the citation of a figure's source document in plain author–date text and
BibTeX, in English and Vietnamese, its dated permalink, `dashboard cite`, and the data files'
citation column."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from urllib.parse import parse_qs, urlsplit

from click.testing import CliRunner

from dashboard.cli import main
from dashboard.curated.records import DatePrecision, FlexDate, Source
from dashboard.views.citation import bibtex_key, cite, cite_bibtex, cite_text, permalink
from dashboard.words import Words

from tests.conftest import SAMPLE_DIR

VI = Words("vi")


def source(**changes) -> Source:
    fields = dict(
        file="101_example.txt",
        title="Ministry of Examples signs memorandum",
        publisher="Ministry of Examples",
        published=FlexDate(dt.date(2018, 11, 1), DatePrecision.MONTH),
        url="https://example.org/news/101",
    )
    return Source(**{**fields, **changes})


def bibtex_fields(entry: str) -> tuple[str, str, dict[str, str]]:
    """Entry type, key and fields of one BibTeX entry, read as BibTeX reads it: braces balance,
    every field is ``name = {…}`` or a bare month macro, and no TeX special character is left
    unescaped inside a value."""
    match = re.fullmatch(r"@(\w+)\{([^,\s{}]+),\n(.*)\n\}", entry, re.S)
    assert match, entry
    kind, key, body = match.groups()
    fields, depth, name, value = {}, 0, None, ""
    for line in body.split(",\n"):
        if depth == 0:
            name, _, value = line.strip().partition(" = ")
        else:
            value += ",\n" + line
        depth = value.count("{") - value.count("\\{") - (value.count("}") - value.count("\\}"))
        assert depth >= 0, entry
        if depth == 0:
            fields[name] = value
    assert depth == 0, entry
    for name, value in fields.items():
        assert value.startswith("{") or re.fullmatch(r"[a-z]{3}", value), (name, value)
        plain = re.sub(r"\\(textbackslash\{\}|[{}%&$#_]|\^\{\}|~\{\})", "", value)
        assert not re.search(r"[%&$#_^~\\]", plain), (name, value)
    return kind, key, fields


def test_a_citation_names_the_publisher_year_title_date_as_stated_address_and_when_it_was_read():
    text = cite_text(source(accessed=dt.date(2026, 11, 1)))
    assert text.startswith("Ministry of Examples (2018). Ministry of Examples signs memorandum.")
    assert "Published: Nov 2018." in text and "Available at: https://example.org/news/101." in text
    assert text.endswith("Accessed: 1 Nov 2026.")


def test_a_citation_says_what_is_not_recorded_instead_of_inventing_it():
    text = cite_text(source(url=None, accessed=None))
    assert "No web address recorded." in text and "Date accessed not recorded." in text
    assert "Accessed:" not in text and "http" not in text


def test_an_inferred_or_undated_date_is_said_to_be_one():
    inferred = cite_text(source(published_how="inferred", published_basis="from the address"))
    assert "Published: Nov 2018 (inferred)." in inferred
    undated = cite_text(source(published_how="undated", accessed=dt.date(2026, 11, 1)))
    assert undated.startswith("Ministry of Examples (n.d.).") and "Published: undated." in undated
    assert "2018" not in undated


def test_a_document_without_a_named_publisher_is_cited_by_its_title():
    text = cite_text(source(publisher="Publisher not named in the document"))
    assert text.startswith(
        "Ministry of Examples signs memorandum (2018). Publisher not named in the document."
    )
    assert "author" not in cite_bibtex(source(publisher="Publisher not named in the document"))


def test_the_vietnamese_citation_has_vietnamese_labels_and_dates():
    text = cite_text(source(accessed=dt.date(2026, 11, 3)), VI)
    assert "Ngày đăng: tháng 11/2018." in text and "Địa chỉ: https://example.org/news/101." in text
    assert text.endswith("Truy cập ngày 3/11/2026.")
    assert "Chưa ghi ngày truy cập." in cite_text(source(), VI)
    assert "Published" not in text and "Accessed" not in text


def test_bibtex_is_one_valid_entry_with_the_year_and_month_the_document_gives():
    kind, key, fields = bibtex_fields(cite_bibtex(source(accessed=dt.date(2026, 11, 1))))
    assert kind == "misc" and key == bibtex_key(source())
    assert (
        fields["author"] == "{{Ministry of Examples}}"
        and fields["title"] == "{{Ministry of Examples signs memorandum}}"
    )
    assert fields["year"] == "{2018}" and fields["month"] == "nov"
    assert fields["url"] == "{https://example.org/news/101}" and fields["urldate"] == "{2026-11-01}"
    _, _, only_year = bibtex_fields(
        cite_bibtex(source(published=FlexDate(dt.date(2018, 1, 1), DatePrecision.YEAR)))
    )
    assert only_year["year"] == "{2018}" and "month" not in only_year
    _, _, undated = bibtex_fields(cite_bibtex(source(published_how="undated")))
    assert "year" not in undated and "undated" in undated["note"]


def test_bibtex_escapes_every_tex_special_character_of_a_title_and_an_address():
    odd = source(
        title="50% of £1m & #1_{costs}^2 ~ \\ $x$",
        publisher="A & B",
        url="https://example.org/a%20b#part{1}",
    )
    _, _, fields = bibtex_fields(cite_bibtex(odd))
    assert r"50\% of £1m \& \#1\_\{costs\}\^{}2 \~{} \textbackslash{} \$x\$" in fields["title"]
    assert fields["url"] == r"{https://example.org/a\%20b\#part\%7B1\%7D}"


def test_the_bibtex_key_stays_with_the_document_when_its_record_is_corrected():
    assert bibtex_key(source()) == bibtex_key(
        source(title="Corrected title", publisher="Another body")
    )
    assert bibtex_key(source()) != bibtex_key(source(file="102_other.txt"))


def test_the_vietnamese_bibtex_notes_the_date_in_vietnamese():
    _, _, fields = bibtex_fields(cite_bibtex(source(published_how="inferred"), VI))
    assert "Ngày đăng: tháng 11/2018 (suy đoán)." in fields["note"]


def test_a_figure_and_an_event_are_cited_by_their_own_source(dataset):
    for record in (dataset.figures[0], dataset.events[0]):
        document = dataset.source(record.source)
        citation = cite(dataset, record.id)
        assert citation.source == document.file and document.title in citation.text


def test_the_permalink_keeps_the_view_and_names_the_figure_and_the_data_version():
    link = permalink(
        "http://example.org/dash/?year_from=2022&lang=vi&highlight=old&v=000000000000",
        "fig-1",
        "abcdef012345",
    )
    parts = urlsplit(link)
    assert parts.netloc == "example.org" and parts.path == "/dash/"
    assert parse_qs(parts.query) == {
        "year_from": ["2022"],
        "lang": ["vi"],
        "highlight": ["fig-1"],
        "v": ["abcdef012345"],
    }


# --- dashboard cite -------------------------------------------------------------------------

SAMPLE = ["--data", str(SAMPLE_DIR / "data"), "--seeds", str(SAMPLE_DIR / "seeds")]


def invoke(*args: str):
    return CliRunner().invoke(main, [*args, *SAMPLE])


def test_dashboard_cite_prints_the_citation_and_a_link_that_opens_the_figure(dataset):
    figure = dataset.figures[0]
    result = invoke("cite", figure.id, "--base", "https://dash.example.org/")
    assert result.exit_code == 0, result.output
    text, link = result.output.strip().split("\n")
    assert text == cite_text(dataset.source(figure.source))
    url = link.removeprefix("Link to this figure: ")
    query = parse_qs(urlsplit(url).query)
    assert url.startswith("https://dash.example.org/?") and query["highlight"] == [figure.id]
    assert re.fullmatch(r"[0-9a-f]{12}", query["v"][0])


def test_dashboard_cite_in_vietnamese_and_as_bibtex(dataset):
    figure = dataset.figures[0]
    vi = invoke("cite", figure.id, "--lang", "vi")
    assert (
        vi.exit_code == 0
        and "Ngày đăng:" in vi.output
        and "Đường dẫn tới số liệu này:" in vi.output
    )
    assert "lang=vi" in vi.output
    bib = invoke("cite", figure.id, "--style", "bibtex")
    assert bib.exit_code == 0
    kind, key, _ = bibtex_fields(bib.output.strip())
    assert kind == "misc" and key == bibtex_key(dataset.source(figure.source))


def test_dashboard_cite_of_an_unknown_id_names_the_closest_ids(dataset):
    figure = dataset.figures[0]
    result = invoke("cite", figure.id[:-2] + "xx")
    assert result.exit_code == 2
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    assert (
        f"no figure or event '{figure.id[:-2]}xx'" in result.output and figure.id in result.output
    )


# --- the data files' citation column ---------------------------------------------------------


def test_every_csv_row_carries_the_citation_of_its_source(dataset):
    from dashboard.outputs.export import FORMATS, ExportContext
    from dashboard.analysis.frame import figures_frame

    frame = figures_frame(dataset)
    rows = list(
        csv.DictReader(
            io.StringIO(FORMATS["csv"](frame, ExportContext(dataset=dataset)).decode("utf-8-sig"))
        )
    )
    assert rows and all(row["citation"] == cite_text(dataset.source(row["source"])) for row in rows)


def test_every_xlsx_figure_row_carries_the_citation_of_its_source(dataset):
    import openpyxl

    from dashboard.analysis.frame import figures_frame
    from dashboard.outputs.export import FORMATS, ExportContext

    frame = figures_frame(dataset)
    sheet = openpyxl.load_workbook(
        io.BytesIO(FORMATS["xlsx"](frame, ExportContext(dataset=dataset)))
    )["Data"]  # every CSV column
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, (cell.value for cell in row))) for row in sheet.iter_rows(min_row=2)]
    assert rows and all(row["citation"] == cite_text(dataset.source(row["source"])) for row in rows)
