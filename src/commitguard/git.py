"""The only module that runs git. Arguments go to git as a list, never through a shell.

What it relies on and promises (one runner, failures as exit 4, `--end-of-options`,
NUL-separated `git log`) is written down in docs/DESIGN.md, "How the code talks to git".
"""

from __future__ import annotations

import os

from commitguard.errors import GitError
from commitguard.model import Change, Commit, CommitStats, FileStat, Value

_MESSAGE_SETTINGS = (
    r"^(core\.commentchar|core\.commentstring|i18n\.commitencoding|commit\.cleanup)$"
)
_HEX = frozenset("0123456789abcdef")

# The user's git configuration must never change a verdict: every git call pins, with
# `-c`, each setting that would reshape what commitguard parses (options that say the
# same are added per command below). git ignores the keys a command does not read.
_PINNED = (
    "log.showSignature=false",  # gpg's report, printed before a signed commit's record
    "log.showRoot=true",  # the root commit's paths are part of it, as by default
    "log.follow=false",  # one --path would otherwise follow renames beyond it
    "diff.relative=false",  # paths from the top, from whichever directory we run in
    "diff.renames=true",  # renames as git detects them by default, not add + delete
    "diff.renameLimit=1000",  # ... and in a commit of many files too
    "diff.ignoreSubmodules=none",  # a bumped submodule is a changed path, as by default
    "i18n.logOutputEncoding=UTF-8",  # what the parsers decode, whatever the history
    "core.quotePath=true",  # -z prints paths verbatim anyway; this keeps it so
    "core.attributesFile=/dev/null",  # a personal `-diff` would hide a file's lines
    "mailmap.file=",  # names go through the repository's .mailmap, the same for all
    "color.ui=never",
)
_GIT = ("git", "--no-pager", *(item for key in _PINNED for item in ("-c", key)))
# What `git log` is told on every call, for the settings that have an option.
_LOG_OPTIONS = (
    "--no-show-signature",
    "--no-color",
    "--no-notes",
    "--no-relative",
    "--no-ext-diff",
    "--no-textconv",
    "--encoding=UTF-8",
    "--diff-algorithm=myers",
    "-O/dev/null",  # diff.orderFile would reorder a commit's paths
)


class Repository(Value):
    __slots__ = ("git_dir", "toplevel")

    def __init__(self, git_dir: str, toplevel: str | None) -> None:
        self.git_dir = git_dir  # absolute; the real one, .git/worktrees/<name> in a worktree
        self.toplevel = toplevel  # None in a bare repository


class MessageSettings(Value):
    __slots__ = ("comment", "encoding", "cleanup")

    def __init__(
        self, comment: str | None = None, encoding: str | None = None, cleanup: str | None = None
    ) -> None:
        self.comment = comment  # core.commentString, else core.commentChar
        self.encoding = encoding  # i18n.commitEncoding
        self.cleanup = cleanup  # commit.cleanup


# One way to run git. A query whose non-zero exit is an answer ("no upstream", "no such
# commit") reads the result of `_run`; everything else goes through `_output` or
# `_stream`. A git that cannot start (`_not_started`) or that fails (`_failure`) becomes
# a GitError (exit 4) there and nowhere else.


class Finished(Value):
    """A git command run to its end: what `subprocess.run` would say of it."""

    __slots__ = ("returncode", "stdout", "stderr")

    def __init__(self, returncode: int, stdout: bytes, stderr: bytes) -> None:
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr


def _run(args: list[str], cwd: str | None = None, stdin: bytes | None = None) -> Finished:
    """Run `git <args>` to completion, whatever its exit code.

    Spawned by hand, not with `subprocess`: the commit-msg hook makes its few git calls
    through here, and importing subprocess (with locale, signal, threading and
    selectors) costs the hook about a tenth of its time.
    """
    if cwd is not None:
        _enter(cwd)  # git -C would report a bad directory as its own failure
        args = ["-C", cwd, *args]
    stdout_read, stdout_write = os.pipe()
    stderr_read, stderr_write = os.pipe()
    stdin_read, stdin_write = os.pipe() if stdin else (os.open(os.devnull, os.O_RDONLY), -1)
    try:
        pid = os.posix_spawnp(
            "git",
            [*_GIT, *args],
            os.environ,
            file_actions=[
                (os.POSIX_SPAWN_DUP2, stdin_read, 0),
                (os.POSIX_SPAWN_DUP2, stdout_write, 1),
                (os.POSIX_SPAWN_DUP2, stderr_write, 2),
            ],
        )
    except OSError as error:
        for fd in (stdout_read, stderr_read, stdin_write):
            if fd >= 0:
                os.close(fd)
        raise _not_started(error, None) from None
    finally:
        for fd in (stdin_read, stdout_write, stderr_write):
            os.close(fd)
    stdout, stderr = _exchange(stdin_write, stdin or b"", stdout_read, stderr_read)
    _, status = os.waitpid(pid, 0)
    return Finished(os.waitstatus_to_exitcode(status), stdout, stderr)


def _enter(cwd: str) -> None:
    """Raise what running in `cwd` would: a --repo that is no directory is exit 4."""
    try:
        os.close(os.open(cwd, os.O_RDONLY | os.O_DIRECTORY))
    except OSError as error:
        raise GitError(f"{cwd}: {error.strerror}") from None


def _exchange(to_git: int, data: bytes, *from_git: int) -> tuple[bytes, ...]:
    """Write `data` to git's stdin while reading its stdout and stderr to their ends:
    any one pipe left unread could fill up and stall git."""
    import select  # a C module, cheap; not `selectors`, which is not

    poller = select.poll()
    chunks: dict[int, list[bytes]] = {fd: [] for fd in from_git}
    for fd in from_git:
        poller.register(fd, select.POLLIN)
    written = 0
    if to_git >= 0:
        os.set_blocking(to_git, False)
        poller.register(to_git, select.POLLOUT)
    open_fds = len(from_git) + (to_git >= 0)
    while open_fds:
        for fd, _ in poller.poll():
            if fd == to_git:
                try:
                    written += os.write(fd, data[written : written + 65536])
                except BrokenPipeError:  # git stopped reading: its exit code says why
                    written = len(data)
                if written < len(data):
                    continue
            else:
                chunk = os.read(fd, 65536)
                if chunk:
                    chunks[fd].append(chunk)
                    continue
            poller.unregister(fd)
            os.close(fd)
            open_fds -= 1
    return tuple(b"".join(chunks[fd]) for fd in from_git)


