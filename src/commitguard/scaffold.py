"""The commented `.commitguard.yaml` that `commitguard init` writes.

Every setting is spelled out with its default, commented where the default is fine,
so the file documents the standard it configures.
"""

from __future__ import annotations

from commitguard import presets

CONFIG_NAME = ".commitguard.yaml"


def config_text(preset: str = presets.DEFAULT_PRESET) -> str:
    base = presets.PRESETS[preset]
    types = ", ".join(str(t) for t in base["types"])  # type: ignore[attr-defined]
    scopes = base["scopes"]
    required = str(scopes["required"]).lower()  # type: ignore[index]
    limits = base["rules"]
    header_max = limits["header-max-length"]["max"]  # type: ignore[index]
    body_max = limits["body-max-line-length"]["max"]  # type: ignore[index]
    security_scopes = ", ".join(presets.SECURITY_SCOPES)
    return f"""\
# commitguard configuration, validated on every run: a typo is an error, never ignored.
# `commitguard rules` lists every rule; `commitguard explain RULE` explains one.

# team: feat, fix, refactor, test, docs, perf, chore; scope required; 72-character header.
# conventional: the 11 Conventional Commits types; scope optional; 100-character header.
preset: {preset}

# The allowed types (replaces the preset's list).
types: [{types}]

scopes:
  # Allowed scopes: your modules and features. Empty allows any lower-case name.
  allowed: []
  # Must every header name a scope, as in `feat(orders): ...`?
  required: {required}

security:
  # A commit of one of these types with one of these scopes is a security fix and
  # needs `Impact: Critical|High|Medium|Low` and `Affects: <what>` in its body.
  types: [fix]
  scopes: [{security_scopes}]

# Each rule can be set to error, warning or off; some take options.
rules:
  header-max-length:
    max: {header_max}
  body-max-line-length:
    severity: warning
    max: {body_max}
  # subject-case: off
"""
