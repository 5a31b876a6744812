"""What a migration's text says: does it drop or rename a table or column.

Read only for the few commits a rule is about to flag, never for every commit.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

# Dropping or renaming a table or column, in SQL and in each framework's operations
# (Django, Alembic, Rails, Knex, Sequelize, Laravel, EF Core, Ecto, TypeORM, Liquibase).
_DESTRUCTIVE = re.compile(
    r"""
    \bdrop\s+(?:table|column)\b
    | \balter\s+table\b[^;]*?\b(?:rename\b|drop\s+(?!(?:constraint|default|not|index|identity
        |expression|primary|foreign|check)\b)\w+)
    | \brename\s+(?:to|column)\b
    | \b(?:drop|remove|rename|delete)_?(?:table|column|columns|field|model|reference)s?\b
    | \bdrop(?:table)?ifexists\b | \bschema::drop\b | \bschema::rename\b
    | \bop\.alter_column\b[^)]*\bnew_column_name\b
    | ^\s*(?:remove|drop|rename)\s+(?:table\b|:|\w+\()
    """,
    re.I | re.M | re.X,
)
# Where a file's rollback half begins: what runs on the way down does not count.
_DOWN = re.compile(
    r"""
    ^\s*def\s+(?:down|downgrade)\b
    | \bexports\.down\b | ^\s*(?:public\s+)?(?:async\s+)?down\s*[:(]
    | \bfunction\s+down\s*\( | \boverride\s+void\s+Down\s*\(
    | --\s*\+goose\s+Down | --\s*migrate:down | ^\s*<rollback>
    """,
    re.I | re.M | re.X,
)


def up_part(text: str) -> str:
    match = _DOWN.search(text)
    return text if match is None else text[: match.start()]


def is_destructive(text: str) -> bool:
    """Whether the migration's up half drops or renames a table or column."""
    return _DESTRUCTIVE.search(up_part(text)) is not None


# Frameworks whose migration file carries its own way back (a `down()`, a `downgrade()`,
# a reverse, a `-- +goose Down` section): whether it has one is read from its text.
IN_FILE = frozenset(
    ("typeorm", "mikro-orm", "knex", "sequelize", "alembic", "django", "rails", "goose", "dbmate")
)

# Past this a file is a data dump, not a migration to read: it is not judged.
_LARGEST = 2_000_000


def no_way_back(preset: str, path: str, text: str) -> str | None:
    """Why the migration cannot be rolled back (no down, or one that does nothing),
    or None when it can, or when its text does not say (a file that does not parse,
    or one too large to be a migration written by hand)."""
    if len(text) > _LARGEST:
        return None
    if preset in ("typeorm", "mikro-orm", "knex", "sequelize"):
        return _javascript(text)
    if preset == "alembic":
        return _python(text, _alembic)
    if preset == "django":
        return _python(text, _django)
    if preset == "rails":
        return _rails(text)
    if preset == "goose":
        return _go(text) if path.endswith(".go") else _section(text, _GOOSE, "-- +goose Down")
    if preset == "dbmate":
        return _section(text, _DBMATE, "-- migrate:down")
    return None


# --- JavaScript and TypeScript: a `down` method, function, property or export --------

# Where `down` is defined: a method (`async down(queryRunner: QueryRunner): Promise<void>
# {`), a function (`export async function down(knex) {`), a property or an export
# (`down: async (queryInterface) => {`, `exports.down = function (knex) {`).
_JS_DOWN = re.compile(
    r"""
    (?<![\w$.])(?:async\s+)?down\s*\([^)]{0,400}\)\s*(?::[^{;]{0,200})?\{
    | \bfunction\s+down\s*\([^)]{0,400}\)\s*(?::[^{;]{0,200})?\{
    | (?<![\w$])(?:exports\.|module\.exports\.|const\s+|let\s+|var\s+)?down\s*[:=]\s*
      (?:async\s+)?(?:function\s*\w*\s*\([^)]{0,400}\)|\([^)]{0,400}\)|[\w$]+)\s*
      (?::[^={;]{0,200})?(?:=>\s*)?
    """,
    re.X,
)
# Each bound above keeps a hostile file linear: a signature is never that long.
_JS_COMMENT = re.compile(r"//[^\n]*|/\*(?:.*?\*/|.*)", re.S)  # unclosed: to the end
_THROWS_ONLY = re.compile(r"^\s*throw\b[^;]*;?\s*$", re.S)


def _javascript(text: str) -> str | None:
    code = _JS_COMMENT.sub(" ", text)
    match = _JS_DOWN.search(code)
    if match is None:
        return "it defines no `down`"
    rest = code[match.end() :]
    if not match.group().rstrip().endswith("{"):
        if not rest.lstrip().startswith("{"):
            return None  # an arrow with an expression body: it does something
        rest = rest.lstrip()[1:]
    body = _braced(rest)
    if body is None:
        return None
    return _empty_or_throws(body, "`down`")


def _braced(rest: str) -> str | None:
    """What stands before the `}` that closes an opened `{`, skipping strings."""
    depth, index, quote = 1, 0, ""
    while index < len(rest):
        char = rest[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "'\"`":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return rest[:index]
        index += 1
    return None


def _empty_or_throws(body: str, name: str) -> str | None:
    stripped = body.strip().strip(";").strip()
    if not stripped or stripped in ("return", "return;", "pass"):
        return f"its {name} is empty"
    if _THROWS_ONLY.match(stripped):
        return f"its {name} only throws"
    return None


# --- Python: Alembic's `downgrade()`, Django's RunPython and RunSQL -----------------


def _python(text: str, judge: Callable[[ast.Module], str | None]) -> str | None:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None  # not Python that parses: nothing can be said of it
    return judge(tree)


def _alembic(tree: ast.Module) -> str | None:
    downs = [
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == "downgrade"
    ]
    if not downs:
        return "it defines no `downgrade()`"
    return _python_body(downs[-1].body, "`downgrade()`")


def _python_body(body: list[ast.stmt], name: str) -> str | None:
    statements = [
        node
        for node in body
        if not isinstance(node, ast.Pass)
        and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
    ]
    if not statements:
        return f"its {name} is empty"
    if all(isinstance(node, ast.Raise) for node in statements):
        return f"its {name} only raises"
    return None


# Django's operations that run code, and the argument that undoes them.
_REVERSE = {"RunPython": "reverse_code", "RunSQL": "reverse_sql"}


def _django(tree: ast.Module) -> str | None:
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        keyword = _REVERSE.get(name)
        if keyword is None:
            continue
        reverse = node.args[1] if len(node.args) > 1 else None
        for argument in node.keywords:
            if argument.arg == keyword:
                reverse = argument.value
        if reverse is None or (isinstance(reverse, ast.Constant) and reverse.value is None):
            return f"its `{name}` has no `{keyword}`"
    return None


# --- Rails: `def down`, or a `def change` whose operations Rails can reverse --------

_RUBY_DEF = re.compile(r"^([ \t]*)def[ \t]+(?:self\.)?(up|down|change)\b(.*)$", re.M)
# What `def change` cannot reverse by itself: raw SQL, a column's change of type, a
# column removed without its type, a table dropped without its columns (its block).
_IRREVERSIBLE = re.compile(
    r"""
    ^[ \t]*(?:execute\b
    | change_column\b(?!_)
    | remove_column[ \t(]+[^,\n]+,[^,\n]+[ \t)]*(?:\#[^\n]*)?$
    | drop_table\b(?![^\n]*(?:\bdo\b|\{))
    | (?:t|table)\.change\b(?!_)
    )
    """,
    re.M | re.X,
)


def _rails(text: str) -> str | None:
    bodies: dict[str, str] = {}
    for match in _RUBY_DEF.finditer(text):
        if match[2] not in bodies:  # the first of each: one search to its `end` apiece
            bodies[match[2]] = _ruby_body(text, match)
    if "down" in bodies:
        return _empty_or_throws(_ruby_code(bodies["down"]), "`down`") or _raises(bodies["down"])
    change = bodies.get("change")
    if change is None:
        return "it defines neither `down` nor `change`" if "up" in bodies else None
    if "reversible" in change or "up_only" in change:
        return None  # the author said how each half runs
    found = _IRREVERSIBLE.search(_ruby_code(change))
    if found is None:
        return None
    operation = found.group().strip().split()[0].split("(")[0]
    return f"its `change` uses `{operation}`, which Rails cannot reverse, with no `down`"


def _ruby_body(text: str, match: re.Match[str]) -> str:
    """The lines of a method: to the `end` at its own indentation (or `def x; end`)."""
    if re.match(r"\s*;\s*end\b", match[3]) or re.search(r";\s*end\s*$", match[3]):
        return match[3].strip().removesuffix("end").strip(" ;")
    end = re.compile(rf"^[ \t]{{0,{len(match[1])}}}end[ \t]*$", re.M).search(text, match.end())
    return text[match.end() : len(text) if end is None else end.start()]


def _ruby_code(body: str) -> str:
    return "\n".join(
        line.split("#", 1)[0] if line.lstrip().startswith("#") else line
        for line in body.split("\n")
    )


def _raises(body: str) -> str | None:
    lines = [line.strip() for line in _ruby_code(body).split("\n") if line.strip()]
    if lines and all(line.startswith("raise") for line in lines):
        return "its `down` only raises"
    return None


# --- SQL with annotated sections: goose and dbmate ---------------------------------

_GOOSE = re.compile(r"^--\s*\+goose\s+(up|down)\b", re.I | re.M)
_DBMATE = re.compile(r"^--\s*migrate:(up|down)\b", re.I | re.M)
_SQL_COMMENT = re.compile(r"--[^\n]*|/\*(?:.*?\*/|.*)", re.S)


def _section(text: str, marker: re.Pattern[str], name: str) -> str | None:
    marks = list(marker.finditer(text))
    if not marks:
        return None  # not annotated at all: the tool would refuse it, another matter
    downs = [index for index, mark in enumerate(marks) if mark[1].lower() == "down"]
    if not downs:
        return f"it has no `{name}` section"
    for index in downs:
        end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        if _SQL_COMMENT.sub("", text[marks[index].end() : end]).strip(" \t\r\n;"):
            return None
    return f"its `{name}` section is empty"


# goose's Go migrations: `goose.AddMigration(up, down)`, a nil down runs nothing.
_GO_REGISTER = re.compile(r"\bAdd(?:Named)?Migration\w*\s*\(([^()]{0,400})\)")


def _go(text: str) -> str | None:
    for match in _GO_REGISTER.finditer(text):
        arguments = [argument.strip() for argument in match[1].split(",")]
        if arguments and arguments[-1] == "nil":
            return "it registers a nil down function"
    return None


def empty_sql(text: str) -> bool:
    """Whether an SQL file runs nothing: comments, blanks and semicolons only."""
    return not _SQL_COMMENT.sub("", text).strip(" \t\r\n;")
