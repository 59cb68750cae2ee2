"""What the page and the exports draw: the theme, shared labels, headline cards, the figures
table and the chart registry (one module per chart, see charts/registry.py).

May import dashboard.curated, dashboard.analysis and dashboard.config.
"""
