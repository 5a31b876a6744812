"""What two versions of a text share, and what one replaces of the other (edits.py)."""

from __future__ import annotations

import random

import pytest

from commitguard import edits


def _applied(before: list[str], after: list[str], hunks: list[edits.Hunk]) -> list[str]:
    """`before` with each hunk replaced by its lines of `after`, the lines between two
    hunks checked equal on both sides: what a reader of the hunks relies on."""
    out: list[str] = []
    position = new_position = 0
    for start, end, new_start, new_end in hunks:
        assert position <= start <= end
        assert new_position <= new_start <= new_end
        assert start - position == new_start - new_position
        assert before[position:start] == after[new_position:new_start]
        out += before[position:start] + after[new_start:new_end]
        position, new_position = end, new_end
    assert before[position:] == after[new_position:]
    return out + before[position:]


@pytest.mark.parametrize("seed", range(40))
def test_the_hunks_turn_one_version_into_the_other(seed: int) -> None:
    generator = random.Random(seed)
    # Long versions (aligned on the lines each holds once) and short ones (difflib).
    size = generator.choice([30, 400, 3000])
    vocabulary = [f"line {n}" for n in range(size // 2)] + ["", "    pass", "    )"] * 20
    before = [generator.choice(vocabulary) for _ in range(size)]
    after = list(before)
    for _ in range(generator.randint(1, 12)):
        at = generator.randrange(len(after) + 1)
        if generator.random() < 0.5 and at < len(after):
            del after[at : at + generator.randint(1, 30)]
        else:
            after[at:at] = [generator.choice(vocabulary) for _ in range(generator.randint(1, 30))]
    hunks = edits.replaced(before, after)
    assert _applied(before, after, hunks) == after
    assert all(
        hunks[i][1] < hunks[i + 1][0] or hunks[i][3] < hunks[i + 1][2]
        for i in range(len(hunks) - 1)
    )


def test_two_edits_far_apart_in_a_long_file_are_two_small_hunks() -> None:
    before = [f"    field_{n} = models.CharField()" for n in range(3000)]
    after = ["import os", *before[:1500], *before[1501:], "    added = models.TextField()"]
    assert edits.replaced(before, after) == [
        (0, 0, 0, 1),
        (1500, 1501, 1501, 1501),
        (3000, 3000, 3000, 3001),
    ]
