"""The `report:` section of the configuration, validated into frozen settings. Pure.

report:
  aliases:                      # one person, several identities .mailmap misses
    "Ada Lovelace <ada@example.com>": ["ada@old.example.com", "A. Lovelace"]
  bots: ["ci-deploy", "*@ci.example.com"]   # more bots, beyond [bot], dependabot, ...
  exclude-paths: ["docs/api/**"]            # line counts leave these out, too
  default-excludes: true                    # lockfiles, generated, vendored
"""

from __future__ import annotations

import re

from commitguard.config.load import Config, boolean, mapping, reject_unknown, str_list
from commitguard.errors import ConfigError
from commitguard.model import Value

_KEYS = ("aliases", "bots", "exclude-paths", "default-excludes")
_IDENTITY = re.compile(r"\s*(?P<name>[^<>]*?)\s*<(?P<email>[^<>\s]+)>\s*\Z")

# Lines nobody wrote by hand: package-manager lockfiles, build output, vendored code.
# At any depth: a monorepo has a node_modules/ or dist/ per package.
DEFAULT_EXCLUDES = (
    "package-lock.json",
    "npm-shrinkwrap.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "bun.lockb",
    "poetry.lock",
    "Pipfile.lock",
    "uv.lock",
    "pdm.lock",
    "Cargo.lock",
    "go.sum",
    "Gemfile.lock",
    "composer.lock",
    "mix.lock",
    "flake.lock",
    "packages.lock.json",
    "*.min.js",
    "*.min.css",
    "*.map",
    "*_pb2.py",
    "*_pb2_grpc.py",
    "*.pb.go",
    "*.generated.*",
    "*.g.dart",
    "**/vendor/**",
    "**/third_party/**",
    "**/node_modules/**",
    "**/dist/**",
)


class ReportSettings(Value):
    __slots__ = ("aliases", "bots", "exclude_paths", "source")

    def __init__(
        self,
        aliases: dict[str, tuple[str, str]],
        bots: tuple[str, ...],
        exclude_paths: tuple[str, ...],
        source: str | None = None,
    ) -> None:
        self.aliases = aliases  # a lower-cased email or name -> the canonical (name, email)
        self.bots = bots  # extra glob patterns matched against a name or an email
        self.exclude_paths = exclude_paths  # globs left out of line counts
        self.source = source

    def __hash__(self) -> int:
        return id(self)


def parse_identity(text: str) -> tuple[str, str] | None:
    """`Name <email>` as (name, email), or None."""
    match = _IDENTITY.match(text)
    return (match["name"], match["email"]) if match else None


def load(config: Config) -> ReportSettings:
    source = config.source or "<defaults>"
    section = config.sections.get("report", {})
    reject_unknown(section, _KEYS, source, "report.")
    aliases: dict[str, tuple[str, str]] = {}
    raw_aliases = mapping(section.get("aliases", {}), source, "report.aliases")
    for canonical, others in raw_aliases.items():
        key = f"report.aliases.{canonical}"
        person = parse_identity(str(canonical))
        if person is None or not person[0]:
            raise ConfigError(
                source,
                key,
                "expected `Name <email>` as the key",
                'write "Ada Lovelace <ada@x.org>"',
            )
        for other in str_list(others, source, key):
            found = parse_identity(other)
            # An entry is an email, a name, or `Name <email>` (then its email counts).
            aliases[(found[1] if found else other).lower()] = person
        aliases[person[1].lower()] = person
    bots = str_list(section.get("bots", []), source, "report.bots")
    excludes = str_list(section.get("exclude-paths", []), source, "report.exclude-paths")
    defaults = boolean(section.get("default-excludes", True), source, "report.default-excludes")
    return ReportSettings(
        aliases,
        tuple(bot.lower() for bot in bots),
        (DEFAULT_EXCLUDES if defaults else ()) + excludes,
        config.source,
    )
