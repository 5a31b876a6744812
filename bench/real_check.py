"""`commitguard check` over real histories, against git's floor on the same history.

    python bench/real_check.py REPOSITORY... [--commitguard EXE ...] [--runs 3] [--memory]

The synthetic history of bench/check.py sets the budget; real histories find what it
does not hold. A Django project edits a models.py of thousands of lines in one commit of
six, and each edit's schema is read (migrations/structure.py): that once cost netbox 45 s
of `check` against a 1 s `git log`. For each REPOSITORY (a work tree or a bare mirror,
such as the fetch tool brings), measures in one run, interleaved, over the whole history
of HEAD: `git log --format=%B --name-status HEAD` (the floor docs/DESIGN.md sets) and
`check HEAD --format json` of each `--commitguard` executable (two builds compare in one
run), and prints each median wall time and its ratio to the floor's. The JSON reports of
the builds must be the same, byte for byte: a speed-up that changes a verdict is a bug.
With `--memory`, one more untimed run of each command gives the peak PSS of its whole
process tree (`check` forks to read a long Django history's models: forked.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLOOR = ["git", "log", "--format=%B", "--name-status", "HEAD"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repositories", nargs="+", type=Path)
    parser.add_argument("--commitguard", action="append", metavar="EXE")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--memory",
        action="store_true",
        help="and one more run of each, untimed, for the peak PSS of its process tree",
    )
    options = parser.parse_args()
    beside = Path(sys.executable).with_name("commitguard")  # this Python's own install
    ours = str(beside) if beside.exists() else shutil.which("commitguard")
    if not options.commitguard and ours is None:
        raise SystemExit("commitguard is not installed in this environment: pip install -e .")
    executables = options.commitguard or [str(ours)]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    same = True
    memory = f" {'peak PSS MiB':>12}" if options.memory else ""
    print(
        f"{'repository':32} {'commits':>8} {'command':>14} {'median s':>9} {'x floor':>8}{memory}"
    )
    for repository in options.repositories:
        commits = _git(repository, "rev-list", "--count", "HEAD").strip()
        floor_argv = FLOOR
        if subprocess.run(FLOOR, cwd=repository, capture_output=True).returncode != 0:
            # A fetched mirror may lack blobs that rename detection reads; `check` reads
            # none of them (it asks for no renames), so the floor goes without too.
            floor_argv = [*FLOOR[:-1], "--no-renames", FLOOR[-1]]
            print(f"{repository}: the floor runs with --no-renames (blobs missing)")
        commands = {"git log (floor)": floor_argv}
        for number, executable in enumerate(executables, 1):
            commands[f"build {number}"] = [executable, "check", "HEAD", "--format", "json"]
        times: dict[str, list[float]] = {name: [] for name in commands}
        reports: dict[str, bytes] = {}
        try:
            for _ in range(options.runs):
                for name, argv in commands.items():  # interleaved: drift hits all alike
                    seconds, out = _run(argv, repository, env)
                    times[name].append(seconds)
                    reports[name] = out
        except _Failed as failure:
            # A fetched mirror may lack blobs that rename detection reads (the floor's).
            print(f"{repository}: {failure}; left out", file=sys.stderr)
            continue
        peaks = (
            {name: _peak(argv, repository, env) for name, argv in commands.items()}
            if options.memory
            else {}
        )
        floor = statistics.median(times["git log (floor)"])
        # A fetched mirror is `<owner>+<name>/repo`: its folder names it.
        label = repository.resolve().parent.name if repository.name == "repo" else repository.name
        for name, samples in times.items():
            median = statistics.median(samples)
            peak = f" {peaks[name] / 2**20:12.1f}" if options.memory else ""
            print(
                f"{label[:32]:32} {commits:>8} {name:>14} {median:9.2f} {median / floor:8.2f}{peak}"
            )
        built = [reports[name] for name in commands if name.startswith("build")]
        if any(report != built[0] for report in built):
            print(f"{repository}: the builds' reports differ", file=sys.stderr)
            same = False
    return 0 if same else 1


class _Failed(Exception):
    """A command of the run did not complete."""


def _run(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, bytes]:
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        done = subprocess.run(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        if done.returncode not in (0, 1):
            raise _Failed(f"{' '.join(argv)}: exit {done.returncode}")
        out.seek(0)
        return seconds, out.read() if argv[0] != "git" else b""


def _peak(argv: list[str], cwd: Path, env: dict[str, str]) -> int:
    """The peak PSS of the command's process tree: the pages a forked process shares
    with its parent are counted once, not once per process as a sum of RSS would."""
    import check  # bench/check.py: its sampler of a process tree

    return check.run(argv, cwd, env, interval=0.02, field="pss").peak


def _git(repository: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repository, capture_output=True, text=True, check=True
    ).stdout


if __name__ == "__main__":
    sys.exit(main())
