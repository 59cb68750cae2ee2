"""``dashboard translations review|apply``: the click group of the review sheet, built by
``dashboard.cli`` with its data loader and options (so invalid data is refused with the same
file:line messages as every other command)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import click

from dashboard.words.catalogue import Words

EN = Words("en")
CTX = "cli"


def translations_group(
    load: Callable, data_folder: Callable[[Path | None], Path], data_option, seeds_option
) -> click.Group:
    """The ``translations`` group; ``load(data_dir, seeds_dir)`` gives the valid dataset and
    ``data_folder(data_dir)`` the folder the names are curated in."""

    @click.group(
        help=EN.text(
            "Review the Vietnamese: write a sheet a reviewer can sign, and apply their corrections.",
            CTX,
        )
    )
    def translations() -> None:
        pass

    translations.add_command(_review_command(load, data_folder, data_option, seeds_option))
    translations.add_command(_apply_command(load, data_folder, data_option, seeds_option))
    return translations


def _review_command(load, data_folder, data_option, seeds_option) -> click.Command:
    """``translations review -o SHEET``: every Vietnamese string beside its English, to sign."""

    @click.command(
        "review",
        help=EN.text(
            "Write every Vietnamese string (catalogue and curated names) with its English, context and where it "
            "appears, beside an empty column for the reviewer's approval or correction.",
            CTX,
        ),
    )
    @click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path),
        required=True,
        help=EN.text("Workbook to write (.xlsx).", CTX),
    )
    @data_option
    @seeds_option
    def review(output: Path, data_dir: Path | None, seeds_dir: Path | None) -> None:
        from dashboard.words.review import review_sheet

        rows = review_sheet(load(data_dir, seeds_dir), data_folder(data_dir), output)
        click.echo(
            EN.text("Wrote {n} strings to review to {path}", CTX, n=EN.integer(rows), path=output)
        )

    return review


def _apply_command(load, data_folder, data_option, seeds_option) -> click.Command:
    """``translations apply SHEET``: the reviewer's corrections into vi.po and data/i18n."""

    @click.command(
        "apply",
        help=EN.text(
            "Bring a reviewer's corrections from SHEET into vi.po and data/i18n; nothing is written while one is refused.",
            CTX,
        ),
    )
    @click.argument("sheet", type=click.Path(path_type=Path))
    @data_option
    @seeds_option
    def apply(sheet: Path, data_dir: Path | None, seeds_dir: Path | None) -> None:
        from dashboard.words.review_apply import ReviewError, apply_sheet

        dataset = load(data_dir, seeds_dir)  # a quote translation is checked against its figure
        try:
            outcome = apply_sheet(sheet, data_folder(data_dir), words=EN, dataset=dataset)
        except ReviewError as err:
            raise click.ClickException(str(err)) from None
        _report(outcome)

    return apply


def _report(outcome) -> None:
    """Each refusal (on stderr, then exit 1: nothing written) or each change, then the counts."""
    for line in [*outcome.refusals, *outcome.changes]:
        click.echo(str(line), err=bool(outcome.refusals))
    if outcome.refusals:
        raise click.ClickException(
            EN.text(
                "{n} correction(s) refused; nothing was written",
                CTX,
                n=EN.integer(len(outcome.refusals)),
            )
        )
    click.echo(
        EN.text(
            "{changed} changed, {approved} approved as they are",
            CTX,
            changed=EN.integer(len(outcome.changes)),
            approved=EN.integer(outcome.approved),
        )
    )
