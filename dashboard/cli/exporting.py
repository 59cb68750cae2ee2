"""``dashboard export``: the filtered view written as a file (csv, xlsx, pptx, pdf) or as one
slide image per chart (png, svg), byte for byte what the page's download gives for the same
link. Options are checked (and the output place found writable) before any drawing.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import click

from dashboard.analysis.filters import LANG, BadOption, state_from_options
from dashboard.analysis.fmt import count
from dashboard.cli.options import (
    CTX,
    EN,
    config_option,
    data_option,
    default_path,
    filter_options,
    load,
    output_path,
    seeds_option,
    settings,
)
from dashboard.outputs import export as exporters
from dashboard.outputs.decktemplate import check_template
from dashboard.outputs.writing import check_writable, write_file
from dashboard.views.view import load_languages, make_snapshot, make_view
from dashboard.web.downloads import view_file
from dashboard.web.image_files import check_images, export_images
from dashboard.words import Words


def _names(items) -> str:
    """``csv, xlsx or pptx``: the names of registered formats or charts, as a list in words."""
    names = [getattr(item, "name", item) for item in items]
    return (
        names[0]
        if len(names) == 1
        else EN.text(
            "{first} or {last}", "list of names", first=", ".join(names[:-1]), last=names[-1]
        )
    )


class _ChartOption(click.Option):
    """--chart, whose help lists the registered charts (read when help is shown, so the CLI
    does not load plotly to start)."""

    def get_help_record(self, ctx):
        from dashboard.views.charts import CHARTS

        self.help = EN.text("png/svg: only this chart ({charts}).", CTX, charts=_names(CHARTS))
        return super().get_help_record(ctx)


@click.command(
    help=EN.text(
        "Write the filtered view: data files (csv, xlsx), slide images (png, svg), a deck (pptx) or a brief (pdf).",
        CTX,
    )
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(exporters.FORMATS)),
    required=True,
    help=EN.text(
        "{view_formats}: one file of the view; {chart_formats}: one slide image per chart.",
        CTX,
        view_formats=_names(exporters.of_kind("view")),
        chart_formats=_names(exporters.of_kind("chart")),
    ),
)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    callback=output_path,
    required=True,
    help=EN.text(
        "File to write (csv, xlsx, pptx, pdf; a folder gets a dated name), or the folder for png and svg.",
        CTX,
    ),
)
@click.option("--chart", cls=_ChartOption, default=None, help="png/svg: only this chart.")
@click.option(
    "--size",
    default=None,
    help=EN.text(
        "png/svg: an image size named in config.yaml exports.image_sizes (default: exports.image_size).",
        CTX,
    ),
)
@click.option(
    "--deck-charts",
    type=click.Choice(["native", "picture"]),
    default=None,
    help=EN.text(
        "pptx: bar charts as native, editable charts or as pictures (default: exports.deck_charts).",
        CTX,
    ),
)
@click.option(
    "--template",
    type=click.Path(path_type=Path),
    default=None,
    help=EN.text(
        "pptx: a .pptx whose masters, layouts, slide size, fonts and colours the deck uses (default: exports.deck_template).",
        CTX,
    ),
)
@filter_options
@data_option
@seeds_option
@config_option
def export(
    fmt, output, chart, size, deck_charts, template, data_dir, seeds_dir, config_path, **chosen
) -> None:
    config = settings(config_path)
    snapshot = make_snapshot(
        load(data_dir, seeds_dir), load_languages(data_dir or default_path("data"))
    )  # data/i18n read once, as the page does
    try:  # the options over config.yaml's defaults, as a link's keys over the page's
        state = state_from_options(
            chosen, snapshot.choices, config.defaults, Words(chosen.get(LANG) or "en")
        )
    except BadOption as err:
        raise click.BadParameter(str(err), param_hint=err.option) from None
    words = Words(state.language)
    _check_before_drawing(fmt, output, chart, size, deck_charts, template, config, words)
    view = make_view(
        snapshot, config, state.filters, state.language
    )  # the page's view of the same link
    made_on = datetime.date.today()
    if exporters.FORMATS[fmt].kind == "chart":
        export_images(fmt, output, view, snapshot, config, chart, size, made_on, words)
        return
    name, data = view_file(
        view,
        snapshot,
        config,
        fmt,
        today=made_on,
        deck_charts=deck_charts,
        template=None if template is None else str(template),
    )
    _write_view_file(output, name, data, len(view.figures), words)


def _check_before_drawing(fmt, output, chart, size, deck_charts, template, config, words) -> None:
    """Options that do not apply to ``fmt``, a bad template, a bad image size or chart, or an
    output place that cannot be written: each one line (``ExportError``), before seconds of drawing."""
    if exporters.FORMATS[fmt].kind == "view" and (chart or size):
        raise exporters.ExportError(
            words.text(
                "{option} applies to png and svg; {format} holds the whole view",
                CTX,
                option="--chart" if chart else "--size",
                format=fmt,
            )
        )
    if fmt != "pptx" and (deck_charts or template):
        raise exporters.ExportError(
            words.text(
                "{option} applies to pptx only",
                CTX,
                option="--deck-charts" if deck_charts else "--template",
            )
        )
    if fmt == "pptx":
        check_template(
            config.exports.deck_template if template is None else template, words
        )  # a bad template: its error, before any drawing
    if exporters.FORMATS[fmt].kind == "chart":
        check_images(fmt, output, config, chart, size, words)
    check_writable(
        output if exporters.FORMATS[fmt].kind == "chart" or output.is_dir() else output.parent
    )


def _write_view_file(output: Path, name: str, data: bytes, figures: int, words: Words) -> None:
    """The view's file at ``output`` (under its dated ``name`` when ``output`` is a folder)."""
    if output.is_dir():
        output = output / name
    output.parent.mkdir(parents=True, exist_ok=True)
    write_file(output, data)
    click.echo(
        words.text(
            "Wrote {figures} to {path}",
            CTX,
            figures=count(figures, "figure", words=words),
            path=output,
        )
    )
