"""Message rules: the shape of the header, the body and the breaking-change note."""

from __future__ import annotations

from commitguard.lazy import IGNORECASE, Pattern
from commitguard.message.parse import (
    LEAD_WORD,
    Header,
    HeaderError,
    Message,
    parse_header,
    without_squash_suffix,
)
from commitguard.message.suggest import (
    SCOPE_PLACEHOLDER,
    SCOPE_PLACEHOLDER_NOTE,
    TYPE_VERBS,
    closest,
    decapitalised,
    fixed,
    fixed_header,
    is_scope_name,
    kebab_case,
    likely_type,
    scope_parts,
)
from commitguard.model import Finding, Severity, Span
from commitguard.rules import Context, rule

# typing costs ~10 ms of import time in the commit-msg hook; mypy reads this flag too.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any

    from commitguard.config.load import Config
    from commitguard.rules import Check

# Compiled on first use: a message that passes (every run of the commit-msg hook but a
# few) needs none of them.
_URL = Pattern(r"[a-z][a-z0-9+.-]*://", IGNORECASE)  # a body line over the limit
_ANY_CASE_BREAKING = Pattern(r"breaking[ -]change\s*:", IGNORECASE)  # a `!` without its footer
SHAPE = "a header looks like `<type>(<scope>): <description>`"


# A rule that judges the parsed header line alone: the engine skips it when the header
# does not parse (header-format says why), and `check` for a header that conforms.
def header_rule(rule_id: str, **details: Any) -> Callable[[Check], Check]:
    return rule(
        rule_id, **{"family": "message", "header_only": True, "needs_header": True, **details}
    )


def _header(message: Message) -> Header:
    # The engine runs header rules only when the header parsed.
    assert message.header is not None
    return message.header


@header_rule(
    "header-format",
    summary="the header is `<type>(<scope>): <description>`",
    good="feat(orders): add GET /api/orders",
    bad="feat (orders) add GET /api/orders",
    fix="Write the type, the scope in parentheses, a colon and one space, then the description.",
    needs_header=False,  # it is the rule that reports a header that does not parse
)
def header_format(message: Message, context: Context) -> Iterator[Finding]:
    """Every tool that reads history (changelogs, release notes, `commitguard report`)
    finds the type and scope by this exact shape. One precise error names the first
    character that breaks it, instead of a cascade of unrelated complaints."""
    error = message.header_error
    if error is None:
        return
    config = context.config
    if error.kind == "missing-colon":
        yield _missing_colon(message.header_text, error, config)
        return
    span = Span(0, error.column, error.column + error.width)
    proposal = _repaired(error.repaired, config) if error.repaired else None
    yield Finding(error.message, _write(proposal) if proposal else error.hint, span)


def _repaired(line: str, config: Config, tries: int = 3) -> str | None:
    """The parser's one-mistake repair with every other fix applied too, so that the
    header a hint proposes passes: `feat(Orders) :x.` needs three repairs."""
    header, error = parse_header(line)
    if header is not None:
        return fixed_header(config, header.type, header.scope, header.breaking, header.description)
    if error is None or error.repaired is None or tries == 0:
        return None
    return _repaired(error.repaired, config, tries - 1)


def _write(header: str) -> str:
    return f"write {_quoted(header)}"


def _quoted(header: str) -> str:
    """A proposed header, with what its placeholder stands for."""
    note = f" ({SCOPE_PLACEHOLDER_NOTE})" if SCOPE_PLACEHOLDER in header else ""
    return f"`{header}`{note}"


def _missing_colon(line: str, error: HeaderError, config: Config) -> Finding:
    """`feat add x` lacks a colon, but `Added stuff` lacks a type: telling the author of
    `Added stuff` to write `Added: stuff` would only trade this error for type-enum. The
    author's words stay: `add retry` keeps its verb, `more wip` is not taken for `chore`."""
    lead = LEAD_WORD.match(line)
    assert lead is not None  # the parser reports a missing colon only after a type-like word
    word = lead[0]
    span = Span(0, error.column, error.column + error.width)
    types = config.types
    guess = likely_type(word, types)
    if guess is not None:
        # `Fix login bug`, `feature add x`: the author meant a type, so fix both at once.
        typed = f"{guess}{line[len(word) : error.column]}: {line[error.column :].strip()}"
        proposal = _repaired(typed, config)
        if proposal is not None:
            said = "" if word == guess else f"did you mean the type `{guess}`? "
            return Finding(error.message, said + _write(proposal), span)
    verb_type = TYPE_VERBS.get(word.lower())
    kind = verb_type if verb_type in types else ("feat" if "feat" in types else types[0])
    example = fixed_header(config, kind, None, False, line)
    return Finding(
        "the header does not start with a type",
        f"{SHAPE}, for example " + (_quoted(example) if example else f"`{kind}: ...`"),
        Span(0, 0, len(word)),
    )


