"""The filter state, described once: every filter a view has, under one name everywhere.

A view is chosen by seven values: ``year_from``, ``year_to``, ``programme``, ``metric``,
``scope``, ``quantity`` and ``lang``. ``FIELDS`` describes each once (its name, whether it
repeats, what it holds, its help text); the link's query keys (``web.urlstate``), the
``dashboard export`` options (``cli``) and the keys of ``defaults`` in ``config.yaml``
(``config.DefaultFilters``) are those names, generated or checked from ``FIELDS``, so adding
a filter is a change here (and in ``Filters``, which holds the values).

``FilterState`` is one set of values (``Filters`` and the language); ``Choices`` what a filter
may hold for one dataset; ``default_filters`` the view ``config.yaml`` opens on;
``state_from_options`` reads the CLI's values. The link's reading (forgiving: a forged link
never makes an error page) stays in ``web.urlstate``; the CLI's is strict (an unknown id is
an error naming the option). Nothing here imports dash.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from dashboard.analysis.frame import SCOPE_NOT_STATED, Filters, figures_frame, year_span
from dashboard.curated.records import Dataset
from dashboard.words import LANGUAGES, Words
from dashboard.words.catalogue import SOURCE_LANGUAGE

MAX_ITEMS = 200  # at most this many values are read from a list, the rest ignored
CTX_CLI = "cli"

Kind = Literal["year", "ids", "id", "language"]


@dataclass(frozen=True)
class FilterField:
    """One filter: its ``name`` (the link's key, ``--name-with-dashes`` on the command line,
    the key under ``defaults:`` in config.yaml), what it holds and its help text (English,
    a catalogue entry of context "cli")."""

    name: str
    kind: Kind  # year: one year; ids: several ids (repeat the key); id: one id; language: a code of LANGUAGES
    help: str
    attr: (
        str  # the ``Filters`` attribute that holds it (``language`` for lang: not a filter of rows)
    )
    choices: str = ""  # the ``Choices`` attribute listing the values it may hold ("" for years and the language)
    every: str = ""  # ids: how a link says "every one" when the default is narrower (``programme=``, ``metric=all``)
    reads: Literal["all", "first", "last"] = (
        "all"  # ids: which of a link's repeated values count (the page shows one metric)
    )
    unknown: str = ""  # what a link's notice says of an id the data does not know ("{part}: no such programme")

    @property
    def flag(self) -> str:
        """``--year-from``: the command-line option."""
        return "--" + self.name.replace("_", "-")

    @property
    def repeats(self) -> bool:
        return self.kind == "ids"


FIELDS: tuple[FilterField, ...] = (
    FilterField(
        "year_from",
        "year",
        "First year (a figure is kept when its period overlaps the range).",
        "year_from",
    ),
    FilterField("year_to", "year", "Last year.", "year_to"),
    FilterField(
        "programme",
        "ids",
        "Programme id; repeat for several.",
        "programmes",
        "programmes",
        unknown="{part}: no such programme",
    ),
    FilterField(
        "metric",
        "ids",
        "Metric id; repeat for several.",
        "metrics",
        "metrics",
        every="all",
        reads="first",
        unknown="{part}: no such metric",
    ),
    FilterField(
        "scope",
        "ids",
        "Scope id (not_stated: programmes without one); repeat for several.",
        "scope",
        "scopes",
        unknown="{part}: no such scope",
    ),
    FilterField(
        "quantity",
        "id",
        "The claims view's quantity (a quantity group id; none: the most stated one in view).",
        "quantity",
        "quantities",
        reads="last",
        unknown="{part}: no such quantity in this data",
    ),
    FilterField("lang", "language", "Language of the words: {languages}.", "language"),
)
YEAR_FROM, YEAR_TO, PROGRAMME, METRIC, SCOPE, QUANTITY, LANG = (f.name for f in FIELDS)


@dataclass(frozen=True)
class FilterState:
    """One view's choice: the filters of its rows and the language of its words."""

    filters: Filters
    language: str = SOURCE_LANGUAGE

    def values(self) -> dict[str, Any]:
        """Each field's value by its name (``programme``: a tuple of ids, ``quantity``: an id or None)."""
        return {
            f.name: self.language if f.kind == "language" else getattr(self.filters, f.attr)
            for f in FIELDS
        }


@dataclass(frozen=True)
class Choices:
    """What a filter may hold for one dataset: its year span, programme, metric, scope and
    quantity ids.

    Built once at start-up (``choices(dataset)``) so decoding a request does not walk
    every figure; every function here also accepts the ``Dataset`` itself.
    """

    first_year: int
    last_year: int
    programmes: tuple[str, ...]
    metrics: tuple[str, ...]
    scopes: tuple[
        str, ...
    ] = ()  # scope ids in the vocabulary's order, then "not_stated" if any programme has none
    quantities: tuple[str, ...] = ()  # quantity_group ids (analysis.claims.quantity_choices)


