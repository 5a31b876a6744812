"""Every command has help with an example and a README section; every rule is documented."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from commitguard import __version__
from commitguard.cli import cli
from commitguard.commands.install import HOOK_NAMES, OPTIONAL_HOOKS
from commitguard.rules import catalogue
from tests.helpers import (
    ROOT,
    HookRepository,
    Repo,
    git_in,
    isolated_env,
    pre_commit,
    run_commitguard,
)

README = (ROOT / "README.md").read_text()
COMMANDS = sorted(cli.commands)


def test_readme_starts_with_the_install_and_the_test_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.S)
    assert "pip install -q ." in blocks[0]
    assert "commitguard" in blocks[0].split("pip install -q .", 1)[1]
    assert "pip install -e '.[test]'" in blocks[1]
    assert "pytest" in blocks[1]
    ci = (ROOT / ".ci" / "run").read_text()
    assert blocks[1].strip() in ci


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run_commitguard(command, "--help")
    assert result.returncode == 0
    assert "Example" in result.stdout
    assert f"commitguard {command}" in result.stdout.split("Example", 1)[1]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_a_readme_section(command: str) -> None:
    assert f"### commitguard {command}" in README


@pytest.mark.parametrize("rule_id", sorted(catalogue()))
def test_every_rule_is_in_the_readme_table(rule_id: str) -> None:
    assert f"| `{rule_id}` |" in README


def test_the_first_command_uses_a_venv_and_only_reads_the_history() -> None:
    first = re.findall(r"```sh\n(.*?)```", README, flags=re.S)[0].strip()
    assert "\n" not in first
    steps = [step.split() for step in first.split(" && ")]
    # a system Python that refuses pip outside a virtual environment (Debian) is never asked
    assert steps[0] == ["python3", "-m", "venv", ".venv"]
    assert steps[1][0] == ".venv/bin/pip"
    assert all(step[0] != "pip" and step[:3] != ["python3", "-m", "pip"] for step in steps)
    # no hook installed into commitguard's own clone: the last step only reads
    *_, run = steps
    assert run[0] == ".venv/bin/commitguard"
    assert run[1] in {"check", "lint", "report", "rules", "explain"}
    assert ".venv/" in (ROOT / ".gitignore").read_text().splitlines()


def test_the_first_command_shows_this_repositorys_history(repo: Repo) -> None:
    first = re.findall(r"```sh\n(.*?)```", README, flags=re.S)[0].strip()
    args = first.split(" && ")[-1].split()[1:]
    # a clone of this repository's history, as a newcomer has it
    clone = repo.path / "clone"
    repo.git("clone", "-q", str(ROOT), str(clone))
    before = Repo(clone).git("status", "--porcelain", "--ignored").stdout
    result = run_commitguard(*args, cwd=clone)
    assert result.returncode in (0, 1), result.stderr
    assert re.search(r"\d+ commits checked in HEAD", result.stdout), result.stdout
    assert Repo(clone).git("status", "--porcelain", "--ignored").stdout == before
    assert not (clone / ".git" / "hooks" / "commit-msg").exists()


# --- the README's snippets work as written ----------------------------------------------

VERSION = __version__
PLACEHOLDER = "https://github.com/<your-org>/commitguard"


def _yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", README, flags=re.S)


def test_every_snippet_names_the_release_tag_of_this_version() -> None:
    declared = re.search(r'^version = "(.+)"$', (ROOT / "pyproject.toml").read_text(), re.M)
    assert declared is not None
    assert declared[1] == VERSION
    named = re.findall(r"(?:rev: |commitguard@)(\S+?)\"?$", README, flags=re.M)
    assert len(named) >= 3, named  # pre-commit, GitHub Actions, GitLab
    assert set(named) == {f"v{VERSION}"}


def test_uninstall_help_names_every_hook_it_removes() -> None:
    said = " ".join(run_commitguard("uninstall", "--help").stdout.split())
    for hook in (*HOOK_NAMES, *OPTIONAL_HOOKS):
        assert hook in said


def test_the_pre_commit_snippet_works_against_a_clone(
    repo: Repo, hook_repository: HookRepository, tmp_path: Path
) -> None:
    (snippet,) = [block for block in _yaml_blocks() if ".pre-commit-config.yaml" in block]
    # A clone of this repository, tagged as a release tags it; only the URL changes.
    clone = tmp_path / "commitguard"
    env = isolated_env(tmp_path, hook_repository.pre_commit_home)
    git_in(tmp_path, env, "clone", "-q", str(hook_repository.path), str(clone))
    git_in(clone, env, "tag", f"v{VERSION}")
    assert PLACEHOLDER in snippet
    repo.write(".pre-commit-config.yaml", snippet.replace(PLACEHOLDER, str(clone)))
    repo.git("add", ".pre-commit-config.yaml")
    installed = pre_commit("install", cwd=repo.path, env={**os.environ, **env})
    assert installed.returncode == 0, installed.stdout + installed.stderr
    refused = repo.commit("added pagination", check=False)
    assert refused.returncode != 0, refused.stdout + refused.stderr
    assert "[header-format]" in refused.stdout + refused.stderr
    landed = repo.commit("feat(orders): add pagination", check=False)
    assert landed.returncode == 0, landed.stdout + landed.stderr


@pytest.mark.parametrize(
    ("scope", "passes"),
    [
        pytest.param("order-history", True, id="kebab"),
        pytest.param("order_history", True, id="snake"),
        pytest.param("api/v2", True, id="slash"),
        pytest.param("OrderHistory", False, id="pascal"),
    ],
)
def test_the_readme_says_which_scopes_pass_as_the_rule_judges(
    repo: Repo, scope: str, passes: bool
) -> None:
    (row,) = [line for line in README.splitlines() if line.startswith("| `scope-case` |")]
    assert f"`{scope}`" in row
    said = run_commitguard(
        "lint", "--no-prompt", "-", cwd=repo.path, input=f"feat({scope}): show refunds\n"
    )
    assert ("scope-case" not in said.stderr) is passes, said.stderr
