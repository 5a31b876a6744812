"""One repository's migrations: the path classifier, built from the validated settings.

The `migrations:` section is checked when the configuration loads (config/schema.py);
what it says is turned here into layouts, with the frameworks detected from the
repository's files. That reads files, so it is built on first use, once per
configuration, by whichever door asks first.
"""

from __future__ import annotations

import os

from commitguard.config.settings import Config, MigrationSettings
from commitguard.migrations import locate, presets
from commitguard.migrations.classify import Classifier
from commitguard.migrations.presets import MIGRATION, SCHEMA, Layout
from commitguard.model import Value


class Project(Value):
    """What the migration rules need: how a path classifies, and two settings."""

    __slots__ = ("classify", "same_scope", "require_down", "frameworks")

    def __init__(
        self,
        classify: Classifier,
        same_scope: bool,
        require_down: tuple[str, ...],
        frameworks: tuple[str, ...] | None,
    ) -> None:
        self.classify = classify
        self.same_scope = same_scope
        self.require_down = require_down
        self.frameworks = frameworks  # None: detected from the repository's files


# One per configuration's migration settings: every commit of a range asks.
_BUILT: dict[int, tuple[MigrationSettings, Project]] = {}


def for_config(config: Config, root: str | None = None) -> Project:
    """The project for `config`; markers and framework files are looked for under
    `root`, by default the work tree around the current directory."""
    settings = config.migrations
    cached = _BUILT.get(id(settings))
    if cached is not None and cached[0] is settings:
        return cached[1]
    project = build(settings, root if root is not None else find_root(os.getcwd()))
    if len(_BUILT) >= 8:  # a process normally loads one configuration; stay bounded
        _BUILT.clear()
    _BUILT[id(settings)] = (settings, project)
    return project


def find_root(start: str) -> str:
    """The nearest directory holding `.git` (a directory, or a file in a worktree)."""
    here = os.path.abspath(start)
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return os.path.abspath(start)
        here = parent


def build(settings: MigrationSettings, root: str) -> Project:
    probe = _Probe(root)
    layouts = [
        Layout("configured", kind, settings.extra_globs[kind], anchored=True)
        for kind in (MIGRATION, SCHEMA)
        if kind in settings.extra_globs
    ]
    if not settings.replace:
        chosen = set(settings.frameworks or presets.PRESET_NAMES)
        replaced: set[tuple[str, str]] = set()
        for layout in (*locate.located(probe.text), *presets.LAYOUTS):
            if layout.preset not in chosen:
                continue
            override = settings.framework_globs.get(layout.preset, {}).get(layout.kind)
            if override is None:
                layouts.append(layout)
            elif override and (layout.preset, layout.kind) not in replaced:
                # The configured globs stand in for all of that framework's globs of
                # that kind, wherever they were found: once per framework and kind.
                layouts.append(Layout(layout.preset, layout.kind, override, layout.markers))
                replaced.add((layout.preset, layout.kind))
    neutral = (*settings.neutral, *presets.NEUTRAL)
    classify = Classifier(
        layouts,
        neutral,
        probe.exists,
        probe.read,
        markers=settings.frameworks is None,
        fixtures=settings.fixtures,
    )
    return Project(classify, settings.same_scope, settings.require_down, settings.frameworks)


class _Probe:
    """The repository's files, as the classifier and the locator ask about them."""

    def __init__(self, root: str) -> None:
        self._root = root

    def text(self, relative: str) -> str | None:
        try:
            with open(os.path.join(self._root, relative), encoding="utf-8") as handle:
                return handle.read(1 << 20)  # a setting sits near the top; cap the read
        except (OSError, UnicodeDecodeError):
            return None

    def exists(self, relative: str) -> bool:
        return os.path.exists(os.path.join(self._root, relative))

    def read(self, relative: str) -> str:
        return self.text(relative) or ""
