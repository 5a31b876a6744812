"""Regular expressions compiled, and answers cached, on first use.

The commit-msg hook imports the modules of every rule, and a valid message uses almost
none of their patterns. Importing `re` brings `enum`, `functools` and `collections` with
it: about a fifth of the hook's run, spent before any rule. So the modules on the hook's
path declare their patterns here, and nothing on that path imports `re` or `functools`
until a message needs them (tests/test_entry.py holds a valid message to it).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
    from collections.abc import Callable, Iterator
    from typing import Any, TypeVar

    _Function = TypeVar("_Function", bound=Callable[..., object])

# The flags a pattern here may take (re.IGNORECASE's value, which is re's stable API).
IGNORECASE = 2
VERBOSE = 64  # re.VERBOSE


class Pattern:
    """`re.compile(source, flags)`, done the first time the pattern is used."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled expression: a loop over many texts takes it once."""
        compiled = self._compiled
        if compiled is None:
            import re

            compiled = self._compiled = re.compile(self.pattern, self.flags)
        return compiled

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled.match(text, pos)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.compiled.fullmatch(text)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled.search(text, pos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text)

    def findall(self, text: str) -> list[Any]:
        return self.compiled.findall(text)

    def sub(self, replacement: str | Callable[[re.Match[str]], str], text: str) -> str:
        return self.compiled.sub(replacement, text)

    def split(self, text: str) -> list[str]:
        return self.compiled.split(text)

    def __repr__(self) -> str:
        return f"Pattern({self.pattern!r})"


def cached(maxsize: int) -> Callable[[_Function], _Function]:
    """`functools.lru_cache(maxsize)` for a function of one hashable argument, without
    importing functools. When full it forgets the oldest answer rather than the least
    recently used: the functions cached here are called with few distinct arguments (a
    configuration, a scope name), so it seldom matters which goes."""

    def decorate(function: _Function) -> _Function:
        answers: dict[object, object] = {}

        def cached_function(argument: object) -> object:
            answer = answers.get(argument, answers)  # the dict itself: never an answer
            if answer is answers:
                if len(answers) >= maxsize:
                    del answers[next(iter(answers))]
                answer = answers[argument] = function(argument)
            return answer

        cached_function.__doc__ = function.__doc__
        cached_function.__name__ = function.__name__
        cached_function.__qualname__ = function.__qualname__
        cached_function.__wrapped__ = function  # type: ignore[attr-defined]
        return cached_function  # type: ignore[return-value]

    return decorate