def _output(
    args: list[str],
    cwd: str | None = None,
    *,
    stdin: bytes | None = None,
    answers: tuple[int, ...] = (0,),
    revisions: list[str] | None = None,
    hint: str | None = None,
) -> bytes:
    """The standard output of `git <args>`; any exit code but `answers` is a GitError
    (naming `revisions` when git does not know one of them)."""
    result = _run(args, cwd, stdin)
    if result.returncode not in answers:
        raise _failure(args, result.stderr, revisions=revisions, hint=hint)
    return result.stdout


def _not_started(error: OSError, cwd: str | None) -> GitError:
    """Why git could not even start: it is missing, or `cwd` is not a directory."""
    if cwd is not None and error.filename == cwd:  # a --repo that is not a directory
        return GitError(f"{cwd}: {error.strerror}")
    return GitError("git was not found", "install git and make sure it is on PATH")


def _failure(
    args: list[str], stderr: bytes, *, revisions: list[str] | None = None, hint: str | None = None
) -> GitError:
    """The one translation of a git command that failed into what the user can do."""
    text = os.fsdecode(stderr).strip()
    if "not a git repository" in text:
        return GitError(
            "not in a git repository", hint or "run this inside the repository to check"
        )
    unknown = "unknown revision" in text or "bad revision" in text or "ambiguous argument" in text
    if revisions and unknown:
        return GitError(
            f"unknown revision in {' '.join(revisions)!r}: {text.splitlines()[0]}",
            "fetch the history it names (in CI: fetch-depth: 0 or GIT_DEPTH: 0), or check "
            "the spelling",
        )
    # git follows a bad command line with its whole usage text: keep what comes first.
    said = text.split("\nusage:", 1)[0].strip()
    return GitError(f"git {args[0]} failed: {said or 'no message'}", hint)


# A revision or ref that reaches git from the environment or the command line is
# refused if it could be read as an option, and follows --end-of-options anyway.


def _refuse_option(revision: str) -> None:
    if not revision or revision.startswith("-"):
        raise GitError(f"{revision!r} is not a revision", "a revision never starts with -")


def find_repository(cwd: str | None = None) -> Repository | None:
    """The repository around `cwd`, or None outside any."""
    result = _run(["rev-parse", "--absolute-git-dir", "--show-toplevel"], cwd)
    if result.returncode == 0:
        git_dir, toplevel = os.fsdecode(result.stdout).splitlines()[:2]
        return Repository(git_dir, toplevel)
    # Inside a bare repository or the git dir itself there is no work tree to show.
    result = _run(["rev-parse", "--absolute-git-dir"], cwd)
    if result.returncode == 0:
        return Repository(os.fsdecode(result.stdout).strip(), None)
    return None


def message_settings(cwd: str | None = None) -> MessageSettings:
    """The settings that decide how git cleans a message, in one git call."""
    result = _run(["config", "-z", "--get-regexp", _MESSAGE_SETTINGS], cwd)
    values: dict[str, str] = {}
    # Exit 1 means none is set; a broken config is git's to report, at commit time.
    for entry in os.fsdecode(result.stdout).split("\0"):
        key, _, value = entry.partition("\n")
        if key:
            values[key.lower()] = value
    return MessageSettings(
        comment=values.get("core.commentstring") or values.get("core.commentchar"),
        encoding=values.get("i18n.commitencoding"),
        cleanup=values.get("commit.cleanup"),
    )


def hooks_directory(cwd: str | None = None) -> str:
    """Where git looks for hooks: core.hooksPath if set; shared by all worktrees."""
    where = "run this inside the repository whose commits commitguard should check"
    path = os.fsdecode(_output(["rev-parse", "--git-path", "hooks"], cwd, hint=where)).strip()
    # git answers relative to `cwd` ("../../githooks" from a subdirectory); resolve it
    # so that what install prints is the directory itself, and `..` follows symlinks.
    return os.path.realpath(os.path.join(cwd or os.getcwd(), path))


# One record per commit, fields and records separated by NUL (`-z`): NUL is the one
# byte git never lets into a message, an author name or a ref.
_LOG_FIELDS = ("%H", "%P", "%aN", "%aE", "%aI", "%B")
_LOG_FORMAT = "%x00".join(_LOG_FIELDS)
# Bytes read from the stream at a time. 64 KiB reads cost no less time over 100,000
# commits and raised the process tree's peak by about 3 MiB (bench/check.py, pss).
_CHUNK = 4096
# A --name-status entry opens with its status: A, M, D, T, or R/C with a similarity.
_STATUS_LETTERS = frozenset("ACDMRTUXB")
# git keeps the bases of the deltas it has unpacked, up to 96 MiB by default: over
# 100,000 commits that is a third of `check`'s `git log` peak (215 MiB; 143 MiB with
# 32 MiB), and no faster for it, since a history's trees are read in order and their
# deltas lie near their bases (bench/check.py; real histories alike). So for `check`'s
# long reads: the history's paths, and the blobs of many commits after it. Not for
# `report`'s `--numstat`, which diffs every blob and ran 5 % slower so on amplication.
_DELTA_CACHE = ("-c", "core.deltaBaseCacheLimit=32m")


