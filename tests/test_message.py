"""message/: Conventional Commits 1.0.0 parsing, the spec layer (no team policy), and
the helpers that propose fixes to a header."""

from __future__ import annotations

import random
import re

import pytest

from commitguard.config.load import build
from commitguard.message.parse import Footer, Header, parse, parse_header
from commitguard.message.suggest import (
    closest,
    decapitalised,
    is_scope_name,
    kebab_case,
    scope_parts,
    suggested_header,
    with_parts,
)

# --- the header read by hand, against the grammar written as an expression ---------------

# The grammar of a header that parses. parse.py reads it without `re` (the commit-msg hook
# never imports it for a valid message); these tests hold the two to the same answers.
GRAMMAR = re.compile(
    r"(?P<type>[A-Za-z][\w-]*)"
    r"(?:\((?P<scope>[^()\r\n]*[^()\s][^()\r\n]*)\))?"
    r"(?P<bang>!)?"
    r":(?P<space> ?)(?P<description>.*)\Z"
)
# What a header may hold, weighted toward what decides where its parts end: the marks,
# spaces of every kind, line breaks, `_`, `-`, and letters and digits beyond ASCII.
ALPHABET = "ab" + "Z9" + "()!:" * 3 + "  " + "_-" + "\t\r\n\x0b\u00a0\u2028" + "éß٣²ⅷ" + ",./#"


def _as_the_grammar_reads(line: str) -> tuple[object, ...] | None:
    match = GRAMMAR.match(line)
    if match is None:
        return None
    type_, scope, bang, space, description = match.groups()
    if (space or not description) and not description.startswith(" "):
        scope_start = match.start("scope") if scope is not None else -1
        return (type_, scope, bool(bang), description, scope_start, match.start("description"))
    return ("error", match.start("description"))


def _as_parsed(line: str) -> tuple[object, ...] | None:
    header, error = parse_header(line)
    if header is not None:
        return (
            header.type,
            header.scope,
            header.breaking,
            header.description,
            header.scope_start,
            header.description_start,
        )
    assert error is not None
    if error.kind in ("missing-space", "extra-space"):
        return ("error", error.column)
    return None


@pytest.mark.parametrize(
    "line",
    [
        "feat(a:b): x",
        "feat(a)(b): x",
        "feat!(api): x",
        "a!b: x",
        "feat(scope: x",
        "feat(scope) : x",
        "feat( ): x",
        "feat(\u00a0): x",
        "feat(a\rb): x",
        "feat(a\x0bb): x",
        "fe-a_t9é: x",
        "feat²: x",
        "feat\u2028: x",
        "feat: x\ny",
        "feat: x\r",
        "f: ",
        "f:",
        "f:  x",
        ":x",
        "9x: y",
        "é: x",
        "feat)(: x",
        "feat(a))!: x",
    ],
)
def test_the_header_reads_as_the_grammar_says(line: str) -> None:
    assert _as_parsed(line) == _as_the_grammar_reads(line)


def test_random_headers_read_as_the_grammar_says() -> None:
    generator = random.Random(1203)
    parsed = 0
    for _ in range(20_000):
        line = "".join(generator.choices(ALPHABET, k=generator.randint(0, 14)))
        if generator.random() < 0.5:  # most real headers open with a plain type
            line = generator.choice(("feat", "fix", "a-b_c")) + line
        expected = _as_the_grammar_reads(line)
        assert _as_parsed(line) == expected, line
        parsed += expected is not None
    assert parsed > 500  # the draw reaches headers that parse, not only failures


@pytest.mark.parametrize(
    ("name", "accepted"),
    [
        pytest.param("orders", True, id="word"),
        pytest.param("v2.1/orders_x-y", True, id="punctuation"),
        pytest.param("9lives", True, id="digit-first"),
        pytest.param("", False, id="empty"),
        pytest.param("-orders", False, id="hyphen-first"),
        pytest.param("Orders", False, id="capital"),
        pytest.param("ord ers", False, id="space"),
        pytest.param("ordérs", False, id="beyond-ascii"),
        pytest.param("orders\n", False, id="newline"),
    ],
)
def test_a_scope_name_is_kebab_case(name: str, accepted: bool) -> None:
    assert is_scope_name(name) is accepted
    assert is_scope_name(name) is bool(re.match(r"[a-z0-9][a-z0-9._/-]*\Z", name))


