r"""Path globs: one dialect and one case rule for every feature that takes a glob.

Security paths and ignore-paths, migration layouts, `report.exclude-paths` and
`report.bots` all go through this module, so a glob in `.commitguard.yaml` means the
same thing wherever it is written:

| glob              | matches                                                    |
|-------------------|------------------------------------------------------------|
| `*`               | any characters inside one path segment (never `/`)         |
| `?`               | one character inside one segment                           |
| `[abc]` `[a-z]`   | one character of the class                                 |
| `[!a-z]` `[^a-z]` | one character not in the class                             |
| `{a,b}`           | either alternative; alternatives may hold globs and `/`    |
| `**`              | as a whole segment: any number of segments, including none |
| `\x`              | the character `x` itself                                   |

- A glob matches whole segments: `**/auth/**` matches `src/auth/x.py`, not
  `src/author/x.py`; `**` inside a segment (`a**b`) is a plain `*`.
- A glob without `/` matches at any depth (`*.md` is `**/*.md`); a glob with `/`
  matches from the repository root (`docs/**`); a leading `/` anchors a name to the
  root (`/CHANGELOG.md`); a trailing `/` means everything inside (`auth/` is
  `**/auth/**`). Braces are expanded first, so each alternative follows these rules.
- Case is ignored, everywhere: `**/auth/**` matches `src/Auth/login.ts`, `*.Designer.cs`
  matches `x.designer.cs`. File systems on macOS and Windows ignore case, and a guard
  that a capital letter defeats is no guard.

No glob can make matching slow. A segment's pieces between stars are each placed at
their earliest occurrence (the classic wildcard algorithm, exact because every piece
has a fixed length), and so are a glob's runs of segments between two `**`, looked for
by one fixed segment of theirs where they have one (`list.index`, in C); nothing is
ever retried. That is O(path length x glob length) for any glob, hostile ones such as
`*a*a*a*a*b` included; braces are expanded when the glob is compiled, at most 256
alternatives.

Pure. It imports `re` only to build `any_literal`. The commit-msg hook loads this module
only when a message needs globs matched: a staged path some layout claims, a security
fix's paths, or a configuration file's globs.
"""

from __future__ import annotations

from commitguard.lazy import cached

# typing costs ~10 ms of import time in the commit-msg hook; mypy reads this flag too.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
    from collections.abc import Callable, Iterator

MAX_ALTERNATIVES = 256


class _Invalid(ValueError):
    pass


class _Class:
    """A `[...]` class, compared with a lower-cased character."""

    __slots__ = ("chars", "ranges", "negated")

    def __init__(self, chars: str, ranges: tuple[tuple[str, str], ...], negated: bool) -> None:
        self.chars = chars  # single members, lower-cased
        self.ranges = ranges  # (low, high) as written; matched in either case
        self.negated = negated

    def has(self, char: str) -> bool:
        found = char in self.chars or any(
            low <= char <= high or low <= char.upper() <= high for low, high in self.ranges
        )
        return found is not self.negated


# An atom of a segment: a one-character str, None for `?`, or a _Class. A chunk (the
# atoms between two stars) is a str when every atom is a literal, so that
# str.startswith and str.find do the work in C.
_Atom = str | None | _Class
_Chunk = str | tuple[_Atom, ...]


class _Segment:
    """One segment of a glob: a head, pieces found in order, a tail; stars between."""

    __slots__ = ("head", "pieces", "tail", "starred", "shortest", "matches", "literal")

    def __init__(self, parts: list[list[_Atom]]) -> None:
        chunks = [_chunk(part) for part in parts]
        self.starred = len(chunks) > 1
        self.head = chunks[0]
        self.tail = chunks[-1] if self.starred else ""
        self.pieces = tuple(chunks[1:-1])
        self.shortest = sum(len(chunk) for chunk in chunks)
        # The commonest segments (`migrations`, `*.sql`, `*`) get a test that is one or
        # two C calls: the classifier asks thousands of them in the hook.
        self.matches: Callable[[str], bool] = self._general
        self.literal: str | None = None  # the text a segment must equal, when it is fixed
        if isinstance(self.head, str) and isinstance(self.tail, str) and not self.pieces:
            if not self.starred:
                self.matches = self.head.__eq__
                self.literal = self.head
            elif not self.shortest:
                self.matches = _anything
            else:
                self.matches = _ends(self.head, self.tail, self.shortest)

    def _general(self, text: str) -> bool:
        size = len(text)
        if not self.starred:
            return size == self.shortest and _at(self.head, text, 0)
        if size < self.shortest or not _at(self.head, text, 0):
            return False
        end = size - len(self.tail)
        if not _at(self.tail, text, end):
            return False
        position = len(self.head)
        for piece in self.pieces:
            found = _find(piece, text, position, end)
            if found < 0:
                return False
            position = found + len(piece)
        return True


