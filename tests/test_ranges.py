"""Which commits `commitguard check` looks at, found the way each CI and git hand them over.

Every case is a real bare remote and real clones of it: the CI variables and event
payloads are the documented ones, written into the environment a job would see, and
pre-push input is what a real `git push` gives a real hook.
"""

from __future__ import annotations

import json
import re
import shutil
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from commitguard.engine import ranges
from commitguard.errors import GitError, UsageError
from tests.helpers import Repo, run_commitguard

ZERO = "0" * 40


class World:
    """A bare remote and a developer's clone.

    main:    c1 - c2 - m3            (m3 "wip" breaks the standard; pushed after the branch)
    feature:       \\- f1 - f2       (pushed; good messages)
    """

    def __init__(self, root: Path, shas: dict[str, str]) -> None:
        self.root = root
        self.remote = root / "remote.git"
        self.url = self.remote.as_uri()
        self.dev = Repo(root / "dev")
        self.shas = dict(shas)

    @classmethod
    def build(cls, root: Path) -> World:
        Repo(root).git("init", "-q", "--bare", "remote.git")
        w = cls(root, {})
        w.clone("dev")
        w.commit(w.dev, "c1", "feat(core): add the base")
        w.commit(w.dev, "c2", "feat(core): add settings")
        w.dev.git("push", "-q", "-u", "origin", "main")
        w.dev.git("checkout", "-q", "-b", "feature")
        w.commit(w.dev, "f1", "feat(orders): add pagination")
        w.commit(w.dev, "f2", "fix(orders): handle an empty page")
        w.dev.git("push", "-q", "-u", "origin", "feature")
        w.dev.git("checkout", "-q", "main")
        w.commit(w.dev, "m3", "wip")
        w.dev.git("push", "-q", "origin", "main")
        w.dev.git("checkout", "-q", "feature")
        return w

    def copy(self, root: Path) -> World:
        shutil.copytree(self.root, root, symlinks=True)
        copied = World(root, self.shas)
        copied.dev.git("remote", "set-url", "origin", copied.url)
        return copied

    def clone(self, name: str, *args: str) -> Repo:
        Repo(self.root).git("clone", "-q", *args, self.url, name)
        return Repo(self.root / name)

    def commit(self, repo: Repo, name: str, message: str) -> str:
        repo.commit_file(f"{name}.txt", message)
        self.shas[name] = repo.git("rev-parse", "HEAD").stdout.strip()
        return self.shas[name]

    def names(self, repo: Repo, target: ranges.Target) -> set[str]:
        """The commits `git log` lists for the target, by their names in this world."""
        if not target.revisions:
            return set()
        args = ("log", "--format=%H", "--end-of-options", *target.revisions, "--")
        listed = repo.git(*args).stdout.split()
        by_sha = {sha: name for name, sha in self.shas.items()}
        return {by_sha.get(sha, sha) for sha in listed}

    def event(self, payload: dict[str, object]) -> str:
        path = self.root / "event.json"
        path.write_text(json.dumps(payload))
        return str(path)


@pytest.fixture(scope="session")
def built() -> dict[str, World]:
    return {}


@pytest.fixture
def world(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, built: dict[str, World]
) -> World:
    # Built once, inside the first test's pinned git environment; each test gets a copy
    # (same shas: identity and dates are pinned).
    if "template" not in built:
        built["template"] = World.build(tmp_path_factory.mktemp("world"))
    return built["template"].copy(tmp_path / "world")


def github_pr(w: World, base: str = "m3", head: str = "f2") -> dict[str, str]:
    payload = {
        "number": 7,
        "pull_request": {
            "number": 7,
            "base": {"ref": "main", "sha": w.shas[base]},
            "head": {"ref": "feature", "sha": w.shas[head]},
        },
    }
    return {
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": w.event(payload),
        "GITHUB_BASE_REF": "main",
        "GITHUB_REF": "refs/pull/7/merge",
    }


