"""`commitguard check` over real histories: the range engine, git facts, bad input."""

from __future__ import annotations

import itertools
import json
import subprocess
from pathlib import Path

import pytest

from tests.helpers import JsonObject, Repo, run_commitguard

GOOD = "feat(orders): add pagination"
_FILES = itertools.count()


def _history(repo: Repo, *messages: str) -> list[str]:
    """One commit per message, without hooks; returns their shas, oldest first."""
    shas = []
    for message in messages:
        index = next(_FILES)
        shas.append(repo.record(message, {f"file{index}.txt": f"{index}\n"}))
    return shas


def _json(result: subprocess.CompletedProcess[str]) -> JsonObject:
    data: JsonObject = json.loads(result.stdout)
    return data


def test_every_commit_of_the_range_is_checked(repo: Repo) -> None:
    base, bad, good = _history(repo, GOOD, "Fixed the thing", "fix(cart): keep items")
    result = run_commitguard("check", f"{base}..HEAD", "--format", "json", cwd=repo.path)
    assert result.returncode == 1
    data = _json(result)
    assert data["summary"] == {
        "commits": 2,
        "failed": 1,
        "errors": 1,
        "warnings": 0,
        "merges_skipped": 0,
        "exempted": 0,
        "bots_skipped": 0,
    }
    assert [commit["sha"] for commit in data["commits"]] == [bad]
    assert data["commits"][0]["author"] == {"name": "Ada Lovelace", "email": "ada@example.com"}
    assert data["commits"][0]["violations"][0]["rule"] == "header-format"
    assert good not in result.stdout


def test_a_single_revision_means_its_whole_history_and_a_root_commit_works(repo: Repo) -> None:
    (root,) = _history(repo, "initial commit")
    result = run_commitguard("check", root, "--format", "json", cwd=repo.path)
    assert result.returncode == 1
    assert _json(result)["summary"]["commits"] == 1


def test_merges_are_known_by_their_parents_not_their_message(repo: Repo) -> None:
    _history(repo, GOOD)
    repo.git("checkout", "-q", "-b", "side")
    _history(repo, "fix(cart): keep items")
    repo.git("checkout", "-q", "main")
    _history(repo, "docs(readme): explain setup")
    repo.git("merge", "--no-ff", "--no-verify", "-q", "-m", "Merge branch 'side'", "side")
    # A message that only looks like a merge is linted like any other.
    _history(repo, "Merge the two halves of the cart")
    result = run_commitguard("check", "HEAD", "--format", "json", cwd=repo.path)
    data = _json(result)
    assert data["summary"]["merges_skipped"] == 1
    headers = [commit["header"] for commit in data["commits"]]
    assert headers == ["Merge the two halves of the cart"]


def test_reverts_are_exempt_only_when_the_reverted_commit_exists(repo: Repo) -> None:
    (target,) = _history(repo, GOOD)
    repo.git("revert", "--no-edit", "HEAD")
    revert = repo.git("rev-parse", "HEAD").stdout.strip()
    # git's own revert names a commit that exists: the target
    assert f"This reverts commit {target}." in repo.head_message()
    _history(repo, f'Revert "something"\n\nThis reverts commit {"f" * 40}.')
    data = _json(run_commitguard("check", "HEAD", "--format", "json", cwd=repo.path))
    assert data["summary"]["exempted"] == 1
    assert [commit["header"] for commit in data["commits"]] == ['Revert "something"']
    assert revert not in {commit["sha"] for commit in data["commits"]}


def test_autosquash_commits_are_warnings(repo: Repo) -> None:
    _history(repo, GOOD, f"fixup! {GOOD}", f"squash! {GOOD}")
    result = run_commitguard("check", "HEAD", "--format", "json", cwd=repo.path)
    assert result.returncode == 0
    data = _json(result)
    assert data["summary"]["warnings"] == 2
    assert {v["rule"] for c in data["commits"] for v in c["violations"]} == {"fixup-commit"}


def test_messages_that_are_not_utf8_and_huge_messages_end_in_a_result(repo: Repo) -> None:
    message = repo.path.parent / "latin1.txt"
    message.write_bytes("feat(orders): caf\xe9 au lait\n".encode("latin-1"))
    repo.stage("a.txt")
    repo.git("commit", "-q", "--no-verify", "-F", str(message))
    repo.stage("b.txt")
    huge = GOOD + "\n\n" + ("a line of body text that wraps\n" * 40_000)
    repo.git("commit", "-q", "--no-verify", "-F", "-", input=huge)
    result = run_commitguard("check", "HEAD", "--format", "json", cwd=repo.path)
    assert result.returncode == 0, result.stderr
    assert _json(result)["summary"]["commits"] == 2


