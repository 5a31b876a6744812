"""Writing what a command made to a file the user named."""

from __future__ import annotations

from commitguard.errors import UsageError


def write_file(path: str, text: str, mode: str = "w") -> None:
    """Write `text` to `path`; a path that cannot be written is a usage error (exit 2),
    never a traceback and never exit 1, which would read as "violations"."""
    try:
        with open(path, mode, encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        raise UsageError(f"{path}: cannot be written: {error.strerror}") from None
