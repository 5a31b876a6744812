"""Glob matching over a 2,000-path index, in-process: what the commit-msg hook pays.

    python bench/globs.py [--paths 2000] [--runs 30]

Times, with the default configuration and fresh caches each run:
- security: `path_reasons` of a `fix` commit over the paths (34 globs, then ignores),
- migrations: the classifier sorting the paths (every framework's globs),
- report: `report.exclude-paths` (the default excludes) over the paths,
- areas: the report's work area of each path (NestJS preset, the migration classifier
  and the security settings asked too), each path for the first time,
- hostile: `security.paths` of `*a*a*a*a*a*b` and `**/a/a/a/a/c/**/b` over the paths
  plus one of 10,000 characters that almost meets them (a backtracking matcher takes
  hours here; tests/test_config_hostile.py checks the verdict, this the time).
Most paths are plain source files; one in fifty is an auth, migration or lockfile path.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import tempfile
import time
from collections.abc import Callable

from commitguard.config import load as config
from commitguard.config.settings import ReportSettings
from commitguard.globs import glob_set
from commitguard.migrations import project
from commitguard.migrations.classify import MIGRATION_SIDE, Match
from commitguard.migrations.files import WorkTree
from commitguard.model import Change
from commitguard.report import aggregate
from commitguard.report.areas import Areas
from commitguard.security import detect

SPECIAL = (
    "src/auth/guards/jwt.guard.ts",
    "prisma/migrations/20260101_init/migration.sql",
    "web/package-lock.json",
    "app/migrations/0002_orders.py",
    "docs/README.md",
)


def paths(count: int) -> list[str]:
    found = []
    for index in range(count):
        if index % 50 == 0:
            found.append(SPECIAL[index // 50 % len(SPECIAL)].replace("/", f"/d{index}/", 1))
        else:
            found.append(f"src/module{index % 40}/sub{index % 7}/file{index}.py")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paths", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=30)
    options = parser.parse_args()
    staged = paths(options.paths)
    changes = tuple(Change("A", path) for path in staged)
    defaults = config.default()
    excludes = defaults.report
    timings: dict[str, list[float]] = {
        "security": [],
        "migrations": [],
        "report": [],
        "areas": [],
        "hostile": [],
    }
    almost = "/".join(["a" * 199 + "c"] * 50)  # 10,000 characters, never a match
    hostile_paths = [*staged, almost]
    with tempfile.TemporaryDirectory() as root:
        with open(f"{root}/package.json", "w") as marker:
            marker.write('{"dependencies": {"@nestjs/core": "10"}}\n')
        for _ in range(options.runs):
            # A new configuration object each run: no glob cache keyed on it is warm.
            fresh = config.build({}, "bench.yaml")
            start = time.perf_counter()
            detect.path_reasons(changes, fresh)
            timings["security"].append(time.perf_counter() - start)

            classify = project.build(fresh.migrations, root).classify
            start = time.perf_counter()
            classify.changes(changes)
            for path in staged:
                classify(path)
            timings["migrations"].append(time.perf_counter() - start)

            start = time.perf_counter()
            excluded = _excluded_counter(excludes)
            for path in staged:
                excluded(path)
            timings["report"].append(time.perf_counter() - start)

            areas = Areas(fresh, functools.partial(_migration_side, classify), WorkTree(root))
            start = time.perf_counter()
            for path in staged:
                areas(path)
            timings["areas"].append(time.perf_counter() - start)

            hostile = glob_set(("*a*a*a*a*a*b", "**/a/a/a/a/c/**/b"))
            start = time.perf_counter()
            for path in hostile_paths:
                hostile.first(path)
            timings["hostile"].append(time.perf_counter() - start)
    print(f"{'feature':12} {'median':>8} {'min':>8}   (ms, {options.paths} paths)")
    for name, samples in timings.items():
        median, best = statistics.median(samples) * 1e3, min(samples) * 1e3
        print(f"{name:12} {median:8.2f} {best:8.2f}")
    return 0


def _migration_side(classify: Callable[[str], Match], path: str) -> bool:
    return classify(path).kind in MIGRATION_SIDE


def _excluded_counter(settings: ReportSettings) -> Callable[[str], object]:
    # use() sets up exactly what _excluded needs, as it does for each new repository;
    # the rest of the aggregator (its window) plays no part here.
    aggregator = aggregate.Aggregator.__new__(aggregate.Aggregator)
    aggregator.use(settings)
    return aggregator._excluded


if __name__ == "__main__":
    raise SystemExit(main())
