"""The `commitguard-staged` hook through the real pre-commit framework, at `git commit`."""

from __future__ import annotations

import re

import pytest

from tests.helpers import HookRepository, Repo, pre_commit


def staged_config(hooks: HookRepository) -> str:
    return (
        "default_install_hook_types: [pre-commit, commit-msg]\n"
        "repos:\n"
        f"  - repo: {hooks.path}\n"
        f"    rev: {hooks.rev}\n"
        "    hooks:\n"
        "      - id: commitguard-staged\n"
        "      - id: commitguard\n"
    )


@pytest.fixture
def consumer(repo: Repo, hook_repository: HookRepository, monkeypatch: pytest.MonkeyPatch) -> Repo:
    monkeypatch.setenv("PRE_COMMIT_HOME", str(hook_repository.pre_commit_home))
    repo.write(".pre-commit-config.yaml", staged_config(hook_repository))
    installed = pre_commit("install", cwd=repo.path)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert "pre-commit installed at .git/hooks/pre-commit" in installed.stdout
    repo.write("prisma/schema.prisma", "model User {\n  id Int @id\n}\n")
    repo.git("add", "-A")
    repo.git("commit", "-q", "--no-verify", "-m", "chore(db): set up prisma")
    return repo


MIGRATION = "prisma/migrations/20260101000000_name/migration.sql"


def test_a_mixed_index_is_refused_before_the_message(consumer: Repo) -> None:
    consumer.stage(MIGRATION, 'ALTER TABLE "User" ADD COLUMN "name" TEXT;\n')
    consumer.stage("src/users.ts", "x\n")
    result = consumer.commit("feat(users): add the name", check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert re.search(r"^commitguard \(staged migrations\)\.+Failed$", output, re.M), output
    assert "[migration-separate]" in output
    assert "git reset -q -- src/users.ts" in output


def test_a_migration_alone_lands(consumer: Repo) -> None:
    consumer.stage(MIGRATION, 'ALTER TABLE "User" ADD COLUMN "name" TEXT;\n')
    result = consumer.commit("chore(users): add the name column", check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert re.search(r"^commitguard \(staged migrations\)\.+Passed$", output, re.M), output
