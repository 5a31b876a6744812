"""Formats for `commitguard check`. Pure: a CheckResult in, text out."""

from __future__ import annotations

import json

from commitguard.check import CheckResult
from commitguard.render import Painter

FORMATS = ("text", "json", "github", "junit", "sarif", "markdown")


def render(result: CheckResult, fmt: str, paint: Painter) -> str:
    if fmt == "json":
        return to_json(result)
    return to_text(result, paint)


def summary_line(result: CheckResult) -> str:
    return (
        f"commitguard: {result.total} commits checked in {result.range}: "
        f"{result.failed} failed, {result.errors} errors, {result.warnings} warnings"
    )


def to_text(result: CheckResult, paint: Painter) -> str:
    lines = [f"checking {result.range} ({result.reason})"]
    for commit in result.commits:
        lines.append(f"{paint('bold', commit.sha[:10])} {commit.header}  <{commit.author_email}>")
        for violation in commit.violations:
            level = violation.severity.value
            lines.append(f"  {paint(level, level)}[{violation.rule}]: {violation.message}")
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def to_json(result: CheckResult) -> str:
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
