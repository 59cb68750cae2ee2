"""How long one filter change's view takes to compute, in CPU time, on the shipped data and
on a generated data set of 10,000 figures: ``state.compute_view`` (filter the frames,
build the cards, the charts with their footers, notes and alt texts, and the ratios), in
English and in Vietnamese (the frames of each language are built once, at start-up).

CPU time (``time.process_time``), not wall time: on a shared machine the wall clock measures
the neighbours. Prints the minimum and the median of alternating views (the last four years,
then every year). Nothing here asserts.

Run: ``.venv/bin/python bench/bench_view.py [--repeat 20]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_app import generate_dataset  # noqa: E402
from dashboard.analysis.frame import Filters  # noqa: E402
from dashboard.config import load_config  # noqa: E402
from dashboard.curated.validate import load_valid  # noqa: E402
from dashboard.web import state as state_module  # noqa: E402


def time_views(data_dir: Path, seeds_dir: Path, repeat: int, language: str = "en") -> list[float]:
    state = state_module.make_state(
        load_valid(data_dir, seeds_dir), load_config(ROOT / "config.yaml"), seeds_dir, data_dir
    )
    first, last = state.choices.first_year, state.choices.last_year
    views = [Filters(max(first, last - 3), last, (), ()), Filters(first, last, (), ())]
    times = []
    for i in range(repeat):
        started = time.process_time()
        state_module.compute_view(state, views[i % 2], language)
        times.append(time.process_time() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-view-") as tmp:
        generated = generate_dataset(Path(tmp))
        print(f"{'data, language':21} {'min ms':>8} {'median ms':>10}")
        for label, (data, seeds) in {
            "shipped": (ROOT / "data", ROOT / "seeds"),
            "10,000 figures": generated,
        }.items():
            for language in ("en", "vi"):
                times = time_views(data, seeds, args.repeat, language)
                print(
                    f"{label + ' ' + language:21} {min(times) * 1000:8.1f} {statistics.median(times) * 1000:10.1f}"
                )


if __name__ == "__main__":
    main()
