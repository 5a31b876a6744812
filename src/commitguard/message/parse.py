"""Conventional Commits 1.0.0, the spec layer: what parses, not what the team allows.

Input is the cleaned message text (see cleanup.py). A header that does not parse gets
one precise `HeaderError` (the first thing wrong, with its column) instead of a
cascade; what the team's policy says about a header that does parse is the rules' job.
"""

from __future__ import annotations

from commitguard.lazy import IGNORECASE, Pattern
from commitguard.model import Value

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re

# The header, `type(scope)!: description`, is read by hand (_header_parts), not by an
# expression: every run of the commit-msg hook reads one, and the others below are
# compiled on first use, so a valid message never imports `re`.
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# What may be a type, where a header does not parse (diagnose_header, the rules' hints).
LEAD_WORD = Pattern(r"[A-Za-z][\w-]*")
# Spec items 8-10 and 16: a footer token is a word (hyphens for spaces), or exactly
# "BREAKING CHANGE"; the separator is ": " or " #". A bare "Token:" ending the line
# counts too: its value is on the lines below, and git's cleanup has already eaten
# the space the spec's ": " would leave at the end of that line.
_FOOTER = Pattern(r"(?P<token>BREAKING CHANGE|[A-Za-z][\w-]*)(?P<sep>: |:\Z| #)(?P<value>.*)\Z")
BREAKING_TOKENS = frozenset({"BREAKING CHANGE", "BREAKING-CHANGE"})
# A breaking-change note where commitlint's parser (conventional-commits-parser, as
# config-conventional sets it up) finds one: at the start of any line of the body, after
# spaces or a list's `*`, not only in the closing footers.
_BREAKING_NOTE = Pattern(r"[\s*]*(?P<token>BREAKING[ -]CHANGE)[ \t]*:[ \t]*(?P<value>.*)\Z")
# What GitHub appends to the header of a squash-merged pull request, not the author.
_SQUASH_SUFFIX = Pattern(r" \(#[0-9]+\)\Z")
# A header that is only a version (`v21.2.2`, `chore(release): 1.2.3 [skip ci]`): written
# by release tooling such as `npm version`, and ignored by commitlint. A semver version,
# as `semver.valid` reads it.
_RELEASE = Pattern(
    r"(?:chore(?:\([^)]+\))?:)?\s*(?:[\[(](?:skip|ci)[- ](?:ci|skip)[\])]\s*)?"
    r"v?(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)"
    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?"
    r"\s*(?:[\[(](?:skip|ci)[- ](?:ci|skip)[\])])?\s*\Z",
    IGNORECASE,
)


def without_squash_suffix(header: str) -> str:
    """`fix(api): x (#1234)` -> `fix(api): x`: the header as its author wrote it. Only the
    last suffix is GitHub's; `revert: x (#12) (#34)` keeps the `(#12)` it quotes."""
    if not header.endswith(")"):
        return header  # most headers: no suffix to look for
    return _SQUASH_SUFFIX.sub("", header)


def is_release(header: str) -> bool:
    """Whether the header only names a version, as release tooling writes it."""
    if header[:1] not in "vV0123456789c" or "." not in header:
        return False  # a version has dots; most headers end here, uncompiled
    return _RELEASE.match(header) is not None


class Header(Value):
    __slots__ = ("type", "scope", "breaking", "description", "scope_start", "description_start")

    def __init__(
        self,
        type: str,
        scope: str | None,
        breaking: bool,
        description: str,
        scope_start: int,
        description_start: int,
    ) -> None:
        self.type = type
        self.scope = scope
        self.breaking = breaking
        self.description = description
        self.scope_start = scope_start  # column of the scope's first character; -1 without
        self.description_start = description_start


