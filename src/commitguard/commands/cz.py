"""The commitizen plugin: `cz commit` asks for the team's standard, `cz check` is lint.

Enable it with `name = "cz_commitguard"` under `[tool.commitizen]` (or in .cz.toml).
Only commitizen imports this module, through its `commitizen.plugin` entry point; the
hook never does. Every answer is checked by commitguard's own rules as it is typed, and
`cz check` runs the same engine as `commitguard lint` (a message, with the staged
paths) and `commitguard check` (a commit, with its own paths), given the same facts
from git about the commit a revert names, so the two cannot disagree.

`cz check --rev-range` hands the plugin one commit at a time and never the range, yet
the range rules (migration-order, migration-edited, schema-without-migration) and the
skipping of bots' commits need the whole of it. So at the first commit the plugin asks
commitizen's own check command, up the call stack, which range it walks, and runs
`commitguard check` over that range once; each commit then gets that run's verdict.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from types import FrameType
from typing import Any, cast

from commitizen.cz.base import BaseCommitizen, ValidationResult
from commitizen.exceptions import CustomError
from commitizen.question import CzQuestion

from commitguard import git
from commitguard.config import load as config_module
from commitguard.config.load import Config
from commitguard.engine.check import check_commit, cited_commit
from commitguard.engine.lint import Facts, lint, revert_facts, reverted_commit
from commitguard.errors import CommitguardError, GitError
from commitguard.message import cleanup
from commitguard.message.parse import Header, Message, parse
from commitguard.model import Change, Severity, Violation
from commitguard.output.escape import log_line, log_text
from commitguard.output.violations import fix_lines
from commitguard.rules.security import judge_header
from commitguard.security.body import IMPACT_LEVELS, NO_IMPACT
from commitguard.security.detect import Detection

_HEADER_RULES = ("header-", "subject-", "type-", "scope-")


class CommitguardCz(BaseCommitizen):
    """Conventional commits the way commitguard's configuration says."""

    def __init__(self, config: Any) -> None:
        super().__init__(config)
        self._guard: Config | None = None
        self._staged: tuple[Change, ...] | None = None
        # The staged lines of the candidate paths read so far: several questions ask
        # whether the commit is security work, and git is asked for each path once.
        self._staged_lines: dict[str, list[str] | None] = {}
        self._sofar: dict[str, str] = {}  # answers so far, for checks that need them
        # `cz check --rev-range`: each commit's violations from one `commitguard check`
        # of the whole range (None: not run yet; empty: no range was found to run it on)
        self._ranged: dict[str, tuple[Violation, ...]] | None = None

    # --- what commitguard knows ---------------------------------------------------------

    @property
    def guard(self) -> Config:
        if self._guard is None:
            try:
                self._guard = config_module.for_repository()
            except CommitguardError as error:
                raise CustomError(f"commitguard: {error.message}") from None
        return self._guard

    @property
    def staged(self) -> tuple[Change, ...]:
        if self._staged is None:
            self._staged = git.staged_changes_if_any()
        return self._staged

    def _header(self, subject: str | None = None) -> str:
        scope = self._sofar.get("scope", "")
        bang = "!" if self._sofar.get("is_breaking") == "yes" else ""
        text = subject if subject is not None else self._sofar.get("subject", "")
        return f"{self._sofar.get('type', 'fix')}{f'({scope})' if scope else ''}{bang}: {text}"

    def _security_relevant(self, _answers: object = None) -> bool:
        header = parse(self._header()).header
        return header is not None and self._judged(header).relevant

    def _judged(self, header: Header) -> Detection:
        """What the commit-msg hook will decide, with the staged lines of each candidate
        path read once for every question."""
        return judge_header(header, self.staged, self.guard, read_lines=self._read_staged)

    def _read_staged(self, paths: tuple[str, ...]) -> dict[str, list[str]]:
        known = self._staged_lines
        unread = [path for path in paths if path not in known]
        if unread:
            from commitguard.security.diff import staged_lines

            read = staged_lines(unread)
            known.update({path: read.get(path) for path in unread})  # None: no lines
        return {path: lines for path in paths if (lines := known[path]) is not None}

    def _header_problem(self, subject: str) -> str | bool:
        message = parse(self._header(subject))
        result = lint(message, self.guard)
        for violation in result.violations:
            if violation.severity is Severity.ERROR and violation.rule.startswith(_HEADER_RULES):
                return _one_line(violation)
        self._sofar["subject"] = subject
        return True

    def _remember(self, name: str) -> Any:
        def keep(value: Any) -> Any:
            self._sofar[name] = "yes" if value is True else "" if value is False else str(value)
            return value

        return keep

    # --- cz commit ----------------------------------------------------------------------

    def questions(self) -> list[CzQuestion]:
        self._sofar = {}
        guard = self.guard
        self._refuse_a_mixed_index(guard)
        types = [{"value": name, "name": name} for name in guard.types]
        questions: list[dict[str, Any]] = [
            {
                "type": "list",
                "name": "type",
                "message": "Type of change:",
                "choices": types,
                "filter": self._remember("type"),
            },
            self._scope_question(guard),
            {
                "type": "input",
                "name": "subject",
                "message": "Description (imperative, lower case, no full stop):",
                "validate": self._header_problem,
            },
            {
                "type": "input",
                "name": "body",
                "message": "Body: what and why (Enter to skip):",
                "when": lambda answers: not self._security_relevant(),
            },
            {
                "type": "input",
                "name": "body",
                "message": "This is a security fix. What did it fix (one sentence)?",
                "when": self._security_relevant,
                "validate": _required("say what was fixed"),
            },
            {
                "type": "confirm",
                "name": "is_breaking",
                "message": "Is this a BREAKING CHANGE?",
                "default": False,
                "filter": self._remember("is_breaking"),
            },
            {
                "type": "input",
                "name": "breaking",
                "message": "What breaks, and what to do about it?",
                "when": lambda answers: bool(answers.get("is_breaking")),
                "validate": _required("say what breaks"),
            },
            {
                "type": "list",
                "name": "impact",
                "message": "Security impact:",
                "choices": [
                    *({"value": level, "name": level} for level in IMPACT_LEVELS),
                    {"value": NO_IMPACT, "name": f"{NO_IMPACT} (no security impact)"},
                ],
                "when": self._security_relevant,
            },
            {
                "type": "input",
                "name": "affects",
                "message": "What does it affect (e.g. All authenticated endpoints)?",
                "when": lambda answers: (
                    self._security_relevant(answers) and answers.get("impact") != NO_IMPACT
                ),
                "validate": _required("say what is affected"),
            },
        ]
        return cast("list[CzQuestion]", questions)

    def _refuse_a_mixed_index(self, guard: Config) -> None:
        """Before the first question: an index the commit-msg hook will refuse whatever
        the answers (migrations staged with code) is refused now, with how to split it."""
        from commitguard.commands.staged import staged_violations

        if not self.staged:
            return  # outside a work tree too
        try:
            repository = git.find_repository()
            root = repository.toplevel if repository is not None else None
            found = staged_violations(self.staged, guard, root) if root else []
        except CommitguardError as error:
            raise CustomError(f"commitguard: {error.message}") from None
        errors = [v for v in found if v.severity is Severity.ERROR]
        if errors:
            said = "\n\n".join(_block(violation) for violation in errors)
            raise CustomError(
                f"{said}\n\ncommitguard: the index was refused before any question; "
                "split it as above, then run `cz commit` again"
            )

    def _suggested_scope(self, guard: Config) -> str | None:
        """The scope the staged paths suggest (commands/scope_hint.py): the default
        answer, which the author takes with Enter or types over."""
        from commitguard.commands.scope_hint import staged_scope

        try:
            suggestion = staged_scope(self.staged, guard)
        except CommitguardError:
            return None  # no history to learn from: no default, the question stays
        return None if suggestion is None else suggestion.scope

    def _scope_question(self, guard: Config) -> dict[str, Any]:
        default = self._suggested_scope(guard)
        offered = {} if default is None else {"default": default}
        if guard.scopes:
            choices = [{"value": scope, "name": scope} for scope in guard.scopes]
            if not guard.scope_required:
                choices.append({"value": "", "name": "(no scope)"})
            return {
                "type": "list",
                "name": "scope",
                "message": "Scope (module or feature):",
                "choices": choices,
                "filter": self._remember("scope"),
                # questionary finds a default among choices given as dicts by equality.
                **({} if default is None else {"default": {"value": default, "name": default}}),
            }

        def check_scope(text: str) -> str | bool:
            if not text.strip():
                return "a scope is required" if guard.scope_required else True
            message = parse(f"feat({text.strip()}): x")
            for violation in lint(message, guard).violations:
                if violation.rule.startswith(("scope-", "header-format")):
                    return _one_line(violation)
            return True

        return {
            "type": "input",
            "name": "scope",
            "message": "Scope (module or feature name):",
            "validate": check_scope,
            "filter": lambda text: self._remember("scope")(text.strip()),
            **offered,
        }

    def message(self, answers: Mapping[str, Any]) -> str:
        self._sofar.update(
            {
                "type": str(answers.get("type", "")),
                "scope": str(answers.get("scope") or ""),
                "subject": str(answers.get("subject", "")).strip(),
                "is_breaking": "yes" if answers.get("is_breaking") else "",
            }
        )
        paragraphs = [self._header()]
        body = str(answers.get("body") or "").strip()
        if body:
            paragraphs.append(body)
        if answers.get("is_breaking"):
            paragraphs.append(f"BREAKING CHANGE: {str(answers.get('breaking', '')).strip()}")
        if answers.get("impact") == NO_IMPACT:
            paragraphs.append(f"Impact: {NO_IMPACT}")
        elif answers.get("impact"):
            # Last, on its own: the paragraph git reads as trailers.
            paragraphs.append(f"Impact: {answers['impact']}\nAffects: {answers['affects']}")
        return "\n\n".join(paragraphs)

    def example(self) -> str:
        return (
            "fix(auth): patch JWT validation vulnerability\n\n"
            "Security fix for token bypass issue.\n\n"
            "Impact: Critical\n"
            "Affects: All authenticated endpoints"
        )

    def schema(self) -> str:
        return (
            "<type>(<scope>): <description>\n<BLANK LINE>\n<body: what and why>\n"
            "<BLANK LINE>\n[BREAKING CHANGE: <what breaks>]\n"
            "[Impact: Critical|High|Medium|Low and Affects: <what>, for security fixes]"
        )

    def schema_pattern(self) -> str:
        types = "|".join(sorted(self.guard.types, key=len, reverse=True))
        scope = r"(\([^()\r\n]+\))" + ("" if self.guard.scope_required else "?")
        return rf"(?s)({types}){scope}!?: \S.*"

    def info(self) -> str:
        return (
            "commitguard's standard: `<type>(<scope>): <description>` with the types and "
            "scopes of the repository's commitguard configuration, a body that says what "
            "and why, `BREAKING CHANGE:` for breaking changes, and `Impact:` and "
            "`Affects:` for security fixes. `commitguard rules` lists every rule."
        )

    # --- cz check -----------------------------------------------------------------------

    def validate_commit_message(
        self,
        *,
        commit_msg: str,
        pattern: Any,
        allow_abort: bool,
        allowed_prefixes: list[str],
        max_msg_length: int | None,
        commit_hash: str,
    ) -> ValidationResult:
        """commitguard's rules, not a pattern: a message is judged as `commitguard lint`
        judges it, a commit of a range as `commitguard check` does."""
        if not commit_msg.strip():
            return ValidationResult(allow_abort, [] if allow_abort else ["the message is empty"])
        if commit_hash:
            violations = self._check_commit(commit_hash, commit_msg)
        else:
            message = parse(cleanup.clean(commit_msg, "#", "strip"))
            facts = self._revert_facts(message)
            violations = lint(message, self.guard, facts, changes=self.staged).violations
        errors = [_block(v) for v in violations if v.severity is Severity.ERROR]
        return ValidationResult(not errors, errors)

    def _check_commit(self, sha: str, fallback: str) -> tuple[Violation, ...]:
        if self._ranged is None:
            self._ranged = _check_walked_range()
        if sha in self._ranged:
            return self._ranged[sha]
        commit = git.read_commit(sha)
        if commit is None:
            message = parse(fallback)
            return lint(message, self.guard, self._revert_facts(message)).violations
        cited = cited_commit(commit)
        header = None if cited is None else _cited_header(cited)
        return check_commit(commit, self.guard, reverted_header=header).violations

    def _revert_facts(self, message: Message) -> Facts:
        """What git says of the commit a revert message names, as `commitguard lint`
        asks it: a revert is exempt only if that commit has the header it quotes."""
        cited = reverted_commit(message)
        return revert_facts(None if cited is None else _cited_header(cited))


