"""The security prompt through a real `git commit`, in a real pseudo-terminal.

git runs the commit-msg hook with stdin from /dev/null; the hook must find the terminal
itself. pexpect gives `git commit` a pty as its controlling terminal, exactly as a
developer's shell does, and answers the questions by typing keys.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pexpect
import pytest

from commitguard.security.prompt import _CI_VARIABLES, parse_impact, questions, refusal
from tests.helpers import HookRepository, Repo, config_text, pre_commit, run_commitguard

# The prompt runs only inside a hook, on a real terminal: measure those processes.
pytestmark = pytest.mark.children_measured

TIMEOUT = 20


def terminal_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _CI_VARIABLES}
    env.pop("COMMITGUARD_NO_PROMPT", None)
    env.update(TERM="dumb", NO_COLOR="1", **extra)
    return env


@pytest.fixture
def hooked(repo: Repo) -> Repo:
    repo.commit_file("README.md", "docs(readme): describe the project")
    installed = run_commitguard("install", cwd=repo.path)
    assert installed.returncode == 0, installed.stderr
    return repo


def spawn_commit(repo: Repo, message: str, **env: str) -> pexpect.spawn[str]:
    return spawn_git(repo, ["commit", "-m", message], **env)


def spawn_git(repo: Repo, args: list[str], **env: str) -> pexpect.spawn[str]:
    child = pexpect.spawn(
        "git",
        args,
        cwd=str(repo.path),
        env=terminal_env(**env),
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    child.logfile_read = sys.stderr  # shown by pytest when a test fails
    return child


def trailers(repo: Repo) -> list[tuple[str, str]]:
    """The last commit's trailers, as git's own trailer parser reads them."""
    message = repo.git("log", "-1", "--format=%B").stdout
    parsed = repo.git("interpret-trailers", "--parse", input=message).stdout
    return [(key, value) for key, value in (line.split(": ", 1) for line in parsed.splitlines())]


def head_count(repo: Repo) -> int:
    return int(repo.git("rev-list", "--count", "HEAD").stdout)


# --- through git commit -------------------------------------------------------------------


def test_the_prompt_completes_a_security_fix_and_the_commit_lands(hooked: Repo) -> None:
    hooked.stage("src/auth/guards/jwt.guard.ts", JWT_GUARD)
    child = spawn_commit(hooked, "fix(auth): reject expired tokens")
    child.expect("is a security fix")
    child.expect("Description: ")
    child.sendline("Security fix for token bypass issue.")
    child.expect(r"Impact \[1-5, c/h/m/l/n\]: ")
    child.sendline("h")
    child.expect("Affects: ")
    child.sendline("All authenticated endpoints")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert head_count(hooked) == 2
    assert hooked.head_message() == (
        "fix(auth): reject expired tokens\n\n"
        "Security fix for token bypass issue.\n\n"
        "Impact: High\n"
        "Affects: All authenticated endpoints"
    )
    assert trailers(hooked) == [("Impact", "High"), ("Affects", "All authenticated endpoints")]
    # git log's own %(trailers) finds them too.
    shown = hooked.git("log", "-1", "--format=%(trailers:key=Impact,valueonly)").stdout
    assert shown.strip() == "High"


def test_a_path_alone_makes_a_fix_security_work_and_numbers_answer(hooked: Repo) -> None:
    hooked.stage(
        "src/middleware/auth.js",
        "module.exports = (req, res, next) =>\n"
        "  timingSafeEqual(sign(req.body), req.signature) ? next() : res.sendStatus(401)\n",
    )
    child = spawn_commit(
        hooked, "fix(api): check the signature of bearer tokens\n\nOld ones slipped."
    )
    child.expect("path src/middleware/auth.js")
    child.expect(r"Impact \[1-5, c/h/m/l/n\]: ")
    child.sendline("severe")  # not a level: asked again
    child.expect("Type a number")
    child.expect(r"Impact \[1-5, c/h/m/l/n\]: ")
    child.sendline("1")
    child.expect("Affects: ")
    child.sendline("API clients")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert trailers(hooked) == [("Impact", "Critical"), ("Affects", "API clients")]
    assert hooked.head_message().startswith(
        "fix(api): check the signature of bearer tokens\n\nOld ones slipped.\n\nImpact:"
    )


def test_the_team_layout_is_completed_into_a_trailer_block(hooked: Repo) -> None:
    hooked.stage("app/auth/session.py", "TTL = 60\n")
    message = (
        "fix(session): expire idle sessions\n\nSessions never expired.\nimpact: medium\n"
        "Signed-off-by: Ada Lovelace <ada@example.com>"
    )
    child = spawn_commit(hooked, message)
    child.expect("Affects: ")
    child.sendline("Web sessions")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert hooked.head_message() == (
        "fix(session): expire idle sessions\n\n"
        "Sessions never expired.\n\n"
        "Impact: Medium\n"
        "Affects: Web sessions\n"
        "Signed-off-by: Ada Lovelace <ada@example.com>"
    )
    assert trailers(hooked)[:2] == [("Impact", "Medium"), ("Affects", "Web sessions")]


@pytest.mark.parametrize("key", ["\x03", "\x04", "\r"], ids=["ctrl-c", "ctrl-d", "empty"])
def test_ctrl_c_or_an_empty_answer_aborts_and_keeps_the_message(hooked: Repo, key: str) -> None:
    hooked.stage("src/auth/auth.service.ts", "export class AuthService {}\n")
    child = spawn_commit(hooked, "fix(auth): reject expired tokens\n\nExpired tokens passed.")
    child.expect(r"Impact \[1-5, c/h/m/l/n\]: ")
    child.send(key)
    child.expect("aborted")
    child.expect("git commit --edit --file=")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus != 0
    assert head_count(hooked) == 1
    kept = (hooked.git_dir / "COMMITGUARD_EDITMSG").read_text()
    assert kept == "fix(auth): reject expired tokens\n\nExpired tokens passed.\n"
    # The terminal is given back as it was: the shell echoes again.
    assert "nothing was added" in (child.before or "")


def test_an_interrupted_prompt_keeps_the_answers_already_given(hooked: Repo) -> None:
    hooked.stage("src/auth/auth.service.ts", "export class AuthService {}\n")
    child = spawn_commit(hooked, "fix(auth): reject expired tokens")
    child.expect("Description: ")
    child.sendline("Expired tokens passed the guard.")
    child.expect(r"Impact \[1-5, c/h/m/l/n\]: ")
    child.sendline("h")
    child.expect("Affects: ")
    child.send("\x03")
    child.expect("git commit --edit --file=")
    child.expect("kept the answers given")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus != 0
    assert head_count(hooked) == 1
    kept = (hooked.git_dir / "COMMITGUARD_EDITMSG").read_text()
    assert kept == (
        "fix(auth): reject expired tokens\n\nExpired tokens passed the guard.\n\nImpact: High\n"
    )
    # The retry the hook printed asks only for what is still missing.
    retry = spawn_git(
        hooked,
        ["commit", "--edit", f"--file={hooked.git_dir / 'COMMITGUARD_EDITMSG'}"],
        GIT_EDITOR="true",  # the author saves the kept message as it is
    )
    retry.expect("Affects: ")
    retry.sendline("Every signed-in user")
    retry.expect(pexpect.EOF)
    retry.close()
    assert retry.exitstatus == 0, retry.before
    assert trailers(hooked) == [("Impact", "High"), ("Affects", "Every signed-in user")]


def test_impact_none_is_its_own_answer_and_needs_no_affects(hooked: Repo) -> None:
    hooked.stage("src/auth/login.controller.ts", "export const next = '/home';\n")
    child = spawn_commit(hooked, "fix(auth): stop the login redirect loop\n\nIt pointed home.")
    child.expect(r"Impact \[1-5, c/h/m/l/n\]: ")
    child.sendline("5")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert "Affects: " not in (child.before or "")
    assert trailers(hooked) == [("Impact", "None")]


def test_other_errors_are_not_asked_about(hooked: Repo) -> None:
    hooked.stage("src/auth/auth.service.ts", "export class AuthService {}\n")
    child = spawn_commit(hooked, "fix(auth): Reject expired tokens.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus != 0
    assert "Impact [" not in (child.before or "")
    assert "subject-case" in (child.before or "")


@pytest.mark.parametrize(
    ("env", "reason"),
    [
        pytest.param({"CI": "true"}, "running in CI", id="ci"),
        pytest.param({"COMMITGUARD_NO_PROMPT": "1"}, "COMMITGUARD_NO_PROMPT", id="env"),
        pytest.param({"VSCODE_GIT_IPC_HANDLE": "/tmp/x.sock"}, "GUI client", id="vscode"),
    ],
)
def test_a_terminal_is_not_enough_in_ci_or_a_gui(
    hooked: Repo, env: dict[str, str], reason: str
) -> None:
    hooked.stage("src/auth/auth.service.ts", "export class AuthService {}\n")
    child = spawn_commit(
        hooked, "fix(auth): reject expired tokens\n\nExpired tokens passed.", **env
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus != 0
    assert reason in (child.before or "")
    assert head_count(hooked) == 1


# A guard as a fix changes it: its lines are what makes the commit security work.
JWT_GUARD = "export class JwtGuard {\n  canActivate(context) {\n    return !!context.user\n  }\n}\n"


def test_the_prompt_works_through_the_pre_commit_framework(
    repo: Repo, hook_repository: HookRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRE_COMMIT_HOME", str(hook_repository.pre_commit_home))
    repo.write(".pre-commit-config.yaml", config_text(hook_repository))
    installed = pre_commit("install", cwd=repo.path)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    repo.git("add", ".pre-commit-config.yaml")
    repo.stage("src/auth/guards/jwt.guard.ts", JWT_GUARD)
    child = spawn_commit(repo, "fix(api): reject expired tokens\n\nExpired tokens passed.")
    child.expect(r"Impact \[1-5, c/h/m/l/n\]: ")
    child.sendline("low")
    child.expect("Affects: ")
    child.sendline("Mobile clients")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert trailers(repo) == [("Impact", "Low"), ("Affects", "Mobile clients")]


# --- without a terminal -------------------------------------------------------------------


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param({}, id="stderr-piped"),
        # pre-commit pipes stderr too, so there only /dev/tty decides: it cannot be opened.
        pytest.param({"PRE_COMMIT": "1"}, id="no-controlling-terminal"),
    ],
)
def test_without_a_terminal_the_commit_is_refused_with_the_lines_to_add(
    hooked: Repo, extra: dict[str, str]
) -> None:
    hooked.stage("src/auth/guards/jwt.guard.ts", JWT_GUARD)
    env = terminal_env(**extra)
    # No pty and a new session: no controlling terminal at all.
    result = subprocess.run(
        ["git", "commit", "-m", "fix(auth): reject expired tokens"],
        cwd=hooked.path,
        env=env,
        capture_output=True,
        text=True,
        start_new_session=True,
        check=False,
    )
    assert result.returncode != 0
    assert head_count(hooked) == 1
    assert "add to the body:\n" in result.stderr
    assert "<one sentence on what was fixed>" in result.stderr
    assert "Impact: <Critical|High|Medium|Low|None>" in result.stderr
    assert "Affects: <what is affected>" in result.stderr
    assert "did not ask for the security impact (no terminal)" in result.stderr
    kept = (hooked.git_dir / "COMMITGUARD_EDITMSG").read_text()
    assert kept == "fix(auth): reject expired tokens\n"


def test_no_prompt_refuses_even_in_a_terminal(repo: Repo) -> None:
    repo.stage("src/auth/guards/jwt.guard.ts", JWT_GUARD)
    (repo.git_dir / "COMMIT_EDITMSG").write_text("fix(auth): reject expired tokens\n")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "commitguard", "lint", "--no-prompt", str(repo.git_dir / "COMMIT_EDITMSG")],
        cwd=str(repo.path),
        env=terminal_env(),
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert "did not ask for the security impact (--no-prompt)" in (child.before or "")


# --- the pure parts -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "level"),
    [
        ("1", "Critical"),
        ("4", "Low"),
        ("c", "Critical"),
        ("H", "High"),
        ("medium", "Medium"),
        (" LOW ", "Low"),
        ("moderate", "Medium"),
        ("5", "None"),
        ("n", "None"),
        ("none", "None"),
        ("6", None),
        ("0", None),
        ("x", None),
        ("severe", None),
    ],
)
def test_parse_impact(answer: str, level: str | None) -> None:
    assert parse_impact(answer) == level


def test_questions_ask_only_what_is_missing() -> None:
    typed = iter(["m"])
    asked: list[str] = []

    def read_line(label: str) -> str:
        asked.append(label)
        return next(typed)

    answers = questions(("impact",), read_line, print)
    assert answers == {"Impact": "Medium"}
    assert asked == ["Impact [1-5, c/h/m/l/n]: "]


@pytest.mark.parametrize(
    ("no_prompt", "env", "tty", "expected"),
    [
        pytest.param(False, {}, True, None, id="terminal"),
        pytest.param(True, {}, True, "--no-prompt", id="flag"),
        pytest.param(False, {"CI": "false"}, True, None, id="ci-false"),
        pytest.param(False, {"GITHUB_ACTIONS": "true"}, True, "running in CI", id="actions"),
        pytest.param(False, {}, False, "no terminal", id="stderr-piped"),
        pytest.param(False, {"PRE_COMMIT": "1"}, False, None, id="pre-commit-pipes-stderr"),
    ],
)
def test_refusal(no_prompt: bool, env: dict[str, str], tty: bool, expected: str | None) -> None:
    found = refusal(no_prompt, env, tty)
    assert (found if found is None else found[: len(expected or "")]) == expected