class HeaderError(Value):
    """The first thing that keeps a header from parsing, and where.

    `kind` names the case ("missing-colon", "empty-scope", ...) so that policy, which
    knows the configured types, can reword a diagnosis without parsing the text again.
    """

    __slots__ = ("kind", "message", "column", "width", "hint", "repaired")

    def __init__(
        self,
        kind: str,
        message: str,
        column: int,
        width: int = 1,
        hint: str | None = None,
        *,
        repaired: str | None = None,
    ) -> None:
        self.kind = kind
        self.message = message
        self.column = column
        self.width = width
        # The line with this one mistake put right, when the fix is mechanical.
        self.repaired = repaired
        self.hint = hint if repaired is None else f"write `{repaired}`"


class Footer(Value):
    __slots__ = ("token", "separator", "value", "line")

    def __init__(self, token: str, separator: str, value: str, line: int) -> None:
        self.token = token
        self.separator = separator  # ":" or "#"
        self.value = value
        self.line = line  # 0-based line of the cleaned message where the footer starts

    @property
    def breaking(self) -> bool:
        return self.token in BREAKING_TOKENS


class Message(Value):
    __slots__ = ("text", "lines", "header", "header_error", "body_start", "_footing")

    def __init__(
        self,
        text: str,
        lines: tuple[str, ...],
        header: Header | None,
        header_error: HeaderError | None,
        body_start: int,
    ) -> None:
        self.text = text
        self.lines = lines
        self.header = header
        self.header_error = header_error
        self.body_start = body_start  # first non-blank line after the header
        # The footers, read when first asked: most commits of a history are judged
        # without them (`check` parses 100,000 messages).
        self._footing: tuple[int, tuple[Footer, ...]] | None = None

    @property
    def footer_start(self) -> int:
        """The first footer line; len(lines) without footers."""
        return self._footed()[0]

    @property
    def footers(self) -> tuple[Footer, ...]:
        return self._footed()[1]

    def _footed(self) -> tuple[int, tuple[Footer, ...]]:
        if self._footing is None:
            self._footing = _parse_footers(self.lines, self.body_start)
        return self._footing

    def _fields(self) -> tuple[object, ...]:
        return (self.text, self.lines, self.header, self.header_error, self.body_start)

    def __repr__(self) -> str:
        return f"Message(text={self.text!r})"

    @property
    def header_text(self) -> str:
        return self.lines[0] if self.lines else ""

    @property
    def breaking(self) -> bool:
        header_bang = self.header is not None and self.header.breaking
        return header_bang or bool(self.breaking_notes)

    @property
    def breaking_notes(self) -> tuple[Footer, ...]:
        """The `BREAKING CHANGE:` notes, wherever a line of the body starts with one: a
        footer, or a paragraph with more body after it, as changelog tools read them."""
        notes = [footer for footer in self.footers if footer.breaking]
        found = {note.line for note in notes}
        for index in range(self.body_start, self.footer_start):
            line = self.lines[index]
            if "BREAKING" not in line or index in found:
                continue
            match = _BREAKING_NOTE.match(line)
            if match is not None:
                notes.append(Footer(match["token"], ":", self._note_value(index, match), index))
        return tuple(sorted(notes, key=lambda note: note.line))

    def _note_value(self, index: int, match: re.Match[str]) -> str:
        # The note runs to the end of its paragraph.
        end = index + 1
        while end < self.footer_start and self.lines[end].strip():
            end += 1
        return "\n".join([match["value"], *self.lines[index + 1 : end]]).strip()


def parse(text: str) -> Message:
    lines = tuple(text.split("\n")) if text else ()
    header_line = lines[0] if lines else ""
    header, error = parse_header(header_line)
    body_start = 1
    while body_start < len(lines) and not lines[body_start].strip():
        body_start += 1
    return Message(text, lines, header, error, body_start)


def parse_header(line: str) -> tuple[Header | None, HeaderError | None]:
    parts = _header_parts(line)
    if parts is None:
        return None, diagnose_header(line)
    type_, scope, bang, space, description, scope_start, column = parts
    if not space and description:
        return None, HeaderError(
            "missing-space",
            "missing space after the colon",
            column,
            1,
            repaired=f"{line[:column]} {description}",
        )
    if description.startswith(" "):
        return None, HeaderError(
            "extra-space",
            "more than one space after the colon",
            column,
            len(description) - len(description.lstrip(" ")),
            repaired=f"{line[:column]}{description.lstrip(' ')}",
        )
    # Positional: 100,000 headers of a history are built here.
    return Header(type_, scope, bang, description, scope_start, column), None


