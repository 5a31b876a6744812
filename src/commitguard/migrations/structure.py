"""Is a schema file's edit structural, one a migration must follow? Per framework.

Each reader turns a schema file into what it declares: units (a model, a table, an
enum) and their members (a field, a column, an index), each as normalised text. Two
readings are compared unit by unit, so comments, whitespace, formatting and the order of
declarations never count. Nothing from the repository runs: Python is read with `ast`,
the rest with regular expressions. A reader that cannot make sense of a text gives way
to a comment- and whitespace-insensitive compare.
"""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from commitguard.edits import Hunk, replaced

# unit ("model `User`") -> member ("field `email`", "" for the unit's own header) -> text
Schema = dict[str, dict[str, str]]
Reader = Callable[[str], Schema]

# Units that no table stands for: added or removed whole, nothing in the database moves.
_NO_TABLE = "abstract model "
# Past this size a file is read the naive way: a schema this big is generated, or junk.
_LARGEST = 4_000_000
_SHORTEST_LABEL = 100
# Comments in every schema language; a `/*` that never closes runs to the end, as in
# SQL and JavaScript: there, each one has the regex scan the rest of the text again.
_COMMENTS = re.compile(r"/\*(?:.*?\*/|.*)|(?://|--|#)[^\n]*", re.S)
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_TIGHT = re.compile(r" (?=[,;)\]])|(?<=[(\[]) ")


class _Unreadable(Exception):
    """The text is not what its reader expects."""


def schema_differences(
    preset: str,
    path: str,
    before: str | None,
    after: str | None,
    elsewhere: Iterable[tuple[str, str | None, str | None]] = (),
) -> tuple[str, ...]:
    """The structural differences between two versions of a schema file (None: the file
    does not exist on that side), each as a short sentence for `explain` ("model `User`:
    field `email` added", "enum `Role` changed"); () when the change is not structural.
    `elsewhere`: the same change's other schema files of the app (path, before, after),
    so that a model moved from one to another (a models.py split into a package) is
    compared with itself, not removed from one file and added to the other."""
    if before == after:
        return ()
    reader = _reader(preset, path)
    if reader is not None and len(before or "") + len(after or "") <= _LARGEST:
        try:
            if reader is _python and _python_same_schema(path, before, after):
                return ()
            gone, came = _moved(preset, reader, elsewhere)
            return _compare(_read(reader, before), _read(reader, after), gone, came)
        # A hostile file can trip any corner of a reader (deep nesting, odd bytes); the
        # naive compare is the answer for every text a reader cannot take.
        except Exception:
            return _naive(path, before, after)
    return _naive(path, before, after)


def structural_change(preset: str, path: str, before: str | None, after: str | None) -> bool:
    return bool(schema_differences(preset, path, before, after))


def _reader(preset: str, path: str) -> Reader | None:
    extension = path.rpartition("/")[2].rpartition(".")[2].lower()
    if preset == "prisma" and extension != "sql":
        return _prisma
    if extension in _TYPESCRIPT:
        return _typescript
    return _READERS.get(extension)


def _read(reader: Reader, text: str | None) -> Schema:
    if text is None:
        return {}
    if _READ is None:
        return reader(text)
    key = (reader, text)
    found = _READ.get(key)
    if found is None:
        if reader is _python:
            found, _INERT[text], classes = _python_reading(text)
            if classes is not None:
                _CLASSES[text] = classes
        else:
            found = reader(text)
        _READ[key] = found
    return found


# What each text read declares, while `reading_once` lasts. Keyed by the whole text,
# so a hit is an equal text, never a guess. For Python, also its runs of statements
# the schema is not read from.
_READ: dict[tuple[Reader, str], Schema] | None = None
_INERT: dict[str, tuple[_Run, ...]] = {}
_CLASSES: dict[str, _Classes] = {}  # and its classes, which the next version may keep
_LATEST: dict[str, str] = {}  # each schema file's path -> its version read last
# Each expression's ast.unparse, by the text it is written as (see _unparsed).
_UNPARSED: dict[str, str] | None = None
# Whether an edit (the text read, the text after it) keeps the schema (see _read_after).
_SAME: dict[tuple[str, str], bool] | None = None
# A class's members by the text they are read from (see _python_members_of).
_MEMBERS: dict[tuple[tuple[str, ...], tuple[str, ...]], dict[str, str]] | None = None


@contextmanager
def reading_once() -> Iterator[None]:
    """Within it, each text is read once. A history's versions of a schema file are
    each the newer side of one edit and the older side of the next; a commit's other
    schema files are read again for each of its files; and two rules judge the same
    edit. The caller holds every text already: what is kept here is their readings."""
    global _READ, _MEMBERS, _UNPARSED, _SAME
    outer = _READ
    if outer is None:
        _READ, _MEMBERS, _UNPARSED, _SAME = {}, {}, {}, {}
    try:
        yield
    finally:
        if outer is None:
            _READ = _MEMBERS = _UNPARSED = _SAME = None
            _INERT.clear()
            _CLASSES.clear()
            _LATEST.clear()


def _moved(
    preset: str, reader: Reader, files: Iterable[tuple[str, str | None, str | None]]
) -> tuple[Schema, Schema]:
    """The units the other files lose and the ones they gain; none where one of them
    is not read the same way."""
    gone: Schema = {}
    came: Schema = {}
    try:
        for path, before, after in files:
            if _reader(preset, path) is not reader:
                return {}, {}
            if len(before or "") + len(after or "") > _LARGEST:
                return {}, {}
            old, new = _read(reader, before), _read(reader, after)
            gone.update((unit, old[unit]) for unit in old.keys() - new.keys())
            came.update((unit, new[unit]) for unit in new.keys() - old.keys())
    except Exception:
        return {}, {}
    return gone, came


def _compare(
    old: Schema, new: Schema, gone: Schema | None = None, came: Schema | None = None
) -> tuple[str, ...]:
    """`gone` and `came`: the units other files of the change lose and gain."""
    found: list[str] = []
    for unit in {**old, **new}:
        if unit.startswith(_NO_TABLE) and (unit not in new or unit not in old):
            # An abstract model has no table: its fields reach one only through a
            # model that names it as a base, and that model's change says so.
            continue
        if unit not in new and came and unit in came:
            # Moved to another file: compared there with itself, and told here.
            found.extend(f"{_short(unit)}{change}" for change in _members(old[unit], came[unit]))
        elif unit not in old and gone and unit in gone:
            continue  # moved here: told where it came from
        elif unit not in new:
            found.append(f"{_short(unit)} removed")
        elif unit not in old:
            found.append(f"{_short(unit)} added")
        else:
            found.extend(f"{_short(unit)}{change}" for change in _members(old[unit], new[unit]))
    return tuple(found)


