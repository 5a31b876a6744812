"""Every framework preset: which paths are migrations, schema, neutral or code, in a
real directory laid out as the framework lays it out; and what a migration's text says."""

from __future__ import annotations

from pathlib import Path

import pytest

from commitguard.config import load as config
from commitguard.migrations import content, project
from commitguard.migrations.detect import detect
from commitguard.migrations.presets import PRESET_NAMES
from commitguard.model import Change
from commitguard.rules.migrations import missing_downs

# (framework, marker files, path, expected kind)
CASES = [
    ("prisma", {}, "prisma/migrations/20260101_init/migration.sql", "migration"),
    ("prisma", {}, "prisma/schema.prisma", "schema"),
    ("prisma", {}, "prisma/schema/orders.prisma", "schema"),
    ("prisma", {}, "prisma/migrations/migration_lock.toml", "generated"),
    ("django", {"manage.py": ""}, "shop/migrations/0001_initial.py", "migration"),
    ("django", {"manage.py": ""}, "shop/migrations/__init__.py", "support"),
    ("django", {"manage.py": ""}, "shop/models.py", "schema"),
    ("alembic", {"alembic/script.py.mako": ""}, "alembic/versions/1a2b_add.py", "migration"),
    ("alembic", {"migrations/script.py.mako": ""}, "migrations/versions/1a2b.py", "migration"),
    ("rails", {}, "db/migrate/20260101000000_create_orders.rb", "migration"),
    ("rails", {}, "db/post_migrate/20260101000000_cleanup.rb", "migration"),
    ("rails", {}, "db/schema.rb", "schema"),
    ("rails", {}, "db/structure.sql", "schema"),
    ("flyway", {}, "src/main/resources/db/migration/V1_2__orders.sql", "migration"),
    ("flyway", {}, "src/main/resources/db/migration/R__views.sql", "migration"),
    ("flyway", {"flyway.conf": ""}, "sql/V1__orders.sql", "migration"),
    ("liquibase", {}, "src/main/resources/db/changelog/db.changelog-master.yaml", "migration"),
    ("liquibase", {"liquibase.properties": ""}, "changelog/001-orders.xml", "migration"),
    ("knex", {"knexfile.js": ""}, "migrations/20260101_orders.js", "migration"),
    ("knex", {"knexfile.js": ""}, "knexfile.js", "support"),
    (
        "typeorm",
        {"package.json": '{"dependencies": {"typeorm": "1"}}'},
        "src/migrations/1700-Orders.ts",
        "migration",
    ),
    (
        "typeorm",
        {"package.json": '{"dependencies": {"typeorm": "1"}}'},
        "src/order.entity.ts",
        "schema",
    ),
    ("sequelize", {".sequelizerc": ""}, "migrations/20260101-orders.js", "migration"),
    (
        "mikro-orm",
        {"package.json": '{"dependencies": {"@mikro-orm/core": "6"}}'},
        "src/migrations/Migration20260101.ts",
        "migration",
    ),
    ("mikro-orm", {}, "src/migrations/.snapshot-app.json", "generated"),
    ("drizzle", {"drizzle.config.ts": ""}, "drizzle/0000_orders.sql", "migration"),
    ("drizzle", {}, "drizzle/meta/_journal.json", "generated"),
    ("golang-migrate", {}, "migrations/000001_orders.up.sql", "migration"),
    ("golang-migrate", {}, "migrations/000001_orders.down.sql", "migration"),
    (
        "goose",
        {"go.mod": "require github.com/pressly/goose/v3 v3.0.0\n"},
        "migrations/20260101_orders.sql",
        "migration",
    ),
    ("dbmate", {}, "db/migrations/20260101_orders.sql", "migration"),
    ("prisma", {}, "prisma/migrations/20200101120000-orders/steps.json", "migration"),
    ("prisma", {}, "prisma/migrations/20200101120000-orders/schema.prisma", "generated"),
    ("prisma", {}, "prisma/migrations/migrate.lock", "generated"),
    ("dbmate", {}, "db/schema.sql", "generated"),
    ("sqitch", {"sqitch.plan": ""}, "deploy/orders.sql", "migration"),
    ("sqitch", {"sqitch.plan": ""}, "revert/orders.sql", "migration"),
    ("sqitch", {}, "sqitch.plan", "generated"),
    ("laravel", {}, "database/migrations/2026_01_01_000000_create_orders.php", "migration"),
    ("ef-core", {}, "src/Data/Migrations/20260101000000_Orders.cs", "migration"),
    ("ef-core", {}, "src/Data/Migrations/AppDbContextModelSnapshot.cs", "generated"),
    ("ecto", {}, "priv/repo/migrations/20260101000000_orders.exs", "migration"),
    ("supabase", {}, "supabase/migrations/20260101000000_orders.sql", "migration"),
    ("supabase", {}, "supabase/schemas/orders.sql", "schema"),
    ("hasura", {}, "hasura/migrations/default/1700_orders/up.sql", "migration"),
    (
        "hasura",
        {"hasura/config.yaml": "metadata_directory: metadata\n"},
        "hasura/metadata/databases/default/tables/orders.yaml",
        "schema",
    ),
    ("atlas", {"atlas.hcl": ""}, "migrations/20260101_orders.sql", "migration"),
    ("atlas", {}, "migrations/atlas.sum", "generated"),
    ("atlas", {"atlas.hcl": ""}, "schema.hcl", "schema"),
]


