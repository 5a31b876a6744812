"""Sort a changed path into migration, schema, generated, support, neutral or code.

Two halves. `Layouts` says which layouts a path's name could belong to: pure, and
remembered per path over a whole history. `Classifier` settles that against one set
of files (the work tree, or a commit's: migrations/files.py), asked only when a layout
that needs a marker claims the path. So a commit that touches no migration-like path
costs no file-system or git call at all.
"""

from __future__ import annotations

from commitguard.migrations.files import Files
from commitguard.migrations.presets import GENERATED, MIGRATION, SCHEMA, Layout
from commitguard.model import Change, Value

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from commitguard import globs

NEUTRAL = "neutral"
CODE = "code"
# The kinds that belong with a migration, in the migration's commit.
MIGRATION_SIDE = frozenset((MIGRATION, SCHEMA, GENERATED))


class Match(Value):
    __slots__ = ("kind", "preset", "root", "why")

    def __init__(self, kind: str, preset: str | None = None, root: str = "", why: str = "") -> None:
        self.kind = kind
        self.preset = preset  # the framework, when a preset's layout matched
        self.root = root  # the app root ("apps/api/"), "" at the repository root
        self.why = why  # for `explain`: the glob, marker or setting that decided it


class Sorted(Value):
    """One change and what its paths are."""

    __slots__ = ("change", "match", "old")

    def __init__(self, change: Change, match: Match, old: Match | None) -> None:
        self.change = change
        self.match = match  # what change.path is
        self.old = old  # what change.old_path is, for a rename or copy


_CODE = Match(CODE)
_NEUTRAL = Match(NEUTRAL)


# A word of a lower-cased path or glob: a run of [a-z0-9]. Found without a regular
# expression, since the commit-msg hook looks for them in every staged path.
_WORD_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789"
_WORDS_ONLY = bytes(code if chr(code) in _WORD_CHARACTERS else 32 for code in range(256))
_LITERAL_EDGE = frozenset("/._-")


def words(lowered: str) -> list[str]:
    """The words of a lower-cased text, in order (what `[a-z0-9]+` finds)."""
    if lowered.isascii():  # every other byte made a space, then split in C
        return lowered.encode().translate(_WORDS_ONLY).decode().split()
    return [lowered[start:end] for start, end in _word_spans(lowered)]


