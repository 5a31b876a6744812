"""The commit-msg hook's fast lane: same behaviour as click, none of its import cost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from commitguard.__main__ import parse_quick_lint
from tests.helpers import Repo, run_in_child

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


def test_the_hook_path_imports_nothing_heavy(repo: Repo) -> None:
    repo.stage("src/app.py", "print('hi')\n")
    message = repo.write("msg", "Feat(Orders): Add pagination.\n")
    probe = (
        "import sys\n"
        "sys.argv = ['commitguard', 'lint', sys.argv[1]]\n"
        "from commitguard.__main__ import main\n"
        "main()\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.__stdout__)\n"
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
    imported = {name.split(".")[0] for name in result.stdout.split()}
    assert "commitguard" in imported
    assert sorted(imported & set(HEAVY)) == []
