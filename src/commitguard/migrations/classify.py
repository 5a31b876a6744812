"""Sort a changed path into migration, schema, generated, support, neutral or code.

Pure but for one injected probe: `exists(path)` and `read(path)` on the repository's
files, asked only when a path matches a layout that needs a marker, and remembered.
So a commit that touches no migration-like path costs no file-system call at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from commitguard import globs
from commitguard.migrations.presets import GENERATED, MIGRATION, SCHEMA, Layout
from commitguard.model import Change, Value

NEUTRAL = "neutral"
CODE = "code"
# The kinds that belong with a migration, in the migration's commit.
MIGRATION_SIDE = frozenset((MIGRATION, SCHEMA, GENERATED))

Exists = Callable[[str], bool]
Read = Callable[[str], str]


class Match(Value):
    __slots__ = ("kind", "preset", "root")

    def __init__(self, kind: str, preset: str | None = None, root: str = "") -> None:
        self.kind = kind
        self.preset = preset  # the framework, when a preset's layout matched
        self.root = root  # the app root ("apps/api/"), "" at the repository root


class Sorted(Value):
    """One change and what its paths are."""

    __slots__ = ("change", "match", "old")

    def __init__(self, change: Change, match: Match, old: Match | None) -> None:
        self.change = change
        self.match = match  # what change.path is
        self.old = old  # what change.old_path is, for a rename or copy


_CODE = Match(CODE)
_NEUTRAL = Match(NEUTRAL)


_WORD = re.compile(r"[a-z0-9]+")  # of a lower-cased path or glob
_LITERAL_EDGE = frozenset("/._-")


def key_word(glob: str) -> str | None:
    """A word every path the lower-cased glob matches contains whole (`migrations` in
    `migrations/*.py`), to skip the glob without matching it; None if there is none."""
    best: str | None = None
    for match in _WORD.finditer(glob):
        before = glob[match.start() - 1] if match.start() else "/"
        after = glob[match.end()] if match.end() < len(glob) else "/"
        inside = glob.count("[", 0, match.start()) > glob.count("]", 0, match.start()) or (
            glob.count("{", 0, match.start()) > glob.count("}", 0, match.start())
        )
        bounded = before in _LITERAL_EDGE and after in _LITERAL_EDGE and not inside
        if bounded and (best is None or len(match[0]) > len(best)):
            best = match[0]
    return best


class _Entry:
    """One glob of one layout, compiled on first use: most are never needed."""

    __slots__ = ("layout", "glob", "_compiled")

    def __init__(self, layout: Layout, glob: str) -> None:
        self.layout = layout
        # A preset's globs are relative to an app root anywhere in the repository; the
        # configured ones follow the glob rules as written (a leading `/`: the root).
        self.glob = glob if layout.anchored else "**/" + glob.lstrip("/")
        self._compiled: globs.Glob | None = None

    def root(self, path: str) -> str | None:
        """The app root the glob matched `path` under, or None when it does not."""
        if self._compiled is None:
            self._compiled = globs.compile(self.glob)
        return self._compiled.root(path)


class Classifier:
    """Remembers its answers: a long history names the same paths again and again.

    Each glob is filed under a word its paths must contain, so a path is matched only
    against the few globs that share a word with it: 2,000 staged source files cost a
    few milliseconds in the hook, not a regex match against every framework's globs.
    """

    def __init__(
        self,
        layouts: Iterable[Layout],
        neutral: Iterable[str],
        exists: Exists,
        read: Read,
        *,
        markers: bool = True,
        fixtures: Iterable[str] = (),
    ) -> None:
        layouts = [*layouts, Layout("", NEUTRAL, tuple(neutral), anchored=True)]
        entries = [_Entry(layout, glob) for layout in layouts for glob in layout.globs]
        self._index: dict[str, list[int]] = {}
        self._always: list[int] = []  # globs without a key word
        for position, entry in enumerate(entries):
            word = key_word(entry.glob.lower())
            if word is None:
                self._always.append(position)
            else:
                self._index.setdefault(word, []).append(position)
        self._entries = entries
        self._fixtures = globs.glob_set(tuple(fixtures))
        self._exists = exists
        self._read = read
        self._markers = markers  # False: the configuration named the frameworks
        self._found: dict[tuple[str, str], bool] = {}
        self._cache: dict[str, Match] = {}
        self._last: tuple[tuple[Change, ...] | None, tuple[Sorted, ...] | None] = (None, None)

    def __call__(self, path: str) -> Match:
        found = self._cache.get(path)
        if found is None:
            if len(self._cache) > 65536:  # flat memory over any history
                self._cache.clear()
            found = self._cache[path] = self._classify(path)
        return found

    def changes(self, changes: tuple[Change, ...]) -> tuple[Sorted, ...] | None:
        """Each change with what its path (and a rename's old path) is; None when every
        path is code, which is most commits. Remembers the last answer: in `check` the
        range rules and each per-commit rule ask about the same commit in turn."""
        if changes is self._last[0]:
            return self._last[1]
        # A large index is sifted in one search first; a commit of a long history names
        # paths most likely seen before, and remembered.
        if len(changes) > 64 and not self.sift(
            [p for c in changes for p in (c.path, c.old_path) if p]
        ):
            self._last = (changes, None)
            return None
        found = None
        known = self._cache.get  # inlined: this runs for every commit of a range
        for change in changes:
            if (known(change.path) or self(change.path)) is not _CODE or (
                change.old_path is not None and self(change.old_path) is not _CODE
            ):
                found = tuple(
                    Sorted(c, self(c.path), None if c.old_path is None else self(c.old_path))
                    for c in changes
                )
                break
        self._last = (changes, found)
        return found

    def sift(self, paths: list[str]) -> set[str]:
        """Those of `paths` that may be more than code: every other one is code. One
        pass over all their words first, so thousands of staged files stay cheap."""
        if self._always:
            return set(paths)
        keys = self._index.keys()
        if keys.isdisjoint(_WORD.findall("\n".join(paths).lower())):
            return set()  # the common case: one search for the whole commit or index
        return {path for path in paths if not keys.isdisjoint(_WORD.findall(path.lower()))}

    def _classify(self, path: str) -> Match:
        index = self._index
        candidates = set(self._always)
        for word in _WORD.findall(path.lower()):  # globs ignore case; see globs.py
            candidates.update(index.get(word, ()))
        for position in sorted(candidates):  # the layouts' order is their precedence
            entry = self._entries[position]
            root = entry.root(path)
            if root is None:
                continue
            layout = entry.layout
            if layout.kind == NEUTRAL:
                return _NEUTRAL
            if self._marked(layout, root):
                # Asked only of a path a layout claims: most paths never pay for it.
                if self._fixtures and self._fixtures.matches(path):
                    return _CODE
                return Match(layout.kind, layout.preset, root)
        return _CODE

    def _marked(self, layout: Layout, root: str) -> bool:
        if not layout.markers or not self._markers or layout.anchored:
            return True
        directory = root
        while True:
            if any(self._marker(directory, marker) for marker in layout.markers):
                return True
            if not directory:
                return False
            directory = directory[:-1].rpartition("/")[0]
            directory = f"{directory}/" if directory else ""

    def _marker(self, directory: str, marker: str) -> bool:
        key = (directory, marker)
        if key not in self._found:
            name, _, needle = marker.partition(":")
            path = directory + name
            present = self._exists(path)
            if present and needle:
                present = needle in self._read(path)
            self._found[key] = present
        return self._found[key]
