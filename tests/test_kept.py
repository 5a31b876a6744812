"""The kept commits of a range: held as objects while few, in a temporary file once
many, and read back in git's order with what was settled after the stream in place."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from commitguard.engine import kept as kept_module
from commitguard.engine.commit import CheckedCommit
from commitguard.engine.kept import KeptCommits
from commitguard.formats.check import FORMATS, render
from commitguard.model import Severity, Span, Violation
from commitguard.output import Painter
from tests.test_formats import SCENARIOS, result_of


def checked(sha: str, *violations: Violation, exemption: str | None = None) -> CheckedCommit:
    return CheckedCommit(
        sha * 40, "Zoë O'Brien", "zoe@example.com", f"fix: {sha}", violations, exemption
    )


A_FINDING = Violation(
    "header-max-length", Severity.ERROR, "the header is too long", "shorten it", Span(0, 72, 80)
)
A_WARNING = Violation("body-max-line-length", Severity.WARNING, "a long line", None, None, "a b")


def test_what_went_to_disk_comes_back_whole_and_in_order() -> None:
    kept = KeptCommits(in_memory=2)
    for position, sha in ((1, "a"), (3, "b"), (5, "c"), (7, "d")):
        kept.add(position, checked(sha, A_FINDING, A_WARNING))
    kept.stream_ended()
    kept.put(5, checked("e", A_FINDING))  # a range finding joined to a kept commit
    kept.add(4, checked("f"))  # a revert settled after the stream
    kept.put(9, checked("g"))

    expected = [
        (1, checked("a", A_FINDING, A_WARNING)),
        (3, checked("b", A_FINDING, A_WARNING)),
        (4, checked("f")),
        (5, checked("e", A_FINDING)),
        (7, checked("d", A_FINDING, A_WARNING)),
        (9, checked("g")),
    ]
    assert list(kept.items()) == expected
    assert list(kept.items()) == expected  # read again, from the start
    assert len(kept) == len(expected)
    assert kept.get(3) == checked("b", A_FINDING, A_WARNING)
    assert kept.get(2) is None
    view = kept.view()
    assert [c.sha for c in view] == [c.sha for _, c in expected]
    assert len(view) == 6
    assert bool(view)
    assert checked("g") in view


def test_a_record_keeps_every_field_and_the_severity_itself() -> None:
    kept = KeptCommits(in_memory=0)
    original = CheckedCommit("a" * 40, "n", "e", "Revert x", (A_FINDING, A_WARNING), "revert")
    kept.add(1, original)
    (_, back), *_ = kept.items()
    assert back == original
    assert back.violations[0].severity is Severity.ERROR
    assert back.violations[1].severity is Severity.WARNING
    assert back.errors == 1
    assert back.warnings == 1


def test_without_a_temporary_directory_they_stay_in_memory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    kept = KeptCommits(in_memory=1)
    for position in range(1, 5):
        kept.add(position, checked(str(position)))
    assert [position for position, _ in kept.items()] == [1, 2, 3, 4]
    assert kept.get(4) == checked("4")


_TEMPORARY_FILE = tempfile.TemporaryFile


class FillsUp:
    """A temporary file on a disk that takes `room` writes, then says it is full."""

    def __init__(self, room: int) -> None:
        self._file = _TEMPORARY_FILE()
        self._room = room

    def write(self, data: bytes) -> int:
        if self._room == 0:
            raise OSError(28, "No space left on device")
        self._room -= 1
        return self._file.write(data)

    def __getattr__(self, name: str) -> object:
        return getattr(self._file, name)


@pytest.mark.parametrize("room", [0, 1, 3, 6])
def test_a_full_disk_brings_them_back_into_memory(
    monkeypatch: pytest.MonkeyPatch, room: int
) -> None:
    monkeypatch.setattr(tempfile, "TemporaryFile", lambda **_: FillsUp(room))
    kept = KeptCommits(in_memory=2)
    for position in range(1, 9):
        kept.add(position, checked(str(position), A_FINDING))
    kept.stream_ended()
    kept.put(4, checked("x"))
    expected = [(p, checked(str(p), A_FINDING)) for p in range(1, 9)]
    expected[3] = (4, checked("x"))
    assert list(kept.items()) == expected
    assert kept.get(7) == checked("7", A_FINDING)


@pytest.mark.parametrize("scenario", list(SCENARIOS))
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_report_is_the_same_from_disk(
    fmt: str, scenario: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The formats' scenarios hold a fixup, a merge, bots and a range rule's finding.
    keep_passing = fmt == "junit"
    in_memory = render(
        result_of(SCENARIOS[scenario], keep_passing=keep_passing), fmt, Painter(False)
    )
    monkeypatch.setattr(kept_module, "IN_MEMORY", 0)
    spilled = result_of(SCENARIOS[scenario], keep_passing=keep_passing)
    assert render(spilled, fmt, Painter(False)) == in_memory
