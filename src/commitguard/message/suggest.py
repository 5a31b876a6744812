""" "Did you mean ...?" for near-miss names: types, scopes, rule ids, config keys."""

from __future__ import annotations

from collections.abc import Sequence

# Words people type for a type that has another name in the standard.
SYNONYMS = {
    "feature": "feat",
    "features": "feat",
    "add": "feat",
    "new": "feat",
    "bug": "fix",
    "bugfix": "fix",
    "hotfix": "fix",
    "fixes": "fix",
    "fixed": "fix",
    "refactoring": "refactor",
    "cleanup": "refactor",
    "style": "refactor",
    "tests": "test",
    "testing": "test",
    "doc": "docs",
    "documentation": "docs",
    "performance": "perf",
    "optimize": "perf",
    "chores": "chore",
    "build": "chore",
    "ci": "chore",
    "deps": "chore",
    "release": "chore",
}


def closest(word: str, choices: Sequence[str]) -> str | None:
    """The choice `word` most likely meant, or None when nothing is close."""
    if not word or not choices:
        return None
    lowered = word.lower()
    for choice in choices:
        if choice.lower() == lowered:
            return choice
    synonym = SYNONYMS.get(lowered)
    if synonym in choices:
        return synonym
    prefixed = [
        c for c in choices if lowered.startswith(c.lower()) or c.lower().startswith(lowered)
    ]
    if len(prefixed) == 1:
        return prefixed[0]
    # difflib costs import time; only a message that already failed pays it.
    import difflib

    close = difflib.get_close_matches(lowered, [c.lower() for c in choices], n=1, cutoff=0.6)
    if close:
        return next(c for c in choices if c.lower() == close[0])
    return None
