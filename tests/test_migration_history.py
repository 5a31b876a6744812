"""A history judged by each commit's own files, in the shapes real histories take.

Apps that moved, repositories with no work tree, migrations moved between folders,
schema files edited only in form, and blobless clones whose blobs `check` must not
fetch: each built as a real repository and checked through `commitguard check`.
"""

from __future__ import annotations

import gc
import json
import subprocess
from pathlib import Path

import pytest

from tests.helpers import Repo, run_commitguard
from tests.test_migrations import _rules_by_header

DJANGO_MIGRATION = "operations = [migrations.AddField('user', 'name', models.TextField())]\n"


def _moved_django_app(repo: Repo) -> None:
    """A Django backend that lived in `apiserver/` and lives in `apps/api/` today."""
    repo.record(
        "chore(users): set up the backend",
        {
            "apiserver/manage.py": "import django\n",
            "apiserver/users/migrations/__init__.py": "",
            "apiserver/users/views.py": "views = 1\n",
        },
    )
    repo.record(
        "feat(users): add and use the name",
        {
            "apiserver/users/migrations/0001_user_name.py": DJANGO_MIGRATION,
            "apiserver/users/views.py": "views = 2\n",
        },
    )
    moved: dict[str, str | None] = {f"apiserver/{p}": None for p in ("manage.py", "users/views.py")}
    moved |= {
        "apiserver/users/migrations/__init__.py": None,
        "apiserver/users/migrations/0001_user_name.py": None,
        "apps/api/manage.py": "import django\n",
        "apps/api/users/migrations/__init__.py": "",
        "apps/api/users/migrations/0001_user_name.py": DJANGO_MIGRATION,
        "apps/api/users/views.py": "views = 2\n",
    }
    repo.record("refactor(repo): move the backend to apps/api", moved)


def test_a_commit_is_judged_by_its_own_markers_not_todays(repo: Repo) -> None:
    _moved_django_app(repo)
    found = _rules_by_header(repo, "HEAD")
    # Today's tree has no apiserver/manage.py; the commit's own tree had it.
    assert ("feat(users): add and use the name", "migration-separate") in found
    # Moving the app keeps each migration's app label and name: Django sees no change.
    assert not [rule for header, rule in found if header.startswith("refactor(repo)")]


def test_a_bare_repository_is_judged_as_its_work_tree_would_be(repo: Repo, tmp_path: Path) -> None:
    _moved_django_app(repo)
    bare = tmp_path / "bare.git"
    repo.git("clone", "-q", "--bare", str(repo.path), str(bare))
    assert _rules_by_header(Repo(bare), "HEAD") == _rules_by_header(repo, "HEAD")


def test_a_marker_added_later_does_not_reach_back(repo: Repo) -> None:
    """A `migrations/` folder of plain code, years before the project became Django."""
    repo.record(
        "feat(tools): data migration scripts", {"migrations/0001_fix.py": "x = 1\n", "a.py": "1\n"}
    )
    repo.record("chore(repo): adopt django", {"manage.py": "import django\n"})
    found = _rules_by_header(repo, "HEAD")
    assert not [rule for header, rule in found if header.startswith("feat(tools)")]
    repo.record("feat(tools): more", {"migrations/0002_more.py": "x = 2\n", "b.py": "2\n"})
    assert ("feat(tools): more", "migration-separate") in _rules_by_header(repo, "HEAD")


TYPEORM = {"package.json": '{"dependencies": {"typeorm": "0.3"}}\n'}
TYPEORM_MIGRATION = (
    "export class AddName1700000000000 implements MigrationInterface {\n"
    "  async up(q) { await q.query('ALTER TABLE u ADD name text'); }\n}\n"
)


