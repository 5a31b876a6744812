"""The engine: one message, its facts and the configuration in; violations out. Pure."""

from __future__ import annotations

from commitguard.config.load import Config
from commitguard.lazy import Pattern, cached
from commitguard.message.parse import Header, Message, is_release, without_squash_suffix
from commitguard.message.suggest import is_scope_name, suggested_header
from commitguard.model import Change, Severity, Value, Violation
from commitguard.rules import Context, Rule, catalogue
from commitguard.rules.history import AUTOSQUASH_PREFIXES

_AUTOSQUASH_KINDS = frozenset(prefix[:-2] for prefix in AUTOSQUASH_PREFIXES)
REVERT_PREFIXES = ('Revert "', 'Reapply "')
_REVERTED = Pattern(r"This reverts commit ([0-9a-f]{7,64})\b")


class Facts(Value):
    """What git knows about the commit, as opposed to what its message claims."""

    __slots__ = ("merge", "reverted_commit_exists", "reverted_header")

    def __init__(
        self,
        merge: bool = False,
        reverted_commit_exists: bool | None = None,
        reverted_header: str | None = None,
    ) -> None:
        self.merge = merge  # MERGE_HEAD exists (hook), or the commit has two parents
        self.reverted_commit_exists = reverted_commit_exists  # None: no repository to ask
        self.reverted_header = reverted_header  # that commit's header, when it exists


# The facts of nearly every commit, built once: `check` asks for 100,000 of them.
_PLAIN = Facts()
_MERGE = Facts(merge=True)


def revert_facts(reverted_header: str | bool | None, merge: bool = False) -> Facts:
    """Facts from what git said of the commit a revert names: its header, False when
    there is no such commit, None when nobody asked (no repository, or not a revert)."""
    if reverted_header is None:
        return _MERGE if merge else _PLAIN
    if reverted_header is False:
        return Facts(merge, reverted_commit_exists=False)
    return Facts(merge, reverted_commit_exists=True, reverted_header=str(reverted_header))


class LintResult(Value):
    __slots__ = ("violations", "exemption", "suggestion")

    def __init__(
        self,
        violations: tuple[Violation, ...],
        exemption: str | None = None,
        suggestion: str | None = None,
    ) -> None:
        self.violations = violations
        # "merge", "revert", "fixup", "squash", "amend" or "release"
        self.exemption = exemption
        self.suggestion = suggestion  # the header with every mechanical fix applied

    @property
    def errors(self) -> int:
        return sum(1 for v in self.violations if v.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for v in self.violations if v.severity is Severity.WARNING)


_PASSED = LintResult(())  # most commits': built once


def reverted_commit(message: Message) -> str | None:
    """The commit a git-written `Revert "..."` message names, if it is one (GitHub's
    squash merge may have added ` (#N)` after git's closing quote)."""
    if not message.header_text.startswith(REVERT_PREFIXES):
        return None  # most messages end here, before any expression runs
    header = without_squash_suffix(message.header_text)
    if not (header.endswith('"') and header.count('"') > 1):
        return None  # git's own `Revert "<header>"` only
    for line in message.lines[message.body_start :]:
        match = _REVERTED.search(line)
        if match:
            return match[1]
    return None


def claimed_header(message: Message) -> str:
    """The header a revert message says its commit has, as git writes it: `Revert "x"`
    reverts `x`, and `Reapply "x"` (git's revert of a revert) reverts `Revert "x"`."""
    header = without_squash_suffix(message.header_text)
    if header.startswith('Reapply "'):
        return 'Revert "' + header.removeprefix('Reapply "')
    return header.removeprefix('Revert "')[:-1]


def exemption(message: Message, facts: Facts) -> str | None:
    """Commits the standard does not apply to: merges, git's reverts, autosquash commits,
    release tooling's version-only headers.

    A revert is git's own only when the commit it names exists and has the header it
    quotes: a sha alone would let any message through by citing some old commit."""
    if facts.merge:
        return "merge"
    header = message.header_text
    if header.startswith(AUTOSQUASH_PREFIXES):
        return header.partition("!")[0]  # "fixup", "squash" or "amend"
    if is_release(header):
        return "release"
    if reverted_commit(message) is None or facts.reverted_commit_exists is False:
        return None
    if facts.reverted_commit_exists is None or facts.reverted_header == claimed_header(message):
        return "revert"  # None: no repository to ask, as when linting a file anywhere
    return None


