"""One exception family; each carries the exit code docs/DESIGN.md documents.

Raised anywhere below the CLI, rendered once at the edge. Nothing else calls sys.exit.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_USAGE = 2
EXIT_CONFIG = 3
EXIT_GIT = 4


class CommitguardError(Exception):
    """A failure the user can act on; never a violation, never a pass."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(CommitguardError):
    """Bad arguments or unreadable input."""

    exit_code = EXIT_USAGE


class ConfigError(CommitguardError):
    """A configuration file that does not validate; names the file and the key path."""

    exit_code = EXIT_CONFIG

    def __init__(self, path: str, key: str | None, message: str, hint: str | None = None) -> None:
        where = f"{path}: {key}" if key else path
        super().__init__(f"{where}: {message}", hint)
        self.path = path
        self.key = key


class GitError(CommitguardError):
    """git is missing, we are not in a repository, or history is not there."""

    exit_code = EXIT_GIT
