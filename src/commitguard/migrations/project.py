"""One repository's migrations: the path classifier, built from the validated settings.

The `migrations:` section is checked when the configuration loads (config/schema.py);
what it says is turned here into layouts, with the frameworks' own configuration read
from a set of files: the work tree's for the hooks, each commit's in `check`. That reads
files, so it is built on first use, once per configuration and set of files.
"""

from __future__ import annotations

import os

from commitguard.config.settings import Config, MigrationSettings
from commitguard.migrations import locate, presets
from commitguard.migrations.classify import Classifier, Layouts
from commitguard.migrations.files import Files, WorkTree, ask_ahead, ask_later, read_ahead
from commitguard.migrations.presets import MIGRATION, SCHEMA, Layout

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

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
    return Project(settings, WorkTree(root))


class Project:
    """What the migration rules need: how a path classifies against some files (the
    work tree's by default, or a commit's), and the settings."""

    def __init__(self, settings: MigrationSettings, files: Files) -> None:
        self.settings = settings
        self.same_scope = settings.same_scope
        self.require_down = settings.require_down
        self.frameworks = settings.frameworks  # None: detected from the repository's files
        self._layouts: dict[tuple[Layout, ...], Layouts] = {}
        self._located_last: Layouts | None = None  # the layouts of the files located last
        self.classify = self.classifier(files)

    def classifier(self, files: Files) -> Classifier:
        """The classifier of `files`: its frameworks' configuration as those files have
        it, worked out once per set of files and once per distinct configuration."""
        if files.layouts is None:
            located: tuple[Layout, ...] = ()
            if not self.settings.replace:
                files.prefetch(locate.FILES)
                located = tuple(locate.located(files.text))
            if located not in self._layouts:
                if len(self._layouts) >= 64:  # a history's configurations are few
                    self._layouts.clear()
                self._layouts[located] = _layouts(self.settings, located)
            files.layouts = self._located_last = self._layouts[located]
        return Classifier(files.layouts, files, markers=self.settings.frameworks is None)

    def prepare_later(self, asked: list[tuple[Files, list[str]]]) -> Callable[[], None]:
        """Ask git at once what classifying each list of paths against its files will
        ask (the frameworks' configuration, then the markers; without it the answers
        are the same, asked one round trip at a time): its first round trip now and the
        rest when called, so that git works while the caller goes on. That first round
        asks what nearly
        always settles it all: the frameworks' configuration files of each set of files
        not located yet, and the markers of its paths, by the layouts of the set of
        files located last where its own are not known yet (a history's configuration
        seldom changes). The rest asks what that guess missed, if anything."""
        guess = self._located_last
        first: list[tuple[Files, Iterable[str]]] = []
        for files, paths in asked:
            if files.layouts is None and not self.settings.replace:
                first.append((files, locate.FILES))
            layouts = files.layouts or guess
            if layouts is not None:
                classifier = Classifier(layouts, files, markers=self.settings.frameworks is None)
                first.append((files, classifier.questions(paths)[0]))
        learn = ask_later(first)

        def rest() -> None:
            learn()
            self._prepare(asked)

        return rest

    def _prepare(self, asked: list[tuple[Files, list[str]]]) -> None:
        unlocated = list(dict.fromkeys(files for files, _ in asked if files.layouts is None))
        if unlocated and not self.settings.replace:
            ask_ahead((files, locate.FILES) for files in unlocated)
            read_ahead((files, locate.read_first(files.exists)) for files in unlocated)
        markers = [(files, self.classifier(files).questions(paths)) for files, paths in asked]
        ask_ahead((files, exists) for files, (exists, _) in markers)
        read_ahead((files, read) for files, (_, read) in markers)


def _layouts(settings: MigrationSettings, located: tuple[Layout, ...]) -> Layouts:
    layouts = [
        Layout("configured", kind, settings.extra_globs[kind], anchored=True)
        for kind in (MIGRATION, SCHEMA)
        if kind in settings.extra_globs
    ]
    if not settings.replace:
        chosen = set(settings.frameworks or presets.PRESET_NAMES)
        replaced: set[tuple[str, str]] = set()
        for layout in (*located, *presets.LAYOUTS):
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
    return Layouts(layouts, neutral, settings.fixtures)
