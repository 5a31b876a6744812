"""The hooks never run code from the repository they check.

git runs hooks from the top of the work tree, and a Python started there with `-m`
finds that folder first on sys.path. Every repository here commits modules that shadow
the standard library and commitguard itself; each writes a marker and exits 0, which
would let any message or push through. The verdict must stay commitguard's, and the
marker must never appear: through real `git commit` and `git push` for every hook
kind, through the console-script fallback, and through the pre-commit framework.
"""

from __future__ import annotations

import re
import shlex
import shutil
import sysconfig
from pathlib import Path

import pytest
import yaml

from commitguard.commands.install import START
from tests.helpers import ROOT, HookRepository, Repo, config_text, pre_commit, run_commitguard

GOOD = "feat(orders): add pagination"
BAD = "added pagination"

# What the hook's own imports (and a console script's `import re`) would find first.
SHADOWS = (
    "subprocess.py",
    "shlex.py",
    "tempfile.py",
    "select.py",
    "secrets.py",
    "token.py",
    "re.py",
    "commitguard/__init__.py",
    "commitguard/__main__.py",
)


def hostile(marker: Path) -> dict[str, str | bytes | None]:
    code = f"open({str(marker)!r}, 'a').write(__name__ + '\\n')\nraise SystemExit(0)\n"
    return dict.fromkeys(SHADOWS, code)


def ran(marker: Path) -> list[str]:
    return marker.read_text().split() if marker.exists() else []


def head(repo: Repo) -> str | None:
    return repo.git("rev-parse", "--verify", "-q", "HEAD", check=False).stdout.strip() or None


def install(repo: Repo, *hooks: str) -> None:
    args = [item for hook in hooks for item in ("--hook", hook)]
    result = run_commitguard("install", *args, cwd=repo.path)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def marker(tmp_path: Path) -> Path:
    return tmp_path / "ran-from-the-repository"


@pytest.fixture
def hostile_repo(repo: Repo, marker: Path) -> Repo:
    """Shadowing modules committed at the root, every hook installed afterwards."""
    repo.record("chore(repo): add the tools", hostile(marker))
    install(repo, "commit-msg", "pre-push", "pre-commit", "prepare-commit-msg")
    return repo


# The ways a developer's PYTHONPATH can name the work tree without saying so.
PYTHONPATHS = [
    pytest.param(None, id="no-pythonpath"),
    pytest.param(":", id="empty-entries"),
    pytest.param(".:src", id="relative-entries"),
]


@pytest.mark.parametrize("pythonpath", PYTHONPATHS)
def test_commit_msg_hook_refuses_a_bad_message_without_running_the_repository(
    hostile_repo: Repo, marker: Path, pythonpath: str | None
) -> None:
    env = {} if pythonpath is None else {"PYTHONPATH": pythonpath}
    before = head(hostile_repo)
    hostile_repo.stage("orders.py")
    refused = hostile_repo.git("commit", "-m", BAD, env=env, check=False)
    assert refused.returncode != 0
    assert "[header-format]" in refused.stderr
    assert head(hostile_repo) == before
    assert hostile_repo.git("commit", "-m", GOOD, env=env, check=False).returncode == 0
    assert ran(marker) == []


def test_pre_commit_hook_refuses_a_mixed_index_without_running_the_repository(
    hostile_repo: Repo, marker: Path
) -> None:
    hostile_repo.record("chore(db): add prisma", {"prisma/schema.prisma": "model U { id Int }\n"})
    hostile_repo.stage("prisma/migrations/20260101000000_init/migration.sql", "CREATE TABLE t;\n")
    hostile_repo.stage("src/users/service.ts", "export const x = 1\n")
    result = hostile_repo.commit(GOOD, check=False)
    assert result.returncode != 0
    assert "migration-separate" in result.stderr
    assert ran(marker) == []


def test_prepare_commit_msg_hook_still_writes_the_template_without_running_the_repository(
    hostile_repo: Repo, marker: Path, tmp_path: Path
) -> None:
    hostile_repo.stage("src/auth/guards/jwt.guard.ts", "export class JwtGuard {}\n")
    seen = tmp_path / "seen.txt"
    editor = tmp_path / "editor.sh"
    editor.write_text(f'#!/bin/sh\ncp "$1" "{seen}"\nprintf "{BAD}\\n" > "$1"\n')
    editor.chmod(0o755)
    result = hostile_repo.git("commit", env={"GIT_EDITOR": str(editor)}, check=False)
    assert "Impact:" in seen.read_text()
    assert result.returncode != 0  # and the commit-msg hook still refused the message
    assert ran(marker) == []


