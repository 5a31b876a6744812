"""The configuration's schema: one parser per section, from raw mappings to settings.

```yaml
preset: team                      # or conventional
types: [feat, fix, ...]           # replaces the preset's list
scopes: {allowed: [], required: true}
security: {types: [fix], scopes: [auth, ...], paths: [...], roles: [...],
           ignore-paths: [...], keywords: [...], read-diff: true}
rules: {header-max-length: {max: 72, severity: error}, subject-case: off}
migrations:
  frameworks: auto                # or a list: [prisma, django]; auto detects them
  migration: [db/sql/*.sql]       # more globs for each kind (README: Globs)
  schema: []
  neutral: [CHANGELOG.md]         # allowed alongside a migration
  fixtures: ["**/tests/**"]       # test data and samples, code whatever they hold
  replace: false                  # true: only the globs above, no framework's
  globs:                          # replace one framework's globs of one kind
    prisma: {schema: [db/*.prisma]}
  same-scope: true                # migration-order: only code of the migration's scope
  require-down: [golang-migrate, hasura, sqitch, typeorm, mikro-orm, knex, sequelize,
                 alembic, django, rails, goose, dbmate]
report:
  aliases:                        # one person, several identities .mailmap misses
    "Ada Lovelace <ada@example.com>": ["ada@old.example.com", "A. Lovelace"]
  bots: ["ci-deploy", "*@ci.example.com"]   # more bots, beyond [bot], dependabot, ...
  exclude-paths: ["docs/api/**"]            # line counts leave these out, too
  default-excludes: true                    # lockfiles, generated, vendored
  areas:                                    # work areas: these globs first, then presets
    integrations: ["src/payments/stripe/**"]
    database: ["src/**/*.sql.ts"]
```

Every error is a ConfigError naming the file, the key path (`security.paths[3]`) and
what was expected, with "did you mean" where a name is close. Unknown keys are never
ignored. Every glob the file gives is checked by `globs.problem` here, at load.
"""

from __future__ import annotations

from commitguard.config import presets
from commitguard.config.settings import Config, MigrationSettings, ReportSettings
from commitguard.errors import ConfigError
from commitguard.lazy import Pattern
from commitguard.message.suggest import closest
from commitguard.migrations.presets import (
    DEFAULT_REQUIRE_DOWN,
    FIXTURES,
    GENERATED,
    MIGRATION,
    PRESET_NAMES,
    SCHEMA,
    SUPPORT,
)
from commitguard.model import Severity
from commitguard.report.defaults import DEFAULT_EXCLUDES
from commitguard.rules import catalogue

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

DEFAULTS_SOURCE = "<defaults>"
_TOP_KEYS = ("preset", "types", "scopes", "security", "rules", "migrations", "report")
_SCOPE_KEYS = ("allowed", "required")
_SECURITY_KEYS = ("types", "scopes", "paths", "roles", "ignore-paths", "keywords", "packages")
_SECURITY_GLOBS = ("paths", "roles", "ignore-paths")
_MIGRATION_KEYS = (
    "frameworks",
    "migration",
    "schema",
    "neutral",
    "fixtures",
    "replace",
    "globs",
    "same-scope",
    "require-down",
)
_EXTRA_GLOB_KINDS = (MIGRATION, SCHEMA)
_FRAMEWORK_GLOB_KINDS = (MIGRATION, SCHEMA, GENERATED, SUPPORT)
_REPORT_KEYS = ("aliases", "bots", "exclude-paths", "default-excludes", "areas")
_SEVERITIES = {"error": Severity.ERROR, "warning": Severity.WARNING, "off": Severity.OFF}
# What message/parse.py reads as a type, lower-case: compiled when a file names its types.
_TYPE_NAME = Pattern(r"[a-z][a-z0-9_-]*\Z")
# Compiled where an alias is read: most configurations have none.
_IDENTITY = Pattern(r"\s*(?P<name>[^<>]*?)\s*<(?P<email>[^<>\s]+)>\s*\Z")


