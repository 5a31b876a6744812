"""`report --format json`: the docs/DESIGN.md shape, which scripts rely on.

`version`, `window.since|until`, `authors[].name|email|commits|types|scopes|conventional|
migrations|security_fixes|breaking|insertions|deletions|active_days|violations` and
`totals` are never renamed; everything else is added alongside.
"""

from __future__ import annotations

import json

from commitguard.formats.report._common import SHORT_SHA, notes
from commitguard.output import Painter
from commitguard.output.escape import json as safe_json
from commitguard.report.aggregate import Report
from commitguard.report.figures import Place, placed
from commitguard.report.tally import Tally


def render(report: Report, paint: Painter | None = None, width: int = 0) -> str:
    window = report.window
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
                **tally(counts, person=True),
            }
            for person, counts in report.sorted_people()
        ],
        "totals": tally(report.totals),
        "previous": tally(report.previous),
        "repositories": [
            {"name": name, **tally(counts)} for name, counts in report.repositories.items()
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
    return safe_json(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def tally(counts: Tally, person: bool = False) -> dict[str, object]:
    """Every figure declared for JSON; `person`: those a single person has."""
    return {figure.key: figure.of(counts) for figure in placed(Place.JSON, person=person)}
