"""The `migrations:` section of the configuration, validated into `MigrationSettings`.

```yaml
migrations:
  frameworks: auto            # or a list: [prisma, django]; auto detects them
  migration: [db/sql/*.sql]   # more globs (from the repository root) for each kind
  schema: []
  neutral: [CHANGELOG.md]     # allowed alongside a migration
  replace: false              # true: only the globs above, no framework's
  globs:                      # replace one framework's globs of one kind
    prisma: {schema: [db/*.prisma]}
  same-scope: true            # migration-order: only code of the migration's scope
  require-down: [golang-migrate, hasura, sqitch]
```
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from commitguard.config.load import Config, boolean, mapping, reject_unknown, str_list
from commitguard.errors import ConfigError
from commitguard.migrations import locate, presets
from commitguard.migrations.classify import Classifier
from commitguard.migrations.presets import GENERATED, MIGRATION, SCHEMA, SUPPORT, Layout
from commitguard.model import Value

_KEYS = (
    "frameworks",
    "migration",
    "schema",
    "neutral",
    "replace",
    "globs",
    "same-scope",
    "require-down",
)
_GLOB_KINDS = (MIGRATION, SCHEMA, GENERATED, SUPPORT)


class MigrationSettings(Value):
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


# One per configuration: built on first use, by whichever door asks first.
_LOADED: dict[int, tuple[Config, MigrationSettings]] = {}


def load(config: Config, root: str | None = None) -> MigrationSettings:
    """The settings for `config`; markers and framework files are looked for under
    `root`, by default the work tree around the current directory."""
    cached = _LOADED.get(id(config))
    if cached is not None and cached[0] is config:  # every commit of a range asks
        return cached[1]
    settings = build(config, root if root is not None else find_root(os.getcwd()))
    if len(_LOADED) >= 8:  # a process normally loads one configuration; stay bounded
        _LOADED.clear()
    _LOADED[id(config)] = (config, settings)
    return settings


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


def build(config: Config, root: str) -> MigrationSettings:
    source = config.source or "<defaults>"
    section = mapping(config.sections.get("migrations", {}), source, "migrations")
    reject_unknown(section, _KEYS, source, "migrations.")
    frameworks = _frameworks(section.get("frameworks", "auto"), source)
    replace = boolean(section.get("replace", False), source, "migrations.replace")
    overrides = _overrides(mapping(section.get("globs", {}), source, "migrations.globs"), source)
    require_down = _names(
        section.get("require-down", list(presets.DEFAULT_REQUIRE_DOWN)),
        source,
        "migrations.require-down",
    )
    same_scope = boolean(section.get("same-scope", True), source, "migrations.same-scope")

    probe = _Probe(root)
    layouts = [
        Layout("configured", kind, globs, anchored=True)
        for kind in (MIGRATION, SCHEMA)
        if (globs := str_list(section.get(kind, []), source, f"migrations.{kind}"))
    ]
    if not replace:
        chosen = set(frameworks or presets.PRESET_NAMES)
        found = [*locate.located(probe.text), *presets.LAYOUTS]
        for layout in found:
            if layout.preset not in chosen:
                continue
            override = overrides.get((layout.preset, layout.kind))
            if override is None:
                layouts.append(layout)
            elif override:
                layouts.append(Layout(layout.preset, layout.kind, override, layout.markers))
                overrides[(layout.preset, layout.kind)] = ()  # once per framework and kind
    neutral = (
        *str_list(section.get("neutral", []), source, "migrations.neutral"),
        *presets.NEUTRAL,
    )
    classify = Classifier(layouts, neutral, probe.exists, probe.read, markers=frameworks is None)
    return MigrationSettings(classify, same_scope, require_down, frameworks)


def _names(value: object, source: str, key: str) -> tuple[str, ...]:
    names = str_list(value, source, key)
    for index, name in enumerate(names):
        if name not in presets.PRESET_NAMES:
            raise ConfigError(
                source,
                f"{key}[{index}]",
                f"unknown framework {name!r}",
                f"expected one of: {', '.join(presets.PRESET_NAMES)}",
            )
    return names


def _frameworks(value: object, source: str) -> tuple[str, ...] | None:
    if value == "auto":
        return None
    if isinstance(value, str):
        raise ConfigError(
            source, "migrations.frameworks", f"expected auto or a list, got {value!r}"
        )
    return _names(value, source, "migrations.frameworks")


def _overrides(
    section: Mapping[str, object], source: str
) -> dict[tuple[str, str], tuple[str, ...]]:
    reject_unknown(section, presets.PRESET_NAMES, source, "migrations.globs.", noun="framework")
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for name, kinds in section.items():
        key = f"migrations.globs.{name}"
        by_kind = mapping(kinds, source, key)
        reject_unknown(by_kind, _GLOB_KINDS, source, f"{key}.")
        for kind, globs in by_kind.items():
            found[(name, kind)] = str_list(globs, source, f"{key}.{kind}")
    return found


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
