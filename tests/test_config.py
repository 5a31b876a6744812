"""config/: where the configuration comes from, what it may say, and how it fails."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

from commitguard import globs
from commitguard.config import presets
from commitguard.config.load import Config, build, default, for_repository, load
from commitguard.config.settings import MigrationSettings, ReportSettings
from commitguard.errors import ConfigError
from commitguard.migrations import project
from commitguard.migrations.presets import DEFAULT_REQUIRE_DOWN, FIXTURES, LAYOUTS, NEUTRAL
from commitguard.model import Severity
from commitguard.report.defaults import DEFAULT_EXCLUDES
from commitguard.rules import catalogue
from commitguard.security import defaults as security_defaults
from tests.helpers import Repo, run_commitguard

# --- finding the file -------------------------------------------------------------------

YAML = "preset: conventional\n"
PYPROJECT = '[project]\nname = "x"\n\n[tool.commitguard]\npreset = "conventional"\n'


@pytest.mark.parametrize(
    ("files", "source", "preset"),
    [
        pytest.param({}, None, "team", id="nothing"),
        pytest.param({".commitguard.yaml": YAML}, ".commitguard.yaml", "conventional", id="yaml"),
        pytest.param({".commitguard.yml": YAML}, ".commitguard.yml", "conventional", id="yml"),
        pytest.param(
            {"pyproject.toml": PYPROJECT},
            "pyproject.toml [tool.commitguard]",
            "conventional",
            id="pyproject",
        ),
        pytest.param(
            {".commitguard.yaml": "preset: team\n", "pyproject.toml": PYPROJECT},
            ".commitguard.yaml",
            "team",
            id="yaml-wins-over-pyproject",
        ),
        pytest.param(
            {"pyproject.toml": '[project]\nname = "x"\n'}, None, "team", id="pyproject-without"
        ),
        pytest.param(
            {"pyproject.toml": '[project]\nname = "x"\ndependencies = ["commitguard"]\n'},
            None,
            "team",
            id="pyproject-mentions-commitguard-elsewhere",
        ),
        pytest.param(
            {"pyproject.toml": 'tool = "commitguard"\n'}, None, "team", id="pyproject-odd-tool"
        ),
        pytest.param({".commitguard.yaml": ""}, ".commitguard.yaml", "team", id="empty-yaml"),
        pytest.param(
            {".commitguard.yaml": "# only a comment\n"},
            ".commitguard.yaml",
            "team",
            id="comment-only-yaml",
        ),
    ],
)
def test_load_finds_the_configuration(
    tmp_path: Path, files: dict[str, str], source: str | None, preset: str
) -> None:
    for name, content in files.items():
        (tmp_path / name).write_text(content)
    config = load(str(tmp_path))
    assert config.preset == preset
    if source is None:
        assert config.source is None
    else:
        assert config.source == str(tmp_path / source)


def test_load_without_a_root_gives_the_defaults() -> None:
    config = load(None)
    assert (config.preset, config.types, config.source) == ("team", presets.TEAM_TYPES, None)
    assert config.severities == default().severities


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("custom.yaml", "preset: conventional\n", id="yaml"),
        pytest.param("pyproject.toml", PYPROJECT, id="pyproject"),
    ],
)
def test_load_an_explicit_file(tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / ".commitguard.yaml").write_text("preset: team\n")
    path = tmp_path / "elsewhere" / name
    path.parent.mkdir()
    path.write_text(content)
    config = load(str(tmp_path), str(path))
    assert config.preset == "conventional"
    assert config.source == str(path)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        pytest.param(lambda p: p / "missing.yaml", "no such file", id="missing"),
        pytest.param(lambda p: p, "is a directory, not a configuration file", id="directory"),
        pytest.param(
            lambda p: _write(p / "latin.yaml", "types: [caf\xe9]\n".encode("latin-1")),
            "cannot be read",
            id="not-utf-8",
        ),
        pytest.param(
            lambda p: _write(p / "pyproject.toml", b'[project]\nname = "x"\n'),
            "tool.commitguard: section missing",
            id="pyproject-without-section",
        ),
    ],
)
def test_load_an_explicit_file_that_cannot_be_used(
    tmp_path: Path, make: Callable[[Path], Path], expected: str
) -> None:
    path = make(tmp_path)
    with pytest.raises(ConfigError) as caught:
        load(str(tmp_path), str(path))
    assert caught.value.exit_code == 3
    assert str(path) in caught.value.message
    assert expected in caught.value.message


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


# --- what a valid configuration says ----------------------------------------------------


def _max(config: Config) -> object:
    return config.rule_options["header-max-length"]["max"]


@pytest.mark.parametrize(
    ("settings", "check"),
    [
        pytest.param({}, lambda c: c.types == presets.TEAM_TYPES, id="team-types"),
        pytest.param({}, lambda c: c.scope_required is True, id="team-requires-scope"),
        pytest.param({}, lambda c: _max(c) == 72, id="team-72"),
        pytest.param({}, lambda c: c.scopes == (), id="team-any-scope"),
        pytest.param(
            {"preset": "conventional"},
            lambda c: c.types == presets.CONVENTIONAL_TYPES and len(c.types) == 11,
            id="conventional-types",
        ),
        pytest.param(
            {"preset": "conventional"},
            lambda c: c.scope_required is False,
            id="conventional-scope-optional",
        ),
        pytest.param({"preset": "conventional"}, lambda c: _max(c) == 100, id="conventional-100"),
        pytest.param(
            {"types": ["feat", " fix "]}, lambda c: c.types == ("feat", "fix"), id="types"
        ),
        pytest.param(
            {"scopes": {"allowed": ["api", "web"]}},
            lambda c: c.scopes == ("api", "web") and c.scope_required,
            id="scopes-allowed",
        ),
        pytest.param(
            {"scopes": {"required": False}}, lambda c: not c.scope_required, id="scopes-optional"
        ),
        pytest.param(
            {"preset": "conventional", "scopes": {"required": True}},
            lambda c: c.scope_required,
            id="conventional-scope-required",
        ),
        pytest.param(
            {"security": {"types": ["fix", "perf"], "scopes": ["payments"]}},
            lambda c: c.security_types == ("fix", "perf") and c.security_scopes == ("payments",),
            id="security",
        ),
        pytest.param({}, lambda c: "auth" in c.security_scopes, id="security-defaults"),
        pytest.param(
            {"rules": {"header-max-length": {"max": 50}}},
            lambda c: _max(c) == 50 and c.severities["header-max-length"] is Severity.ERROR,
            id="max-keeps-severity",
        ),
        pytest.param(
            {"preset": "conventional", "rules": {"header-max-length": {"max": 80}}},
            lambda c: _max(c) == 80,
            id="max-over-preset",
        ),
        pytest.param(
            {"rules": {"header-max-length": {"severity": "warning", "max": 90}}},
            lambda c: c.severities["header-max-length"] is Severity.WARNING and _max(c) == 90,
            id="severity-and-max",
        ),
        pytest.param(
            {"rules": {"subject-case": "warning"}},
            lambda c: c.severities["subject-case"] is Severity.WARNING,
            id="warning",
        ),
        pytest.param(
            {"rules": {"body-max-line-length": "error"}},
            lambda c: c.severities["body-max-line-length"] is Severity.ERROR,
            id="error",
        ),
        pytest.param(
            {"rules": {"subject-case": "off"}},
            lambda c: c.severities["subject-case"] is Severity.OFF,
            id="off",
        ),
        pytest.param(
            {"rules": {"subject-case": False}},
            lambda c: c.severities["subject-case"] is Severity.OFF,
            id="yaml-bare-off",
        ),
        pytest.param(
            {"rules": {"subject-case": "Warning"}},
            lambda c: c.severities["subject-case"] is Severity.WARNING,
            id="severity-any-case",
        ),
        pytest.param(
            {},
            lambda c: c.severities["body-max-line-length"] is Severity.WARNING,
            id="default-severity",
        ),
        pytest.param({}, lambda c: set(c.severities) == set(catalogue()), id="every-rule"),
    ],
)
def test_build(settings: Mapping[str, object], check: Callable[[Config], bool]) -> None:
    assert check(build(settings, "test.yaml"))


# --- what an invalid configuration gets: the file, the key path, what was expected ------


@pytest.mark.parametrize(
    ("settings", "key", "expected", "hint"),
    [
        pytest.param(
            {"rules": {"header-max-lenght": {"max": 50}}},
            "rules.header-max-lenght",
            "unknown rule",
            "did you mean 'header-max-length'?",
            id="rule-id-typo",
        ),
        pytest.param(
            {"preset": "teem"},
            "preset",
            "unknown preset 'teem'",
            "did you mean 'team'?",
            id="preset-typo",
        ),
        pytest.param(
            {"preset": ["team"]},
            "preset",
            "expected a preset name, got ['team'] (a list)",
            "team, conventional",
            id="preset-list",
        ),
        pytest.param(
            {"scopes": {"alowed": ["api"]}},
            "scopes.alowed",
            "unknown key",
            "did you mean 'allowed'?",
            id="scopes-key-typo",
        ),
        pytest.param(
            {"security": {"scope": ["api"]}},
            "security.scope",
            "unknown key",
            "did you mean 'scopes'?",
            id="security-key-typo",
        ),
        pytest.param(
            {"typse": ["feat"]},
            "typse",
            "unknown key",
            "did you mean 'types'?",
            id="top-key-typo",
        ),
        pytest.param(
            {"rules": {"header-max-length": {"maximum": 50}}},
            "rules.header-max-length.maximum",
            "unknown option",
            "did you mean 'max'?",
            id="option-typo",
        ),
        pytest.param(
            {"rules": {"subject-case": {"max": 50}}},
            "rules.subject-case.max",
            "unknown option",
            "expected one of: severity",
            id="option-of-another-rule",
        ),
        pytest.param(
            {"types": "feat"},
            "types",
            "expected a list of names, got text",
            None,
            id="types-string",
        ),
        pytest.param({"types": []}, "types", "at least one", None, id="types-empty"),
        pytest.param(
            {"types": ["feat", 3]},
            "types[1]",
            "expected a non-empty name, got 3",
            None,
            id="types-number",
        ),
        pytest.param(
            {"scopes": {"allowed": ["api", ""]}},
            "scopes.allowed[1]",
            "non-empty name",
            None,
            id="scope-blank",
        ),
        pytest.param(
            {"rules": {"header-max-length": {"max": -1}}},
            "rules.header-max-length.max",
            "expected a positive whole number, got -1",
            None,
            id="max-negative",
        ),
        pytest.param(
            {"rules": {"header-max-length": {"max": 0}}},
            "rules.header-max-length.max",
            "positive whole number",
            None,
            id="max-zero",
        ),
        pytest.param(
            {"rules": {"header-max-length": {"max": True}}},
            "rules.header-max-length.max",
            "got True (true/false)",
            None,
            id="max-bool",
        ),
        pytest.param(
            {"rules": {"header-max-length": {"max": "72"}}},
            "rules.header-max-length.max",
            "got '72' (text)",
            None,
            id="max-string",
        ),
        pytest.param(
            {"rules": {"header-max-length": {"max": 72.5}}},
            "rules.header-max-length.max",
            "positive whole number",
            None,
            id="max-float",
        ),
        pytest.param(
            {"scopes": {"required": "yes"}},
            "scopes.required",
            "expected true or false, got 'yes' (text)",
            None,
            id="required-string",
        ),
        pytest.param(
            {"rules": {"subject-case": "warnig"}},
            "rules.subject-case",
            "expected error, warning or off",
            "did you mean 'warning'?",
            id="severity-typo",
        ),
        pytest.param(
            {"rules": {"subject-case": True}},
            "rules.subject-case",
            "expected error, warning or off, got True",
            None,
            id="severity-true",
        ),
        pytest.param(
            {"rules": {"subject-case": None}},
            "rules.subject-case",
            "got None (nothing)",
            None,
            id="severity-empty",
        ),
        pytest.param(
            {"rules": {"subject-case": {"severity": "fatal"}}},
            "rules.subject-case.severity",
            "expected error, warning or off",
            None,
            id="severity-in-mapping",
        ),
        pytest.param(
            {"rules": ["subject-case"]},
            "rules",
            "expected a mapping, got a list",
            None,
            id="rules-list",
        ),
        pytest.param(
            {"scopes": ["api"]},
            "scopes",
            "expected a mapping, got a list",
            None,
            id="scopes-list",
        ),
        pytest.param(
            {"security": "auth"},
            "security",
            "expected a mapping, got text",
            None,
            id="security-string",
        ),
        pytest.param(
            {"migrations": {"framewrks": "auto"}},
            "migrations.framewrks",
            "unknown key",
            "did you mean 'frameworks'?",
            id="migrations-key-typo",
        ),
        pytest.param(
            {"migrations": {"frameworks": "prisma"}},
            "migrations.frameworks",
            "expected auto or a list, got 'prisma'",
            None,
            id="migrations-frameworks-text",
        ),
        pytest.param(
            {"migrations": {"frameworks": ["djngo"]}},
            "migrations.frameworks[0]",
            "unknown framework 'djngo'",
            "did you mean 'django'?",
            id="migrations-framework-typo",
        ),
        pytest.param(
            {"migrations": {"require-down": ["prisma", "flywy"]}},
            "migrations.require-down[1]",
            "unknown framework 'flywy'",
            "did you mean 'flyway'?",
            id="migrations-require-down-typo",
        ),
        pytest.param(
            {"migrations": {"globs": {"prisma": {"shema": ["x"]}}}},
            "migrations.globs.prisma.shema",
            "unknown key",
            "did you mean 'schema'?",
            id="migrations-glob-kind-typo",
        ),
        pytest.param(
            {"migrations": {"globs": {"prsma": {}}}},
            "migrations.globs.prsma",
            "unknown framework",
            "did you mean 'prisma'?",
            id="migrations-glob-framework-typo",
        ),
        pytest.param(
            {"migrations": {"replace": "yes"}},
            "migrations.replace",
            "expected true or false",
            None,
            id="migrations-replace-text",
        ),
        pytest.param(
            {"migrations": ["prisma"]},
            "migrations",
            "expected a mapping, got a list",
            None,
            id="migrations-list",
        ),
        pytest.param(
            {"report": {"bot": ["ci"]}},
            "report.bot",
            "unknown key",
            "did you mean 'bots'?",
            id="report-key-typo",
        ),
        pytest.param(
            {"report": {"aliases": {"Ada": ["a@x"]}}},
            "report.aliases.Ada",
            "expected `Name <email>` as the key",
            None,
            id="report-alias-key",
        ),
        pytest.param(
            {"report": {"default-excludes": "no"}},
            "report.default-excludes",
            "expected true or false",
            None,
            id="report-default-excludes-text",
        ),
        pytest.param(
            {"report": "ci"},
            "report",
            "expected a mapping, got text",
            None,
            id="report-text",
        ),
    ],
)
def test_build_rejects(
    settings: Mapping[str, object], key: str, expected: str, hint: str | None
) -> None:
    with pytest.raises(ConfigError) as caught:
        build(settings, "test.yaml")
    error = caught.value
    assert error.exit_code == 3
    assert (error.path, error.key) == ("test.yaml", key)
    assert error.message.startswith(f"test.yaml: {key}: ")
    assert expected in error.message
    if hint is None:
        assert error.hint is None or "did you mean" not in error.hint
    else:
        assert error.hint is not None
        assert hint in error.hint


# --- globs: every one a user writes is checked at load, by the glob module ------------

GLOB_KEYS = [
    pytest.param({"security": {"paths": ["src/auth/**", "{x}"]}}, "security.paths", id="paths"),
    pytest.param(
        {"security": {"ignore-paths": ["{x}"]}}, "security.ignore-paths", id="ignore-paths"
    ),
    pytest.param({"migrations": {"migration": ["{x}"]}}, "migrations.migration", id="migration"),
    pytest.param({"migrations": {"schema": ["{x}"]}}, "migrations.schema", id="schema"),
    pytest.param({"migrations": {"neutral": ["{x}"]}}, "migrations.neutral", id="neutral"),
    pytest.param(
        {"migrations": {"globs": {"prisma": {"schema": ["{x}"]}}}},
        "migrations.globs.prisma.schema",
        id="framework-globs",
    ),
    pytest.param({"report": {"exclude-paths": ["{x}"]}}, "report.exclude-paths", id="excludes"),
    pytest.param({"report": {"bots": ["{x}"]}}, "report.bots", id="bots"),
]


def _with(settings: Mapping[str, object], pattern: object) -> Mapping[str, object]:
    """`settings` with its placeholder glob `{x}` replaced by `pattern`."""
    return {key: _replaced(value, pattern) for key, value in settings.items()}


def _replaced(value: object, pattern: object) -> object:
    if isinstance(value, dict):
        return {key: _replaced(item, pattern) for key, item in value.items()}
    if isinstance(value, list):
        return [pattern if item == "{x}" else item for item in value]
    return value


@pytest.mark.parametrize(("settings", "key"), GLOB_KEYS)
def test_every_glob_is_checked_by_the_glob_module(settings: Mapping[str, object], key: str) -> None:
    index = len(next(_lists(settings))) - 1
    for pattern in ("", "   "):  # the glob module refuses an empty pattern
        with pytest.raises(ConfigError) as caught:
            build(_with(settings, pattern), "test.yaml")
        assert (caught.value.path, caught.value.key) == ("test.yaml", f"{key}[{index}]")
        assert "is not a valid glob: " + str(globs.problem("")) in caught.value.message
    build(_with(settings, "some/**/*.sql"), "test.yaml")  # and accepts a good one


@pytest.mark.parametrize(("settings", "key"), GLOB_KEYS)
def test_a_glob_list_holds_text(settings: Mapping[str, object], key: str) -> None:
    index = len(next(_lists(settings))) - 1
    with pytest.raises(ConfigError) as caught:
        build(_with(settings, 3), "test.yaml")
    assert caught.value.key == f"{key}[{index}]"
    assert "expected a glob, got 3 (a number)" in caught.value.message


def _lists(value: object) -> Iterator[list[object]]:
    if isinstance(value, list):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _lists(item)


@pytest.mark.parametrize("name", sorted(presets.PRESETS))
def test_every_preset_s_types_pass_the_check_a_file_s_types_get(name: str) -> None:
    # A preset's types are not checked at load, to spare the hook: here they are, as
    # if a file had written them.
    types = presets.PRESETS[name]["types"]
    assert build({"preset": name, "types": types}, "test.yaml").types == tuple(types)  # type: ignore[arg-type]
    assert build({"preset": name}, "test.yaml").types == tuple(types)  # type: ignore[arg-type]


def test_every_built_in_glob_is_valid() -> None:
    # Only the globs a file gives are checked at load, to spare the hook the cost: the
    # built-in ones are checked here.
    built_in = {
        "security.paths": security_defaults.SECURITY_PATHS,
        "security.ignore-paths": security_defaults.SECURITY_IGNORE_PATHS,
        "report excludes": DEFAULT_EXCLUDES,
        "migration layouts": tuple(glob for layout in LAYOUTS for glob in layout.globs),
        "migration fixtures": FIXTURES,
        "migration neutral": NEUTRAL,
    }
    problems = {
        f"{where}: {pattern}": problem
        for where, patterns in built_in.items()
        for pattern in patterns
        if (problem := globs.problem(pattern)) is not None
    }
    assert problems == {}
    assert all(built_in.values())


# --- the sections the features read, parsed at load -------------------------------------


def test_the_default_migrations_settings() -> None:
    assert default().migrations == MigrationSettings(
        frameworks=None,
        extra_globs={},
        neutral=(),
        fixtures=FIXTURES,
        replace=False,
        framework_globs={},
        same_scope=True,
        require_down=DEFAULT_REQUIRE_DOWN,
    )


def test_every_migrations_setting() -> None:
    section = {
        "frameworks": ["prisma", "django"],
        "migration": ["db/sql/*.sql"],
        "schema": [" db/schema.sql "],
        "neutral": ["CHANGELOG.md"],
        "fixtures": [],
        "replace": True,
        "globs": {"prisma": {"schema": ["db/*.prisma"], "generated": []}},
        "same-scope": False,
        "require-down": ["flyway"],
    }
    assert build({"migrations": section}, "c.yaml").migrations == MigrationSettings(
        frameworks=("prisma", "django"),
        extra_globs={"migration": ("db/sql/*.sql",), "schema": ("db/schema.sql",)},
        neutral=("CHANGELOG.md",),
        fixtures=(),
        replace=True,
        framework_globs={"prisma": {"schema": ("db/*.prisma",), "generated": ()}},
        same_scope=False,
        require_down=("flyway",),
    )


def test_the_default_report_settings() -> None:
    assert default().report == ReportSettings(
        aliases={}, bots=(), exclude_paths=DEFAULT_EXCLUDES, default_excludes=True
    )


def test_every_report_setting() -> None:
    section = {
        "aliases": {"Ada Lovelace <ada@x.org>": ["ADA@old.org", "Countess <c@y.org>", "A. L."]},
        "bots": ["CI-Deploy", "*@ci.example.com"],
        "exclude-paths": ["docs/api/**"],
        "default-excludes": False,
    }
    ada = ("Ada Lovelace", "ada@x.org")
    assert build({"report": section}, "c.yaml").report == ReportSettings(
        aliases={"ada@old.org": ada, "c@y.org": ada, "a. l.": ada, "ada@x.org": ada},
        bots=("ci-deploy", "*@ci.example.com"),
        exclude_paths=("docs/api/**",),
        default_excludes=False,
    )


def test_configured_excludes_follow_the_defaults() -> None:
    report = build({"report": {"exclude-paths": ["gen/**"]}}, "c.yaml").report
    assert report.exclude_paths == (*DEFAULT_EXCLUDES, "gen/**")


def test_the_security_defaults_are_the_presets() -> None:
    config = default()
    assert config.security_types == security_defaults.SECURITY_TYPES
    assert config.security_scopes == security_defaults.SECURITY_SCOPES
    assert config.security_paths == security_defaults.SECURITY_PATHS
    assert config.security_ignore_paths == security_defaults.SECURITY_IGNORE_PATHS
    assert config.security_keywords == security_defaults.SECURITY_KEYWORDS


def test_the_migration_classifier_is_built_once_per_configuration(tmp_path: Path) -> None:
    config = default()
    first = project.for_config(config, str(tmp_path))
    # Range rules run the per-commit rules with a copy whose severities differ.
    assert project.for_config(config.with_severities({}), str(tmp_path / "x")) is first
    assert project.for_config(default(), str(tmp_path)) is not first


# --- frozen: settings are shared by every rule and cached by identity -------------------


@pytest.mark.parametrize(
    ("part", "field"),
    [
        pytest.param(lambda c: c, "types", id="config"),
        pytest.param(lambda c: c.migrations, "same_scope", id="migrations"),
        pytest.param(lambda c: c.report, "bots", id="report"),
        pytest.param(lambda c: c, "new_field", id="config-new-field"),
    ],
)
def test_settings_are_frozen(part: Callable[[Config], object], field: str) -> None:
    settings = part(default())
    before = repr(settings)
    with pytest.raises(AttributeError, match="frozen"):
        setattr(settings, field, ())
    assert repr(settings) == before


def test_a_copy_is_the_same_record() -> None:
    config = default()
    assert copy.copy(config) is config
    assert copy.deepcopy(config.migrations) is config.migrations


def test_with_severities_makes_a_new_configuration() -> None:
    config = build({"rules": {"subject-case": "warning"}}, "c.yaml")
    changed = config.with_severities({"migration-order": Severity.OFF})
    assert changed.severities["migration-order"] is Severity.OFF
    assert changed.severities["subject-case"] is Severity.WARNING
    assert config.severities["migration-order"] is Severity.ERROR
    assert (changed.migrations, changed.report, changed.source) == (
        config.migrations,
        config.report,
        "c.yaml",
    )


# --- files that do not validate ---------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(
            "preset: team\nrules:\n  subject-case: [warning\n",
            "not valid YAML at line 4, column 1",
            id="malformed-yaml",
        ),
        pytest.param(
            "types:\n  - feat\n - fix\n", "not valid YAML at line 3, column 2", id="bad-indent"
        ),
        pytest.param("- feat\n- fix\n", "expected a mapping of settings, got a list", id="list"),
        pytest.param("just text\n", "expected a mapping of settings, got text", id="scalar"),
        pytest.param(
            "rules:\n  header-max-lenght:\n    max: 50\n",
            "rules.header-max-lenght: unknown rule",
            id="unknown-rule",
        ),
        pytest.param("preset: teem\n", "preset: unknown preset 'teem'", id="unknown-preset"),
        pytest.param("scopes:\n  required: yes please\n", "scopes.required", id="wrong-type"),
    ],
)
def test_yaml_file_errors_name_the_file(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / ".commitguard.yaml"
    path.write_text(content)
    with pytest.raises(ConfigError) as caught:
        load(str(tmp_path))
    assert caught.value.exit_code == 3
    assert caught.value.message.startswith(str(path))
    assert expected in caught.value.message


def test_yaml_bare_off_turns_a_rule_off(tmp_path: Path) -> None:
    (tmp_path / ".commitguard.yaml").write_text(
        "rules:\n  subject-case: off\n  scope-empty:\n    severity: off\n"
    )
    config = load(str(tmp_path))
    assert config.severities["subject-case"] is Severity.OFF
    assert config.severities["scope-empty"] is Severity.OFF
    assert config.severities["type-enum"] is Severity.ERROR


def test_yaml_file_with_every_setting(tmp_path: Path) -> None:
    (tmp_path / ".commitguard.yaml").write_text(
        "preset: conventional\n"
        "types: [feat, fix]\n"
        "scopes:\n  allowed: [api, web]\n  required: true\n"
        "security:\n  types: [fix]\n  scopes: [auth, payments]\n"
        "rules:\n  header-max-length:\n    max: 60\n    severity: warning\n"
        "  body-max-line-length: error\n"
    )
    config = load(str(tmp_path))
    assert (config.preset, config.types, config.scopes) == (
        "conventional",
        ("feat", "fix"),
        ("api", "web"),
    )
    assert config.scope_required is True
    assert config.security_scopes == ("auth", "payments")
    assert config.rule_options["header-max-length"]["max"] == 60
    assert config.severities["header-max-length"] is Severity.WARNING
    assert config.severities["body-max-line-length"] is Severity.ERROR


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(
            "[tool.commitguard]\nrules = { header-max-lenght = { max = 50 } }\n",
            "pyproject.toml [tool.commitguard]: rules.header-max-lenght: unknown rule",
            id="unknown-rule",
        ),
        pytest.param(
            "[tool.commitguard]\nscopes = { required = 1 }\n",
            "pyproject.toml [tool.commitguard]: scopes.required: expected true or false",
            id="wrong-type",
        ),
        pytest.param(
            "[tool.commitguard\npreset = 1\n", "pyproject.toml: not valid TOML", id="bad-toml"
        ),
        pytest.param(
            "[tool]\ncommitguard = 3\n",
            "pyproject.toml: tool.commitguard: expected a table",
            id="not-a-table",
        ),
    ],
)
def test_pyproject_errors_name_the_file_and_the_key(
    tmp_path: Path, content: str, expected: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(content)
    with pytest.raises(ConfigError) as caught:
        load(str(tmp_path))
    assert caught.value.exit_code == 3
    assert caught.value.message.startswith(str(tmp_path))
    assert expected in caught.value.message


# --- end to end -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(
            "rules:\n  header-max-lenght:\n    max: 50\n",
            ["rules.header-max-lenght", "unknown rule", "did you mean 'header-max-length'?"],
            id="unknown-rule",
        ),
        pytest.param("preset: [oops\n", ["not valid YAML at line"], id="malformed"),
        pytest.param(
            "rules:\n  header-max-length:\n    max: -1\n",
            ["rules.header-max-length.max", "positive whole number"],
            id="bad-value",
        ),
    ],
)
def test_lint_with_a_broken_configuration_exits_3(
    repo: Repo, content: str, expected: list[str]
) -> None:
    repo.write(".commitguard.yaml", content)
    result = run_commitguard("lint", "-", cwd=repo.path, input="feat(api): add x\n")
    assert result.returncode == 3, result.stderr
    assert ".commitguard.yaml" in result.stderr
    for text in expected:
        assert text in result.stderr
    assert "Traceback" not in result.stderr


def test_lint_with_a_missing_config_option_exits_3(repo: Repo) -> None:
    result = run_commitguard(
        "lint", "--config", "nowhere.yaml", "-", cwd=repo.path, input="feat(api): add x\n"
    )
    assert result.returncode == 3, result.stderr
    assert "nowhere.yaml" in result.stderr
    assert "Traceback" not in result.stderr


def test_lint_uses_the_configuration_it_finds(repo: Repo) -> None:
    message = "feat: " + "x" * 80 + "\n"
    assert run_commitguard("lint", "-", cwd=repo.path, input=message).returncode == 1
    repo.write("pyproject.toml", "[tool.commitguard]\npreset = 'conventional'\n")
    result = run_commitguard("lint", "-", cwd=repo.path, input=message)
    assert result.returncode == 0, result.stderr


# --- find the repository, then its configuration ---------------------------------------


def test_for_repository_reads_the_root_from_a_subdirectory(repo: Repo) -> None:
    repo.write(".commitguard.yaml", YAML)
    (repo.path / "src" / "deep").mkdir(parents=True)
    config = for_repository(cwd=str(repo.path / "src" / "deep"))
    assert (config.preset, config.source) == ("conventional", str(repo.path / ".commitguard.yaml"))


def test_for_repository_with_an_explicit_file(repo: Repo, tmp_path: Path) -> None:
    repo.write(".commitguard.yaml", "preset: team\n")
    explicit = tmp_path / "strict.yaml"
    explicit.write_text(YAML)
    assert for_repository(str(explicit), cwd=str(repo.path)).source == str(explicit)


def test_for_repository_outside_a_repository_reads_the_directory(tmp_path: Path) -> None:
    (tmp_path / ".commitguard.yaml").write_text(YAML)
    assert for_repository(cwd=str(tmp_path)).preset == "conventional"
    (tmp_path / "empty").mkdir()
    assert for_repository(cwd=str(tmp_path / "empty")).source is None
