"""The page's state and view model, apart from Dash: what is computed once at start-up
(``AppState``) and what one set of filters shows (``View``).

Nothing here imports dash, the layout or the callbacks: ``layout`` renders a ``View``,
``callbacks`` computes one per request, ``app`` builds the state once. ``compute_view``
always computes afresh (the benchmark measures it); ``view_for`` answers from a bounded
cache of recent views first, so a shared link opened by a room or a filter toggled back
and forth is computed once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from cachetools import LRUCache

from dashboard.analysis.claims import QuantityChoice
from dashboard.analysis.filters import Choices, default_filters
from dashboard.analysis.filters import default_language as _default_language
from dashboard.analysis.frame import Filters
from dashboard.config import Config
from dashboard.curated.records import Dataset
from dashboard.curated.translations import records_folder
from dashboard.outputs.releases import release_date
from dashboard.curated.version import data_version  # noqa: F401  (the page, /status and the files share it)
from dashboard.views.language import Localized, localize
from dashboard.views.table import TableIndex, TablePage
from dashboard.views.view import (  # noqa: F401  (View, ChartView, MAX_RATIOS, load_languages, view_claims: read from here too)
    MAX_RATIOS,
    ChartView,
    Snapshot,
    View,
    load_languages,
    make_snapshot,
    make_view,
    view_claims,
)
from dashboard.views.view import first_table_page as _first_table_page
from dashboard.web.provenance import Provenance
from dashboard.words.catalogue import SOURCE_LANGUAGE

STATE_KEY = "DASHBOARD_STATE"
VIEW_CACHE_SIZE = 64  # views kept; a view of the shipped data is a few hundred KB at most


class ViewCache:
    """The ``size`` views computed last, by their filters and language; safe across a server's threads."""

    def __init__(self, size: int = VIEW_CACHE_SIZE):
        self.size = size
        self._views: LRUCache = LRUCache(
            maxsize=size
        )  # (filters, language) → View, least recently used out first
        self._lock = threading.Lock()  # cachetools' caches are not thread-safe by themselves

    def get(self, filters: Filters, language: str = SOURCE_LANGUAGE) -> View | None:
        with self._lock:
            return self._views.get((filters, language))

    def put(self, view: View) -> None:
        with self._lock:
            self._views[(view.filters, view.language)] = view

    def clear(self) -> None:
        with self._lock:
            self._views.clear()

    def __len__(self) -> int:
        return len(self._views)


# --- state computed once at start-up ------------------------------------------------------


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
    tables: dict[str, TableIndex] = field(
        default_factory=dict, compare=False, repr=False
    )  # ``table`` in each language

    quantities_by_language: dict[str, tuple[QuantityChoice, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    snapshot: Snapshot | None = field(
        default=None, compare=False, repr=False
    )  # the data every view is made of (views.view)
    data_dir: Path | None = (
        None  # the curated folder: its releases/ say what changed since an older version
    )
    version_date: dt.date | None = (
        None  # the day this version was released, else the day it was loaded
    )
    version_released: bool = False  # data_dir/releases holds this version

    def data(self) -> Snapshot:
        """The snapshot views are made of (one built from the fields above for a state made without one)."""
        if self.snapshot is not None:
            return self.snapshot
        return Snapshot(
            self.dataset,
            self.figures,
            self.events,
            self.choices,
            self.languages,
            {},
            self.tables,
            self.quantities_by_language,
        )

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


def make_state(
    dataset: Dataset, config: Config, seeds_dir: Path | str, data_dir: Path | str | None = None
) -> AppState:
    """Frames, table rows, the provenance index and the default view, computed once; the
    frames and names once more for each language of the catalogue (``data_dir/i18n``, by
    default the folder the dataset was read from)."""
    translations = load_languages(data_dir if data_dir is not None else records_folder(dataset))
    snapshot = make_snapshot(dataset, translations)
    state = AppState(
        dataset=dataset,
        config=config,
        seeds_dir=Path(seeds_dir),
        figures=snapshot.figures,
        events=snapshot.events,
        choices=snapshot.choices,
        defaults=default_filters(snapshot.choices, config.defaults),
        provenance=Provenance(
            dataset, seeds_dir, figures=snapshot.figures, translations=translations
        ),
        table=snapshot.tables[SOURCE_LANGUAGE],
        quantities=snapshot.quantities[SOURCE_LANGUAGE],
        version=data_version(dataset),
        languages=snapshot.languages,
        language=default_language(config),
        tables=snapshot.tables,
        quantities_by_language=snapshot.quantities,
        snapshot=snapshot,
        data_dir=Path(data_dir) if data_dir is not None else records_folder(dataset),
    )
    released = release_date(state.data_dir, state.version)
    state = dataclasses.replace(
        state, version_date=released or dt.date.today(), version_released=released is not None
    )
    state = AppState(
        **{**state.__dict__, "default_view": compute_view(state, state.defaults, state.language)}
    )
    state.views.put(state.default_view)
    return state


def default_language(config: Config) -> str:
    """``defaults.lang`` of config.yaml, English when not set."""
    return _default_language(config.defaults)


# --- one view --------------------------------------------------------------------------------


def compute_view(state: AppState, filters: Filters, language: str | None = None) -> View:
    """The view of ``filters`` in ``language`` (the state's default language when None), computed
    afresh by ``views.view.make_view``: what the page, the downloads and ``dashboard export`` render."""
    return make_view(state.data(), state.config, filters, state.localized(language).language)


def first_table_page(state: AppState, view: View) -> TablePage:
    """The table a new visitor sees: page 1 of the view, in the view's order and language."""
    return _first_table_page(state.data(), view, state.config.table.page_size)


def view_for(state: AppState, filters: Filters, language: str | None = None) -> View:
    """The view of ``filters`` in ``language``: from the cache of recent views, else computed and kept."""
    language = state.localized(language).language
    view = state.views.get(filters, language)
    if view is None:
        view = compute_view(state, filters, language)
        state.views.put(view)
    return view