def test_pre_push_hook_refuses_a_bad_commit_without_running_the_repository(
    hostile_repo: Repo, marker: Path, tmp_path: Path
) -> None:
    remote = tmp_path / "origin.git"
    Repo(tmp_path).git("init", "-q", "--bare", str(remote))
    hostile_repo.git("remote", "add", "origin", str(remote))
    hostile_repo.record(BAD, {"orders.py": "ORDERS = []\n"})
    pushed = hostile_repo.git("push", "-q", "origin", "main", check=False)
    assert pushed.returncode != 0
    assert "header-format" in pushed.stdout + pushed.stderr
    assert hostile_repo.git("ls-remote", "origin").stdout == ""
    assert ran(marker) == []


@pytest.mark.parametrize("name", ["secrets.py", "token.py"])
def test_a_module_named_like_the_standard_library_is_simply_ignored(repo: Repo, name: str) -> None:
    # No attack here: a settings module a team happened to name this way.
    repo.record("chore(config): add settings", {name: 'API_URL = "https://example.com"\n'})
    install(repo, "commit-msg")
    repo.stage("orders.py")
    refused = repo.commit(BAD, check=False)
    assert "[header-format]" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert repo.commit(GOOD, check=False).returncode == 0


# --- the console script on PATH, when the hook's own Python is gone ------------------------


def _without_its_python(hook: Path) -> None:
    text, count = re.subn(
        r"^COMMITGUARD_PYTHON=.*$",
        "COMMITGUARD_PYTHON=/nonexistent/python3",
        hook.read_text(),
        flags=re.M,
    )
    assert count == 1
    hook.write_text(text)


def _bin_with_git(tmp_path: Path) -> Path:
    directory = tmp_path / "bin"
    directory.mkdir()
    git = shutil.which("git")
    assert git is not None
    (directory / "git").symlink_to(git)
    return directory


@pytest.mark.parametrize("pythonpath", [":", ".:src"])
def test_the_console_script_fallback_never_reads_the_work_tree(
    hostile_repo: Repo, marker: Path, tmp_path: Path, pythonpath: str
) -> None:
    _without_its_python(hostile_repo.git_dir / "hooks" / "commit-msg")
    scripts = sysconfig.get_path("scripts")
    env = {"PATH": f"{_bin_with_git(tmp_path)}:{scripts}", "PYTHONPATH": pythonpath}
    hostile_repo.stage("orders.py")
    refused = hostile_repo.git("commit", "-m", BAD, env=env, check=False)
    assert "[header-format]" in refused.stderr
    assert ran(marker) == []


def test_a_commitguard_on_a_relative_path_entry_is_not_run(
    hostile_repo: Repo, marker: Path, tmp_path: Path
) -> None:
    # husky puts node_modules/.bin, relative, first on PATH: a committed one is not ours.
    fake = hostile_repo.write("node_modules/.bin/commitguard", f"#!/bin/sh\necho x > {marker}\n")
    fake.chmod(0o755)
    _without_its_python(hostile_repo.git_dir / "hooks" / "commit-msg")
    env = {"PATH": f"node_modules/.bin:{_bin_with_git(tmp_path)}"}
    hostile_repo.stage("orders.py")
    refused = hostile_repo.git("commit", "-m", GOOD, env=env, check=False)
    assert refused.returncode != 0
    assert "commitguard: not found" in refused.stderr
    assert ran(marker) == []


# --- the pre-commit framework ---------------------------------------------------------------


def test_every_framework_entry_starts_commitguard_as_the_hooks_do() -> None:
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    for hook in manifest:
        assert shlex.split(hook["entry"])[:3] == ["python", "-c", START], hook["id"]


def test_the_framework_hook_never_reads_the_work_tree(
    repo: Repo,
    marker: Path,
    hook_repository: HookRepository,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PRE_COMMIT_HOME", str(hook_repository.pre_commit_home))
    # Only commitguard/: pre-commit itself runs `python -m pre_commit` from the work tree,
    # and a re.py there would take over pre-commit before commitguard is ever started.
    package = {name: code for name, code in hostile(marker).items() if "/" in name}
    repo.record("chore(repo): add the tools", package)
    repo.write(".pre-commit-config.yaml", config_text(hook_repository))
    installed = pre_commit("install", cwd=repo.path)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    repo.git("add", ".pre-commit-config.yaml")

    refused = repo.git("commit", "-m", BAD, env={"PYTHONPATH": ":"}, check=False)
    assert refused.returncode != 0
    assert "[header-format]" in refused.stdout + refused.stderr
    assert ran(marker) == []