# --- headers that parse ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "type_", "scope", "breaking", "description"),
    [
        pytest.param("feat: add x", "feat", None, False, "add x", id="no-scope"),
        pytest.param("feat(api): add x", "feat", "api", False, "add x", id="scope"),
        pytest.param("feat(api)!: drop x", "feat", "api", True, "drop x", id="scope-bang"),
        pytest.param("feat!: drop x", "feat", None, True, "drop x", id="bang"),
        pytest.param("fix(api,web): x", "fix", "api,web", False, "x", id="two-scopes"),
        pytest.param("fix(api/v2): x", "fix", "api/v2", False, "x", id="slash-scope"),
        pytest.param(
            "Feature(Order History): X.",
            "Feature",
            "Order History",
            False,
            "X.",
            id="policy-violations-still-parse",
        ),
        pytest.param("my-type(x): y", "my-type", "x", False, "y", id="hyphen-type"),
        pytest.param("docs(api):", "docs", "api", False, "", id="empty-description"),
        pytest.param("docs: a: b", "docs", None, False, "a: b", id="colon-in-description"),
    ],
)
def test_header_parses(
    line: str, type_: str, scope: str | None, breaking: bool, description: str
) -> None:
    header, error = parse_header(line)
    assert error is None
    assert header is not None
    assert (header.type, header.scope, header.breaking, header.description) == (
        type_,
        scope,
        breaking,
        description,
    )
    assert line[header.description_start :] == description
    if scope is not None:
        assert line[header.scope_start :].startswith(scope + ")")
    else:
        assert header.scope_start == -1


# --- headers that do not: one precise error, at the right column -----------------------


