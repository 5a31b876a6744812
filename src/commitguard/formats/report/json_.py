"""`report --format json`: the docs/DESIGN.md shape, which scripts rely on.

`version`, `window.since|until`, `authors[].name|email|commits|types|scopes|conventional|
migrations|security_fixes|breaking|insertions|deletions|active_days|violations` and
`totals` are never renamed; everything else is added alongside.
"""

from __future__ import annotations

import json

from commitguard.formats.report._common import IMPACT_ORDER, SHORT_SHA, notes
from commitguard.report.aggregate import Report, Tally


def render(report: Report) -> str:
    window = report.window
    totals = tally(report.totals)
    totals["engineers"] = len(report.totals.people)
    previous = tally(report.previous)
    previous["engineers"] = len(report.previous.people)
    data = {
        "version": 1,
        "window": {
            "since": window.since.isoformat(),
            "until": window.until.isoformat(),
            "date": window.basis,
            "previous": {
                "since": window.previous_since.isoformat(),
                "until": window.since.isoformat(),
            },
        },
        "scope": report.scope,
        "authors": [
            {
                "name": person[0],
                "email": person[1],
                "emails": sorted(report.emails.get(person, ())),
                **tally(counts),
            }
            for person, counts in report.sorted_people()
        ],
        "totals": totals,
        "previous": previous,
        "repositories": [
            {"name": name, "engineers": len(counts.people), **tally(counts)}
            for name, counts in report.repositories.items()
        ],
        "merges_excluded": report.merges,
        "bots_excluded": [
            {"name": bot[0], "email": bot[1], "commits": count}
            for bot, count in sorted(report.bots.items())
        ],
        "lines_excluded": [
            {
                "pattern": pattern,
                "files": report.excluded.files[pattern],
                "insertions": report.excluded.insertions[pattern],
                "deletions": report.excluded.deletions[pattern],
            }
            for pattern in sorted(report.excluded.files)
        ],
        "look_alikes": [
            [{"name": name, "email": email} for name, email in group]
            for group in report.look_alikes()
        ],
        "needs_attention": [
            {
                "sha": item.sha,
                "short": item.sha[:SHORT_SHA],
                "author": {"name": item.identity[0], "email": item.identity[1]},
                "header": item.header,
                "repository": item.repository,
                "severity": item.severity,
                "rules": list(item.rules),
                "messages": list(item.messages),
                "undocumented_security_fix": item.undocumented_security,
            }
            for item in report.sorted_attention()
        ],
        "notes": notes(report),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def tally(counts: Tally) -> dict[str, object]:
    return {
        "commits": counts.commits,
        "co_authored": counts.co_authored,
        "types": _sorted(counts.types),
        "scopes": _sorted(counts.scopes),
        "conventional": counts.conforming,
        "migrations": counts.migrations,
        "migrations_separate": counts.migrations_separate,
        "migrations_mixed": counts.migrations_mixed,
        "security_fixes": counts.security_fixes,
        "security": {
            "documented": counts.security_documented,
            "undocumented": counts.security_undocumented,
            "impact": {
                level: counts.impacts[level] for level in IMPACT_ORDER if counts.impacts[level]
            },
        },
        "breaking": counts.breaking,
        "reverts": counts.reverts,
        "insertions": counts.insertions,
        "deletions": counts.deletions,
        "binary_files": counts.binary,
        "active_days": len(counts.days),
        "violations": _sorted(counts.violations),
    }


def _sorted(counter: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))