def choices(dataset: Dataset | Choices, figures: pd.DataFrame | None = None) -> Choices:
    """The choices of ``dataset``; ``figures`` is its figures frame when already built."""
    if isinstance(dataset, Choices):
        return dataset
    first, last = year_span(dataset)
    used = {p.scope for p in dataset.programmes}
    scopes = tuple(s.id for s in dataset.scopes if s.id in used)
    if any(not p.scope for p in dataset.programmes):
        scopes += (SCOPE_NOT_STATED,)
    if figures is None and dataset.figures:
        figures = figures_frame(dataset)
    quantities = (
        tuple(dict.fromkeys(figures["quantity_group"].astype(str))) if dataset.figures else ()
    )
    return Choices(
        first,
        last,
        tuple(p.id for p in dataset.programmes),
        tuple(m.id for m in dataset.metrics),
        scopes,
        quantities,
    )


def known(values: Any, ids: tuple[str, ...]) -> tuple[str, ...]:
    """The values that are known ids, each once, in the data's order; anything else dropped."""
    wanted = {v for v in list(values)[:MAX_ITEMS] if isinstance(v, str)}
    return tuple(k for k in ids if k in wanted)


def default_filters(dataset: Dataset | Choices, defaults: Any) -> Filters:
    """The view a new visitor sees: ``config.yaml``'s ``defaults`` (read field by field of
    ``FIELDS``), clipped to the data.

    An empty year means the first or last year in the data; a default programme, metric,
    scope or quantity that the data does not know is dropped, and so is a default range that
    lies outside the data.
    """
    c = choices(dataset)
    first, last = c.first_year, c.last_year
    values: dict[str, Any] = {}
    for f in FIELDS:
        value = getattr(defaults, f.name, None)
        if f.kind == "year":
            bound = first if f.name == YEAR_FROM else last
            values[f.attr] = value if value is not None and first <= value <= last else bound
        elif f.kind == "ids":
            values[f.attr] = known(value or (), getattr(c, f.choices))
        elif f.kind == "id":
            values[f.attr] = value if value in getattr(c, f.choices) else None
    if values["year_from"] > values["year_to"]:
        values["year_from"], values["year_to"] = first, last
    return Filters(**values)


def default_language(defaults: Any) -> str:
    """``defaults.lang`` of config.yaml, English when not set."""
    language = getattr(defaults, LANG, None)
    return language if language in LANGUAGES else SOURCE_LANGUAGE


def default_state(dataset: Dataset | Choices, defaults: Any) -> FilterState:
    return FilterState(default_filters(dataset, defaults), default_language(defaults))


class BadOption(ValueError):
    """A command-line value the data does not know: ``option`` names the flag, the message what to do."""

    def __init__(self, option: str, message: str):
        super().__init__(message)
        self.option = option


def state_from_options(
    options: dict[str, Any], dataset: Dataset | Choices, defaults: Any, words: Words | None = None
) -> FilterState:
    """The filter state of the command line's options (by field name; ``None`` or ``()`` for an
    option not given) over config.yaml's ``defaults``: what is given wins, the rest is the
    default view, exactly as a link that names only some keys. An id the data does not know
    or a range that ends before it starts raises ``BadOption`` naming the flag."""
    words = words or Words(SOURCE_LANGUAGE)
    c = choices(dataset)
    start = default_state(c, defaults)
    values = {f.attr: getattr(start.filters, f.attr) for f in FIELDS if f.kind != "language"}
    language = start.language
    for f in FIELDS:
        given = options.get(f.name)
        if given is None or given == ():
            continue
        if f.kind == "language":
            language = given
        elif f.kind == "year":
            values[f.attr] = given
        else:
            listed = tuple(given) if f.repeats else (given,)
            if f.repeats and all(
                not v or v == f.every for v in listed
            ):  # "--programme ''", "--metric all": every one, as in a link
                values[f.attr] = ()
                continue
            unknown = [v for v in listed if v not in getattr(c, f.choices)]
            if unknown:
                raise BadOption(
                    f.flag,
                    words.text(
                        "unknown {option} {name}; choose one of: {choices}",
                        CTX_CLI,
                        option=f.name,
                        name=", ".join(map(repr, unknown)),
                        choices=", ".join(getattr(c, f.choices)) or "-",
                    ),
                )
            values[f.attr] = tuple(dict.fromkeys(listed)) if f.repeats else given
    if values["year_from"] > values["year_to"]:
        raise BadOption(
            "--year-from",
            words.text(
                "{first} is after {last}",
                CTX_CLI,
                first=values["year_from"],
                last=values["year_to"],
            ),
        )
    return FilterState(Filters(**values), language)


def years_without_data(
    filters: Filters, dataset: Dataset | Choices, words: Words | None = None
) -> str:
    """``No figures in 2013: the data covers 2018–2026.`` for the years of a view outside the
    data's span; ``""`` when every year chosen is inside it. In the language of ``words``."""
    words = words or Words(SOURCE_LANGUAGE)
    c = choices(dataset)
    outside = [
        (lo, hi)
        for lo, hi in (
            (filters.year_from, min(filters.year_to, c.first_year - 1)),
            (max(filters.year_from, c.last_year + 1), filters.year_to),
        )
        if lo <= hi
    ]
    if not outside:
        return ""
    spans = [str(lo) if lo == hi else f"{lo}–{hi}" for lo, hi in outside]
    years = (
        spans[0]
        if len(spans) == 1
        else words.text("{first} or {last}", "list of names", first=spans[0], last=spans[1])
    )
    span = str(c.first_year) if c.first_year == c.last_year else f"{c.first_year}–{c.last_year}"
    return words.text(
        "No figures or events in {years}: the data covers {span}.", "status", years=years, span=span
    )
