"""Who a commit belongs to: identities, aliases, bots, co-authors, look-alikes. Pure.

git has already applied `.mailmap` to the names and emails it prints (`%aN`, `%aE`);
the configured aliases come on top. An identity is a (name, email) pair, as in
`git shortlog -sne`, so what git counts per person and what the report counts agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from commitguard import bots
from commitguard.config.schema import parse_identity
from commitguard.config.settings import ReportSettings

Identity = tuple[str, str]  # (name, email), the email as git printed it

_CO_AUTHOR = re.compile(r"co-authored-by:\s*(.+)\Z", re.I)
# Local parts that say nothing about who is behind them.
_GENERIC_LOCALS = frozenset({"noreply", "no-reply", "root", "admin", "git", "dev", "info"})


def resolve(name: str, email: str, settings: ReportSettings) -> Identity:
    """The identity a commit is credited to, after the configured aliases."""
    alias = settings.aliases.get(email.lower()) or settings.aliases.get(name.lower())
    return alias if alias is not None else (name, email)


def key(identity: Identity) -> Identity:
    """What makes two identities the same row: the name exactly, the email in any case."""
    return identity[0], identity[1].lower()


def is_bot(name: str, email: str, settings: ReportSettings) -> bool:
    """The one bot list `check` uses too (bots.py), with `report.bots`."""
    return bots.is_bot(name, email, settings.bots)


def co_authors(message: str) -> list[Identity]:
    """The `Co-authored-by: Name <email>` trailers of a message (GitHub's convention)."""
    found: list[Identity] = []
    for line in message.splitlines():
        match = _CO_AUTHOR.match(line.strip())
        if match:
            identity = parse_identity(match[1])
            if identity is not None and identity not in found:
                found.append(identity)
    return found


def look_alikes(identities: Iterable[Identity]) -> list[list[Identity]]:
    """Groups of distinct identities that are probably one person: the same name once
    accents, case, punctuation and word order are ignored, or the same email user.
    Each is a line the lead may want in `.mailmap` or `report.aliases`."""
    unique = sorted(set(identities), key=sort_key)
    parent = list(range(len(unique)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    seen: dict[str, int] = {}
    for index, (name, email) in enumerate(unique):
        for signature in _signatures(name, email):
            if signature in seen:
                parent[root(index)] = root(seen[signature])
            else:
                seen[signature] = index
    groups: dict[int, list[Identity]] = {}
    for index, identity in enumerate(unique):
        groups.setdefault(root(index), []).append(identity)
    return [group for group in groups.values() if len(group) > 1]


def sort_key(identity: Identity) -> tuple[str, str]:
    """Alphabetical as a reader expects: Émile next to Emma, case ignored."""
    return fold(identity[0]), identity[1].lower()


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _signatures(name: str, email: str) -> list[str]:
    signatures = []
    words = sorted(re.findall(r"\w+", fold(name)))
    if words:
        signatures.append("name:" + " ".join(words))
    lowered = email.lower()
    signatures.append("email:" + lowered)
    local = bots.github_user(lowered) or lowered.split("@", 1)[0].split("+", 1)[0]
    if len(local) > 2 and local not in _GENERIC_LOCALS:
        signatures.append("user:" + local)
    return signatures
