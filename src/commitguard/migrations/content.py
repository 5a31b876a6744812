"""What a migration's text says: does it drop or rename a table or column.

Read only for the few commits a rule is about to flag, never for every commit.
"""

from __future__ import annotations

import re

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
