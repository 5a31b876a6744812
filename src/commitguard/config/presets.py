"""The two standards commitguard ships: the team's own, and the community's."""

from __future__ import annotations

from commitguard.security.defaults import (
    SECURITY_IGNORE_PATHS,
    SECURITY_KEYWORDS,
    SECURITY_PACKAGES,
    SECURITY_PATHS,
    SECURITY_ROLES,
    SECURITY_SCOPES,
    SECURITY_TYPES,
)

TEAM_TYPES = ("feat", "fix", "refactor", "test", "docs", "perf", "chore")
# @commitlint/config-conventional's type-enum.
CONVENTIONAL_TYPES = (
    "build",
    "chore",
    "ci",
    "docs",
    "feat",
    "fix",
    "perf",
    "refactor",
    "revert",
    "style",
    "test",
)

# Values every preset shares; a preset overrides what differs.
_COMMON: dict[str, object] = {
    "scopes": {"allowed": [], "required": True},
    "security": {
        "types": list(SECURITY_TYPES),
        "scopes": list(SECURITY_SCOPES),
        "paths": list(SECURITY_PATHS),
        "roles": list(SECURITY_ROLES),
        "read-diff": True,
        "ignore-paths": list(SECURITY_IGNORE_PATHS),
        "keywords": list(SECURITY_KEYWORDS),
        "packages": list(SECURITY_PACKAGES),
    },
    "rules": {},
}

PRESETS: dict[str, dict[str, object]] = {
    "team": {
        **_COMMON,
        "types": list(TEAM_TYPES),
        "rules": {
            "header-max-length": {"max": 72},
            "body-max-line-length": {"max": 72},
        },
    },
    # @commitlint/config-conventional's verdicts; README "commitlint compatibility" lists
    # what still differs, and why.
    "conventional": {
        **_COMMON,
        "types": list(CONVENTIONAL_TYPES),
        "scopes": {"allowed": [], "required": False},
        "rules": {
            "header-max-length": {"max": 100},
            # An error there, over the body and the footers alike.
            "body-max-line-length": {"max": 100, "severity": "error"},
            # A warning there: the header still reads alone in `git log --oneline`.
            "body-leading-blank": {"severity": "warning"},
            # No scope-case rule there: `fix(useTemplateRef)`, `docs(README.md)` pass.
            "scope-case": {"severity": "off"},
            # The specification: `!` alone marks the break, the description says what
            # it is. The team standard documents breaks in the body and keeps the rule.
            "breaking-change-description": {"severity": "off"},
        },
    },
}
DEFAULT_PRESET = "team"