def _anything(text: str) -> bool:
    return True


def _ends(head: str, tail: str, shortest: int) -> Callable[[str], bool]:
    def matches(text: str) -> bool:
        return len(text) >= shortest and text.startswith(head) and text.endswith(tail)

    return matches


def _chunk(atoms: list[_Atom]) -> _Chunk:
    letters = [atom for atom in atoms if isinstance(atom, str)]
    return "".join(letters) if len(letters) == len(atoms) else tuple(atoms)


def _at(chunk: _Chunk, text: str, start: int) -> bool:
    if isinstance(chunk, str):
        return text.startswith(chunk, start)
    if start < 0 or start + len(chunk) > len(text):
        return False
    for offset, atom in enumerate(chunk):
        char = text[start + offset]
        if atom is None:
            continue
        if isinstance(atom, str):
            if atom != char:
                return False
        elif not atom.has(char):
            return False
    return True


def _find(chunk: _Chunk, text: str, start: int, end: int) -> int:
    """Where `chunk` first occurs in text[start:end], or -1."""
    if isinstance(chunk, str):
        return text.find(chunk, start, end)
    for position in range(start, end - len(chunk) + 1):
        if _at(chunk, text, position):
            return position
    return -1


# A run of segments between two `**`: matched segment by segment, in order.
_Run = tuple[_Segment, ...]


def _run_at(run: _Run, segments: list[str], start: int) -> bool:
    if start < 0 or start + len(run) > len(segments):
        return False
    if len(run) == 1:  # the usual run: one segment, a file name
        return run[0].matches(segments[start])
    return all(segment.matches(segments[start + offset]) for offset, segment in enumerate(run))


def _anchor(run: _Run) -> tuple[int, str] | None:
    """The fixed segment of a run to look for first, and its offset: the last of the
    longest, as the likeliest to be rare; None when no segment is fixed."""
    fixed = [(offset, segment.literal) for offset, segment in enumerate(run) if segment.literal]
    if not fixed:
        return None
    offset, text = max(fixed, key=lambda anchor: (len(anchor[1] or ""), anchor[0]))
    assert text is not None
    return offset, text


def _find_run(
    run: _Run, anchor: tuple[int, str] | None, segments: list[str], start: int, stop: int
) -> int:
    """The first index in [start, stop) where `run` matches, or -1. With an anchor, only
    the places where its text stands are tried, found by `list.index` in C:
    `**/a/a/a/c/**` over ten thousand `a/` segments tries none, where a Python loop
    over every place cost 30 ms a path."""
    if anchor is None:
        for found in range(start, stop):
            if _run_at(run, segments, found):
                return found
        return -1
    offset, text = anchor
    position = start + offset
    while True:
        try:
            position = segments.index(text, position, stop + offset)
        except ValueError:
            return -1
        if _run_at(run, segments, position - offset):
            return position - offset
        position += 1


class _Alternative:
    """One brace-free glob: a head run, runs found in order, a tail run; `**` between."""

    __slots__ = ("head", "runs", "anchors", "tail", "spans", "shortest", "needle")

    def __init__(self, segments: list[_Segment | None]) -> None:
        runs: list[list[_Segment]] = [[]]
        for segment in segments:
            if segment is None:
                runs.append([])
            else:
                runs[-1].append(segment)
        self.spans = len(runs) > 1
        self.head = tuple(runs[0])
        self.tail = tuple(runs[-1]) if self.spans else ()
        self.runs = tuple(tuple(run) for run in runs[1:-1] if run)
        self.anchors = tuple(_anchor(run) for run in self.runs)
        self.shortest = sum(len(run) for run in runs)
        self.needle = _needle([segment for segment in segments if segment is not None])

    def start(self, segments: list[str]) -> int:
        """The index of the segment where the first run after a leading `**` begins
        (the smallest possible), 0 when the glob does not start with `**`, -1 when it
        does not match."""
        count = len(segments)
        if not self.spans:
            return 0 if count == self.shortest and _run_at(self.head, segments, 0) else -1
        end = count - len(self.tail)
        # The tail first: it holds the file name, which rejects most paths.
        if count < self.shortest or not _run_at(self.tail, segments, end):
            return -1
        if not _run_at(self.head, segments, 0):
            return -1
        first = end  # with no run in between, the tail is the first
        position = len(self.head)
        for index, run in enumerate(self.runs):
            found = _find_run(run, self.anchors[index], segments, position, end - len(run) + 1)
            if found < 0:
                return -1
            if index == 0:
                first = found
            position = found + len(run)
        return 0 if self.head else first


