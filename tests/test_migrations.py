"""Migration hygiene through every door, in real repositories of each framework.

The index (`commitguard staged`), the commit (`git commit` through the installed
commit-msg hook) and the branch (`commitguard check main..HEAD`), for Prisma, Django,
Alembic, Rails, Flyway and golang-migrate laid out as their tools lay them out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.helpers import Repo, run_commitguard


class Framework(NamedTuple):
    name: str
    base: dict[str, str]  # the project as its tool creates it
    migration: str  # a migration path; {n} is its number
    additive: str
    destructive: str
    code: str  # application code of the same app
    down: str | None = None  # golang-migrate: the down file that goes with it


FRAMEWORKS = [
    Framework(
        "prisma",
        {"package.json": "{}\n", "prisma/schema.prisma": "model User {\n  id Int @id\n}\n"},
        "prisma/migrations/2026010{n}000000_users/migration.sql",
        'ALTER TABLE "User" ADD COLUMN "name" TEXT;\n',
        'ALTER TABLE "User" DROP COLUMN "name";\n',
        "src/users/service.ts",
    ),
    Framework(
        "django",
        {
            "manage.py": "import django\n",
            "users/models.py": "class User(Model):\n    pass\n",
            "users/migrations/__init__.py": "",
        },
        "users/migrations/000{n}_user_name.py",
        "operations = [migrations.AddField('user', 'name', models.TextField())]\n",
        "operations = [migrations.RemoveField('user', 'name')]\n",
        "users/views.py",
    ),
    Framework(
        "alembic",
        {
            "alembic.ini": "[alembic]\nscript_location = alembic\n",
            "alembic/env.py": "",
            "alembic/script.py.mako": "",
        },
        "alembic/versions/000{n}_user_name.py",
        # The downgrade drops what the upgrade adds: only the upgrade counts.
        "def upgrade():\n    op.add_column('user', sa.Column('name'))\n\n\n"
        "def downgrade():\n    op.drop_column('user', 'name')\n",
        # A migration that can be rolled back: migration-without-down reads the downgrade.
        "def upgrade():\n    op.drop_column('user', 'name')\n\n\n"
        "def downgrade():\n    op.add_column('user', sa.Column('name'))\n",
        "app/users.py",
    ),
    Framework(
        "rails",
        {"Gemfile": "gem 'rails'\n", "db/schema.rb": "create_table :users do |t|\nend\n"},
        "db/migrate/2026010{n}000000_add_name_to_users.rb",
        "class AddName < ActiveRecord::Migration[7.1]\n  def change\n"
        "    add_column :users, :name, :string\n  end\nend\n",
        "class RemoveName < ActiveRecord::Migration[7.1]\n  def change\n"
        "    remove_column :users, :name, :string\n  end\nend\n",
        "app/models/user.rb",
    ),
    Framework(
        "flyway",
        {"pom.xml": "<project/>\n"},
        "src/main/resources/db/migration/V{n}__user_name.sql",
        "ALTER TABLE users ADD COLUMN name TEXT;\n",
        "ALTER TABLE users DROP COLUMN name;\n",
        "src/main/java/com/example/Users.java",
    ),
    Framework(
        "golang-migrate",
        {"go.mod": "module example.com/app\n"},
        "db/migrations/00000{n}_user_name.up.sql",
        "ALTER TABLE users ADD COLUMN name TEXT;\n",
        "ALTER TABLE users DROP COLUMN name;\n",
        "internal/users/users.go",
        down="db/migrations/00000{n}_user_name.down.sql",
    ),
]
BY_NAME = {framework.name: framework for framework in FRAMEWORKS}
EACH = [pytest.param(framework, id=framework.name) for framework in FRAMEWORKS]


def commit(repo: Repo, message: str, files: dict[str, str | None]) -> str:
    """One commit of exactly these files (None deletes), past the hooks; its sha."""
    return repo.record(message, files)


def migration_files(framework: Framework, n: int, content: str) -> dict[str, str | None]:
    files: dict[str, str | None] = {framework.migration.format(n=n): content}
    if framework.down:
        files[framework.down.format(n=n)] = "-- undo\n"
    return files


def project(repo: Repo, framework: Framework) -> Repo:
    """The framework's project with one migration on main, and a branch `work`."""
    commit(repo, "chore(users): set up the project", dict(framework.base))
    commit(repo, "chore(users): create users table", migration_files(framework, 1, "-- 1\n"))
    repo.git("checkout", "-q", "-b", "work")
    return repo


