"""Slides stay readable as documents are added: a chart whose bars do not fit one slide at
14 pt continues on further slides ("Funding by programme (1 of 2)"), each row on exactly one,
with no category label over another or over a panel title, a split panel keeping one value
scale, and each part citing only its own bars' documents. Runs on a made-up frame of many
bars built from the fictional claims fixture."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from dashboard.analysis.frame import (
    Filters,
    apply_event_filters,
    apply_filters,
    events_frame,
    figures_frame,
    year_span,
)
from dashboard.curated.validate import load_valid
from dashboard.outputs import images
from dashboard.outputs.export import FORMATS, ExportContext
from dashboard.outputs.slidefit import panel_notes
from dashboard.views import charts

CLAIMS = Path(__file__).resolve().parent / "fixtures" / "claims"
MADE = dt.date(2026, 11, 30)
FONT_PX = 28  # 14 pt on a 1920 px slide
LINE = 1.3  # plotly sets tick label lines 1.3 em apart


@pytest.fixture(scope="module")
def claims():
    return load_valid(CLAIMS / "data", CLAIMS / "seeds")


def many_bars(dataset, bars: int, scopes: int) -> tuple[pd.DataFrame, pd.DataFrame, Filters]:
    """``bars`` funding figures of made-up programmes in ``scopes`` scopes, each from its own document."""
    filters = Filters(*year_span(dataset))
    frame = figures_frame(dataset)
    base = frame[frame["id"] == "pledge-2020-2022"]
    rows = []
    for k in range(bars):
        row = base.copy()
        row["id"] = row["quantity_group"] = row["same_group"] = f"made-up-{k}"
        row["scope"], row["scope_label"] = f"scope_{k % scopes}", f"Made-up scope {k % scopes}"
        row["programme"] = f"made-up-programme-{k}"
        row["programme_name"] = (
            f"Made-up programme number {k} against organised immigration crime across the region"
        )
        row["value"] = row["value_low"] = row["value_high"] = float(k + 1) * 1e6
        row["value_label"] = f"£{k + 1}m"
        row["source"] = f"made-up-document-{k}.txt"
        for column in (
            "relation",
            "related_ids",
            "part_of",
            "same_as",
            "updates",
            "disagrees_with",
        ):
            row[column] = pd.NA
        rows.append(row)
    figures = pd.concat(rows, ignore_index=True)
    return figures, apply_event_filters(events_frame(dataset), filters), filters


def parts_of(name, dataset, config, figures, events, filters, **options):
    return images.slide_parts(
        name, figures, events, dataset, filters, config, made_on=MADE, **options
    )


def _px(layout):
    """Paper y → pixels from the image's top, for the plot area of ``layout``."""
    top, plot_h = (
        layout["margin"]["t"],
        layout["height"] - layout["margin"]["t"] - layout["margin"]["b"],
    )
    return lambda y: top + (1 - y) * plot_h


def label_boxes(layout) -> list[tuple[float, float, str]]:
    """Each category label's estimated vertical extent (top, bottom, text) in pixels."""
    to_px = _px(layout)
    boxes = []
    for key, axis in layout.items():
        if not (
            key.startswith("yaxis") and isinstance(axis, dict) and axis.get("type") == "category"
        ):
            continue
        low, high = (float(v) for v in axis["range"])
        d0, d1 = axis.get("domain", [0, 1])
        for i, text in enumerate(axis["ticktext"]):
            centre = to_px(d0 + (d1 - d0) * (low - i) / (low - high))
            lines = str(text).count("<br>") + 1
            half = ((lines - 1) * LINE + 1.0) * FONT_PX / 2
            boxes.append((centre - half, centre + half, str(text)))
    return boxes


def title_boxes(layout) -> list[tuple[float, float, str]]:
    """Each panel title's vertical extent: one line sitting on its panel's top edge."""
    to_px = _px(layout)
    boxes = []
    for a in layout["annotations"]:
        if a.get("name") == "panel-title":
            axis = layout["yaxis" + a["yref"].split(" ")[0][1:]]
            top = to_px(axis["domain"][1])
            boxes.append((top - 1.2 * FONT_PX, top, a["text"]))
    return boxes


def overlaps(a, b) -> bool:
    return a[0] < b[1] - 0.5 and b[0] < a[1] - 0.5


