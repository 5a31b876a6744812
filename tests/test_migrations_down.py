"""migration-without-down where a migration carries its own way back: through the real
commit-msg hook (`git commit`), `commitguard staged`, `check` over a history and
`explain`, in repositories laid out as each framework lays them out.

Each framework is tried with a migration that can be rolled back (passes), one with no
down at all and one whose down does nothing (both flagged, as a warning).
"""

from __future__ import annotations

import json
from typing import NamedTuple

import pytest

from commitguard.migrations.content import no_way_back
from tests.helpers import Repo, run_commitguard

WHO = "migration-without-down"


class Case(NamedTuple):
    name: str
    base: dict[str, str]  # the project as its tool creates it
    path: str  # the migration the commit adds
    good: str  # can be rolled back
    missing: str  # has no down
    empty: str  # has a down that does nothing


_TS_UP = (
    "  public async up(q: QueryRunner): Promise<void> {\n    await q.query(`CREATE TABLE a`)\n  }\n"
)
CASES = [
    Case(
        "typeorm",
        {"package.json": '{"dependencies": {"typeorm": "0.3"}}\n'},
        "src/migrations/1700000000000-AddName.ts",
        "export class AddName1700000000000 implements MigrationInterface {\n"
        + _TS_UP
        + "  public async down(q: QueryRunner): Promise<void> {\n"
        "    await q.query(`DROP TABLE a`)\n  }\n}\n",
        "export class AddName1700000000000 implements MigrationInterface {\n" + _TS_UP + "}\n",
        "export class AddName1700000000000 implements MigrationInterface {\n"
        + _TS_UP
        + "  public async down(q: QueryRunner): Promise<void> {\n    // nothing\n  }\n}\n",
    ),
    Case(
        "mikro-orm",
        {"package.json": '{"dependencies": {"@mikro-orm/core": "6"}}\n'},
        "src/migrations/Migration20260101000000.ts",
        "export class Migration20260101000000 extends Migration {\n"
        "  async up(): Promise<void> { this.addSql('create table a (id int);'); }\n"
        "  async down(): Promise<void> { this.addSql('drop table a;'); }\n}\n",
        "export class Migration20260101000000 extends Migration {\n"
        "  async up(): Promise<void> { this.addSql('create table a (id int);'); }\n}\n",
        "export class Migration20260101000000 extends Migration {\n"
        "  async up(): Promise<void> { this.addSql('create table a (id int);'); }\n"
        "  async down(): Promise<void> {}\n}\n",
    ),
    Case(
        "knex",
        {"knexfile.js": "module.exports = {}\n"},
        "migrations/20260101000000_add_name.js",
        "exports.up = (knex) => knex.schema.createTable('a', (t) => { t.increments() });\n"
        "exports.down = (knex) => knex.schema.dropTable('a');\n",
        "exports.up = (knex) => knex.schema.createTable('a', (t) => { t.increments() });\n",
        "exports.up = (knex) => knex.schema.createTable('a', (t) => { t.increments() });\n"
        "exports.down = function (knex) {};\n",
    ),
    Case(
        "sequelize",
        {".sequelizerc": "module.exports = {}\n"},
        "migrations/20260101000000-add-name.js",
        "module.exports = {\n  async up(queryInterface, Sequelize) {\n"
        "    await queryInterface.addColumn('users', 'name', Sequelize.STRING);\n  },\n"
        "  async down(queryInterface) {\n"
        "    await queryInterface.removeColumn('users', 'name');\n  },\n};\n",
        "module.exports = {\n  up: async (queryInterface, Sequelize) => {\n"
        "    await queryInterface.addColumn('users', 'name', Sequelize.STRING);\n  },\n};\n",
        "module.exports = {\n  async up(queryInterface, Sequelize) {\n"
        "    await queryInterface.addColumn('users', 'name', Sequelize.STRING);\n  },\n"
        "  async down(queryInterface) {\n    /* Add reverting commands here. */\n  },\n};\n",
    ),
    Case(
        "alembic",
        {"alembic.ini": "[alembic]\n", "alembic/env.py": "", "alembic/script.py.mako": ""},
        "alembic/versions/0002_user_name.py",
        "def upgrade() -> None:\n    op.add_column('user', sa.Column('name'))\n\n\n"
        "def downgrade() -> None:\n    op.drop_column('user', 'name')\n",
        "def upgrade() -> None:\n    op.add_column('user', sa.Column('name'))\n",
        "def upgrade() -> None:\n    op.add_column('user', sa.Column('name'))\n\n\n"
        'def downgrade() -> None:\n    """Nothing to undo."""\n    pass\n',
    ),
    Case(
        "django",
        {"manage.py": "", "users/models.py": "", "users/migrations/__init__.py": ""},
        "users/migrations/0002_backfill.py",
        "operations = [migrations.RunPython(forwards, migrations.RunPython.noop),\n"
        "              migrations.RunSQL('UPDATE a SET b = 1', reverse_sql='SELECT 1')]\n",
        "operations = [migrations.RunPython(forwards)]\n",
        "operations = [migrations.RunSQL('UPDATE a SET b = 1', reverse_sql=None)]\n",
    ),
    Case(
        "rails",
        {"Gemfile": "gem 'rails'\n"},
        "db/migrate/20260101000000_backfill_names.rb",
        "class BackfillNames < ActiveRecord::Migration[7.1]\n  def change\n"
        "    reversible do |dir|\n      dir.up { execute 'UPDATE users SET name = 1' }\n"
        "      dir.down { execute 'UPDATE users SET name = NULL' }\n    end\n  end\nend\n",
        "class BackfillNames < ActiveRecord::Migration[7.1]\n  def change\n"
        "    change_column :users, :name, :text\n  end\nend\n",
        "class BackfillNames < ActiveRecord::Migration[7.1]\n  def up\n"
        "    execute 'UPDATE users SET name = 1'\n  end\n\n  def down\n  end\nend\n",
    ),
    Case(
        "goose",
        {"go.mod": "module x\n\nrequire github.com/pressly/goose/v3 v3.0.0\n"},
        "migrations/20260101000000_add_name.sql",
        "-- +goose Up\nALTER TABLE users ADD COLUMN name TEXT;\n\n"
        "-- +goose Down\nALTER TABLE users DROP COLUMN name;\n",
        "-- +goose Up\nALTER TABLE users ADD COLUMN name TEXT;\n",
        "-- +goose Up\nALTER TABLE users ADD COLUMN name TEXT;\n\n-- +goose Down\n-- later\n",
    ),
    Case(
        "dbmate",
        {},
        "db/migrations/20260101000000_add_name.sql",
        "-- migrate:up\nALTER TABLE users ADD COLUMN name TEXT;\n\n"
        "-- migrate:down\nALTER TABLE users DROP COLUMN name;\n",
        "-- migrate:up\nALTER TABLE users ADD COLUMN name TEXT;\n",
        "-- migrate:up\nALTER TABLE users ADD COLUMN name TEXT;\n\n-- migrate:down\n\n",
    ),
]
EACH = [pytest.param(case, id=case.name) for case in CASES]


