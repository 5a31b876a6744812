"""Fixes to propose: "did you mean ...?" for near-miss names (types, scopes, rule ids,
config keys), and a header rewritten with its mechanical mistakes put right."""

from __future__ import annotations

from commitguard.lazy import Pattern
from commitguard.message.parse import without_squash_suffix
from commitguard.model import Severity

# typing costs ~10 ms of import time in the commit-msg hook; mypy reads this flag too.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from commitguard.config.settings import Config
    from commitguard.message.parse import Header, Message

# The scope names the standard accepts (rule scope-case): `[a-z0-9][a-z0-9._/-]*`.
# engine.lint.header_conforms relies on the same, and kebab_case() makes them.
_SCOPE_FIRST = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_SCOPE_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789._/-"
_CAMEL_HUMP = Pattern(r"(?<=[a-z0-9])(?=[A-Z])")
_NOT_IN_SCOPE = Pattern(r"[^a-z0-9._/-]+")


def is_scope_name(name: str) -> bool:
    """Whether `name` is a scope name as the standard spells them (kebab-case). No
    regular expression: every scoped message of the commit-msg hook asks."""
    # strip() leaves nothing exactly when every character is one of the allowed.
    return name[:1] in _SCOPE_FIRST and not name.strip(_SCOPE_CHARACTERS)


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
    """`OrderHistory` -> `order-history`: a name is_scope_name accepts, or "" if none is left."""
    spaced = _CAMEL_HUMP.sub("-", name)
    return _NOT_IN_SCOPE.sub("-", spaced.lower()).strip("-")


SCOPE_PLACEHOLDER = "<scope>"
DESCRIPTION_PLACEHOLDER = "<what it does>"
# Said wherever a proposal holds a placeholder.
SCOPE_PLACEHOLDER_NOTE = f"`{SCOPE_PLACEHOLDER}`: the module or feature this commit changes"

# Verbs that say which type a commit is but belong to its description: `add retry to
# stripe webhook` is `feat(<scope>): add retry to stripe webhook`, not `feat: retry ...`.
TYPE_VERBS = {
    "add": "feat",
    "adds": "feat",
    "added": "feat",
    "adding": "feat",
    "implement": "feat",
    "implemented": "feat",
    "introduce": "feat",
    "support": "feat",
    "fixed": "fix",
    "fixes": "fix",
    "fixing": "fix",
    "repair": "fix",
    "optimize": "perf",
    "optimise": "perf",
    "speed": "perf",
    "document": "docs",
    "documented": "docs",
    "cleanup": "refactor",
    "simplify": "refactor",
    "rename": "refactor",
    "bump": "chore",
    "upgrade": "chore",
}


def likely_type(word: str, types: Sequence[str]) -> str | None:
    """The type a header's first word stands for, only when it is plainly one: the type
    itself in any case, a name for it (`feature`, `bugfix`), or a one-letter slip
    (`fxi`, `refactr`, `feta`). `more` is not `chore`, nor `new` `feat`."""
    lowered = word.lower()
    for choice in types:
        if choice.lower() == lowered:
            return choice
    synonym = SYNONYMS.get(lowered)
    if synonym in types and lowered not in TYPE_VERBS:
        return synonym
    slips = [choice for choice in types if _one_slip(lowered, choice.lower())]
    return slips[0] if len(slips) == 1 else None


def _one_slip(word: str, target: str) -> bool:
    """One letter added, dropped, changed, or two neighbours swapped; never for words
    shorter than three letters, where one slip turns any word into any other."""
    if min(len(word), len(target)) < 3 or abs(len(word) - len(target)) > 1:
        return False
    if len(word) == len(target):
        diffs = [i for i in range(len(word)) if word[i] != target[i]]
        if len(diffs) == 1:
            return True
        first, *rest = diffs or [0]
        return (
            len(diffs) == 2
            and rest == [first + 1]
            and word[first] == target[first + 1]
            and word[first + 1] == target[first]
        )
    short, long = sorted((word, target), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def fixed_header(
    config: Config,
    type_: str,
    scope: str | None,
    breaking: bool,
    description: str,
) -> str | None:
    """A header made of the author's parts with every mechanical fix applied, so that
    it passes every header rule of `config` once its placeholders are filled in: the
    type lower-case (or the configured type it plainly means), scope names kebab-case
    where scope-case applies, a `<scope>` where a scope is required, the description
    decapitalised and without its full stop; a verb typed as the type (`add: x`) goes
    back into the description. None when only a human can fix it: a type that stands
    for none of the configured ones, or a header left too long."""
    types = config.types
    kind = likely_type(type_, types) or closest(type_.lower(), types)
    if kind is None:
        return None
    severities = config.severities
    if scope is not None:
        scope = ",".join(_scope_name(name, config) for name in _names(scope))
    elif config.scope_required and severities["scope-empty"] is not Severity.OFF:
        scope = SCOPE_PLACEHOLDER
    text = description.strip()
    verb = type_.lower()
    if verb in TYPE_VERBS and kind != verb and not text.lower().startswith(f"{verb} "):
        text = f"{verb} {text}".rstrip()
    if severities["subject-case"] is not Severity.OFF:
        text = decapitalised(text)
    if text.endswith(".") and not text.endswith("..."):
        text = text.rstrip(".").rstrip()
    text = text or DESCRIPTION_PLACEHOLDER
    header = "{}{}{}: {}".format(kind, f"({scope})" if scope else "", "!" if breaking else "", text)
    limit = config.rule_options["header-max-length"]["max"]
    if isinstance(limit, int) and len(without_squash_suffix(header)) > limit:
        return None
    return header


def _names(scope: str) -> list[str]:
    return [name.strip() for name in scope.split(",")]


def _scope_name(name: str, config: Config) -> str:
    if name == SCOPE_PLACEHOLDER:
        return name
    allowed = config.scopes
    if allowed:
        return closest(name, allowed) or SCOPE_PLACEHOLDER
    if config.severities["scope-case"] is Severity.OFF or is_scope_name(name):
        return name
    return kebab_case(name) or SCOPE_PLACEHOLDER


def fixed(header: Header, config: Config, **parts: str) -> str:
    """`header` with `parts` replaced (`type_`, `scope`, `description`) and every other
    mechanical fix applied: the header a rule's hint proposes. When no full fix exists,
    the header with only `parts` replaced."""
    whole = fixed_header(
        config,
        parts.get("type_", header.type),
        parts.get("scope", header.scope),
        header.breaking,
        parts.get("description", header.description),
    )
    return whole or with_parts(header, **parts)


# The rules whose findings suggested_header() can put right by itself.
_FIXABLE = frozenset(
    {"type-enum", "type-case", "scope-case", "scope-enum", "subject-case", "subject-full-stop"}
)


def suggested_header(message: Message, config: Config, broken: set[str]) -> str | None:
    """The header with every mechanical fix applied at once, when the rules in `broken`
    include one of them.

    Shown under the list of violations so the developer can copy one line instead of
    applying five hints by hand. It passes every header rule once its placeholders
    (`<scope>`, a scope only the author can name) are filled in. None when a fix needs
    a human (an unknown type with no close match, a header too long).
    """
    header = message.header
    if header is None or not broken & _FIXABLE:
        return None
    suggestion = fixed_header(
        config, header.type, header.scope, header.breaking, header.description
    )
    return suggestion if suggestion != message.header_text else None
