"""What a set of commits holds: one Tally per person, per repository, per window. Pure.

A Tally knows nothing of any particular figure: it keeps numbers and mixes by name,
and report/figures.py declares which names there are and how a commit adds to them.
That is what lets a figure be declared once and summed, compared and shown everywhere.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date

from commitguard.report.people import Identity


class Tally:
    def __init__(self) -> None:
        self.numbers: Counter[str] = Counter()  # figure key -> commits (or lines) counted
        self.mixes: defaultdict[str, Counter[str]] = defaultdict(Counter)  # key -> name -> n
        self.days: set[date] = set()  # in each commit's own time zone: when they worked
        self.people: set[Identity] = set()

    @classmethod
    def total(cls, parts: Iterable[Tally]) -> Tally:
        """The sum of several tallies: the team's, from its people's."""
        whole = cls()
        for part in parts:
            whole.numbers.update(part.numbers)
            for key, mix in part.mixes.items():
                whole.mixes[key].update(mix)
            whole.days |= part.days
            whole.people |= part.people
        return whole

    def number(self, key: str) -> int:
        return self.numbers[key]

    def mix(self, key: str) -> Counter[str]:
        """A mix by name; reading one never adds it (the JSON lists what was counted)."""
        return self.mixes[key] if key in self.mixes else Counter()
