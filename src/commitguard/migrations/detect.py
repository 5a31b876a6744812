"""Which frameworks a repository uses, from its files: for `commitguard init`.

Hooks never walk the tree (the classifier asks about the few paths a commit names);
`init` runs once, so it may look at every file, within limits.
"""

from __future__ import annotations

import os

from commitguard.config.load import default
from commitguard.migrations.classify import MIGRATION_SIDE
from commitguard.migrations.presets import PRESET_NAMES
from commitguard.migrations.project import build

# Directories that hold other people's code or build output, not the app's migrations.
_SKIP = frozenset(("node_modules", "vendor", "venv", "dist", "build", "target", "__pycache__"))
_LIMIT = 50_000


def detect(root: str) -> tuple[str, ...]:
    """The frameworks whose migration or schema files the work tree holds, by name."""
    classify = build(default().migrations, root).classify
    found: dict[str, None] = {}
    seen = 0
    for directory, folders, files in os.walk(root):
        folders[:] = sorted(f for f in folders if not f.startswith(".") and f not in _SKIP)
        relative = os.path.relpath(directory, root)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        for name in sorted(files):
            match = classify(prefix + name)
            if match.kind in MIGRATION_SIDE and match.preset and match.preset != "configured":
                found.setdefault(match.preset)
            seen += 1
        if seen > _LIMIT:
            break
    return tuple(name for name in PRESET_NAMES if name in found)  # the table's order
