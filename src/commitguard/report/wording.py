"""How numbers read in every human report format: counts, shares, changes, mixes. Pure."""

from __future__ import annotations

from collections.abc import Mapping


def count(number: int, noun: str) -> str:
    """`1 commit`, `3 commits`."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def delta(current: float, previous: float) -> str:
    """`+3`, `−2` (a real minus sign), `±0`."""
    change = current - previous
    if change == 0:
        return "±0"
    shown = f"{change:+,.0f}" if float(change).is_integer() else f"{change:+,.1f}"
    return shown.replace("-", "−")


def points(now: float, before: float) -> str:
    """A change of a percentage, in percentage points."""
    change = round(now - before)
    return "±0 pts" if change == 0 else f"{change:+d} pts".replace("-", "−")


def ranked(mix: Mapping[str, int]) -> list[tuple[str, int]]:
    """Most frequent first, then by name: the order every format lists a mix in."""
    return sorted(mix.items(), key=lambda item: (-item[1], item[0]))


def mix(counts: Mapping[str, int], limit: int | None = None) -> str:
    """`feat 5, fix 3, +2 more`; `-` when there is nothing."""
    items = ranked(counts)
    shown = ", ".join(f"{name} {number}" for name, number in items[:limit])
    if limit is not None and len(items) > limit:
        shown += f", +{len(items) - limit} more"
    return shown or "-"
