"""The ``dashboard`` command: validate, export, coverage and serve.

Every command loads data through ``views.checked.load_checked``, so invalid data is refused
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
from dashboard.outputs.writing import check_writable, write_file
from dashboard.outputs.decktemplate import check_template
from dashboard.config import load_config
from dashboard.outputs.errors import NothingToExport
from dashboard.web.downloads import view_file
from dashboard.web.image_files import check_images, export_images
from dashboard.analysis.filters import FIELDS, LANG, BadOption, state_from_options
from dashboard.views.view import load_languages, make_snapshot, make_view
from dashboard.curated.problems import DataInvalid
from dashboard.curated.validate import undescribed_seeds, warnings as data_warnings
from dashboard.views.checked import load_checked
from dashboard.analysis.fmt import count
from dashboard.words import LANGUAGES, Words
from dashboard.words.names import translation_report
from dashboard.words.review_cli import translations_group
from dashboard.outputs.share_cli import share_commands

EN = Words(
    "en"
)  # help texts and the commands without --lang; every message is a catalogue entry (context "cli")
CTX = "cli"


def _default(name: str) -> Path:
    """``./name`` when it exists, else the copy shipped beside the package."""
    here = Path(name)
    return here if here.exists() else PROJECT_ROOT / name


def _fail(err: DataInvalid) -> None:
    click.echo(err.report(), err=True)
    sys.exit(1)


data_option = click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path),
    default=None,
    help=EN.text("Folder of curated YAML (default: ./data).", CTX),
)
seeds_option = click.option(
    "--seeds",
    "seeds_dir",
    type=click.Path(path_type=Path),
    default=None,
    help=EN.text("Folder of source documents (default: ./seeds).", CTX),
)
config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    default=None,
    help=EN.text("Settings file (default: ./config.yaml).", CTX),
)


def load(data_dir: Path | None, seeds_dir: Path | None):
    try:
        return load_checked(data_dir or _default("data"), seeds_dir or _default("seeds"))
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
        except (
            NothingToExport
        ) as err:  # an empty view: what was asked, that nothing matched, no file
            raise click.ClickException(err.written) from None
        except exporters.ExportError as err:
            raise click.ClickException(str(err)) from None
        except OSError as err:
            where = f" {err.filename}" if err.filename else ""
            reason = err.strerror or err
            raise click.ClickException(
                EN.text(
                    "cannot write{where}: {reason}; choose another place with -o",
                    CTX,
                    where=where,
                    reason=reason,
                )
            ) from None


class _OneLineUsageError(click.ClickException):
    """A wrong option value as one line, with click's usage-error exit status (2)."""

    exit_code = 2


def _language(ctx, param, value):
    """``--lang``: a language of the catalogue, or one line naming them (exit 2, no usage text)."""
    if value is not None and value not in LANGUAGES:
        raise _OneLineUsageError(
            EN.text(
                "--lang: unknown language {name}; choose one of: {choices}",
                CTX,
                name=repr(value),
                choices=", ".join(LANGUAGES),
            )
        )
    return value


def _filter_option(field):
    """The ``dashboard export`` option of one filter of ``analysis.filters.FIELDS``: ``--year-from``,
    ``--programme`` (repeat for several), … ``--lang``; not given, config.yaml's ``defaults`` apply."""
    help_text = (
        EN.text(field.help, CTX, languages=", ".join(LANGUAGES))
        + " "
        + EN.text("Default: defaults.{name} in config.yaml.", CTX, name=field.name)
    )
    if field.kind == "language":
        return click.option(
            field.flag,
            field.name,
            default=None,
            metavar="[" + "|".join(LANGUAGES) + "]",
            callback=_language,
            help=help_text,
        )
    if field.kind == "year":
        return click.option(field.flag, field.name, type=int, default=None, help=help_text)
    return click.option(
        field.flag, field.name, multiple=field.repeats, default=None, help=help_text
    )


def filter_options(command):
    """Every filter of ``FIELDS`` as an option of ``command``, in ``FIELDS``' order."""
    for field in reversed(FIELDS):
        command = _filter_option(field)(command)
    return command


def _output(ctx, param, value):
    """``-o``: a path, never empty (an empty one would quietly mean the current folder)."""
    if value is None or not str(value).strip():
        raise click.BadParameter(
            EN.text("is empty; name a file or folder", CTX), ctx=ctx, param=param
        )
    return Path(value)


@click.group(
    cls=_OneLineErrors,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=EN.text(
        "Programme figures on UK–Vietnam cooperation on migration and human trafficking.", CTX
    ),
)
def main() -> None:
    pass


