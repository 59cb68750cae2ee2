"""The headline cards and the funding-per-person lines as components: each line a button that
opens its source, the card's English names marked as English where no translation is curated.
The numbers and words come made from ``views.cards`` and the view's ratios: nothing here
computes one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dash import html

from dashboard.analysis.frame import Derived
from dashboard.views.cards import Card
from dashboard.views.language import words_for
from dashboard.web.grid import english_name
from dashboard.web.ids import ID
from dashboard.words import Words

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.web.state import View


# --- cards -----------------------------------------------------------------------------------


def card_scopes(view: View) -> dict[str, str]:
    """Figure id → the scope label its card line shows ("UK worldwide")."""
    return dict(zip(view.figures["id"].astype(str), view.figures["scope_label"].astype(str)))


def render_cards(cards: list[Card], scopes: dict[str, str] | None = None) -> list[html.Article]:
    return [render_card(card, scopes or {}) for card in cards]


def render_card(card: Card, scopes: dict[str, str] | None = None) -> html.Article:
    """The card's headline figure first, then its other lines, then how many more the table holds: the
    ``View`` made the card with the lines a card shows (``CARD_LINES``, applied once, in ``make_view``)."""
    if not card.lines:
        body = [html.P(card.empty_message, className="card-empty")]
    else:
        shown = card.lines
        body = [
            html.Ul(
                [
                    card_line(line, i == 0, (scopes or {}).get(line.figure_id))
                    for i, line in enumerate(shown)
                ],
                className="card-lines",
            )
        ]
        hidden = card.more
        if hidden:
            words = words_for(shown[0].language)
            metric = (
                card.title.lower()
                if words.language == "en"
                else card.title[:1].lower() + card.title[1:]
            )
            body.append(
                html.P(
                    words.plural(
                        "and {n} more {metric} figure in the table below",
                        "and {n} more {metric} figures in the table below",
                        hidden,
                        "cards",
                        metric=metric,
                    ),
                    className="card-more",
                )
            )
    words = words_for(card.lines[0].language if card.lines else None)
    return html.Article(
        [
            html.H3(
                english_name(card.title, words) if card.title_untranslated else card.title,
                className="card-title",
            )
        ]
        + body,
        className="headline-card" + (" is-empty" if not card.lines else ""),
        **{"data-metric": card.metric},
    )


def card_line(line, headline: bool, scope: str | None = None) -> html.Li:
    committed = line.kind == "committed"
    scope = getattr(line, "scope_label", None) or scope
    return html.Li(
        html.Button(
            [
                html.Span(line.value_text, className="card-value"),
                html.Span(
                    line.kind_label,
                    className="kind-badge " + ("is-committed" if committed else "is-reported"),
                ),
                html.Span(line.period_text, className="card-period"),
                html.Span(
                    english_name(line.programme_name, words_for(line.language))
                    if line.programme_untranslated
                    else line.programme_name,
                    className="card-programme",
                ),
                html.Span(line.scope_text or scope, className="card-programme card-scope")
                if (line.scope_text or scope)
                else None,
                html.Span(line.claim_text, className="card-note card-claim")
                if line.claim_text
                else None,
                html.Span(line.note, className="card-note") if line.note else None,
            ],
            id={"type": ID.CARD_LINE, "figure": line.figure_id},
            className="card-line" + (" is-headline" if headline else ""),
            title=words_for(line.language).text("Show the source sentence", "page"),
            n_clicks=0,
            **{"data-figure": line.figure_id},
        )
    )


# --- funding per person ----------------------------------------------------------------------------

RATIO_RULE = (
    "Each line divides a reported funding figure by a reported count of people of the same programme "
    "and period. Bounds carry through: a lower bound divided by an exact count is a lower bound; a lower "
    "bound divided by a lower bound has no bound either way, and the page says so rather than print a number."
)


def render_ratios(ratios: list[Derived], total: int, language: str = "en") -> list:
    """One line per derived ratio, each of its two figures a button to its source; then how many more."""
    words = words_for(language)
    if not ratios:
        return [
            html.P(
                words.text(
                    "No funding figure in this view shares its programme and period with a count of people, so nothing is divided.",
                    "funding per person",
                ),
                className="ratios-empty",
            )
        ]
    lines = [ratio_line(r, i, words) for i, r in enumerate(ratios)]
    more = (
        [
            html.P(
                words.text(
                    "and {n} more in this view",
                    "funding per person",
                    n=words.integer(total - len(ratios)),
                ),
                className="card-more",
            )
        ]
        if total > len(ratios)
        else []
    )
    return [html.Ul(lines, className="ratio-lines"), *more]


def ratio_line(r: Derived, i: int, words: Words) -> html.Li:
    """The ``i``-th ratio's line: its label, value and scope, and the two figures divided."""
    return html.Li(
        [
            html.Span(r.label, className="ratio-label"),
            html.Span(
                r.text,
                className="ratio-value" + ("" if r.quantity.bounded else " is-unbounded"),
            ),
            html.Span(f"{r.programme_name} · {r.period_label}", className="ratio-scope"),
            html.Span(
                [
                    "= ",
                    ratio_part(r.numerator, r.numerator_text, i, words),
                    " ÷ ",
                    ratio_part(r.denominator, r.denominator_text, i, words),
                ],
                className="ratio-from",
            ),
        ],
        className="ratio-line",
    )


def ratio_part(figure_id: str, text: str, ratio: int, words: Words | None = None) -> html.Button:
    return html.Button(
        text,
        id={"type": ID.RATIO_PART, "figure": figure_id, "ratio": ratio},
        n_clicks=0,
        className="ratio-part",
        title=(words or words_for()).text("Show the source sentence", "page"),
        **{"data-figure": figure_id},
    )
