"""The commit-msg door: read the message as git wrote it, lint it, keep it if rejected.

This is the shell around the pure core for `commitguard lint`: it reads files and asks
git, then hands the verdict to a lint format. It runs on every commit, so it imports
nothing heavy (not even pathlib, whose import costs more than the two git calls it
would tidy). The hook's fast lane (__main__.py) and click both call `main`.
"""

from __future__ import annotations

import os
import sys

from commitguard import git, interrupts, output
from commitguard.commands.lint_git import GitAnswers
from commitguard.config import load as config_module
from commitguard.engine.lint import (
    Facts,
    LintResult,
    active_rules,
    lint,
    revert_facts,
    reverted_commit,
)
from commitguard.errors import EXIT_OK, EXIT_VIOLATIONS, GitError, UsageError
from commitguard.formats import lint as formats
from commitguard.message import cleanup
from commitguard.message.parse import Message, parse
from commitguard.model import Value
from commitguard.security.types import is_security_type

SAVED_MESSAGE = "COMMITGUARD_EDITMSG"


class Outcome(Value):
    __slots__ = ("source", "message", "result", "notice", "retry", "scope_hint")

    def __init__(
        self,
        source: str,
        message: Message,
        result: LintResult,
        notice: str | None = None,
        retry: str | None = None,
        scope_hint: str | None = None,
    ) -> None:
        self.source = source
        self.message = message
        self.result = result
        self.notice = notice  # a last line for stderr: why nothing was asked
        self.retry = retry  # for the person: where it was kept, the commands to retry
        self.scope_hint = scope_hint  # the scope the staged paths suggest, when it lacks one


def main(
    file: str | None,
    *,
    output_format: str = "text",
    config_path: str | None = None,
    no_prompt: bool = False,
    asked: GitAnswers | None = None,
) -> int:
    """`commitguard lint FILE`: lint, print the verdict in `output_format`, return the
    exit code (1 when the message has an error, warnings allowed). `asked`: the git
    questions the hook's fast lane started before importing this door."""
    stdin = _read_stdin() if file == "-" else None
    outcome = run(file, stdin=stdin, config_path=config_path, no_prompt=no_prompt, asked=asked)
    stdout, stderr = formats.render(
        outcome.result,
        outcome.message,
        output_format,
        output.stderr_painter(),
        source=outcome.source,
    )
    # The retry depends on git's state, which only this shell sees (commands/retry.py);
    # it follows the verdict on stderr, whatever the format, for the person at the hook.
    # So does the scope the staged paths suggest, which needs the index and the history.
    if outcome.scope_hint:
        stderr += outcome.scope_hint + "\n"
    if outcome.retry:
        stderr += outcome.retry + "\n"
    if outcome.notice:
        stderr += outcome.notice + "\n"
    _emit(stdout, stderr)
    return EXIT_VIOLATIONS if outcome.result.errors else EXIT_OK


def _read_stdin() -> bytes:
    """The message piped to `lint -`. A closed standard input (`<&-`) is a usage
    error, not an empty message that would read as a verdict."""
    if sys.stdin is None:
        raise UsageError("`lint -` reads the message from stdin, which is closed")
    try:
        return sys.stdin.buffer.read()
    except OSError as error:
        raise UsageError(f"cannot read the message from stdin: {error.strerror}") from None


def _emit(stdout: str, stderr: str) -> None:
    """The verdict, on streams that may be closed (`>&-`) or gone (a reader that quit):
    a verdict nobody can read is a usage error, never a pass or "violations"."""
    if stdout and sys.stdout is None:
        raise UsageError("stdout is closed: nowhere to print the verdict")
    try:
        output.emit(stdout, stderr if sys.stderr is not None else "")
    except OSError as error:
        raise UsageError(f"cannot print the verdict: {error.strerror}") from None


