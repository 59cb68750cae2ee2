"""The filters a user sees ⇄ the query string of a shareable link, and ⇄ the page's controls.

A view is a link: ``?year_from=2022&year_to=2022&programme=uk-returns&metric=returns``.
``programme`` and ``scope`` repeat for several values; ``metric`` names one metric and
``quantity`` the claims view's quantity. A key left out means its default, so the link of
the default view is the bare page address.

A link keeps its meaning as data grows: its years are kept even where the data has no
figures (a link for 2013 shows an honest empty 2013, never the default view), and
``parse_link`` says which part of a link it could not use (an unknown programme, metric,
scope or quantity, a malformed year), so a forged or stale value never silently becomes
another view. Everything here reads input a user or a forged request can write, so
nothing raises: what cannot be used is left out and named, the rest of the link is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pandas as pd

from dashboard.config import DefaultFilters
from dashboard.analysis.frame import SCOPE_NOT_STATED, Filters, figures_frame, year_span
from dashboard.curated.records import Dataset
from dashboard.words import LANGUAGES, Words
from dashboard.words.catalogue import SOURCE_LANGUAGE

YEAR_FROM, YEAR_TO, PROGRAMME, METRIC, SCOPE, QUANTITY = "year_from", "year_to", "programme", "metric", "scope", "quantity"
CTX_LINK = "link notice"  # what the page says of a part of a link it cannot use
LANG = "lang"  # the page's language: ``?lang=vi``; left out for the default language (config.yaml)
ALL_METRICS = "all"  # the metric control's value for "every metric"
MAX_QUERY_CHARS = 4096  # a longer query string is not a link anyone made by hand or by us
MAX_ITEMS = 200  # at most this many values are read from a list, the rest ignored
# Years a link may name: kept even outside the data's span (no figures there, said so).
FIRST_LINK_YEAR, LAST_LINK_YEAR = 1900, 2100
MAX_SHOWN_CHARS = 40  # an unusable value is quoted in the page's notice up to this length

_YEAR = re.compile(r"^[0-9]{4}$")


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
    scopes: tuple[str, ...] = ()  # scope ids in the vocabulary's order, then "not_stated" if any programme has none
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
    quantities = tuple(dict.fromkeys(figures["quantity_group"].astype(str))) if dataset.figures else ()
    return Choices(first, last, tuple(p.id for p in dataset.programmes), tuple(m.id for m in dataset.metrics), scopes, quantities)


def default_filters(dataset: Dataset | Choices, defaults: DefaultFilters) -> Filters:
    """The view a new visitor sees: ``config.yaml``'s defaults, clipped to the data.

    An empty year means the first or last year in the data; a default programme, metric
    or scope that the data does not know is dropped, and so is a default range that lies
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
        _known(getattr(defaults, "scope", ()), c.scopes),
    )


@dataclass(frozen=True)
class Link:
    """A link as read: its filters, its language, and each part of it that could not be
    used, in words (``programme=old-fund: no such programme``), for the page to say."""

    filters: Filters
    unused: tuple[str, ...] = ()
    language: str | None = None  # the link's ``lang``; None: the default language


def query_values(query: Any) -> dict[str, list[str]]:
    """A query string's values by key (``{}`` for anything that is not a usable query string)."""
    if not isinstance(query, str) or len(query) > MAX_QUERY_CHARS:
        return {}
    try:
        pairs = parse_qsl(query.removeprefix("?"), keep_blank_values=True, max_num_fields=MAX_ITEMS, errors="replace")
    except ValueError:
        return {}
    values: dict[str, list[str]] = {}
    for key, value in pairs:
        values.setdefault(key, []).append(value)
    return values


def parse_language(value: Any, default: str = SOURCE_LANGUAGE) -> str:
    """A language the page offers (``en``, ``vi``) from a link or the page's store; anything
    else, forged or mistyped, reads as ``default``: a bad ``lang`` never makes an error page."""
    if isinstance(value, str) and value.strip().lower() in LANGUAGES:
        return value.strip().lower()
    return default