def check(repo: Repo, *args: str) -> tuple[int, list[tuple[str, str, str]]]:
    """`check` as JSON: the exit code and (header, rule, severity) of every violation."""
    result = run_commitguard("check", *args, "--format", "json", cwd=repo.path)
    assert result.returncode in (0, 1), result.stderr
    found = [
        (entry["header"], violation["rule"], violation["severity"])
        for entry in json.loads(result.stdout)["commits"]
        for violation in entry["violations"]
    ]
    return result.returncode, found


def install_hook(repo: Repo) -> None:
    result = run_commitguard("install", "--hook", "commit-msg", cwd=repo.path)
    assert result.returncode == 0, result.stderr


def head(repo: Repo) -> str:
    return repo.git("rev-parse", "HEAD").stdout.strip()


# --- one commit: the index and the commit-msg hook ------------------------------------------


@pytest.mark.parametrize("framework", EACH)
def test_a_migration_alone_passes_every_door(repo: Repo, framework: Framework) -> None:
    project(repo, framework)
    install_hook(repo)
    for path, content in migration_files(framework, 2, framework.additive).items():
        repo.stage(path, content or "")
    assert run_commitguard("staged", cwd=repo.path).returncode == 0
    result = repo.commit("chore(users): add name to users", check=False)
    assert result.returncode == 0, result.stderr
    assert check(repo, "main..HEAD") == (0, [])


@pytest.mark.parametrize("framework", EACH)
def test_a_migration_with_code_is_refused_at_every_door(repo: Repo, framework: Framework) -> None:
    project(repo, framework)
    install_hook(repo)
    migration = framework.migration.format(n=2)
    for path, content in migration_files(framework, 2, framework.additive).items():
        repo.stage(path, content or "")
    repo.stage(framework.code, "uses name\n")

    staged = run_commitguard("staged", cwd=repo.path)
    assert staged.returncode == 1
    assert "[migration-separate]" in staged.stderr
    assert f"`{migration}`" in staged.stderr.split("; code:")[0]
    assert f"code: `{framework.code}`" in staged.stderr
    assert f"git reset -q -- {framework.code}\n" in staged.stderr

    before = head(repo)
    refused = repo.commit("feat(users): add and use the name", check=False)
    assert refused.returncode != 0
    assert head(repo) == before
    assert "[migration-separate]" in refused.stderr

    # The printed commands split it: the migration first, then the code.
    repo.git("restore", "--staged", "--", framework.code)
    assert run_commitguard("staged", cwd=repo.path).returncode == 0
    assert repo.commit("chore(users): add name to users", check=False).returncode == 0
    repo.git("add", "--", framework.code)
    assert repo.commit("feat(users): show the name", check=False).returncode == 0
    assert check(repo, "main..HEAD") == (0, [])


@pytest.mark.parametrize("framework", EACH)
def test_check_reports_a_commit_that_mixed_them(repo: Repo, framework: Framework) -> None:
    project(repo, framework)
    files = migration_files(framework, 2, framework.additive)
    commit(repo, "feat(users): add and use the name", {**files, framework.code: "x\n"})
    code, found = check(repo, "main..HEAD")
    assert code == 1
    assert found == [("feat(users): add and use the name", "migration-separate", "error")]


def test_documentation_and_schema_go_with_a_migration(repo: Repo) -> None:
    framework = BY_NAME["prisma"]
    project(repo, framework)
    repo.stage("prisma/schema.prisma", "model User {\n  id Int @id\n  name String?\n}\n")
    repo.stage(framework.migration.format(n=2), framework.additive)
    repo.stage("docs/users.md", "The name column.\n")
    repo.stage("CHANGELOG.md", "- name\n")
    assert run_commitguard("staged", cwd=repo.path).returncode == 0


# --- the branch ---------------------------------------------------------------------------


