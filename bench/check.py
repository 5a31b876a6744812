"""Wall time and peak memory of `commitguard check` over a long history, against git itself.

    python bench/check.py [--commits 100000] [--seed 7] [--runs 3] [--install-peers]

Over the synthetic repository of bench/synth.py (generated once, then cached in
bench/.work), measures in one run, over the whole history of HEAD:

- `git log --format=%B --name-status HEAD` to /dev/null: the floor docs/DESIGN.md sets,
- `commitguard check HEAD --format json --output /dev/null`,
- `commitguard check HEAD` (text) to /dev/null,
- `cz check --rev-range HEAD` (commitizen), when installed,
- `commitlint --from <root> --to HEAD`, when installed (so the root commit is left out).

Each command runs `--runs` times, interleaved so that drift on a busy machine hits every
command alike, after one warm-up run each. Reported: the median wall time, the median CPU
time of the tree (user + system, less sensitive to a busy machine than wall time), and the
peak memory of the whole process tree (the command and every descendant, git included):
the sum over the tree of each process's resident set size, sampled every `--interval` ms,
the highest over all runs (never less than the largest single process's own peak, which
the kernel reports). A sum of RSS counts twice the pages two processes share, such as one
pack file mapped by two git processes; `--memory pss` sums proportional set sizes instead
(read from smaps_rollup, which costs more per sample: sampled every 20 ms by default).

Peers are looked for next to this Python, in bench/.work/peers (bin/ and
node/node_modules/.bin/), then on PATH; --install-peers puts commitizen and commitlint
there. Budgets (docs/DESIGN.md): check within 1.2x of the floor's time, and its tree peak at
most 64 MiB above the floor's. Exit 0 within budget, 1 otherwise.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import synth

HERE = Path(__file__).resolve().parent
PEERS = HERE / ".work" / "peers"
NODE_PEERS = PEERS / "node"
TIME_BUDGET = 1.2  # times the floor's median wall time (the first budget was 1.5)
MEMORY_BUDGET = 64 * 1024 * 1024  # bytes above the floor's peak
FLOOR = "git log (floor)"
PAGE = os.sysconf("SC_PAGE_SIZE")


class Sample:
    """One run of one command."""

    def __init__(self, seconds: float, cpu: float, peak: int, code: int, stderr: str) -> None:
        self.seconds = seconds
        self.cpu = cpu  # user + system seconds of the process and its reaped descendants
        self.peak = peak  # bytes
        self.code = code
        self.stderr = stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commits", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--peer-runs", type=int, help="runs of cz and commitlint (--runs)")
    parser.add_argument("--memory", choices=("rss", "pss"), default="rss")
    parser.add_argument("--interval", type=float, help="memory sampling, in ms (5; pss: 20)")
    parser.add_argument("--no-peers", action="store_true", help="leave cz and commitlint out")
    parser.add_argument("--install-peers", action="store_true")
    parser.add_argument(
        "--baseline",
        metavar="EXECUTABLE",
        help="another commitguard (an earlier build) to measure in the same run",
    )
    options = parser.parse_args()
    # A developer's Python writes .pyc files; without them every run recompiles.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if options.install_peers:
        install_peers(env)

    repo = synth.ensure(options.commits, options.seed)
    info = synth.info(repo)
    root = _git(repo, "rev-list", "--max-parents=0", "HEAD").split()[0]
    merges = _git(repo, "rev-list", "--count", "--merges", "HEAD").strip()
    print(
        f"repository: {repo} ({info['commits']:,} commits, {merges} merges; "
        f"generated in {info['seconds']}s)"
    )
    git_version = _git(repo, "version").strip()
    print(f"machine: {os.cpu_count()} CPUs, {git_version}, Python {sys.version.split()[0]}")

    commands, notes = candidates(root, options.no_peers, options.baseline)
    for note in notes:
        print(note)
    interval = (options.interval or (5.0 if options.memory == "rss" else 20.0)) / 1000
    print(
        f"memory: peak sum of {options.memory.upper()} over the process tree, every "
        f"{interval * 1000:g} ms"
    )
    measure = functools.partial(run, cwd=repo, env=env, interval=interval, field=options.memory)
    for name, argv in list(commands.items()):  # warm-up: page cache, .pyc files
        sample = measure(argv)
        print(f"warm-up {name}: {sample.seconds:.2f}s, exit {sample.code}")
        if sample.code not in accepted_codes(name):
            print(f"  left out: unexpected exit {sample.code}\n{_tail(sample.stderr)}")
            del commands[name]
    if FLOOR not in commands or not any(n.startswith("commitguard") for n in commands):
        raise SystemExit("the floor or commitguard did not run; nothing to compare")

    samples: dict[str, list[Sample]] = {name: [] for name in commands}
    peer_runs = options.runs if options.peer_runs is None else options.peer_runs
    for index in range(max(options.runs, peer_runs)):
        for name, argv in commands.items():  # interleaved: drift hits all alike
            if index >= (options.runs if _ours_or_floor(name) else peer_runs):
                continue
            # Time and memory come from separate runs (see run()).
            timed = measure(argv, sample_memory=False)
            sized = measure(argv)
            samples[name].append(
                Sample(
                    timed.seconds, timed.cpu, max(timed.peak, sized.peak), timed.code, timed.stderr
                )
            )

    return report(samples, int(info["commits"]))


def candidates(
    root: str, no_peers: bool, baseline: str | None = None
) -> tuple[dict[str, list[str]], list[str]]:
    commands = {FLOOR: ["git", "log", "--format=%B", "--name-status", "HEAD"]}
    ours = _tool("commitguard")
    if ours is None:
        raise SystemExit("commitguard is not installed in this environment: pip install -e .")
    for label, executable in (("", ours), (" baseline", baseline)):
        if executable is None:
            continue
        commands[f"commitguard{label} check (json)"] = [
            executable,
            "check",
            "HEAD",
            "--format",
            "json",
            "--output",
            os.devnull,
        ]
        commands[f"commitguard{label} check (text)"] = [executable, "check", "HEAD"]
    notes = [
        "note: commitguard check asks git for each commit's paths (--name-status, no "
        "rename detection) and reads a few files with one git cat-file beside it"
    ]
    if no_peers:
        return commands, notes
    cz = _tool("cz")
    if cz:
        commands["cz check (commitizen)"] = [cz, "check", "--rev-range", "HEAD"]
    else:
        notes.append("note: cz (commitizen) not installed (--install-peers); left out")
    commitlint = _tool("commitlint")
    if commitlint:
        commands["commitlint"] = [
            commitlint,
            "--config",
            str(_commitlint_config()),
            "--from",
            root,
            "--to",
            "HEAD",
        ]
        notes.append("note: commitlint checks <root>..HEAD, one commit fewer than the others")
    else:
        notes.append("note: commitlint not installed (--install-peers); left out")
    return commands, notes


def accepted_codes(name: str) -> set[int]:
    """Exit statuses of a run that completed; the peers fail on the history's violations."""
    if name == FLOOR:
        return {0}
    if name.startswith("commitguard"):
        return {0, 1}
    return set(range(256)) - {124, 126, 127, 130, 137, 139}


