"""The commit-msg hook's fast lane: same behaviour as click, none of its import cost."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from commitguard.__main__ import parse_quick_lint
from tests.helpers import Repo, run_commitguard, run_in_child

# What may never be imported while the hook lints a message in a repository
# without a configuration file (see README, Performance).
HEAVY = (
    "click",
    "yaml",
    "git",
    "commitizen",
    "dataclasses",
    "inspect",
    "pathlib",
    "typing",
    "json",
    "difflib",
    "tomllib",
    "tempfile",
    "shlex",
    "subprocess",  # with locale, signal, threading and selectors: git.py spawns by hand
)


def _via_click(argv: list[str], cwd: Path, stdin: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; from commitguard.cli import run; sys.exit(run(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, *argv],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["lint", "msg"], id="file"),
        pytest.param(["lint", "-"], id="stdin"),
        pytest.param(["lint", "--no-prompt", "msg"], id="no-prompt"),
        pytest.param(["lint", "--format", "json", "msg"], id="json"),
        pytest.param(["lint", "--format=json", "--", "msg"], id="json-equals-double-dash"),
        pytest.param(["lint", "--config", "cfg.yaml", "msg"], id="config"),
        pytest.param(["lint", "--config=missing.yaml", "msg"], id="missing-config"),
        pytest.param(["lint", "nothere"], id="missing-file"),
        pytest.param(["lint"], id="default-file"),
    ],
)
def test_fast_lane_and_click_agree(repo: Repo, argv: list[str]) -> None:
    repo.write("msg", "Feat(Orders): Add pagination.\n")
    repo.write("cfg.yaml", "rules:\n  subject-case: warning\n")
    (repo.git_dir / "COMMIT_EDITMSG").write_text("fix: typo\n")
    stdin = "feat(orders): add pagination\n"
    assert parse_quick_lint(argv) is not None
    fast = run_in_child(*argv, cwd=repo.path, input=stdin)
    slow = _via_click(argv, repo.path, stdin)
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        slow.returncode,
        slow.stdout,
        slow.stderr,
    )


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param([], id="nothing"),
        pytest.param(["rules"], id="other-command"),
        pytest.param(["lint", "--help"], id="help"),
        pytest.param(["lint", "-h"], id="short-help"),
        pytest.param(["lint", "a", "b"], id="two-files"),
        pytest.param(["lint", "--format", "xml"], id="bad-choice"),
        pytest.param(["lint", "--format"], id="missing-value"),
        pytest.param(["lint", "--unknown"], id="unknown-option"),
    ],
)
def test_anything_unusual_goes_to_click(argv: list[str]) -> None:
    assert parse_quick_lint(argv) is None


def _lint_in_child(repo: Repo, message: Path) -> tuple[str, list[str], str]:
    """`commitguard lint MESSAGE` through the hook's entry point in a fresh Python: its
    exit code, every module it imported, and its stderr."""
    probe = (
        "import sys\n"
        "sys.argv = ['commitguard', 'lint', sys.argv[1]]\n"
        "from commitguard.__main__ import main\n"
        "code = main()\n"
        "print(code, *sorted(sys.modules), file=sys.__stdout__)\n"
    )
    # Measured coverage would import half the standard library into the child.
    env = {name: value for name, value in os.environ.items() if not name.startswith("COVERAGE")}
    result = subprocess.run(
        [sys.executable, "-c", probe, str(message)],
        cwd=repo.path,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    code, *imported = result.stdout.split()
    return code, imported, result.stderr


# A project's root manifests, which `security.project: auto` reads by hand on every run.
ROOT = {
    "package.json": '{\n  "name": "orders-api",\n  "version": "1.0.0"\n}\n',
    "pyproject.toml": '[project]\nname = "orders-api"\n',
    "Gemfile": 'source "https://rubygems.org"\n',
    "orders.gemspec": "Gem::Specification.new\n",
}


def test_the_hook_path_imports_nothing_heavy(repo: Repo) -> None:
    for name, text in ROOT.items():
        repo.write(name, text)
    repo.stage("src/app.py", "print('hi')\n")
    message = repo.write("msg", "Feat(Orders): Add pagination.\n")
    code, modules, stderr = _lint_in_child(repo, message)
    assert code == "1", stderr
    imported = {name.split(".")[0] for name in modules}
    assert "commitguard" in imported
    assert sorted(imported & set(HEAVY)) == []


# What a valid message that names no impact never needs (each costs the hook a
# millisecond or more of regular expressions compiled at import). `re` brings `enum`,
# `functools` and `collections` with it: together a fifth of the hook's run.
UNNEEDED = (
    "commitguard.security.body",
    "commitguard.security.prompt",
    "commitguard.security.detect",  # a feat is no security type: nothing to detect
    "commitguard.security.words",
    "commitguard.globs",  # no configuration file, and no staged path any layout claims
    "click",
    "re",
    "enum",
    "functools",
    "collections",
)


@pytest.mark.parametrize("staged", [1, 100], ids=["one-file", "an-index-sifted-at-once"])
def test_a_valid_message_imports_only_what_it_uses(repo: Repo, staged: int) -> None:
    for name, text in ROOT.items():
        repo.write(name, text)
    for number in range(staged):
        repo.stage(f"src/orders/service{number}.py", "ORDERS = []\n")
    message = repo.write("msg", "feat(orders): add pagination\n\nPages of 50.\n")
    code, imported, stderr = _lint_in_child(repo, message)
    assert code == "0", stderr
    assert "commitguard.rules.security" in imported
    assert sorted(set(imported) & set(UNNEEDED)) == []


# --- the git questions the fast lane asks ahead (commands/lint_git.py) ----------------------


def _bare(tmp_path: Path) -> Path:
    path = tmp_path / "bare.git"
    subprocess.run(["git", "init", "-q", "--bare", str(path)], check=True)
    return path


def _broken_index(tmp_path: Path) -> Path:
    # `git diff --cached` fails on it; rev-parse and config never read the index.
    path = tmp_path / "broken"
    repo = Repo(path)
    path.mkdir()
    repo.git("init", "-q")
    repo.stage("src/app.py")
    (path / ".git" / "index").write_bytes(b"not an index")
    return path


def _outside(tmp_path: Path) -> Path:
    path = tmp_path / "plain"
    path.mkdir()
    return path


@pytest.mark.parametrize("where", [_bare, _broken_index, _outside], ids=lambda f: f.__name__)
@pytest.mark.parametrize("message", ["feat(orders): add pagination\n", "Added pagination.\n"])
def test_questions_asked_ahead_give_what_asking_when_needed_gives(
    tmp_path: Path, where: Callable[[Path], Path], message: str
) -> None:
    # The fast lane asks git everything at start-up, click's lane when the door needs
    # it: an error git gives a question the door never asks (the index of a bare
    # repository) must change nothing, and one it asks must fail the same way.
    cwd = where(tmp_path)
    (cwd / "msg").write_text(message)
    fast = run_in_child("lint", "msg", cwd=cwd)
    slow = _via_click(["lint", "msg"], cwd, "")
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        slow.returncode,
        slow.stdout,
        slow.stderr,
    )
    assert "Traceback" not in fast.stderr


SLOW_GIT = """#!/bin/sh
printf '%s\\n' "$*" >> "$GIT_CALLS"
case " $* " in *" diff "*) sleep 0.5 ;; esac
exec {git} "$@"
"""

# No rule reads the staged paths: the door never asks for them.
NO_PATH_RULES = """rules:
  migration-separate: off
  migration-without-down: off
  security-impact: off
  security-no-impact: off
