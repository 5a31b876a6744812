"""`preset: conventional` passes and fails what commitlint's config-conventional does.

Each verdict below is what `commitlint` 20.5.3 with `@commitlint/config-conventional`
says of the message (checked by hand; bench/commitlint.py measures the same on real
histories). The differences that remain on purpose are tested apart, each with the
reason the README's "commitlint compatibility" section gives.
"""

from __future__ import annotations

import pytest

from commitguard.config.load import build
from commitguard.engine.lint import LintResult, lint
from commitguard.message.parse import parse
from commitguard.model import Severity

LONG_LINE = "This line explains the change in more words than fit on one line " * 2


def conventional(text: str) -> LintResult:
    return lint(parse(text), build({"preset": "conventional"}, "test.yaml"))


def team(text: str) -> LintResult:
    return lint(parse(text), build({}, "test.yaml"))


def errors(result: LintResult) -> list[str]:
    return [v.rule for v in result.violations if v.severity is Severity.ERROR]


PASS = [
    pytest.param("fix(useTemplateRef): keep refs", id="camel-case-scope"),
    pytest.param("docs(READMD.md): fix a link", id="dotted-scope"),
    pytest.param("feat(HMR): reload css", id="upper-case-scope"),
    pytest.param("chore(@vitejs/plugin-legacy): bump", id="at-scope"),
    pytest.param("docs(plugins list): add a plugin", id="scope-with-a-space"),
    pytest.param("feat!: drop node 16", id="bang-alone"),
    pytest.param("feat(api)!: drop /v1", id="bang-alone-with-scope"),
    pytest.param("v21.2.2", id="release-tag"),
    pytest.param("chore(release): 1.2.3", id="chore-release"),
    pytest.param('Revert "feat(api): add x"\n\nThis reverts commit ' + "a" * 40 + ".", id="revert"),
    pytest.param("fixup! feat(api): add x", id="fixup"),
    pytest.param("fix(api): x\nno blank line before the body", id="body-leading-blank-warns"),
    pytest.param("fix(api): x\n\nSee https://example.com/" + "a" * 120, id="url-line"),
    pytest.param(
        "feat(api)!: drop x\n\nBREAKING CHANGE: x is gone\nmore about it\n\nWhy we did it.",
        id="breaking-note-before-more-body",
    ),
]

FAIL = [
    pytest.param("fix(api): x\n\n" + LONG_LINE, "body-max-line-length", id="body-line-over-100"),
    pytest.param(
        "fix(api): x\n\nWhy.\n\nRefs: " + LONG_LINE, "body-max-line-length", id="footer-over-100"
    ),
    pytest.param("Fix(api): x", "type-case", id="type-case"),
    pytest.param("wip: x", "type-enum", id="type-enum"),
    pytest.param("fix: Add x", "subject-case", id="subject-case"),
    pytest.param("fix: add x.", "subject-full-stop", id="full-stop"),
    pytest.param("fix: ", "subject-empty", id="subject-empty"),
    pytest.param("Initial commit", "header-format", id="initial-commit"),
    pytest.param("feat(api): " + "x" * 90, "header-max-length", id="header-over-100"),
]


@pytest.mark.parametrize("text", PASS)
def test_what_commitlint_passes_passes(text: str) -> None:
    assert errors(conventional(text)) == []


@pytest.mark.parametrize(("text", "rule"), FAIL)
def test_what_commitlint_fails_fails(text: str, rule: str) -> None:
    assert rule in errors(conventional(text))


def test_the_team_preset_still_asks_for_the_breaking_change_note() -> None:
    # The team's standard documents breaking changes in the body.
    assert errors(team("feat(api)!: drop /v1")) == ["breaking-change-description"]
    assert errors(team("feat(api)!: drop /v1\n\nBREAKING CHANGE: /v1 is gone")) == []


def test_the_team_preset_keeps_scope_case() -> None:
    assert errors(team("fix(useTemplateRef): keep refs")) == ["scope-case"]


def test_the_squash_suffix_is_not_counted_in_the_team_preset_either() -> None:
    header = "feat(api): " + "x" * 61
    assert len(header) == 72
    assert errors(team(header + " (#12345)")) == []
    assert errors(team(header + "x (#12345)")) == ["header-max-length"]


# --- differences kept on purpose (README: "commitlint compatibility") ------------------


def test_a_capitalised_identifier_passes_where_commitlint_fails_it() -> None:
    # commitlint fails any description that starts upper-case; commitguard lets
    # acronyms and identifiers through, as the team preset does.
    assert errors(conventional("fix(core): PluginContext type should be exported")) == []
    assert errors(conventional("feat(lib): CSS output for nested IIFE names")) == []


def test_a_double_space_after_the_colon_fails_where_commitlint_passes_it() -> None:
    assert errors(conventional("feat(ts):  expose the config")) == ["header-format"]


def test_a_long_word_alone_on_a_line_passes_where_commitlint_fails_it() -> None:
    # It cannot be wrapped (a hash, a path, a bot's marker).
    assert errors(conventional("chore(deps): bump x\n\n<!--" + "a" * 120 + "-->")) == []


def test_merge_text_in_a_commit_with_one_parent_is_judged() -> None:
    # Merges are recognised by their parents, not by their text.
    assert errors(conventional("Merge branch 'main' into next")) == ["header-format"]


def test_githubs_squash_suffix_is_not_counted_where_commitlint_counts_it() -> None:
    # The author did not write it (issue 13): commitlint fails this 109-character header.
    assert errors(conventional("feat(api): " + "x" * 89 + " (#12345)")) == []
