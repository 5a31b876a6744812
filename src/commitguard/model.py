"""The values that flow through the pure core: severities, findings, violations, and
the commits (with their line counts, for the report) that git.py reads.

The core's records are small slotted classes rather than dataclasses: importing
dataclasses pulls in `inspect`, which alone costs the commit-msg hook about 20 ms,
more than Python's own start-up. `Value` gives them equality, hashing and a repr.
Treat every record as immutable.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import ClassVar


class Value:
    __slots__: tuple[str, ...] = ()

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"


class Severity(str):
    """How much a rule's finding weighs: `Severity.ERROR`, `.WARNING` or `.OFF`, one
    instance each, so `is` compares them, and each equal to its configured text. Not an
    `enum.Enum`: this module is on the commit-msg hook's path, and importing `enum`
    costs it about a twentieth of its run."""

    __slots__ = ()
    ERROR: ClassVar[Severity]
    WARNING: ClassVar[Severity]
    OFF: ClassVar[Severity]
    _LEVELS: ClassVar[dict[str, Severity]] = {}

    def __new__(cls, value: str) -> Severity:
        level = cls._LEVELS.get(value)
        if level is None:
            raise ValueError(f"{value!r} is not a valid Severity")
        return level

    @property
    def value(self) -> str:
        return str.__str__(self)

    def __repr__(self) -> str:
        return f"<Severity.{self.value.upper()}: {self.value!r}>"

    def __reduce__(self) -> tuple[type[Severity], tuple[str]]:
        return Severity, (self.value,)  # a copy or a pickle is the one instance again


Severity.ERROR = Severity._LEVELS["error"] = str.__new__(Severity, "error")
Severity.WARNING = Severity._LEVELS["warning"] = str.__new__(Severity, "warning")
Severity.OFF = Severity._LEVELS["off"] = str.__new__(Severity, "off")


class Span(Value):
    """Columns [start, end) of one line of the cleaned message (0-based line and column)."""

    __slots__ = ("line", "start", "end")

    def __init__(self, line: int, start: int, end: int) -> None:
        self.line = line
        self.start = start
        self.end = end


class Finding(Value):
    """What a rule reports: the part that is wrong, what was expected, how to fix it;
    and the file it is about, when it is about one (a migration, a security path)."""

    __slots__ = ("message", "hint", "span", "path")

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        span: Span | None = None,
        path: str | None = None,
    ) -> None:
        self.message = message
        self.hint = hint
        self.span = span  # where in the message
        self.path = path  # which file of the commit or index, for a CI to annotate


class Violation(Value):
    """A finding under a rule id, at the severity the configuration gives that rule."""

    __slots__ = ("rule", "severity", "message", "hint", "span", "path")

    def __init__(
        self,
        rule: str,
        severity: Severity,
        message: str,
        hint: str | None = None,
        span: Span | None = None,
        path: str | None = None,
    ) -> None:
        self.rule = rule
        self.severity = severity
        self.message = message
        self.hint = hint
        self.span = span
        self.path = path

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
        }
        if self.span is not None:
            data["line"] = self.span.line + 1
            data["column"] = self.span.start + 1
        if self.path is not None:
            data["path"] = self.path
        return data


class Change(Value):
    """One path a commit (or the index) changes, as `git diff --name-status` says."""

    __slots__ = ("status", "path", "old_path")

    def __init__(self, status: str, path: str, old_path: str | None = None) -> None:
        self.status = status  # A, M, D, T, R (renamed) or C (copied)
        self.path = path  # the path after the change
        self.old_path = old_path  # the source of a rename or copy


class Commit(Value):
    """One commit as git records it: the facts, and the message git stored."""

    __slots__ = (
        "sha",
        "parents",
        "author_name",
        "author_email",
        "author_date",
        "message",
        "changes",
        "is_merge",
    )

    def __init__(
        self,
        sha: str,
        parents: tuple[str, ...],
        author_name: str,
        author_email: str,
        author_date: str,
        message: str,
        changes: tuple[Change, ...] = (),
    ) -> None:
        self.sha = sha
        self.parents = parents
        self.author_name = author_name  # after .mailmap
        self.author_email = author_email
        self.author_date = author_date  # strict ISO 8601, as git prints it
        self.message = message
        self.changes = changes  # empty unless asked for; merges list none
        # A fact of the parents, kept as a field: `check` asks it several times of each
        # of 100,000 commits.
        self.is_merge = len(parents) > 1


class FileStat(Value):
    """One path of one commit, as `git log --numstat` counts it."""

    __slots__ = ("path", "old_path", "added", "deleted")

    def __init__(
        self, path: str, old_path: str | None, added: int | None, deleted: int | None
    ) -> None:
        self.path = path
        self.old_path = old_path  # the source of a rename or copy
        self.added = added  # None for a binary file
        self.deleted = deleted


class CommitStats(Value):
    """A commit, its committer date and its line counts."""

    __slots__ = ("commit", "committer_date", "raw_email", "files")

    def __init__(
        self, commit: Commit, committer_date: str, raw_email: str, files: tuple[FileStat, ...]
    ) -> None:
        self.commit = commit  # its changes: every path, R for renames and M otherwise
        self.committer_date = committer_date  # strict ISO 8601
        self.raw_email = raw_email  # as recorded, before .mailmap
        self.files = files  # merges have none, as in `git log --numstat`
