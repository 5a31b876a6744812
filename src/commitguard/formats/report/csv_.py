"""`report --format csv`: one row per engineer, for a spreadsheet. Pure.

Each row carries the window (since, until, which date) in its first columns, so a row
pasted elsewhere still says which two weeks it describes. Mixes such as the types are
`name:count` pairs joined by `;`.
"""

from __future__ import annotations

import csv
import io

from commitguard.report.aggregate import Report, Tally

COLUMNS = (
    "since",
    "until",
    "date",
    "name",
    "email",
    "emails",
    "commits",
    "co_authored",
    "active_days",
    "conventional",
    "types",
    "scopes",
    "violations",
    "migrations",
    "migrations_mixed",
    "security_fixes",
    "security_undocumented",
    "breaking",
    "reverts",
    "insertions",
    "deletions",
)


def render(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    window = report.window
    for person, counts in report.sorted_people():
        writer.writerow(
            [
                window.since.isoformat(),
                window.until.isoformat(),
                window.basis,
                _safe(person[0]),
                _safe(person[1]),
                ";".join(sorted(report.emails.get(person, ()))),
                *_figures(counts),
            ]
        )
    return buffer.getvalue()


def _figures(counts: Tally) -> list[object]:
    return [
        counts.commits,
        counts.co_authored,
        len(counts.days),
        counts.conforming,
        _pairs(counts.types),
        _pairs(counts.scopes),
        _pairs(counts.violations),
        counts.migrations,
        counts.migrations_mixed,
        counts.security_fixes,
        counts.security_undocumented,
        counts.breaking,
        counts.reverts,
        counts.insertions,
        counts.deletions,
    ]


def _pairs(counter: dict[str, int]) -> str:
    items = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return ";".join(f"{name}:{count}" for name, count in items)


def _safe(text: str) -> str:
    """A spreadsheet runs a cell that starts with = + - @ as a formula (CSV injection);
    an author name is whatever the committer typed."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