@main.command(
    help=EN.text(
        "Check the curated data; list every problem as path:line: field: message (exit 1), then warnings as "
        "path:line: warning: field: message (valid data that needs a look, missing translations included; exit 0).",
        CTX,
    )
)
@data_option
@seeds_option
def validate(data_dir: Path | None, seeds_dir: Path | None) -> None:
    dataset = load(data_dir, seeds_dir)
    # Only validate asks that every document in seeds/ has its sources record: a document
    # being curated is served and covered before it has one, but never passes validate.
    undescribed = undescribed_seeds(dataset, seeds_dir or _default("seeds"))
    if undescribed:
        _fail(DataInvalid(undescribed))
    found = data_warnings(dataset, seeds_dir or _default("seeds"))
    found += translation_report(
        dataset, data_dir or _default("data")
    )  # a missing translation: a warning, never an error
    for warning in found:
        click.echo(str(warning))
    words = EN
    summary = words.text(
        "OK: {figures}, {events}, {programmes}, {sources}; every quote found in its source.",
        CTX,
        figures=count(len(dataset.figures), "figure", words=words),
        events=count(len(dataset.events), "event", words=words),
        programmes=count(len(dataset.programmes), "programme", words=words),
        sources=count(len(dataset.sources), "source", words=words),
    )
    if dataset.context_statistics:  # no programme's: counted apart from the figures
        summary += " " + words.text(
            "{n} context statistic(s), apart from the programme figures.",
            CTX,
            n=words.integer(len(dataset.context_statistics)),
        )
    if found:
        summary += " " + words.text(
            "{n} warning(s) above: valid, but check them.", CTX, n=words.integer(len(found))
        )
    click.echo(summary)


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


@main.command(
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
    callback=_output,
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
    dataset = load(data_dir, seeds_dir)
    snapshot = make_snapshot(
        dataset, load_languages(data_dir or _default("data"))
    )  # data/i18n read once, as the page does
    try:  # the options over config.yaml's defaults, as a link's keys over the page's
        state = state_from_options(
            chosen, snapshot.choices, config.defaults, Words(chosen.get(LANG) or "en")
        )
    except BadOption as err:
        raise click.BadParameter(str(err), param_hint=err.option) from None
    words = Words(state.language)
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
    )  # before seconds of drawing
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
    if output.is_dir():
        output = output / name
    output.parent.mkdir(parents=True, exist_ok=True)
    write_file(output, data)
    click.echo(
        words.text(
            "Wrote {figures} to {path}",
            CTX,
            figures=count(len(view.figures), "figure", words=words),
            path=output,
        )
    )


@main.command(
    help=EN.text(
        "List every amount and count in the seeds and whether the curated data accounts for it.\n\n"
        "Each mention is cited by a figure, excluded with a reason (data/exclusions.yaml), restates a figure of the "
        "same source, or UNCURATED. Exits 0 when nothing is uncurated, 1 otherwise (or when the data is invalid).",
        CTX,
    )
)
@data_option
@seeds_option
def coverage(data_dir: Path | None, seeds_dir: Path | None) -> None:
    dataset = load(data_dir, seeds_dir)
    report = seed_coverage.coverage(dataset, seeds_dir or _default("seeds"))
    for line in report.lines():
        click.echo(line)
    sys.exit(0 if report.complete else 1)


def _refuse_busy_port(host: str, port: int) -> None:
    """Exit with one line before anything starts when ``host:port`` cannot be listened on."""
    from dashboard.web.ports import port_problem

    problem = port_problem(host, port)
    if problem is None:
        return
    if problem.in_use and problem.free is not None:
        line = EN.text(
            "Port {port} on {host} is in use. Try --port {free}.",
            CTX,
            host=host,
            port=port,
            free=problem.free,
        )
    else:
        line = EN.text(
            "Cannot listen on {host}:{port}: {reason}. Pick another port with --port.",
            CTX,
            host=host,
            port=port,
            reason=problem.reason,
        )
    raise click.ClickException(str(line))


@main.command(
    help=EN.text(
        "Start the dashboard. Invalid data or config: list every problem and do not start.", CTX
    )
)
@data_option
@seeds_option
@config_option
@click.option(
    "--host",
    default=None,
    help=EN.text("Address to listen on (default: server.host in config, 127.0.0.1).", CTX),
)
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=None,
    help=EN.text("Port (default: server.port in config, 8050).", CTX),
)
@click.option(
    "--debug/--no-debug",
    default=None,
    help=EN.text("Dash debug mode: reloader and error pop-ups. Off unless asked for.", CTX),
)
def serve(data_dir, seeds_dir, config_path, host, port, debug) -> None:
    config = settings(config_path)
    host = host or config.server.host
    port = port or config.server.port
    _refuse_busy_port(host, port)
    dataset = load(data_dir, seeds_dir)
    from dashboard.web.app import create_app  # Dash is imported only by the command that needs it

    app = create_app(dataset, config, seeds_dir or _default("seeds"), data_dir or _default("data"))
    debug = config.server.debug if debug is None else debug
    from dashboard.outputs.images import prewarm

    prewarm()  # Chromium starts in the background, so the first image or deck download is warm
    click.echo(
        EN.text(
            "Dashboard running at http://{host}:{port}/  (Ctrl+C to stop)",
            CTX,
            host=host,
            port=port,
        )
    )
    try:
        app.run(host=host, port=port, debug=debug)
    except OSError as err:
        click.echo(
            EN.text(
                "Cannot listen on {host}:{port}: {reason}. Pick another port with --port.",
                CTX,
                host=host,
                port=port,
                reason=err.strerror or err,
            ),
            err=True,
        )
        sys.exit(1)


