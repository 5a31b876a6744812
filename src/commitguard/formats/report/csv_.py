"""`report --format csv`: one row per engineer, for a spreadsheet. Pure.

Each row carries the window (since, until, which date) in its first columns, so a row
pasted elsewhere still says which two weeks it describes. The figure columns follow,
as report/figures.py declares them; a mix such as the types is `name:count` pairs
joined by `;`, most frequent first.

A spreadsheet runs a cell that starts like a formula (CSV injection), and names,
emails, scopes and types are whatever the committers typed: every text cell, and
every item of a `;` list (a spreadsheet may split on `;`), goes through
`escape.csv_cell`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from commitguard.output import Painter
from commitguard.output.escape import csv_cell
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
                csv_cell(person[0]),
                csv_cell(person[1]),
                _items(sorted(report.emails.get(person, ()))),
                *(_cell(figure.of(counts)) for figure in figures),
            ]
        )
    return buffer.getvalue()


def _cell(value: Value) -> object:
    if isinstance(value, dict):
        return _items(f"{name}:{count}" for name, count in value.items())
    if isinstance(value, str):
        return csv_cell(value)
    return value


def _items(items: Iterable[str]) -> str:
    return ";".join(csv_cell(item) for item in items)
