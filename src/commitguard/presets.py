"""The two standards commitguard ships: the team's own, and the community's."""

from __future__ import annotations

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
SECURITY_TYPES = ("fix",)
SECURITY_SCOPES = (
    "auth",
    "authn",
    "authz",
    "security",
    "session",
    "jwt",
    "token",
    "oauth",
    "oidc",
    "sso",
    "saml",
    "mfa",
    "password",
    "permissions",
    "rbac",
    "acl",
    "csrf",
    "cors",
)

# Values every preset shares; a preset overrides what differs.
_COMMON: dict[str, object] = {
    "scopes": {"allowed": [], "required": True},
    "security": {"types": list(SECURITY_TYPES), "scopes": list(SECURITY_SCOPES)},
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
    "conventional": {
        **_COMMON,
        "types": list(CONVENTIONAL_TYPES),
        "scopes": {"allowed": [], "required": False},
        "rules": {
            "header-max-length": {"max": 100},
            "body-max-line-length": {"max": 100},
        },
    },
}
DEFAULT_PRESET = "team"
