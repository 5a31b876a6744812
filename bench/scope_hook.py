"""Wall time of the commit-msg hook with the scope suggestion, two builds, in one run.

    python bench/scope_hook.py --src BEFORE/src --src AFTER/src [--repo NAME] [--runs 20]

Clones a mirror (amplication's 26,000 commits by default) into bench/.work without a
checkout, stages one changed file of a module in its index, and times
`python -m commitguard lint --no-prompt MSG`, the hook's own work, with each build on
PYTHONPATH, interleaved so that drift on a busy machine hits both alike, for:

- `scoped`: a message that passes; the suggestion is never computed;
- `no scope`: `feat: ...`, rejected by scope-empty; the new build reads the history of
  the staged folders (one bounded `git log`) and prints the scope it suggests.

Prints the median and the spread (p10-p90) in milliseconds.
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

HERE = Path(__file__).resolve().parent
MIRRORS = (Path("/work/.mirror"), HERE / ".work" / "mirrors")
STAGED = "packages/amplication-server/src/core/resource/resource.service.ts"
MESSAGES = {
    "scoped": "feat(resource): add listing\n\nPages of 50.\n",
    "no scope": "feat: add listing\n\nPages of 50.\n",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", action="append", required=True, help="repeat per build")
    parser.add_argument("--repo", default="amplication+amplication")
    parser.add_argument("--path", default=STAGED, help="the file staged (changed)")
    parser.add_argument("--runs", type=int, default=20)
    options = parser.parse_args()
    mirror = next(
        (root / options.repo / "repo" for root in MIRRORS if (root / options.repo).is_dir()), None
    )
    if mirror is None:
        raise SystemExit(f"{options.repo}: no mirror")
    clone = HERE / ".work" / f"scope-hook-{options.repo}"
    if not clone.exists():
        git(HERE, "clone", "-q", "--shared", "--no-checkout", str(mirror), str(clone))
    git(clone, "reset", "-q")  # the index as HEAD has it, no work tree needed
    blob = git(clone, "hash-object", "-w", "--stdin", stdin="export const changed = 1;\n")
    git(clone, "update-index", "--add", "--cacheinfo", f"100644,{blob},{options.path}")

    with tempfile.TemporaryDirectory() as scratch:
        files = {}
        for name, text in MESSAGES.items():
            files[name] = Path(scratch) / name.replace(" ", "-")
            files[name].write_text(text)
        timings: dict[tuple[str, str], list[float]] = {}
        for run in range(options.runs):
            for name, path in files.items():
                # Each build goes first on every other run: neither gets the warmer cache.
                for src in options.src[:: -1 if run % 2 else 1]:
                    timings.setdefault((name, src), []).append(lint(clone, src, path))
        for src in options.src:
            shown = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "commitguard",
                    "lint",
                    "--no-prompt",
                    str(files["no scope"]),
                ],
                cwd=clone,
                env=_env(src),
                capture_output=True,
                text=True,
            ).stderr.splitlines()
            print(
                f"{src}: {next((line for line in shown if 'suggest' in line), '(no suggestion)')}"
            )
        print(
            f"\n{'message':10} {'build':50} {'median':>7} {'p10-p90':>13}",
            f" (ms, {options.runs} runs)",
        )
        for (name, src), values in timings.items():
            deciles = statistics.quantiles(values, n=10)
            print(
                f"{name:10} {src[-50:]:50} {statistics.median(values):7.1f} "
                f"{deciles[0]:6.1f}-{deciles[-1]:<6.1f}"
            )
    return 0


def lint(clone: Path, src: str, message: Path) -> float:
    argv = [sys.executable, "-m", "commitguard", "lint", "--no-prompt", str(message)]
    env = _env(src)
    started = time.perf_counter()
    subprocess.run(argv, cwd=clone, env=env, capture_output=True, check=False)
    return (time.perf_counter() - started) * 1000


def _env(src: str) -> dict[str, str]:
    # A developer's Python writes .pyc files; without them every run recompiles.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return dict(env, PYTHONPATH=src)


def git(cwd: Path, *args: str, stdin: str | None = None) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, input=stdin, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


if __name__ == "__main__":
    raise SystemExit(main())
