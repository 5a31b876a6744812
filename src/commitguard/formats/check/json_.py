"""`--format json`: the docs/DESIGN.md shape, which scripts rely on.

Fields may be added; `version`, `range`, `commits[].sha|author|header|violations`,
the violation keys and `summary.commits|failed|errors|warnings` are never renamed.
Commits a bot wrote are not judged: `skipped_bots` lists them (sha, author, header).
Text goes out exactly as git stored it: JSON escapes what needs escaping, and
`escape.json` the few characters the encoder leaves raw that a log would act on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from commitguard.engine.check import CheckResult
from commitguard.engine.commit import CheckedCommit
from commitguard.output import Painter
from commitguard.output.escape import json as safe_json


def render(result: CheckResult, paint: Painter | None = None) -> str:
    return "".join(render_parts(result, paint))


def render_parts(result: CheckResult, paint: Painter | None = None) -> Iterator[str]:
    """One commit per line inside an indented frame: valid JSON that stays readable and
    greppable for 20,000 failing commits, and built a commit at a time with the C
    encoder (an indented dump goes through Python's, five times slower), so a long
    range never becomes one tree of Python dicts and lists, nor one string: each
    commit's line is handed on as it is made."""
    head = {"version": 1, "range": result.range, "reason": result.reason}
    yield "{\n" + "".join(f"  {_dump(key)}: {_dump(value)},\n" for key, value in head.items())
    for name, items, shape in (
        ("commits", result.commits, _commit),
        ("skipped_bots", result.bots, _bot),
    ):
        yield f'  "{name}": ['
        for number, commit in enumerate(items):
            yield ("\n    " if number == 0 else ",\n    ") + _dump(shape(commit))
        yield "\n  ],\n" if items else "],\n"
    summary = {
        "commits": result.total,
        "failed": result.failed,
        "errors": result.errors,
        "warnings": result.warnings,
        "merges_skipped": result.merges,
        "exempted": result.exempted,
        "bots_skipped": len(result.bots),
    }
    yield f'  "summary": {_dump(summary)}\n}}\n'


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
    return safe_json(json.dumps(value, ensure_ascii=False, separators=(", ", ": ")))
