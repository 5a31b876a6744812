"""The opt-in hooks, through real `git commit`: pre-commit (`staged`) and
prepare-commit-msg (the security template)."""

from __future__ import annotations

from tests.helpers import Repo, run_commitguard


def _install(repo: Repo, *hooks: str) -> None:
    args = [item for hook in hooks for item in ("--hook", hook)]
    result = run_commitguard("install", *args, cwd=repo.path)
    assert result.returncode == 0, result.stderr


def test_pre_commit_hook_refuses_a_mixed_index_before_the_message(repo: Repo) -> None:
    repo.write("prisma/schema.prisma", "model User { id Int @id }\n")
    repo.git("add", "-A")
    repo.git("commit", "-q", "--no-verify", "-m", "chore(db): add prisma")
    _install(repo, "pre-commit")
    assert not (repo.git_dir / "hooks" / "commit-msg").exists()
    repo.stage("prisma/migrations/20260101000000_init/migration.sql", "CREATE TABLE t (id int);\n")
    repo.stage("src/users/service.ts", "export const x = 1\n")
    result = repo.commit("feat(users): add users", check=False)
    assert result.returncode != 0
    assert "migration-separate" in result.stderr
    assert "git reset -q -- src/users/service.ts" in result.stderr
    repo.git("restore", "--staged", "--", "src/users/service.ts")
    assert repo.commit("chore(users): create migration for users", check=False).returncode == 0


def test_prepare_commit_msg_prefills_the_security_template(repo: Repo) -> None:
    _install(repo, "prepare-commit-msg")
    repo.stage("src/auth/guards/jwt.guard.ts", "export class JwtGuard {}\n")
    seen = repo.path.parent / "seen.txt"
    editor = repo.path.parent / "editor.sh"
    editor.write_text(f'#!/bin/sh\ncp "$1" "{seen}"\nprintf "fix(auth): x\\n" > "$1"\n')
    editor.chmod(0o755)
    repo.git("commit", "-q", "--no-verify", env={"GIT_EDITOR": str(editor)})
    template = seen.read_text()
    assert "Impact:" in template
    assert "Affects:" in template


def test_uninstall_removes_the_optional_hooks_too(repo: Repo) -> None:
    _install(repo, "pre-commit", "prepare-commit-msg", "commit-msg")
    result = run_commitguard("uninstall", cwd=repo.path)
    assert result.returncode == 0
    for hook in ("pre-commit", "prepare-commit-msg", "commit-msg"):
        assert not (repo.git_dir / "hooks" / hook).exists()