def _needle(segments: list[_Segment]) -> str:
    """The longest literal text inside one segment that every match contains: a path
    without it is rejected by a substring test, without running the matcher."""
    best = ""
    for segment in segments:
        for chunk in (segment.head, *segment.pieces, segment.tail):
            if isinstance(chunk, str):
                if len(chunk) > len(best):
                    best = chunk
                continue
            run = ""
            for atom in (*chunk, None):
                if isinstance(atom, str):
                    run += atom
                    continue
                if len(run) > len(best):
                    best = run
                run = ""
    return best


class Glob:
    """A compiled glob. Build it with `compile`, which remembers every glob it built."""

    __slots__ = ("pattern", "alternatives", "needles", "_by_needle")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.alternatives = tuple(_alternative(text) for text in _expand(pattern))
        by_needle: dict[str, list[_Alternative]] = {}
        for alternative in self.alternatives:
            by_needle.setdefault(alternative.needle, []).append(alternative)
        # Only the alternatives whose literal text a path holds are run: a role such as
        # `**/{,*[._-]}{auth,sso,mfa,otp,token}{,[._-]*}.*` expands to dozens, and a
        # path that holds `auth` can match only the few written with it. "" is in
        # every path: an alternative without literal text always runs.
        self._by_needle = tuple((needle, tuple(found)) for needle, found in by_needle.items())
        # Empty when an alternative has no literal text: every path is a candidate.
        self.needles = () if "" in by_needle else tuple(sorted(by_needle))

    def matches(self, path: str) -> bool:
        lowered = path.lower()
        return any(start >= 0 for start in self.starts(lowered, lowered.split("/")))

    def starts(self, lowered: str, segments: list[str]) -> Iterator[int]:
        """`_Alternative.start` of each alternative that may match the lower-cased path
        (its `segments`): those whose literal text it holds."""
        for needle, alternatives in self._by_needle:
            if needle in lowered:
                for alternative in alternatives:
                    yield alternative.start(segments)

    def root(self, path: str) -> str | None:
        """None when `path` does not match; otherwise the directories a leading `**`
        spanned, as few as possible, with a trailing `/` (`apps/api/` for
        `**/prisma/*.prisma` and `apps/api/prisma/schema.prisma`), else ""."""
        lowered = path.lower()
        found = [start for start in self.starts(lowered, lowered.split("/")) if start >= 0]
        if not found:
            return None
        start = min(found)
        return "".join(part + "/" for part in path.split("/")[:start])

    def __repr__(self) -> str:
        return f"Glob({self.pattern!r})"


@cached(maxsize=1024)
def compile(pattern: str) -> Glob:  # read as globs.compile, like re.compile
    """The compiled glob; ValueError (with `problem`'s words) when it is not valid."""
    return Glob(pattern)


def problem(pattern: str) -> str | None:
    """Why `pattern` is not a valid glob, or None when it is one."""
    try:
        compile(pattern)
    except ValueError as error:
        return str(error)
    return None


def matches(pattern: str, path: str) -> bool:
    return compile(pattern).matches(path)


# From this many paths on, one search over all their text beats asking each path's
# remembered verdict (`GlobSet.sift`); below it, sifting is only the verdicts again.
SIFTED = 64