def link_language(query: Any, default: str = SOURCE_LANGUAGE) -> str:
    """The language a query string asks for (its last ``lang``), else ``default``."""
    values = query_values(query).get(LANG) or [""]
    return parse_language(values[-1], default)


def language_search(query: Any, language: str, default: str = SOURCE_LANGUAGE) -> str:
    """The query string of the same view in ``language``: ``?year_from=2022&lang=vi``; the
    default language is left out, so the English link of the default view is the bare address."""
    pairs = [(k, v) for k, vs in query_values(query).items() if k != LANG for v in vs]
    if language != default:
        pairs.append((LANG, language))
    return "?" + urlencode(pairs) if pairs else ""


def parse(query: Any, dataset: Dataset | Choices, defaults: Filters) -> Filters:
    """The filters named in a query string (with or without its ``?``), over ``defaults``."""
    return parse_link(query, dataset, defaults).filters


def parse_link(query: Any, dataset: Dataset | Choices, defaults: Filters, words: Words | None = None) -> Link:
    """The filters of a query string and what of it could not be used, said in the language
    of ``words`` (English when None); each part is quoted as the link wrote it."""
    say = (words or Words(SOURCE_LANGUAGE)).text
    if not isinstance(query, str):
        return Link(defaults)
    if len(query) > MAX_QUERY_CHARS:
        return Link(defaults, (say("the whole link: longer than {n} characters", CTX_LINK, n=(words or Words()).integer(MAX_QUERY_CHARS)),))
    try:
        pairs = parse_qsl(query.removeprefix("?"), keep_blank_values=True, max_num_fields=MAX_ITEMS, errors="replace")
    except ValueError:  # more fields than MAX_ITEMS
        return Link(defaults, (say("the whole link: more than {n} parts", CTX_LINK, n=MAX_ITEMS),))
    values: dict[str, list[str]] = {}
    for key, value in pairs:
        values.setdefault(key, []).append(value)

    c = choices(dataset)
    unused: list[str] = []
    year_from = _link_year(values, YEAR_FROM, defaults.year_from, unused, say)
    year_to = _link_year(values, YEAR_TO, defaults.year_to, unused, say)
    if year_from > year_to:
        unused.append(say("{part}: the range ends before it starts", CTX_LINK, part=f"{YEAR_FROM}={year_from}&{YEAR_TO}={year_to}"))
        year_from, year_to = defaults.year_from, defaults.year_to

    programmes = defaults.programmes
    if PROGRAMME in values:  # "programme=" alone: every programme, even when the default is fewer
        blank = all(not v for v in values[PROGRAMME])
        programmes = () if blank else (_link_ids(values[PROGRAMME], c.programmes, PROGRAMME, say("{part}: no such programme", CTX_LINK), unused) or defaults.programmes)
    scope = defaults.scope
    if SCOPE in values:  # "scope=" alone: every scope
        blank = all(not v for v in values[SCOPE])
        scope = () if blank else (_link_ids(values[SCOPE], c.scopes, SCOPE, say("{part}: no such scope", CTX_LINK), unused) or defaults.scope)
    metric = defaults.metrics
    if METRIC in values:
        if values[METRIC][0] == ALL_METRICS:
            metric = ()
        else:
            metric = _link_ids(values[METRIC][:1], c.metrics, METRIC, say("{part}: no such metric", CTX_LINK), unused) or defaults.metrics
    quantity = defaults.quantity
    if QUANTITY in values and values[QUANTITY][-1]:
        known = _link_ids(values[QUANTITY][-1:], c.quantities, QUANTITY, say("{part}: no such quantity in this data", CTX_LINK), unused)
        quantity = known[0] if known else defaults.quantity
    filters = Filters(year_from, year_to, programmes, metric, scope, quantity=quantity)
    language = None
    if LANG in values and values[LANG][-1]:
        language = parse_language(values[LANG][-1], "")
        if not language:
            unused.append(say("{part}: no such language (choose {choices})", CTX_LINK, part=f"{LANG}={_shown(values[LANG][-1])}", choices=" / ".join(LANGUAGES)))
            language = None
    return Link(filters, tuple(unused), language)