@pytest.mark.parametrize(
    ("line", "kind", "message", "column", "width", "hint"),
    [
        pytest.param("", "empty", "the message is empty", 0, 1, "<type>(<scope>)", id="empty"),
        pytest.param(
            " feat(api): x", "leading-space", "starts with a space", 0, 1, "remove", id="leading"
        ),
        pytest.param(
            "feat add x",
            "missing-colon",
            "missing `:` after `feat`",
            4,
            1,
            "`feat: add x`",
            id="missing-colon",
        ),
        pytest.param(
            "feat(api) add x",
            "missing-colon",
            "missing `:` after `feat(api)`",
            9,
            1,
            "`feat(api): add x`",
            id="missing-colon-after-scope",
        ),
        pytest.param(
            "feat(api)! drop x",
            "missing-colon",
            "missing `:` after `feat(api)!`",
            10,
            1,
            "`feat(api)!: drop x`",
            id="missing-colon-after-bang",
        ),
        pytest.param(
            "fix",
            "missing-colon",
            "missing `:` after `fix`",
            3,
            1,
            "`fix: <description>`",
            id="type-alone",
        ),
        pytest.param(
            "feat:add x",
            "missing-space",
            "missing space after the colon",
            5,
            1,
            "`feat: add x`",
            id="missing-space",
        ),
        pytest.param(
            "feat(api):   add x",
            "extra-space",
            "more than one space",
            11,
            2,
            "`feat(api): add x`",
            id="extra-space",
        ),
        pytest.param(
            "feat (api): x",
            "space-before-scope",
            "space between the type and the scope",
            4,
            1,
            "`feat(api): x`",
            id="space-before-scope",
        ),
        pytest.param(
            "feat  (api): x",
            "space-before-scope",
            "space between the type and the scope",
            4,
            2,
            "`feat(api): x`",
            id="two-spaces-before-scope",
        ),
        pytest.param(
            "feat(api) : x",
            "space-before-colon",
            "space before the colon",
            9,
            1,
            "`feat(api): x`",
            id="space-before-colon",
        ),
        pytest.param(
            "feat : x",
            "space-before-colon",
            "space before the colon",
            4,
            1,
            "`feat: x`",
            id="space-before-colon-no-scope",
        ),
        pytest.param(
            "feat!(api): x",
            "bang-before-scope",
            "`!` goes after the scope",
            4,
            1,
            "`feat(api)!: x`",
            id="bang-before-scope",
        ),
        pytest.param(
            "feat(): x",
            "empty-scope",
            "the scope is empty",
            4,
            2,
            "remove them",
            id="empty-scope",
        ),
        pytest.param(
            "feat( ): x",
            "empty-scope",
            "the scope is empty",
            4,
            3,
            "remove them",
            id="blank-scope",
        ),
        pytest.param(
            "feat(api: x",
            "unclosed-scope",
            "the scope is not closed",
            4,
            4,
            "add `)`",
            id="unclosed-scope",
        ),
        pytest.param(
            "feat(a(b)): x",
            "nested-scope",
            "the scope contains `(`",
            6,
            1,
            "one name",
            id="nested-scope",
        ),
        pytest.param(
            "feat(a\rb): x",
            "line-break",
            "the scope contains a carriage return",
            6,
            1,
            "one name",
            id="carriage-return-in-scope",
        ),
        pytest.param(
            "feat: x\ny",
            "line-break",
            "cut by a line break",
            7,
            1,
            "a header looks like",
            id="line-break",
        ),
        pytest.param(
            "Fixed the login bug: it works",
            "prose",
            "the text before `:` is not a type",
            0,
            5,
            "<type>(<scope>)",
            id="prose-before-colon",
        ),
        pytest.param(
            "feat(api)x: y",
            "unexpected-character",
            "unexpected 'x' before the colon",
            9,
            1,
            "<type>(<scope>)",
            id="text-after-scope",
        ),
        pytest.param(
            "[WIP] feat: x",
            "no-type",
            "does not start with a type",
            0,
            1,
            "<type>(<scope>)",
            id="bracket",
        ),
        pytest.param(
            "123: x",
            "no-type",
            "does not start with a type",
            0,
            1,
            "<type>(<scope>)",
            id="digits",
        ),
        pytest.param(
            "feat.x y",
            "no-type",
            "does not start with a type",
            0,
            1,
            "<type>(<scope>)",
            id="no-colon-no-word-boundary",
        ),
    ],
)
def test_header_error(
    line: str, kind: str, message: str, column: int, width: int, hint: str
) -> None:
    header, error = parse_header(line)
    assert header is None
    assert error is not None
    assert error.kind == kind
    assert message in error.message
    assert (error.column, error.width) == (column, width)
    assert error.hint is not None
    assert hint in error.hint


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("feat!(api): x", id="bang-before-scope"),
        pytest.param("feat (api): x", id="space-before-scope"),
        pytest.param("feat(api) : x", id="space-before-colon"),
        pytest.param("feat:x", id="missing-space"),
        pytest.param("feat(api) add x", id="missing-colon"),
    ],
)
def test_the_hint_of_a_header_error_parses(line: str) -> None:
    """A hint that says `write ...` proposes a header that really parses."""
    _, error = parse_header(line)
    assert error is not None
    assert error.hint is not None
    proposed = error.hint.split("`")[1]
    assert parse_header(proposed)[1] is None


# --- whole messages: body, footers, breaking changes ----------------------------------


def test_parse_splits_header_body_and_footers() -> None:
    message = parse(
        "feat(api): add x\n\nWhy we add it.\nSecond line.\n\nRefs #12\nReviewed-by: Ada <a@b.c>"
    )
    assert message.header == Header("feat", "api", False, "add x", 5, 11)
    assert message.header_error is None
    assert message.body_start == 2
    assert message.footer_start == 5
    assert message.footers == (
        Footer("Refs", "#", "12", 5),
        Footer("Reviewed-by", ":", "Ada <a@b.c>", 6),
    )
    assert message.lines[message.body_start] == "Why we add it."
    assert not message.breaking


def test_a_broken_header_still_parses_body_and_footers() -> None:
    message = parse("feat add x\n\nBREAKING CHANGE: the api")
    assert message.header is None
    assert message.header_error is not None
    assert message.footers == (Footer("BREAKING CHANGE", ":", "the api", 2),)
    assert message.breaking


