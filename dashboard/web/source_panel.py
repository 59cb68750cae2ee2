"""The source dialog: a record's source sentence in its document, as the page shows it.

``render_passage`` turns a ``provenance.Passage`` (already in the page's language) into the
dialog's title and body; ``source_modal`` is the empty dialog the page starts with. The quote
is the document's own words: it carries the document's language (``lang``) and, on a page in
another language, says so ("Nguyên văn (tiếng Anh)"); a curated translation sits beside it,
labelled as one. Computes nothing.
"""

from __future__ import annotations

import re

from dash import html

from dashboard.views.citation import Citation
from dashboard.views.language import words_for
from dashboard.web.ids import ID
from dashboard.web.provenance import Passage
from dashboard.words import Words

CTX = "source dialog"


def source_modal(words: Words | None = None, opened: tuple[str, list] | None = None) -> html.Div:
    """The source dialog: closed and empty, or ``opened`` with a title and body (a link's
    ``highlight=``). A modal dialog of plain elements (role="dialog", aria-modal, named by its
    title); ``assets/dialog.js`` moves the focus in and back, closes it on Escape, a click
    outside or the × button (each presses Close, so the page's state follows), and makes the page
    behind it inert and still. Open or closed is its ``hidden`` property."""
    words = words or words_for()
    title, body = opened if opened is not None else (words.text("Source", "table"), None)
    close = words.text("Close", CTX)
    return html.Div(
        html.Div(
            [
                html.Div(
                    [
                        html.H2(title, id=ID.SOURCE_TITLE, className="dialog-title"),
                        html.Button(
                            type="button",
                            className="dialog-x",
                            title=close,
                            **{"aria-label": close, "data-dialog-close": "1"},
                        ),
                    ],
                    className="dialog-head",
                ),
                html.Div(  # the scroller; the grid inside it is never squeezed to its height
                    html.Div(body, id=ID.SOURCE_BODY, className="source-body"),
                    className="dialog-body",
                ),
                html.Div(
                    html.Button(
                        close,
                        id=ID.SOURCE_CLOSE,
                        type="button",
                        className="btn btn-secondary",
                        n_clicks=0,
                    ),
                    className="dialog-foot",
                ),
            ],
            className="dialog-box",
            role="dialog",
            tabIndex=-1,
            **{"aria-modal": "true", "aria-labelledby": ID.SOURCE_TITLE},
        ),
        id=ID.SOURCE_MODAL,
        className="dialog",
        hidden=opened is None,
        **{"data-dialog-close-with": ID.SOURCE_CLOSE},
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
    related = related_list(passage, words)
    body = [
        *quote_note(passage),  # first: the highlighted words are the document's, not a translation
        html.Div(details_list(passage), className="source-figure"),
        related,
        html.Div(
            document_head(passage, words)
            + [html.P(passage.document.file, className="source-file")],
            className="source-doc",
        ),
        source_text(passage, words),
        cite_section(citation, words, passage.kind == "event") if citation is not None else None,
    ]
    return passage.heading, body


def foreign(passage: Passage) -> bool:
    """Whether the document's language is not the page's (its words are then marked so)."""
    return passage.quote_lang != passage.language


def quote_note(passage: Passage) -> list:
    """ "Verbatim, in English" and a curated translation beside the quote, when there are."""
    label = (
        html.P(passage.quote_label, className="source-quote-label") if passage.quote_label else None
    )
    if not passage.quote_translation:
        return [label] if label is not None else []
    translation = html.Figure(
        [  # its label above it, "Bản dịch tham khảo", so no one reads it as the official text
            html.Figcaption(passage.translation_label, className="source-translation-label"),
            html.Blockquote(passage.quote_translation, className="source-translation-text"),
        ],
        className="source-translation",
    )
    return [part for part in (label, translation) if part is not None]


def details_list(passage: Passage) -> html.Dl:
    """The record's labelled details; the source's own words in them marked as its language."""
    return html.Dl(
        [
            part
            for d in passage.details
            for part in (
                html.Dt(d.label),
                html.Dd(marked(d.text, passage.quote_lang) if foreign(passage) else d.text),
            )
        ],
        className="source-details",
    )


def related_list(passage: Passage, words: Words) -> html.Div | None:
    """What the curator declared related, each a button that shows its own source sentence."""
    if not passage.related:
        return None
    say = words.text
    items = [
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
    return html.Div(
        [
            html.H3(say("Related, as the curator declared", CTX), className="source-related-title"),
            html.Ul(items),
        ],
        className="source-related",
    )


def document_head(passage: Passage, words: Words) -> list:
    """The document's title, publisher and date, how the date was derived, and its address."""
    say = words.text
    doc = passage.document
    head = [
        html.H3(doc.title, className="source-doc-title"),
        html.P(" · ".join([doc.publisher, doc.date_label]), className="source-doc-meta"),
    ]
    if doc.date_basis:
        head.append(
            html.P(say("Date: {date}", CTX, date=doc.date_basis), className="source-doc-basis")
        )
    if doc.url:
        head.append(
            html.P(
                html.A(
                    say("Open the original", CTX),
                    href=doc.url,
                    target="_blank",
                    rel="noopener noreferrer",
                )
            )
        )
    return head


def source_text(passage: Passage, words: Words) -> html.Div:
    """The document's text around the quote, the quote marked; in the document's language."""
    return html.Div(
        [passage.before, html.Mark(passage.quote, id=ID.SOURCE_MARK), passage.after],
        className="source-text",
        tabIndex=0,
        **({"lang": passage.quote_lang} if foreign(passage) else {}),
        **{
            "aria-label": words.text(
                "Text of {title}, with the quoted words highlighted",
                CTX,
                title=passage.document.title,
            )
        },
    )