def run(
    argv: list[str],
    cwd: Path,
    env: dict[str, str],
    interval: float,
    field: str,
    sample_memory: bool = True,
) -> Sample:
    """Run `argv` once; its wall time, the peak of its process tree, exit and stderr.

    Without `sample_memory` nothing else runs beside it: on two cores the sampler's
    walks over /proc take CPU from the command being timed, and more from a command
    that is two processes (commitguard and its git) than from git alone."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            stdin=subprocess.DEVNULL,
        )
        done = threading.Event()
        peak = [0]
        sampler = threading.Thread(target=_sample, args=(process.pid, interval, field, done, peak))
        if sample_memory:
            sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        if sample_memory:
            sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    # ru_maxrss (KiB) is the largest single process of the tree: a floor for the sum.
    cpu = usage.ru_utime + usage.ru_stime
    if field == "rss":
        # ru_maxrss (KiB) is the largest single process of the tree: a floor for the sum.
        peak[0] = max(peak[0], usage.ru_maxrss * 1024)
    return Sample(seconds, cpu, peak[0], process.returncode, stderr)


def _sample(pid: int, interval: float, field: str, done: threading.Event, peak: list[int]) -> None:
    while not done.is_set():
        peak[0] = max(peak[0], tree_memory(pid, field))
        done.wait(interval)


def tree_memory(pid: int, field: str = "rss") -> int:
    """Bytes of `pid` and all its descendants, now: the sum of their RSS or PSS."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            total += _rss(current) if field == "rss" else _pss(current)
        except (OSError, IndexError, ValueError):
            continue  # gone already, or a zombie
        pending.extend(_children(current))
    return total


def _rss(pid: int) -> int:
    with open(f"/proc/{pid}/statm", "rb") as handle:
        return int(handle.read().split()[1]) * PAGE