def run(
    source: str | None,
    *,
    stdin: bytes | None = None,
    config_path: str | None = None,
    cwd: str | None = None,
    no_prompt: bool = True,
    asked: GitAnswers | None = None,
) -> Outcome:
    """Lint the message at `source` (a path, "-" for `stdin`, None for COMMIT_EDITMSG).

    Unless `no_prompt`, a security fix that lacks only its impact, in git's own message
    file, is completed by asking in the terminal (prompt.py) and written back. git is
    asked through `asked` (by default each question when first needed, from `cwd`)."""
    if asked is None:
        asked = GitAnswers(cwd)
    repository = _repository(asked, required=source is None)
    path: str | None
    if source is None:
        assert repository is not None
        path = source = os.path.join(repository.git_dir, "COMMIT_EDITMSG")
    elif source == "-":
        path = None
    else:
        path = os.path.join(cwd or "", source)
    raw = stdin if path is None else read_message_file(path, source)
    assert raw is not None

    settings = asked.settings() if repository else git.MessageSettings()
    text = cleanup.decode(raw, settings.encoding)
    comment = cleanup.comment_prefix(settings.comment, text)
    # git's own message file means this is the hook: GIT_EDITOR and MERGE_HEAD speak
    # for this commit.
    git_dir = repository.git_dir if repository else None
    hook_file = bool(
        git_dir and path and _same_dir(os.path.dirname(os.path.abspath(path)), git_dir)
    )
    mode = _cleanup_mode(settings.cleanup, hook=hook_file)
    message = parse(cleanup.clean(text, comment, mode))

    merging = bool(git_dir and hook_file and os.path.exists(os.path.join(git_dir, "MERGE_HEAD")))
    facts = _facts(message, merging, repository, cwd)
    config = config_module.for_repository(config_path, cwd, repository=repository)
    # The paths the commit is about to record, for rules that judge them.
    in_work_tree = repository is not None and repository.toplevel is not None
    wanted = in_work_tree and _wants_changes(message, config)
    changes = asked.staged() if wanted else ()
    result = lint(message, config, facts, changes)
    # The verdict is known: what follows asks, writes back or keeps the message, and
    # handles a Ctrl-C itself. git's threads are done first, so that nothing imports
    # beside it (commitguard/interrupts.py).
    asked.wait()
    interrupts.settle()

    notice = None
    if result.errors and hook_file and path is not None and _only_security_gaps(result, message):
        answered, notice = _ask_security(message, result, no_prompt)
        if answered is not None:
            _write_back(path, answered, settings.encoding)
            message = parse(answered)
            result = lint(message, config, facts, changes)
    scope_hint = None
    if result.errors and in_work_tree:
        # Only a rejected message pays for the history this reads.
        from commitguard.commands.scope_hint import hook_hint

        scope_hint = hook_hint(message, result, config, changes if wanted else None, cwd)
    retry = None
    if result.errors and git_dir and path and hook_file and message.text.strip():
        retry = _keep(message, path, git_dir, settings.encoding, cwd)
    return Outcome(source, message, result, notice, retry, scope_hint)


_SECURITY_RULES = ("security-impact", "security-no-impact")


def _wants_changes(message: Message, config: config_module.Config) -> bool:
    """Whether a rule will read the staged paths. security-impact needs them only for a
    fix whose scope or subject does not already decide it: a git call saved per commit."""
    for rule, _ in active_rules(config):
        if not rule.uses_changes:
            continue
        if rule.id == "security-no-impact" and "impact" not in message.text.lower():
            continue  # only a body that claims no impact asks it anything
        if rule.id not in _SECURITY_RULES:
            return True
        if message.header is None or not is_security_type(message.header, config):
            continue  # most messages: the detection is not even imported
        from commitguard.security.detect import needs_paths

        if needs_paths(message.header, config):
            return True
    return False


def _only_security_gaps(result: LintResult, message: Message) -> bool:
    """The only errors are a security fix's missing description, impact or affects: what
    the prompt can supply. Anything else needs the editor anyway."""
    if any(v.rule != "security-impact" for v in result.violations if v.severity.value == "error"):
        return False
    from commitguard.security.body import field_problem, read_body

    body = read_body(message)
    return bool(body.missing()) and not any(field_problem(f) for f in body.fields)


