"""Every command commitguard prints for a person to run works when run as printed.

Each case puts a real repository in the state where the command is printed (a refused
`git commit --amend`, `git commit -a`, a rebase's reword, ...), reads the commands from
what commitguard wrote, runs them verbatim (split with shlex, never through a shell)
and checks the history they leave.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from tests.helpers import Repo, run_commitguard

GOOD = "feat(orders): add pagination"
BAD = "added pagination"

# An editor that writes the message a person would type: $TYPED_MESSAGE's text.
TYPING_EDITOR = '#!/bin/sh\ncat "$TYPED_MESSAGE" > "$1"\n'


# --- helpers ------------------------------------------------------------------------------


def printed_commands(output: str) -> list[list[str]]:
    """The commands commitguard printed for a person to run, in order: the indented
    `git` lines of its retry block, each announced by a line ending in `:`. What git
    prints after the hook is not part of it."""
    lines = re.split(r"Fix it and retry with[^\n]*:\n", output, maxsplit=1)[1].splitlines()
    commands = []
    for line in lines:
        if line.startswith("  git "):
            commands.append(shlex.split(line))
        elif not line.endswith(":"):
            break
    return commands


def retries(output: str) -> tuple[list[str], list[str] | None, list[list[str]]]:
    """(the new-commit retry, the amend retry or None, the commands to run after)."""
    commands = printed_commands(output)
    commits = [c for c in commands if c[:2] == ["git", "commit"]]
    after = [c for c in commands if c[:2] != ["git", "commit"]]
    amend = [c for c in commits if "--amend" in c]
    new = [c for c in commits if "--amend" not in c]
    assert len(new) == 1, output
    assert len(amend) <= 1, output
    return new[0], (amend[0] if amend else None), after


def kept_file(command: list[str]) -> Path:
    (file,) = [word.removeprefix("--file=") for word in command if word.startswith("--file=")]
    return Path(file)


def run_verbatim(cwd: Path, command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a printed command as a person would paste it; an editor closes at once."""
    assert command[0] == "git", command
    env = {**os.environ, "GIT_EDITOR": "true"}
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, check=False)


def fix_and_retry(cwd: Path, command: list[str], *after: list[str]) -> None:
    kept_file(command).write_text(f"{GOOD}\n")
    for step in (command, *after):
        done = run_verbatim(cwd, step)
        assert done.returncode == 0, f"{shlex.join(step)}:\n{done.stdout}{done.stderr}"


def refused(repo: Repo, *args: str, env: dict[str, str] | None = None) -> str:
    """Run a git command the hook must refuse; what it wrote."""
    result = repo.git(*args, check=False, env=env)
    assert result.returncode != 0, result.stdout + result.stderr
    assert "Fix it and retry with:" in result.stderr, result.stderr
    return result.stderr


def rev(repo: Repo, revision: str) -> str:
    return repo.git("rev-parse", "--verify", "-q", revision, check=False).stdout.strip()


def count(repo: Repo) -> int:
    return int(repo.git("rev-list", "--count", "HEAD").stdout)


def files_in(repo: Repo, revision: str) -> dict[str, str]:
    listed = repo.git("ls-tree", "-r", "--name-only", revision).stdout.split()
    return {path: repo.git("show", f"{revision}:{path}").stdout for path in listed}


def install(repo: Repo) -> None:
    result = run_commitguard("install", cwd=repo.path)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def hooked(repo: Repo) -> Repo:
    """Two commits, a tracked `orders.py`, then commitguard's hooks."""
    repo.record("docs(readme): describe the project", {"README.md": "hi\n"})
    repo.record("feat(orders): add the model", {"orders.py": "ORDERS = []\n"})
    repo.git("reset", "-q", "--hard")
    install(repo)
    return repo


# --- the commit-msg hook's retry ----------------------------------------------------------


def test_a_new_commit_is_retried_as_a_new_commit(hooked: Repo) -> None:
    hooked.stage("api.py")
    before = rev(hooked, "HEAD")
    new, amend, after = retries(refused(hooked, "commit", "-m", BAD))
    assert amend is not None
    assert after == []

    fix_and_retry(hooked.path, new)
    assert rev(hooked, "HEAD^") == before
    assert hooked.head_message() == GOOD
    assert "api.py" in files_in(hooked, "HEAD")


