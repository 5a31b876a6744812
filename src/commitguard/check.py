"""The range engine: every commit of a range through the same rules as the hook. Pure.

Commits stream in (from git.log), results stream into a summary; only commits with
findings are kept, so memory does not grow with the length of the history.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from commitguard.cleanup import clean
from commitguard.config import Config
from commitguard.lint import Facts, lint, reverted_commit
from commitguard.message import parse
from commitguard.model import Commit, Value, Violation


class CheckedCommit(Value):
    __slots__ = ("sha", "author_name", "author_email", "header", "violations", "exemption")

    def __init__(
        self,
        sha: str,
        author_name: str,
        author_email: str,
        header: str,
        violations: tuple[Violation, ...],
        exemption: str | None = None,
    ) -> None:
        self.sha = sha
        self.author_name = author_name
        self.author_email = author_email
        self.header = header
        self.violations = violations
        self.exemption = exemption

    @property
    def errors(self) -> int:
        return sum(1 for v in self.violations if v.severity.value == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for v in self.violations if v.severity.value == "warning")


class CheckResult(Value):
    __slots__ = (
        "range",
        "reason",
        "commits",
        "total",
        "merges",
        "exempted",
        "failed",
        "errors",
        "warnings",
    )

    def __init__(
        self,
        range: str,
        reason: str,
        commits: tuple[CheckedCommit, ...],
        total: int,
        merges: int,
        exempted: int,
        failed: int,
        errors: int,
        warnings: int,
    ) -> None:
        self.range = range  # what was given to git
        self.reason = reason  # why this range: "pull request into main", "argument", ...
        self.commits = commits  # every commit with a finding (all, with keep_passing)
        self.total = total  # commits in the range, merges included
        self.merges = merges  # skipped: a merge is a commit with two parents
        self.exempted = exempted  # git's reverts (and merges)
        self.failed = failed  # commits with at least one error
        self.errors = errors
        self.warnings = warnings


ProbeCommit = Callable[[str], bool]


def check_commits(
    commits: Iterable[Commit],
    config: Config,
    *,
    range_: str,
    reason: str,
    commit_exists: ProbeCommit | None = None,
    keep_passing: bool = False,
    progress: Callable[[int], None] | None = None,
) -> CheckResult:
    kept: list[CheckedCommit] = []
    total = merges = exempted = failed = errors = warnings = 0
    for commit in commits:
        total += 1
        if progress is not None and total % 1000 == 0:
            progress(total)
        checked = check_commit(commit, config, commit_exists)
        if commit.is_merge:
            merges += 1
        elif checked.exemption is not None and not checked.violations:
            exempted += 1
        if checked.errors:
            failed += 1
        errors += checked.errors
        warnings += checked.warnings
        if checked.violations or keep_passing:
            kept.append(checked)
    return CheckResult(
        range_, reason, tuple(kept), total, merges, exempted, failed, errors, warnings
    )


def check_commit(
    commit: Commit, config: Config, commit_exists: ProbeCommit | None = None
) -> CheckedCommit:
    # git stored the message cleaned already; cleaning again only normalises what a
    # tool other than `git commit` may have written (trailing blanks, CRLF).
    message = parse(clean(commit.message, comment="\0", mode="whitespace"))
    reverted = reverted_commit(message)
    facts = Facts(
        merge=commit.is_merge,
        reverted_commit_exists=None
        if reverted is None or commit_exists is None
        else commit_exists(reverted),
    )
    result = lint(message, config, facts, commit.changes, history=True)
    return CheckedCommit(
        commit.sha,
        commit.author_name,
        commit.author_email,
        message.header_text,
        result.violations,
        result.exemption,
    )