def log(
    revisions: list[str], cwd: str | None = None, *, changes: bool = False
) -> Generator[Commit, None, None]:
    """Stream the commits `git log` lists for `revisions`, newest first, in one git call.

    Parsed as the bytes arrive, so memory stays flat over any length of history. With
    `changes`, each commit carries the paths it changed (`--name-status`; merges carry
    none, as in `git log`; a renamed file is deleted and added). `revisions` are
    revision arguments only, never options.
    """
    for revision in revisions:
        _refuse_option(revision)
    args = ["log", *_LOG_OPTIONS, "-z", f"--format={_LOG_FORMAT}"]
    if changes:
        # No rename detection: it reads both sides of every added and deleted pair, which
        # in a blobless clone fetches blobs from the remote. A rename is a delete and an
        # add here; the rule that cares asks about the few it meets (ObjectIds).
        args += ["--name-status", "--no-renames"]
    args += ["--end-of-options", *revisions, "--"]
    yield from _stream(args, cwd, revisions, _parse_log, settings=_DELTA_CACHE)


def read_commit(revision: str, cwd: str | None = None) -> Commit | None:
    """The commit `revision` names, with its paths; None when git lists none for it.
    git is stopped once the commit is read, rather than left to stream the history
    behind it."""
    commits = log([revision], cwd, changes=True)
    try:
        return next(commits, None)
    finally:
        commits.close()


# typing costs the commit-msg hook ~10 ms of import time; mypy reads this flag too.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import subprocess
    import threading
    from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
    from typing import IO, Any, TypeVar

    _Parsed = TypeVar("_Parsed")
    _Answer = TypeVar("_Answer")


def _stream(
    args: list[str],
    cwd: str | None,
    revisions: list[str],
    parse: Callable[[IO[bytes]], Iterator[_Parsed]],
    *,
    settings: tuple[str, ...] = (),
) -> Iterator[_Parsed]:
    """Run one long `git <settings> <args>` and yield what `parse` makes of its output
    as it comes; the streaming twin of `_output`, with the same failures."""
    # stderr goes to a file: a pipe nobody reads could fill up and stall git.
    # GIT_FLUSH=0: into a pipe, `git log` flushes after every commit, a write and a
    # wake-up of this process each. Reading 100,000 commits' stream, and no more, took
    # 3.1 s so against 2.8 s, for a `git log` of 2.6 s (bench/README.md, "What reading
    # git's stream costs"). A stream is read to its end or dropped, never answered, so
    # git may fill its buffer first.
    import subprocess  # the streams' shell; the hook's git calls never need it
    import tempfile

    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(
                [*_GIT, *settings, *args],
                cwd=cwd,
                stdout=subprocess.PIPE,
                stderr=errors,
                env={**os.environ, "GIT_FLUSH": "0"},
            )
        except OSError as error:
            raise _not_started(error, cwd) from None
        assert process.stdout is not None
        try:
            yield from parse(process.stdout)
        finally:
            process.stdout.close()
            code = process.wait()
        if code != 0:
            errors.seek(0)
            raise _failure(args, errors.read(), revisions=revisions)


def _parse_log(stream: object) -> Iterator[Commit]:
    """Records are the format's six fields, then, with --name-status, entries of a status
    and one path (two for renames and copies). A status is a letter and at most three
    digits, so it never looks like a sha: the token after the last entry opens the next
    record. One loop over each chunk's fields: `check` parses 100,000 records here."""
    width = len(_LOG_FIELDS)
    fields: list[str] = []
    filled = 0  # len(fields), kept by hand: this loop runs once per token
    found: list[Change] = []
    status = ""
    source = ""  # the first path of a rename or copy
    awaiting = 0  # paths still to read for the current entry
    entry = _status_table().get
    for parts in _text_chunks(stream):
        for token in parts:
            if awaiting:
                if awaiting == 2:
                    source, awaiting = token, 1
                    continue
                awaiting = 0
                found.append(Change(status, token, source) if source else Change(status, token))
            elif filled < width:
                fields.append(token)
                filled += 1
            # _status_entry inlined, the table first: this runs once per token.
            elif (known := entry(token) or _status_entry(token)) is not None:
                status, awaiting = known
                source = ""
            else:
                yield _commit(fields, found)
                fields, found, filled = [token], [], 1
    if filled == width:
        yield _commit(fields, found)


def _text_chunks(stream: object) -> Iterator[list[str]]:
    """git's NUL-separated output as lists of whole fields, decoded, one list per chunk
    read: the parsers loop over each list themselves, since a generator step per field
    was a tenth of `check`'s time. Each chunk is decoded at once up to its last NUL (a
    character boundary in UTF-8, so each field decodes as it would alone); the field
    the chunk's end cuts waits for the next chunk."""
    read = stream.read1  # type: ignore[attr-defined]
    pending = b""
    while True:
        chunk = read(_CHUNK)
        if not chunk:
            return
        whole, cut, pending = (pending + chunk).rpartition(b"\0")
        if cut:
            yield whole.decode("utf-8", "replace").split("\0")


def _status_entry(token: str) -> tuple[str, int] | None:
    """A `--name-status` status (A, M, D, T, ..., or R/C with a similarity of at most
    three digits; the first entry of a `git log` record follows a newline) as its
    letter and how many paths follow it; None for any other token."""
    bare = token.lstrip("\n")
    if not 0 < len(bare) <= 4 or bare[0] not in _STATUS_LETTERS:
        return None
    if len(bare) > 1 and not (bare[1:].isascii() and bare[1:].isdigit()):
        return None
    return bare[0], 2 if bare[0] in "RC" else 1


def _status_table() -> dict[str, tuple[str, int]]:
    """`_status_entry` of every token git writes, so that the log parser tells an entry
    from the next record with one dict lookup. Built on the first log read, not at
    import: the commit-msg hook imports this module and parses no log."""
    table = _STATUS_TABLE
    if not table:
        scored = (f"{letter}{score:03d}" for letter in "RC" for score in range(101))
        for token in (*_STATUS_LETTERS, *scored):
            entry = _status_entry(token)
            assert entry is not None
            table[token] = table["\n" + token] = entry
    return table


_STATUS_TABLE: dict[str, tuple[str, int]] = {}


