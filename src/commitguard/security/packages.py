"""Which security package a dependency manifest's changed lines move to another version.
Pure: changed lines in, a package name out.

A fix that bumps `jsonwebtoken` or `oauthlib` is security work, as a fix to that code in
the project would be; a fix that bumps a test runner is not. A package counts when its
name is on a removed line and on an added line, each with a version, and the versions
differ: pinning `^1.2.3` to `1.2.3`, or loosening it back, moves nothing. A package only
added is new work, one only removed is gone; neither is a fix to it. A package of type
stubs (`@types/passport`, `types-oauthlib`) holds no code. Lines are read as any
manifest writes a dependency: `"name": "^1.2.3"` (package.json, composer.json),
`name>=1.2` and `name[extra]==1.2` (requirements, setup.py, pyproject), `name = "^1.2"`
(Poetry, Pipfile, Cargo.toml), `gem "name", "~> 1.2"` and `add_dependency "name", ...`
(Gemfile, gemspec), `module/path v1.2.3` (go.mod).
"""

from __future__ import annotations

from commitguard.lazy import VERBOSE, Pattern

# the commit-msg hook imports this module for a fix: no `collections` or `typing` at run time
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

# A dependency's name at the start of a line, after what declares it, and the rest of
# the line, which must hold a version.
_DEPENDENCY = Pattern(
    r"""^\s*(?:require\s+|gem\s+|[\w.]*add_(?:runtime_|development_)?dependency\s*\(?\s*)?
    ["']?(?P<name>@?[A-Za-z0-9][\w.\-/@]*)["']?\s*(?:\[[^\]]*\])?\s*(?P<rest>[=:<>~^!,(].*|v?\d.*)$""",
    VERBOSE,
)
_VERSION = Pattern(r"\d+(?:\.[\dx*]+)+|[<>=~^!]=?\s*v?\d|\bv\d+\b|:\s*[\"']\d+[\"']")
_NUMBER = Pattern(r"\d+(?:\.\d+)*")
_GO_MAJOR = Pattern(r"/v\d+$")
_TYPE_STUBS = ("@types/", "types-")


def bumped_package(
    lines: Sequence[str], packages: Iterable[str], *, every: bool = False
) -> str | None:
    """The first security package (as the manifest names it) whose version the lines
    change, or with `every` the first package of any kind (the manifest of a project
    that is itself security code, whose dependencies run inside it); None if they move
    none. A line removed and added again as it was (a diff that lost its way in a
    rewritten file) moves nothing."""
    wanted = None if every else frozenset(name.lower() for name in packages)
    removed_lines = {line[1:].strip() for line in lines if line.startswith("-")}
    added_lines = {line[1:].strip() for line in lines if line.startswith("+")}
    versions: dict[str, tuple[set[str], set[str]]] = {}  # package -> (removed, added)
    names: dict[str, str] = {}  # package -> its name as the first added line writes it
    for line in lines:
        text = line[1:].strip()
        if not line.startswith(("-", "+")) or (text in removed_lines and text in added_lines):
            continue
        found = _dependency(text)
        if found is None or not _counts(found[0], wanted):
            continue
        key = _same(found[0])
        sides = versions.setdefault(key, (set(), set()))
        sides[line.startswith("+")].update(found[1])
        if line.startswith("+"):
            names.setdefault(key, found[0])
    return next(
        (
            name
            for key, name in names.items()
            if versions[key][0] and versions[key][0] != versions[key][1]
        ),
        None,
    )


def _same(name: str) -> str:
    """The name a new version keeps: a Go module's major version is part of its path."""
    return _GO_MAJOR.sub("", name.lower())


def _dependency(text: str) -> tuple[str, set[str]] | None:
    """The package a manifest's line names and the versions it names (`^1.2.3` and
    `1.2.3` name the same: pinning or loosening a range moves nothing)."""
    match = _DEPENDENCY.match(text)
    if match is None or _VERSION.search(match["rest"]) is None:
        return None
    return match["name"], set(_NUMBER.findall(match["rest"]))


def _counts(name: str, wanted: frozenset[str] | None) -> bool:
    if wanted is None:  # any package with code: type stubs hold none
        lowered = name.lower()
        return not lowered.startswith(_TYPE_STUBS) and lowered not in _NO_PACKAGE
    return _is_security_package(name, wanted)


# Keys a manifest writes as `name: version` that name no dependency: the project's own
# version, the runtimes and tools of `engines`, `requires-python`, Cargo's edition.
_NO_PACKAGE = frozenset(
    {
        "version",
        "node",
        "npm",
        "yarn",
        "pnpm",
        "bun",
        "deno",
        "python",
        "python_requires",
        "requires-python",
        "ruby",
        "go",
        "php",
        "rust-version",
        "edition",
        "packagemanager",
    }
)


def is_security_package(name: str, packages: Iterable[str]) -> bool:
    """Whether a package of this name does authentication, sessions, tokens,
    cryptography or escaping: `packages` names it whole or one word of it."""
    return _is_security_package(name, frozenset(package.lower() for package in packages))


def _is_security_package(name: str, wanted: frozenset[str]) -> bool:
    lowered = name.lower()
    if lowered.startswith(_TYPE_STUBS):
        return False  # `@types/passport`, `types-oauthlib`: type hints, no code to fix
    short = lowered.rsplit("/", 1)[-1]  # `@auth/core` -> core, a Go module's last part
    if lowered in wanted or short in wanted:
        return True
    # its words: what lies between the characters that are neither letters nor digits
    words = "".join(c if c.isalnum() else " " for c in lowered).split()
    return any(word in wanted for word in words)
