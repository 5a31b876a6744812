"""`commitguard prepare-msg`: the prepare-commit-msg hook's security template.

When the staged paths are security-sensitive, the editor git opens already shows, as
comments, the lines a security fix needs. The type is not known yet (nothing is typed),
so the paths alone decide; comments cost nothing when the commit is not a fix, since git
strips them. Never blocks a commit: any failure leaves the message as git wrote it.
"""

from __future__ import annotations

import click

from commitguard import git
from commitguard.config import load as config_module
from commitguard.errors import EXIT_OK, CommitguardError
from commitguard.message import cleanup
from commitguard.security.detect import path_reasons

# git's own sources for the message: only an editor opening a fresh or template message
# gets the template; -m, -F, merges, squashes and amends already have their text.
_FRESH_SOURCES = ("", "template")


def commented_template(paths: list[str], comment: str) -> str:
    """The lines to add, each behind git's comment prefix."""
    shown = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
    lines = [
        f"commitguard: the staged changes touch security-sensitive code ({shown}).",
        "A fix needs a sentence on what was fixed, then (remove the comment prefix):",
        "Impact: <Critical|High|Medium|Low>",
        "Affects: <what is affected>",
    ]
    return "".join(f"{comment} {line}\n" for line in lines)


def insert_template(text: str, template: str, comment: str) -> str:
    """`template` right above git's own comments (or at the end), after a blank line."""
    lines = text.splitlines(keepends=True)
    at = next((n for n, line in enumerate(lines) if line.startswith(comment)), len(lines))
    head = "".join(lines[:at])
    if head and not head.endswith("\n"):
        head += "\n"
    return head + template + ("\n" if at < len(lines) else "") + "".join(lines[at:])


@click.command("prepare-msg")
@click.argument("file")
@click.argument("source", required=False, default="")
@click.argument("sha", required=False)
def prepare_msg(file: str, source: str, sha: str | None) -> int:
    """Add a commented security template to FILE (the prepare-commit-msg hook).

    Only when the editor opens a new message and the staged paths match
    security.paths. Always exits 0: it prepares, it never judges.

    \b
    Example:
      commitguard prepare-msg .git/COMMIT_EDITMSG
    """
    if source not in _FRESH_SOURCES:
        return EXIT_OK
    try:
        repository = git.find_repository()
        if repository is None or repository.toplevel is None:
            return EXIT_OK
        config = config_module.for_repository(repository=repository)
        reasons, _ = path_reasons(git.staged_changes(), config)
        if not reasons:
            return EXIT_OK
        with open(file, "rb") as handle:
            raw = handle.read()
        settings = git.message_settings()
        text = cleanup.decode(raw, settings.encoding)
        comment = cleanup.comment_prefix(settings.comment, text)
        template = commented_template([reason.subject for reason in reasons], comment)
        updated = insert_template(text, template, comment)
        with open(file, "wb") as handle:
            handle.write(updated.encode(settings.encoding or "utf-8", errors="replace"))
    except (CommitguardError, OSError, UnicodeError):
        return EXIT_OK  # the commit goes ahead with git's own message
    return EXIT_OK
