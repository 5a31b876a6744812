"""The files a path is classified against: the work tree's, or one commit's.

Which framework a path belongs to can hinge on other files (`manage.py` above a
`migrations/` folder, `script_location` in `alembic.ini`). A history is judged by each
commit's own files, not today's: a backend that moved from `apiserver/` to `apps/api/`
kept its `manage.py` beside it at every step. The classifier asks only about the few
paths a layout claims, and remembers each answer here, per set of files.
"""

from __future__ import annotations

import os

from commitguard import git
from commitguard.migrations.presets import LAYOUTS
from commitguard.model import Change

# The files whose presence or text can change how a path classifies: the layouts'
# markers and the configuration files migrations/locate.py reads. A commit that changes
# none of them has the files of its parent, as far as the classifier can tell.
CONFIG_NAMES: tuple[str, ...] = tuple(
    sorted(
        {
            marker.partition(":")[0].rpartition("/")[2]
            for layout in LAYOUTS
            for marker in layout.markers
        }
        | {
            "alembic.ini",
            "pyproject.toml",
            "package.json",
            "flyway.conf",
            "flyway.toml",
            "atlas.hcl",
            *(
                f"{name}.{ext}"
                for name in ("prisma.config", "drizzle.config", "knexfile")
                for ext in ("ts", "js", "mjs", "cjs", "json")
            ),
        }
    )
)


def changes_config(changes: tuple[Change, ...]) -> bool:
    """Whether a commit that makes `changes` may change how its other paths classify."""
    return any(
        change.path.endswith(CONFIG_NAMES) and change.path.rpartition("/")[2] in CONFIG_NAMES
        for change in changes
    )


class Files:
    """One set of files: answers, remembered, to what the classifier asks of it."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str], bool] = {}  # (directory, marker) -> present
        self.located: object = None  # what migrations/project.py built from these files

    def exists(self, relative: str) -> bool:
        raise NotImplementedError

    def text(self, relative: str) -> str | None:
        """The file's text (at most 1 MiB), None when it is absent or unreadable."""
        raise NotImplementedError

    def read(self, relative: str) -> str:
        return self.text(relative) or ""


class WorkTree(Files):
    """The files on disk: what the hooks judge the index against."""

    def __init__(self, root: str) -> None:
        super().__init__()
        self.root = root

    def text(self, relative: str) -> str | None:
        try:
            with open(os.path.join(self.root, relative), encoding="utf-8") as handle:
                return handle.read(1 << 20)  # a setting sits near the top; cap the read
        except (OSError, UnicodeDecodeError):
            return None

    def exists(self, relative: str) -> bool:
        return os.path.exists(os.path.join(self.root, relative))


class CommitFiles(Files):
    """The files of one revision (`<sha>`, `<sha>^`), asked of git one path at a time."""

    def __init__(self, objects: git.ObjectIds, revision: str) -> None:
        super().__init__()
        self.revision = revision
        self._objects = objects

    def exists(self, relative: str) -> bool:
        return self._objects.blob(f"{self.revision}:{relative}") is not None

    def text(self, relative: str) -> str | None:
        return self._objects.text(f"{self.revision}:{relative}")


class History:
    """Each streamed commit's files, shared along a line of history until a commit
    changes a configuration file: so a long history asks git about a few sets of
    files, not about every commit that touches a migration."""

    def __init__(self, objects: git.ObjectIds) -> None:
        self._objects = objects
        self._expected: dict[str, Files] = {}  # a commit not yet streamed -> its files

    def files(
        self, sha: str, parents: tuple[str, ...], changes: tuple[Change, ...]
    ) -> tuple[Files, Files]:
        """The files of commit `sha` and of its first parent (which deleted paths are
        judged by), from its place in the stream; git lists children first."""
        files = self._expected.pop(sha, None) or CommitFiles(self._objects, sha)
        if not parents:
            return files, files
        parent = files
        if not changes or changes_config(changes):  # a merge lists no paths: ask again
            parent = self._expected.get(parents[0]) or CommitFiles(self._objects, f"{sha}^")
        self._expected.setdefault(parents[0], parent)
        if len(self._expected) > 4096:  # lines that never resume; stay bounded
            self._expected.clear()
        return files, parent
