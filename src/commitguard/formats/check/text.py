"""`--format text`: for people reading a terminal or a CI log, grouped per commit.

    aaaaaaaaaa Fix the thing
      by Ada Lovelace <ada@example.com>
      error[header-format]: missing `:` after `Fix`
        = fix: did you mean the type `fix`? ...

The violation lines read like `commitguard lint`, so the hook and the gate look alike.
"""

from __future__ import annotations

from commitguard.engine.check import CheckedCommit, CheckResult
from commitguard.formats.check._shared import author, short, summary, visible, with_findings
from commitguard.model import Violation
from commitguard.output.render import Painter


def render(result: CheckResult, paint: Painter) -> str:
    lines = [f"commitguard: checking {visible(result.range)} ({visible(result.reason)})", ""]
    for commit in with_findings(result):
        lines.extend(_commit(commit, paint))
        lines.append("")
    lines.append(summary(result, paint))
    return "\n".join(lines) + "\n"


def _commit(commit: CheckedCommit, paint: Painter) -> list[str]:
    lines = [
        f"{paint('bold', short(commit.sha))} {visible(commit.header)}",
        f"  {paint('dim', 'by ' + visible(author(commit)))}",
    ]
    for violation in commit.violations:
        lines.extend(_violation(violation, paint))
    return lines


def _violation(violation: Violation, paint: Painter) -> list[str]:
    level = violation.severity.value
    lines = [
        f"  {paint(level, level)}{paint('bold', f'[{violation.rule}]')}: "
        + visible(violation.message)
    ]
    if violation.hint:
        first, *rest = visible(violation.hint).split("\n")
        lines.append(f"    {paint('gutter', '=')} {paint('hint', 'fix:')} {first}")
        # continuation lines start under the hint's first character
        lines.extend(f"           {line}" if line else "" for line in rest)
    return lines
