"""One plotly look for every chart: fonts, colours, axes and hover, from ``config.Theme``.

The page and the slide images start from the same template; the image exporter only
scales fonts and sizes up. Colours come from ``theme.palette`` (Okabe–Ito by default,
safe for every common colour-vision deficiency); lighter tints and darker shades of a
palette colour are derived here, so a commitment's pale fill and a bar's outline stay
the same hue as the figure they belong to.
"""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.config import Theme
from dashboard.curated.records import Dataset

DASHBOARD_HEIGHT = 400  # px: a chart card on the page (at least); width follows the card
ROW_PX = 34  # px per bar or timeline row on the page: room for a two-line label
CHART_CHROME_PX = 170  # px of legend, axis and margins around the rows


def chart_height(rows: int) -> int:
    """Height of a chart on the page drawing ``rows`` bars or timeline rows: 400 px, or more
    when the rows need it, so labels never overlap (a slide sets its own size)."""
    return max(DASHBOARD_HEIGHT, CHART_CHROME_PX + rows * ROW_PX)


GRID_COLOUR = "#e4e7eb"
BASE_FONT_SIZE = 13


def plotly_template(theme: Theme) -> go.layout.Template:
    """The layout every chart starts from: white background, one font, light grid, ``1,234``."""
    axis = dict(
        gridcolor=GRID_COLOUR,
        linecolor=GRID_COLOUR,
        zerolinecolor="#9aa5b1",
        tickfont=dict(color=theme.muted_colour),
        title=dict(font=dict(color=theme.muted_colour)),
        automargin=True,
        fixedrange=True,  # bars and dates need no zoom; a click opens the source instead
    )
    return go.layout.Template(
        layout=dict(
            font=dict(family=theme.font_family, color=theme.text_colour, size=BASE_FONT_SIZE),
            paper_bgcolor=theme.background_colour,
            plot_bgcolor=theme.background_colour,
            colorway=list(theme.palette),
            separators=".,",  # decimal point, thousands comma: 24,000
            xaxis=axis,
            yaxis=axis,
            hoverlabel=dict(
                bgcolor=theme.background_colour,
                bordercolor=theme.muted_colour,
                font=dict(family=theme.font_family, color=theme.text_colour, size=BASE_FONT_SIZE),
                align="left",
            ),
            legend=dict(
                # Above the plot, in the margin it pushes open: clear of subplot titles.
                orientation="h",
                x=0,
                xanchor="left",
                xref="container",
                y=1,
                yanchor="top",
                yref="container",
                font=dict(color=theme.text_colour, size=BASE_FONT_SIZE - 1),
                itemclick=False,
                itemdoubleclick=False,  # the legend is a key, not a filter
                bgcolor="rgba(0,0,0,0)",
            ),
            margin=dict(l=8, r=16, t=16, b=8),
            height=DASHBOARD_HEIGHT,
            autosize=True,
        )
    )


def metric_colour(metric: str, dataset: Dataset, theme: Theme) -> str:
    """The palette colour of a metric, the same on every chart and card (by vocabulary order)."""
    ids = [m.id for m in dataset.metrics]
    index = ids.index(metric) if metric in ids else len(ids)
    return theme.palette[index % len(theme.palette)]


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white: ``amount`` 0 keeps it, 1 is white."""
    return _hex(tuple(c + (255 - c) * amount for c in _rgb(colour)))


def shade(colour: str, amount: float) -> str:
    """``colour`` mixed with black: ``amount`` 0 keeps it, 1 is black."""
    return _hex(tuple(c * (1 - amount) for c in _rgb(colour)))