def setup(repo: Repo, case: Case) -> None:
    repo.record("chore(db): set up the project", {"README.md": "x\n", **case.base})
    repo.git("checkout", "-q", "-b", "work")


def check(repo: Repo, *args: str) -> list[tuple[str, str, str]]:
    """`check` as JSON: (header, rule, message) of every violation."""
    result = run_commitguard("check", *args, "--format", "json", cwd=repo.path)
    assert result.returncode in (0, 1), result.stderr
    return [
        (entry["header"], violation["rule"], violation["message"])
        for entry in json.loads(result.stdout)["commits"]
        for violation in entry["violations"]
    ]


@pytest.mark.parametrize("case", EACH)
def test_check_flags_migrations_that_cannot_be_rolled_back(repo: Repo, case: Case) -> None:
    setup(repo, case)
    stem, dot, ext = case.path.rpartition(".")
    paths = {kind: f"{stem}{n}{dot}{ext}" for n, kind in enumerate(("good", "missing", "empty"))}
    repo.record("chore(db): add a reversible migration", {paths["good"]: case.good})
    repo.record("chore(db): add a migration with no down", {paths["missing"]: case.missing})
    repo.record("chore(db): add a migration whose down is empty", {paths["empty"]: case.empty})
    # A down that does nothing, edited later, is migration-edited's business, not this rule's.
    found = [
        (header, message) for header, rule, message in check(repo, "main..HEAD") if rule == WHO
    ]
    assert [header for header, _ in found] == [
        "chore(db): add a migration whose down is empty",
        "chore(db): add a migration with no down",
    ]
    assert all(f"the {case.name} migration `" in message for _, message in found)
    assert f"`{paths['empty']}` cannot be rolled back" in found[0][1]
    assert f"`{paths['missing']}` cannot be rolled back" in found[1][1]


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c.name) for c in CASES if c.name in ("typeorm", "alembic")]
)
def test_the_commit_msg_hook_warns_with_the_staged_text(repo: Repo, case: Case) -> None:
    setup(repo, case)
    assert run_commitguard("install", "--hook", "commit-msg", cwd=repo.path).returncode == 0
    repo.stage(case.path, case.empty)
    staged = run_commitguard("staged", cwd=repo.path)
    assert staged.returncode == 0, staged.stderr
    assert f"warning[{WHO}]" in staged.stderr
    assert "is empty" in staged.stderr
    # The index's text, not the work tree's: the file is fixed on disk, not staged.
    repo.write(case.path, case.good)
    result = repo.commit("chore(db): add the names table", check=False)
    assert result.returncode == 0, result.stderr  # a warning: the commit is made
    assert f"warning[{WHO}]" in result.stderr
    assert "cannot be rolled back" in result.stderr
    # Staged as fixed, the next one says nothing.
    other = case.path.replace("0002", "0003").replace("1700000000000", "1700000000001")
    repo.stage(other, case.good)
    result = repo.commit("chore(db): add the emails table", check=False)
    assert result.returncode == 0, result.stderr
    assert WHO not in result.stderr


