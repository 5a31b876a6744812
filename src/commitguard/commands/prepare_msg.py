"""`commitguard prepare-msg`: the prepare-commit-msg door.

Adds, as comments, to the message git is about to open in the editor: the scope the
staged paths suggest (commands/scope_hint.py), and the security template
(security/template.py) when those paths are security-sensitive. Comments, because a
suggestion is the author's to take: git strips them, so nothing is written for them.
Never blocks a commit: any failure leaves the message as git wrote it.
"""

from __future__ import annotations

from commitguard import git
from commitguard.commands.scope_hint import staged_scope
from commitguard.config import load as config_module
from commitguard.errors import EXIT_OK, CommitguardError
from commitguard.message import cleanup
from commitguard.output.escape import log_line
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
        changes = git.staged_changes()
        reasons, _ = path_reasons(changes, config)
        suggestion = staged_scope(changes, config)
        if not reasons and suggestion is None:
            return EXIT_OK
        with open(file, "rb") as handle:
            raw = handle.read()
        settings = git.message_settings()
        text = cleanup.decode(raw, settings.encoding)
        comment = cleanup.comment_prefix(settings.comment, text)
        template = commented_template([r.subject for r in reasons], comment) if reasons else ""
        if suggestion is not None:
            scope = log_line(suggestion.scope)
            template = (
                f"{comment} commitguard: the staged paths suggest the scope `{scope}`: "
                f"<type>({scope}): <description>\n{template}"
            )
        updated = insert_template(text, template, comment)
        with open(file, "wb") as handle:
            handle.write(updated.encode(settings.encoding or "utf-8", errors="replace"))
    except (CommitguardError, OSError, UnicodeError):
        return EXIT_OK  # the commit goes ahead with git's own message
    return EXIT_OK
