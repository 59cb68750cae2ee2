"""The ``dashboard`` command: validate, export, coverage and serve.

Every command loads data through ``validate.load_valid``, so invalid data is refused
everywhere with the same file:line messages, and no command prints a traceback for bad
input.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import click

from dashboard import PROJECT_ROOT
from dashboard.curated import coverage as seed_coverage
from dashboard.outputs import export as exporters
from dashboard.config import load_config
from dashboard.web.downloads import VIEW_NAME, chart_title
from dashboard.analysis.frame import Filters, apply_filters, events_frame, figures_frame, year_span
from dashboard.curated.problems import DataInvalid
from dashboard.curated.validate import load_valid, undescribed_seeds, warnings as data_warnings
from dashboard.words.names import translation_report



def _default(name: str) -> Path:
    """``./name`` when it exists, else the copy shipped beside the package."""
    here = Path(name)
    return here if here.exists() else PROJECT_ROOT / name


def _fail(err: DataInvalid) -> None:
    click.echo(err.report(), err=True)
    sys.exit(1)


data_option = click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None, help="Folder of curated YAML (default: ./data).")
seeds_option = click.option("--seeds", "seeds_dir", type=click.Path(path_type=Path), default=None, help="Folder of source documents (default: ./seeds).")
config_option = click.option("--config", "config_path", type=click.Path(path_type=Path), default=None, help="Settings file (default: ./config.yaml).")


def load(data_dir: Path | None, seeds_dir: Path | None):
    try:
        return load_valid(data_dir or _default("data"), seeds_dir or _default("seeds"))
    except DataInvalid as err:
        _fail(err)


def settings(config_path: Path | None):
    try:
        return load_config(config_path or _default("config.yaml"))
    except DataInvalid as err:
        _fail(err)


class _OneLineErrors(click.Group):
    """Every failure of a command is one line and a non-zero exit, never a traceback: a
    file that cannot be written (disk full, read-only, no such folder), an export error."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except exporters.ExportError as err:
            raise click.ClickException(str(err)) from None
        except OSError as err:
            where = f" {err.filename}" if err.filename else ""
            raise click.ClickException(f"cannot write{where}: {err.strerror or err}; choose another place with -o") from None


def _output(ctx, param, value):
    """``-o``: a path, never empty (an empty one would quietly mean the current folder)."""
    if value is None or not str(value).strip():
        raise click.BadParameter("is empty; name a file or folder", ctx=ctx, param=param)
    return Path(value)