def github_push(
    w: World, before: str, after: str, branch: str, forced: bool = False
) -> dict[str, str]:
    payload = {
        "ref": f"refs/heads/{branch}",
        "before": w.shas.get(before, before),
        "after": w.shas.get(after, after),
        "forced": forced,
        "created": before == ZERO,
        "deleted": after == ZERO,
    }
    return {
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": "push",
        "GITHUB_EVENT_PATH": w.event(payload),
        "GITHUB_REF": f"refs/heads/{branch}",
    }


def gitlab_push(w: World, before: str, after: str, branch: str) -> dict[str, str]:
    return {
        "GITLAB_CI": "true",
        "CI_PIPELINE_SOURCE": "push",
        "CI_COMMIT_BEFORE_SHA": w.shas.get(before, before),
        "CI_COMMIT_SHA": w.shas[after],
        "CI_COMMIT_BRANCH": branch,
        "CI_COMMIT_REF_NAME": branch,
        "CI_DEFAULT_BRANCH": "main",
    }


def gitlab_mr(w: World, head: str = "f2", **extra: str) -> dict[str, str]:
    return {
        "GITLAB_CI": "true",
        "CI_PIPELINE_SOURCE": "merge_request_event",
        "CI_MERGE_REQUEST_IID": "3",
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": w.shas["c2"],
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "CI_COMMIT_SHA": w.shas.get(head, head),
        **extra,
    }


def jenkins_branch(w: World, head: str, branch: str, previous: str = "") -> dict[str, str]:
    """A multibranch or plain Jenkins job's branch build, as the git plugin sets it."""
    env = {"JENKINS_URL": "http://ci/", "GIT_COMMIT": w.shas[head], "GIT_BRANCH": branch}
    if previous:
        env["GIT_PREVIOUS_SUCCESSFUL_COMMIT"] = w.shas[previous]
    return env


def bitbucket_push(w: World, head: str, branch: str) -> dict[str, str]:
    return {
        "BITBUCKET_BUILD_NUMBER": "12",
        "BITBUCKET_COMMIT": w.shas[head],
        "BITBUCKET_BRANCH": branch,
    }


def azure_push(w: World, head: str, branch_ref: str) -> dict[str, str]:
    return {
        "TF_BUILD": "True",
        "BUILD_REASON": "IndividualCI",
        "BUILD_SOURCEVERSION": w.shas[head],
        "BUILD_SOURCEBRANCH": branch_ref,
    }


def detached(w: World, name: str = "f2", *clone_args: str) -> Repo:
    """A CI checkout: a fresh clone with HEAD detached at one commit."""
    ci = w.clone("ci", *clone_args)
    ci.git("checkout", "-q", "--detach", w.shas[name])
    return ci


def rewrite_feature(w: World) -> None:
    """Force-push a feature rebuilt from c2: f1 and f2 are gone from the remote."""
    w.dev.git("reset", "-q", "--hard", w.shas["c2"])
    w.commit(w.dev, "g1", "feat(orders): add paging")
    w.commit(w.dev, "g2", "fix(orders): guard empty pages")
    w.dev.git("push", "-q", "--force", "origin", "feature")


def merged_results(w: World) -> tuple[Repo, dict[str, str]]:
    """GitLab's merged-results pipeline runs on a trial merge of the branch into main."""
    ci = detached(w, "m3")
    ci.git("merge", "-q", "--no-ff", "-m", "Merge branch 'feature'", w.shas["f2"])
    merge = ci.git("rev-parse", "HEAD").stdout.strip()
    return ci, gitlab_mr(w, merge, CI_MERGE_REQUEST_SOURCE_BRANCH_SHA=w.shas["f2"])


def old_tip_fetched(w: World) -> tuple[Repo, dict[str, str]]:
    ci = w.clone("ci")  # cloned while f2 was the tip, fetched after the forced push
    rewrite_feature(w)
    ci.git("fetch", "-q", "origin")
    ci.git("checkout", "-q", "--detach", w.shas["g2"])
    return ci, github_push(w, "f2", "g2", "feature", forced=True)


