"""A library's own test data, samples and docs are code, in real repositories.

An ORM or migration tool keeps hundreds of migrations, entities and schemas among its
tests, benchmarks, scratch apps and documentation. Changing them with the library's
code is no application's schema change: `check` must find nothing there, while the
same files outside those folders are still the application's migrations.
"""

from __future__ import annotations

import json

import pytest

from tests.helpers import Repo, run_commitguard

# The marker files of each framework a library's repository may hold at its root.
MARKERS = {
    "package.json": '{"dependencies": {"typeorm": "0.3", "prisma": "6"}}\n',
    "drizzle.config.ts": "export default {}\n",
    "go.mod": "module example.com/tool\n\nrequire github.com/pressly/goose/v3 v3.0.0\n",
    "Gemfile": "",
}

# One path per folder convention, each a migration or schema by its framework's layout.
FIXTURES = [
    pytest.param("internal/testing/testdata/migrations/00001_create.sql", id="go-testdata"),
    pytest.param("src/__fixtures__/prisma/schema.prisma", id="jest-__fixtures__"),
    pytest.param("spec/internal/db/migrate/20260101000000_add_name.rb", id="rspec-combustion"),
    pytest.param("e2e/prisma/migrations/20260101000000_init/migration.sql", id="e2e"),
    pytest.param("integration-tests/drizzle/0000_init.sql", id="integration-tests"),
    pytest.param("benchmarks/typeorm/migrations/1700000000000-Init.ts", id="benchmarks"),
    pytest.param("playground/src/migrations/1700000000000-Init.ts", id="playground"),
    pytest.param("sandbox/basic-sqlite/prisma/schema.prisma", id="sandbox"),
    pytest.param("demo/entity/post.entity.ts", id="demo"),
    pytest.param("packages/codegen/generated/server/prisma/schema.prisma", id="generated-app"),
    pytest.param("example-app-2/schema.prisma", id="example-app"),
    pytest.param("apps/todo-example/prisma/schema.prisma", id="named-example"),
    pytest.param("demo-shop/db/migrate/20260101000000_add_name.rb", id="named-demo"),
    pytest.param("packages/core/docs/migrations/1700000000000-Init.ts", id="package-docs"),
]

# A migration with its way back, so migration-without-down (which reads a TypeORM
# migration's text for its `down()`) says nothing here: these tests are about paths.
UNDOABLE = "export async function down(q) {\n  await q.query('DROP TABLE a')\n}\n"


def migration_rules(repo: Repo, revisions: str) -> list[str]:
    result = run_commitguard("check", revisions, "--format", "json", cwd=repo.path)
    assert result.returncode in (0, 1), result.stderr
    commits = json.loads(result.stdout)["commits"]
    rules = [v["rule"] for c in commits for v in c["violations"]]
    return [rule for rule in rules if rule.startswith(("migration", "schema"))]


@pytest.fixture
def library(repo: Repo) -> Repo:
    repo.record("chore(repo): start", dict(MARKERS))
    repo.git("branch", "-q", "base")
    return repo


@pytest.mark.parametrize("fixture", FIXTURES)
def test_a_librarys_fixtures_are_code(library: Repo, fixture: str) -> None:
    library.record("feat(core): read the new column", {fixture: "x\n", "src/query.ts": "x\n"})
    library.record("test(core): cover the column", {fixture: "y\n"})
    library.record("chore(core): drop the fixture", {fixture: None, "src/query.ts": "z\n"})
    assert migration_rules(library, "base..HEAD") == []


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("src/migrations/1700000000000-Init.ts", id="typeorm"),
        pytest.param("prisma/migrations/20260101000000_init/migration.sql", id="prisma"),
        pytest.param("db/migrations/00001_create.sql", id="goose"),
    ],
)
def test_the_same_files_elsewhere_are_migrations(library: Repo, path: str) -> None:
    files = {path: UNDOABLE, "src/query.ts": "x\n"}
    library.record("feat(core): read the new column", files)
    assert migration_rules(library, "base..HEAD") == ["migration-separate"]


def test_a_sample_in_the_documentation_goes_with_a_migration(library: Repo) -> None:
    """`docs/` is documentation: its code samples may change next to a migration, as
    its Markdown may, and neither is application code."""
    migration = "src/migrations/1700000000000-AddName.ts"
    sample = "docs/guide/migrations/1600000000000-Example.ts"
    library.record("feat(db): add the name column", {migration: UNDOABLE, sample: "x\n"})
    library.record("docs(guide): show a migration", {sample: "y\n", "src/query.ts": "x\n"})
    assert migration_rules(library, "base..HEAD") == []
    library.record("feat(db): add the age column", {"src/migrations/2.ts": UNDOABLE, "a.ts": "x\n"})
    assert migration_rules(library, "base..HEAD") == ["migration-separate"]