def _commit(fields: list[str], changes: list[Change]) -> Commit:
    sha, parents, name, email, date, body = fields
    return Commit(
        # Skip the newline git prints between a record's terminator and the next record.
        sha.lstrip("\n"),
        tuple(parents.split()),
        name,
        email,
        date,
        body.rstrip("\n"),
        tuple(changes),
    )


def shallow_boundary(cwd: str | None = None) -> frozenset[str]:
    """The commits whose parents a shallow clone does not have; empty when not shallow."""
    result = _run(["rev-parse", "--git-path", "shallow"], cwd)
    if result.returncode != 0:
        return frozenset()
    path = os.path.join(cwd or "", os.fsdecode(result.stdout).strip())
    try:
        with open(path, encoding="ascii") as handle:
            return frozenset(line.strip() for line in handle if line.strip())
    except OSError:
        return frozenset()


def existing_commits(shas: set[str], cwd: str | None = None) -> set[str]:
    """Which of `shas` name commits in this repository: one `git cat-file` call."""
    asked = sorted(sha for sha in shas if sha and _HEX.issuperset(sha))
    if not asked:
        return set()
    stdin = "".join(f"{sha}^{{commit}}\n" for sha in asked).encode()
    out = _output(["cat-file", "--batch-check=%(objecttype)"], cwd, stdin=stdin)
    answers = out.decode("ascii", "replace").splitlines()
    return {sha for sha, answer in zip(asked, answers, strict=False) if answer == "commit"}


def upstream(cwd: str | None = None) -> str | None:
    """The upstream of the current branch (`@{upstream}`), or None."""
    result = _run(["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"], cwd)
    if result.returncode != 0:
        return None
    return os.fsdecode(result.stdout).strip() or None


def resolve_commit(revision: str, cwd: str | None = None) -> str | None:
    """The full sha of the commit `revision` names, or None when this clone lacks it."""
    _refuse_option(revision)
    args = ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"]
    result = _run(args, cwd)
    if result.returncode != 0:
        return None
    return os.fsdecode(result.stdout).strip() or None


def merge_bases(first: str, second: str, cwd: str | None = None) -> list[str]:
    """Every best common ancestor: more than one after criss-cross merges, none when
    the histories share nothing here (unrelated, or cut apart by a shallow clone)."""
    _refuse_option(first)
    _refuse_option(second)
    # Exit 1 is the answer "no common ancestor".
    out = _output(["merge-base", "--all", "--end-of-options", first, second], cwd, answers=(0, 1))
    return os.fsdecode(out).split()


def remote_tracking_refs(cwd: str | None = None) -> list[tuple[str, str]]:
    """(ref name, commit sha) of every remote-tracking branch. Symbolic refs such as
    origin/HEAD are left out: the branch they point at is listed itself."""
    fields = "%(objecttype) %(objectname) %(refname) %(symref)"
    out = _output(["for-each-ref", f"--format={fields}", "--end-of-options", "refs/remotes/"], cwd)
    refs = []
    # A ref name never holds a space, so the fields split cleanly.
    for line in os.fsdecode(out).splitlines():
        kind, sha, name, symref = line.split(" ", 3)
        if kind == "commit" and not symref:
            refs.append((name, sha))
    return refs


def remote_urls(cwd: str | None = None) -> dict[str, list[str]]:
    """Each configured remote with its fetch and push URLs."""
    result = _run(["config", "-z", "--get-regexp", r"^remote\..*\.(url|pushurl)$"], cwd)
    remotes: dict[str, list[str]] = {}
    # Exit 1 means no remote is configured.
    for entry in os.fsdecode(result.stdout).split("\0"):
        key, _, url = entry.partition("\n")
        name, _, _ = key.removeprefix("remote.").rpartition(".")
        if name:
            remotes.setdefault(name, []).append(url)
    return remotes


def remote_head(remote: str, cwd: str | None = None) -> str | None:
    """The ref refs/remotes/<remote>/HEAD points at (the remote's default branch), or None."""
    _refuse_option(remote)
    ref = f"refs/remotes/{remote}/HEAD"
    result = _run(["symbolic-ref", "--quiet", "--end-of-options", ref], cwd)
    if result.returncode != 0:
        return None
    return os.fsdecode(result.stdout).strip() or None


def rev_list(revisions: list[str], cwd: str | None = None) -> list[str]:
    """The shas `git rev-list` lists; only for the few commits of a shallow clone."""
    for revision in revisions:
        _refuse_option(revision)
    out = _output(["rev-list", "--end-of-options", *revisions, "--"], cwd, revisions=revisions)
    return os.fsdecode(out).split()


def staged_changes(cwd: str | None = None) -> tuple[Change, ...]:
    """What the index would commit, as `--name-status` entries (one git call)."""
    args = [
        "diff",
        "--cached",
        "--name-status",
        "-z",
        "--no-ext-diff",
        "--no-relative",
        "-O/dev/null",
    ]
    out = _output(args, cwd)
    tokens = iter(out.decode("utf-8", "replace").split("\0"))
    changes = []
    for token in tokens:
        entry = _status_entry(token) if token else None
        if entry is None:
            continue
        letter, paths = entry
        path = next(tokens, "")
        # A rename or copy names its source first.
        changes.append(
            Change(letter, next(tokens, ""), path) if paths == 2 else Change(letter, path)
        )
    return tuple(changes)


def recent_headers(
    pathspecs: list[str], limit: int, cwd: str | None = None, *, tip: str = "HEAD"
) -> list[str]:
    """The headers of the last `limit` commits (merges aside) up to `tip` that touched
    `pathspecs`, newest first, in one git call; none before the first commit. Only a
    message that lacks a valid scope asks, to learn the scope the repository uses for
    those paths."""
    _refuse_option(tip)
    args = ["log", *_LOG_OPTIONS, "-z", "--no-merges", f"--max-count={limit}", "--format=%s"]
    result = _run([*args, "--end-of-options", tip, "--", *pathspecs], cwd)
    if result.returncode != 0:
        return []  # no commit yet: nothing to learn from
    out = result.stdout.decode("utf-8", "replace")
    return [header for header in out.split("\0") if header.strip()]


