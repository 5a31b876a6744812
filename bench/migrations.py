"""Precision and recall of the migration rules on labelled real histories.

Each file in bench/labels/migrations/*.csv names a repository, the commit its history
is checked from (`# head:`) and, one row a commit, whether a human reading the diff
judged that commit to break `migration-separate` and `schema-without-migration`
(the recipe that drew the sample is in its `# sample:` line). For each file this
script gets the repository (the `# mirror:` path when it exists, else a
`git clone --filter=blob:none` of `# repo:` into bench/.work/repos/), prepares a
scratch clone with only the framework marker files checked out (package.json,
manage.py, ...: commitguard looks them up in the work tree), runs

    commitguard check --format json --config bench/migrations.commitguard.yaml <head>

once over the whole history, and prints, per repository and rule, the labelled
commits, true and false positives, false negatives, precision, recall and the
findings on commits outside the sample. The other migration rules have no labels:
only their findings are counted.

It is a measurement, not a test: it exits 0 whatever it finds, and a repository
whose `check` fails (exit code 2 to 4, or a traceback) is reported as failed.
Rerun it before and after a change to the rules with each build:

    python bench/migrations.py --commitguard /path/to/before/bin/commitguard
    python bench/migrations.py --commitguard .venv/bin/commitguard --show-errors
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
LABELS = BENCH / "labels" / "migrations"
CONFIG = BENCH / "migrations.commitguard.yaml"
WORK = BENCH / ".work" / "repos"
RULES = (
    "migration-separate",
    "schema-without-migration",
    "migration-order",
    "migration-edited",
    "migration-without-down",
)
# Files a migration framework is detected by; the rest of the work tree stays empty.
MARKERS = re.compile(
    r"(^|/)(package\.json|manage\.py|prisma\.config\.[cm]?[jt]s|\.sequelizerc"
    r"|knexfile\.[a-z]+|drizzle\.config\.[a-z]+|alembic\.ini|script\.py\.mako"
    r"|flyway\.(conf|toml)|liquibase\.properties|sqitch\.plan|atlas\.hcl|go\.mod"
    r"|pyproject\.toml|\.commitguard\.ya?ml)$"
)
STAMP = "commitguard-bench-prepared"


# ---------------------------------------------------------------- labels


class LabelFile:
    """One CSV of labels: its `# key: value` header and its rows."""

    def __init__(self, path: Path) -> None:
        self.name = path.stem
        self.header: dict[str, str] = {}
        lines = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                key, _, value = line[1:].partition(":")
                self.header[key.strip()] = value.strip()
            elif line.strip():
                lines.append(line)
        self.rows = list(csv.DictReader(lines))
        self.head = self.header["head"]
        # Every column but sha and note labels the rule of that name.
        self.rules = [
            column.replace("_", "-") for column in self.rows[0] if column not in ("sha", "note")
        ]

    def positives(self, rule: str) -> set[str]:
        column = rule.replace("-", "_")
        return {row["sha"] for row in self.rows if row[column].strip() == "yes"}

    def shas(self) -> set[str]:
        return {row["sha"] for row in self.rows}


# ---------------------------------------------------------------- repositories


def git(repo: Path, *args: str, check: bool = True) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False
    )
    if check and done.returncode != 0:
        raise RuntimeError(f"git {args[0]} failed: {done.stderr.strip()}")
    return done.stdout


def clone(labels: LabelFile) -> tuple[Path, bool]:
    """The scratch clone for `labels` (made once), and whether it came from a mirror."""
    target = WORK / labels.name
    mirror = labels.header.get("mirror", "")
    from_mirror = bool(mirror) and Path(mirror).is_dir()
    if not (target / ".git").is_dir():
        target.parent.mkdir(parents=True, exist_ok=True)
        if from_mirror:
            source = ["git", "clone", "--quiet", "--no-checkout", mirror]
        else:
            url = labels.header["repo"]
            source = ["git", "clone", "--quiet", "--no-checkout", "--filter=blob:none"]
            source.append(url)
        subprocess.run([*source, str(target)], check=True, capture_output=True)
    return target, from_mirror


def stand_in_for_missing_blobs(repo: Path, head: str) -> None:
    """Point each blob a mirror lacks (its largest files) at an empty blob.

    commitguard's `git log` detects renames, which reads both blobs; one absent blob
    stops the whole log. A replace ref keeps the path listed as before: only the
    content of a large file, never a migration's, reads as empty. Not for a partial
    clone, whose blobs git fetches when asked.
    """
    listing = git(repo, "rev-list", "--objects", "--missing=print", head)
    missing = [line[1:] for line in listing.splitlines() if line.startswith("?")]
    if not missing:
        return
    empty = subprocess.run(
        ["git", "-C", str(repo), "hash-object", "-w", "--stdin"],
        input="",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    for sha in missing:
        git(repo, "update-ref", f"refs/replace/{sha}", empty)


def check_out_markers(repo: Path, head: str) -> None:
    """Check out only the marker files at `head`; a file git cannot read is skipped."""
    names = git(repo, "ls-tree", "-r", "-z", "--name-only", head).split("\0")
    markers = [name for name in names if name and MARKERS.search(name)]
    for start in range(0, len(markers), 200):
        batch = markers[start : start + 200]
        if not checkout(repo, head, batch):
            for name in batch:
                checkout(repo, head, [name])


def checkout(repo: Path, head: str, names: list[str]) -> bool:
    command = ["git", "-C", str(repo), "checkout", head, "--", *names]
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


def prepare(labels: LabelFile) -> Path:
    """A clone of the labelled repository with a minimal work tree; cached."""
    repo, from_mirror = clone(labels)
    stamp = Path(git(repo, "rev-parse", "--absolute-git-dir").strip()) / STAMP
    if stamp.is_file() and stamp.read_text().strip() == labels.head:
        return repo
    if from_mirror:
        stand_in_for_missing_blobs(repo, labels.head)
    check_out_markers(repo, labels.head)
    stamp.write_text(labels.head + "\n")
    return repo


def headers(repo: Path, shas: set[str]) -> dict[str, str]:
    if not shas:
        return {}
    out = git(repo, "log", "--no-walk=unsorted", "--format=%H %s", *sorted(shas))
    return dict(line.split(" ", 1) for line in out.splitlines() if " " in line)


# ---------------------------------------------------------------- measuring


def run_check(commitguard: list[str], repo: Path, head: str) -> dict[str, Any] | str:
    """The JSON report of `check` over `head`'s history, or why there is none. Bot
    commits are judged too (`--include-bots`, where the build has it): a bot's schema
    change is labelled like anyone's, and `check` skips bots by default."""
    helped = subprocess.run([*commitguard, "check", "--help"], capture_output=True, text=True)
    bots = ["--include-bots"] if "--include-bots" in helped.stdout else []
    done = subprocess.run(
        [*commitguard, "check", *bots, "--format", "json", "--config", str(CONFIG), head],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = done.stderr.strip().splitlines() or [f"exit {done.returncode}"]
    if "Traceback (most recent call last)" in done.stderr:
        return f"failed: {lines[0]} ... {lines[-1]}"
    if done.returncode not in (0, 1):
        return f"failed: {lines[0]}"
    try:
        found: dict[str, Any] = json.loads(done.stdout)
        return found
    except json.JSONDecodeError:
        return f"failed: no JSON report ({lines[0]})"


def findings(report: dict[str, Any]) -> dict[str, dict[str, list[str]]]:
    """rule -> sha -> the messages that rule gave that commit."""
    found: dict[str, dict[str, list[str]]] = {rule: {} for rule in RULES}
    for commit in report.get("commits", []):
        for violation in commit.get("violations", []):
            per_sha = found.setdefault(violation["rule"], {})
            per_sha.setdefault(commit["sha"], []).append(violation["message"])
    return found


def ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def score(labels: LabelFile, rule: str, flagged: dict[str, list[str]]) -> dict[str, Any]:
    sample = labels.shas()
    outside = len(set(flagged) - sample)
    if rule not in labels.rules:
        inside = len(set(flagged) & sample)
        return {"labelled": 0, "flagged_in_sample": inside, "outside": outside}
    truth = labels.positives(rule)
    hits = set(flagged) & sample
    tp, fp, fn = hits & truth, hits - truth, truth - hits
    return {
        "labelled": len(sample),
        "positives": len(truth),
        "tp": len(tp),
        "fp": len(fp),
        "fn": len(fn),
        "precision": ratio(len(tp), len(tp) + len(fp)),
        "recall": ratio(len(tp), len(truth)),
        "outside": outside,
        "false_positives": sorted(fp),
        "false_negatives": sorted(fn),
    }


def measure(labels: LabelFile, commitguard: list[str]) -> dict[str, Any]:
    result: dict[str, Any] = {"name": labels.name, "head": labels.head, "labelled": 0}
    try:
        repo = prepare(labels)
    except (OSError, RuntimeError, subprocess.CalledProcessError) as error:
        result["status"] = f"failed: preparing the clone: {error}"
        return result
    report = run_check(commitguard, repo, labels.head)
    if isinstance(report, str):
        result["status"] = report
        return result
    found = findings(report)
    result["status"] = "ok"
    result["labelled"] = len(labels.rows)
    result["rules"] = {rule: score(labels, rule, found[rule]) for rule in RULES}
    notes = {row["sha"]: row.get("note", "") for row in labels.rows}
    wrong = {
        sha
        for scores in result["rules"].values()
        for key in ("false_positives", "false_negatives")
        for sha in scores.get(key, [])
    }
    subjects = headers(repo, wrong)
    result["errors"] = {
        rule: [
            {
                "sha": sha,
                "kind": kind,
                "header": subjects.get(sha, ""),
                "label_note": notes.get(sha, ""),
                "messages": found[rule].get(sha, []),
            }
            for kind, key in (("FP", "false_positives"), ("FN", "false_negatives"))
            for sha in scores.get(key, [])
        ]
        for rule, scores in result["rules"].items()
    }
    return result


# ---------------------------------------------------------------- output


def show(value: float | int | None) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def print_table(result: dict[str, Any], show_errors: bool) -> None:
    print(f"{result['name']} (head {result['head'][:12]}): ", end="")
    if result["status"] != "ok":
        print(result["status"])
        return
    print(f"{result['labelled']} labelled commits")
    columns = ("labelled", "positives", "tp", "fp", "fn", "precision", "recall")
    print(f"  {'rule':26}" + "".join(f"{c:>10}" for c in (*columns, "outside")))
    for rule, scores in result["rules"].items():
        cells = [show(scores.get(column)) for column in columns]
        if not scores["labelled"]:
            cells = ["-"] * len(columns)
            cells[2] = f"({scores['flagged_in_sample']})"
        cells.append(show(scores["outside"]))
        print(f"  {rule:26}" + "".join(f"{c:>10}" for c in cells))
    if show_errors:
        for rule, errors in result["errors"].items():
            for error in errors:
                print(f"  {error['kind']} {rule} {error['sha'][:12]} {error['header']}")
                print(f"      label: {error['label_note']}")
                for message in error["messages"]:
                    print(f"      commitguard: {message}")


def default_commitguard() -> list[str]:
    found = shutil.which("commitguard")
    return [found] if found else [sys.executable, "-m", "commitguard"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commitguard", help="the executable to measure")
    parser.add_argument("--repo", action="append", help="only this label file's name")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--show-errors", action="store_true", help="list each FP/FN commit")
    args = parser.parse_args(argv)
    commitguard = [args.commitguard] if args.commitguard else default_commitguard()
    files = sorted(LABELS.glob("*.csv"))
    if args.repo:
        files = [path for path in files if path.stem in args.repo]
    results = [measure(LabelFile(path), commitguard) for path in files]
    if args.json:
        report = {"version": 1, "commitguard": commitguard, "repositories": results}
        json.dump(report, sys.stdout, indent=2)
        print()
    else:
        print(f"commitguard: {' '.join(commitguard)}")
        for result in results:
            print_table(result, args.show_errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
