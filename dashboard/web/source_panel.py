"""The source dialog: a record's source sentence in its document, as the page shows it.

``render_passage`` turns a ``provenance.Passage`` (already in the page's language) into the
dialog's title and body; ``source_modal`` is the empty dialog the page starts with. The quote
is the document's own words: it carries the document's language (``lang``) and, on a page in
another language, says so ("Nguyên văn (tiếng Anh)"); a curated translation sits beside it,
labelled as one. Computes nothing.
"""

from __future__ import annotations

import re

import dash_bootstrap_components as dbc
from dash import html

from dashboard.views.citation import Citation
from dashboard.views.language import words_for
from dashboard.web.ids import ID
from dashboard.web.provenance import Passage
from dashboard.words import Words

CTX = "source dialog"


def source_modal(words: Words | None = None, opened: tuple[str, list] | None = None) -> dbc.Modal:
    """The source dialog: closed and empty, or ``opened`` with a title and body (a link's ``highlight=``)."""
    words = words or words_for()
    title, body = opened if opened is not None else (words.text("Source", "table"), None)
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle(title, id=ID.SOURCE_TITLE), close_button=True),
            dbc.ModalBody(body, id=ID.SOURCE_BODY, className="source-body"),
            dbc.ModalFooter(
                html.Button(
                    words.text("Close", CTX),
                    id=ID.SOURCE_CLOSE,
                    className="btn btn-secondary",
                    n_clicks=0,
                )
            ),
        ],
        id=ID.SOURCE_MODAL,
        is_open=opened is not None,
        size="xl",
        scrollable=True,
        keyboard=True,
        labelledby=ID.SOURCE_TITLE,
    )


QUOTED = re.compile(
    r"(“[^”]*”|\"[^\"]*\")"
)  # the source's own words, quoted in a detail ("The source says “over”")


def marked(text: str, lang: str) -> list | str:
    """``text`` with each quoted fragment (the source's own words) marked as its document's
    language, for a page in another language: screen readers and the page's checks read it so."""
    parts = QUOTED.split(text)
    if len(parts) == 1:
        return text
    return [html.Span(part, lang=lang) if i % 2 else part for i, part in enumerate(parts) if part]


def addresses_marked(text: str) -> list:
    """``text`` with each web address in it marked as code (``lang="zxx"``): a document's
    address is no word of the page's language, nor of English."""
    parts = re.split(r"(https?://\S+?)(?=[.,;)]?(?:\s|$))", text)
    return [html.Span(part, lang="zxx") if i % 2 else part for i, part in enumerate(parts) if part]


def cite_section(citation: Citation, words: Words, event: bool = False) -> html.Section:
    """ "Cite this": the reference, the BibTeX entry and the dated link, each with a Copy button
    (a real button: Tab reaches it, Enter or Space copies; assets/copy.js says "Copied")."""
    say = words.text

    def part(label: str, target: str, shown) -> html.Div:
        return html.Div(
            [
                html.Div(
                    [
                        html.H4(label, className="source-cite-label"),
                        html.Button(
                            say("Copy", CTX),
                            type="button",
                            className="btn btn-sm btn-outline-secondary copy-button",
                            **{
                                "data-copy": target,
                                "data-copied": say("Copied", CTX),
                                "aria-label": say("Copy: {what}", CTX, what=label),
                            },
                        ),
                        html.Span(
                            className="copy-status", role="status", **{"aria-live": "polite"}
                        ),
                    ],
                    className="source-cite-head",
                ),
                shown,
            ],
            className="source-cite-part",
        )

    return html.Section(
        [
            html.H3(say("Cite this", CTX), id="source-cite-title", className="source-cite-title"),
            part(
                say("Reference", CTX),
                ID.CITE_TEXT,
                html.P(
                    addresses_marked(citation.text), id=ID.CITE_TEXT, className="source-cite-text"
                ),
            ),
            # BibTeX and a link are code, not words of any language (lang="zxx")
            part(
                "BibTeX",
                ID.CITE_BIBTEX,
                html.Pre(
                    citation.bibtex,
                    id=ID.CITE_BIBTEX,
                    className="source-cite-bibtex",
                    tabIndex=0,
                    lang="zxx",
                ),
            ),
            part(
                say("Link to this event, with the data version", CTX)
                if event
                else say("Link to this figure, with the data version", CTX),
                ID.CITE_LINK,
                html.P(
                    html.A(
                        citation.permalink,
                        href=citation.permalink,
                        id=ID.CITE_LINK,
                        lang="zxx",
                        **{"data-absolute": "1"},
                    ),
                    className="source-cite-link",
                ),
            ),
        ],
        className="source-cite",
        **{"aria-labelledby": "source-cite-title"},
    )