@header_rule(
    "type-enum",
    summary="the type is one of the configured types",
    good="fix(orders): reject negative quantities",
    bad="bugfix(orders): reject negative quantities",
    fix="Use one of the types that `commitguard rules` lists (configurable as `types`).",
)
def type_enum(message: Message, context: Context) -> Iterator[Finding]:
    """The type says what kind of change this is, so reviewers and release tooling can
    sort it. A fixed list keeps `bugfix`, `feature` and `fixes` from splitting one kind
    of change over many names."""
    header = _header(message)
    allowed = context.config.types
    if header.type.lower() in allowed:
        return
    guess = closest(header.type, allowed)
    hint = f"did you mean `{guess}`? {_write(fixed(header, context.config))}" if guess else None
    yield Finding(
        f"unknown type `{header.type}`; expected one of: {', '.join(allowed)}",
        hint,
        Span(0, 0, len(header.type)),
    )


@header_rule(
    "type-case",
    summary="the type is lower-case",
    good="feat(orders): add pagination",
    bad="Feat(orders): add pagination",
    fix="Write the type in lower case.",
)
def type_case(message: Message, context: Context) -> Iterator[Finding]:
    """Tools match types exactly; `Feat` and `feat` must not count as two kinds. An unknown
    type is type-enum's to report, with its "did you mean", not this rule's too."""
    header = _header(message)
    lowered = header.type.lower()
    if header.type != lowered and lowered in context.config.types:
        yield Finding(
            f"the type `{header.type}` is not lower-case",
            _write(fixed(header, context.config, type_=lowered)),
            Span(0, 0, len(header.type)),
        )


@header_rule(
    "scope-empty",
    summary="a scope names the module or feature (when scopes.required)",
    good="feat(orders): add pagination",
    bad="feat: add pagination",
    fix="Put the module or feature in parentheses after the type.",
)
def scope_empty(message: Message, context: Context) -> Iterator[Finding]:
    """The scope tells a reader which part of the system changed without opening the
    diff, and lets `commitguard report` show who works where. Set `scopes.required:
    false` to make it optional."""
    header = _header(message)
    if header.scope is not None or not context.config.scope_required:
        return
    allowed = context.config.scopes
    choices = f" (one of: {', '.join(allowed)})" if allowed else ""
    yield Finding(
        "missing scope",
        f"name the module or feature{choices}: "
        + _quoted(fixed(header, context.config, scope=SCOPE_PLACEHOLDER)),
        Span(0, len(header.type), len(header.type) + 1),
    )


@header_rule(
    "scope-enum",
    summary="the scope is one of `scopes.allowed` (any scope when the list is empty)",
    good="fix(payments): round totals half-even",
    bad="fix(paymnts): round totals half-even",
    fix="Use a scope from `scopes.allowed`, or add the new module to that list.",
)
def scope_enum(message: Message, context: Context) -> Iterator[Finding]:
    """A fixed list of scopes keeps one module from hiding under three spellings. Several
    scopes are separated by commas."""
    header = _header(message)
    allowed = context.config.scopes
    if not allowed:
        return
    lowered = {scope.lower() for scope in allowed}
    for name, column in scope_parts(header):
        if name.lower() in lowered:
            continue
        guess = closest(name, allowed)
        hint = f"did you mean `{guess}`? " if guess else ""
        yield Finding(
            f"unknown scope `{name}`; expected one of: {', '.join(allowed)}",
            hint + "or add it to `scopes.allowed` in the configuration",
            Span(0, column, column + max(len(name), 1)),
        )


@header_rule(
    "scope-case",
    summary="the scope is a lower-case name: letters, digits and - _ . /",
    good="feat(order-history): show refunds",
    bad="feat(OrderHistory): show refunds",
    fix="Write the scope in lower case, words joined by hyphens.",
)
def scope_case(message: Message, context: Context) -> Iterator[Finding]:
    """Scopes are matched exactly by reports and changelogs; one spelling per module."""
    header = _header(message)
    for name, column in scope_parts(header):
        if is_scope_name(name):
            continue
        kebab = kebab_case(name)
        hint = _write(fixed(header, context.config)) if kebab else None
        yield Finding(
            f"the scope `{name}` is not a lower-case name (letters, digits and - _ . /)",
            hint,
            Span(0, column, column + max(len(name), 1)),
        )