def old_tip_gone(w: World) -> tuple[Repo, dict[str, str]]:
    rewrite_feature(w)
    return detached(w, "g2"), github_push(w, "f2", "g2", "feature", forced=True)


Scenario = Callable[[World], tuple[Repo, dict[str, str]]]

CI_CASES = [
    pytest.param(
        lambda w: (detached(w), github_pr(w)),
        {"f1", "f2"},
        "GitHub Actions pull request #7 into main: the commits since the merge-base",
        id="github-pr-base-moved-on",
    ),
    pytest.param(
        lambda w: (detached(w, "m3"), github_push(w, "c2", "m3", "main")),
        {"m3"},
        "GitHub Actions push to main",
        id="github-push",
    ),
    pytest.param(
        lambda w: (detached(w), github_push(w, ZERO, "f2", "feature")),
        {"f1", "f2"},
        "(new branch): the commits no other remote branch has",
        id="github-new-branch",
    ),
    pytest.param(
        old_tip_fetched,
        {"g1", "g2"},
        "GitHub Actions forced push",
        id="github-forced-push-old-tip-fetched",
    ),
    pytest.param(
        old_tip_gone,
        {"g1", "g2"},
        "is not in this clone): the commits no other remote branch has",
        id="github-forced-push-old-tip-gone",
    ),
    pytest.param(
        lambda w: (detached(w, "m3"), github_push(w, "f2", ZERO, "feature")),
        set(),
        "deletes it; nothing to check",
        id="github-branch-deleted",
    ),
    pytest.param(
        lambda w: (detached(w), gitlab_mr(w)),
        {"f1", "f2"},
        "GitLab CI merge request !3 into main: the commits after its diff base",
        id="gitlab-mr",
    ),
    pytest.param(
        merged_results,
        {"f1", "f2"},
        "GitLab CI merge request !3 into main",
        id="gitlab-mr-merged-results",
    ),
    pytest.param(
        lambda w: (detached(w, "m3"), gitlab_push(w, "c2", "m3", "main")),
        {"m3"},
        "GitLab CI push to main",
        id="gitlab-push",
    ),
    pytest.param(
        lambda w: (detached(w), gitlab_push(w, ZERO, "f2", "feature")),
        {"f1", "f2"},
        "GitLab CI push to feature (new branch)",
        id="gitlab-push-all-zeros",
    ),
    pytest.param(
        lambda w: (detached(w), {"BITBUCKET_PR_DESTINATION_BRANCH": "main"}),
        {"f1", "f2"},
        "Bitbucket Pipelines pull request into main: the commits since the merge-base "
        "with origin/main",
        id="bitbucket-pr",
    ),
    pytest.param(
        lambda w: (detached(w), {"SYSTEM_PULLREQUEST_TARGETBRANCH": "refs/heads/main"}),
        {"f1", "f2"},
        "Azure Pipelines pull request into main",
        id="azure-pr",
    ),
    pytest.param(
        lambda w: (detached(w), {"CHANGE_TARGET": "main", "JENKINS_URL": "http://ci/"}),
        {"f1", "f2"},
        "Jenkins change request into main",
        id="jenkins-change",
    ),
    pytest.param(
        lambda w: (detached(w), jenkins_branch(w, "f2", "feature", previous="f1")),
        {"f2"},
        "Jenkins build of feature: the commits since its last successful build",
        id="jenkins-branch-since-last-success",
    ),
    pytest.param(
        lambda w: (detached(w), jenkins_branch(w, "f2", "origin/feature")),
        {"f1", "f2"},
        "Jenkins build of feature: the commits since the merge-base with origin/main",
        id="jenkins-branch-first-build",
    ),
    pytest.param(
        lambda w: (detached(w, "m3"), jenkins_branch(w, "m3", "main", previous="c1")),
        {"c2", "m3"},
        "since its last successful build",
        id="jenkins-main-since-last-success",
    ),
    pytest.param(
        lambda w: (detached(w), bitbucket_push(w, "f2", "feature")),
        {"f1", "f2"},
        "Bitbucket Pipelines push of feature: the commits since the merge-base with origin/main",
        id="bitbucket-push-topic",
    ),
    pytest.param(
        lambda w: (detached(w, "m3"), bitbucket_push(w, "m3", "main")),
        {"m3"},
        "Bitbucket Pipelines names no previous commit, so the pushed commit",
        id="bitbucket-push-main",
    ),
    pytest.param(
        lambda w: (detached(w), azure_push(w, "f2", "refs/heads/feature")),
        {"f1", "f2"},
        "Azure Pipelines push of feature: the commits since the merge-base",
        id="azure-push-topic",
    ),
    pytest.param(
        lambda w: (detached(w, "m3"), azure_push(w, "m3", "refs/heads/main")),
        {"m3"},
        "Azure Pipelines push of main: Azure Pipelines names no previous commit",
        id="azure-push-main",
    ),
]