def test_ten_bars_in_five_panels_continue_on_numbered_slides_each_bar_on_exactly_one(
    claims, config
):
    figures, events, filters = many_bars(claims, bars=10, scopes=5)
    parts = parts_of("funding", claims, config, figures, events, filters)
    assert len(parts) > 1
    assert [p.text.title for p in parts] == [
        f"Funding by programme ({k} of {len(parts)})" for k in range(1, len(parts) + 1)
    ]
    drawn = [i for p in parts for i in p.ids]
    assert sorted(drawn) == sorted(charts.plotted_rows("funding", figures, events)["id"]) and len(
        set(drawn)
    ) == len(drawn)
    for part in parts:  # each part draws exactly its rows
        shown = [
            str(i)
            for k, a in part.figure["layout"].items()
            if k.startswith("yaxis")
            for i in a.get("tickvals", [])
        ]
        assert sorted(shown) == sorted(part.ids)


@pytest.mark.parametrize("bars, scopes", [(10, 5), (10, 1), (6, 3)])
def test_no_category_label_overlaps_another_or_a_panel_title(claims, config, bars, scopes):
    figures, events, filters = many_bars(claims, bars, scopes)
    for part in parts_of("funding", claims, config, figures, events, filters):
        layout = part.figure["layout"]
        labels, titles = label_boxes(layout), title_boxes(layout)
        assert labels
        for i, a in enumerate(labels):
            assert not [b[2] for b in labels[i + 1 :] if overlaps(a, b)], (
                f"{part.text.title}: {a[2]} overlaps"
            )
            assert not [t[2] for t in titles if overlaps(a, t)], (
                f"{part.text.title}: {a[2]} overlaps a panel title"
            )
        to_px = _px(layout)
        panels = [
            (to_px(ax["domain"][1]), to_px(ax["domain"][0]) + 1.3 * FONT_PX)
            for k, ax in layout.items()
            if k.startswith("yaxis") and isinstance(ax, dict) and ax.get("domain")
        ]
        for title in titles:  # a title sits in the gap: clear of every panel's bars and tick labels
            assert not [p for p in panels if overlaps(title, p)], (
                f"{part.text.title}: {title[2]} is over a panel"
            )


def test_a_panel_split_across_slides_keeps_one_value_scale_and_says_continued(claims, config):
    figures, events, filters = many_bars(claims, bars=10, scopes=1)
    parts = parts_of("funding", claims, config, figures, events, filters)
    assert len(parts) > 1
    ranges = {tuple(p.figure["layout"]["xaxis"]["range"]) for p in parts}
    assert len(ranges) == 1
    titles = [
        [a["text"] for a in p.figure["layout"]["annotations"] if a.get("name") == "panel-title"]
        for p in parts
    ]
    assert all(len(t) == 1 for t in titles)
    assert "(continued)" not in titles[0][0] and all(
        t[0].endswith("(continued)") for t in titles[1:]
    )


def test_each_part_cites_only_the_documents_of_its_bars(claims, config):
    figures, events, filters = many_bars(claims, bars=10, scopes=5)
    for part in parts_of("funding", claims, config, figures, events, filters):
        cited = {f"made-up-document-{i.rsplit('-', 1)[1]}.txt" for i in part.ids}
        named = {d for d in figures["source"] if d in part.text.source}
        assert named == cited


def test_panels_that_count_the_same_thing_share_one_note_under_the_chart():
    detail = "<span style='color:#555'>Pounds invested or committed — counted by</span><br><span style='color:#555'>UK Government</span>"
    titles = [{"name": "panel-title", "text": f"Funding · Scope {k}<br>{detail}"} for k in "ABC"]
    assert panel_notes(titles) == [
        "Funding (all panels): Pounds invested or committed — counted by UK Government."
    ]
    assert [t["text"] for t in titles] == [
        "Funding · Scope A",
        "Funding · Scope B",
        "Funding · Scope C",
    ]
    other = {"name": "panel-title", "text": "Returns · Scope A<br><span>People returned</span>"}
    assert panel_notes(
        [*[dict(t, text=f"Funding · Scope {k}<br>{detail}") for k, t in zip("AB", titles)], other]
    ) == [
        "Funding (Scope A, Scope B): Pounds invested or committed — counted by UK Government.",
        "Returns · Scope A: People returned.",
    ]


