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

from dashboard.analysis.filters import (  # noqa: F401  (Choices, default_filters, years_without_data: read from here too)
    FIELDS,
    LANG,
    MAX_ITEMS,
    METRIC,
    PROGRAMME,
    QUANTITY,
    SCOPE,
    YEAR_FROM,
    YEAR_TO,
    Choices,
    choices,
    default_filters,
    known,
    years_without_data,
)
from dashboard.analysis.frame import Filters
from dashboard.curated.records import Dataset
from dashboard.words import LANGUAGES, Words
from dashboard.words.catalogue import SOURCE_LANGUAGE

CTX_LINK = "link notice"  # what the page says of a part of a link it cannot use
ALL_METRICS = "all"  # the metric control's value for "every metric"
MAX_QUERY_CHARS = 4096  # a longer query string is not a link anyone made by hand or by us
# Years a link may name: kept even outside the data's span (no figures there, said so).
FIRST_LINK_YEAR, LAST_LINK_YEAR = 1900, 2100
MAX_SHOWN_CHARS = 40  # an unusable value is quoted in the page's notice up to this length

_YEAR = re.compile(r"^[0-9]{4}$")


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
        pairs = parse_qsl(
            query.removeprefix("?"),
            keep_blank_values=True,
            max_num_fields=MAX_ITEMS,
            errors="replace",
        )
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


def parse_link(
    query: Any, dataset: Dataset | Choices, defaults: Filters, words: Words | None = None
) -> Link:
    """The filters of a query string and what of it could not be used, said in the language
    of ``words`` (English when None); each part is quoted as the link wrote it."""
    say = (words or Words(SOURCE_LANGUAGE)).text
    if not isinstance(query, str):
        return Link(defaults)
    if len(query) > MAX_QUERY_CHARS:
        return Link(
            defaults,
            (
                say(
                    "the whole link: longer than {n} characters",
                    CTX_LINK,
                    n=(words or Words()).integer(MAX_QUERY_CHARS),
                ),
            ),
        )
    try:
        pairs = parse_qsl(
            query.removeprefix("?"),
            keep_blank_values=True,
            max_num_fields=MAX_ITEMS,
            errors="replace",
        )
    except ValueError:  # more fields than MAX_ITEMS
        return Link(defaults, (say("the whole link: more than {n} parts", CTX_LINK, n=MAX_ITEMS),))
    values: dict[str, list[str]] = {}
    for key, value in pairs:
        values.setdefault(key, []).append(value)

    c = choices(dataset)
    unused: list[str] = []
    chosen: dict[str, object] = {}
    for f in FIELDS:  # each filter by its kind, so a filter added to FIELDS is read here too
        default = getattr(defaults, f.attr, None)
        if f.kind == "year":
            chosen[f.attr] = _link_year(values, f.name, default, unused, say)
        elif f.kind in ("ids", "id") and f.name in values:
            chosen[f.attr] = _link_field(
                f, values[f.name], getattr(c, f.choices), default, unused, say
            )
        elif f.kind != "language":
            chosen[f.attr] = default
    if chosen["year_from"] > chosen["year_to"]:
        unused.append(
            say(
                "{part}: the range ends before it starts",
                CTX_LINK,
                part=f"{YEAR_FROM}={chosen['year_from']}&{YEAR_TO}={chosen['year_to']}",
            )
        )
        chosen["year_from"], chosen["year_to"] = defaults.year_from, defaults.year_to
    filters = Filters(**chosen)
    language = None
    if LANG in values and values[LANG][-1]:
        language = parse_language(values[LANG][-1], "")
        if not language:
            unused.append(
                say(
                    "{part}: no such language (choose {choices})",
                    CTX_LINK,
                    part=f"{LANG}={_shown(values[LANG][-1])}",
                    choices=" / ".join(LANGUAGES),
                )
            )
            language = None
    return Link(filters, tuple(unused), language)


