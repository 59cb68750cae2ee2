"""How long the data model takes on a generated data set of 10,000 figures: loading and
validating, the figures frame (with its claims columns), and the warnings ``dashboard
validate`` prints (pairs of figures within one programme and metric are compared).

Run: ``.venv/bin/python bench/bench_model.py`` (``--figures N`` for another size). Prints
median seconds over a few runs; nothing here asserts.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from bench_app import generate_dataset  # noqa: E402  (the same generated data as the app bench)

from dashboard.analysis.frame import figures_frame  # noqa: E402
from dashboard.curated.validate import load_valid  # noqa: E402


def median_seconds(step, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir, seeds_dir = generate_dataset(Path(tmp), n_figures=args.figures)
        dataset = load_valid(data_dir, seeds_dir)
        rows = [
            (
                "load and validate",
                median_seconds(lambda: load_valid(data_dir, seeds_dir), args.repeats),
            ),
            ("figures frame", median_seconds(lambda: figures_frame(dataset), args.repeats)),
        ]
        try:
            from dashboard.curated.validate import warnings
        except ImportError:  # code from before warnings existed
            warnings = None
        if warnings is not None:
            rows.append(
                ("warnings", median_seconds(lambda: warnings(dataset, seeds_dir), args.repeats))
            )
            rows.append(("  (warnings found)", float(len(warnings(dataset, seeds_dir)))))
    print(f"{args.figures:,} figures")
    for name, seconds in rows:
        print(f"{name:<20} {seconds:8.3f}")


if __name__ == "__main__":
    main()
