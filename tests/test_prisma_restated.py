"""A Prisma schema edit that only writes out what the app's migrations already made
(names and referential actions, as a Prisma 3 upgrade does) owes no migration."""

from __future__ import annotations

import pytest

from commitguard.migrations.restated import held_by, written_out
from tests.helpers import Repo
from tests.test_migration_history import PRISMA_DB, _schema_findings

PRISMA_2 = """\
model User {
  id    String @id
  email String @unique
  posts Post[]
}

model Post {
  id       String @id
  authorId String
  author   User   @relation(fields: [authorId], references: [id])

  @@index([authorId], name: "Post.authorId_index")
}
"""
WRITTEN_OUT = """\
model Post {
  id       String @id
  author   User   @relation(ACTIONS)
  authorId String

  @@index([authorId], map: "Post.authorId_index")
}

model User {
  id    String @id(map: "User_pkey")
  email String @unique(map: "User.email_unique")
  posts Post[]
}
""".replace("ACTIONS", "fields: [authorId], references: [id], onDelete: Cascade, onUpdate: Cascade")
INIT_SQL = """\
CREATE TABLE "User" ("id" TEXT NOT NULL, "email" TEXT NOT NULL, PRIMARY KEY ("id"));
CREATE TABLE "Post" ("id" TEXT NOT NULL, "authorId" TEXT NOT NULL, PRIMARY KEY ("id"));
CREATE UNIQUE INDEX "User.email_unique" ON "User"("email");
CREATE INDEX "Post.authorId_index" ON "Post"("authorId");
ALTER TABLE "Post" ADD FOREIGN KEY ("authorId") REFERENCES "User"("id")
  ON DELETE CASCADE ON UPDATE CASCADE;
"""


def test_names_and_actions_written_out_are_found() -> None:
    written = written_out(PRISMA_2, WRITTEN_OUT)
    assert written is not None
    # The index's name was there already, as Prisma 2's `name:`: only new names count.
    assert written.names == {"User_pkey", "User.email_unique"}
    assert written.actions == {
        ("Post", ("authorId",), "DELETE", "CASCADE"),
        ("Post", ("authorId",), "UPDATE", "CASCADE"),
    }
    assert held_by(written, [INIT_SQL])


@pytest.mark.parametrize(
    ("edit", "why"),
    [
        (("email String @unique(", "email String? @unique("), "a column made optional"),
        (("posts Post[]\n}", "posts Post[]\n  name String\n}"), "a column added"),
        (("@@index([authorId]", "@@index([id]"), "an index on another column"),
    ],
)
def test_any_other_change_is_more_than_written_out(edit: tuple[str, str], why: str) -> None:
    assert written_out(PRISMA_2, WRITTEN_OUT.replace(*edit)) is None, why


@pytest.mark.parametrize(
    ("edit", "why"),
    [
        (("onDelete: Cascade", "onDelete: SetNull"), "an action the database does not have"),
        (('map: "User.email_unique"', 'map: "User_email_key"'), "a rename of the index"),
    ],
)
def test_what_the_migrations_do_not_hold_is_a_change(edit: tuple[str, str], why: str) -> None:
    written = written_out(PRISMA_2, WRITTEN_OUT.replace(*edit))
    assert written is not None
    assert not held_by(written, [INIT_SQL]), why


def test_a_prisma_3_upgrade_in_a_history_owes_no_migration(repo: Repo) -> None:
    """Through `check`: the upgrade commit writes out what the first migration made;
    a later commit that changes an action is a change a migration must follow."""
    init = "prisma/migrations/20210101000000_init/migration.sql"
    repo.record(
        "chore(db): set up prisma",
        {**PRISMA_DB, "prisma/schema.prisma": PRISMA_2, init: INIT_SQL},
        date="2026-01-01T10:00:00+00:00",
    )
    repo.record(
        "chore(db): upgrade to prisma 3",
        {"prisma/schema.prisma": WRITTEN_OUT},
        date="2026-01-02T10:00:00+00:00",
    )
    repo.record(
        "feat(posts): keep posts of deleted users",
        {"prisma/schema.prisma": WRITTEN_OUT.replace("onDelete: Cascade", "onDelete: SetNull")},
        date="2026-01-03T10:00:00+00:00",
    )
    found = _schema_findings(repo)
    assert "chore(db): upgrade to prisma 3" not in found
    assert "feat(posts): keep posts of deleted users" in found