class GlobSet:
    """Several globs matched together: which one matches first, in their order.

    One search for every glob's literal text rejects most paths at C speed (a
    2,000-path index against the 34 default security globs costs about a millisecond);
    only a path holding some glob's literal text is matched, against those globs only.
    """

    __slots__ = ("patterns", "_globs", "_always", "_needles", "_prefilter", "_known")

    def __init__(self, patterns: tuple[str, ...] | list[str]) -> None:
        self.patterns = tuple(patterns)
        self._globs = [compile(pattern) for pattern in self.patterns]
        self._always = any(not glob.needles for glob in self._globs)
        self._needles = frozenset(n for glob in self._globs for n in glob.needles)
        # Built on the first path asked: a report builds a set for every layout it might
        # meet, and compiling each one's expression up front cost a short window more
        # than reading it.
        self._prefilter: re.Pattern[str] | None = None
        # A history names the same paths again and again: `check` asks of 100,000
        # commits' paths, a few thousand of them distinct.
        self._known: dict[str, str | None] = {}

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def first(self, path: str) -> str | None:
        """The first glob that matches `path`, or None."""
        known = self._known
        if path in known:
            return known[path]
        if len(known) > 65536:  # flat memory over any history
            known.clear()
        found = known[path] = self._first(path)
        return found

    def _first(self, path: str) -> str | None:
        lowered = path.lower()
        if not self._always and self._search()(lowered) is None:
            return None
        segments = lowered.split("/")
        for glob in self._globs:
            if any(start >= 0 for start in glob.starts(lowered, segments)):
                return glob.pattern
        return None

    def _search(self) -> Callable[[str], re.Match[str] | None]:
        if self._prefilter is None:
            self._prefilter = any_literal(set(self._needles))
        return self._prefilter.search

    def matches(self, path: str) -> bool:
        return self.first(path) is not None

    def sift(self, paths: list[str]) -> list[str]:
        """Those of `paths` that may match (a few paths: those that match): one search
        over all of them first, since in a large index most paths match nothing."""
        if self._always:
            return paths
        if len(paths) < SIFTED:
            # A commit of a history names a few paths, most of them met before: the
            # verdicts remembered by `first` beat a search over their text.
            first = self.first
            return [path for path in paths if first(path) is not None]
        text = "\n".join(paths).lower()
        if self._prefilter is None and not any(needle in text for needle in self._needles):
            return []  # the hook's one index: substring tests cost less than compiling
        search = self._search()
        if search(text) is None:
            return []
        return [path for path in paths if search(path.lower()) is not None]


def any_literal(needles: set[str]) -> re.Pattern[str]:
    """An expression that finds any of `needles`: literals only, so it cannot backtrack.
    A needle that holds another is left out (`oauth` holds `auth`), and the rest are
    grouped by their first character, which lets the search skip most positions: twice
    as fast as a flat alternation over a 2,000-path index. security/words.py looks for
    its keywords with it too."""
    import re  # the first time a set is asked about many paths: the hook seldom is

    shortest = [n for n in needles if not any(o != n and o in n for o in needles)]
    by_first: dict[str, list[str]] = {}
    for needle in sorted(shortest, key=len, reverse=True):
        by_first.setdefault(needle[0], []).append(re.escape(needle[1:]))
    branches = [
        re.escape(first) + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
        for first, rests in by_first.items()
    ]
    return re.compile("|".join(branches) or "(?!)")


@cached(maxsize=64)
def glob_set(patterns: tuple[str, ...]) -> GlobSet:
    """The GlobSet of `patterns`, built once per configuration."""
    return GlobSet(patterns)


# --- compiling ---------------------------------------------------------------------


def _expand(pattern: str) -> list[str]:
    """Every brace alternative of `pattern`, escapes and classes left as written."""
    if not pattern.strip():
        raise _Invalid("an empty pattern matches nothing")
    if not any(char in pattern for char in "{}[\\"):
        return [pattern]  # most globs: nothing to expand, and compiled in the hook
    alternatives, end = _expand_from(pattern, 0, nested=False)
    assert end == len(pattern)
    return alternatives


def _expand_from(pattern: str, index: int, *, nested: bool) -> tuple[list[str], int]:
    """The alternatives of pattern[index:] up to a `,` or `}` that closes a group
    (when `nested`) or the end; and where they stop."""
    results = [""]
    size = len(pattern)
    while index < size:
        char = pattern[index]
        if char == "\\":
            if index + 1 == size:
                raise _Invalid("a lone \\ at the end of the pattern escapes nothing")
            piece, index = pattern[index : index + 2], index + 2
        elif char == "[":
            end = _class_end(pattern, index)
            piece, index = pattern[index:end], end
        elif char == "{":
            options, index = _group(pattern, index)
            results = _product(results, options)
            continue
        elif char in ",}" and nested:
            return results, index
        elif char == "}":
            raise _Invalid(f"'}}' at position {index + 1} closes no '{{'")
        else:
            piece, index = char, index + 1
        results = [result + piece for result in results]
    return results, index


