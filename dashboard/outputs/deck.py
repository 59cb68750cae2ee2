"""A PowerPoint deck of the current view (python-pptx), ready to present.

- **Title slide:** the dashboard's title, the active filters and the date made.
- **One slide per chart** that has something to show (a chart too long for one continues on
  the next, "(1 of 2)"): a bar chart as native, editable PowerPoint charts (``deckcharts``;
  ``exports.deck_charts: picture`` makes it a picture), the timeline and the claims chart as
  a picture at full resolution (1920 px across the slide) composed with the filters, the
  source line, the qualifier notes and the date made. Its alt text is the chart's text
  alternative; the speaker notes hold the key figures as the source words them ("over
  £7m"), each with its qualifier, period and kind, and the chart's sources.
- **Funding per person** (when the view has a funding figure and a count of people of the
  same programme and period): each ratio with its bound, what it divides, and what the
  bound means, as ``frame.funding_ratios`` derives it, and the documents it divides.
- **Sources:** every figure in the view with its value, qualifier, source document and
  verbatim quote, as a table split over as many slides as it needs.

Every slide names its provenance (``deckslides.Provenance``): the filters, the day made, the
data version and the view's link. The deck is 16:9 in Arial (Liberation Sans, its metric
twin, on Linux), or laid out on the user's template (``decktemplate``): its size, layouts,
theme fonts and colours; text is measured in the font it is set in, so tables are paginated
and titles sized before anything can run off a slide, in PowerPoint and LibreOffice alike.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd


from dashboard.analysis.claims import restated
from dashboard.analysis.frame import funding_ratios
from dashboard.outputs.deckcharts import (
    FOOTER_PT,
    add_native_charts,
    drawn_as_bars,
    footer_of,
    footer_height,
)
from dashboard.outputs.decklang import quoted_languages, tag_languages
from dashboard.outputs.deckslides import (
    INSET_IN,
    MARGIN_IN,
    TITLE_TOP_IN,
    Provenance,
    Tables,
    fitting_size,
    place,
    set_text,
    titled_slide,
)
from dashboard.outputs.decktemplate import (
    Look,
    body_placeholder,
    drop_empty_placeholders,
    emu as _emu,
    open_deck,
    run,
    title_slide_layout,
)  # noqa: F401
from dashboard.outputs.errors import ExportError
from dashboard.outputs.textfit import fit_size, text_width_in, wrap_lines  # noqa: F401  (text_width_in, wrap_lines: re-exported)
from dashboard.views.theme import shade, tint
from dashboard.words import Formatter, Words

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.config import Config
    from dashboard.analysis.frame import Filters
    from dashboard.curated.records import Dataset

SLIDE_W_IN, SLIDE_H_IN = (
    13.333,
    7.5,
)  # PowerPoint's own 16:9: the shipped look (decktemplate.SHIPPED)
CHART_TITLE_H_IN = (
    0.65  # a chart slide's one-line title: the picture under it gets the rest of the slide
)
PICTURE_TOP_IN = TITLE_TOP_IN + CHART_TITLE_H_IN + 0.05
PICTURE_W_PX = 1920  # the picture fills the slide's width at this many pixels
CHART_STYLES = ("native", "picture")  # exports.deck_charts, dashboard export --deck-charts
SUBTITLE_PT = 16
from dashboard.outputs.decktables import (  # noqa: E402,F401  (the tables' words and geometry, used by the slides below)
    CELL_MARGIN_X_IN,
    CELL_MARGIN_Y_IN,
    CTX,
    CTX_NOTES,
    CTX_TABLE,
    LINE_SPACING,
    LINK_TEXT,
    RATIO_BOUNDS,
    RATIO_COLUMNS,
    SOURCE_COLUMNS,
    TABLE_HEADER_PT,
    TABLE_PT,
    TableRow,
    _available_table_height,
    _columns,
    header_height,
    paginate,
    qualifier_text,
    ratio_rows,
    row_height,
    source_rows,
    CONTEXT_COLUMNS,
    CTX_STATS,
    context_rows,
)
from dashboard.views.context import HEADING as CONTEXT_HEADING, INTRO as CONTEXT_INTRO  # noqa: E402


def build_deck(
    figures: pd.DataFrame,
    events: pd.DataFrame,
    dataset: Dataset,
    filters: Filters,
    config: Config,
    *,
    made_on: dt.date | None = None,
    words: Words | None = None,
    charts_as: str | None = None,
    template: str | Path | None = None,
    version: str = "",
    link: str = "",
) -> bytes:
    """The deck of the filtered ``figures`` and ``events`` as .pptx bytes: 16:9 (or the size of
    ``template``, default ``exports.deck_template``), bar charts as native charts or pictures
    (``charts_as``, default ``exports.deck_charts``), pictures 1920 px across; its own words in
    the language of ``words`` (English when None). Every slide names the filters, the data
    ``version``, the day made, the documents it cites and the view's ``link``."""
    from dashboard.views import charts

    from dashboard.outputs import images

    words = words or Words("en")
    charts_as = charts_as or config.exports.deck_charts
    if charts_as not in CHART_STYLES:
        raise ExportError(
            words.text("deck charts are native or picture, not {value}", CTX, value=repr(charts_as))
        )
    presentation, look = open_deck(
        config.exports.deck_template if template is None else template, words
    )
    images.prewarm()  # Chromium starts while the figures are composed
    made_on = made_on or dt.date.today()
    shown = [name for name in charts.CHARTS if not charts.plotted_rows(name, figures, events).empty]
    left_out = [
        words.text(charts.CHARTS[name].title, "charts")
        for name in charts.CHARTS
        if name not in shown
    ]
    said = Provenance(
        filters.describe(dataset, words=words),
        words.text("Made {date}", CTX, date=Formatter(words).date(made_on)),
        words.text("Data version {version}", "page", version=version) if version else "",
        link,
    )

    picture_h_in = (
        look.height_in - PICTURE_TOP_IN - said.height(look)
    )  # a picture slide's provenance: a line under it
    picture_px = (PICTURE_W_PX, round(PICTURE_W_PX * picture_h_in / look.width_in))
    native_px = (
        PICTURE_W_PX,
        round(PICTURE_W_PX * (look.height_in - PICTURE_TOP_IN) / look.width_in),
    )  # native: said in its footer

    def slides_of(name: str, size: tuple[int, int]) -> list:
        # a chart whose rows do not fit one slide continues on the next: "(1 of 2)", "(2 of 2)"
        return images.slide_parts(
            name,
            figures,
            events,
            dataset,
            filters,
            config,
            size=size,
            made_on=made_on,
            title=False,
            scale=SLIDE_W_IN / look.width_in,
            words=words,
        )  # text 14 pt on any slide width

    parts, native = [], []
    for name in shown:
        made = slides_of(name, native_px) if charts_as == "native" else []
        as_native = bool(made) and all(drawn_as_bars(part) for part in made)
        made = made if as_native else slides_of(name, picture_px)
        parts += [(name, part) for part in made]
        native += [as_native] * len(made)
    drawn = [p.figure for (_, p), n in zip(parts, native) if not n]
    pictures = iter(
        images.render_images(drawn, format="png", width=picture_px[0], height=picture_px[1])
        if drawn
        else []
    )

    presentation.core_properties.title = words.text(config.title, "page title")
    subject = filters.describe(
        dataset, words=words
    )  # a document property holds at most 255 characters
    presentation.core_properties.subject = subject if len(subject) <= 255 else subject[:254] + "…"
    presentation.core_properties.author = words.text("Programme dashboard", CTX)

    _title_slide(
        presentation, look, config, filters, dataset, made_on, figures, left_out, words, said
    )
    for (name, part), as_native in zip(parts, native):
        picture = None if as_native else next(pictures)
        _chart_slide(
            presentation,
            look,
            name,
            part,
            picture,
            picture_h_in,
            events,
            dataset,
            filters,
            config,
            words,
            said,
            made_on,
        )
    tables = Tables(presentation, look, words, said)
    derived = funding_ratios(figures, dataset, words=words)
    ratios = ratio_rows(derived, words, look)
    if ratios:
        cited = cited_documents(
            {i for r in derived for i in (r.numerator, r.denominator)}, figures, dataset, words
        )
        tables.add(
            words.text("Funding per person", "page"),
            RATIO_COLUMNS,
            ratios,
            words.text(RATIO_NOTES, CTX_NOTES),
            cites=cited,
        )
    context = context_rows(
        dataset, filters, words, look
    )  # no programme's: a slide of their own, after the results
    if context:
        tables.add(
            words.text(CONTEXT_HEADING, CTX_STATS),
            CONTEXT_COLUMNS,
            context,
            words.text(CONTEXT_INTRO, CTX_STATS),
            link_column=3,
        )
    tables.add(
        words.text("Sources and quotes", CTX),
        SOURCE_COLUMNS,
        source_rows(figures, dataset, words, look),
        words.text(SOURCE_NOTES, CTX_NOTES),
        link_column=3,
    )

    tag_languages(
        presentation, words.language, quoted_languages(dataset)
    )  # spell-check and screen readers: vi-VN, quotes en-GB
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


