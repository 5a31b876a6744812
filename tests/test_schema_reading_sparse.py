"""`check` reads each version of a models.py as an edit of the version read before it,
leaving out what the edit keeps line for line: methods, and whole classes it does not
touch (migrations/structure.py, `_read_sparsely`). Such a reading must say exactly what a
reading of the whole text says: the schema, and the positions and members that the next
version's reading starts from, or a later verdict drifts.

Held here over generated histories of a models.py (hypothesis): classes with fields,
`Meta`, methods and decorators, headers on lines of their own, tabs, one-line classes,
module constants that fields read or not, `__all__`, an enumeration that fields read,
and edits of every kind, including the ones a loose reading would get wrong (a field
added right after a class's last line, a class renamed to another's name, a constant a
kept class reads, a class whose body shares its header's line).
"""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from commitguard.migrations import structure
from commitguard.migrations.structure import reading_once, schema_differences

PATH = "shop/models.py"
NAMES = ["Article", "Book", "Order", "Tag", "Shelf"]


class _Class:
    def __init__(self, name: str, fields: list[str]) -> None:
        self.name = name
        self.fields = fields
        self.ordering = "id"
        self.methods = ["__str__"]
        self.returned = "self.pk"
        self.trailing: list[str] = []  # fields after the methods, the class's last lines
        self.decorated = False
        self.base = "models.Model"
        self.shape = "plain"  # or its header on lines of their own, tabs, all on one line

    def copy(self) -> _Class:
        other = _Class(self.name, list(self.fields))
        other.ordering, other.methods = self.ordering, list(self.methods)
        other.returned, other.trailing = self.returned, list(self.trailing)
        other.decorated, other.base = self.decorated, self.base
        other.shape = self.shape
        return other

    def render(self) -> str:
        lines = ["@register\n"] if self.decorated else []
        if self.shape == "one line":
            return "".join([*lines, f"class {self.name}({self.base}): pass\n"])
        if self.shape == "header lines":
            lines.append(f"class {self.name}(\n    {self.base},\n):  # the header\n")
        else:
            lines.append(f"class {self.name}({self.base}):\n")
        lines.append(f'    """The {self.name.lower()}s."""\n\n')
        lines += [f"    {field}\n" for field in self.fields]
        lines.append(f'\n    class Meta:\n        ordering = ["{self.ordering}"]\n')
        for method in self.methods:
            lines.append(f"\n    def {method}(self):\n        return {self.returned}\n")
        lines += [f"    {field}\n" for field in self.trailing]
        text = "".join(lines)
        if self.shape == "tabs":  # indented with tabs (a field's own lines keep spaces)
            text = text.replace("\n        ", "\n\t\t").replace("\n    ", "\n\t")
        return text


class _Module:
    def __init__(self) -> None:
        self.constants = {"NAME_LENGTH": "40", "PAGE_SIZE": "20"}
        self.classes = [
            _Class(name, ["name = models.CharField(max_length=NAME_LENGTH)"]) for name in NAMES[:3]
        ]
        self.between = ""  # a module statement between the first two classes
        self.statuses = ["draft", "published"]  # an enumeration's members, read by fields

    def copy(self) -> _Module:
        other = _Module()
        other.constants = dict(self.constants)
        other.classes = [c.copy() for c in self.classes]
        other.between = self.between
        other.statuses = list(self.statuses)
        return other

    def render(self) -> str:
        parts = ["from django.db import models\n\nfrom shop.admin import register\n\n"]
        parts += [f"{name} = {value}\n" for name, value in self.constants.items()]
        parts.append(f"__all__ = {tuple(c.name for c in self.classes)!r}\n")
        members = "".join(f'    {s.upper()} = "{s}"\n' for s in self.statuses)
        parts.append(f"\n\nclass Status(models.TextChoices):\n{members}")
        for index, cls in enumerate(self.classes):
            parts.append("\n\n" + cls.render())
            if index == 0 and self.between:
                parts.append(f"\n\n{self.between}\n")
        return "".join(parts)


FIELDS = [
    "count = models.IntegerField(default=0)",
    "count = models.IntegerField(default=1)",
    "title = models.CharField(max_length=NAME_LENGTH)",
    "title = models.CharField(max_length=PAGE_SIZE)",
    "size = models.IntegerField(\n        default=PAGE_SIZE,\n    )",
    "objects = models.Manager()",
    "flag = models.BooleanField(default=False)",
    "status = models.CharField(max_length=10, choices=Status)",
    'note = models.TextField(default="""\nclass Fake(models.Model):\n    x = 1\n""")',
    "# a comment at the class's own column\n    kind = models.IntegerField()",
]