def staged_changes_if_any(cwd: str | None = None) -> tuple[Change, ...]:
    """The staged changes in a work tree; none outside one, or where git is missing
    (a message file can be judged without a repository)."""
    try:
        repository = find_repository(cwd)
    except GitError:
        return ()
    if repository is None or repository.toplevel is None:
        return ()
    return staged_changes(cwd)


# --- `commitguard report`: one streamed `git log --numstat` over a time window --------

# The commit's fields, then its --numstat entries: `added<TAB>deleted<TAB>path`, or for
# a rename `added<TAB>deleted<TAB>` followed by the old and the new path; `-` for binary.
_STATS_FIELDS = ("%H", "%P", "%aN", "%aE", "%aI", "%cI", "%ae", "%B")
_STATS_FORMAT = "%x00".join(_STATS_FIELDS)


def log_stats(
    revisions: list[str],
    cwd: str | None = None,
    *,
    all_refs: bool = False,
    since: str | None = None,
    until: str | None = None,
    paths: tuple[str, ...] = (),
) -> Iterator[CommitStats]:
    """Stream `git log --numstat` for `revisions` (or every ref), newest first, one git call.

    `since`/`until` go to git as `--since`/`--until`, which compare the committer date,
    so git stops walking once the history is older than `since`: a two-week window on a
    long history reads two weeks of it. `paths` narrow the commits and their counts.
    """
    args = ["log", *_LOG_OPTIONS, "-z", f"--format={_STATS_FORMAT}", "--numstat"]
    args += _walk(revisions, all_refs, since, until, paths)
    yield from _stream(args, cwd, revisions, _parse_stats)


def _walk(
    revisions: list[str],
    all_refs: bool,
    since: str | None,
    until: str | None,
    paths: tuple[str, ...],
) -> list[str]:
    """The commits `log_stats` streams, as git's walking arguments: the revisions only
    ever as revisions, never options."""
    for revision in revisions:
        _refuse_option(revision)
    args = [f"--since={since}"] if since else []
    args += [f"--until={until}"] if until else []
    args += ["--all"] if all_refs else []
    return [*args, "--end-of-options", *revisions, "--", *paths]


def _parse_stats(stream: object) -> Iterator[CommitStats]:
    """A numstat entry always holds two tabs, which a sha never does, so the first token
    without one opens the next record. One loop over each chunk's tokens, as in
    `_parse_log`: a whole history goes through here."""
    width = len(_STATS_FIELDS)
    fields: list[str] = []
    files: list[FileStat] = []
    counts: list[str] = []
    paths: list[str] = []
    awaiting = 0  # paths of a rename still to read
    for parts in _text_chunks(stream):
        for token in parts:
            if awaiting:
                paths.append(token)
                awaiting -= 1
                if not awaiting:
                    files.append(_file_stat(counts, paths[1], paths[0]))
                    paths = []
            elif len(fields) < width:
                fields.append(token)
            elif "\t" in token:
                counts = token.lstrip("\n").split("\t", 2)
                if counts[2]:
                    files.append(_file_stat(counts, counts[2], None))
                else:
                    awaiting = 2
            else:
                yield _dated(_stats(fields, files))
                fields, files = [token], []
    if len(fields) == width:
        yield _dated(_stats(fields, files))


def _dated(stats: CommitStats) -> CommitStats:
    """`stats`, once both its dates are ones the report can place in its window.

    git writes what a commit object holds, and one written by hand (or by a broken
    tool, which `git fsck` would flag) may hold a zone such as `+051800`, the year
    10000, or no timestamp at all, where git prints the placeholder itself (`%aI`).
    Such a commit cannot be counted in or out of a window: exit 4, naming it.
    """
    from datetime import datetime  # only `report` reads dates; the hook never does

    for which, text in (("author", stats.commit.author_date), ("committer", stats.committer_date)):
        try:
            datetime.fromisoformat(text)
        except ValueError:
            raise GitError(
                f"commit {stats.commit.sha} has a malformed {which} date: git prints {text!r}",
                "`git fsck` reports it too; a report whose range or --path leaves the "
                "commit out still runs",
            ) from None
    return stats


def _file_stat(counts: list[str], path: str, old: str | None) -> FileStat:
    added, deleted = counts[0], counts[1]
    return FileStat(
        path,
        old,
        None if added == "-" else int(added),
        None if deleted == "-" else int(deleted),
    )


def _stats(fields: list[str], files: list[FileStat]) -> CommitStats:
    sha, parents, name, email, date, committed, raw_email, body = fields
    changes = tuple(
        Change("M", f.path) if f.old_path is None else Change("R", f.path, f.old_path)
        for f in files
    )
    commit = Commit(
        sha.lstrip("\n"), tuple(parents.split()), name, email, date, body.rstrip("\n"), changes
    )
    return CommitStats(commit, committed, raw_email, tuple(files))


def read_blobs(specs: list[str], cwd: str | None = None) -> dict[str, str | None]:
    """The text of each `<revision>:<path>` (None where there is none), through one
    `git cat-file --batch`: for the few migrations a rule must read."""
    found = read_objects(specs, cwd)
    return {
        spec: content.decode("utf-8", "replace") if kind == "blob" else None
        for spec in specs
        for kind, content in [found.get(spec, ("", b""))]
    }


def files_under(revision: str, folder: str, cwd: str | None = None) -> list[str]:
    """The paths of the files `revision` has under `folder` (`a/b/`), in git's order:
    one `git ls-tree`, for the few commits a rule must read a whole folder of."""
    _refuse_option(revision)
    out = _output(
        ["ls-tree", "-r", "-z", "--name-only", "--end-of-options", revision, "--", folder],
        cwd,
        revisions=[revision],
    )
    return [os.fsdecode(path) for path in out.split(b"\0") if path]


