"""Bad input ends in a clear message and a documented exit code: 2 usage, 3
configuration, 4 git. Never a traceback, and never exit 1, which means "violations"."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from commitguard.errors import EXIT_CONFIG, EXIT_GIT, EXIT_USAGE
from tests.helpers import Repo, run_commitguard


def assert_clear(result: subprocess.CompletedProcess[str], code: int, *said: str) -> None:
    """Exit `code`, with one `commitguard: error:` block saying each of `said`."""
    output = result.stdout + result.stderr
    assert result.returncode == code, output
    assert "Traceback" not in output
    assert result.stderr.startswith("commitguard: error: "), output
    for words in said:
        assert words in result.stderr


# --- report's window at the ends of the calendar --------------------------------------


@pytest.mark.parametrize("since", ["999999y", "99999999999999999999999d", "9999-12-31T23:00-05:00"])
def test_a_window_beyond_the_calendar_is_a_usage_error(repo: Repo, since: str) -> None:
    repo.record("feat(a): one", {"a.txt": "a\n"})
    result = run_commitguard("report", "--since", since, cwd=repo.path)
    assert_clear(result, EXIT_USAGE, f"--since {since!r}", "years 1 to 9999")


@pytest.mark.parametrize("since", ["1500y", "0001-01-01"])
def test_a_window_from_the_first_years_reports_the_whole_history(repo: Repo, since: str) -> None:
    # The previous window would start before the year 1: it starts there instead.
    repo.record("feat(a): one", {"a.txt": "a\n"})
    result = run_commitguard("report", "--since", since, "--format", "json", cwd=repo.path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["window"]["previous"]["since"] == "0001-01-01T00:00:00+00:00"
    assert [author["commits"] for author in report["authors"]] == [1]


# --- commits whose dates git cannot print as a date ----------------------------------

MALFORMED = {
    "zone +051800": "1768471200 +051800",
    "year 10000": "253402300800 +0000",
    "no timestamp": "",
}


def _malformed_commit(repo: Repo, date: str, message: str) -> str:
    """A commit object as no git command would write it, at the tip of `main`."""
    repo.record("feat(a): the good parent", {"a.txt": "a\n"})
    head = repo.git("rev-parse", "HEAD").stdout.strip()
    tree = repo.git("rev-parse", "HEAD^{tree}").stdout.strip()
    ident = f"Ada Lovelace <ada@example.com> {date}".rstrip()
    raw = f"tree {tree}\nparent {head}\nauthor {ident}\ncommitter {ident}\n\n{message}\n"
    sha = repo.git(
        "hash-object", "-t", "commit", "--literally", "-w", "--stdin", input=raw
    ).stdout.strip()
    repo.git("update-ref", "refs/heads/main", sha)
    return sha


@pytest.mark.parametrize("date", MALFORMED.values(), ids=MALFORMED.keys())
def test_check_judges_a_commit_whose_date_is_malformed(repo: Repo, date: str) -> None:
    # check never reads a date: the message is judged as any other.
    sha = _malformed_commit(repo, date, "Bad header")
    result = run_commitguard("check", "--format", "json", "HEAD~1..HEAD", cwd=repo.path)
    assert result.returncode == 1, result.stderr
    (judged,) = json.loads(result.stdout)["commits"]
    assert judged["sha"] == sha


@pytest.mark.parametrize("date", MALFORMED.values(), ids=MALFORMED.keys())
def test_report_names_a_commit_whose_date_it_cannot_place(repo: Repo, date: str) -> None:
    sha = _malformed_commit(repo, date, "feat(a): dated by hand")
    result = run_commitguard("report", "--since", "1500y", "--format", "json", cwd=repo.path)
    assert_clear(result, EXIT_GIT, f"commit {sha} has a malformed author date", "git fsck")


# --- files nested deeper than a parser recurses ---------------------------------------

DEEP = 100_000


def test_a_pyproject_nested_too_deeply_is_a_configuration_error(repo: Repo) -> None:
    repo.write("pyproject.toml", f"[tool.commitguard]\nx = {'[' * DEEP}{']' * DEEP}\n")
    result = run_commitguard("rules", cwd=repo.path)
    assert_clear(result, EXIT_CONFIG, "pyproject.toml", "nest too deeply")


def test_an_event_payload_nested_too_deeply_is_a_usage_error(repo: Repo, tmp_path: Path) -> None:
    repo.record("feat(a): one", {"a.txt": "a\n"})
    event = tmp_path / "event.json"
    event.write_text('{"pull_request": ' + "[" * DEEP + "]" * DEEP + "}")
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": str(event),
    }
    result = run_commitguard("check", cwd=repo.path, env=env)
    assert_clear(result, EXIT_USAGE, str(event), "nests too deeply")


# --- lint's standard streams, closed --------------------------------------------------


def _lint_with_closed(fd: int, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    """`python -m commitguard lint ARGS` in a child started with file descriptor `fd`
    closed, as a shell's `<&-` or `>&-` leaves it."""
    result = subprocess.run(
        [sys.executable, "-m", "commitguard", "lint", *args],
        input=stdin,
        capture_output=True,
        preexec_fn=lambda: os.close(fd),  # after the pipes are in place
        check=False,
    )
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
    )


