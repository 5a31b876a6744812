from __future__ import annotations

from tests.helpers import Repo, run_in_child


def test_python_m_commitguard_accepts_a_conforming_message_from_stdin(repo: Repo) -> None:
    result = run_in_child("lint", "-", cwd=repo.path, input="feat(orders): add pagination\n")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
