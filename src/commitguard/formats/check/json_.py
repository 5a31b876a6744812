"""`--format json`: the docs/DESIGN.md shape, which scripts rely on.

Fields may be added; `version`, `range`, `commits[].sha|author|header|violations`,
the violation keys and `summary.commits|failed|errors|warnings` are never renamed.
Commits a bot wrote are not judged: `skipped_bots` lists them (sha, author, header).
Text goes out exactly as git stored it: JSON escapes what needs escaping, and
`escape.json` the few characters the encoder leaves raw that a log would act on.
"""

from __future__ import annotations

import json

from commitguard.engine.check import CheckedCommit, CheckResult
from commitguard.output import Painter
from commitguard.output.escape import json as safe_json


def render(result: CheckResult, paint: Painter | None = None) -> str:
    """One commit per line inside an indented frame: valid JSON that stays readable and
    greppable for 20,000 failing commits, and built a commit at a time with the C
    encoder (an indented dump goes through Python's, five times slower), so a long
    range never becomes one tree of Python dicts and lists."""
    head = {"version": 1, "range": result.range, "reason": result.reason}
    summary = {
        "commits": result.total,
        "failed": result.failed,
        "errors": result.errors,
        "warnings": result.warnings,
        "merges_skipped": result.merges,
        "exempted": result.exempted,
        "bots_skipped": len(result.bots),
    }
    lines = ["{"]
    lines += [f"  {_dump(key)}: {_dump(value)}," for key, value in head.items()]
    commits = [f"    {_dump(_commit(commit))}" for commit in result.commits]
    lines.append('  "commits": [' + ("\n" + ",\n".join(commits) + "\n  ]," if commits else "],"))
    bots = [f"    {_dump(_bot(commit))}" for commit in result.bots]
    lines.append('  "skipped_bots": [' + ("\n" + ",\n".join(bots) + "\n  ]," if bots else "],"))
    lines.append(f'  "summary": {_dump(summary)}')
    lines.append("}")
    return safe_json("\n".join(lines)) + "\n"


def _commit(commit: CheckedCommit) -> dict[str, object]:
    return {
        "sha": commit.sha,
        "author": {"name": commit.author_name, "email": commit.author_email},
        "header": commit.header,
        "exemption": commit.exemption,
        "violations": [violation.to_json() for violation in commit.violations],
    }


def _bot(commit: CheckedCommit) -> dict[str, object]:
    return {
        "sha": commit.sha,
        "author": {"name": commit.author_name, "email": commit.author_email},
        "header": commit.header,
    }


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
