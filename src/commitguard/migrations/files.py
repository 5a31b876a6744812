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
from commitguard.migrations import locate
from commitguard.migrations.presets import LAYOUTS
from commitguard.model import Change

# typing costs the commit-msg hook import time; mypy reads this flag too.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from commitguard.migrations.classify import Layouts, Match, Sorted

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
        | set(locate.FILES)
    )
)


_CONFIG_NAMES = frozenset(CONFIG_NAMES)


def changes_config(changes: tuple[Change, ...]) -> bool:
    """Whether a commit that makes `changes` may change how its other paths classify."""
    for change in changes:
        # endswith first, in C: asked of every path of every commit of a history.
        path = change.path
        if path.endswith(CONFIG_NAMES) and path.rpartition("/")[2] in _CONFIG_NAMES:
            return True
    return False


class Files:
    """One set of files: answers, remembered, to what the classifier asks of it."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str], bool] = {}  # (directory, marker) -> present
        # What migrations/project.py builds from these files: the layouts their
        # frameworks' configuration gives.
        self.layouts: Layouts | None = None
        # What classify.Classifier answered of these files: each path's match, and the
        # last commit's changes sorted (the range rules and then each per-commit rule
        # ask about the same commit in turn).
        self.answers: dict[str, Match] = {}
        self.last: tuple[tuple[Change, ...] | None, tuple[Sorted, ...] | None] = (None, None)

    def exists(self, relative: str) -> bool:
        raise NotImplementedError

    def text(self, relative: str) -> str | None:
        """The file's text (at most 1 MiB), None when it is absent or unreadable."""
        raise NotImplementedError

    def read(self, relative: str) -> str:
        return self.text(relative) or ""

    def prefetch(self, paths: tuple[str, ...]) -> None:
        """A hint: these paths are about to be asked about."""


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
    """The files of one revision (`<sha>`, `<sha>^`), asked of git one path at a time;
    `known` carries over what is known of them already (a child's answers)."""

    def __init__(
        self, objects: git.ObjectIds, revision: str, known: dict[str, str | None] | None = None
    ) -> None:
        super().__init__()
        self.revision = revision
        self._objects = objects
        self._ids: dict[str, str | None] = known if known is not None else {}

    def exists(self, relative: str) -> bool:
        return self._id(relative) is not None

    def text(self, relative: str) -> str | None:
        blob = self._id(relative)
        return None if blob is None else self._objects.text(blob)

    def prefetch(self, paths: tuple[str, ...]) -> None:
        """Ask about `paths` in one round trip, before they are asked one by one."""
        ask_ahead([(self, paths)])

    def unknown(self, paths: Iterable[str]) -> list[str]:
        return [path for path in paths if path not in self._ids]

    def known_texts(self, paths: Iterable[str]) -> list[str]:
        """The blob ids of those of `paths` known to exist."""
        return [blob for path in paths if (blob := self._ids.get(path)) is not None]

    def _id(self, relative: str) -> str | None:
        if relative not in self._ids:
            self._ids[relative] = self._objects.blob(f"{self.revision}:{relative}")
        return self._ids[relative]

    def parent(self, revision: str, changes: tuple[Change, ...]) -> CommitFiles:
        """The files of `revision`, this commit's parent, which `changes` made these:
        what is known of every other path carries over, and so does the frameworks'
        configuration unless a file at the root changed."""
        changed = {change.path for change in changes}
        known = {path: blob for path, blob in self._ids.items() if path not in changed}
        files = CommitFiles(self._objects, revision, known)
        if not any("/" not in path for path in changed):
            files.layouts = self.layouts  # the same root files, the same configuration
        return files


class History:
    """Each streamed commit's files, shared along a line of history until a commit
    changes a configuration file, and then derived from its child's: so a long history
    asks git about a few files, not about every commit that touches a migration."""

    def __init__(self, objects: git.ObjectIds) -> None:
        self._objects = objects
        self._expected: dict[str, CommitFiles] = {}  # a commit not yet streamed -> its files

    def files(
        self, sha: str, parents: tuple[str, ...], changes: tuple[Change, ...]
    ) -> tuple[CommitFiles, CommitFiles]:
        """The files of commit `sha` and of its first parent (which deleted paths are
        judged by), from its place in the stream; git lists children first."""
        files = self._expected.pop(sha, None) or CommitFiles(self._objects, sha)
        if not parents:
            return files, files
        parent = files
        if not changes:  # a merge lists no paths: its parent's files are asked anew
            parent = self._expected.get(parents[0]) or CommitFiles(self._objects, f"{sha}^")
        elif changes_config(changes):
            parent = self._expected.get(parents[0]) or files.parent(f"{sha}^", changes)
        self._expected.setdefault(parents[0], parent)
        if len(self._expected) > 4096:  # lines that never resume; stay bounded
            self._expected.clear()
        return files, parent


def ask_ahead(asked: Iterable[tuple[Files, Iterable[str]]]) -> None:
    """Whether each of the paths exists in its files, for many sets of files in one
    round trip to git: what judging a window of commits is about to ask one at a time."""
    ask_later(asked)()


def ask_later(asked: Iterable[tuple[Files, Iterable[str]]]) -> Callable[[], None]:
    """`ask_ahead`, asked of git now and learnt when called: git answers while the
    caller goes on (migrations/branch.py reads the next window of commits)."""
    wanted: dict[str, tuple[CommitFiles, str]] = {}
    objects = None
    for files, paths in asked:
        if isinstance(files, CommitFiles):
            objects = files._objects
            for path in files.unknown(paths):
                wanted.setdefault(f"{files.revision}:{path}", (files, path))
    if objects is None or not wanted:
        return _nothing
    answers = objects.blobs_later(list(wanted))

    def learn() -> None:
        for (files, path), blob in zip(wanted.values(), answers(), strict=True):
            files._ids[path] = blob

    return learn


def _nothing() -> None:
    pass


def read_ahead(asked: Iterable[tuple[Files, Iterable[str]]]) -> None:
    """The texts of those of the paths that exist, read in one round trip to git."""
    blobs: list[str] = []
    objects = None
    for files, paths in asked:
        if isinstance(files, CommitFiles):
            objects = files._objects
            blobs += files.known_texts(paths)
    if objects is not None and blobs:
        objects.read_ahead(blobs)