def _word_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where each word of the text starts and ends."""
    if text.isascii():  # each word found again in the text with its other bytes blanked
        blanked = text.encode().translate(_WORDS_ONLY).decode()
        end = 0
        for word in blanked.split():
            start = blanked.index(word, end)
            end = start + len(word)
            yield start, end
        return
    start = -1
    for index, character in enumerate(text):
        if character in _WORD_CHARACTERS:
            if start < 0:
                start = index
        elif start >= 0:
            yield start, index
            start = -1
    if start >= 0:
        yield start, len(text)


def key_word(glob: str) -> str | None:
    """A word every path the lower-cased glob matches contains whole (`migrations` in
    `migrations/*.py`), to skip the glob without matching it; None if there is none."""
    best: str | None = None
    for start, end in _word_spans(glob):
        before = glob[start - 1] if start else "/"
        after = glob[end] if end < len(glob) else "/"
        inside = glob.count("[", 0, start) > glob.count("]", 0, start) or (
            glob.count("{", 0, start) > glob.count("}", 0, start)
        )
        bounded = before in _LITERAL_EDGE and after in _LITERAL_EDGE and not inside
        if bounded and (best is None or end - start > len(best)):
            best = glob[start:end]
    return best


class _Entry:
    """One glob of one layout, compiled on first use: most are never needed."""

    __slots__ = ("layout", "glob", "_compiled")

    def __init__(self, layout: Layout, glob: str) -> None:
        self.layout = layout
        # A preset's globs are relative to an app root anywhere in the repository; the
        # configured ones follow the glob rules as written (a leading `/`: the root).
        self.glob = glob if layout.anchored else "**/" + glob.lstrip("/")
        self._compiled: globs.Glob | None = None

    def root(self, path: str) -> str | None:
        """The app root the glob matched `path` under, or None when it does not."""
        if self._compiled is None:
            from commitguard.globs import compile  # a path some layout may claim: few

            self._compiled = compile(self.glob)
        return self._compiled.root(path)


class Claim:
    """A layout whose glob matches a path, and the app root it matched under."""

    __slots__ = ("layout", "glob", "root")

    def __init__(self, layout: Layout, glob: str, root: str) -> None:
        self.layout = layout
        self.glob = glob
        self.root = root


class Layouts:
    """Every layout's globs, indexed; remembers which claim each path it was asked of.

    Each glob is filed under a word its paths must contain, so a path is matched only
    against the few globs that share a word with it: 2,000 staged source files cost a
    few milliseconds in the hook, not a regex match against every framework's globs.
    """

    def __init__(
        self, layouts: Iterable[Layout], neutral: Iterable[str], fixtures: Iterable[str] = ()
    ) -> None:
        neutral = tuple(neutral)
        layouts = [*layouts, Layout("", NEUTRAL, neutral, anchored=True)]
        entries = [_Entry(layout, glob) for layout in layouts for glob in layout.globs]
        self._index: dict[str, list[int]] = {}
        self._always: list[int] = []  # globs without a key word
        for position, entry in enumerate(entries):
            word = key_word(entry.glob.lower())
            if word is None:
                self._always.append(position)
            else:
                self._index.setdefault(word, []).append(position)
        self._entries = entries
        self._fixtures_globs = tuple(fixtures)
        self._neutral = neutral
        self._claims: dict[str, tuple[Claim, ...]] = {}
        # Both built on first use: only a path some layout claims is asked about them,
        # and most commits (the hook's 2,000 staged source files) hold none.
        self._fixtures: globs.GlobSet | None = None
        self._documentation: globs.GlobSet | None = None

    @property
    def fixtures(self) -> globs.GlobSet:
        if self._fixtures is None:
            from commitguard.globs import glob_set

            self._fixtures = glob_set(self._fixtures_globs)
        return self._fixtures

    @property
    def documentation(self) -> globs.GlobSet:
        if self._documentation is None:
            from commitguard.globs import glob_set

            self._documentation = glob_set(self._neutral)  # what a sample there is, too
        return self._documentation

    def claims(self, path: str) -> tuple[Claim, ...]:
        """The layouts that may claim `path`, by precedence, up to the first that needs
        no marker (nothing after it can win); () for plain code."""
        found = self._claims.get(path)
        if found is None:
            if len(self._claims) > 65536:  # flat memory over any history
                self._claims.clear()
            found = self._claims[path] = self._match(path)
        return found

    def sift(self, paths: list[str]) -> set[str]:
        """Those of `paths` that may be more than code: every other one is code. One
        pass over all their words first, so thousands of staged files stay cheap."""
        if self._always:
            return set(paths)
        keys = self._index.keys()
        if keys.isdisjoint(words("\n".join(paths).lower())):
            return set()  # the common case: one pass over the whole commit or index
        return {path for path in paths if not keys.isdisjoint(words(path.lower()))}

    def fixture(self, path: str) -> str | None:
        """The fixtures glob `path` matches (a library's test data), if any."""
        if not self.fixtures.matches(path):
            return None
        from commitguard import globs

        return next(
            (g for g in self._fixtures_globs if globs.compile(g).root(path) is not None), ""
        )

    def _match(self, path: str) -> tuple[Claim, ...]:
        index = self._index
        candidates = set(self._always)
        for word in words(path.lower()):  # globs ignore case; see globs.py
            candidates.update(index.get(word, ()))
        found: list[Claim] = []
        for position in sorted(candidates):  # the layouts' order is their precedence
            entry = self._entries[position]
            root = entry.root(path)
            if root is None:
                continue
            found.append(Claim(entry.layout, entry.glob, root))
            if not entry.layout.markers or entry.layout.anchored:
                break  # it wins whatever the files say
        return tuple(found)


class Classifier:
    """What each path is, against one set of files. Its answers are remembered by the
    files (a long history names the same paths again and again), not by the classifier:
    so neither refers to the other, and a history's thousands of sets of files are freed
    as soon as they are judged, by reference counting, never left to the cyclic garbage
    collector."""

    __slots__ = ("layouts", "files", "_markers", "_cache")

    def __init__(self, layouts: Layouts, files: Files, *, markers: bool = True) -> None:
        self.layouts = layouts
        self.files = files
        self._markers = markers  # False: the configuration named the frameworks
        self._cache = files.answers

    def __call__(self, path: str) -> Match:
        found = self._cache.get(path)
        if found is None:
            if len(self._cache) > 65536:
                self._cache.clear()
            found = self._cache[path] = self._classify(path)
        return found

    def changes(
        self, changes: tuple[Change, ...], old: Classifier | None = None
    ) -> tuple[Sorted, ...] | None:
        """Each change with what its path (and a rename's old path) is; None when every
        path is code, which is most commits. A deleted path is judged by `old`, the
        parent's files, when given. Remembers the last answer: in `check` the range
        rules and each per-commit rule ask about the same commit in turn."""
        last = self.files.last
        if changes is last[0]:
            return last[1]
        # A large index is sifted in one search first; a commit of a long history names
        # paths most likely seen before, and remembered.
        if len(changes) > 64 and not self.layouts.sift(
            [p for c in changes for p in (c.path, c.old_path) if p]
        ):
            self.files.last = (changes, None)
            return None
        before = old or self
        found = None
        claims = self.layouts.claims  # inlined: this runs for every commit of a range
        for change in changes:
            if claims(change.path) or (change.old_path is not None and claims(change.old_path)):
                found = tuple(
                    Sorted(
                        c,
                        (before if c.status == "D" else self)(c.path),
                        None if c.old_path is None else before(c.old_path),
                    )
                    for c in changes
                )
                if all(
                    s.match.kind == CODE and (s.old is None or s.old.kind == CODE) for s in found
                ):
                    found = None
                break
        self.files.last = (changes, found)
        return found

    def questions(self, paths: Iterable[str]) -> tuple[set[str], set[str]]:
        """What classifying `paths` may ask of the files not asked yet: which marker
        files exist, and which of them to read (a marker that must mention a word);
        so that a window of commits is asked of git at once."""
        exists: set[str] = set()
        read: set[str] = set()
        if not self._markers:
            return exists, read
        found = self.files.found
        for path in paths:
            if path in self._cache:
                continue
            for claim in self.layouts.claims(path):
                layout = claim.layout
                if layout.kind == NEUTRAL:
                    break
                if not layout.markers or layout.anchored:
                    continue
                for directory in _upwards(claim.root):
                    for marker in layout.markers:
                        if (directory, marker) not in found:
                            name, _, needle = marker.partition(":")
                            exists.add(directory + name)
                            if needle:
                                read.add(directory + name)
        return exists, read

    def _classify(self, path: str) -> Match:
        unmarked: Claim | None = None
        for claim in self.layouts.claims(path):
            layout = claim.layout
            if layout.kind == NEUTRAL:
                return Match(NEUTRAL, why=f"documentation (`{claim.glob}`)")
            marker = self._marked(layout, claim.root)
            if marker is None:
                unmarked = unmarked or claim
                continue
            # Asked only of a path a layout claims: most paths never pay for it.
            fixture = self.layouts.fixture(path)
            if fixture is not None:
                if self.layouts.documentation.matches(path):  # a sample in `docs/`
                    return Match(NEUTRAL, why=f"documentation's example (`{fixture}`)")
                return Match(CODE, why=f"a library's test data or example (`{fixture}`)")
            why = f"{layout.preset or 'configured'} {layout.kind} (`{claim.glob}`{marker})"
            return Match(layout.kind, layout.preset, claim.root, why)
        if unmarked is None:
            return _CODE
        # Rare (a layout's name without its framework), so the answer may say why.
        markers = " or ".join(_marker_text(m) for m in unmarked.layout.markers)
        return Match(
            CODE,
            why=f"the {unmarked.layout.preset} layout `{unmarked.glob}` matches, but no "
            f"{markers} is in `{unmarked.root or './'}` or above: not that framework",
        )

    def _marked(self, layout: Layout, root: str) -> str | None:
        """How the files confirm the layout for an app at `root` (", beside `manage.py`"),
        "" when it needs no confirming, None when they do not."""
        if not layout.markers or not self._markers or layout.anchored:
            return ""
        for directory in _upwards(root):
            for marker in layout.markers:
                if self._marker(directory, marker):
                    return f", beside `{directory}{marker.partition(':')[0]}`"
        return None

    def _marker(self, directory: str, marker: str) -> bool:
        key = (directory, marker)
        found = self.files.found
        if key not in found:
            name, _, needle = marker.partition(":")
            path = directory + name
            present = self.files.exists(path)
            if present and needle:
                present = needle in self.files.read(path)
            found[key] = present
        return found[key]


def _upwards(root: str) -> Iterator[str]:
    """`root` ("apps/api/") and each directory above it, up to the repository's ("")."""
    directory = root
    while True:
        yield directory
        if not directory:
            return
        directory = directory[:-1].rpartition("/")[0]
        directory = f"{directory}/" if directory else ""


def _marker_text(marker: str) -> str:
    name, _, needle = marker.partition(":")
    return f"`{name}` that mentions `{needle}`" if needle else f"`{name}`"
