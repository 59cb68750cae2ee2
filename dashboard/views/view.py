"""One view, computed once: ``make_view(snapshot, config, filters, language) → View``.

The page (cards, charts, funding per person, the claims view, the table), every download
button and ``dashboard export`` render the same ``View``; nothing else filters the data.
``Snapshot`` is the data as loaded, once, in every language of the catalogue (its frames,
its curated names from data/i18n, its table rows): a view, a file or a table page never
reads data/i18n again.

Limits, decided once, here: the files carry everything, the page may show fewer and says how
many more. ``View.cards`` holds each card with the lines a card shows (``CARD_LINES``) and how
many more the table holds (``Card.more``); ``View.ratios`` the first ``MAX_RATIOS``
funding-per-person lines and ``View.ratio_count`` how many the view has ("and N more"). The
files are made of the view's rows (``View.figures``) and hold every line: the XLSX and the deck
derive all ``ratio_count`` of them with the same ``funding_ratios``. Deriving them all for the
page cost 190 ms instead of 75 ms a view at 10,000 figures (bench/bench_view.py).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.analysis.claims import (
    QuantityChoice,
    most_stated,
    quantity_choices,
    quantity_history,
    restated,
)
from dashboard.analysis.filters import Choices, choices, years_without_data
from dashboard.analysis.frame import (
    Derived,
    Filters,
    apply_event_filters,
    apply_filters,
    events_frame,
    figures_frame,
    funding_ratios,
    ratio_pairs,
)
from dashboard.curated.records import Dataset
from dashboard.curated.translations import Translations, curated_names
from dashboard.views.cards import CARD_LINES, Card, headline_cards
from dashboard.views.context import ContextLine, context_lines
from dashboard.views.charts import (
    CAP_NOTE_NAME,
    CHARTS,
    Spec,
    alt_text,
    chart_figure,
    qualifier_notes,
    source_footer,
)
from dashboard.views.language import Localized, localize, untranslated, words_for
from dashboard.views.table import TableIndex, TablePage, TableQuery, table_page, table_rows
from dashboard.words import LANGUAGES
from dashboard.words.catalogue import SOURCE_LANGUAGE

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from dashboard.config import Config

MAX_RATIOS = (
    6  # funding-per-person lines the page shows; it says how many more there are (files hold all)
)


@dataclass(frozen=True)
class ChartView:
    spec: Spec  # the figure as plotly's plain dict, what the page sends (``charts.as_figure`` wraps one)
    footer: str
    notes: tuple[str, ...]
    alt: str


@dataclass(frozen=True)
class View:
    """Everything one set of filters shows, in one language: the page renders it, the files are made of it."""

    filters: Filters
    figures: pd.DataFrame  # the filtered figures, texts in ``language``
    events: pd.DataFrame
    cards: list[Card]
    charts: dict[str, ChartView]
    ratios: list[
        Derived
    ]  # the funding-per-person lines the page shows: the first MAX_RATIOS of ratio_count
    ratio_count: int  # every funding-per-person line of the view: what the files hold
    summary: (
        str  # "Showing 3 figures and 1 event · 2013–2019 · … No figures or events in 2013–2017: …"
    )
    quantity: str | None = (
        None  # the claims view's quantity: the link's, else the most stated one in view
    )
    claims: pd.DataFrame | None = (
        None  # claim_history of ``quantity`` within the view, latest first
    )
    language: str = SOURCE_LANGUAGE  # every word above is in this language ("en", "vi")
    context: tuple[
        ContextLine, ...
    ] = ()  # context statistics of the view's years: no programme's, shown apart

    @property
    def shown_ratios(self) -> list[Derived]:
        """The funding-per-person lines the page shows (the rest: "and N more")."""
        return self.ratios


@dataclass(frozen=True)
class Snapshot:
    """The data as loaded, once: frames, choices, and the same in each language of the catalogue."""

    dataset: Dataset
    figures: pd.DataFrame
    events: pd.DataFrame
    choices: Choices
    languages: dict[str, Localized] = field(default_factory=dict, compare=False, repr=False)
    translations: dict[str, Translations] = field(default_factory=dict, compare=False, repr=False)
    tables: dict[str, TableIndex] = field(default_factory=dict, compare=False, repr=False)
    quantities: dict[str, tuple[QuantityChoice, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def localized(self, language: str | None = None) -> Localized:
        """The data in ``language`` (English when None or not a language of the snapshot)."""
        found = self.languages.get(language or SOURCE_LANGUAGE) or self.languages.get(
            SOURCE_LANGUAGE
        )
        if found is None:  # a snapshot made without languages (tests): English, built now
            found = localize(self.dataset, self.figures, self.events, SOURCE_LANGUAGE)
        return found

    def table(self, language: str | None = None) -> TableIndex:
        local = self.localized(language).language
        if local not in self.tables:
            return TableIndex.of(table_rows(self.figures))
        return self.tables[local]


def load_languages(data_dir: Path | str | None) -> dict[str, Translations]:
    """The curated names of ``data_dir/i18n`` by language; a language whose file is missing or
    does not read has none (its names show in English, marked; ``dashboard validate`` says why)."""
    found = {
        language: curated_names(data_dir, language)
        for language in LANGUAGES
        if language != SOURCE_LANGUAGE
    }
    return {language: names for language, names in found.items() if names is not None}


def make_snapshot(dataset: Dataset, translations: dict[str, Translations]) -> Snapshot:
    """Frames, choices, table rows and claims choices, once, and once more in each language
    (names from ``translations``, read from data/i18n by the caller, once)."""
    figures, events = figures_frame(dataset), events_frame(dataset)
    languages = {
        language: localize(dataset, figures, events, language, translations.get(language))
        for language in LANGUAGES
    }
    table, quantities = (
        TableIndex.of(table_rows(figures)),
        tuple(quantity_choices(figures)),
    )  # English: the frames as curated
    tables = {
        language: table
        if language == SOURCE_LANGUAGE
        else TableIndex.of(
            table_rows(
                local.figures, {p.name for p in local.dataset.programmes if untranslated(p.name)}
            ),
            language,
        )
        for language, local in languages.items()
    }
    named = {
        language: quantities
        if language == SOURCE_LANGUAGE
        else tuple(quantity_choices(local.figures))
        for language, local in languages.items()
    }
    return Snapshot(
        dataset,
        figures,
        events,
        choices(dataset, figures),
        languages,
        dict(translations),
        tables,
        named,
    )


def make_view(
    snapshot: Snapshot, config: Config, filters: Filters, language: str | None = None
) -> View:
    """Filter the frames once and build the cards, the charts, the funding per person and the
    claims view, every word in ``language`` (English when None)."""
    local = snapshot.localized(language)
    dataset, theme, words = local.dataset, config.theme, local.words
    figures = apply_filters(local.figures, filters)
    events = apply_event_filters(local.events, filters)
    charts = {}
    for name in CHARTS:
        footer = source_footer(name, figures, events, dataset)
        spec, capped = page_spec(
            chart_figure(name, figures, events, dataset, theme, filters), CHARTS[name].plots
        )
        charts[name] = ChartView(
            spec=spec,
            footer=footer,
            notes=(*capped, *qualifier_notes(name, figures)),
            alt=alt_text(name, figures, events, dataset, filters, footer=footer),
        )
    pairs = ratio_pairs(figures)
    ratios = funding_ratios(figures, dataset, pairs[:MAX_RATIOS], words=words)
    count = local.formatter.count
    summary = words.text(
        "Showing {figures} and {events} · {filters}",
        "status",
        # a restatement adds a source to a figure the view counts once (the table shows it on that row)
        figures=count(len(figures) - len(restated(figures)), "figure"),
        events=count(len(events), "event"),
        filters=filters.describe(dataset, words=words),
    )
    outside = years_without_data(filters, snapshot.choices, words)
    if outside:
        summary += f". {outside}"
    quantity, claims = view_claims(filters, figures)
    return View(
        filters=filters,
        figures=figures,
        events=events,
        cards=headline_cards(figures, dataset, filters, lines=CARD_LINES),
        charts=charts,
        ratios=ratios,
        ratio_count=len(pairs),
        summary=summary,
        quantity=quantity,
        claims=claims,
        language=local.language,
        context=context_lines(dataset, filters, local.language),
    )


def page_spec(spec: Spec, plots: str) -> tuple[Spec, tuple[str, ...]]:
    """A bar chart's figure as the page draws it, and the cap note ("Showing the 10 largest …")
    taken out of it for the notes under the chart: inside the plot it ran into the lowest
    category label as documents added bars, where the notes' HTML wraps to any width. (A
    timeline keeps its note on a row of its own; a slide moves it to its notes.)"""
    annotations = spec.get("layout", {}).get("annotations") or []
    notes = tuple(
        html.unescape(a.get("text", "")) for a in annotations if a.get("name") == CAP_NOTE_NAME
    )
    if plots == "events" or not notes:
        return spec, ()
    layout = {
        **spec["layout"],
        "annotations": [a for a in annotations if a.get("name") != CAP_NOTE_NAME],
    }
    return {**spec, "layout": layout}, notes


def view_ids(snapshot: Snapshot, filters: Filters) -> list[str]:
    """The ids of the figures a view of ``filters`` holds, in its order: what the table pages through
    (the same filter as ``make_view``'s, without building charts)."""
    return apply_filters(snapshot.figures, filters)["id"].tolist()


def view_claims(filters: Filters, figures: pd.DataFrame) -> tuple[str | None, pd.DataFrame | None]:
    """The claims view's quantity and its statements in this view, latest first: the link's
    quantity, else the quantity stated most often among the view's figures. ``None``
    statements when the quantity has none in the view (e.g. its years are not chosen)."""
    quantity = filters.quantity
    if (
        quantity is None
    ):  # the claims chart's own rule (views.charts.claims), so both show one quantity
        quantity = most_stated(figures) if "quantity_group" in figures else None
    if quantity is None:
        return None, None
    return quantity, quantity_history(
        figures, quantity
    )  # the claims chart asks the same of this frame


def first_table_page(snapshot: Snapshot, view: View, page_size: int) -> TablePage:
    """The table a new visitor sees: page 1 of the view, in the view's order and language."""
    return table_page(
        snapshot.table(view.language),
        view.figures["id"].tolist(),
        TableQuery(),
        page_size,
        words=words_for(view.language),
    )