@pytest.mark.parametrize("framework", EACH)
def test_code_then_its_migration_on_a_branch_is_out_of_order(
    repo: Repo, framework: Framework
) -> None:
    project(repo, framework)
    commit(repo, "feat(users): show the name", {framework.code: "uses name\n"})
    commit(repo, "chore(users): add name", migration_files(framework, 2, framework.additive))
    code, found = check(repo, "main..HEAD")
    assert code == 1
    assert found == [("chore(users): add name", "migration-order", "error")]
    text = run_commitguard("check", "main..HEAD", cwd=repo.path).stdout
    assert "comes after the code commit" in text
    assert "`feat(users): show the name`" in text


@pytest.mark.parametrize("framework", EACH)
def test_migration_then_code_passes(repo: Repo, framework: Framework) -> None:
    project(repo, framework)
    commit(repo, "chore(users): add name", migration_files(framework, 2, framework.additive))
    commit(repo, "feat(users): show the name", {framework.code: "uses name\n"})
    assert check(repo, "main..HEAD") == (0, [])


@pytest.mark.parametrize("framework", EACH)
def test_a_destructive_migration_may_follow_the_code(repo: Repo, framework: Framework) -> None:
    project(repo, framework)
    commit(repo, "refactor(users): stop reading the name", {framework.code: "no name\n"})
    files = migration_files(framework, 2, framework.destructive)
    commit(repo, "chore(users): drop the name column", files)
    assert check(repo, "main..HEAD") == (0, [])


@pytest.mark.parametrize(
    ("code_scope", "flagged"),
    [
        pytest.param("orders", False, id="other-scope"),
        pytest.param("users", True, id="same-scope"),
        pytest.param(None, False, id="no-scope-says-nothing-of-the-work"),
    ],
)
def test_order_is_judged_by_scope(repo: Repo, code_scope: str | None, flagged: bool) -> None:
    framework = BY_NAME["rails"]
    project(repo, framework)
    header = f"feat({code_scope}): list them" if code_scope else "feat: list them"
    commit(repo, header, {"app/x.rb": "x\n"})
    commit(repo, "chore(users): add name", migration_files(framework, 2, framework.additive))
    _, found = check(repo, "main..HEAD")
    assert any(rule == "migration-order" for _, rule, _ in found) is flagged, found


@pytest.mark.parametrize("framework", EACH)
@pytest.mark.parametrize("change", ["edit", "delete"])
def test_changing_a_migration_the_base_has(repo: Repo, framework: Framework, change: str) -> None:
    project(repo, framework)
    old = framework.migration.format(n=1)
    commit(
        repo,
        "chore(users): tidy the migration",
        {old: "-- 1 tidied\n" if change == "edit" else None},
    )
    code, found = check(repo, "main..HEAD")
    assert code == 1
    assert found == [("chore(users): tidy the migration", "migration-edited", "error")]


@pytest.mark.parametrize("framework", EACH)
def test_changing_a_migration_the_branch_added_is_fine(repo: Repo, framework: Framework) -> None:
    project(repo, framework)
    commit(repo, "chore(users): add name", migration_files(framework, 2, framework.additive))
    new = framework.migration.format(n=2)
    commit(repo, "chore(users): fix the name migration", {new: framework.additive + "-- ok\n"})
    assert check(repo, "main..HEAD") == (0, [])


SCHEMAS = [
    pytest.param(
        "prisma",
        "prisma/schema.prisma",
        "model User {\n  id Int @id\n  name String?\n}\n",
        id="prisma",
    ),
    pytest.param(
        "django", "users/models.py", "class User(Model):\n    name = TextField()\n", id="django"
    ),
    pytest.param(
        "rails", "db/schema.rb", "create_table :users do |t|\n  t.string :name\nend\n", id="rails"
    ),
]


@pytest.mark.parametrize(("name", "schema", "content"), SCHEMAS)
def test_a_schema_change_without_a_migration_is_a_warning(
    repo: Repo, name: str, schema: str, content: str
) -> None:
    project(repo, BY_NAME[name])
    commit(repo, "feat(users): add name to the schema", {schema: content})
    assert check(repo, "main..HEAD") == (
        0,
        [("feat(users): add name to the schema", "schema-without-migration", "warning")],
    )


@pytest.mark.parametrize(("name", "schema", "content"), SCHEMAS)
def test_a_schema_change_with_its_migration_on_the_branch_passes(
    repo: Repo, name: str, schema: str, content: str
) -> None:
    framework = BY_NAME[name]
    project(repo, framework)
    commit(repo, "feat(users): add name to the schema", {schema: content})
    commit(repo, "chore(users): add name", migration_files(framework, 2, framework.additive))
    assert check(repo, "main..HEAD") == (0, [])


