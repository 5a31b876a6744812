"""Wall time and peak memory of `commitguard report` over a long history, against git itself.

    python bench/report.py [--commits 100000] [--seed 7] [--runs 3] [--baseline EXE]

Over the synthetic repository of bench/synth.py (generated once, then cached), measures
in one run, interleaved, after one warm-up each:

- `git log --numstat HEAD`: the floor docs/DESIGN.md sets for the whole history,
- `commitguard report` over the whole history (a window that holds all of it),
- `git log --numstat --since=<four weeks before the last commit> HEAD`: the floor for a
  two-week report, which reads its window and the previous one (for the deltas),
- `commitguard report --since 2w --until <the last commit>`: must stop walking early,
  so it costs a fraction of the whole-history run;
- with `--baseline EXE`, both reports again by another commitguard (an earlier build),
  so that two builds compare in the same run.

Budget (docs/DESIGN.md): the whole-history report within 1.2x of its floor's median wall time
(the first budget was 1.5x).
Exit 0 within budget, 1 otherwise. Memory is sampled as in bench/check.py.

    python bench/report.py --repositories 20 [--commits 5000] [--runs 3]

Many repositories instead: `--repositories` synthetic histories (seeds 1 to N, cached
like the one above), one report over all of their whole histories, measured against
the sum of one `git log --numstat HEAD` per repository (the floor: what reading them
one after the other costs git alone), once with `--jobs 1` (one after the other) and
once with the default (one worker process per CPU). Prints the times and ratios; exits 0.
Run it as `PYTHONPATH=src python bench/report.py ...` to measure this working tree.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
from collections.abc import Callable
from datetime import datetime, timedelta

import check  # bench/check.py: the process-tree sampler and the run loop
import synth

TIME_BUDGET = 1.2  # times the floor's median wall time (the first budget was 1.5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commits", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--repositories", type=int, default=0, help="report over this many repositories"
    )
    parser.add_argument(
        "--baseline",
        metavar="EXECUTABLE",
        help="another commitguard (an earlier build) to measure in the same run",
    )
    options = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["TZ"] = "UTC"
    ours = check._tool("commitguard")
    if ours is None:
        raise SystemExit("commitguard is not installed in this environment: pip install -e .")
    if options.repositories:
        return many(options.repositories, options.commits, options.runs, ours, env)
    repo = synth.ensure(options.commits, options.seed)
    last = datetime.fromisoformat(check._git(repo, "log", "-1", "--format=%cI", "HEAD").strip())
    last_text = last.isoformat()
    four_weeks = (last - timedelta(weeks=4)).isoformat()
    two_weeks = check._git(
        repo, "rev-list", "--count", "--no-merges", f"--since={last - timedelta(weeks=2)}", "HEAD"
    ).strip()
    print(f"repository: {repo} ({options.commits:,} commits; last commit {last_text})")
    print(f"machine: {os.cpu_count()} CPUs, {check._git(repo, 'version').strip()}")
    print(f"the 2w window holds {two_weeks} commits")
    report = [ours, "report", "--format", "json", "--output", os.devnull]
    commands = {
        "git log --numstat (floor)": ["git", "log", "--numstat", "HEAD"],
        "commitguard report (all)": [*report, "--since", "1970-01-02", "--until", last_text],
        "git log --numstat 4w (floor)": ["git", "log", "--numstat", f"--since={four_weeks}"],
        "commitguard report --since 2w": [*report, "--since", "2w", "--until", last_text],
    }
    if options.baseline:
        before = [options.baseline, *report[1:]]
        commands["baseline report (all)"] = [*before, "--since", "1970-01-02", "--until", last_text]
        commands["baseline report --since 2w"] = [*before, "--since", "2w", "--until", last_text]
    measure = functools.partial(check.run, cwd=repo, env=env, interval=0.005, field="rss")
    for name, argv in commands.items():
        sample = measure(argv)
        print(f"warm-up {name}: {sample.seconds:.2f}s, exit {sample.code}")
        if sample.code != 0:
            raise SystemExit(check._tail(sample.stderr))
    samples: dict[str, list[check.Sample]] = {name: [] for name in commands}
    for _ in range(options.runs):
        for name, argv in commands.items():
            # Time and memory from separate runs, as in bench/check.py.
            timed = measure(argv, sample_memory=False)
            sized = measure(argv)
            samples[name].append(
                check.Sample(
                    timed.seconds, timed.cpu, max(timed.peak, sized.peak), timed.code, timed.stderr
                )
            )

    print(f"\n{'command':<32} {'median s':>9} {'min s':>7} {'cpu s':>7} {'peak MiB':>9}")
    median = {}
    for name, runs in samples.items():
        median[name] = statistics.median(s.seconds for s in runs)
        print(
            f"{name:<32} {median[name]:9.2f} {min(s.seconds for s in runs):7.2f} "
            f"{statistics.median(s.cpu for s in runs):7.2f} "
            f"{check._mib(max(s.peak for s in runs)):9.1f}"
        )
    whole = median["commitguard report (all)"] / median["git log --numstat (floor)"]
    window = median["commitguard report --since 2w"] / median["git log --numstat 4w (floor)"]
    early = median["commitguard report --since 2w"] / median["commitguard report (all)"]
    print(
        f"\nbudget: report over the whole history {whole:.2f}x its floor "
        f"(<= {TIME_BUDGET}x: {'within' if whole <= TIME_BUDGET else 'OVER'})"
    )
    print(f"--since 2w: {window:.2f}x its own floor; {early:.1%} of the whole-history time")
    if options.baseline:
        ratio = median["baseline report (all)"] / median["git log --numstat (floor)"]
        print(f"baseline: report over the whole history {ratio:.2f}x its floor")
    return 0 if whole <= TIME_BUDGET else 1


def many(count: int, commits: int, runs: int, ours: str, env: dict[str, str]) -> int:
    """One report over `count` repositories against the sum of their git logs."""
    if commits == 100_000:
        commits = 5_000  # --commits left at its default: 20 x 100,000 is too long a run
    repos = [synth.ensure(commits, seed) for seed in range(1, count + 1)]
    total = sum(int(synth.info(repo)["commits"]) for repo in repos)
    print(f"{count} repositories of {commits:,} commits each ({total:,} in all)")
    print(f"machine: {os.cpu_count()} CPUs, {check._git(repos[0], 'version').strip()}")
    print(f"commitguard: {ours}, PYTHONPATH={env.get('PYTHONPATH', '')}")
    report = [ours, "report", "--format", "json", "--output", os.devnull, "--since", "1970-01-02"]
    report += [arg for repo in repos for arg in ("--repo", str(repo))]
    work = repos[0].parent
    measure = functools.partial(
        check.run, env=env, interval=0.005, field="rss", sample_memory=False
    )

    def floor() -> check.Sample:
        # One git after the other, as a script looping over the repositories would.
        parts = [measure(["git", "log", "--numstat", "HEAD"], repo) for repo in repos]
        return check.Sample(
            sum(p.seconds for p in parts),
            sum(p.cpu for p in parts),
            max(p.peak for p in parts),
            max(p.code for p in parts),
            "".join(p.stderr for p in parts),
        )

    commands: dict[str, Callable[[], check.Sample]] = {
        "sum of git log --numstat (floor)": floor,
        "commitguard report --jobs 1": lambda: measure([*report, "--jobs", "1"], work),
        "commitguard report (one job a CPU)": lambda: measure(report, work),
    }
    for name, sample_once in commands.items():
        sample = sample_once()
        print(f"warm-up {name}: {sample.seconds:.2f}s, exit {sample.code}")
        if sample.code != 0:
            raise SystemExit(check._tail(sample.stderr))
    samples: dict[str, list[check.Sample]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, sample_once in commands.items():  # interleaved, as above
            samples[name].append(sample_once())
    # CPU seconds beside the wall time: on a loaded machine the workers wait for a core,
    # and the CPU time tells that apart from work the parallel run added.
    print(f"\n{'command':<36} {'median s':>9} {'min s':>7} {'cpu s':>7} {'x floor':>8}")
    base = statistics.median(s.seconds for s in samples["sum of git log --numstat (floor)"])
    for name, runs_of in samples.items():
        middle = statistics.median(s.seconds for s in runs_of)
        print(
            f"{name:<36} {middle:9.2f} {min(s.seconds for s in runs_of):7.2f} "
            f"{statistics.median(s.cpu for s in runs_of):7.2f} {middle / base:8.2f}"
        )
    print(f"load average before the last run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
