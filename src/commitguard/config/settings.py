"""The validated configuration: frozen records, one per section of the file.

schema.py builds them from the file; everything else only reads them. This module
imports nothing but the model, so the rules, migrations, security and report code can
import these types at run time without an import cycle through the validators.
"""

from __future__ import annotations

from commitguard.model import Severity, Value

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping


class Settings(Value):
    """A record that refuses to change once built: settings are shared by every rule
    and cached by identity, so a change in one place would leak into all of them."""

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen; build a new one")

    def _set(self, **fields: object) -> None:
        for name, value in fields.items():
            object.__setattr__(self, name, value)

    # The mappings inside are not hashable; identity will do. object's own hash, in C:
    # the engine's caches look a configuration up for every commit of a history.
    __hash__ = object.__hash__

    def __copy__(self) -> Settings:  # nothing can change, so a copy is the same record
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> Settings:
        return self


class MigrationSettings(Settings):
    """The `migrations:` section. Globs are as written; the framework tables, the files
    of the repository and the classifier come later (migrations/project.py)."""

    __slots__ = (
        "frameworks",
        "extra_globs",
        "neutral",
        "fixtures",
        "replace",
        "framework_globs",
        "same_scope",
        "require_down",
    )
    frameworks: tuple[str, ...] | None
    extra_globs: Mapping[str, tuple[str, ...]]
    neutral: tuple[str, ...]
    fixtures: tuple[str, ...]
    replace: bool
    framework_globs: Mapping[str, Mapping[str, tuple[str, ...]]]
    same_scope: bool
    require_down: tuple[str, ...]

    def __init__(
        self,
        *,
        frameworks: tuple[str, ...] | None,
        extra_globs: Mapping[str, tuple[str, ...]],
        neutral: tuple[str, ...],
        fixtures: tuple[str, ...],
        replace: bool,
        framework_globs: Mapping[str, Mapping[str, tuple[str, ...]]],
        same_scope: bool,
        require_down: tuple[str, ...],
    ) -> None:
        self._set(
            frameworks=frameworks,  # None: `auto`, detected from the repository's files
            extra_globs=extra_globs,  # kind (migration, schema) -> the configured globs
            neutral=neutral,  # globs allowed alongside a migration, beyond the built-in ones
            fixtures=fixtures,  # globs of test data and samples: code, never migrations
            replace=replace,  # True: extra_globs only, no framework's own
            framework_globs=framework_globs,  # framework -> kind -> globs replacing its own
            same_scope=same_scope,  # migration-order looks only at code of the same scope
            require_down=require_down,  # frameworks whose up migrations need a down
        )


class ReportSettings(Settings):
    """The `report:` section."""

    __slots__ = ("aliases", "bots", "exclude_paths", "default_excludes", "areas")
    aliases: Mapping[str, tuple[str, str]]
    bots: tuple[str, ...]
    exclude_paths: tuple[str, ...]
    default_excludes: bool
    areas: tuple[tuple[str, tuple[str, ...]], ...]

    def __init__(
        self,
        *,
        aliases: Mapping[str, tuple[str, str]],
        bots: tuple[str, ...],
        exclude_paths: tuple[str, ...],
        default_excludes: bool,
        areas: tuple[tuple[str, tuple[str, ...]], ...] = (),
    ) -> None:
        self._set(
            aliases=aliases,  # a lower-cased email or name -> the canonical (name, email)
            bots=bots,  # lower-cased globs matched against a name or an email
            # Globs left out of line counts: the built-in ones first, unless
            # default_excludes is off, then the configured ones.
            exclude_paths=exclude_paths,
            default_excludes=default_excludes,
            # (area id, globs) in the file's order: they claim a path before any preset.
            areas=areas,
        )


class Config(Settings):
    """The whole configuration. Security settings stay flat (`security_paths`, ...), as
    the detection code reads them on every commit."""

    __slots__ = (
        "source",
        "preset",
        "types",
        "scopes",
        "scope_required",
        "security_types",
        "security_scopes",
        "security_paths",
        "security_ignore_paths",
        "security_keywords",
        "security_roles",
        "security_packages",
        "security_read_diff",
        "security_project",
        "project_package",
        "severities",
        "rule_options",
        "migrations",
        "report",
    )
    source: str | None
    preset: str
    types: tuple[str, ...]
    scopes: tuple[str, ...]
    scope_required: bool
    security_types: tuple[str, ...]
    security_scopes: tuple[str, ...]
    security_paths: tuple[str, ...]
    security_ignore_paths: tuple[str, ...]
    security_keywords: tuple[str, ...]
    security_roles: tuple[str, ...]
    security_packages: tuple[str, ...]
    security_read_diff: bool
    security_project: str
    project_package: str | None
    severities: Mapping[str, Severity]
    rule_options: Mapping[str, Mapping[str, object]]
    migrations: MigrationSettings
    report: ReportSettings

    def __init__(
        self,
        *,
        source: str | None,
        preset: str,
        types: tuple[str, ...],
        scopes: tuple[str, ...],
        scope_required: bool,
        security_types: tuple[str, ...],
        security_scopes: tuple[str, ...],
        security_paths: tuple[str, ...],
        security_ignore_paths: tuple[str, ...],
        security_keywords: tuple[str, ...],
        severities: Mapping[str, Severity],
        rule_options: Mapping[str, Mapping[str, object]],
        migrations: MigrationSettings,
        report: ReportSettings,
        security_roles: tuple[str, ...] = (),
        security_packages: tuple[str, ...] = (),
        security_read_diff: bool = True,
        security_project: str = "auto",
        project_package: str | None = None,
    ) -> None:
        self._set(
            source=source,  # the file it came from; None for the defaults
            preset=preset,
            types=types,
            scopes=scopes,  # allowed scopes; empty allows any
            scope_required=scope_required,
            security_types=security_types,
            security_scopes=security_scopes,
            security_paths=security_paths,  # globs of security-sensitive code
            security_ignore_paths=security_ignore_paths,  # globs that are not (tests, ...)
            security_keywords=security_keywords,  # subject words that mean security
            security_roles=security_roles,  # globs of files with an auth role
            security_packages=security_packages,  # dependencies whose bump is security work
            security_read_diff=security_read_diff,  # a folder's path needs its lines
            # "auto", "true" or "false": whether the whole repository is security code
            # (auto: when its own package is one of security_packages)
            security_project=security_project,
            project_package=project_package,  # the root manifest's name (config/load.py)
            severities=severities,  # every rule id, "off" included
            rule_options=rule_options,
            migrations=migrations,
            report=report,
        )

    def with_project_package(self, name: str | None) -> Config:
        """The same configuration, for a repository whose root manifest names `name`."""
        return self._replaced(project_package=name)

    def with_severities(self, severities: Mapping[str, Severity]) -> Config:
        """The same configuration with these rules at these severities."""
        return self._replaced(severities={**self.severities, **severities})

    def _replaced(self, **changes: object) -> Config:
        fields = {name: getattr(self, name) for name in self.__slots__}
        fields.update(changes)
        changed = object.__new__(Config)
        changed._set(**fields)
        return changed
