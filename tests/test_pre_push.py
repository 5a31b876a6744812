"""The pre-push door: real `git push` to a real bare remote through the installed hooks."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests.helpers import HookRepository, Repo, pre_commit, run_commitguard

GOOD = "feat(orders): add pagination"
_FILES = itertools.count()


def _commit(repo: Repo, message: str) -> None:
    repo.record(message, {f"f{next(_FILES)}.txt": "x\n"})


@pytest.fixture
def pushing(repo: Repo, tmp_path: Path) -> Repo:
    """A repository with a bare `origin` and commitguard's hooks installed."""
    remote = tmp_path / "origin.git"
    Repo(tmp_path).git("init", "-q", "--bare", str(remote))
    repo.git("remote", "add", "origin", str(remote))
    installed = run_commitguard("install", cwd=repo.path)
    assert installed.returncode == 0, installed.stderr
    assert "pre-push hook" in installed.stdout
    return repo


def _push(repo: Repo, *args: str) -> tuple[int, str]:
    result = repo.git("push", "-q", *args, check=False)
    return result.returncode, result.stdout + result.stderr


def _remote_has(repo: Repo, ref: str) -> bool:
    return repo.git("ls-remote", "origin", ref).stdout.strip() != ""


def test_a_new_repository_pushes_when_every_commit_conforms(pushing: Repo) -> None:
    _commit(pushing, GOOD)
    _commit(pushing, "fix(cart): keep items after login")
    code, output = _push(pushing, "-u", "origin", "main")
    assert code == 0, output
    assert _remote_has(pushing, "refs/heads/main")


def test_a_bad_root_commit_stops_the_first_push(pushing: Repo) -> None:
    _commit(pushing, "initial")
    _commit(pushing, GOOD)
    code, output = _push(pushing, "origin", "main")
    assert code != 0
    assert "header-format" in output
    assert not _remote_has(pushing, "refs/heads/main")


def test_only_the_commits_being_pushed_are_checked(pushing: Repo) -> None:
    _commit(pushing, "wip")  # already on the remote: not this push's business
    assert _push(pushing, "--no-verify", "-u", "origin", "main")[0] == 0
    _commit(pushing, GOOD)
    code, output = _push(pushing, "origin", "main")
    assert code == 0, output
    _commit(pushing, "Fixed it")
    code, output = _push(pushing, "origin", "main")
    assert code != 0
    assert "Fixed it" in output
    assert "wip" not in output


def test_a_new_branch_checks_only_what_no_remote_branch_has(pushing: Repo) -> None:
    _commit(pushing, "wip")
    assert _push(pushing, "--no-verify", "-u", "origin", "main")[0] == 0
    pushing.git("checkout", "-q", "-b", "feature")
    _commit(pushing, GOOD)
    code, output = _push(pushing, "-u", "origin", "feature")
    assert code == 0, output
    _commit(pushing, "bad message")
    pushing.git("checkout", "-q", "-b", "second")
    code, output = _push(pushing, "origin", "second")
    assert code != 0
    assert "bad message" in output


def test_deleting_a_branch_checks_nothing(pushing: Repo) -> None:
    _commit(pushing, "wip")
    assert _push(pushing, "--no-verify", "origin", "main", "main:doomed")[0] == 0
    code, output = _push(pushing, "origin", "--delete", "doomed")
    assert code == 0, output
    assert not _remote_has(pushing, "refs/heads/doomed")


def test_push_no_verify_skips_the_hook(pushing: Repo) -> None:
    assert (pushing.git_dir / "hooks" / "pre-push").is_file()
    _commit(pushing, "bad")
    # The hook is there and refuses this push...
    code, output = _push(pushing, "origin", "main")
    assert code != 0
    assert "header-format" in output
    assert not _remote_has(pushing, "refs/heads/main")
    # ...so only --no-verify can be what lets the same push through.
    code, output = _push(pushing, "--no-verify", "origin", "main")
    assert code == 0, output
    assert _remote_has(pushing, "refs/heads/main")


def test_the_pre_commit_frameworks_pre_push_stage(
    repo: Repo,
    tmp_path: Path,
    hook_repository: HookRepository,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PRE_COMMIT_HOME", str(hook_repository.pre_commit_home))
    remote = tmp_path / "origin.git"
    Repo(tmp_path).git("init", "-q", "--bare", str(remote))
    repo.git("remote", "add", "origin", str(remote))
    repo.write(
        ".pre-commit-config.yaml",
        "default_install_hook_types: [pre-push]\n"
        f"repos:\n  - repo: {hook_repository.path}\n    rev: {hook_repository.rev}\n"
        "    hooks:\n      - id: commitguard-push\n",
    )
    installed = pre_commit("install", cwd=repo.path)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    repo.git("add", ".pre-commit-config.yaml")
    repo.git("commit", "-q", "-m", "chore(ci): add pre-commit")
    code, output = _push(repo, "-u", "origin", "main")  # a root commit: the "all files" case
    assert code == 0, output
    _commit(repo, GOOD)
    assert _push(repo, "origin", "main")[0] == 0
    _commit(repo, "Fixed it")
    code, output = _push(repo, "origin", "main")
    assert code != 0
    assert "header-format" in output
    assert "Fixed it" in output
