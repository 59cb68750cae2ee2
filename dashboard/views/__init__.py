"""What the page and the exports draw: the theme, headline cards, the figures table and chart builders.

May import dashboard.curated, dashboard.analysis and dashboard.config.
"""
