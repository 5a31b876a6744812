"""git's own reverts are let through; a message that only borrows their shape is not.

A `Revert "x"` message is exempt from every rule only when the commit it cites exists
and its header is exactly `x` (`Reapply "x"`: the cited revert's header is `Revert "x"`),
in the commit-msg hook and in `check`, all through real `git revert` and `git commit`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import Repo, run_commitguard

ORDERS = "feat(orders): add the order model"
CART = "fix(cart): keep items after login"


@pytest.fixture
def hooked(repo: Repo) -> Repo:
    """Two commits, then the commit-msg hook installed: every commit after goes through it."""
    repo.record(ORDERS, {"orders.py": "ORDERS = []\n"})
    repo.record(CART, {"cart.py": "CART = []\n"})
    installed = run_commitguard("install", "--hook", "commit-msg", cwd=repo.path)
    assert installed.returncode == 0, installed.stderr
    return repo


def _sha(repo: Repo, revision: str = "HEAD") -> str:
    return repo.git("rev-parse", revision).stdout.strip()


def _header(repo: Repo) -> str:
    return repo.head_message().splitlines()[0]


def test_gits_own_revert_passes_the_hook(hooked: Repo) -> None:
    target = _sha(hooked)
    result = hooked.git("revert", "--no-edit", "HEAD", check=False)
    assert result.returncode == 0, result.stderr
    assert _header(hooked) == f'Revert "{CART}"'
    assert f"This reverts commit {target}." in hooked.head_message()


def test_a_revert_of_a_revert_passes_the_hook(hooked: Repo) -> None:
    hooked.git("revert", "--no-edit", "HEAD")
    result = hooked.git("revert", "--no-edit", "HEAD", check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "header",
    [
        pytest.param('Revert "anything at all"', id="another-header"),
        pytest.param(f'Revert "{ORDERS}"', id="the-header-of-another-commit"),
        pytest.param(f'Revert "{CART.upper()}"', id="the-header-in-other-case"),
    ],
)
def test_a_revert_citing_a_commit_with_another_header_is_judged(hooked: Repo, header: str) -> None:
    before = _sha(hooked)
    message = f"{header}\n\nThis reverts commit {before}."
    result = hooked.commit(message, "--allow-empty", check=False)
    assert result.returncode != 0
    assert "error[header-format]" in result.stderr
    assert _sha(hooked) == before


def test_a_reapply_citing_a_revert_passes_and_one_citing_the_original_does_not(
    hooked: Repo,
) -> None:
    original = _sha(hooked)
    hooked.git("revert", "--no-edit", "HEAD")
    revert = _sha(hooked)
    # What git 2.43 and later write when reverting a revert.
    borrowed = f'Reapply "{CART}"\n\nThis reverts commit {original}.'
    refused = hooked.commit(borrowed, "--allow-empty", check=False)
    assert refused.returncode != 0
    assert _sha(hooked) == revert
    reapplied = f'Reapply "{CART}"\n\nThis reverts commit {revert}.'
    passed = hooked.commit(reapplied, "--allow-empty", check=False)
    assert passed.returncode == 0, passed.stderr


def test_check_exempts_only_reverts_whose_cited_header_matches(repo: Repo) -> None:
    repo.record(ORDERS, {"orders.py": "ORDERS = []\n"})
    target = repo.record(CART, {"cart.py": "CART = []\n"})
    repo.git("revert", "--no-edit", "HEAD")
    genuine = _sha(repo)
    forged = repo.record(f'Revert "do anything"\n\nThis reverts commit {target}.')
    result = run_commitguard("check", "HEAD~2..HEAD", "--format", "json", cwd=repo.path)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["summary"]["exempted"] == 1
    flagged = {commit["sha"] for commit in data["commits"]}
    assert flagged == {forged}
    assert genuine not in flagged


def test_lint_outside_a_repository_still_trusts_the_shape(tmp_path: Path) -> None:
    # No repository to ask: a message file linted anywhere keeps the old exemption.
    message = f'Revert "{CART}"\n\nThis reverts commit {"a" * 40}.\n'
    result = run_commitguard("lint", "--no-prompt", "-", cwd=tmp_path, input=message)
    assert result.returncode == 0, result.stderr


def test_check_exempts_a_revert_squash_merged_by_github(repo: Repo) -> None:
    # GitHub's squash merge of a revert pull request appends ` (#N)` after git's quote.
    target = repo.record(
        "chore(deps): update all non-major dependencies (#14749)", {"deps.txt": "1\n"}
    )
    repo.git("revert", "--no-edit", "HEAD")
    squashed = repo.head_message().replace('"\n', '" (#14760)\n', 1)
    repo.git("commit", "--amend", "--no-verify", "-m", squashed)
    assert _header(repo).endswith('(#14749)" (#14760)')
    assert f"This reverts commit {target}." in repo.head_message()
    forged = repo.record(f'Revert "another header" (#14761)\n\nThis reverts commit {target}.')
    result = run_commitguard("check", "HEAD~2..HEAD", "--format", "json", cwd=repo.path)
    data = json.loads(result.stdout)
    assert data["summary"]["exempted"] == 1
    assert {commit["sha"] for commit in data["commits"]} == {forged}


@pytest.mark.parametrize(
    "header",
    [
        pytest.param("v21.2.2", id="tag-name"),
        pytest.param("1.2.3", id="npm-version"),
        pytest.param("chore(release): 1.2.3", id="chore-release"),
        pytest.param("chore(release): v2.0.0-beta.1 [skip ci]", id="prerelease-skip-ci"),
    ],
)
def test_a_release_commit_is_exempt_in_every_preset(repo: Repo, header: str) -> None:
    for preset in ("team", "conventional"):
        (repo.path / ".commitguard.yaml").write_text(f"preset: {preset}\n")
        message = f"{header}\n\n" + "A changelog line far longer than any body limit. " * 4
        result = run_commitguard("lint", "--no-prompt", "-", cwd=repo.path, input=message)
        assert result.returncode == 0, (preset, result.stderr)


@pytest.mark.parametrize(
    "header",
    [
        pytest.param("v21.2", id="not-semver"),
        pytest.param("release 1.2.3", id="words-before"),
        pytest.param("feat: 1.2.3", id="another-type"),
    ],
)
def test_a_header_that_only_mentions_a_version_is_judged(repo: Repo, header: str) -> None:
    result = run_commitguard("lint", "--no-prompt", "-", cwd=repo.path, input=header + "\n")
    assert result.returncode == 1, result.stdout
