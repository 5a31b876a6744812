"""Where two versions of a text differ: the lines they share at each end, and the
hunks one replaces of the other. Pure.

An edit is mostly a few lines of a long file. Both readers of an edit's lines (the
security rules' changed lines, the schema reader's hunks) first set aside what the two
versions share at their start and at their end, in one pass each.
"""

from __future__ import annotations

from collections.abc import Sequence

# known[start:end] became unknown[new_start:new_end]
Hunk = tuple[int, int, int, int]


def alike_ends(before: Sequence[str], after: Sequence[str]) -> tuple[int, int]:
    """How many lines the two versions share at their start, then at their end (a line
    never counted at both): `before[start:len(before) - end]` is what the edit replaced
    with `after[start:len(after) - end]`."""
    start, end, _, _ = _trimmed(before, after, (0, len(before), 0, len(after)))
    return start, len(before) - end


def _trimmed(before: Sequence[str], after: Sequence[str], span: Hunk) -> Hunk:
    """`span` (before[start:end] against after[new_start:new_end]) without the lines
    both share at its start, then at its end."""
    start, end, new_start, new_end = span
    while start < end and new_start < new_end and before[start] == after[new_start]:
        start, new_start = start + 1, new_start + 1
    while start < end and new_start < new_end and before[end - 1] == after[new_end - 1]:
        end, new_end = end - 1, new_end - 1
    return start, end, new_start, new_end


# Below this many pairs of lines, difflib aligns what is left; above it, the lines found
# once on each side anchor the alignment first (patience diff), since the matcher's cost
# grows with the product of the two sides' lengths.
_MATCHED_DIRECTLY = 40_000


def replaced(before: Sequence[str], after: Sequence[str]) -> list[Hunk]:
    """The lines of `before` that `after` replaces, in order, each hunk between lines
    both share. Two edits far apart in a long file (an import at the top, a field at the
    bottom) leave thousands of lines between them: those are aligned on the lines each
    side holds once, and only what lies between two such lines goes to difflib."""
    found: list[Hunk] = []
    _align(before, after, (0, len(before), 0, len(after)), found, depth=0)
    return found


def _align(
    before: Sequence[str], after: Sequence[str], span: Hunk, found: list[Hunk], depth: int
) -> None:
    start, end, new_start, new_end = _trimmed(before, after, span)
    if start == end or new_start == new_end:
        if start < end or new_start < new_end:
            found.append((start, end, new_start, new_end))
        return
    anchors: list[tuple[int, int]] = []
    if (end - start) * (new_end - new_start) > _MATCHED_DIRECTLY and depth < 32:
        anchors = _anchors(before, after, (start, end, new_start, new_end))
    if not anchors:
        from difflib import SequenceMatcher  # a long file's edit is the rare case

        matcher = SequenceMatcher(None, before[start:end], after[new_start:new_end])
        found.extend(
            (first + start, last + start, new_first + new_start, new_last + new_start)
            for tag, first, last, new_first, new_last in matcher.get_opcodes()
            if tag != "equal"
        )
        return
    previous, new_previous = start, new_start
    for line, new_line in anchors:
        # Most anchors follow the one before on both sides: nothing lies between them.
        if line > previous or new_line > new_previous:
            _align(before, after, (previous, line, new_previous, new_line), found, depth + 1)
        previous, new_previous = line + 1, new_line + 1
    _align(before, after, (previous, end, new_previous, new_end), found, depth + 1)


def _anchors(before: Sequence[str], after: Sequence[str], span: Hunk) -> list[tuple[int, int]]:
    """The lines found exactly once on each side of `span`, as many as keep their order
    on both: (line of `before`, line of `after`), the longest such chain."""
    start, end, new_start, new_end = span
    new_once = _once(after, new_start, new_end)
    pairs = sorted(
        (index, new_once[line])
        for line, index in _once(before, start, end).items()
        if line in new_once
    )
    return _longest_chain(pairs)


def _once(lines: Sequence[str], start: int, end: int) -> dict[str, int]:
    """Each line found exactly once in lines[start:end], with its index."""
    found: dict[str, int] = {}
    again: set[str] = set()
    for index in range(start, end):
        line = lines[index]
        if line in found:
            again.add(line)
        found[line] = index
    for line in again:
        del found[line]
    return found


def _longest_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of `pairs` (sorted by their first line) whose second
    lines rise too: patience sorting, O(n log n)."""
    from bisect import bisect_left

    tails: list[int] = []  # the second line ending the best chain of each length
    ends: list[int] = []  # ... and the index of its pair
    before: list[int] = [-1] * len(pairs)  # each pair's predecessor in its chain
    for index, (_, line) in enumerate(pairs):
        length = bisect_left(tails, line)
        if length == len(tails):
            tails.append(line)
            ends.append(index)
        else:
            tails[length] = line
            ends[length] = index
        before[index] = ends[length - 1] if length else -1
    chain: list[tuple[int, int]] = []
    index = ends[-1] if ends else -1
    while index >= 0:
        chain.append(pairs[index])
        index = before[index]
    return chain[::-1]
