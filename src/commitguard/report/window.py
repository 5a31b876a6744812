"""The report's time window: `--since`/`--until` text to absolute, zone-aware times. Pure.

Parsed here rather than by git, because git's approxidate reads `2w` as "the 2nd of
this month" without a word of warning. Accepted:

- durations: `36h`, `14d`, `2w`, `3mo`, `1y`, also spelled `2 weeks`, `3 months ago`;
  `m` alone is refused (minutes or months?): `30min` or `3mo`;
- dates and date-times in ISO 8601: `2026-01-05`, `2026-01-05T09:30`, with or without
  an offset (`+01:00`, `Z`); without one, the local time zone;
- `today`, `yesterday`, `monday` / `last monday` (the most recent one before today).

A duration in `--since` counts back from `--until` (so `--since 2w --until 2026-01-20`
is the two weeks to the 20th); one in `--until` counts back from now.

The calendar ends where Python's does, at the years 1 and 9999: a value beyond either
end is a usage error (`--since 999999y`), and a previous window that would start before
the year 1 (`--since 1500y`) starts there instead.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from commitguard.errors import UsageError
from commitguard.model import Value

_DURATION = re.compile(
    r"(?P<count>\d+)\s*(?P<unit>[a-z]+)(?:\s+ago)?\Z",
)
_UNITS = {
    "min": "minutes",
    "mins": "minutes",
    "minute": "minutes",
    "minutes": "minutes",
    "h": "hours",
    "hr": "hours",
    "hrs": "hours",
    "hour": "hours",
    "hours": "hours",
    "d": "days",
    "day": "days",
    "days": "days",
    "w": "weeks",
    "wk": "weeks",
    "week": "weeks",
    "weeks": "weeks",
    "mo": "months",
    "mon": "months",
    "month": "months",
    "months": "months",
    "y": "years",
    "yr": "years",
    "year": "years",
    "years": "years",
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
EXAMPLES = "2w, 14d, 36h, 3mo, 1y, 2026-01-05, 2026-01-05T09:30+01:00, yesterday, last monday"


class Window(Value):
    """[since, until] for the report, and the window of the same length just before it."""

    __slots__ = ("since", "until", "previous_since", "basis")

    def __init__(self, since: datetime, until: datetime, basis: str = "author") -> None:
        self.since = since
        self.until = until
        try:
            self.previous_since = since - (until - since)
        except OverflowError:  # before the year 1: the previous window is all there is
            self.previous_since = datetime.min.replace(tzinfo=timezone.utc)
        self.basis = basis  # "author" or "committer": which date of a commit counts

    def holds(self, moment: datetime) -> bool:
        return self.since <= moment <= self.until

    def held_before(self, moment: datetime) -> bool:
        """In the previous window, which the deltas compare against."""
        return self.previous_since <= moment < self.since

    @property
    def days(self) -> list[date]:
        """Every calendar day the window touches, in the window's time zone."""
        first, last = self.since.date(), self.until.date()
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def resolve(since: str | None, until: str | None, now: datetime, basis: str = "author") -> Window:
    """The window for `--since`/`--until` (default: the two weeks up to now)."""
    end = now if until is None else parse(until, now, "--until")
    start = parse(since or "2w", end, "--since")
    if start >= end:
        raise UsageError(
            f"the window is empty: --since {start.isoformat()} is not before "
            f"--until {end.isoformat()}",
            "give --since an earlier time than --until",
        )
    return Window(start, end, basis)


def parse(text: str, anchor: datetime, option: str) -> datetime:
    """One `--since`/`--until` value; a duration counts back from `anchor` (zone-aware)."""
    try:
        return _parse(text, anchor, option)
    except (OverflowError, ValueError):  # datetime's own range, years 1 to 9999
        raise UsageError(
            f"{option} {text!r} is beyond the calendar commitguard counts in, the years 1 to 9999",
            f"for example: {EXAMPLES}",
        ) from None


def _parse(text: str, anchor: datetime, option: str) -> datetime:
    value = text.strip().lower()
    zone = anchor.tzinfo
    assert zone is not None
    match = _DURATION.match(value)
    if match and not re.fullmatch(r"\d{4}", value):
        unit = _UNITS.get(match["unit"])
        if unit is None:
            if match["unit"] == "m":
                raise UsageError(
                    f"{option} {text!r}: `m` could be minutes or months", "write 30min or 3mo"
                )
            raise UsageError(
                f"{option} {text!r}: unknown unit {match['unit']!r}", f"for example: {EXAMPLES}"
            )
        return _back(anchor, int(match["count"]), unit)
    named = _named_day(value, anchor)
    if named is not None:
        return datetime.combine(named, time(), zone)
    try:
        moment = datetime.fromisoformat(text.strip().replace("z", "Z"))
    except ValueError:
        raise UsageError(
            f"{option} {text!r} is neither a duration nor a date", f"for example: {EXAMPLES}"
        ) from None
    if moment.tzinfo is None:
        moment = _localise(moment, zone)
    return moment.astimezone(zone)


def _back(anchor: datetime, count: int, unit: str) -> datetime:
    if unit in ("months", "years"):
        months = count * (12 if unit == "years" else 1)
        year, month = divmod(anchor.year * 12 + anchor.month - 1 - months, 12)
        # 31 March minus one month is the last day of February, as a calendar says.
        day = min(anchor.day, _month_length(year, month + 1))
        return anchor.replace(year=year, month=month + 1, day=day)
    return anchor - timedelta(**{unit: count})


def _month_length(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def _named_day(value: str, anchor: datetime) -> date | None:
    today = anchor.date()
    if value == "today":
        return today
    if value == "yesterday":
        return today - timedelta(days=1)
    name = value.removeprefix("last ").strip()
    if name in _WEEKDAYS:
        back = (today.weekday() - _WEEKDAYS.index(name)) % 7 or 7
        return today - timedelta(days=back)
    return None


def _localise(moment: datetime, zone: tzinfo) -> datetime:
    """A naive time is local time: the system knows the offset at that moment (summer
    or winter time), which the fixed offset of `now` may not. The system cannot say
    for the first or last days of the calendar: there, the offset of `now`."""
    try:
        return moment.astimezone().astimezone(zone)
    except (OverflowError, ValueError):
        return moment.replace(tzinfo=zone)
