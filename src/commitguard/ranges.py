"""Which commits to check: a range given on the command line, or one found from CI
variables, pre-push refs or the upstream branch. Says which, and why."""

from __future__ import annotations

from collections.abc import Mapping

from commitguard import git
from commitguard.errors import GitError, UsageError
from commitguard.model import Value


class Target(Value):
    __slots__ = ("revisions", "label", "reason")

    def __init__(self, revisions: tuple[str, ...], label: str, reason: str) -> None:
        self.revisions = revisions  # arguments for `git log`, none of them an option
        self.label = label  # what a person reads: "origin/main..HEAD"
        self.reason = reason  # why this range: "the upstream of the current branch"


def from_argument(argument: str) -> Target:
    if not argument or argument.startswith("-"):
        raise UsageError(
            f"{argument!r} is not a revision range",
            "pass one argument `git rev-list` accepts, such as origin/main..HEAD",
        )
    return Target((argument,), argument, "given on the command line")


def detect(env: Mapping[str, str], cwd: str | None = None) -> Target:
    """The range to check when none is given."""
    upstream = git.upstream(cwd)
    if upstream is not None:
        return Target(
            (f"{upstream}..HEAD",), f"{upstream}..HEAD", "the upstream of the current branch"
        )
    raise GitError(
        "no range given and none could be found",
        "pass a range, such as `commitguard check origin/main..HEAD`",
    )
