"""``dashboard export --format png|svg``: one slide image per chart of a view written into a
folder, with a progress bar; a chart with nothing to draw is left out with a line saying so,
and a failed export leaves no empty folder behind. The files are the page's downloads
(``downloads.view_file``), named as the page names them."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dashboard.outputs import export as exporters
from dashboard.outputs.errors import NothingToExport
from dashboard.outputs.writing import write_file
from dashboard.web.downloads import chart_title, view_file
from dashboard.words import Words

EN = Words("en")
CTX = "cli"


def check_images(fmt, folder: Path, config, chart, size, words: Words) -> None:
    """An unknown chart or size, no browser, or a file where a folder is wanted: the error, before any work."""
    from dashboard.outputs import images

    if chart:
        chart_title(chart, words)
    images.image_size(config, size, words)
    images.find_browser()  # no browser: the install hint, before anything is written
    if folder.exists() and not folder.is_dir():
        raise exporters.ExportError(
            words.text(
                "{path} is a file; for {format}, -o names a folder that receives one file per chart",
                CTX,
                path=folder,
                format=fmt,
            )
        )


def export_images(
    fmt, folder: Path, view, snapshot, config, chart, size, made_on, words: Words = EN
) -> None:
    """One slide image per chart (or only ``chart``) of ``view`` into ``folder``, with a progress bar."""
    from dashboard.views.charts import CHARTS

    names = [chart] if chart else list(CHARTS)
    created = [f for f in (folder, *folder.parents) if not f.exists()]  # innermost first
    folder.mkdir(parents=True, exist_ok=True)
    try:
        written = _draw_images(fmt, folder, names, view, snapshot, config, size, made_on, words)
    except BaseException:
        for made in created:  # a failed export leaves no empty folder behind
            if made.is_dir() and not any(made.iterdir()):
                made.rmdir()
        raise
    for path in written:
        click.echo(words.text("Wrote {path}", CTX, path=path))


def _draw_images(
    fmt, folder: Path, names, view, snapshot, config, size, made_on, words: Words
) -> list[Path]:
    written, left_out = [], []
    images_text = words.plural(
        "{n} {format} image",
        "{n} {format} images",
        len(names),
        "count with its noun",
        format=fmt.upper(),
    )
    with click.progressbar(
        names, label=words.text("Drawing {images}", CTX, images=images_text), file=sys.stderr
    ) as bar:
        for name in bar:
            try:
                named, image = view_file(
                    view, snapshot, config, fmt, chart=name, size=size, today=made_on
                )  # the page's name
            except (
                NothingToExport
            ) as err:  # a chart with nothing to draw is left out, as the deck leaves it out
                if len(names) == 1:
                    raise
                left_out.append(err.written)
                continue
            path = (
                folder / f"{named.rpartition('.')[0]}.{exporters.FORMATS[fmt].extension}"
            )  # .zip of several: one file each
            parts = getattr(
                image, "parts", [image]
            )  # a chart whose rows need several slides: one file per slide
            for number, part in enumerate(parts, start=1):
                written.append(path.with_name(exporters.part_name(path.name, number, len(parts))))
                write_file(written[-1], part)
    for note in left_out:
        click.echo(note, err=True)
    if not written:
        reason = words.text(
            "no figures match these filters ({filters})",
            "downloads",
            filters=view.filters.describe(snapshot.localized(view.language).dataset, words=words),
        )
        raise exporters.ExportError(
            words.text("Nothing written: {reason}", "downloads", reason=reason)
        )
    return written