def _group(pattern: str, index: int) -> tuple[list[str], int]:
    """The alternatives of the `{...}` group opening at `index`, and the index after it."""
    opening = index
    options: list[str] = []
    index += 1
    while True:
        found, index = _expand_from(pattern, index, nested=True)
        options.extend(found)
        if len(options) > MAX_ALTERNATIVES:
            raise _Invalid(f"more than {MAX_ALTERNATIVES} brace alternatives")
        if index >= len(pattern):
            raise _Invalid(f"'{{' at position {opening + 1} is never closed with '}}'")
        index += 1
        if pattern[index - 1] == "}":
            return options, index


def _product(prefixes: list[str], options: list[str]) -> list[str]:
    if len(prefixes) * len(options) > MAX_ALTERNATIVES:
        raise _Invalid(f"more than {MAX_ALTERNATIVES} brace alternatives")
    return [prefix + option for prefix in prefixes for option in options]


def _class_end(pattern: str, index: int) -> int:
    """The index after the `]` that closes the class opening at `index`."""
    position = index + 1
    if position < len(pattern) and pattern[position] in "!^":
        position += 1
    if position < len(pattern) and pattern[position] == "]":
        position += 1  # a `]` first is a member
    while position < len(pattern):
        char = pattern[position]
        if char == "]":
            return position + 1
        if char == "/":
            break
        position += 2 if char == "\\" else 1
    raise _Invalid(f"'[' at position {index + 1} is never closed with ']' in its segment")


def _alternative(text: str) -> _Alternative:
    anchored = text.startswith("/")
    inside = text.endswith("/") and not text.endswith("\\/")
    body = text[1 if anchored else 0 : len(text) - 1 if inside else len(text)]
    if not body:
        raise _Invalid("an empty pattern matches nothing")
    parts = _split(body)
    if len(parts) == 1 and not anchored and parts[0] != "**":
        parts.insert(0, "**")  # a bare name matches at any depth
    if inside:
        parts.append("**")
    segments: list[_Segment | None] = []
    for part in parts:
        if not part:
            raise _Invalid("an empty path segment ('//') matches nothing")
        if part == "**":
            if not segments or segments[-1] is not None:  # `**/**` is one `**`
                segments.append(None)
        else:
            segments.append(_Segment(_atoms(part)))
    return _Alternative(segments)


def _split(body: str) -> list[str]:
    """`body` cut at every `/` outside an escape (classes hold none: see _class_end)."""
    if "\\" not in body:
        return body.split("/")
    parts = [""]
    index = 0
    while index < len(body):
        char = body[index]
        if char == "/":
            parts.append("")
            index += 1
            continue
        step = 2 if char == "\\" else 1
        parts[-1] += body[index : index + step]
        index += step
    return parts


def _atoms(part: str) -> list[list[_Atom]]:
    """A segment's atoms, cut into the chunks between its stars (lower-cased)."""
    chunks: list[list[_Atom]] = [[]]
    index = 0
    while index < len(part):
        char = part[index]
        if char == "*":
            while index < len(part) and part[index] == "*":
                index += 1  # `a**b` is `a*b`
            chunks.append([])
            continue
        if char == "?":
            chunks[-1].append(None)
            index += 1
        elif char == "[":
            end = _class_end(part, index)
            chunks[-1].append(_parse_class(part[index + 1 : end - 1]))
            index = end
        elif char == "\\":
            chunks[-1].extend(part[index + 1].lower())
            index += 2
        else:
            chunks[-1].extend(char.lower())
            index += 1
    return chunks


def _parse_class(body: str) -> _Class:
    written = f"[{body}]"
    negated = body[:1] in ("!", "^")
    if negated:
        body = body[1:]
    members: list[str] = []
    index = 0
    while index < len(body):  # unescape first: `\]` and `\-` are members
        if body[index] == "\\" and index + 1 < len(body):
            members.append("\\" + body[index + 1])
            index += 2
        else:
            members.append(body[index])
            index += 1
    chars: list[str] = []
    ranges: list[tuple[str, str]] = []
    index = 0
    while index < len(members):
        low = members[index][-1]
        if index + 2 < len(members) and members[index + 1] == "-":
            high = members[index + 2][-1]
            if low > high:
                raise _Invalid(f"the range {low}-{high} in {written} is reversed")
            ranges.append((low, high))
            index += 3
        else:
            chars.append(low.lower())
            index += 1
    return _Class("".join(chars), tuple(ranges), negated)
