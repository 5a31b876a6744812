"""How often `preset: conventional` agrees with commitlint's config-conventional on real history.

    python bench/commitlint.py [--commitguard EXE ...] [--repo NAME] [--commits 3000]
                               [--refresh] [--examples 3] [--json]

For each repository (vitejs/vite, semantic-release/semantic-release, nextauthjs/next-auth,
from the mirrors in /work/.mirror), takes the last `--commits` commits of HEAD (the commits
of `HEAD~N..HEAD`, N as large as keeps them within the count; the whole history when it
is shorter) and judges every one twice:

- commitlint: `@commitlint/cli` with `@commitlint/config-conventional`, default ignores
  on, through bench/commitlint_verdicts.mjs, which lints as `commitlint --from --to` does
  but in one node process. A commit passes when it has no error (warnings pass, as
  commitlint's exit code says). Installed with npm into bench/.work/commitlint once.
  The verdicts are kept in bench/labels/commitlint/<repo>.csv (the commits commitlint
  fails or ignores; every other commit of the range passed), with the head, the range and
  the commitlint version they came from, so a rerun needs no node; `--refresh`
  recomputes them.
- commitguard: `EXE check --format json HEAD~N..HEAD` under `preset: conventional` with
  the security and migration rules turned off (the configuration is written for each
  build from what its `commitguard rules` lists). A commit passes when it has no error.

Prints, per repository and build, the agreement (commits judged alike / commits) and
each class of disagreement: which side failed, with which rules, how many commits, and
example headers. `--commitguard` may be given several times (before and after in one
run); the default is the `commitguard` next to this Python. Goal (issue 13): at least
98% agreement on each repository; exit 0 when the last build given meets it everywhere.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
NODE_DIR = WORK / "commitlint"
LABELS = HERE / "labels" / "commitlint"
MIRRORS = Path("/work/.mirror")
REPOS = {
    "vite": "vitejs+vite",
    "semantic-release": "semantic-release+semantic-release",
    "next-auth": "nextauthjs+next-auth",
}
NPM_PACKAGES = ("@commitlint/cli@20.5.3", "@commitlint/config-conventional@20.5.3")
OFF_FAMILIES = ("migrations", "security")
GOAL = 0.98


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout


def clone(name: str) -> Path:
    """A bare clone sharing the mirror's objects: the bench never writes to the mirror."""
    target = WORK / "repos" / f"{name}.git"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        mirror = MIRRORS / REPOS[name] / "repo"
        subprocess.run(
            ["git", "clone", "--quiet", "--bare", "--shared", str(mirror), str(target)], check=True
        )
    return target


def choose_range(repo: Path, commits: int) -> str:
    """`HEAD~N..HEAD` with the largest N whose range holds at most `commits` commits."""
    if int(git(repo, "rev-list", "--count", "HEAD")) <= commits:
        return "HEAD"
    depth = int(git(repo, "rev-list", "--count", "--first-parent", "HEAD"))
    low, high = 1, min(commits, depth - 1)
    while low < high:
        middle = (low + high + 1) // 2
        if int(git(repo, "rev-list", "--count", f"HEAD~{middle}..HEAD")) <= commits:
            low = middle
        else:
            high = middle - 1
    return f"HEAD~{low}..HEAD"


def messages(repo: Path, revisions: str) -> list[tuple[str, str]]:
    """(sha, message) as commitlint reads them: `%B` and the newline git-raw-commits adds."""
    out = git(repo, "log", "--format=%H%x00%B%x00", revisions)
    fields = out.split("\0")
    return [
        (fields[index].strip(), fields[index + 1] + "\n") for index in range(0, len(fields) - 1, 2)
    ]


# --- commitlint -------------------------------------------------------------------------


def install_commitlint() -> None:
    if (NODE_DIR / "node_modules" / "@commitlint" / "cli").exists():
        return
    NODE_DIR.mkdir(parents=True, exist_ok=True)
    package = NODE_DIR / "package.json"
    if not package.exists():
        package.write_text('{"name": "commitlint-bench", "private": true}\n')
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", *NPM_PACKAGES], cwd=NODE_DIR, check=True
    )


