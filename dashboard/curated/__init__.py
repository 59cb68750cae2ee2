"""The curated data: typed records, the YAML loader, validation against the seeds, the
relations curators declare between claims (relations), warnings beside errors, coverage.

Imports nothing else from the package.
"""
