"""The configuration as it is at a revision, read through git: `check --config-from`.

In a pull request the checkout is the pull request's own, so its `.commitguard.yaml`
could switch off the very rules that judge it. Read at the base branch instead, the
configuration is the one the team has already accepted. The same files in the same
order, with the same validation as load.py; only where the bytes come from differs.
"""

from __future__ import annotations

from commitguard import git
from commitguard.config.load import (
    CONFIG_FILES,
    Config,
    build,
    default,
    pyproject_section,
    yaml_settings,
)
from commitguard.errors import ConfigError, GitError, UsageError

PYPROJECT = "pyproject.toml"


def for_revision(
    revision: str, cwd: str | None = None, explicit: str | None = None
) -> tuple[Config, str]:
    """The configuration at `revision` and a line saying where it came from. `explicit`
    (`--config`) names the one file to read there, relative to the repository root."""
    if not revision or revision.startswith("-") or "\n" in revision:
        raise UsageError(
            f"--config-from {revision!r} is not a revision",
            "name a branch, tag or commit, such as origin/main; a revision never starts with -",
        )
    names = (explicit,) if explicit else (*CONFIG_FILES, PYPROJECT)
    commit = f"{revision}^{{commit}}"
    found = git.read_objects([commit, *(f"{revision}:{name}" for name in names)], cwd)
    if commit not in found:
        raise GitError(
            f"--config-from {revision}: no such commit in this clone",
            "fetch it first (in CI: fetch-depth: 0 or GIT_DEPTH: 0), or check the spelling",
        )
    for name in names:
        entry = found.get(f"{revision}:{name}")
        settings = _settings(revision, name, entry, required=explicit is not None)
        if settings is not None:
            return settings, f"configuration from {settings.source}"
    return default(), f"no configuration at {revision}: the defaults (the team preset)"


def _settings(
    revision: str, name: str, entry: tuple[str, bytes] | None, *, required: bool
) -> Config | None:
    """The configuration in the file `name` at `revision`, None where there is none
    (and none is `required`)."""
    source = f"{revision}:{name}"
    if entry is None:
        if required:
            raise ConfigError(source, None, f"no such file at {revision}")
        return None
    kind, content = entry
    if kind == "tree":
        raise ConfigError(source, None, "is a directory, not a configuration file")
    if kind == "symlink":  # git names the target only when it lies outside the tree
        target = content.decode("utf-8", "replace")
        raise ConfigError(source, None, f"is a symbolic link out of the repository, to {target!r}")
    if kind != "blob":  # dangling, a loop, or through a file as if it were a directory
        raise ConfigError(source, None, f"is a symbolic link that leads nowhere at {revision}")
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError(source, None, f"cannot be read: {error}") from None
    if name.rsplit("/", 1)[-1] != PYPROJECT:
        return build(yaml_settings(text, source), source)
    section = pyproject_section(text, source)
    if section is None:
        if required:
            raise ConfigError(source, "tool.commitguard", "section missing")
        return None
    return build(section, f"{source} [tool.commitguard]")
