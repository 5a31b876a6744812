"""`report --format csv`: one row per engineer, for a spreadsheet. Pure.

Each row carries the window (since, until, which date) in its first columns, so a row
pasted elsewhere still says which two weeks it describes. The figure columns follow,
as report/figures.py declares them; a mix such as the types is `name:count` pairs
joined by `;`, most frequent first.
"""

from __future__ import annotations

import csv
import io

from commitguard.output import Painter
from commitguard.report.aggregate import Report
from commitguard.report.figures import Place, Value, placed

WHO = ("since", "until", "date", "name", "email", "emails")


def render(report: Report, paint: Painter | None = None, width: int = 0) -> str:
    figures = placed(Place.CSV, person=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*WHO, *(figure.key for figure in figures)])
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
                *(_cell(figure.of(counts)) for figure in figures),
            ]
        )
    return buffer.getvalue()


def _cell(value: Value) -> object:
    if isinstance(value, dict):
        return ";".join(f"{name}:{count}" for name, count in value.items())
    return value


def _safe(text: str) -> str:
    """A spreadsheet runs a cell that starts with = + - @ as a formula (CSV injection);
    an author name is whatever the committer typed."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
