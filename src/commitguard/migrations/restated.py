"""A Prisma schema edit that only writes out what the database already has. Pure.

Prisma 3 made two things explicit that Prisma 2 left to itself: the names of indexes
and constraints (`map: "..."`) and the referential actions of a foreign key
(`onDelete:`, `onUpdate:`). Upgrading, a team writes out the names and actions its
existing migrations created, so that Prisma generates no migration that renames or
rebuilds them. Such an edit is structural to the schema's text and nothing to the
database: it is told apart by the app's own migrations, which must already create
every name and every action the edit writes out. Any other difference, or a name or an
action the migrations do not hold, is a change a migration must follow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A name or a referential action as an attribute's argument: `map: "X"`, `onDelete: Cascade`.
_WRITTEN = re.compile(r'\s*,?\s*\b(map|onDelete|onUpdate)\s*:\s*("[^"]*"|\w+)')
# Prisma 2 named an index's database name `name:`; Prisma 3 calls it `map:`.
_INDEX_NAME = re.compile(r'(@@index\(.*?)\s*,\s*name\s*:\s*("[^"]*")')
# A one-to-one relation's scalar: Prisma 2 made its unique index by itself, Prisma 3
# wants `@unique` written on the field.
_BARE_UNIQUE = re.compile(r"\s@unique\b(?!\()")
_UNIQUE_FIELD = re.compile(r"^\s*(\w+)\s+\w+\??\s.*?@unique\b", re.M)
_EMPTY_ARGUMENTS = re.compile(r"\(\s*\)")
_LEADING_COMMA = re.compile(r"\(\s*,\s*")
_SPACE = re.compile(r"\s+")
_MODEL = re.compile(r"^\s*model\s+(\w+)\s*\{", re.M)
_TABLE_NAME = re.compile(r'^\s*@@map\(\s*(?:name\s*:\s*)?"([^"]+)"', re.M)
_RELATION = re.compile(r"@relation\(([^)]*)\)")
_FIELDS = re.compile(r"fields\s*:\s*\[([^\]]*)\]")
_ACTIONS = {
    "Cascade": "CASCADE",
    "SetNull": "SET NULL",
    "Restrict": "RESTRICT",
    "NoAction": "NO ACTION",
    "SetDefault": "SET DEFAULT",
}
_SQL_ACTIONS = "CASCADE|SET NULL|RESTRICT|NO ACTION|SET DEFAULT"


Action = tuple[str, tuple[str, ...], str, str]  # (table, columns, DELETE|UPDATE, action)


class WrittenOut:
    """What an edit wrote out: index and constraint names, each foreign key's actions,
    and the unique indexes of fields, as (table, column)."""

    __slots__ = ("names", "actions", "uniques")

    def __init__(
        self, names: set[str], actions: set[Action], uniques: set[tuple[str, str]]
    ) -> None:
        self.names = names
        self.actions = actions
        self.uniques = uniques


def written_out(before: str, after: str) -> WrittenOut | None:
    """What the edit from `before` to `after` wrote out, if names and referential
    actions are all it changed; None if anything else changed too."""
    if _without_written(before) != _without_written(after):
        return None
    old_names, old_actions, old_uniques = _written(before)
    new_names, new_actions, new_uniques = _written(after)
    return WrittenOut(new_names - old_names, new_actions - old_actions, new_uniques - old_uniques)


def held_by(written: WrittenOut, migrations: Iterable[str]) -> bool:
    """Whether the app's migrations (their SQL, oldest first) already create every
    name and every action the edit wrote out."""
    sql = "\n".join(migrations)
    if not all(f'"{name}"' in sql or _default_key(sql, name) for name in written.names):
        return False
    if not all(_unique_index(sql, table, column) for table, column in written.uniques):
        return False
    return all(
        _last_action(sql, table, columns, which) == action
        for table, columns, which, action in written.actions
    )


def _without_written(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Each block of the schema with every name and action argument taken out, its
    lines in any order (`prisma db pull` reorders fields; a column's place is nothing
    to Prisma), spacing and blank lines ignored: what is left is the rest of it."""
    blocks: list[tuple[str, tuple[str, ...]]] = []
    header, lines = "", list[str]()
    for line in text.splitlines():
        line = line.split("//", 1)[0]
        line = _INDEX_NAME.sub(r"\1", line)
        line = _WRITTEN.sub("", line)
        line = _LEADING_COMMA.sub("(", line)
        line = _EMPTY_ARGUMENTS.sub("", line)
        line = _BARE_UNIQUE.sub(" ", line)
        line = _SPACE.sub(" ", line).strip()
        if not line:
            continue
        if line.endswith("{"):
            header, lines = line, []
        elif line == "}":
            blocks.append((header, tuple(sorted(lines))))
            header, lines = "", []
        else:
            lines.append(line)
    if header or lines:
        blocks.append((header, tuple(sorted(lines))))
    return sorted(blocks)


