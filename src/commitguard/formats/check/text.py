"""`--format text`: for people reading a terminal or a CI log, grouped per commit.

    aaaaaaaaaa Fix the thing
      by Ada Lovelace <ada@example.com>
      error[header-format]: missing `:` after `Fix`
        = fix: did you mean the type `fix`? ...

The violation lines read like `commitguard lint`, so the hook and the gate look alike.
What the commit wrote is escaped for a CI log (output/escape.py): a header can neither
colour the log nor start a line of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from commitguard.engine.check import CheckResult
from commitguard.engine.commit import CheckedCommit
from commitguard.formats.check._shared import (
    BOTS_HEADING,
    author,
    bot_line,
    short,
    summary,
    with_findings,
)
from commitguard.output import Painter
from commitguard.output.escape import log_line
from commitguard.output.violations import compact


def render(result: CheckResult, paint: Painter) -> str:
    return "".join(render_parts(result, paint))


def render_parts(result: CheckResult, paint: Painter) -> Iterator[str]:
    """The report a commit at a time, each part whole lines: written as they come."""
    yield f"commitguard: checking {log_line(result.range)} ({log_line(result.reason)})\n\n"
    for commit in with_findings(result):
        yield "\n".join(_commit(commit, paint)) + "\n\n"
    if result.bots:
        lines = [paint("dim", BOTS_HEADING)]
        lines.extend(f"  {bot_line(commit)}" for commit in result.bots)
        yield "\n".join(lines) + "\n\n"
    yield summary(result, paint) + "\n"


def _commit(commit: CheckedCommit, paint: Painter) -> list[str]:
    lines = [
        f"{paint('bold', short(commit.sha))} {log_line(commit.header)}",
        f"  {paint('dim', 'by ' + log_line(author(commit)))}",
    ]
    for violation in commit.violations:
        lines.extend(compact(violation, paint, indent="  "))
    return lines