def _members(old: dict[str, str], new: dict[str, str]) -> Iterator[str]:
    for member in {**old, **new}:
        if member not in new:
            yield f": {_short(member)} removed"
        elif member not in old:
            yield f": {_short(member)} added"
        elif old[member] != new[member]:
            yield f": {_short(member)} changed" if member else " changed"


def _naive(path: str, before: str | None, after: str | None) -> tuple[str, ...]:
    old, new = (_SPACE.sub("", _COMMENTS.sub("", text or "")) for text in (before, after))
    if old == new:
        return ()
    if before is None:
        return (f"`{path}` added",)
    return (f"`{path}` removed",) if after is None else (f"`{path}` changed",)


def _short(label: str) -> str:
    """The label as a person would write it (`f(a, b)`, not `f ( a , b )`), cut short."""
    label = _TIGHT.sub("", label).replace(" . ", ".")
    if len(label) <= _SHORTEST_LABEL:
        return label
    return label[: _SHORTEST_LABEL - 2] + "…`"


def _tokens(text: str, pattern: re.Pattern[str]) -> list[str]:
    """The text's tokens, without the ones the pattern names `skip` (space, comments)."""
    return [match.group() for match in pattern.finditer(text) if match.lastgroup != "skip"]


def _unparsed(node: ast.expr, lines: list[str] | None) -> str:
    """`ast.unparse(node)`, remembered within `reading_once` by the text the expression is
    written as: its tree follows from that text alone, and a history's versions of a
    models.py write most of their fields word for word. (ast's columns count UTF-8
    bytes: only lines in ASCII are cut by them.)"""
    if _UNPARSED is None or lines is None or node.end_lineno is None:
        return ast.unparse(node)
    first, last = node.lineno - 1, node.end_lineno - 1
    written = lines[first : last + 1]
    if not all(line.isascii() for line in written):
        return ast.unparse(node)
    written[-1] = written[-1][: node.end_col_offset]
    written[0] = written[0][node.col_offset :]
    key = "\n".join(written)
    found = _UNPARSED.get(key)
    if found is None:
        if len(_UNPARSED) >= 65536:  # flat memory over any history
            _UNPARSED.clear()
        found = _UNPARSED[key] = ast.unparse(node)
    return found


# Prisma ---------------------------------------------------------------------------------

_PRISMA_TOKEN = re.compile(r'(?P<skip>[ \t\r\f\v]+|//[^\n]*)|"(?:[^"\\\n]|\\.)*"|\w+|\n|.')
_PRISMA_BLOCK = re.compile(r"(model|enum|type|view|generator|datasource) (\w+) \{")


def _prisma(text: str) -> Schema:
    schema: Schema = {}
    block: dict[str, str] | None = None
    kind = ""
    sources: list[str] = []  # the datasources' names
    lines = " ".join(_tokens(text, _PRISMA_TOKEN)).split("\n")
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if block is None:
            opened = _PRISMA_BLOCK.fullmatch(line)
            if opened is None:
                raise _Unreadable(line)
            kind, block = opened[1], {}
            if kind == "datasource":
                sources.append(opened[2])
            elif kind != "generator":
                schema[f"{kind} `{opened[2]}`"] = block
        elif line == "}":
            block = None
        elif line.startswith("@ @"):
            block[f"attribute `{line.replace(' ', '')}`"] = ""
        else:
            name, _, rest = line.partition(" ")
            block[f"{'value' if kind == 'enum' else 'field'} `{name}`"] = rest
    if block is not None:
        raise _Unreadable("a block is not closed")
    return _prisma_relations(_as_compared(schema, sources))


def _as_compared(schema: Schema, sources: list[str]) -> Schema:
    """Each field as its column is: a type and a set of attributes, in any order. A
    native type is named through the datasource (`@db.BigInt`, `@pg.BigInt`): renaming
    the datasource renames no column type."""
    prefixes = [f"@ {name} . " for name in sources]
    for block in schema.values():
        for member, rest in block.items():
            for prefix in prefixes:
                rest = rest.replace(prefix, "@ datasource . ")
            block[member] = _attributes_sorted(rest)
    return schema


def _attributes_sorted(rest: str) -> str:
    """`Int @unique @default(1)` and `Int @default(1) @unique` alike (space-separated
    tokens; an `@` inside an attribute's parentheses does not start one)."""
    parts: list[str] = []
    depth = 0
    start = 0
    for at, char in enumerate(rest):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "@" and depth == 0 and at and rest[at - 1] == " ":
            parts.append(rest[start:at].strip())
            start = at
    parts.append(rest[start:].strip())
    return " ".join([parts[0], *sorted(parts[1:])]) if len(parts) > 2 else rest


def _prisma_relations(schema: Schema) -> Schema:
    """Relation fields as the database holds them. A relation field has no column; of
    its two sides, one holds the key: the side whose `@relation(fields: ...)` names its
    scalar, or, in early Prisma 2 schemas that named no fields, the single side of a
    one-to-many (or a side with no other). That side is keyed by the model it points to
    and compared by its `@relation` alone, so renaming it, or a `?` its scalar does not
    share, changes no table. The other side is nothing to the database, unless both
    are lists without `fields:`: Prisma's implicit many-to-many, whose join table it is."""
    models = {unit.split("`")[1]: unit for unit in schema if unit.startswith(("model ", "view "))}
    # (model, target, relation name) -> (names its fields, is a list), for every side
    sides: dict[tuple[str, str, str], tuple[bool, bool]] = {}
    for name, unit in models.items():
        for member, rest in schema[unit].items():
            target, _, attributes = rest.partition(" ")
            if member.startswith("field ") and target in models:
                side = (name, target, _relation_name(attributes))
                sides[side] = ("fields :" in attributes, attributes.startswith("[ ]"))
    for name, unit in models.items():
        kept: dict[str, str] = {}
        for member, rest in schema[unit].items():
            target, _, attributes = rest.partition(" ")
            if not member.startswith("field ") or target not in models:
                kept[member] = rest
                continue
            relation = (
                attributes[attributes.find("@ relation") :] if "@ relation" in attributes else ""
            )
            fields, listed = "fields :" in relation, attributes.startswith("[ ]")
            other = sides.get((target, name, _relation_name(relation)))
            if fields or other is None or not (other[0] or listed):
                key = f"relation to `{target}`"
            elif listed and other[1] and not other[0]:
                key = f"many-to-many with `{target}`"
            else:
                continue  # the other side holds the key
            numbered, number = key, 1
            while numbered in kept:  # a second relation to the same model, in order
                number += 1
                numbered = f"{key} #{number}"
            kept[numbered] = relation
        schema[unit] = kept
    return schema


