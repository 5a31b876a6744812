"""The real pre-commit framework using this repository as a hook repository.

A snapshot of the working tree becomes a hook repository in a temporary directory;
pre-commit builds the hook's environment from it (pip, from PyPI) once for the module,
then every test commits through git in a fresh repository that uses it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import ROOT, Repo, run_commitguard

GOOD = "feat(orders): add pagination"
BAD = "added pagination"
# What `pip install .` needs from the working tree, and the manifest.
SNAPSHOT = ("src", "hooks", "pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml")


@dataclass(frozen=True)
class HookRepository:
    path: Path
    rev: str
    pre_commit_home: Path


def pre_commit(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def config_text(hooks: HookRepository, top_level: str = "") -> str:
    return (
        f"{top_level}default_install_hook_types: [commit-msg]\n"
        "repos:\n"
        f"  - repo: {hooks.path}\n"
        f"    rev: {hooks.rev}\n"
        "    hooks:\n"
        "      - id: commitguard\n"
    )


def _isolated_env(home: Path, pre_commit_home: Path) -> dict[str, str]:
    # Module scope comes before conftest's per-test isolation: isolate git here too.
    (home / ".gitconfig").write_text(
        "[user]\n\tname = Ada Lovelace\n\temail = ada@example.com\n"
        "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=str(home / ".gitconfig"),
        PRE_COMMIT_HOME=str(pre_commit_home),
    )
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture(scope="module")
def hook_repository(tmp_path_factory: pytest.TempPathFactory) -> HookRepository:
    """This working tree as a committed hook repository, its environment built once."""
    base = tmp_path_factory.mktemp("pre-commit")
    home = base / "home"
    home.mkdir()
    pre_commit_home = base / "pre-commit-home"
    env = _isolated_env(home, pre_commit_home)
    source = base / "commitguard"
    source.mkdir()
    for name in SNAPSHOT:
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(
                origin, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )
        else:
            shutil.copy2(origin, source / name)
    _git(source, env, "init", "-q")
    _git(source, env, "add", "-A")
    _git(source, env, "commit", "-q", "-m", "chore(release): snapshot for pre-commit")
    hooks = HookRepository(source, _git(source, env, "rev-parse", "HEAD"), pre_commit_home)

    # Build the hook environment (virtualenv + pip install from PyPI) for every test.
    warm = base / "warm"
    warm.mkdir()
    _git(warm, env, "init", "-q")
    (warm / ".pre-commit-config.yaml").write_text(config_text(hooks))
    built = pre_commit("install-hooks", cwd=warm, env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    return hooks


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
