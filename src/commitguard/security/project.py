"""Whether the repository is itself security code: its own package is one of
`security.packages` (jsonwebtoken, authlib, passport-saml, devise, ...). Pure: the root
manifests' texts in, the package's name out.

In an auth library every file is authentication code, and its fixes are named by their
mechanism ("Made algorithms mandatory", "Improve secret handling in SignStream") in
files no auth folder or role names: there, every code path is a candidate, weighed by
its changed lines like an auth folder's. An application's own name is no security
package, so it is judged as before.

The name comes from package.json, composer.json, pyproject.toml (`[project]` or
`[tool.poetry]`), setup.cfg, setup.py, go.mod, Cargo.toml, or a gemspec beside a
Gemfile. The names are read with string methods, not a JSON or TOML parser and no regular
expression: configuration is loaded by every run of the commit-msg hook.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

# What `security.project: true` names as the project whose every path is security code.
WHOLE_REPOSITORY = "the repository"


def shown(project: str) -> str:
    """How a reason names the project whose every path is security code."""
    return project if project == WHOLE_REPOSITORY else f"`{project}`"


# The root files that name a project's own package, in the order they are asked.
MANIFESTS = (
    "package.json",
    "pyproject.toml",
    "setup.cfg",
    "setup.py",
    "go.mod",
    "composer.json",
    "Cargo.toml",
)


def project_package(files: Iterable[str], read: Callable[[str], str | None]) -> str | None:
    """The name the root manifest gives the project's package: `files` are the names at
    the repository's root, `read` reads one of them (None when it cannot)."""
    present = set(files)
    for manifest in MANIFESTS:
        if manifest not in present:
            continue
        text = read(manifest)
        name = _NAMED_BY[manifest](text) if text else None
        if name:
            return name
    gemspecs = sorted(name for name in present if name.endswith(".gemspec"))
    return gemspecs[0][: -len(".gemspec")] if gemspecs else None


def _package_json(text: str) -> str | None:
    """The top-level `"name"`: the first key so named, which npm writes first."""
    key = text.find('"name"')
    if key < 0:
        return None
    colon = text.find(":", key + 6)
    if colon < 0 or text[key + 6 : colon].strip():
        return None
    return _quoted(text[colon + 1 :])


def _pyproject(text: str) -> str | None:
    """`name` of `[project]` (PEP 621), else of `[tool.poetry]`."""
    return _ini_name(text, "[project]", quoted=True) or _ini_name(
        text, "[tool.poetry]", quoted=True
    )


def _cargo_toml(text: str) -> str | None:
    return _ini_name(text, "[package]", quoted=True)


def _setup_cfg(text: str) -> str | None:
    return _ini_name(text, "[metadata]", quoted=False)


def _setup_py(text: str) -> str | None:
    """The string given to `name=` (`setup(name="authlib", ...)`)."""
    start = 0
    while (found := text.find("name", start)) >= 0:
        start = found + 4
        if found and (text[found - 1].isalnum() or text[found - 1] in "_."):
            continue  # `package_name`, `self.name`
        equals = start
        while equals < len(text) and text[equals] in " \t":
            equals += 1
        if text.startswith("=", equals) and not text.startswith("==", equals):
            name = _quoted(text[equals + 1 : equals + 1 + _LONGEST])
            if name:
                return name
    return None


def _go_mod(text: str) -> str | None:
    for line in text.splitlines():
        if line.startswith("module "):
            return line[len("module ") :].strip().strip('"') or None
    return None


def _ini_name(text: str, section: str, *, quoted: bool) -> str | None:
    """`name = ...` in `section` of an INI or TOML text, up to the next section."""
    inside = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("["):
            inside = line == section
            continue
        if not inside or not line.startswith("name"):
            continue
        key, equals, value = line.partition("=")
        if equals and key.strip() == "name":
            return _quoted(value) if quoted else (value.strip() or None)
    return None


# What a package's name, quoted, may span: a manifest's hostile text is read no further.
_LONGEST = 512


def _quoted(text: str) -> str | None:
    """The string literal `text` starts with (after blanks), single or double quoted."""
    text = text.lstrip()
    if not text or text[0] not in "\"'":
        return None
    end = text.find(text[0], 1)
    return text[1:end] or None if end > 0 else None


_NAMED_BY: dict[str, Callable[[str], str | None]] = {
    "package.json": _package_json,
    "pyproject.toml": _pyproject,
    "setup.cfg": _setup_cfg,
    "setup.py": _setup_py,
    "go.mod": _go_mod,
    "composer.json": _package_json,  # `"name": "league/oauth2-server"`, as npm writes it
    "Cargo.toml": _cargo_toml,
}
