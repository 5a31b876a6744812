"""Recall and precision of security-work detection on labelled real histories.

`security-impact` asks a security fix for an `Impact:`/`Affects:` body; whether a
commit is security work is decided by `commitguard.security.detect.detect()`. This
script measures that decision, not the rule: every commit is judged "as if it were
a fix" (its header's type is forced to `fix`, a header that does not parse becomes
the description of one), with the team preset's default configuration, so that
histories which do not write conventional commits still measure the detection.

Two kinds of labels, in bench/labels/security/:

* `advisories.csv` (repo,sha,advisory,class,note): the commits that fixed a
  published security issue (a "Security notice" of a changelog, a GHSA), found by
  reading the diffs. Advisory recall = the share of them the detection flags.
* `<repo>.csv` (sha,evidence,security_work,note): a random sample of the commits the
  detection flagged when the labels were drawn, stratified by the strongest evidence
  (`keyword` in the description, then `scope`, then `path` only), each labelled
  yes/no by reading its diff: is it real security work (a fix or a hardening of
  authentication, authorization, sessions, tokens, crypto, or of input validation
  with a security consequence)? Its `# key: value` header names the repository, the
  mirror read here, the `head` the sample was drawn from and the recipe (`# sample:`).
* `kinds.csv` (repo,sha,kind,why): what each path-drawn commit labelled `no` is
  instead: `auth-fix` (a defect fixed in auth code with no security impact, which the
  team's rule still asks for its impact: `Impact: None` is its short answer),
  `auth-change` (a feature, refactor, removal or tests in auth code: no fix) or
  `not-auth` (no auth code at all). Path-only precision is printed both ways: security
  work alone, and security work or a fix in auth code.

The detection runs in a subprocess of the interpreter given by `--python`, which
imports whichever commitguard it has installed: the commits' headers and changed
paths (`git log --no-renames --name-status`) go to it as one JSON document on stdin
and its answers come back as JSON on stdout (see HELPER). Compare two builds by
running the script with each interpreter:

    python bench/security.py --python /path/to/before/bin/python
    python bench/security.py --python .venv/bin/python --show-errors

`--draw REPO` prints a fresh stratified sample of a repository's flagged commits (the
recipe of the label files), to extend them. It is a measurement, not a test: it
exits 0 whatever it measures.
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import random
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
LABELS = BENCH / "labels" / "security"
ADVISORIES = LABELS / "advisories.csv"
# What each path-drawn commit labelled `no` is instead (repo,sha,kind,why): `auth-fix` (a
# defect fixed in auth code, no security impact: the team's rule still asks it for its
# impact, and `Impact: None` is its short answer), `auth-change` (a feature, refactor,
# removal, tests or docs in auth code: not a fix) or `not-auth` (not auth code at all).
KINDS = LABELS / "kinds.csv"
PATH_KINDS = ("security", "auth-fix", "auth-change", "not-auth")
WORK = BENCH / ".work" / "repos"
# Strongest first: a commit flagged for several reasons counts under the first.
# The strongest evidence first; `dependency` is a manifest's path whose changed lines
# move a security package (`security.packages`) to another version.
CLASSES = ("keyword", "scope", "path", "dependency")
SEED = 12
PER_CLASS = 40  # labelled commits per evidence class, over all repositories

# Runs inside the measured interpreter. Protocol, version 1:
#   stdin:  {"version": 1, "type": "fix", "as_typed"?: bool, "commits": [{"sha", "subject",
#            "changes": [{"status", "path", "old_path"}], "hunks"?}]}
#   stdout: {"version": 1, "commitguard": <package file>, "hunks_used": bool,
#            "results": [{"sha", "relevant", "reasons": [{"kind", "subject",
#            "setting", "pattern"}], "ignored": [{"path", "pattern", "ignored_by"}]}]}
# "hunks" (path -> the changed lines, each starting with "+" or "-") is sent unless
# --no-hunks, and "body" (the message after its subject) always; each is passed on only
# to a detect() that takes that keyword argument, so a build that reads neither (the
# before11 baseline) decides exactly as it always did.
HELPER = r"""
import inspect, json, sys
import commitguard
from commitguard.config.load import default
from commitguard.message.parse import Header, parse_header
from commitguard.model import Change
from commitguard.security.detect import detect

