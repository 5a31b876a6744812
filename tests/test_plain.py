"""`check` passes most commits without running a rule: engine.lint.passes_plainly.

The shortcut may only ever say "nothing to find" where the rules find nothing. Here it is
held to the full path over generated messages, paths and configurations (hypothesis), and
shown to be taken for the commits it exists for, so that it cannot quietly stop working.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commitguard.config.schema import build
from commitguard.config.settings import Config
from commitguard.engine import check as engine_check
from commitguard.engine.check import check_commit
from commitguard.engine.lint import lint
from commitguard.engine.plain import passes_plainly
from commitguard.message.parse import parse
from commitguard.model import Change, Commit, Severity
from commitguard.rules import catalogue

_MIGRATION_RULES = {r.id: Severity.OFF for r in catalogue().values() if r.family == "migrations"}


def _as_check_judges(config: Config) -> Config:
    """The configuration `check` judges each commit with: the migration rules are judged
    over the whole range instead (migrations/branch.py), so they are off here."""
    return config.with_severities(_MIGRATION_RULES)


CONFIGS = {
    "team": _as_check_judges(build({}, "test.yaml")),
    "conventional": _as_check_judges(build({"preset": "conventional"}, "test.yaml")),
    "scopes required": _as_check_judges(
        build({"scopes": {"allowed": ["api", "auth"], "required": True}}, "test.yaml")
    ),
    "long body lines allowed": _as_check_judges(
        build({"rules": {"body-max-line-length": {"severity": "off"}}}, "test.yaml")
    ),
}

_TYPES = ["feat", "fix", "refactor", "docs", "perf", "chore", "test", "Feat", "FIX", "build"]
_SCOPES = [None, "api", "auth", "jwt", "security", "Auth", "api,auth", "", " ", "orders"]
_DESCRIPTIONS = [
    "add pagination",
    "keep items in order",
    "fix sql injection in search",
    "prevent xss in the profile page",
    "validate the oauth state",
    "handle CVE-2024-1234",
    "Add x",
    "add x.",
    " add x",
    "merge commit from fork",
    "bump lodash from 1.2.3 to 1.2.4",
    "handle BREAKING flag",
    "close the impact report",
    "x" * 80,
    "",
]
_BODY_LINES = [
    "",
    "Some words about the change.",
    "   ",
    "y" * 120,  # one word: it cannot wrap, so it may stay long
    "a sentence that runs on " * 5,
    "see https://example.com/" + "a" * 100,
    "BREAKING CHANGE: the old endpoint is gone",
    "BREAKING-CHANGE:",
    "Impact: None",
    "Impact: High",
    "Affects: every login",
    "Security fix for token bypass.",
    "CVE-2023-1111",
    "Refs: #12",
    "Signed-off-by: A <a@example.com>",
]
_PATHS = [
    "src/orders/service.ts",
    "src/auth/guard.ts",
    "src/auth/jwt.strategy.ts",
    "accounts/views.py",
    "README.md",
    "tests/test_auth.py",
    "app/models.py",
    "prisma/schema.prisma",
]


@st.composite
def plain_headers(draw: st.DrawFn) -> str:
    """Headers every header rule passes: most of a healthy history's."""
    type_ = draw(st.sampled_from(["feat", "fix", "fix", "refactor", "docs", "perf"]))
    scope = draw(st.sampled_from(["api", "auth", "orders", "jwt", "security", "api,orders"]))
    description = draw(st.sampled_from([d for d in _DESCRIPTIONS if d[:1].islower()]))
    return f"{type_}({scope}): {description}"


