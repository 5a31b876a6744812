"""Rules that only make sense for commits already in history (`commitguard check`)."""

from __future__ import annotations

from collections.abc import Iterator

from commitguard.message.parse import Message
from commitguard.model import Finding, Severity, Span
from commitguard.rules import Context, rule

AUTOSQUASH_PREFIXES = ("fixup! ", "squash! ", "amend! ")


@rule(
    "fixup-commit",
    family="history",
    severity=Severity.WARNING,
    summary="no `fixup!`, `squash!` or `amend!` commit is left on a branch being merged",
    good="feat(orders): add pagination",
    bad="fixup! feat(orders): add pagination",
    fix="Fold it into its target: `git rebase -i --autosquash <base>`, then push again.",
)
def fixup_commit(message: Message, context: Context) -> Iterator[Finding]:
    """The commit-msg hook lets autosquash commits through, because they are meant to be
    folded away before the branch merges. In a range being checked they are reported:
    once merged, they are noise in the history for good."""
    header = message.header_text
    if not header.startswith(AUTOSQUASH_PREFIXES):
        return
    kind = header.split("!", 1)[0]
    yield Finding(
        f"a `{kind}!` commit is still in the range",
        "fold it into its target with `git rebase -i --autosquash <base>`",
        Span(0, 0, len(kind) + 1),
    )
