"""The filters a user sees ⇄ the query string of a shareable link, and ⇄ the page's controls.

A view is a link: ``?year_from=2022&year_to=2022&programme=uk-returns&metric=returns``.
``programme`` repeats for several programmes; ``metric`` names one metric. A key left out
means its default, so the link of the default view is the bare page address.

Everything here reads input a user or a forged request can write, so nothing raises:
an unknown programme or metric is dropped, a year that is not a four-digit year inside the
data's span is replaced by the default, and a range whose start is after its end falls back
to the default range. The rest of a link that is valid is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from dashboard.config import DefaultFilters
from dashboard.analysis.frame import Filters, year_span
from dashboard.curated.records import Dataset

YEAR_FROM, YEAR_TO, PROGRAMME, METRIC = "year_from", "year_to", "programme", "metric"
ALL_METRICS = "all"  # the metric control's value for "every metric"
MAX_QUERY_CHARS = 4096  # a longer query string is not a link anyone made by hand or by us
MAX_ITEMS = 200  # at most this many values are read from a list, the rest ignored

_YEAR = re.compile(r"^[0-9]{4}$")


@dataclass(frozen=True)
class Choices:
    """What a filter may hold for one dataset: its year span, programme and metric ids.

    Built once at start-up (``choices(dataset)``) so decoding a request does not walk
    every figure; every function here also accepts the ``Dataset`` itself.
    """

    first_year: int
    last_year: int
    programmes: tuple[str, ...]
    metrics: tuple[str, ...]


def choices(dataset: Dataset | Choices) -> Choices:
    if isinstance(dataset, Choices):
        return dataset
    first, last = year_span(dataset)
    return Choices(first, last, tuple(p.id for p in dataset.programmes), tuple(m.id for m in dataset.metrics))


def default_filters(dataset: Dataset | Choices, defaults: DefaultFilters) -> Filters:
    """The view a new visitor sees: ``config.yaml``'s defaults, clipped to the data.

    An empty year means the first or last year in the data; a default programme or
    metric that the data does not know is dropped, and so is a default range that lies
    outside the data.
    """
    c = choices(dataset)
    first, last = c.first_year, c.last_year
    year_from = defaults.year_from if defaults.year_from is not None and first <= defaults.year_from <= last else first
    year_to = defaults.year_to if defaults.year_to is not None and first <= defaults.year_to <= last else last
    if year_from > year_to:
        year_from, year_to = first, last
    return Filters(
        year_from,
        year_to,
        _known(defaults.programmes, c.programmes),
        _known(defaults.metrics, c.metrics),
    )


def parse(query: Any, dataset: Dataset | Choices, defaults: Filters) -> Filters:
    """The filters named in a query string (with or without its ``?``), over ``defaults``."""
    if not isinstance(query, str) or len(query) > MAX_QUERY_CHARS:
        return defaults
    try:
        pairs = parse_qsl(query.removeprefix("?"), keep_blank_values=True, max_num_fields=MAX_ITEMS, errors="replace")
    except ValueError:  # more fields than MAX_ITEMS
        return defaults
    values: dict[str, list[str]] = {}
    for key, value in pairs:
        values.setdefault(key, []).append(value)

    c = choices(dataset)
    first, last = c.first_year, c.last_year
    year_from = _year(values.get(YEAR_FROM), first, last, defaults.year_from)
    year_to = _year(values.get(YEAR_TO), first, last, defaults.year_to)
    if year_from > year_to:
        year_from, year_to = defaults.year_from, defaults.year_to

    programmes = defaults.programmes
    if PROGRAMME in values:  # "programme=" alone: every programme, even when the default is fewer
        blank = all(not v for v in values[PROGRAMME])
        programmes = () if blank else (_known(values[PROGRAMME], c.programmes) or defaults.programmes)
    metric = defaults.metrics
    if METRIC in values:
        metric = () if values[METRIC][0] == ALL_METRICS else (_known(values[METRIC], c.metrics)[:1] or defaults.metrics)
    return Filters(year_from, year_to, programmes, metric)


def encode(filters: Filters, defaults: Filters) -> str:
    """The query string of ``filters``, ``?…`` or ``""`` for the default view.

    Only what differs from the defaults is written, so a link stays short and the reset
    view is the bare address. Programmes and metrics are written in the order given.
    """
    pairs: list[tuple[str, str | int]] = []
    if filters.year_from != defaults.year_from:
        pairs.append((YEAR_FROM, filters.year_from))
    if filters.year_to != defaults.year_to:
        pairs.append((YEAR_TO, filters.year_to))
    if filters.programmes != defaults.programmes:  # all programmes over a narrower default: "programme="
        pairs += [(PROGRAMME, p) for p in filters.programmes] or [(PROGRAMME, "")]
    if filters.metrics != defaults.metrics:
        pairs += [(METRIC, m) for m in filters.metrics] or [(METRIC, ALL_METRICS)]
    if not pairs:
        return ""
    return "?" + urlencode(pairs)


def from_controls(years: Any, programmes: Any, metric: Any, dataset: Dataset | Choices, defaults: Filters) -> Filters:
    """The filters the page's controls hold, read defensively (values come from the browser).

    ``years`` is ``[year_from, year_to]``; ``programmes`` a list of ids (empty = all);
    ``metric`` one id or ``ALL_METRICS``. A value of the wrong type or an unknown id is
    replaced by its default, exactly as in ``parse``.
    """
    c = choices(dataset)
    first, last = c.first_year, c.last_year
    year_from, year_to = defaults.year_from, defaults.year_to
    if isinstance(years, (list, tuple)) and len(years) == 2:
        year_from = _year_value(years[0], first, last, defaults.year_from)
        year_to = _year_value(years[1], first, last, defaults.year_to)
        if year_from > year_to:
            year_from, year_to = defaults.year_from, defaults.year_to

    if programmes is None or programmes == []:
        chosen: tuple[str, ...] = ()
    elif isinstance(programmes, (list, tuple)):
        chosen = _known(programmes, c.programmes) or defaults.programmes
    else:
        chosen = defaults.programmes

    if metric == ALL_METRICS or metric is None:
        metrics: tuple[str, ...] = ()
    else:
        metrics = _known([metric], c.metrics) or defaults.metrics
    return Filters(year_from, year_to, chosen, metrics)


def to_controls(filters: Filters) -> tuple[list[int], list[str], str]:
    """The values to put in the controls to show ``filters``: years, programmes, metric."""
    metric = filters.metrics[0] if len(filters.metrics) == 1 else ALL_METRICS
    return [filters.year_from, filters.year_to], list(filters.programmes), metric


# --- helpers -----------------------------------------------------------------------------


def _known(values: Any, known: tuple[str, ...]) -> tuple[str, ...]:
    """The values that are known ids, each once, in the data's order; anything else dropped."""
    wanted = {v for v in list(values)[:MAX_ITEMS] if isinstance(v, str)}
    return tuple(k for k in known if k in wanted)


def _year(values: list[str] | None, first: int, last: int, default: int) -> int:
    if not values:
        return default
    return _year_value(values[-1], first, last, default)


def _year_value(value: Any, first: int, last: int, default: int) -> int:
    """A year the data covers, from an int or a four-digit string; else ``default``."""
    if isinstance(value, bool):
        return default
    if isinstance(value, str):
        value = value.strip()
        if not _YEAR.match(value):
            return default
        value = int(value)
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or not first <= value <= last:
        return default
    return value
