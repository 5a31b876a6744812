"""git.py against real repositories: what the streamed records hold, and how every
way of running git reports a failure."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from commitguard import git
from commitguard.errors import EXIT_GIT, GitError
from commitguard.model import Change
from tests.helpers import Repo, run_commitguard

# Paths chosen to look like the parser's other tokens: a status, a sha, a newline.
TRICKY = ("A", "R100", "M", "0123456789abcdef0123456789abcdef01234567", "new\nline", "sp ace")


def test_log_streams_every_commit_with_its_changes(repo: Repo) -> None:
    for name in TRICKY:
        repo.stage(name, f"{name}\n")
    repo.git("commit", "-q", "-m", "feat(a): tricky names")
    repo.git("mv", "sp ace", "moved")
    repo.stage("A", "changed\n")
    repo.git("rm", "-q", "M")
    repo.git("commit", "-q", "-m", "feat(a): rename, modify, delete\n\nBody.\n")
    repo.git("commit", "-q", "--allow-empty", "-m", "chore(a): empty")
    commits = list(git.log(["HEAD"], str(repo.path), changes=True))
    assert [c.message.split("\n")[0] for c in commits] == [
        "chore(a): empty",
        "feat(a): rename, modify, delete",
        "feat(a): tricky names",
    ]
    assert commits[0].changes == ()
    # No rename detection in the stream: it would read blobs (see git.log).
    assert set(commits[1].changes) == {
        Change("D", "sp ace"),
        Change("A", "moved"),
        Change("M", "A"),
        Change("D", "M"),
    }
    assert sorted(change.path for change in commits[2].changes) == sorted(TRICKY)
    assert commits[1].message == "feat(a): rename, modify, delete\n\nBody."
    assert commits[2].parents == ()
    assert commits[1].parents == (commits[2].sha,)
    without = list(git.log(["HEAD"], str(repo.path)))
    assert [c.sha for c in without] == [c.sha for c in commits]
    assert all(c.changes == () for c in without)


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 1 << 16])
def test_log_decodes_text_cut_anywhere_by_a_read(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    # A read may end inside a character of several bytes, or inside a field: each field
    # must still decode whole, as it would alone, and bytes that are not UTF-8 become
    # U+FFFD in that field only.
    body = "é€😀 " * 40
    repo.stage("café/ünïcode 😀.txt", "x\n")
    (repo.path / "raw.txt").write_bytes(b"x\n")
    repo.git("add", "raw.txt")
    repo.git("commit", "-q", "-m", f"feat(ü): naïve 😀\n\n{body}")
    repo.git("commit", "-q", "--allow-empty", "-m", "chore(a): ∅")
    monkeypatch.setattr(git, "_CHUNK", chunk)
    commits = list(git.log(["HEAD"], str(repo.path), changes=True))
    assert [c.message for c in commits] == ["chore(a): ∅", f"feat(ü): naïve 😀\n\n{body.strip()}"]
    assert {change.path for change in commits[1].changes} == {"café/ünïcode 😀.txt", "raw.txt"}
    assert all(len(c.sha) == 40 for c in commits)
    stats = list(git.log_stats(["HEAD"], str(repo.path)))
    assert [s.commit.message for s in stats] == [c.message for c in commits]
    assert {f.path for f in stats[1].files} == {"café/ünïcode 😀.txt", "raw.txt"}


def test_log_reads_a_path_that_is_not_utf8(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    name = b"caf\xe9 \xff.txt"
    (repo.path / os.fsdecode(name)).write_bytes(b"x\n")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "feat(a): latin-1 name")
    monkeypatch.setattr(git, "_CHUNK", 3)
    [commit] = git.log(["HEAD"], str(repo.path), changes=True)
    assert commit.changes == (Change("A", "caf\ufffd \ufffd.txt"),)
    assert commit.message == "feat(a): latin-1 name"


def test_staged_changes_name_the_index(repo: Repo) -> None:
    repo.stage("kept.txt", "kept\n")
    repo.stage("gone.txt", "gone\n")
    repo.git("commit", "-q", "-m", "feat(a): start")
    repo.git("rm", "-q", "gone.txt")
    repo.stage("new file.txt", "something else entirely\n")
    assert set(git.staged_changes(str(repo.path))) == {
        Change("D", "gone.txt"),
        Change("A", "new file.txt"),
    }


# --- one way to run git, one way to fail -------------------------------------------------


def _revision_list(repo: Repo) -> list[str]:
    return git.rev_list(["HEAD"], str(repo.path))


def _blobs(repo: Repo) -> object:
    return git.read_blobs(["HEAD:a.txt"], str(repo.path))


def _known(repo: Repo) -> object:
    return git.existing_commits({"0" * 40}, str(repo.path))


def _streamed(repo: Repo) -> object:
    return list(git.log(["HEAD"], str(repo.path)))


def _stats(repo: Repo) -> object:
    return list(git.log_stats(["HEAD"], str(repo.path)))


def _index(repo: Repo) -> object:
    return git.staged_changes(str(repo.path))


def _upstream(repo: Repo) -> object:
    return git.upstream(str(repo.path))


# Each way of running git: streamed, with input on stdin, plain, and a query whose
# non-zero exit is an answer.
EVERY_RUNNER = [
    pytest.param(_streamed, id="log"),
    pytest.param(_stats, id="log-stats"),
    pytest.param(_blobs, id="cat-file-batch"),
    pytest.param(_known, id="cat-file-batch-check"),
    pytest.param(_index, id="diff-cached"),
    pytest.param(_revision_list, id="rev-list"),
    pytest.param(_upstream, id="query"),
]


@pytest.mark.parametrize("call", EVERY_RUNNER)
def test_a_missing_git_is_one_error_with_a_remedy(
    call: Callable[[Repo], object], repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.commit_file("a.txt", "feat(a): start")
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(GitError) as raised:
        call(repo)
    assert raised.value.message == "git was not found"
    assert raised.value.hint == "install git and make sure it is on PATH"
    assert raised.value.exit_code == EXIT_GIT


# `git diff --cached` outside a repository only knows that `--cached` makes no sense there.
OUTSIDE = [p for p in EVERY_RUNNER if p.id not in ("query", "diff-cached")]


@pytest.mark.parametrize("call", OUTSIDE)
def test_outside_a_repository_every_runner_says_so(
    call: Callable[[Repo], object], tmp_path: Path
) -> None:
    outside = tmp_path / "plain"
    outside.mkdir()
    with pytest.raises(GitError) as raised:
        call(Repo(outside))
    assert raised.value.message == "not in a git repository"
    assert raised.value.hint
    assert raised.value.exit_code == EXIT_GIT


def test_a_failure_keeps_git_s_words_without_its_usage_text(tmp_path: Path) -> None:
    with pytest.raises(GitError) as raised:
        git.staged_changes(str(tmp_path))
    assert raised.value.message.startswith("git diff failed: "), raised.value.message
    assert "cached" in raised.value.message
    assert "usage:" not in raised.value.message
    assert raised.value.exit_code == EXIT_GIT


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda cwd: list(git.log(["nope"], cwd)), id="log"),
        pytest.param(lambda cwd: list(git.log_stats(["nope"], cwd)), id="log-stats"),
        pytest.param(lambda cwd: git.rev_list(["nope"], cwd), id="rev-list"),
    ],
)
def test_an_unknown_revision_names_it_and_how_to_fetch_it(
    call: Callable[[str], object], repo: Repo
) -> None:
    repo.commit_file("a.txt", "feat(a): start")
    with pytest.raises(GitError) as raised:
        call(str(repo.path))
    assert raised.value.message.startswith("unknown revision in "), raised.value.message
    assert "nope" in raised.value.message
    assert raised.value.hint is not None
    assert "fetch-depth: 0" in raised.value.hint


def test_any_other_failure_carries_git_s_own_words(repo: Repo) -> None:
    repo.commit_file("a.txt", "feat(a): start")
    # A complete history cannot be unshallowed: git refuses, and says why.
    with pytest.raises(GitError) as raised:
        git.fetch_unshallow(str(repo.path))
    assert raised.value.message.startswith("git fetch failed: ")
    assert len(raised.value.message) > len("git fetch failed: ")
    assert raised.value.hint is not None
    assert "fetch-depth: 0" in raised.value.hint


def test_a_directory_that_is_not_there_is_named(tmp_path: Path) -> None:
    gone = str(tmp_path / "gone")
    for call in (lambda: git.staged_changes(gone), lambda: list(git.log(["HEAD"], gone))):
        with pytest.raises(GitError) as raised:
            call()
        assert raised.value.message.startswith(f"{gone}: "), raised.value.message


@pytest.mark.parametrize("revision", ["--output=stolen", "-p", ""])
@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda r, cwd: list(git.log([r], cwd)), id="log"),
        pytest.param(lambda r, cwd: list(git.log_stats([r], cwd)), id="log-stats"),
        pytest.param(lambda r, cwd: git.rev_list([r], cwd), id="rev-list"),
        pytest.param(lambda r, cwd: git.resolve_commit(r, cwd), id="rev-parse"),
        pytest.param(lambda r, cwd: git.merge_bases("HEAD", r, cwd), id="merge-base"),
        pytest.param(lambda r, cwd: git.remote_head(r, cwd), id="symbolic-ref"),
        pytest.param(lambda r, cwd: git.paths_on_base((r,), ["a.txt"], cwd), id="paths-on-base"),
    ],
)
def test_a_revision_never_becomes_an_option(
    call: Callable[[str, str], object], revision: str, repo: Repo
) -> None:
    repo.commit_file("a.txt", "feat(a): start")
    with pytest.raises(GitError) as raised:
        call(revision, str(repo.path))
    assert raised.value.message == f"{revision!r} is not a revision"
    assert not (repo.path / "stolen").exists()


def test_the_cli_reports_a_missing_git_as_exit_4(repo: Repo, tmp_path: Path) -> None:
    repo.commit_file("a.txt", "feat(a): start")
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    result = run_commitguard("check", "HEAD", cwd=repo.path, env={"PATH": str(empty)})
    assert result.returncode == EXIT_GIT, result.stderr
    assert "git was not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_git_reads_a_large_input_while_its_output_is_read(repo: Repo) -> None:
    # Megabytes each way: a runner that wrote all of stdin before reading stdout, or read
    # stdout to its end before stderr, would stall with git on a full pipe.
    contents = [f"blob {n}\n" for n in range(3)]
    shas = [repo.git("hash-object", "-w", "--stdin", input=c).stdout.strip() for c in contents]
    asked = ("\n".join(shas * 20_000) + "\n").encode()
    answer = git._output(["cat-file", "--batch-check"], str(repo.path), stdin=asked)
    lines = answer.decode().splitlines()
    assert len(lines) == 60_000
    assert lines[:3] == [f"{sha} blob {len(c)}" for sha, c in zip(shas, contents, strict=True)]
    refused = git._run(["rev-parse", "--verify", "--end-of-options", "nope"], str(repo.path))
    assert refused.returncode == 128
    assert refused.stderr.startswith(b"fatal: ")


def test_a_working_directory_that_is_no_directory_is_a_git_error(tmp_path: Path) -> None:
    not_a_directory = tmp_path / "file"
    not_a_directory.write_text("x\n")
    with pytest.raises(GitError) as raised:
        git._run(["status"], str(not_a_directory))
    assert raised.value.message == f"{not_a_directory}: Not a directory"
    assert raised.value.exit_code == EXIT_GIT


def test_object_ids_ask_more_than_a_pipe_holds_in_one_round_trip(repo: Repo) -> None:
    # 400 trees asked and 400 texts read at once: the questions (about 20 KB) and the
    # answers (about 400 KB) each outgrow a pipe's buffer, so the questions are written
    # while the answers are read, or both sides would wait on each other for good.
    for n in range(400):
        repo.write(f"d{n:03}/settings.py", f"{n}\n" + "x" * 1000 + "\n")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "chore(a): many directories")
    head = repo.git("rev-parse", "HEAD").stdout.strip()
    specs = [f"{head}:d{n:03}/settings.py" for n in range(400)]
    expected = repo.git("rev-parse", *specs).stdout.split()
    with git.ObjectIds(str(repo.path)) as objects:
        assert objects.blobs(specs) == expected
        objects.read_ahead(expected)
        assert [objects.text(blob) for blob in expected[:3]] == [
            f"{n}\n" + "x" * 1000 + "\n" for n in range(3)
        ]
        read = objects.read(specs)
        assert read[specs[399]] == "399\n" + "x" * 1000 + "\n"


def test_object_ids_asked_now_and_read_later_keep_each_answer_with_its_question(
    repo: Repo,
) -> None:
    # check asks about a window of commits and reads the answers a window later; any
    # question asked in between is answered after those git owes, never in their place.
    for n in range(400):
        repo.write(f"d{n:03}/settings.py", f"{n}\n")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "chore(a): many directories")
    head = repo.git("rev-parse", "HEAD").stdout.strip()
    many = [f"{head}:d{n:03}/settings.py" for n in range(400)]  # written by a thread
    few = [f"{head}:d{n:03}/settings.py" for n in (7, 8)]
    expected = repo.git("rev-parse", *many).stdout.split()
    with git.ObjectIds(str(repo.path)) as objects:
        first = objects.blobs_later(many)
        second = objects.blobs_later(few)
        assert objects.blob(f"{head}:d399/settings.py") == expected[399]
        assert second() == expected[7:9]
        assert first() == expected
        assert first() == expected  # read once, kept
        objects.read_ahead(expected[:2])
        assert objects.text(expected[1]) == "1\n"


def test_object_ids_close_with_answers_still_owed(repo: Repo) -> None:
    # An error between the asking and the reading leaves git writing answers nobody
    # reads, and a thread writing questions git no longer reads: closing ends both.
    # 2,000 questions of 250 bytes: more than both pipes and git's buffer hold.
    names = [f"d{n:04}{'x' * 200}/settings.py" for n in range(2000)]
    for name in names:
        repo.write(name, "x\n")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "chore(a): many directories")
    head = repo.git("rev-parse", "HEAD").stdout.strip()
    objects = git.ObjectIds(str(repo.path))
    objects.blobs_later([f"{head}:{name}" for name in names])
    closing = threading.Thread(target=objects.close, daemon=True)
    closing.start()
    closing.join(timeout=60)
    assert not closing.is_alive(), "close() waits on a writer that git stopped reading"
    assert objects.blob(f"{head}:{names[1]}") is not None  # a new process


def test_object_ids_answer_each_path_from_its_directorys_tree(repo: Repo) -> None:
    names = [
        "manage.py",
        "a b/manage.py",
        "deep/er/pack age.json",
        "dir/sub/x.txt",
        *(f"many/{n:03}-{'x' * 40}.py" for n in range(150)),  # questions past one chunk
    ]
    for name in names:
        repo.stage(name, f"{name}\n")
    (repo.path / "link").symlink_to("dir")
    repo.git("add", "link")
    submodule = "1" * 40  # a gitlink names a commit of another repository
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{submodule},sub")
    repo.git("commit", "-q", "-m", "chore(a): files")
    head = repo.git("rev-parse", "HEAD").stdout.strip()
    present = [f"{head}:{name}" for name in names]
    absent = [
        f"{head}:nothing/manage.py",  # no such directory
        f"{head}:dir",  # a directory, not a file
        f"{head}:dir/sub",
        f"{head}:link/sub/x.txt",  # git does not follow a symlink inside a path
        f"{head}:sub/x",  # inside a submodule
        f"{head}:manage.py/x",  # under a file
        f"{head}^:manage.py",  # the root commit has no parent
        f"{head}:new\nline",  # one line a question: never written to git
        f"{head}:",
    ]
    with git.ObjectIds(str(repo.path)) as objects:
        found = objects.blobs(present + absent)
        assert found[: len(present)] == [
            repo.git("rev-parse", spec).stdout.strip() for spec in present
        ]
        assert found[len(present) :] == [None] * len(absent)
        # A symlink is a blob too, as `git cat-file --batch-check` says.
        assert objects.blob(f"{head}:link") == repo.git("rev-parse", f"{head}:link").stdout.strip()
        blob = found[1]
        assert blob is not None
        assert objects.text(blob) == "a b/manage.py\n"
        assert objects.text("0" * 40) is None
        # The process still answers after every kind of answer above.
        assert objects.blob(f"{head}:dir/sub/x.txt") == found[3]