@pytest.mark.parametrize(
    ("name", "schema", "content"),
    [
        pytest.param(
            "prisma",
            "prisma/schema.prisma",
            "// the users\nmodel User {\n    id   Int @id\n}\n",
            id="prisma-comment-and-spacing",
        ),
        pytest.param(
            "django",
            "users/models.py",
            "# accounts\nclass User(Model):\n\n    pass  # nothing yet\n",
            id="django-comments",
        ),
    ],
)
def test_comment_and_whitespace_schema_edits_need_no_migration(
    repo: Repo, name: str, schema: str, content: str
) -> None:
    project(repo, BY_NAME[name])
    commit(repo, "docs(users): explain the schema", {schema: content})
    assert check(repo, "main..HEAD") == (0, [])


def test_an_up_migration_without_its_down_is_a_warning(repo: Repo) -> None:
    framework = BY_NAME["golang-migrate"]
    project(repo, framework)
    up = framework.migration.format(n=2)
    repo.stage(up, framework.additive)
    staged = run_commitguard("staged", cwd=repo.path)
    assert staged.returncode == 0
    assert "warning[migration-without-down]" in staged.stderr
    assert "db/migrations/000002_user_name.down.sql" in staged.stderr
    repo.git("commit", "-q", "--no-verify", "-m", "chore(users): add name")
    assert check(repo, "main..HEAD") == (
        0,
        [("chore(users): add name", "migration-without-down", "warning")],
    )


# --- monorepos, history, waivers, configuration -------------------------------------------


@pytest.fixture
def monorepo(repo: Repo) -> Repo:
    """Two apps: a Prisma API and a Django back office, each in its own directory."""
    commit(
        repo,
        "chore(repo): set up the apps",
        {
            "apps/api/package.json": "{}\n",
            "apps/api/prisma/schema.prisma": "model Order {\n  id Int @id\n}\n",
            "apps/admin/manage.py": "",
            "apps/admin/orders/models.py": "class Order(Model):\n    pass\n",
        },
    )
    repo.git("checkout", "-q", "-b", "work")
    return repo


def test_monorepo_apps_are_told_apart(monorepo: Repo) -> None:
    api_migration = "apps/api/prisma/migrations/20260102000000_note/migration.sql"
    admin_migration = "apps/admin/orders/migrations/0002_note.py"
    commit(monorepo, "chore(api): add note", {api_migration: "ALTER TABLE o ADD n TEXT;\n"})
    commit(monorepo, "chore(admin): add note", {admin_migration: "AddField()\n"})
    commit(monorepo, "feat(api): show notes", {"apps/api/src/orders.ts": "x\n"})
    assert check(monorepo, "main..HEAD") == (0, [])

    monorepo.stage("apps/api/prisma/migrations/20260103000000_tag/migration.sql", "-- tag\n")
    monorepo.stage("apps/admin/orders/views.py", "x\n")
    staged = run_commitguard("staged", cwd=monorepo.path)
    assert staged.returncode == 1
    assert "code: `apps/admin/orders/views.py`" in staged.stderr


def test_monorepo_schema_needs_a_migration_of_its_own_app(monorepo: Repo) -> None:
    commit(
        monorepo,
        "feat(api): add a note to orders",
        {"apps/api/prisma/schema.prisma": "model Order {\n  id Int @id\n  note String\n}\n"},
    )
    commit(monorepo, "chore(admin): add note", {"apps/admin/orders/migrations/0002_n.py": "x\n"})
    _, found = check(monorepo, "main..HEAD")
    assert found == [("feat(api): add a note to orders", "schema-without-migration", "warning")]


def test_migrations_dirs_without_their_framework_are_code(repo: Repo) -> None:
    # No manage.py: `migrations/0001_x.py` is not a Django migration here.
    commit(repo, "chore(repo): start", {"README.md": "x\n"})
    repo.stage("tool/migrations/0001_rename.py", "x\n")
    repo.stage("tool/cli.py", "x\n")
    assert run_commitguard("staged", cwd=repo.path).returncode == 0