def paths_on_base(revisions: tuple[str, ...], paths: list[str], cwd: str | None = None) -> set[str]:
    """Which of `paths` the base of a range has: the trees of its negative revisions
    (`^A`, the A of `A..B`, the merge base of `A...B`). Two git calls in all."""
    for revision in revisions:
        _refuse_option(revision)
    args = ["rev-parse", "--revs-only", "--end-of-options", *revisions]
    out = os.fsdecode(_output(args, cwd, revisions=list(revisions)))
    bases = [line[1:] for line in out.split() if line.startswith("^")]
    specs = [f"{base}:{path}" for base in bases for path in paths if "\n" not in path]
    if not specs:
        return set()
    stdin = "".join(f"{spec}\n" for spec in specs).encode()
    found = os.fsdecode(_output(["cat-file", "--batch-check"], cwd, stdin=stdin))
    present = set()
    for spec, line in zip(specs, found.splitlines(), strict=True):
        if not line.endswith(" missing"):
            present.add(spec.split(":", 1)[1])
    return present


def fetch_unshallow(cwd: str | None = None) -> None:
    """Fetch the history a shallow clone lacks, from its default remote."""
    _output(
        ["fetch", "--quiet", "--unshallow"],
        cwd,
        hint="fetch the history in the checkout step instead (fetch-depth: 0, GIT_DEPTH: 0)",
    )


_PROMISORS: dict[str, str | None] = {}  # directory -> its promisor remote, once asked


def promisor_remote(cwd: str | None = None) -> str | None:
    """The remote a partial clone (`--filter=blob:none`) fetches its missing objects
    from; None for a whole clone."""
    where = os.path.realpath(cwd or os.getcwd())  # one answer per repository directory
    if where not in _PROMISORS:
        result = _run(
            ["config", "-z", "--get-regexp", r"^(remote\..*\.promisor|extensions\.partialclone)$"],
            cwd,
        )
        found = None
        for entry in os.fsdecode(result.stdout).split("\0"):
            key, _, value = entry.partition("\n")
            if key.lower() == "extensions.partialclone" and value:
                found = value
            elif key.lower().endswith(".promisor") and value.lower() in ("true", "yes", "on", "1"):
                found = key[len("remote.") : -len(".promisor")]
        _PROMISORS[where] = found
    return _PROMISORS[where]


def bring_blobs(ids: Iterable[str], cwd: str | None = None) -> None:
    """In a partial clone, fetch those of the blobs `ids` that are missing here, in one
    round trip: read one at a time, each missing blob would be its own fetch from the
    remote (a blobless CI checkout reading a few hundred files made as many). A whole
    clone asks nothing. If the fetch fails, the reads that follow fetch or fail as git
    does, with git's own message."""
    remote = promisor_remote(cwd)
    wanted = list(dict.fromkeys(ids))
    if remote is None or not wanted:
        return
    # --missing=print keeps rev-list from fetching; --ignore-missing drops the absent.
    listed = _run(
        ["rev-list", "--objects", "--no-walk", "--missing=print", "--ignore-missing", "--stdin"],
        cwd,
        stdin="".join(f"{object_id}\n" for object_id in wanted).encode("ascii"),
    )
    present = {line.split(b" ", 1)[0].decode("ascii") for line in listed.stdout.splitlines()}
    _fetch_blobs(remote, [object_id for object_id in wanted if object_id not in present], cwd)


def bring_history_blobs(
    revisions: list[str],
    cwd: str | None = None,
    *,
    all_refs: bool = False,
    since: str | None = None,
    until: str | None = None,
    paths: tuple[str, ...] = (),
) -> None:
    """In a partial clone, fetch at once every blob the commits `log_stats` is about to
    stream (the same arguments) lack here: `git log --numstat` reads both versions of
    each changed file, and would fetch them one round trip at a time. A whole clone
    asks nothing."""
    remote = promisor_remote(cwd)
    if remote is None:
        return
    walk = _walk(revisions, all_refs, since, until, paths)
    # --missing=print lists what is absent without fetching it.
    listed = _output(["rev-list", "--objects", "--missing=print", *walk], cwd, revisions=revisions)
    missing = [line[1:].decode("ascii") for line in listed.splitlines() if line.startswith(b"?")]
    _fetch_blobs(remote, missing, cwd)


def _fetch_blobs(remote: str, missing: list[str], cwd: str | None) -> None:
    if not missing:
        return
    # As git's own lazy fetch asks: the ids themselves, no negotiation, nothing more.
    _run(
        [
            "-c",
            "fetch.negotiationAlgorithm=noop",
            "fetch",
            "--quiet",
            "--no-tags",
            "--no-write-fetch-head",
            "--recurse-submodules=no",
            "--filter=blob:none",
            "--stdin",
            "--end-of-options",
            remote,
        ],
        cwd,
        stdin="".join(f"{object_id}\n" for object_id in missing).encode("ascii"),
    )


def _bring_specs(specs: list[str], cwd: str | None) -> None:
    """`bring_blobs` for the blobs `<rev>:<path>` specs name, their ids read from the
    trees (which a blobless clone has); the index's own (`:<path>`) are always here."""
    committed = [spec for spec in specs if ":" in spec and not spec.startswith(":")]
    if not committed or promisor_remote(cwd) is None:
        return  # no cat-file process started for nothing
    with ObjectIds(cwd) as objects:
        objects.bring(committed)


