"""Turn the raw message file into the text git will store, exactly as git does.

The commit-msg hook sees the file before git cleans it: with the template's comment
lines, the `git commit -v` diff under the scissors line, stray blank lines, CRLF, a
BOM from a Windows editor. Linting anything but what git will store teaches the
wrong lesson, so this module mirrors git's `strbuf_stripspace` and `wt_status_locate_end`.
Pure: bytes and settings in, text out.
"""

from __future__ import annotations

import codecs

from commitguard.errors import ConfigError, UsageError

SCISSORS = "------------------------ >8 ------------------------"
# The order git tries when core.commentChar is "auto" (builtin/commit.c).
AUTO_COMMENT_CANDIDATES = "#;@!$%^&|:"
CLEANUP_MODES = ("strip", "whitespace", "verbatim", "scissors", "default")
# git's own isspace(): a vertical tab or a form feed at the end of a line survives.
_TRAILING_SPACE = " \t\r"
_BOM = codecs.BOM_UTF8


def decode(raw: bytes, encoding: str | None = None) -> str:
    """Decode a message file; `encoding` is git's i18n.commitEncoding (UTF-8 when unset)."""
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    if b"\0" in raw:
        raise UsageError(
            "the message contains a NUL byte; git refuses such messages too",
            "write the message as text, for example with `git commit -e`",
        )
    codec = encoding or "utf-8"
    try:
        return raw.decode(codec)
    except LookupError:
        raise ConfigError(
            "git config",
            "i18n.commitEncoding",
            f"unknown encoding {codec!r}",
            "set it to an encoding name Python knows, such as UTF-8 or ISO-8859-1",
        ) from None
    except UnicodeDecodeError as error:
        raise UsageError(
            f"the message is not valid {codec} (byte {error.start}: "
            f"{raw[error.start : error.start + 1]!r})",
            "save the message as UTF-8, or set `git config i18n.commitEncoding` "
            "to the encoding your editor writes",
        ) from None


def comment_prefix(setting: str | None, text: str) -> str:
    """The comment string git uses for this message (core.commentString/commentChar)."""
    if setting is None or setting == "":
        return "#"
    if setting == "auto":
        return _detect_auto_comment_char(text)
    return setting


def _detect_auto_comment_char(text: str) -> str:
    # With "auto", git picked the first candidate that began no line of the message,
    # then wrote its template comments with it. The scissors line names the choice
    # outright; otherwise git's comments are the last lines of the file.
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    for line in lines:
        is_scissors = line.endswith(f" {SCISSORS}") and len(line) == len(SCISSORS) + 2
        if is_scissors and line[0] in AUTO_COMMENT_CANDIDATES:
            return line[0]
    for line in reversed(lines):
        if not line.strip():
            continue
        # git writes "# text", "#" alone, and "#\tfile" in the status it appends.
        if line[0] in AUTO_COMMENT_CANDIDATES and (len(line) == 1 or line[1] in " \t"):
            return line[0]
        break
    return "#"


def clean(text: str, comment: str = "#", mode: str = "default") -> str:
    """Return the message git would store, without the trailing newline.

    `mode` is commit.cleanup as git applies it: the caller turns "default" into
    "whitespace" when git opened no editor (commit_msg._cleanup_mode); a bare "default"
    strips comment lines, since a template comment linted as body text is worse than
    a `#`-line left unlinted. The scissors line cuts in every mode: git cuts there in
    every mode under `git commit -v`, which is where a hook meets that line, and the
    hook cannot tell `-v`.
    """
    lines = _cut_at_scissors(text.split("\n"), comment)
    if mode == "verbatim":
        return "\n".join(lines).removesuffix("\n")
    strip_comments = mode in ("strip", "default")
    kept: list[str] = []
    for line in lines:
        if strip_comments and line.startswith(comment):
            continue
        kept.append(line.rstrip(_TRAILING_SPACE))
    return _squeeze_blank_lines(kept)


def _cut_at_scissors(lines: list[str], comment: str) -> list[str]:
    # git looks for "\n# ---- >8 ----\n" in the raw text: the line must end with a
    # newline, and a CRLF-ended scissors line does not cut (git then keeps the diff).
    cut = f"{comment} {SCISSORS}"
    for index, line in enumerate(lines[:-1]):
        if line == cut:
            return [*lines[:index], ""]
    return lines


def _squeeze_blank_lines(lines: list[str]) -> str:
    out: list[str] = []
    pending_blank = False
    for line in lines:
        if not line:
            pending_blank = bool(out)
            continue
        if pending_blank:
            out.append("")
            pending_blank = False
        out.append(line)
    return "\n".join(out)
