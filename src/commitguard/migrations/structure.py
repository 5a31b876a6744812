"""Whether a schema file's change is structural: for now, any change but comments and
whitespace (content.py); each framework's own reading replaces this."""

from __future__ import annotations

from commitguard.migrations.content import structural_change as _changed


def schema_differences(
    preset: str, path: str, before: str | None, after: str | None
) -> tuple[str, ...]:
    return ("the schema changed",) if _changed(before, after) else ()


def structural_change(preset: str, path: str, before: str | None, after: str | None) -> bool:
    return bool(schema_differences(preset, path, before, after))
