"""The `commitguard report` command: the shell around the pure report core.

Resolves the window, asks git for one streamed `git log --numstat` per repository,
folds it through the Aggregator, renders one format and writes it.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple, TypedDict

import click

from commitguard.errors import EXIT_OK, EXIT_VIOLATIONS, CommitguardError, GitError, UsageError
from commitguard.output import Painter, colour_enabled, write_file
from commitguard.output.escape import log_line

if TYPE_CHECKING:
    from commitguard.config.load import Config
    from commitguard.migrations.branch import RangeRules
    from commitguard.model import Commit, CommitStats
    from commitguard.report.aggregate import Aggregator, Report
    from commitguard.report.areas import Areas
    from commitguard.report.facts import MigrationVerdict
    from commitguard.report.window import Window

# Every command imports cli.py, the commit-msg hook included: the report's machinery
# is imported inside the functions, when a report is asked for.


class ReportOptions(TypedDict):
    """What `commitguard report` was asked for: cli.py's options, by their names."""

    since: str | None
    until: str | None
    basis: str
    revisions: tuple[str, ...]
    all_refs: bool
    paths: tuple[str, ...]
    author: str | None
    include_bots: bool
    output_format: str
    output_file: str | None
    repositories: tuple[str, ...]
    repositories_file: str | None
    jobs: int | None
    fail_on_violations: bool
    config_path: str | None


def report(options: ReportOptions) -> int:
    """`commitguard report`: the report for the window, printed or written; exit 0
    whatever the history holds (1 with `fail_on_violations` when a commit in the window
    breaks a rule)."""
    from commitguard.collecting import streaming
    from commitguard.report.window import resolve

    now = datetime.now().astimezone()
    window = resolve(options["since"], options["until"], now, options["basis"])
    repositories = list(options["repositories"])
    if options["repositories_file"] is not None:
        repositories += repositories_from(options["repositories_file"])
    with streaming():
        made = build(
            window,
            repositories or [os.getcwd()],
            revisions=list(options["revisions"]),
            all_refs=options["all_refs"],
            paths=options["paths"],
            author=options["author"],
            include_bots=options["include_bots"],
            config_path=options["config_path"],
            progress=sys.stderr.isatty(),
            jobs=options["jobs"] or _cpus(),
        )
    output_file = options["output_file"]
    paint = Painter(colour_enabled(sys.stdout) and output_file is None)
    width = shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 100
    text = render_report(made, options["output_format"], paint, width)
    if output_file:
        write_file(output_file, text)
        click.echo(f"commitguard: report written to {log_line(output_file)}")
    else:
        click.echo(text, nl=False)
    failed = any(item.errors for item in made.attention)
    return EXIT_VIOLATIONS if options["fail_on_violations"] and failed else EXIT_OK


def build(
    window: Window,
    repositories: list[str],
    *,
    revisions: list[str],
    all_refs: bool = False,
    paths: tuple[str, ...] = (),
    author: str | None = None,
    include_bots: bool = False,
    config_path: str | None = None,
    progress: bool = False,
    jobs: int = 1,
) -> Report:
    """The report over `repositories`: folded one after the other by one Aggregator, or,
    with `jobs` > 1 and several repositories, each folded in a worker process of its
    own and the partial reports added up in the order given (the same report)."""
    from commitguard.report.tally import Tally

    found = _distinct([_repository(path) for path in repositories])
    names = _names([top or os.path.abspath(cwd) for top, cwd in found])  # bare: its path
    scope: dict[str, object] = {
        "revisions": "--all" if all_refs else " ".join(revisions or ["HEAD"]),
        "paths": list(paths),
        "author": author,
        "include_bots": include_bots,
        "repositories": list(names),
    }
    reading = _Reading(window, revisions, all_refs, paths, author, include_bots, config_path)
    if jobs > 1 and len(found) > 1:
        made = _in_parallel(reading, scope, found, names, jobs, progress)
    else:
        made = _in_sequence(reading, scope, found, names, progress)
    if len(found) == 1:
        made.repositories[names[0]] = made.totals
    else:  # every repository asked for, in that order: a quiet one shows its zeros
        made.repositories = {name: made.repositories.get(name, Tally()) for name in names}
    return made


def _in_sequence(
    reading: _Reading,
    scope: dict[str, object],
    found: list[tuple[str | None, str]],
    names: list[str],
    progress: bool,
) -> Report:
    """Each repository folded into one Aggregator, one after the other."""
    from commitguard.report.aggregate import Aggregator

    aggregator = Aggregator(
        reading.window,
        scope,
        author=reading.author,
        include_bots=reading.include_bots,
        per_repository=len(found) > 1,
    )
    count = 0
    for (top, cwd), name in zip(found, names, strict=True):
        for _ in _fold(aggregator, reading, top, cwd, name):
            count += 1
            if progress and count % 1000 == 0:
                click.echo(f"\rcommitguard: {count:,} commits read", nl=False, err=True)
    if progress and count >= 1000:
        click.echo("\r\033[K", nl=False, err=True)
    return aggregator.finish()


