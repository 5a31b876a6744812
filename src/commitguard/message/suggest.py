"""Fixes to propose: "did you mean ...?" for near-miss names (types, scopes, rule ids,
config keys), and a header rewritten with its mechanical mistakes put right."""

from __future__ import annotations

import re
from collections.abc import Sequence

# typing costs ~10 ms of import time in the commit-msg hook; mypy reads this flag too.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from commitguard.message.parse import Header, Message

# The scope names the standard accepts (rule scope-case); engine.lint.header_conforms
# relies on the same, and kebab_case() makes them.
SCOPE_NAME = re.compile(r"[a-z0-9][a-z0-9._/-]*\Z")

# Words people type for a type that has another name in the standard.
SYNONYMS = {
    "feature": "feat",
    "features": "feat",
    "add": "feat",
    "new": "feat",
    "bug": "fix",
    "bugfix": "fix",
    "hotfix": "fix",
    "fixes": "fix",
    "fixed": "fix",
    "refactoring": "refactor",
    "cleanup": "refactor",
    "style": "refactor",
    "tests": "test",
    "testing": "test",
    "doc": "docs",
    "documentation": "docs",
    "performance": "perf",
    "optimize": "perf",
    "chores": "chore",
    "build": "chore",
    "ci": "chore",
    "deps": "chore",
    "release": "chore",
}


def closest(word: str, choices: Sequence[str]) -> str | None:
    """The choice `word` most likely meant, or None when nothing is close."""
    if not word or not choices:
        return None
    lowered = word.lower()
    for choice in choices:
        if choice.lower() == lowered:
            return choice
    synonym = SYNONYMS.get(lowered)
    if synonym in choices:
        return synonym
    prefixed = [
        c for c in choices if lowered.startswith(c.lower()) or c.lower().startswith(lowered)
    ]
    if len(prefixed) == 1:
        return prefixed[0]
    # difflib costs import time; only a message that already failed pays it.
    import difflib

    close = difflib.get_close_matches(lowered, [c.lower() for c in choices], n=1, cutoff=0.6)
    if close:
        return next(c for c in choices if c.lower() == close[0])
    return None


def with_parts(
    header: Header,
    *,
    type_: str | None = None,
    scope: str | None = None,
    description: str | None = None,
) -> str:
    """The header rewritten with some parts replaced: the fix a hint proposes."""
    new_scope = header.scope if scope is None else scope
    return "{}{}{}: {}".format(
        header.type if type_ is None else type_,
        f"({new_scope})" if new_scope else "",
        "!" if header.breaking else "",
        header.description if description is None else description,
    )


def scope_parts(header: Header) -> list[tuple[str, int]]:
    """The names in a scope (`api,auth` lists two) with their columns."""
    if header.scope is None:
        return []
    parts: list[tuple[str, int]] = []
    column = header.scope_start
    for raw in header.scope.split(","):
        stripped = raw.strip()
        parts.append((stripped, column + len(raw) - len(raw.lstrip())))
        column += len(raw) + 1
    return parts


def decapitalised(text: str) -> str:
    """`Add orders` -> `add orders`; acronyms and identifiers (`JWT`, `UserService`) stay."""
    first_word = text.split(" ", 1)[0]
    if not first_word[:1].isupper() or any(char.isupper() for char in first_word[1:]):
        return text
    return text[0].lower() + text[1:]


def kebab_case(name: str) -> str:
    """`OrderHistory` -> `order-history`: a name SCOPE_NAME accepts, or "" if none is left."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", name)
    return re.sub(r"[^a-z0-9._/-]+", "-", spaced.lower()).strip("-")


# The rules whose every finding suggested_header() can put right by itself.
_FIXABLE = frozenset({"type-enum", "type-case", "scope-case", "subject-case", "subject-full-stop"})
# A scope that is missing or not allowed needs a name only the author knows.
_NEEDS_A_HUMAN = frozenset({"scope-empty", "scope-enum"})


def suggested_header(message: Message, types: Sequence[str], broken: set[str]) -> str | None:
    """The header with every mechanical fix applied at once, when the rules in `broken`
    include one of them; `types` are the configured types.

    Shown under the list of violations so the developer can copy one line instead of
    applying five hints by hand. None when a fix needs a human (an unknown type with no
    close match, a missing scope).
    """
    header = message.header
    if header is None or not broken & _FIXABLE or broken & _NEEDS_A_HUMAN:
        return None
    type_ = header.type.lower()
    if type_ not in types:
        guess = closest(type_, types)
        if guess is None:
            return None
        type_ = guess
    scope = None
    if header.scope is not None:
        scope = ",".join(kebab_case(part) or part for part, _ in scope_parts(header))
    description = decapitalised(header.description)
    if description.endswith(".") and not description.endswith("..."):
        description = description.rstrip(".")
    suggestion = with_parts(header, type_=type_, scope=scope, description=description)
    return suggestion if suggestion != message.header_text else None
