"""Many independent yes-or-no questions answered by several processes where more than
one core is free: the one place commitguard forks. `check` asks it whether each schema
edit of a history is structural, once `git log` has ended and the other cores are idle;
a Django history asks thousands, each a parse of a models.py (bench/README.md, "Models
read by several processes").

The questions are split by group (each schema file's versions stay in one process,
which reads each as an edit of the one before), and the shares balanced by weight.
The answers are the same as one process's: a child that fails or is killed leaves its
share to the parent."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Hashable, Sequence
from typing import NoReturn, TypeVar

Question = TypeVar("Question")

# Below this weight (the characters the questions read), one process answers: a fork
# costs milliseconds, and a short history's few edits take less.
SPLIT_FROM = 1_000_000
# At most this many processes: each holds a copy of the pages it writes, and a history's
# schema files are few enough that more would wait on the largest file's versions.
MOST_PROCESSES = 4


def answered(
    questions: Sequence[Question],
    answer: Callable[[Question], bool],
    *,
    group: Callable[[Question], Hashable],
    weight: Callable[[Question], int],
    split_from: int | None = None,
) -> list[bool]:
    """`answer` of each question, in order; split over processes from a total weight of
    `split_from` (SPLIT_FROM)."""
    processes = min(_free_cores(), MOST_PROCESSES)
    least = SPLIT_FROM if split_from is None else split_from
    shares = None
    if processes > 1:
        weights = [weight(question) for question in questions]
        if sum(weights) >= least:
            shares = _shares([group(question) for question in questions], weights, processes)
    if shares is None:
        return [answer(question) for question in questions]
    mine, *theirs = shares
    found: dict[int, bool] = {}
    children: list[tuple[int, int, list[int]]] = []  # each child's pid, pipe and share
    interrupted = True  # until every child's answers are read
    try:
        for share in theirs:
            started = _fork([questions[index] for index in share], answer)
            if started is None:
                break  # no memory or no process left for it: answered here
            children.append((*started, share))
        for index in mine:
            found[index] = answer(questions[index])
        for _, read_end, share in children:
            told = _read_all(read_end)
            if len(told) == len(share) and set(told) <= {ord("0"), ord("1")}:
                found.update((index, told[at] == ord("1")) for at, index in enumerate(share))
        interrupted = False
    finally:
        for child, read_end, _ in children:
            os.close(read_end)
            _reap(child, stop=interrupted)
    for index in range(len(questions)):
        if index not in found:  # a child failed or was never started: answered here
            found[index] = answer(questions[index])
    return [found[index] for index in range(len(questions))]


def _fork(share: list[Question], answer: Callable[[Question], bool]) -> tuple[int, int] | None:
    """A child answering `share`, and the pipe its answers come through; None when the
    system cannot start one."""
    read_end, write_end = os.pipe()
    try:
        child = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if child == 0:
        os.close(read_end)
        _answer_as_child(share, answer, write_end)
    os.close(write_end)
    return child, read_end


def _answer_as_child(
    questions: list[Question], answer: Callable[[Question], bool], write_end: int
) -> NoReturn:
    """The child's whole life: answer its share, write one byte an answer, and leave
    without running what the parent's exit would (buffered output flushed twice,
    temporary files removed, git processes waited for)."""
    code = 1  # whatever stops it (an error, Ctrl-C), the parent answers instead
    try:
        told = bytes(ord("1") if answer(question) else ord("0") for question in questions)
        view = memoryview(told)
        while view:
            view = view[os.write(write_end, view) :]
        code = 0
    finally:
        os._exit(code)


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks)


def _reap(child: int, *, stop: bool) -> None:
    """Wait for the child; stop it first if the parent is leaving early (interrupted)."""
    if stop:
        import signal

        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signal.SIGKILL)
    os.waitpid(child, 0)


def _shares(
    keys: Sequence[Hashable], weights: Sequence[int], processes: int
) -> list[list[int]] | None:
    """The questions' indexes split in `processes` shares (fewer with fewer groups), by
    each question's group key and weight: whole groups to a share, the heaviest group
    first to the lightest share; each in the questions' order. None for a single group."""
    groups: dict[Hashable, list[int]] = {}
    totals: dict[Hashable, int] = {}
    for index, (key, weight) in enumerate(zip(keys, weights, strict=True)):
        groups.setdefault(key, []).append(index)
        totals[key] = totals.get(key, 0) + weight
    if len(groups) < 2:
        return None
    shares: list[list[int]] = [[] for _ in range(min(processes, len(groups)))]
    loads = [0] * len(shares)
    for key in sorted(groups, key=lambda key: -totals[key]):
        lightest = loads.index(min(loads))
        shares[lightest].extend(groups[key])
        loads[lightest] += totals[key]
    return [sorted(share) for share in shares]


def _free_cores() -> int:
    """The CPUs this process may use, or 1 where it must not fork: not a POSIX system,
    or another thread runs (a fork copies only the calling one, and a lock another
    held would stay held in the child)."""
    if not hasattr(os, "fork"):
        return 1
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return 1
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)
