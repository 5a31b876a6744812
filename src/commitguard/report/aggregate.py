"""Commits in, a Report out: per person and for the team, this window and the one before.
Pure: the commits arrive from git.log_stats as one stream and are folded as they pass,
so memory holds the tallies and the commits that need attention, never the history.

What a commit counts for is report/facts.py; which figures it adds to, report/figures.py.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime

from commitguard import globs
from commitguard.config.load import Config
from commitguard.config.settings import ReportSettings
from commitguard.engine.check import CheckedCommit, check_commit
from commitguard.model import CommitStats
from commitguard.report import figures, people
from commitguard.report.facts import CommitFacts, IsMigration, is_migration
from commitguard.report.people import Identity
from commitguard.report.tally import Tally
from commitguard.report.window import Window

_CO_AUTHORED = re.compile("co-authored-by:", re.I).search  # the cheap test first


class Attention:
    """A commit in the window that broke a rule."""

    def __init__(
        self,
        checked: CheckedCommit,
        identity: Identity,
        repository: str,
        undocumented_security: bool,
    ) -> None:
        self.sha = checked.sha
        self.identity = identity
        self.header = checked.header
        self.repository = repository
        self.undocumented_security = undocumented_security
        self.errors = checked.errors > 0
        self.rules = tuple(dict.fromkeys(v.rule for v in checked.violations))
        self.messages = tuple(v.message for v in checked.violations)

    @property
    def severity(self) -> str:
        return "error" if self.errors else "warning"


class Excluded:
    """Lines left out of the counts, per pattern that left them out."""

    def __init__(self) -> None:
        self.files: Counter[str] = Counter()  # pattern -> file changes
        self.insertions: Counter[str] = Counter()
        self.deletions: Counter[str] = Counter()


class Report:
    def __init__(
        self,
        window: Window,
        scope: dict[str, object],
    ) -> None:
        self.window = window
        self.scope = scope  # what was asked: revisions, paths, author, bots, repositories
        self.totals = Tally()
        self.previous = Tally()
        self.people: dict[Identity, Tally] = {}
        self.emails: dict[Identity, set[str]] = {}  # the addresses merged into each person
        self.repositories: dict[str, Tally] = {}
        self.activity: Counter[date] = Counter()  # commits per day, in the window's zone
        self.bots: Counter[Identity] = Counter()
        self.merges = 0
        self.excluded = Excluded()
        self.attention: list[Attention] = []  # commits with an error
        self.warned = 0  # commits with warnings and no error
        self.seen: set[Identity] = set()  # every identity met, for the look-alikes

    def sorted_people(self) -> list[tuple[Identity, Tally]]:
        return sorted(self.people.items(), key=lambda item: people.sort_key(item[0]))

    def look_alikes(self) -> list[list[Identity]]:
        return people.look_alikes(self.seen)

    def sorted_attention(self) -> list[Attention]:
        """Undocumented security fixes first, then the other errors; newest first."""
        return sorted(self.attention, key=lambda item: not item.undocumented_security)


class Aggregator:
    """Folds the commits of one or more repositories into one Report."""

    def __init__(
        self,
        window: Window,
        scope: dict[str, object],
        *,
        author: str | None = None,
        include_bots: bool = False,
        per_repository: bool = False,
    ) -> None:
        self.report = Report(window, scope)
        self._author = author.casefold() if author else None
        self._include_bots = include_bots
        self._zone = window.since.tzinfo
        self._excluded_by: dict[str, str | None] = {}
        self._excludes = globs.GlobSet(())
        self._settings: ReportSettings | None = None
        self._people: dict[Identity, tuple[Identity, bool]] = {}
        self._previous: dict[Identity, Tally] = {}  # the previous window, per person
        self._per_repository = per_repository
        self._is_migration: IsMigration = is_migration

    def use(self, settings: ReportSettings, migration_test: IsMigration | None = None) -> None:
        """The settings of the repository whose commits come next, and how it tells a
        migration from other files (the migration rules' classifier, in the shell)."""
        self._settings = settings
        self._people = {}
        self._is_migration = migration_test or is_migration
        self._excluded_by = {}
        self._excludes = globs.glob_set(settings.exclude_paths)

    def add(self, stats: CommitStats, config: Config, repository: str) -> None:
        commit = stats.commit
        report, window = self.report, self.report.window
        moment = datetime.fromisoformat(
            commit.author_date if window.basis == "author" else stats.committer_date
        )
        current = window.since <= moment <= window.until
        if not current and not window.previous_since <= moment < window.since:
            return
        identity, bot = self._who(commit.author_name, commit.author_email)
        if self._author is not None and not self._matches(identity):
            return
        if commit.is_merge:
            report.merges += current
            return
        if bot:
            if current:
                report.bots[identity] += 1
            return
        checked = check_commit(commit, config)
        facts = CommitFacts(checked, commit, config, self._is_migration)
        if not current:
            before = self._previous.get(identity)
            if before is None:
                before = self._previous[identity] = Tally()
            _count(before, facts, moment.date(), identity)
            self._lines(stats, [before], record_excluded=False)
            return
        person = people.key(identity)
        tally = report.people.get(person)
        if tally is None:
            tally = report.people[person] = Tally()
            report.emails[person] = set()
            report.seen.add(identity)
        report.emails[person].update((commit.author_email.lower(), stats.raw_email.lower()))
        # The team's totals are the sum of the people's, added up once at the end.
        tallies = [tally]
        if self._per_repository:
            tallies.append(report.repositories.setdefault(repository, Tally()))
        report.activity[moment.astimezone(self._zone).date()] += 1
        day = moment.date()
        for each in tallies:
            _count(each, facts, day, identity)
        self._lines(stats, tallies)
        if _CO_AUTHORED(commit.message):
            self._co_authors(commit.message, identity)
        if not facts.conforming:
            report.attention.append(
                Attention(checked, identity, repository, facts.undocumented_security)
            )
        elif checked.violations:
            report.warned += 1

    def finish(self) -> Report:
        """The report, its totals added up from the people's tallies."""
        report = self.report
        report.totals = Tally.total(report.people.values())
        report.previous = Tally.total(self._previous.values())
        return report

    def _who(self, name: str, email: str) -> tuple[Identity, bool]:
        """The identity and whether it is a bot (left out), once per raw identity."""
        found = self._people.get((name, email))
        if found is None:
            settings = self._settings
            assert settings is not None, "call use() first"
            identity = people.resolve(name, email, settings)
            bot = not self._include_bots and people.is_bot(*identity, settings)
            found = self._people[(name, email)] = (identity, bot)
        return found

    def _matches(self, identity: Identity) -> bool:
        assert self._author is not None
        return any(self._author in part.casefold() for part in identity)

    def _lines(
        self, stats: CommitStats, tallies: list[Tally], record_excluded: bool = True
    ) -> None:
        excluded = self.report.excluded
        for file in stats.files:
            pattern = self._excluded(file.path)
            if file.added is None or file.deleted is None:
                for tally in tallies:
                    tally.numbers["binary_files"] += pattern is None
                continue
            if pattern is not None:
                if record_excluded:
                    excluded.files[pattern] += 1
                    excluded.insertions[pattern] += file.added
                    excluded.deletions[pattern] += file.deleted
                continue
            for tally in tallies:
                tally.numbers["insertions"] += file.added
                tally.numbers["deletions"] += file.deleted

    def _excluded(self, path: str) -> str | None:
        if path not in self._excluded_by:
            self._excluded_by[path] = self._excludes.first(path)
        return self._excluded_by[path]

    def _co_authors(self, message: str, author: Identity) -> None:
        report = self.report
        for name, email in people.co_authors(message):
            identity, bot = self._who(name, email)
            if bot or people.key(identity) == people.key(author):
                continue
            if self._author is not None and not self._matches(identity):
                continue
            report.seen.add(identity)
            person = people.key(identity)
            report.people.setdefault(person, Tally()).numbers["co_authored"] += 1
            report.emails.setdefault(person, set()).add(email.lower())


def _count(tally: Tally, facts: CommitFacts, day: date, identity: Identity) -> None:
    tally.days.add(day)
    tally.people.add(people.key(identity))
    figures.add(tally, facts)