def test_lint_from_a_closed_stdin_is_a_usage_error() -> None:
    assert_clear(_lint_with_closed(0, "-"), EXIT_USAGE, "stdin, which is closed")


def test_lint_json_to_a_closed_stdout_is_a_usage_error() -> None:
    result = _lint_with_closed(1, "--format", "json", "-", stdin=b"feat(a): fine\n")
    assert_clear(result, EXIT_USAGE, "stdout is closed")


def test_lint_text_needs_no_stdout() -> None:
    # The text verdict goes to stderr: a closed stdout changes nothing.
    assert _lint_with_closed(1, "-", stdin=b"feat(a): fine\n").returncode == 0
    refused = _lint_with_closed(1, "-", stdin=b"bad\n")
    assert refused.returncode == 1
    assert "header-format" in refused.stderr


# --- Ctrl-C in the hook's fast lane ----------------------------------------------------

INTERRUPTED = 130  # 128 + SIGINT


def test_ctrl_c_while_the_hook_waits_is_exit_130_in_one_line(tmp_path: Path) -> None:
    fifo = tmp_path / "COMMIT_EDITMSG"
    os.mkfifo(fifo)
    child = subprocess.Popen(
        [sys.executable, "-m", "commitguard", "lint", str(fifo)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    # The child has the FIFO open once a writer can open it without blocking; the
    # writer then stays silent, so the child waits in its read.
    deadline = time.monotonic() + 30
    while True:
        try:
            writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError:
            assert child.poll() is None
            assert time.monotonic() < deadline
            time.sleep(0.02)
    try:
        time.sleep(0.1)
        assert child.poll() is None  # blocked, as a hook on a message nobody writes
        child.send_signal(signal.SIGINT)
        stdout, stderr = child.communicate(timeout=30)
    finally:
        os.close(writer)
    assert child.returncode == INTERRUPTED
    assert stdout == b""
    assert stderr.decode().strip() == "commitguard: interrupted"


TAKEN_BY_ANOTHER_THREAD = """
import os, signal, threading, time
from commitguard import interrupts
interrupts.stop_at_once()
read_end, _ = os.pipe()
def take_it():
    time.sleep(0.5)  # the main thread waits in its read by then
    signal.pthread_kill(threading.get_ident(), signal.SIGINT)
threading.Thread(target=take_it).start()
os.read(read_end, 1)  # nobody writes: Python's main thread never runs again
"""


def test_ctrl_c_ends_the_hook_even_when_another_thread_takes_it() -> None:
    # A Ctrl-C that a thread other than the main one takes, while the main thread waits
    # in a read nobody answers, is one Python never raises: the hook hung on a message
    # file nobody writes. The handler's C half wakes a watcher of the hook's own, which
    # ends the process whatever the main thread is doing (commitguard/interrupts.py).
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", TAKEN_BY_ANOTHER_THREAD], capture_output=True, timeout=30
    )
    assert done.returncode == INTERRUPTED
    assert time.monotonic() - started < 20
    assert done.stderr.decode().strip() == "commitguard: interrupted"


def test_git_threads_leave_ctrl_c_to_the_main_thread() -> None:
    # A signal goes to any thread that does not hold it back: the threads the hook
    # starts hold SIGINT back, and the main thread's mask is as it was.
    from commitguard import interrupts

    masks: list[set[int]] = []
    done = threading.Event()

    def record() -> None:
        masks.append({int(s) for s in signal.pthread_sigmask(signal.SIG_BLOCK, [])})
        done.set()

    before = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    held = interrupts.hold()
    try:
        threading.Thread(target=record).start()
    finally:
        interrupts.release(held)
    assert done.wait(10)
    assert int(signal.SIGINT) in masks[0]
    assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == before
