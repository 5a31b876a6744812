"""git.py against real repositories: what the streamed records hold."""

from __future__ import annotations

from commitguard import git
from commitguard.model import Change
from tests.helpers import Repo

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
    assert set(commits[1].changes) == {
        Change("R", "moved", "sp ace"),
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