@main.command(
    help=EN.text(
        "Draw the page's decks and images for every web process that shares REDIS_URL: a Celery worker with the same data and config.",
        CTX,
    )
)
@data_option
@seeds_option
@config_option
@click.option(
    "--concurrency",
    type=click.IntRange(1, 64),
    default=2,
    help=EN.text("Jobs this worker draws at once.", CTX),
)
def worker(data_dir, seeds_dir, config_path, concurrency) -> None:
    import os

    config, dataset = (
        settings(config_path),
        load(data_dir, seeds_dir),
    )  # invalid data: the validate lines, as every command
    if not os.environ.get("REDIS_URL", "").strip():
        raise click.ClickException(
            str(
                EN.text(
                    "Set REDIS_URL (e.g. redis://127.0.0.1:6379/0): the worker takes its jobs from Redis.",
                    CTX,
                )
            )
        )
    from dashboard.web.app import create_app
    from dashboard.web.jobmanagers import run_worker

    run_worker(
        create_app(dataset, config, seeds_dir or _default("seeds"), data_dir or _default("data")),
        concurrency,
    )


# --- the curator's commands: draft a new document, list what there is to choose from ------


@main.command(
    help=EN.text(
        "Write a YAML skeleton for every number and date of DOCUMENT that the curated data does not yet account "
        "for: the verbatim quote, the value, the document's bound word, and guesses marked TODO. Confirm or fill "
        "each TODO and move the records into data/: validate refuses a file while any TODO is left.",
        CTX,
    )
)
@click.argument("document", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help=EN.text("YAML file to write (default: print the skeleton).", CTX),
)
@data_option
def draft(document: Path, output: Path | None, data_dir: Path | None) -> None:
    from dashboard.curated.draft import draft as draft_skeleton
    from dashboard.curated.load import load_dataset

    try:
        text = document.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise click.ClickException(
            EN.text(
                "{path}: not UTF-8 text; save the document as UTF-8 plain text", CTX, path=document
            )
        ) from None
    except OSError:
        raise click.ClickException(
            EN.text("{path}: no such document; name a file in seeds/", CTX, path=document)
        ) from None
    if output is not None and output.exists():
        raise click.ClickException(
            EN.text("{path} exists; choose another file or remove it", CTX, path=output)
        )
    data_dir = data_dir or _default("data")
    dataset, _ = load_dataset(
        data_dir
    )  # a draft is written even beside data that does not validate yet
    skeleton = draft_skeleton(text, document.name, dataset, data_dir=data_dir).yaml(document.name)
    if output is None:
        click.echo(skeleton, nl=False)
        return
    write_file(output, skeleton.encode("utf-8"))
    click.echo(
        EN.text(
            "Wrote the draft of {document} to {path}; confirm or fill each TODO",
            CTX,
            document=document.name,
            path=output,
        )
    )


@main.command(
    "list",
    help=EN.text(
        "List the programme, metric, scope or chart ids with their names and how many figures (and events) each "
        "holds. Name ids or names after KIND to show only those; an unknown one is named with the choices.",
        CTX,
    ),
)
@click.argument("kind", type=click.Choice(["programmes", "metrics", "scopes", "charts"]))
@click.argument("names", nargs=-1)
@data_option
@seeds_option
def list_ids(
    kind: str, names: tuple[str, ...], data_dir: Path | None, seeds_dir: Path | None
) -> None:
    from dashboard.views.listing import UnknownId, resolve, rows

    dataset = load(data_dir, seeds_dir)
    try:
        wanted = resolve(kind, names, dataset, EN) if names else None
    except UnknownId as err:
        raise _OneLineUsageError(str(err)) from None
    shown = [r for r in rows(kind, dataset) if wanted is None or r.id in wanted]
    width = max((len(r.id) for r in shown), default=0)
    for row in shown:
        held = ", ".join(
            count(n, noun, words=EN)
            for n, noun in [(row.figures, "figure"), (row.events, "event")]
            if n is not None
        )
        click.echo(f"{row.id.ljust(width)}  {row.name}  ({held})")


# the reviewer's commands: a sheet of every Vietnamese string, and its corrections back
main.add_command(
    translations_group(
        load, lambda data_dir: data_dir or _default("data"), data_option, seeds_option
    )
)


def _version(dataset) -> str:
    from dashboard.web.state import data_version  # the version the page and /status report

    return data_version(dataset)


# sharing: cite a figure's document, what changed between two data folders, a release snapshot
for _command in share_commands(
    load,
    lambda data_dir: data_dir or _default("data"),
    settings,
    _version,
    data_option,
    seeds_option,
    config_option,
):
    main.add_command(_command)

if __name__ == "__main__":  # pragma: no cover
    main()
