"""Is this fix security work? Type, then scope, paths or subject words. Pure.

Real projects rarely give auth work an `auth` scope; their paths say it (NestJS
`src/auth/guards/`, Express `middleware/auth.js`, Django `accounts/`). So a commit of a
security type is security-relevant when its scope, any of its paths, or a word of its
description says so; every reason is kept, because `commitguard explain security-impact`
shows them. Paths are matched with `commitguard.globs` (whole segments, case ignored).
"""

from __future__ import annotations

import functools
import re

from commitguard import globs
from commitguard.message.parse import Header
from commitguard.message.suggest import scope_parts
from commitguard.model import Change, Value

# typing costs ~10 ms of import time in the commit-msg hook; mypy reads this flag too.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from commitguard.config.load import Config

# Common phrases that contain a keyword but are not about security: a fix to a
# dependency-injection container is not an injection vulnerability. (A string, compiled
# on first use by re's cache: the hook's usual path never needs it.)
_BENIGN_PHRASES = r"dependency[ -]injection"


class Reason(Value):
    """One thing that makes a commit security-relevant."""

    __slots__ = ("kind", "subject", "setting", "pattern")

    def __init__(self, kind: str, subject: str, setting: str, pattern: str) -> None:
        self.kind = kind  # "scope", "path" or "keyword"
        self.subject = subject  # the scope name, the path or the word as written
        self.setting = setting  # the configuration key that lists `pattern`
        self.pattern = pattern  # the configured scope, glob or keyword that matched


class Ignored(Value):
    """A path that matches a security glob but is excluded by an ignore glob."""

    __slots__ = ("path", "pattern", "ignored_by")

    def __init__(self, path: str, pattern: str, ignored_by: str) -> None:
        self.path = path
        self.pattern = pattern
        self.ignored_by = ignored_by


class Detection(Value):
    __slots__ = ("type_matches", "reasons", "ignored")

    def __init__(
        self, type_matches: bool, reasons: tuple[Reason, ...], ignored: tuple[Ignored, ...] = ()
    ) -> None:
        self.type_matches = type_matches  # the type is in security.types
        self.reasons = reasons
        self.ignored = ignored

    @property
    def relevant(self) -> bool:
        return self.type_matches and bool(self.reasons)


def detect(
    header: Header, changes: tuple[Change, ...], config: Config, *, every_reason: bool = False
) -> Detection:
    """Every reason the commit is security work. A type that does not count ends the
    search, unless `every_reason` (`explain` says what would have counted)."""
    if not every_reason and not is_security_type(header, config):
        return Detection(False, ())
    reasons = [*scope_reasons(header, config), *keyword_reasons(header.description, config)]
    found, ignored = path_reasons(changes, config)
    reasons.extend(found)
    return Detection(is_security_type(header, config), tuple(reasons), tuple(ignored))


def is_security_type(header: Header, config: Config) -> bool:
    return header.type.lower() in _lowered(config.security_types)


@functools.lru_cache(maxsize=16)
def _lowered(names: tuple[str, ...]) -> frozenset[str]:
    # Asked once per commit by `check`; the answer depends only on the configuration.
    return frozenset(name.lower() for name in names)


def scope_reasons(header: Header, config: Config) -> list[Reason]:
    if header.scope is None:
        return []
    sensitive = _by_lower_name(config.security_scopes)
    return [
        Reason("scope", name, "security.scopes", sensitive[name.lower()])
        for name, _ in scope_parts(header)
        if name.lower() in sensitive
    ]


@functools.lru_cache(maxsize=16)
def _by_lower_name(names: tuple[str, ...]) -> dict[str, str]:
    return {name.lower(): name for name in names}


def keyword_reasons(description: str, config: Config) -> list[Reason]:
    if not config.security_keywords:
        return []
    # A plain substring test first: the whole-word expression over every keyword costs
    # twenty times more, and almost no description holds any keyword at all.
    lowered = description.lower()
    if not any(word in lowered for word in _lowered_words(config.security_keywords)):
        return []
    pattern = _keyword_pattern(config.security_keywords)
    text = re.sub(_BENIGN_PHRASES, " ", description, flags=re.IGNORECASE)
    reasons: list[Reason] = []
    for match in pattern.finditer(text):
        word = match[0]
        configured = next(k for k in config.security_keywords if k.lower() == word.lower())
        if all(reason.subject.lower() != word.lower() for reason in reasons):
            reasons.append(Reason("keyword", word, "security.keywords", configured))
    return reasons


def path_reasons(changes: tuple[Change, ...], config: Config) -> tuple[list[Reason], list[Ignored]]:
    """Paths that match a security glob and no ignore glob (a rename counts both sides)."""
    if not changes or not config.security_paths:
        return [], []
    wanted = globs.glob_set(config.security_paths)
    # One search over every path first: in a 2,000-path index most match nothing.
    maybe = set(wanted.sift([p for c in changes for p in (c.path, c.old_path) if p]))
    reasons: list[Reason] = []
    ignored: list[Ignored] = []
    for change in changes:
        for path in (change.path, change.old_path):
            pattern = wanted.first(path) if path in maybe else None
            if path is None or pattern is None:
                continue
            excluded = globs.glob_set(config.security_ignore_paths).first(path)
            if excluded is not None:
                ignored.append(Ignored(path, pattern, excluded))
            else:
                reasons.append(Reason("path", path, "security.paths", pattern))
            break
    return reasons, ignored


def needs_paths(header: Header | None, config: Config) -> bool:
    """Whether judging this header needs the staged paths: only a security-type commit
    whose scope and subject do not already decide it. Spares the hook a git call."""
    if header is None or not config.security_paths or not is_security_type(header, config):
        return False
    return not (scope_reasons(header, config) or keyword_reasons(header.description, config))


@functools.lru_cache(maxsize=8)
def _lowered_words(keywords: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(word.lower() for word in keywords)


@functools.lru_cache(maxsize=8)
def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    # Whole words: `RCE` is not in `force`. A keyword ending in `-` (CVE-) is a prefix.
    alternatives = sorted(keywords, key=len, reverse=True)
    parts = [
        r"(?<![\w-])" + re.escape(word) + (r"(?![\w-])" if word[-1].isalnum() else "")
        for word in alternatives
    ]
    return re.compile("|".join(parts), re.IGNORECASE)