@pytest.mark.parametrize(("scenario", "expected", "reason"), CI_CASES)
def test_ci_range_holds_exactly_the_new_commits(
    world: World, scenario: Scenario, expected: set[str], reason: str
) -> None:
    ci, env = scenario(world)
    target = ranges.detect(env, str(ci.path))
    assert world.names(ci, target) == expected
    assert reason in target.reason
    assert all(not revision.startswith("-") for revision in target.revisions)


@pytest.mark.parametrize(
    ("scenario", "code", "shown"),
    [
        pytest.param(
            lambda w: (detached(w), github_pr(w)),
            0,
            "pull request #7 into main",
            id="github-pr-skips-the-bad-base-commit",
        ),
        pytest.param(
            lambda w: (detached(w, "m3"), github_push(w, "c2", "m3", "main")),
            1,
            "GitHub Actions push to main",
            id="github-push-finds-the-bad-commit",
        ),
        pytest.param(
            lambda w: (detached(w), gitlab_mr(w)),
            0,
            "GitLab CI merge request !3",
            id="gitlab-mr",
        ),
        pytest.param(
            lambda w: (detached(w), {"CHANGE_TARGET": "main"}),
            0,
            "Jenkins change request into main",
            id="jenkins",
        ),
        pytest.param(
            lambda w: (detached(w, "m3"), github_push(w, "f2", ZERO, "feature")),
            0,
            "nothing to check",
            id="github-branch-deleted",
        ),
        pytest.param(
            lambda w: (detached(w, "m3"), bitbucket_push(w, "m3", "main")),
            1,
            "Bitbucket Pipelines push of main",
            id="bitbucket-push-finds-the-bad-commit",
        ),
        pytest.param(
            lambda w: (detached(w, "m3"), jenkins_branch(w, "m3", "main", previous="c2")),
            1,
            "Jenkins build of main",
            id="jenkins-branch-finds-the-bad-commit",
        ),
    ],
)
def test_check_names_the_range_and_why(
    world: World, scenario: Scenario, code: int, shown: str
) -> None:
    ci, env = scenario(world)
    result = run_commitguard("check", cwd=ci.path, env=env)
    assert result.returncode == code, result.stdout + result.stderr
    assert shown in result.stdout
    assert "Traceback" not in result.stderr


def test_check_json_carries_the_range_and_reason(world: World) -> None:
    ci = detached(world)
    result = run_commitguard("check", "--format", "json", cwd=ci.path, env=github_pr(world))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    merge_base, head = world.shas["c2"], world.shas["f2"]
    assert data["range"] == f"{merge_base[:12]}..{head[:12]}"
    assert "merge-base with main" in data["reason"]
    assert data["summary"]["commits"] == 2


# --- locally ------------------------------------------------------------------------------


def unpushed(w: World) -> Repo:
    w.commit(w.dev, "f3", "test(orders): cover the last page")
    return w.dev


def topic_without_upstream(w: World, origin_head: bool) -> Repo:
    w.dev.git("checkout", "-q", "-b", "topic")
    w.commit(w.dev, "t1", "docs(orders): explain paging")
    if origin_head:
        w.dev.git("remote", "set-head", "origin", "main")
    return w.dev