request = json.load(sys.stdin)
config = default()
root = request.get("root")
if root and hasattr(config, "with_project_package"):
    # as config/load.py reads a work tree's root manifests
    from commitguard.security.project import project_package
    texts = root["texts"]
    config = config.with_project_package(project_package(root["files"], texts.get))
forced = request.get("type", "fix")
parameters = inspect.signature(detect).parameters
takes_hunks = "hunks" in parameters
takes_body = "body" in parameters
results = []
for commit in request["commits"]:
    subject = commit["subject"]
    parsed, _ = parse_header(subject)
    if parsed is None:
        header = Header(forced, None, False, subject.strip(), -1, 0)
    else:
        typed = request.get("as_typed") and parsed.type.lower() in config.types
        header = Header(
            parsed.type if typed else forced, parsed.scope, parsed.breaking,
            parsed.description, parsed.scope_start, parsed.description_start,
        )
    changes = tuple(
        Change(c.get("status", "M"), c["path"], c.get("old_path"))
        for c in commit["changes"]
    )
    extra = {"hunks": commit["hunks"]} if takes_hunks and "hunks" in commit else {}
    if takes_body:
        extra["body"] = commit.get("body", "")
    found = detect(header, changes, config, **extra)
    results.append({
        "sha": commit["sha"],
        "relevant": bool(found.relevant),
        "wants_lines": list(getattr(found, "wants_lines", ())),
        "reasons": [
            {"kind": r.kind, "subject": r.subject, "setting": r.setting, "pattern": r.pattern}
            for r in found.reasons
        ],
        "ignored": [
            {"path": i.path, "pattern": i.pattern, "ignored_by": i.ignored_by}
            for i in found.ignored
        ],
    })
json.dump({
    "version": 1,
    "commitguard": commitguard.__file__,
    "hunks_used": takes_hunks,
    "results": results,
}, sys.stdout)
"""


# ---------------------------------------------------------------- labels


def read_csv(path: Path) -> tuple[dict[str, str], list[dict[str, str]]]:
    """A label file's `# key: value` header and its rows."""
    header: dict[str, str] = {}
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            header[key.strip()] = value.strip()
        elif line.strip():
            lines.append(line)
    return header, list(csv.DictReader(lines))


class Repository:
    """One labelled repository: its sample, its advisory commits, and its git dir."""

    def __init__(self, path: Path, advisories: list[dict[str, str]]) -> None:
        self.name = path.stem
        self.header, self.rows = read_csv(path)
        self.head = self.header["head"]
        self.advisories = [row for row in advisories if row["repo"] == self.name]

    def kind(self, row: dict[str, str]) -> str | None:
        """What a labelled commit is, by kinds.csv: `security` for a `yes`."""
        if row["security_work"].strip() == "yes":
            return "security"
        return _kinds().get((self.name, row["sha"]))

    def yes(self) -> set[str]:
        return {row["sha"] for row in self.rows if row["security_work"].strip() == "yes"}

    def shas(self) -> set[str]:
        return {row["sha"] for row in self.rows} | {row["sha"] for row in self.advisories}


def repositories(names: Sequence[str] | None) -> list[Repository]:
    _, advisories = read_csv(ADVISORIES) if ADVISORIES.is_file() else ({}, [])
    files = sorted(path for path in LABELS.glob("*.csv") if path not in (ADVISORIES, KINDS))
    if names:
        files = [path for path in files if path.stem in names]
    return [Repository(path, advisories) for path in files]


_KINDS: dict[tuple[str, str], str] = {}


def _kinds() -> dict[tuple[str, str], str]:
    if not _KINDS and KINDS.is_file():
        _, rows = read_csv(KINDS)
        _KINDS.update({(row["repo"], row["sha"]): row["kind"] for row in rows})
    return _KINDS


# ---------------------------------------------------------------- git


def git_dir(header: dict[str, str], name: str) -> Path:
    """The mirror (a bare git dir, read in place) when there is one, else a blobless
    clone of `# repo:` in bench/.work/repos/<name> (made once; an existing clone there,
    such as bench/migrations.py's, is read as it is)."""
    mirror = Path(header.get("mirror", ""))
    if header.get("mirror") and mirror.is_dir():
        return mirror
    target = WORK / name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        command = ["git", "clone", "--quiet", "--no-checkout", "--filter=blob:none"]
        subprocess.run([*command, header["repo"], str(target)], check=True, capture_output=True)
    found = git(target, "rev-parse", "--absolute-git-dir").strip()
    return Path(found)