def test_side_branches_of_a_merged_history_are_checked(repo: Repo) -> None:
    framework = BY_NAME["prisma"]
    project(repo, framework)
    repo.git("checkout", "-q", "main")
    # The main line of a whole history is no branch: code then migration there passes.
    commit(repo, "feat(users): list users", {framework.code: "list\n"})
    commit(repo, "chore(users): add email", migration_files(framework, 3, framework.additive))
    repo.git("checkout", "-q", "work")
    commit(repo, "feat(users): show the name", {"src/users/name.ts": "x\n"})
    commit(repo, "chore(users): add name", migration_files(framework, 2, framework.additive))
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "--no-verify", "-m", "Merge branch 'work'", "work")
    _, found = check(repo, "HEAD")
    assert ("chore(users): add name", "migration-order", "error") in found
    assert ("chore(users): add email", "migration-order", "error") not in found


def test_a_waiver_with_a_reason_lets_a_mixed_commit_through_and_shows(repo: Repo) -> None:
    framework = BY_NAME["rails"]
    project(repo, framework)
    install_hook(repo)
    repo.stage(framework.migration.format(n=2), framework.additive)
    repo.stage(framework.code, "x\n")
    refused = repo.commit("fix(users): hotfix the name\n\nMigration-Waiver:", check=False)
    assert refused.returncode != 0
    assert "gives no reason" in refused.stderr
    message = "fix(users): hotfix the name\n\nMigration-Waiver: incident INC-42, split later"
    assert repo.commit(message, check=False).returncode == 0
    code, found = check(repo, "main..HEAD")
    assert (code, found) == (0, [("fix(users): hotfix the name", "migration-waiver", "warning")])
    text = run_commitguard("check", "main..HEAD", cwd=repo.path).stdout
    assert "migration rules waived: incident INC-42, split later" in text


def test_a_waiver_exempts_from_the_range_rules(repo: Repo) -> None:
    framework = BY_NAME["django"]
    project(repo, framework)
    commit(repo, "feat(users): show the name", {framework.code: "x\n"})
    message = "chore(users): add name\n\nMigration-Waiver: the column already exists in prod"
    commit(repo, message, migration_files(framework, 2, framework.additive))
    assert check(repo, "main..HEAD") == (
        0,
        [("chore(users): add name", "migration-waiver", "warning")],
    )


def test_rules_can_be_turned_off(repo: Repo) -> None:
    framework = BY_NAME["flyway"]
    project(repo, framework)
    repo.write(
        ".commitguard.yaml",
        "rules:\n  migration-order: off\n  migration-separate: warning\n",
    )
    commit(repo, "feat(users): show the name", {framework.code: "x\n"})
    files = migration_files(framework, 2, framework.additive)
    commit(repo, "chore(users): add name", {**files, "src/main/java/More.java": "x\n"})
    assert check(repo, "main..HEAD") == (
        0,
        [("chore(users): add name", "migration-separate", "warning")],
    )


def test_non_default_locations_come_from_the_frameworks_own_config(repo: Repo) -> None:
    commit(
        repo,
        "chore(repo): set up",
        {
            "alembic.ini": "[alembic]\nscript_location = %(here)s/db/alembic\n",
            "package.json": '{"prisma": {"schema": "db/prisma/schema.prisma"}}\n',
        },
    )
    for migration in (
        "db/alembic/versions/0001_orders.py",
        "db/prisma/migrations/20260101000000_orders/migration.sql",
    ):
        repo.stage(migration, "x\n")
        repo.stage("src/orders.py", "x\n")
        staged = run_commitguard("staged", cwd=repo.path)
        assert staged.returncode == 1, migration
        assert f"`{migration}`" in staged.stderr
        repo.git("reset", "-q")


def test_configured_globs_extend_and_neutral_paths_are_allowed(repo: Repo) -> None:
    commit(repo, "chore(repo): start", {"README.md": "x\n"})
    repo.write(
        ".commitguard.yaml",
        "migrations:\n  migration: ['sql/changes/*.sql']\n  neutral: ['ops/**']\n",
    )
    repo.stage("sql/changes/001_orders.sql", "CREATE TABLE orders ();\n")
    repo.stage("ops/runbook.txt", "x\n")
    assert run_commitguard("staged", cwd=repo.path).returncode == 0
    repo.stage("src/orders.py", "x\n")
    assert run_commitguard("staged", cwd=repo.path).returncode == 1


