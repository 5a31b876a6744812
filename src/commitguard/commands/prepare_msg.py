"""`commitguard prepare-msg`: the prepare-commit-msg door.

Adds the commented security template (security/template.py) to the message git is
about to open in the editor, when the staged paths are security-sensitive. Never blocks
a commit: any failure leaves the message as git wrote it.
"""

from __future__ import annotations

from commitguard import git
from commitguard.config import load as config_module
from commitguard.errors import EXIT_OK, CommitguardError
from commitguard.message import cleanup
from commitguard.security.detect import path_reasons
from commitguard.security.template import commented_template, insert_template

# git's own sources for the message: only an editor opening a fresh or template message
# gets the template; -m, -F, merges, squashes and amends already have their text.
_FRESH_SOURCES = ("", "template")


def main(file: str, source: str = "") -> int:
    """Prepare `file`, given git's message `source` (the commit sha git may pass too
    does not matter here); always exit 0: it prepares, it never judges."""
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
