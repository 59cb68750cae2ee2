"""Component ids and the download formats the page offers: shared by the layout, the
table grid, the callbacks and the browser tests. Imports nothing of the app but the
output-format registry, which the download buttons list."""

from __future__ import annotations

from dashboard.outputs.export import of_kind


class ID:
    """Component ids. Pattern-matching ids are dicts built by the helpers below."""

    URL = "url"
    LANGUAGE = "page-language"  # a store holding the page's language; its switch's links are "page-language-link-<code>"
    DEFAULT_LANGUAGE = (
        "default-language"  # a store holding the language of a link without lang= (config.yaml)
    )
    YEARS = "filter-years"
    PROGRAMMES = "filter-programmes"
    METRIC = "filter-metric"
    SCOPE = "filter-scope"
    QUANTITY = "filter-quantity"  # the claims view's quantity picker
    LINK_NOTICE = "link-notice"  # what part of an opened link could not be used
    CLAIMS = "claims-statements"  # every statement of the chosen quantity, with its source
    RESET = "filter-reset"
    SUMMARY = "view-summary"
    CARDS = "cards"
    TABLE = "figures-table"  # the <table role=grid>
    TABLE_BODY = "figures-table-body"
    TABLE_KEYS = "figures-table-keys"  # how to move in the table with keys
    TABLE_SEARCH = "figures-table-search"
    TABLE_COUNT = "figures-table-count"
    DOWNLOAD = "download"
    VIEW_DOWNLOAD_STATUS = "view-download-status"
    JOB_PANEL = "job-panel"  # shown while a file is drawn: progress bar and Cancel
    JOB_PROGRESS = "job-progress"  # role=progressbar
    JOB_BAR = "job-progress-bar"
    JOB_STEP = "job-step"  # "Drawing chart 3 of 5" beside the bar
    JOB_CANCEL = "job-cancel"
    SOURCE_MODAL = "source-modal"
    SOURCE_TITLE = "source-title"
    SOURCE_BODY = "source-body"
    SOURCE_CLOSE = "source-close"
    SOURCE_MARK = "source-quote"
    SOURCE_SCROLLED = "source-scrolled"  # a store the scroll-to-quote script writes to
    CITE_TEXT = "cite-text"  # the source dialog's citation, author-date text (web.sharing)
    CITE_BIBTEX = "cite-bibtex"
    CITE_LINK = "cite-link"  # the dated permalink: highlight=ID&v=VERSION
    LINK_SINCE = "link-since"  # "Figures have changed since this link was made", and what changed
    LINK_SINCE_BOX = "link-since-box"  # holds LINK_SINCE; emptied when the filters change
    TABLE_LINKED = "table-linked"  # a store: the table row a link's highlight= marks (or None)
    TABLE_LINK_SHOWN = "table-link-shown"  # a store: the marked row was focused once
    TABLE_QUERY = "table-query"  # the table's search, sort and page now shown (table.TableQuery)
    PAGE_FIRST = "table-page-first"
    PAGE_PREVIOUS = "table-page-previous"
    PAGE_NEXT = "table-page-next"
    PAGE_LAST = "table-page-last"
    PAGE_LABEL = "table-page-label"

    # one per chart: chart_dom_id(GRAPH, "funding") == "chart-graph-funding"
    GRAPH = "chart-graph"
    CHART_FIGURE = "chart-figure"  # the wrapper of a graph: role=img, named by the title, described by CHART_ALT
    CHART_ALT = "chart-alt"
    CHART_NOTES = "chart-notes"
    CHART_FOOTER = "chart-footer"
    CHART_TITLE = "chart-title"
    CHART_EMBED = "chart-embed"  # the read-only box holding a chart's <iframe> snippet

    RATIOS = "ratios"
    CONTEXT = "context-statistics"  # background numbers of no programme, apart from the results
    DATA_VERSION = "data-version"  # the version of the data served (web.state.data_version)

    # pattern-matching: one per card line, {"type": CARD_LINE, "figure": figure id}
    CARD_LINE = "card-line"
    # one per figure of a derived ratio, {"type": RATIO_PART, "figure": figure id, "ratio": n}
    RATIO_PART = "ratio-part"
    # one per table row, {"type": TABLE_ROW, "figure": figure id}; one per column header, {"type": TABLE_SORT, "column": id}
    TABLE_ROW = "table-row"
    # one per statement of the claims view, {"type": CLAIM_LINE, "figure": id}; one per related id in the table, {"type": RELATED, "figure": id, "row": id}
    CLAIM_LINE = "claim-line"
    RELATED = "related-figure"
    RELATED_EVENT = "related-event"  # {"type": RELATED_EVENT, "figure": event id, "row": event id}
    TABLE_SORT = "table-sort"


def chart_dom_id(kind: str, name: str) -> str:
    """``chart-graph-funding``: the id of one chart's part, usable in CSS, aria and tests."""
    return f"{kind}-{name}"


def chart_download_id(name: str, fmt: str) -> str:
    """``download-funding-png``."""
    return f"download-{name}-{fmt}"


def table_head_id(column: str) -> str:
    """``table-head-value``: a column's header cell (its ``aria-sort`` shows the order)."""
    return f"table-head-{column}"


def view_download_id(fmt: str) -> str:
    """``download-view-csv``."""
    return f"download-view-{fmt}"


VIEW_FORMATS = tuple(
    (f.name, f.label) for f in of_kind("view")
)  # (format, button label), from the format registry
CHART_FORMATS = tuple((f.name, f.label) for f in of_kind("chart"))
