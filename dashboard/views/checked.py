"""The data every command and the app serve: ``load_valid`` plus the checks only the views can
make. The loader reads a metric's ``chart:`` as an id; which charts exist is known only here,
a layer above it, where the charts register (``views.charts.registry``). A chart added in one
module is at once a value ``chart:`` may take, and a mistyped one is a ``path:line`` error."""

from __future__ import annotations

from pathlib import Path

from dashboard.curated.load import load_dataset
from dashboard.curated.problems import DataInvalid
from dashboard.curated.records import Dataset
from dashboard.curated.validate import load_valid
from dashboard.views.charts import chart_problems


def load_checked(data_dir: Path | str, seeds_dir: Path | str, **options) -> Dataset:
    """``load_valid(data_dir, seeds_dir, **options)`` with every metric's chart checked against
    the registry, or ``DataInvalid`` with every problem found, the charts' among them."""
    try:
        dataset = load_valid(data_dir, seeds_dir, **options)
    except DataInvalid as err:  # name the charts' problems too: all at once, as validate does
        raise DataInvalid([*err.problems, *chart_problems(load_dataset(data_dir)[0])]) from None
    if problems := chart_problems(dataset):
        raise DataInvalid(problems)
    return dataset
