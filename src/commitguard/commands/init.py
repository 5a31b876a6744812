"""The commented `.commitguard.yaml` that `commitguard init` writes.

Every setting is spelled out with its default, commented where the default is fine,
so the file documents the standard it configures.
"""

from __future__ import annotations

import os

from commitguard import output
from commitguard.config import presets
from commitguard.errors import EXIT_OK, CommitguardError
from commitguard.security.defaults import SECURITY_SCOPES

CONFIG_NAME = ".commitguard.yaml"


def main(preset: str = presets.DEFAULT_PRESET, *, force: bool = False) -> int:
    """`commitguard init`: write the file at the repository root (here, outside one);
    an existing file is replaced only with `force`."""
    from commitguard import git

    repository = git.find_repository()
    root = repository.toplevel if repository and repository.toplevel else os.getcwd()
    target = os.path.join(root, CONFIG_NAME)
    if os.path.exists(target) and not force:
        raise CommitguardError(
            f"{target} already exists; it was left untouched",
            "edit it, or run `commitguard init --force` to start over",
        )
    output.write_file(target, config_text(preset))
    output.emit(f"commitguard: wrote {target} (preset {preset})\n")
    return EXIT_OK


def config_text(preset: str = presets.DEFAULT_PRESET, root: str | None = None) -> str:
    """The file for `preset`, with the migration frameworks detected under `root` (by
    default the work tree around the current directory)."""
    base = presets.PRESETS[preset]
    types = ", ".join(str(t) for t in base["types"])  # type: ignore[attr-defined]
    scopes = base["scopes"]
    required = str(scopes["required"]).lower()  # type: ignore[index]
    limits = base["rules"]
    header_max = limits["header-max-length"]["max"]  # type: ignore[index]
    body_max = limits["body-max-line-length"]["max"]  # type: ignore[index]
    security_scopes = ", ".join(SECURITY_SCOPES)
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
{_migrations_text(root)}"""


def _migrations_text(root: str | None) -> str:
    from commitguard.migrations import detect, project

    found = detect.detect(root if root is not None else project.find_root(os.getcwd()))
    if found:
        frameworks = f"[{', '.join(found)}]"
        said = f"Detected in this repository: {', '.join(found)}; `auto` detects on every run."
    else:
        frameworks = "auto"
        said = "None detected yet: `auto` looks for them on every run."
    return f"""
# Database migrations are committed alone, before the code that uses them.
# {said}
migrations:
  frameworks: {frameworks}
  # migration: []       # more migration globs (see the README: Globs)
  # schema: []          # more schema globs
  # neutral: []         # paths allowed next to a migration (docs are already)
  # same-scope: true    # migration-order: only code commits of the migration's scope
"""
