"""``python -m dashboard.config``: docs/configuration.md's table of settings."""

from dashboard.config.table import settings_table

print(settings_table(), end="")
