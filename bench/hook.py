"""Wall time of the commit-msg hook, whole process, against its peers, in one run.

    python bench/hook.py [--runs 40] [--install-peers]

Builds a repository with staged files and a message file, then times, interleaved so
that drift on a busy machine hits every command alike:

- `commitguard lint MSG` (the console script of this environment),
- `conventional-pre-commit MSG` (a bare regex hook; the budget),
- `cz check --commit-msg-file MSG` (commitizen), when installed,
- `python -c pass` (the floor any Python hook pays),
- `git commit` through the installed hook against `git commit --no-verify`.

--install-peers puts conventional-pre-commit and commitizen into bench/.work/peers,
a virtual environment of their own, so the comparison needs nothing installed by hand.
Budget (docs/DESIGN.md): commitguard no slower than conventional-pre-commit.
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

HERE = Path(__file__).resolve().parent
PEERS = HERE / ".work" / "peers"
MESSAGE = "feat(orders): add pagination to GET /api/orders\n\nPages of 50 by default.\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--staged", type=int, default=2000, help="files staged in the index")
    parser.add_argument("--install-peers", action="store_true")
    options = parser.parse_args()
    # A developer's Python writes .pyc files; without them every run recompiles.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if options.install_peers:
        install_peers(env)

    with tempfile.TemporaryDirectory() as scratch:
        repo = Path(scratch) / "repo"
        build_repository(repo, options.staged, env)
        message = repo.parent / "COMMIT_MSG"
        message.write_text(MESSAGE)
        commands = candidates(message)
        for name, argv in commands.items():
            warm = subprocess.run(argv, cwd=repo, env=env, capture_output=True, check=False)
            if warm.returncode != 0:
                print(f"{name}: exit {warm.returncode}, left out\n{warm.stderr.decode()}")
        commands = {
            name: argv
            for name, argv in commands.items()
            if subprocess.run(argv, cwd=repo, env=env, capture_output=True).returncode == 0
        }
        timings = measure(commands, repo, env, options.runs)
        commit_timings = measure_commits(repo, env, max(10, options.runs // 4))

    print(f"\n{'command':<34} {'median':>9} {'mean':>9} {'p90':>9}   (ms, {options.runs} runs)")
    for name, samples in {**timings, **commit_timings}.items():
        print(
            f"{name:<34} {_ms(statistics.median(samples))} {_ms(statistics.mean(samples))} "
            f"{_ms(_p90(samples))}"
        )
    ours = statistics.median(timings["commitguard lint"])
    peer = timings.get("conventional-pre-commit")
    if peer is None:
        print("\nbudget: conventional-pre-commit not installed (--install-peers); not compared")
        return 0
    ratio = ours / statistics.median(peer)
    verdict = "within budget" if ratio <= 1.0 else "OVER BUDGET"
    print(f"\nbudget: commitguard / conventional-pre-commit = {ratio:.2f} ({verdict})")
    return 0 if ratio <= 1.0 else 1


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


def _tool(name: str) -> str | None:
    for folder in (Path(sys.executable).parent, PEERS / "bin"):
        if (folder / name).exists():
            return str(folder / name)
    return shutil.which(name)


def candidates(message: Path) -> dict[str, list[str]]:
    commands = {"python -c pass": [sys.executable, "-c", "pass"]}
    ours = _tool("commitguard")
    if ours is None:
        raise SystemExit("commitguard is not installed in this environment: pip install .")
    commands["commitguard lint"] = [ours, "lint", str(message)]
    peer = _tool("conventional-pre-commit")
    if peer:
        commands["conventional-pre-commit"] = [peer, str(message)]
    cz = _tool("cz")
    if cz:
        commands["cz check (commitizen)"] = [cz, "check", "--commit-msg-file", str(message)]
    return commands


def measure(
    commands: dict[str, list[str]], cwd: Path, env: dict[str, str], runs: int
) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():  # interleaved: drift hits all alike
            start = time.perf_counter()
            subprocess.run(argv, cwd=cwd, env=env, capture_output=True, check=False)
            samples[name].append(time.perf_counter() - start)
    return samples


def measure_commits(repo: Path, env: dict[str, str], runs: int) -> dict[str, list[float]]:
    """A real `git commit` with the hook installed, against the same commit unchecked."""
    ours = _tool("commitguard")
    assert ours is not None
    subprocess.run([ours, "install"], cwd=repo, env=env, capture_output=True, check=True)
    samples: dict[str, list[float]] = {"git commit (hook)": [], "git commit --no-verify": []}
    for _ in range(runs):
        for name, extra in (("git commit (hook)", []), ("git commit --no-verify", ["-n"])):
            start = time.perf_counter()
            subprocess.run(
                ["git", "commit", "-q", "--allow-empty", "-m", MESSAGE, *extra],
                cwd=repo,
                env=env,
                capture_output=True,
                check=True,
            )
            samples[name].append(time.perf_counter() - start)
    return samples


def _p90(samples: list[float]) -> float:
    return sorted(samples)[int(len(samples) * 0.9) - 1]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:9.1f}"


if __name__ == "__main__":
    sys.exit(main())
