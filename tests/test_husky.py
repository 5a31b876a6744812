"""commitguard in a repository whose hooks husky (v9) runs, through real `git commit`.

husky sets core.hooksPath to .husky/_ and fills it, on every `npm install`, with a
dispatcher `h` and one stub per hook that sources it; the dispatcher runs the team's
committed .husky/<hook> with `sh -e`. `husky()` below lays that out as husky 9 does
(written here from its documented behaviour, no Node needed), so that every commit in
these tests goes through the same chain of scripts as in a husky repository.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from commitguard.commands.install import husky_line
from tests.helpers import ROOT, Repo, run_commitguard

GOOD = "feat(orders): add pagination"
BAD = "added pagination"

# .husky/_/h: find the team's script named like the stub that sourced this file, put
# node_modules/.bin first on PATH, run the script with `sh -e`, report a failure.
DISPATCHER = """#!/usr/bin/env sh
[ "$HUSKY" = "2" ] && set -x
name=$(basename "$0")
script=$(dirname "$(dirname "$0")")/$name
[ -f "$script" ] || exit 0
[ "${HUSKY-}" = "0" ] && exit 0
export PATH="node_modules/.bin:$PATH"
sh -e "$script" "$@"
code=$?
[ $code != 0 ] && echo "husky - $name script failed (code $code)"
exit $code
"""
STUB = '#!/usr/bin/env sh\n. "$(dirname "$0")/h"'
HUSKY_HOOKS = ("pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "pre-push")

TEAM_COMMIT_MSG = 'echo "team commit-msg saw $1" >> "$TEAM_MARKER"\n'
# reads git's refs from stdin, as `git lfs pre-push` does
TEAM_PRE_PUSH = 'echo "team pre-push got: $(cat)" >> "$TEAM_MARKER"\n'


def husky(repo: Repo) -> None:
    """What husky's `prepare` script does on `npm install`: (re)write .husky/_."""
    folder = repo.path / ".husky" / "_"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / ".gitignore").write_text("*")
    (folder / "h").write_text(DISPATCHER)
    for hook in HUSKY_HOOKS:
        (folder / hook).write_text(STUB)
        (folder / hook).chmod(0o755)
    repo.git("config", "core.hooksPath", ".husky/_")


def team_lines(tmp_path: Path) -> list[str]:
    marker = tmp_path / "team"
    return marker.read_text().splitlines() if marker.exists() else []


def head(repo: Repo) -> str | None:
    return repo.git("rev-parse", "--verify", "-q", "HEAD", check=False).stdout.strip() or None


