"""`--format github`: GitHub Actions workflow commands, one annotation per violation.

    ::error title=commit aaaaaaaaaa%3A header-format::missing `:` after `Fix`%0A...
    ::error file=prisma/migrations/2_x/migration.sql,title=commit ...%3A migration-order::...

A finding about a message has no file to pin it to, so it lands in the checks summary,
titled with the commit and the rule. A finding about a path (the migration rules,
security by path) names that file, so GitHub shows it on the pull request's diff; no
line is given, since the finding is about the whole file. The runner reads one command
per line: everything user-written is escaped by GitHub's rules (actions/toolkit
`command.ts`), so a commit message or a path can neither break a command nor start one
of its own.
"""

from __future__ import annotations

from commitguard.engine.check import CheckResult
from commitguard.engine.commit import CheckedCommit
from commitguard.formats.check._shared import (
    BOTS_HEADING,
    author,
    bot_line,
    plural,
    short,
    summary,
    with_findings,
)
from commitguard.model import Violation
from commitguard.output import PLAIN, Painter
from commitguard.output.escape import log_line, log_text

# GitHub keeps at most 10 error and 10 warning annotations per step and drops the
# rest; the job summary (markdown, appended by the CLI) still lists every finding.
SHOWN_PER_LEVEL = 10


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: CheckResult, paint: Painter | None = None) -> str:
    lines = [
        annotation(commit, violation)
        for commit in with_findings(result)
        for violation in commit.violations
    ]
    if result.errors > SHOWN_PER_LEVEL or result.warnings > SHOWN_PER_LEVEL:
        lines.append(
            f"commitguard: GitHub shows the first {SHOWN_PER_LEVEL} annotations of each "
            "level; the job summary lists every finding."
        )
    if result.bots:
        # One folded group in the log: an annotation each would crowd out the findings.
        lines.append(f"::group::commitguard: {plural(len(result.bots), 'bot commit')} skipped")
        lines.append(BOTS_HEADING)
        lines.extend(bot_line(commit) for commit in result.bots)
        lines.append("::endgroup::")
    lines.append(summary(result, PLAIN))
    return "\n".join(lines) + "\n"


def annotation(commit: CheckedCommit, violation: Violation) -> str:
    title = f"commit {short(commit.sha)}: {violation.rule}"
    message = [
        violation.message,
        f"in {short(commit.sha)} {commit.header} (by {author(commit)})",
    ]
    if violation.hint:
        message.append(f"fix: {violation.hint}")
    # A CI log's rules first, line by line: an escape sequence in a header must not
    # reach the log raw, nor `##[` start a command. Newlines stay, for escape_data.
    body = escape_data(log_text("\n".join(message)))
    properties = f"title={escape_property(title)}"
    # A path the log would have to show escaped names no file GitHub knows: left out.
    if violation.path and log_line(violation.path) == violation.path:
        properties = f"file={escape_property(violation.path)},{properties}"
    return f"::{violation.severity.value} {properties}::{body}"