def build(data: Mapping[str, object], source: str) -> Config:
    """Validate a file's raw settings over their preset's defaults, every section."""
    reject_unknown(data, _TOP_KEYS, source, "")
    preset_name = _preset(data.get("preset", presets.DEFAULT_PRESET), source)
    base = presets.PRESETS[preset_name]
    # A preset's own types are checked by a test, not on every commit.
    if "types" in data:
        types = _types(data["types"], source)
    else:
        types = str_list(base["types"], source, "types", non_empty=True)
    allowed, required = _scopes(data.get("scopes", {}), base, source)
    security = _security(data.get("security", {}), base, source)
    migrations = _migrations(data.get("migrations", {}), source)
    report = _report(data.get("report", {}), source)
    severities, options = _rules(
        mapping(data.get("rules", {}), source, "rules"),
        mapping(base["rules"], source, "rules"),
        source,
    )
    return Config(
        source=None if source == DEFAULTS_SOURCE else source,
        preset=preset_name,
        types=types,
        scopes=allowed,
        scope_required=required,
        security_types=security["types"],
        security_scopes=security["scopes"],
        security_paths=security["paths"],
        security_ignore_paths=security["ignore-paths"],
        security_keywords=security["keywords"],
        security_roles=security["roles"],
        security_packages=security["packages"],
        security_read_diff=_read_diff(data.get("security", {}), base, source),
        security_project=_project(data.get("security", {}), source),
        severities=severities,
        rule_options=options,
        migrations=migrations,
        report=report,
    )


# --- one parser per section -----------------------------------------------------------


def _preset(value: object, source: str) -> str:
    if isinstance(value, str) and value in presets.PRESETS:
        return value
    raise ConfigError(
        source,
        "preset",
        f"unknown preset {value!r}"
        if isinstance(value, str)
        else f"expected a preset name, got {_show(value)}",
        f"expected one of: {', '.join(presets.PRESETS)}"
        + _did_you_mean(str(value), presets.PRESETS),
    )


def _types(value: object, source: str) -> tuple[str, ...]:
    """Types as a header can write them: type-case refuses any header whose type is not
    lower-case, so `FEAT` in the list would reject every commit instead of allowing one."""
    types = str_list(value, source, "types", non_empty=True)
    for index, name in enumerate(types):
        if name != name.lower():
            raise ConfigError(
                source,
                f"types[{index}]",
                f"types are lower-case: did you mean {name.lower()}?",
                "type-case requires a lower-case type in every header",
            )
        if not _TYPE_NAME.match(name):
            raise ConfigError(
                source,
                f"types[{index}]",
                f"{name!r} cannot be written as a type",
                "a type is a letter followed by letters, digits, _ or -",
            )
    return types


def _scopes(value: object, base: Mapping[str, object], source: str) -> tuple[tuple[str, ...], bool]:
    scopes = mapping(value, source, "scopes")
    reject_unknown(scopes, _SCOPE_KEYS, source, "scopes.")
    defaults = mapping(base["scopes"], source, "scopes")
    allowed = str_list(scopes.get("allowed", defaults["allowed"]), source, "scopes.allowed")
    required = boolean(scopes.get("required", defaults["required"]), source, "scopes.required")
    return allowed, required


def _security(value: object, base: Mapping[str, object], source: str) -> dict[str, tuple[str, ...]]:
    """Each key of the section as given, else the preset's. Only the globs the file gives
    are checked: the built-in ones are checked by a test, not on every commit."""
    security = mapping(value, source, "security")
    reject_unknown(security, (*_SECURITY_KEYS, "read-diff", "project"), source, "security.")
    defaults = mapping(base["security"], source, "security")
    found: dict[str, tuple[str, ...]] = {}
    for key in _SECURITY_KEYS:
        if key not in security:
            found[key] = tuple(str_list(defaults.get(key, []), source, f"security.{key}"))
        elif key in _SECURITY_GLOBS:
            found[key] = glob_list(security[key], source, f"security.{key}")
        else:
            found[key] = str_list(security[key], source, f"security.{key}")
    return found


def _read_diff(value: object, base: Mapping[str, object], source: str) -> bool:
    """`security.read-diff`: whether a path in an auth folder needs its changed lines to
    touch security code (true), or counts by its folder alone (false)."""
    security = mapping(value, source, "security")
    defaults = mapping(base["security"], source, "security")
    return boolean(
        security.get("read-diff", defaults.get("read-diff", True)), source, "security.read-diff"
    )


def _project(value: object, source: str) -> str:
    """`security.project`: whether the whole repository is security code: `auto` (when
    its own package is one of `security.packages`), true or false."""
    setting = mapping(value, source, "security").get("project", "auto")
    if setting == "auto" or isinstance(setting, bool):
        return str(setting).lower()
    raise ConfigError(
        source, "security.project", f"expected auto, true or false, got {_show(setting)}"
    )


