"""The commitizen plugin, through the real `cz` command: `cz commit` in a pseudo-terminal,
and `cz check` agreeing with `commitguard lint` and `commitguard check`."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

from commitguard.security.prompt import _CI_VARIABLES
from tests.helpers import ROOT, Repo, run_commitguard

CZ = shutil.which("cz", path=str(Path(sys.executable).parent)) or shutil.which("cz")
pytestmark = pytest.mark.skipif(CZ is None, reason="commitizen is not installed")
# The plugin runs inside `cz`: coverage measures those processes in the tests marked
# children_measured, one per path through the plugin, and not again in every case of
# the agreement tables (coverage in a child costs about a second of `cz` here).
measured = pytest.mark.children_measured
DOWN = "\x1b[B"


def env() -> dict[str, str]:
    values = {k: v for k, v in os.environ.items() if k not in _CI_VARIABLES}
    values.update(TERM="xterm", PATH=f"{Path(sys.executable).parent}{os.pathsep}{values['PATH']}")
    # prompt_toolkit asks the terminal where its cursor is before each question and waits
    # a second for the answer, which pexpect's terminal never gives: a second a question.
    values["PROMPT_TOOLKIT_NO_CPR"] = "1"
    # The plugin `cz` loads is this tree's, whatever PYTHONPATH the tests were given (a
    # relative one means nothing in the repository `cz` runs in).
    values["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), values.get("PYTHONPATH", "")])
    return values


@pytest.fixture
def cz_repo(repo: Repo) -> Repo:
    repo.write(".cz.toml", '[tool.commitizen]\nname = "cz_commitguard"\n')
    repo.commit_file("README.md", "docs(readme): describe the project")
    return repo


def cz(repo: Repo, *args: str) -> subprocess.CompletedProcess[str]:
    assert CZ is not None
    return subprocess.run(
        [CZ, *args], cwd=repo.path, env=env(), capture_output=True, text=True, check=False
    )


# --- cz check == commitguard lint --------------------------------------------------------

MESSAGES = [
    pytest.param("feat(orders): add pagination", True, id="good"),
    pytest.param("feature(orders): Add pagination.", False, id="type-case-stop"),
    pytest.param("feat: add pagination", False, id="scope-required"),
    pytest.param("fix(auth): patch jwt", False, id="security-scope-no-impact"),
    pytest.param(
        "fix(auth): patch jwt\n\nSecurity fix for token bypass issue.\n"
        "Impact: Critical\nAffects: All authenticated endpoints",
        True,
        id="team-layout",
    ),
    pytest.param("fix(api): check bearer tokens", False, id="staged-auth-path"),
    pytest.param(
        "fix(api): check bearer tokens\n\nFixed.\n\nImpact: 1\nAffects: x",
        False,
        id="number-is-not-a-level",
    ),
]


@pytest.mark.parametrize(("text", "good"), MESSAGES)
def test_cz_check_agrees_with_commitguard_lint(cz_repo: Repo, text: str, good: bool) -> None:
    cz_repo.stage(
        "src/middleware/auth.js",
        "module.exports = (req, res, next) =>\n"
        "  req.user?.isActive ? next() : res.sendStatus(401)\n",
    )
    checked = cz(cz_repo, "check", "--message", text)
    linted = run_commitguard("lint", "--no-prompt", "-", cwd=cz_repo.path, input=text)
    assert (checked.returncode == 0) is good, checked.stdout + checked.stderr
    assert (linted.returncode == 0) is good, linted.stderr
    if not good:
        rules = {line.split("]")[0][1:] for line in checked.stderr.splitlines() if line[:1] == "["}
        rules |= {
            line.split("[", 1)[1].split("]")[0]
            for line in checked.stderr.splitlines()
            if line.startswith('"[')
        }
        linted_rules = {
            line.split("[", 1)[1].split("]")[0]
            for line in linted.stderr.splitlines()
            if line.startswith("error[")
        }
        assert rules == linted_rules


@measured
def test_cz_check_of_a_range_uses_each_commits_paths(cz_repo: Repo) -> None:
    base = cz_repo.git("rev-parse", "HEAD").stdout.strip()
    cz_repo.commit_file(
        "src/auth/guards/jwt.guard.ts",
        "fix(users): handle tokens without an exp claim",
        "if (token.exp < now) throw new UnauthorizedException();\n",
    )
    cz_repo.commit_file("src/common/guards/throttler.guard.ts", "fix(api): raise the limit")
    checked = cz(cz_repo, "check", "--rev-range", f"{base}..HEAD")
    assert checked.returncode != 0
    assert "handle tokens without an exp claim" in checked.stderr
    assert "path src/auth/guards/jwt.guard.ts" in checked.stderr
    assert "raise the limit" not in checked.stderr
    guarded = run_commitguard("check", f"{base}..HEAD", cwd=cz_repo.path)
    assert guarded.returncode == 1
    assert "raise the limit" not in guarded.stdout


# --- reverts: exempt only when they revert what they name, as lint and check judge --------

README = "docs(readme): describe the project"  # the header of cz_repo's one commit
MISSING = "0123abcd" * 5  # a sha no repository here has


@measured
@pytest.mark.parametrize(
    ("quoted", "names_head", "good"),
    [
        pytest.param(README, True, True, id="genuine"),
        pytest.param("fix(orders): drop the cache", True, False, id="another-header"),
        pytest.param(README, False, False, id="missing-commit"),
    ],
)
def test_cz_check_of_a_revert_message_agrees_with_commitguard_lint(
    cz_repo: Repo, quoted: str, names_head: bool, good: bool
) -> None:
    cited = cz_repo.git("rev-parse", "HEAD").stdout.strip() if names_head else MISSING
    text = f'Revert "{quoted}"\n\nThis reverts commit {cited}.\n'
    path = cz_repo.write("REVERT_MSG", text)
    by_message = cz(cz_repo, "check", "--message", text)
    by_file = cz(cz_repo, "check", "--commit-msg-file", str(path))
    linted = run_commitguard("lint", "--no-prompt", str(path), cwd=cz_repo.path)
    assert (linted.returncode == 0) is good, linted.stderr
    for checked in (by_message, by_file):
        assert (checked.returncode == 0) is good, checked.stdout + checked.stderr
        assert ("[header-format]" in checked.stderr) is not good


@measured
def test_cz_check_of_a_range_exempts_the_reverts_commitguard_check_exempts(
    cz_repo: Repo,
) -> None:
    base = cz_repo.git("rev-parse", "HEAD").stdout.strip()
    cz_repo.git("revert", "--no-edit", "HEAD")
    genuine = cz_repo.git("rev-parse", "HEAD").stdout.strip()
    borrowed = f'Revert "fix(orders): drop the cache"\n\nThis reverts commit {base}.'
    cz_repo.commit_file("cache.py", borrowed)
    missing = f'Revert "feat(orders): add a cache"\n\nThis reverts commit {MISSING}.'
    cz_repo.commit_file("cache.py", missing, "x = 2\n")
    shas = cz_repo.git("rev-list", f"{base}..HEAD").stdout.split()
    checked = cz(cz_repo, "check", "--rev-range", f"{base}..HEAD")
    assert checked.returncode != 0
    refused = {sha for sha in shas if f'commit "{sha}"' in checked.stderr}
    guarded = run_commitguard("check", f"{base}..HEAD", "--format", "json", cwd=cz_repo.path)
    assert guarded.returncode == 1
    flagged = {commit["sha"] for commit in json.loads(guarded.stdout)["commits"]}
    assert refused == flagged == set(shas) - {genuine}


@measured
def test_cz_check_outside_a_repository_trusts_a_reverts_shape(tmp_path: Path) -> None:
    # As `commitguard lint` outside a repository: no git to ask which commit it names.
    outside = Repo(tmp_path)  # a directory, never `git init`: only write() is used
    outside.write(".cz.toml", '[tool.commitizen]\nname = "cz_commitguard"\n')
    text = f'Revert "{README}"\n\nThis reverts commit {MISSING}.\n'
    checked = cz(outside, "check", "--message", text)
    linted = run_commitguard("lint", "--no-prompt", "-", cwd=tmp_path, input=text)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert linted.returncode == 0, linted.stderr


@measured
def test_cz_schema_and_example_show_the_standard(cz_repo: Repo) -> None:
    assert "Impact: Critical|High|Medium|Low" in cz(cz_repo, "schema").stdout
    example = cz(cz_repo, "example").stdout
    assert "Impact: Critical" in example
    assert cz(cz_repo, "check", "--message", example.strip()).returncode == 0


# --- cz commit --------------------------------------------------------------------------


def spawn_cz_commit(repo: Repo, first_on_path: Path | None = None) -> pexpect.spawn[str]:
    assert CZ is not None
    values = env()
    if first_on_path is not None:
        values["PATH"] = f"{first_on_path}{os.pathsep}{values['PATH']}"
    child = pexpect.spawn(
        CZ,
        ["commit"],
        cwd=str(repo.path),
        env=values,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 200),
    )
    child.logfile_read = sys.stderr
    return child


def retype(child: pexpect.spawn[str], answer: str) -> None:
    """Answer a question that offers a default: the line cleared (Ctrl-U), then typed."""
    time.sleep(0.2)
    child.send("\x15")
    child.sendline(answer)


def choose(child: pexpect.spawn[str], question: str, last_choice: str, downs: int) -> None:
    child.expect(question)
    child.expect(last_choice)  # the whole list is drawn: keys now reach it
    time.sleep(0.2)
    for _ in range(downs):
        child.send(DOWN)
        time.sleep(0.05)
    child.send("\r")


@measured
def test_cz_commit_asks_the_security_questions_for_a_security_fix(cz_repo: Repo) -> None:
    cz_repo.stage("src/auth/strategies/jwt.strategy.ts", "export class JwtStrategy {}\n")
    child = spawn_cz_commit(cz_repo)
    choose(child, "Type of change", "chore", 1)  # feat, fix, ...
    child.expect("Scope")
    retype(child, "api")
    child.expect("Description")
    child.sendline("Stop the token bypass.")
    child.expect("subject-case")  # commitguard's own rule, while typing
    child.send("\x7f" * 40)
    child.sendline("stop the token bypass")
    child.expect("This is a security fix")
    child.sendline("Expired tokens were accepted.")
    child.expect("BREAKING")
    child.send("n")  # a confirm takes the key alone; Enter would answer the next question
    choose(child, "Security impact", "Low", 1)  # Critical, High, ...
    child.expect("What does it affect")
    child.sendline("All API clients")
    child.expect("Commit successful")
    child.expect(pexpect.EOF)
    assert cz_repo.head_message() == (
        "fix(api): stop the token bypass\n\n"
        "Expired tokens were accepted.\n\n"
        "Impact: High\n"
        "Affects: All API clients"
    )
    parsed = cz_repo.git("log", "-1", "--format=%(trailers:only,unfold)").stdout
    assert parsed.split("\n")[:2] == ["Impact: High", "Affects: All API clients"]
    assert run_commitguard("check", "HEAD~1..HEAD", cwd=cz_repo.path).returncode == 0


@measured
def test_cz_commit_offers_no_security_impact_and_then_asks_no_affects(cz_repo: Repo) -> None:
    cz_repo.stage("src/auth/login.controller.ts", "export const next = '/home';\n")
    child = spawn_cz_commit(cz_repo)
    transcript = Transcript()
    child.logfile_read = transcript
    choose(child, "Type of change", "chore", 1)  # feat, fix, ...
    child.expect("Scope")
    retype(child, "auth")
    child.expect("Description")
    child.sendline("stop the login redirect loop")
    child.expect("This is a security fix")
    child.sendline("The return URL pointed at the login page.")
    child.expect("BREAKING")
    child.send("n")
    choose(child, "Security impact", "no security impact", 4)  # ..., Low, None
    child.expect("Commit successful")
    child.expect(pexpect.EOF)
    assert "What does it affect" not in transcript.getvalue()
    assert cz_repo.head_message() == (
        "fix(auth): stop the login redirect loop\n\n"
        "The return URL pointed at the login page.\n\n"
        "Impact: None"
    )
    checked = run_commitguard("check", "HEAD~1..HEAD", cwd=cz_repo.path)
    assert checked.returncode == 0, checked.stdout
    assert "security-no-impact" in checked.stdout


GUARD = """export class RolesGuard {
  canActivate(context) {
    return true
  }
}
"""


def git_logging_to(log: Path, where: Path) -> Path:
    """A `git` that writes its arguments to `log`, then runs the real one."""
    real = shutil.which("git")
    assert real is not None
    where.mkdir()
    wrapper = where / "git"
    wrapper.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{log}"\nexec "{real}" "$@"\n')
    wrapper.chmod(0o755)
    return where


@measured
def test_cz_commit_reads_the_staged_lines_once_for_all_its_questions(
    cz_repo: Repo, tmp_path: Path
) -> None:
    # A fix judged by its changed lines alone: every question that depends on whether
    # it is security work (the body, the impact, what it affects) asks again.
    cz_repo.commit_file("src/auth/roles.guard.ts", "feat(api): add the roles guard", GUARD)
    cz_repo.stage("src/auth/roles.guard.ts", GUARD.replace("true", "!!context.user?.isAdmin"))
    log = tmp_path / "git.log"
    child = spawn_cz_commit(cz_repo, first_on_path=git_logging_to(log, tmp_path / "bin"))
    choose(child, "Type of change", "chore", 1)  # feat, fix, ...
    child.expect("Scope")
    retype(child, "api")
    child.expect("Description")
    child.sendline("check the admin role")
    child.expect("This is a security fix")
    child.sendline("Every user passed the roles guard.")
    child.expect("BREAKING")
    child.send("n")
    choose(child, "Security impact", "no security impact", 1)  # Critical, High, ...
    child.expect("What does it affect")
    child.sendline("Admin routes")
    child.expect("Commit successful")
    child.expect(pexpect.EOF)
    assert cz_repo.head_message().startswith("fix(api): check the admin role\n")
    reads = [line for line in log.read_text().splitlines() if "cat-file" in line]
    assert len(reads) == 1, reads


class Transcript(io.StringIO):
    """Everything the terminal showed, kept whole; echoed to stderr as it arrives."""

    def write(self, text: str) -> int:
        sys.stderr.write(text)
        return super().write(text)


@measured
def test_cz_commit_asks_no_security_questions_otherwise(cz_repo: Repo) -> None:
    cz_repo.stage("src/orders/list.ts", "export const list = []\n")
    child = spawn_cz_commit(cz_repo)
    transcript = Transcript()
    child.logfile_read = transcript  # nothing is read before the first expect
    choose(child, "Type of change", "chore", 0)
    child.expect("Scope")
    retype(child, "orders")
    child.expect("Description")
    child.sendline("add pagination")
    child.expect("Body")
    child.sendline("Pages of 50 orders.")
    child.expect("BREAKING")
    child.send("y")
    child.expect("What breaks")
    child.sendline("the list is paged")
    child.expect("Commit successful")
    child.expect(pexpect.EOF)
    shown = transcript.getvalue()
    assert "What breaks" in shown  # the whole session, not only what followed the last prompt
    assert "Security impact" not in shown
    assert "This is a security fix" not in shown
    assert cz_repo.head_message() == (
        "feat(orders)!: add pagination\n\nPages of 50 orders.\n\nBREAKING CHANGE: the list is paged"
    )
    assert run_commitguard("check", "HEAD~1..HEAD", cwd=cz_repo.path).returncode == 0


@measured
def test_cz_commit_offers_the_scope_of_the_staged_paths_as_the_default(cz_repo: Repo) -> None:
    cz_repo.stage("src/properties/properties.service.ts", "export class S {}\n")
    cz_repo.stage("src/properties/dto/create.dto.ts", "export class D {}\n")
    child = spawn_cz_commit(cz_repo)
    choose(child, "Type of change", "chore", 0)
    child.expect("Scope")
    child.expect("properties")  # shown in the answer's place, before a key is pressed
    time.sleep(0.2)
    child.sendline("")  # Enter takes it
    child.expect("Description")
    child.sendline("add listing")
    child.expect("Body")
    child.sendline("")
    child.expect("BREAKING")
    child.send("n")
    child.expect("Commit successful")
    child.expect(pexpect.EOF)
    assert cz_repo.head_message() == "feat(properties): add listing"


def test_cz_commit_defaults_to_the_allowed_scope_the_history_used(cz_repo: Repo) -> None:
    cz_repo.write(".commitguard.yaml", "scopes:\n  allowed: [accounts, catalogue]\n")
    cz_repo.commit_file("src/properties/a.ts", "feat(catalogue): list properties")
    cz_repo.stage("src/properties/a.ts", "export const b = 2\n")
    child = spawn_cz_commit(cz_repo)
    choose(child, "Type of change", "chore", 0)
    choose(child, "Scope", "catalogue", 0)  # no key: the default is already chosen
    child.expect("Description")
    child.sendline("page the listing")
    child.expect("Body")
    child.sendline("")
    child.expect("BREAKING")
    child.send("n")
    child.expect("Commit successful")
    child.expect(pexpect.EOF)
    assert cz_repo.head_message() == "feat(catalogue): page the listing"


# --- parity with commitguard check, and the index before the questions ---------------------


@measured
def test_cz_check_of_a_range_runs_the_range_rules_as_commitguard_check_does(
    cz_repo: Repo,
) -> None:
    # the code, then its migration: out of order on the branch, which only the whole
    # range shows; commitizen hands the plugin one commit at a time
    cz_repo.git("checkout", "-q", "-b", "topic")
    cz_repo.commit_file("src/users/users.service.ts", "feat(users): show the name")
    cz_repo.commit_file(
        "prisma/migrations/20260102000000_name/migration.sql",
        "chore(users): add name",
        "ALTER TABLE users ADD COLUMN name text;\n",
    )
    guarded = run_commitguard("check", "main..topic", "--format", "json", cwd=cz_repo.path)
    assert guarded.returncode == 1, guarded.stdout
    rules = {v["rule"] for c in json.loads(guarded.stdout)["commits"] for v in c["violations"]}
    assert rules == {"migration-order"}
    checked = cz(cz_repo, "check", "--rev-range", "main..topic")
    assert checked.returncode != 0, checked.stdout + checked.stderr
    assert "[migration-order]" in checked.stderr
    assert "Commit validation: successful!" not in checked.stdout


@measured
def test_cz_check_of_a_range_skips_bot_commits_as_commitguard_check_does(cz_repo: Repo) -> None:
    base = cz_repo.git("rev-parse", "HEAD").stdout.strip()
    bot = ("renovate[bot]", "29139614+renovate[bot]@users.noreply.github.com")
    cz_repo.record("Update dependency x to v2", {"package.json": "{}\n"}, who=bot)
    assert run_commitguard("check", f"{base}..HEAD", cwd=cz_repo.path).returncode == 0
    checked = cz(cz_repo, "check", "--rev-range", f"{base}..HEAD")
    assert checked.returncode == 0, checked.stdout + checked.stderr


@measured
def test_cz_commit_refuses_a_mixed_index_before_the_first_question(cz_repo: Repo) -> None:
    cz_repo.stage("prisma/migrations/20260102000000_name/migration.sql", "ALTER TABLE u;\n")
    cz_repo.stage("src/users/users.service.ts", "export const name = 1\n")
    child = spawn_cz_commit(cz_repo)
    transcript = Transcript()
    child.logfile_read = transcript
    child.expect("migration-separate")
    child.expect(pexpect.EOF)
    child.close()
    shown = transcript.getvalue()
    assert "Type of change" not in shown
    assert "git reset -q -- src/users/users.service.ts" in shown  # how to split it
    assert child.exitstatus != 0
    assert cz_repo.git("rev-list", "--count", "HEAD").stdout.strip() == "1"
