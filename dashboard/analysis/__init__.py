"""Quantities with bounds, the one formatter, pandas frames and derived metrics.

May import dashboard.curated.
"""