def commitlint_version() -> str:
    package = NODE_DIR / "node_modules" / "@commitlint" / "cli" / "package.json"
    return str(json.loads(package.read_text())["version"])


class Verdict:
    def __init__(self, passed: bool, rules: tuple[str, ...], ignored: bool = False) -> None:
        self.passed = passed
        self.rules = rules  # the rules that failed with an error
        self.ignored = ignored  # commitlint's default ignores let it through


def commitlint_verdicts(
    name: str, head: str, revisions: str, judged: list[tuple[str, str]], refresh: bool
) -> dict[str, Verdict]:
    labels = LABELS / f"{name}.csv"
    if labels.exists() and not refresh:
        stored = _read_labels(labels, head, revisions, judged)
        if stored is not None:
            return stored
    install_commitlint()
    result = subprocess.run(
        ["node", str(HERE / "commitlint_verdicts.mjs"), str(NODE_DIR)],
        input=json.dumps(judged),
        capture_output=True,
        text=True,
        check=True,
    )
    verdicts = {
        sha: Verdict(not errors, tuple(sorted(set(errors))), ignored)
        for sha, ignored, errors, _warnings in json.loads(result.stdout)
    }
    _write_labels(labels, head, revisions, judged, verdicts)
    return verdicts


def _write_labels(
    path: Path,
    head: str,
    revisions: str,
    judged: list[tuple[str, str]],
    verdicts: dict[str, Verdict],
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    buffer.write(
        f"# commitlint {commitlint_version()} with config-conventional, default ignores on\n"
        f"{_range_line(head, revisions, judged)}\n"
        "# every other commit of the range passed\n"
    )
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["sha", "verdict", "errors", "header"])
    for sha, message in judged:
        verdict = verdicts[sha]
        if verdict.passed and not verdict.ignored:
            continue
        label = "ignored" if verdict.ignored else "fail"
        writer.writerow([sha, label, " ".join(verdict.rules), message.split("\n", 1)[0]])
    path.write_text(buffer.getvalue())


def _range_line(head: str, revisions: str, judged: list[tuple[str, str]]) -> str:
    return f"# head {head} range {revisions} commits {len(judged)}"


def _read_labels(
    path: Path, head: str, revisions: str, judged: list[tuple[str, str]]
) -> dict[str, Verdict] | None:
    lines = path.read_text().splitlines()
    if len(lines) < 2 or lines[1] != _range_line(head, revisions, judged):
        return None
    verdicts = {sha: Verdict(True, ()) for sha, _ in judged}
    for row in csv.DictReader(line for line in lines if not line.startswith("#")):
        if row["sha"] not in verdicts:
            return None
        verdicts[row["sha"]] = Verdict(
            row["verdict"] == "ignored", tuple(row["errors"].split()), row["verdict"] == "ignored"
        )
    return verdicts


# --- commitguard ------------------------------------------------------------------------


def config_for(exe: str, repo: Path) -> str:
    """`preset: conventional` with every rule of the security and migration families off,
    as this build's `commitguard rules` lists them (builds differ in their rule sets)."""
    listing = subprocess.run(
        [exe, "rules"], cwd=repo, check=True, capture_output=True, text=True
    ).stdout
    off: list[str] = []
    family = ""
    for line in listing.splitlines():
        if line.endswith(" rules") and not line.startswith(" "):
            family = line.split()[0]
        elif line.startswith("  ") and family in OFF_FAMILIES:
            off.append(line.split()[0])
    return "preset: conventional\nrules:\n" + "".join(f"  {rule}: off\n" for rule in off)