@header_rule(
    "subject-empty",
    summary="the description says what the commit does",
    good="docs(api): document the orders endpoint",
    bad="docs(api): ",
    fix="Write a short description after the colon and the space.",
)
def subject_empty(message: Message, context: Context) -> Iterator[Finding]:
    """The description is what `git log --oneline` shows; without it the header says
    nothing."""
    header = _header(message)
    description = header.description
    if not description.strip():
        yield _empty_description(header, context.config, "the description is empty")
    elif not description.isascii() and invisible_only(description):
        shown = ", ".join(f"U+{ord(char):04X}" for char in dict.fromkeys(description))
        yield _empty_description(
            header,
            context.config,
            f"the description is empty: it holds only invisible characters ({shown})",
        )


def _empty_description(header: Header, config: Config, said: str) -> Finding:
    return Finding(
        said,
        "say what the commit does: " + _quoted(fixed(header, config, description="")),
        Span(0, header.description_start, header.description_start + 1),
    )


# Characters that print as nothing outside Unicode's format category (Cf, which holds
# U+200B-U+200F, U+2060, U+FEFF and U+00AD): fillers that Hangul and Braille define.
_BLANKS = frozenset("\u115f\u1160\u2800\u3164\uffa0")


def invisible_only(text: str) -> bool:
    """Whether `text` shows nothing: only whitespace, zero-width and other format
    characters. Such a description passes `strip()` yet says nothing in the log."""
    import unicodedata  # only for the rare non-ASCII description

    return all(
        char.isspace() or char in _BLANKS or unicodedata.category(char) == "Cf" for char in text
    )


@header_rule(
    "subject-case",
    summary="the description starts with a lower-case letter (acronyms are fine)",
    good="feat(api): add GET /api/orders",
    bad="feat(api): Add GET /api/orders",
    fix="Start the description with a lower-case verb in the imperative: add, fix, remove.",
)
def subject_case(message: Message, context: Context) -> Iterator[Finding]:
    """Headers read as one list in the log: `add ...`, `fix ...`. A capitalised first
    word is flagged; acronyms and identifiers (`JWT`, `GET`, `UserService`) are not."""
    header = _header(message)
    lowered = decapitalised(header.description)
    if lowered == header.description:
        return
    yield Finding(
        f"the description starts with an upper-case `{header.description[0]}`",
        _write(fixed(header, context.config, description=lowered)),
        Span(0, header.description_start, header.description_start + 1),
    )


@header_rule(
    "subject-full-stop",
    summary="the description does not end with a full stop",
    good="fix(cart): keep items after login",
    bad="fix(cart): keep items after login.",
    fix="Remove the full stop at the end of the header.",
)
def subject_full_stop(message: Message, context: Context) -> Iterator[Finding]:
    """A header is a title, not a sentence; the full stop wastes one of its few columns."""
    header = _header(message)
    description = header.description
    if description.endswith(".") and not description.endswith("..."):
        column = len(message.header_text) - 1
        yield Finding(
            "the description ends with a full stop",
            _write(fixed(header, context.config, description=description.rstrip("."))),
            Span(0, column, column + 1),
        )


@header_rule(
    "header-max-length",
    summary="the header fits in `max` characters (72 in `team`, 100 in `conventional`)",
    good="perf(search): cache facet counts per query",
    bad="perf(search): cache the facet counts per query so that the sidebar does not "
    "recount them on every page",
    fix="Shorten the description; move the detail to the body.",
    options={"max": int},
)
def header_max_length(message: Message, context: Context) -> Iterator[Finding]:
    """Headers are shown truncated by GitHub, GitLab and `git log --oneline` past about 72
    columns. What does not fit belongs in the body. The ` (#1234)` that GitHub appends
    to a squash-merged pull request's header is not counted: its author did not write it,
    and could not have made room for it."""
    limit = context.option("header-max-length", "max")
    assert isinstance(limit, int)
    header = message.header_text
    length = len(header)
    if length <= limit:
        return
    written = len(without_squash_suffix(header))
    if written > limit:
        suffix = "" if written == length else f" (without GitHub's `{header[written + 1 :]}`)"
        yield Finding(
            f"the header is {written} characters long{suffix}; the limit is {limit}",
            "shorten the description and move the detail to the body",
            Span(0, limit, written),
        )