def render_passage(
    passage: Passage | None, words: Words | None = None, citation: Citation | None = None
) -> tuple[str, list]:
    """Title and body of the source panel: details, then the document with the quote marked,
    then how to cite it (``citation``, when given)."""
    words = words or words_for(passage.language if passage is not None else None)
    say = words.text
    if passage is None:
        return say("Source not found", CTX), [
            html.P(
                say("This figure is not in the data the dashboard was started with.", CTX),
                className="source-missing",
            )
        ]
    doc = passage.document
    meta = [doc.publisher, doc.date_label]
    document_head = [
        html.H3(doc.title, className="source-doc-title"),
        html.P(" · ".join(meta), className="source-doc-meta"),
    ]
    if doc.date_basis:
        document_head.append(
            html.P(say("Date: {date}", CTX, date=doc.date_basis), className="source-doc-basis")
        )
    if doc.url:
        document_head.append(
            html.P(
                html.A(
                    say("Open the original", CTX),
                    href=doc.url,
                    target="_blank",
                    rel="noopener noreferrer",
                )
            )
        )
    foreign = passage.quote_lang != passage.language
    details = html.Dl(
        [
            part
            for d in passage.details
            for part in (
                html.Dt(d.label),
                html.Dd(marked(d.text, passage.quote_lang) if foreign else d.text),
            )
        ],
        className="source-details",
    )
    text = html.Div(
        [passage.before, html.Mark(passage.quote, id=ID.SOURCE_MARK), passage.after],
        className="source-text",
        tabIndex=0,
        **({"lang": passage.quote_lang} if foreign else {}),
        **{
            "aria-label": say(
                "Text of {title}, with the quoted words highlighted", CTX, title=doc.title
            )
        },
    )
    quote_note = [
        html.P(passage.quote_label, className="source-quote-label")
        if passage.quote_label
        else None,
        html.Figure(
            [  # its label above it, "Bản dịch tham khảo", so no one reads it as the official text
                html.Figcaption(passage.translation_label, className="source-translation-label"),
                html.Blockquote(passage.quote_translation, className="source-translation-text"),
            ],
            className="source-translation",
        )
        if passage.quote_translation
        else None,
    ]
    related = [
        html.Li(
            html.Button(
                label,
                id={
                    "type": ID.RELATED_EVENT if kind == "event" else ID.RELATED,
                    "figure": record_id,
                    "row": passage.record_id,
                },
                n_clicks=0,
                className="related-link",
                title=say("Show this one's source sentence", CTX),
                **{"data-figure": record_id},
            )
        )
        for kind, record_id, label in passage.related
    ]
    body = [
        *[
            part for part in quote_note if part is not None
        ],  # first: the highlighted words are the document's, not a translation
        html.Div(details, className="source-figure"),
        html.Div(
            [
                html.H3(
                    say("Related, as the curator declared", CTX), className="source-related-title"
                ),
                html.Ul(related),
            ],
            className="source-related",
        )
        if related
        else None,
        html.Div(
            document_head + [html.P(doc.file, className="source-file")], className="source-doc"
        ),
        text,
        cite_section(citation, words, passage.kind == "event") if citation is not None else None,
    ]
    return passage.heading, body