@click.group(cls=_OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Programme figures on UK–Vietnam cooperation on migration and human trafficking."""


@main.command()
@data_option
@seeds_option
def validate(data_dir: Path | None, seeds_dir: Path | None) -> None:
    """Check the curated data; list every problem as path:line: field: message (exit 1), then
    warnings as path:line: warning: field: message (valid data that needs a look, missing
    translations included; exit 0)."""
    dataset = load(data_dir, seeds_dir)
    # Only validate asks that every document in seeds/ has its sources record: a document
    # being curated is served and covered before it has one, but never passes validate.
    undescribed = undescribed_seeds(dataset, seeds_dir or _default("seeds"))
    if undescribed:
        _fail(DataInvalid(undescribed))
    found = data_warnings(dataset, seeds_dir or _default("seeds"))
    found += translation_report(dataset, data_dir or _default("data"))  # a missing translation: a warning, never an error
    for warning in found:
        click.echo(str(warning))
    click.echo(
        f"OK: {len(dataset.figures)} figures, {len(dataset.events)} events, "
        f"{len(dataset.programmes)} programmes, {len(dataset.sources)} sources; every quote found in its source."
        + (f" {len(found)} warning(s) above: valid, but check them." if found else "")
    )


def _names(items) -> str:
    """``csv, xlsx or pptx``: the names of registered formats or charts, as a list in words."""
    names = [getattr(item, "name", item) for item in items]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


class _ChartOption(click.Option):
    """--chart, whose help lists the registered charts (read when help is shown, so the CLI
    does not load plotly to start)."""

    def get_help_record(self, ctx):
        from dashboard.views.charts import CHARTS

        self.help = f"png/svg: only this chart ({_names(CHARTS)})."
        return super().get_help_record(ctx)


@main.command()
@click.option(
    "--format", "fmt", type=click.Choice(list(exporters.FORMATS)), required=True,
    help=f"{_names(exporters.of_kind('view'))}: one file of the view; {_names(exporters.of_kind('chart'))}: one slide image per chart.",
)
@click.option("-o", "--output", type=click.Path(), callback=_output, required=True, help="File to write (csv, xlsx, pptx; a folder gets a dated name), or the folder for png and svg.")
@click.option("--year-from", type=int, default=None, help="First year (a figure is kept when its period overlaps the range).")
@click.option("--year-to", type=int, default=None, help="Last year.")
@click.option("--programme", "programmes", multiple=True, help="Programme id; repeat for several.")
@click.option("--metric", "metrics", multiple=True, help="Metric id; repeat for several.")
@click.option("--chart", cls=_ChartOption, default=None, help="png/svg: only this chart.")
@click.option("--size", default=None, help="png/svg: an image size named in config.yaml exports.image_sizes (default: exports.image_size).")
@data_option
@seeds_option
@config_option
def export(fmt, output, year_from, year_to, programmes, metrics, chart, size, data_dir, seeds_dir, config_path) -> None:
    """Write the filtered view: data files (csv, xlsx), slide images (png, svg) or a deck (pptx)."""
    config = settings(config_path)
    dataset = load(data_dir, seeds_dir)
    first, last = year_span(dataset)
    filters = Filters(year_from or first, year_to or last, tuple(programmes), tuple(metrics))
    unknown = [p for p in programmes if p not in {x.id for x in dataset.programmes}]
    unknown += [m for m in metrics if m not in {x.id for x in dataset.metrics}]
    if unknown:
        raise click.BadParameter(f"unknown programme or metric: {', '.join(unknown)}", param_hint="--programme/--metric")
    if filters.year_from > filters.year_to:
        raise click.BadParameter(f"{filters.year_from} is after {filters.year_to}", param_hint="--year-from")
    frame = apply_filters(figures_frame(dataset), filters)
    try:
        if exporters.FORMATS[fmt].kind == "chart":
            _export_images(fmt, output, frame, dataset, filters, config, chart, size)
            return
        if chart or size:
            raise exporters.ExportError(f"{'--chart' if chart else '--size'} applies to png and svg; {fmt} holds the whole view")
        made_on = datetime.date.today()
        data = exporters.FORMATS[fmt](frame, exporters.ExportContext.for_view(dataset, filters, config, today=made_on))
    except exporters.ExportError as err:
        raise click.ClickException(str(err)) from None
    if output.is_dir():
        output = output / exporters.file_name(VIEW_NAME, filters, made_on, exporters.FORMATS[fmt].extension)
    output.parent.mkdir(parents=True, exist_ok=True)
    _write(output, data)
    click.echo(f"Wrote {len(frame)} figures to {output}")


def _export_images(fmt, folder: Path, frame, dataset, filters, config, chart, size) -> None:
    """One slide image per chart (or only ``chart``) into ``folder``, with a progress bar."""
    from dashboard.outputs import images
    from dashboard.views.charts import CHARTS

    names = [chart] if chart else list(CHARTS)
    titles = {name: chart_title(name) for name in names}  # unknown chart: error before any work
    images.image_size(config, size)  # unknown size: likewise
    images.find_browser()  # no browser: the install hint, before anything is written
    if folder.exists() and not folder.is_dir():
        raise exporters.ExportError(f"{folder} is a file; for {fmt}, -o names a folder that receives one file per chart")
    folder.mkdir(parents=True, exist_ok=True)
    made_on = datetime.date.today()
    all_events = events_frame(dataset)  # once for every chart, not once per image
    written = []
    with click.progressbar(names, label=f"Drawing {len(names)} {fmt.upper()} image{'s' if len(names) != 1 else ''}", file=sys.stderr) as bar:
        for name in bar:
            context = exporters.ExportContext.for_view(dataset, filters, config, chart=name, size=size, today=made_on, all_events=all_events)
            path = folder / exporters.file_name(titles[name], filters, made_on, exporters.FORMATS[fmt].extension)
            _write(path, exporters.FORMATS[fmt](frame, context))
            written.append(path)
    for path in written:
        click.echo(f"Wrote {path}")


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``; a file this call created is removed again if the write
    fails (disk full), so no half-written export is left behind."""
    existed = path.exists()
    try:
        path.write_bytes(data)
    except OSError as err:
        if not existed and path.is_file():
            path.unlink(missing_ok=True)
        raise OSError(err.errno, err.strerror, str(path)) from None


@main.command()
@data_option
@seeds_option
def coverage(data_dir: Path | None, seeds_dir: Path | None) -> None:
    """List every amount and count in the seeds and whether the curated data accounts for it.

    Each mention is cited by a figure, excluded with a reason (data/exclusions.yaml),
    restates a figure of the same source, or UNCURATED. Exits 0 when nothing is
    uncurated, 1 otherwise (or when the data is invalid).
    """
    dataset = load(data_dir, seeds_dir)
    report = seed_coverage.coverage(dataset, seeds_dir or _default("seeds"))
    for line in report.lines():
        click.echo(line)
    sys.exit(0 if report.complete else 1)


@main.command()
@data_option
@seeds_option
@config_option
@click.option("--host", default=None, help="Address to listen on (default: server.host in config, 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (default: server.port in config, 8050).")
@click.option("--debug/--no-debug", default=None, help="Dash debug mode: reloader and error pop-ups. Off unless asked for.")
def serve(data_dir, seeds_dir, config_path, host, port, debug) -> None:
    """Start the dashboard. Invalid data or config: list every problem and do not start."""
    config = settings(config_path)
    dataset = load(data_dir, seeds_dir)
    from dashboard.web.app import create_app  # Dash is imported only by the command that needs it

    app = create_app(dataset, config, seeds_dir or _default("seeds"))
    host = host or config.server.host
    port = port or config.server.port
    debug = config.server.debug if debug is None else debug
    from dashboard.outputs.images import prewarm

    prewarm()  # Chromium starts in the background, so the first image or deck download is warm
    click.echo(f"Dashboard running at http://{host}:{port}/  (Ctrl+C to stop)")
    try:
        app.run(host=host, port=port, debug=debug)
    except OSError as err:
        click.echo(f"Cannot listen on {host}:{port}: {err.strerror or err}. Pick another port with --port.", err=True)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
