"""Commits in, a Report out: per person and for the team, this window and the one before.
Pure: the commits arrive from git.log_stats as one stream and are folded as they pass,
so memory holds the tallies and the commits that need attention, never the history.

What a commit counts for is report/facts.py; which figures it adds to, report/figures.py.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from datetime import date, datetime

from commitguard import globs
from commitguard.config.load import Config
from commitguard.config.settings import ReportSettings
from commitguard.engine.check import (
    CommitHeaders,
    CommitLines,
    check_commit,
    cited_commit,
    security_paths_unread,
    weigh_security_lines,
)
from commitguard.engine.commit import CheckedCommit
from commitguard.model import CommitStats
from commitguard.report import figures, people
from commitguard.report.area_presets import DATABASE
from commitguard.report.areas import Areas
from commitguard.report.facts import (
    CommitFacts,
    IsMigration,
    MigrationVerdict,
    is_migration,
    may_be_security,
)
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
        self._areas: Areas | None = None  # this repository's, built on its first commit
        self._commit_headers: CommitHeaders | None = None
        # This repository's reverts, each with the sha it names, until git is asked.
        self._held: list[tuple[_Arrival, str]] = []
        # Fixes whose security verdict hangs on their paths' changed lines, until read.
        self._commit_lines: CommitLines | None = None
        self._unread: list[tuple[_Arrival, tuple[str, ...]]] = []
        self._arrived = 0  # commits folded or held so far: their place in git's order
        self._attention_at: list[int] = []  # where each of report.attention arrived

    def use(
        self,
        settings: ReportSettings,
        migration_test: IsMigration | None = None,
        commit_headers: CommitHeaders | None = None,
        commit_lines: CommitLines | None = None,
        areas: Areas | None = None,
    ) -> None:
        """The settings of the repository whose commits come next, how it tells a
        migration from other files (the migration rules' classifier, in the shell), and
        how to ask it for the headers of the commits its reverts name. Without that, a
        revert is exempt by its shape alone, as `lint` judges a message outside a
        repository. `areas`: its paths' work areas, framework presets detected from its
        files (in the shell); without it, the configured and generic areas only.
        Call settle() when its commits end, before the next use()."""
        self._areas = areas
        self._commit_headers = commit_headers
        self._commit_lines = commit_lines
        self._settings = settings
        self._people = {}
        self._is_migration = migration_test or is_migration
        self._excluded_by = {}
        self._excludes = globs.glob_set(settings.exclude_paths)

    def add(
        self,
        stats: CommitStats,
        config: Config,
        repository: str,
        migrations: MigrationVerdict | None = None,
    ) -> None:
        """One commit of the stream. `migrations`: what the migration rules said of it,
        judged by its own files in the shell (then `config` is linted without them)."""
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
        self._arrived += 1
        # A revert is exempt only if git has the commit it names, with the header it
        # quotes: held back, and settled for the whole repository with one question.
        arrival = _Arrival(
            self._arrived, stats, config, repository, moment, current, identity, migrations
        )
        cited = cited_commit(commit) if self._commit_headers is not None else None
        if cited is not None:
            self._held.append((arrival, cited))
            return
        checked = self._check(arrival)
        if self._commit_lines is not None and may_be_security(checked, commit, config):
            unread = security_paths_unread(commit, config)
            if unread:
                self._unread.append((arrival, unread))
                return
        self._fold(arrival, checked)

    def _check(self, arrival: _Arrival, reverted_header: str | bool | None = None) -> CheckedCommit:
        """The commit through every rule, as `check` judges it: the migration rules by
        its own files when the shell judged them, the others here."""
        verdict = arrival.migrations
        commit = arrival.stats.commit
        if verdict is None:
            checked = check_commit(commit, arrival.config, reverted_header)
        else:
            checked = check_commit(commit, verdict.config, reverted_header)
            if verdict.violations and checked.exemption is None:  # `check` exempts them too
                checked.violations = (*checked.violations, *verdict.violations)
        if arrival.hunks is not None:
            weigh_security_lines(commit, checked, arrival.config, arrival.hunks)
        return checked

    def _fold(self, arrival: _Arrival, checked: CheckedCommit) -> None:
        """One commit, judged, into the tallies of its window and its people."""
        stats, identity, moment = arrival.stats, arrival.identity, arrival.moment
        commit = stats.commit
        report = self.report
        verdict = arrival.migrations
        is_migration = self._is_migration if verdict is None else verdict.paths.__contains__
        facts = CommitFacts(checked, commit, arrival.config, is_migration, arrival.hunks)
        migration_paths = verdict.paths if verdict is not None else None
        if not arrival.current:
            before = self._previous.get(identity)
            if before is None:
                before = self._previous[identity] = Tally()
            _count(before, facts, moment.date(), identity)
            self._lines(stats, [before], arrival.config, migration_paths, record_excluded=False)
            if _CO_AUTHORED(commit.message):
                self._co_authors_before(commit.message, identity)
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
            tallies.append(report.repositories.setdefault(arrival.repository, Tally()))
        report.activity[moment.astimezone(self._zone).date()] += 1
        day = moment.date()
        for each in tallies:
            _count(each, facts, day, identity)
        self._lines(stats, tallies, arrival.config, migration_paths)
        if _CO_AUTHORED(commit.message):
            self._co_authors(commit.message, identity, tallies[1:])
        if not facts.conforming:
            # In git's order (newest first), the reverts settled late included.
            at = bisect.bisect(self._attention_at, arrival.order)
            self._attention_at.insert(at, arrival.order)
            report.attention.insert(
                at, Attention(checked, identity, arrival.repository, facts.undocumented_security)
            )
        elif checked.violations:
            report.warned += 1

    def settle(self) -> None:
        """Judge the repository's held reverts by what git says of the commits they
        name: one question for all of them, as `check` asks once its stream ends."""
        self._settle_unread()
        held, self._held = self._held, []
        if not held or self._commit_headers is None:
            return
        known = self._commit_headers({cited for _, cited in held})
        for arrival, cited in held:
            header = known.get(cited, False)  # False: no such commit here
            self._fold(arrival, self._check(arrival, header))

    def _settle_unread(self) -> None:
        """Fold the fixes held for their paths' changed lines: read at once, as `check`
        reads them, so a fix counts as security work when `check` says it is."""
        unread, self._unread = self._unread, []
        if not unread or self._commit_lines is None:
            return
        lines = self._commit_lines({a.stats.commit.sha: paths for a, paths in unread})
        for arrival, _ in unread:
            arrival.hunks = lines.get(arrival.stats.commit.sha, {})
            self._fold(arrival, self._check(arrival))

    def finish(self) -> Report:
        """The report, its totals added up from the people's tallies."""
        self.settle()
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
        self,
        stats: CommitStats,
        tallies: list[Tally],
        config: Config,
        migration_paths: frozenset[str] | None,
        record_excluded: bool = True,
    ) -> None:
        """The commit's lines, file by file, outside the excluded paths: in all, and by
        the work area of each file (a commit counts once in each area it touches)."""
        excluded = self.report.excluded
        areas = self._areas
        if areas is None:
            areas = self._areas = Areas(config, self._is_migration)
        touched: dict[str, int] = {}  # area -> lines added and removed there
        for file in stats.files:
            pattern = self._excluded(file.path)
            if pattern is None:
                area = areas(file.path)
                # The migration rules judged this commit by its own files: what they
                # took for a migration is database work, unless the configuration says.
                if migration_paths and file.path in migration_paths:
                    area = area if areas.configured(file.path) else DATABASE
                changed = (file.added or 0) + (file.deleted or 0)  # a binary file: none
                touched[area] = touched.get(area, 0) + changed
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
        if touched:
            for tally in tallies:
                tally.mixes[figures.AREA_COMMITS].update(touched.keys())
                tally.mixes[figures.AREA_LINES].update(touched)

    def _excluded(self, path: str) -> str | None:
        if path not in self._excluded_by:
            self._excluded_by[path] = self._excludes.first(path)
        return self._excluded_by[path]

    def _co_authors(self, message: str, author: Identity, groups: list[Tally]) -> None:
        """Credit each co-author of a commit in the window: in their own tally, and in
        the groups the commit counts for (its repository), so that every group's
        `co_authored` adds up its people's as the team's does."""
        report = self.report
        for identity, email in self._credited(message, author):
            report.seen.add(identity)
            person = people.key(identity)
            report.people.setdefault(person, Tally()).numbers["co_authored"] += 1
            for group in groups:
                group.numbers["co_authored"] += 1
            report.emails.setdefault(person, set()).add(email.lower())

    def _co_authors_before(self, message: str, author: Identity) -> None:
        """Credit each co-author of a commit in the previous window, in that window's
        tallies, so that the previous `co_authored` compares with this window's."""
        for identity, _ in self._credited(message, author):
            before = self._previous.get(identity)
            if before is None:
                before = self._previous[identity] = Tally()
            before.numbers["co_authored"] += 1

    def _credited(self, message: str, author: Identity) -> list[tuple[Identity, str]]:
        """The co-authors a message credits, each with the email it gives: not the
        author, no bot, and only those `--author` asks for."""
        found = []
        for name, email in people.co_authors(message):
            identity, bot = self._who(name, email)
            if bot or people.key(identity) == people.key(author):
                continue
            if self._author is None or self._matches(identity):
                found.append((identity, email))
        return found


class _Arrival:
    """A commit of one of the windows, with what the aggregator learnt of it on arrival;
    a revert waits in one until git says what the commit it names is."""

    __slots__ = (
        "order",
        "stats",
        "config",
        "repository",
        "moment",
        "current",
        "identity",
        "migrations",
        "hunks",
    )

    def __init__(
        self,
        order: int,
        stats: CommitStats,
        config: Config,
        repository: str,
        moment: datetime,
        current: bool,
        identity: Identity,
        migrations: MigrationVerdict | None,
    ) -> None:
        self.order = order  # its place in git's order, across repositories
        self.stats = stats
        self.config = config
        self.repository = repository
        self.moment = moment
        self.current = current  # in the window, not the previous one
        self.identity = identity
        self.migrations = migrations
        self.hunks: dict[str, list[str]] | None = None  # its candidate paths' lines, read


def _count(tally: Tally, facts: CommitFacts, day: date, identity: Identity) -> None:
    tally.days.add(day)
    tally.people.add(people.key(identity))
    figures.add(tally, facts)
