"""Rules that only make sense for commits already in history (`commitguard check`)."""

from __future__ import annotations

from collections.abc import Iterator

from commitguard.message.parse import Message
from commitguard.model import Commit, Finding, Severity, Span
from commitguard.rules import Context, rule

AUTOSQUASH_PREFIXES = ("fixup! ", "squash! ", "amend! ")
_HEX = frozenset("0123456789abcdef")


@rule(
    "fixup-commit",
    family="history",
    severity=Severity.WARNING,
    summary="no `fixup!`, `squash!` or `amend!` commit is left on a branch being merged",
    good="feat(orders): add pagination",
    bad="fixup! feat(orders): add pagination",
    fix="Fold it into the commit it fixes with an interactive rebase that starts at that "
    "commit's parent and passes `--autosquash` (`commitguard check` prints the command "
    "for each one), then push again.",
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
        # `check` replaces this with the command for this commit (FixupTargets).
        "fold it into the commit it fixes: rebase with `--autosquash` from that commit's parent",
        Span(0, 0, len(kind) + 1),
    )


def autosquash_target(header: str) -> str:
    """What an autosquash header names, as git reads it: past every stacked prefix
    (`fixup! squash! x` names `x`)."""
    while header.startswith(AUTOSQUASH_PREFIXES):
        header = header.partition(" ")[2]
    return header


class FixupTargets:
    """The commit each autosquash commit of a range folds into, found as `check` streams
    the range (newest first), so its hint can name the rebase that folds it.

    The target is matched as `git rebase --autosquash` matches it: a header equal to the
    name, else one that starts with it or a commit whose sha starts with it. The first
    exact match settles it; otherwise the oldest match wins. A rebase from the parent of
    the match holds the commit git then picks, and no other that it would prefer.
    """

    __slots__ = ("pending", "_fixups", "_waiting", "_targets", "_lengths")

    def __init__(self) -> None:
        self.pending = False  # an autosquash commit waits: older commits may be its target
        self._fixups: dict[str, bool] = {}  # every autosquash commit seen -> it is a root
        self._waiting: dict[str, list[str]] = {}  # a name -> the commits that name it
        self._targets: dict[str, tuple[str, bool]] = {}  # fixup sha -> (target, a root)
        # How many waiting names have each length: a header or sha is looked up by its
        # first characters, not tested against every name (targets never found pile up)
        self._lengths: dict[int, int] = {}

    def see(self, commit: Commit) -> None:
        """One commit of the stream: call it for every commit while `pending`, and for
        each one whose message starts with an autosquash prefix."""
        header = commit.message.partition("\n")[0]
        waiting = self._waiting
        if waiting:
            found = (commit.sha, not commit.parents)
            # An exact match settles it; a prefix or a sha is git's fallback, and an
            # older match (or an exact one) replaces it.
            exact = waiting.pop(header, None)
            if exact is not None:
                self._forget(header)
                self._targets.update(dict.fromkeys(exact, found))
            sha, size = commit.sha, len(header)
            for length in self._lengths:
                prefix = header[:length] if length <= size else None
                fixups = waiting.get(prefix) if prefix is not None else None
                if fixups:
                    self._targets.update(dict.fromkeys(fixups, found))
                # A name git may take for an abbreviated sha (never one the header gave).
                if length >= 4 and sha[:length] != prefix:
                    fixups = waiting.get(sha[:length])
                    if fixups and _is_sha_of(sha[:length], sha):
                        self._targets.update(dict.fromkeys(fixups, found))
        if header.startswith(AUTOSQUASH_PREFIXES):
            self._fixups[commit.sha] = not commit.parents
            name = autosquash_target(header)
            if name:
                if name not in waiting:
                    self._lengths[len(name)] = self._lengths.get(len(name), 0) + 1
                waiting.setdefault(name, []).append(commit.sha)
        self.pending = bool(waiting)

    def _forget(self, name: str) -> None:
        left = self._lengths[len(name)] - 1
        if left:
            self._lengths[len(name)] = left
        else:
            del self._lengths[len(name)]

    @property
    def seen(self) -> bool:
        return bool(self._fixups)

    def hint(self, sha: str) -> str | None:
        """The commands that fold the autosquash commit `sha`, or reword it when its
        target is not in the range; None for a commit this has not seen."""
        if sha not in self._fixups:
            return None
        found = self._targets.get(sha)
        if found is not None:
            target, root = found
            return (
                "fold it into its target, "
                f"{target[:10]}: `git rebase -i --autosquash {_from(target, root)}`, "
                "then push again"
            )
        return (
            "its target is not in this range, so no rebase of the range folds it: give it "
            f"a message of its own with `git rebase -i {_from(sha, self._fixups[sha])}` "
            "(mark it `reword`)"
        )


def _is_sha_of(name: str, sha: str) -> bool:
    return len(name) >= 4 and _HEX.issuperset(name) and sha.startswith(name)


def _from(sha: str, root: bool) -> str:
    """Where a rebase that rewrites `sha` starts: its parent, or the root."""
    return "--root" if root else f"{sha[:10]}^"
