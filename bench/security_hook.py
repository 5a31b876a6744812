"""Wall time of the commit-msg hook's security judgement, two builds, in one run.

    python bench/security_hook.py --python BEFORE_PY --python AFTER_PY [--runs 30]

Builds a repository with `--staged` files in the index (one of them an auth file whose
staged change edits a check) and times `python -m commitguard lint --no-prompt MSG`,
the hook's own work, for three messages, interleaved across the builds so that drift
on a busy machine hits every build alike:

- `feat`: not a security type; detection asks nothing;
- `fix, no candidate`: a fix whose scope and words decide nothing; the staged paths
  are read (as they always were) and no path is a candidate, so no file is read;
- `fix, candidate`: the same with the auth file staged, whose changed lines are read.

Each interpreter imports whichever commitguard it has (PYTHONPATH included), as in
bench/security.py. Prints the median and the spread (p10-p90) in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MESSAGES = {
    "feat": "feat(orders): add pagination\n\nPages of 50.\n",
    "fix, no candidate": "fix(orders): keep the page size\n\nIt reset to 10.\n",
    "fix, candidate": "fix(orders): check the admin\n\nOnly admins list orders.\n",
}
GUARD = "export class AdminGuard {\n  canActivate(context) {\n    return %s\n  }\n}\n"


def git(repo: Path, *args: str, stdin: str | None = None) -> None:
    subprocess.run(["git", *args], cwd=repo, input=stdin, text=True, check=True)


def build(root: Path, staged: int, candidate: bool) -> Path:
    repo = root / ("candidate" if candidate else "plain")
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Bench")
    git(repo, "config", "user.email", "bench@example.com")
    (repo / "src" / "auth").mkdir(parents=True)
    (repo / "src" / "auth" / "admin.guard.ts").write_text(GUARD % "true")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "--no-verify", "-m", "feat(auth): add the guard")
    blob = subprocess.run(
        ["git", "hash-object", "-w", "--stdin"],
        cwd=repo,
        input="x\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    index = "".join(f"100644 {blob} 0\tsrc/orders/m{n}.ts\n" for n in range(staged))
    git(repo, "update-index", "--add", "--index-info", stdin=index)
    if candidate:
        (repo / "src" / "auth" / "admin.guard.ts").write_text(GUARD % "!!context.user?.isAdmin")
        git(repo, "add", "src/auth/admin.guard.ts")
    return repo


def once(python: str, repo: Path, message: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [python, "-m", "commitguard", "lint", "--no-prompt", str(message)],
        cwd=repo,
        capture_output=True,
        check=False,
        env={**os.environ, "COMMITGUARD_NO_PROMPT": "1"},
    )
    return (time.perf_counter() - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", action="append", required=True, help="repeat per build")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--staged", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        repos = {False: build(root, args.staged, False), True: build(root, args.staged, True)}
        files = {}
        for name, text in MESSAGES.items():
            files[name] = root / f"{name.replace(' ', '-').replace(',', '')}.txt"
            files[name].write_text(text)
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.runs):
            for name in MESSAGES:
                repo = repos[name == "fix, candidate"]
                for python in args.python:
                    times.setdefault((python, name), []).append(once(python, repo, files[name]))
    print(f"{args.runs} runs, {args.staged} staged paths; ms: median (p10-p90)")
    for name in MESSAGES:
        for python in args.python:
            values = sorted(times[(python, name)])
            p10 = values[len(values) // 10]
            p90 = values[(len(values) * 9) // 10 - 1]
            median = statistics.median(values)
            print(f"  {name:18} {median:6.1f} ({p10:.1f}-{p90:.1f})  {python}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