def test_file_names_with_spaces_newlines_and_unicode(repo: Repo) -> None:
    for name in ("with space.txt", "new\nline.txt", "ünïcode.txt"):
        repo.stage(name)
    repo.git("commit", "-q", "--no-verify", "-m", GOOD)
    result = run_commitguard("check", "HEAD", cwd=repo.path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("argument", "code", "expected"),
    [
        pytest.param("nope..HEAD", 4, "unknown revision", id="unknown-revision"),
        pytest.param("--all", 2, "not a revision range", id="option-like"),
        pytest.param("-n1", 2, "not a revision range", id="short-option-like"),
    ],
)
def test_bad_ranges_are_clear_errors(repo: Repo, argument: str, code: int, expected: str) -> None:
    _history(repo, GOOD)
    result = run_commitguard("check", "--", argument, cwd=repo.path)
    assert result.returncode == code
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_outside_a_repository_is_a_git_error(tmp_path: Path) -> None:
    result = run_commitguard("check", "HEAD", cwd=tmp_path)
    assert result.returncode == 4
    assert "not in a git repository" in result.stderr


def test_a_shallow_clone_never_passes_on_history_it_cannot_see(repo: Repo, tmp_path: Path) -> None:
    _history(repo, GOOD, "Fixed it", "fix(cart): a", "fix(cart): b")
    clone = tmp_path / "clone"
    Repo(tmp_path).git("clone", "-q", "--depth", "2", f"file://{repo.path}", str(clone))
    whole = run_commitguard("check", "HEAD", cwd=clone)
    assert whole.returncode == 4
    assert "shallow" in whole.stderr
    assert "git fetch --unshallow" in whole.stderr
    in_actions = run_commitguard("check", "HEAD", cwd=clone, env={"GITHUB_ACTIONS": "true"})
    assert in_actions.returncode == 4
    assert "fetch-depth: 0" in in_actions.stderr
    recent = run_commitguard("check", "HEAD~1..HEAD", cwd=clone)
    assert recent.returncode == 0, recent.stderr
    fetched = run_commitguard("check", "--unshallow", "HEAD", cwd=clone)
    assert fetched.returncode == 1, fetched.stderr  # the whole history, with "Fixed it"
    assert "4 commits checked" in fetched.stdout
    assert not (clone / ".git" / "shallow").exists()
    orphan = tmp_path / "orphan"
    Repo(tmp_path).git("clone", "-q", "--depth", "1", f"file://{repo.path}", str(orphan))
    Repo(orphan).git("remote", "remove", "origin")
    failed = run_commitguard("check", "--unshallow", "HEAD", cwd=orphan)
    assert failed.returncode == 4
    assert "shallow" in failed.stderr  # still never a pass


def test_an_empty_range_is_said_out_loud_and_can_fail(repo: Repo) -> None:
    _history(repo, GOOD)
    result = run_commitguard("check", "HEAD..HEAD", cwd=repo.path)
    assert result.returncode == 0
    assert "0 commits" in result.stdout or "no commits" in result.stdout
    strict = run_commitguard("check", "--fail-on-empty", "HEAD..HEAD", cwd=repo.path)
    assert strict.returncode == 2
    assert "no commits" in strict.stderr


def test_output_file_gets_the_report_and_stdout_the_summary(repo: Repo, tmp_path: Path) -> None:
    _history(repo, GOOD, "Fixed it")
    report = tmp_path / "report.json"
    result = run_commitguard(
        "check", "HEAD", "--format", "json", "--output", str(report), cwd=repo.path
    )
    assert result.returncode == 1
    assert json.loads(report.read_text())["summary"]["failed"] == 1
    assert "1 failed" in result.stdout
    unwritable = run_commitguard(
        "check", "HEAD", "--output", str(tmp_path / "missing" / "r.txt"), cwd=repo.path
    )
    assert unwritable.returncode == 2
    assert "cannot be written" in unwritable.stderr


