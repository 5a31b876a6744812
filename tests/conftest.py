"""Real git repositories with pinned identity, dates and configuration.

Every test gets an isolated HOME and no system git config, so the developer's own
settings (hooks paths, comment characters, templates) never leak into a result.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock

from tests.helpers import (
    CI_VARIABLES,
    PINNED_DATE,
    PRE_COMMIT_SNAPSHOT,
    ROOT,
    Histories,
    HookRepository,
    Repo,
    config_text,
    git_in,
    isolated_env,
    pre_commit,
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests of the pre-commit framework first. Their hook environment (see
    `hook_repository`) then starts building at once, on the first worker, while the
    other workers share out the rest of the suite."""
    framework = [item for item in items if "hook_repository" in getattr(item, "fixturenames", ())]
    chosen = set(framework)
    items[:] = framework + [item for item in items if item not in chosen]


@pytest.fixture(autouse=True)
def git_env(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if request.node.get_closest_marker("children_measured") is None:
        # set by `pytest --cov` for every Python child; see pyproject.toml
        monkeypatch.delenv("COVERAGE_PROCESS_CONFIG", raising=False)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    for name, value in {
        "GIT_AUTHOR_NAME": "Ada Lovelace",
        "GIT_AUTHOR_EMAIL": "ada@example.com",
        "GIT_COMMITTER_NAME": "Ada Lovelace",
        "GIT_COMMITTER_EMAIL": "ada@example.com",
        "GIT_AUTHOR_DATE": PINNED_DATE,
        "GIT_COMMITTER_DATE": PINNED_DATE,
    }.items():
        monkeypatch.setenv(name, value)
    for name in (
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "NO_COLOR",
        "FORCE_COLOR",
        "GIT_EDITOR",
        "CI",
        *CI_VARIABLES,
    ):
        monkeypatch.delenv(name, raising=False)
    (home / ".gitconfig").write_text(
        "[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n"
        '[commit]\n\tgpgsign = false\n[protocol "file"]\n\tallow = always\n'
    )


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repo]:
    path = tmp_path / "repo"
    path.mkdir()
    created = Repo(path)
    created.git("init", "-q")
    yield created
    created.close()


@pytest.fixture(scope="session")
def histories(tmp_path_factory: pytest.TempPathFactory) -> Histories:
    return Histories(tmp_path_factory.mktemp("histories"))


@pytest.fixture(scope="session")
def hook_repository(tmp_path_factory: pytest.TempPathFactory) -> HookRepository:
    """This working tree as a committed hook repository, its environment built once.

    The environment, a virtualenv with commitguard pip-installed, takes half a minute:
    it is built once per run, under a lock, and every xdist worker uses that one.
    """
    run_root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run_root = run_root.parent  # shared by this run's workers, and only theirs
    base = run_root / "pre-commit"
    with FileLock(run_root / "pre-commit.lock"):
        built = base / "built"
        if not built.exists():
            rev = _build_hook_repository(base)
            built.write_text(rev)
    return HookRepository(base / "commitguard", built.read_text(), base / "pre-commit-home")


def _build_hook_repository(base: Path) -> str:
    base.mkdir()
    home = base / "home"
    home.mkdir()
    pre_commit_home = base / "pre-commit-home"
    env = isolated_env(home, pre_commit_home)
    source = base / "commitguard"
    source.mkdir()
    for name in PRE_COMMIT_SNAPSHOT:
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(
                origin, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )
        else:
            shutil.copy2(origin, source / name)
    git_in(source, env, "init", "-q")
    git_in(source, env, "add", "-A")
    git_in(source, env, "commit", "-q", "-m", "chore(release): snapshot for pre-commit")
    hooks = HookRepository(source, git_in(source, env, "rev-parse", "HEAD"), pre_commit_home)

    # Build the hook environment (virtualenv + pip install from PyPI) for every test.
    warm = base / "warm"
    warm.mkdir()
    git_in(warm, env, "init", "-q")
    (warm / ".pre-commit-config.yaml").write_text(config_text(hooks))
    installed = pre_commit("install-hooks", cwd=warm, env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return hooks.rev