@pytest.mark.parametrize(
    ("text", "footers"),
    [
        pytest.param("fix(a): b", [], id="header-only"),
        pytest.param("fix(a): b\n\nJust a body.", [], id="body-only"),
        pytest.param("fix(a): b\n\nCloses #42", [("Closes", "#", "42")], id="hash-form"),
        pytest.param(
            "fix(a): b\n\nbody\n\nAcked-by: Ada\nRefs #1",
            [("Acked-by", ":", "Ada"), ("Refs", "#", "1")],
            id="both-forms",
        ),
        pytest.param(
            "fix(a): b\n\nBREAKING CHANGE: first line\n  second line\nthird line\nRefs #1",
            [("BREAKING CHANGE", ":", "first line\n  second line\nthird line"), ("Refs", "#", "1")],
            id="multi-line-value",
        ),
        pytest.param(
            "fix(a): b\n\nBREAKING CHANGE:\nthe value is below",
            [("BREAKING CHANGE", ":", "the value is below")],
            id="value-on-the-next-line",
        ),
        pytest.param(
            "fix(a): b\n\nbody says Refs #1 inline\n\nSigned-off-by: Ada <a@b.c>",
            [("Signed-off-by", ":", "Ada <a@b.c>")],
            id="token-inside-body-text",
        ),
        pytest.param(
            "fix(a): b\n\nbreaking change: lower case",
            [],
            id="lower-case-breaking-change-is-not-a-token",
        ),
        pytest.param(
            "fix(a): b\n\nNot a token: two words", [], id="two-word-token-is-not-a-footer"
        ),
        pytest.param(
            "fix(a): b\n\nNote: the cache is cold.\n\nSo the first request is slow.",
            [],
            id="token-led-body-paragraph-before-more-body",
        ),
        pytest.param(
            "fix(a): b\n\nbody\n\nRefs: #1\n\nBREAKING CHANGE: gone",
            [("Refs", ":", "#1"), ("BREAKING CHANGE", ":", "gone")],
            id="footers-over-two-closing-paragraphs",
        ),
    ],
)
def test_footers(text: str, footers: list[tuple[str, str, str]]) -> None:
    parsed = parse(text)
    assert [(f.token, f.separator, f.value) for f in parsed.footers] == footers


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("feat(api)!: drop x", id="bang"),
        pytest.param("feat!: drop x", id="bang-no-scope"),
        pytest.param("feat(api): drop x\n\nBREAKING CHANGE: gone", id="footer-space"),
        pytest.param("feat(api): drop x\n\nBREAKING-CHANGE: gone", id="footer-hyphen"),
        pytest.param("feat(api): drop x\n\nRefs #1\nBREAKING CHANGE: gone", id="second-footer"),
    ],
)
def test_breaking(text: str) -> None:
    assert parse(text).breaking


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("feat(api): drop x", id="plain"),
        pytest.param("feat(api): drop x\n\nbreaking change: gone", id="lower-case"),
        pytest.param("feat(api): drop x\n\nBreaking-Change: gone", id="mixed-case"),
        pytest.param("feat(api): mention BREAKING CHANGE: in a header", id="in-header"),
        pytest.param("feat(api): x\n\nthe BREAKING CHANGE: mid-line", id="mid-line"),
    ],
)
def test_not_breaking(text: str) -> None:
    assert not parse(text).breaking


def test_footers_keep_the_token_as_written() -> None:
    message = parse("fix(a): b\n\nIMPACT: High\nRefs #1\nrefs #2")
    assert [(f.token, f.value) for f in message.footers] == [
        ("IMPACT", "High"),
        ("Refs", "1"),
        ("refs", "2"),
    ]


@pytest.mark.parametrize(
    ("text", "lines", "body_start"),
    [
        pytest.param("", (), 1, id="empty"),
        pytest.param("feat(a): b", ("feat(a): b",), 1, id="header-only"),
        pytest.param("feat(a): b\nbody", ("feat(a): b", "body"), 1, id="no-blank-line"),
        pytest.param("feat(a): b\n\nbody", ("feat(a): b", "", "body"), 2, id="blank-line"),
    ],
)
def test_lines_and_body_start(text: str, lines: tuple[str, ...], body_start: int) -> None:
    message = parse(text)
    assert message.lines == lines
    assert message.body_start == body_start
    assert message.header_text == (lines[0] if lines else "")


