"""Which commits a bot made: one list for `check` and `report`. Pure.

A bot is told by the git facts of a commit's author (after `.mailmap`), never by its
header: `build(deps): bump x` is what renovate writes and what a person may write too.
The committer is not asked, since GitHub commits every squash merge as `web-flow`.
"""

from __future__ import annotations

import re

from commitguard import globs

# Accounts that commit on a team's behalf; `[bot]` catches GitHub Apps in general
# (`renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>`).
KNOWN_BOTS = frozenset(
    {
        "dependabot",
        "dependabot-preview",
        "renovate",
        "renovate-bot",
        "renovatebot",
        "renovate bot",  # self-hosted Renovate: `Renovate Bot <bot@renovateapp.com>`
        "github-actions",
        "greenkeeper",
        "snyk-bot",
        "pre-commit-ci",
        "mergify",
        "semantic-release-bot",
        "imgbot",
        "allcontributors",
        "whitesource-bolt-for-github",
        "web-flow",
    }
)
KNOWN_BOT_EMAILS = frozenset({"bot@renovateapp.com"})
_GITHUB_NOREPLY = re.compile(r"(?:\d+\+)?(?P<user>[^@]+)@users\.noreply\.github\.com\Z")


def github_user(email: str) -> str | None:
    """The GitHub login of a `<id>+<login>@users.noreply.github.com` address."""
    match = _GITHUB_NOREPLY.match(email)
    return match["user"] if match else None


def is_bot(name: str, email: str, more: tuple[str, ...] = ()) -> bool:
    """Whether an author is a bot: `[bot]` in the name or email, a known bot's name or
    email user, or one of `more` (the lower-cased globs of `report.bots`)."""
    lowered = (name.lower(), email.lower())
    if any("[bot]" in text for text in lowered):
        return True
    local = github_user(lowered[1]) or lowered[1].split("@", 1)[0]
    if lowered[0] in KNOWN_BOTS or local in KNOWN_BOTS or lowered[1] in KNOWN_BOT_EMAILS:
        return True
    if not more:
        return False
    configured = globs.glob_set(more)  # a name or an email is matched as a path
    return any(configured.matches(text) for text in lowered)


class BotFilter:
    """`is_bot` for a stream of commits, asked once per identity: a long history has
    few authors and many commits."""

    def __init__(self, more: tuple[str, ...] = ()) -> None:
        self._more = more
        self._known: dict[tuple[str, str], bool] = {}

    def __call__(self, name: str, email: str) -> bool:
        key = (name, email)
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = is_bot(name, email, self._more)
        return found
