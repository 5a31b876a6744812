"""Configuration: declared once, validated at load into a frozen `Config`.

Sources, first found wins: `--config FILE`, `.commitguard.yaml` (or `.yml`) at the
repository root, `[tool.commitguard]` in its pyproject.toml, else the `team` preset.
Every error names the file, the key path and what was expected; unknown keys are
never ignored. PyYAML and tomllib are imported only when such a file exists, since
this runs inside the commit-msg hook.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from commitguard.config import presets
from commitguard.errors import ConfigError
from commitguard.message.suggest import closest
from commitguard.model import Severity, Value
from commitguard.rules import catalogue

CONFIG_FILES = (".commitguard.yaml", ".commitguard.yml")
_SEVERITIES = {"error": Severity.ERROR, "warning": Severity.WARNING, "off": Severity.OFF}


class Config(Value):
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
        "severities",
        "rule_options",
        "sections",
    )

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
        security_paths: tuple[str, ...] = (),
        security_ignore_paths: tuple[str, ...] = (),
        security_keywords: tuple[str, ...] = (),
        severities: Mapping[str, Severity],
        rule_options: Mapping[str, Mapping[str, object]],
        sections: Mapping[str, Mapping[str, object]] | None = None,
    ) -> None:
        self.source = source  # the file it came from; None for the defaults
        self.preset = preset
        self.types = types
        self.scopes = scopes  # allowed scopes; empty allows any
        self.scope_required = scope_required
        self.security_types = security_types
        self.security_scopes = security_scopes
        self.security_paths = security_paths  # globs of security-sensitive code
        self.security_ignore_paths = security_ignore_paths  # globs that are not (tests, ...)
        self.security_keywords = security_keywords  # subject words that mean security
        self.severities = severities  # every rule id, "off" included
        self.rule_options = rule_options
        # Raw mappings of FEATURE_SECTIONS, validated by the feature that owns each.
        self.sections = sections or {}

    def __hash__(self) -> int:  # the mappings are not hashable; identity will do
        return id(self)


def default() -> Config:
    return build({}, "<defaults>")


def load(root: str | None, explicit: str | None = None) -> Config:
    """Find and validate the configuration for a repository rooted at `root`."""
    if explicit is not None:
        return build(_read_file(explicit), explicit)
    if root is not None:
        for name in CONFIG_FILES:
            candidate = os.path.join(root, name)
            if os.path.isfile(candidate):
                return build(_read_yaml(candidate), candidate)
        pyproject = os.path.join(root, "pyproject.toml")
        if os.path.isfile(pyproject):
            section = _read_pyproject(pyproject)
            if section is not None:
                return build(section, f"{pyproject} [tool.commitguard]")
    return default()


def _read_file(path: str) -> Mapping[str, object]:
    if not os.path.isfile(path):
        raise ConfigError(path, None, "no such file")
    if os.path.basename(path) == "pyproject.toml":
        section = _read_pyproject(path)
        if section is None:
            raise ConfigError(path, "tool.commitguard", "section missing")
        return section
    return _read_yaml(path)


def _read_text(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(path, None, f"cannot be read: {error}") from None


def _read_yaml(path: str) -> Mapping[str, object]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(_read_text(path), Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise ConfigError(path, None, f"not valid YAML{where}: {problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(path, None, f"expected a mapping of settings, got {_kind(data)}")
    return data


def _read_pyproject(path: str) -> Mapping[str, object] | None:
    raw = _read_text(path)
    if "commitguard" not in raw:  # most pyproject files: skip the TOML parse
        return None
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(path, None, f"not valid TOML: {error}") from None
    tool = data.get("tool", {})
    section = tool.get("commitguard") if isinstance(tool, dict) else None
    if section is None:
        return None
    if not isinstance(section, dict):
        raise ConfigError(path, "tool.commitguard", "expected a table")
    return section


# --- validation ---------------------------------------------------------------------

# Sections that a feature validates itself, from the raw mapping kept in
# Config.sections (migrations.py, report.py): one schema each, next to its code.
FEATURE_SECTIONS = ("migrations", "report")
_TOP_KEYS = ("preset", "types", "scopes", "security", "rules", *FEATURE_SECTIONS)
_SCOPE_KEYS = ("allowed", "required")
_SECURITY_KEYS = ("types", "scopes", "paths", "ignore-paths", "keywords")


def build(data: Mapping[str, object], source: str) -> Config:
    """Validate raw settings over their preset's defaults."""
    reject_unknown(data, _TOP_KEYS, source, "")
    preset_name = data.get("preset", presets.DEFAULT_PRESET)
    if not isinstance(preset_name, str) or preset_name not in presets.PRESETS:
        raise ConfigError(
            source,
            "preset",
            f"unknown preset {preset_name!r}"
            if isinstance(preset_name, str)
            else f"expected a preset name, got {_show(preset_name)}",
            f"expected one of: {', '.join(presets.PRESETS)}"
            + _did_you_mean(str(preset_name), presets.PRESETS),
        )
    base = presets.PRESETS[preset_name]
    types = str_list(data.get("types", base["types"]), source, "types", non_empty=True)

    scopes = mapping(data.get("scopes", {}), source, "scopes")
    reject_unknown(scopes, _SCOPE_KEYS, source, "scopes.")
    base_scopes = mapping(base["scopes"], source, "scopes")
    allowed = str_list(scopes.get("allowed", base_scopes["allowed"]), source, "scopes.allowed")
    required = boolean(scopes.get("required", base_scopes["required"]), source, "scopes.required")

    security = mapping(data.get("security", {}), source, "security")
    reject_unknown(security, _SECURITY_KEYS, source, "security.")
    base_security = mapping(base["security"], source, "security")
    security_types = str_list(
        security.get("types", base_security["types"]), source, "security.types"
    )
    security_scopes = str_list(
        security.get("scopes", base_security["scopes"]), source, "security.scopes"
    )
    security_lists = {
        key: str_list(security.get(key, base_security.get(key, [])), source, f"security.{key}")
        for key in ("paths", "ignore-paths", "keywords")
    }
    sections = {name: mapping(data.get(name, {}), source, name) for name in FEATURE_SECTIONS}

    severities, options = _rules(
        mapping(data.get("rules", {}), source, "rules"),
        mapping(base["rules"], source, "rules"),
        source,
    )
    return Config(
        source=None if source == "<defaults>" else source,
        preset=preset_name,
        types=types,
        scopes=allowed,
        scope_required=required,
        security_types=security_types,
        security_scopes=security_scopes,
        security_paths=security_lists["paths"],
        security_ignore_paths=security_lists["ignore-paths"],
        security_keywords=security_lists["keywords"],
        severities=severities,
        rule_options=options,
        sections=sections,
    )


def _rules(
    settings: Mapping[str, object], preset_rules: Mapping[str, object], source: str
) -> tuple[dict[str, Severity], dict[str, dict[str, object]]]:
    rules = catalogue()
    reject_unknown(settings, tuple(rules), source, "rules.", noun="rule")
    severities: dict[str, Severity] = {}
    options: dict[str, dict[str, object]] = {}
    for rule_id, rule in rules.items():
        severity = rule.severity
        rule_options: dict[str, object] = dict(
            mapping(preset_rules.get(rule_id, {}), source, f"rules.{rule_id}")
        )
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


def mapping(value: object, source: str, key: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise ConfigError(source, key, f"expected a mapping, got {_kind(value)}")
    return value


def str_list(value: object, source: str, key: str, *, non_empty: bool = False) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ConfigError(source, key, f"expected a list of names, got {_kind(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise ConfigError(
                source, f"{key}[{index}]", f"expected a non-empty name, got {_show(item)}"
            )
    if non_empty and not value:
        raise ConfigError(source, key, "expected at least one name")
    return tuple(item.strip() for item in value)


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


def _kind(value: object) -> str:
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
    return f"{value!r} ({_kind(value)})"
