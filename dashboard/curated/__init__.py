"""The curated data: typed records, the YAML loader, validation against the seeds, coverage.

Imports nothing else from the package.
"""
