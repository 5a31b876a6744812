"""What `commitguard check` and `report` cost in a blobless clone, against a full clone.

    python bench/blobless.py REPOSITORY [--commitguard EXE ...] [--runs 3]

CI clones large repositories without blobs (`git clone --filter=blob:none`,
`actions/checkout` with `filter: blob:none`), and git then fetches each missing blob
from the remote when something reads it: one round trip per fetch, over the network in
CI. This script makes a local bare remote from REPOSITORY (any git repository, a mirror
the fetch tool brought, say), clones it twice, in full and blobless, and measures in one
run, over the whole history of HEAD:

- `git log --no-renames --name-status` and `git log --format=%B --name-status` (the
  floor docs/DESIGN.md sets) in each clone;
- `commitguard check HEAD` in the full clone (both clones without a checkout), and in a
  fresh blobless clone for each run: its wall time, how many times git fetched from the
  remote (trace2's `fetch` children) and how many blobs the clone holds afterwards that
  it did not before;
- `commitguard report` over the whole history once in a fresh blobless clone, for the
  first executable only: it counts changed lines (`git log --numstat`), which reads every
  changed blob (a build that fetches them one at a time would take an hour here).

Each `--commitguard` is an executable (two builds compare in one run). The remote lives in
bench/.work/blobless/<name>; clones are made and removed per run. A blob the source lacks
(a fetched mirror's largest files may be absent) cannot be fetched either: the script says
so and counts what it could.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work" / "blobless"


class Failed(Exception):
    pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repository", type=Path)
    parser.add_argument("--commitguard", action="append", default=[], metavar="EXE")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    executables = args.commitguard or [shutil.which("commitguard") or "commitguard"]
    remote = _remote(args.repository.resolve())
    commits = _git(remote, "rev-list", "--count", "HEAD").strip()
    print(f"{args.repository}: {commits} commits; remote {remote}")
    with tempfile.TemporaryDirectory(prefix="commitguard-blobless-") as scratch:
        full = Path(scratch) / "full"
        _run(["git", "clone", "-q", "--no-checkout", "--local", str(remote), str(full)])
        rows: list[tuple[str, str]] = []
        for label, args_ in (
            ("git log --no-renames --name-status", ["--no-renames", "--name-status"]),
            ("git log --format=%B --name-status (floor)", ["--format=%B", "--name-status"]),
        ):
            command = ["git", "-C", str(full), "log", *args_, "HEAD"]
            try:
                rows.append((f"{label}, full clone", f"{_median(command, args.runs):.2f} s"))
            except Failed as failure:  # rename detection reads a blob the source lacks
                rows.append((f"{label}, full clone", f"could not run: {failure}"))
                continue
            blobless = _blobless(remote, Path(scratch) / "floor")
            before = _held(blobless)
            seconds = _timed(["git", "-C", str(blobless), "log", *args_, "HEAD"])
            brought = _held(blobless) - before
            rows.append((f"{label}, blobless clone", f"{seconds:.2f} s, {brought} blobs fetched"))
            shutil.rmtree(blobless)
        for exe in executables:
            command = [exe, "check", "HEAD", "--format", "json", "--output", os.devnull]
            seconds = _median(command, args.runs, cwd=full, ok=(0, 1))
            rows.append((f"{exe} check HEAD, full clone", f"{seconds:.2f} s"))
            walls: list[float] = []
            fetches: list[int] = []
            fetched: list[int] = []
            for run in range(args.runs):
                blobless = _blobless(remote, Path(scratch) / f"check-{run}")
                before = _held(blobless)
                trace = Path(scratch) / f"trace-{run}.json"
                trace.unlink(missing_ok=True)  # git appends: the build before wrote here too
                try:
                    walls.append(_timed(command, cwd=blobless, ok=(0, 1), trace=trace))
                except Failed as failure:  # a blob the source lacks: git cannot fetch it
                    print(f"{exe} check in a blobless clone failed: {failure}", file=sys.stderr)
                    walls.append(float("nan"))
                fetches.append(_fetches(trace))
                fetched.append(_held(blobless) - before)
                shutil.rmtree(blobless)
            rows.append(
                (
                    f"{exe} check HEAD, fresh blobless clone",
                    f"{statistics.median(walls):.2f} s, {max(fetches)} fetches, "
                    f"{max(fetched)} blobs fetched",
                )
            )
            if exe != executables[0]:
                continue  # an earlier build may fetch each blob alone: thousands of fetches
            blobless = _blobless(remote, Path(scratch) / "report")
            before = _held(blobless)
            trace = Path(scratch) / "trace-report.json"
            report = [exe, "report", "--since", "100y", "--format", "json", "--output", os.devnull]
            try:
                seconds = _timed(report, cwd=blobless, ok=(0, 1, 2), trace=trace)
            except Failed as failure:  # a blob the source lacks: git cannot fetch it
                print(f"{exe} report in a blobless clone failed: {failure}", file=sys.stderr)
                seconds = float("nan")
            rows.append(
                (
                    f"{exe} report (whole history), fresh blobless clone",
                    f"{seconds:.2f} s, {_fetches(trace)} fetches, "
                    f"{_held(blobless) - before} blobs fetched",
                )
            )
            shutil.rmtree(blobless)
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    return 0


def _remote(source: Path) -> Path:
    """A bare copy of `source` that serves partial clones (uploadpack.allowFilter)."""
    remote = WORK / (source.name if source.name != "repo" else source.parent.name)
    if not remote.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        # --local copies the object files as they are: a fetched mirror may lack its
        # largest blobs, which a transport would refuse to send.
        _run(["git", "clone", "-q", "--bare", "--local", str(source), str(remote)])
    _run(["git", "-C", str(remote), "config", "uploadpack.allowFilter", "true"])
    _run(["git", "-C", str(remote), "config", "uploadpack.allowAnySHA1InWant", "true"])
    return remote


def _blobless(remote: Path, where: Path) -> Path:
    # No checkout: a fetched mirror may lack some of HEAD's blobs. In CI the checkout
    # brings HEAD's blobs, so what `check` fetches here is an upper bound.
    partial = ("-q", "--no-checkout", "--filter=blob:none")
    _run(["git", "clone", *partial, f"file://{remote}", str(where)])
    return where


def _held(clone: Path) -> int:
    """How many blobs the clone holds: what a run fetched is how many more it holds."""
    kinds = _git(clone, "cat-file", "--batch-all-objects", "--batch-check=%(objecttype)").split()
    return kinds.count("blob")


def _fetches(trace: Path) -> int:
    """How many times git started a fetch from the promisor remote (trace2 events)."""
    if not trace.exists():
        return 0
    count = 0
    for line in trace.read_text(errors="replace").splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        argv = event.get("argv") or []
        if event.get("event") == "start" and "fetch" in argv:  # each fetch process
            count += 1
    return count


def _timed(
    command: list[str],
    *,
    cwd: Path | None = None,
    ok: tuple[int, ...] = (0,),
    trace: Path | None = None,
) -> float:
    env = dict(os.environ)
    if trace is not None:
        env["GIT_TRACE2_EVENT"] = str(trace)
    start = time.perf_counter()
    result = subprocess.run(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    seconds = time.perf_counter() - start
    if result.returncode not in ok:
        said = result.stderr.decode(errors="replace").strip().splitlines()
        raise Failed(f"exit {result.returncode}: {said[-1] if said else ''}")
    return seconds


def _median(command: list[str], runs: int, **options: object) -> float:
    return statistics.median(_timed(command, **options) for _ in range(runs))  # type: ignore[arg-type]


def _git(repository: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repository), *args], capture_output=True, text=True, check=True
    ).stdout


def _run(command: list[str]) -> None:
    subprocess.run(command, check=True)


if __name__ == "__main__":
    sys.exit(main())