@pytest.fixture
def team(repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """A husky repository with the team's own commit-msg and pre-push scripts."""
    monkeypatch.setenv("TEAM_MARKER", str(tmp_path / "team"))
    repo.record(
        "chore(hooks): add husky",
        {".husky/commit-msg": TEAM_COMMIT_MSG, ".husky/pre-push": TEAM_PRE_PUSH},
    )
    husky(repo)
    return repo


@pytest.fixture
def guarded(team: Repo) -> Repo:
    result = run_commitguard("install", cwd=team.path)
    assert result.returncode == 0, result.stderr
    return team


def test_install_adds_one_line_to_the_teams_script_and_nothing_to_husky(
    team: Repo,
) -> None:
    stubs = {p.name: p.read_bytes() for p in (team.path / ".husky" / "_").iterdir()}
    result = run_commitguard("install", cwd=team.path)
    assert result.returncode == 0, result.stderr
    script = team.path / ".husky" / "commit-msg"
    assert f"installed commit-msg hook at {script}" in result.stdout
    assert script.read_text() == husky_line("commit-msg") + "\n" + TEAM_COMMIT_MSG
    assert {p.name: p.read_bytes() for p in (team.path / ".husky" / "_").iterdir()} == stubs
    ours = team.git_dir / "commitguard" / "hooks" / "commit-msg"
    assert ours.exists()
    assert str(team.git_dir) not in script.read_text()  # the committed line is portable


def test_commits_are_checked_and_the_teams_hook_still_runs(guarded: Repo, tmp_path: Path) -> None:
    guarded.stage("orders.py")
    before = head(guarded)
    refused = guarded.commit(BAD, check=False)
    assert refused.returncode != 0
    assert "[header-format]" in refused.stderr
    assert head(guarded) == before

    assert guarded.commit(GOOD, check=False).returncode == 0
    assert team_lines(tmp_path) == ["team commit-msg saw .git/COMMIT_EDITMSG"]


def test_commitguard_survives_npm_install_rewriting_husky(guarded: Repo) -> None:
    husky(guarded)  # `npm install` again
    guarded.stage("orders.py")
    refused = guarded.commit(BAD, check=False)
    assert "[header-format]" in refused.stderr
    assert guarded.commit(GOOD, check=False).returncode == 0


def test_push_is_checked_and_the_teams_hook_still_gets_the_refs(
    guarded: Repo, tmp_path: Path
) -> None:
    remote = tmp_path / "origin.git"
    Repo(tmp_path).git("init", "-q", "--bare", str(remote))
    guarded.git("remote", "add", "origin", str(remote))
    bad = guarded.record(BAD, {"orders.py": "ORDERS = []\n"})

    refused = guarded.git("push", "-q", "origin", "main", check=False)
    assert refused.returncode != 0
    assert "header-format" in refused.stdout + refused.stderr

    guarded.git("commit", "-q", "--amend", "--no-verify", "-m", GOOD)
    pushed = guarded.git("push", "-q", "origin", "main", check=False)
    assert pushed.returncode == 0, pushed.stdout + pushed.stderr
    good = guarded.git("rev-parse", "HEAD").stdout.strip()
    assert team_lines(tmp_path) == [
        f"team pre-push got: refs/heads/main {good} refs/heads/main {'0' * 40}"
    ]
    assert bad != good


def test_a_teammate_without_commitguard_is_told_and_not_let_through(
    guarded: Repo, tmp_path: Path
) -> None:
    guarded.git("add", ".husky/commit-msg", ".husky/pre-push")
    guarded.git("commit", "-q", "--no-verify", "-m", "chore(hooks): run commitguard")
    clone = Repo(tmp_path / "clone")
    Repo(tmp_path).git("clone", "-q", str(guarded.path), str(clone.path))
    husky(clone)  # the teammate's `npm install`

    clone.stage("orders.py")
    refused = clone.commit(GOOD, check=False)
    assert refused.returncode != 0
    assert "commitguard: not installed in this clone" in refused.stderr
    assert "commitguard install" in refused.stderr

    installed = run_commitguard("install", cwd=clone.path)
    assert installed.returncode == 0, installed.stderr
    assert clone.git("status", "--porcelain", ".husky").stdout == ""  # the line was there
    assert "[header-format]" in clone.commit(BAD, check=False).stderr
    assert clone.commit(GOOD, check=False).returncode == 0


def test_uninstall_removes_exactly_the_line(guarded: Repo) -> None:
    result = run_commitguard("uninstall", cwd=guarded.path)
    assert result.returncode == 0, result.stderr
    assert "removed commit-msg hook" in result.stdout
    assert "skipped" not in result.stdout  # husky's stubs are husky's business
    assert (guarded.path / ".husky" / "commit-msg").read_text() == TEAM_COMMIT_MSG
    assert (guarded.path / ".husky" / "pre-push").read_text() == TEAM_PRE_PUSH
    assert not (guarded.git_dir / "commitguard" / "hooks" / "commit-msg").exists()
    guarded.stage("orders.py")
    assert guarded.commit(BAD, check=False).returncode == 0  # nothing checks any more


def test_a_hook_the_team_had_not_written_is_created_and_removed_whole(team: Repo) -> None:
    script = team.path / ".husky" / "pre-commit"
    assert run_commitguard("install", "--hook", "pre-commit", cwd=team.path).returncode == 0
    assert script.read_text() == husky_line("pre-commit") + "\n"
    assert run_commitguard("uninstall", cwd=team.path).returncode == 0
    assert not script.exists()


def test_a_husky_folder_before_npm_install_is_enough(repo: Repo) -> None:
    # A fresh clone: .husky/ is committed, core.hooksPath not set yet.
    repo.write(".husky/commit-msg", TEAM_COMMIT_MSG)
    assert run_commitguard("install", cwd=repo.path).returncode == 0
    assert husky_line("commit-msg") in (repo.path / ".husky" / "commit-msg").read_text()
    assert not (repo.git_dir / "hooks" / "commit-msg").exists()


def test_install_puts_back_the_stubs_an_earlier_chain_renamed(team: Repo) -> None:
    # What `install --chain` did before commitguard knew husky: the stub renamed aside,
    # commitguard's hook in its place (here from the text the 0.1.0 release wrote).
    stub = team.path / ".husky" / "_" / "commit-msg"
    stub.rename(stub.with_name("commit-msg.pre-commitguard"))
    released = ROOT / "hooks" / "released" / "0.1.0" / "commit-msg"
    stub.write_text(released.read_text().replace("@COMMITGUARD_PYTHON@", sys.executable))
    stub.chmod(0o755)

    result = run_commitguard("install", "--hook", "commit-msg", cwd=team.path)
    assert result.returncode == 0, result.stderr
    assert f"restored commit-msg hook at {stub}" in result.stdout
    assert stub.read_text() == STUB
    assert not stub.with_name("commit-msg.pre-commitguard").exists()
    team.stage("orders.py")
    assert team.commit(BAD, check=False).stderr.count("[header-format]") == 1  # once
