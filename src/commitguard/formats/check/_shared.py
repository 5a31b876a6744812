"""What several formats say the same way: short shas, counts, the summary."""

from __future__ import annotations

from collections.abc import Iterator

from commitguard.engine.check import CheckResult
from commitguard.engine.commit import CheckedCommit
from commitguard.output import Painter
from commitguard.output.escape import log_line

# Ten characters: what `git log --oneline` needs to stay unambiguous in large
# repositories, so a sha copied from a report can be pasted back into git.
SHORT_SHA = 10

BOTS_HEADING = "skipped, written by a bot (--include-bots judges them):"


def short(sha: str) -> str:
    return sha[:SHORT_SHA]


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def author(commit: CheckedCommit) -> str:
    return f"{commit.author_name} <{commit.author_email}>"


def with_findings(result: CheckResult) -> Iterator[CheckedCommit]:
    """The commits with findings, one at a time: a long range's are read from disk."""
    # `commits` also holds passing commits when the CLI asked to keep them (junit).
    return (commit for commit in result.commits if commit.violations)


def checked(result: CheckResult) -> int:
    """Commits the rules judged: merges and bots' commits are skipped, not judged."""
    return result.total - result.merges - len(result.bots)


def bot_line(commit: CheckedCommit) -> str:
    """`aaaaaaaaaa build(deps): bump x (by renovate[bot] <...>)`, escaped for a log."""
    return f"{short(commit.sha)} {log_line(commit.header)} (by {log_line(author(commit))})"


def counts(result: CheckResult, paint: Painter) -> str:
    """`2 failed, 3 errors, 1 warning, 1 merge skipped`: every count, zeros included,
    so a script or a person scanning logs finds each one in the same place."""
    parts = [
        f"{result.failed} failed",
        paint("error", plural(result.errors, "error")) if result.errors else "0 errors",
        paint("warning", plural(result.warnings, "warning")) if result.warnings else "0 warnings",
        f"{plural(result.merges, 'merge')} skipped",
    ]
    if result.bots:
        parts.append(f"{plural(len(result.bots), 'bot commit')} skipped")
    if result.exempted:
        parts.append(f"{result.exempted} exempted")
    return ", ".join(parts)


def summary(result: CheckResult, paint: Painter) -> str:
    where = f"{log_line(result.range)} ({log_line(result.reason)})"
    if result.total == 0:
        return f"commitguard: no commits to check in {where}"
    return (
        f"commitguard: {plural(checked(result), 'commit')} checked in {where}: "
        f"{counts(result, paint)}"
    )
