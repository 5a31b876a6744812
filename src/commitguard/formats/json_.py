"""`--format json`: the DESIGN.md shape, which scripts rely on.

Fields may be added; `version`, `range`, `commits[].sha|author|header|violations`,
the violation keys and `summary.commits|failed|errors|warnings` are never renamed.
Text goes out exactly as git stored it: JSON escapes what needs escaping.
"""

from __future__ import annotations

import json

from commitguard.check import CheckedCommit, CheckResult


def render(result: CheckResult) -> str:
    """The same text as one `json.dumps(..., indent=2)` of the whole report, built a
    commit at a time: a range with 20,000 failing commits never becomes one tree of
    Python dicts and lists, which would cost `check` more memory than git itself."""
    head = {"version": 1, "range": result.range, "reason": result.reason}
    summary = {
        "commits": result.total,
        "failed": result.failed,
        "errors": result.errors,
        "warnings": result.warnings,
        "merges_skipped": result.merges,
        "exempted": result.exempted,
    }
    lines = [_dump(head)[:-2] + ","]  # the object left open for "commits"
    commits = [_indent(_dump(_commit(commit)), 4) for commit in result.commits]
    lines.append(
        '  "commits": [' + ("\n" + ",\n".join(commits) + "\n  ]" if commits else "]") + ","
    )
    lines.append('  "summary": ' + _indent(_dump(summary), 2).lstrip())
    lines.append("}")
    return "\n".join(lines) + "\n"


def _commit(commit: CheckedCommit) -> dict[str, object]:
    return {
        "sha": commit.sha,
        "author": {"name": commit.author_name, "email": commit.author_email},
        "header": commit.header,
        "exemption": commit.exemption,
        "violations": [violation.to_json() for violation in commit.violations],
    }


def _dump(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def _indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line for line in text.split("\n"))