def git(repo: Path, *args: str, stdin: str | None = None) -> str:
    done = subprocess.run(
        ["git", "--git-dir", str(repo), "-c", "core.quotePath=false", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"git {args[0]} failed: {done.stderr.strip()}")
    return done.stdout


def commits(repo: Path, args: Iterable[str]) -> list[dict[str, Any]]:
    """Each commit's sha, header line, body and changed paths with their status (A, M,
    D, T: renames are split), in git log order."""
    out = git(repo, "log", "--no-renames", "--name-status", "--format=%x1e%H%x1f%B%x1d", *args)
    found = []
    for chunk in out.split("\x1e")[1:]:
        head, _, names = chunk.partition("\x1d")
        sha, _, message = head.partition("\x1f")
        subject, _, body = message.strip("\n").partition("\n")
        changes = [
            {"status": status[:1], "path": path, "old_path": None}
            for status, _, path in (line.partition("\t") for line in names.splitlines() if line)
        ]
        found.append({"sha": sha, "subject": subject, "body": body, "changes": changes})
    return found


def labelled_commits(repo: Path, shas: set[str]) -> list[dict[str, Any]]:
    if not shas:
        return []
    return commits(repo, ["--no-walk=unsorted", *sorted(shas)])


def add_hunks(repo: Path, found: list[dict[str, Any]]) -> None:
    """Attach each commit's changed lines (path -> "+line"/"-line"), for a detection
    that reads them. A diff git cannot produce (a blob the mirror lacks) gets none."""
    for commit in found:
        try:
            diff = git(repo, "show", "--no-renames", "-U0", "--format=", commit["sha"])
        except RuntimeError:
            continue
        hunks: dict[str, list[str]] = {}
        path = ""
        in_header = False  # between `diff --git` and the first `@@`: file names
        for line in diff.splitlines():
            if line.startswith("diff --git "):
                in_header, path = True, ""
            elif line.startswith("@@"):
                in_header = False
            elif in_header and line[:4] in ("--- ", "+++ ") and line[4:] != "/dev/null":
                path = line[6:]  # after "--- a/" or "+++ b/"
                hunks.setdefault(path, [])
            elif not in_header and line[:1] in ("+", "-") and path:
                hunks[path].append(line)
        commit["hunks"] = hunks


# ---------------------------------------------------------------- detection


def detect_reading(
    python: str, repo: Path, found: list[dict[str, Any]], hunks: bool, head: str = "HEAD"
) -> tuple[str, dict[str, dict[str, Any]]]:
    """detect(), then, as the hook does, again with the changed lines of the commits
    whose paths the build could not judge by name (`wants_lines`), read from git."""
    root = root_manifests(repo, head, python)
    package, detected = detect(python, found, root)
    if not hunks:
        return package, detected
    undecided = [c for c in found if detected.get(c["sha"], {}).get("wants_lines")]
    if undecided:
        add_hunks(repo, undecided)
        package, again = detect(python, undecided, root)
        detected.update(again)
    return package, detected


def root_manifests(repo: Path, head: str, python: str) -> dict[str, Any]:
    """The names at the root of the labelled head's tree and the texts of the manifests
    the measured build reads there: what `security.project: auto` reads in a work tree
    (config/load.py)."""
    files = git(repo, "ls-tree", "--name-only", head).split("\n")
    wanted = manifests_read_by(python)
    texts = {name: git(repo, "show", f"{head}:{name}") for name in wanted if name in files}
    return {"files": [name for name in files if name], "texts": texts}


@functools.cache
def manifests_read_by(python: str) -> tuple[str, ...]:
    """The root manifests a build names its project by (none before it did)."""
    done = subprocess.run(
        [python, "-c", MANIFESTS_OF_BUILD], capture_output=True, text=True, check=False
    )
    return tuple(done.stdout.split()) if done.returncode == 0 else ()


MANIFESTS_OF_BUILD = """
try:
    from commitguard.security.project import MANIFESTS
except ImportError:
    MANIFESTS = ()
print(*MANIFESTS)
"""


AS_TYPED = False  # --as-typed: a conventional header keeps its own type


def detect(
    python: str, found: list[dict[str, Any]], root: dict[str, Any] | None = None
) -> tuple[str, dict[str, dict[str, Any]]]:
    """The measured build's package file (with " (hunks used)" when its detect() took
    the changed lines), and its detection of each commit by sha; `root`: the files at
    the repository's root, which a build that reads them takes as a work tree's."""
    request = json.dumps(
        {"version": 1, "type": "fix", "as_typed": AS_TYPED, "commits": found, "root": root}
    )
    done = subprocess.run(
        [python, "-c", HELPER],
        input=request,
        capture_output=True,
        text=True,
        check=False,
        cwd=BENCH,
    )
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit {done.returncode}"]
        raise RuntimeError(f"the detection failed: {lines[-1]}")
    answer: dict[str, Any] = json.loads(done.stdout)
    package = str(answer["commitguard"]) + (" (hunks used)" if answer.get("hunks_used") else "")
    return package, {result["sha"]: result for result in answer["results"]}


def evidence(result: dict[str, Any] | None) -> str | None:
    """The strongest kind of reason the commit was flagged for; None if not flagged."""
    if not result or not result["relevant"]:
        return None
    kinds = {
        "dependency" if reason["setting"] == "security.packages" else reason["kind"]
        for reason in result["reasons"]
    }
    return next((kind for kind in CLASSES if kind in kinds), None)


def describe(result: dict[str, Any] | None) -> str:
    if not result or not result["reasons"]:
        return "not flagged"
    return ", ".join(f"{r['kind']} {r['subject']!r}" for r in result["reasons"][:4]) + (
        ", ..." if len(result["reasons"]) > 4 else ""
    )


# ---------------------------------------------------------------- measuring


def ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def measure(repo: Repository, python: str, hunks: bool) -> dict[str, Any]:
    result: dict[str, Any] = {"name": repo.name, "head": repo.head}
    try:
        directory = git_dir(repo.header, repo.name)
        found = labelled_commits(directory, repo.shas())
        package, detected = detect_reading(python, directory, found, hunks, repo.head)
    except (OSError, RuntimeError, ValueError, subprocess.CalledProcessError) as error:
        result["status"] = f"failed: {error}"
        return result
    result["status"] = "ok"
    result["commitguard"] = package
    subjects = {commit["sha"]: commit["subject"] for commit in found}
    missing = repo.shas() - set(detected)
    result["missing"] = sorted(missing)

    advisories = []
    for row in repo.advisories:
        kind = evidence(detected.get(row["sha"]))
        advisories.append(
            {
                "sha": row["sha"],
                "advisory": row["advisory"],
                "class": row["class"],
                "detected": kind is not None,
                "evidence": kind,
                "header": subjects.get(row["sha"], ""),
                "reasons": describe(detected.get(row["sha"])),
            }
        )
    hit = [entry for entry in advisories if entry["detected"]]
    names = {entry["advisory"] for entry in advisories}
    names_hit = {entry["advisory"] for entry in hit}
    result["recall"] = {
        "commits": len(advisories),
        "detected": len(hit),
        "recall": ratio(len(hit), len(advisories)),
        "advisories": len(names),
        "advisories_detected": len(names_hit),
        "by_evidence": {kind: sum(e["evidence"] == kind for e in hit) for kind in CLASSES},
    }
    result["advisory_commits"] = advisories

    truth = repo.yes()
    notes = {row["sha"]: row["note"] for row in repo.rows}
    drawn_as = {row["sha"]: row["evidence"] for row in repo.rows}
    sample = []
    for row in repo.rows:
        sha = row["sha"]
        sample.append(
            {
                "sha": sha,
                "drawn_as": drawn_as[sha],
                "evidence": evidence(detected.get(sha)),
                "security_work": sha in truth,
                "kind": repo.kind(row),
                "header": subjects.get(sha, ""),
                "note": notes[sha],
                "reasons": describe(detected.get(sha)),
            }
        )
    main = [entry for entry in sample if "@" not in entry["drawn_as"]]
    result["precision"] = precision(main)
    result["frames"] = {
        frame: precision([e for e in sample if e["drawn_as"].endswith("@" + frame)])
        for frame in sorted({e["drawn_as"].split("@")[1] for e in sample if "@" in e["drawn_as"]})
    }
    result["sample"] = sample
    return result


def precision(sample: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per evidence class (as the measured build classes each labelled commit): flagged,
    true and false positives, precision; and the labelled commits it no longer flags."""
    table: dict[str, dict[str, Any]] = {}
    for kind in (*CLASSES, "any"):
        flagged = [e for e in sample if e["evidence"] is not None]
        if kind != "any":
            flagged = [e for e in flagged if e["evidence"] == kind]
        tp = sum(e["security_work"] for e in flagged)
        table[kind] = {
            "flagged": len(flagged),
            "tp": tp,
            "fp": len(flagged) - tp,
            "precision": ratio(tp, len(flagged)),
        }
    dropped = [e for e in sample if e["evidence"] is None]
    table["dropped"] = {
        "yes": sum(e["security_work"] for e in dropped),
        "no": sum(not e["security_work"] for e in dropped),
    }
    return table


def fresh_sets() -> dict[str, list[str]]:
    """Each fresh set's projects, by its `# set N:` line in advisories.csv."""
    header, _ = read_csv(ADVISORIES) if ADVISORIES.is_file() else ({}, [])
    return {
        key: [name.strip() for name in value.split(",") if name.strip()]
        for key, value in header.items()
        if key.startswith("set ") and key[4:].isdigit()
    }


def set_recall(results: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Advisory recall over each fresh set's projects, and over the projects of none."""
    done = {r["name"]: r for r in results if r["status"] == "ok"}
    sets = fresh_sets()
    in_a_set = {name for names in sets.values() for name in names}
    groups = {**sets, "in no fresh set": [name for name in done if name not in in_a_set]}
    found: dict[str, dict[str, Any]] = {}
    for label, names in groups.items():
        entries = [e for name in names if name in done for e in done[name]["advisory_commits"]]
        hit = sum(1 for entry in entries if entry["detected"])
        if entries:
            found[label] = {"commits": len(entries), "detected": hit}
    return found


def overall(results: list[dict[str, Any]]) -> dict[str, Any]:
    done = [r for r in results if r["status"] == "ok"]
    entries = [entry for r in done for entry in r["advisory_commits"]]
    hit = [entry for entry in entries if entry["detected"]]
    names = {(r["name"], e["advisory"]) for r in done for e in r["advisory_commits"]}
    names_hit = {
        (r["name"], e["advisory"]) for r in done for e in r["advisory_commits"] if e["detected"]
    }
    return {
        "name": "overall",
        "status": "ok",
        "recall": {
            "commits": len(entries),
            "detected": len(hit),
            "recall": ratio(len(hit), len(entries)),
            "advisories": len(names),
            "advisories_detected": len(names_hit),
            "by_evidence": {kind: sum(e["evidence"] == kind for e in hit) for kind in CLASSES},
        },
        "precision": precision(
            [entry for r in done for entry in r["sample"] if "@" not in entry["drawn_as"]]
        ),
        "frames": {
            frame: precision(
                [e for r in done for e in r["sample"] if e["drawn_as"].endswith("@" + frame)]
            )
            for frame in sorted({f for r in done for f in r.get("frames", {})})
        },
        "path_kinds": path_kinds([e for r in done for e in r["sample"]]),
    }


def path_kinds(sample: list[dict[str, Any]]) -> dict[str, Any]:
    """What the commits path evidence alone flags are, over every path-drawn label (all
    frames): security work, a fix in auth code (the team's rule asks it too), a change
    to auth code that is no fix, or no auth code at all; and the same of the commits a
    security package's bump alone flags."""
    found: dict[str, Any] = {}
    for kind in ("path", "dependency"):
        flagged = [e for e in sample if e["drawn_as"].startswith(kind) and e["evidence"] == kind]
        typed = [e for e in flagged if TYPED_FIX.match(e["header"])]
        prefix = "" if kind == "path" else "dependency "
        found[prefix + "all"] = _kind_counts(flagged)
        found[prefix + "typed_fix"] = _kind_counts(typed)
    return found


# A header typed `fix` as the standard writes it: what the hook judges in a team that
# keeps the standard (the rest of a labelled history is judged as if it were a fix).
TYPED_FIX = re.compile(r"fix(\([^()\r\n]*\))?!?: ", re.IGNORECASE)


def _kind_counts(flagged: list[dict[str, Any]]) -> dict[str, Any]:
    counts = {kind: sum(e["kind"] == kind for e in flagged) for kind in PATH_KINDS}
    counts["unlabelled"] = sum(e["kind"] is None for e in flagged)
    by_rule = counts["security"] + counts["auth-fix"]
    return {
        "flagged": len(flagged),
        "kinds": counts,
        "precision": ratio(counts["security"], len(flagged)),
        "precision_by_rule": ratio(by_rule, len(flagged)),
    }


# ---------------------------------------------------------------- drawing a sample


def quotas(available: dict[str, int], total: int) -> dict[str, int]:
    """`total` spread as evenly as the repositories allow (a short one's shortfall goes
    to the others), in name order for the remainders."""
    share = dict.fromkeys(available, 0)
    left = total
    while left > 0:
        open_ = sorted(name for name in available if share[name] < available[name])
        if not open_:
            break
        step = max(left // len(open_), 1)
        for name in open_:
            if left == 0:
                break
            grant = min(step, available[name] - share[name], left)
            share[name] += grant
            left -= grant
    return share


def draw(
    python: str,
    names: Sequence[str],
    per_class: int,
    seed: int,
    hunks: bool,
    typed_fix: bool = False,
) -> None:
    """Print, per repository and evidence class, a fresh sample of flagged commits;
    with `typed_fix`, only of commits typed `fix` and not labelled yet."""
    every = {path.stem: path for path in LABELS.glob("*.csv") if path not in (ADVISORIES, KINDS)}
    flagged: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for name in sorted(names or every):
        header, _ = read_csv(every[name])
        directory = git_dir(header, name)
        history = commits(directory, ["--no-merges", header["head"]])
        if typed_fix:
            labelled = Repository(every[name], []).shas()
            history = [
                c for c in history if TYPED_FIX.match(c["subject"]) and c["sha"] not in labelled
            ]
        _, detected = detect_reading(python, directory, history, hunks, header["head"])
        by_class: dict[str, list[tuple[str, str]]] = {kind: [] for kind in CLASSES}
        for commit in history:
            kind = evidence(detected.get(commit["sha"]))
            if kind is not None:
                by_class[kind].append((commit["sha"], commit["subject"]))
        flagged[name] = by_class
        counts = ", ".join(f"{kind} {len(by_class[kind])}" for kind in CLASSES)
        print(f"# {name}: {len(history)} non-merge commits; flagged: {counts}")
    generator = random.Random(seed)
    chosen: dict[str, set[str]] = {name: set() for name in flagged}
    for kind in CLASSES:
        available = {name: len(flagged[name][kind]) for name in flagged}
        for name, count in quotas(available, per_class).items():
            if count:
                chosen[name] |= {sha for sha, _ in generator.sample(flagged[name][kind], count)}
    for name, by_class in flagged.items():
        for kind in CLASSES:
            for sha, subject in by_class[kind]:  # git log order, newest first
                if sha in chosen[name]:
                    print(f"{name},{sha},{kind},{subject}")


# ---------------------------------------------------------------- output


def show(value: float | int | None) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def print_result(result: dict[str, Any], show_errors: bool) -> None:
    head = f" (head {result['head'][:12]})" if "head" in result else ""
    print(f"{result['name']}{head}: ", end="")
    if result["status"] != "ok":
        print(result["status"])
        return
    recall = result["recall"]
    by = ", ".join(f"{kind} {recall['by_evidence'][kind]}" for kind in CLASSES)
    print(
        f"advisory recall {recall['detected']}/{recall['commits']} commits"
        f" ({show(recall['recall'])}; {by}),"
        f" {recall['advisories_detected']}/{recall['advisories']} advisories"
    )
    table = result["precision"]
    print(f"  {'evidence':10}" + "".join(f"{c:>10}" for c in ("flagged", "tp", "fp", "precision")))
    for kind in (*CLASSES, "any"):
        cells = [show(table[kind][c]) for c in ("flagged", "tp", "fp", "precision")]
        print(f"  {kind:10}" + "".join(f"{c:>10}" for c in cells))
    dropped = table["dropped"]
    if dropped["yes"] or dropped["no"]:
        print(f"  labelled but no longer flagged: {dropped['yes']} yes, {dropped['no']} no")
    for frame, other in result.get("frames", {}).items():
        counts = ", ".join(
            f"{kind} {other[kind]['tp']}/{other[kind]['flagged']}" for kind in (*CLASSES, "any")
        )
        gone = other["dropped"]
        print(
            f"  sample drawn from {frame}'s flags (tp/flagged): {counts};"
            f" not flagged: {gone['yes']} yes, {gone['no']} no"
        )
    for which, kinds in (result.get("path_kinds") or {}).items():
        if not kinds["flagged"]:
            continue
        spread = ", ".join(f"{kind} {count}" for kind, count in kinds["kinds"].items())
        kind, _, which = which.rpartition(" ")
        among = f"every {kind or 'path'}-drawn label" if which == "all" else "those typed `fix`"
        print(
            f"  {kind or 'path'}-only flags, {among}: {kinds['flagged']} ({spread}); security work"
            f" {show(kinds['precision'])}, security work or a fix in auth code (the team's"
            f" rule) {show(kinds['precision_by_rule'])}"
        )
    for sha in result.get("missing", []):
        print(f"  not in the repository: {sha}")
    if not show_errors or "sample" not in result:
        return
    for entry in result["advisory_commits"]:
        if not entry["detected"]:
            print(f"  MISS {entry['sha'][:12]} {entry['header']}")
            print(f"      advisory: {entry['advisory']} ({entry['class']}); {entry['reasons']}")
    for entry in result["sample"]:
        if entry["evidence"] is not None and not entry["security_work"]:
            print(f"  FP {entry['evidence']:7} {entry['sha'][:12]} {entry['header']}")
            print(f"      label: {entry['note']}")
            print(f"      commitguard: {entry['reasons']}")
    for entry in result["sample"]:
        if entry["evidence"] is None:
            label = "yes" if entry["security_work"] else "no"
            print(f"  DROPPED ({label}) {entry['sha'][:12]} {entry['header']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--python", default=sys.executable, help="the interpreter whose commitguard to measure"
    )
    parser.add_argument("--repo", action="append", help="only this label file's name")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--show-errors", action="store_true", help="list misses and FPs")
    parser.add_argument(
        "--no-hunks",
        dest="hunks",
        action="store_false",
        help="do not send each commit's changed lines to the detection",
    )
    # The default now; accepted so that older command lines still run.
    parser.add_argument("--hunks", dest="hunks_flag", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--draw", action="store_true", help="print a fresh stratified sample instead"
    )
    parser.add_argument(
        "--typed-fix",
        action="store_true",
        help="with --draw: only commits typed `fix` that no label file names yet",
    )
    parser.add_argument(
        "--as-typed",
        action="store_true",
        help="judge a conventional header by its own type (feat, docs: not security types)",
    )
    parser.add_argument("--per-class", type=int, default=PER_CLASS, help="with --draw")
    parser.add_argument("--seed", type=int, default=SEED, help="with --draw")
    args = parser.parse_args(argv)
    global AS_TYPED
    AS_TYPED = args.as_typed
    if args.draw:
        draw(args.python, args.repo or [], args.per_class, args.seed, args.hunks, args.typed_fix)
        return 0
    results = [measure(repo, args.python, args.hunks) for repo in repositories(args.repo)]
    total = overall(results)
    by_set = set_recall(results)
    if args.json:
        report = {
            "version": 1,
            "python": args.python,
            "repositories": results,
            "overall": total,
            "sets": by_set,
        }
        json.dump(report, sys.stdout, indent=2)
        print()
        return 0
    print(f"python: {args.python}")
    packages = {r["commitguard"] for r in results if r["status"] == "ok"}
    print(f"commitguard: {', '.join(sorted(packages)) or '-'}")
    for result in results:
        print_result(result, args.show_errors)
    print_result(total, False)
    for label, counts in by_set.items():
        recall = show(ratio(counts["detected"], counts["commits"]))
        print(f"{label}: advisory recall {counts['detected']}/{counts['commits']} ({recall})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