"""


def test_the_fast_lane_waits_for_every_git_it_started(repo: Repo, tmp_path: Path) -> None:
    shims = tmp_path / "shims"
    shims.mkdir()
    (shims / "git").write_text(SLOW_GIT.format(git=shutil.which("git")))
    (shims / "git").chmod(0o755)
    calls = tmp_path / "git-calls"
    repo.write(".commitguard.yaml", NO_PATH_RULES)
    repo.stage("src/app.py")
    repo.write("msg", "feat(orders): add pagination\n")
    probe = (
        "import os, sys\n"
        "sys.argv = ['commitguard', 'lint', 'msg']\n"
        "from commitguard.__main__ import main\n"
        "code = main()\n"
        "try:\n"
        "    os.waitpid(-1, os.WNOHANG)\n"
        "    print('a child is left', code)\n"
        "except ChildProcessError:\n"
        "    print('no child left', code)\n"
    )
    env = {**os.environ, "PATH": f"{shims}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=repo.path,
        capture_output=True,
        text=True,
        check=False,
        env={**env, "GIT_CALLS": str(calls)},
    )
    assert result.stdout == "no child left 0\n", result.stderr
    asked = calls.read_text().splitlines()
    # One git call for each question, the index included though no rule reads it.
    assert len(asked) == 3
    assert sum(" diff --cached " in f" {call} " for call in asked) == 1


@pytest.mark.parametrize("collecting", [True, False], ids=["enabled", "disabled"])
def test_the_fast_lane_gives_back_the_collector_as_it_found_it(
    repo: Repo, collecting: bool
) -> None:
    # It runs with the cyclic collector off; the tests call it in their own process.
    repo.write("msg", "feat(orders): add pagination\n")
    was = gc.isenabled()
    (gc.enable if collecting else gc.disable)()
    try:
        result = run_commitguard("lint", "msg", cwd=repo.path)
        assert (result.returncode, gc.isenabled()) == (0, collecting)
    finally:
        (gc.enable if was else gc.disable)()
