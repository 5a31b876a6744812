"""The rule catalogue: every rule passes what it should, fails what it should, at the
right column; the engine's exemptions; the suggested header; registry hygiene."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from commitguard.config.load import build
from commitguard.engine.lint import Facts, LintResult, lint
from commitguard.message.parse import parse
from commitguard.model import Commit, Severity, Violation
from commitguard.rules import catalogue
from commitguard.rules.history import FixupTargets
from commitguard.rules.migrations import pathspec

TEAM_EXAMPLE = (
    "fix(auth): patch JWT validation vulnerability\n\n"
    "Security fix for token bypass issue.\n"
    "Impact: Critical\n"
    "Affects: All authenticated endpoints"
)
CONVENTIONAL = {"preset": "conventional"}
# Rule families tested here; the families that look at paths or whole ranges (history,
# migrations) are tested with the commands that feed them.
MESSAGE_FAMILIES = ("message", "security")
ALLOWED = {"scopes": {"allowed": ["api", "web", "payments"]}}


def run(
    text: str, settings: Mapping[str, object] | None = None, facts: Facts | None = None
) -> LintResult:
    return lint(parse(text), build(dict(settings or {}), "test.yaml"), facts)


def of(result: LintResult, rule_id: str) -> list[Violation]:
    return [violation for violation in result.violations if violation.rule == rule_id]


# --- messages that meet the whole standard ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "settings"),
    [
        pytest.param("feat(orders): add pagination", None, id="minimal"),
        pytest.param("feat(api): add GET /api/orders", None, id="acronym-after-verb"),
        pytest.param("fix(api): parse the header of a JWT", None, id="acronym-at-end"),
        pytest.param(TEAM_EXAMPLE, None, id="team-security-example"),
        pytest.param(
            "refactor(order-history): split the loader\n\nThe loader did three things.\n\n"
            "Refs #12\nReviewed-by: Ada <ada@example.com>",
            None,
            id="body-and-footers",
        ),
        pytest.param(
            "feat(api)!: drop /v1/orders\n\nBREAKING CHANGE: /v1/orders is gone; use /v2.",
            None,
            id="breaking-with-footer",
        ),
        pytest.param("build: bump click", CONVENTIONAL, id="conventional-no-scope"),
        pytest.param("feat(api,web): share the client", ALLOWED, id="allowed-scopes"),
    ],
)
def test_clean_message(text: str, settings: Mapping[str, object] | None) -> None:
    result = run(text, settings)
    assert result.violations == ()
    assert result.exemption is None
    assert result.suggestion is None


# --- each rule: must pass ---------------------------------------------------------------

MUST_PASS = [
    # header-format
    pytest.param("header-format", "feat(api): x", None, id="header-format-scope"),
    pytest.param("header-format", "feat: x", None, id="header-format-no-scope"),
    pytest.param("header-format", "feat(api)!: x", None, id="header-format-bang"),
    # type-enum
    pytest.param("type-enum", "chore(deps): bump click", None, id="type-enum-team"),
    pytest.param("type-enum", "ci(gh): cache pip", CONVENTIONAL, id="type-enum-conventional"),
    pytest.param("type-enum", "wip(api): x", {"types": ["wip"]}, id="type-enum-configured"),
    pytest.param("type-enum", "Feat(api): x", None, id="type-enum-leaves-case-to-type-case"),
    pytest.param("type-case", "Feature(api): x", None, id="type-case-leaves-unknown-to-type-enum"),
    pytest.param(
        "header-max-length", "Added " + "x" * 80, None, id="max-length-leaves-broken-to-format"
    ),
    # type-case
    pytest.param("type-case", "feat(api): x", None, id="type-case-lower"),
    # scope-empty
    pytest.param("scope-empty", "feat(api): x", None, id="scope-empty-present"),
    pytest.param("scope-empty", "feat: x", CONVENTIONAL, id="scope-empty-conventional"),
    pytest.param(
        "scope-empty", "feat: x", {"scopes": {"required": False}}, id="scope-empty-optional"
    ),
    # scope-enum
    pytest.param("scope-enum", "feat(anything): x", None, id="scope-enum-any-when-unset"),
    pytest.param("scope-enum", "feat(api): x", ALLOWED, id="scope-enum-allowed"),
    pytest.param("scope-enum", "feat(api, web): x", ALLOWED, id="scope-enum-two-allowed"),
    pytest.param("scope-enum", "feat(API): x", ALLOWED, id="scope-enum-leaves-case"),
    pytest.param("scope-enum", "feat: x", ALLOWED | CONVENTIONAL, id="scope-enum-no-scope"),
    # scope-case
    pytest.param("scope-case", "feat(order-history): x", None, id="scope-case-kebab"),
    pytest.param("scope-case", "feat(api/v2): x", None, id="scope-case-path"),
    pytest.param("scope-case", "feat(api, web): x", None, id="scope-case-list"),
    pytest.param("scope-case", "feat(i18n): x", None, id="scope-case-digits"),
    pytest.param("scope-case", "feat(order_history): x", None, id="scope-case-module-name"),
    # subject-empty
    pytest.param("subject-empty", "docs(api): x", None, id="subject-empty-one-letter"),
    # subject-case
    pytest.param("subject-case", "feat(api): add GET /api/orders", None, id="subject-case-lower"),
    pytest.param("subject-case", "fix(auth): JWT validation", None, id="subject-case-acronym"),
    pytest.param("subject-case", "fix(di): UserService wiring", None, id="subject-case-ident"),
    pytest.param("subject-case", "fix(ui): 404 page", None, id="subject-case-digit"),
    pytest.param("subject-case", "fix(ui): iOS layout", None, id="subject-case-ios"),
    pytest.param("subject-case", "fix(ui): `Button` focus", None, id="subject-case-code"),
    # subject-full-stop
    pytest.param("subject-full-stop", "fix(cart): keep items", None, id="full-stop-none"),
    pytest.param("subject-full-stop", "fix(cart): wait for it...", None, id="full-stop-ellipsis"),
    pytest.param("subject-full-stop", "chore(deps): bump to 1.2", None, id="full-stop-version"),
    pytest.param(
        "subject-full-stop", "fix(cart): x\n\nA body ends with a stop.", None, id="full-stop-body"
    ),
    # header-max-length
    pytest.param("header-max-length", "feat(api): " + "x" * 61, None, id="max-length-72"),
    pytest.param("header-max-length", "feat(api): " + "x" * 89, CONVENTIONAL, id="max-length-100"),
    pytest.param(
        "header-max-length", "feat(api): " + "x" * 61 + " (#12345)", None, id="squash-suffix"
    ),
    pytest.param(
        "header-max-length",
        "feat(api): " + "x" * 109,
        {"rules": {"header-max-length": {"max": 120}}},
        id="max-length-configured",
    ),
    # body-leading-blank
    pytest.param("body-leading-blank", "fix(db): x", None, id="leading-blank-no-body"),
    pytest.param("body-leading-blank", "fix(db): x\n\nbody", None, id="leading-blank-blank"),
    # body-max-line-length
    pytest.param("body-max-line-length", "fix(db): x\n\n" + "word " * 14, None, id="body-72"),
    pytest.param(
        "body-max-line-length",
        "fix(db): x\n\nSee https://example.com/" + "a" * 80 + " for details",
        None,
        id="body-url",
    ),
    pytest.param(
        "body-max-line-length", "fix(db): x\n\n" + "a" * 120, None, id="body-one-long-word"
    ),
    pytest.param(
        "body-max-line-length", "fix(db): x\n\n" + "word " * 19, CONVENTIONAL, id="body-100"
    ),
    # breaking-change-description
    pytest.param("breaking-change-description", "feat(api): x", None, id="breaking-none"),
    pytest.param(
        "breaking-change-description",
        "feat(api)!: drop x\n\nBREAKING CHANGE: x is gone",
        None,
        id="breaking-footer",
    ),
    pytest.param(
        "breaking-change-description",
        "feat(api)!: drop x\n\nWhy.\n\nBREAKING-CHANGE: x is gone",
        None,
        id="breaking-hyphen-footer",
    ),
    pytest.param(
        "breaking-change-description",
        "feat(api)!: drop x\n\nBREAKING CHANGE:\nx is gone; use y",
        None,
        id="breaking-value-below",
    ),
    pytest.param(
        "breaking-change-description",
        "feat(api): drop x\n\nBREAKING CHANGE: x is gone",
        None,
        id="breaking-footer-without-bang",
    ),
    # commitlint's parser reads a note that starts any line of the body.
    pytest.param(
        "breaking-change-description",
        "feat(api)!: drop x\n\nWhy.\nBREAKING CHANGE: gone",
        None,
        id="breaking-inside-a-paragraph",
    ),
    pytest.param(
        "breaking-change-description",
        "feat(api)!: drop x\n\nBREAKING CHANGE: x is gone\n\nMore about it.\n\nRefs: #1",
        None,
        id="breaking-before-more-body",
    ),
    # security-impact
    pytest.param("security-impact", TEAM_EXAMPLE, None, id="security-team-example"),
    pytest.param("security-impact", "feat(auth): add MFA", None, id="security-not-a-fix"),
    pytest.param("security-impact", "fix(cart): keep items", None, id="security-not-sensitive"),
    pytest.param(
        "security-impact",
        "fix(auth): x\n\nRejects forged tokens.\nimpact: critical\naffects: login",
        None,
        id="security-lower-case",
    ),
    pytest.param(
        "security-impact",
        "fix(auth): x\n\nRejects forged tokens.\nSecurity-Impact: High\nAffects: login",
        None,
        id="security-impact-alias",
    ),
    pytest.param(
        "security-impact",
        "fix(auth): x\n\nRejects forged tokens.\nImpact: High.\nAffects: login",
        None,
        id="security-impact-trailing-full-stop",
    ),
    pytest.param(
        "security-impact",
        "fix(jwt): x\n\nRejects forged tokens.\nImpact: Moderate\nAffects: login",
        None,
        id="security-moderate",
    ),
    pytest.param(
        "security-impact",
        "fix(session): x\n\nRejects forged tokens.\n"
        "Impact: LOW - only with a stolen cookie\nAffects: web sessions",
        None,
        id="security-level-with-detail",
    ),
    pytest.param(
        "security-impact",
        "fix(auth): x",
        {"security": {"scopes": ["payments"]}},
        id="security-configured-scopes",
    ),
    pytest.param(
        "security-impact",
        "fix(auth): x\n\nThe login page redirected to itself.\n\nImpact: None",
        None,
        id="security-none-needs-no-affects",
    ),
    # security-no-impact
    pytest.param("security-no-impact", TEAM_EXAMPLE, None, id="no-impact-a-level"),
    pytest.param(
        "security-no-impact",
        "fix(cart): x\n\nThe cart looped.\n\nImpact: None",
        None,
        id="no-impact-not-security",
    ),
]


@pytest.mark.parametrize(("rule_id", "text", "settings"), MUST_PASS)
def test_rule_passes(rule_id: str, text: str, settings: Mapping[str, object] | None) -> None:
    assert of(run(text, settings), rule_id) == []


# --- each rule: must fail, at the right column ------------------------------------------
# (rule, message, settings, (line, column) of the caret or None, text in message or hint)

MUST_FAIL = [
    # header-format: one precise error (the parser's own cases are in test_message.py)
    pytest.param("header-format", "feat (api): x", None, (0, 4), "space", id="hf-space-scope"),
    pytest.param("header-format", "feat!(api): x", None, (0, 4), "`!`", id="hf-bang"),
    pytest.param("header-format", "feat(): x", None, (0, 4), "empty", id="hf-empty-scope"),
    pytest.param("header-format", "feat(api) add x", None, (0, 9), "`:`", id="hf-missing-colon"),
    pytest.param("header-format", "feat:x", None, (0, 5), "space", id="hf-missing-space"),
    pytest.param("header-format", "", None, (0, 0), "empty", id="hf-empty-message"),
    # type-enum
    pytest.param(
        "type-enum",
        "feature(api): x",
        None,
        (0, 0),
        "did you mean `feat`? write `feat(api): x`",
        id="type-enum-feature",
    ),
    pytest.param(
        "type-enum",
        "bugfix(api): x",
        None,
        (0, 0),
        "did you mean `fix`? write `fix(api): x`",
        id="type-enum-bugfix",
    ),
    pytest.param(
        "type-enum", "feta(api)!: x", None, (0, 0), "`feat(api)!: x`", id="type-enum-typo-bang"
    ),
    pytest.param("type-enum", "wip(api): x", None, (0, 0), "unknown type `wip`", id="type-wip"),
    pytest.param("type-enum", "ci(gh): x", None, (0, 0), "expected one of", id="type-enum-ci"),
    pytest.param(
        "type-enum", "feat(api): x", {"types": ["fix"]}, (0, 0), "fix", id="type-enum-configured"
    ),
    # type-case
    pytest.param("type-case", "Feat(api): x", None, (0, 0), "`feat(api): x`", id="type-case"),
    pytest.param("type-case", "FIX(api): x", None, (0, 0), "`fix(api): x`", id="type-case-up"),
    # scope-empty
    pytest.param("scope-empty", "feat: add x", None, (0, 4), "feat(<scope>): add x", id="scope"),
    pytest.param(
        "scope-empty", "feat!: drop x", None, (0, 4), "feat(<scope>)!: drop x", id="scope-bang"
    ),
    pytest.param(
        "scope-empty",
        "feat: x",
        {"preset": "conventional", "scopes": {"required": True}},
        (0, 4),
        "missing scope",
        id="scope-empty-required-in-conventional",
    ),
    pytest.param(
        "scope-empty", "feat: x", ALLOWED, (0, 4), "one of: api, web, payments", id="scope-list"
    ),
    # scope-enum
    pytest.param(
        "scope-enum", "feat(apii): x", ALLOWED, (0, 5), "did you mean `api`?", id="scope-enum"
    ),
    pytest.param(
        "scope-enum", "feat(api, db): x", ALLOWED, (0, 10), "unknown scope `db`", id="scope-2nd"
    ),
    # scope-case
    pytest.param(
        "scope-case",
        "feat(OrderHistory): x",
        None,
        (0, 5),
        "`feat(order-history): x`",
        id="scope-case-camel",
    ),
    pytest.param(
        "scope-case", "feat(api, Web): x", None, (0, 10), "`Web`", id="scope-case-second-part"
    ),
    pytest.param(
        "scope-case", "feat(my scope): x", None, (0, 5), "lower-case name", id="scope-case-space"
    ),
    # subject-empty
    pytest.param("subject-empty", "docs(api):", None, (0, 10), "empty", id="subject-empty"),
    pytest.param("subject-empty", "docs(api): ", None, (0, 11), "<what", id="subject-space"),
    # subject-case
    pytest.param(
        "subject-case",
        "feat(api): Add orders",
        None,
        (0, 11),
        "`feat(api): add orders`",
        id="subject-case",
    ),
    pytest.param(
        "subject-case",
        "feat(api)!: Drop v1",
        None,
        (0, 12),
        "`feat(api)!: drop v1`",
        id="subject-case-bang",
    ),
    pytest.param("subject-case", "feat(api): A", None, (0, 11), "upper-case", id="subject-a"),
    # subject-full-stop
    pytest.param(
        "subject-full-stop",
        "fix(cart): keep items.",
        None,
        (0, 21),
        "`fix(cart): keep items`",
        id="full-stop",
    ),
    # header-max-length
    pytest.param(
        "header-max-length",
        "feat(api): " + "x" * 62,
        None,
        (0, 72),
        "73 characters",
        id="max-length-73",
    ),
    pytest.param(
        "header-max-length",
        "feat(api): " + "x" * 90,
        CONVENTIONAL,
        (0, 100),
        "limit is 100",
        id="max-length-101",
    ),
    pytest.param(
        "header-max-length",
        "feat(api): " + "x" * 62 + " (#12345)",
        None,
        (0, 72),
        "73 characters long (without GitHub's `(#12345)`)",
        id="squash-suffix-does-not-hide-a-long-header",
    ),
    pytest.param(
        "header-max-length",
        "feat(api): " + "x" * 40,
        {"rules": {"header-max-length": {"max": 50}}},
        (0, 50),
        "limit is 50",
        id="max-length-configured",
    ),
    # body-leading-blank
    pytest.param(
        "body-leading-blank", "fix(db): x\nbody", None, (1, 0), "blank line", id="leading-blank"
    ),
    # body-max-line-length
    pytest.param(
        "body-max-line-length",
        "fix(db): x\n\n" + "word " * 14 + "wor",
        None,
        (2, 72),
        "73",
        id="body-73",
    ),
    pytest.param(
        "body-max-line-length",
        "fix(db): x\n\nshort\n\n" + "word " * 20 + "\n" + "w " * 40,
        None,
        (4, 72),
        "1 more",
        id="body-first-of-two",
    ),
    # breaking-change-description
    pytest.param(
        "breaking-change-description", "feat(api)!: drop x", None, (0, 9), "`!`", id="bang-alone"
    ),
    pytest.param(
        "breaking-change-description", "feat!: drop x", None, (0, 4), "`!`", id="bang-no-scope"
    ),
    pytest.param(
        "breaking-change-description",
        "feat(api)!: drop x\n\nbreaking change: x is gone",
        None,
        (2, 0),
        "upper case",
        id="breaking-lower-case",
    ),
    pytest.param(
        "breaking-change-description",
        "feat(api)!: drop x\n\nBreaking-Change: x is gone",
        None,
        (2, 0),
        "upper case",
        id="breaking-mixed-case",
    ),
    pytest.param(
        "breaking-change-description",
        "feat(api)!: drop x\n\nBREAKING CHANGE:",
        None,
        (2, 0),
        "empty",
        id="breaking-empty-footer",
    ),
    pytest.param(
        "breaking-change-description",
        "feat(api): x\n\nBREAKING-CHANGE:",
        None,
        (2, 0),
        "empty",
        id="breaking-empty-footer-without-bang",
    ),
    # security-impact
    pytest.param(
        "security-impact",
        "fix(auth): patch JWT validation vulnerability",
        None,
        (0, 4),
        "no description, `Impact:` and `Affects:`",
        id="security-nothing",
    ),
    pytest.param(
        "security-impact",
        "fix(auth): x\n\nRejects forged tokens.\nAffects: login",
        None,
        (0, 4),
        "no `Impact:`",
        id="security-no-impact",
    ),
    pytest.param(
        "security-impact",
        "fix(auth): x\n\nRejects forged tokens.\n\nImpact: High",
        None,
        (0, 4),
        "no `Affects:`",
        id="security-no-affects",
    ),
    pytest.param(
        "security-no-impact",
        "fix(auth): x\n\nThe login page redirected to itself.\n\nImpact: None",
        None,
        (4, 0),
        "declares no security impact",
        id="no-impact-listed",
    ),
    pytest.param(
        "security-impact",
        "fix(auth): x\n\nRejects forged tokens.\nImpact: severe\nAffects: login",
        None,
        (3, 0),
        "not a level",
        id="security-bad-level",
    ),
    pytest.param(
        "security-impact",
        "fix(auth): x\n\nRejects forged tokens.\nImpact: High\nAffects:",
        None,
        (4, 0),
        "`Affects:` is empty",
        id="security-empty-affects",
    ),
    pytest.param(
        "security-impact",
        "fix(api,oauth): x",
        None,
        (0, 8),
        "scope `oauth`",
        id="security-second-scope",
    ),
    pytest.param(
        "security-impact", "fix(Auth): x", None, (0, 4), "security fix", id="security-case"
    ),
    pytest.param(
        "security-impact",
        "fix(payments): x",
        {"security": {"scopes": ["payments"]}},
        (0, 4),
        "Impact",
        id="security-configured-scope",
    ),
    pytest.param(
        "security-impact",
        "perf(auth): x",
        {"security": {"types": ["fix", "perf"]}},
        (0, 5),
        "Impact",
        id="security-configured-type",
    ),
]


@pytest.mark.parametrize(("rule_id", "text", "settings", "caret", "expected"), MUST_FAIL)
def test_rule_fails(
    rule_id: str,
    text: str,
    settings: Mapping[str, object] | None,
    caret: tuple[int, int] | None,
    expected: str,
) -> None:
    found = of(run(text, settings), rule_id)
    assert len(found) == 1, found
    violation = found[0]
    assert violation.severity is catalogue()[rule_id].severity
    assert expected in f"{violation.message}\n{violation.hint}"
    if caret is not None:
        assert violation.span is not None
        assert (violation.span.line, violation.span.start) == caret
        assert violation.span.end > violation.span.start


def test_every_message_rule_has_a_must_pass_and_a_must_fail_case() -> None:
    passing = {param.values[0] for param in MUST_PASS}
    failing = {param.values[0] for param in MUST_FAIL}
    message_rules = {r.id for r in catalogue().values() if r.family in MESSAGE_FAMILIES}
    assert passing == failing == message_rules


# --- header-format: a type is missing, or only its colon --------------------------------


@pytest.mark.parametrize(
    ("text", "settings", "message", "hint", "caret"),
    [
        pytest.param(
            "Added stuff",
            None,
            "the header does not start with a type",
            "a header looks like `<type>(<scope>): <description>`, "
            "for example `feat(<scope>): added stuff`",
            (0, 5),
            id="english-sentence",
        ),
        pytest.param(
            "Update README",
            None,
            "does not start with a type",
            "`feat(<scope>): update README`",
            (0, 6),
            id="keeps-the-rest",
        ),
        pytest.param(
            "WIP",
            None,
            "does not start with a type",
            "`feat(<scope>): WIP`",
            (0, 3),
            id="acronym-kept",
        ),
        pytest.param(
            "Added stuff",
            {"types": ["build", "ci"]},
            "does not start with a type",
            "`build(<scope>): added stuff`",
            (0, 5),
            id="first-configured-type",
        ),
        pytest.param(
            "Merge branch 'main'",
            None,
            "does not start with a type",
            "`feat(<scope>): merge branch 'main'`",
            (0, 5),
            id="merge-text-without-git-facts",
        ),
        pytest.param(
            "feat add x",
            None,
            "missing `:` after `feat`",
            "write `feat(<scope>): add x` (`<scope>`: the module or feature",
            (4, 5),
            id="type",
        ),
        pytest.param(
            "feat(api) add x",
            None,
            "missing `:` after `feat(api)`",
            "write `feat(api): add x`",
            (9, 10),
            id="type-and-scope",
        ),
        pytest.param(
            "feat(api)! drop x",
            None,
            "missing `:` after `feat(api)!`",
            "write `feat(api)!: drop x`",
            (10, 11),
            id="type-scope-bang",
        ),
        pytest.param(
            "fix",
            None,
            "missing `:` after `fix`",
            "write `fix(<scope>): <what it does>`",
            (3, 4),
            id="type-alone",
        ),
        pytest.param(
            "feature add x",
            None,
            "missing `:` after `feature`",
            "did you mean the type `feat`? write `feat(<scope>): add x`",
            (7, 8),
            id="close-to-a-type",
        ),
        pytest.param(
            "Fix(api) login bug",
            None,
            "missing `:` after `Fix(api)`",
            "did you mean the type `fix`? write `fix(api): login bug`",
            (8, 9),
            id="type-in-the-wrong-case",
        ),
        pytest.param(
            "Fixed login bug",
            None,
            "does not start with a type",
            "for example `fix(<scope>): fixed login bug`",
            (0, 5),
            id="verb-kept",
        ),
        pytest.param(
            "feature",
            None,
            "missing `:` after `feature`",
            "write `feat(<scope>): <what it does>`",
            (7, 8),
            id="synonym-alone",
        ),
        pytest.param(
            "ci cache pip",
            CONVENTIONAL,
            "missing `:` after `ci`",
            "write `ci: cache pip`",
            (2, 3),
            id="type-of-the-preset",
        ),
    ],
)
def test_header_format_tells_a_missing_type_from_a_missing_colon(
    text: str,
    settings: Mapping[str, object] | None,
    message: str,
    hint: str,
    caret: tuple[int, int],
) -> None:
    result = run(text, settings)
    assert [v.rule for v in result.violations] == ["header-format"]
    violation = result.violations[0]
    assert message in violation.message
    assert violation.hint is not None
    assert hint in violation.hint
    assert violation.span is not None
    assert (violation.span.start, violation.span.end) == caret


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("feat add x", id="missing-colon"),
        pytest.param("Added stuff", id="no-type"),
        pytest.param("Feature (OrderHistory) Add orders.", id="many-problems"),
        pytest.param("feat!(Api): Add x.", id="bang-before-scope"),
        pytest.param("feat(api) : Add x.", id="space-before-colon"),
        pytest.param("FEAT(): X.", id="empty-scope"),
    ],
)
def test_a_broken_header_gets_one_error_and_no_cascade(text: str) -> None:
    result = run(text)
    assert [v.rule for v in result.violations] == ["header-format"]
    assert result.suggestion is None


# --- severities from the configuration ---------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        pytest.param("warning", [Severity.WARNING], id="warning"),
        pytest.param("error", [Severity.ERROR], id="error"),
        pytest.param("off", [], id="off"),
        pytest.param(False, [], id="yaml-bare-off"),
        pytest.param({"severity": "warning"}, [Severity.WARNING], id="mapping"),
    ],
)
def test_configured_severity(setting: object, expected: list[Severity]) -> None:
    result = run("feat(api): Add x", {"rules": {"subject-case": setting}})
    assert [v.severity for v in result.violations] == expected
    assert result.errors == expected.count(Severity.ERROR)
    assert result.warnings == expected.count(Severity.WARNING)


def test_body_max_line_length_is_a_warning_by_default() -> None:
    result = run("fix(db): x\n\n" + "word " * 20)
    assert [(v.rule, v.severity) for v in result.violations] == [
        ("body-max-line-length", Severity.WARNING)
    ]
    assert (result.errors, result.warnings) == (0, 1)


def test_turning_header_format_off_does_not_let_the_header_rules_guess() -> None:
    result = run("Feature (Api) Add x.", {"rules": {"header-format": "off"}})
    assert result.violations == ()


# --- exemptions ------------------------------------------------------------------------

REVERT = (
    'Revert "feat(api): add x"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.'
)


@pytest.mark.parametrize(
    ("text", "facts", "exemption"),
    [
        pytest.param("fixup! feat(api): add x", None, "fixup", id="fixup"),
        pytest.param("squash! feat(api): add x", None, "squash", id="squash"),
        pytest.param("amend! feat(api): add x\n\nfeat(api): add y", None, "amend", id="amend"),
        pytest.param("fixup! fixup! Added stuff", None, "fixup", id="fixup-of-fixup"),
        pytest.param(REVERT, None, "revert", id="revert-without-a-repository"),
        pytest.param(
            REVERT,
            Facts(reverted_commit_exists=True, reverted_header="feat(api): add x"),
            "revert",
            id="revert-exists",
        ),
        pytest.param(
            'Reapply "feat(api): add x"\n\nThis reverts commit 0123456.',
            None,
            "revert",
            id="reapply",
        ),
        pytest.param("Merge branch 'main' into feat", Facts(merge=True), "merge", id="merge"),
        pytest.param("Whatever they typed", Facts(merge=True), "merge", id="merge-any-text"),
    ],
)
def test_exempt(text: str, facts: Facts | None, exemption: str) -> None:
    result = run(text, facts=facts)
    assert result.exemption == exemption
    assert result.violations == ()


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        pytest.param(REVERT, Facts(reverted_commit_exists=False), id="revert-of-unknown-commit"),
        pytest.param(
            REVERT,
            Facts(reverted_commit_exists=True, reverted_header="feat(api): add y"),
            id="revert-citing-a-commit-with-another-header",
        ),
        pytest.param('Revert "feat(api): add x"', None, id="revert-without-the-sha-line"),
        pytest.param('Revert "x"\n\nThis reverts commit xyz.', None, id="revert-not-a-sha"),
        pytest.param("Revert the login change", None, id="revert-in-prose"),
        pytest.param("Merge branch 'main' into feat", None, id="merge-text-alone"),
        pytest.param("Merge branch 'main' into feat", Facts(merge=False), id="not-a-merge"),
        pytest.param("fixup!feat(api): add x", None, id="fixup-without-space"),
        pytest.param("Fixup! feat(api): add x", None, id="fixup-capitalised"),
    ],
)
def test_not_exempt(text: str, facts: Facts | None) -> None:
    result = run(text, facts=facts)
    assert result.exemption is None
    assert [v.rule for v in result.violations] == ["header-format"]


# --- the suggested header --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "settings", "suggestion"),
    [
        pytest.param(
            "Feature(OrderHistory): Add orders.",
            None,
            "feat(order-history): add orders",
            id="everything-at-once",
        ),
        pytest.param("bugfix(api): x", None, "fix(api): x", id="type-synonym"),
        pytest.param(
            "Feat(api)!: Drop v1\n\nBREAKING CHANGE: v1 is gone.",
            None,
            "feat(api)!: drop v1",
            id="keeps-the-bang",
        ),
        pytest.param("feat(Api,Web): add x", None, "feat(api,web): add x", id="two-scopes"),
        pytest.param("fix(api): JWT fix.", None, "fix(api): JWT fix", id="keeps-the-acronym"),
        pytest.param("docs(api): add x...", None, None, id="ellipsis-is-fine"),
        pytest.param("feat(api): add x", None, None, id="nothing-to-fix"),
        pytest.param("wip(api): Add x", None, None, id="unknown-type-needs-a-human"),
        pytest.param("feat: Add x", None, "feat(<scope>): add x", id="missing-scope-placeholder"),
        pytest.param("feat(apii): Add x", ALLOWED, "feat(api): add x", id="unknown-scope-closest"),
        pytest.param("feat(zzz): Add x", ALLOWED, "feat(<scope>): add x", id="unknown-scope"),
        pytest.param("fix(db): x\nbody", None, None, id="not-a-header-problem"),
        pytest.param("feat: Add x", CONVENTIONAL, "feat: add x", id="scope-optional"),
    ],
)
def test_suggestion(
    text: str, settings: Mapping[str, object] | None, suggestion: str | None
) -> None:
    result = run(text, settings)
    assert result.suggestion == suggestion
    if suggestion is not None:
        # The whole message with the suggested header meets the standard.
        # (Its placeholder filled in as the author would: a scope only they can name.)
        chosen = "payments" if settings == ALLOWED else "orders"
        header = suggestion.replace("<scope>", chosen)
        fixed = header + text[len(text.split("\n", 1)[0]) :]
        assert run(fixed, settings).violations == ()


# --- where an autosquash commit folds (fixup-commit's hint in `check`) -------------------


def stream(*headers: str) -> list[Commit]:
    """Commits newest first, as `check` streams them: the last one is a root; sha n is
    the digit n repeated."""
    shas = [str(n) * 40 for n in range(len(headers))]
    parents = [(sha,) for sha in shas[1:]] + [()]
    return [
        Commit(sha, parent, "Ada", "ada@example.com", "2026-01-15T10:00:00+00:00", header)
        for sha, parent, header in zip(shas, parents, headers, strict=True)
    ]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        pytest.param(
            ("fixup! feat: a", "feat: b", "feat: a", "docs: x"), "2222222222^", id="exact"
        ),
        pytest.param(
            ("fixup! feat: a", "feat: a", "feat: a", "docs: x"), "1111111111^", id="newest-equal"
        ),
        pytest.param(("squash! fixup! feat: a", "feat: a", "docs: x"), "1111111111^", id="stacked"),
        pytest.param(
            ("fixup! feat: a", "feat: abc", "feat: ab", "docs: x"),
            "2222222222^",
            id="oldest-prefix",
        ),
        pytest.param(
            ("fixup! feat: a", "feat: a", "feat: ab", "docs: x"),
            "1111111111^",
            id="exact-over-prefix",
        ),
        pytest.param(("amend! 2222", "feat: b", "feat: a", "docs: x"), "2222222222^", id="by-sha"),
        pytest.param(("fixup! feat: a", "feat: a"), "--root", id="root-target"),
        pytest.param(("fixup! feat: a", "feat: b", "docs: x"), None, id="not-in-range"),
        pytest.param(("fixup! ", "feat: b", "docs: x"), None, id="names-nothing"),
    ],
)
def test_an_autosquash_commit_folds_from_its_targets_parent(
    headers: tuple[str, ...], expected: str | None
) -> None:
    targets = FixupTargets()
    for commit in stream(*headers):
        targets.see(commit)
    hint = targets.hint("0" * 40)
    assert hint is not None
    if expected is None:
        assert "`git rebase -i 0000000000^`" in hint  # reword it instead
    else:
        assert f"`git rebase -i --autosquash {expected}`" in hint


def test_a_commit_that_is_no_autosquash_commit_gets_no_fold_hint() -> None:
    targets = FixupTargets()
    for commit in stream("feat: a", "docs: x"):
        targets.see(commit)
    assert not targets.seen
    assert targets.hint("0" * 40) is None


# --- how a printed command names a path (the migration split's commands) ----------------


@pytest.mark.parametrize(
    ("path", "known", "expected"),
    [
        pytest.param("src/users.ts", (), "src/users.ts", id="plain"),
        pytest.param("src/my users.ts", (), "'src/my users.ts'", id="quoted"),
        pytest.param("src/a*b.ts", ("src/aXb.ts",), "':(literal)src/a*b.ts'", id="wildcard"),
        pytest.param(":x.ts", (), "':(literal):x.ts'", id="leading-colon"),
        pytest.param("src/a\nb[1].ts", (), "':(glob)src/a?b\\[1].ts'", id="newline"),
        pytest.param("src/\u202egnp.ts", (), "':(glob)src/???gnp.ts'", id="bidi-three-bytes"),
        pytest.param("x##[error]", (), "':(glob)x?#\\[error]'", id="workflow-command"),
        pytest.param("src/a\rb", ("src/a\nb", "src/a\rb"), None, id="a-lookalike"),
        pytest.param("src/a\rb", ("src/a\nb/c.ts",), None, id="a-lookalike-directory"),
        pytest.param("src/a\rb", ("src/a/b",), "':(glob)src/a?b'", id="never-a-slash"),
        pytest.param("src/caf\ufffd.ts", (), None, id="bytes-that-were-not-utf8"),
    ],
)
def test_a_path_is_named_by_one_plain_shell_word(
    path: str, known: tuple[str, ...], expected: str | None
) -> None:
    assert pathspec(path, known) == expected


# --- every rule's own examples (ids and documentation: test_catalogue.py) ---------------

DESIGN_MESSAGE_RULES = (
    "header-format",
    "type-enum",
    "type-case",
    "scope-empty",
    "scope-enum",
    "scope-case",
    "subject-empty",
    "subject-case",
    "subject-full-stop",
    "header-max-length",
    "body-leading-blank",
    "body-max-line-length",
    "breaking-change-description",
    "security-impact",
)
# What a rule's own examples need from the configuration to show it at work.
EXAMPLE_SETTINGS: dict[str, dict[str, object]] = {
    "scope-enum": {"scopes": {"allowed": ["payments", "orders"]}},
}
RULE_IDS = list(catalogue())
# Rules whose examples are commit messages on their own: history rules see them as
# commits already made (`check`), where autosquash commits are no longer exempt.
EXAMPLE_RULES = [
    rule_id
    for rule_id, rule in catalogue().items()
    if rule.family in (*MESSAGE_FAMILIES, "history")
]


def example(rule_id: str, text: str) -> LintResult:
    config = build(EXAMPLE_SETTINGS.get(rule_id, {}), "test.yaml")
    return lint(parse(text), config, history=True)


def test_design_rules_are_registered() -> None:
    missing = [rule_id for rule_id in DESIGN_MESSAGE_RULES if rule_id not in catalogue()]
    assert missing == []


@pytest.mark.parametrize("rule_id", EXAMPLE_RULES)
def test_rule_good_example_passes_it(rule_id: str) -> None:
    assert of(example(rule_id, catalogue()[rule_id].good), rule_id) == []


@pytest.mark.parametrize("rule_id", EXAMPLE_RULES)
def test_rule_bad_example_fails_it(rule_id: str) -> None:
    assert of(example(rule_id, catalogue()[rule_id].bad), rule_id) != []


@pytest.mark.parametrize("rule_id", EXAMPLE_RULES)
def test_rule_good_example_meets_the_whole_standard(rule_id: str) -> None:
    """`commitguard explain` shows `good` as the message to copy: it must pass everything."""
    assert example(rule_id, catalogue()[rule_id].good).violations == ()


@pytest.mark.parametrize("rule_id", [r for r in RULE_IDS if catalogue()[r].options])
def test_rule_options_have_a_default_in_every_preset(rule_id: str) -> None:
    for preset in ("team", "conventional"):
        options = build({"preset": preset}, "test.yaml").rule_options[rule_id]
        assert set(options) == set(catalogue()[rule_id].options)