def read_objects(specs: list[str], cwd: str | None = None) -> dict[str, tuple[str, bytes]]:
    """What each spec names (`<rev>:<path>`, `<sha>^{commit}`), as (kind, content),
    through one `git cat-file --batch --follow-symlinks`; a spec that names nothing is
    left out. The kind is git's object type (`blob`, `tree`, `commit`), or, for a
    symbolic link in the tree that leads nowhere git can follow, `dangling`, `symlink`
    (out of the tree), `loop` or `notdir`, with the link's path as the content, as a
    checkout would see it. A commit's content is its message alone."""
    asked = [spec for spec in dict.fromkeys(specs) if spec and "\n" not in spec]
    found: dict[str, tuple[str, bytes]] = {}
    if not asked:
        return found
    _bring_specs(asked, cwd)
    stdin = "".join(f"{spec}\n" for spec in asked).encode()
    out = _output([*_DELTA_CACHE, "cat-file", "--batch", "--follow-symlinks"], cwd, stdin=stdin)
    position = 0
    for spec in asked:
        end = out.index(b"\n", position)
        line = out[position:end]
        position = end + 1
        if line.endswith((b" missing", b" ambiguous")):
            continue
        fields = line.split(b" ")  # `<sha> <type> <size>`, or `<status> <size>`
        kind, size = fields[-2].decode("ascii"), int(fields[-1])
        content = out[position : position + size]
        position += size + 1
        if kind == "commit":
            content = content.partition(b"\n\n")[2]
        found[spec] = (kind, content)
    return found


def commit_headers(shas: Iterable[str], cwd: str | None = None) -> dict[str, str]:
    """The header of each of `shas` that names a commit here, as git quotes it in a
    revert (the first line of the stored message), through one `git cat-file`; a sha
    that names no commit is left out."""
    specs = [f"{sha}^{{commit}}" for sha in sorted(set(shas))]
    return {
        spec.removesuffix("^{commit}"): content.partition(b"\n")[0]
        .decode("utf-8", "replace")
        .rstrip()
        for spec, (kind, content) in read_objects(specs, cwd).items()
        if kind == "commit"
    }


def index_matches_work_tree(cwd: str | None = None, paths: tuple[str, ...] = ()) -> bool:
    """Whether the tracked files in the work tree (those of `paths`, or all) are as the
    index (GIT_INDEX_FILE when git set one for a hook) has them: `git diff-files`."""
    return _run(["diff-files", "--quiet", "--", *paths], cwd).returncode == 0


class _Stopped(Exception):
    """git's answer ended early."""


class _Owed:
    """Answers git owes for questions written to it: how to read each, the thread still
    writing the questions (if there were many), and the answers once read."""

    __slots__ = ("readers", "writer", "answers")

    def __init__(self, readers: Sequence[Callable[[IO[bytes]], Any]]) -> None:
        self.readers = readers
        self.writer: threading.Thread | None = None
        self.answers: list[Any] | None = None


def _stopped(process: subprocess.Popen[bytes]) -> GitError:
    code = process.wait()
    return GitError(f"git cat-file stopped (exit {code}) while reading the history")


# Questions up to this size are written before the answers are read: less than the
# smallest pipe buffer (4 KiB on some systems), so neither side can block the other.
# More are written by a thread while the answers are read.
_QUESTIONS = 4096
# The cat-file process lives beside `git log` for the whole stream but answers only a
# few questions: small pack windows and delta cache keep its memory near git's floor.
_LEAN = (
    "-c",
    "core.packedGitWindowSize=1m",
    "-c",
    "core.packedGitLimit=4m",
    "-c",
    "core.deltaBaseCacheLimit=4m",
)


def _write(to_git: IO[bytes], questions: bytes) -> None:
    try:
        to_git.write(questions)
        to_git.flush()
    except BrokenPipeError:
        pass  # git stopped: the reader sees the pipe close and says so


def _read_object(out: IO[bytes]) -> tuple[bytes, bytes, bytes] | None:
    """One `--batch` answer: the object's id, type and content; None when git has no
    such object (a path the revision lacks, a blob a partial clone could not fetch)."""
    header = out.readline()
    if not header:
        raise _Stopped
    fields = header.split()
    if len(fields) != 3 or not fields[2].isdigit():
        return None  # `<spec> missing`, `<spec> ambiguous`
    data = out.read(int(fields[2]) + 1)
    if len(data) != int(fields[2]) + 1:
        raise _Stopped
    return fields[0], fields[1], data[:-1]


def _read_tree(out: IO[bytes], names: set[bytes]) -> dict[bytes, str]:
    """One `--batch` answer that should be a tree: those of its files (blobs) named in
    `names`, name -> id. Only the names asked are kept: a root tree lists many."""
    found = _read_object(out)
    if found is None or found[1] != b"tree":
        return {}  # no such directory, or a file or a submodule where one was expected
    object_id, _, data = found
    size = len(object_id) // 2  # the object format's: 20 bytes (SHA-1) or 32 (SHA-256)
    files: dict[bytes, str] = {}
    start = 0
    index = data.index
    while start < len(data):
        space = index(b" ", start)
        end = index(b"\0", space)
        name = data[space + 1 : end]
        if name in names and data.startswith((b"100", b"120"), start):  # a file, a symlink
            files[name] = data[end + 1 : end + 1 + size].hex()
        start = end + 1 + size
    return files


def _tree_reader(names: set[bytes]) -> Callable[[IO[bytes]], dict[bytes, str]]:
    return lambda out: _read_tree(out, names)


def _read_whole(out: IO[bytes], limit: int | None = None) -> str | None:
    """One `--batch` answer that should be a blob: its text (its first `limit` bytes)."""
    found = _read_object(out)
    return (
        None
        if found is None or found[1] != b"blob"
        else found[2][:limit].decode("utf-8", "replace")
    )


def _read_text(out: IO[bytes]) -> str | None:
    # A configuration file's setting sits near its top: at most 1 MiB of it is read.
    return _read_whole(out, limit=1 << 20)


