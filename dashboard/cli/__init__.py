"""The ``dashboard`` command: validate, export, coverage, serve, worker, and the curators',
reviewers' and sharers' commands.

Every command loads data through ``views.checked.load_checked`` (``cli.options``), so invalid
data is refused everywhere with the same file:line messages, and no command prints a
traceback for bad input. The commands live by concern: ``options`` (what they share),
``exporting`` (``export``), ``serving`` (``serve``, ``worker``); ``words.review_cli`` and
``outputs.share_cli`` build theirs with the loader and options given here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dashboard.analysis.fmt import count
from dashboard.cli.exporting import export
from dashboard.cli.options import (
    CTX,
    EN,
    OneLineErrors,
    OneLineUsageError,
    config_option,
    data_option,
    default_path,
    fail,
    load,
    seeds_option,
    settings,
)
from dashboard.cli.serving import serve, worker
from dashboard.curated import coverage as seed_coverage
from dashboard.curated.problems import DataInvalid
from dashboard.curated.validate import undescribed_seeds, warnings as data_warnings
from dashboard.outputs.share_cli import share_commands
from dashboard.outputs.writing import write_file
from dashboard.words.names import translation_report
from dashboard.words.review_cli import translations_group


@click.group(
    cls=OneLineErrors,
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
    undescribed = undescribed_seeds(dataset, seeds_dir or default_path("seeds"))
    if undescribed:
        fail(DataInvalid(undescribed))
    found = data_warnings(dataset, seeds_dir or default_path("seeds"))
    found += translation_report(
        dataset, data_dir or default_path("data")
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
    report = seed_coverage.coverage(dataset, seeds_dir or default_path("seeds"))
    for line in report.lines():
        click.echo(line)
    sys.exit(0 if report.complete else 1)


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
    data_dir = data_dir or default_path("data")
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
        raise OneLineUsageError(str(err)) from None
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
        load, lambda data_dir: data_dir or default_path("data"), data_option, seeds_option
    )
)


def _version(dataset) -> str:
    from dashboard.web.state import data_version  # the version the page and /status report

    return data_version(dataset)


# sharing: cite a figure's document, what changed between two data folders, a release snapshot
for _command in share_commands(
    load,
    lambda data_dir: data_dir or default_path("data"),
    settings,
    _version,
    data_option,
    seeds_option,
    config_option,
):
    main.add_command(_command)
for _command in (export, serve, worker):
    main.add_command(_command)