def test_a_refused_amend_is_retried_as_an_amend(hooked: Repo) -> None:
    parent, commits = rev(hooked, "HEAD^"), count(hooked)
    hooked.stage("api.py")
    new, amend, _ = retries(refused(hooked, "commit", "--amend", "-m", BAD))
    assert amend is not None
    assert new != amend

    fix_and_retry(hooked.path, amend)
    assert rev(hooked, "HEAD^") == parent
    assert count(hooked) == commits
    assert hooked.head_message() == GOOD
    assert {"api.py", "orders.py"} <= set(files_in(hooked, "HEAD"))


def test_commit_all_is_retried_with_what_it_staged(hooked: Repo) -> None:
    hooked.write("orders.py", "ORDERS = [1]\n")
    new, amend, _ = retries(refused(hooked, "commit", "-am", BAD))
    assert hooked.git("diff", "--cached", "--name-only").stdout == ""  # -a staged nothing
    assert amend is not None
    assert "-a" in amend

    fix_and_retry(hooked.path, new)
    assert files_in(hooked, "HEAD")["orders.py"] == "ORDERS = [1]\n"
    assert hooked.git("status", "--porcelain").stdout == ""


def test_commit_all_amend_is_retried_as_one(hooked: Repo) -> None:
    parent = rev(hooked, "HEAD^")
    hooked.write("orders.py", "ORDERS = [2]\n")
    _, amend, _ = retries(refused(hooked, "commit", "-a", "--amend", "-m", BAD))
    assert amend is not None

    fix_and_retry(hooked.path, amend)
    assert rev(hooked, "HEAD^") == parent
    assert files_in(hooked, "HEAD")["orders.py"] == "ORDERS = [2]\n"


def test_commit_of_named_paths_commits_only_those_again(hooked: Repo) -> None:
    hooked.stage("api.py")  # staged, and not part of this commit
    hooked.write("orders.py", "ORDERS = [3]\n")
    new, _, _ = retries(refused(hooked, "commit", "-m", BAD, "--", "orders.py"))

    fix_and_retry(hooked.path, new)
    assert files_in(hooked, "HEAD")["orders.py"] == "ORDERS = [3]\n"
    assert "api.py" not in files_in(hooked, "HEAD")
    assert hooked.git("diff", "--cached", "--name-only").stdout == "api.py\n"


def test_commit_including_paths_includes_them_again(hooked: Repo) -> None:
    hooked.stage("api.py")
    hooked.write("orders.py", "ORDERS = [4]\n")
    hooked.write("README.md", "left out\n")  # modified, not included
    new, _, _ = retries(refused(hooked, "commit", "-i", "-m", BAD, "--", "orders.py"))

    fix_and_retry(hooked.path, new)
    committed = files_in(hooked, "HEAD")
    assert committed["orders.py"] == "ORDERS = [4]\n"
    assert "api.py" in committed
    assert committed["README.md"] == "hi\n"