def encode(
    filters: Filters,
    defaults: Filters,
    language: str | None = None,
    default_language: str = SOURCE_LANGUAGE,
) -> str:
    """The query string of ``filters`` in ``language``, ``?…`` or ``""`` for the default view.

    Only what differs from the defaults is written, so a link stays short and the reset
    view is the bare address. Programmes, scopes and metrics are written in the order given;
    ``lang`` last, unless it is the default language.
    """
    pairs: list[tuple[str, str | int]] = []
    for f in FIELDS:  # in FIELDS' order; each written only when it differs from the default
        value = getattr(filters, f.attr, None)
        if f.kind == "language" or value == getattr(defaults, f.attr, None):
            continue
        if f.kind == "year":
            pairs.append((f.name, value))
        elif f.kind == "ids":  # every one over a narrower default: "programme=", "metric=all"
            pairs += [(f.name, v) for v in value] or [(f.name, f.every)]
        elif value:
            pairs.append((f.name, value))
    if language and language != default_language:
        pairs.append((LANG, language))
    if not pairs:
        return ""
    return "?" + urlencode(pairs)


def from_controls(
    years: Any,
    programmes: Any,
    metric: Any,
    dataset: Dataset | Choices,
    defaults: Filters,
    scope: Any = None,
    quantity: Any = None,
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
    return (
        [filters.year_from, filters.year_to],
        list(filters.programmes),
        metric,
        list(filters.scope),
        filters.quantity,
    )


def slider_span(filters: Filters, dataset: Dataset | Choices) -> tuple[int, int]:
    """The years the year slider offers: the data's span, widened to a link's years so the
    slider can show them (a link for 2013 keeps 2013, with no figures in it)."""
    c = choices(dataset)
    return min(c.first_year, filters.year_from), max(c.last_year, filters.year_to)


def unused_notice(unused: tuple[str, ...] | list[str], words: Words | None = None) -> str:
    """What the page says about the parts of a link it could not use; ``""`` for none. The
    parts are quoted as the link wrote them (``programme=old-fund``), with why in English."""
    if not unused:
        return ""
    words = words or Words(SOURCE_LANGUAGE)
    return words.text(
        "Part of this link could not be used and is left out: {parts}.",
        "status",
        parts="; ".join(unused),
    )


# --- helpers -----------------------------------------------------------------------------


_known = known


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


def _link_field(f, values: list[str], ids: tuple[str, ...], default, unused: list[str], say):
    """A link's value of ids field ``f``: its known ids (each unknown one named in ``unused``);
    blank (or ``f.every``) means every one; nothing usable keeps ``default``."""
    if f.kind == "ids" and (all(not v for v in values) or (f.every and values[0] == f.every)):
        return ()
    read = {"all": values, "first": values[:1], "last": values[-1:]}[f.reads]
    if f.kind == "id" and not read[-1]:
        return default
    found = _link_ids(read, ids, f.name, say(f.unknown, CTX_LINK), unused)
    if f.kind == "id":
        return found[0] if found else default
    return found or default


def _link_ids(
    values: list[str], known: tuple[str, ...], key: str, reason: str, unused: list[str]
) -> tuple[str, ...]:
    """The known ids among a link's ``values``; each unknown one is named in ``unused``."""
    for value in list(dict.fromkeys(values[:MAX_ITEMS])):
        if value not in known:
            unused.append(reason.replace("{part}", f"{key}={_shown(value)}"))
    return _known(values, known)


def _link_year(
    values: dict[str, list[str]], key: str, default: int, unused: list[str], say=None
) -> int:
    """The link's year for ``key`` (any four-digit year a link may name), else ``default``."""
    if key not in values or not values[key] or values[key][-1] == "":
        return default
    year = _year_value(values[key][-1], FIRST_LINK_YEAR, LAST_LINK_YEAR, None)
    if year is None:
        say = say or Words(SOURCE_LANGUAGE).text
        unused.append(
            say(
                "{part}: not a year from {first} to {last}",
                CTX_LINK,
                part=f"{key}={_shown(values[key][-1])}",
                first=FIRST_LINK_YEAR,
                last=LAST_LINK_YEAR,
            )
        )
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