def test_prisma_is_never_flagged_and_explain_says_why(repo: Repo) -> None:
    repo.record(
        "chore(db): set up prisma",
        {"package.json": "{}\n", "prisma/schema.prisma": "model A {\n  id Int @id\n}\n"},
    )
    repo.git("checkout", "-q", "-b", "work")
    sha = repo.record(
        "chore(db): add names",
        {"prisma/migrations/20260101000000_names/migration.sql": "ALTER TABLE a ADD b INT;\n"},
    )
    assert check(repo, "main..HEAD") == []
    explained = run_commitguard("explain", WHO, "--commit", sha, cwd=repo.path)
    assert explained.returncode == 0, explained.stderr
    assert "Prisma has no down migrations" in explained.stdout
    assert f"{WHO}: passes" in explained.stdout


def test_explain_shows_the_verdict_of_a_commit(repo: Repo) -> None:
    case = CASES[0]
    setup(repo, case)
    sha = repo.record("chore(db): add names", {case.path: case.missing})
    explained = run_commitguard("explain", WHO, "--commit", sha, cwd=repo.path)
    assert explained.returncode == 0, explained.stderr
    assert f"{WHO}: flagged: the typeorm migration `{case.path}` cannot be rolled back: it " in (
        explained.stdout
    )


def test_a_waiver_keeps_it_quiet(repo: Repo) -> None:
    case = next(c for c in CASES if c.name == "knex")
    setup(repo, case)
    message = "chore(db): add names\n\nMigration-Waiver: a data fix, no way back"
    repo.record(message, {case.path: case.missing})
    assert [rule for _, rule, _ in check(repo, "main..HEAD")] == ["migration-waiver"]


