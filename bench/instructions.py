"""Instructions `commitguard check` executes over a history, counted by callgrind.

    python bench/instructions.py [--commits 20000] [--repo PATH] [--build PY[:SRC] ...]

Wall time on a shared machine drifts by a third within minutes; the instructions a
process executes do not (valgrind --tool=callgrind counts them, whatever else runs),
so two builds whose difference is a few percent are compared here. For each `--build`
(a Python that runs `-m commitguard`; with `:SRC`, the checkout whose `src/` folder
SRC is put first on its path; by default this Python), runs once
`check HEAD --format json --output /dev/null` over the synthetic history of bench/synth.py
(or `--repo`, a work tree or a bare mirror) under callgrind, after one run outside it so
that Python's bytecode caches exist, and prints the total of the Python process (git's
processes are not counted: they are the same for every build). The JSON reports of the
builds must be the same, byte for byte. valgrind runs the interpreter itself: a wrapper
script would be counted only up to its `exec`.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import synth

_TOTAL = re.compile(rb"Collected : (\d+)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commits", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repo", type=Path, help="a real history instead of the synthetic one")
    parser.add_argument("--build", action="append", metavar="PY[:SRC]")
    options = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    builds = options.build or [sys.executable]
    repo = options.repo or synth.ensure(options.commits, options.seed)
    # The same environment for every build: bytecode caches written, hashing fixed.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONHASHSEED"] = "0"
    print(f"repository: {repo}")
    reports: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for build in builds:
            python, _, source = build.partition(":")
            run_env = dict(env, PYTHONPATH=source) if source else env
            command = [python, "-m", "commitguard", "check", "HEAD", "--format", "json"]
            first = subprocess.run(command, cwd=repo, env=run_env, capture_output=True, check=False)
            reports[build] = first.stdout
            out = Path(scratch) / "callgrind.out"
            counted = subprocess.run(
                [
                    "valgrind",
                    "--tool=callgrind",
                    f"--callgrind-out-file={out}",
                    *command,
                    "--output",
                    os.devnull,
                ],
                cwd=repo,
                env=run_env,
                capture_output=True,
                check=False,
            )
            total = _TOTAL.search(counted.stderr)
            if total is None:
                print(counted.stderr.decode(errors="replace")[-2000:], file=sys.stderr)
                raise SystemExit(f"callgrind gave no total for {build}")
            print(f"{build}: {int(total[1]):,} instructions (exit {counted.returncode})")
    first_report = next(iter(reports.values()))
    if any(report != first_report for report in reports.values()):
        print("the builds' JSON reports differ")
        return 1
    if len(reports) > 1:
        print("the builds' JSON reports are the same")
    return 0


if __name__ == "__main__":
    sys.exit(main())
