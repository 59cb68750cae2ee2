"""The deck on the user's own template: its slide size, layouts, theme fonts and colours, with
every slide's text fitting its box in the template's fonts and no shape off a slide; a
template that cannot be used is one clear line, never a traceback.

The template is made here: python-pptx's own default (4:3, 10 × 7.5 in) with other theme
fonts (DejaVu Serif headings, DejaVu Sans body: wider than Arial) and a sample slide of its own.
Pictures are blank PNGs: these tests read boxes and words, not pixels."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from pptx import Presentation
from pptx.util import Emu

from dashboard.cli import main
from dashboard.outputs.decktables import CELL_MARGIN_Y_IN, LINE_SPACING
from dashboard.outputs.decktemplate import check_template
from dashboard.outputs.errors import ExportError
from dashboard.outputs.textfit import wrap_lines
from tests.test_deck_native import made, native_charts

HEADINGS, BODY = "DejaVu Serif", "DejaVu Sans"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
EMU_PER_INCH = 914400


def make_template(path: Path, *, keep_layouts=lambda layout: True, sample: bool = True) -> Path:
    """A 4:3 template with other theme fonts and a ``sample`` slide; ``keep_layouts`` drops layouts."""
    template = Presentation()
    theme = next(
        r.target_part
        for r in template.slide_masters[0].part.rels.values()
        if r.reltype.endswith("/theme")
    )
    root = etree.fromstring(theme.blob)
    root.find(f".//{{{A}}}majorFont/{{{A}}}latin").set("typeface", HEADINGS)
    root.find(f".//{{{A}}}minorFont/{{{A}}}latin").set("typeface", BODY)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if sample:
        template.slides.add_slide(template.slide_layouts[1]).shapes.title.text = "Our sample slide"
    for layout in list(template.slide_layouts):
        if not keep_layouts(layout) and not layout.used_by_slides:
            template.slide_layouts.remove(layout)
    template.save(path)
    return path


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return make_template(tmp_path_factory.mktemp("template") / "ours.pptx")


@pytest.fixture(scope="module")
def templated(dataset, config, template):
    data, _ = made(dataset, config, template=template)
    return data, Presentation(io.BytesIO(data))


def inches(emu) -> float:
    return emu / EMU_PER_INCH


def font_of(run) -> str:
    """The font a run is set in: the theme's heading or body font, or one named on the run."""
    return {"+mj-lt": HEADINGS, "+mn-lt": BODY}.get(run.font.name, run.font.name or BODY)


def needed_height(frame, width_in: float) -> float:
    """The height ``frame``'s paragraphs take at their runs' sizes, wrapped to ``width_in`` in their fonts."""
    height = 0.0
    for paragraph in frame.paragraphs:
        if not paragraph.runs:
            continue
        first = paragraph.runs[0]
        size = max(r.font.size.pt for r in paragraph.runs if r.font.size)
        lines = wrap_lines(paragraph.text, width_in, size, bool(first.font.bold), font_of(first))
        height += len(lines) * size * LINE_SPACING / 72 + (
            paragraph.space_after.pt / 72 if paragraph.space_after else 0
        )
    return height


def test_the_deck_takes_the_templates_4_by_3_size_and_leaves_out_its_sample_slide(
    templated, slide_text
):
    _, deck = templated
    assert (deck.slide_width, deck.slide_height) == (Emu(9144000), Emu(6858000))  # 10 × 7.5 in
    assert not any("Our sample slide" in slide_text(slide) for slide in deck.slides)
    assert "Sources and quotes" in slide_text(deck.slides[-1])


def test_no_shape_runs_off_a_slide_of_the_template(templated):
    _, deck = templated
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert (
                shape.left + shape.width <= deck.slide_width
                and shape.top + shape.height <= deck.slide_height
            ), (number, shape.name)


def test_every_text_on_every_slide_fits_its_box_in_the_templates_fonts(templated):
    _, deck = templated
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                frame = shape.text_frame
                inner_w = inches(shape.width - frame.margin_left - frame.margin_right)
                inner_h = inches(shape.height - frame.margin_top - frame.margin_bottom)
                if frame.word_wrap is False:  # a one-line key: its width holds it
                    assert all(
                        len(wrap_lines(p.text, inner_w, 14, family=BODY)) == 1
                        for p in frame.paragraphs
                    ), (number, shape.name)
                    continue
                assert needed_height(frame, inner_w) <= inner_h + 0.02, (
                    number,
                    shape.name,
                    frame.text[:60],
                )
            if getattr(shape, "has_table", False) and shape.has_table:
                table = shape.table
                for r, row in enumerate(table.rows):
                    for c, cell in enumerate(row.cells):
                        width = inches(
                            table.columns[c].width - cell.margin_left - cell.margin_right
                        )
                        assert (
                            needed_height(cell.text_frame, width) + 2 * CELL_MARGIN_Y_IN
                            <= inches(row.height) + 0.01
                        ), (number, r, c)


def test_text_is_set_in_the_templates_theme_fonts_and_charts_in_its_theme_colours(templated):
    data, deck = templated
    fonts = {
        run.font.name
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    }
    assert fonts == {"+mj-lt", "+mn-lt"}  # the theme's heading and body fonts, never Arial
    found = native_charts(data)
    assert found
    for _, _, xml, _ in found:
        bars = xml.findall(".//{http://schemas.openxmlformats.org/drawingml/2006/chart}ser")[-1]
        colours = bars.findall(f".//{{{A}}}schemeClr")
        assert colours and not bars.findall(f".//{{{A}}}srgbClr")
        assert {c.get("val") for c in colours} <= {f"accent{i}" for i in range(1, 7)}


def test_exports_deck_template_in_the_settings_makes_the_deck_on_it(dataset, config, template):
    ours = dataclasses.replace(
        config, exports=dataclasses.replace(config.exports, deck_template=str(template))
    )
    data, _ = made(dataset, ours)
    assert Presentation(io.BytesIO(data)).slide_width == Emu(9144000)


def test_a_template_without_a_layout_holding_a_title_is_refused_naming_the_file_and_what_to_add(
    tmp_path,
):
    bare = make_template(
        tmp_path / "bare.pptx",
        sample=False,
        keep_layouts=lambda layout: (
            not any(p.placeholder_format.type in (1, 3) for p in layout.placeholders)
        ),
    )  # no TITLE (1) or CENTER_TITLE (3) layout left
    with pytest.raises(
        ExportError,
        match=r"bare\.pptx: no slide layout has a title placeholder; add a 'Title Only' layout",
    ):
        check_template(bare)


@pytest.mark.parametrize(
    "name, content, said",
    [
        ("missing.pptx", None, "no such file"),
        ("notes.pptx", b"not a presentation", "not a PowerPoint file (.pptx)"),
    ],
)
def test_a_missing_or_non_pptx_template_is_one_clear_line_before_any_drawing(
    tmp_path, name, content, said
):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = CliRunner().invoke(
        main,
        ["export", "--format", "pptx", "-o", str(tmp_path / "deck.pptx"), "--template", str(path)],
    )
    assert result.exit_code != 0
    assert f"template {path}: {said}" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "deck.pptx").exists()
