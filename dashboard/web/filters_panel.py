"""The filters above the page: years, programmes, metric and scope, and Reset.

Each control starts at the view's filters (``urlstate.to_controls``); the callbacks keep them
and the link in step. A curated name with no translation says so in its dropdown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dash import dcc, html

from dashboard.analysis.frame import scope_label
from dashboard.views.language import unmarked, untranslated, words_for
from dashboard.web.ids import ID
from dashboard.web.urlstate import ALL_METRICS, slider_span, to_controls
from dashboard.words import Words

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.web.state import AppState, View

CTX = "filters"
OVERLAP_RULE = (
    "A figure is shown when its period overlaps the years you choose: “over £7m since 2018” "
    "also appears in a 2022 view. Totals over a period are never split into years."
)
MAX_YEAR_LABELS = 9  # year labels the slider has room for at laptop width


def name_label(text: str, words: Words) -> str:
    """A curated name in a dropdown: the English form says so when no translation is curated."""
    return (
        words.text("{name} (not yet translated)", "page", name=unmarked(text, words))
        if untranslated(text)
        else text
    )


def year_marks(first: int, last: int) -> dict[int, str]:
    """A dot for every year of the slider, labelled so labels never collide: every year up to
    ``MAX_YEAR_LABELS`` years, else the first, the last and every 2nd, 5th or 10th year between."""
    years = range(first, last + 1)
    step = next((s for s in (1, 2, 5, 10, 20, 50) if len(years) / s <= MAX_YEAR_LABELS), 100)
    shown = {first, last} | {
        y for y in years if y % step == 0 and y - first >= step and last - y >= step
    }
    return {y: str(y) if y in shown else "" for y in years}


def filters_panel(state: AppState, view: View) -> html.Section:
    """The filters section of ``view``, in its language."""
    years, programmes, metric, scopes, _ = to_controls(view.filters)
    dataset = state.localized(view.language).dataset
    words = words_for(view.language)
    say = words.text
    return html.Section(
        [
            html.H2(say("Filters", CTX), className="visually-hidden"),
            years_filter(years, slider_span(view.filters, state.choices), words),
            choice_filter(
                ID.PROGRAMMES,
                say("Programmes", CTX),
                [{"label": name_label(p.name, words), "value": p.id} for p in dataset.programmes],
                programmes,
                "filter-programmes",
                multi=True,
                placeholder=say("All programmes", CTX),
            ),
            choice_filter(
                ID.METRIC,
                say("Metric", CTX),
                [{"label": say("All metrics", CTX), "value": ALL_METRICS}]
                + [{"label": name_label(m.label, words), "value": m.id} for m in dataset.metrics],
                metric,
                "filter-metric",
                clearable=False,
                searchable=False,
            ),
            choice_filter(
                ID.SCOPE,
                say("Scope", CTX),
                [
                    {"label": name_label(scope_label(dataset, s, words), words), "value": s}
                    for s in state.choices.scopes
                ],
                scopes,
                "filter-scope",
                multi=True,
                placeholder=say("Every scope", CTX),
            ),
            html.Div(
                html.Button(
                    say("Reset filters", CTX),
                    id=ID.RESET,
                    className="btn btn-outline-secondary",
                    n_clicks=0,
                ),
                className="filter filter-reset",
            ),
        ],
        className="filters",
        **{"aria-label": say("Filters", CTX)},
    )


def years_filter(years, span: tuple[int, int], words: Words) -> html.Div:
    """The year range, its handles and number boxes named in the page's language (assets/a11y.js)."""
    say = words.text
    first, last = span
    return html.Div(
        [
            html.Label(
                say("Years", CTX),
                htmlFor=ID.YEARS,
                id=f"{ID.YEARS}-label",
                className="filter-label",
            ),
            dcc.RangeSlider(
                id=ID.YEARS,
                min=first,
                max=last,
                step=1,
                value=years,
                allowCross=False,
                marks=year_marks(first, last),
                updatemode="mouseup",
            ),
            html.P(say(OVERLAP_RULE, CTX), className="filter-help", id="overlap-rule"),
        ],
        className="filter filter-years",
        **{
            "data-name-first": say("First year", CTX),
            "data-name-last": say("Last year", CTX),
        },
        # English keeps Dash's own handle names
        **({"data-name-handles": "1"} if words.language != "en" else {}),
    )


def choice_filter(
    control: str, label: str, options: list[dict], value, name: str, **dropdown
) -> html.Div:
    """One labelled dropdown (``dropdown``: multi, placeholder, clearable, searchable)."""
    return html.Div(
        [
            html.Label(label, htmlFor=control, className="filter-label"),
            dcc.Dropdown(id=control, value=value, options=options, **dropdown),
        ],
        className=f"filter {name}",
    )