_RELATION_NAME = re.compile(r'@ relation \( (?:name : )?("[^"]*")')


def _relation_name(attributes: str) -> str:
    """The relation's name (`@relation("CurrentUser")`), which pairs its two sides."""
    found = _RELATION_NAME.search(attributes)
    return found[1] if found else ""


# Python: Django models, SQLAlchemy models and tables ------------------------------------

_MODEL_BASE = re.compile(r"(?:^|\.)(?:\w*(?:Model|Base)|Abstract\w*|DeclarativeBase\w*)$")
_CHOICES = re.compile(r"(?:Choices|Enum)$")
_TABLE_CALL = re.compile(r"(?:^|\.)(?:Table|Index|Enum|Sequence)$")
_MANAGER = re.compile(r"Manager$|\bas_manager$|\bfrom_queryset\(")
_NOT_FIELD = re.compile(
    r"(?:\w+\.)*(?:tuple|list|set|frozenset|dict|str|int|float|bool|property|cached_property"
    r"|staticmethod|classmethod|_|gettext(?:_lazy)?|pgettext(?:_lazy)?|compile"
    # contenttypes' generic relations are private fields: no migration holds them.
    r"|GenericRelation|GenericForeignKey)"
)
_ABSTRACT = "Meta option `abstract`"
_FOR_MODEL = "Meta option `model`"
_TABLE_DUNDERS = ("__tablename__", "__table_args__", "__table__", "__abstract__")


# A run of statements nothing in the schema comes from (see `_inert`), one after the
# other in one block: its first line (a decorator's, if any) and its last line (1-based),
# and the block's indentation.
_Run = tuple[int, int, int]
# A class of a module, as a reading keeps it for the next version's: its first line (a
# decorator's, if any), its `class` line, the first line of its body and that statement's
# column, its last line (1-based), and its members as read.
_Class = tuple[int, int, int, int, int, dict[str, str]]
# Each name the module assigns, with the text of the statement it is last assigned in
# (what a class's members may read: see _Names), and its classes by name: only those
# whose name is not used twice and that are not an enumeration the module's names read.
_Classes = tuple[dict[str, str], dict[str, _Class]]


def _python_same_schema(path: str, before: str | None, after: str | None) -> bool:
    """True when the two versions differ only within statements the schema is not read
    from (methods, helpers, imports, docstrings), so that they declare the same schema.
    Shown with one side read and only the other side's changed runs of statements
    parsed, once `reading_once` has read a side: most edits of a long-lived models.py
    touch no field, and reading a large file costs milliseconds a version. Otherwise the
    other side is read with the runs it keeps unchanged left out (`_read_sparsely`)."""
    if _READ is None or before is None or after is None or "\r" in before or "\r" in after:
        return False  # ast counts a lone CR as a line break; str.split does not
    if before not in _INERT and after in _INERT:
        before, after = after, before  # start from the side read already
    if before not in _INERT:
        # Neither is read: start from the version of the file read last, a few edits
        # away in a history, so that this one is read as an edit of it.
        near = _LATEST.get(path)  # read by this function: no lone CR in it
        if near is not None:
            _read_after(near, before)
        _read(_python, before)
    _LATEST[path] = before
    return _read_after(before, after)


def _read_after(known: str, text: str) -> bool:
    """Read `text` as an edit of `known`, read already: True when it declares the same
    schema, proven from its changed lines; else read with its unchanged runs left out,
    where that can be shown to read the same. Each edit is worked out once: two rules
    judge the same edit, and a history repeats a few (a revert, a merged branch)."""
    assert _SAME is not None  # within reading_once
    found = _SAME.get((known, text))
    if found is None:
        found = _SAME[(known, text)] = _same_after(known, text)
    return found


def _same_after(known: str, text: str) -> bool:
    assert _READ is not None  # within reading_once
    lines = text.split("\n")
    hunks = replaced(known.split("\n"), lines)
    moved = _runs_moved(hunks, _INERT[known])
    if moved is not None and all(
        _inert_lines(lines[first - 1 : last], indent) for first, last, indent in moved[0]
    ):
        _READ[(_python, text)] = _READ[(_python, known)]
        _INERT[text] = moved[1]
        classes = _CLASSES.get(known)
        if classes is not None:
            _CLASSES[text] = (classes[0], _classes_moved(classes[1], hunks))
        return True
    if (_python, text) not in _READ:
        _read_sparsely(known, text, lines, hunks)
    return False


def _classes_moved(classes: dict[str, _Class], hunks: list[Hunk]) -> dict[str, _Class]:
    """Where each class is in the other side of `hunks`, which change lines within runs
    of statements alone (see _runs_moved): each of its lines moves with what was added
    or removed before it, and its last line with what its own last run became."""
    return {
        name: (
            first + _shift(hunks, first - 1),
            header + _shift(hunks, header - 1),
            body + _shift(hunks, body - 1),
            column,
            last + _shift(hunks, last),
            members,
        )
        for name, (first, header, body, column, last, members) in classes.items()
    }


def _shift(hunks: list[Hunk], lines: int) -> int:
    """Lines added less lines removed by the hunks within the first `lines` lines."""
    return sum(
        (new_end - new_start) - (end - start)
        for start, end, new_start, new_end in hunks
        if end <= lines
    )


def _untouched(hunks: list[Hunk], first: int, last: int) -> bool:
    """Whether no hunk changes a line from `first` to `last`, nor adds one between them
    (lines added just before or just after may join the block: the reading checks)."""
    for start, end, _, _ in hunks:  # known[start:end] replaced (nothing: lines added)
        if start >= last:
            break  # this hunk and the rest come after the block
        if end >= first if end > start else start >= first:
            return False
    return True


