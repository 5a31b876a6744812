"""lazy.py: patterns compiled and answers cached on first use."""

from __future__ import annotations

import re

from commitguard.lazy import IGNORECASE, Pattern, cached


def test_a_pattern_compiles_when_first_used_and_once() -> None:
    pattern = Pattern(r"(?P<word>[a-z]+)-(\d+)")
    assert pattern._compiled is None
    match = pattern.match("abc-12")
    assert match is not None
    assert match["word"] == "abc"
    compiled = pattern.compiled
    assert pattern.compiled is compiled
    assert pattern.search("x abc-1") is not None
    assert pattern.fullmatch("abc-12 ") is None
    assert pattern.findall("a-1 b-2") == [("a", "1"), ("b", "2")]
    assert [m[0] for m in pattern.finditer("a-1 b-2")] == ["a-1", "b-2"]
    assert pattern.sub("_", "a-1 b-2") == "_ _"
    assert pattern.split("a-1") == ["", "a", "1", ""]


def test_a_pattern_keeps_its_flag() -> None:
    assert IGNORECASE == re.IGNORECASE  # the value re gives the flag, without importing re
    assert Pattern("abc", IGNORECASE).match("ABC") is not None
    assert Pattern("abc").match("ABC") is None


def test_cached_answers_once_per_argument_and_forgets_the_oldest() -> None:
    asked: list[str] = []

    @cached(maxsize=2)
    def shout(word: str) -> str:
        """Loud."""
        asked.append(word)
        return word.upper()

    assert [shout("a"), shout("a"), shout("b")] == ["A", "A", "B"]
    assert asked == ["a", "b"]
    shout("c")  # full: "a", the oldest, goes
    shout("b")
    shout("a")
    assert asked == ["a", "b", "c", "a"]
    assert shout.__doc__ == "Loud."
    assert shout.__name__ == "shout"


def test_cached_keeps_an_answer_of_none() -> None:
    asked: list[int] = []

    @cached(maxsize=4)
    def nothing(number: int) -> None:
        asked.append(number)

    nothing(1)
    nothing(1)
    assert asked == [1]
