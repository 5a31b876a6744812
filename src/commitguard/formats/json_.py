"""`--format json`: the DESIGN.md shape, which scripts rely on.

Fields may be added; `version`, `range`, `commits[].sha|author|header|violations`,
the violation keys and `summary.commits|failed|errors|warnings` are never renamed.
Text goes out exactly as git stored it: JSON escapes what needs escaping.
"""

from __future__ import annotations

import json

from commitguard.check import CheckResult


def render(result: CheckResult) -> str:
    data = {
        "version": 1,
        "range": result.range,
        "reason": result.reason,
        "commits": [
            {
                "sha": commit.sha,
                "author": {"name": commit.author_name, "email": commit.author_email},
                "header": commit.header,
                "exemption": commit.exemption,
                "violations": [violation.to_json() for violation in commit.violations],
            }
            for commit in result.commits
        ],
        "summary": {
            "commits": result.total,
            "failed": result.failed,
            "errors": result.errors,
            "warnings": result.warnings,
            "merges_skipped": result.merges,
            "exempted": result.exempted,
        },
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
