"""Export speed on the shipped data: slide PNGs cold and warm, and the whole default deck.

    .venv/bin/python bench/bench_exports.py [--repeat 10]

Cold means the first image of a process: the renderer starts Chromium and loads plotly.js.
Warm means the same renderer draws the next image. The deck is timed from a stopped
renderer, so its time includes the cold start. Each PNG is also split into its steps:
building and composing the figure, drawing it in the browser, and flattening it to RGB.

Targets (issue 4): a warm PNG under 0.3 s; the whole default deck under 5 s, cold start
included. The machine's load average is printed too: on a shared 2-core machine it moves
every number.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.outputs import images  # noqa: E402
from dashboard.views.charts import CHARTS  # noqa: E402
from dashboard.config import load_config  # noqa: E402
from dashboard.web.downloads import build_download  # noqa: E402
from dashboard.analysis.frame import (
    Filters,
    apply_event_filters,
    apply_filters,
    events_frame,
    figures_frame,
    year_span,
)  # noqa: E402
from dashboard.curated.validate import load_valid  # noqa: E402

WARM_PNG_TARGET_S = 0.3
COLD_DECK_TARGET_S = 5.0


def default_filters(dataset, config) -> Filters:
    first, last = year_span(dataset)
    d = config.defaults
    return Filters(d.year_from or first, d.year_to or last, tuple(d.programmes), tuple(d.metrics))


def png(name, figures, events, dataset, filters, config) -> tuple[float, float, float]:
    """Seconds to compose, render and flatten one 1920×1080 slide PNG."""
    t0 = time.perf_counter()
    figure = images.slide_figure(
        name, figures, events, dataset, filters, config, made_on=dt.date.today()
    )
    t1 = time.perf_counter()
    raw = images.renderer().render(figure, format="png", width=1920, height=1080)
    t2 = time.perf_counter()
    images._checked(raw, "png", 1920, 1080)
    t3 = time.perf_counter()
    return t1 - t0, t2 - t1, t3 - t2


def line(label: str, seconds: list[float], target: float | None = None) -> str:
    med = statistics.median(seconds)
    spread = (
        f"  (min {min(seconds):.3f}, max {max(seconds):.3f}, n={len(seconds)})"
        if len(seconds) > 1
        else ""
    )
    verdict = (
        "" if target is None else ("  OK" if med < target else f"  MISSED (target < {target} s)")
    )
    return f"{label:<44} {med:7.3f} s{spread}{verdict}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=10, help="warm PNGs to time (default 10)")
    args = parser.parse_args()

    dataset = load_valid(ROOT / "data", ROOT / "seeds")
    config = load_config(ROOT / "config.yaml")
    filters = default_filters(dataset, config)
    figures = apply_filters(figures_frame(dataset), filters)
    events = apply_event_filters(events_frame(dataset), filters)
    import plotly.graph_objects  # noqa: F401 - imports are not what we time
    import pptx  # noqa: F401

    print(
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; view {filters.describe(dataset)}"
    )

    images.shutdown()
    t = time.perf_counter()
    png(next(iter(CHARTS)), figures, events, dataset, filters, config)
    cold = time.perf_counter() - t

    names = list(CHARTS)
    steps = [
        png(names[i % len(names)], figures, events, dataset, filters, config)
        for i in range(args.repeat)
    ]
    warm = [sum(s) for s in steps]

    t = time.perf_counter()
    images.render_images(
        [images.slide_figure(n, figures, events, dataset, filters, config) for n in names],
        format="png",
        width=1920,
        height=1080,
    )
    four_together = time.perf_counter() - t

    images.shutdown()
    t = time.perf_counter()
    _, deck = build_download("pptx", filters, dataset, config)
    deck_cold = time.perf_counter() - t
    t = time.perf_counter()
    build_download("pptx", filters, dataset, config)
    deck_warm = time.perf_counter() - t
    images.shutdown()

    print(line("PNG 1920×1080, cold (starts the browser)", [cold]))
    print(line("PNG 1920×1080, warm", warm, WARM_PNG_TARGET_S))
    print(line("  of which: build and compose the figure", [s[0] for s in steps]))
    print(line("  of which: draw in the browser", [s[1] for s in steps]))
    print(line("  of which: check size, flatten to RGB", [s[2] for s in steps]))
    print(line("4 PNGs drawn together, warm (per PNG)", [four_together / 4]))
    print(
        line(
            f"deck of the default view, cold ({len(deck) // 1024} KiB)",
            [deck_cold],
            COLD_DECK_TARGET_S,
        )
    )
    print(line("deck of the default view, warm", [deck_warm]))


if __name__ == "__main__":
    main()