@st.composite
def any_headers(draw: st.DrawFn) -> str:
    type_ = draw(st.sampled_from(_TYPES))
    scope = draw(st.sampled_from(_SCOPES))
    bang = draw(st.sampled_from(["", "", "!"]))
    separator = draw(st.sampled_from([": ", ": ", ":", ":  "]))
    description = draw(st.one_of(st.sampled_from(_DESCRIPTIONS), st.text(max_size=30)))
    prefix = draw(st.sampled_from(["", "", "", "fixup! ", 'Revert "', "v1.2.3 "]))
    scoped = "" if scope is None else f"({scope})"
    return f"{prefix}{type_}{scoped}{bang}{separator}{description}"


@st.composite
def messages(draw: st.DrawFn) -> str:
    header = draw(st.one_of(plain_headers(), any_headers()))
    lines = draw(st.lists(st.sampled_from(_BODY_LINES), max_size=5))
    blank = draw(st.sampled_from(["\n", "\n\n", "\n\n"]))
    return header + (blank + "\n".join(lines) if lines else "")


changes = st.lists(
    st.builds(Change, st.sampled_from(["A", "M", "D"]), st.sampled_from(_PATHS)),
    max_size=4,
    unique_by=lambda change: change.path,
).map(tuple)


@settings(max_examples=400, deadline=None)
@given(messages(), changes, st.sampled_from(sorted(CONFIGS)))
def test_a_plain_pass_is_a_pass_of_every_rule(
    text: str, paths: tuple[Change, ...], config_name: str
) -> None:
    config = CONFIGS[config_name]
    header = passes_plainly(text, config, paths)
    if header is None:
        return
    judged = lint(parse(text), config, changes=paths, history=True)
    assert judged.violations == ()
    assert judged.exemption is None
    assert header == parse(text).header_text


def _commit(text: str, paths: tuple[Change, ...] = ()) -> Commit:
    return Commit("a" * 40, ("b" * 40,), "A", "a@example.com", "2026-01-01T00:00:00Z", text, paths)


@settings(max_examples=200, deadline=None)
@given(messages(), changes)
def test_check_commit_judges_alike_with_and_without_the_shortcut(
    text: str, paths: tuple[Change, ...]
) -> None:
    config = CONFIGS["team"]
    commit = _commit(text, paths)
    quick = check_commit(commit, config)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine_check, "passes_plainly", lambda *_: None)
        full = check_commit(commit, config)
    assert (quick.header, quick.violations, quick.exemption) == (
        full.header,
        full.violations,
        full.exemption,
    )


@pytest.mark.parametrize(
    ("text", "paths"),
    [
        ("feat(api): add pagination", ()),
        ("feat(api): add pagination\n\nThe list was too long to send at once.", ()),
        ("fix(orders): keep items in order", (Change("M", "src/orders/service.ts"),)),
        ("docs(retry): explain the retry policy\n\nWhy it waits.\n\nRefs: #12", ()),
    ],
)
def test_ordinary_commits_take_the_shortcut(text: str, paths: tuple[Change, ...]) -> None:
    assert passes_plainly(text, CONFIGS["team"], paths) == text.partition("\n")[0]


@pytest.mark.parametrize(
    ("text", "paths"),
    [
        ("fix(auth): reject expired tokens", ()),  # a security scope: the body is asked for
        ("fix(orders): prevent sql injection in search", ()),
        ("feat(api)!: drop v1", ()),
        ("feat(api): add x\nno blank line", ()),
        ("feat(api): add x\n\n" + "y " * 60, ()),
        ("fixup! feat(api): add x", ()),
        ('Revert "feat(api): add x"', ()),
        ("Feat(api): add x", ()),
    ],
)
def test_anything_a_rule_reads_goes_to_the_rules(text: str, paths: tuple[Change, ...]) -> None:
    assert passes_plainly(text, CONFIGS["team"], paths) is None


def test_a_rule_it_cannot_vouch_for_turns_it_off() -> None:
    """With the per-commit migration rules on (as the hook judges), every message goes
    through the rules: the shortcut knows nothing of paths."""
    assert passes_plainly("feat(api): add pagination", build({}, "test.yaml"), ()) is None