def _header_parts(
    line: str,
) -> tuple[str, str | None, bool, bool, str, int, int] | None:
    r"""The parts of a header that parses: its type, its scope (None without one), its
    `!`, whether one space follows the colon, its description, and the columns where
    the scope and the description start (-1: no scope); None when it does not parse.
    The grammar, as an expression: `(?P<type>[A-Za-z][\w-]*)` then, optionally,
    `\((?P<scope>[^()\r\n]*[^()\s][^()\r\n]*)\)`, then `!?:` and ` ?` and
    the description, `.*\Z` (tests/test_message.py holds the two to the same answers).
    No choice in it ever needs undoing, so one pass from the left reads it."""
    colon = line.find(":")
    if colon < 0 or "\n" in line:
        return None
    paren = line.find("(", 0, colon)
    if paren < 0:  # no scope: the type runs to the `!` or the colon
        bang = line[colon - 1 : colon] == "!"
        type_, scope, scope_start = line[: colon - bang], None, -1
    else:  # the colon may lie inside the scope (`feat(a:b): x`): the one after it counts
        close = line.find(")", paren + 1)
        if close < 0:
            return None
        scope = line[paren + 1 : close]
        # A scope names something: `()` and `( )` are left to diagnose_header.
        if not scope.strip() or "(" in scope or "\r" in scope:
            return None
        bang = line.startswith("!", close + 1)
        if not line.startswith(":", close + 1 + bang):
            return None
        type_, scope_start, colon = line[:paren], paren + 1, close + 1 + bang
    if not (type_.isalpha() and type_.isascii()) and not _is_type_word(type_):
        return None
    space = line.startswith(" ", colon + 1)
    start = colon + 1 + space
    return type_, scope, bang, space, line[start:], scope_start, start


def _is_type_word(text: str) -> bool:
    """`[A-Za-z][\\w-]*`: an ASCII letter, then letters, digits, `_` and `-` (`\\w` is
    str.isalnum's letters and digits, and `_`)."""
    rest = text[1:].replace("-", "").replace("_", "")
    return text[:1] in _ASCII_LETTERS and (not rest or rest.isalnum())


def diagnose_header(line: str) -> HeaderError:
    """Name the first thing that keeps `line` from being `type(scope)!: description`."""
    shape = "a header looks like `<type>(<scope>): <description>`"
    if not line.strip():
        return HeaderError("empty", "the message is empty", 0, 1, shape)
    if line[0].isspace():
        return HeaderError(
            "leading-space", "the header starts with a space", 0, 1, "remove the leading space"
        )
    if "\n" in line:  # parse() splits lines first; a caller passing one line may not
        return HeaderError(
            "line-break", "the header is cut by a line break", line.index("\n"), 1, shape
        )
    colon = line.find(":")
    prefix = line if colon < 0 else line[:colon]
    lead = LEAD_WORD.match(prefix)
    if lead is None:
        return HeaderError("no-type", "the header does not start with a type", 0, 1, shape)
    type_end = lead.end()
    rest = prefix[type_end:]
    if rest.startswith(" ") and rest.lstrip(" ").startswith("("):
        return HeaderError(
            "space-before-scope",
            "space between the type and the scope",
            type_end,
            len(rest) - len(rest.lstrip(" ")),
            repaired=f"{line[:type_end]}{line[type_end:].lstrip(' ')}",
        )
    if rest.startswith("!("):
        closing = rest.find(")")
        scope_part = rest[1 : closing + 1] if closing >= 0 else rest[1:]
        after = line[type_end + 1 + len(scope_part) :]
        return HeaderError(
            "bang-before-scope",
            "`!` goes after the scope, right before the colon",
            type_end,
            1,
            repaired=f"{line[:type_end]}{scope_part}!{after}",
        )
    if rest.startswith("("):
        closing = rest.find(")")
        if closing < 0:
            return HeaderError(
                "unclosed-scope",
                "the scope is not closed",
                type_end,
                len(rest),
                "add `)` after the scope",
            )
        if not rest[1:closing].strip():
            return HeaderError(
                "empty-scope",
                "the scope is empty",
                type_end,
                closing + 1,
                "write a scope between the parentheses, or remove them",
            )
        after_scope = rest[closing + 1 :]
        scope_text = rest[1:closing]
        if "(" in scope_text:
            return HeaderError(
                "nested-scope",
                "the scope contains `(`",
                type_end + 1 + scope_text.index("("),
                1,
                "a scope is one name, such as a module: `feat(orders): ...`",
            )
        if "\r" in scope_text:  # a stray carriage return, as a CRLF tool may leave
            return HeaderError(
                "line-break",
                "the scope contains a carriage return",
                type_end + 1 + scope_text.index("\r"),
                1,
                "a scope is one name, such as a module: `feat(orders): ...`",
            )
        return _diagnose_after_prefix(line, colon, type_end + closing + 1, after_scope)
    return _diagnose_after_prefix(line, colon, type_end, rest)


