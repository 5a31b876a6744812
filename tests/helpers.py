"""Shared test helpers: a real repository driven through git, and the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What `pip install .` needs from the working tree, and the hook manifest.
PRE_COMMIT_SNAPSHOT = (
    "src",
    "hooks",
    "pyproject.toml",
    "README.md",
    "LICENSE",
    ".pre-commit-hooks.yaml",
)


class Repo:
    """A real repository on disk, driven through the real git command line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def git(
        self,
        *args: str,
        check: bool = True,
        input: str | None = None,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            ["git", *args],
            cwd=self.path,
            capture_output=True,
            text=True,
            input=input,
            env={**os.environ, **(env or {})},
            check=False,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
        return result

    def write(self, relative: str, content: str | bytes = "x\n") -> Path:
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content)
        return target

    def stage(self, relative: str, content: str | bytes = "x\n") -> None:
        self.write(relative, content)
        self.git("add", "--", relative)

    def commit(
        self, message: str, *extra: str, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        """`git commit` through the installed hooks (never --no-verify)."""
        return self.git("commit", "-m", message, *extra, check=check)

    def commit_file(
        self, relative: str, message: str, content: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        self.stage(relative, content if content is not None else f"{relative}\n")
        return self.commit(message)

    @property
    def git_dir(self) -> Path:
        return Path(self.git("rev-parse", "--absolute-git-dir").stdout.strip())

    def head_message(self) -> str:
        return self.git("log", "-1", "--format=%B").stdout.rstrip("\n")


def run_commitguard(
    *args: str,
    cwd: Path | None = None,
    input: str | bytes | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """The real console entry point in a child process: what a hook or a CI job runs."""
    data = input.encode() if isinstance(input, str) else input
    result = subprocess.run(
        [sys.executable, "-m", "commitguard", *args],
        cwd=cwd,
        input=data,
        capture_output=True,
        env={**os.environ, **(env or {})},
        check=False,
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
    )


@dataclass(frozen=True)
class HookRepository:
    path: Path
    rev: str
    pre_commit_home: Path


def pre_commit(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def config_text(hooks: HookRepository, top_level: str = "") -> str:
    return (
        f"{top_level}default_install_hook_types: [commit-msg]\n"
        "repos:\n"
        f"  - repo: {hooks.path}\n"
        f"    rev: {hooks.rev}\n"
        "    hooks:\n"
        "      - id: commitguard\n"
    )


def isolated_env(home: Path, pre_commit_home: Path) -> dict[str, str]:
    # Module scope comes before conftest's per-test isolation: isolate git here too.
    (home / ".gitconfig").write_text(
        "[user]\n\tname = Ada Lovelace\n\temail = ada@example.com\n"
        "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=str(home / ".gitconfig"),
        PRE_COMMIT_HOME=str(pre_commit_home),
    )
    return env


def git_in(cwd: Path, env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()