def _migrations(value: object, source: str) -> MigrationSettings:
    section = mapping(value, source, "migrations")
    reject_unknown(section, _MIGRATION_KEYS, source, "migrations.")
    # The keys are checked in the order written here; a file with two errors reports the first.
    return MigrationSettings(
        frameworks=_frameworks(section.get("frameworks", "auto"), source),
        replace=boolean(section.get("replace", False), source, "migrations.replace"),
        framework_globs=_framework_globs(section.get("globs", {}), source),
        require_down=_framework_names(
            section.get("require-down", list(DEFAULT_REQUIRE_DOWN)),
            source,
            "migrations.require-down",
        ),
        same_scope=boolean(section.get("same-scope", True), source, "migrations.same-scope"),
        extra_globs={
            kind: patterns
            for kind in _EXTRA_GLOB_KINDS
            if (patterns := glob_list(section.get(kind, []), source, f"migrations.{kind}"))
        },
        neutral=glob_list(section.get("neutral", []), source, "migrations.neutral"),
        # The built-in fixtures globs are checked by a test, not on every commit.
        fixtures=(
            glob_list(section["fixtures"], source, "migrations.fixtures")
            if "fixtures" in section
            else FIXTURES
        ),
    )


def _report(value: object, source: str) -> ReportSettings:
    section = mapping(value, source, "report")
    reject_unknown(section, _REPORT_KEYS, source, "report.")
    aliases = _aliases(mapping(section.get("aliases", {}), source, "report.aliases"), source)
    bots = glob_list(section.get("bots", []), source, "report.bots")
    excludes = glob_list(section.get("exclude-paths", []), source, "report.exclude-paths")
    defaults = boolean(section.get("default-excludes", True), source, "report.default-excludes")
    return ReportSettings(
        aliases=aliases,
        bots=tuple(bot.lower() for bot in bots),
        exclude_paths=(DEFAULT_EXCLUDES if defaults else ()) + excludes,
        default_excludes=defaults,
        areas=_areas(section.get("areas", {}), source),
    )


