"""The page's state and view model, apart from Dash: what is computed once at start-up
(``AppState``) and what one set of filters shows (``View``).

Nothing here imports dash, the layout or the callbacks: ``layout`` renders a ``View``,
``callbacks`` computes one per request, ``app`` builds the state once. ``compute_view``
always computes afresh (the benchmark measures it); ``view_for`` answers from a bounded
cache of recent views first, so a shared link opened by a room or a filter toggled back
and forth is computed once.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.analysis.claims import QuantityChoice, most_stated, quantity_choices, quantity_history
from dashboard.analysis.frame import Derived, Filters, apply_event_filters, apply_filters, events_frame, figures_frame, funding_ratios, ratio_pairs
from dashboard.config import Config
from dashboard.curated.records import Dataset
from dashboard.curated.translations import Translations, curated_names, records_folder
from dashboard.views.cards import CARD_LINES, Card, headline_cards
from dashboard.views.context import ContextLine, context_lines
from dashboard.views.charts import CHARTS, Spec, alt_text, chart_figure, qualifier_notes, source_footer
from dashboard.views.language import Localized, localize, untranslated, words_for
from dashboard.views.table import TableIndex, TablePage, TableQuery, table_page, table_rows
from dashboard.web.provenance import Provenance
from dashboard.words import LANGUAGES
from dashboard.words.catalogue import SOURCE_LANGUAGE
from dashboard.web.urlstate import Choices, choices, default_filters, years_without_data

STATE_KEY = "DASHBOARD_STATE"
MAX_RATIOS = 6  # funding-per-person lines the page shows; it says how many more there are
VIEW_CACHE_SIZE = 64  # views kept; a view of the shipped data is a few hundred KB at most


class ViewCache:
    """The ``size`` views computed last, by their filters and language; safe across a server's threads."""

    def __init__(self, size: int = VIEW_CACHE_SIZE):
        self.size = size
        self._views: OrderedDict[tuple[Filters, str], View] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, filters: Filters, language: str = SOURCE_LANGUAGE) -> View | None:
        with self._lock:
            view = self._views.get((filters, language))
            if view is not None:
                self._views.move_to_end((filters, language))
            return view

    def put(self, view: View) -> None:
        key = (view.filters, view.language)
        with self._lock:
            self._views[key] = view
            self._views.move_to_end(key)
            while len(self._views) > self.size:
                self._views.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._views.clear()

    def __len__(self) -> int:
        return len(self._views)


# --- state computed once at start-up ------------------------------------------------------


def data_version(dataset: Dataset) -> str:
    """A short fingerprint of the data served: the same files give the same version,
    wherever the folder is (locations count by file name and line)."""
    text = re.sub(r"Location\(path='(?:[^']*/)?([^'/]*)'", r"Location(path='\1'", repr(dataset))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class ChartView:
    spec: Spec  # the figure as plotly's plain dict, what the page sends (``charts.as_figure`` wraps one)
    footer: str
    notes: tuple[str, ...]
    alt: str


@dataclass(frozen=True)
class View:
    """Everything the page shows for one set of filters."""

    filters: Filters
    figures: pd.DataFrame
    events: pd.DataFrame
    cards: list[Card]
    charts: dict[str, ChartView]
    ratios: list[Derived]  # funding per person: the first MAX_RATIOS of ratio_count
    ratio_count: int
    summary: str  # "Showing 3 figures and 1 event · 2013–2019 · … No figures or events in 2013–2017: …"
    quantity: str | None = None  # the claims view's quantity: the link's, else the most stated one in view
    claims: pd.DataFrame | None = None  # claim_history of ``quantity`` within the view, latest first
    language: str = SOURCE_LANGUAGE  # every word above is in this language ("en", "vi")
    context: tuple[ContextLine, ...] = ()  # context statistics of the view's years: no programme's, shown apart


@dataclass(frozen=True)
class AppState:
    dataset: Dataset
    config: Config
    seeds_dir: Path
    figures: pd.DataFrame
    events: pd.DataFrame
    choices: Choices
    defaults: Filters
    provenance: Provenance
    table: TableIndex  # the table row of every figure, with its search text and sort keys (English)
    quantities: tuple[QuantityChoice, ...] = ()  # the claims view's choices, most stated first
    default_view: View | None = field(default=None, compare=False)
    views: ViewCache = field(default_factory=ViewCache, compare=False, repr=False)
    version: str = ""  # data_version(dataset): the page states it, /status reports it
    # the data in each language of the catalogue (names, frames), built once at start-up
    languages: dict[str, Localized] = field(default_factory=dict, compare=False, repr=False)
    language: str = SOURCE_LANGUAGE  # config.defaults.language: the page's language without ?lang=
    tables: dict[str, TableIndex] = field(default_factory=dict, compare=False, repr=False)  # ``table`` in each language

    quantities_by_language: dict[str, tuple[QuantityChoice, ...]] = field(default_factory=dict, compare=False, repr=False)

    def quantities_in(self, language: str | None = None) -> tuple[QuantityChoice, ...]:
        """The claims view's choices named in ``language`` (``quantities`` for a state made without languages)."""
        return self.quantities_by_language.get(self.localized(language).language, self.quantities)

    def table_in(self, language: str | None = None) -> TableIndex:
        """The table rows in ``language`` (English ``table`` for a state made without languages)."""
        return self.tables.get(self.localized(language).language, self.table)

    def localized(self, language: str | None = None) -> Localized:
        """The data in ``language`` (the default language when None or not one the page offers)."""
        found = self.languages.get(language or self.language) or self.languages.get(self.language)
        if found is None:  # a state made without languages (tests): English, built now
            found = localize(self.dataset, self.figures, self.events, SOURCE_LANGUAGE)
        return found


