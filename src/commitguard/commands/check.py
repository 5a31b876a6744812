"""The shell of `commitguard check`: find the range, stream it from git, check it, and
hand the result to a check format."""

from __future__ import annotations

import io
import itertools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TypedDict

from commitguard import bots, git, output
from commitguard.collecting import streaming
from commitguard.config import load as config_module
from commitguard.config import revision
from commitguard.engine import ranges
from commitguard.engine.check import CheckResult, check_commits
from commitguard.engine.lint import uses_changes
from commitguard.errors import EXIT_OK, EXIT_VIOLATIONS, CommitguardError, GitError
from commitguard.formats import check as formats
from commitguard.migrations import project
from commitguard.migrations.branch import RangeRules
from commitguard.migrations.files import History
from commitguard.model import Commit
from commitguard.security import diff


class CheckOptions(TypedDict):
    """What `commitguard check` was asked for: cli.py's options, by their names."""

    range_: str | None
    output_format: str
    output_file: str | None
    fail_on_empty: bool
    unshallow: bool
    pre_push_remote: str | None
    config_path: str | None
    config_from: str | None
    include_bots: bool


def main(options: CheckOptions) -> int:
    """`commitguard check [RANGE]`: the report in `output_format` on stdout, or in
    `output_file` with a summary line on stdout; exit 1 when a commit has an error."""
    output_format = options["output_format"]
    output_file = options["output_file"]
    pre_push_remote = options["pre_push_remote"]
    with streaming():
        result = run_check(
            options["range_"],
            env=dict(os.environ),
            config_path=options["config_path"],
            config_from=options["config_from"],
            pre_push_remote=pre_push_remote,
            keep_passing=output_format == "junit",
            stdin=sys.stdin if pre_push_remote is not None else None,
            progress=output.progress("commits checked"),
            unshallow=options["unshallow"],
            include_bots=options["include_bots"],
        )
    output.end_progress()
    paint = output.stdout_painter() if output_file is None else output.PLAIN
    # Written part by part as each is made: 20,000 failing commits' report is never
    # one string in memory (that was a third of the run's peak).
    report = formats.render_parts(result, output_format, paint)
    if output_file:
        output.write_file(output_file, report)
        output.emit(formats.summary_line(result) + "\n")
    else:
        output.emit_parts(report)
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if output_format == "github" and step_summary:
        output.write_file(step_summary, formats.render(result, "markdown", output.PLAIN), "a")
    if result.total == 0 and options["fail_on_empty"]:
        raise CommitguardError(f"no commits to check in {result.range} ({result.reason})")
    return EXIT_VIOLATIONS if result.errors else EXIT_OK


def run_check(
    argument: str | None,
    *,
    env: Mapping[str, str],
    config_path: str | None = None,
    config_from: str | None = None,
    pre_push_remote: str | None = None,
    stdin: object | None = None,
    keep_passing: bool = False,
    progress: Callable[[int], None] | None = None,
    unshallow: bool = False,
    include_bots: bool = False,
    cwd: str | None = None,
) -> CheckResult:
    repository = git.find_repository(cwd)
    if repository is None:
        raise GitError("not in a git repository", "run `commitguard check` inside the repository")
    if unshallow and git.shallow_boundary(cwd):
        # Opt-in: a CI job that cannot change its checkout's depth fetches the rest here,
        # before the range is worked out, since its base may be what is missing.
        git.fetch_unshallow(cwd)
    if argument is not None:
        targets = [ranges.from_argument(argument)]
    elif pre_push_remote is not None:
        # git hands a pre-push hook the refs being pushed on stdin, one line each.
        pushed = stdin.read() if isinstance(stdin, io.TextIOBase) else ""
        targets = ranges.from_pre_push(pre_push_remote, pushed, cwd)
    else:
        targets = [ranges.detect(env, cwd)]
    root = repository.toplevel or cwd or os.getcwd()
    if config_from is None:
        config = config_module.for_repository(config_path, cwd, repository=repository)
    else:
        config, judged_by = revision.for_revision(config_from, cwd, config_path)
        # On stderr: stdout may be a report that a machine reads.
        output.emit(stderr=f"commitguard: {judged_by}\n")
    boundary = git.shallow_boundary(cwd)
    with git.ObjectIds(cwd) as objects:
        return _check_targets(
            targets,
            config,
            root,
            cwd,
            objects,
            boundary,
            env,
            keep_passing=keep_passing,
            progress=progress,
            include_bots=include_bots,
        )


def _check_targets(
    targets: list[ranges.Target],
    config: config_module.Config,
    root: str,
    cwd: str | None,
    objects: git.ObjectIds,
    boundary: frozenset[str],
    env: Mapping[str, str],
    *,
    keep_passing: bool,
    progress: Callable[[int], None] | None,
    include_bots: bool,
) -> CheckResult:
    range_rules = migration_rules(config, root, cwd, objects)
    changes = uses_changes(config) or range_rules is not None
    commits = itertools.chain.from_iterable(
        _ranged(
            range_rules,
            target,
            _within_history(
                git.log(list(target.revisions), cwd, changes=changes),
                boundary,
                target,
                ranges.fetch_hint(env),
            ),
        )
        for target in targets
        if target.revisions  # none: a deleted ref, nothing to check
    )
    return check_commits(
        commits,
        config,
        range_=", ".join(target.label for target in targets),
        reason="; ".join(target.reason for target in targets),
        commit_headers=lambda shas: git.commit_headers(shas, cwd),
        keep_passing=keep_passing,
        progress=progress,
        range_rules=range_rules,
        commit_lines=lambda wanted: diff.commits_lines(wanted, cwd),
        # The same list as `report`'s, with the configured `report.bots`.
        skip_bot=None if include_bots else bots.BotFilter(config.report.bots),
    )


def migration_rules(
    config: config_module.Config,
    root: str,
    cwd: str | None,
    objects: git.ObjectIds,
    *,
    each_window: bool = False,
) -> RangeRules | None:
    """The migration rules over a stream of commits, each judged by its own files,
    unless all are turned off; `each_window`: settled a window at a time (`report`).
    Texts are read through `objects`, the one cat-file process beside `git log`."""
    found = RangeRules(
        config,
        project.for_config(config, root),
        objects.read,
        lambda base, paths: git.paths_on_base(base, paths, cwd),
        History(objects),
        objects.blob,
        each_window=each_window,
        files_under=lambda revision, folder: git.files_under(revision, folder, cwd),
    )
    return found if found.active else None


def _ranged(
    range_rules: RangeRules | None, target: ranges.Target, commits: Iterable[Commit]
) -> Iterator[Commit]:
    # A generator, so the range rules learn of each range as its commits begin.
    if range_rules is not None:
        range_rules.begin(target.revisions)
    yield from commits


def _within_history(
    commits: Iterable[Commit], boundary: frozenset[str], target: ranges.Target, hint: str
) -> Iterator[Commit]:
    """Refuse to pass on history a shallow clone does not have."""
    for commit in commits:
        if commit.sha in boundary:
            raise GitError(
                f"{target.label} reaches past the history this shallow clone has "
                f"(commit {commit.sha[:12]} has no parents here)",
                hint,
            )
        yield commit
