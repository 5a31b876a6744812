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
from commitguard.output import Painter
from commitguard.output.violations import compact


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
        lines.extend(compact(violation, paint, indent="  ", escape=visible))
    return lines