def load_languages(data_dir: Path | str | None) -> dict[str, Translations]:
    """The curated names of ``data_dir/i18n`` by language; a language whose file is missing or
    does not read has none (its names show in English, marked; ``dashboard validate`` says why)."""
    found = {language: curated_names(data_dir, language) for language in LANGUAGES if language != SOURCE_LANGUAGE}
    return {language: names for language, names in found.items() if names is not None}


def make_state(dataset: Dataset, config: Config, seeds_dir: Path | str, data_dir: Path | str | None = None) -> AppState:
    """Frames, table rows, the provenance index and the default view, computed once; the
    frames and names once more for each language of the catalogue (``data_dir/i18n``, by
    default the folder the dataset was read from)."""
    figures = figures_frame(dataset)
    events = events_frame(dataset)
    translations = load_languages(data_dir if data_dir is not None else records_folder(dataset))
    languages = {language: localize(dataset, figures, events, language, translations.get(language)) for language in LANGUAGES}
    known = choices(dataset, figures)  # once: each figures_frame costs a second at 10,000 figures
    table, quantities = TableIndex.of(table_rows(figures)), tuple(quantity_choices(figures))  # English: the frames as curated
    tables = {language: table if language == SOURCE_LANGUAGE else TableIndex.of(table_rows(local.figures, {p.name for p in local.dataset.programmes if untranslated(p.name)}), language)
              for language, local in languages.items()}
    named = {language: quantities if language == SOURCE_LANGUAGE else tuple(quantity_choices(local.figures))
             for language, local in languages.items()}
    state = AppState(
        dataset=dataset,
        config=config,
        seeds_dir=Path(seeds_dir),
        figures=figures,
        events=events,
        choices=known,
        defaults=default_filters(known, config.defaults),
        provenance=Provenance(dataset, seeds_dir, figures=figures, translations=translations),
        table=table,
        quantities=quantities,
        version=data_version(dataset),
        languages=languages,
        language=default_language(config),
        tables=tables,
        quantities_by_language=named,
    )
    state = AppState(**{**state.__dict__, "default_view": compute_view(state, state.defaults, state.language)})
    state.views.put(state.default_view)
    return state


def default_language(config: Config) -> str:
    """``defaults.language`` of config.yaml, English when not set."""
    language = getattr(config.defaults, "language", None)
    return language if language in LANGUAGES else SOURCE_LANGUAGE


# --- one view --------------------------------------------------------------------------------


def compute_view(state: AppState, filters: Filters, language: str | None = None) -> View:
    """Filter the frames once and build the cards, the charts and the table rows, every word
    in ``language`` (the state's default language when None)."""
    local = state.localized(language)
    dataset, theme, words = local.dataset, state.config.theme, local.words
    figures = apply_filters(local.figures, filters)
    events = apply_event_filters(local.events, filters)
    charts = {}
    for name in CHARTS:
        footer = source_footer(name, figures, events, dataset)
        charts[name] = ChartView(
            spec=chart_figure(name, figures, events, dataset, theme, filters), footer=footer,
            notes=tuple(qualifier_notes(name, figures)), alt=alt_text(name, figures, events, dataset, filters, footer=footer),
        )
    pairs = ratio_pairs(figures)
    ratios = funding_ratios(figures, dataset, pairs[:MAX_RATIOS], words=words)
    count = local.formatter.count
    summary = words.text(
        "Showing {figures} and {events} · {filters}", "status",
        figures=count(len(figures), "figure"), events=count(len(events), "event"), filters=filters.describe(dataset, words=words),
    )
    outside = years_without_data(filters, state.choices, words)
    if outside:
        summary += f". {outside}"
    quantity, claims = view_claims(state, filters, figures)
    return View(
        filters=filters, figures=figures, events=events, cards=headline_cards(figures, dataset, filters, lines=CARD_LINES),
        charts=charts, ratios=ratios, ratio_count=len(pairs), summary=summary, quantity=quantity, claims=claims,
        language=local.language, context=context_lines(dataset, filters, local.language),
    )


def view_claims(state: AppState, filters: Filters, figures: pd.DataFrame) -> tuple[str | None, pd.DataFrame | None]:
    """The claims view's quantity and its statements in this view, latest first: the link's
    quantity, else the quantity stated most often among the view's figures. ``None``
    statements when the quantity has none in the view (e.g. its years are not chosen)."""
    quantity = filters.quantity
    if quantity is None:  # the claims chart's own rule (views.charts.claims), so both show one quantity
        quantity = most_stated(figures) if "quantity_group" in figures else None
    if quantity is None:
        return None, None
    return quantity, quantity_history(figures, quantity)  # the claims chart asks the same of this frame




def first_table_page(state: AppState, view: View) -> TablePage:
    """The table a new visitor sees: page 1 of the view, in the view's order and language."""
    return table_page(state.table_in(view.language), view.figures["id"].tolist(), TableQuery(), state.config.table.page_size, words=words_for(view.language))




def view_for(state: AppState, filters: Filters, language: str | None = None) -> View:
    """The view of ``filters`` in ``language``: from the cache of recent views, else computed and kept."""
    language = state.localized(language).language
    view = state.views.get(filters, language)
    if view is None:
        view = compute_view(state, filters, language)
        state.views.put(view)
    return view