def _pss(pid: int) -> int:
    with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
        for line in handle:
            if line.startswith(b"Pss:"):
                return int(line.split()[1]) * 1024
    return 0


def _children(pid: int) -> list[int]:
    if _HAS_CHILDREN_FILE:
        found: list[int] = []
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", "rb") as handle:
                    found.extend(int(child) for child in handle.read().split())
        except OSError:
            pass
        return found
    # Without CONFIG_PROC_CHILDREN: read every process's parent out of /proc/*/stat.
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    stat = handle.read()
            except OSError:
                continue
            if int(stat[stat.rindex(b")") + 2 :].split()[1]) == pid:
                found.append(int(entry))
    return found


_HAS_CHILDREN_FILE = os.path.exists(f"/proc/{os.getpid()}/task/{os.getpid()}/children")


def report(samples: dict[str, list[Sample]], commits: int) -> int:
    floor_time = statistics.median(s.seconds for s in samples[FLOOR])
    floor_peak = max(s.peak for s in samples[FLOOR])
    print(
        f"\n{'command':<34} {'median s':>9} {'min s':>7} {'x floor':>8} {'cpu s':>7} "
        f"{'peak MiB':>9} {'+ floor':>8} {'exit':>5}  ({commits:,} commits)"
    )
    for name, runs in samples.items():
        median = statistics.median(s.seconds for s in runs)
        peak = max(s.peak for s in runs)
        codes = ",".join(sorted({str(s.code) for s in runs}))
        print(
            f"{name:<34} {median:9.2f} {min(s.seconds for s in runs):7.2f} "
            f"{median / floor_time:8.2f} {statistics.median(s.cpu for s in runs):7.2f} "
            f"{_mib(peak):9.1f} {_mib(peak - floor_peak):+8.1f} "
            f"{codes:>5}  ({len(runs)} runs)"
        )
    within = True
    print()
    for name, runs in samples.items():
        if not name.startswith("commitguard"):
            continue
        ratio = statistics.median(s.seconds for s in runs) / floor_time
        above = max(s.peak for s in runs) - floor_peak
        time_ok = ratio <= TIME_BUDGET
        memory_ok = above <= MEMORY_BUDGET
        if "baseline" not in name:  # an earlier build is measured, not judged
            within = within and time_ok and memory_ok
        print(
            f"budget {name}: time {ratio:.2f}x the floor (<= {TIME_BUDGET}x: "
            f"{'within' if time_ok else 'OVER'}); tree peak {_mib(above):+.1f} MiB over the "
            f"floor's (<= +{_mib(MEMORY_BUDGET):.0f}: {'within' if memory_ok else 'OVER'})"
        )
    print("\nverdict:", "within budget" if within else "OVER BUDGET")
    return 0 if within else 1


def install_peers(env: dict[str, str]) -> None:
    if not (PEERS / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
    subprocess.run(
        [str(PEERS / "bin" / "pip"), "install", "--quiet", "commitizen"], check=True, env=env
    )
    npm = shutil.which("npm")
    if npm is None:
        print("npm not found: commitlint not installed")
        return
    NODE_PEERS.mkdir(parents=True, exist_ok=True)
    # commitlint 20 still runs on Node 18 and 20; 21 wants Node 22.
    subprocess.run(
        [
            npm,
            "install",
            "--prefix",
            str(NODE_PEERS),
            "--no-audit",
            "--no-fund",
            "@commitlint/cli@20",
            "@commitlint/config-conventional@20",
        ],
        check=True,
        env=env,
    )


def _commitlint_config() -> Path:
    """A config next to the peers' node_modules, so that `extends` resolves there."""
    NODE_PEERS.mkdir(parents=True, exist_ok=True)
    path = NODE_PEERS / "commitlint.config.mjs"
    path.write_text("export default { extends: ['@commitlint/config-conventional'] };\n")
    return path


def _tool(name: str) -> str | None:
    folders = (Path(sys.executable).parent, PEERS / "bin", NODE_PEERS / "node_modules" / ".bin")
    for folder in folders:
        if (folder / name).exists():
            return str(folder / name)
    return shutil.which(name)


def _ours_or_floor(name: str) -> bool:
    return name == FLOOR or name.startswith("commitguard")


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


def _tail(text: str, lines: int = 15) -> str:
    return "\n".join("  " + line for line in text.strip().splitlines()[-lines:])


def _mib(size: float) -> float:
    return size / (1024 * 1024)


if __name__ == "__main__":
    sys.exit(main())