def _areas(value: object, source: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`report.areas`: area id -> globs that claim a path before any preset does, in the
    order the file gives them (the first area whose glob matches wins)."""
    section = mapping(value, source, "report.areas")
    if not section:
        return ()  # most configurations, and the commit-msg hook's: no preset table to load
    from commitguard.report.area_presets import AREAS

    reject_unknown(section, AREAS, source, "report.areas.", noun="area")
    return tuple(
        (area, glob_list(patterns, source, f"report.areas.{area}"))
        for area, patterns in section.items()
    )


def _rules(
    settings: Mapping[str, object], preset_rules: Mapping[str, object], source: str
) -> tuple[dict[str, Severity], dict[str, dict[str, object]]]:
    rules = catalogue()
    reject_unknown(settings, tuple(rules), source, "rules.", noun="rule")
    severities: dict[str, Severity] = {}
    options: dict[str, dict[str, object]] = {}
    for rule_id, rule in rules.items():
        rule_options: dict[str, object] = dict(
            mapping(preset_rules.get(rule_id, {}), source, f"rules.{rule_id}")
        )
        # A preset may set a severity too (`conventional` turns scope-case off).
        severity = Severity(str(rule_options.pop("severity", rule.severity)))
        setting = settings.get(rule_id)
        key = f"rules.{rule_id}"
        if isinstance(setting, dict):
            reject_unknown(setting, ("severity", *rule.options), source, f"{key}.", noun="option")
            if "severity" in setting:
                severity = _severity(setting["severity"], source, f"{key}.severity")
            for name, expected in rule.options.items():
                if name in setting:
                    rule_options[name] = _typed(setting[name], expected, source, f"{key}.{name}")
        elif setting is not None or rule_id in settings:
            severity = _severity(setting, source, key)
        severities[rule_id] = severity
        options[rule_id] = rule_options
    return severities, options


# --- parts of sections ------------------------------------------------------------------


def parse_identity(text: str) -> tuple[str, str] | None:
    """`Name <email>` as (name, email), or None."""
    match = _IDENTITY.match(text)
    return (match["name"], match["email"]) if match else None


def _aliases(section: Mapping[str, object], source: str) -> dict[str, tuple[str, str]]:
    aliases: dict[str, tuple[str, str]] = {}
    for canonical, others in section.items():
        key = f"report.aliases.{canonical}"
        person = parse_identity(str(canonical))
        if person is None or not person[0]:
            raise ConfigError(
                source,
                key,
                "expected `Name <email>` as the key",
                'write "Ada Lovelace <ada@x.org>"',
            )
        for other in str_list(others, source, key):
            found = parse_identity(other)
            # An entry is an email, a name, or `Name <email>` (then its email counts).
            aliases[(found[1] if found else other).lower()] = person
        aliases[person[1].lower()] = person
    return aliases


def _frameworks(value: object, source: str) -> tuple[str, ...] | None:
    if value == "auto":
        return None
    if isinstance(value, str):
        raise ConfigError(
            source, "migrations.frameworks", f"expected auto or a list, got {value!r}"
        )
    return _framework_names(value, source, "migrations.frameworks")


def _framework_names(value: object, source: str, key: str) -> tuple[str, ...]:
    names = str_list(value, source, key)
    for index, name in enumerate(names):
        if name not in PRESET_NAMES:
            raise ConfigError(
                source,
                f"{key}[{index}]",
                f"unknown framework {name!r}",
                f"expected one of: {', '.join(PRESET_NAMES)}" + _did_you_mean(name, PRESET_NAMES),
            )
    return names


def _framework_globs(value: object, source: str) -> dict[str, dict[str, tuple[str, ...]]]:
    section = mapping(value, source, "migrations.globs")
    reject_unknown(section, PRESET_NAMES, source, "migrations.globs.", noun="framework")
    found: dict[str, dict[str, tuple[str, ...]]] = {}
    for name, kinds in section.items():
        key = f"migrations.globs.{name}"
        by_kind = mapping(kinds, source, key)
        reject_unknown(by_kind, _FRAMEWORK_GLOB_KINDS, source, f"{key}.")
        found[name] = {
            kind: glob_list(patterns, source, f"{key}.{kind}") for kind, patterns in by_kind.items()
        }
    return found


def _severity(value: object, source: str, key: str) -> Severity:
    if value is False:  # YAML 1.1 reads a bare `off` as false
        return Severity.OFF
    if isinstance(value, str) and value.lower() in _SEVERITIES:
        return _SEVERITIES[value.lower()]
    raise ConfigError(
        source,
        key,
        f"expected error, warning or off, got {_show(value)}",
        _did_you_mean(str(value), _SEVERITIES).strip() or None,
    )


def _typed(value: object, expected: type, source: str, key: str) -> object:
    if expected is int:
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ConfigError(source, key, f"expected a positive whole number, got {_show(value)}")
        return value
    raise AssertionError(f"no validator for option type {expected}")  # pragma: no cover


# --- the value types every section is made of -------------------------------------------


def mapping(value: object, source: str, key: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise ConfigError(source, key, f"expected a mapping, got {kind_of(value)}")
    return value


def str_list(value: object, source: str, key: str, *, non_empty: bool = False) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ConfigError(source, key, f"expected a list of names, got {kind_of(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise ConfigError(
                source, f"{key}[{index}]", f"expected a non-empty name, got {_show(item)}"
            )
    if non_empty and not value:
        raise ConfigError(source, key, "expected at least one name")
    return tuple(item.strip() for item in value)


def glob_list(value: object, source: str, key: str) -> tuple[str, ...]:
    """A list of path globs, each one that globs.py accepts (one dialect everywhere)."""
    if not isinstance(value, list):
        raise ConfigError(source, key, f"expected a list of globs, got {kind_of(value)}")
    if not value:
        return ()  # the defaults' lists: the glob dialect is loaded for a file's globs only
    from commitguard.globs import problem as glob_problem

    patterns: list[str] = []
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise ConfigError(source, f"{key}[{index}]", f"expected a glob, got {_show(item)}")
        pattern = item.strip()
        problem = glob_problem(pattern)
        if problem is not None:
            raise ConfigError(source, f"{key}[{index}]", f"{item!r} is not a valid glob: {problem}")
        patterns.append(pattern)
    return tuple(patterns)


def boolean(value: object, source: str, key: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(source, key, f"expected true or false, got {_show(value)}")
    return value


def reject_unknown(
    data: Mapping[str, object],
    known: tuple[str, ...],
    source: str,
    prefix: str,
    noun: str = "key",
) -> None:
    for key in data:
        if key not in known:
            raise ConfigError(
                source,
                f"{prefix}{key}",
                f"unknown {noun}",
                f"expected one of: {', '.join(known)}" + _did_you_mean(str(key), known),
            )


def _did_you_mean(word: str, choices: Mapping[str, object] | tuple[str, ...]) -> str:
    close = closest(word, list(choices))
    return f" (did you mean {close!r}?)" if close else ""


def kind_of(value: object) -> str:
    names = {
        dict: "a mapping",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "nothing",
    }
    return names.get(type(value), type(value).__name__)


def _show(value: object) -> str:
    return f"{value!r} ({kind_of(value)})"
