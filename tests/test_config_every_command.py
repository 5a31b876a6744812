"""A typo in any section of the configuration stops every command with exit 3.

The README promises that every run validates the whole file: a misspelt key under
`migrations:` or `report:` must fail `lint` as surely as one under `rules:`, naming the
file and the key. Each command runs as users run it, in a real repository: the hook
through a real `git commit`, the others through the console entry point.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers import Repo, run_commitguard

# One typo per section, and one glob: (the file's text, the key path the error names,
# a word of the hint or None). Every other mistake is a unit test in test_config.py;
# these prove that every command reads every section.
TYPOS = [
    pytest.param("preset: teem\n", "preset", "did you mean 'team'?", id="preset"),
    pytest.param("types: feat\n", "types", None, id="types"),
    pytest.param("scopes:\n  alowed: [api]\n", "scopes.alowed", "allowed", id="scopes"),
    pytest.param("security:\n  scope: [auth]\n", "security.scope", "scopes", id="security"),
    pytest.param("security:\n  paths: ['src/auth/**', '']\n", "security.paths[1]", None, id="glob"),
    pytest.param(
        "rules:\n  header-max-lenght: {max: 50}\n",
        "rules.header-max-lenght",
        "header-max-length",
        id="rules",
    ),
    pytest.param(
        "migrations:\n  framewrks: auto\n", "migrations.framewrks", "frameworks", id="migrations"
    ),
    pytest.param("report:\n  bot: [ci]\n", "report.bot", "bots", id="report"),
]

GOOD = "feat(api): add the orders endpoint\n"


def _via_click(repo: Repo, *argv: str, stdin: str) -> subprocess.CompletedProcess[str]:
    """`lint` through click rather than the hook's fast lane in __main__.py."""
    code = "import sys; from commitguard.cli import run; sys.exit(run(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, *argv],
        cwd=repo.path,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def _every_command(repo: Repo) -> dict[str, subprocess.CompletedProcess[str]]:
    """Each command's result in `repo`: the commit-msg hook last, as it may commit."""
    message = repo.write("message.txt", GOOD)
    # Nothing staged yet: lint then reads no paths, so no migration rule asks for the
    # `migrations:` section (which once was all that validated it).
    results = {
        "lint (fast lane)": run_commitguard("lint", "--no-prompt", str(message), cwd=repo.path),
        "lint (click)": _via_click(repo, "lint", "--no-prompt", "-", stdin=GOOD),
        "rules": run_commitguard("rules", cwd=repo.path),
    }
    repo.stage("src/orders.py", "x = 1\n")
    return {
        **results,
        "staged": run_commitguard("staged", cwd=repo.path),
        "check": run_commitguard("check", "HEAD", cwd=repo.path),
        "report": run_commitguard("report", cwd=repo.path, env={"NO_COLOR": "1"}),
        "commit-msg hook": repo.commit(GOOD, check=False),
    }


def _assert_refused(repo: Repo, source: str, key: str, hint: str | None = None) -> None:
    head = repo.git("rev-parse", "HEAD").stdout
    for command, result in _every_command(repo).items():
        where = f"{command}: {result.stderr}"
        # git answers a hook's refusal with its own exit code; every command with 3.
        expected = 1 if command == "commit-msg hook" else 3
        assert result.returncode == expected, where
        assert f"{source}: {key}: " in result.stderr, where
        if hint is not None:
            assert hint in result.stderr, where
        assert "Traceback" not in result.stderr, where
    assert repo.git("rev-parse", "HEAD").stdout == head, "the hook let the commit through"


@pytest.fixture
def hooked(repo: Repo) -> Repo:
    """A repository with one commit and commitguard's hooks installed."""
    repo.stage("README.md", "x\n")
    repo.git("commit", "-q", "--no-verify", "-m", "docs(repo): start")
    installed = run_commitguard("install", cwd=repo.path)
    assert installed.returncode == 0, installed.stderr
    return repo


@pytest.mark.parametrize(("content", "key", "hint"), TYPOS)
def test_every_command_refuses_a_typo_in_the_yaml_file(
    hooked: Repo, content: str, key: str, hint: str | None
) -> None:
    hooked.write(".commitguard.yaml", content)
    _assert_refused(hooked, ".commitguard.yaml", key, hint)


@pytest.mark.parametrize(
    ("content", "key"),
    [
        pytest.param(
            "[tool.commitguard.migrations]\nframewrks = 'auto'\n",
            "migrations.framewrks",
            id="migrations",
        ),
        pytest.param("[tool.commitguard.report]\nbots = ['']\n", "report.bots[0]", id="report"),
    ],
)
def test_every_command_refuses_a_typo_in_pyproject(hooked: Repo, content: str, key: str) -> None:
    hooked.write("pyproject.toml", '[project]\nname = "x"\n\n' + content)
    _assert_refused(hooked, "pyproject.toml [tool.commitguard]", key)


def test_the_same_sections_without_a_typo_pass(hooked: Repo) -> None:
    # The other half of the tests above: what fails them is the typo, not the file.
    hooked.write(
        ".commitguard.yaml",
        "migrations:\n  frameworks: auto\n  globs: {prisma: {schema: [db/*.prisma]}}\n"
        "report:\n  bots: [ci]\n  exclude-paths: [docs/**]\n"
        "security:\n  paths: ['src/auth/**']\n",
    )
    results = _every_command(hooked)
    assert {command: result.returncode for command, result in results.items()} == dict.fromkeys(
        results, 0
    ), {command: result.stderr for command, result in results.items()}
    assert hooked.head_message() == GOOD.strip()


def test_a_file_below_the_root_is_not_the_configuration(hooked: Repo) -> None:
    hooked.write("src/.commitguard.yaml", "migrations:\n  framewrks: auto\n")
    result = run_commitguard("lint", "--no-prompt", "-", cwd=hooked.path / "src", input=GOOD)
    assert result.returncode == 0, result.stderr
    hooked.write(".commitguard.yaml", "migrations:\n  framewrks: auto\n")
    result = run_commitguard("lint", "--no-prompt", "-", cwd=hooked.path / "src", input=GOOD)
    assert result.returncode == 3, result.stderr
