"""`check --config-from REV`: a pull request judged by the configuration it is merged into.

A real bare remote, a `main` whose `.commitguard.yaml` the team agreed on, and a pull
request branch that rewrites it to let its own bad commit through. The GitHub Action's
step and the README's GitLab job are run as written, with bash and sh, over the clone.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import ROOT, Repo, run_commitguard

TEAM = "types: [feat, fix]\nrules:\n  body-max-line-length: error\n"
# What a pull request could write to pass anything.
PERMISSIVE = "rules:\n  header-format: off\n"
BAD = "wip"


class PullRequest:
    """main: the team's configuration; feature: a permissive one and a bad commit, in a
    fresh clone of the bare remote, checked out at the pull request's head as CI does."""

    def __init__(self, root: Path) -> None:
        Repo(root).git("init", "-q", "--bare", "remote.git")
        self.url = (root / "remote.git").as_uri()
        Repo(root).git("clone", "-q", self.url, "dev")
        dev = Repo(root / "dev")
        dev.commit_file(".commitguard.yaml", "chore(ci): agree on the standard", TEAM)
        dev.git("push", "-q", "origin", "main")
        self.base = dev.git("rev-parse", "HEAD").stdout.strip()
        dev.git("checkout", "-q", "-b", "feature")
        dev.commit_file(".commitguard.yaml", "chore(ci): relax the standard", PERMISSIVE)
        dev.commit_file("orders.py", BAD)
        dev.git("push", "-q", "origin", "feature")
        Repo(root).git("clone", "-q", self.url, "ci")
        self.ci = Repo(root / "ci")
        self.ci.git("checkout", "-q", "feature")
        self.head = self.ci.git("rev-parse", "HEAD").stdout.strip()


@pytest.fixture
def pull(tmp_path: Path) -> PullRequest:
    return PullRequest(tmp_path)


def _check(pull: PullRequest, *args: str) -> subprocess.CompletedProcess[str]:
    return run_commitguard("check", *args, "origin/main..HEAD", cwd=pull.ci.path)


def test_the_checkout_configuration_lets_the_pull_request_pass(pull: PullRequest) -> None:
    # What --config-from is for: without it, the pull request judges itself.
    assert _check(pull).returncode == 0


def test_the_base_configuration_judges_the_pull_request(pull: PullRequest) -> None:
    result = _check(pull, "--config-from", "origin/main")
    assert result.returncode == 1
    assert "commitguard: configuration from origin/main:.commitguard.yaml\n" in result.stderr
    assert "error[header-format]" in result.stdout
    assert "configuration from" not in result.stdout  # stdout may be read by a machine


def test_config_from_keeps_a_machine_format_clean(pull: PullRequest) -> None:
    result = _check(pull, "--config-from", pull.base, "--format", "json")
    assert result.returncode == 1
    assert result.stdout.lstrip().startswith("{")
    assert f"configuration from {pull.base}:.commitguard.yaml" in result.stderr


def test_a_revision_without_configuration_means_the_defaults(pull: PullRequest) -> None:
    pull.ci.git("rm", "-q", ".commitguard.yaml")
    pull.ci.git("commit", "-q", "--no-verify", "-m", "chore(ci): drop the configuration")
    result = _check(pull, "--config-from", "HEAD")
    assert "commitguard: no configuration at HEAD: the defaults (the team preset)" in (
        result.stderr
    )
    assert result.returncode == 1  # `wip` breaks the team preset too


def test_a_pyproject_at_the_revision_is_read(pull: PullRequest) -> None:
    pull.ci.git("checkout", "-q", "main")
    pull.ci.git("rm", "-q", ".commitguard.yaml")
    pull.ci.write("pyproject.toml", '[tool.commitguard]\npreset = "conventional"\n')
    pull.ci.git("add", "pyproject.toml")
    pull.ci.git("commit", "-q", "--no-verify", "-m", "build: move the configuration")
    result = _check(pull, "--config-from", "HEAD")
    assert "configuration from HEAD:pyproject.toml [tool.commitguard]" in result.stderr


@pytest.mark.parametrize(
    ("content", "said"),
    [
        pytest.param(
            "types: [feat]\ntypes: [fix]\n",
            "origin/main:.commitguard.yaml: types: line 2: the key 'types' is given twice",
            id="duplicate-key",
        ),
        pytest.param(
            "rules:\n  header-max-lenght: 50\n",
            "origin/main:.commitguard.yaml: rules.header-max-lenght: unknown rule",
            id="unknown-rule",
        ),
        pytest.param(
            "types: [FEAT]\n",
            "origin/main:.commitguard.yaml: types[0]: types are lower-case: did you mean feat?",
            id="upper-case-type",
        ),
    ],
)
def test_the_configuration_at_the_revision_is_validated(
    pull: PullRequest, content: str, said: str
) -> None:
    _push_to_main(pull, ".commitguard.yaml", content)
    result = _check(pull, "--config-from", "origin/main")
    assert result.returncode == 3
    assert said in result.stderr


def test_a_configuration_that_is_a_directory_at_the_revision_is_an_error(
    pull: PullRequest,
) -> None:
    pull.ci.git("rm", "-q", ".commitguard.yaml")
    pull.ci.write(".commitguard.yaml/x", "x\n")
    pull.ci.git("add", ".commitguard.yaml/x")
    pull.ci.git("commit", "-q", "--no-verify", "-m", "chore(ci): a directory")
    result = _check(pull, "--config-from", "HEAD")
    assert result.returncode == 3
    assert "HEAD:.commitguard.yaml: is a directory, not a configuration file" in result.stderr


