"""The prepare-commit-msg hook: a commented security template, through real `git commit`."""

from __future__ import annotations

from pathlib import Path

import pytest

from commitguard.commands.install import template
from commitguard.security.template import commented_template, insert_template
from tests.helpers import Repo

# Keeps what git handed the editor, then types a message, as a person would.
EDITOR = """#!/bin/sh
cp "$1" "$CAPTURE"
printf 'fix(auth): reject expired tokens\\n\\nFixed.\\nImpact: High\\nAffects: All\\n' > "$1"
"""


@pytest.fixture
def prepared(repo: Repo, tmp_path: Path) -> Repo:
    hook = repo.git_dir / "hooks" / "prepare-commit-msg"
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text(template("prepare-commit-msg"))
    hook.chmod(0o755)
    editor = tmp_path / "editor.sh"
    editor.write_text(EDITOR)
    editor.chmod(0o755)
    repo.git("config", "core.editor", str(editor))
    return repo


def edit_commit(repo: Repo, tmp_path: Path, *args: str) -> str:
    capture = tmp_path / "seen.txt"
    result = repo.git("commit", *args, env={"CAPTURE": str(capture)})
    assert result.returncode == 0
    return capture.read_text() if capture.exists() else ""


def test_the_editor_shows_the_template_for_security_paths(prepared: Repo, tmp_path: Path) -> None:
    prepared.stage("src/auth/guards/jwt.guard.ts", "export class JwtGuard {}\n")
    seen = edit_commit(prepared, tmp_path)
    assert (
        "# commitguard: the staged changes touch security-sensitive code "
        "(src/auth/guards/jwt.guard.ts).\n" in seen
    )
    assert "# Impact: <Critical|High|Medium|Low|None>\n# Affects: <what is affected>\n" in seen
    assert seen.index("# commitguard:") < seen.index("# Please enter the commit message")
    # git strips the comments: the commit holds what was typed.
    assert prepared.head_message().endswith("Impact: High\nAffects: All")


@pytest.mark.parametrize(
    ("path", "args"),
    [
        pytest.param("src/orders/list.ts", (), id="not-security"),
        pytest.param("src/common/guards/throttler.guard.ts", (), id="throttler"),
        pytest.param("src/auth/jwt.ts", ("-m", "fix(auth): x\n\nFixed.", "-e"), id="message"),
    ],
)
def test_no_template_otherwise(
    prepared: Repo, tmp_path: Path, path: str, args: tuple[str, ...]
) -> None:
    prepared.stage(path, "x\n")
    seen = edit_commit(prepared, tmp_path, *args)
    # No security template (a scope the paths suggest may still be offered, commented).
    assert "the staged changes touch" not in seen
    assert "Impact:" not in seen
    assert "# Please enter the commit message" in seen


def test_insert_template_with_a_custom_comment_char() -> None:
    text = "\n; Please enter the commit message\n"
    added = insert_template(text, commented_template(["a/auth/b.py"], ";"), ";")
    assert added.startswith("\n; commitguard: the staged changes touch")
    assert added.endswith("\n\n; Please enter the commit message\n")
