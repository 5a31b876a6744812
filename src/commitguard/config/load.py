"""Where the configuration comes from: the file is found, read, and validated whole.

Sources, first found wins: `--config FILE`, `.commitguard.yaml` (or `.yml`) at the
repository root, `[tool.commitguard]` in its pyproject.toml, else the `team` preset.
schema.py validates every section at once, so a typo anywhere fails every command.
PyYAML and tomllib are imported only when such a file exists, since this runs inside
the commit-msg hook.
"""

from __future__ import annotations

import os
import stat
import sys

from commitguard import git
from commitguard.config.schema import DEFAULTS_SOURCE, build, kind_of
from commitguard.config.settings import Config
from commitguard.errors import ConfigError, GitError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

# What other modules may import from here; `build` turns a raw mapping into a Config.
__all__ = ["CONFIG_FILES", "Config", "build", "default", "for_repository", "load"]

CONFIG_FILES = (".commitguard.yaml", ".commitguard.yml")


def default() -> Config:
    return build({}, DEFAULTS_SOURCE)


def for_repository(
    explicit: str | None = None,
    cwd: str | None = None,
    *,
    repository: git.Repository | None = None,
) -> Config:
    """The configuration of the repository around `cwd` (by default the current
    directory): `explicit` if given, else the files at the root of its work tree.
    Outside a work tree (or where git cannot tell), the files in `cwd` itself.

    Pass the `repository` the caller has already found, to save the hook a git call."""
    if repository is None:
        try:
            repository = git.find_repository(cwd)
        except GitError:
            repository = None  # no git at all: a message file can still be linted
    root = repository.toplevel if repository and repository.toplevel else (cwd or os.getcwd())
    return load(root, explicit)


def load(root: str | None, explicit: str | None = None) -> Config:
    """Find and validate the configuration for a repository rooted at `root`, and the
    name its root manifest gives its own package (`security.project: auto` reads it)."""
    config = _settings(root, explicit)
    if root is None or config.security_project != "auto":
        return config
    return config.with_project_package(_project_package(root))


def _settings(root: str | None, explicit: str | None) -> Config:
    if explicit is not None:
        return build(_read_file(explicit), explicit)
    if root is not None:
        for name in CONFIG_FILES:
            candidate = os.path.join(root, name)
            if _is_file(candidate):
                return build(_read_yaml(candidate), candidate)
        pyproject = os.path.join(root, "pyproject.toml")
        if _is_file(pyproject):
            section = _read_pyproject(pyproject)
            if section is not None:
                return build(section, f"{pyproject} [tool.commitguard]")
    return default()


def _project_package(root: str) -> str | None:
    """The root manifest's name for the project's package; None where there is none or
    it cannot be read (a manifest is the project's, not commitguard's: no error)."""
    from commitguard.security.project import MANIFESTS, project_package

    # A few stats, not a listing: a root may hold thousands of files. A gem names its
    # package by its gemspec's file name, looked for beside a Gemfile only.
    files = [name for name in (*MANIFESTS, "Gemfile") if os.path.isfile(os.path.join(root, name))]
    if "Gemfile" in files:
        files += _gemspecs(root)

    def read(name: str) -> str | None:
        try:
            with open(os.path.join(root, name), "rb") as handle:
                return handle.read(1 << 20).decode("utf-8", "replace")
        except OSError:
            return None

    return project_package(files, read)


def _gemspecs(root: str) -> list[str]:
    try:
        return [name for name in os.listdir(root) if name.endswith(".gemspec")]
    except OSError:
        return []


def _is_file(path: str) -> bool:
    """Whether a configuration file is there. Something else under its name (a
    directory, a symbolic link to nothing, a pipe) is an error, not an absence: passing
    silently with the defaults would switch off the team's configuration unnoticed."""
    try:
        kind = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            raise ConfigError(
                path, None, f"is a symbolic link to {os.readlink(path)!r}, which does not exist"
            ) from None
        return False
    except OSError as error:
        raise ConfigError(path, None, f"cannot be read: {error.strerror}") from None
    if stat.S_ISREG(kind):
        return True
    what = "a directory" if stat.S_ISDIR(kind) else "not a regular file"
    raise ConfigError(path, None, f"is {what}, not a configuration file")


def _read_file(path: str) -> Mapping[str, object]:
    if not _is_file(path):
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
    return yaml_settings(_read_text(path), path)


def yaml_settings(text: str, source: str) -> Mapping[str, object]:
    """The settings a `.commitguard.yaml` holds, read safely (safe_yaml.py)."""
    from commitguard.config import safe_yaml

    data = safe_yaml.load(text, source)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(source, None, f"expected a mapping of settings, got {kind_of(data)}")
    return data


def _read_pyproject(path: str) -> Mapping[str, object] | None:
    return pyproject_section(_read_text(path), path)


def pyproject_section(raw: str, source: str) -> Mapping[str, object] | None:
    """The `[tool.commitguard]` table of a pyproject.toml's text, None without one."""
    if "commitguard" not in raw:  # most pyproject files: skip the TOML parse
        return None
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        raise _toml_error(source, raw, str(error)) from None
    except RecursionError:  # tomllib recurses once per level of `[[[...` or `{a={...`
        raise ConfigError(
            source, None, "not readable TOML: its arrays or tables nest too deeply"
        ) from None
    tool = data.get("tool", {})
    section = tool.get("commitguard") if isinstance(tool, dict) else None
    if section is None:
        return None
    if not isinstance(section, dict):
        raise ConfigError(source, "tool.commitguard", "expected a table")
    return section


def _toml_error(path: str, raw: str, said: str) -> ConfigError:
    """tomllib refuses a key given twice, but names only a line: name the key too,
    read from that line, since "Cannot overwrite a value" alone leaves one to hunt."""
    import re

    found = re.search(r"\(at line (\d+), column \d+\)$", said)
    twice = said.startswith(("Cannot overwrite", "Cannot declare", "Cannot redefine"))
    if found is None or not twice:
        return ConfigError(path, None, f"not valid TOML: {said}")
    number = int(found[1])
    lines = raw.splitlines()
    text = lines[number - 1].strip() if 0 < number <= len(lines) else ""
    key = text.strip("[]").strip() if text.startswith("[") else text.partition("=")[0].strip()
    return ConfigError(
        path,
        key or None,
        f"line {number}: given twice ({said.split(' (at line')[0]})",
        "keep one of them",
    )