def unpushed_and_new_topic(w: World) -> Repo:
    """f3 on feature (pushed before), then topic with t1 on top of it (new)."""
    unpushed(w)
    return topic_without_upstream(w, origin_head=False)


@pytest.mark.parametrize(
    ("scenario", "env", "expected", "label", "reason"),
    [
        pytest.param(
            unpushed,
            {},
            {"f3"},
            "origin/feature..HEAD",
            "the upstream of the current branch",
            id="upstream",
        ),
        pytest.param(
            unpushed,
            {"GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "workflow_dispatch"},
            {"f3"},
            "origin/feature..HEAD",
            "GitHub Actions: the upstream of the current branch",
            id="ci-event-without-a-range",
        ),
        pytest.param(
            lambda w: topic_without_upstream(w, origin_head=True),
            {},
            {"f1", "f2", "t1"},
            "origin/main..HEAD",
            "the default branch of origin",
            id="remote-default-branch",
        ),
        pytest.param(
            lambda w: topic_without_upstream(w, origin_head=False),
            {},
            {"f1", "f2", "t1"},
            "origin/main..HEAD",
            "origin/HEAD names no default branch",
            id="remote-main-without-origin-head",
        ),
    ],
)
def test_local_range(
    world: World,
    scenario: Callable[[World], Repo],
    env: dict[str, str],
    expected: set[str],
    label: str,
    reason: str,
) -> None:
    repo = scenario(world)
    target = ranges.detect(env, str(repo.path))
    assert world.names(repo, target) == expected
    assert target.label == label
    assert reason in target.reason


def test_local_check_end_to_end(world: World) -> None:
    repo = unpushed(world)
    result = run_commitguard("check", cwd=repo.path)
    assert result.returncode == 0, result.stderr
    assert "origin/feature..HEAD (the upstream of the current branch)" in result.stdout


@pytest.mark.parametrize(
    ("commits", "message"),
    [
        pytest.param(1, "no range given, and none found", id="no-upstream-no-remote"),
        pytest.param(0, "HEAD has no commits yet", id="unborn-head"),
    ],
)
def test_no_range_found_is_a_usage_error(repo: Repo, commits: int, message: str) -> None:
    for number in range(commits):
        repo.commit_file(f"{number}.txt", "feat(core): add the base")
    with pytest.raises(UsageError, match=message):
        ranges.detect({}, str(repo.path))
    result = run_commitguard("check", cwd=repo.path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


# --- shallow clones -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clone_args", "checkout", "env", "hint"),
    [
        pytest.param(
            ("--depth", "1"),
            "m3",
            lambda w: github_pr(w),
            "fetch-depth: 0",
            id="github-pr-head-missing",
        ),
        pytest.param(
            ("--depth", "1"),
            "m3",
            lambda w: github_push(w, "c2", "m3", "main"),
            "fetch-depth: 0",
            id="github-push-before-missing",
        ),
        pytest.param(
            ("--depth", "1"),
            "m3",
            lambda w: gitlab_mr(w, "m3"),
            "GIT_DEPTH: 0",
            id="gitlab-mr-diff-base-missing",
        ),
        pytest.param(
            ("--depth", "1"),
            "m3",
            lambda w: gitlab_push(w, ZERO, "m3", "main"),
            "GIT_DEPTH: 0",
            id="gitlab-new-branch-reaches-the-boundary",
        ),
        pytest.param(
            ("--depth", "1", "--branch", "feature"),
            "f2",
            lambda w: {"BITBUCKET_PR_DESTINATION_BRANCH": "main"},
            "clone: depth: full",
            id="bitbucket-target-branch-missing",
        ),
        pytest.param(
            ("--depth", "1", "--no-single-branch"),
            "f2",
            lambda w: {"SYSTEM_PULLREQUEST_TARGETBRANCH": "refs/heads/main"},
            "fetchDepth: 0",
            id="azure-no-merge-base",
        ),
        pytest.param(
            ("--depth", "1", "--no-single-branch"),
            "f2",
            lambda w: {"CHANGE_TARGET": "main"},
            "disable shallow clone",
            id="jenkins-no-merge-base",
        ),
    ],
)
def test_history_missing_from_a_shallow_clone_is_exit_4_with_the_ci_fix(
    world: World,
    clone_args: tuple[str, ...],
    checkout: str,
    env: Callable[[World], dict[str, str]],
    hint: str,
) -> None:
    ci = world.clone("ci", *clone_args)
    ci.git("checkout", "-q", "--detach", world.shas[checkout])
    assert ci.git("rev-parse", "--is-shallow-repository").stdout.strip() == "true"
    variables = env(world)
    with pytest.raises(GitError) as raised:
        ranges.detect(variables, str(ci.path))
    assert hint in (raised.value.hint or "")
    result = run_commitguard("check", cwd=ci.path, env=variables)
    assert result.returncode == 4, result.stdout + result.stderr
    assert hint in result.stderr
    assert "Traceback" not in result.stderr


def test_a_shallow_clone_deep_enough_passes(world: World) -> None:
    ci = world.clone("ci", "--depth", "3", "--no-single-branch")
    ci.git("checkout", "-q", "--detach", world.shas["f2"])
    target = ranges.detect({"CHANGE_TARGET": "main"}, str(ci.path))
    assert world.names(ci, target) == {"f1", "f2"}


# --- refs that look like options ----------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "args", "message"),
    [
        pytest.param({"CHANGE_TARGET": "--output=/tmp/x"}, (), "not a branch name", id="jenkins"),
        pytest.param(
            {"BITBUCKET_PR_DESTINATION_BRANCH": "-main"}, (), "not a branch name", id="bitbucket"
        ),
        pytest.param(
            {"GITLAB_CI": "true", "CI_COMMIT_SHA": "--all", "CI_COMMIT_BEFORE_SHA": ZERO},
            (),
            "not a commit sha",
            id="gitlab-sha",
        ),
        pytest.param(
            {"JENKINS_URL": "http://ci/", "GIT_COMMIT": "--all"},
            (),
            "GIT_COMMIT='--all' is not a commit sha",
            id="jenkins-branch-sha",
        ),
        pytest.param(
            {"BITBUCKET_BUILD_NUMBER": "1", "BITBUCKET_COMMIT": "-x"},
            (),
            "not a commit sha",
            id="bitbucket-push-sha",
        ),
        pytest.param(
            {"TF_BUILD": "True", "BUILD_SOURCEVERSION": "--output=/tmp/x"},
            (),
            "not a commit sha",
            id="azure-push-sha",
        ),
        pytest.param({}, ("--", "--all"), "not a revision range", id="argument"),
        pytest.param({}, ("--pre-push=-x",), "not a remote", id="pre-push-remote"),
    ],
)
def test_a_ref_starting_with_dash_is_never_an_option(
    world: World, env: dict[str, str], args: tuple[str, ...], message: str
) -> None:
    ci = detached(world)
    result = run_commitguard("check", *args, cwd=ci.path, env=env, input="")
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_github_base_ref_starting_with_dash_is_refused(world: World) -> None:
    ci = detached(world)
    env = github_pr(world)
    payload = json.loads(Path(env["GITHUB_EVENT_PATH"]).read_text())
    del payload["pull_request"]["base"]["sha"]  # so that the branch name is looked up
    env["GITHUB_EVENT_PATH"] = world.event(payload)
    env["GITHUB_BASE_REF"] = "--upload-pack=touch pwned"
    with pytest.raises(UsageError, match="GITHUB_BASE_REF"):
        ranges.detect(env, str(ci.path))
    assert not (ci.path / "pwned").exists()


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        pytest.param(None, "cannot read the event payload", id="missing-file"),
        pytest.param("{not json", "cannot read the event payload", id="not-json"),
        pytest.param({"before": "-x", "after": ZERO}, "not a commit sha", id="bad-sha"),
        pytest.param({"ref": "refs/heads/main"}, "has no before/after", id="no-before"),
    ],
)
def test_a_broken_github_payload_is_a_usage_error(
    world: World, payload: object, message: str
) -> None:
    path = world.root / "event.json"
    if payload is not None:
        path.write_text(payload if isinstance(payload, str) else json.dumps(payload))
    env = {"GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "push", "GITHUB_EVENT_PATH": str(path)}
    with pytest.raises(UsageError, match=message):
        ranges.detect(env, str(world.dev.path))


# --- pre-push -----------------------------------------------------------------------------


def line(w: World, local: str, remote: str, ref: str = "refs/heads/feature") -> str:
    local_sha = ZERO if local == ZERO else w.shas.get(local, local)
    remote_sha = ZERO if remote == ZERO else w.shas.get(remote, remote)
    local_ref = "(delete)" if local == ZERO else ref
    return f"{local_ref} {local_sha} {ref} {remote_sha}\n"


@pytest.mark.parametrize(
    ("prepare", "lines", "expected", "reason"),
    [
        pytest.param(
            unpushed,
            lambda w: line(w, "f3", "f2"),
            [{"f3"}],
            "pre-push: refs/heads/feature to refs/heads/feature on origin",
            id="update",
        ),
        pytest.param(
            lambda w: topic_without_upstream(w, origin_head=False),
            lambda w: line(w, "t1", ZERO, "refs/heads/topic"),
            [{"t1"}],
            "(new branch): the commits no ref of origin has yet",
            id="new-branch",
        ),
        pytest.param(
            lambda w: w.dev,
            lambda w: line(w, ZERO, "f2"),
            [set()],
            "deleting refs/heads/feature on origin; nothing to check",
            id="deletion",
        ),
        pytest.param(
            unpushed,
            lambda w: line(w, "f3", "ab" * 20),
            [{"f3"}],
            "not fetched",
            id="remote-tip-never-fetched",
        ),
        pytest.param(
            unpushed_and_new_topic,
            lambda w: line(w, "f3", "f2") + line(w, "t1", ZERO, "refs/heads/topic"),
            [{"f3"}, {"t1"}],
            "refs/heads/topic on origin (new branch)",
            id="two-refs",
        ),
        pytest.param(
            lambda w: w.dev,
            lambda w: "",
            [set()],
            "no ref is being pushed",
            id="nothing",
        ),
    ],
)
def test_pre_push_targets(
    world: World,
    prepare: Callable[[World], Repo],
    lines: Callable[[World], str],
    expected: list[set[str]],
    reason: str,
) -> None:
    repo = prepare(world)
    targets = ranges.from_pre_push("origin", lines(world), str(repo.path))
    assert [world.names(repo, target) for target in targets] == expected
    assert reason in "; ".join(target.reason for target in targets)


def test_pre_push_to_a_url_excludes_that_remotes_refs(world: World) -> None:
    repo = topic_without_upstream(world, origin_head=False)
    lines = line(world, "t1", ZERO, "refs/heads/topic")
    (target,) = ranges.from_pre_push(world.url, lines, str(repo.path))
    assert world.names(repo, target) == {"t1"}


def test_pre_push_of_a_new_repository_checks_from_the_root(tmp_path: Path) -> None:
    Repo(tmp_path).git("init", "-q", "--bare", "empty.git")
    repo = Repo(tmp_path / "new")
    repo.path.mkdir()
    repo.git("init", "-q")
    repo.git("remote", "add", "origin", (tmp_path / "empty.git").as_uri())
    repo.commit_file("a.txt", "feat(core): add the base")
    repo.commit_file("b.txt", "feat(core): add settings")
    head = repo.git("rev-parse", "HEAD").stdout.strip()
    (target,) = ranges.from_pre_push(
        "origin", f"refs/heads/main {head} refs/heads/main {ZERO}\n", str(repo.path)
    )
    assert target.revisions == (head,)
    assert len(repo.git("rev-list", *target.revisions).stdout.split()) == 2


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("refs/heads/main abc refs/heads/main " + ZERO, id="short-sha"),
        pytest.param("refs/heads/main " + "g" * 40 + " refs/heads/main " + ZERO, id="not-hex"),
        pytest.param("refs/heads/main " + "a" * 40 + " refs/heads/main", id="three-fields"),
        pytest.param("a " + "a" * 40 + " b " + ZERO + " extra", id="five-fields"),
        pytest.param("--all --all --all --all", id="options"),
    ],
)
def test_malformed_pre_push_input_is_a_usage_error(world: World, text: str) -> None:
    with pytest.raises(UsageError, match="pre-push input line 1"):
        ranges.from_pre_push("origin", text + "\n", str(world.dev.path))
    result = run_commitguard("check", "--pre-push", "origin", cwd=world.dev.path, input=text)
    assert result.returncode == 2
    assert "is not `<local ref> <local sha> <remote ref> <remote sha>`" in result.stderr
    assert "Traceback" not in result.stderr


