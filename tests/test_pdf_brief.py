"""The PDF brief, read as a reader's tools read it: poppler's pdftotext (the text a reader can
select and search), pdfinfo (pages, paper size, tags) and pdffonts (every font embedded).

Most tests set the brief without its charts (no browser needed); those marked ``chromium``
make the whole download, charts drawn by the warm renderer, as the page's button does."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest

from dashboard.analysis.frame import Filters, apply_filters, figures_frame, year_span
from dashboard.curated.version import data_version
from dashboard.outputs.export import FORMATS, ExportContext, ExportError
from dashboard.outputs.pdfbrief import MAX_PAGES, MAX_ROWS, brief
from dashboard.outputs.pdfrender import pdf_of, render
from dashboard.views.cards import headline_cards
from dashboard.web import offload, server
from dashboard.web.downloads import build_download
from dashboard.web.ids import view_download_id

DAY = dt.date(2026, 11, 22)
A4_POINTS = "595.276 x 841.89 pts (A4)"


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def pdf_text(pdf: bytes, tmp_path, page: int | None = None) -> str:
    """What pdftotext reads (content order), whitespace made single spaces: a value or title
    wrapped over two lines still reads as one."""
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf)
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return " ".join(run("pdftotext", "-raw", *pages, str(path), "-").replace("\u00a0", " ").split())


def info(pdf: bytes, tmp_path) -> dict[str, str]:
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf)
    return (
        dict(line.split(":", 1) for line in run("pdfinfo", str(path)).splitlines() if ":" in line)
        | {}
    )


def spaced(text: str) -> str:
    return " ".join(str(text).replace("\u00a0", " ").split())


def context_for(dataset, config, filters: Filters, language: str = "en", **options) -> tuple:
    figures = apply_filters(figures_frame(dataset), filters)
    context = ExportContext.for_view(
        dataset,
        filters,
        config,
        today=DAY,
        language=language,
        version=data_version(dataset),
        link="http://127.0.0.1:8050/?year_from=2022",
        **options,
    )
    figures, context = context.localized(figures)
    return figures, context


def text_only(
    dataset, config, filters: Filters, language: str = "en"
) -> tuple[bytes, object, object]:
    """The brief of ``filters`` set without its charts, with its figures and context."""
    figures, context = context_for(dataset, config, filters, language)
    return pdf_of(brief(figures, context, with_charts=False), {}), figures, context


@pytest.fixture(scope="module")
def everything(dataset):
    return Filters(*year_span(dataset))


def test_the_brief_says_every_card_number_as_the_card_words_it_and_names_each_source(
    dataset, config, everything, tmp_path
):
    pdf, figures, context = text_only(dataset, config, everything)
    text = pdf_text(pdf, tmp_path)
    cards = [
        card for card in headline_cards(figures, context.dataset, everything, lines=3) if card.lines
    ]
    assert cards, "the sample's view has figures on its cards"
    for card in (
        cards
    ):  # each card as the page's: its title, its headline's value as worded, then its period
        said = spaced(f"{card.title} {card.headline.value_text} {card.headline.period_text}")
        assert said in text, f"{said!r} is not in the brief as the card words it"
        for line in card.lines:
            assert spaced(f"{line.value_text} {line.period_text}") in text
    shown = figures.head(MAX_ROWS)
    for title in shown["source_title"].unique():
        assert spaced(title) in text


def test_the_brief_is_a4_within_two_pages_tagged_with_every_font_embedded(
    dataset, config, everything, tmp_path
):
    pdf, _, _ = text_only(dataset, config, everything)
    found = info(pdf, tmp_path)
    assert found["Page size"].strip() == A4_POINTS
    assert 1 <= int(found["Pages"]) <= MAX_PAGES
    assert (
        found["Tagged"].strip() == "yes"
    )  # a screen reader finds headings, tables and reading order
    (tmp_path / "brief.pdf").write_bytes(pdf)
    fonts = run("pdffonts", str(tmp_path / "brief.pdf")).splitlines()[2:]
    assert fonts, "the text is set in real fonts, not drawn as pictures"
    assert all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column


def test_every_page_names_its_filters_data_version_date_documents_and_a_link_back(
    dataset, config, everything, tmp_path
):
    pdf, figures, context = text_only(dataset, config, everything)
    pages = int(info(pdf, tmp_path)["Pages"])
    for page in range(1, pages + 1):
        text = pdf_text(pdf, tmp_path, page)
        assert f"Filters: {spaced(everything.describe(context.dataset))}" in text
        assert f"Data version {data_version(dataset)}" in text
        assert "Made 22 Nov 2026" in text
        assert "Documents cited: " + spaced(figures["source_title"].iloc[0]) in text
        assert "View online: http://127.0.0.1:8050/?year_from=2022" in text
        assert f"{page} / {pages}" in text


def test_the_vietnamese_brief_is_in_vietnamese_with_its_numbers_as_the_vietnamese_cards_word_them(
    dataset, config, everything, tmp_path
):
    pdf, figures, context = text_only(dataset, config, everything, "vi")
    text = pdf_text(pdf, tmp_path)
    assert (
        "Bộ lọc: " in text
        and f"Phiên bản dữ liệu {data_version(dataset)}" in text
        and "Tạo ngày 22/11/2026" in text
    )
    assert "Số liệu chính" in text and "Số liệu và nguồn" in text
    assert "Filters:" not in text and "Headline figures" not in text
    for card in headline_cards(figures, context.dataset, everything, lines=3):
        assert spaced(card.title) in text
        for line in card.lines:
            assert (
                spaced(f"{line.value_text} {line.period_text}") in text
            )  # "hơn 7 triệu bảng Anh 2018 – tháng 3/2025, lũy kế"
    assert "\ufffd" not in text and "?" not in re.sub(
        r"https?://\S+", "", text
    )  # no letter the fonts lacked


def test_an_empty_view_says_so_and_each_card_says_what_it_is_empty_for(dataset, config, tmp_path):
    pdf, figures, context = text_only(dataset, config, Filters(1990, 1990))
    assert figures.empty
    text = pdf_text(pdf, tmp_path)
    assert "This view holds no figures or events: there is nothing to chart." in text
    for card in headline_cards(figures, context.dataset, Filters(1990, 1990)):
        assert spaced(card.empty_message) in text
    assert "Documents cited: none" in text


def test_a_table_cut_short_says_how_many_more_figures_the_files_hold(
    dataset, config, everything, tmp_path
):
    figures, context = context_for(dataset, config, everything)
    whole = brief(figures, context, with_charts=False)
    assert 2 < len(whole.rows) <= MAX_ROWS
    cut = whole.pick(2, ())
    text = pdf_text(render(cut, {}).write_pdf(), tmp_path)
    left = cut.rows_left
    assert left == whole.rows_left + len(whole.rows) - 2
    assert f"and {left} more figures in the CSV, Excel and deck downloads" in text


def test_the_pdf_download_is_drawn_apart_and_bounded_like_the_deck():
    assert FORMATS["pdf"].renders and FORMATS["pdf"].kind == "view"
    assert "pdf" in offload.RENDER_KINDS
    assert (
        f"{view_download_id('pdf')}.n_clicks" in server._render_buttons()
    )  # refused with 429 beyond the bound


def test_the_brief_refuses_an_image_size_because_it_is_always_a4(dataset, config, everything):
    figures, context = context_for(dataset, config, everything, size="hd")
    with pytest.raises(ExportError, match="the brief is always A4"):
        FORMATS["pdf"](figures, context)


@pytest.mark.chromium  # draws the charts with headless Chromium
@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_pdf_download_holds_the_charts_as_text_and_keeps_to_two_pages(
    dataset, config, everything, tmp_path, language
):
    from dashboard.views.charts import CHARTS

    name, pdf = build_download(
        "pdf",
        everything,
        dataset,
        config,
        today=DAY,
        words=language,
        site="https://example.org/figures/",
    )
    assert str(name).endswith("_2026-11-22.pdf") and pdf.startswith(b"%PDF-")
    found = info(pdf, tmp_path)
    assert int(found["Pages"]) <= MAX_PAGES and found["Page size"].strip() == A4_POINTS
    text = pdf_text(pdf, tmp_path)
    from dashboard.words import Words

    titles = [spaced(Words(language).text(spec.title, "charts")) for spec in CHARTS.values()]
    assert any(title in text for title in titles), (
        "at least one chart, its title and labels as text"
    )
    # the link writes the years always, so it keeps meaning them as documents are added
    link = (
        f"https://example.org/figures/?year_from={everything.year_from}&year_to={everything.year_to}"
        + ("&lang=vi" if language == "vi" else "")
    )
    pages = int(found["Pages"])
    for page in range(1, pages + 1):
        said = pdf_text(pdf, tmp_path, page)
        assert data_version(dataset) in said and link in said and f"{page} / {pages}" in said


def test_a_chart_too_long_for_two_pages_is_left_out_and_named_while_a_later_shorter_one_is_kept(
    dataset, config, everything, tmp_path
):
    from dataclasses import replace

    from dashboard.outputs.pdfbrief import BriefChart
    from dashboard.outputs.pdfrender import fit

    def picture(
        height: int,
    ) -> bytes:  # a plain drawing of a chart's size: what is measured here is the layout
        return f'<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="{height}"><rect width="1920" height="{height}" fill="#ccc"/></svg>'.encode()

    figures, context = context_for(dataset, config, everything)
    whole = replace(
        brief(figures, context, with_charts=False),
        charts=(
            BriefChart(
                "tall",
                "A chart of three slides",
                ({}, {}, {}),
                ("Tall (1 of 3)", "Tall (2 of 3)", "Tall (3 of 3)"),
            ),
            BriefChart("short", "A short chart", ({},), ("A short chart",)),
        ),
    )
    pictures = {"tall": [picture(1000)] * 3, "short": [picture(300)]}
    pdf = fit(whole, pictures)[1].write_pdf()
    text = pdf_text(pdf, tmp_path)
    assert int(info(pdf, tmp_path)["Pages"]) <= MAX_PAGES
    assert "Not drawn here, to keep the brief to two pages: A chart of three slides." in text
    assert "A short chart" in text and "Tall (1 of 3)" not in text


@pytest.mark.chromium  # draws the charts with headless Chromium
def test_the_cli_brief_is_the_same_file_as_the_page_s_for_the_same_view_address_and_day(
    dataset, config, tmp_path
):
    from pathlib import Path

    from click.testing import CliRunner

    from dashboard.analysis.filters import default_filters
    from dashboard.cli import main
    from dashboard.web.downloads import site_address

    sample = Path(__file__).resolve().parent / "fixtures" / "sample"
    out = tmp_path / "cli.pdf"
    result = CliRunner().invoke(
        main,
        [
            "export",
            "--format",
            "pdf",
            "-o",
            str(out),
            "--data",
            str(sample / "data"),
            "--seeds",
            str(sample / "seeds"),
        ],
    )
    assert result.exit_code == 0, result.output
    _, page = build_download(
        "pdf",
        default_filters(dataset, config.defaults),
        dataset,
        config,
        today=dt.date.today(),
        site=site_address(config),
    )
    assert (
        page == out.read_bytes()
    )  # no clock, random id or path in the file: the same view gives the same bytes


def test_a_site_s_public_address_is_the_link_every_file_writes(
    dataset, config, everything, tmp_path
):
    """``serving.public_url`` (a site behind a proxy) is where the brief's link points, with no
    request needed: the page's download, a job and ``dashboard export`` write the same link."""
    from dataclasses import replace

    public = replace(
        config, serving=replace(config.serving, public_url="https://example.org/figures/")
    )
    _, pdf = build_download("pdf", everything, dataset, public, today=DAY, words="en")
    said = " ".join(pdf_text(pdf, tmp_path).split())
    assert f"https://example.org/figures/?year_from={everything.year_from}" in said