@rule(
    "body-leading-blank",
    family="message",
    summary="a blank line separates the header from the body",
    good="fix(db): retry on deadlock\n\nPostgres aborts one of two deadlocked transactions.",
    bad="fix(db): retry on deadlock\nPostgres aborts one of two deadlocked transactions.",
    fix="Insert an empty line after the header.",
)
def body_leading_blank(message: Message, context: Context) -> Iterator[Finding]:
    """git takes everything up to the first blank line as the subject: without the blank
    line, the body is glued onto the header in every one-line view."""
    lines = message.lines
    if len(lines) > 1 and lines[1].strip():
        yield Finding(
            "no blank line between the header and the body",
            "insert an empty line after the header",
            Span(1, 0, 1),
        )


@rule(
    "body-max-line-length",
    family="message",
    severity=Severity.WARNING,
    summary="body lines wrap at `max` characters (lines with a URL are exempt)",
    good="perf(search): cache facet counts\n\nCache facet counts for each query so the "
    "sidebar does\nnot recount them on every page load.",
    bad="perf(search): cache facet counts\n\nCache facet counts for each query so the "
    "sidebar does not recount them on every page load.",
    fix="Wrap the body by hand; a line that holds a URL may stay long.",
    options={"max": int},
)
def body_max_line_length(message: Message, context: Context) -> Iterator[Finding]:
    """git does not wrap messages: long lines run off the terminal in `git log`. URLs and
    single unbreakable words (a path, a hash) are exempt because they cannot wrap."""
    limit = context.option("body-max-line-length", "max")
    assert isinstance(limit, int)
    body = message.lines[message.body_start :]
    if not body or max(map(len, body)) <= limit:
        return  # most messages: one pass in C, no line to look into
    long_lines = [
        index
        for index in range(message.body_start, len(message.lines))
        if len(message.lines[index]) > limit
        and " " in message.lines[index].strip()
        and not _URL.search(message.lines[index])
    ]
    if not long_lines:
        return
    first = long_lines[0]
    others = len(long_lines) - 1
    more = ""
    if others:
        more = f"; {others} more {'line is' if others == 1 else 'lines are'} too long"
    yield Finding(
        f"body line {first + 1} is {len(message.lines[first])} characters long; "
        f"the limit is {limit}{more}",
        f"wrap the body at {limit} characters",
        Span(first, limit, len(message.lines[first])),
    )


@rule(
    "breaking-change-description",
    family="message",
    summary="a breaking change (`!`) has a `BREAKING CHANGE:` footer that says what breaks",
    good="feat(api)!: drop /v1/orders\n\nBREAKING CHANGE: /v1/orders is gone; use /v2/orders.",
    bad="feat(api)!: drop /v1/orders",
    fix="Add a `BREAKING CHANGE: <what breaks and how to migrate>` footer.",
)
def breaking_change_description(message: Message, context: Context) -> Iterator[Finding]:
    """Whoever upgrades needs to know what broke and what to do about it; the `!` alone
    only says that something did. The note must be upper-case (`BREAKING CHANGE:` or
    `BREAKING-CHANGE:`), as the Conventional Commits specification requires; it may
    start any line of the body, where changelog tools (and commitlint) find it. The
    `conventional` preset turns this rule off: there, as in the specification, the `!`
    alone marks the break and the description says what it is."""
    header = message.header
    if "BREAKING" not in message.text and (header is None or not header.breaking):
        return  # most commits: no note (always upper case) and no `!` to document
    notes = message.breaking_notes
    for footer in notes:
        if not footer.value:
            yield Finding(
                f"the `{footer.token}` footer is empty",
                "say what breaks and how to migrate",
                Span(footer.line, 0, len(footer.token)),
            )
    if header is None or not header.breaking or notes:
        return
    near_miss = next(
        (
            index
            for index, line in enumerate(message.lines)
            if index >= message.body_start and _ANY_CASE_BREAKING.match(line)
        ),
        None,
    )
    if near_miss is not None:
        yield _misplaced_note(message.lines[near_miss], near_miss)
        return
    bang = message.header_text.rindex("!", 0, header.description_start)
    yield Finding(
        "`!` marks a breaking change, but no `BREAKING CHANGE:` footer says what breaks",
        "add a footer after a blank line: `BREAKING CHANGE: <what breaks and how to migrate>`",
        Span(0, bang, bang + 1),
    )


def _misplaced_note(line: str, index: int) -> Finding:
    """A note that names a breaking change in a spelling the spec does not recognise."""
    token = line[: line.index(":")].rstrip()
    span = Span(index, 0, len(token))
    return Finding(
        "the breaking-change note must be written `BREAKING CHANGE:` in upper case",
        "write `BREAKING CHANGE: <what breaks>` as a footer",
        span,
    )