# --- pre-push through a real `git push` ---------------------------------------------------

HOOK = '#!/bin/sh\nexec "{python}" -m commitguard check --pre-push "$1"\n'


def hooked(repo: Repo) -> Repo:
    hook = repo.git_dir / "hooks" / "pre-push"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(HOOK.format(python=sys.executable))
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    return repo


def remote_has(world: World, ref: str) -> str | None:
    found = Repo(world.remote).git("rev-parse", "--verify", "-q", ref, check=False)
    return found.stdout.strip() or None


def test_git_push_of_a_new_branch_checks_only_its_own_commits(world: World) -> None:
    repo = hooked(topic_without_upstream(world, origin_head=False))
    pushed = repo.git("push", "origin", "topic", check=False)
    output = pushed.stdout + pushed.stderr
    assert pushed.returncode == 0, output
    assert "(new branch)" in output
    assert re.search(r"\b1 commits? checked", output), output
    assert remote_has(world, "refs/heads/topic") == world.shas["t1"]


def test_git_push_refuses_a_bad_commit_on_either_of_two_refs(world: World) -> None:
    repo = hooked(unpushed(world))
    repo.git("checkout", "-q", "-b", "topic")
    world.commit(repo, "t2", "more stuff")
    pushed = repo.git("push", "origin", "feature", "topic", check=False)
    output = pushed.stdout + pushed.stderr
    assert pushed.returncode != 0
    assert "header-format" in output
    assert remote_has(world, "refs/heads/feature") == world.shas["f2"]
    assert remote_has(world, "refs/heads/topic") is None


