"""What every ``dashboard`` command shares: the ``--data``, ``--seeds`` and ``--config``
options, loading them with the same ``path:line`` messages as ``validate`` (exit 1, never a
traceback), one-line failures of the group (``OneLineErrors``), and the filter options of
``export`` (one per field of ``analysis.filters.FIELDS``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dashboard import PROJECT_ROOT
from dashboard.analysis.filters import FIELDS
from dashboard.config import load_config
from dashboard.curated.problems import DataInvalid
from dashboard.outputs import export as exporters
from dashboard.outputs.errors import NothingToExport
from dashboard.views.checked import load_checked
from dashboard.words import LANGUAGES, Words

EN = Words(
    "en"
)  # help texts and the commands without --lang; every message is a catalogue entry (context "cli")
CTX = "cli"


def default_path(name: str) -> Path:
    """``./name`` when it exists, else the copy shipped beside the package."""
    here = Path(name)
    return here if here.exists() else PROJECT_ROOT / name


def fail(err: DataInvalid) -> None:
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
        return load_checked(data_dir or default_path("data"), seeds_dir or default_path("seeds"))
    except DataInvalid as err:
        fail(err)


def settings(config_path: Path | None):
    try:
        return load_config(config_path or default_path("config.yaml"))
    except DataInvalid as err:
        fail(err)


class OneLineErrors(click.Group):
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


class OneLineUsageError(click.ClickException):
    """A wrong option value as one line, with click's usage-error exit status (2)."""

    exit_code = 2


def _language(ctx, param, value):
    """``--lang``: a language of the catalogue, or one line naming them (exit 2, no usage text)."""
    if value is not None and value not in LANGUAGES:
        raise OneLineUsageError(
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


def output_path(ctx, param, value):
    """``-o``: a path, never empty (an empty one would quietly mean the current folder)."""
    if value is None or not str(value).strip():
        raise click.BadParameter(
            EN.text("is empty; name a file or folder", CTX), ctx=ctx, param=param
        )
    return Path(value)