def test_a_png_export_of_a_chart_on_several_slides_is_a_zip_of_every_slide_for_a_caller_that_names_it_zip(
    claims, config, monkeypatch
):
    figures, events, filters = many_bars(claims, bars=10, scopes=5)
    monkeypatch.setattr(
        images,
        "render_images",
        lambda figs, **_: [f"slide {i}".encode() for i, _ in enumerate(figs)],
    )
    monkeypatch.setattr(ExportContext, "events", lambda self: events)
    context = ExportContext.for_view(
        claims, filters, config, chart="funding", today=MADE, zip_parts=True
    )
    content = FORMATS["png"](figures, context)
    assert (
        FORMATS["png"].extension_for(content) == "zip"
        and FORMATS["png"].mime_for(content) == "application/zip"
    )
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    count = len(content.parts)
    assert count > 1 and names == [
        f"funding-by-programme_{filters.year_from}-{filters.year_to}_2026-11-30-{k}-of-{count}.png"
        for k in range(1, count + 1)
    ]


@pytest.mark.parametrize("layout", ["image", "deck"])
def test_every_shipped_chart_is_one_slide_when_it_fits_and_each_bar_is_on_one_slide(
    shipped_dataset, config, layout
):
    """An invariant of the shipped data, whatever documents it holds: a chart whose rows fit one
    slide (an image, or a deck's picture under its title) is one slide, and no bar is on two."""
    from dashboard.outputs import deck

    size = (
        (1920, 1080)
        if layout == "image"
        else (
            deck.PICTURE_W_PX,
            round(deck.PICTURE_W_PX * (deck.SLIDE_H_IN - deck.PICTURE_TOP_IN) / deck.SLIDE_W_IN),
        )
    )
    options = {} if layout == "image" else {"title": False, "scale": 1.0}
    filters = Filters(*year_span(shipped_dataset))
    figures = apply_filters(figures_frame(shipped_dataset), filters)
    events = apply_event_filters(events_frame(shipped_dataset), filters)
    for name in charts.CHARTS:
        fit: dict = {}
        images.compose(
            charts.build_chart(
                name, figures, events, shipped_dataset, config.theme, filters
            ).to_dict(),
            images.slide_text(name, figures, events, shipped_dataset, filters, config, MADE),
            config,
            size,
            fit=fit,
            **options,
        )
        parts = parts_of(
            name, shipped_dataset, config, figures, events, filters, size=size, **options
        )
        drawn = [i for p in parts for i in p.ids]
        assert len(drawn) == len(set(drawn))
        if fit.get("spare", 0) >= 0:
            assert len(parts) == 1 and parts[0].text.title == charts.CHARTS[name].title


def test_the_deck_gives_each_part_a_slide_titled_k_of_n_with_its_own_alt_text_and_notes(
    claims, config, monkeypatch
):
    from PIL import Image
    from pptx import Presentation

    from dashboard.outputs import deck

    figures, events, filters = many_bars(claims, bars=10, scopes=5)
    blank = io.BytesIO()
    Image.new("RGB", (1920, 1045), "white").save(blank, format="PNG")
    monkeypatch.setattr(images, "prewarm", lambda: None)
    monkeypatch.setattr(images, "render_images", lambda figs, **_: [blank.getvalue()] * len(figs))
    slides = Presentation(
        io.BytesIO(deck.build_deck(figures, events, claims, filters, config, made_on=MADE))
    ).slides
    funding = [
        s
        for s in slides
        if s.shapes.title is not None and s.shapes.title.text.startswith("Funding by programme")
    ]
    count = len(funding)
    assert count > 1 and [s.shapes.title.text for s in funding] == [
        f"Funding by programme ({k} of {count})" for k in range(1, count + 1)
    ]
    said = []
    for slide in funding:
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.startswith(slide.shapes.title.text)
        alt = chart_alt(slide)
        said.append({k for k in range(10) if f"number {k} " in alt})
        assert {k for k in range(10) if f"number {k} " in notes} == said[-1]
    assert sorted(k for s in said for k in s) == list(range(10))


def chart_alt(slide) -> str:
    """The alt text of a slide's chart: its picture's, or its first native chart's."""
    from pptx.oxml.ns import qn

    [alt, *_] = [e.get("descr") for e in slide.shapes._spTree.iter(qn("p:cNvPr")) if e.get("descr")]
    return alt


