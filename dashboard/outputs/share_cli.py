"""``dashboard cite``, ``dashboard diff`` and ``dashboard release``: the commands for sharing a
number and saying what changed, built by ``dashboard.cli`` with its data loader, options and
the data-version function (so invalid data is refused with the same file:line messages).

- ``cite FIGURE_ID [--style text|bibtex] [--lang vi]``: the citation of the figure's (or
  event's) source document (``views.citation``) and its dated permalink; an unknown id is one
  line naming the closest ids (exit 2).
- ``diff OTHER_DATA_FOLDER [--format text|json]``: figures and events added, removed and
  changed from the other folder (the older data) to ``--data`` (``analysis.changes``).
- ``release``: writes ``data/releases/<version>.json`` (``outputs.releases``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import click

from dashboard.analysis.changes import as_json, compare, lines, snapshot, units_of
from dashboard.curated.problems import DataInvalid
from dashboard.outputs.releases import write_release
from dashboard.views.citation import UnknownRecord, cite, close_ids, permalink
from dashboard.words import LANGUAGES, Words

EN = Words("en")
CTX = "cli"


class _UsageLine(click.ClickException):
    exit_code = 2


@dataclass(frozen=True)
class _Given:
    """What ``dashboard.cli`` gives the commands: ``load(data_dir, seeds_dir)`` the valid
    dataset, ``data_folder(data_dir)`` the data folder, ``settings(config_path)`` the config,
    ``version_of(dataset)`` the data version the page and /status report, and its options."""

    load: Callable
    data_folder: Callable[[Path | None], Path]
    settings: Callable
    version_of: Callable
    data_option: Callable
    seeds_option: Callable
    config_option: Callable


def share_commands(
    load: Callable,
    data_folder: Callable[[Path | None], Path],
    settings: Callable,
    version_of: Callable,
    data_option,
    seeds_option,
    config_option,
) -> list[click.Command]:
    """The three commands, built with what ``dashboard.cli`` gives (see ``_Given``)."""
    given = _Given(
        load, data_folder, settings, version_of, data_option, seeds_option, config_option
    )
    return [_cite_command(given), _diff_command(given), _release_command(given)]


def _cite_command(given: _Given) -> click.Command:
    """``dashboard cite FIGURE_ID``: the citation of its document and its dated permalink."""

    @click.command(
        "cite",
        help=EN.text(
            "Print the citation of the document a figure (or event) comes from: title, publisher, date as stated, "
            "address and date accessed, then a dated link that opens the dashboard with its source shown.",
            CTX,
        ),
    )
    @click.argument("figure_id")
    @click.option(
        "--style",
        type=click.Choice(["text", "bibtex"]),
        default="text",
        help=EN.text("text: an author–date reference; bibtex: one BibTeX entry.", CTX),
    )
    @click.option(
        "--lang",
        "language",
        type=click.Choice(list(LANGUAGES)),
        default="en",
        help=EN.text("Language of the citation's words and dates.", CTX),
    )
    @click.option(
        "--base",
        default=None,
        help=EN.text(
            "Address of the dashboard for the link (default: http://HOST:PORT/ of config.yaml's server).",
            CTX,
        ),
    )
    @given.data_option
    @given.seeds_option
    @given.config_option
    def cite_command(figure_id, style, language, base, data_dir, seeds_dir, config_path) -> None:
        dataset = given.load(data_dir, seeds_dir)
        words = Words(language)
        if base is None:
            config = given.settings(config_path)
            base = f"http://{config.server.host}:{config.server.port}{config.serving.url_prefix}"
        address = base + ("?lang=" + language if language != "en" else "")
        link = permalink(address, figure_id, given.version_of(dataset))
        named = _in_language(dataset, language, given.data_folder(data_dir), words)
        citation = _citation(named, figure_id, words, link)
        if style == "bibtex":
            click.echo(citation.bibtex)
            return
        click.echo(citation.text)
        click.echo(words.text("Link to this figure: {url}", CTX, url=citation.permalink))

    return cite_command


def _in_language(dataset, language: str, data_folder: Path, words: Words):
    """``dataset`` with the curated names of ``language``, as its page and files cite them
    (the document's own when none are curated)."""
    if language == "en":
        return dataset
    from dashboard.views.language import localized_dataset
    from dashboard.views.view import load_languages

    names = load_languages(data_folder).get(language)
    return localized_dataset(dataset, names, words) if names else dataset


def _citation(dataset, figure_id: str, words: Words, link: str):
    """The citation of ``figure_id``, or one line naming the closest ids (exit 2)."""
    try:
        return cite(dataset, figure_id, words, link)
    except UnknownRecord:
        near = close_ids(dataset, figure_id)
        raise _UsageLine(
            EN.text(
                "no figure or event {id}; closest: {ids}",
                CTX,
                id=repr(figure_id),
                ids=", ".join(near) or EN.text("none", CTX),
            )
        ) from None


def _diff_command(given: _Given) -> click.Command:
    """``dashboard diff OTHER_DATA_FOLDER``: what changed from the other folder to ``--data``."""

    @click.command(
        help=EN.text(
            "List the figures and events added, removed and changed from OTHER_DATA_FOLDER (the older data) to "
            "--data: each change with its old and new value, qualifier, period and quote.",
            CTX,
        )
    )
    @click.argument("other", type=click.Path(path_type=Path), metavar="OTHER_DATA_FOLDER")
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json"]),
        default="text",
        help=EN.text("text: grouped lines; json: the changes as data.", CTX),
    )
    @click.option(
        "--lang",
        "language",
        type=click.Choice(list(LANGUAGES)),
        default="en",
        help=EN.text("Language of the lines' words and dates.", CTX),
    )
    @given.data_option
    def diff(other: Path, fmt: str, language: str, data_dir: Path | None) -> None:
        folder = given.data_folder(data_dir)
        old, new = _curated(other), _curated(folder)
        changes = compare(snapshot(old, str(other)), snapshot(new, str(folder)))
        if fmt == "json":
            click.echo(json.dumps(as_json(changes), ensure_ascii=False, indent=1, sort_keys=True))
            return
        for line in lines(changes, Words(language), units_of(old, new)):
            click.echo(line)

    return diff


def _release_command(given: _Given) -> click.Command:
    """``dashboard release``: data/releases/VERSION.json, every figure and event by id."""

    @click.command(
        help=EN.text(
            "Write a snapshot of every figure and event by id into data/releases/VERSION.json, so a link made "
            "under this data version can later list what changed.",
            CTX,
        )
    )
    @given.data_option
    @given.seeds_option
    def release(data_dir, seeds_dir) -> None:
        dataset = given.load(data_dir, seeds_dir)
        version = given.version_of(dataset)
        path = write_release(dataset, given.data_folder(data_dir), version, dt.date.today())
        click.echo(EN.text("Wrote release {version} to {path}", CTX, version=version, path=path))

    return release


def _curated(folder: Path):
    """The curated records of ``folder`` (its quotes are not checked against documents: the
    other folder's documents may be gone); a folder that does not load is its problems."""
    from dashboard.curated.load import load_dataset

    dataset, problems = load_dataset(folder)
    if problems:
        raise click.ClickException(DataInvalid(problems).report())
    return dataset


__all__ = ["share_commands"]
