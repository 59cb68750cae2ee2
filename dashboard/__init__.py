"""Programme-metrics dashboard for UK–Vietnam cooperation on migration and human trafficking.

Data flows one way: ``data/*.yaml`` → ``load``/``validate`` → ``frame`` → ``charts`` →
the Dash app (``app``, ``layout``, ``callbacks``) or ``export``. See docs/ARCHITECTURE.md.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent  # where data/, seeds/ and config.yaml ship