def test_require_down_chooses_the_frameworks(repo: Repo) -> None:
    case = next(c for c in CASES if c.name == "knex")
    setup(repo, case)
    repo.record("chore(db): add names", {case.path: case.missing})
    assert [rule for _, rule, _ in check(repo, "main..HEAD")] == [WHO]
    repo.write(".commitguard.yaml", "migrations:\n  require-down: [hasura]\n")
    assert check(repo, "main..HEAD") == []


def test_only_added_migrations_are_read(repo: Repo) -> None:
    """An edit to an existing migration is migration-edited's business, and a deleted
    one has no text to read."""
    case = next(c for c in CASES if c.name == "alembic")
    repo.record("chore(db): set up", {**case.base, case.path: case.missing})
    repo.git("checkout", "-q", "-b", "work")
    repo.record("chore(db): touch it", {case.path: case.missing + "# x\n"})
    repo.record("chore(db): drop it", {case.path: None})
    assert WHO not in [rule for _, rule, _ in check(repo, "main..HEAD")]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "((((((((((" * 20_000,
        "down(" * 50_000,
        "def downgrade(:\n",
        "\x00\ufffd\u202e",
        "-- +goose Down\n" * 1000,
        "/*" * 20_000,
        "down() {" + "'{" * 20_000,
        "AddMigration(" * 5_000,
        "  def change\n    execute\n" * 5_000,
        "  def change\n" + "    reversible do\n      execute\n" * 5_000,
        "  def up\n  end\n  def down\n" + "  reversible do; end\n" * 5_000,
        "exports.up = function () {" + "up() {" * 20_000,
    ],
)
def test_hostile_text_never_raises(text: str) -> None:
    for case in CASES:
        no_way_back(case.name, case.path, text)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        pytest.param("operations = [migrations.AddField('a', 'b')]\n", None, id="schema-only"),
        pytest.param(
            "operations = [migrations.RunPython(forwards)]\n",
            "its `RunPython` has no `reverse_code`",
            id="run-python",
        ),
        # Python reads identifiers in NFKC form: full-width letters name RunPython too,
        # so a text beyond ASCII is always parsed, never skipped by its spelling.
        pytest.param(
            "operations = [migrations.\uff32\uff55\uff4e\uff30\uff59\uff54\uff48\uff4f\uff4e(f)]\n",
            "its `RunPython` has no `reverse_code`",
            id="run-python-in-full-width",
        ),
    ],
)
def test_a_django_migration_is_read_only_when_it_runs_code(text: str, said: str | None) -> None:
    assert no_way_back("django", "users/migrations/0002_x.py", text) == said


# --- Classes of error measured on real histories (bench/downs.py) -------------------


def _flagged(repo: Repo) -> dict[str, str]:
    """path -> message of every migration-without-down finding of main..HEAD."""
    found = {}
    for _, rule, message in check(repo, "main..HEAD"):
        if rule == WHO:
            found[message.split("`")[1]] = message
    return found


def _case(name: str) -> Case:
    return next(case for case in CASES if case.name == name)