def layout(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


@pytest.mark.parametrize(
    ("framework", "markers", "path", "kind"),
    [pytest.param(*case, id=f"{case[0]}:{case[2]}") for case in CASES],
)
def test_each_preset_knows_its_paths(
    tmp_path: Path, framework: str, markers: dict[str, str], path: str, kind: str
) -> None:
    layout(tmp_path, markers)
    found = project.build(config.default().migrations, str(tmp_path)).classify(path)
    assert (found.kind, found.preset) == (kind, framework)
    # In a monorepo the same layout one level down is found too.
    layout(tmp_path / "apps" / "one", markers)
    nested = project.build(config.default().migrations, str(tmp_path)).classify(f"apps/one/{path}")
    assert (nested.kind, nested.preset) == (kind, framework)


def test_every_preset_is_covered() -> None:
    assert {case[0] for case in CASES} == set(PRESET_NAMES)


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("tools/migrations/0001_move.py", id="migrations-dir-without-django"),
        pytest.param("migrations/20260101_orders.js", id="js-migrations-without-a-tool"),
        pytest.param("versions/1.py", id="versions-without-alembic"),
        pytest.param("src/models.py", id="models-without-django"),
        pytest.param("deploy/orders.sql", id="deploy-without-sqitch"),
        pytest.param("src/orders/service.ts", id="code"),
    ],
)
def test_look_alikes_without_their_framework_are_code(tmp_path: Path, path: str) -> None:
    assert project.build(config.default().migrations, str(tmp_path)).classify(path).kind == "code"


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("README.md", id="readme"),
        pytest.param("docs/db/orders.md", id="docs"),
        pytest.param("CHANGELOG", id="changelog"),
        pytest.param("apps/api/README.md", id="an-app-readme"),
        pytest.param("mkdocs.yml", id="the-docs-site"),
    ],
)
def test_documentation_is_neutral(tmp_path: Path, path: str) -> None:
    assert (
        project.build(config.default().migrations, str(tmp_path)).classify(path).kind == "neutral"
    )


@pytest.mark.parametrize(
    ("files", "path", "kind"),
    [
        pytest.param(
            {"alembic.ini": "[alembic]\nscript_location = db/schema_changes\n"},
            "db/schema_changes/versions/abc_orders.py",
            "migration",
            id="alembic-ini",
        ),
        pytest.param(
            {"pyproject.toml": '[tool.alembic]\nscript_location = "%(here)s/dbm"\n'},
            "dbm/versions/abc_orders.py",
            "migration",
            id="alembic-pyproject",
        ),
        pytest.param(
            {"package.json": '{"prisma": {"schema": "db/schema.prisma"}}'},
            "db/migrations/20260101_x/migration.sql",
            "migration",
            id="prisma-package-json",
        ),
        pytest.param(
            {"drizzle.config.ts": 'export default { out: "./sql", schema: "./src/db/tables.ts" }'},
            "src/db/tables.ts",
            "schema",
            id="drizzle-schema",
        ),
        pytest.param(
            {"knexfile.ts": "export default { migrations: { directory: './db/changes' } }"},
            "db/changes/20260101_orders.ts",
            "migration",
            id="knex-directory",
        ),
        pytest.param(
            {"flyway.toml": '[flyway]\nlocations = ["filesystem:database/sql"]\n'},
            "database/sql/V3__orders.sql",
            "migration",
            id="flyway-toml",
        ),
        pytest.param(
            {"atlas.hcl": 'env "local" {\n  migration {\n    dir = "file://db/atlas"\n  }\n}\n'},
            "db/atlas/20260101_orders.sql",
            "migration",
            id="atlas-dir",
        ),
    ],
)
def test_non_default_locations_from_the_framework_config(
    tmp_path: Path, files: dict[str, str], path: str, kind: str
) -> None:
    layout(tmp_path, files)
    assert project.build(config.default().migrations, str(tmp_path)).classify(path).kind == kind


def test_configured_frameworks_need_no_markers_and_globs_can_be_replaced(tmp_path: Path) -> None:
    loaded = config.build(
        {
            "migrations": {
                "frameworks": ["django"],
                "globs": {"django": {"schema": ["**/tables.py"]}},
            }
        },
        "c.yaml",
    )
    classify = project.build(loaded.migrations, str(tmp_path)).classify
    assert classify("shop/migrations/0001_initial.py").kind == "migration"
    assert classify("shop/tables.py").kind == "schema"
    assert classify("shop/models.py").kind == "code"
    assert classify("prisma/schema.prisma").kind == "code"  # not a chosen framework


def test_replace_keeps_only_the_configured_globs(tmp_path: Path) -> None:
    loaded = config.build({"migrations": {"replace": True, "migration": ["sql/*.sql"]}}, "c.yaml")
    classify = project.build(loaded.migrations, str(tmp_path)).classify
    assert classify("sql/001.sql").kind == "migration"
    assert classify("db/migrate/20260101000000_x.rb").kind == "code"