def test_a_dangling_link_at_the_revision_is_an_error(pull: PullRequest) -> None:
    pull.ci.git("rm", "-q", ".commitguard.yaml")
    (pull.ci.path / ".commitguard.yaml").symlink_to("nowhere.yaml")
    pull.ci.git("add", ".commitguard.yaml")
    pull.ci.git("commit", "-q", "--no-verify", "-m", "chore(ci): a link")
    result = _check(pull, "--config-from", "HEAD")
    assert result.returncode == 3
    assert "HEAD:.commitguard.yaml: is a symbolic link that leads nowhere at HEAD" in (
        result.stderr
    )


def test_an_explicit_path_is_read_at_the_revision(pull: PullRequest) -> None:
    _push_to_main(pull, "ci/commitguard.yaml", "types: [feat, fix]\n")
    result = _check(pull, "--config-from", "origin/main", "--config", "ci/commitguard.yaml")
    assert "configuration from origin/main:ci/commitguard.yaml" in result.stderr
    missing = _check(pull, "--config-from", "origin/main", "--config", "ci/none.yaml")
    assert missing.returncode == 3
    assert "origin/main:ci/none.yaml: no such file at origin/main" in missing.stderr


@pytest.mark.parametrize(
    ("revision", "code", "said"),
    [
        pytest.param("--help", 2, "--config-from '--help' is not a revision", id="option"),
        pytest.param("-x", 2, "--config-from '-x' is not a revision", id="dash"),
        pytest.param("origin/nope", 4, "--config-from origin/nope: no such commit", id="unknown"),
    ],
)
def test_a_revision_that_is_not_one_is_refused(
    pull: PullRequest, revision: str, code: int, said: str
) -> None:
    result = _check(pull, f"--config-from={revision}")
    assert result.returncode == code
    assert said in result.stderr
    assert "Traceback" not in result.stderr


def _push_to_main(pull: PullRequest, path: str, content: str) -> None:
    dev = Repo(pull.ci.path.parent / "dev")
    dev.git("checkout", "-q", "main")
    dev.write(path, content)
    dev.git("add", path)
    dev.git("commit", "-q", "--no-verify", "-m", "chore(ci): change the standard")
    dev.git("push", "-q", "origin", "main")
    pull.ci.git("fetch", "-q", "origin")


# --- the CI jobs, as written --------------------------------------------------------------


def _shell_env(extra: dict[str, str]) -> dict[str, str]:
    # `commitguard` is the console script of the Python running the tests.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    return {**os.environ, "PATH": path, **extra}


def _action_step() -> str:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    (step,) = [step for step in action["runs"]["steps"] if step.get("name") == "Check commits"]
    return str(step["run"])


def _run_action(pull: PullRequest, config_from_base: str) -> subprocess.CompletedProcess[str]:
    event = pull.ci.path.parent / "event.json"
    pull_request = {
        "number": 7,
        "base": {"ref": "main", "sha": pull.base},
        "head": {"ref": "feature", "sha": pull.head},
    }
    event.write_text(json.dumps({"number": 7, "pull_request": pull_request}))
    env = _shell_env(
        {
            "GITHUB_ACTIONS": "true",
            "GITHUB_EVENT_NAME": "pull_request",
            "GITHUB_EVENT_PATH": str(event),
            "GITHUB_BASE_REF": "main",
            "COMMITGUARD_RANGE": "",
            "COMMITGUARD_FORMAT": "text",
            "COMMITGUARD_OUTPUT": "",
            "COMMITGUARD_CONFIG": "",
            "COMMITGUARD_CONFIG_FROM_BASE": config_from_base,
        }
    )
    return subprocess.run(
        ["bash", "-e", "-c", _action_step()],
        cwd=pull.ci.path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_action_judges_a_pull_request_by_its_base_branch(pull: PullRequest) -> None:
    result = _run_action(pull, "true")
    assert result.returncode == 1, result.stderr
    assert "judging by the base branch's configuration, origin/main" in result.stderr
    assert "commitguard: configuration from origin/main:.commitguard.yaml" in result.stderr
    assert "pull request #7 into main" in result.stdout


def test_the_action_can_be_told_to_use_the_checkout(pull: PullRequest) -> None:
    result = _run_action(pull, "false")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "configuration from" not in result.stderr


def _gitlab_script() -> str:
    readme = (ROOT / "README.md").read_text()
    (job,) = [
        block
        for block in re.findall(r"```yaml\n(.*?)```", readme, flags=re.S)
        if block.startswith("commitguard:\n") and "GIT_DEPTH" in block
    ]
    script = yaml.safe_load(job)["commitguard"]["script"]
    return "\n".join(line for line in script if not line.startswith("pip install"))


@pytest.mark.parametrize(("from_base", "code"), [("true", 1), ("false", 0)])
def test_the_readme_gitlab_job_judges_a_merge_request_by_its_target(
    pull: PullRequest, from_base: str, code: int
) -> None:
    env = _shell_env(
        {
            "GITLAB_CI": "true",
            "CI_MERGE_REQUEST_IID": "7",
            "CI_MERGE_REQUEST_DIFF_BASE_SHA": pull.base,
            "CI_MERGE_REQUEST_SOURCE_BRANCH_SHA": pull.head,
            "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
            "CI_COMMIT_SHA": pull.head,
            "COMMITGUARD_CONFIG_FROM_BASE": from_base,
        }
    )
    result = subprocess.run(
        ["sh", "-e", "-c", _gitlab_script()],
        cwd=pull.ci.path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == code, result.stdout + result.stderr
    assert (pull.ci.path / "commitguard.xml").is_file()
    judged = f"configuration from {pull.base}:.commitguard.yaml" in result.stderr
    assert judged is (from_base == "true")
