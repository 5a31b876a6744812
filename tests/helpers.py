"""Shared test helpers: a real repository driven through git, and the real CLI."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import git
import pytest

from commitguard.__main__ import main as commitguard_main

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


# Every variable a CI could leak into the tests from the machine that runs them (conftest
# removes them for every test; a test about CI sets its own).
CI_VARIABLES = (
    "GITHUB_ACTIONS",
    "GITHUB_EVENT_NAME",
    "GITHUB_EVENT_PATH",
    "GITHUB_BASE_REF",
    "GITHUB_REF",
    "GITHUB_STEP_SUMMARY",
    "GITLAB_CI",
    "CI_COMMIT_SHA",
    "CI_COMMIT_BEFORE_SHA",
    "CI_COMMIT_BRANCH",
    "CI_COMMIT_REF_NAME",
    "CI_DEFAULT_BRANCH",
    "CI_MERGE_REQUEST_DIFF_BASE_SHA",
    "CI_MERGE_REQUEST_SOURCE_BRANCH_SHA",
    "CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
    "CI_MERGE_REQUEST_IID",
    "BITBUCKET_PR_DESTINATION_BRANCH",
    "SYSTEM_PULLREQUEST_TARGETBRANCH",
    "CHANGE_TARGET",
)


# Every test runs as Ada at this instant (conftest pins git's own variables to it too).
PINNED_DATE = "2026-01-15T10:00:00+00:00"
Identity = tuple[str, str]
ADA: Identity = ("Ada Lovelace", "ada@example.com")

# A JSON object read back from a command's output. Its values stay Any, as `json.loads`
# gives them: their shape is exactly what the test asserts, so no static type is truer.
JsonObject = dict[str, Any]


class Repo:
    """A real repository on disk, driven through the real git command line (and, for
    fixture commits that no hook may see, through GitPython: `record`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._history: git.Repo | None = None

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

    def record(
        self,
        message: str,
        files: Mapping[str, str | bytes | None] | None = None,
        *,
        who: Identity = ADA,
        date: str = PINNED_DATE,
    ) -> str:
        """Commit exactly these files (None deletes) in-process, past every hook; its sha.

        For fixture histories that no hook has to see: `git commit` costs a process per
        commit and `git add` one per call, while GitPython writes the blobs, the trees and
        the commit itself. The objects are the ones `git commit -m` writes (same shas),
        so a fixture that switches to it keeps its snapshots. Run git itself for merges,
        reverts and anything a hook or the test is about.
        """
        if self._history is None:
            with warnings.catch_warnings():
                # GitPython 3.2 deprecates its pure-Python object database, for reading
                # untrusted repositories; its default one runs `git hash-object` once per
                # object written, the very process per commit this is here to avoid.
                warnings.simplefilter("ignore", DeprecationWarning)
                self._history = git.Repo(self.path, odbt=git.GitDB)
        index = self._history.index
        added: list[str] = []
        for relative, content in (files or {}).items():
            if content is None:
                # by hand: GitPython's own `remove` runs `git rm`
                del index.entries[(relative, 0)]
                (self.path / relative).unlink()
            else:
                self.write(relative, content)
                added.append(relative)
        if added:
            index.add(added)  # writes the index file too
        elif files:
            index.write()
        when = datetime.fromisoformat(date)
        person = git.Actor(*who)
        made = index.commit(
            # what `git commit -m` stores for a clean message: one final newline
            message if message.endswith("\n") else message + "\n",
            author=person,
            committer=person,
            author_date=when,
            commit_date=when,
            skip_hooks=True,
        )
        return made.hexsha

    def close(self) -> None:
        """Let go of the GitPython handle that `record` opened, if any."""
        if self._history is not None:
            self._history.close()
            self._history = None

    @property
    def git_dir(self) -> Path:
        return Path(self.git("rev-parse", "--absolute-git-dir").stdout.strip())

    def head_message(self) -> str:
        return self.git("log", "-1", "--format=%B").stdout.rstrip("\n")


class Histories:
    """Fixture histories built once per test process and copied for each test.

    A copy of a finished repository costs a few file copies; building it again costs a
    dozen commits. Each test still gets its own real repository, at the path its `repo`
    fixture gave it, and may change it freely.
    """

    def __init__(self, root: Path) -> None:
        self._root = root
        self._built: dict[Callable[[Repo], object], Path] = {}

    def copy(self, build: Callable[[Repo], object], into: Repo) -> Repo:
        """`into`, an empty repository, turned into what `build` makes of one."""
        template = self._built.get(build)
        if template is None:
            template = self._root / f"{build.__module__}.{build.__qualname__}"
            template.mkdir()
            built = Repo(template)
            built.git("init", "-q")
            build(built)
            built.close()
            self._built[build] = template
        shutil.copytree(template, into.path, symlinks=True, dirs_exist_ok=True)
        return into


SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE_SNAPSHOTS = "COMMITGUARD_UPDATE_SNAPSHOTS"


def assert_snapshot(name: str, text: str) -> None:
    """`text` is byte for byte tests/snapshots/`name`.

    A missing or different snapshot fails the test. Only COMMITGUARD_UPDATE_SNAPSHOTS=1
    writes them; review the diff before committing it.
    """
    path = SNAPSHOTS / name
    if os.environ.get(UPDATE_SNAPSHOTS) == "1":
        path.write_bytes(text.encode("utf-8"))
        return
    assert path.exists(), f"no snapshot {name}: run with {UPDATE_SNAPSHOTS}=1 and review it"
    expected = path.read_bytes().decode("utf-8")
    assert text == expected, f"{name} differs; {UPDATE_SNAPSHOTS}=1 rewrites it, if intended"


def run_commitguard(
    *args: str,
    cwd: Path | None = None,
    input: str | bytes | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """`commitguard ARGS` as a CI job or a shell runs it, in this process.

    The same `main` the console script calls, with its own argv, working directory,
    environment and standard streams (pipes, never a terminal), and real git under it.
    A child process per call would add Python's start-up, and under `--cov` coverage's
    own, to about a thousand calls: the tests about the process itself (the console
    script, the hook's imports, `git commit` through the hooks) use `run_in_child`.
    """
    data = input.encode() if isinstance(input, str) else input
    argv = ["commitguard", *args]
    with _own_process_state(argv, cwd, data or b"", env or {}) as (stdout, stderr):
        try:
            code = commitguard_main()
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
    return subprocess.CompletedProcess(
        argv,
        code,
        stdout.getvalue().decode("utf-8", "replace"),
        stderr.getvalue().decode("utf-8", "replace"),
    )


def hooked_after(
    repo: Repo, environment: pytest.MonkeyPatch, message: str, files: Mapping[str, str]
) -> Repo:
    """`repo` with `files` committed through `git commit`, then `commitguard install`d,
    its hooks running the commitguard under test wherever the environment's own points:
    a relative PYTHONPATH does not reach a hook, which git runs elsewhere. `environment`
    undoes it after the test."""
    import commitguard

    for path, text in files.items():
        repo.stage(path, text)
    repo.commit(message)
    environment.setenv("PYTHONPATH", str(Path(commitguard.__file__).resolve().parents[1]))
    installed = run_commitguard("install", cwd=repo.path)
    assert installed.returncode == 0, installed.stderr
    return repo


def security_totals(repo: Repo) -> tuple[int, int]:
    """The security fixes `report` counts over the whole history, and those of them
    whose body documents no impact."""
    report = run_commitguard(
        "report", "--since", "2000-01-01", "--format", "json", cwd=repo.path, env={"TZ": "UTC"}
    )
    assert report.returncode == 0, report.stderr
    totals = json.loads(report.stdout)["totals"]
    return totals["security_fixes"], totals["security_undocumented"]


@contextlib.contextmanager
def _own_process_state(
    argv: list[str], cwd: Path | None, stdin: bytes, env: dict[str, str]
) -> Iterator[tuple[io.BytesIO, io.BytesIO]]:
    """What a child process would have had of its own, put back afterwards."""
    saved = (sys.argv, sys.stdin, sys.stdout, sys.stderr, os.getcwd(), dict(os.environ))
    stdout, stderr = io.BytesIO(), io.BytesIO()
    # What Python gives a child whose streams are pipes (errors as in this interpreter).
    streams = (
        io.TextIOWrapper(io.BytesIO(stdin), "utf-8", _errors(sys.__stdin__), "\n"),
        io.TextIOWrapper(stdout, "utf-8", _errors(sys.__stdout__), "\n"),
        io.TextIOWrapper(stderr, "utf-8", "backslashreplace", "\n"),
    )
    sys.stdin, sys.stdout, sys.stderr = streams
    sys.argv = argv
    os.environ.update(env)
    try:
        if cwd is not None:
            os.chdir(cwd)
        yield stdout, stderr
    finally:
        for stream in streams:
            stream.flush()
            stream.detach()  # a collected wrapper would close the bytes read afterwards
        sys.argv, sys.stdin, sys.stdout, sys.stderr, previous_cwd, previous_env = saved
        os.chdir(previous_cwd)
        os.environ.clear()
        os.environ.update(previous_env)


def _errors(stream: object) -> str:
    # strict, or surrogateescape under the C locale: as for this interpreter's own pipes
    errors = getattr(stream, "errors", None)
    return errors if isinstance(errors, str) else "strict"


def run_in_child(
    *args: str,
    cwd: Path | None = None,
    input: str | bytes | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """`python -m commitguard ARGS` in a child process: for the tests about the process."""
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