@cached(maxsize=8)
def active_rules(config: Config) -> tuple[tuple[Rule, Severity], ...]:
    """The rules not turned off, with their severities: worked out once per configuration,
    not once per commit of a 100,000-commit range. Range rules are judged over the whole
    range (migrations/branch.py), never here."""
    return tuple(
        (rule, config.severities[rule.id])
        for rule in catalogue().values()
        if config.severities[rule.id] is not Severity.OFF and not rule.range_rule
    )


def uses_changes(config: Config) -> bool:
    """Whether any active rule looks at paths, so the hook must ask git for the index."""
    return any(rule.uses_changes for rule, _ in active_rules(config))


def lint(
    message: Message,
    config: Config,
    facts: Facts | None = None,
    changes: tuple[Change, ...] = (),
    *,
    history: bool = False,
) -> LintResult:
    """Lint one message. `history` is True for commits already made (`check`), where
    autosquash commits are reported instead of let through."""
    exempt = exemption(message, facts or _PLAIN)
    if exempt is not None and not (history and exempt in _AUTOSQUASH_KINDS):
        return LintResult((), exempt)
    context = Context(config=config, changes=changes, history=history)
    violations: list[Violation] = []
    # A plain loop: `check` runs this 100,000 times, and a generator per rule per
    # commit was a third of its time.
    if message.header is None:
        rules = _headless_rules(config)
    elif header_conforms(message.header, message.header_text, config):
        rules = body_rules(config)
    else:
        rules = active_rules(config)
    if exempt is not None:  # an autosquash commit of a history: fixup-commit says so
        rules = tuple((rule, severity) for rule, severity in rules if rule.id == "fixup-commit")
    for rule, severity in rules:
        for finding in rule.check(message, context):
            violations.append(
                Violation(
                    rule.id, severity, finding.message, finding.hint, finding.span, finding.path
                )
            )
    if not violations:
        return _PASSED if exempt is None else LintResult((), exempt)
    if exempt is not None:
        return LintResult(tuple(violations), exempt)
    # `check` shows no suggested header, so it does not pay for one.
    broken = {violation.rule for violation in violations}
    suggestion = None if history else suggested_header(message, config, broken)
    return LintResult(tuple(violations), suggestion=suggestion)


def header_conforms(header: Header, text: str, config: Config) -> bool:
    """True only for a header no header-only rule can fault: a configured type in lower
    case, lower-case scope names from the allowed list (when there is one), and a
    description that starts neither upper-case nor with a space, without a full stop,
    within the length limit. Most commits of a healthy history look like this; `check`
    then skips ten rules for them. Anything unusual goes through the rules themselves."""
    types, allowed, scope_required, limit = _header_policy(config)
    if header.type not in types:
        return False
    if header.scope is None:
        if scope_required:
            return False
    else:
        for name in header.scope.split(","):
            if not is_scope_name(name) or (allowed and name not in allowed):
                return False
    description = header.description
    if not description or description[0].isspace() or description[0].isupper():
        return False
    if not description[0].isascii():  # maybe only invisible characters: subject-empty's
        return False
    if description.endswith("."):
        return False
    return limit is not None and len(text) <= limit


@cached(maxsize=8)
def _header_policy(
    config: Config,
) -> tuple[frozenset[str], frozenset[str], bool, int | None]:
    """What header_conforms asks of the configuration, worked out once per configuration
    rather than once per commit: the types and scopes allowed (only lower-case names:
    a header typed `Feat` must meet type-case), whether a scope is required, and the
    length limit (None when it is not a number, so that the rule judges)."""
    limit = config.rule_options["header-max-length"]["max"]
    return (
        frozenset(name for name in config.types if name == name.lower()),
        frozenset(scope.lower() for scope in config.scopes),
        config.scope_required,
        limit if isinstance(limit, int) else None,
    )


@cached(maxsize=8)
def body_rules(config: Config) -> tuple[tuple[Rule, Severity], ...]:
    """The active rules left to run once the header is known to conform."""
    return tuple(
        (rule, severity) for rule, severity in active_rules(config) if not rule.header_only
    )


@cached(maxsize=8)
def _headless_rules(config: Config) -> tuple[tuple[Rule, Severity], ...]:
    """The active rules that still apply when the header does not parse."""
    return tuple(
        (rule, severity) for rule, severity in active_rules(config) if not rule.needs_header
    )
