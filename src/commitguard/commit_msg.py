"""The commit-msg door: read the message as git wrote it, lint it, keep it if rejected.

This is the shell around the pure core for `commitguard lint`: it reads files and asks
git, nothing else. It runs on every commit, so it imports nothing heavy (not even
pathlib, whose import costs more than the two git calls it would tidy).
"""

from __future__ import annotations

import os
import shlex

from commitguard import cleanup, git
from commitguard import config as config_module
from commitguard.errors import GitError, UsageError
from commitguard.lint import Facts, LintResult, lint, reverted_commit, uses_changes
from commitguard.message import Message, parse
from commitguard.model import Value

SAVED_MESSAGE = "COMMITGUARD_EDITMSG"


class Outcome(Value):
    __slots__ = ("source", "message", "result", "saved_to")

    def __init__(
        self, source: str, message: Message, result: LintResult, saved_to: str | None = None
    ) -> None:
        self.source = source
        self.message = message
        self.result = result
        self.saved_to = saved_to  # where a rejected message was kept

    @property
    def retry_command(self) -> str | None:
        if self.saved_to is None:
            return None
        return f"git commit --edit --file={shlex.quote(self.saved_to)}"


def run(
    source: str | None,
    *,
    stdin: bytes | None = None,
    config_path: str | None = None,
    cwd: str | None = None,
) -> Outcome:
    """Lint the message at `source` (a path, "-" for `stdin`, None for COMMIT_EDITMSG)."""
    repository = _repository(required=source is None, cwd=cwd)
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

    settings = git.message_settings(cwd) if repository else git.MessageSettings()
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
    facts = Facts(merging, _reverted_commit_exists(message, repository, cwd))
    root = repository.toplevel if repository and repository.toplevel else (cwd or os.getcwd())
    config = config_module.load(root, config_path)
    # The paths the commit is about to record, for rules that judge them.
    in_work_tree = repository is not None and repository.toplevel is not None
    changes = git.staged_changes(cwd) if in_work_tree and uses_changes(config) else ()
    result = lint(message, config, facts, changes)

    saved_to = None
    if result.errors and git_dir and hook_file and message.text.strip():
        saved_to = _keep(message, os.path.join(git_dir, SAVED_MESSAGE), settings.encoding)
    return Outcome(source, message, result, saved_to)


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


def _repository(*, required: bool, cwd: str | None) -> git.Repository | None:
    try:
        repository = git.find_repository(cwd)
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


def _reverted_commit_exists(
    message: Message, repository: git.Repository | None, cwd: str | None
) -> bool | None:
    sha = reverted_commit(message)
    if sha is None or repository is None:
        return None
    return git.commit_exists(sha, cwd)


def _keep(message: Message, target: str, encoding: str | None) -> str | None:
    """Keep a rejected message where git will not overwrite it; in git's own encoding."""
    try:
        with open(target, "wb") as handle:
            handle.write((message.text + "\n").encode(encoding or "utf-8", errors="replace"))
    except OSError:
        return None  # the report still goes out; only the copy is lost
    return target