def commitguard_verdicts(exe: str, repo: Path, revisions: str) -> dict[str, Verdict]:
    """Commits absent from the JSON had no finding: they pass."""
    with tempfile.TemporaryDirectory() as scratch:
        config = Path(scratch) / "commitguard.yaml"
        config.write_text(config_for(exe, repo))
        extra = ["--include-bots"] if _knows(exe, repo, "--include-bots") else []
        result = subprocess.run(
            [exe, "check", "--config", str(config), "--format", "json", *extra, revisions],
            cwd=repo,
            capture_output=True,
            text=True,
        )
    if result.returncode not in (0, 1):
        sys.exit(f"{exe} check failed ({result.returncode}): {result.stderr.strip()}")
    verdicts: dict[str, Verdict] = {}
    for commit in json.loads(result.stdout)["commits"]:
        errors = sorted({v["rule"] for v in commit["violations"] if v["severity"] == "error"})
        verdicts[commit["sha"]] = Verdict(not errors, tuple(errors))
    return verdicts


def _knows(exe: str, repo: Path, flag: str) -> bool:
    # Bots are judged here like anyone: commitlint judges them too.
    helptext = subprocess.run(
        [exe, "check", "--help"], cwd=repo, capture_output=True, text=True
    ).stdout
    return flag in helptext


# --- comparison -------------------------------------------------------------------------


def compare(
    judged: list[tuple[str, str]],
    theirs: dict[str, Verdict],
    ours: dict[str, Verdict],
) -> tuple[int, dict[str, list[str]]]:
    """Commits judged alike, and the headers of the others by class of disagreement."""
    alike = 0
    classes: dict[str, list[str]] = defaultdict(list)
    passing = Verdict(True, ())
    for sha, message in judged:
        them, us = theirs[sha], ours.get(sha, passing)
        if them.passed == us.passed:
            alike += 1
            continue
        if us.passed:
            kind = "commitlint fails: " + " ".join(them.rules)
        else:
            why = " (commitlint ignores it)" if them.ignored else ""
            kind = "commitguard fails: " + " ".join(us.rules) + why
        classes[kind].append(f"{sha[:10]} {message.split(chr(10), 1)[0]}")
    return alike, classes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--commitguard", action="append", metavar="EXE")
    parser.add_argument("--repo", action="append", choices=sorted(REPOS))
    parser.add_argument("--commits", type=int, default=3000)
    parser.add_argument("--refresh", action="store_true", help="recompute commitlint's verdicts")
    parser.add_argument("--examples", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    builds = args.commitguard or [str(Path(sys.executable).with_name("commitguard"))]
    rows = []
    met = True
    for name in args.repo or list(REPOS):
        repo = clone(name)
        head = git(repo, "rev-parse", "HEAD").strip()
        revisions = choose_range(repo, args.commits)
        judged = [(sha, text) for sha, text in messages(repo, revisions) if text.strip()]
        theirs = commitlint_verdicts(name, head, revisions, judged, args.refresh)
        for exe in builds:
            alike, classes = compare(judged, theirs, commitguard_verdicts(exe, repo, revisions))
            share = alike / len(judged)
            if exe == builds[-1]:
                met = met and share >= GOAL
            rows.append(
                {
                    "repo": name,
                    "commitguard": exe,
                    "range": revisions,
                    "commits": len(judged),
                    "alike": alike,
                    "agreement": round(share, 4),
                    "classes": {kind: len(items) for kind, items in classes.items()},
                }
            )
            if not args.json:
                print(f"{name} ({revisions}, {len(judged)} commits) {exe}")
                print(f"  agreement {share:.2%} ({alike}/{len(judged)})")
                for kind, items in sorted(classes.items(), key=lambda kv: -len(kv[1])):
                    print(f"  {len(items):5d}  {kind}")
                    for example in items[: args.examples]:
                        print(f"           {example[:110]}")
    if args.json:
        json.dump(rows, sys.stdout, indent=2)
        print()
    return 0 if met else 1


if __name__ == "__main__":
    os.environ.setdefault("GIT_CONFIG_NOSYSTEM", "1")
    sys.exit(main())