@pytest.mark.parametrize(
    ("name", "path", "nothing", "something"),
    [
        pytest.param(
            "typeorm",
            "src/migrations/1622713782458-NoNotification.ts",
            "export class NoNotification1622713782458 implements MigrationInterface {\n"
            "  public async up(queryRunner: QueryRunner): Promise<void> {\n  }\n"
            "  public async down(queryRunner: QueryRunner): Promise<void> {\n  }\n}\n",
            "export class NoNotification1622713782458 implements MigrationInterface {\n"
            "  public async up(queryRunner: QueryRunner): Promise<void> {\n"
            "    await queryRunner.query(`UPDATE a SET b = 1`)\n  }\n"
            "  public async down(queryRunner: QueryRunner): Promise<void> {\n  }\n}\n",
            id="typeorm",
        ),
        pytest.param(
            "alembic",
            "alembic/versions/89bc7873a3e0_fix_multiple_heads.py",
            "revision = '89bc7873a3e0'\ndown_revision = ('0ec979123ba4', 'd7d747033183')\n\n\n"
            "def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n",
            "revision = '89bc7873a3e0'\ndown_revision = '0ec979123ba4'\n\n\n"
            "def upgrade():\n    op.execute('UPDATE a SET b = 1')\n\n\n"
            "def downgrade():\n    pass\n",
            id="alembic-merge-revision",
        ),
        pytest.param(
            "rails",
            "db/migrate/20120701181319_placeholder.rb",
            "class Placeholder < ActiveRecord::Migration\n  def up\n  end\n\n"
            "  def down\n  end\nend\n",
            "class Placeholder < ActiveRecord::Migration\n  def up\n"
            "    add_column :invitations, :memo, :text\n  end\n\n  def down\n  end\nend\n",
            id="rails",
        ),
    ],
)
def test_an_up_that_does_nothing_has_nothing_to_undo(
    repo: Repo, name: str, path: str, nothing: str, something: str
) -> None:
    """An Alembic merge revision, or a placeholder whose up is empty too: an empty down
    is exactly right. The same empty down after an up that does something is flagged."""
    setup(repo, _case(name))
    other = path.replace("89bc", "99bc").replace("1622713782458", "1622713782459")
    other = other.replace("20120701181319", "20120701181320")
    repo.record("chore(db): merge the two heads", {path: nothing})
    repo.record("chore(db): backfill", {other: something})
    found = _flagged(repo)
    assert list(found) == [other]
    assert "is empty" in found[other]


@pytest.mark.parametrize("name", ["typeorm", "mikro-orm", "knex", "sequelize"])
def test_a_helper_beside_the_migrations_is_not_judged(repo: Repo, name: str) -> None:
    """An index listing the folder's migrations, or a script that runs them, defines
    neither `up` nor `down`: it is not a migration. One that defines `up` alone is."""
    case = _case(name)
    setup(repo, case)
    folder = case.path.rsplit("/", 1)[0]
    repo.record(
        "chore(db): run the migrations from the module",
        {
            f"{folder}/index.js": 'import * as setup from "./setup"\n\nexport default [setup]\n',
            f"{folder}/run-migration.js": "export async function runMigrations(options) {\n"
            "  await dataSource.runMigrations()\n}\n\n"
            "export async function revertMigration(options) {\n"
            "  await dataSource.undoLastMigration()\n}\n",
            case.path: case.missing,
        },
    )
    assert list(_flagged(repo)) == [case.path]


_RAILS = "class ChangeThings < ActiveRecord::Migration[7.2]\n  def change\n{}  end\nend\n"


# Each operation: a first line Rails cannot reverse, and one it can.
_RAILS_OPERATIONS = [
    (
        "change_column_default",
        "    change_column_default :users, :role, 'member'\n",
        "    change_column_default :users, :role, from: nil, to: 'member'\n",
    ),
    (
        "remove_index",
        '    remove_index :stories, name: "index_stories_on_is_expired"\n',
        '    remove_index :stories, :is_expired, name: "index_stories_on_is_expired"\n',
    ),
    (
        "remove_foreign_key",
        "    remove_foreign_key :usernames, column: :user_id\n",
        "    remove_foreign_key :stories, :stories, column: :merged_story_id\n",
    ),
    (
        "change_column_comment",
        '    change_column_comment :users, :role, "who they are"\n',
        '    change_column_comment :users, :role, from: nil, to: "who they are"\n',
    ),
    (
        "remove_columns",
        "    remove_columns :users, :twitter, :keybase\n",
        "    remove_columns :users, :twitter, :keybase, type: :string\n",
    ),
    (
        "t.remove",
        "    change_table :users do |t|\n      t.remove :twitter\n    end\n",
        "    change_table :users do |t|\n      t.remove :twitter, type: :string\n    end\n",
    ),
    (
        "execute",
        "    reversible do |dir|\n      dir.up { execute 'UPDATE a SET b = 1' }\n    end\n"
        "    execute 'ALTER TABLE a MODIFY b varchar(200)'\n",
        "    reversible do |dir|\n      dir.up do\n        execute 'UPDATE a SET b = 1'\n"
        "      end\n    end\n    up_only { execute 'UPDATE a SET c = 1' }\n"
        "    add_column :a, :d, :string\n",
    ),
]


