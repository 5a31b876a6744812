"""Which work area a changed path is in: `database`, `api`, `services`, ... Pure.

The tables are data (report/area_presets.py, which says the order areas are asked in).
Two areas are asked of the code that already knows them: a path the migration rules
classify as a migration, schema or generated file is `database` (the test comes in
from the shell, built from the repository's migration settings), and one the security
rules take for a file with an auth role or in an auth folder is `auth`
(security/detect.py's `path_candidates`, with the repository's `security` settings).

A history names the same few thousand paths again and again: each path is classified
once, and each folder asked once which framework's markers are above it. The files
the markers are looked for in (the work tree) come from the shell.
"""

from __future__ import annotations

from collections.abc import Callable

from commitguard import globs
from commitguard.config.settings import Config
from commitguard.migrations.files import Files
from commitguard.model import Change
from commitguard.report.area_presets import (
    AUTH,
    DATABASE,
    GENERIC,
    OTHER,
    PRECEDENCE,
    PRESETS,
    SLOT_AREAS,
    Preset,
)
from commitguard.security.detect import path_candidates

IsMigration = Callable[[str], bool]

_LIMIT = 65536  # remembered paths and folders: flat memory over any history


class Areas:
    """The area of each path of one repository, remembered."""

    def __init__(
        self, config: Config, is_migration: IsMigration, files: Files | None = None
    ) -> None:
        configured = config.report.areas
        self._configured = [(area, globs.GlobSet(patterns)) for area, patterns in configured]
        self._config = config
        self._is_migration = is_migration
        self._files = files  # where the markers are looked for; None: no preset applies
        # One glob set per layout, slot after slot (the preset's globs, then the generic
        # ones): one search finds the first slot whose glob matches a path.
        self._layouts = {preset: _Layout(preset) for preset in (None, *(p.name for p in PRESETS))}
        self._known: dict[str, str] = {}
        self._configured_paths: set[str] = set()
        self._folders: dict[str, Preset | None] = {}

    def __call__(self, path: str) -> str:
        """The area `path` is in."""
        found = self._known.get(path)
        if found is None:
            if len(self._known) > _LIMIT:
                self._known.clear()
                self._configured_paths.clear()
            found = self._known[path] = self._classify(path)
        return found

    def configured(self, path: str) -> bool:
        """Whether `report.areas` decided `path` (nothing overrides that); after a call."""
        return path in self._configured_paths

    def preset(self, path: str) -> str | None:
        """The framework whose layout applies to `path`, by the markers above it."""
        found = self._preset(path.rpartition("/")[0])
        return found.name if found is not None else None

    def _classify(self, path: str) -> str:
        for area, patterns in self._configured:
            if patterns.matches(path):
                self._configured_paths.add(path)
                return area
        preset = self._preset(path.rpartition("/")[0])
        claimed = self._layouts[preset.name if preset is not None else None].slot(path)
        # The areas other rules know come in their place: before any later slot's glob.
        for index in _ASKED:
            if index >= claimed:
                break
            if self._asked(PRECEDENCE[index], path):
                return PRECEDENCE[index]
        if claimed == len(PRECEDENCE):
            return OTHER
        slot = PRECEDENCE[claimed]
        return SLOT_AREAS.get(slot, slot)

    def _asked(self, slot: str, path: str) -> bool:
        """The areas other rules already know: the migration rules' and the security ones'."""
        if slot == DATABASE:
            return self._is_migration(path)
        if slot == AUTH:
            return bool(path_candidates((Change("M", path),), self._config)[0])
        return False

    def _preset(self, folder: str) -> Preset | None:
        """The preset whose marker is nearest above `folder` ("" is the root)."""
        if self._files is None:
            return None
        if folder in self._folders:
            return self._folders[folder]
        if len(self._folders) > _LIMIT:
            self._folders.clear()
        prefix = f"{folder}/" if folder else ""
        found = next((p for p in PRESETS if any(self._marked(prefix, m) for m in p.markers)), None)
        if found is None and folder:
            found = self._preset(folder.rpartition("/")[0])
        self._folders[folder] = found
        return found

    def _marked(self, prefix: str, marker: str) -> bool:
        assert self._files is not None
        name, _, needle = marker.partition(":")
        if not self._files.exists(prefix + name):
            return False
        return not needle or needle in self._files.read(prefix + name)


_ASKED = tuple(PRECEDENCE.index(slot) for slot in (DATABASE, AUTH))  # in that order


class _Layout:
    """A preset's globs and the generic ones, as one glob set in precedence order."""

    def __init__(self, preset: str | None) -> None:
        chosen = next((p for p in PRESETS if p.name == preset), None)
        patterns: list[str] = []
        self._slots: dict[str, int] = {}  # a glob -> the first slot that lists it
        for index, slot in enumerate(PRECEDENCE):
            own = chosen.globs.get(slot, ()) if chosen is not None else ()
            for pattern in (*("**/" + glob for glob in own), *GENERIC.get(slot, ())):
                patterns.append(pattern)
                self._slots.setdefault(pattern, index)
        self._globs = globs.GlobSet(patterns)

    def slot(self, path: str) -> int:
        """The index of the first slot with a glob that matches, len(PRECEDENCE) if none."""
        found = self._globs.first(path)
        return len(PRECEDENCE) if found is None else self._slots[found]
