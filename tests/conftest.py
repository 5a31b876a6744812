"""Real git repositories with pinned identity, dates and configuration.

Every test gets an isolated HOME and no system git config, so the developer's own
settings (hooks paths, comment characters, templates) never leak into a result.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import Repo

PINNED_DATE = "2026-01-15T10:00:00+00:00"


@pytest.fixture(autouse=True)
def git_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
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
        "GITHUB_ACTIONS",
        "GIT_EDITOR",
        "CI",
    ):
        monkeypatch.delenv(name, raising=False)
    (home / ".gitconfig").write_text(
        "[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n"
        '[commit]\n\tgpgsign = false\n[protocol "file"]\n\tallow = always\n'
    )


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    path = tmp_path / "repo"
    path.mkdir()
    created = Repo(path)
    created.git("init", "-q")
    return created