def test_git_push_deleting_a_branch_checks_nothing(world: World) -> None:
    repo = hooked(world.dev)
    pushed = repo.git("push", "origin", "--delete", "feature", check=False)
    output = pushed.stdout + pushed.stderr
    assert pushed.returncode == 0, output
    assert "nothing to check" in output
    assert remote_has(world, "refs/heads/feature") is None


@pytest.mark.parametrize(
    ("message", "accepted"),
    [
        pytest.param("feat(core): add the base", True, id="good-root"),
        pytest.param("initial commit", False, id="bad-root"),
    ],
)
def test_git_push_of_a_new_repository_checks_the_root_commit(
    tmp_path: Path, message: str, accepted: bool
) -> None:
    bare = Repo(tmp_path / "empty.git")
    bare.path.mkdir()
    bare.git("init", "-q", "--bare")
    repo = Repo(tmp_path / "new")
    repo.path.mkdir()
    repo.git("init", "-q")
    repo.git("remote", "add", "origin", bare.path.as_uri())
    repo.commit_file("a.txt", message)
    pushed = hooked(repo).git("push", "origin", "main", check=False)
    output = pushed.stdout + pushed.stderr
    assert (pushed.returncode == 0) is accepted, output
    assert re.search(r"\b1 commits? checked", output), output
    landed = bare.git("rev-parse", "--verify", "-q", "refs/heads/main", check=False)
    assert bool(landed.stdout.strip()) is accepted