@pytest.mark.parametrize(
    ("framework", "base", "old", "new", "edited"),
    [
        pytest.param(
            "typeorm",
            TYPEORM,
            "src/migrations/1700000000000-AddName.ts",
            "src/db/migrations/1700000000000-AddName.ts",
            None,
            id="typeorm-knows-the-class",
        ),
        pytest.param(
            "django",
            {"manage.py": "import django\n"},
            "users/migrations/0001_name.py",
            "users/migrations/0001_user_name.py",
            "renames",
            id="django-knows-the-module-name",
        ),
        pytest.param(
            "rails",
            {},
            "db/migrate/20260101000000_add_name.rb",
            "db/migrate/20260101000000_add_user_name.rb",
            None,
            id="rails-knows-the-version",
        ),
        pytest.param(
            "prisma",
            {},
            "prisma/migrations/20260101_name/migration.sql",
            "prisma/migrations/20260101_user_name/migration.sql",
            "renames",
            id="prisma-knows-the-folder",
        ),
    ],
)
def test_moving_a_migration_is_an_edit_only_where_its_name_is_its_identity(
    repo: Repo, framework: str, base: dict[str, str], old: str, new: str, edited: str | None
) -> None:
    repo.record("chore(db): set up", {**base, old: TYPEORM_MIGRATION})
    repo.git("branch", "-q", "base")
    repo.record("refactor(db): move the migration", {old: None, new: TYPEORM_MIGRATION})
    result = run_commitguard("check", "base..HEAD", cwd=repo.path)
    if edited is None:
        assert result.returncode == 0, result.stdout + result.stderr
        assert "migration-edited" not in result.stdout
    else:
        assert result.returncode == 1
        assert f"this commit {edited} the migration `{old}`" in result.stdout


def test_a_moved_and_changed_migration_is_edited_whatever_the_framework(repo: Repo) -> None:
    old, new = "src/migrations/1-A.ts", "src/db/migrations/1-A.ts"
    repo.record("chore(db): set up", {**TYPEORM, old: TYPEORM_MIGRATION})
    repo.git("branch", "-q", "base")
    repo.record("refactor(db): move it", {old: None, new: TYPEORM_MIGRATION + "// more\n"})
    result = run_commitguard("check", "base..HEAD", cwd=repo.path)
    assert result.returncode == 1
    assert f"this commit deletes the migration `{old}`" in result.stdout


PRISMA = {
    "package.json": "{}\n",
    "prisma/schema.prisma": 'generator client {\n  provider = "prisma-client-js"\n}\n\n'
    "model User {\n  id Int @id\n}\n",
}


def test_a_schema_edit_in_form_only_goes_with_the_code(repo: Repo) -> None:
    repo.record("chore(db): set up", PRISMA)
    commented = PRISMA["prisma/schema.prisma"].replace("model User", "// People.\nmodel User")
    repo.record(
        "docs(users): say what users are",
        {"prisma/schema.prisma": commented, "src/users/service.ts": "x\n"},
    )
    field = commented.replace("id Int @id\n", "id Int @id\n  name String?\n")
    repo.record(
        "feat(users): add and show the name",
        {"prisma/schema.prisma": field, "src/users/service.ts": "y\n"},
    )
    found = _rules_by_header(repo, "HEAD")
    assert not [rule for header, rule in found if header.startswith("docs(users)")]
    assert ("feat(users): add and show the name", "migration-separate") in found


def test_the_index_is_judged_the_same_way(repo: Repo) -> None:
    repo.record("chore(db): set up", PRISMA)
    repo.git("reset", "-q", "--hard")
    commented = PRISMA["prisma/schema.prisma"].replace("model User", "// People.\nmodel User")
    repo.stage("prisma/schema.prisma", commented)
    repo.stage("src/users/service.ts", "x\n")
    assert run_commitguard("staged", cwd=repo.path).returncode == 0
    repo.stage("prisma/schema.prisma", commented.replace("@id\n", "@id\n  name String?\n"))
    staged = run_commitguard("staged", cwd=repo.path)
    assert staged.returncode == 1
    assert "[migration-separate]" in staged.stderr


def _blobless_clone(repo: Repo, tmp_path: Path) -> Path:
    remote = tmp_path / "remote.git"
    repo.git("clone", "-q", "--bare", str(repo.path), str(remote))
    subprocess.run(
        ["git", "-C", str(remote), "config", "uploadpack.allowFilter", "true"], check=True
    )
    clone = tmp_path / "clone"
    subprocess.run(
        [
            "git",
            "clone",
            "-q",
            "--no-checkout",
            "--filter=blob:none",
            f"file://{remote}",
            str(clone),
        ],
        check=True,
    )
    return clone


