"""docs/configuration.md's table of settings, printed from the declarations
(``python -m dashboard.config``): each setting's key, default and help."""

from __future__ import annotations

from dashboard.config.sections import Config


def settings_help() -> list[tuple[str, str, str]]:
    """``(key, default as docs/configuration.md shows it, help)`` for every setting, in declaration order."""
    rows = []
    for top, info in Config.__pydantic_fields__.items():
        sections = getattr(info.annotation, "__pydantic_fields__", None)
        if sections is None:
            rows.append((top, _default(info), info.description))
            continue
        for key, sub in sections.items():
            rows.append((f"{top}.{key}", _default(sub), sub.description))
    return rows


def _default(info) -> str:
    extra = info.json_schema_extra or {}
    if extra.get("shown"):
        return extra["shown"]
    value = info.get_default(call_default_factory=True)
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, tuple):
        return "[" + ", ".join(value) + "]"
    return str(value)


def settings_table() -> str:
    """docs/configuration.md's table of settings, in Markdown."""
    rows = ["| setting | default | meaning |", "|---|---|---|"]
    rows += [
        f"| `{key}` | {default} | {help_text} |" for key, default, help_text in settings_help()
    ]
    return "\n".join(rows) + "\n"
