"""The command line as users and scripts meet it: exit codes, streams, bad input."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from commitguard.cli import cli
from commitguard.formats.check import FORMATS as CHECK_FORMATS
from commitguard.formats.lint import FORMATS as LINT_FORMATS
from tests.helpers import Repo, run_commitguard

GOOD = "feat(orders): add pagination\n"
BAD = "feature(Orders): Add pagination.\n"


@pytest.mark.parametrize(
    ("content", "code", "expected"),
    [
        pytest.param(b"", 1, "the message is empty", id="empty"),
        pytest.param(b"# only\n# comments\n", 1, "the message is empty", id="all-comments"),
        pytest.param(b"\xff\xfe not text", 2, "not valid utf-8", id="invalid-utf8"),
        pytest.param(b"feat(a): b\0c\n", 2, "NUL byte", id="nul-byte"),
        pytest.param(b"\xef\xbb\xbf" + GOOD.encode(), 0, "", id="utf8-bom"),
        pytest.param(GOOD.replace("\n", "\r\n").encode(), 0, "", id="crlf"),
    ],
)
def test_lint_survives_bad_message_files(
    tmp_path: Path, content: bytes, code: int, expected: str
) -> None:
    message = tmp_path / "msg"
    message.write_bytes(content)
    result = run_commitguard("lint", str(message), cwd=tmp_path)
    assert result.returncode == code, result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        pytest.param(lambda p: p / "missing", "no such file", id="missing"),
        pytest.param(lambda p: p, "is a directory", id="directory"),
        pytest.param(lambda p: p / "file" / "child", "cannot be read", id="not-a-directory"),
    ],
)
def test_lint_reports_unreadable_paths_as_usage_errors(
    tmp_path: Path, make: Callable[[Path], Path], expected: str
) -> None:
    (tmp_path / "file").write_text("x")
    path = make(tmp_path)
    result = run_commitguard("lint", str(path), cwd=tmp_path)
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_a_one_megabyte_message_is_linted(tmp_path: Path) -> None:
    body = ("word " * 14 + "\n") * 15_000  # about 1 MB of 71-character lines
    message = tmp_path / "msg"
    message.write_text(GOOD + "\n" + body)
    result = run_commitguard("lint", "--format", "json", str(message), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"] == {"errors": 0, "warnings": 0}


def test_lint_outside_a_repository_lints_a_file_but_needs_git_for_the_default(
    tmp_path: Path,
) -> None:
    message = tmp_path / "msg"
    message.write_text(BAD)
    assert run_commitguard("lint", str(message), cwd=tmp_path).returncode == 1
    default = run_commitguard("lint", cwd=tmp_path)
    assert default.returncode == 4
    assert "not in a git repository" in default.stderr


def test_lint_without_a_file_reads_commit_editmsg(repo: Repo) -> None:
    (repo.git_dir / "COMMIT_EDITMSG").write_text(BAD)
    result = run_commitguard("lint", cwd=repo.path)
    assert result.returncode == 1
    assert "type-enum" in result.stderr
    missing = Repo(repo.path)
    (missing.git_dir / "COMMIT_EDITMSG").unlink()
    assert run_commitguard("lint", cwd=repo.path).returncode == 2


def test_a_file_named_like_an_option_is_read_after_double_dash(tmp_path: Path) -> None:
    (tmp_path / "-msg").write_text(GOOD)
    result = run_commitguard("lint", "--", "-msg", cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_json_output_is_the_documented_shape(tmp_path: Path) -> None:
    result = run_commitguard("lint", "--format=json", "-", cwd=tmp_path, input=BAD)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["version"] == 1
    assert data["header"] == BAD.strip()
    rules = [violation["rule"] for violation in data["violations"]]
    assert rules == ["type-enum", "scope-case", "subject-case", "subject-full-stop"]
    first = data["violations"][0]
    assert set(first) >= {"rule", "severity", "message", "hint", "line", "column"}
    assert (first["line"], first["column"]) == (1, 1)
    assert data["summary"] == {"errors": 4, "warnings": 0}
    assert result.stderr == ""


def test_text_output_goes_to_stderr_with_a_caret_and_a_suggestion(tmp_path: Path) -> None:
    result = run_commitguard("lint", "-", cwd=tmp_path, input=BAD)
    assert result.stdout == ""
    assert "1 | feature(Orders): Add pagination." in result.stderr
    assert "  | ^^^^^^^" in result.stderr
    assert "did you mean `feat`?" in result.stderr
    assert "suggested header: feat(orders): add pagination" in result.stderr


@pytest.mark.parametrize(
    ("env", "coloured"),
    [
        pytest.param({}, False, id="not-a-terminal"),
        pytest.param({"FORCE_COLOR": "1"}, True, id="force-color"),
        pytest.param({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, id="no-color-wins"),
    ],
)
def test_colour_only_when_asked_or_on_a_terminal(
    tmp_path: Path, env: dict[str, str], coloured: bool
) -> None:
    result = run_commitguard("lint", "-", cwd=tmp_path, input=BAD, env=env)
    assert ("\033[" in result.stderr) is coloured


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["lint", "--format", "xml", "-"], id="unknown-format"),
        pytest.param(["lint", "a", "b"], id="two-files"),
        pytest.param(["lint", "--bogus"], id="unknown-option"),
        pytest.param(["frobnicate"], id="unknown-command"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, argv: list[str]) -> None:
    result = run_commitguard(*argv, cwd=tmp_path, input=GOOD)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_config_errors_exit_3_and_name_file_and_key(repo: Repo) -> None:
    repo.write(".commitguard.yaml", "rules:\n  subject-case: loud\n")
    result = run_commitguard("lint", "-", cwd=repo.path, input=GOOD)
    assert result.returncode == 3
    assert ".commitguard.yaml: rules.subject-case: expected error, warning or off" in result.stderr
    repo.write(".commitguard.yaml", "rules: [unclosed\n")
    result = run_commitguard("lint", "-", cwd=repo.path, input=GOOD)
    assert result.returncode == 3
    assert "not valid YAML at line" in result.stderr


def test_explicit_config_file(repo: Repo, tmp_path: Path) -> None:
    config = tmp_path / "strict.yaml"
    config.write_text("preset: conventional\n")
    message = "style: reformat\n"
    assert run_commitguard("lint", "-", cwd=repo.path, input=message).returncode == 1
    result = run_commitguard("lint", "--config", str(config), "-", cwd=repo.path, input=message)
    assert result.returncode == 0, result.stderr
    missing = run_commitguard(
        "lint", "--config", str(tmp_path / "nope.yaml"), "-", cwd=repo.path, input=message
    )
    assert missing.returncode == 3


def test_rules_lists_every_rule_with_its_configured_severity(repo: Repo) -> None:
    repo.write(".commitguard.yaml", "rules:\n  subject-case: warning\n")
    result = run_commitguard("rules", cwd=repo.path)
    assert result.returncode == 0
    assert "configuration from" in result.stdout
    line = next(line for line in result.stdout.splitlines() if "subject-case" in line)
    assert "warning (default error)" in line


def test_explain_a_rule_and_a_near_miss(tmp_path: Path) -> None:
    result = run_commitguard("explain", "security-impact", cwd=tmp_path)
    assert result.returncode == 0
    for part in ("Why", "Good", "Bad", "How to fix", "Impact: Critical"):
        assert part in result.stdout
    wrong = run_commitguard("explain", "security-impacts", cwd=tmp_path)
    assert wrong.returncode == 2
    assert "did you mean 'security-impact'?" in wrong.stderr


def test_init_writes_a_valid_commented_config_and_never_overwrites(repo: Repo) -> None:
    result = run_commitguard("init", cwd=repo.path)
    assert result.returncode == 0, result.stderr
    written = (repo.path / ".commitguard.yaml").read_text()
    assert written.startswith("# commitguard configuration")
    assert run_commitguard("rules", cwd=repo.path).returncode == 0
    (repo.path / ".commitguard.yaml").write_text("preset: conventional\n")
    again = run_commitguard("init", cwd=repo.path)
    assert again.returncode == 2
    assert (repo.path / ".commitguard.yaml").read_text() == "preset: conventional\n"
    forced = run_commitguard("init", "--force", "--preset", "conventional", cwd=repo.path)
    assert forced.returncode == 0
    assert "preset: conventional" in (repo.path / ".commitguard.yaml").read_text()


def test_version_and_module_entry(tmp_path: Path) -> None:
    result = run_commitguard("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("commitguard, version ")


def test_init_that_cannot_write_is_a_usage_error(repo: Repo) -> None:
    (repo.path / ".commitguard.yaml").mkdir()
    result = run_commitguard("init", "--force", cwd=repo.path)
    assert result.returncode == 2
    assert "cannot be written" in result.stderr
    assert "Traceback" not in result.stderr


# -- wiring: cli.py defines every command, each door lives in commands/ ------------------


COMMANDS_DIR = Path(__file__).parents[1] / "src" / "commitguard" / "commands"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_click_command_is_defined_in_cli(name: str) -> None:
    callback = cli.commands[name].callback
    assert callback is not None
    assert callback.__module__ == "commitguard.cli"


@pytest.mark.parametrize("door", sorted(p.name for p in COMMANDS_DIR.glob("*.py")))
def test_no_door_defines_a_click_command(door: str) -> None:
    assert "@click." not in (COMMANDS_DIR / door).read_text()


@pytest.mark.parametrize(
    ("command", "formats"),
    [
        pytest.param("lint", LINT_FORMATS, id="lint"),
        pytest.param("check", CHECK_FORMATS, id="check"),
    ],
)
def test_format_choices_come_from_the_registries(command: str, formats: tuple[str, ...]) -> None:
    result = run_commitguard(command, "--help")
    assert f"--format [{'|'.join(formats)}]" in result.stdout


def test_uninstall_with_nothing_installed_says_so(repo: Repo) -> None:
    result = run_commitguard("uninstall", cwd=repo.path)
    assert (result.returncode, result.stdout) == (
        0,
        "commitguard: no commitguard hooks installed\n",
    )


def test_install_says_what_it_did_to_each_hook(repo: Repo) -> None:
    result = run_commitguard("install", "--hook", "commit-msg", cwd=repo.path)
    hook = repo.git_dir / "hooks" / "commit-msg"
    assert (result.returncode, result.stdout) == (
        0,
        f"commitguard: installed commit-msg hook at {hook}\n",
    )
