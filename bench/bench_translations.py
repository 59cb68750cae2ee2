"""How long the curated translations take to read and check, on the shipped data and on a
generated data set of 10,000 figures, each with a translated note and quote.

Prints one table: reading ``data/i18n/vi.yaml``, the coverage warnings, the quote
translation check, and looking up every record's name (what a Vietnamese page does).
Run: ``.venv/bin/python bench/bench_translations.py``. Nothing here asserts.
"""

from __future__ import annotations

import dataclasses
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.curated.load import load_dataset  # noqa: E402
from dashboard.curated.translations import (
    SECTIONS,
    english,
    load_translations,
    translation_warnings,
)  # noqa: E402
from dashboard.words.names import name, quote_translation_warnings  # noqa: E402


def timed(fn, repeats: int = 5) -> float:
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000


def generated(folder: Path, n: int):
    """The shipped data with ``n`` figures (copies of the shipped ones under new ids) and a
    translations file holding every shipped entry plus one entry per generated figure."""
    dataset, _ = load_dataset(ROOT / "data")
    shipped, _ = load_translations(ROOT / "data", "vi")
    figures = tuple(
        dataclasses.replace(dataset.figures[i % len(dataset.figures)], id=f"gen-{i}")
        for i in range(n)
    )
    big = dataclasses.replace(dataset, figures=figures)
    (folder / "i18n" / "vi").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "i18n" / "vi.yaml", folder / "i18n" / "vi.yaml")
    # the loader's 1 MB file limit: 1,000 figures a file, as a curator would split them
    for start in range(0, n, 1000):
        lines = ["figures:"]
        for i in range(start, min(start + 1000, n)):
            template = shipped.entries[("figures", dataset.figures[i % len(dataset.figures)].id)]
            lines.append(f"  - id: gen-{i}")
            for field, form in template.forms.items():
                lines.append(f"    {field}: {form!r}")
        (folder / "i18n" / "vi" / f"generated-{start // 1000:02d}.yaml").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )
    return big


def lookups(dataset, translations) -> None:
    for section, spec in SECTIONS.items():
        for record in getattr(dataset, section):
            for field in spec.names:
                if english(record, field):
                    name(record, translations, field)


def main() -> None:
    rows = []
    shipped_data, _ = load_dataset(ROOT / "data")
    folder = Path(tempfile.mkdtemp())
    try:
        big = generated(folder, 10_000)
        for label, data_dir, dataset in (
            ("shipped", ROOT / "data", shipped_data),
            ("10,000 figures", folder, big),
        ):
            translations, problems = load_translations(data_dir, "vi")
            assert not problems, problems[:3]
            rows.append(
                (
                    label,
                    len(translations.entries),
                    timed(lambda: load_translations(data_dir, "vi")),
                    timed(lambda: translation_warnings(dataset, translations)),
                    timed(lambda: quote_translation_warnings(dataset, translations)),
                    timed(lambda: lookups(dataset, translations)),
                )
            )
    finally:
        shutil.rmtree(folder)
    print(
        "| data | entries | read vi.yaml ms | coverage warnings ms | quote check ms | every name looked up ms |"
    )
    print("|---|---|---|---|---|---|")
    for label, entries, *times in rows:
        print(f"| {label} | {entries:,} | " + " | ".join(f"{t:.1f}" for t in times) + " |")


if __name__ == "__main__":
    main()