def test_commit_of_picked_hunks_asks_for_them_again(hooked: Repo) -> None:
    lines = [f"line {n}\n" for n in range(30)]
    hooked.write("orders.py", "".join(lines))
    hooked.git("commit", "-q", "--no-verify", "-am", "chore(orders): number the lines")
    changed = ["first\n", *lines[1:-1], "last\n"]
    hooked.write("orders.py", "".join(changed))
    picked = hooked.git("commit", "-p", "-m", BAD, input="y\nn\n", check=False)
    assert picked.returncode != 0
    assert "pick the same hunks again" in picked.stderr, picked.stderr
    new, _, _ = retries(picked.stderr)
    assert "-p" in new

    kept_file(new).write_text(f"{GOOD}\n")
    env = {**os.environ, "GIT_EDITOR": "true"}
    done = subprocess.run(
        new, cwd=hooked.path, input="y\nn\n", capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    committed = files_in(hooked, "HEAD")["orders.py"]
    assert committed == "".join(["first\n", *lines[1:]])


def test_a_reword_in_a_rebase_is_retried_as_git_advises(hooked: Repo, tmp_path: Path) -> None:
    hooked.record("feat(api): add the client", {"api.py": "API = 1\n"})
    hooked.git("reset", "-q", "--hard")
    commits, base = count(hooked), rev(hooked, "HEAD~2")
    editor = tmp_path / "editor.sh"
    editor.write_text(TYPING_EDITOR)
    editor.chmod(0o755)
    (tmp_path / "typed.txt").write_text(f"{BAD}\n")
    env = {
        "GIT_SEQUENCE_EDITOR": "sed -i -e 1s/^pick/reword/",
        "GIT_EDITOR": str(editor),
        "TYPED_MESSAGE": str(tmp_path / "typed.txt"),
    }
    output = refused(hooked, "rebase", "-i", "HEAD~2", env=env)
    _, amend, after = retries(output)
    assert amend is not None
    assert after == [["git", "rebase", "--continue"]]
    assert "git commit --amend" in output  # git's own advice agrees

    fix_and_retry(hooked.path, amend, *after)
    assert not (hooked.git_dir / "rebase-merge").exists()
    assert count(hooked) == commits
    assert rev(hooked, "HEAD~2") == base
    subjects = hooked.git("log", "--format=%s", "-2").stdout.splitlines()
    assert subjects == ["feat(api): add the client", GOOD]


def test_a_cherry_pick_in_progress_is_retried_without_amend(hooked: Repo) -> None:
    hooked.git("checkout", "-q", "-b", "topic", "HEAD^")
    hooked.record("feat(orders): start the model", {"orders.py": "ORDERS = ()\n"})
    hooked.git("reset", "-q", "--hard")
    picked = hooked.git("cherry-pick", "main", check=False)
    assert picked.returncode != 0  # orders.py conflicts
    hooked.write("orders.py", "ORDERS = []\n")
    hooked.git("add", "orders.py")
    before = rev(hooked, "HEAD")
    new, amend, after = retries(refused(hooked, "commit", "-m", BAD))
    assert amend is None
    assert after == []

    fix_and_retry(hooked.path, new)
    assert rev(hooked, "HEAD^") == before
    assert hooked.head_message() == GOOD
    assert not (hooked.git_dir / "CHERRY_PICK_HEAD").exists()


def test_a_merge_in_progress_is_let_through(hooked: Repo) -> None:
    hooked.git("checkout", "-q", "-b", "topic", "HEAD^")
    hooked.record("feat(orders): start the model", {"orders.py": "ORDERS = ()\n"})
    hooked.git("reset", "-q", "--hard")
    assert hooked.git("merge", "main", check=False).returncode != 0
    hooked.write("orders.py", "ORDERS = []\n")
    hooked.git("add", "orders.py")
    done = hooked.commit(BAD, check=False)  # nothing to retry: merges are not judged
    assert done.returncode == 0, done.stderr
    assert "retry" not in done.stderr


def test_a_linked_worktree_of_a_repository_under_a_path_with_spaces(tmp_path: Path) -> None:
    main = Repo(tmp_path / "my projects" / "app")
    main.path.mkdir(parents=True)
    main.git("init", "-q")
    main.record("docs(readme): describe the project", {"README.md": "hi\n"})
    install(main)
    where = tmp_path / "topic tree"
    main.git("worktree", "add", "-q", "-b", "topic", str(where))
    tree = Repo(where)
    tree.stage("api.py")
    before = rev(tree, "HEAD")
    new, amend, _ = retries(refused(tree, "commit", "-m", BAD))
    assert amend is not None
    assert " " in str(kept_file(new))
    assert kept_file(new).parent.parent == main.path / ".git" / "worktrees"

    fix_and_retry(where, new)
    assert rev(tree, "HEAD^") == before
    assert tree.head_message() == GOOD
    main.close()


def test_the_first_commit_of_a_repository(repo: Repo) -> None:
    install(repo)
    repo.stage("README.md")
    new, amend, _ = retries(refused(repo, "commit", "-m", BAD))
    assert amend is None  # nothing to amend yet

    fix_and_retry(repo.path, new)
    assert count(repo) == 1
    assert repo.head_message() == GOOD


# --- keeping the refused message ----------------------------------------------------------


def test_the_kept_message_replaces_the_old_copy_rather_than_writing_into_it(
    hooked: Repo,
) -> None:
    # A second name for the old copy shows whether it was rewritten in place (where a
    # concurrent refusal could mix two messages) or replaced whole by a rename.
    kept = hooked.git_dir / "COMMITGUARD_EDITMSG"
    kept.write_text("old message\n")
    other_name = hooked.git_dir / "old-copy"
    os.link(kept, other_name)
    hooked.stage("api.py")
    refused(hooked, "commit", "-m", BAD)
    assert kept.read_text() == f"{BAD}\n"
    assert other_name.read_text() == "old message\n"
    assert sorted(p.name for p in hooked.git_dir.glob("COMMITGUARD_EDITMSG*")) == [kept.name]


def test_a_stale_read_only_copy_is_replaced(hooked: Repo) -> None:
    kept = hooked.git_dir / "COMMITGUARD_EDITMSG"
    kept.write_text("old message\n")
    kept.chmod(0o444)
    hooked.stage("api.py")
    new, _, _ = retries(refused(hooked, "commit", "-m", BAD))
    assert kept.read_text() == f"{BAD}\n"

    fix_and_retry(hooked.path, new)
    assert hooked.head_message() == GOOD


def test_a_message_that_cannot_be_kept_is_said_not_kept(hooked: Repo) -> None:
    (hooked.git_dir / "COMMITGUARD_EDITMSG").mkdir()  # in the way of any file
    hooked.stage("api.py")
    result = hooked.git("commit", "-m", BAD, check=False)
    assert result.returncode == 1
    assert "Fix it and retry" not in result.stderr
    assert "your message was NOT kept" in result.stderr
    git_own = hooked.git_dir / "COMMIT_EDITMSG"
    assert f"it is in {git_own} until the next commit" in result.stderr
    assert git_own.read_text().startswith(BAD)
    assert "Traceback" not in result.stderr


# --- migrations kept apart from code ------------------------------------------------------

MIGRATION_FILES = {
    "prisma/schema.prisma": "model User {\n  id Int @id\n}\n",
    "prisma/migrations/20260101000000_users/migration.sql": "CREATE TABLE users (id int);\n",
}
CODE = "src/users.ts"


def fix_commands(output: str) -> list[list[str]]:
    """The commands of a `fix:` hint, one a line, as a shell would read them (a `#`
    starts a comment) but split by shlex, never run by one."""
    lines = (line.strip().removeprefix("= fix:").strip() for line in output.splitlines())
    return [shlex.split(line, comments=True) for line in lines if line.startswith("git ")]


def run_all(cwd: Path, commands: list[list[str]], env: dict[str, str]) -> None:
    for command in commands:
        assert command[0] == "git", command
        done = subprocess.run(
            command, cwd=cwd, capture_output=True, text=True, env={**os.environ, **env}, check=False
        )
        assert done.returncode == 0, f"{shlex.join(command)}:\n{done.stdout}{done.stderr}"


def typing_env(tmp_path: Path, message: str) -> dict[str, str]:
    editor = tmp_path / "editor.sh"
    editor.write_text(TYPING_EDITOR)
    editor.chmod(0o755)
    (tmp_path / "typed.txt").write_text(f"{message}\n")
    return {"GIT_EDITOR": str(editor), "TYPED_MESSAGE": str(tmp_path / "typed.txt")}


def stage_mixed(repo: Repo) -> None:
    for path, content in MIGRATION_FILES.items():
        repo.stage(path, content)
    repo.stage(CODE, "export const users = []\n")


def assert_split(repo: Repo, revision: str = "HEAD") -> None:
    """The migration is committed alone, and the code after it."""

    def paths(rev: str) -> list[str]:
        out = repo.git("show", "--format=", "--name-only", rev).stdout
        return sorted(out.split())

    assert paths(revision) == [CODE]
    assert paths(f"{revision}^") == sorted(MIGRATION_FILES)
    assert repo.git("status", "--porcelain").stdout == ""


@pytest.mark.parametrize("first_commit", [True, False], ids=["unborn-branch", "on-a-branch"])
def test_staged_prints_commands_that_split_the_index(
    repo: Repo, tmp_path: Path, first_commit: bool
) -> None:
    if not first_commit:
        repo.record("docs(readme): describe the project", {"README.md": "hi\n"})
        repo.git("reset", "-q", "--hard")
    stage_mixed(repo)
    result = run_commitguard("staged", cwd=repo.path)
    assert result.returncode == 1, result.stderr
    commands = fix_commands(result.stderr)
    assert commands[0][:3] == ["git", "reset", "-q"]

    run_all(repo.path, commands, typing_env(tmp_path, "chore(users): add the users table"))
    assert_split(repo)
    assert count(repo) == (2 if first_commit else 3)


@pytest.mark.parametrize("first_commit", [True, False], ids=["root-commit", "later-commit"])
def test_check_prints_commands_that_split_a_mixed_commit(
    repo: Repo, tmp_path: Path, first_commit: bool
) -> None:
    if not first_commit:
        repo.record("docs(readme): describe the project", {"README.md": "hi\n"})
    repo.record(
        "feat(users): add the users table and use it",
        {**MIGRATION_FILES, CODE: "export const users = []\n"},
    )
    repo.git("reset", "-q", "--hard")
    result = run_commitguard("check", "HEAD", cwd=repo.path)
    assert result.returncode == 1, result.stdout + result.stderr
    commands = fix_commands(result.stdout + result.stderr)
    assert commands[0][:3] == ["git", "rebase", "-i"]

    env = typing_env(tmp_path, "chore(users): add the users table")
    run_all(repo.path, commands, {**env, "GIT_SEQUENCE_EDITOR": "sed -i -e 1s/^pick/edit/"})
    assert_split(repo)
    assert run_commitguard("check", "HEAD", cwd=repo.path).returncode == 0


@pytest.mark.parametrize(
    "migration",
    [
        "prisma/migrations/20260101000000 first users/migration.sql",
        "prisma/migrations/20260101000000_first\r\x1b[2Kusers/migration.sql",
    ],
    ids=["a-space", "a-cr-and-an-esc"],
)
def test_check_prints_a_restore_of_an_edited_migration_that_runs(
    repo: Repo, migration: str
) -> None:
    repo.record("chore(users): add the users table", {migration: "CREATE TABLE users (id int);\n"})
    repo.git("branch", "-q", "base")
    repo.record("chore(users): widen the users table", {migration: "CREATE TABLE users (x int);\n"})
    repo.git("reset", "-q", "--hard")
    result = run_commitguard("check", "base..HEAD", cwd=repo.path)
    assert "[migration-edited]" in result.stdout, result.stdout + result.stderr
    (command,) = [
        shlex.split(text) for text in result.stdout.split("`") if text.startswith("git checkout")
    ]

    run_all(repo.path, [command], {})
    assert (repo.path / migration).read_text() == "CREATE TABLE users (id int);\n"


def test_check_prints_a_reorder_that_runs_when_the_code_commit_is_a_root(
    repo: Repo, tmp_path: Path
) -> None:
    repo.record("docs(readme): describe the project", {"README.md": "hi\n"})
    repo.git("branch", "-q", "base")
    repo.git("checkout", "-q", "--orphan", "topic")
    repo.git("rm", "-rqf", ".")
    repo.stage(CODE, "export const users = []\n")
    repo.git("commit", "-q", "-m", "feat(users): list the users")
    for path, content in MIGRATION_FILES.items():
        repo.stage(path, content)
    repo.git("commit", "-q", "-m", "chore(users): add the users table")
    result = run_commitguard("check", "base..topic", cwd=repo.path)
    assert "[migration-order]" in result.stdout, result.stdout + result.stderr
    (command,) = [
        shlex.split(text) for text in result.stdout.split("`") if text.startswith("git rebase")
    ]
    assert command == ["git", "rebase", "-i", "--root"]

    reverse = tmp_path / "reverse.sh"  # the person's move: the migration above the code
    reverse.write_text('#!/bin/sh\ngrep "^pick" "$1" | tac > "$1.new" && mv "$1.new" "$1"\n')
    reverse.chmod(0o755)
    run_all(repo.path, [command], {"GIT_SEQUENCE_EDITOR": str(reverse)})
    subjects = repo.git("log", "--format=%s", "topic").stdout.splitlines()
    assert subjects == ["feat(users): list the users", "chore(users): add the users table"]
    assert run_commitguard("check", "base..topic", cwd=repo.path).returncode == 0


# --- commands named in errors and notes ---------------------------------------------------


def backticked(output: str, prefix: str) -> list[list[str]]:
    """The commands quoted in `backticks` that start with `prefix`, split by shlex."""
    quoted = output.split("`")[1::2]
    return [shlex.split(text) for text in quoted if text.startswith(prefix)]


def run_named_commitguard(cwd: Path, command: list[str]) -> subprocess.CompletedProcess[str]:
    assert command[0] == "commitguard", command
    return run_commitguard(*command[1:], cwd=cwd)


def test_install_over_a_foreign_hook_names_a_chain_that_works(repo: Repo, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    hook = repo.git_dir / "hooks" / "commit-msg"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(f'#!/bin/sh\necho ran >> "{marker}"\n')
    hook.chmod(0o755)
    refused_install = run_commitguard("install", cwd=repo.path)
    assert refused_install.returncode == 2, refused_install.stderr
    (command,) = backticked(refused_install.stderr, "commitguard install")

    done = run_named_commitguard(repo.path, command)
    assert done.returncode == 0, done.stderr
    repo.stage("README.md")
    assert repo.commit(BAD, check=False).returncode != 0
    assert repo.commit(GOOD, check=False).returncode == 0
    assert marker.read_text() == "ran\nran\n"


def test_explain_of_an_unknown_rule_names_a_listing_that_works(repo: Repo) -> None:
    result = run_commitguard("explain", "type-enm", cwd=repo.path)
    assert result.returncode == 2, result.stderr
    (command,) = backticked(result.stderr, "commitguard ")
    listed = run_named_commitguard(repo.path, command)
    assert listed.returncode == 0
    assert "type-enum" in listed.stdout


def test_check_without_a_default_branch_names_a_set_head_that_works(
    repo: Repo, tmp_path: Path
) -> None:
    upstream = Repo(tmp_path / "upstream")
    upstream.path.mkdir()
    upstream.git("init", "-q")
    upstream.record("docs(readme): describe the project", {"README.md": "hi\n"})
    upstream.close()
    repo.git("remote", "add", "origin", str(upstream.path))
    repo.git("fetch", "-q", "origin")
    repo.git("checkout", "-q", "--no-track", "-b", "topic", "origin/main")
    repo.record("feat(orders): add pagination", {"orders.py": "x\n"})
    first = run_commitguard("check", cwd=repo.path)
    assert first.returncode == 0, first.stderr
    # named at the start and again in the summary
    (command,) = {tuple(c) for c in backticked(first.stdout, "git remote set-head")}

    run_all(repo.path, [list(command)], {})
    again = run_commitguard("check", cwd=repo.path)
    assert "the default branch of origin" in again.stdout + again.stderr


def test_a_shallow_clone_names_a_fetch_that_works(repo: Repo, tmp_path: Path) -> None:
    repo.record("docs(readme): describe the project", {"README.md": "hi\n"})
    repo.record("feat(orders): add pagination", {"orders.py": "x\n"})
    repo.record("feat(orders): sort the pages", {"orders.py": "y\n"})
    clone = tmp_path / "shallow"
    done = subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    hidden = run_commitguard("check", "HEAD", cwd=clone)
    assert hidden.returncode == 4, hidden.stdout + hidden.stderr
    commands = backticked(hidden.stderr, "git fetch --unshallow")
    assert commands, hidden.stderr

    run_all(clone, commands[:1], {})
    assert run_commitguard("check", "HEAD", cwd=clone).returncode == 0


@pytest.mark.parametrize("on_topic", [False, True], ids=["on-main", "on-a-topic-branch"])
def test_check_without_a_remote_names_a_range_that_works(repo: Repo, on_topic: bool) -> None:
    repo.record(BAD)  # on main: a topic branch's range must leave it out
    if on_topic:
        repo.git("checkout", "-q", "-b", "topic")
        repo.record(GOOD, {"orders.py": "x\n"})
    refused_check = run_commitguard("check", cwd=repo.path)
    assert refused_check.returncode == 2, refused_check.stdout + refused_check.stderr
    assert backticked(refused_check.stderr, "git ") == []  # no remote to set anything from
    command, *_ = backticked(refused_check.stderr, "commitguard check")

    done = run_named_commitguard(repo.path, command)
    assert done.returncode == (0 if on_topic else 1), done.stdout + done.stderr
    assert "1 commit" in done.stdout, done.stdout


def test_check_with_a_remote_but_no_default_branch_names_commands_that_work(
    repo: Repo, tmp_path: Path
) -> None:
    upstream = Repo(tmp_path / "upstream")
    upstream.path.mkdir()
    upstream.git("init", "-q", "--initial-branch", "trunk")  # neither main nor master
    upstream.record("docs(readme): describe the project", {"README.md": "hi\n"})
    upstream.close()
    repo.git("remote", "add", "origin", str(upstream.path))
    repo.git("fetch", "-q", "origin")  # a fetch never sets origin/HEAD; a clone does
    repo.git("checkout", "-q", "--no-track", "-b", "topic", "origin/trunk")
    repo.record(GOOD, {"orders.py": "x\n"})
    refused_check = run_commitguard("check", cwd=repo.path)
    assert refused_check.returncode == 2, refused_check.stdout + refused_check.stderr
    commands = backticked(refused_check.stderr, "git ")
    assert commands, refused_check.stderr

    run_all(repo.path, commands, {})
    again = run_commitguard("check", cwd=repo.path)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "origin/trunk..HEAD (the default branch of origin" in again.stdout


# --- autosquash commits left in a range ---------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "target_is_root"),
    [("fixup", False), ("squash", False), ("fixup", True)],
    ids=["fixup", "squash", "fixup-of-a-root-commit"],
)
def test_check_names_the_rebase_that_folds_an_autosquash_commit(
    repo: Repo, kind: str, target_is_root: bool
) -> None:
    if not target_is_root:
        repo.record("docs(readme): describe the project", {"README.md": "hi\n"})
        repo.git("branch", "-q", "base")
    repo.record(GOOD, {"orders.py": "ORDERS = []\n"})
    repo.record("feat(api): add the client", {"api.py": "API = 1\n"})
    repo.record(f"{kind}! {GOOD}", {"orders.py": "ORDERS = [1]\n"})
    repo.git("reset", "-q", "--hard")
    checked = "HEAD" if target_is_root else "base..HEAD"
    first = run_commitguard("check", checked, cwd=repo.path)
    assert "[fixup-commit]" in first.stdout, first.stdout + first.stderr
    (command,) = backticked(first.stdout, "git rebase")
    assert ("--root" in command) is target_is_root

    run_all(repo.path, [command], {"GIT_SEQUENCE_EDITOR": ":", "GIT_EDITOR": "true"})
    assert repo.git("log", "--format=%s").stdout.splitlines()[:2] == [
        "feat(api): add the client",
        GOOD,
    ]
    assert files_in(repo, "HEAD~1")["orders.py"] == "ORDERS = [1]\n"
    again = run_commitguard("check", checked, "--format", "json", cwd=repo.path)
    assert again.returncode == 0, again.stdout + again.stderr
    assert '"warnings": 0' in again.stdout, again.stdout


def test_check_names_a_reword_for_a_fixup_whose_target_is_outside_the_range(
    repo: Repo, tmp_path: Path
) -> None:
    repo.record(GOOD, {"orders.py": "ORDERS = []\n"})
    repo.git("branch", "-q", "base")  # the target is merged already: nothing to fold into
    repo.record(f"fixup! {GOOD}", {"orders.py": "ORDERS = [1]\n"})
    repo.git("reset", "-q", "--hard")
    first = run_commitguard("check", "base..HEAD", cwd=repo.path)
    assert "its target is not in this range" in first.stdout, first.stdout + first.stderr
    (command,) = backticked(first.stdout, "git rebase")

    env = typing_env(tmp_path, "fix(orders): start the list with one order")
    run_all(repo.path, [command], {**env, "GIT_SEQUENCE_EDITOR": "sed -i -e 1s/^pick/reword/"})
    assert repo.git("log", "-1", "--format=%s").stdout.strip().startswith("fix(orders)")
    assert run_commitguard("check", "base..HEAD", cwd=repo.path).returncode == 0


# --- paths that do not print on one line ----------------------------------------------------

# A newline (which would start a CI log's workflow command), a CR and an ESC, and a
# wildcard: each must be named alone by the printed commands.
ODD_CODE = ("src/evil\n::error x.ts", "src/cr\rname.ts", "src/esc\x1b[31mred.ts", "src/a*b.ts")
LOOKALIKE = "src/aXb.ts"  # what `src/a*b.ts` would name as a plain pathspec


def paths_of(repo: Repo, revision: str) -> list[str]:
    # bytes: text mode would read the CR in a name as a line break
    args = ["git", "show", "--format=", "--name-only", "-z", revision]
    out = subprocess.run(args, cwd=repo.path, capture_output=True, check=True).stdout
    return sorted(path.decode() for path in out.split(b"\0") if path)


def assert_odd_split(repo: Repo) -> None:
    assert paths_of(repo, "HEAD") == sorted(ODD_CODE)
    assert paths_of(repo, "HEAD^") == sorted(MIGRATION_FILES)


def test_staged_split_commands_name_paths_with_control_characters(
    repo: Repo, tmp_path: Path
) -> None:
    repo.record("docs(readme): describe the project", {"README.md": "hi\n", LOOKALIKE: "1\n"})
    repo.git("reset", "-q", "--hard")
    repo.write(LOOKALIKE, "my own change, not staged\n")
    for path, content in {**MIGRATION_FILES, **dict.fromkeys(ODD_CODE, "export {}\n")}.items():
        repo.write(path, content)
    repo.git("--literal-pathspecs", "add", "--", *MIGRATION_FILES, *ODD_CODE)
    result = run_commitguard("staged", cwd=repo.path)
    assert result.returncode == 1, result.stderr
    commands = fix_commands(result.stderr)
    assert len(commands) == 4, result.stderr  # no path broke a command across lines

    run_all(repo.path, commands, typing_env(tmp_path, "chore(users): add the users table"))
    assert_odd_split(repo)
    assert repo.git("status", "--porcelain").stdout == f" M {LOOKALIKE}\n"


@pytest.mark.parametrize("first_commit", [True, False], ids=["root-commit", "later-commit"])
def test_check_split_commands_name_paths_with_control_characters(
    repo: Repo, tmp_path: Path, first_commit: bool
) -> None:
    if not first_commit:
        repo.record("docs(readme): describe the project", {"README.md": "hi\n"})
    repo.record(
        "feat(users): add the users table and use it",
        {**MIGRATION_FILES, **dict.fromkeys(ODD_CODE, "export {}\n")},
    )
    repo.git("reset", "-q", "--hard")
    result = run_commitguard("check", "HEAD", cwd=repo.path)
    assert result.returncode == 1, result.stdout + result.stderr
    commands = fix_commands(result.stdout)
    assert len(commands) == 6, result.stdout

    env = typing_env(tmp_path, "chore(users): add the users table")
    run_all(repo.path, commands, {**env, "GIT_SEQUENCE_EDITOR": "sed -i -e 1s/^pick/edit/"})
    assert_odd_split(repo)
    assert repo.git("status", "--porcelain").stdout == ""
    assert run_commitguard("check", "HEAD", cwd=repo.path).returncode == 0


def test_paths_no_pattern_tells_apart_get_a_sentence_instead_of_commands(repo: Repo) -> None:
    for path, content in MIGRATION_FILES.items():
        repo.stage(path, content)
    for path in ("src/evil\n.ts", "src/evil\r.ts"):  # `src/evil?.ts` would name both
        repo.stage(path, "export {}\n")
    result = run_commitguard("staged", cwd=repo.path)
    assert result.returncode == 1, result.stderr
    assert fix_commands(result.stderr) == []
    assert "unstaging the code by hand" in result.stderr
