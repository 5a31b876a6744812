"""What every report format says the same way: the window line, the team figures with
their changes, each person's figures, the notes on what was left out. Pure.

The figures themselves, their labels and their order, come from report/figures.py."""

from __future__ import annotations

from datetime import datetime

from commitguard.report.aggregate import Report
from commitguard.report.figures import Figure, Place, Rise, placed
from commitguard.report.people import Identity
from commitguard.report.tally import Tally

SHORT_SHA = 10  # as `check` prints them: enough to paste back into git


def moment(value: datetime) -> str:
    """`2026-01-15 10:00 +01:00`: absolute, with the zone, readable."""
    offset = value.strftime("%z")
    return f"{value:%Y-%m-%d %H:%M} {offset[:3]}:{offset[3:]}"


def window_line(report: Report) -> str:
    window = report.window
    days = (window.until - window.since).total_seconds() / 86400
    length = f"{days:g} day{'s' if days != 1 else ''}" if days == int(days) else f"{days:.1f} days"
    return f"{moment(window.since)} to {moment(window.until)} ({length}, by {window.basis} date)"


def previous_line(report: Report) -> str:
    window = report.window
    return f"{moment(window.previous_since)} to {moment(window.since)}"


def identity(person: Identity) -> str:
    return f"{person[0]} <{person[1]}>"


def summary(report: Report) -> list[tuple[Figure, str, str]]:
    """The team's figures: (figure, this window, change against the previous window).
    No change against a previous window without commits: `+94 pts` against nothing
    reads as progress that never happened (the notes say why the column is empty)."""
    now, before = report.totals, report.previous
    compared = _has_previous(report)
    return [
        (figure, figure.shown(now), figure.changed(now, before) if compared else "")
        for figure in placed(Place.TEAM)
    ]


def _has_previous(report: Report) -> bool:
    return report.previous.number("commits") > 0


def people_heading(report: Report) -> str:
    """`Per engineer (26, of whom 2 only co-authored; alphabetical)`: the list holds the
    co-authors who committed nothing, the team's Engineers figure counts who committed."""
    listed = report.sorted_people()
    co_authors_only = sum(1 for _, counts in listed if not counts.number("commits"))
    if co_authors_only:
        return (
            f"Per engineer ({len(listed)}, of whom {co_authors_only} only co-authored; "
            "alphabetical)"
        )
    return f"Per engineer ({len(listed)}, alphabetical)"


def rows(counts: Tally) -> list[tuple[Figure, str]]:
    """One person's figures below their heading (`figures.headline`), in order."""
    return [(figure, figure.shown(counts)) for figure in placed(Place.PERSON, person=True)]


def trend(figure: Figure, change: str) -> str:
    """`better`, `worse` or `neutral`: what a change of this figure means for the team."""
    if figure.rise is Rise.NEUTRAL or change[:1] not in ("+", "−"):
        return "neutral"
    rose = change.startswith("+")
    return "better" if rose == (figure.rise is Rise.BETTER) else "worse"


def notes(report: Report) -> list[str]:
    """What the figures leave out, and why, in words."""
    out = []
    scope = report.scope
    revisions = scope.get("revisions")
    if revisions:
        out.append(f"Revisions: {revisions}")
    paths = scope.get("paths")
    if paths:
        out.append(f"Paths: {', '.join(str(p) for p in paths)}")  # type: ignore[attr-defined]
    if scope.get("author"):
        out.append(f"Only commits by or with: {scope['author']}")
    out.append(
        f"Merges are not counted: {report.merges} in the window."
        if report.merges
        else "Merges are not counted (none in the window)."
    )
    if scope.get("include_bots"):
        out.append("Bots are counted as people (--include-bots).")
    elif report.bots:
        bots = ", ".join(f"{identity(bot)} ({count})" for bot, count in sorted(report.bots.items()))
        out.append(f"Bots left out (--include-bots counts them): {bots}")
    else:
        out.append("Bots are left out (none in the window).")
    excluded = report.excluded
    if excluded.files:
        parts = ", ".join(
            f"{pattern} (+{excluded.insertions[pattern]:,} −{excluded.deletions[pattern]:,})"
            for pattern in sorted(excluded.files)
        )
        out.append(f"Lines left out of the counts (lockfiles, generated, vendored): {parts}")
    if report.warned:
        out.append(
            f"Commits with warnings only (not listed under Needs attention): {report.warned}."
        )
    binary = report.totals.number("binary_files")
    if binary:
        out.append(f"Binary files have no line counts: {binary} changed.")
    if _has_previous(report):
        out.append(f"Deltas compare with the previous window: {previous_line(report)}.")
    else:
        out.append(f"No deltas: no commits in the previous window ({previous_line(report)}).")
    return out


def look_alike_lines(report: Report) -> list[str]:
    return [" · ".join(identity(person) for person in group) for group in report.look_alikes()]
