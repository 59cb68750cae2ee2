"""Quantities with bounds, the one formatter, pandas frames and derived metrics, and claims
across documents (claims: history, leading statements, part_of trees, conflicts).

May import dashboard.curated.
"""
