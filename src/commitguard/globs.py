"""Path globs: one dialect for every feature (security paths, migration layouts, report
excludes, bots). A stub until the full module lands: `problem` is the validation hook the
configuration calls at load.
"""

from __future__ import annotations


def problem(pattern: str) -> str | None:
    """Why `pattern` is not a valid glob, or None when it is one."""
    if not pattern.strip():
        return "an empty pattern matches nothing"
    return None
