"""The only module that runs git. Arguments go to git as a list, never through a shell."""

from __future__ import annotations

import os
import subprocess

from commitguard.errors import GitError
from commitguard.model import Value

_MESSAGE_SETTINGS = (
    r"^(core\.commentchar|core\.commentstring|i18n\.commitencoding|commit\.cleanup)$"
)
_HEX = frozenset("0123456789abcdef")


class Repository(Value):
    __slots__ = ("git_dir", "toplevel")

    def __init__(self, git_dir: str, toplevel: str | None) -> None:
        self.git_dir = git_dir  # absolute; the real one, .git/worktrees/<name> in a worktree
        self.toplevel = toplevel  # None in a bare repository


class MessageSettings(Value):
    __slots__ = ("comment", "encoding", "cleanup")

    def __init__(
        self, comment: str | None = None, encoding: str | None = None, cleanup: str | None = None
    ) -> None:
        self.comment = comment  # core.commentString, else core.commentChar
        self.encoding = encoding  # i18n.commitEncoding
        self.cleanup = cleanup  # commit.cleanup


def _run(args: list[str], cwd: str | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git was not found", "install git and make sure it is on PATH") from None


def find_repository(cwd: str | None = None) -> Repository | None:
    """The repository around `cwd`, or None outside any."""
    result = _run(["rev-parse", "--absolute-git-dir", "--show-toplevel"], cwd)
    if result.returncode == 0:
        git_dir, toplevel = os.fsdecode(result.stdout).splitlines()[:2]
        return Repository(git_dir, toplevel)
    # Inside a bare repository or the git dir itself there is no work tree to show.
    result = _run(["rev-parse", "--absolute-git-dir"], cwd)
    if result.returncode == 0:
        return Repository(os.fsdecode(result.stdout).strip(), None)
    return None


def message_settings(cwd: str | None = None) -> MessageSettings:
    """The settings that decide how git cleans a message, in one git call."""
    result = _run(["config", "-z", "--get-regexp", _MESSAGE_SETTINGS], cwd)
    values: dict[str, str] = {}
    # Exit 1 means none is set; a broken config is git's to report, at commit time.
    for entry in os.fsdecode(result.stdout).split("\0"):
        key, _, value = entry.partition("\n")
        if key:
            values[key.lower()] = value
    return MessageSettings(
        comment=values.get("core.commentstring") or values.get("core.commentchar"),
        encoding=values.get("i18n.commitencoding"),
        cleanup=values.get("commit.cleanup"),
    )


def commit_exists(sha: str, cwd: str | None = None) -> bool:
    if not sha or not _HEX.issuperset(sha):
        return False
    return _run(["cat-file", "-e", f"{sha}^{{commit}}"], cwd).returncode == 0


def hooks_directory(cwd: str | None = None) -> str:
    """Where git looks for hooks: core.hooksPath if set; shared by all worktrees."""
    result = _run(["rev-parse", "--git-path", "hooks"], cwd)
    if result.returncode != 0:
        raise GitError(
            "not in a git repository",
            "run this inside the repository whose commits commitguard should check",
        )
    path = os.fsdecode(result.stdout).strip()
    return os.path.join(cwd or os.getcwd(), path)
