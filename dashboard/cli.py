"""The ``dashboard`` command: validate, export, coverage and serve.

Every command loads data through ``validate.load_valid``, so invalid data is refused
everywhere with the same file:line messages, and no command prints a traceback for bad
input.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import coverage as seed_coverage
from . import export as exporters
from .config import load_config
from .frame import Filters, apply_filters, figures_frame, year_span
from .problems import DataInvalid
from .validate import load_valid

PROJECT_ROOT = Path(__file__).resolve().parent.parent


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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Programme figures on UK–Vietnam cooperation on migration and human trafficking."""


@main.command()
@data_option
@seeds_option
def validate(data_dir: Path | None, seeds_dir: Path | None) -> None:
    """Check the curated data; list every problem as path:line: field: message."""
    dataset = load(data_dir, seeds_dir)
    click.echo(
        f"OK: {len(dataset.figures)} figures, {len(dataset.events)} events, "
        f"{len(dataset.programmes)} programmes, {len(dataset.sources)} sources; every quote found in its source."
    )


@main.command()
@click.option("--format", "fmt", type=click.Choice(sorted(exporters.EXPORTERS)), required=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="File to write.")
@click.option("--year-from", type=int, default=None, help="First year (a figure is kept when its period overlaps the range).")
@click.option("--year-to", type=int, default=None, help="Last year.")
@click.option("--programme", "programmes", multiple=True, help="Programme id; repeat for several.")
@click.option("--metric", "metrics", multiple=True, help="Metric id; repeat for several.")
@data_option
@seeds_option
@config_option
def export(fmt, output, year_from, year_to, programmes, metrics, data_dir, seeds_dir, config_path) -> None:
    """Write the filtered figures to a file."""
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
    data = exporters.EXPORTERS[fmt](frame, exporters.ExportContext(csv_bom=config.exports.csv_bom))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(data)
    click.echo(f"Wrote {len(frame)} figures to {output}")


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
    from .app import create_app  # Dash is imported only by the command that needs it

    app = create_app(dataset, config, seeds_dir or _default("seeds"))
    host = host or config.server.host
    port = port or config.server.port
    debug = config.server.debug if debug is None else debug
    click.echo(f"Dashboard running at http://{host}:{port}/  (Ctrl+C to stop)")
    try:
        app.run(host=host, port=port, debug=debug)
    except OSError as err:
        click.echo(f"Cannot listen on {host}:{port}: {err.strerror or err}. Pick another port with --port.", err=True)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