def _edit(module: _Module, kind: int, which: int, value: int) -> _Module:
    edited = module.copy()
    classes = edited.classes
    cls = classes[which % len(classes)] if classes else None
    if kind == 0 and cls is not None:
        cls.fields.append(FIELDS[value % len(FIELDS)])
    elif kind == 1 and cls is not None and cls.fields:
        cls.fields[value % len(cls.fields)] = FIELDS[value % len(FIELDS)]
    elif kind == 2 and cls is not None:
        cls.returned = f"self.pk + {value}"
    elif kind == 3 and cls is not None:
        cls.methods.append(f"method_{value}")
    elif kind == 4:
        edited.constants["NAME_LENGTH"] = str(30 + value)
    elif kind == 5:
        edited.constants["PAGE_SIZE"] = str(10 + value)
    elif kind == 6 and len(classes) < 5:
        name = next(n for n in NAMES if n not in {c.name for c in classes})
        classes.insert(which % (len(classes) + 1), _Class(name, [FIELDS[value % len(FIELDS)]]))
    elif kind == 7 and len(classes) > 1:
        classes.pop(which % len(classes))
    elif kind == 8 and cls is not None:
        cls.decorated = not cls.decorated
    elif kind == 9 and cls is not None:
        cls.trailing.append(FIELDS[value % len(FIELDS)])  # added after its last line
    elif kind == 10 and cls is not None:
        cls.ordering = f"-id{value}"
    elif kind == 11 and len(classes) > 1:
        cls = classes[which % len(classes)]
        cls.name = classes[(which + 1) % len(classes)].name  # two classes of one name
    elif kind == 12:
        edited.between = [
            "",
            "LIMIT = 5",
            "register(Article)",
            "# a comment",
            "if DEBUG:\n    LIMIT = 9",
            "try:\n    import extra\nexcept ImportError:\n    extra = None",
        ][value % 6]
    elif kind == 13 and len(classes) > 1:
        classes.reverse()
    elif kind == 14 and cls is not None:
        cls.base = ["models.Model", "Base", "TimeStampedModel"][value % 3]
    elif kind == 15:
        edited.statuses.append(f"state{value}")
    elif kind == 16 and cls is not None:
        cls.shape = ["plain", "header lines", "tabs", "one line"][value % 4]
    return edited


EDITS = st.lists(
    st.tuples(st.integers(0, 16), st.integers(0, 4), st.integers(0, 11)), min_size=1, max_size=8
)


def _versions(edits: list[tuple[int, int, int]]) -> list[str]:
    module = _Module()
    texts = [module.render()]
    for kind, which, value in edits:
        module = _edit(module, kind, which, value)
        texts.append(module.render())
    return texts


def _judged_in_turn(texts: list[str]) -> tuple[list[tuple[str, ...]], dict[str, object]]:
    """Each edit judged as `check` judges a history, newest first; and, for each version
    read, what the reading kept: the schema, its runs and its classes."""
    found = []
    kept: dict[str, object] = {}
    with reading_once():
        for before, after in reversed(list(pairwise(texts))):
            found.append(schema_differences("django", PATH, before, after))
        readings = structure._READ
        assert readings is not None
        for text in texts:
            if (structure._python, text) in readings:
                kept[text] = (
                    readings[(structure._python, text)],
                    structure._INERT.get(text),
                    structure._CLASSES.get(text),
                )
    return found, kept


@settings(max_examples=300, deadline=None)
@given(EDITS)
def test_a_version_read_as_an_edit_reads_as_its_whole_text(
    edits: list[tuple[int, int, int]],
) -> None:
    texts = _versions(edits)
    found, kept = _judged_in_turn(texts)
    for text, reading in kept.items():
        with reading_once():  # the whole text, read alone
            whole = structure._python_reading(text)
        assert reading == whole
    # And each edit's verdict is the one each pair of versions gets read alone.
    alone = [
        schema_differences("django", PATH, before, after)
        for before, after in reversed(list(pairwise(texts)))
    ]
    assert found == alone


def test_an_untouched_class_is_left_out_of_the_reading() -> None:
    """The point of it: a long models.py whose edit touches one class is parsed without
    the others. Shown by what is parsed."""
    module = _Module()
    module.classes = [_Class(name, list(FIELDS)) for name in NAMES]
    before = module.render()
    field = "flag = models.BooleanField(default=False)"
    after = before.replace(field, "flag = models.BooleanField(default=True)", 1)  # Article's
    parsed: list[str] = []
    original = structure.python_tree

    def counting(text: str) -> object:
        parsed.append(text)
        return original(text)

    structure.python_tree = counting  # type: ignore[assignment]
    try:
        with reading_once():
            structure._read(structure._python, before)
            parsed.clear()
            differences = schema_differences("django", PATH, before, after)
    finally:
        structure.python_tree = original
    assert differences == ("model `Article`: field `flag` changed",)
    assert len(parsed) == 1  # the edited version, once
    for name in NAMES[1:]:
        assert f"class {name}(models.Model):" in parsed[0]  # each class stays, at its place
    # The constant and Article's own fields: the other classes' are left out.
    assert parsed[0].count("PAGE_SIZE") == 1 + module.classes[0].render().count("PAGE_SIZE")


SHARED_LINES = """from django.db import models


class Article(models.Model): pass


class Book(models.Model):
    name = models.CharField(max_length=10); objects = models.Manager()

    def __str__(self):
        return self.name
"""


def test_a_statement_that_shares_its_line_is_read_with_it() -> None:
    """A body on its class's line, or two statements on one line: leaving the inert one
    out would take the whole line, and the class or the field with it."""
    field = "    name = models.CharField(max_length=10); objects = models.Manager()\n"
    after = SHARED_LINES.replace(field, field + "    count = models.IntegerField()\n")
    with reading_once():
        structure._read(structure._python, SHARED_LINES)
        differences = schema_differences("django", PATH, SHARED_LINES, after)
        readings = structure._READ
        assert readings is not None
        read = readings.get((structure._python, after))
    assert differences == ("model `Book`: field `count` added",)
    assert read is None or read == structure._python_reading(after)[0]
