"""`--format sarif`: SARIF 2.1.0, for code scanning dashboards.

A finding is about a commit, not a file, so its location is a logical location
naming the commit. GitHub code scanning refuses a result without a physical location
("locationFromSarifResult: expected at least one location"), so each also points at
the commit message itself, `COMMIT_EDITMSG` at the line of the message the finding is
on: a path no repository holds, which code scanning shows as the alert's place. A
finding about a file (a migration, a security path) points at that file instead.
The commit sha, the rule and the finding's place among that
commit's findings of the same rule make the fingerprint: the same commit found
wanting in the next run is the same alert, not a new one.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from commitguard import __version__
from commitguard.engine.check import CheckResult
from commitguard.engine.commit import CheckedCommit
from commitguard.formats.check._shared import short
from commitguard.model import Violation
from commitguard.output import Painter
from commitguard.output.escape import json as safe_json
from commitguard.rules import catalogue

MESSAGE_URI = "COMMIT_EDITMSG"

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render(result: CheckResult, paint: Painter | None = None) -> str:
    rules = _rules(result)
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    results = []
    for commit in result.commits:
        seen: dict[str, int] = {}
        for violation in commit.violations:
            occurrence = seen[violation.rule] = seen.get(violation.rule, -1) + 1
            results.append(_result(commit, violation, index[violation.rule], occurrence))
    run = {
        "tool": {
            "driver": {
                "name": "commitguard",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }
        },
        "results": results,
        "properties": {
            "range": result.range,
            "reason": result.reason,
            # not judged: a bot wrote them (`--include-bots` judges them)
            "skippedBots": [
                {
                    "commit": commit.sha,
                    "header": commit.header,
                    "author": {"name": commit.author_name, "email": commit.author_email},
                }
                for commit in result.bots
            ],
        },
    }
    sarif = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return safe_json(json.dumps(sarif, indent=2, ensure_ascii=False)) + "\n"


def _rules(result: CheckResult) -> list[dict[str, object]]:
    """The whole catalogue, in its order, so a rule keeps its index from run to run."""
    known = catalogue()
    rules: list[dict[str, object]] = [
        {
            "id": rule.id,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.rationale},
            "help": {"text": rule.fix},
            "defaultConfiguration": {"level": _level(rule.severity.value)},
            "properties": {"tags": [rule.family]},
        }
        for rule in known.values()
    ]
    # A finding under an id the catalogue does not know would otherwise point nowhere.
    unknown = {
        violation.rule: None
        for commit in result.commits
        for violation in commit.violations
        if violation.rule not in known
    }
    rules.extend({"id": rule_id, "shortDescription": {"text": rule_id}} for rule_id in unknown)
    return rules


def _level(severity: str) -> str:
    return {"error": "error", "warning": "warning"}.get(severity, "none")


def _physical(violation: Violation) -> dict[str, object]:
    """The file a finding is about (a migration, a security path), else the message."""
    if violation.path is not None:
        # GitHub code scanning requires a region's startLine; the finding is about the
        # whole file, which starts at line 1.
        return {"artifactLocation": {"uri": quote(violation.path)}, "region": {"startLine": 1}}
    line = violation.span.line + 1 if violation.span else 1
    return {"artifactLocation": {"uri": MESSAGE_URI}, "region": {"startLine": line}}


def _result(
    commit: CheckedCommit, violation: Violation, rule_index: int, occurrence: int
) -> dict[str, object]:
    text = [violation.message, f"in commit {short(commit.sha)} {commit.header}"]
    if violation.hint:
        text.append(f"fix: {violation.hint}")
    properties: dict[str, object] = {
        "commit": commit.sha,
        "header": commit.header,
        "author": {"name": commit.author_name, "email": commit.author_email},
    }
    if violation.span is not None:
        # where in the commit message: 1-based, like the json format
        properties["line"] = violation.span.line + 1
        properties["column"] = violation.span.start + 1
    return {
        "ruleId": violation.rule,
        "ruleIndex": rule_index,
        "level": _level(violation.severity.value),
        "message": {"text": "\n".join(text)},
        "locations": [
            {
                "physicalLocation": _physical(violation),
                "logicalLocations": [
                    {"name": short(commit.sha), "fullyQualifiedName": commit.sha, "kind": "commit"}
                ],
            }
        ],
        "partialFingerprints": {
            "commitSha": commit.sha,
            "commitguardFinding/v1": f"{commit.sha}:{violation.rule}:{occurrence}",
        },
        "properties": properties,
    }
