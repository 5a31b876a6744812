"""What every report format says the same way: the window line, the team figures with
their deltas, the notes on what was left out. Pure."""

from __future__ import annotations

from datetime import datetime

from commitguard.report.aggregate import Report, Tally
from commitguard.report.people import Identity

SHORT_SHA = 10  # as `check` prints them: enough to paste back into git
IMPACT_ORDER = ("Critical", "High", "Medium", "Low", "unknown")


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


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def delta(current: float, previous: float) -> str:
    change = current - previous
    if change == 0:
        return "±0"
    shown = f"{change:+,.0f}" if float(change).is_integer() else f"{change:+,.1f}"
    return shown.replace("-", "−")


def points(now: float, before: float) -> str:
    change = round(now - before)
    return "±0 pts" if change == 0 else f"{change:+d} pts".replace("-", "−")


def conformance(tally: Tally) -> str:
    return f"{tally.conforming:,} of {tally.commits:,} ({percent(tally.conforming, tally.commits)})"


def mix(counter: dict[str, int], limit: int | None = None) -> str:
    items = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    shown = ", ".join(f"{name} {count}" for name, count in items[:limit])
    if limit is not None and len(items) > limit:
        shown += f", +{len(items) - limit} more"
    return shown or "-"


def impacts(tally: Tally) -> str:
    return ", ".join(
        f"{level} {tally.impacts[level]}" for level in IMPACT_ORDER if tally.impacts[level]
    )


def security(tally: Tally) -> str:
    if not tally.security_fixes:
        return "0"
    return (
        f"{tally.security_fixes} ({tally.security_documented} documented, "
        f"{tally.security_undocumented} not; {impacts(tally)})"
    )


def migrations(tally: Tally) -> str:
    if not tally.migrations:
        return "0"
    return (
        f"{tally.migrations} ({tally.migrations_separate} separate, {tally.migrations_mixed} mixed)"
    )


def lines(tally: Tally) -> str:
    return f"+{tally.insertions:,} −{tally.deletions:,}"


def summary(report: Report) -> list[tuple[str, str, str]]:
    """(figure, this window, change against the previous window) for the team."""
    now, before = report.totals, report.previous
    rate_now = 100 * now.conforming / now.commits if now.commits else 0.0
    rate_before = 100 * before.conforming / before.commits if before.commits else 0.0
    return [
        ("Commits", f"{now.commits:,}", delta(now.commits, before.commits)),
        ("Engineers", str(len(now.people)), delta(len(now.people), len(before.people))),
        ("Follow the standard", conformance(now), points(rate_now, rate_before)),
        ("Types", mix(now.types), ""),
        ("Migrations", migrations(now), delta(now.migrations, before.migrations)),
        ("Security fixes", security(now), delta(now.security_fixes, before.security_fixes)),
        (
            "Undocumented security fixes",
            str(now.security_undocumented),
            delta(now.security_undocumented, before.security_undocumented),
        ),
        ("Breaking changes", str(now.breaking), delta(now.breaking, before.breaking)),
        ("Reverts", str(now.reverts), delta(now.reverts, before.reverts)),
        ("Lines added", f"+{now.insertions:,}", delta(now.insertions, before.insertions)),
        ("Lines removed", f"−{now.deletions:,}", delta(now.deletions, before.deletions)),
    ]


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
    if report.totals.binary:
        out.append(f"Binary files have no line counts: {report.totals.binary} changed.")
    out.append(f"Deltas compare with the previous window: {previous_line(report)}.")
    return out


def look_alike_lines(report: Report) -> list[str]:
    return [" · ".join(identity(person) for person in group) for group in report.look_alikes()]