# --- helpers that propose fixes ---------------------------------------------------------


def _parsed_header(line: str) -> Header:
    header = parse(line).header
    assert header is not None, line
    return header


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        pytest.param("feat: x", [], id="no-scope"),
        pytest.param("feat(api): x", [("api", 5)], id="one"),
        pytest.param("feat(api,auth): x", [("api", 5), ("auth", 9)], id="two"),
        pytest.param("feat(api, auth): x", [("api", 5), ("auth", 10)], id="space-after-comma"),
        pytest.param("feat(a,,b)!: x", [("a", 5), ("", 7), ("b", 8)], id="empty-part"),
    ],
)
def test_scope_parts_name_each_scope_at_its_column(line: str, parts: list[tuple[str, int]]) -> None:
    found = scope_parts(_parsed_header(line))
    assert found == parts
    for name, column in found:
        assert line[column : column + len(name)] == name


@pytest.mark.parametrize(
    ("name", "kebab"),
    [
        pytest.param("OrderHistory", "order-history", id="camel"),
        pytest.param("order history", "order-history", id="space"),
        pytest.param("API", "api", id="acronym"),
        pytest.param("v2.1/Orders", "v2.1/orders", id="kept-punctuation"),
        pytest.param("Order_History", "order_history", id="underscore-kept"),
        pytest.param("é", "", id="nothing-left"),
    ],
)
def test_kebab_case_makes_a_scope_name(name: str, kebab: str) -> None:
    assert kebab_case(name) == kebab
    if kebab:
        assert is_scope_name(kebab)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Add orders", "add orders", id="capitalised"),
        pytest.param("add orders", "add orders", id="already"),
        pytest.param("JWT check", "JWT check", id="acronym"),
        pytest.param("UserService init", "UserService init", id="identifier"),
        pytest.param("", "", id="empty"),
    ],
)
def test_decapitalised_leaves_acronyms_and_identifiers(text: str, expected: str) -> None:
    assert decapitalised(text) == expected


def test_with_parts_replaces_only_what_it_is_given() -> None:
    header = _parsed_header("Feat(Api)!: Add x.")
    assert with_parts(header) == "Feat(Api)!: Add x."
    assert with_parts(header, type_="feat") == "feat(Api)!: Add x."
    assert with_parts(header, scope="api", description="add x") == "Feat(api)!: add x"


@pytest.mark.parametrize(
    ("line", "broken", "suggestion"),
    [
        pytest.param("Feat(Api): Add x.", {"type-case"}, "feat(api): add x", id="all-at-once"),
        pytest.param("feature(api): x", {"type-enum"}, "feat(api): x", id="close-type"),
        pytest.param("wip(api): Add x", {"type-enum"}, None, id="no-close-type"),
        pytest.param(
            "feat: Add x",
            {"subject-case", "scope-empty"},
            "feat(<scope>): add x",
            id="scope-placeholder",
        ),
        pytest.param("Feat(Orders): x", {"type-case"}, "feat(orders): x", id="scope-kebab"),
        pytest.param("feat(api): Bad one.", {"subject-case"}, "feat(api): bad one", id="stop"),
        pytest.param("feat(api): add x", {"body-leading-blank"}, None, id="not-mechanical"),
        pytest.param("feat(api): A" + "x" * 70, {"subject-case"}, None, id="too-long"),
    ],
)
def test_suggested_header(line: str, broken: set[str], suggestion: str | None) -> None:
    config = build({"types": ["feat", "fix"]}, "test.yaml")
    assert suggested_header(parse(line), config, broken) == suggestion


def test_suggested_header_keeps_scopes_the_preset_allows() -> None:
    config = build({"preset": "conventional"}, "test.yaml")
    header = "fix(useTemplateRef): Handle refs."
    assert suggested_header(parse(header), config, {"subject-case"}) == (
        "fix(useTemplateRef): handle refs"
    )


def test_closest_prefers_synonyms_then_spelling() -> None:
    assert closest("bugfix", ("feat", "fix")) == "fix"
    assert closest("fearture", ("feat", "fix", "refactor")) == "feat"
    assert closest("zzz", ("feat", "fix")) is None