def test_the_cli_writes_a_file_per_slide_for_a_chart_on_several_slides_and_keeps_the_name_of_one_that_fits(
    tmp_path, monkeypatch, data_dir, seeds_dir
):
    import dataclasses

    from click.testing import CliRunner

    from dashboard.cli import main
    from dashboard.outputs import export as exporters
    from dashboard.outputs.formats import SlidesArchive

    def draw(
        figures, context
    ):  # funding needs two slides (as a ZIP only for a caller that takes one); every other chart fits one
        if context.chart != "funding":
            return b"whole"
        if not context.zip_parts:
            raise exporters.ExportError("Funding by programme needs 2 slides")
        return SlidesArchive(b"zip", [b"first", b"second"])

    monkeypatch.setitem(
        exporters.FORMATS, "png", dataclasses.replace(exporters.FORMATS["png"], export=draw)
    )
    monkeypatch.setattr(images, "find_browser", lambda: "chromium")
    config = Path(__file__).resolve().parents[1] / "config.yaml"
    result = CliRunner().invoke(
        main,
        [
            "export",
            "--format",
            "png",
            "-o",
            str(tmp_path),
            "--data",
            str(data_dir),
            "--seeds",
            str(seeds_dir),
            "--config",
            str(config),
        ],
    )
    assert result.exit_code == 0, result.output
    written = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    funding = sorted(n for n in written if n.startswith("funding-by-programme"))
    assert [n.rsplit("_", 1)[1] for n in funding] == [
        f"{dt.date.today().isoformat()}-{k}-of-2.png" for k in (1, 2)
    ]
    assert [written[n] for n in funding] == [b"first", b"second"]
    others = [n for n in written if n not in funding]
    assert others and all(
        written[n] == b"whole" and not re.search(r"-\d+-of-\d+\.png$", n) for n in others
    )


def test_a_zip_of_slides_crosses_a_process_boundary_whole():
    """A render process sends its file back pickled: the archive keeps its parts and its .zip."""
    import pickle

    from dashboard.outputs.formats import SlidesArchive

    back = pickle.loads(pickle.dumps(SlidesArchive(b"PK zip", [b"one", b"two"])))
    assert (
        isinstance(back, SlidesArchive)
        and bytes(back) == b"PK zip"
        and back.parts == [b"one", b"two"]
    )
    assert (
        FORMATS["svg"].extension_for(back) == "zip"
        and FORMATS["svg"].extension_for(b"<svg/>") == "svg"
    )


def test_every_part_of_a_capped_chart_says_it_is_capped_under_the_chart_not_over_its_bars(
    claims, config
):
    figures, events, filters = many_bars(claims, bars=12, scopes=3)
    note = charts.cap_note("funding", figures, events)
    assert note  # twelve bars: the chart draws the ten largest
    parts = parts_of("funding", claims, config, figures, events, filters)
    assert len(parts) > 1 and len([i for p in parts for i in p.ids]) == 10
    for part in parts:
        annotations = part.figure["layout"]["annotations"]
        assert not [a for a in annotations if a.get("name") == "cap-note"]
        footer = " ".join(
            a["text"] for a in annotations if a.get("name") == "slide-footer"
        ).replace("<br>", " ")
        assert note.split(" (")[0] in footer and note in part.text.notes


def test_a_caller_that_cannot_take_a_zip_is_told_the_chart_needs_several_slides_never_given_one_of_them(
    claims, config, monkeypatch
):
    from dashboard.outputs.errors import ExportError

    figures, events, filters = many_bars(claims, bars=10, scopes=5)
    monkeypatch.setattr(
        images,
        "render_images",
        lambda figs, **_: [f"slide {i}".encode() for i, _ in enumerate(figs)],
    )
    monkeypatch.setattr(ExportContext, "events", lambda self: events)
    context = ExportContext.for_view(claims, filters, config, chart="funding", today=MADE)
    with pytest.raises(
        ExportError,
        match=r"^Funding by programme needs \d+ slides to stay readable at 14 pt; download the deck",
    ):
        FORMATS["svg"](figures, context)
    fits = many_bars(claims, bars=2, scopes=1)
    monkeypatch.setattr(ExportContext, "events", lambda self: fits[1])
    assert (
        FORMATS["svg"](
            fits[0], ExportContext.for_view(claims, fits[2], config, chart="funding", today=MADE)
        )
        == b"slide 0"
    )