def _written(text: str) -> tuple[set[str], set[Action], set[tuple[str, str]]]:
    names = {value[1:-1] for key, value in _WRITTEN.findall(text) if key == "map"}
    names |= {value[1:-1] for _, value in _INDEX_NAME.findall(text)}
    actions: set[Action] = set()
    uniques: set[tuple[str, str]] = set()
    for model, body in _models(text):
        table_name = _TABLE_NAME.search(body)
        table = table_name[1] if table_name else model
        uniques |= {(table, field) for field in _UNIQUE_FIELD.findall(body)}
        for relation in _RELATION.finditer(body):
            arguments = relation[1]
            fields = _FIELDS.search(arguments)
            if fields is None:
                continue
            columns = tuple(column.strip() for column in fields[1].split(",") if column.strip())
            for key, value in _WRITTEN.findall(arguments):
                if key != "map" and value in _ACTIONS:
                    which = "DELETE" if key == "onDelete" else "UPDATE"
                    actions.add((table, columns, which, _ACTIONS[value]))
    return names, actions, uniques


def _default_key(sql: str, name: str) -> bool:
    """Whether `name` is the name PostgreSQL gave a primary key the migrations left
    unnamed: `<table>_pkey`, for a table they create."""
    table = name.removesuffix("_pkey")
    return table != name and f'CREATE TABLE "{table}"' in sql


def _unique_index(sql: str, table: str, column: str) -> bool:
    """Whether a migration creates a unique index on that one column."""
    pattern = (
        rf'CREATE UNIQUE INDEX "[^"]*" ON (?:"public"\.)?"{re.escape(table)}"'
        rf'\s*\(\s*"{re.escape(column)}"\s*\)'
    )
    return re.search(pattern, sql, re.I) is not None


def _models(text: str) -> Iterable[tuple[str, str]]:
    """Each model's name and the text of its block."""
    for opened in _MODEL.finditer(text):
        end = text.find("\n}", opened.end())
        yield opened[1], text[opened.end() : end if end >= 0 else len(text)]


def _last_action(sql: str, table: str, columns: tuple[str, ...], which: str) -> str | None:
    """The action the last statement that adds this foreign key gives it (a column's
    own `@map` is not followed: its name is the field's here); NO ACTION when it
    names none, as the database then does; None when no migration adds it."""
    quoted = ", ?".join(f'"{re.escape(column)}"' for column in columns)
    statement = re.compile(
        rf'ALTER TABLE (?:"public"\.)?"{re.escape(table)}" ADD (?:CONSTRAINT "[^"]*" )?'
        rf"FOREIGN KEY \({quoted}\) REFERENCES [^;]*?(?:;|$)",
        re.I,
    )
    found = None
    for match in statement.finditer(sql):
        found = match[0]
    if found is None:
        return None
    action = re.search(rf"ON {which} ({_SQL_ACTIONS})", found, re.I)
    return action[1].upper() if action else "NO ACTION"
