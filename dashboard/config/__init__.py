"""``config.yaml`` → one typed ``Config`` object. Every setting is declared here once, with its
type, its range, its default and its help text (docs/configuration.md's table is printed from it:
``python -m dashboard.config``).

The sections are pydantic dataclasses: pydantic checks types, ranges and patterns, and refuses
unknown keys (``extra="forbid"``). Its errors are turned into ``Problem``s with file:line from
the YAML nodes, one per bad setting, all at once, like data errors: ``config.yaml:2:
server.port: expected a port number 1–65535, got 70000``. The rest of the code reads
attributes, never raw dictionaries.

By concern: ``sections`` (every setting and ``Config``), ``reading`` (``load_config``: the YAML
and its errors with their lines), ``table`` (docs/configuration.md's table).
"""

from dashboard.config.reading import load_config
from dashboard.config.sections import (
    LEGACY_DEFAULTS,
    Config,
    DefaultFilters,
    ExportSettings,
    ServerSettings,
    ServingSettings,
    TableSettings,
    Theme,
    setting,
)
from dashboard.config.table import settings_help, settings_table

__all__ = [
    "LEGACY_DEFAULTS",
    "Config",
    "DefaultFilters",
    "ExportSettings",
    "ServerSettings",
    "ServingSettings",
    "TableSettings",
    "Theme",
    "load_config",
    "setting",
    "settings_help",
    "settings_table",
]