class _Reading(NamedTuple):
    """What is read of every repository: the same for each, sent to each worker."""

    window: Window
    revisions: list[str]
    all_refs: bool
    paths: tuple[str, ...]
    author: str | None
    include_bots: bool
    config_path: str | None


def _fold(
    aggregator: Aggregator, reading: _Reading, top: str | None, cwd: str, name: str
) -> Iterator[None]:
    """Fold one repository's stream into `aggregator`, settled; yields once per commit
    read, for the progress line."""
    from commitguard import git
    from commitguard.commands.check import migration_rules
    from commitguard.config import load as config_module
    from commitguard.security import diff

    window = reading.window
    # git's --since compares committer dates, and a commit is committed after it is
    # authored: asking from the previous window's start keeps every commit whose author
    # date is in either window, and lets git stop walking at that point of the history.
    # git reads a date before 1970 as nothing at all: a window that reaches that far
    # back is the whole history, asked for without --since.
    early = window.previous_since.timestamp() <= 86400
    since = None if early else window.previous_since.isoformat()
    until = window.until.isoformat() if window.basis == "committer" else None
    config = config_module.for_repository(reading.config_path, cwd)
    is_migration = _migration_test(config, top or cwd)
    aggregator.use(
        config.report,
        is_migration,
        functools.partial(git.commit_headers, cwd=cwd),
        functools.partial(diff.commits_lines, cwd=cwd),
        _areas(config, top or cwd, is_migration),
    )
    revisions = reading.revisions or (["HEAD"] if not reading.all_refs else [])
    # A blobless clone (CI's --filter=blob:none) lacks the files whose lines are counted.
    git.bring_history_blobs(
        revisions, cwd, all_refs=reading.all_refs, since=since, until=until, paths=reading.paths
    )
    stream = git.log_stats(
        revisions,
        cwd,
        all_refs=reading.all_refs,
        since=since,
        until=until,
        paths=reading.paths,
    )
    with git.ObjectIds(cwd) as objects:
        rules = migration_rules(config, top or cwd, cwd, objects, each_window=True)
        for stats, verdict in _judged(stream, rules):
            aggregator.add(stats, config, name, verdict)
            yield None
    aggregator.settle()  # this repository's reverts, while its settings apply


def _in_parallel(
    reading: _Reading,
    scope: dict[str, object],
    found: list[tuple[str | None, str]],
    names: list[str],
    jobs: int,
    progress: bool,
) -> Report:
    """Each repository folded by a worker process into a report of its own, the parts
    added up in the order given. The split is by repository, the unit git streams: a
    part is small (tallies and the commits that need attention), never the history."""
    from concurrent.futures import ProcessPoolExecutor

    from commitguard.report.combine import combine

    parts: list[Report] = []
    with ProcessPoolExecutor(max_workers=min(jobs, len(found))) as pool:
        pending = [
            pool.submit(_read_repository, reading, top, cwd, name)
            for (top, cwd), name in zip(found, names, strict=True)
        ]
        try:
            for done, future in enumerate(pending, 1):
                part = future.result()
                if isinstance(part, _Failure):
                    raise part.error()
                parts.append(part)
                if progress:
                    click.echo(
                        f"\rcommitguard: {done} of {len(pending)} repositories read",
                        nl=False,
                        err=True,
                    )
        finally:
            for future in pending:
                future.cancel()  # after a failure: the repositories not yet started
    if progress:
        click.echo("\r\033[K", nl=False, err=True)
    return combine(reading.window, scope, parts)


class _Failure(NamedTuple):
    """A worker's CommitguardError, sent back as plain values: the exceptions keep only
    their message when pickled, and ConfigError cannot be rebuilt from it."""

    exit_code: int
    message: str
    hint: str | None

    def error(self) -> CommitguardError:
        error = CommitguardError(self.message, self.hint)
        error.exit_code = self.exit_code
        return error


def _read_repository(reading: _Reading, top: str | None, cwd: str, name: str) -> Report | _Failure:
    """In a worker process: one repository folded into a report of its own."""
    from commitguard.report.aggregate import Aggregator

    aggregator = Aggregator(
        reading.window,
        {},
        author=reading.author,
        include_bots=reading.include_bots,
        per_repository=True,
    )
    try:
        for _ in _fold(aggregator, reading, top, cwd, name):
            pass
        return aggregator.finish()
    except CommitguardError as error:
        return _Failure(error.exit_code, error.message, error.hint)


def render_report(made: Report, output_format: str, paint: Painter, width: int) -> str:
    """The report in one of FORMATS; `paint` and `width` serve the terminal's table."""
    from commitguard.formats import report as formats

    return formats.render(made, output_format, paint, width)


