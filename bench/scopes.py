"""How often the suggested scope is the one the author wrote, on real histories.

    python bench/scopes.py [--repo NAME ...] [--commits 300]

The labels are the authors' own: for each of the last `--commits` non-merge commits
with a scope, in each mirror under /work/.mirror (or bench/.work/mirrors), the scope is
suggested from that commit's paths and the history before it, as the hook would have
suggested it, and compared with the scope its author wrote (the first, when several).
Each row says where the suggestion came from: `history` (the scope earlier commits used
most for those files, else their folders), `folder` (the module folder), or none
offered. The time is that of the one or two bounded `git log` calls and the choice the
hook pays for a rejected message.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from commitguard import git
from commitguard.commands.scope_hint import passes
from commitguard.config import load as config_module
from commitguard.message.parse import parse
from commitguard.message.scopes import HISTORY_COMMITS, history_pathspecs, suggest

MIRRORS = (Path("/work/.mirror"), Path(__file__).resolve().parent / ".work" / "mirrors")
DEFAULT_REPOS = (
    "amplication+amplication",
    "brocoders+nestjs-boilerplate",
    "typeorm+typeorm",
    "vitejs+vite",
    "documenso+documenso",
    "netbox-community+netbox",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", action="append", help="mirror name, e.g. vitejs+vite")
    parser.add_argument("--commits", type=int, default=300)
    options = parser.parse_args()
    config = config_module.for_repository(None, str(Path(__file__).parent))
    print(
        f"{'repository':32} {'scoped':>6} {'right':>6} {'history':>13} {'folder':>13} "
        f"{'none':>5} {'log ms p50/max':>15}"
    )
    for name in options.repo or DEFAULT_REPOS:
        found = [root / name / "repo" for root in MIRRORS if (root / name / "repo").is_dir()]
        if not found:
            print(f"{name}: no mirror, left out", file=sys.stderr)
            continue
        print(measure(name, str(found[0]), options.commits, config))
    return 0


def measure(name: str, cwd: str, limit: int, config: config_module.Config) -> str:
    right = scoped = 0
    by_source = {"history": [0, 0], "folder": [0, 0]}
    times: list[float] = []
    for commit in git.log(["HEAD"], cwd, changes=True):
        header = parse(commit.message).header
        if len(commit.parents) != 1 or header is None or not header.scope:
            continue
        paths = [change.path for change in commit.changes]
        if not paths:
            continue
        written = header.scope.split(",")[0].strip()
        started = time.perf_counter()
        histories = (
            git.recent_headers(specs, HISTORY_COMMITS, cwd, tip=commit.parents[0])
            for specs in history_pathspecs(paths)
        )
        suggestion = suggest(paths, histories, lambda scope: passes(scope, config))
        times.append((time.perf_counter() - started) * 1000)
        scoped += 1
        if suggestion is not None:
            counts = by_source[suggestion.source]
            counts[1] += 1
            if suggestion.scope == written:
                counts[0] += 1
                right += 1
        if scoped == limit:
            break
    offered = by_source["history"][1] + by_source["folder"][1]
    cells = [
        f"{hit}/{all_} ({hit / all_:.2f})" if all_ else "0/0" for hit, all_ in by_source.values()
    ]
    timing = f"{statistics.median(times):.0f}/{max(times):.0f}" if times else "-"
    share = f"{right}/{scoped}" if scoped else "0/0"
    return (
        f"{name:32} {scoped:6} {share:>6} {cells[0]:>13} {cells[1]:>13} "
        f"{scoped - offered:5} {timing:>15}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