# --- slides ------------------------------------------------------------------------------


def _title_slide(
    deck,
    look: Look,
    config: Config,
    filters: Filters,
    dataset: Dataset,
    made_on: dt.date,
    figures: pd.DataFrame,
    left_out: list[str],
    words: Words,
    said: Provenance,
) -> None:
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Pt

    slide = deck.slides.add_slide(title_slide_layout(deck))
    title = slide.shapes.title
    width = look.width_in - 2 * MARGIN_IN
    heading = words.text(config.title, "page title")
    place(title, MARGIN_IN, 0.2 * look.height_in, width, 0.25 * look.height_in)
    size = fitting_size(
        heading,
        width - 2 * INSET_IN,
        0.25 * look.height_in - 2 * INSET_IN,
        40,
        24,
        bold=True,
        family=look.title_font,
    )
    set_text(title.text_frame, heading, look, size=size, bold=True, title=True)
    title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    body = body_placeholder(slide)
    view, made = filters.describe(dataset, words=words), Formatter(words).date(made_on)
    counted = dict(
        # a restatement adds a source to a figure counted once, as the page counts it
        figures=words.plural(
            "{n} figure",
            "{n} figures",
            len(figures) - len(restated(figures)),
            "count with its noun",
        ),
        documents=words.plural(
            "{n} source document",
            "{n} source documents",
            figures["source"].nunique(),
            "count with its noun",
        ),
    )
    quotes = (
        "{figures} from {documents}; every value as its source words it, quotes on the last slides."
        if len(figures) > 6
        else "{figures} from {documents}; every value as its source words it, quotes on the last slide."
    )
    lines = [
        (words.text("View: {view}", CTX, view=view), 24, True),
        (
            words.text(
                "A figure is shown when its period overlaps the years; cumulative totals are never split or added up.",
                CTX,
            ),
            16,
            False,
        ),
        (words.text(quotes, CTX, **counted), 16, False),
        (words.text("Made {date}", CTX, date=made), 18, False),
    ]
    if left_out:
        lines.insert(
            3,
            (
                words.text(
                    "Not in this view (nothing to show): {charts}.", CTX, charts=", ".join(left_out)
                ),
                16,
                False,
            ),
        )
    top = 0.47 * look.height_in
    body_h = look.height_in - top - said.height(look, with_filters=False) - 0.1
    while (
        sum(
            len(wrap_lines(t, width, s, b, look.body_font)) * s * 1.2 / 72 + 8 / 72
            for t, s, b in lines
        )
        > body_h
        and lines[0][1] > 14
    ):
        lines = [
            (t, s - 1, b) for t, s, b in lines
        ]  # a narrow template: smaller text rather than text off the slide
    place(body, MARGIN_IN, top, width, body_h)
    frame = body.text_frame
    frame.clear()
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    for i, (text, size, bold) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.LEFT
        paragraph.space_after = Pt(8)
        paragraph.space_before = Pt(0)
        run(
            paragraph,
            text,
            look,
            size=size,
            bold=bold,
            colour=config.theme.text_colour if i == 0 else config.theme.muted_colour,
            muted=i > 0,
        )
    drop_empty_placeholders(slide)
    said.add(slide, look, words, with_filters=False, colour=config.theme.muted_colour)
    slide.notes_slide.notes_text_frame.text = words.text(
        "{title}. View: {view}. Made {date}. Qualifiers matter: say 'over £7m', never '£7m'.",
        CTX,
        title=words.text(config.title, "page title"),
        view=view,
        date=made,
    ) + ("\n" + said.line(with_filters=False) if said.version or said.link else "")