def _judged(
    stream: Iterable[CommitStats], rules: RangeRules | None
) -> Iterator[tuple[CommitStats, MigrationVerdict | None]]:
    """Each commit of the stream with the migration rules' verdict on it, in order:
    held a window at a time, while the rules ask git at once what judging it needs."""
    from commitguard.report.facts import MigrationVerdict

    if rules is None:
        for stats in stream:
            yield stats, None
        return
    rules.begin([])  # the whole history: each side branch is a branch
    held: list[CommitStats] = []
    first = 0  # the stream index of held[0]

    def release() -> Iterator[tuple[CommitStats, MigrationVerdict | None]]:
        found, sides = rules.take()
        for index, stats in enumerate(held, first):
            violations = tuple(found.get(index, ()))
            yield (
                stats,
                MigrationVerdict(violations, sides.get(index, frozenset()), rules.per_commit),
            )

    for index, stats in enumerate(stream):
        held.append(stats)
        if rules.see(index, _without_renames(stats.commit)):
            yield from release()
            first, held = index + 1, []
    rules.flush()
    yield from release()


def _without_renames(commit: Commit) -> Commit:
    """The commit as `check`'s stream lists it: `git log --numstat` pairs a rename (for
    its line counts), where the migration rules take a deleted and an added path and
    tell a moved migration by its blob, as `check` does."""
    from commitguard.model import Change, Commit

    if not any(change.old_path for change in commit.changes):
        return commit
    changes: list[Change] = []
    for change in commit.changes:
        if change.old_path:
            changes += [Change("D", change.old_path), Change("A", change.path)]
        else:
            changes.append(change)
    return Commit(
        commit.sha,
        commit.parents,
        commit.author_name,
        commit.author_email,
        commit.author_date,
        commit.message,
        tuple(changes),
    )


def _migration_test(config: Config, root: str) -> Callable[[str], bool]:
    """A path is a migration as the migration rules classify it, in this repository
    (loading them for `root` also points the rules at this repository's files)."""
    from commitguard.migrations import project
    from commitguard.migrations.classify import MIGRATION_SIDE

    classify = project.for_config(config, root).classify
    return lambda path: classify(path).kind in MIGRATION_SIDE


def _areas(config: Config, root: str, is_migration: Callable[[str], bool]) -> Areas:
    """The work area of each path, the frameworks' presets found by their markers in
    the work tree (as the migration layouts are), the database as the migration rules
    classify it."""
    from commitguard.migrations.files import WorkTree
    from commitguard.report.areas import Areas

    return Areas(config, is_migration, WorkTree(root))


def _repository(path: str) -> tuple[str | None, str]:
    from commitguard import git

    if not os.path.isdir(path):
        raise GitError(f"{path}: no such directory", "give --repo the path of a repository")
    found = git.find_repository(path)
    if found is None:
        raise GitError(
            f"{path}: not a git repository", "run this inside a repository, or give --repo"
        )
    return found.toplevel, path


def repositories_from(list_file: str) -> list[str]:
    """The repositories a `--repos-from` file names: one path a line, relative to the
    file's own folder; blank lines and lines starting with `#` are skipped. A line that
    names no repository is exit 4 naming the file and the line, as `--repo` would be."""
    try:
        with open(list_file, "rb") as handle:
            content = handle.read()
    except OSError as error:
        raise UsageError(
            f"{list_file}: cannot be read ({error.strerror or error})",
            "give --repos-from a file that lists one repository path a line",
        ) from None
    base = os.path.dirname(os.path.abspath(list_file))
    paths: list[str] = []
    for number, raw in enumerate(content.splitlines(), 1):
        line = os.fsdecode(raw).strip()
        if not line or line.startswith("#"):
            continue
        path = os.path.join(base, os.path.expanduser(line))
        try:
            _repository(path)
        except GitError as error:
            raise GitError(
                f"{list_file}:{number}: {line}: {error.message.rsplit(': ', 1)[-1]}",
                "each line of --repos-from is the path of a repository (or a # comment)",
            ) from None
        paths.append(path)
    if not paths:
        raise UsageError(
            f"{list_file}: names no repository",
            "list one repository path a line; # starts a comment",
        )
    return paths


def _cpus() -> int:
    """The CPUs this process may run on (a container's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def _distinct(found: list[tuple[str | None, str]]) -> list[tuple[str | None, str]]:
    """Each repository once, however many paths name it: counted twice, its commits
    would be too."""
    seen: set[str] = set()
    kept: list[tuple[str | None, str]] = []
    for top, cwd in found:
        key = os.path.realpath(top or cwd)
        if key not in seen:
            seen.add(key)
            kept.append((top, cwd))
    return kept


def _names(tops: list[str | None]) -> list[str]:
    """Each repository by its directory name; by its path where two names collide."""
    names = [os.path.basename(top or "") or (top or "?") for top in tops]
    return [
        name if names.count(name) == 1 else (top or name)
        for name, top in zip(names, tops, strict=True)
    ]