@pytest.mark.parametrize(
    ("section", "key"),
    [
        pytest.param("  framework: [prisma]\n", "migrations.framework", id="unknown-key"),
        pytest.param("  frameworks: [prisme]\n", "migrations.frameworks[0]", id="unknown-name"),
        pytest.param("  same-scope: maybe\n", "migrations.same-scope", id="not-a-boolean"),
        pytest.param(
            "  globs: {prisma: {tables: []}}\n", "migrations.globs.prisma.tables", id="kind"
        ),
    ],
)
def test_a_wrong_migrations_section_is_a_configuration_error(
    repo: Repo, section: str, key: str
) -> None:
    commit(repo, "chore(repo): start", {"README.md": "x\n"})
    repo.write(".commitguard.yaml", f"migrations:\n{section}")
    repo.stage("src/a.py", "x\n")
    for args in (("staged",), ("check", "HEAD")):
        result = run_commitguard(*args, cwd=repo.path)
        assert result.returncode == 3, (args, result.stderr)
        assert f".commitguard.yaml: {key}:" in result.stderr


def test_staged_outside_a_repository_is_a_git_error(tmp_path: Path) -> None:
    result = run_commitguard("staged", cwd=tmp_path)
    assert result.returncode == 4
    assert "not in a git work tree" in result.stderr


def test_init_writes_the_detected_frameworks(repo: Repo) -> None:
    commit(repo, "chore(repo): set up", dict(BY_NAME["django"].base))
    repo.write("api/prisma/schema.prisma", "model A {\n  id Int @id\n}\n")
    result = run_commitguard("init", cwd=repo.path)
    assert result.returncode == 0, result.stderr
    text = (repo.path / ".commitguard.yaml").read_text()
    assert "  frameworks: [prisma, django]\n" in text
    assert run_commitguard("rules", cwd=repo.path).returncode == 0


def test_paths_with_spaces_that_a_parent_lacks_are_read_without_a_crash(repo: Repo) -> None:
    # `git cat-file --batch` answers `<rev>:<path> missing` for a path the parent does
    # not have; with a space in the path that answer once split into the wrong fields.
    repo.record("docs(readme): describe the project", {"README.md": "hi\n"})
    schema = "apps/my api/prisma/schema.prisma"
    repo.record(
        "feat(users): add the user model",
        {schema: "model User {\n  id Int @id\n}\n", "apps/my api/package.json": "{}\n"},
    )
    result = run_commitguard("check", "HEAD", "--format", "json", cwd=repo.path)
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1), result.stderr
    found = {
        (v["rule"], commit["header"])
        for commit in json.loads(result.stdout)["commits"]
        for v in commit["violations"]
    }
    assert ("schema-without-migration", "feat(users): add the user model") in found


@pytest.mark.parametrize(
    ("code_path", "flagged"),
    [
        pytest.param("apps/api/src/users.ts", True, id="the-migrations-app"),
        pytest.param("apps/web/src/users.tsx", False, id="another-app"),
    ],
)
def test_unscoped_order_is_judged_by_the_migrations_app(
    repo: Repo, code_path: str, flagged: bool
) -> None:
    repo.record(
        "chore(repo): two apps",
        {
            "apps/api/package.json": "{}\n",
            "apps/api/prisma/schema.prisma": "model User {\n  id Int @id\n}\n",
            "apps/web/package.json": "{}\n",
        },
    )
    repo.git("branch", "-q", "base")
    repo.record("feat: list the users", {code_path: "x\n"})
    migration = "apps/api/prisma/migrations/20260102000000_name/migration.sql"
    repo.record("chore: add the name column", {migration: 'ALTER TABLE "User" ADD "name" TEXT;\n'})
    result = run_commitguard("check", "base..HEAD", "--format", "json", cwd=repo.path)
    rules = [v["rule"] for c in json.loads(result.stdout)["commits"] for v in c["violations"]]
    assert ("migration-order" in rules) is flagged, result.stdout


LIBRARY_FIXTURES = [
    pytest.param("test/functional/migrations/1700000000000-AddName.ts", id="test"),
    pytest.param("sample/sample1-simple-entity/entity/Post.entity.ts", id="sample"),
    pytest.param("tests/test_app/migrations/0002_book.py", id="tests"),
    pytest.param("examples/blog/prisma/schema.prisma", id="examples"),
    pytest.param("spec/dummy/db/migrate/20260101000000_add_name.rb", id="rails-dummy-app"),
]


