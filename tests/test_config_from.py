"""`check --config-from REV`: a pull request judged by the configuration it is merged into.

A real bare remote, a `main` whose `.commitguard.yaml` the team agreed on, and a pull
request branch that rewrites it to let its own bad commit through.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.helpers import Repo, run_commitguard

TEAM = "types: [feat, fix]\nrules:\n  body-max-line-length: error\n"
# What a pull request could write to pass anything.
PERMISSIVE = "rules:\n  header-format: off\n"
BAD = "wip"
CI_VARIABLES = (
    "GITHUB_ACTIONS",
    "GITHUB_EVENT_NAME",
    "GITHUB_EVENT_PATH",
    "GITHUB_BASE_REF",
    "GITHUB_REF",
    "GITHUB_STEP_SUMMARY",
    "GITLAB_CI",
    "CI_MERGE_REQUEST_DIFF_BASE_SHA",
    "CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
)


@pytest.fixture(autouse=True)
def no_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in CI_VARIABLES:
        monkeypatch.delenv(name, raising=False)


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
