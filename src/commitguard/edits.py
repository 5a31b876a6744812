"""Where two versions of a text differ: the lines they share at each end. Pure.

An edit is mostly a few lines of a long file. Both readers of an edit's lines (the
security rules' changed lines, the schema reader's hunks) first set aside what the two
versions share at their start and at their end, in one pass each.
"""

from __future__ import annotations

from collections.abc import Sequence


def alike_ends(before: Sequence[str], after: Sequence[str]) -> tuple[int, int]:
    """How many lines the two versions share at their start, then at their end (a line
    never counted at both): `before[start:len(before) - end]` is what the edit replaced
    with `after[start:len(after) - end]`."""
    shortest = min(len(before), len(after))
    start = 0
    while start < shortest and before[start] == after[start]:
        start += 1
    end = 0
    while end < shortest - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return start, end