def _walked_range() -> str | None:
    """The range commitizen's `cz check` walks, as it gives it to `git log`: its check
    command is up the call stack, with `--rev-range` already expanded. None when the
    plugin was called some other way."""
    from commitizen import git as cz_git
    from commitizen.commands.check import Check

    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        owner = frame.f_locals.get("self")
        if isinstance(owner, Check):
            end = getattr(owner, "rev_range", None) or None
            if getattr(owner, "use_default_range", False):
                return f"{cz_git.get_default_branch()}..{end or 'HEAD'}"
            return end or "HEAD"
        frame = frame.f_back
    return None


def _check_walked_range() -> dict[str, tuple[Violation, ...]]:
    """Every commit of the walked range with its verdict from `commitguard check`: the
    range rules included, a bot's commit passing as check skips it."""
    from commitguard.commands.check import run_check

    walked = _walked_range()
    if walked is None:
        return {}
    try:
        result = run_check(walked, env=dict(os.environ), keep_passing=True)
    except CommitguardError as error:
        raise CustomError(f"commitguard: {error.message}") from None
    verdicts = {commit.sha: commit.violations for commit in result.commits}
    verdicts.update((commit.sha, ()) for commit in result.bots)
    return verdicts


def _cited_header(sha: str) -> str | bool | None:
    """The header of the commit `sha` names, False when the repository has no such
    commit, None when there is no repository to ask (`cz check --message` elsewhere):
    then the revert's shape is trusted, as `commitguard lint` trusts it there."""
    try:
        repository = git.find_repository()
    except GitError:
        return None  # no git to ask either
    if repository is None:
        return None
    try:
        header = git.commit_headers([sha]).get(sha)
    except GitError as error:
        raise CustomError(f"commitguard: {error.message}") from None
    return False if header is None else header


def _one_line(violation: Violation) -> str:
    hint = f" ({log_line(violation.hint.splitlines()[0])})" if violation.hint else ""
    return f"[{violation.rule}] {log_line(violation.message)}{hint}"


def _block(violation: Violation) -> str:
    """A violation for `cz check`: the rule and message, then the fix, lines indented.
    Escaped here: commitizen prints it as it is, and it quotes the commit."""
    hint = violation.hint and log_text(violation.hint)
    fix = fix_lines(hint, indent="  ", gutter=False) if hint else []
    return "\n".join([f"[{violation.rule}] {log_line(violation.message)}", *fix])


def _required(what: str) -> Any:
    def check(text: str) -> str | bool:
        return True if text.strip() else f"required: {what}"

    return check