def _chart_slide(
    deck,
    look: Look,
    name: str,
    part,
    picture: bytes | None,
    picture_h_in: float,
    events,
    dataset,
    filters,
    config,
    words: Words,
    said: Provenance,
    made_on: dt.date,
) -> None:
    """One slide of chart ``name`` (``part``: all of it, or one of the slides it continues on):
    native charts when ``picture`` is None, else the picture."""
    from dashboard.views import charts

    events = (
        part.events if getattr(part, "events", None) is not None else events
    )  # a timeline part: its own events
    heading = part.text.title
    slide = titled_slide(deck, look, heading, CHART_TITLE_H_IN, fit=True)
    alt = charts.alt_text(name, part.figures, events, dataset, filters)
    if picture is None:
        _native_body(
            slide, look, part, config, words, said, alt, made_on, [m.id for m in dataset.metrics]
        )
    else:
        shape = slide.shapes.add_picture(
            io.BytesIO(picture),
            0,
            _emu(PICTURE_TOP_IN),
            width=_emu(look.width_in),
            height=_emu(picture_h_in),
        )
        shape.name = words.text("Chart: {title}", CTX, title=heading)
        shape._element.nvPicPr.cNvPr.set("descr", alt)
        said.add(
            slide, look, words, colour=config.theme.muted_colour
        )  # the picture names them too, but as pixels
    notes = speaker_notes(name, part.figures, events, dataset, words)
    slide.notes_slide.notes_text_frame.text = (
        heading + notes[len(words.text(charts.CHARTS[name].title, "charts")) :]
    )