def encode(filters: Filters, defaults: Filters, language: str | None = None, default_language: str = SOURCE_LANGUAGE) -> str:
    """The query string of ``filters`` in ``language``, ``?…`` or ``""`` for the default view.

    Only what differs from the defaults is written, so a link stays short and the reset
    view is the bare address. Programmes, scopes and metrics are written in the order given;
    ``lang`` last, unless it is the default language.
    """
    pairs: list[tuple[str, str | int]] = []
    if filters.year_from != defaults.year_from:
        pairs.append((YEAR_FROM, filters.year_from))
    if filters.year_to != defaults.year_to:
        pairs.append((YEAR_TO, filters.year_to))
    if filters.programmes != defaults.programmes:  # all programmes over a narrower default: "programme="
        pairs += [(PROGRAMME, p) for p in filters.programmes] or [(PROGRAMME, "")]
    if filters.scope != defaults.scope:
        pairs += [(SCOPE, s) for s in filters.scope] or [(SCOPE, "")]
    if filters.metrics != defaults.metrics:
        pairs += [(METRIC, m) for m in filters.metrics] or [(METRIC, ALL_METRICS)]
    if filters.quantity != defaults.quantity and filters.quantity:
        pairs.append((QUANTITY, filters.quantity))
    if language and language != default_language:
        pairs.append((LANG, language))
    if not pairs:
        return ""
    return "?" + urlencode(pairs)


def from_controls(
    years: Any, programmes: Any, metric: Any, dataset: Dataset | Choices, defaults: Filters,
    scope: Any = None, quantity: Any = None,
) -> Filters:
    """The filters the page's controls hold, read defensively (values come from the browser).

    ``years`` is ``[year_from, year_to]`` (any year a link may name: the slider widens to a
    link's years); ``programmes`` and ``scope`` lists of ids (empty = all); ``metric`` one id
    or ``ALL_METRICS``; ``quantity`` one quantity id or None. A value of the wrong type or an
    unknown id is replaced by its default, exactly as in ``parse``.
    """
    c = choices(dataset)
    year_from, year_to = defaults.year_from, defaults.year_to
    if isinstance(years, (list, tuple)) and len(years) == 2:
        year_from = _year_value(years[0], FIRST_LINK_YEAR, LAST_LINK_YEAR, defaults.year_from)
        year_to = _year_value(years[1], FIRST_LINK_YEAR, LAST_LINK_YEAR, defaults.year_to)
        if year_from > year_to:
            year_from, year_to = defaults.year_from, defaults.year_to

    chosen = _control_ids(programmes, c.programmes, defaults.programmes)
    scopes = _control_ids(scope, c.scopes, defaults.scope)

    if metric == ALL_METRICS or metric is None:
        metrics: tuple[str, ...] = ()
    else:
        metrics = _known([metric], c.metrics) or defaults.metrics
    chosen_quantity = defaults.quantity
    if isinstance(quantity, str) and quantity in c.quantities:
        chosen_quantity = quantity
    elif quantity is None or quantity == "":
        chosen_quantity = None
    return Filters(year_from, year_to, chosen, metrics, scopes, quantity=chosen_quantity)


def to_controls(filters: Filters) -> tuple[list[int], list[str], str, list[str], str | None]:
    """The values to put in the controls to show ``filters``: years, programmes, metric,
    scopes and the claims view's quantity."""
    metric = filters.metrics[0] if len(filters.metrics) == 1 else ALL_METRICS
    return [filters.year_from, filters.year_to], list(filters.programmes), metric, list(filters.scope), filters.quantity