def _runs_moved(
    hunks: list[Hunk], runs: tuple[_Run, ...]
) -> tuple[list[_Run], tuple[_Run, ...]] | None:
    """Where the known side's runs are in the other if every line that differs lies
    within a run whose first line stays: (the runs whose lines changed, every run), as
    lines of the other side; None when a difference lies elsewhere."""
    changed: list[_Run] = []
    moved: list[_Run] = []
    shift = 0  # lines added less lines removed, by the hunks so far
    next_hunk = 0
    for first, last, indent in runs:
        # Replaced lines are known[start:end] (0-based): after line `first`, up to `last`.
        if next_hunk < len(hunks) and hunks[next_hunk][0] < first:
            return None  # a difference before this run, and after the one before it
        shifted, hunk_before = shift, next_hunk
        while next_hunk < len(hunks) and hunks[next_hunk][0] <= last:
            start, end, new_start, new_end = hunks[next_hunk]
            if end > last:
                return None  # it reaches past the run
            shift += (new_end - new_start) - (end - start)
            next_hunk += 1
        run = (first + shifted, last + shift, indent)
        moved.append(run)
        if next_hunk > hunk_before:
            changed.append(run)
    if next_hunk < len(hunks):
        return None  # a difference after the last run
    return changed, tuple(moved)


def _read_sparsely(
    known: str, text: str, lines: list[str], hunks: list[Hunk], *, classes: bool = True
) -> None:
    """Read `text` with what it keeps line for line of `known`, read already, left out:
    each run of statements the schema is not read from (a `pass` on the run's first
    line, its other lines blank), and each class it keeps whole (a `pass` for its body),
    whose members are `known`'s when the names they read are too. The schema is the same
    and the file is parsed without its methods and its unchanged models, most of a
    models.py. Taken only if each `pass` is read as a statement of its block, and each
    class left out is read at its place with its `pass` alone: then the lines left out
    are read there as they were. Otherwise the classes are read, and failing that
    nothing is kept: the file is read whole."""
    kept = _CLASSES.get(known) if classes else None
    left_out: dict[str, _Class] = {}  # where each class kept whole is in `text`
    spans: list[tuple[int, int]] = []  # the lines of each in `known`
    if kept is not None:
        for name, (first, header, body, column, last, members) in kept[1].items():
            if body > header and _untouched(hunks, first, last):
                shift = _shift(hunks, first - 1)
                left_out[name] = (
                    first + shift,
                    header + shift,
                    body + shift,
                    column,
                    last + shift,
                    members,
                )
                spans.append((first, last))
    sparse = list(lines)
    stubs: dict[int, tuple[int, int]] = {}  # line of a `pass` -> (its column, run's end)
    shift = 0
    next_hunk = 0
    for first, last, _ in _INERT[known]:
        start, end = first - 1, last  # the run's lines, known[start:end]
        while next_hunk < len(hunks) and hunks[next_hunk][1] <= start:
            old_start, old_end, new_start, new_end = hunks[next_hunk]
            shift += (new_end - new_start) - (old_end - old_start)
            next_hunk += 1
        if next_hunk < len(hunks) and hunks[next_hunk][0] < end:
            continue  # its lines changed: read as they are
        if any(outer <= first and last <= end_ for outer, end_ in spans):
            continue  # within a class left out whole
        line = sparse[start + shift]
        column = len(line) - len(line.lstrip())
        sparse[start + shift] = line[:column] + "pass"
        sparse[start + shift + 1 : end + shift] = [""] * (end - start - 1)
        stubs[first + shift] = (column, last + shift)
    for _, _, body, column, last, _ in left_out.values():
        sparse[body - 1] = " " * column + "pass"
        sparse[body:last] = [""] * (last - body)
    tree = _parsed_as_left_out(sparse, stubs, left_out) if stubs or left_out else None
    reading = None
    if tree is not None:
        carried = None
        if kept is not None and left_out:
            # Each class left out with its members and its text, which says what it reads.
            texts = {n: (c[5], "\n".join(lines[c[0] - 1 : c[4]])) for n, c in left_out.items()}
            carried = (kept[0], texts)
        reading = _python_reading_tree(tree, sparse, carried)
    if reading is None:  # not taken, or a name a class left out reads changed
        if left_out:
            _read_sparsely(known, text, lines, hunks, classes=False)  # read the classes
        return
    schema, sparse_runs, sparse_classes = reading
    assert _READ is not None  # within reading_once
    _READ[(_python, text)] = schema
    # Each class left out holds the runs it held in `known`, where it is now.
    within: list[_Run] = []
    for (outer, end), moved_to in zip(spans, left_out.values(), strict=True):
        shift = moved_to[0] - outer
        within += [
            (first + shift, last + shift, indent)
            for first, last, indent in _INERT[known]
            if outer <= first and last <= end
        ]
    outside = [
        (first, stubs[last][1] if last in stubs else last, indent)
        for first, last, indent in sparse_runs
        if not any(c[0] <= first <= c[4] for c in left_out.values())
    ]
    _INERT[text] = tuple(sorted(outside + within))
    if sparse_classes is not None:
        _CLASSES[text] = (
            sparse_classes[0],
            {
                name: left_out.get(name)
                or (first, header, body, column, stubs[last][1] if last in stubs else last, members)
                for name, (first, header, body, column, last, members) in sparse_classes[1].items()
            },
        )


def _parsed_as_left_out(
    sparse: list[str], stubs: dict[int, tuple[int, int]], left_out: dict[str, _Class]
) -> ast.Module | None:
    """The sparse text parsed, if each `pass` left in it reads as planned: each class
    left out at its place (_classes_left_out), each run's `pass` a statement of its
    block; None otherwise."""
    try:
        tree = python_tree("\n".join(sparse))
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    if not _classes_left_out(tree, left_out):
        return None
    found = {
        (node.lineno, node.col_offset) for node in _bodies(tree.body) if isinstance(node, ast.Pass)
    }
    if any((line, column) not in found for line, (column, _) in stubs.items()):
        return None
    return tree


def _classes_left_out(tree: ast.Module, left_out: dict[str, _Class]) -> bool:
    """Whether each class left out is read where it was, as itself: its name used once,
    its first line and its `class` line where they were, its body the `pass` alone."""
    if not left_out:
        return True
    top = [node for node in tree.body if isinstance(node, ast.ClassDef)]
    named: dict[str, list[ast.ClassDef]] = {}
    for node in top:
        named.setdefault(node.name, []).append(node)
    for name, (first, header, body, column, _, _) in left_out.items():
        nodes = named.get(name, [])
        if len(nodes) != 1:
            return False
        node = nodes[0]
        statement = node.body[0]
        if (
            node.lineno != header
            or _first_line(node) != first
            or len(node.body) != 1
            or not isinstance(statement, ast.Pass)
            or (statement.lineno, statement.col_offset, node.end_lineno) != (body, column, body)
        ):
            return False
    return True


