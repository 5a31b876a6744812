"""Precision and recall of migration-without-down on hand-labelled migrations.

Each file in bench/labels/downs/*.csv names a repository, the commit its history is
checked from (`# head:`) and, one row an added migration (`sha,path`), whether a human
reading that file at that commit judged it to have no way back
(`migration_without_down`: yes or no); the recipe that drew the sample is in its
`# sample:` line. The repository is prepared as bench/migrations.py prepares it (the
same scratch clone in bench/.work/repos/), and

    commitguard check --format json --config bench/migrations.commitguard.yaml <head>

runs once over its history. A labelled migration counts as flagged when a
migration-without-down finding of its commit names its path. The script prints, per
repository, the labelled migrations, the positives, true and false positives, false
negatives, precision, recall and the findings outside the sample, and exits 0 whatever
it finds. Compare two builds by running it with each:

    python bench/downs.py --commitguard /path/to/before/bin/commitguard
    python bench/downs.py --commitguard .venv/bin/commitguard --show-errors

Each repository comes from its `# mirror:` path (a bare mirror, as the `fetch` tool
brings github:OWNER/NAME to /work/.mirror/OWNER+NAME/repo), else from a clone of its
`# repo:` address; `--needs` lists both per label file. One that can be had neither way
is reported as missing, and the others are still measured.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from migrations import (
    LabelFile,
    default_commitguard,
    prepare,
    ratio,
    run_check,
)

LABELS = Path(__file__).resolve().parent / "labels" / "downs"
RULE = "migration-without-down"
_PATH = re.compile(r"`([^`]+)`")


def flagged(report: dict[str, Any]) -> dict[tuple[str, str], str]:
    """(sha, path) of every migration the rule flagged (the first path its message
    names), with the message."""
    found = {}
    for commit in report.get("commits", []):
        for violation in commit.get("violations", []):
            if violation["rule"] == RULE:
                named = _PATH.search(violation["message"])
                if named is not None:
                    found[(commit["sha"], named[1])] = violation["message"]
    return found


def needs(labels: LabelFile) -> str:
    """Where the label file's repository comes from: its mirror, or its address."""
    mirror = labels.header.get("mirror", "")
    source = labels.header.get("repo", "")
    owner_name = source.removeprefix("https://github.com/")
    state = "present" if mirror and Path(mirror).is_dir() else "absent"
    return f"mirror {mirror} ({state}; fetch github:{owner_name}), else git clone {source}"


def measure(path: Path, commitguard: list[str]) -> dict[str, Any]:
    labels = LabelFile(path)
    rows = [
        (row["sha"], row["path"], row[RULE.replace("-", "_")].strip(), row["note"])
        for row in labels.rows
    ]
    try:
        repo = prepare(labels)
    except (subprocess.CalledProcessError, RuntimeError):
        return {"name": labels.name, "status": f"missing: {needs(labels)}"}
    report = run_check(commitguard, repo, labels.head)
    if isinstance(report, str):
        return {"name": labels.name, "status": report}
    messages = flagged(report)
    found = set(messages)
    positives = {(sha, p) for sha, p, label, _ in rows if label == "yes"}
    sample = {(sha, p) for sha, p, _, _ in rows}
    tp = positives & found
    fp = (sample - positives) & found
    fn = positives - found
    notes = {(sha, p): note for sha, p, _, note in rows}
    return {
        "name": labels.name,
        "status": "ok",
        "labelled": len(sample),
        "positives": len(positives),
        "tp": len(tp),
        "fp": len(fp),
        "fn": len(fn),
        "precision": ratio(len(tp), len(tp) + len(fp)),
        "recall": ratio(len(tp), len(positives)),
        "outside": len(found - sample),
        "errors": [
            {"kind": kind, "sha": sha, "path": p, "note": notes[(sha, p)]}
            for kind, group in (("false positive", fp), ("false negative", fn))
            for sha, p in sorted(group)
        ],
        "outside_findings": [
            {"sha": sha, "path": p, "message": messages[(sha, p)]}
            for sha, p in sorted(found - sample)
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--commitguard", help="the executable to measure")
    parser.add_argument("--repo", help="only this label file (its name without .csv)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument(
        "--needs", action="store_true", help="list the repositories each label file needs"
    )
    parser.add_argument(
        "--show-outside", action="store_true", help="list each finding outside the sample"
    )
    args = parser.parse_args(argv)
    commitguard = [args.commitguard] if args.commitguard else default_commitguard()
    files = sorted(LABELS.glob("*.csv"))
    if args.repo:
        files = [f for f in files if f.stem == args.repo]
    if args.needs:
        for path in files:
            print(f"{path.stem}: {needs(LabelFile(path))}")
        return 0
    results = [measure(path, commitguard) for path in files]
    if args.json:
        print(json.dumps({"commitguard": commitguard, "repositories": results}, indent=2))
        return 0
    writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    columns = ("labelled", "positives", "tp", "fp", "fn", "precision", "recall", "outside")
    writer.writerow(("repository", *columns))
    for result in results:
        if result["status"] != "ok":
            writer.writerow((result["name"], result["status"]))
            continue
        writer.writerow((result["name"], *(result[column] for column in columns)))
        if args.show_errors:
            for error in result["errors"]:
                print(f"  {error['kind']}: {error['sha'][:10]} {error['path']}: {error['note']}")
        if args.show_outside:
            for finding in result["outside_findings"]:
                print(f"  outside: {finding['sha']} {finding['message']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
