"""One commit of a range as the range engine judged it. Pure data."""

from __future__ import annotations

from dataclasses import dataclass

from commitguard.model import Severity, Violation


# Dataclasses here, unlike model.py's hand-written records: this module is off the
# commit-msg hook's path, so the import of dataclasses costs the hook nothing.
@dataclass(slots=True)
class CheckedCommit:
    sha: str
    author_name: str
    author_email: str
    header: str
    violations: tuple[Violation, ...]
    exemption: str | None = None

    @property
    def errors(self) -> int:
        if not self.violations:
            return 0  # most commits: no generator to build and run
        return sum(1 for v in self.violations if v.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        if not self.violations:
            return 0
        return sum(1 for v in self.violations if v.severity is Severity.WARNING)