def _native_body(
    slide,
    look: Look,
    part,
    config,
    words: Words,
    said: Provenance,
    alt: str,
    made_on: dt.date,
    metrics: list[str],
) -> None:
    """Under the title: the filters, the native charts, then the source line, the notes and the provenance."""
    width = look.width_in - 2 * MARGIN_IN
    muted = config.theme.muted_colour
    subtitle = wrap_lines(said.filters, width, SUBTITLE_PT, family=look.body_font)
    top = PICTURE_TOP_IN
    _text_box(
        slide,
        look,
        [(said.filters, False)],
        MARGIN_IN,
        top,
        width,
        len(subtitle) * SUBTITLE_PT * 1.2 / 72 + 0.04,
        SUBTITLE_PT,
        muted,
        words.text("Filters", "filters"),
    )
    top += len(subtitle) * SUBTITLE_PT * 1.2 / 72 + 0.12
    source, notes, made = footer_of(part, config.theme)
    foot = [
        (source, False),
        *((n, True) for n in notes),
        (" · ".join(p for p in (made, said.version, said.link) if p), True),
    ]
    foot_h = footer_height(foot, width, look)
    _text_box(
        slide,
        look,
        foot,
        MARGIN_IN,
        look.height_in - foot_h - 0.08,
        width,
        foot_h,
        FOOTER_PT,
        muted,
        words.text("Sources and notes", CTX),
    )
    palette = {
        "whole": tint(muted, 0.88),
        "whole_line": shade(muted, 0.1),
        "metrics": metrics,
    }  # as partwhole draws a whole
    add_native_charts(
        slide,
        part,
        (MARGIN_IN, top, width, look.height_in - foot_h - 0.2 - top),
        look,
        config,
        words,
        alt=alt,
        palette=palette,
        made_on=made_on,
    )


def cited_documents(ids: set[str], figures: pd.DataFrame, dataset: Dataset, words: Words) -> str:
    """``Sources: <title> — <publisher>, <date>; …`` of the documents stating the figures ``ids``."""
    from dashboard.views.language import citation

    used = set(figures.loc[figures["id"].astype(str).isin(ids), "source"].dropna())
    known = [citation(s, words) for s in dataset.sources if s.file in used]
    return (
        words.text("Source: " if len(known) == 1 else "Sources: ", "charts") + "; ".join(known)
        if known
        else ""
    )


