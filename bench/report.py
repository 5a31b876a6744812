"""Wall time and peak memory of `commitguard report` over a long history, against git itself.

    python bench/report.py [--commits 100000] [--seed 7] [--runs 3]

Over the synthetic repository of bench/synth.py (generated once, then cached), measures
in one run, interleaved, after one warm-up each:

- `git log --numstat HEAD`: the floor docs/DESIGN.md sets for the whole history,
- `commitguard report` over the whole history (a window that holds all of it),
- `git log --numstat --since=<four weeks before the last commit> HEAD`: the floor for a
  two-week report, which reads its window and the previous one (for the deltas),
- `commitguard report --since 2w --until <the last commit>`: must stop walking early,
  so it costs a fraction of the whole-history run.

Budget (docs/DESIGN.md): the whole-history report within 1.5x of its floor's median wall time.
Exit 0 within budget, 1 otherwise. Memory is sampled as in bench/check.py.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
from datetime import datetime, timedelta

import check  # bench/check.py: the process-tree sampler and the run loop
import synth

TIME_BUDGET = 1.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commits", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["TZ"] = "UTC"
    repo = synth.ensure(options.commits, options.seed)
    ours = check._tool("commitguard")
    if ours is None:
        raise SystemExit("commitguard is not installed in this environment: pip install -e .")
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
    return 0 if whole <= TIME_BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
