"""What a change's lines touch. Pure: changed lines in, words out.

A folder name says where a file is; the changed lines say what the change does. Only
the lines that change behaviour are read: blank lines, comments, imports, and a line
removed and added again with other spacing, quotes or trailing commas (a formatter's
work, a moved line) are left out. What remains is searched for the words of security
code (`security/defaults.py`: the defences anywhere, the data they guard on a line
that tests or rejects).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from commitguard.security.defaults import SECURITY_CHECK_LINE

_COMMENT = re.compile(r"^\s*(#|//|/\*|\*|<!--|\"\"\"|'''|--\s)")
_IMPORT = re.compile(
    r"^\s*(import\s|from\s+\S+\s+import\s|export\s+\*\s+from\s|export\s+\{[^}]*\}\s+from\s|"
    r"(const|let|var)\s+\w+\s*=\s*require\(|using\s|package\s|@import\s|require\s)"
)
_NOISE = re.compile(r"[\s'\"`,;()]+")
# A trailing comment: a linter's marker (`# nosec`, `// eslint-disable-line`) added to
# a line changes nothing it does.
_TRAILING_COMMENT = re.compile(r"\s+(#|//)\s.*$|\s+#\s*(nosec|noqa|type:).*$")


def substantive(lines: Sequence[str], moved: frozenset[str] = frozenset()) -> list[str]:
    """The changed lines ("+..." or "-...") that change behaviour, without their sign.
    `moved`: lines the commit removes and adds elsewhere (moved between files)."""
    kept: list[tuple[str, str, str]] = []
    for line in lines:
        sign, text = line[:1], line[1:]
        if sign not in ("+", "-") or not text.strip():
            continue
        if _COMMENT.match(text) or _IMPORT.match(text):
            continue
        kept.append((sign, _key(text), text))
    # A line removed and added again (reformatted, requoted, moved) counts on neither side.
    both = {key for sign, key, _ in kept if sign == "+"} & {
        key for sign, key, _ in kept if sign == "-"
    }
    return [text for _, key, text in kept if key not in both and key not in moved]


def moved_lines(hunks: Iterable[Sequence[str]]) -> frozenset[str]:
    """The lines a commit removes from one file and adds to another (normalised)."""
    added: set[str] = set()
    removed: set[str] = set()
    for lines in hunks:
        for line in lines:
            if line[1:].strip():
                (added if line[:1] == "+" else removed).add(_key(line[1:]))
    return frozenset(added & removed)


def _key(text: str) -> str:
    return _NOISE.sub("", _TRAILING_COMMENT.sub("", text))


def touched(
    lines: Sequence[str], checks: tuple[str, ...], nouns: tuple[str, ...] = ()
) -> str | None:
    """The first security word the lines hold, as written: one of `checks` on any line,
    one of `nouns` on a line that tests or rejects, or next to one; None if none."""
    strong = _pattern(checks)
    for line in lines:
        match = strong.search(line)
        if match is not None:
            return match[0]
    if not nouns:
        return None
    weak, check = _pattern(nouns), _check_line()
    tests = [bool(check.search(line)) for line in lines]
    for index, line in enumerate(lines):
        if any(tests[max(0, index - 1) : index + 2]):
            match = weak.search(line)
            if match is not None:
                return match[0]
    return None


@functools.lru_cache(maxsize=8)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{word})" for word in words), re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _check_line() -> re.Pattern[str]:
    return re.compile(SECURITY_CHECK_LINE, re.IGNORECASE)
