"""What a migration's text says: does it drop or rename a table or column.

Read only for the few commits a rule is about to flag, never for every commit.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

from commitguard.migrations.structure import python_tree

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
        if text.isascii() and "RunPython" not in text and "RunSQL" not in text:
            return None  # most migrations: only schema operations, each undone by Django
        return _python(text, _django)
    if preset == "rails":
        return _rails(text)
    if preset == "goose":
        return _go(text) if path.endswith(".go") else _section(text, _GOOSE, "-- +goose Down")
    if preset == "dbmate":
        return _section(text, _DBMATE, "-- migrate:down")
    return None


# --- JavaScript and TypeScript: a `down` method, function, property or export --------


def _js_definition(name: str) -> re.Pattern[str]:
    """Where `name` (`up` or `down`) is defined: a method (`async down(queryRunner:
    QueryRunner): Promise<void> {`), a function (`export async function down(knex) {`),
    a property or an export (`down: async (queryInterface) => {`, `exports.down =
    function (knex) {`)."""
    return re.compile(
        rf"""
        (?<![\w$.])(?:async\s+)?{name}\s*\([^)]{{0,400}}\)\s*(?::[^{{;]{{0,200}})?\{{
        | \bfunction\s+{name}\s*\([^)]{{0,400}}\)\s*(?::[^{{;]{{0,200}})?\{{
        | (?<![\w$])(?:exports\.|module\.exports\.|const\s+|let\s+|var\s+)?{name}\s*[:=]\s*
          (?:async\s+)?(?:function\s*\w*\s*\([^)]{{0,400}}\)|\([^)]{{0,400}}\)|[\w$]+)\s*
          (?::[^={{;]{{0,200}})?(?:=>\s*)?
        """,
        re.X,
    )


# An arrow whose expression is nothing: `down: () => Promise.resolve(),`.
_ARROW_NOTHING = re.compile(
    r"[ \t]*(?:Promise\.resolve\((?:null)?\)|null|undefined)[ \t]*(?:[;,})]|$)", re.M
)
# Each bound above keeps a hostile file linear: a signature is never that long.
_JS_UP = _js_definition("up")
_JS_DOWN = _js_definition("down")
_JS_COMMENT = re.compile(r"//[^\n]*|/\*(?:.*?\*/|.*)", re.S)  # unclosed: to the end
_THROWS_ONLY = re.compile(r"^\s*throw\b[^;]*;?\s*$", re.S)
# What a body holds when it holds nothing (after comments are gone): knex's and
# Sequelize's idioms for "no way back" return null or a resolved promise.
_EMPTY_VALUES = ("null", "undefined", "Promise.resolve()", "Promise.resolve(null)")
_NOTHING = frozenset(
    ("", "return", "pass", *_EMPTY_VALUES, *(f"return {value}" for value in _EMPTY_VALUES))
)


def _javascript(text: str) -> str | None:
    code = _JS_COMMENT.sub(" ", text)
    match = _JS_DOWN.search(code)
    if match is None:
        if _JS_UP.search(code) is None:
            return None  # neither half: a helper or an index beside the migrations
        return "it defines no `down`"
    body = _js_body(code, match)
    if body is None:
        return None  # an arrow's expression does something; an unclosed body says nothing
    if _does_nothing(body) and _js_up_does_nothing(code):
        return None  # an up that does nothing (a placeholder) has nothing to undo
    return _empty_or_throws(body, "`down`")


def _js_body(code: str, match: re.Match[str]) -> str | None:
    """The body of the definition `match` found ("" for an arrow whose expression is
    nothing), or None when it is an arrow's expression (it does something) or never
    closes."""
    rest = code[match.end() :]
    if not match.group().rstrip().endswith("{"):
        if not rest.lstrip().startswith("{"):
            return "" if _ARROW_NOTHING.match(rest) else None
        rest = rest.lstrip()[1:]
    return _braced(rest)


def _js_up_does_nothing(code: str) -> bool:
    match = _JS_UP.search(code)
    body = None if match is None else _js_body(code, match)
    return body is not None and _does_nothing(body)


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


def _does_nothing(body: str) -> bool:
    return body.strip().strip(";").strip() in _NOTHING


def _empty_or_throws(body: str, name: str) -> str | None:
    stripped = body.strip().strip(";").strip()
    if stripped in _NOTHING:
        return f"its {name} is empty"
    if _THROWS_ONLY.match(stripped):
        return f"its {name} only throws"
    return None


# --- Python: Alembic's `downgrade()`, Django's RunPython and RunSQL -----------------


def _python(text: str, judge: Callable[[ast.Module], str | None]) -> str | None:
    try:
        tree = python_tree(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None  # not Python that parses: nothing can be said of it
    return judge(tree)


def _alembic(tree: ast.Module) -> str | None:
    downgrade = _function(tree, "downgrade")
    if downgrade is None:
        return "it defines no `downgrade()`"
    upgrade = _function(tree, "upgrade")
    if not _statements(downgrade) and upgrade is not None and not _statements(upgrade):
        return None  # a merge revision: an upgrade that does nothing has nothing to undo
    return _python_body(downgrade, "`downgrade()`")


def _function(tree: ast.Module, name: str) -> list[ast.stmt] | None:
    """The body of the module's last function called `name`, if it has one."""
    found = None
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == name:
            found = node.body
    return found


def _statements(body: list[ast.stmt]) -> list[ast.stmt]:
    """What a body runs: not `pass`, not a docstring or a lone constant."""
    return [
        node
        for node in body
        if not isinstance(node, ast.Pass)
        and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
    ]


def _python_body(body: list[ast.stmt], name: str) -> str | None:
    statements = _statements(body)
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
# What `def change` cannot reverse by itself: raw SQL, a column's change of type, or of
# default or comment without `from:`, a column removed without its type, a table dropped without
# its columns (its block), an index removed by name alone, a foreign key removed
# without the table it points to. Each is read on its first line.
_IRREVERSIBLE = re.compile(
    r"""
    ^[ \t]*(?:execute\b
    | change_column\b(?!_)
    | change_(?:column_default|column_comment|table_comment)\b(?![^\n]*(?:\bfrom:|:from[ \t]*=>))
    | remove_column[ \t(]+[^,\n]+,[^,\n]+[ \t)]*(?:\#[^\n]*)?$
    | remove_columns\b(?![^\n]*\btype:)
    | (?:t|table)\.remove[ \t(](?![^\n]*\btype:)
    | drop_table\b(?![^\n]*(?:\bdo\b|\{))
    | (?:t|table)\.change\b(?!_)
    | remove_index[ \t(]+[^,\n]+,[ \t]*(?:name:|:name[ \t]*=>)(?![^\n]*\bcolumn\b)
    | remove_foreign_key[ \t(]+[^,\n]+,[ \t]*(?:column:|:column[ \t]*=>|name:|:name[ \t]*=>)
      (?![^\n]*\bto_table\b)
    )
    """,
    re.M | re.X,
)
# Blocks where the author says how each half runs: what is inside them is not judged.
_SAID = re.compile(r"^([ \t]*)(?:reversible|up_only|revert)\b(.*)$", re.M)


def _rails(text: str) -> str | None:
    bodies: dict[str, str] = {}
    for match in _RUBY_DEF.finditer(text):
        if match[2] not in bodies:  # the first of each: one search to its `end` apiece
            bodies[match[2]] = _ruby_body(text, match)
    change = bodies.get("change")
    if change is None:  # with a `change`, Rails runs it both ways and never `up` or `down`
        if "down" not in bodies:
            return "it defines neither `down` nor `change`" if "up" in bodies else None
        down = _ruby_code(bodies["down"])
        verdict = _empty_or_throws(down, "`down`") or _raises(bodies["down"])
        if verdict is not None and _does_nothing(down) and _does_nothing(_ruby_up(bodies)):
            return None  # an up that does nothing has nothing to undo
        return verdict
    found = _IRREVERSIBLE.search(_outside_said(_ruby_code(change)))
    if found is None:
        return None
    operation = found.group().strip().split()[0].split("(")[0]
    verdict = f"its `change` uses `{operation}`, which Rails cannot reverse"
    return verdict + (", and Rails never runs a `down` beside `change`" if "down" in bodies else "")


def _outside_said(code: str) -> str:
    """`code` without its `reversible`, `up_only` and `revert` blocks: a `do` block to
    the `end` at its own indentation, a `{ }` block on its line."""
    kept: list[str] = []
    position = 0
    for match in _SAID.finditer(code):
        if match.start() < position:
            continue  # inside a block already left out
        kept.append(code[position : match.start()])
        position = match.end()
        if re.search(r"\bdo\b", match[2]) and not re.search(r"\bend\s*$", match[2]):
            closing = re.compile(rf"^[ \t]{{0,{len(match[1])}}}end\b[^\n]*$", re.M)
            end = closing.search(code, match.end())
            position = len(code) if end is None else end.end()
    kept.append(code[position:])
    return "".join(kept)


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


def _ruby_up(bodies: dict[str, str]) -> str:
    return _ruby_code(bodies["up"]) if "up" in bodies else "x"  # no up: not nothing


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
