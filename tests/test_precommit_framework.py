"""The real pre-commit framework using this repository as a hook repository.

A snapshot of the working tree becomes a hook repository in a temporary directory;
pre-commit builds the hook's environment from it (pip, from PyPI) once for the module,
then every test commits through git in a fresh repository that uses it.
"""

from __future__ import annotations

import re

import pytest

from tests.helpers import HookRepository, Repo, config_text, pre_commit, run_commitguard

GOOD = "feat(orders): add pagination"
BAD = "added pagination"


@pytest.fixture
def consumer(repo: Repo, hook_repository: HookRepository, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """A repository whose commit-msg hook is pre-commit's, running commitguard."""
    monkeypatch.setenv("PRE_COMMIT_HOME", str(hook_repository.pre_commit_home))
    repo.write(".pre-commit-config.yaml", config_text(hook_repository))
    installed = pre_commit("install", cwd=repo.path)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert "pre-commit installed at .git/hooks/commit-msg" in installed.stdout
    repo.git("add", ".pre-commit-config.yaml")
    return repo


def head(repo: Repo) -> str | None:
    return repo.git("rev-parse", "--verify", "-q", "HEAD", check=False).stdout.strip() or None


def test_message_that_follows_the_standard_lands(consumer: Repo) -> None:
    result = consumer.commit(GOOD, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^commitguard\.+Passed$", result.stderr, re.M), result.stderr
    assert consumer.head_message() == GOOD


def test_message_that_breaks_the_standard_is_refused(consumer: Repo) -> None:
    result = consumer.commit(BAD, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert head(consumer) is None
    assert re.search(r"^commitguard\.+Failed$", output, re.M), output
    assert "[header-format]" in output
    # pre-commit passes git's own message file: the message is kept for the retry.
    assert (consumer.git_dir / "COMMITGUARD_EDITMSG").read_text() == f"{BAD}\n"
    assert "git commit --edit --file=" in output


def test_a_top_level_files_filter_does_not_skip_the_check(
    consumer: Repo, hook_repository: HookRepository
) -> None:
    consumer.write(".pre-commit-config.yaml", config_text(hook_repository, "files: ^src/\n"))
    consumer.git("add", ".pre-commit-config.yaml")
    result = consumer.commit(BAD, check=False)
    assert result.returncode != 0, result.stdout + result.stderr
    assert "[header-format]" in result.stdout + result.stderr


def test_commitguard_install_defers_to_the_framework(consumer: Repo) -> None:
    hook = consumer.git_dir / "hooks" / "commit-msg"
    before = hook.read_bytes()
    result = run_commitguard("install", cwd=consumer.path)
    assert result.returncode == 2
    assert ".pre-commit-config.yaml" in result.stderr
    assert hook.read_bytes() == before