class ObjectIds:
    """What `<revision>:<path>` names, and the text of a few blobs, asked of one
    long-running `git cat-file --batch`: for `check`, which asks about a few files
    (framework markers and configuration, moved migrations) of a few of the commits it
    streams. A path's id is read from its directory's tree, one object for every file
    asked of that directory; only `text` reads a blob, so a blobless clone fetches only
    the configuration files it is asked to read."""

    def __init__(self, cwd: str | None = None) -> None:
        self._cwd = cwd
        self._process: subprocess.Popen[bytes] | None = None
        self._texts: dict[str, str | None] = {}  # by blob id: the same file, many commits
        self._owed: _Owed | None = None  # questions written, answers not read yet

    def __enter__(self) -> ObjectIds:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def blob(self, spec: str) -> str | None:
        """The id of the blob `spec` names; None for a tree, a submodule or nothing."""
        return self.blobs([spec])[0]

    def blobs(self, specs: list[str]) -> list[str | None]:
        """`blob` of each `<revision>:<path>`, in as few round trips as the pipes allow."""
        return self.blobs_later(specs)()

    def read(self, specs: list[str]) -> dict[str, str | None]:
        """`read_blobs` through this process: the whole text of each `<revision>:<path>`
        (None where there is none), for a caller that reads a few again and again."""
        asked = list(dict.fromkeys(spec for spec in specs if "\n" not in spec))
        found: dict[str, str | None] = dict.fromkeys(specs)
        self.bring(asked)
        lines = [spec.encode("utf-8", "surrogateescape") + b"\n" for spec in asked]
        found.update(zip(asked, self._ask(lines, [_read_whole] * len(lines)), strict=True))
        return found

    def bring(self, specs: list[str]) -> None:
        """In a partial clone, fetch in one round trip the blobs these `<revision>:<path>`
        name that are missing here, their ids read from the trees (which a blobless clone
        has): no blob is read to learn them."""
        if promisor_remote(self._cwd) is None:
            return
        ids = self.blobs(specs)
        bring_blobs([object_id for object_id in ids if object_id is not None], self._cwd)

    def text(self, blob: str) -> str | None:
        """The text of blob `blob` (at most 1 MiB of it), read once."""
        if blob not in self._texts:
            self.read_ahead([blob])
        return self._texts.get(blob)

    def read_ahead(self, blobs: Iterable[str]) -> None:
        """Read the texts of `blobs` not read yet, in as few round trips as the pipes
        allow: `text` then answers from what was read."""
        wanted = list(dict.fromkeys(blob for blob in blobs if blob not in self._texts))
        if len(self._texts) + len(wanted) > 1024:  # a history's configuration files
            self._texts.clear()
        bring_blobs(wanted, self._cwd)
        lines = [blob.encode("ascii") + b"\n" for blob in wanted]
        self._texts.update(zip(wanted, self._ask(lines, [_read_text] * len(lines)), strict=True))

    def _ask(
        self, lines: list[bytes], readers: Sequence[Callable[[IO[bytes]], _Answer]]
    ) -> list[_Answer]:
        """Write `lines` and read the answer to each with its reader, in one round trip
        however many there are."""
        return self._collect(self._send(lines, readers))

    def blobs_later(self, specs: list[str]) -> Callable[[], list[str | None]]:
        """`blobs`, asked now and answered when called: git works out the answers
        while the caller goes on with something else."""
        asked: list[tuple[str, bytes] | None] = []
        names: dict[str, set[bytes]] = {}  # each tree asked -> the names asked of it
        for spec in specs:
            revision, _, path = spec.partition(":")
            directory, _, name = path.rpartition("/")
            if not name or "\n" in spec:  # one line a question: this one cannot be asked
                asked.append(None)
                continue
            tree = f"{revision}:{directory}" if directory else f"{revision}^{{tree}}"
            encoded = name.encode("utf-8", "surrogateescape")
            asked.append((tree, encoded))
            names.setdefault(tree, set()).add(encoded)
        wanted = list(names)
        lines = [tree.encode("utf-8", "surrogateescape") + b"\n" for tree in wanted]
        readers = [_tree_reader(names[tree]) for tree in wanted]
        owed = self._send(lines, readers)

        def answers() -> list[str | None]:
            trees = dict(zip(wanted, self._collect(owed), strict=True))
            return [None if item is None else trees[item[0]].get(item[1]) for item in asked]

        return answers

    def _send(self, lines: list[bytes], readers: Sequence[Callable[[IO[bytes]], _Answer]]) -> _Owed:
        """Write `lines`, whose answers are read by `_collect`. git answers in order, so
        answers still owed for earlier questions are read first. Questions that may not
        fit in the pipe are written by a thread, so that neither side waits on the
        other however many there are."""
        if self._owed is not None:
            self._collect(self._owed)
        owed: _Owed = _Owed(readers)
        if not lines:
            owed.answers = []
            return owed
        if self._process is None:
            self._process = self._start()
        process = self._process
        assert process.stdin is not None
        questions = b"".join(lines)
        # _write takes a closed pipe in silence: the reading finds git stopped.
        if len(questions) <= _QUESTIONS:
            _write(process.stdin, questions)
        else:
            import threading

            owed.writer = threading.Thread(target=_write, args=(process.stdin, questions))
            owed.writer.start()
        self._owed = owed
        return owed

    def _collect(self, owed: _Owed) -> list[Any]:
        """The answers to the questions `_send` wrote, read once."""
        if owed.answers is not None:
            return owed.answers
        process = self._process
        assert process is not None
        assert process.stdout is not None
        assert self._owed is owed  # _send reads what is owed before it writes more
        self._owed = None
        try:
            owed.answers = [read(process.stdout) for read in owed.readers]
        except (BrokenPipeError, _Stopped):
            raise _stopped(process) from None
        except BaseException:
            if owed.writer is not None:
                process.kill()  # the writer may wait on a pipe nobody will read now
            raise
        finally:
            if owed.writer is not None:
                owed.writer.join()
        return owed.answers

    def _start(self) -> subprocess.Popen[bytes]:
        import subprocess

        try:
            process = subprocess.Popen(
                [*_GIT, *_LEAN, "cat-file", "--batch"],
                cwd=self._cwd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            raise _not_started(error, self._cwd) from None
        return process

    def close(self) -> None:
        process, self._process = self._process, None
        owed, self._owed = self._owed, None
        if process is not None and owed is not None and owed.writer is not None:
            process.kill()  # its writer may wait on a pipe nobody will read now
            owed.writer.join()
        if process is not None:
            assert process.stdin is not None
            assert process.stdout is not None
            process.stdin.close()
            process.stdout.close()
            process.wait()