def _text_box(
    slide,
    look: Look,
    paragraphs: list[tuple[str, bool]],
    left: float,
    top: float,
    width: float,
    height: float,
    size: float,
    muted_colour: str,
    name: str,
) -> None:
    box = slide.shapes.add_textbox(_emu(left), _emu(top), _emu(width), _emu(height))
    box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    for i, (text, muted) in enumerate(p for p in paragraphs if p[0]):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run(paragraph, text, look, size=size, colour=muted_colour if muted else None, muted=muted)


def speaker_notes(
    name: str,
    figures: pd.DataFrame,
    events: pd.DataFrame,
    dataset: Dataset,
    words: Words | None = None,
) -> str:
    """What to say over chart ``name``: each figure as the source words it, with its
    qualifier, scope (when stated, or when the chart holds several), period and kind, and
    what it is among its quantity's statements ("part of £200m", "latest of 2 statements",
    "the sources disagree: …"); the qualifier notes; the source line."""
    from dashboard.analysis.frame import SCOPE_NOT_STATED
    from dashboard.views import charts
    from dashboard.views.labels import KIND_LABELS, claim_notes, shows_scope
    from dashboard.views.charts.draw import one_stop
    from dashboard.views.charts.texts import PASSED_NOTE

    words = words or Words("en")
    rows = charts.plotted_rows(name, figures, events)
    lines = [words.text(charts.CHARTS[name].title, "charts"), ""]
    if charts.CHARTS[name].plots == "events":
        lines.append(words.text("Key events:", CTX_NOTES))
        for r in rows.to_dict("records"):
            planned = words.text(" (planned)", CTX_NOTES) if r["status"] == "planned" else ""
            if planned and str(r["title"]).endswith(planned.strip()):  # the title says it already
                planned = ""
            if (
                r.get("passed_unrecorded") == "yes"
            ):  # planned, its date passed, no record it took place
                planned = " — " + words.text(PASSED_NOTE, "charts", date=r["date_label"])
            lines.append(
                words.text(
                    "• {date}: {title}{planned}. Source: “{quote}”",
                    CTX_NOTES,
                    date=r["date_label"],
                    title=r["title"],
                    planned=planned,
                    quote=r["quote"],
                )
            )
    else:
        lines.append(words.text("Key figures (say them as worded, qualifier included):", CTX_NOTES))
        claims = claim_notes(rows) if "claim_text" not in rows else {}
        for r in rows.to_dict("records"):
            note = (
                words.text(" Note: {note}", CTX_NOTES, note=r["note"])
                if isinstance(r["note"], str) and r["note"]
                else ""
            )
            scope = (
                r.get("scope_label")
                if r.get("scope") not in (None, SCOPE_NOT_STATED) or shows_scope(rows)
                else None
            )
            claim = (
                r.get("claim_text") if isinstance(r.get("claim_text"), str) else claims.get(r["id"])
            )
            kind = (
                words.text(KIND_LABELS[r["kind"]], "cards").lower()
                if r["kind"] in KIND_LABELS
                else str(r["kind"])
            )
            lines.append(
                words.text(
                    "• {value} — {metric}, {programme}; {period}; {kind}. {qualifier}{note}",
                    CTX_NOTES,
                    value=r["value_label"],
                    metric=r["metric_label"],
                    period=r["period_label"],
                    note=note,
                    programme=r["programme_name"]
                    + (f" ({scope})" if isinstance(scope, str) and scope else ""),
                    kind=kind + (f"; {claim}" if claim else ""),
                    qualifier=qualifier_text(
                        r["qualifier"], words, r.get("wording"), r.get("hedge")
                    ),
                )
            )
        notes = charts.qualifier_notes(name, figures)
        if notes:
            lines += [
                "",
                words.text("Qualifiers on this chart:", CTX_NOTES),
                *(f"• {n}" for n in notes),
            ]
    footer = charts.source_footer(name, figures, events, dataset)
    if footer:
        lines += ["", footer]
    return one_stop("\n".join(lines))  # a curated sentence's own full stop is not doubled


SOURCE_NOTES = (
    "Every quote is verbatim from its source document; check a number here before quoting it."
)
RATIO_NOTES = (
    "Each line divides a reported funding figure by a reported count of people of the same programme and "
    "period. Say the bound with the number: 'over', 'up to', or that there is no bound."
)
