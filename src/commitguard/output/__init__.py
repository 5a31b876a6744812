"""The terminal: colour, the error block, and the one place a command's text is written.

Every door renders its text first and hands it here, so what reaches stdout and stderr
is written in one module. The commit-msg hook imports this on every commit: nothing
here may import a module the hook does not already load.
"""

from __future__ import annotations

import os
import sys

from commitguard.errors import CommitguardError, UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

_STYLES = {
    "error": "1;31",
    "warning": "1;33",
    "gutter": "1;34",
    "hint": "36",
    "bold": "1",
    "ok": "32",
    "dim": "2",
}


def colour_enabled(stream: object) -> bool:
    """Colour on a terminal only; NO_COLOR (https://no-color.org) wins over FORCE_COLOR."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Painter:
    """Wraps text in an ANSI style by name, or leaves it as it is when colour is off."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, style: str, text: str) -> str:
        if not self.enabled or not text:
            return text
        return f"\033[{_STYLES[style]}m{text}\033[0m"


PLAIN = Painter(False)


def stdout_painter() -> Painter:
    return Painter(colour_enabled(sys.stdout))


def stderr_painter() -> Painter:
    return Painter(colour_enabled(sys.stderr))


def emit(stdout: str = "", stderr: str = "") -> None:
    """Write a command's text as it is. Not through click.echo, which would drop the
    colour FORCE_COLOR asked for whenever the stream is not a terminal."""
    if stdout:
        sys.stdout.write(stdout)
        sys.stdout.flush()
    if stderr:
        sys.stderr.write(stderr)
        sys.stderr.flush()


def progress(what: str) -> Callable[[int], None] | None:
    """A count redrawn in place on stderr (`commitguard: 12,000 commits checked`), or
    None when stderr is not a terminal, where each step would be one more log line."""
    if not sys.stderr.isatty():
        return None

    def show(count: int) -> None:
        emit(stderr=f"\rcommitguard: {count:,} {what}")

    return show


def end_progress() -> None:
    """Clear the count's line before the result is printed."""
    if sys.stderr.isatty():
        emit(stderr="\r\033[K")


def error(message: str, hint: str | None, paint: Painter) -> str:
    """The block every failure is shown as: what went wrong, then what to do. Both may
    quote a path, a ref or a configuration value, so both are escaped for a log."""
    # Only a failure pays for the escaper's tables: the hook passes most commits.
    from commitguard.output.escape import log_text

    text = f"commitguard: {paint('error', 'error:')} {log_text(message)}\n"
    if hint:
        text += f"  {paint('hint', 'hint:')} {log_text(hint)}\n"
    return text


def show_error(failure: CommitguardError) -> None:
    emit(stderr=error(failure.message, failure.hint, stderr_painter()))


def write_file(path: str, text: str | Iterable[str], mode: str = "w") -> None:
    """Write `text` (or its parts, one after another) to `path`; a path that cannot be
    written is a usage error (exit 2), never a traceback and never exit 1, which would
    read as "violations"."""
    try:
        with open(path, mode, encoding="utf-8") as handle:
            if isinstance(text, str):
                handle.write(text)
            else:
                handle.writelines(text)
    except OSError as failure:
        raise UsageError(f"{path}: cannot be written: {failure.strerror}") from None


def emit_parts(parts: Iterable[str]) -> None:
    """Write a report to stdout part by part, as each is made, and flush once."""
    sys.stdout.writelines(parts)
    sys.stdout.flush()
