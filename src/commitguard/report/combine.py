"""Several repositories' reports into one, as if one Aggregator had folded them all. Pure.

`report` over many repositories folds each in its own process (one Aggregator, one
repository) and adds the partial reports up here, in the order the repositories were
given: the order one Aggregator would have met them in, so that the sum is the report a
single fold makes (people and repositories in the order they arrived, the commits that
need attention in git's order, repository after repository).
"""

from __future__ import annotations

from collections.abc import Sequence

from commitguard.report.aggregate import Report
from commitguard.report.tally import Tally
from commitguard.report.window import Window

# Every attribute of a Report, and so every one combine() adds up: a field added to
# Report without a way to add it up here fails tests/test_report_combine.py.
COMBINED = frozenset(
    {
        "window",
        "scope",
        "totals",
        "previous",
        "people",
        "emails",
        "repositories",
        "activity",
        "bots",
        "merges",
        "excluded",
        "attention",
        "warned",
        "seen",
    }
)


def combine(window: Window, scope: dict[str, object], parts: Sequence[Report]) -> Report:
    """The report of all `parts` (each finished, one per repository, in order)."""
    whole = Report(window, scope)
    for part in parts:
        for person, tally in part.people.items():
            mine = whole.people.get(person)
            whole.people[person] = tally if mine is None else Tally.total((mine, tally))
        for person, emails in part.emails.items():
            whole.emails.setdefault(person, set()).update(emails)
        for name, tally in part.repositories.items():
            mine = whole.repositories.get(name)
            whole.repositories[name] = tally if mine is None else Tally.total((mine, tally))
        whole.activity.update(part.activity)
        whole.bots.update(part.bots)
        whole.merges += part.merges
        whole.excluded.files.update(part.excluded.files)
        whole.excluded.insertions.update(part.excluded.insertions)
        whole.excluded.deletions.update(part.excluded.deletions)
        whole.attention += part.attention
        whole.warned += part.warned
        whole.seen |= part.seen
    # As Aggregator.finish(): the team's totals are the sum of its people's.
    whole.totals = Tally.total(whole.people.values())
    whole.previous = Tally.total(part.previous for part in parts)
    return whole
