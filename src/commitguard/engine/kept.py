"""The commits a range keeps for its report, in git's order, held on disk once many.

A report names every commit with a finding (every commit, for junit), and a long,
untidy history has tens of thousands: held as objects they were most of what `check`
grew by while git's stream ran (the whole process tree's peak). Past `IN_MEMORY`
commits they go, one compact record each, to an unnamed temporary file, read back in
order when the report is written. A few are settled after the stream ends (a revert
asked about, a fix whose lines were read, a range rule's finding, an autosquash hint):
those are held in memory and take their place by position. A temporary file that
cannot be made, or that fills up, leaves everything in memory.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterator

from commitguard.engine.commit import CheckedCommit
from commitguard.model import Severity, Span, Violation

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO

IN_MEMORY = 5_000  # commits held as objects (a few MiB) before the rest goes to disk


class KeptCommits:
    """Kept commits by their position in the range (1-based, ascending while the
    stream runs). `add` during the stream; `put` replaces or inserts afterwards."""

    def __init__(self, in_memory: int | None = None) -> None:
        self._in_memory = IN_MEMORY if in_memory is None else in_memory
        self._streamed: dict[int, CheckedCommit] = {}  # by position, before the spill
        self._file: IO[bytes] | None = None
        self._offsets: dict[int, int] = {}  # position -> offset in the file
        self._settled: dict[int, CheckedCommit] = {}  # put after the stream, by position
        self._ended = False

    def stream_ended(self) -> None:
        """What is kept from now on was settled after the stream, in any order."""
        self._ended = True

    def add(self, position: int, checked: CheckedCommit) -> None:
        """Keep a commit met by the stream, after every commit kept before it; once the
        stream has ended, as `put`."""
        if self._ended:
            self.put(position, checked)
            return
        if self._file is None:
            self._streamed[position] = checked
            if len(self._streamed) > self._in_memory:
                self._spill()
            return
        self._write(position, checked)

    def put(self, position: int, checked: CheckedCommit) -> None:
        """Keep a commit settled after the stream, in place of any kept at `position`."""
        self._settled[position] = checked

    def get(self, position: int) -> CheckedCommit | None:
        settled = self._settled.get(position)
        if settled is not None:
            return settled
        offset = self._offsets.get(position)
        if offset is not None:
            return self._read_at(offset)
        return self._streamed.get(position)

    def items(self) -> Iterator[tuple[int, CheckedCommit]]:
        """Every kept commit with its position, in git's order."""
        settled = sorted(self._settled.items())
        next_settled = 0
        for position, checked in self._in_order():
            while next_settled < len(settled) and settled[next_settled][0] < position:
                yield settled[next_settled]
                next_settled += 1
            if next_settled < len(settled) and settled[next_settled][0] == position:
                yield settled[next_settled]
                next_settled += 1
                continue
            yield position, checked
        yield from settled[next_settled:]

    def view(self) -> KeptView:
        return KeptView(self)

    def __len__(self) -> int:
        streamed = len(self._streamed) + len(self._offsets)
        new = self._settled.keys() - self._streamed.keys() - self._offsets.keys()
        return streamed + len(new)

    def _in_order(self) -> Iterator[tuple[int, CheckedCommit]]:
        """What the stream kept, in its order: the file's records one after another."""
        yield from self._streamed.items()
        file = self._file
        if file is None or not self._offsets:
            return
        yield from _records(file, list(self._offsets))  # written in position order
        file.seek(0, 2)  # the end again, where a write goes

    def _spill(self) -> None:
        import tempfile

        try:
            # Unnamed (unlinked at once) and closed with the process: no file is left.
            self._file = tempfile.TemporaryFile(prefix="commitguard-")  # noqa: SIM115
        except OSError:
            self._in_memory = 1 << 62  # nowhere to write: keep them all as they are
            return
        streamed, self._streamed = self._streamed, {}
        for position, checked in streamed.items():
            self._write(position, checked)

    def _write(self, position: int, checked: CheckedCommit) -> None:
        if self._file is None:  # the disk filled up while spilling
            self._streamed[position] = checked
            return
        # Length first, then the bytes: marshal.load on a file reads field by field
        # through Python calls, ten times the cost of loads on bytes read at once.
        data = marshal.dumps(_record(checked))
        try:
            offset = self._file.tell()
            self._file.write(len(data).to_bytes(4, "little") + data)
            self._file.flush()  # a full disk says so here, not at a later read
        except OSError:
            self._back_in_memory()
            self._streamed[position] = checked
            return
        self._offsets[position] = offset

    def _back_in_memory(self) -> None:
        """The temporary file could not take more (a full disk): read back what it
        holds, and keep everything as objects from now on."""
        assert self._file is not None
        file, self._file = self._file, None
        offsets, self._offsets = self._offsets, {}
        self._in_memory = 1 << 62
        self._streamed.update(_records(file, list(offsets)))
        file.close()

    def _read_at(self, offset: int) -> CheckedCommit:
        assert self._file is not None
        self._file.seek(offset)
        found = _from_record(_read_record(self._file))
        self._file.seek(0, 2)
        return found


def _records(file: IO[bytes], positions: list[int]) -> Iterator[tuple[int, CheckedCommit]]:
    """The file's records from its start, one for each of `positions` (each record is
    flushed as it is written: the file holds every one)."""
    file.seek(0)
    for position in positions:
        yield position, _from_record(_read_record(file))


def _read_record(file: IO[bytes]) -> _Record:
    size = int.from_bytes(file.read(4), "little")
    record: _Record = marshal.loads(file.read(size))  # noqa: S302 (our own file: _Fields)
    return record


class KeptView:
    """What a report reads: the kept commits in git's order, as often as it likes."""

    __slots__ = ("_kept",)

    def __init__(self, kept: KeptCommits) -> None:
        self._kept = kept

    def __iter__(self) -> Iterator[CheckedCommit]:
        return (checked for _, checked in self._kept.items())

    def __len__(self) -> int:
        return len(self._kept)

    def __bool__(self) -> bool:
        return len(self._kept) > 0

    def __contains__(self, item: object) -> bool:
        return any(checked == item for checked in self)


# A record holds str, int, None and tuples only: what marshal writes and reads fastest,
# and all it can hold here (no code object: it is data this process wrote itself).
_Fields = tuple[str, str, str, str | None, tuple[int, int, int] | None, str | None]
_Record = tuple[str, str, str, str, str | None, tuple[_Fields, ...]]


def _record(checked: CheckedCommit) -> _Record:
    return (
        checked.sha,
        checked.author_name,
        checked.author_email,
        checked.header,
        checked.exemption,
        tuple(
            (
                v.rule,
                v.severity.value,
                v.message,
                v.hint,
                None if v.span is None else (v.span.line, v.span.start, v.span.end),
                v.path,
            )
            for v in checked.violations
        ),
    )


def _from_record(record: _Record) -> CheckedCommit:
    sha, name, email, header, exemption, violations = record
    return CheckedCommit(
        sha,
        name,
        email,
        header,
        tuple(
            Violation(
                rule,
                Severity(severity),
                message,
                hint,
                None if span is None else Span(*span),
                path,
            )
            for rule, severity, message, hint, span, path in violations
        ),
        exemption,
    )
