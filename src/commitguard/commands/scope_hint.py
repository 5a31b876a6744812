"""The scope the staged paths suggest, for the three doors that offer it: the hook's
error (commands/lint.py), `cz commit`'s default answer (commands/cz.py) and the
prepare-commit-msg template (commands/prepare_msg.py). The choice is message/scopes.py's;
this shell asks git and the configuration's scope rules."""

from __future__ import annotations

from collections.abc import Iterable

from commitguard import git
from commitguard.engine.lint import LintResult, lint
from commitguard.errors import CommitguardError
from commitguard.message.parse import Message, parse
from commitguard.message.scopes import HISTORY_COMMITS, Suggestion, history_pathspecs, suggest
from commitguard.message.suggest import fixed
from commitguard.model import Change, Severity
from commitguard.output.escape import log_line

TYPE_CHECKING = False
if TYPE_CHECKING:
    from commitguard.config.settings import Config

# The violations a suggested scope must not cause: every scope rule, and the header's shape.
_SCOPE_RULES = ("scope-", "header-format")


def staged_scope(
    changes: Iterable[Change], config: Config, cwd: str | None = None
) -> Suggestion | None:
    """The scope to offer for the staged `changes`: learnt from the last commits that
    touched those files, else their folders (a bounded git call each, the second only
    when the first teaches nothing), else their module folder; one that passes the
    configuration's scope rules, or None."""
    paths = [change.path for change in changes]
    if not paths:
        return None
    histories = (
        git.recent_headers(specs, HISTORY_COMMITS, cwd) for specs in history_pathspecs(paths)
    )
    return suggest(paths, histories, lambda scope: passes(scope, config))


def passes(scope: str, config: Config) -> bool:
    """Whether `scope` passes the configuration's scope rules (scope-enum, scope-case)."""
    kind = config.types[0] if config.types else "feat"
    message = parse(f"{kind}({scope}): probe")
    return not any(v.rule.startswith(_SCOPE_RULES) for v in lint(message, config).violations)


# The errors that say the scope is missing or unknown: where the hook offers one.
_WANTS_A_SCOPE = ("scope-empty", "scope-enum")


def hook_hint(
    message: Message,
    result: LintResult,
    config: Config,
    staged: tuple[Change, ...] | None,
    cwd: str | None = None,
) -> str | None:
    """The line the hook adds under a missing or unknown scope: the scope the staged
    paths (`staged`, or None when not read yet) suggest and the header with it, for the
    author to take or leave. A suggestion git cannot give is none: the verdict stands."""
    wanted = any(
        v.rule in _WANTS_A_SCOPE and v.severity is Severity.ERROR for v in result.violations
    )
    if not wanted or message.header is None:
        return None
    try:
        changes = git.staged_changes(cwd) if staged is None else staged
        suggestion = staged_scope(changes, config, cwd)
    except CommitguardError:
        return None
    if suggestion is None:
        return None
    why = (
        "the scope earlier commits used most for these paths"
        if suggestion.source == "history"
        else "the module these paths are in"
    )
    header = fixed(message.header, config, scope=suggestion.scope)
    return (
        f"commitguard: the staged paths suggest the scope `{log_line(suggestion.scope)}` "
        f"({why}): `{log_line(header)}`"
    )