@pytest.mark.parametrize("fixture", LIBRARY_FIXTURES)
def test_a_librarys_test_data_is_code_not_its_migrations(repo: Repo, fixture: str) -> None:
    """An ORM's own repository keeps migrations and entities among its tests and samples:
    changing them with the library's code mixes nothing."""
    package = '{"dependencies": {"typeorm": "0.3", "prisma": "6"}}\n'
    repo.record("chore(repo): start", {"package.json": package, "manage.py": "", "Gemfile": ""})
    repo.git("branch", "-q", "base")
    repo.record("feat(core): read the new column", {fixture: "x\n", "src/query.ts": "x\n"})
    result = run_commitguard("check", "base..HEAD", "--format", "json", cwd=repo.path)
    rules = [v["rule"] for c in json.loads(result.stdout)["commits"] for v in c["violations"]]
    assert not [rule for rule in rules if rule.startswith(("migration", "schema"))], rules


def test_fixtures_are_configurable(repo: Repo) -> None:
    fixture = "test/functional/migrations/1700000000000-AddName.ts"
    repo.write(
        ".commitguard.yaml", "migrations:\n  fixtures: []\n  migration: ['**/migrations/*.ts']\n"
    )
    repo.record("chore(repo): start", {"package.json": "{}\n"})
    repo.git("branch", "-q", "base")
    repo.record("feat(core): read the new column", {fixture: "x\n", "src/query.ts": "x\n"})
    result = run_commitguard("check", "base..HEAD", "--format", "json", cwd=repo.path)
    rules = [v["rule"] for c in json.loads(result.stdout)["commits"] for v in c["violations"]]
    assert "migration-separate" in rules, result.stdout + result.stderr


PRISMA_PROJECT = {
    "package.json": '{"dependencies": {"prisma": "6"}}\n',
    "prisma/schema.prisma": "model User {\n  id Int @id\n}\n",
}
NEW_MODEL = "model User {\n  id Int @id\n}\n\nmodel Order {\n  id Int @id\n}\n"
OTHER_MIGRATION = "prisma/migrations/20260102000000_index/migration.sql"


def _rules_by_header(repo: Repo, revision: str) -> set[tuple[str, str]]:
    result = run_commitguard("check", revision, "--format", "json", cwd=repo.path)
    assert "Traceback" not in result.stderr
    return {
        (commit["header"], v["rule"])
        for commit in json.loads(result.stdout)["commits"]
        for v in commit["violations"]
    }


def test_a_migration_elsewhere_in_a_history_covers_no_schema_change(repo: Repo) -> None:
    """On the main line of a whole history each commit answers for itself: a migration
    committed later for something else does not cover a new model."""
    repo.record("chore(db): set up prisma", PRISMA_PROJECT)
    repo.record("feat(orders): add the order model", {"prisma/schema.prisma": NEW_MODEL})
    repo.record("perf(users): index the users", {OTHER_MIGRATION: "CREATE INDEX u ON x(y);\n"})
    found = _rules_by_header(repo, "HEAD")
    assert ("feat(orders): add the order model", "schema-without-migration") in found


def test_each_side_branch_needs_its_own_migration(repo: Repo) -> None:
    """Two pull requests merged into one range: the one that adds a model without a
    migration is found, though the other brought a migration."""
    repo.record("chore(db): set up prisma", PRISMA_PROJECT)
    repo.git("branch", "-q", "base")
    repo.git("switch", "-q", "-c", "orders")
    repo.record("feat(orders): add the order model", {"prisma/schema.prisma": NEW_MODEL})
    repo.git("switch", "-q", "-c", "index", "base")
    repo.record("perf(users): index the users", {OTHER_MIGRATION: "CREATE INDEX u ON x(y);\n"})
    repo.git("switch", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "-m", "chore(repo): merge orders", "orders")
    repo.git("merge", "-q", "--no-ff", "-m", "chore(repo): merge index", "index")
    found = _rules_by_header(repo, "base..HEAD")
    assert ("feat(orders): add the order model", "schema-without-migration") in found
    assert not [rule for header, rule in found if header.startswith("perf(users)")]
