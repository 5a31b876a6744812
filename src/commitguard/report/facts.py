"""What one commit counts for, worked out once and added to several tallies. Pure.

Every commit is linted by `check.check_commit`, the very function `commitguard check`
uses, so "conforms" here means what the CI gate would say (no error; warnings allowed;
git's reverts are exempt as in `check`, once git has said what the commits they name
are: aggregate.py holds them until then). A figure in report/figures.py reads these facts;
a new figure that needs something new from a commit reads `commit` or `checked` itself.
"""

from __future__ import annotations

from collections.abc import Callable

from commitguard.config.load import Config
from commitguard.engine.commit import CheckedCommit
from commitguard.message.cleanup import clean
from commitguard.message.parse import Header, Message, parse, parse_header
from commitguard.message.suggest import scope_parts
from commitguard.model import Commit, Severity, Value, Violation
from commitguard.security.body import NO_IMPACT, impact_level, read_body
from commitguard.security.detect import detect, unread_counted
from commitguard.security.types import is_security_type

IsMigration = Callable[[str], bool]


class MigrationVerdict(Value):
    """What the migration rules said of one commit, judged by its own files in the shell
    (migrations/branch.py, as `check` judges it): their findings, the paths they took
    for migration, schema or generated files, and the configuration the other rules
    run with (the migration rules off, so none is judged twice)."""

    __slots__ = ("violations", "paths", "config")

    def __init__(
        self, violations: tuple[Violation, ...], paths: frozenset[str], config: Config
    ) -> None:
        self.violations = violations
        self.paths = paths
        self.config = config


NO_TYPE = "other"  # a header that does not parse has no type
_IMPACT = "impact"  # in `Impact:` and `Security-Impact:`
_MIGRATION_DIRS = frozenset({"migrations", "migration", "migrate"})


class CommitFacts:
    def __init__(
        self,
        checked: CheckedCommit,
        commit: Commit,
        config: Config,
        is_migration: IsMigration,
        hunks: dict[str, list[str]] | None = None,
    ) -> None:
        self.checked = checked
        self.commit = commit
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
            and _detected(header, commit, config, hunks)
        )
        self.undocumented_security = self.security and "security-impact" in broken
        self.impact = "unknown"
        if self.security:
            impact = read_body(message or _parse(text)).first("Impact")
            self.impact = (impact_level(impact.value) if impact else None) or "unknown"
        # `Impact: None`, the honest short answer: counted apart, for a lead to review.
        self.no_impact = self.impact == NO_IMPACT


def _detected(
    header: Header, commit: Commit, config: Config, hunks: dict[str, list[str]] | None
) -> bool:
    """Security work by the rule's own test: the candidate paths' lines when read, else
    their names."""
    if hunks is not None:
        return detect(header, commit.changes, config, hunks=hunks).relevant
    return unread_counted(detect(header, commit.changes, config)).relevant


def may_be_security(checked: CheckedCommit, commit: Commit, config: Config) -> bool:
    """Whether the commit could count as a security fix here (the cheap tests of
    `CommitFacts.security`): the rule fired, or it declares an impact, or the rule is off."""
    return (
        any(v.rule == "security-impact" for v in checked.violations)
        or _IMPACT in commit.message.lower()
        or not _on(config, "security-impact")
    )


def is_migration(path: str) -> bool:
    """Without the migration rules' classifier (the pure core in tests): a file under a
    migrations directory, or Alembic's versions/, the shape most frameworks share."""
    parts = path.lower().split("/")
    if any(part in _MIGRATION_DIRS for part in parts[:-1]):
        return True
    return "alembic" in parts[:-2] and parts[-2] == "versions"


def _on(config: Config, rule: str) -> bool:
    severity = config.severities.get(rule)
    return severity is not None and severity is not Severity.OFF


def _parse(text: str) -> Message:
    return parse(clean(text, comment="\0", mode="whitespace"))