@pytest.mark.parametrize(
    ("operation", "irreversible", "reversible"),
    [pytest.param(*row, id=row[0]) for row in _RAILS_OPERATIONS],
)
def test_what_a_rails_change_cannot_reverse(
    repo: Repo, operation: str, irreversible: str, reversible: str
) -> None:
    """Rails raises IrreversibleMigration on the way down for each first form; the
    second says what Rails needs (`from:`, the column, the other table, the type), or
    keeps the raw SQL in `reversible`/`up_only`, which are not judged."""
    setup(repo, _case("rails"))
    flagged = "db/migrate/20250101000000_change_things.rb"
    fine = "db/migrate/20250101000001_change_more_things.rb"
    repo.record("chore(db): change things", {flagged: _RAILS.format(irreversible)})
    repo.record("chore(db): change more things", {fine: _RAILS.format(reversible)})
    found = _flagged(repo)
    assert list(found) == [flagged]
    assert f"its `change` uses `{operation}`, which Rails cannot reverse" in found[flagged]


def test_rails_runs_change_both_ways_and_never_its_up_or_down(repo: Repo) -> None:
    """With a `change`, Rails calls neither `up` nor `down` (openstreetmap's history
    has one whose empty `down` sits beside a reversible `change`): `change` alone is
    judged, whatever the other two hold."""
    setup(repo, _case("rails"))
    reversible = "db/migrate/20161002153425_add_join_table.rb"
    irreversible = "db/migrate/20161002153426_change_the_id.rb"
    beside = "\n  def up\n    Entry.find_each(&:subscribe_author)\n  end\n\n  def down\n  end\n"
    repo.record(
        "chore(db): add the subscribers table",
        {
            reversible: "class AddJoinTable < ActiveRecord::Migration[5.0]\n  def change\n"
            "    create_table :subscribers do |t|\n      t.bigint :user_id\n    end\n"
            "  end\n" + beside + "end\n"
        },
    )
    repo.record(
        "chore(db): widen the id",
        {
            irreversible: "class ChangeTheId < ActiveRecord::Migration[5.0]\n  def change\n"
            "    change_column :subscribers, :id, :bigint\n  end\n\n"
            "  def down\n    change_column :subscribers, :id, :integer\n  end\nend\n"
        },
    )
    found = _flagged(repo)
    assert list(found) == [irreversible]
    assert "Rails never runs a `down` beside `change`" in found[irreversible]


@pytest.mark.parametrize(
    "down",
    [
        "export async function down(): Promise<any> {\n  return null;\n}\n",
        "export const down = () => Promise.resolve();\n",
        "exports.down = function (knex) {\n  return Promise.resolve();\n};\n",
    ],
    ids=["return-null", "arrow-resolved", "return-resolved"],
)
def test_a_down_that_returns_nothing_is_no_way_back(repo: Repo, down: str) -> None:
    """kutt's knex migrations say "no way back" with `return null`; others resolve an
    empty promise. A down that returns the work it does is not that."""
    setup(repo, _case("knex"))
    up = "export async function up(knex) {\n  await knex.schema.alterTable('links', (t) => {\n"
    up += "    t.dateTime('expire_in')\n  })\n}\n\n"
    nothing = "migrations/20200730203154_expire_in.ts"
    something = "migrations/20200730203155_expire_out.ts"
    repo.record("chore(db): add expire_in", {nothing: up + down})
    repo.record(
        "chore(db): add expire_out",
        {something: up + "export const down = (knex) => knex.schema.dropTable('links');\n"},
    )
    found = _flagged(repo)
    assert list(found) == [nothing]
    assert "its `down` is empty" in found[nothing]