def slider_span(filters: Filters, dataset: Dataset | Choices) -> tuple[int, int]:
    """The years the year slider offers: the data's span, widened to a link's years so the
    slider can show them (a link for 2013 keeps 2013, with no figures in it)."""
    c = choices(dataset)
    return min(c.first_year, filters.year_from), max(c.last_year, filters.year_to)


def years_without_data(filters: Filters, dataset: Dataset | Choices, words: Words | None = None) -> str:
    """``No figures in 2013: the data covers 2018–2026.`` for the years of a view outside the
    data's span; ``""`` when every year chosen is inside it. In the language of ``words``."""
    words = words or Words(SOURCE_LANGUAGE)
    c = choices(dataset)
    outside = [
        (lo, hi)
        for lo, hi in ((filters.year_from, min(filters.year_to, c.first_year - 1)), (max(filters.year_from, c.last_year + 1), filters.year_to))
        if lo <= hi
    ]
    if not outside:
        return ""
    spans = [str(lo) if lo == hi else f"{lo}–{hi}" for lo, hi in outside]
    years = spans[0] if len(spans) == 1 else words.text("{first} or {last}", "list of names", first=spans[0], last=spans[1])
    span = str(c.first_year) if c.first_year == c.last_year else f"{c.first_year}–{c.last_year}"
    return words.text("No figures or events in {years}: the data covers {span}.", "status", years=years, span=span)


def unused_notice(unused: tuple[str, ...] | list[str], words: Words | None = None) -> str:
    """What the page says about the parts of a link it could not use; ``""`` for none. The
    parts are quoted as the link wrote them (``programme=old-fund``), with why in English."""
    if not unused:
        return ""
    words = words or Words(SOURCE_LANGUAGE)
    return words.text("Part of this link could not be used and is left out: {parts}.", "status", parts="; ".join(unused))


# --- helpers -----------------------------------------------------------------------------


def _known(values: Any, known: tuple[str, ...]) -> tuple[str, ...]:
    """The values that are known ids, each once, in the data's order; anything else dropped."""
    wanted = {v for v in list(values)[:MAX_ITEMS] if isinstance(v, str)}
    return tuple(k for k in known if k in wanted)


def _control_ids(value: Any, known: tuple[str, ...], default: tuple[str, ...]) -> tuple[str, ...]:
    """A multi-select control's ids: empty or None = all; unknown ids dropped (all unknown: the default)."""
    if value is None or value == []:
        return ()
    if isinstance(value, (list, tuple)):
        return _known(value, known) or default
    return default


def _shown(value: str) -> str:
    """A value from a link as the page quotes it: printable, and cut when long."""
    text = "".join(ch if ch.isprintable() else "?" for ch in value)
    return text if len(text) <= MAX_SHOWN_CHARS else text[:MAX_SHOWN_CHARS] + "…"


def _link_ids(values: list[str], known: tuple[str, ...], key: str, reason: str, unused: list[str]) -> tuple[str, ...]:
    """The known ids among a link's ``values``; each unknown one is named in ``unused``."""
    for value in list(dict.fromkeys(values[:MAX_ITEMS])):
        if value not in known:
            unused.append(reason.replace("{part}", f"{key}={_shown(value)}"))
    return _known(values, known)


def _link_year(values: dict[str, list[str]], key: str, default: int, unused: list[str], say=None) -> int:
    """The link's year for ``key`` (any four-digit year a link may name), else ``default``."""
    if key not in values or not values[key] or values[key][-1] == "":
        return default
    year = _year_value(values[key][-1], FIRST_LINK_YEAR, LAST_LINK_YEAR, None)
    if year is None:
        say = say or Words(SOURCE_LANGUAGE).text
        unused.append(say("{part}: not a year from {first} to {last}", CTX_LINK, part=f"{key}={_shown(values[key][-1])}", first=FIRST_LINK_YEAR, last=LAST_LINK_YEAR))
        return default
    return year


def _year_value(value: Any, first: int, last: int, default: Any) -> Any:
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