def _diagnose_after_prefix(line: str, colon: int, at: int, rest: str) -> HeaderError:
    """`line[:at]` is a well-formed `type(scope)`; `rest` runs from there to the colon."""
    if rest.startswith("!"):
        at += 1
        rest = rest[1:]
    if colon < 0:
        if not rest or rest.startswith(" "):
            return HeaderError(
                "missing-colon",
                f"missing `:` after `{line[:at]}`",
                at,
                1,
                repaired=f"{line[:at]}: {line[at:].strip() or '<description>'}",
            )
        return HeaderError(
            "no-type",
            "the header does not start with a type",
            0,
            1,
            "a header looks like `<type>(<scope>): <description>`",
        )
    if rest and not rest.strip():
        return HeaderError(
            "space-before-colon",
            "space before the colon",
            at,
            len(rest),
            repaired=f"{line[:at]}{line[colon:]}",
        )
    if rest.startswith(" "):
        # Prose such as "Fixed the login bug: ..." rather than a type.
        return HeaderError(
            "prose",
            "the text before `:` is not a type",
            0,
            at,
            "a header looks like `<type>(<scope>): <description>`",
        )
    return HeaderError(
        "unexpected-character",
        f"unexpected {rest[0]!r} before the colon",
        at,
        1,
        "a header looks like `<type>(<scope>): <description>`",
    )


def _parse_footers(lines: tuple[str, ...], body_start: int) -> tuple[int, tuple[Footer, ...]]:
    """Footers are the closing paragraphs that each open with a token (`Token: value`).

    A body paragraph that happens to start like one (`Note: the cache ...`) followed by
    more body is not a footer, as with git's trailers. Within the footers, each token
    line starts a footer and other lines continue the value of the one before (spec
    item 10: a value ends where the next token begins).
    """
    # Walk the paragraphs from the end: only the closing ones can be footers, and most
    # messages are judged after looking at one.
    start = len(lines)
    index = len(lines) - 1
    while index >= body_start:
        if not lines[index].strip():
            index -= 1
            continue
        top = index
        while top > body_start and lines[top - 1].strip():
            top -= 1
        if not _FOOTER.match(lines[top]):
            break
        start = top
        index = top - 1
    footers: list[Footer] = []
    current: tuple[str, str, int] | None = None
    value_lines: list[str] = []
    for index in range(start, len(lines)):
        match = _FOOTER.match(lines[index])
        if match is not None:
            if current is not None:
                footers.append(_footer(current, value_lines))
            current = (match["token"], match["sep"].strip(), index)
            value_lines = [match["value"]]
        else:
            value_lines.append(lines[index])
    if current is not None:
        footers.append(_footer(current, value_lines))
    return start, tuple(footers)


def _footer(head: tuple[str, str, int], value_lines: list[str]) -> Footer:
    token, separator, line = head
    return Footer(token, separator, "\n".join(value_lines).strip(), line)