def _missing_objects(clone: Path) -> set[str]:
    """The objects of the clone's history it lacks, listed without fetching them."""
    listed = subprocess.run(
        ["git", "-C", str(clone), "rev-list", "--objects", "--all", "--missing=print"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {line[1:] for line in listed.splitlines() if line.startswith("?")}


def _missing_blobs(clone: Path) -> int:
    return len(_missing_objects(clone))


def test_check_fetches_no_blob_a_rule_does_not_read(repo: Repo, tmp_path: Path) -> None:
    """Renamed and moved files everywhere, no migration: `check` reads no blob, so a
    blobless clone fetches nothing (rename detection would read both sides)."""
    repo.record("feat(app): start", {f"src/m{n}.ts": f"module {n}\n" * 40 for n in range(5)})
    for step in range(4):
        moved: dict[str, str | None] = {}
        for n in range(5):
            moved[f"src/{step}/m{n}.ts" if step else f"src/m{n}.ts"] = None
            moved[f"src/{step + 1}/m{n}.ts"] = f"module {n}\n" * 40
        repo.record(f"refactor(app): move the modules, step {step}", moved)
    clone = _blobless_clone(repo, tmp_path)
    before = _missing_blobs(clone)
    assert before > 0
    result = run_commitguard("check", "HEAD", cwd=clone)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _missing_blobs(clone) == before


def test_explain_says_path_by_path_what_a_commit_holds(repo: Repo) -> None:
    _moved_django_app(repo)
    mixed = repo.git("rev-parse", "HEAD^").stdout.strip()
    result = run_commitguard("explain", "migration-separate", "--commit", mixed, cwd=repo.path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert f"judged by the files of {mixed[:12]}" in lines[1]
    migration = lines.index("  A migration  apiserver/users/migrations/0001_user_name.py")
    assert "django migration" in lines[migration + 1]
    assert "beside `apiserver/manage.py`" in lines[migration + 1]
    assert "  M code       apiserver/users/views.py" in lines
    assert lines[-1].startswith("migration-separate: flagged: this commit mixes")


def test_explain_says_why_a_framework_layout_was_not_taken(repo: Repo) -> None:
    repo.stage("migrations/0001_fix.py", "x = 1\n")
    result = run_commitguard("explain", "migration-separate", "--staged", cwd=repo.path)
    assert result.returncode == 0, result.stderr
    assert "  A code       migrations/0001_fix.py" in result.stdout
    assert "no `manage.py` is in `./` or above: not that framework" in result.stdout


def test_explain_shows_a_schema_edit_in_form_only(repo: Repo) -> None:
    repo.record("chore(db): set up", PRISMA)
    repo.git("reset", "-q", "--hard")
    commented = PRISMA["prisma/schema.prisma"].replace("model User", "// People.\nmodel User")
    repo.stage("prisma/schema.prisma", commented)
    repo.stage("src/users/service.ts", "x\n")
    result = run_commitguard("explain", "migration-separate", "--staged", cwd=repo.path)
    assert result.returncode == 0, result.stderr
    assert "      not structural (comments, formatting, settings, methods)" in result.stdout
    assert "migration-separate: passes: the schema edits are not structural" in result.stdout


def test_explain_staged_is_for_the_migration_rules_only(repo: Repo) -> None:
    result = run_commitguard("explain", "header-format", "--staged", cwd=repo.path)
    assert result.returncode == 2
    assert "--staged explains the migration rules only" in result.stderr


def test_explain_staged_outside_a_work_tree_is_a_git_error(tmp_path: Path) -> None:
    result = run_commitguard("explain", "migration-separate", "--staged", cwd=tmp_path)
    assert result.returncode == 4
    assert "not in a git work tree, so there is no index to explain" in result.stderr


PRISMA_DB = {
    "package.json": '{"dependencies": {"prisma": "6"}}\n',
    "prisma/schema.prisma": "model User {\n  id Int @id\n}\n",
}
ORDER_MODEL = "model User {\n  id Int @id\n}\n\nmodel Order {\n  id Int @id\n}\n"
ORDER_MIGRATION = "prisma/migrations/20260102000000_order/migration.sql"


def _schema_findings(repo: Repo) -> set[str]:
    return {
        header
        for header, rule in _rules_by_header(repo, "HEAD")
        if rule == "schema-without-migration"
    }


def test_a_fork_point_two_branches_share_is_the_first_merged_ones(repo: Repo) -> None:
    """`orders` changes the schema; `migrate` forks from it, adds the migration and is
    merged first; `orders` is merged later with its code. The schema commit came in
    with the migration's branch: covered, though the later merge's line reaches it."""
    repo.record("chore(db): set up prisma", PRISMA_DB, date="2026-01-01T10:00:00+00:00")
    repo.git("switch", "-q", "-c", "orders")
    repo.record(
        "feat(orders): add the order model",
        {"prisma/schema.prisma": ORDER_MODEL},
        date="2026-01-02T10:00:00+00:00",
    )
    repo.git("switch", "-q", "-c", "migrate")
    repo.record(
        "feat(orders): migrate the orders",
        {ORDER_MIGRATION: "CREATE TABLE o (id int);\n"},
        date="2026-01-03T10:00:00+00:00",
    )
    repo.git("switch", "-q", "orders")
    repo.record(
        "feat(orders): list the orders",
        {"src/orders.ts": "x\n"},
        date="2026-01-03T12:00:00+00:00",
    )
    repo.git("switch", "-q", "main")
    repo.record("docs(repo): notes", {"NOTES.md": "1\n"}, date="2026-01-04T10:00:00+00:00")
    env = {"GIT_COMMITTER_DATE": "2026-01-05T10:00:00+00:00"}
    repo.git("merge", "-q", "--no-ff", "-m", "chore(repo): merge migrate", "migrate", env=env)
    repo.record("docs(repo): more notes", {"NOTES.md": "2\n"}, date="2026-01-06T10:00:00+00:00")
    env = {"GIT_COMMITTER_DATE": "2026-01-07T10:00:00+00:00"}
    repo.git("merge", "-q", "--no-ff", "-m", "chore(repo): merge orders", "orders", env=env)
    assert "feat(orders): add the order model" not in _schema_findings(repo)


def test_a_branch_that_only_adds_existing_migrations_again_has_none(repo: Repo) -> None:
    """A bot's branch has its own root; its "conflict resolution" commit copies the
    target branch's tree, migrations and all. Those copies migrate nothing new: the
    model its build added is still without a migration."""
    first = "prisma/migrations/20260101000000_init/migration.sql"
    repo.record(
        "chore(db): set up prisma",
        {**PRISMA_DB, first: "CREATE TABLE u (id int);\n"},
        date="2026-01-01T10:00:00+00:00",
    )
    repo.git("switch", "-q", "--orphan", "bot")  # an empty index and work tree
    repo.record(
        "build: the bot's service",
        {"package.json": PRISMA_DB["package.json"], "prisma/schema.prisma": ORDER_MODEL},
        date="2026-01-02T10:00:00+00:00",
    )
    repo.record(
        "chore(repo): merge conflicts auto-resolution",
        {first: "CREATE TABLE u (id int);\n", "src/app.ts": "x\n"},
        date="2026-01-03T10:00:00+00:00",
    )
    repo.git("switch", "-q", "main")
    env = {"GIT_COMMITTER_DATE": "2026-01-04T10:00:00+00:00"}
    repo.git(
        "merge", "-q", "--no-ff", "--allow-unrelated-histories", "-X", "theirs",
        "-m", "chore(repo): merge bot", "bot", env=env,
    )  # fmt: skip
    assert "build: the bot's service" in _schema_findings(repo)


def test_an_app_moved_on_its_branch_is_covered_by_its_new_roots_migration(repo: Repo) -> None:
    """The branch changes the schema in `apps/old/`, then moves the app to `apps/new/`
    unchanged and migrates there: one app, migrated on its branch; the move itself is
    no schema change."""
    repo.record("chore(db): set up", {"README.md": "x\n"}, date="2026-01-01T10:00:00+00:00")
    repo.git("switch", "-q", "-c", "orders")
    old = {f"apps/old/{path}": text for path, text in PRISMA_DB.items()}
    repo.record("chore(old): start the app", old, date="2026-01-02T10:00:00+00:00")
    repo.record(
        "feat(old): add the order model",
        {"apps/old/prisma/schema.prisma": ORDER_MODEL},
        date="2026-01-03T10:00:00+00:00",
    )
    moved: dict[str, str | None] = dict.fromkeys(old)
    moved |= {
        "apps/new/package.json": PRISMA_DB["package.json"],
        "apps/new/prisma/schema.prisma": ORDER_MODEL,
    }
    repo.record("refactor(repo): rename the app", moved, date="2026-01-04T10:00:00+00:00")
    repo.record(
        "feat(new): migrate the orders",
        {f"apps/new/{ORDER_MIGRATION}": "CREATE TABLE o (id int);\n"},
        date="2026-01-05T10:00:00+00:00",
    )
    repo.git("switch", "-q", "main")
    env = {"GIT_COMMITTER_DATE": "2026-01-06T10:00:00+00:00"}
    repo.git("merge", "-q", "--no-ff", "-m", "chore(repo): merge orders", "orders", env=env)
    found = _schema_findings(repo)
    assert "feat(old): add the order model" not in found
    assert "refactor(repo): rename the app" not in found


def test_a_prisma_file_prisma_does_not_read_is_no_database_schema(repo: Repo) -> None:
    """An app ships sample schemas for its users to import: a `.prisma` file outside
    `prisma/` and not named `schema.prisma` is data. The app's own schema still
    needs its migration."""
    repo.record("chore(db): set up prisma", PRISMA_DB)
    sample = "src/core/import/shop.prisma"
    repo.record("feat(import): a shop sample", {sample: ORDER_MODEL, "src/core/import.ts": "x\n"})
    repo.record("feat(orders): add the order model", {"prisma/schema.prisma": ORDER_MODEL})
    found = _schema_findings(repo)
    assert "feat(import): a shop sample" not in found
    assert "feat(orders): add the order model" in found
    # Nor is it a schema beside code for migration-separate: the sample is code.
    rules = _rules_by_header(repo, "HEAD")
    assert ("feat(import): a shop sample", "migration-separate") not in rules


def test_a_schema_moved_unchanged_out_of_an_example_app_changes_nothing(repo: Repo) -> None:
    """An example app's schema, moved as it is into a package of the app: the text is
    the same, so neither rule sees a change to migrate, though the old path was an
    example's (code) and the new one is a schema."""
    repo.record("chore(db): set up prisma", PRISMA_DB)
    repo.record("feat(examples): an example app", {"example-app/schema.prisma": ORDER_MODEL})
    repo.record(
        "refactor(codegen): move the example into the generator",
        {
            "example-app/schema.prisma": None,
            "packages/codegen/prisma/schema.prisma": ORDER_MODEL,
            "packages/codegen/src/generate.ts": "x\n",
        },
    )
    rules = {rule for header, rule in _rules_by_header(repo, "HEAD") if "move" in header}
    assert rules == set()
    # The same move with a changed text is a change.
    repo.record(
        "refactor(codegen): move another example",
        {
            "packages/codegen/prisma/schema.prisma": None,
            "packages/gen2/prisma/schema.prisma": ORDER_MODEL + "\nmodel Line {\n  id Int @id\n}\n",
            "packages/gen2/src/generate.ts": "x\n",
        },
    )
    rules = {rule for header, rule in _rules_by_header(repo, "HEAD") if "another" in header}
    assert "schema-without-migration" in rules


USER_NAME_MODEL = "model User {\n  id Int @id\n  name String\n}\n"
NAME_MIGRATION = "prisma/migrations/20260103000000_name/migration.sql"


def _merge(repo: Repo, branch: str, day: int, *, into: str = "main") -> None:
    repo.git("switch", "-q", into)
    env = {"GIT_COMMITTER_DATE": f"2026-01-{day:02d}T10:00:00+00:00"}
    repo.git("merge", "-q", "--no-ff", "-m", f"chore(repo): merge {branch}", branch, env=env)


def test_a_branch_merged_into_the_one_that_migrates_is_covered(repo: Repo) -> None:
    """A pull request's own branch takes in a helper branch (`git pull`, a sub-branch):
    the schema commit is on the helper's line, the migration on the pull request's. One
    piece of work, merged into main together: covered."""
    repo.record("chore(db): set up prisma", PRISMA_DB, date="2026-01-01T10:00:00+00:00")
    repo.git("switch", "-q", "-c", "orders")
    repo.record("feat(orders): start", {"src/a.ts": "1\n"}, date="2026-01-02T10:00:00+00:00")
    repo.git("switch", "-q", "-c", "helper")
    repo.record(
        "feat(orders): add the order model",
        {"prisma/schema.prisma": ORDER_MODEL},
        date="2026-01-03T10:00:00+00:00",
    )
    repo.git("switch", "-q", "orders")
    repo.record(
        "feat(orders): migrate the orders",
        {ORDER_MIGRATION: "CREATE TABLE o (id int);\n"},
        date="2026-01-03T12:00:00+00:00",
    )
    _merge(repo, "helper", 4, into="orders")
    _merge(repo, "orders", 5)
    assert "feat(orders): add the order model" not in _schema_findings(repo)


def test_a_sibling_branchs_migration_does_not_cover(repo: Repo) -> None:
    """Two pull requests merged into main: one changes the schema with no migration,
    the other migrates something else of the same app. Each is its own branch."""
    repo.record("chore(db): set up prisma", PRISMA_DB, date="2026-01-01T10:00:00+00:00")
    repo.git("switch", "-q", "-c", "orders")
    repo.record(
        "feat(orders): add the order model",
        {"prisma/schema.prisma": ORDER_MODEL},
        date="2026-01-02T10:00:00+00:00",
    )
    repo.git("switch", "-q", "-c", "names", "main")
    repo.record(
        "feat(users): migrate the name",
        {NAME_MIGRATION: "ALTER TABLE u ADD name text;\n"},
        date="2026-01-03T10:00:00+00:00",
    )
    _merge(repo, "names", 4)
    _merge(repo, "orders", 5)
    assert "feat(orders): add the order model" in _schema_findings(repo)


def test_a_long_lived_line_is_not_one_branch(repo: Repo) -> None:
    """`next` takes pull requests and is merged into main again and again: a pull
    request into `next` is a branch; `next` is not one it was merged into, so a
    migration committed on `next` itself covers nothing of the pull request's."""
    repo.record("chore(db): set up prisma", PRISMA_DB, date="2026-01-01T10:00:00+00:00")
    repo.git("switch", "-q", "-c", "next")
    repo.record("feat(repo): a start", {"src/a.ts": "1\n"}, date="2026-01-02T10:00:00+00:00")
    _merge(repo, "next", 3)
    repo.git("switch", "-q", "-c", "orders", "next")
    repo.record(
        "feat(orders): add the order model",
        {"prisma/schema.prisma": ORDER_MODEL},
        date="2026-01-04T10:00:00+00:00",
    )
    repo.git("switch", "-q", "next")
    repo.record(
        "feat(users): migrate the name",
        {NAME_MIGRATION: "ALTER TABLE u ADD name text;\n"},
        date="2026-01-05T10:00:00+00:00",
    )
    _merge(repo, "orders", 6, into="next")
    _merge(repo, "next", 7)
    assert "feat(orders): add the order model" in _schema_findings(repo)
    # Merged into main once, the same line is one branch, migration and all.
    repo.git("reset", "-q", "--hard", "HEAD^")  # main before `next`'s second merge
    repo.git("reset", "-q", "--hard", "HEAD^")  # ... and its first
    _merge(repo, "next", 8)
    assert "feat(orders): add the order model" not in _schema_findings(repo)


def test_one_app_deleted_and_several_added_is_no_move(repo: Repo) -> None:
    """A bot's "resolution" deletes one app's schema and adds three other apps' at the
    same place in each: no app moved, so the other apps' migrations cover nothing."""
    repo.record(
        "chore(db): set up",
        {f"apps/old/{path}": text for path, text in PRISMA_DB.items()},
        date="2026-01-01T10:00:00+00:00",
    )
    repo.git("switch", "-q", "-c", "bot")
    shuffle: dict[str, str | None] = {"apps/old/prisma/schema.prisma": None}
    for app in ("one", "two", "three"):
        shuffle[f"apps/{app}/package.json"] = PRISMA_DB["package.json"]
        shuffle[f"apps/{app}/prisma/schema.prisma"] = PRISMA_DB["prisma/schema.prisma"]
    shuffle[f"apps/one/{ORDER_MIGRATION}"] = "CREATE TABLE o (id int);\n"
    repo.record("chore(repo): resolve conflicts", shuffle, date="2026-01-02T10:00:00+00:00")
    repo.record(
        "feat(two): add the order model",
        {"apps/two/prisma/schema.prisma": ORDER_MODEL},
        date="2026-01-03T10:00:00+00:00",
    )
    _merge(repo, "bot", 4)
    assert "feat(two): add the order model" in _schema_findings(repo)


def test_an_app_deleted_whole_owes_no_migration(repo: Repo) -> None:
    """Deleting an app, manifest, schema, migrations and code, is one piece of work:
    no migration can describe it and nothing in it could go first."""
    app = {
        "apps/api/package.json": PRISMA_DB["package.json"],
        "apps/api/prisma/schema.prisma": ORDER_MODEL,
        f"apps/api/{ORDER_MIGRATION}": "CREATE TABLE o (id int);\n",
        "apps/api/src/orders.ts": "x\n",
    }
    repo.record("chore(db): set up", {**app, "README.md": "x\n"})
    repo.record("chore(api): remove the old app", dict.fromkeys(app))
    found = _rules_by_header(repo, "HEAD")
    assert not [rule for header, rule in found if header.startswith("chore(api)")]


def test_report_judges_each_commit_by_its_own_files(repo: Repo) -> None:
    """The report counts migrations and mixed commits as `check` judges them: by each
    commit's own files. Today's `manage.py` makes `migrations/` Django's; the scripts
    committed there before the project was Django were no migrations."""
    repo.record(
        "feat(tools): data migration scripts", {"migrations/0001_fix.py": "x = 1\n", "a.py": "1\n"}
    )
    repo.record("chore(repo): adopt django", {"manage.py": "import django\n"})
    repo.record("feat(tools): more", {"migrations/0002_more.py": "x = 2\n", "b.py": "2\n"})
    result = run_commitguard(
        "report", "--since", "2000-01-01", "--format", "json", cwd=repo.path, env={"TZ": "UTC"}
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    totals = data["totals"]
    assert (totals["migrations"], totals["migrations_mixed"]) == (1, 1)
    assert [item["header"] for item in data["needs_attention"]] == ["feat(tools): more"]
    checked = run_commitguard("check", "HEAD", "--format", "json", cwd=repo.path)
    assert [c["header"] for c in json.loads(checked.stdout)["commits"]] == ["feat(tools): more"]


def _fetches(trace: Path) -> int:
    """How many fetch processes ran (trace2 `start` events): git's lazy fetches and ours."""
    count = 0
    for line in trace.read_text().splitlines():
        event = json.loads(line)
        if event.get("event") == "start" and "fetch" in (event.get("argv") or []):
            count += 1
    return count


def test_a_blobless_clone_fetches_the_blobs_check_reads_at_once(repo: Repo, tmp_path: Path) -> None:
    """Fixes in an auth folder whose changed lines decide the security verdict, a
    migration whose text is read: in a blobless clone `check` brings the blobs it reads
    in one fetch, not one fetch per blob, and judges exactly as in the full clone."""
    video = bytes(range(256)) * 64
    repo.record(
        "feat(auth): start",
        {"src/auth/guard.ts": "export const guard = 0;\n", "src/auth/login.mp4": video},
    )
    repo.record("fix(api): drop the login video", {"src/auth/login.mp4": None})
    for step in range(6):
        check = f"if (!token.verify({step})) throw new Unauthorized();\n"
        repo.record(f"fix(api): tighten the guard, step {step}", {"src/auth/guard.ts": check})
    repo.record(
        "feat(db): add users",
        {
            "db/migrate/20240101000000_add_users.rb": (
                "class AddUsers < ActiveRecord::Migration[7.0]\n"
                "  def change\n    remove_column :users, :name\n  end\nend\n"
            ),
            "Gemfile": "gem 'rails'\n",
        },
    )
    full = run_commitguard("check", "HEAD", "--format", "json", cwd=repo.path)
    clone = _blobless_clone(repo, tmp_path)
    missing = _missing_blobs(clone)
    trace = tmp_path / "trace.json"
    result = run_commitguard(
        "check", "HEAD", "--format", "json", cwd=clone, env={"GIT_TRACE2_EVENT": str(trace)}
    )
    assert result.returncode == full.returncode == 1, result.stderr
    assert json.loads(result.stdout)["commits"] == json.loads(full.stdout)["commits"]
    assert missing - _missing_blobs(clone) >= 6  # the guard's versions were read
    video_id = repo.git("rev-parse", "HEAD~8:src/auth/login.mp4").stdout.strip()
    assert video_id in _missing_objects(clone), "a video has no lines to read: it stays there"
    # one fetch for the fixes' lines, one for the texts the migration rules read
    assert _fetches(trace) <= 2


def test_report_in_a_blobless_clone_brings_the_counted_blobs_at_once(
    repo: Repo, tmp_path: Path
) -> None:
    """`report` counts changed lines, which reads both versions of every changed file:
    in a blobless clone it brings them in one fetch, and counts what the full clone does."""
    for step in range(8):
        files = {f"src/m{n}.ts": f"export const m{n} = {step};\n" * (step + 1) for n in range(3)}
        repo.record(f"feat(app): step {step}", files)
    asked = ("report", "--since", "100y", "--format", "json")
    full = run_commitguard(*asked, cwd=repo.path)
    assert full.returncode == 0, full.stderr
    clone = _blobless_clone(repo, tmp_path)
    trace = tmp_path / "trace.json"
    result = run_commitguard(*asked, cwd=clone, env={"GIT_TRACE2_EVENT": str(trace)})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["totals"] == json.loads(full.stdout)["totals"]
    assert json.loads(result.stdout)["totals"]["insertions"] > 0
    assert _fetches(trace) == 1


def test_a_history_judged_leaves_no_reference_cycle_behind(repo: Repo) -> None:
    """`check` streams with the cyclic garbage collector all but idle (collecting.py):
    so each commit's judged files must be freed by reference counting alone. A cycle
    between a set of files and its classifier kept every one of them until a
    collection, and cost a tenth of `check`'s time over 100,000 commits."""
    from commitguard.commands.check import run_check
    from commitguard.migrations.classify import Classifier, Match
    from commitguard.migrations.files import Files

    _moved_django_app(repo)
    repo.git("switch", "-q", "-c", "side")
    repo.record(
        "feat(users): migrate the email",
        {"apps/api/users/migrations/0002_email.py": DJANGO_MIGRATION},
    )
    repo.git("switch", "-q", "main")
    repo.record("feat(users): show the email", {"apps/api/users/views.py": "views = 3\n"})
    repo.git("merge", "-q", "--no-ff", "-m", "chore(repo): merge side", "side")
    judged = (Files, Classifier, Match)
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        result = run_check("HEAD", env={}, cwd=str(repo.path))
        gc.collect()
        left = [type(thing).__name__ for thing in gc.garbage if isinstance(thing, judged)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert result.total == 6
    assert any(v.rule == "migration-separate" for c in result.commits for v in c.violations)
    assert left == []


def test_a_history_of_many_windows_is_judged_by_each_commits_own_files(repo: Repo) -> None:
    # `check` asks git about 256 commits at a time and judges them while git answers
    # the next 256's questions: every window is judged, the last one at the end, each
    # commit by the files it had (the backend moved from apiserver/ to apps/api/ on the
    # way), with configuration changes and a side branch's merge among them.
    repo.record("chore(users): set up the backend", {"apiserver/manage.py": "import django\n"})
    expected: set[str] = set()
    root = "apiserver"

    def mixed(n: int) -> None:
        header = f"feat(users): add and use field {n}"
        migration = f"{root}/users/migrations/{n:04}_field.py"
        repo.record(header, {migration: DJANGO_MIGRATION, f"{root}/users/views.py": f"{n}\n"})
        expected.add(header)

    for n in range(620):
        if n == 300:
            repo.record(
                "refactor(repo): move the backend to apps/api",
                {"apiserver/manage.py": None, "apps/api/manage.py": "import django\n"},
            )
            root = "apps/api"
        elif n == 400:
            repo.git("switch", "-q", "-c", "side")
            mixed(n)
            repo.record("fix(users): on the side", {f"{root}/users/side.py": "1\n"})
            _merge(repo, "side", 3)
        elif n % 125 == 60:
            mixed(n)
        elif n % 120 == 0:
            repo.record(f"chore(deps): pin {n}", {"package.json": f'{{"version": "{n}"}}\n'})
        else:
            repo.record(f"fix(users): step {n}", {f"{root}/users/views.py": f"{n}\n"})
    found = _rules_by_header(repo, "HEAD")
    assert {header for header, rule in found if rule == "migration-separate"} == expected
    assert len(expected) == 6  # in the first window git streams, the last and between
