"""The shell of `commitguard check`: find the range, stream it from git, check it."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator, Mapping

from commitguard import config as config_module
from commitguard import git, ranges
from commitguard.check import CheckResult, check_commits
from commitguard.errors import GitError
from commitguard.model import Commit


def run_check(
    argument: str | None,
    *,
    env: Mapping[str, str],
    config_path: str | None = None,
    pre_push_remote: str | None = None,
    stdin: object | None = None,
    keep_passing: bool = False,
    cwd: str | None = None,
) -> CheckResult:
    repository = git.find_repository(cwd)
    if repository is None:
        raise GitError("not in a git repository", "run `commitguard check` inside the repository")
    if argument is not None:
        targets = [ranges.from_argument(argument)]
    else:
        targets = [ranges.detect(env, cwd)]
    root = repository.toplevel or cwd or os.getcwd()
    config = config_module.load(root, config_path)
    boundary = git.shallow_boundary(cwd)
    probe = git.CommitProbe(cwd)
    try:
        commits = itertools.chain.from_iterable(
            _within_history(git.log(list(target.revisions), cwd), boundary, target)
            for target in targets
        )
        return check_commits(
            commits,
            config,
            range_=", ".join(target.label for target in targets),
            reason="; ".join(target.reason for target in targets),
            commit_exists=probe,
            keep_passing=keep_passing,
        )
    finally:
        probe.close()


def _within_history(
    commits: Iterable[Commit], boundary: frozenset[str], target: ranges.Target
) -> Iterator[Commit]:
    """Refuse to pass on history a shallow clone does not have."""
    for commit in commits:
        if commit.sha in boundary:
            raise GitError(
                f"{target.label} reaches past the history this shallow clone has "
                f"(commit {commit.sha[:12]} has no parents here)",
                "fetch the whole history: `git fetch --unshallow`, or in CI "
                "`fetch-depth: 0` (GitHub Actions) or `GIT_DEPTH: 0` (GitLab CI)",
            )
        yield commit
