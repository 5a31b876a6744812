"""What each framework knows a migration by, so that moving its file is not editing it.

A migration that already ran is recorded in the database under some name: Django under
its app and module name, Prisma under its folder, Rails and most SQL tools under the
version its file name starts with, TypeORM, Alembic and EF Core under an identifier
written inside the file. A file moved unchanged keeps its migration if that name stays;
the databases that ran it see no difference.
"""

from __future__ import annotations

import re

from commitguard.migrations.classify import Match

# The identifier is inside the file (a class name, `revision = "..."`, `[Migration]`).
_BY_CONTENT = frozenset(("typeorm", "alembic", "ef-core"))
# The version the file (or its folder) name starts with.
_BY_VERSION = frozenset(
    ("rails", "ecto", "golang-migrate", "goose", "dbmate", "supabase", "hasura", "atlas")
)
# The folder that holds `migration.sql`.
_BY_FOLDER = frozenset(("prisma",))
_VERSION = re.compile(r"\d[\d_.]*")


def name(match: Match, path: str) -> str | None:
    """What the migration at `path` is recorded as; None when it is inside the file."""
    preset = match.preset or ""
    parts = path.split("/")
    if preset in _BY_CONTENT:
        return None
    if preset in _BY_FOLDER:
        return parts[-2] if len(parts) > 1 else parts[-1]
    if preset in _BY_VERSION:
        # Hasura and golang-migrate may keep the version in the folder: the first name
        # below the app root that starts with digits.
        for part in parts[len(match.root.split("/")) - 1 :]:
            version = _VERSION.match(part)
            if version:
                return version[0].rstrip("_.")
        return parts[-1]
    if preset == "django":
        return "/".join(parts[-3:-2] + parts[-1:])  # the app's label and the module
    return parts[-1]  # Knex, Sequelize, Laravel, Flyway, Liquibase, ...: the file name


def same(gone: Match, old_path: str, added: Match, new_path: str) -> bool:
    """Whether a migration moved from `old_path` to `new_path`, unchanged, is still
    the same migration to its framework."""
    return gone.preset == added.preset and name(gone, old_path) == name(added, new_path)