def _bodies(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements of a module and of its classes, at any depth of classes."""
    for node in body:
        yield node
        if isinstance(node, ast.ClassDef):
            yield from _bodies(node.body)


def _inert_lines(lines: list[str], indent: int) -> bool:
    """Whether `lines`, a run's new text that starts with its old first line, are
    statements of the run's block alone, none read by the schema, the last ending on
    the last line: then every line after them is read as before."""
    text = "\n".join(lines)
    try:
        # Parsed in a block of the run's own indentation: a line indented less ends it.
        tree = python_tree(f"if 1:\n{text}" if indent else text)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False
    body = tree.body
    if indent:
        if len(body) != 1 or not isinstance(body[0], ast.If):
            return False
        body = body[0].body
    ends = len(lines) + (1 if indent else 0)
    return bool(body) and all(_inert(node) for node in body) and body[-1].end_lineno == ends


def _inert(node: ast.stmt) -> bool:
    """Whether the schema reader takes nothing from this statement of a module or class
    body: it reads only classes and assignments there (never a function's body, nor
    what an `if` or a `try` holds)."""
    return not isinstance(node, (ast.ClassDef, ast.Assign, ast.AnnAssign))


def _inert_runs(body: list[ast.stmt], lines: list[str]) -> Iterator[_Run]:
    """The runs of inert statements of a module and of each class in it, at any depth.
    A statement that shares a line with another (`x = f(); g()`) or with its block's
    header (`class Empty(Model): pass`) is in none: a run's lines are left out whole."""
    first = last = indent = 0
    for node in body:
        if _inert(node) and _alone(node, lines):
            assert node.end_lineno is not None
            if not first:
                first, indent = _first_line(node), node.col_offset
            last = node.end_lineno
            continue
        if first:
            yield first, last, indent
            first = 0
        if isinstance(node, ast.ClassDef):
            yield from _inert_runs(node.body, lines)
    if first:
        yield first, last, indent


def _alone(node: ast.stmt, lines: list[str]) -> bool:
    """Whether a statement has its lines to itself: only indentation before it on its
    first line, and nothing after it on its last but a comment."""
    assert node.end_lineno is not None
    assert node.end_col_offset is not None
    if not _starts_line(node, lines):
        return False
    end = lines[node.end_lineno - 1]
    if not end.isascii():  # ast's columns count UTF-8 bytes
        end = end.encode("utf-8", "surrogatepass")[node.end_col_offset :].decode("utf-8", "replace")
    else:
        end = end[node.end_col_offset :]
    rest = end.strip()
    return not rest or rest.startswith("#")


def _starts_line(node: ast.stmt, lines: list[str]) -> bool:
    """Whether only indentation comes before a statement (or its first decorator) on
    its first line: not a block's header (`class Empty(Model): pass`), not `x = 1; `."""
    start = lines[_first_line(node) - 1]
    # A column counts UTF-8 bytes; indentation is ASCII, so the two agree on it.
    return len(start) - len(start.lstrip()) == node.col_offset


def _python(text: str) -> Schema:
    return _python_reading(text)[0]


def python_tree(text: str) -> ast.Module:
    """`ast.parse`, silent: the repository's code may hold what Python warns about (an
    invalid escape in a string), and a warning would print in the middle of a report."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(text)


def _python_reading(text: str) -> tuple[Schema, tuple[_Run, ...], _Classes | None]:
    # Line numbers are ast's: a lone CR breaks a line for it, not for str.split.
    lines = None if "\r" in text else text.split("\n")
    reading = _python_reading_tree(python_tree(text), lines)
    assert reading is not None  # nothing carried over
    return reading


def _python_reading_tree(
    tree: ast.Module,
    lines: list[str] | None,
    carried: tuple[dict[str, str], dict[str, tuple[dict[str, str], str]]] | None = None,
) -> tuple[Schema, tuple[_Run, ...], _Classes | None] | None:
    """The schema, the runs and the classes of a module. `carried`: the classes left out
    of it (see _read_sparsely), each with its members as read in a version whose module
    names are the first item, and its text; None when a name one of them may read is
    assigned differently here (its text is not ASCII: when any name is)."""
    known = _Names(tree.body, lines=lines)
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    module = None
    names: dict[str, str] = {}
    if lines is not None and _MEMBERS is not None:
        module = tuple(_source(lines, node) for node in known.statements)
        names = _module_names(known, module)
    members_kept: dict[str, dict[str, str]] = {}
    if carried is not None:
        if module is None:
            return None
        before = carried[0]
        changed = {
            name for name in before.keys() | names.keys() if before.get(name) != names.get(name)
        }
        for name, (members, text) in carried[1].items():
            # A name is read only where a value names it: a word of the class's text.
            # (Outside ASCII a name may be written in a form Python normalises.)
            if changed and not (text.isascii() and changed.isdisjoint(_WORD.findall(text))):
                return None
            members_kept[name] = members
    declared = {
        name: members_kept[name]
        if name in members_kept
        else _python_members_of(node, known, lines, module)
        for name, node in classes.items()
    }
    schema: Schema = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            members = declared[node.name]
            bases = [ast.unparse(base) for base in node.bases]
            if _FOR_MODEL in members:
                # A model's Meta has no `model` option: this is a form, serializer,
                # filter set or table made for one (a `forms/models.py`).
                continue
            if members or any(_MODEL_BASE.search(base) for base in bases):
                sources = _python_sources(node, classes, declared, {node.name})
                keywords = [ast.unparse(keyword) for keyword in node.keywords]
                header = ", ".join([*sorted(sources), *keywords])
                kind = "abstract model" if _python_abstract(members) else "model"
                schema[f"{kind} `{node.name}`"] = {"": header, **members}
        for name, value in _python_assignments(node):
            if isinstance(value, ast.Call) and _TABLE_CALL.search(ast.unparse(value.func)):
                schema[f"table `{name}`"] = {"": _python_value(value, known)}
    runs = tuple(_inert_runs(tree.body, lines)) if lines is not None else ()
    if module is None or lines is None:
        return schema, runs, None
    return schema, runs, (names, _classes_kept(tree, known, declared, lines))


def _module_names(known: _Names, sources: tuple[str, ...]) -> dict[str, str]:
    """Each name the module assigns, with the text (`sources`: each of its statements')
    of the statement it is last assigned in, which is what _Names says of it."""
    said: dict[str, str] = {}
    for node, source in zip(known.statements, sources, strict=True):
        if isinstance(node, ast.ClassDef):
            said[node.name] = source
        for name, _ in _python_assignments(node):
            said[name] = source
    return said


def _classes_kept(
    tree: ast.Module, known: _Names, declared: dict[str, dict[str, str]], lines: list[str]
) -> dict[str, _Class]:
    """The module's classes that a next version may keep whole (see _Classes)."""
    enumerations = {id(node) for node in known.statements if isinstance(node, ast.ClassDef)}
    top = [node for node in tree.body if isinstance(node, ast.ClassDef)]
    names = [node.name for node in top]
    kept: dict[str, _Class] = {}
    for node in top:
        if id(node) in enumerations or names.count(node.name) != 1:
            continue
        statement = node.body[0]
        if not _starts_line(statement, lines):
            continue  # its body is on its header's line: no `pass` can stand for it alone
        body, column = _first_line(statement), statement.col_offset
        assert node.end_lineno is not None
        kept[node.name] = (
            _first_line(node),
            node.lineno,
            body,
            column,
            node.end_lineno,
            declared[node.name],
        )
    return kept


def _python_members_of(
    node: ast.ClassDef, known: _Names, lines: list[str] | None, module: tuple[str, ...] | None
) -> dict[str, str]:
    """`_python_members`, remembered within `reading_once`: a class's members follow from
    the text of the statements they are read from (its body's classes and assignments)
    and of those the module's names come from. Most edits of a models.py leave most of
    its classes so, and writing out every field's value is most of a reading."""
    if _MEMBERS is None or lines is None or module is None:
        return _python_members(node, known)
    key = (
        module,
        tuple(_source(lines, statement) for statement in node.body if not _inert(statement)),
    )
    found = _MEMBERS.get(key)
    if found is None:
        found = _MEMBERS[key] = _python_members(node, known)
    return found


def _source(lines: list[str], node: ast.stmt) -> str:
    """The lines a statement is written on, its decorators' included."""
    return "\n".join(lines[_first_line(node) - 1 : node.end_lineno])


def _first_line(node: ast.stmt) -> int:
    """A statement's first line: its first decorator's, if it has any (1-based)."""
    decorators: list[ast.expr] = getattr(node, "decorator_list", [])
    return min([node.lineno, *(decorator.lineno for decorator in decorators)])


def _python_abstract(members: dict[str, str]) -> bool:
    return members.get(_ABSTRACT, "").partition(";")[0] == "True"


def _python_sources(
    node: ast.ClassDef,
    classes: dict[str, ast.ClassDef],
    declared: dict[str, dict[str, str]],
    seen: set[str],
) -> set[str]:
    """The bases of the same file a model's fields and `Meta` come from, so that a
    change of bases counts only when what the model ends up with changes: a base
    answers with its body, itself if it declares a field or `Meta`, and with what its
    own bases bring; a behaviour-only mixin (`CloningMixin`) brings nothing. A base
    from another module is not read here, and its name does not tell (a `*Mixin` can
    declare fields, a `*Model` none): adding or dropping one is not counted, and the
    fields it brings show in the migration that makemigrations writes for them."""
    sources: set[str] = set()
    for base in node.bases:
        name = ast.unparse(base)
        local = classes.get(name)
        if local is not None and name not in seen:
            # `abstract` is the one Meta option a model does not inherit.
            if set(declared[name]) - {_ABSTRACT}:
                sources.add(name)
            sources |= _python_sources(local, classes, declared, seen | {name})
    return sources


class _Names:
    """What the names assigned in a module or class body say, and its enumerations: a
    field's `choices=STATUSES`, `choices=Status.choices` or `max_length=NAME_LENGTH`
    changes with them. Each is written out when a field names it: a models.py assigns
    hundreds of names (forms, tables, serializers) that no field uses."""

    __slots__ = ("_assigned", "_said", "_outer", "statements", "lines")

    def __init__(
        self, body: list[ast.stmt], outer: _Names | None = None, lines: list[str] | None = None
    ) -> None:
        self._outer = outer  # the module's, for a class body's
        # The text's lines, when its statements' positions index them (_unparsed).
        self.lines: list[str] | None = outer.lines if outer is not None else lines
        self._said: dict[str, str] = {}
        # Each name's last assignment in the body (None: annotated only), or the
        # enumeration class of that name.
        self._assigned: dict[str, ast.expr | ast.ClassDef | None] = {}
        self.statements: list[ast.stmt] = []  # every statement read for them
        for node in body:
            if isinstance(node, ast.ClassDef) and any(
                _CHOICES.search(ast.unparse(base)) for base in node.bases
            ):
                self._assigned[node.name] = node
                self.statements.append(node)
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                self.statements.append(node)
            for name, value in _python_assignments(node):
                self._assigned[name] = value

    def assigns_any(self, names: list[str]) -> bool:
        """Whether any of `names` is assigned here or in the module around."""
        if not self._assigned.keys().isdisjoint(names):
            return True
        return self._outer is not None and self._outer.assigns_any(names)

    def get(self, name: str) -> str | None:
        said = self._said.get(name)
        if said is not None:
            return said
        if name not in self._assigned:
            return None if self._outer is None else self._outer.get(name)
        value = self._assigned[name]
        if isinstance(value, ast.ClassDef):
            said = "; ".join(
                f"{member} = {ast.unparse(assigned)}"
                for member, assigned in _python_assignments_in(value.body)
            )
        else:
            said = ast.unparse(value) if value is not None else ""
        self._said[name] = said
        return said


def _python_assignments(node: ast.stmt) -> Iterator[tuple[str, ast.expr | None]]:
    if isinstance(node, ast.Assign):
        for target in node.targets:
            if isinstance(target, ast.Name):
                yield target.id, node.value
    elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        yield node.target.id, node.value


def _python_members(node: ast.ClassDef, module: _Names) -> dict[str, str]:
    known = _Names(node.body, module)
    members: dict[str, str] = {}
    for statement in node.body:
        if isinstance(statement, ast.ClassDef) and statement.name == "Meta":
            for name, option in _python_assignments_in(statement.body):
                members[f"Meta option `{name}`"] = _python_value(option, known)
            continue
        annotation = (
            ast.unparse(statement.annotation) if isinstance(statement, ast.AnnAssign) else ""
        )
        for name, value in _python_assignments(statement):
            if name in _TABLE_DUNDERS and value is not None:
                members[f"`{name}`"] = _python_value(value, known)
            elif _python_field(value, annotation, known.lines):
                shown = _python_value(value, known) if value is not None else ""
                members[f"field `{name}`"] = f"{annotation} {shown}".strip()
    return members


def _python_assignments_in(body: list[ast.stmt]) -> Iterator[tuple[str, ast.expr]]:
    for statement in body:
        for name, value in _python_assignments(statement):
            if value is not None:
                yield name, value


def _python_field(value: ast.expr | None, annotation: str, lines: list[str] | None) -> bool:
    if value is None:
        return annotation.startswith(("Mapped[", "orm.Mapped[", "sa.orm.Mapped["))
    if not isinstance(value, ast.Call):
        return False
    called = _unparsed(value.func, lines)
    # A manager (`objects = PublishedManager()`) is behaviour, not a column; a builtin,
    # a descriptor or a translated string (`clone_fields = tuple(...)`, `_("Name")`) is
    # a plain class attribute.
    return _MANAGER.search(called) is None and _NOT_FIELD.fullmatch(called) is None


def _python_value(value: ast.expr, known: _Names) -> str:
    shown = _unparsed(value, known.lines)
    # Every name the value uses is a word of its text; most values use none the file
    # assigns (`models.CharField(max_length=100)`), and walking each one's tree was a
    # tenth of `check` on a Django history. (Outside ASCII a name may be written in a
    # form Python normalises, so the tree is walked.)
    if shown.isascii() and not known.assigns_any(_WORD.findall(shown)):
        return shown
    names = sorted({node.id for node in ast.walk(value) if isinstance(node, ast.Name)})
    used = [f"{name} = {said}" for name in names if (said := known.get(name))]
    return "; ".join([shown, *used])


# TypeORM, MikroORM, sequelize-typescript entities ---------------------------------------

_TYPESCRIPT = frozenset(("ts", "js", "mts", "cts", "mjs", "cjs", "tsx", "jsx"))
_TS_TOKEN = re.compile(
    r"""(?P<skip>[ \t\r\f\v]+|//[^\n]*|/\*(?:.*?\*/|.*))
    | (?P<string>'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    | `(?:[^`\\]|\\.)*` | [\w$]+ | \n | .""",
    re.S | re.X,
)
# The decorators that shape a table (TypeORM, MikroORM, sequelize-typescript), not the
# ones that validate, serialise or document it (class-validator, class-transformer, Swagger).
_STRUCTURAL = re.compile(
    r"""(?:Entity|ViewEntity|ChildEntity|TableInheritance|Tree\w*|Embeddable|Embedded
    |\w*Column|Generated|OneToOne|OneToMany|ManyToOne|ManyToMany|JoinTable|Index|Unique|Check
    |Exclusion|Property|PrimaryKey|SerializedPrimaryKey|Enum|Formula|Filter|Table|ForeignKey
    |BelongsTo|HasMany|HasOne|BelongsToMany|Default|AllowNull|AutoIncrement|Comment
    |CreatedAt|UpdatedAt|DeletedAt)""",
    re.X,
)
_MODIFIER = re.compile(
    "export|default|public|private|protected|readonly|declare|static|override|accessor|abstract"
)
_OPENING = {"(": ")", "[": "]", "{": "}"}
_CLOSING = frozenset(_OPENING.values())


def _typescript(text: str) -> Schema:
    tokens = [_ts_canonical(match) for match in _TS_TOKEN.finditer(text)]
    tokens = [part for part in tokens if part]
    schema: Schema = {}
    entities: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    pending: list[str] = []
    decorated = False
    index = 0
    while index < len(tokens):
        part = tokens[index]
        if part == "@" and index + 1 < len(tokens) and _is_word(tokens[index + 1]):
            name, end = tokens[index + 1], index + 2
            # `@ORM.Column`: the decorator is named by its last part.
            while end + 1 < len(tokens) and tokens[end] == "." and _is_word(tokens[end + 1]):
                name, end = tokens[end + 1], end + 2
            if end < len(tokens) and tokens[end] == "(":
                end = _ts_closing(tokens, end) + 1
            if _STRUCTURAL.fullmatch(name):
                pending.append(_ts_join(tokens[index:end]))
                decorated = True
            index = end
        elif part == "class" and index + 1 < len(tokens) and _is_word(tokens[index + 1]):
            end = _ts_until(tokens, index + 2, "{")
            current = {"": _ts_join([*pending, *tokens[index + 2 : end]])}
            entities[tokens[index + 1]] = current
            if pending:
                schema[f"entity `{tokens[index + 1]}`"] = current
            pending, index = [], end
        elif pending and not _MODIFIER.fullmatch(part) and part != "\n":
            end = _ts_until(tokens, index, ";", "\n")
            declared = tokens[index:end]
            # A decorated method or accessor (`@BeforeInsert() stamp() {`) is no column.
            method = next((part for part in declared if part in ("(", ":", "=")), "") == "("
            if current is not None and _is_word(part) and not method:
                current[f"property `{part}`"] = _ts_join([*pending, *declared])
            pending, index = [], end
        else:
            index += 1
    for name, members in entities.items():
        if len(members) > 1:
            schema[f"entity `{name}`"] = members
    if not decorated:
        # No decorator shapes a table: an `EntitySchema`, `Model.init()` or
        # `sequelize.define()` file, which the naive compare reads better.
        raise _Unreadable("no entity decorators")
    return schema


def _ts_canonical(match: re.Match[str]) -> str:
    """One spelling for one part: "x" for 'x', nothing for space and comments."""
    if match.lastgroup == "skip":
        return ""
    part = match.group()
    if match.lastgroup == "string" and part[0] == "'":
        return '"' + part[1:-1].replace("\\'", "'").replace('"', '\\"') + '"'
    return part


def _is_word(part: str) -> bool:
    return part[:1].isalpha() or part[:1] in "_$"


def _ts_closing(tokens: list[str], index: int) -> int:
    depth = 0
    for position in range(index, len(tokens)):
        if tokens[position] in _OPENING:
            depth += 1
        elif tokens[position] in _CLOSING:
            depth -= 1
            if depth == 0:
                return position
    raise _Unreadable("unbalanced brackets")


def _ts_until(tokens: list[str], index: int, *stops: str) -> int:
    """The first of `stops` at the bracket depth of `index`, or the end."""
    depth = 0
    for position in range(index, len(tokens)):
        part = tokens[position]
        if depth == 0 and part in stops:
            return position
        if part in _OPENING:
            depth += 1
        elif part in _CLOSING:
            depth = max(depth - 1, 0)
    return len(tokens)


def _ts_join(tokens: list[str]) -> str:
    kept = [part for part in tokens if part != "\n"]
    # A trailing comma (`{ length: 80, }`) is layout, not meaning.
    kept = [
        part
        for position, part in enumerate(kept)
        if not (part == "," and position + 1 < len(kept) and kept[position + 1] in _CLOSING)
    ]
    return " ".join(kept)


# Rails db/schema.rb ---------------------------------------------------------------------

_RUBY_TOKEN = re.compile(
    r"""(?P<skip>[ \t\r\f\v]+|\#[^\n]*)
    | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*' | \w+[?!:]? | \n | .""",
    re.X,
)
_HEREDOC = re.compile(r"< < (?:[~-] )?['\"]?(\w+)")
_CREATE_TABLE = re.compile(r'create_table "([^"]*)" (.*?)\bdo \| (\w+) \|')
_RAILS_OBJECTS = frozenset(
    ("create_enum", "create_schema", "enable_extension", "create_view", "create_function")
)
_RAILS_NAMED = frozenset(
    ("index", "check_constraint", "exclusion_constraint", "unique_constraint", "foreign_key")
)


def _rails(text: str) -> Schema:
    schema: Schema = {}
    table: dict[str, str] | None = None
    variable = ""
    for line in _rails_statements(text):
        created = _CREATE_TABLE.match(line)
        if created is not None:
            table = {"": created[2]}
            variable = created[3]
            schema[f"table `{created[1]}`"] = table
        elif line == "end" or line.startswith("ActiveRecord"):
            table = None
        elif table is not None and line.startswith(f"{variable} . "):
            method, _, rest = line[len(variable) + 3 :].partition(" ")
            table[_rails_member(method, rest)] = line
        else:
            _rails_statement(line, schema)
    return schema


def _rails_statement(line: str, schema: Schema) -> None:
    named = re.match(r'(\w+) "([^"]*)"', line)
    if named is not None and named[1] in _RAILS_OBJECTS:
        kind = named[1].removeprefix("create_").removeprefix("enable_")
        schema[f"{kind.replace('_', ' ')} `{named[2]}`"] = {"": line}
    elif named is not None and named[1].startswith(("add_", "change_")):
        schema.setdefault(f"table `{named[2]}`", {})[f"`{line}`"] = ""
    else:
        schema[f"`{line}`"] = {"": ""}


def _rails_statements(text: str) -> Iterator[str]:
    lines = iter(" ".join(_tokens(text, _RUBY_TOKEN)).split("\n"))
    for line in lines:
        statement = [line.strip()]
        heredoc = _HEREDOC.search(line)
        if heredoc is not None:
            # A view's or function's SQL (`create_view ... sql_definition: <<-SQL`).
            for inner in lines:
                statement.append(inner.strip())
                if inner.strip() == heredoc[1]:
                    break
        if statement != [""]:
            yield " ".join(statement)


def _rails_member(method: str, rest: str) -> str:
    name = re.search(r'\bname: "([^"]*)"', rest)
    if method in _RAILS_NAMED:
        return f"{method.replace('_', ' ')} `{name[1] if name else rest}`"
    if method == "timestamps":
        return "timestamps"
    column = re.match(r'"([^"]*)"', rest)
    return f"column `{column[1] if column else rest}`"


# SQL schemas: db/structure.sql, supabase/schemas ----------------------------------------

_SQL_TOKEN = re.compile(
    r"""(?P<skip>\s+|--[^\n]*|/\*(?:.*?\*/|.*))
    | '(?:[^']|'')*' | "(?:[^"]|"")*" | \$(?P<tag>\w*)\$(?:.*?\$(?P=tag)\$|.*)
    | (?P<word>[\w$]+) | .""",
    re.S | re.X,
)
# pg_dump's session settings and Rails' list of applied migrations, not the schema.
_SQL_NOISE = re.compile(
    r"(?:set|select pg_catalog \. set(?:_config|val)|insert into \"?schema_migrations)\b"
)
_SQL_NAME = r'(?:"[^"]*"|[\w$]+)(?: \. (?:"[^"]*"|[\w$]+))*'
_SQL_NAMED = re.compile(
    r"create (?:or replace )?(?:[a-z_]+ )*?(table|view|index|type|function|procedure|sequence"
    rf"|extension|schema|trigger|policy|domain)(?: if not exists)?(?: only)? ({_SQL_NAME})"
)
_SQL_ALTER = re.compile(rf"alter table (?:only )?(?:if exists )?({_SQL_NAME})")


def _sql(text: str) -> Schema:
    # psql's meta-commands (pg_dump's `\restrict <random key>`) change with every dump.
    text = re.sub(r"(?m)^\\[^\n]*", "", text)
    schema: Schema = {}
    statement: list[str] = []
    for match in _SQL_TOKEN.finditer(text):
        if match.lastgroup == "skip":
            continue
        part = match.group().lower() if match.lastgroup == "word" else match.group()
        if part != ";":
            statement.append(part)
            continue
        _sql_statement(" ".join(statement), schema)
        statement = []
    _sql_statement(" ".join(statement), schema)
    return schema


def _sql_statement(text: str, schema: Schema) -> None:
    if not text or _SQL_NOISE.match(text):
        return
    named = _SQL_NAMED.match(text)
    if named is not None:
        unit = f"{named[1]} `{named[2].replace(' . ', '.')}`"
        schema.setdefault(unit, {})[""] = text
        return
    altered = _SQL_ALTER.match(text)
    if altered is not None:
        unit = f"table `{altered[1].replace(' . ', '.')}`"
        schema.setdefault(unit, {})[f"`{text}`"] = ""
        return
    schema[f"`{text}`"] = {"": ""}


_READERS: dict[str, Reader] = {
    "prisma": _prisma,
    "py": _python,
    "rb": _rails,
    "sql": _sql,
}