def test_github_format_appends_a_job_summary(repo: Repo, tmp_path: Path) -> None:
    _history(repo, GOOD, "Fixed it")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    result = run_commitguard(
        "check",
        "HEAD",
        "--format",
        "github",
        cwd=repo.path,
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.returncode == 1
    assert "::error" in result.stdout
    text = summary.read_text()
    assert text.startswith("earlier step\n")
    assert "Fixed it" in text


def test_configuration_applies_to_check(repo: Repo) -> None:
    _history(repo, "style: reformat")
    assert run_commitguard("check", "HEAD", cwd=repo.path).returncode == 1
    repo.write(".commitguard.yaml", "preset: conventional\n")
    result = run_commitguard("check", "HEAD", cwd=repo.path)
    assert result.returncode == 0, result.stdout


# Messages git's whitespace cleanup keeps as they are: check skips the cleanup for them.
NEED_NO_CLEANUP = [
    pytest.param("feat(a): b", id="header"),
    pytest.param("feat(a): b\n\nbody\n\nRefs: #1", id="body-and-trailer"),
    pytest.param("feat(a): b\n\n# not a comment in history\n\nx", id="hash-line"),
    pytest.param("feat(a): b\n\n    indented code\n\nx", id="indented-code"),
    pytest.param("", id="empty"),
]
# Messages that go through the cleanup: it changes most of them.
CLEANED = [
    pytest.param("feat(a): b \n\nbody", True, id="trailing-space"),
    pytest.param("feat(a): b\r\n\r\nbody", True, id="crlf"),
    pytest.param("feat(a): b\n\n\nbody", True, id="blank-run"),
    pytest.param("\nfeat(a): b", True, id="leading-blank"),
    pytest.param("feat(a): b\n\nbody\t", True, id="trailing-tab"),
    pytest.param("feat(a): b\n \nbody", True, id="blank-with-space"),
    pytest.param("feat(a): b\n\n", True, id="trailing-blank-lines"),
    # git's cleanup keeps \v and \f; checking them anyway costs time, never a result
    pytest.param("feat(a): b\x0b", False, id="vertical-tab"),
    pytest.param("feat(a): b\x0c\nc", False, id="form-feed"),
]


def _whitespace_cleanup(message: str) -> str:
    from commitguard.message.cleanup import clean

    return clean(message, comment="\0", mode="whitespace")


@pytest.mark.parametrize("message", NEED_NO_CLEANUP)
def test_stored_messages_that_cleanup_keeps_skip_it(message: str) -> None:
    from commitguard.engine.check import _unclean

    assert not _unclean(message)
    assert _whitespace_cleanup(message) == message


@pytest.mark.parametrize(("message", "changed"), CLEANED)
def test_stored_messages_that_cleanup_may_change_go_through_it(message: str, changed: bool) -> None:
    from commitguard.engine.check import _unclean

    assert _unclean(message)
    assert (_whitespace_cleanup(message) != message) is changed


# --- bots: skipped by their author, listed, judged with --include-bots ---------------------

DEPENDABOT = ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com")
RENOVATE = ("renovate[bot]", "29139614+renovate[bot]@users.noreply.github.com")


def test_bot_commits_are_skipped_by_their_author_and_listed(repo: Repo) -> None:
    (base,) = _history(repo, GOOD)
    bumped = repo.record(
        "build(deps): bump lodash from 4.17.20 to 4.17.21", {"a": "1"}, who=DEPENDABOT
    )
    renovated = repo.record("chore(deps): update dependency x to v2", {"b": "1"}, who=RENOVATE)
    # the same header from a person is judged: a bot is known by git's facts, not its words
    (person,) = _history(repo, "build(deps): bump lodash from 4.17.20 to 4.17.21")
    result = run_commitguard("check", f"{base}..HEAD", "--format", "json", cwd=repo.path)
    assert result.returncode == 1
    data = _json(result)
    assert [commit["sha"] for commit in data["commits"]] == [person]
    assert [bot["sha"] for bot in data["skipped_bots"]] == [renovated, bumped]
    assert data["skipped_bots"][1] == {
        "sha": bumped,
        "author": {"name": DEPENDABOT[0], "email": DEPENDABOT[1]},
        "header": "build(deps): bump lodash from 4.17.20 to 4.17.21",
    }
    assert data["summary"]["commits"] == 3
    assert data["summary"]["bots_skipped"] == 2
    text = run_commitguard("check", f"{base}..HEAD", cwd=repo.path).stdout
    assert "skipped, written by a bot" in text
    assert f"{bumped[:10]} build(deps): bump lodash" in text
    assert "1 commit checked" in text
    assert "2 bot commits skipped" in text


def test_include_bots_judges_them_and_report_bots_adds_to_the_list(repo: Repo) -> None:
    (base,) = _history(repo, GOOD)
    repo.record("Bump lodash", {"a": "1"}, who=DEPENDABOT)
    repo.record("deploy 1.2.3", {"b": "1"}, who=("Deployer", "deploy@ci.example.com"))
    judged = run_commitguard(
        "check", f"{base}..HEAD", "--format", "json", "--include-bots", cwd=repo.path
    )
    assert judged.returncode == 1
    assert len(_json(judged)["commits"]) == 2
    assert _json(judged)["skipped_bots"] == []
    # the deployer is no bot until report.bots names it, for check as for report
    first = run_commitguard("check", f"{base}..HEAD", "--format", "json", cwd=repo.path)
    assert [c["header"] for c in _json(first)["commits"]] == ["deploy 1.2.3"]
    repo.write(".commitguard.yaml", 'report:\n  bots: ["*@ci.example.com"]\n')
    second = run_commitguard("check", f"{base}..HEAD", "--format", "json", cwd=repo.path)
    assert second.returncode == 0, second.stdout
    assert len(_json(second)["skipped_bots"]) == 2


def test_a_bot_commit_is_no_subject_of_the_range_rules(repo: Repo) -> None:
    (base,) = _history(repo, GOOD)
    # a bot's commit that mixes a migration with code: skipped, so not flagged
    repo.record(
        "chore(deps): regenerate the client",
        {
            "prisma/migrations/20260101_x/migration.sql": "CREATE TABLE x (id int);\n",
            "src/x.ts": "1\n",
        },
        who=RENOVATE,
    )
    result = run_commitguard("check", f"{base}..HEAD", "--format", "json", cwd=repo.path)
    assert result.returncode == 0, result.stdout
    assert _json(result)["commits"] == []
    judged = run_commitguard(
        "check", f"{base}..HEAD", "--format", "json", "--include-bots", cwd=repo.path
    )
    rules = [v["rule"] for c in _json(judged)["commits"] for v in c["violations"]]
    assert "migration-separate" in rules