def _ask_security(
    message: Message, result: LintResult, no_prompt: bool
) -> tuple[str | None, str | None]:
    """(the completed message text, None), or (None, why nothing was asked)."""
    from commitguard.security import prompt
    from commitguard.security.body import read_body, with_fields

    missing = read_body(message).missing()
    not_asked = prompt.refusal(no_prompt, os.environ, _stderr_is_terminal())
    if not_asked is None:
        first = next(v for v in result.violations if v.rule == "security-impact")
        why, but, _ = first.message.partition(" but ")
        intro = f"commitguard: {why if but else 'this is a security fix'}; it needs its impact."
        try:
            answers = prompt.ask(intro, missing)
        except prompt.Aborted as aborted:
            if not aborted.answers:
                return None, "commitguard: nothing was added; the message is unchanged"
            # What was answered stays: the kept message (and its retry) has it.
            given = dict(aborted.answers)
            description = given.pop("description", None)
            kept = ", ".join(["description"] * bool(description) + [f"`{k}:`" for k in given])
            return with_fields(message, given, description), (
                f"commitguard: kept the answers given ({kept}); the rest is still missing"
            )
        if answers is not None:
            description = answers.pop("description", None)
            return with_fields(message, answers, description), None
        not_asked = "no terminal"
    return None, (
        f"commitguard: did not ask for the security impact ({not_asked}); "
        "add the lines above to the message"
    )


def _stderr_is_terminal() -> bool:
    # The stream the verdict is written to, which git hands the hook as fd 2.
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (OSError, ValueError):  # closed
        return False


def _write_back(path: str, text: str, encoding: str | None) -> None:
    """Replace git's message file with the completed message, already cleaned the way git
    cleans it, so git's own cleanup after the hook leaves it as it is."""
    try:
        with open(path, "wb") as handle:
            handle.write((text + "\n").encode(encoding or "utf-8", errors="replace"))
    except OSError as error:
        raise UsageError(f"{path}: cannot be written: {error.strerror}") from None


def _cleanup_mode(setting: str | None, *, hook: bool) -> str:
    """commit.cleanup as git applies it to this message."""
    mode = setting if setting in cleanup.CLEANUP_MODES else "default"
    if mode != "default" or not hook:
        return mode
    # git runs its commit hooks with GIT_EDITOR=: when no editor opens (githooks(5)), and
    # then keeps `#` lines by default: `git commit -m "#123 fix login"` stores that header.
    return "whitespace" if os.environ.get("GIT_EDITOR") == ":" else "strip"


def read_message_file(path: str, shown: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise UsageError(
            f"{shown}: no such file", "pass the commit message file, or - for stdin"
        ) from None
    except IsADirectoryError:
        raise UsageError(f"{shown}: is a directory, not a commit message file") from None
    except PermissionError:
        raise UsageError(f"{shown}: permission denied") from None
    except OSError as error:
        raise UsageError(f"{shown}: cannot be read: {error.strerror}") from None


def _repository(asked: GitAnswers, *, required: bool) -> git.Repository | None:
    try:
        repository = asked.repository()
    except GitError:
        if required:
            raise
        return None  # linting a file needs no git
    if repository is None and required:
        raise GitError(
            "not in a git repository, so there is no COMMIT_EDITMSG to lint",
            "pass a message file, or - to read the message from stdin",
        )
    return repository


def _same_dir(left: str, right: str) -> bool:
    try:
        return os.path.samefile(left, right)
    except OSError:
        return False


def _facts(
    message: Message, merging: bool, repository: git.Repository | None, cwd: str | None
) -> Facts:
    """What git knows: a merge under way, and the commit a revert message names."""
    sha = reverted_commit(message)
    if sha is None or repository is None:
        return Facts(merging)
    return revert_facts(git.commit_headers([sha], cwd).get(sha, False), merging)


def _keep(message: Message, path: str, git_dir: str, encoding: str | None, cwd: str | None) -> str:
    """Keep a rejected message where git will not overwrite it, in git's own encoding;
    what to tell the person: how to retry, or that it could not be kept."""
    target = os.path.join(git_dir, SAVED_MESSAGE)
    data = (message.text + "\n").encode(encoding or "utf-8", errors="replace")
    # Written aside and renamed over the old copy: of two commits refused at once (two
    # terminals on one worktree), the copy holds one whole message, never a mix; and a
    # stale read-only copy is replaced, since a rename asks only the directory.
    aside = f"{target}.{os.getpid()}.tmp"
    try:
        with open(aside, "wb") as handle:
            handle.write(data)
        os.replace(aside, target)
    except OSError as error:
        import contextlib  # only on this rare path: the hook never imports it

        with contextlib.suppress(OSError):
            os.unlink(aside)
        return (
            f"commitguard: your message was NOT kept: {target}: {error.strerror}; "
            f"it is in {os.path.abspath(path)} until the next commit, copy it from there"
        )
    from commitguard.commands import retry

    return retry.advice(target, git_dir, cwd)
