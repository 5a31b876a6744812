"""Which commits to check: a range given on the command line, or one found from CI
variables, pre-push refs or the upstream branch. Says which, and why.

Every range is resolved to full shas before it reaches `git log`: a ref name from the
environment is data, looked up once, and never spliced into a revision expression.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterable, Mapping

from commitguard import git
from commitguard.errors import GitError, UsageError
from commitguard.model import Value

_HEX = frozenset("0123456789abcdef")


class Target(Value):
    __slots__ = ("revisions", "label", "reason")

    def __init__(self, revisions: tuple[str, ...], label: str, reason: str) -> None:
        self.revisions = revisions  # arguments for `git log`, none an option; () = nothing
        self.label = label  # what a person reads: "origin/main..HEAD"
        self.reason = reason  # why this range: "the upstream of the current branch"


class _Ci(Value):
    __slots__ = ("name", "fetch_hint")

    def __init__(self, name: str, fetch_hint: str) -> None:
        self.name = name
        self.fetch_hint = fetch_hint  # what to change so the clone holds the range


# CI checkouts are shallow by default; each names the setting that fetches everything.
_CI = {
    "github": _Ci(
        "GitHub Actions",
        "give the actions/checkout step `with: fetch-depth: 0` so the clone has the history",
    ),
    "gitlab": _Ci(
        "GitLab CI",
        "set the variable `GIT_DEPTH: 0` for this job (`variables: GIT_DEPTH: 0`) so the "
        "clone has the history",
    ),
    "bitbucket": _Ci(
        "Bitbucket Pipelines",
        "set `clone: depth: full` in bitbucket-pipelines.yml so the clone has the history",
    ),
    "azure": _Ci(
        "Azure Pipelines",
        "set `fetchDepth: 0` on the `- checkout: self` step so the clone has the history",
    ),
    "jenkins": _Ci(
        "Jenkins",
        "in the job's SCM checkout options (Advanced clone behaviours) disable shallow "
        "clone, and fetch the target branch too",
    ),
    "local": _Ci(
        "",
        "fetch the history: `git fetch --unshallow`, and the branch the range starts from "
        "if this clone lacks it",
    ),
}


def fetch_hint(env: Mapping[str, str]) -> str:
    """What to change so that this CI's clone (or this laptop's) has the whole range."""
    if env.get("GITHUB_ACTIONS") == "true":
        return _CI["github"].fetch_hint
    if env.get("GITLAB_CI") == "true":
        return _CI["gitlab"].fetch_hint
    for variable, key in (
        ("BITBUCKET_BUILD_NUMBER", "bitbucket"),
        ("TF_BUILD", "azure"),
        ("JENKINS_URL", "jenkins"),
    ):
        if env.get(variable):
            return _CI[key].fetch_hint
    return _CI["local"].fetch_hint


def from_argument(argument: str) -> Target:
    if not argument or argument.startswith("-"):
        raise UsageError(
            f"{argument!r} is not a revision range",
            "pass one argument `git rev-list` accepts, such as origin/main..HEAD",
        )
    return Target((argument,), argument, "given on the command line")


def detect(env: Mapping[str, str], cwd: str | None = None) -> Target:
    """The range to check when none is given: the CI's own, else the upstream's."""
    pushed = _pre_commit_framework(env, cwd)
    if pushed is not None:
        return pushed
    if env.get("GITHUB_ACTIONS") == "true":
        ci, target = _CI["github"], _github(env, cwd)
    elif env.get("GITLAB_CI") == "true":
        ci, target = _CI["gitlab"], _gitlab(env, cwd)
    elif env.get("BITBUCKET_PR_DESTINATION_BRANCH"):
        ci = _CI["bitbucket"]
        target = _into_branch(ci, env, "BITBUCKET_PR_DESTINATION_BRANCH", "pull request", cwd)
    elif env.get("SYSTEM_PULLREQUEST_TARGETBRANCH"):
        ci = _CI["azure"]
        target = _into_branch(ci, env, "SYSTEM_PULLREQUEST_TARGETBRANCH", "pull request", cwd)
    elif env.get("CHANGE_TARGET"):
        ci = _CI["jenkins"]
        target = _into_branch(ci, env, "CHANGE_TARGET", "change request", cwd)
    elif env.get("JENKINS_URL") and env.get("GIT_COMMIT"):
        ci, target = _CI["jenkins"], _jenkins_branch(env, cwd)
    elif env.get("BITBUCKET_BUILD_NUMBER") and env.get("BITBUCKET_COMMIT"):
        ci = _CI["bitbucket"]
        head = _env_sha(env, "BITBUCKET_COMMIT") or ""
        target = _pushed_without_before(ci, head, env.get("BITBUCKET_BRANCH", ""), cwd, "push")
    elif env.get("TF_BUILD") and env.get("BUILD_SOURCEVERSION"):
        ci = _CI["azure"]
        head = _env_sha(env, "BUILD_SOURCEVERSION") or ""
        branch = env.get("BUILD_SOURCEBRANCH", "").removeprefix("refs/heads/")
        target = _pushed_without_before(ci, head, branch, cwd, "push")
    else:
        ci, target = _CI["local"], None
    if target is None:
        # A CI build that names no range (a schedule, a manual run) is a local case.
        target = _local(cwd)
        if ci.name:
            target = Target(target.revisions, target.label, f"{ci.name}: {target.reason}")
    _refuse_partial_history(target, ci, cwd)
    return target


def from_pre_push(remote: str, lines: str, cwd: str | None = None) -> list[Target]:
    """The commits a push sends, from the lines git gives a pre-push hook on stdin:
    `<local ref> <local sha> <remote ref> <remote sha>`, one per ref."""
    if not remote or remote.startswith("-"):
        raise UsageError(f"{remote!r} is not a remote", "a remote name never starts with -")
    targets: list[Target] = []
    # A commit that an earlier ref of this push brings is checked once, with that ref.
    earlier: list[str] = []
    for number, line in enumerate(lines.splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split()
        if len(fields) != 4 or not (_is_sha(fields[1]) and _is_sha(fields[3])):
            raise UsageError(
                f"pre-push input line {number} is not "
                f"`<local ref> <local sha> <remote ref> <remote sha>`: {line!r}",
                "`commitguard check --pre-push REMOTE` reads what git gives a pre-push hook",
            )
        local_ref, local_sha, remote_ref, remote_sha = fields
        target = _pushed_ref(remote, local_ref, local_sha, remote_ref, remote_sha, cwd)
        if target.revisions:
            revisions = target.revisions + _excluding(earlier)
            target = Target(revisions, target.label, target.reason)
            earlier.append(local_sha)
        targets.append(target)
    return targets or [Target((), "nothing", f"pre-push: no ref is being pushed to {remote}")]


def _pre_commit_framework(env: Mapping[str, str], cwd: str | None) -> Target | None:
    """The push the pre-commit framework's pre-push stage describes in its variables.

    It names one ref: PRE_COMMIT_FROM_REF..PRE_COMMIT_TO_REF, or, for a branch whose
    history reaches a root commit, only the local branch (its "all files" case).
    """
    remote = env.get("PRE_COMMIT_REMOTE_NAME")
    local_branch = env.get("PRE_COMMIT_LOCAL_BRANCH")
    if not remote or not local_branch:
        return None
    local_sha = env.get("PRE_COMMIT_TO_REF") or git.resolve_commit(local_branch, cwd)
    if local_sha is None:
        raise UsageError(f"PRE_COMMIT_LOCAL_BRANCH names no commit: {local_branch!r}")
    remote_sha = env.get("PRE_COMMIT_FROM_REF") or "0" * 40
    remote_branch = env.get("PRE_COMMIT_REMOTE_BRANCH") or local_branch
    line = f"{local_branch} {local_sha} {remote_branch} {remote_sha}"
    (target,) = from_pre_push(remote, line, cwd)
    return Target(target.revisions, target.label, f"pre-commit framework {target.reason}")


def _pushed_ref(
    remote: str, local_ref: str, local_sha: str, remote_ref: str, remote_sha: str, cwd: str | None
) -> Target:
    where = f"{remote_ref} on {remote}"
    if _is_zero(local_sha):
        return Target((), f"delete {remote_ref}", f"pre-push: deleting {where}; nothing to check")
    if not _is_zero(remote_sha) and git.resolve_commit(remote_sha, cwd) is not None:
        return Target(
            (local_sha, f"^{remote_sha}"),
            f"{remote_sha[:12]}..{local_sha[:12]}",
            f"pre-push: {local_ref} to {where}",
        )
    # A new branch, or a tip this clone never fetched (overwritten by a forced push).
    excluded = _refs_of_remote(remote, cwd)
    why = "new branch" if _is_zero(remote_sha) else f"{remote_sha[:12]} not fetched"
    return Target(
        (local_sha, *_excluding(sha for _, sha in excluded)),
        f"{local_sha[:12]} not on {remote}",
        f"pre-push: {local_ref} to {where} ({why}): the commits no ref of {remote} has yet",
    )


def _refs_of_remote(remote: str, cwd: str | None) -> list[tuple[str, str]]:
    """The remote-tracking refs of `remote`, a name or, when git was given one, a URL."""
    urls = git.remote_urls(cwd)
    if remote in urls:
        names = {remote}
    else:
        names = {name for name, known in urls.items() if remote in known}
    return [
        (ref, sha)
        for ref, sha in git.remote_tracking_refs(cwd)
        if any(ref.startswith(f"refs/remotes/{name}/") for name in names)
    ]


def _github(env: Mapping[str, str], cwd: str | None) -> Target | None:
    ci = _CI["github"]
    event = env.get("GITHUB_EVENT_NAME", "")
    if event in ("pull_request", "pull_request_target"):
        pull = _object(_payload(env), "pull_request")
        base, head = _object(pull, "base"), _object(pull, "head")
        base_ref = env.get("GITHUB_BASE_REF") or str(base.get("ref") or "")
        head_sha = _commit(_payload_sha(head, "sha") or "HEAD", "the pull request head", ci, cwd)
        base_sha = _base_commit(_payload_sha(base, "sha"), base_ref, "GITHUB_BASE_REF", ci, cwd)
        number = pull.get("number")
        into = base_ref or base_sha[:12]
        return _since_merge_base(
            ci, base_sha, head_sha, into, f"pull request #{number} into {into}", cwd
        )
    if event == "push":
        payload = _payload(env)
        before = _payload_sha(payload, "before")
        after = _payload_sha(payload, "after")
        if before is None or after is None:
            raise UsageError(
                f"the push event payload at {env.get('GITHUB_EVENT_PATH')} has no before/after",
                "run commitguard in a workflow triggered by `push`, or pass a range",
            )
        ref = str(payload.get("ref") or env.get("GITHUB_REF") or "")
        forced = payload.get("forced") is True
        return _push(ci, before, after, ref.removeprefix("refs/heads/"), forced, cwd)
    if event == "merge_group":
        group = _object(_payload(env), "merge_group")
        base_sha = _commit(_payload_sha(group, "base_sha") or "", "the merge group base", ci, cwd)
        head_sha = _commit(_payload_sha(group, "head_sha") or "", "the merge group head", ci, cwd)
        return Target(
            (head_sha, f"^{base_sha}"),
            f"{base_sha[:12]}..{head_sha[:12]}",
            "GitHub Actions merge queue: the commits the group adds",
        )
    return None


def _gitlab(env: Mapping[str, str], cwd: str | None) -> Target | None:
    ci = _CI["gitlab"]
    head = _env_sha(env, "CI_COMMIT_SHA")
    diff_base = _env_sha(env, "CI_MERGE_REQUEST_DIFF_BASE_SHA")
    if diff_base is not None:
        # In a merged-results pipeline CI_COMMIT_SHA is the trial merge; the source
        # branch's own tip is the one whose commits the request brings.
        source = _env_sha(env, "CI_MERGE_REQUEST_SOURCE_BRANCH_SHA") or head or "HEAD"
        head_sha = _commit(source, "the merge request head", ci, cwd)
        base_sha = _commit(diff_base, "the merge request diff base", ci, cwd)
        into = env.get("CI_MERGE_REQUEST_TARGET_BRANCH_NAME") or base_sha[:12]
        request = env.get("CI_MERGE_REQUEST_IID", "?")
        return Target(
            (head_sha, f"^{base_sha}"),
            f"{base_sha[:12]}..{head_sha[:12]}",
            f"GitLab CI merge request !{request} into {into}: the commits after its diff base",
        )
    before = _env_sha(env, "CI_COMMIT_BEFORE_SHA")
    if before is None or head is None:
        return None
    branch = env.get("CI_COMMIT_BRANCH") or env.get("CI_COMMIT_REF_NAME") or ""
    return _push(ci, before, head, branch, False, cwd)


def _into_branch(
    ci: _Ci, env: Mapping[str, str], variable: str, kind: str, cwd: str | None
) -> Target:
    """Bitbucket, Azure and Jenkins pull requests name only the target branch: since the
    merge-base."""
    branch = _branch_name(env[variable], variable)
    base_sha = _commit(
        f"refs/remotes/origin/{branch}", f"the target branch origin/{branch}", ci, cwd
    )
    head_sha = _commit("HEAD", "HEAD", ci, cwd)
    return _since_merge_base(
        ci, base_sha, head_sha, f"origin/{branch}", f"{kind} into {branch}", cwd
    )


def _jenkins_branch(env: Mapping[str, str], cwd: str | None) -> Target:
    """A Jenkins branch build: GIT_COMMIT, since GIT_PREVIOUS_SUCCESSFUL_COMMIT (the git
    plugin's last successful build of this branch), so that the commits of a failed
    build are judged again until one passes."""
    ci = _CI["jenkins"]
    head = _env_sha(env, "GIT_COMMIT") or ""
    branch = env.get("BRANCH_NAME") or env.get("GIT_BRANCH", "").removeprefix("origin/")
    previous = _env_sha(env, "GIT_PREVIOUS_SUCCESSFUL_COMMIT")
    base = git.resolve_commit(previous, cwd) if previous else None
    if base is None:  # the branch's first build, or one whose last success is gone
        return _pushed_without_before(ci, head, branch, cwd, "build")
    head_sha = _commit(head, "the built commit GIT_COMMIT", ci, cwd)
    return Target(
        (head_sha, f"^{base}"),
        f"{base[:12]}..{head_sha[:12]}",
        f"{ci.name} build of {branch or head_sha[:12]}: the commits since its last "
        f"successful build ({base[:12]}, GIT_PREVIOUS_SUCCESSFUL_COMMIT)",
    )


def _pushed_without_before(ci: _Ci, head: str, branch: str, cwd: str | None, kind: str) -> Target:
    """A push whose CI names no previous commit (Bitbucket and Azure push builds, a
    Jenkins branch's first build). A topic branch: the commits since the merge-base
    with the default branch, as its pull request will be judged. The default branch
    itself (or a clone that knows none): the pushed commit and what it merges, since
    the commits before it were judged on their way in."""
    head_sha = _commit(head, f"the built commit {head[:12]}", ci, cwd)
    found = _default_branch(cwd)
    where = f"{kind} of {branch}" if branch else kind
    if found is not None and _branch_of(f"refs/remotes/{found[0]}") != branch:
        name, base, _ = found
        return _since_merge_base(ci, base, head_sha, name, where, cwd)
    parent = git.resolve_commit(f"{head_sha}^", cwd)
    return Target(
        (head_sha, *_excluding([parent] if parent else [])),
        f"{parent[:12]}..{head_sha[:12]}" if parent else head_sha[:12],
        f"{ci.name} {where}: {ci.name} names no previous commit, so the pushed commit "
        "and what it merges",
    )


def _push(ci: _Ci, before: str, after: str, branch: str, forced: bool, cwd: str | None) -> Target:
    pushed = f"push to {branch}" if branch else "push"
    if _is_zero(after):
        return Target((), f"delete {branch}", f"{ci.name} {pushed} deletes it; nothing to check")
    after_sha = _commit(after, f"the pushed commit {after[:12]}", ci, cwd)
    before_sha = None if _is_zero(before) else git.resolve_commit(before, cwd)
    if before_sha is not None:
        how = "forced push" if forced else pushed
        return Target(
            (after_sha, f"^{before_sha}"),
            f"{before_sha[:12]}..{after_sha[:12]}",
            f"{ci.name} {how}: the commits {after_sha[:12]} has and {before_sha[:12]} had not",
        )
    # A new branch, or a forced push whose old tip no longer is in any fetched ref: check
    # what no other branch has, as a pre-push hook would have.
    others = [sha for ref, sha in git.remote_tracking_refs(cwd) if _branch_of(ref) != branch]
    why = "new branch" if _is_zero(before) else f"{before[:12]} is not in this clone"
    return Target(
        (after_sha, *_excluding(others)),
        f"{after_sha[:12]} not on other branches",
        f"{ci.name} {pushed} ({why}): the commits no other remote branch has",
    )


def _since_merge_base(
    ci: _Ci, base_sha: str, head_sha: str, base_name: str, what: str, cwd: str | None
) -> Target:
    bases = git.merge_bases(base_sha, head_sha, cwd)
    if not bases:
        if git.shallow_boundary(cwd):
            raise GitError(
                f"{base_name} and {head_sha[:12]} share no history in this shallow clone",
                ci.fetch_hint,
            )
        bases = [base_sha]  # unrelated histories: everything the base lacks
    prefix = f"{ci.name} " if ci.name else ""
    return Target(
        (head_sha, *_excluding(bases)),
        f"{bases[0][:12]}..{head_sha[:12]}",
        f"{prefix}{what}: the commits since the merge-base with {base_name}",
    )


def _local(cwd: str | None) -> Target:
    head = git.resolve_commit("HEAD", cwd)
    if head is None:
        raise UsageError(
            "HEAD has no commits yet, so there is no range to check",
            "commit first: a branch without commits has none to check",
        )
    upstream = git.upstream(cwd)
    base = git.resolve_commit("@{upstream}", cwd) if upstream is not None else None
    if base is not None:
        return Target((head, f"^{base}"), f"{upstream}..HEAD", "the upstream of the current branch")
    found = _default_branch(cwd)
    if found is not None:
        name, base, how = found
        return Target((head, f"^{base}"), f"{name}..HEAD", how)
    raise UsageError(
        "no range given, and none found: the current branch has no upstream and no "
        "remote names a default branch",
        _no_range_advice(head, cwd),
    )


def _no_range_advice(head: str, cwd: str | None) -> str:
    """What to run when no range is found, naming only what this repository has: a
    remote to ask for its default branch, a local main branch to start from."""
    by_range = "pass a range: `commitguard check HEAD` checks every commit of this branch"
    for branch in ("main", "master"):
        sha = git.resolve_commit(f"refs/heads/{branch}", cwd)
        if sha is not None and sha != head:  # on that branch, the range would be empty
            by_range = (
                f"pass a range: `commitguard check {branch}..HEAD` checks what this "
                f"branch adds to {branch}"
            )
            break
    remotes = sorted(
        (name for name in git.remote_urls(cwd) if not name.startswith("-")),
        key=lambda name: (name != "origin", name),
    )
    if not remotes:
        return by_range
    # Only the remote knows its default branch: set-head asks it, and needs its
    # branches fetched first. A remote-tracking branch to set as upstream may not exist.
    remote = shlex.quote(remotes[0])
    return (
        f"have {remotes[0]} name its default branch: `git fetch {remote}`, then "
        f"`git remote set-head {remote} --auto`; or {by_range}"
    )


def _default_branch(cwd: str | None) -> tuple[str, str, str] | None:
    """(name, sha, reason) of the remote's default branch: origin first."""
    remotes = sorted(git.remote_urls(cwd), key=lambda name: (name != "origin", name))
    for remote in remotes:
        ref = git.remote_head(remote, cwd)
        sha = git.resolve_commit(ref, cwd) if ref else None
        if ref and sha:
            name = ref.removeprefix("refs/remotes/")
            return name, sha, f"the default branch of {remote} (no upstream is set)"
    # `git remote add` + push never sets <remote>/HEAD; the usual names stand in for it.
    for remote in remotes:
        for branch in ("main", "master"):
            sha = git.resolve_commit(f"refs/remotes/{remote}/{branch}", cwd)
            if sha is not None:
                return (
                    f"{remote}/{branch}",
                    sha,
                    f"{remote}/{branch}: no upstream is set and {remote}/HEAD names no "
                    f"default branch (`git remote set-head {remote} --auto` sets it)",
                )
    return None


def _refuse_partial_history(target: Target, ci: _Ci, cwd: str | None) -> None:
    """A shallow clone must never pass on part of a range: say what to fetch instead."""
    boundary = git.shallow_boundary(cwd)
    if not boundary or not target.revisions:
        return
    for sha in git.rev_list(list(target.revisions), cwd):
        if sha in boundary:
            raise GitError(
                f"{target.label} reaches past the history this shallow clone has "
                f"(commit {sha[:12]} has no parents here)",
                ci.fetch_hint,
            )


def _commit(revision: str, what: str, ci: _Ci, cwd: str | None) -> str:
    sha = git.resolve_commit(revision, cwd) if revision else None
    if sha is None:
        shallow = " (a shallow clone)" if git.shallow_boundary(cwd) else ""
        named = f" ({revision[:12]})" if revision and revision != "HEAD" else ""
        raise GitError(f"{what}{named} is not in this clone{shallow}", ci.fetch_hint)
    return sha


def _base_commit(sha: str | None, branch: str, variable: str, ci: _Ci, cwd: str | None) -> str:
    """The base named by sha when the clone has it, else its branch's remote-tracking ref."""
    found = git.resolve_commit(sha, cwd) if sha else None
    if found is None and branch:
        branch = _branch_name(branch, variable)
        found = git.resolve_commit(f"refs/remotes/origin/{branch}", cwd)
    if found is None:
        return _commit(sha or "", f"the base branch {branch or '?'}", ci, cwd)
    return found


def _branch_of(remote_tracking_ref: str) -> str:
    """refs/remotes/origin/team/x -> team/x."""
    return remote_tracking_ref.removeprefix("refs/remotes/").partition("/")[2]


def _branch_name(value: str, variable: str) -> str:
    name = value.removeprefix("refs/heads/")
    if not name or name.startswith("-"):
        raise UsageError(
            f"{variable}={value!r} is not a branch name",
            f"a branch name never starts with -; check what sets {variable}",
        )
    return name


def _payload(env: Mapping[str, str]) -> dict[str, object]:
    path = env.get("GITHUB_EVENT_PATH")
    if not path:
        raise UsageError("GITHUB_EVENT_PATH is not set", "run inside a workflow, or pass a range")
    try:
        with open(path, encoding="utf-8") as handle:
            payload = json.load(handle)
    except (OSError, ValueError) as error:
        raise UsageError(
            f"cannot read the event payload {path}: {error}", "pass a range instead"
        ) from None
    except RecursionError:  # json recurses once per level of `[[[...`
        raise UsageError(
            f"cannot read the event payload {path}: it nests too deeply", "pass a range instead"
        ) from None
    return payload if isinstance(payload, dict) else {}


def _object(parent: Mapping[str, object], key: str) -> dict[str, object]:
    value = parent.get(key)
    return value if isinstance(value, dict) else {}


def _payload_sha(parent: Mapping[str, object], key: str) -> str | None:
    value = parent.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not _is_sha(value):
        raise UsageError(f"the event payload's {key!r} is not a commit sha: {value!r}", None)
    return value


def _env_sha(env: Mapping[str, str], variable: str) -> str | None:
    value = env.get(variable)
    if not value:
        return None
    if not _is_sha(value):
        raise UsageError(f"{variable}={value!r} is not a commit sha", None)
    return value


def _excluding(shas: Iterable[str]) -> tuple[str, ...]:
    """`^sha` for each distinct sha: a revision, never an option such as --not."""
    return tuple(f"^{sha}" for sha in dict.fromkeys(shas))


def _is_sha(value: str) -> bool:
    return len(value) in (40, 64) and _HEX.issuperset(value)


def _is_zero(sha: str) -> bool:
    return not sha.strip("0")
