"""Commits in, a Report out: per person and for the team, this window and the one before.
Pure: the commits arrive from git.log_stats as one stream and are folded as they pass,
so memory holds the tallies and the commits that need attention, never the history.

Every commit is linted by `check.check_commit`, the very function `commitguard check`
uses, so "conforms" here means what the CI gate would say (no error; warnings allowed;
git's reverts are exempt as in `check`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, datetime

from commitguard import globs
from commitguard.config.load import Config
from commitguard.engine.check import CheckedCommit, check_commit
from commitguard.git import CommitStats
from commitguard.message.cleanup import clean
from commitguard.message.parse import Message, parse, parse_header
from commitguard.model import Commit, Severity
from commitguard.report import people
from commitguard.report.people import Identity
from commitguard.report.settings import ReportSettings
from commitguard.report.window import Window
from commitguard.rules.conventional import scope_parts
from commitguard.security.body import impact_level, read_body
from commitguard.security.detect import detect, is_security_type

IsMigration = Callable[[str], bool]
_CO_AUTHORED = re.compile("co-authored-by:", re.I).search  # the cheap test first
_IMPACT = "impact"  # in `Impact:` and `Security-Impact:`
NO_TYPE = "other"  # a header that does not parse has no type
_MIGRATION_DIRS = frozenset({"migrations", "migration", "migrate"})


_SUMMED = (
    "commits",
    "conforming",
    "migrations",
    "migrations_mixed",
    "security_documented",
    "security_undocumented",
    "breaking",
    "reverts",
    "insertions",
    "deletions",
    "binary",
)
_COUNTERS = ("types", "scopes", "violations", "impacts")


class Tally:
    """What a set of commits holds; one per person, per repository, per window."""

    def __init__(self) -> None:
        self.commits = 0
        self.co_authored = 0  # commits by someone else with a Co-authored-by for this one
        self.days: set[date] = set()  # in each commit's own time zone: when they worked
        self.types: Counter[str] = Counter()
        self.scopes: Counter[str] = Counter()
        self.conforming = 0
        self.violations: Counter[str] = Counter()  # rule id -> commits that broke it
        self.migrations = 0
        self.migrations_mixed = 0
        self.security_documented = 0
        self.security_undocumented = 0
        self.impacts: Counter[str] = Counter()  # Critical/High/Medium/Low/unknown
        self.breaking = 0
        self.reverts = 0
        self.insertions = 0
        self.deletions = 0
        self.binary = 0  # binary file changes: no line counts
        self.people: set[Identity] = set()

    @classmethod
    def total(cls, parts: Iterable[Tally]) -> Tally:
        """The sum of several tallies: the team's, from its people's."""
        whole = cls()
        for part in parts:
            for name in _SUMMED:
                setattr(whole, name, getattr(whole, name) + getattr(part, name))
            for name in _COUNTERS:
                getattr(whole, name).update(getattr(part, name))
            whole.days |= part.days
            whole.people |= part.people
        return whole

    @property
    def security_fixes(self) -> int:
        return self.security_documented + self.security_undocumented

    @property
    def migrations_separate(self) -> int:
        return self.migrations - self.migrations_mixed


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
        self._is_migration: IsMigration = _is_migration

    def use(self, settings: ReportSettings, is_migration: IsMigration | None = None) -> None:
        """The settings of the repository whose commits come next, and how it tells a
        migration from other files (the migration rules' classifier, in the shell)."""
        self._settings = settings
        self._people = {}
        self._is_migration = is_migration or _is_migration
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
        facts = _Facts(checked, commit, config, self._is_migration)
        if not current:
            before = self._previous.get(identity)
            if before is None:
                before = self._previous[identity] = Tally()
            facts.count(before, moment.date(), identity)
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
            facts.count(each, day, identity)
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
                    tally.binary += pattern is None
                continue
            if pattern is not None:
                if record_excluded:
                    excluded.files[pattern] += 1
                    excluded.insertions[pattern] += file.added
                    excluded.deletions[pattern] += file.deleted
                continue
            for tally in tallies:
                tally.insertions += file.added
                tally.deletions += file.deleted

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
            report.people.setdefault(person, Tally()).co_authored += 1
            report.emails.setdefault(person, set()).add(email.lower())


class _Facts:
    """What one commit counts for, worked out once and added to several tallies."""

    def __init__(
        self, checked: CheckedCommit, commit: Commit, config: Config, is_migration: IsMigration
    ) -> None:
        text = commit.message
        # The header alone says most; the whole message is parsed only when the footers
        # or the body matter (a breaking-change footer, a security fix's impact).
        header, _ = parse_header(checked.header)
        broken = {v.rule for v in checked.violations}
        self.violation_rules = broken
        self.conforming = checked.errors == 0
        self.revert = checked.exemption == "revert" or (
            header is not None and header.type.lower() == "revert"
        )
        self.type = header.type.lower() if header else ("revert" if self.revert else NO_TYPE)
        self.scopes = [name for name, _ in scope_parts(header)] if header else []
        message: Message | None = None
        self.breaking = header is not None and header.breaking
        if not self.breaking and "BREAKING" in text:
            message = _parse(text)
            self.breaking = message.breaking
        paths = [change.path for change in commit.changes]
        migration = [is_migration(path) for path in paths]
        self.migration = any(migration)
        # Mixed is the migration-separate rule's verdict (it knows neutral files); with
        # the rule off, any other file beside the migration makes it mixed.
        self.mixed = self.migration and (
            "migration-separate" in broken
            if _on(config, "migration-separate")
            else not all(migration)
        )
        # The security-impact rule's own test, so "security fix" means what it means there;
        # only a security type can make one, which spares most commits the question.
        # When the rule is on and did not fire, a security fix must carry its `Impact:`:
        # without the word, asking again would only repeat the rule's answer.
        self.security = "security-impact" in broken or (
            header is not None
            and is_security_type(header, config)
            and (_IMPACT in text.lower() or not _on(config, "security-impact"))
            and detect(header, commit.changes, config).relevant
        )
        self.undocumented_security = self.security and "security-impact" in broken
        self.impact = "unknown"
        if self.security:
            impact = read_body(message or _parse(text)).first("Impact")
            self.impact = (impact_level(impact.value) if impact else None) or "unknown"

    def count(self, tally: Tally, day: date, identity: Identity) -> None:
        tally.commits += 1
        tally.days.add(day)
        tally.people.add(people.key(identity))
        tally.types[self.type] += 1
        tally.scopes.update(self.scopes)
        tally.conforming += self.conforming
        tally.violations.update(self.violation_rules)
        tally.migrations += self.migration
        tally.migrations_mixed += self.mixed
        if self.security:
            if self.undocumented_security:
                tally.security_undocumented += 1
            else:
                tally.security_documented += 1
            tally.impacts[self.impact] += 1
        tally.breaking += self.breaking
        tally.reverts += self.revert


def _on(config: Config, rule: str) -> bool:
    severity = config.severities.get(rule)
    return severity is not None and severity is not Severity.OFF


def _parse(text: str) -> Message:
    return parse(clean(text, comment="\0", mode="whitespace"))


def _is_migration(path: str) -> bool:
    """Without the migration rules' classifier (the pure core in tests): a file under a
    migrations directory, or Alembic's versions/, the shape most frameworks share."""
    parts = path.lower().split("/")
    if any(part in _MIGRATION_DIRS for part in parts[:-1]):
        return True
    return "alembic" in parts[:-2] and parts[-2] == "versions"
