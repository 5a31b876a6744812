"""Wall time of the commit-msg hook, whole process, against its peers, in one run.

    python bench/hook.py [--python PY ...] [--runs 40] [--staged 2000] [--install-peers]

Builds a repository with `--staged` files in the index and git's own message file
(.git/COMMIT_EDITMSG), then times, interleaved so that drift on a busy machine hits
every command alike:

- the commit-msg hook file `commitguard install` writes, run as git runs it: from the
  top of the work tree, with `.git/COMMIT_EDITMSG` as its argument and the environment
  git gives it (GIT_EDITOR=: for `git commit -m`, GIT_INDEX_FILE); one per `--python`,
  each the interpreter a build of commitguard is installed in (default: this one), so
  two builds compare in one run;
- `commitguard lint MSG`, the console script next to the first `--python`;
- `conventional-pre-commit MSG` (a bare regex hook; the budget);
- `cz check --commit-msg-file MSG` (commitizen), when installed;
- `python -c pass` (the floor any Python hook pays);
- `git commit` through the installed hook against `git commit --no-verify`.

--install-peers puts conventional-pre-commit and commitizen into bench/.work/peers,
a virtual environment of their own, so the comparison needs nothing installed by hand.
Wall time is the budget; the median CPU time (user + system, the hook's whole process
tree) is printed beside it, as it moves less when other work shares the machine.
Budget (docs/DESIGN.md): the first build's hook file at most half of
conventional-pre-commit's time; exits 1 when over.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEERS = HERE / ".work" / "peers"
MESSAGE = "feat(orders): add pagination to GET /api/orders\n\nPages of 50 by default.\n"
BUDGET = 0.5  # the hook file's median over conventional-pre-commit's
MESSAGE_FILE = ".git/COMMIT_EDITMSG"  # what git passes the hook, relative to the top


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--staged", type=int, default=2000, help="files staged in the index")
    parser.add_argument(
        "--python",
        action="append",
        dest="pythons",
        help="an interpreter with a build of commitguard installed (repeatable); default: this one",
    )
    parser.add_argument("--install-peers", action="store_true")
    options = parser.parse_args()
    pythons = options.pythons or [sys.executable]
    # A developer's Python writes .pyc files; without them every run recompiles.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if options.install_peers:
        install_peers(env)

    with tempfile.TemporaryDirectory() as scratch:
        repo = Path(scratch) / "repo"
        build_repository(repo, options.staged, env)
        (repo / MESSAGE_FILE).write_text(MESSAGE)
        # What git sets for a commit-msg hook of `git commit -m` (githooks(5)).
        hook_env = {**env, "GIT_EDITOR": ":", "GIT_INDEX_FILE": ".git/index"}
        hooks = {
            hook_name(python, pythons): write_hook(python, Path(scratch) / f"hook{n}", env)
            for n, python in enumerate(pythons)
        }
        commands = {
            "python -c pass": [pythons[0], "-c", "pass"],
            **{name: [str(path), MESSAGE_FILE] for name, path in hooks.items()},
            **peers(Path(pythons[0]).parent),
        }
        for name, argv in list(commands.items()):
            warm = subprocess.run(argv, cwd=repo, env=hook_env, capture_output=True)
            if warm.returncode != 0:
                print(f"{name}: exit {warm.returncode}, left out\n{warm.stderr.decode()}")
                del commands[name]
        timings = measure(commands, repo, hook_env, options.runs)
        commit_timings = measure_commits(repo, pythons[0], env, max(10, options.runs // 4))

    print(
        f"\n{'command':<40} {'median':>8} {'p10':>8} {'p90':>8} {'cpu':>8}"
        f"   (ms, {options.runs} runs)"
    )
    for name, (walls, cpus) in {**timings, **commit_timings}.items():
        print(
            f"{name:<40} {_ms(statistics.median(walls))} {_ms(_quantile(walls, 0.1))} "
            f"{_ms(_quantile(walls, 0.9))} {_ms(statistics.median(cpus))}"
        )
    peer = timings.get("conventional-pre-commit")
    if peer is None:
        print("\nbudget: conventional-pre-commit not installed (--install-peers); not compared")
        return 0
    print()
    ratios = {}
    for name in hooks:
        if name in timings:
            ratios[name] = statistics.median(timings[name][0]) / statistics.median(peer[0])
            print(f"{name} / conventional-pre-commit = {ratios[name]:.2f}")
    first = ratios.get(next(iter(hooks)))
    if first is None:
        return 1
    verdict = "within budget" if first <= BUDGET else "OVER BUDGET"
    print(f"budget: the first hook at most {BUDGET:.2f}x: {verdict}")
    return 0 if first <= BUDGET else 1


def hook_name(python: str, pythons: list[str]) -> str:
    if len(pythons) == 1:
        return "commit-msg hook file"
    return f"hook file, {Path(python).parent.parent.name}"


def write_hook(python: str, path: Path, env: dict[str, str]) -> Path:
    """The commit-msg hook exactly as `commitguard install` run by `python` writes it."""
    code = "from commitguard.commands.install import template; print(template('commit-msg'))"
    text = subprocess.run(
        [python, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout
    path.write_text(text[:-1])
    path.chmod(0o755)
    return path


def install_peers(env: dict[str, str]) -> None:
    if not (PEERS / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
    subprocess.run(
        [str(PEERS / "bin" / "pip"), "install", "--quiet", "conventional-pre-commit", "commitizen"],
        check=True,
        env=env,
    )


def build_repository(repo: Path, staged: int, env: dict[str, str]) -> None:
    repo.mkdir()
    git = ["git", "-C", str(repo)]
    subprocess.run([*git, "init", "-q"], check=True, env=env)
    for index in range(staged):
        folder = repo / "src" / f"module{index % 40}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"file{index}.py").write_text(f"VALUE = {index}\n")
    subprocess.run([*git, "add", "."], check=True, env=env)


def _tool(name: str, first: Path) -> str | None:
    for folder in (first, PEERS / "bin"):
        if (folder / name).exists():
            return str(folder / name)
    return shutil.which(name)


def peers(scripts: Path) -> dict[str, list[str]]:
    commands = {}
    ours = _tool("commitguard", scripts)
    if ours is not None:
        commands["commitguard lint (console script)"] = [ours, "lint", MESSAGE_FILE]
    peer = _tool("conventional-pre-commit", scripts)
    if peer:
        commands["conventional-pre-commit"] = [peer, MESSAGE_FILE]
    cz = _tool("cz", scripts)
    if cz:
        commands["cz check (commitizen)"] = [cz, "check", "--commit-msg-file", MESSAGE_FILE]
    return commands


def measure(
    commands: dict[str, list[str]], cwd: Path, env: dict[str, str], runs: int
) -> dict[str, tuple[list[float], list[float]]]:
    samples: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():  # interleaved: drift hits all alike
            wall, cpu = _timed(argv, cwd, env)
            samples[name][0].append(wall)
            samples[name][1].append(cpu)
    return samples


def measure_commits(
    repo: Path, python: str, env: dict[str, str], runs: int
) -> dict[str, tuple[list[float], list[float]]]:
    """A real `git commit` of the staged files with the hook installed, against the same
    commit unchecked."""
    code = "import sys; from commitguard.__main__ import main; sys.exit(main())"
    subprocess.run(
        [python, "-c", code, "install", "--hook", "commit-msg"],
        cwd=repo,
        env=env,
        capture_output=True,
        check=True,
    )
    samples: dict[str, tuple[list[float], list[float]]] = {
        "git commit (hook)": ([], []),
        "git commit --no-verify": ([], []),
    }
    for _ in range(runs):
        for name, extra in (("git commit (hook)", []), ("git commit --no-verify", ["-n"])):
            argv = ["git", "commit", "-q", "-m", MESSAGE, *extra]
            wall, cpu = _timed(argv, repo, env, check=True)
            samples[name][0].append(wall)
            samples[name][1].append(cpu)
            # Unborn again, the index kept: every commit records the same staged files.
            subprocess.run(["git", "update-ref", "-d", "HEAD"], cwd=repo, env=env, check=True)
    return samples


def _timed(
    argv: list[str], cwd: Path, env: dict[str, str], check: bool = False
) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of every child waited for) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, env=env, capture_output=True, check=check)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _quantile(samples: list[float], where: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * where))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


if __name__ == "__main__":
    sys.exit(main())
