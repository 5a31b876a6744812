"""Rules that only make sense for commits already in history (`commitguard check`)."""

from __future__ import annotations

from commitguard.message.parse import Message
from commitguard.model import Commit, Finding, Severity, Span
from commitguard.rules import Context, rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

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

    __slots__ = ("pending", "_fixups", "_waiting", "_targets", "_by_start", "_short", "_hex")

    def __init__(self) -> None:
        self.pending = False  # an autosquash commit waits: older commits may be its target
        self._fixups: dict[str, bool] = {}  # every autosquash commit seen -> it is a root
        self._waiting: dict[str, list[str]] = {}  # a name -> the commits that name it
        self._targets: dict[str, tuple[str, bool]] = {}  # fixup sha -> (target, a root)
        # The waiting names by their first characters, so that each commit while one
        # waits costs a lookup or two, however many names wait (targets never found
        # pile up): names of _START characters or more by those characters; the shorter
        # ones, and the names git may take for an abbreviated sha, by their lengths.
        self._by_start: dict[str, set[str]] = {}
        self._short: dict[int, int] = {}
        self._hex: dict[int, int] = {}

    def see(self, commit: Commit) -> None:
        """One commit of the stream: call it for every commit while `pending`, and for
        each one whose message starts with an autosquash prefix."""
        header = commit.message.partition("\n")[0]
        if self._waiting:
            self._match(header, commit.sha, (commit.sha, not commit.parents))
        if header.startswith(AUTOSQUASH_PREFIXES):
            self._fixups[commit.sha] = not commit.parents
            name = autosquash_target(header)
            if name:
                if name not in self._waiting:
                    self._remember(name)
                self._waiting.setdefault(name, []).append(commit.sha)
        self.pending = bool(self._waiting)

    def _match(self, header: str, sha: str, found: tuple[str, bool]) -> None:
        """Settle the names `header` or `sha` answers. An exact match settles a name for
        good; a prefix or a sha is git's fallback, which an older match replaces."""
        waiting, targets = self._waiting, self._targets
        exact = waiting.pop(header, None)
        if exact is not None:
            self._forget(header)
            targets.update(dict.fromkeys(exact, found))
        for name in self._by_start.get(header[:_START], ()):
            if header.startswith(name):
                targets.update(dict.fromkeys(waiting[name], found))
        for length in self._short:
            fixups = waiting.get(header[:length]) if length <= len(header) else None
            if fixups:
                targets.update(dict.fromkeys(fixups, found))
        for length in self._hex:
            fixups = waiting.get(sha[:length])
            if fixups:
                targets.update(dict.fromkeys(fixups, found))

    def _remember(self, name: str) -> None:
        if len(name) >= _START:
            self._by_start.setdefault(name[:_START], set()).add(name)
        else:
            self._short[len(name)] = self._short.get(len(name), 0) + 1
        if _is_sha_prefix(name):
            self._hex[len(name)] = self._hex.get(len(name), 0) + 1

    def _forget(self, name: str) -> None:
        if len(name) >= _START:
            names = self._by_start[name[:_START]]
            names.discard(name)
            if not names:
                del self._by_start[name[:_START]]
        else:
            _uncount(self._short, len(name))
        if _is_sha_prefix(name):
            _uncount(self._hex, len(name))

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


# Names this long or longer are found by their first characters.
_START = 8


def _is_sha_prefix(name: str) -> bool:
    """Whether git may take `name` for an abbreviated sha."""
    return len(name) >= 4 and _HEX.issuperset(name)


def _uncount(counts: dict[int, int], length: int) -> None:
    left = counts[length] - 1
    if left:
        counts[length] = left
    else:
        del counts[length]


def _from(sha: str, root: bool) -> str:
    """Where a rebase that rewrites `sha` starts: its parent, or the root."""
    return "--root" if root else f"{sha[:10]}^"