def test_detect_finds_the_frameworks_of_a_work_tree(tmp_path: Path) -> None:
    layout(
        tmp_path,
        {
            "apps/api/prisma/schema.prisma": "",
            "apps/legacy/db/migrate/20260101000000_x.rb": "",
            "node_modules/x/prisma/migrations/1/migration.sql": "",
            "apps/web/src/index.ts": "",
        },
    )
    assert detect(str(tmp_path)) == ("prisma", "rails")


@pytest.mark.parametrize(
    ("text", "destructive"),
    [
        pytest.param('ALTER TABLE "User" ADD COLUMN "name" TEXT;', False, id="sql-add"),
        pytest.param('ALTER TABLE "User" DROP COLUMN "name";', True, id="sql-drop-column"),
        pytest.param("ALTER TABLE users DROP name;", True, id="sql-drop-bare"),
        pytest.param("ALTER TABLE users ALTER COLUMN n DROP NOT NULL;", False, id="drop-not-null"),
        pytest.param("ALTER TABLE users DROP CONSTRAINT users_pk;", False, id="drop-constraint"),
        pytest.param("DROP TABLE legacy_orders;", True, id="sql-drop-table"),
        pytest.param("ALTER TABLE users RENAME COLUMN a TO b;", True, id="sql-rename-column"),
        pytest.param("ALTER TABLE a RENAME TO b;", True, id="sql-rename-table"),
        pytest.param("CREATE INDEX i ON users (name);", False, id="sql-index"),
        pytest.param("migrations.RemoveField('user', 'name')", True, id="django-remove"),
        pytest.param("migrations.RenameModel('A', 'B')", True, id="django-rename"),
        pytest.param("migrations.AddField('user', 'name')", False, id="django-add"),
        pytest.param(
            "def upgrade():\n    op.add_column('u')\n\ndef downgrade():\n    op.drop_column('u')",
            False,
            id="alembic-downgrade-ignored",
        ),
        pytest.param("def upgrade():\n    op.drop_table('u')", True, id="alembic-drop"),
        pytest.param("def change\n  remove_column :users, :n\nend", True, id="rails-remove"),
        pytest.param(
            "def up\n  add_column :u, :n\nend\ndef down\n  remove_column :u, :n\nend",
            False,
            id="rails-down-ignored",
        ),
        pytest.param(
            "exports.up = k => k.schema.table('u', t => t.string('n'));\n"
            "exports.down = k => k.schema.table('u', t => t.dropColumn('n'));",
            False,
            id="knex-down-ignored",
        ),
        pytest.param("Schema::dropIfExists('orders');", True, id="laravel-drop"),
        pytest.param(
            'migrationBuilder.DropColumn(name: "N", table: "U");', True, id="ef-core-drop"
        ),
        pytest.param("alter table(:users) do\n  remove :name\nend", True, id="ecto-remove"),
        pytest.param(
            "-- +goose Up\nALTER TABLE u ADD n TEXT;\n-- +goose Down\nALTER TABLE u DROP n;",
            False,
            id="goose-down-ignored",
        ),
    ],
)
def test_destructive_migrations(text: str, destructive: bool) -> None:
    assert content.is_destructive(text) is destructive


@pytest.mark.parametrize(
    ("markers", "added", "missing"),
    [
        pytest.param({}, ["m/1_a.up.sql"], "m/1_a.down.sql", id="golang-migrate"),
        pytest.param({}, ["m/1_a.up.sql", "m/1_a.down.sql"], None, id="golang-migrate-pair"),
        pytest.param(
            {},
            ["hasura/migrations/default/1_a/up.sql"],
            "hasura/migrations/default/1_a/down.sql",
            id="hasura",
        ),
        pytest.param({"sqitch.plan": ""}, ["deploy/orders.sql"], "revert/orders.sql", id="sqitch"),
        pytest.param(
            {"sqitch.plan": ""}, ["deploy/orders.sql", "revert/orders.sql"], None, id="sqitch-pair"
        ),
        pytest.param({}, ["db/migration/V2__orders.sql"], None, id="flyway-not-by-default"),
    ],
)
def test_up_migrations_without_their_down(
    tmp_path: Path, markers: dict[str, str], added: list[str], missing: str | None
) -> None:
    layout(tmp_path, markers)
    loaded = project.build(config.default().migrations, str(tmp_path))
    found = list(missing_downs(tuple(Change("A", path) for path in added), loaded))
    assert [f"`{missing}`" in finding.message for finding in found] == ([True] if missing else [])


def test_flyway_undo_scripts_when_configured(tmp_path: Path) -> None:
    loaded = config.build({"migrations": {"require-down": ["flyway"]}}, "c.yaml")
    classified = project.build(loaded.migrations, str(tmp_path))
    (finding,) = missing_downs((Change("A", "db/migration/V2__orders.sql"),), classified)
    assert "`db/migration/U2__orders.sql`" in finding.message
